# conciergerie — build, test, demo, install.
#   make               build ./conciergerie
#   make check         install missing system libraries, run every test
#                      (plain build, then the same suites under ASan+UBSan)
#   make demo          run the main job on a bundled example
#   make SANITIZE=1    build ./conciergerie with AddressSanitizer + UBSan
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/conciergerie

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 xlsxwriter libzip expat libcmark-gfm
VERSION = 0.1.0

ifeq ($(SANITIZE),1)
VARIANT = asan
OPT = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# skipped text checks still run, and abort on anything found (lib/md.c)
CPPFLAGS += -DCZ_CHECK_TEXT_SAFE
else ifeq ($(FUZZ),1)
# libFuzzer harnesses (clang only): the library gets coverage instrumentation.
VARIANT = fuzz
OPT = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CPPFLAGS += -DCZ_CHECK_TEXT_SAFE
else
VARIANT = release
OPT = -O2 -g
endif
BUILD ?= build
B = $(BUILD)/$(VARIANT)

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DCZ_VERSION='"$(VERSION)"' -Ilib
CFLAGS_ALL = -std=c11 -pthread $(WARN) $(OPT) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lxlsxwriter -lz -lyaml -lzip -lexpat -lcmark-gfm) \
	-lcmark-gfm-extensions -lm -pthread
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

LIB_SRC = $(sort $(wildcard lib/*.c))
CMD_SRC = $(sort $(wildcard cmd/*.c))
TEMPLATES = $(sort $(wildcard templates/*.yaml))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/templates.o $(B)/gen/referential_data.o
CMD_OBJ = $(CMD_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all conciergerie check check-variant demo install uninstall clean deps test-deps unit cli man man-deps check-install bench bench-deps
.PHONY: hostile hardening-deps fuzz fuzz-bins check-fuzz check-valgrind lint office-deps check-office
.PHONY: browser-deps check-browser
all: conciergerie

# ./conciergerie is the binary of the variant asked for (SANITIZE=1 or not).
conciergerie: $(B)/conciergerie
	@cmp -s $< $@ || cp $< $@

$(B)/conciergerie: $(CMD_OBJ) $(B)/libconciergerie.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(CMD_OBJ) $(B)/libconciergerie.a $(LIBS)

$(B)/libconciergerie.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Templates are compiled in: one C array per file, named after it.
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -o $@ $<

$(B)/gen/templates.c: $(TEMPLATES) $(B)/tools/embed Makefile
	@mkdir -p $(B)/gen
	rm -f $@.tmp
	for t in $(TEMPLATES); do \
		sym=cz_builtin_$$(basename $$t .yaml | tr -c 'a-z0-9\n' '_'); \
		$(B)/tools/embed $$sym $$t $(B)/gen/$$(basename $$t).c || exit 1; \
		cat $(B)/gen/$$(basename $$t).c >> $@.tmp; \
	done
	mv $@.tmp $@

$(B)/gen/templates.o: $(B)/gen/templates.c
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<

# The built-in referential, loaded at build time by the library's own loader
# and written out as static data (no YAML parsed at start-up). The generator
# links every library object but that data, which it defines empty itself;
# it is rebuilt, and the data regenerated, whenever the library or
# templates/referentiel.yaml (gen/templates.o) changes.
REF_GEN_OBJ = $(filter-out $(B)/gen/referential_data.o,$(LIB_OBJ))
$(B)/tools/gen_referential: tools/gen_referential.c $(REF_GEN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(REF_GEN_OBJ) $(LIBS)

$(B)/gen/referential_data.c: $(B)/tools/gen_referential
	@mkdir -p $(B)/gen
	$(B)/tools/gen_referential $@.tmp
	mv $@.tmp $@

$(B)/gen/referential_data.o: $(B)/gen/referential_data.c
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Every unit test links locale_env.o (it runs in its environment's locale)
# and the independent output checks of tests/common (libzip and expat read
# the workbooks back).
UNIT_ENV = $(B)/tests/locale_env.o
OUTPUT_CHECK = $(B)/tests/output_check.o
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs libzip expat 2>/dev/null || echo -lzip -lexpat)

$(UNIT_ENV): tests/unit/locale_env.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<

$(OUTPUT_CHECK): tests/common/output_check.c tests/common/output_check.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $(shell $(PKG_CONFIG) --cflags libzip expat 2>/dev/null) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/fixture.h $(B)/libconciergerie.a $(UNIT_ENV) $(OUTPUT_CHECK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(UNIT_ENV) $(OUTPUT_CHECK) $(B)/libconciergerie.a $(LIBS) \
		$(CMOCKA_LIBS) $(CHECK_LIBS)

# A French locale (decimal comma) for the second run of the unit tests,
# compiled from the `locales` package's sources into the build directory
# (no root needed; test-deps installs the package when it is missing).
FR_LOCALE = $(BUILD)/locale/fr_FR.UTF-8
$(FR_LOCALE)/LC_NUMERIC:
	@mkdir -p $(BUILD)/locale
	@localedef -i fr_FR -f UTF-8 $(FR_LOCALE) 2>/dev/null || [ -f $@ ] || \
		{ echo "localedef n'a pas pu produire la locale fr_FR.UTF-8 (paquet locales ?)"; exit 1; }

# Fuzz harnesses (tests/fuzz/fuzz_*.c), built by `make fuzz` with FUZZ=1 CC=clang.
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/%)

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(B)/libconciergerie.a $(OUTPUT_CHECK)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(OUTPUT_CHECK) $(B)/libconciergerie.a $(LIBS) \
		$(CHECK_LIBS)

fuzz-bins: $(FUZZ_BIN)

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)

# System libraries: installed with apt-get only when pkg-config cannot find them.
deps:
	@if $(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null; then :; else \
		echo "Installation des bibliothèques manquantes (libyaml, libxlsxwriter, libzip, expat, cmark-gfm, cmocka)…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			pkg-config libyaml-dev libxlsxwriter-dev libzip-dev libexpat1-dev libcmark-gfm-dev \
			libcmark-gfm-extensions-dev libcmocka-dev; \
	fi

# Tools the tests use to read outputs independently of our own code.
test-deps: deps
	@if [ -x /usr/bin/cmark-gfm ] && /usr/bin/python3 -c 'import openpyxl, yaml, html5lib' 2>/dev/null && \
		[ -f /usr/share/i18n/locales/fr_FR ] && [ -f /usr/share/i18n/charmaps/UTF-8.gz ] && \
		$(PKG_CONFIG) --exists libzip expat 2>/dev/null && command -v git >/dev/null; then :; else \
		echo "Installation des outils de test (cmark-gfm, python3-openpyxl, python3-yaml, python3-html5lib, locales, libzip, expat, git)…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			cmark-gfm python3-openpyxl python3-yaml python3-html5lib locales libzip-dev libexpat1-dev git; \
	fi

# Twice: in the caller's locale, then under fr_FR.UTF-8, where the C
# library reads and writes numbers with a comma (the library must not care).
unit: $(UNIT_BIN) $(FR_LOCALE)/LC_NUMERIC
	@for t in $(UNIT_BIN); do echo "== $$t"; $$t || exit 1; done
	@for t in $(UNIT_BIN); do echo "== fr_FR.UTF-8 $$t"; \
		LOCPATH=$(abspath $(BUILD)/locale) LC_ALL=fr_FR.UTF-8 CZ_TEST_LOCALE=fr_FR.UTF-8 $$t || exit 1; done

cli: $(B)/conciergerie
	@CZ=$(abspath $(B)/conciergerie) sh tests/cli/run.sh

# Hostile inputs against every registered command (huge, deep, malformed files),
# then generated valid non-ASCII inputs whose every output is read back by
# independent readers (openpyxl only for the plain build: the ASan build
# writes the same bytes).
hostile: $(B)/conciergerie
	@CZ=$(abspath $(B)/conciergerie) sh tests/hostile/run.sh
	@CZ=$(abspath $(B)/conciergerie) CHECK_OPENPYXL=$(if $(filter asan,$(VARIANT)),0,1) \
		sh tests/hostile/outputs.sh

check-variant: unit cli hostile

# Hardening beyond `make check` (CI runs them after it): fuzzing, valgrind,
# static analysis. hardening-deps installs their tools when missing.
CLANG ?= clang
CLANG_TIDY ?= clang-tidy
CPPCHECK ?= cppcheck
FUZZ_SECONDS ?= 60

hardening-deps: deps
	@missing=; \
	command -v $(CLANG) >/dev/null 2>&1 || missing="$$missing clang"; \
	t=$$(mktemp -d); echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n * 0; }' >$$t/f.c; \
	$(CLANG) -fsanitize=fuzzer -o $$t/f $$t/f.c >/dev/null 2>&1 || missing="$$missing libclang-rt-dev"; rm -rf $$t; \
	command -v $(CLANG_TIDY) >/dev/null 2>&1 || missing="$$missing clang-tidy"; \
	command -v $(CPPCHECK) >/dev/null 2>&1 || missing="$$missing cppcheck"; \
	command -v valgrind >/dev/null 2>&1 || missing="$$missing valgrind"; \
	$(PKG_CONFIG) --exists libzip 2>/dev/null || missing="$$missing libzip-dev"; \
	$(PKG_CONFIG) --exists expat 2>/dev/null || missing="$$missing libexpat1-dev"; \
	if [ -n "$$missing" ]; then \
		echo "Installation des outils de vérification :$$missing…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# libFuzzer harnesses into $(BUILD)/fuzz/, then each run FUZZ_SECONDS.
fuzz: hardening-deps
	@$(MAKE) --no-print-directory FUZZ=1 SANITIZE= CC=$(CLANG) fuzz-bins

check-fuzz: fuzz
	@$(MAKE) --no-print-directory SANITIZE= $(BUILD)/release/conciergerie
	@CZ=$(abspath $(BUILD)/release/conciergerie) sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

# Every command on every example, then the CLI golden suite, under memcheck
# (plain build). Still-reachable blocks of the libraries are not errors.
check-valgrind: hardening-deps test-deps
	@$(MAKE) --no-print-directory SANITIZE= $(BUILD)/release/conciergerie
	@CZ=$(abspath $(BUILD)/release/conciergerie) sh tests/valgrind/run.sh

# Static analysis of lib/ and cmd/: clang-tidy reads .clang-tidy; cppcheck's
# suppressions, each with its reason, are in .cppcheck-suppressions.
CPPCHECK_FLAGS = --std=c11 --enable=warning,style,performance,portability \
	--inline-suppr --suppressions-list=.cppcheck-suppressions --error-exitcode=1 --quiet \
	-D_POSIX_C_SOURCE=200809L -DCZ_VERSION='"$(VERSION)"' -Ilib -Icmd
# Both tools always run, so one pass shows every finding.
lint: hardening-deps
	@st=0; \
	echo "cppcheck lib cmd"; $(CPPCHECK) $(CPPCHECK_FLAGS) lib cmd || st=1; \
	echo "clang-tidy lib cmd"; $(CLANG_TIDY) --quiet $(LIB_SRC) $(CMD_SRC) -- $(CPPFLAGS) -std=c11 \
		$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) 2>/dev/null || st=1; \
	[ $$st = 0 ] && echo "lint : aucun problème"; exit $$st

# Real-client checks with LibreOffice Calc, too slow for `make check` (CI
# runs them after it): see tests/office/run.sh. office-deps installs
# LibreOffice Calc, poppler-utils (pdfinfo, pdftotext) and Carlito (the
# font metric-compatible with Calibri, the workbooks' font: without it
# LibreOffice falls back to a wider font and pages differ from what users
# get) when missing.
office-deps: test-deps
	@if command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && \
		fc-list 2>/dev/null | grep -qi carlito; then :; else \
		echo "Installation de LibreOffice Calc, de poppler-utils et de la police Carlito…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-calc poppler-utils \
			fonts-crosextra-carlito; \
	fi

check-office: office-deps
	@$(MAKE) --no-print-directory SANITIZE= $(BUILD)/release/conciergerie
	@CZ=$(abspath $(BUILD)/release/conciergerie) sh tests/office/run.sh

# Installs into a temporary DESTDIR and uses what was installed.
# The html reports in a real browser (CI runs it after make check): Debian's
# Chromium, poppler-utils and fonts, and Node's npm only when the machine
# has no npm (a Node.js from elsewhere may be installed: Debian's npm would
# conflict with it); playwright-core, pinned in tests/browser/package.json,
# from the npm registry into build/browser.
BROWSER_DIR = $(BUILD)/browser
browser-deps: test-deps
	@missing=; [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdfinfo >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installation des outils du navigateur :$$missing…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@if ! cmp -s tests/browser/package.json $(BROWSER_DIR)/package.json || \
		[ ! -f $(BROWSER_DIR)/node_modules/playwright-core/package.json ]; then \
		echo "Installation de playwright-core (registre npm)…"; \
		mkdir -p $(BROWSER_DIR) && cp tests/browser/package.json $(BROWSER_DIR)/ && \
		cd $(BROWSER_DIR) && npm install --no-audit --no-fund --loglevel=error; \
	fi

check-browser: browser-deps $(B)/conciergerie
	@CZ=$(abspath $(B)/conciergerie) BROWSER_DIR=$(abspath $(BROWSER_DIR)) sh tests/browser/run.sh

check-install: man-deps $(B)/conciergerie
	@sh tests/packaging/run.sh

check: test-deps
	$(MAKE) --no-print-directory check-variant SANITIZE=
	$(MAKE) --no-print-directory check-install SANITIZE=
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		$(MAKE) --no-print-directory check-variant SANITIZE=1
	@echo "make check : tous les tests sont passés (binaire normal puis ASan+UBSan)."

demo: deps conciergerie
	./conciergerie validate examples/*.yaml
	./conciergerie referentiel | head -n 40
	./conciergerie diag examples/quartier-test.yaml

# Benchmark: N synthetic projects through `report` (md and xlsx) against a
# libyaml parse floor; see bench/run.sh. N=10000 works too.
N ?= 2000
BENCH_TOOLS = $(B)/bench/gen_projects $(B)/bench/parse_floor $(B)/bench/peak

$(B)/bench/%: bench/%.c $(B)/libconciergerie.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ $< $(B)/libconciergerie.a $(LIBS)

# The peer script (bench/peer.py) needs Debian's python3-yaml and
# python3-xlsxwriter; callgrind counts instructions.
bench-deps: deps
	@if /usr/bin/python3 -c 'import yaml, xlsxwriter' 2>/dev/null && command -v valgrind >/dev/null 2>&1; then :; else \
		echo "Installation des outils du banc d'essai (python3-yaml, python3-xlsxwriter, valgrind)…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-yaml python3-xlsxwriter valgrind; \
	fi

bench: deps bench-deps $(B)/conciergerie $(BENCH_TOOLS)
	@sh bench/run.sh $(B) $(N)

# Man pages are written in scdoc (man/*.scd) and built at install time.
MAN_SRC = $(sort $(wildcard man/*.scd))
MAN_OUT = $(MAN_SRC:man/%.scd=$(B)/man/%)
MANDIR = $(PREFIX)/share/man
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions

man-deps:
	@if command -v scdoc >/dev/null 2>&1; then :; else \
		echo "Installation de scdoc (pages de manuel)…"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq scdoc; \
	fi

man: man-deps $(MAN_OUT)

$(B)/man/%: man/%.scd
	@mkdir -p $(dir $@)
	scdoc < $< > $@.tmp && mv $@.tmp $@

install: conciergerie man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/examples \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 conciergerie $(DESTDIR)$(BINDIR)/conciergerie
	install -m 644 examples/*.yaml $(DESTDIR)$(DATADIR)/examples/
	install -m 644 $(filter %.1,$(MAN_OUT)) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(filter %.5,$(MAN_OUT)) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completion/conciergerie.bash $(DESTDIR)$(COMPLETIONDIR)/conciergerie

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/conciergerie
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(filter %.1,$(MAN_OUT))))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MAN_OUT))))
	rm -f $(DESTDIR)$(COMPLETIONDIR)/conciergerie

clean:
	rm -rf $(BUILD) conciergerie
