#!/bin/sh
# Hostile inputs: every registered command (read from `$CZ help`) on files
# built to hurt a parser (huge lines, a million records, deep nesting,
# extreme numbers, escapes, BOMs, CRLF, Latin-1, an alias bomb, several
# documents, a directory, an empty file, /dev/null…). Each run must:
#   - exit 1 or 3 (0 as well when the file is a valid project),
#   - on failure write nothing (empty stdout, empty output directory, no
#     file left in the working directory),
#   - print at most MAX_LINES lines on stderr, each "file:line:column: message"
#     or "file: message" (no sanitizer report, no library warning),
#   - stay within CPU and memory limits set with ulimit (no wall-clock timing).
# Then a few writes that must fail (missing directory, device, full disk)
# must leave an existing target intact and exit 3.
# Usage: CZ=path/to/conciergerie sh tests/hostile/run.sh  (VERBOSE=1: every run's status)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary}"
case $CZ in /*) ;; *) CZ=$(pwd)/$CZ ;; esac
EX="$root/examples"
export SOURCE_DATE_EPOCH=1767225600 LC_ALL=C.UTF-8 TZ=UTC

MAX_LINES=110  # CZ_PROBLEMS_MAX (100) + "trop d'erreurs" + a few summary lines
CPU_SECONDS=5 # per run (a run here takes well under 1 s); tripled under ASan
MEM_KIB=1048576
# A sanitizer report must not pass for "exit 1": give them their own codes.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"
# ASan reserves terabytes of virtual memory: only the CPU limit applies then.
asan=0
if grep -q __asan_init "$CZ" 2>/dev/null; then asan=1 CPU_SECONDS=$((CPU_SECONDS * 3)); fi
line_re='^[^]= :[][^:]*(:[0-9]+:[0-9]+)?: [^[:space:]]'
bad_re='runtime error|Sanitizer|^==[0-9]|^\[(WARNING|ERROR)'
json_ok=0
if /usr/bin/python3 -c 'import json' 2>/dev/null; then json_ok=1; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$tmp/in" out="$tmp/out" work="$tmp/work"
mkdir -p "$in" "$out" "$work"
pass=0 fail=0

# --- hostile files -----------------------------------------------------------
# Each file has a class: v = a valid project (every run must exit 0),
# i = invalid (exit 1), a = either (accepted or refused, but cleanly),
# n = unreadable (exit 3).
files=""
add() { files="$files $in/$1:$2"; }
head_ok='version: 1
projet:
  nom: "Hostile"
  type: quartier
  phase: test'
valid() { printf '%s\n' "$head_ok"; }
repeat() { # count, text: the text repeated, without a newline
	awk -v n="$1" -v s="$2" 'BEGIN { ORS = ""; for (i = 0; i < n; i++) print s }'
}

{ printf 'version: 1\nprojet:\n  nom: "'; head -c 3145728 /dev/zero | tr '\0' a
  printf '"\n  type: quartier\n  phase: test\n'; } >"$in/long-scalar.yaml"
add long-scalar.yaml i
{ valid; printf '# '; head -c 3145728 /dev/zero | tr '\0' x; printf '\n'; } >"$in/long-comment.yaml"
add long-comment.yaml a
{ printf 'version: 1\nprojet: { nom: x, type: quartier, phase: test, '; head -c 2000000 /dev/zero | tr '\0' k
  printf ': 1 }\n'; } >"$in/long-key.yaml"
add long-key.yaml i
{ valid; echo 'activite:'; awk 'BEGIN { for (i = 0; i < 1000000; i++) print "  - {}" }'; } >"$in/million-records.yaml"
add million-records.yaml i
# Just under the 4 MiB size limit, so the tree builder itself must say no.
{ valid; echo 'activite:'; awk 'BEGIN { for (i = 0; i < 550000; i++) print "  - {}" }'; } >"$in/many-records.yaml"
add many-records.yaml i
{ valid; echo 'etapes:'; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "  k%d: fait\n", i }'; } >"$in/million-keys.yaml"
add million-keys.yaml i
{ valid; echo 'etapes:'; awk 'BEGIN { for (i = 0; i < 250000; i++) printf "  k%d: fait\n", i }'; } >"$in/many-keys.yaml"
add many-keys.yaml i
{ valid; printf 'bmc: { partenaires: ['; repeat 19999 '"a", '; printf '"a"] }\n'; } >"$in/wide-flow.yaml"
add wide-flow.yaml a
{ valid; printf 'bmc: '; repeat 100000 '['; repeat 100000 ']'; echo; } >"$in/deep-flow-seq.yaml"
add deep-flow-seq.yaml i
{ valid; printf 'bmc: '; repeat 100000 '{a: '; repeat 100000 '}'; echo; } >"$in/deep-flow-map.yaml"
add deep-flow-map.yaml i
{ valid; echo 'bmc:'; awk 'BEGIN { s = "  "; for (i = 0; i < 1000; i++) { printf "%sk%d:\n", s, i; s = s " " } printf "%sx\n", s }'; } >"$in/deep-block-map.yaml"
add deep-block-map.yaml i
{ valid; echo 'bmc:'; awk 'BEGIN { s = "  "; for (i = 0; i < 1000; i++) { printf "%s-\n", s; s = s "  " } printf "%sx\n", s }'; } >"$in/deep-block-seq.yaml"
add deep-block-seq.yaml i
{ valid; cat <<'EOF'
  territoire: { population: 99999999999999999999, entreprises: -0, salaries: 1e308 }
activite:
  - { periode: 2026-01, recettes: 1e308, charges: 1e-308, km: -0, demandes: 1e309 }
  - { periode: 2026-02, recettes: .inf, charges: .nan, heures_salariees: -.inf }
  - { periode: 2026-03, recettes: 0x7fffffffffffffff, charges: 0o777, clients: 1.0e+3 }
financements:
  - { source: "x", pilier: activite, nature: don, montant: 99999999999999999999, annee: 99999999999999999999 }
test: { charge_travail: 4.9e-324, carnet_commandes: -1e-308 }
EOF
} >"$in/numbers.yaml"
add numbers.yaml i
{ valid; cat <<'EOF'
activite:
  - { periode: 2026-01, recettes: 1000000000, charges: 0.000001, km: -0, demandes: 0 }
  - { periode: 2026-02, recettes: 0, charges: 1000000000, commandes: 10000000, demandes: 1 }
financements:
  - { source: "x", pilier: activite, nature: don, montant: 1000000000, annee: 2026, acquis: true }
test: { charge_travail: 0, carnet_commandes: 120, tresorerie_mois: 0 }
EOF
} >"$in/numbers-at-bounds.yaml"
add numbers-at-bounds.yaml a
cat >"$in/escapes.yaml" <<'EOF'
version: 1
projet:
  nom: "\0 \a \x41 \u00e9 \U0001F600 \N \_ \L \P | * _ ` < > & # [x](y) \\ \" \t \e \v \f \b \r \n"
  type: quartier
  phase: test
  porteur: { nom: "\0z", statut: benevole }
acteurs:
  - { nom: "\u202Edroite\u202C \x7f", type: commerce }
  - { nom: "a\0b", type: commerce }
besoins:
  - { besoin: "<script>alert(1)</script>", cible: habitants, demandes: 3 }
offre:
  - { service: "=HYPERLINK(\"x\")", cible: habitants, prix: 1, unite: heure, prioritaire: true, prestataire: "a\0b" }
bmc: { partenaires: ["|", "\\", "\n\n# titre"], clients: ["-", "+", "1."] }
EOF
add escapes.yaml a
# The same without NUL characters (refused), so the reports get the rest.
sed 's/\\0//g' "$in/escapes.yaml" >"$in/escapes-no-nul.yaml"
add escapes-no-nul.yaml a
{ printf '\357\273\277'; valid | sed 's/$/\r/'; } >"$in/bom-utf8-crlf.yaml"
add bom-utf8-crlf.yaml v
valid | sed 's/$/\r/' >"$in/crlf.yaml"
add crlf.yaml v
printf 'version: 1\rprojet:\r  nom: x\r  type: quartier\r  phase: test\r' >"$in/cr-only.yaml"
add cr-only.yaml a
if command -v iconv >/dev/null 2>&1; then
	{ printf '\377\376'; valid | iconv -f UTF-8 -t UTF-16LE; } >"$in/bom-utf16le.yaml"
	add bom-utf16le.yaml a
	{ printf '\376\377'; valid | iconv -f UTF-8 -t UTF-16BE; } >"$in/bom-utf16be.yaml"
	add bom-utf16be.yaml a
	valid | iconv -f UTF-8 -t UTF-16LE >"$in/utf16-no-bom.yaml"
	add utf16-no-bom.yaml i
fi
printf 'version: 1\nprojet:\n  nom: "Caf\351 du Ch\342teau"\n  type: quartier\n  phase: test\n' >"$in/latin1.yaml"
add latin1.yaml i
{ valid; printf 'acteurs:\n  - { nom: "\303\251t\351", type: commerce }\n'; } >"$in/mixed-encoding.yaml"
add mixed-encoding.yaml i
{ valid; printf 'bmc: { partenaires: ["a\000b"] }\n'; } >"$in/nul-byte.yaml"
add nul-byte.yaml i
{ echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
  prev=a
  for l in b c d e f g h i j k l m; do
	printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $l $l $prev $prev $prev $prev $prev $prev $prev $prev $prev
	prev=$l
  done
  valid; } >"$in/alias-bomb.yaml"
add alias-bomb.yaml i
{ valid; echo '---'; valid; echo '...'; echo '---'; valid; } >"$in/several-documents.yaml"
add several-documents.yaml i
{ valid; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "inconnue%d: 1\n", i }'; } >"$in/many-problems.yaml"
add many-problems.yaml i
{ valid; echo 'acteurs:'; awk 'BEGIN { for (i = 0; i < 3000; i++) printf "  - { nom: \"A\", type: autre }\n" }'; } >"$in/duplicates.yaml"
add duplicates.yaml i
# A valid project at the item limits: analyses must stay fast on it.
{ valid; echo 'acteurs:'
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "  - { nom: \"Acteur %d\", type: commerce, roles: [prestataire, client], charte: true }\n", i }'
  echo 'besoins:'
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "  - { besoin: \"Besoin %d\", cible: habitants, demandes: %d }\n", i, i }'
  echo 'offre:'
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "  - { service: \"Besoin %d\", cible: habitants, prix: 999999999, unite: mois, prioritaire: true, recurrent: true, prestataire: \"Acteur %d\" }\n", i, i }'
  echo 'activite:'
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "  - { periode: %04d-%02d, demandes: 10000000, commandes: 10000000, clients: 10000000, recettes: 1000000000, charges: 1000000000, heures_benevoles: 1000000 }\n", 2000 + int(i / 12), i % 12 + 1 }'
  echo 'financements:'
  awk 'BEGIN { for (i = 0; i < 2000; i++) printf "  - { source: \"F %d\", pilier: soutien_public, nature: subvention, montant: 1000000000, annee: 2026, acquis: true }\n", i }'
} >"$in/big-valid.yaml"
add big-valid.yaml a
head -c 300000 "$CZ" >"$in/binary.yaml"
add binary.yaml i
printf '\t\n\t- [\n' >"$in/tabs.yaml"
add tabs.yaml i
printf 'version: 1\nprojet: "' >"$in/truncated.yaml"
add truncated.yaml i
: >"$in/empty.yaml"
add empty.yaml i
printf '\357\273\277' >"$in/bom-only.yaml"
add bom-only.yaml i
mkdir "$in/directory.yaml"
add directory.yaml i
files="$files /dev/null:i $in/absent.yaml:n"

# --- commands, and the options each accepts (probed, not assumed) --------------
commands=$("$CZ" help | awk '/^Commandes/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "hostile: liste des commandes introuvable dans « $CZ help »"; exit 1; }
accepts() { "$CZ" "$@" --help >/dev/null 2>&1; }
# Does $cmd take files, and does it need -o DIR to run at all (report)?
probe() {
	takes_files=1 needs_out=0 pre= xlsx=0 html=0
	"$CZ" "$cmd" --help 2>/dev/null | grep -q -- '-f [a-z|]*xlsx' && xlsx=1
	"$CZ" "$cmd" --help 2>/dev/null | grep -q -- '-f [a-z|]*html' && html=1
	"$CZ" "$cmd" "$tmp/absent-dir/x.yaml" >/dev/null 2>&1
	[ $? = 2 ] || return 0
	# A command that compares two files (diff): the example on the other side.
	"$CZ" "$cmd" "$example" "$tmp/absent-dir/x.yaml" >/dev/null 2>&1
	if [ $? = 3 ]; then
		pre=$example
		return 0
	fi
	takes_files=0
	accepts "$cmd" -o x || return 0
	"$CZ" "$cmd" -o "$tmp/probe" "$tmp/absent-dir/x.yaml" >/dev/null 2>&1
	[ $? = 2 ] || { takes_files=1 needs_out=1; }
	rm -rf "$tmp/probe"
}

check_run() { # class, label, then the command line
	class=$1 label=$2
	shift 2
	rm -rf "$out" "$work"
	mkdir -p "$out" "$work"
	(cd "$work" && ulimit -c 0 && ulimit -t $CPU_SECONDS && { [ $asan = 1 ] || ulimit -v $MEM_KIB; } &&
		exec "$@") >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
	st=$?
	why=""
	[ $st -gt 128 ] && why="tué par le signal $((st - 128)) (limite de $CPU_SECONDS s de CPU ou de mémoire ?)"
	case $class:$st in
	v:0 | a:0 | a:1 | i:1 | n:3) ;;
	*) why="$why, statut $st" ;;
	esac
	if [ $st != 0 ]; then
		# A command writing into -o DIR (report) prints only a summary on stdout.
		[ -s "$tmp/stdout" ] && [ -z "${keep_on_failure:-}" ] && why="$why, sortie standard non vide"
		# report lists invalid files in its portfolio by design: only that.
		written=$(cd "$out" && find . -type f ! -name "${keep_on_failure:-/}" ! -name "${keep_index:-/}" | head -n 3 | tr '\n' ' ')
		[ -n "$written" ] && why="$why, fichier écrit ($written)"
	elif [ $json_ok = 1 ]; then
		stdout_json="$tmp/stdout"
		[ -n "${keep_on_failure:-}" ] && stdout_json=
		for j in $stdout_json "$out"/*.json "$out"/*/*.json; do
			case $j in *'*.json') continue ;; esac
			case $* in *json*) ;; *) continue ;; esac
			[ -s "$j" ] || continue
			/usr/bin/python3 -c 'import json, sys
def no(c): raise ValueError(c)
json.load(open(sys.argv[1], encoding="utf-8"), parse_constant=no)' "$j" 2>/dev/null ||
				why="$why, JSON invalide ($(basename "$j"))"
		done
	fi
	[ -n "$(ls -A "$work")" ] && why="$why, fichier laissé dans le répertoire courant"
	n=$(wc -l <"$tmp/stderr")
	[ "$n" -gt $MAX_LINES ] && why="$why, $n lignes d'erreur"
	if grep -Evq "$line_re" "$tmp/stderr" || grep -Eq "$bad_re" "$tmp/stderr"; then
		why="$why, erreur mal formée : $(grep -Ev "$line_re" "$tmp/stderr" | head -n 1; grep -E "$bad_re" "$tmp/stderr" | head -n 1)"
	fi
	[ "${VERBOSE:-}" = 1 ] && echo "$st $label"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $label: ${why#, }"
		head -n 5 "$tmp/stderr" | cut -c 1-200 | sed 's/^/    /'
	fi
}

example=$(ls "$EX"/*.yaml | head -n 1)
# Every command loads an amended referential the same way: the hostile
# files go through --referentiel for referentiel, validate and the first
# analysis only, to keep the run short.
ref_analysis=""
for cmd in $commands; do
	# The workbook commands have their own section below.
	case $cmd in help | init | fiche | import) continue ;; esac
	probe
	fmt=0 ref=0 outp=0
	accepts "$cmd" -f json && fmt=1
	accepts "$cmd" --referentiel x && ref=1
	accepts "$cmd" -o x && outp=1
	keep_on_failure=
	[ $needs_out = 1 ] && keep_on_failure='portefeuille.*'
	keep_index=
	[ $needs_out = 1 ] && keep_index=index.html # the html portfolio
	case $cmd in
	referentiel | validate) ;;
	*) if [ $ref = 1 ] && [ $fmt = 1 ] && [ -z "$ref_analysis" ]; then ref_analysis=$cmd; else ref=0; fi ;;
	esac
	for entry in $files; do
		f=${entry%:*} class=${entry##*:}
		name=$(basename "$f")
		# A directory is a valid input of report: all its *.yaml (none here).
		[ $needs_out = 1 ] && [ -d "$f" ] && class=a
		if [ $needs_out = 1 ]; then
			check_run "$class" "$cmd -o DIR $name" "$CZ" "$cmd" -o "$out/r" "$f"
			[ $class = i ] || check_run "$class" "$cmd -f json -o DIR $name" "$CZ" "$cmd" -f json -o "$out/r" "$f"
			check_run "$class" "$cmd -f xlsx -o DIR $name" "$CZ" "$cmd" -f xlsx -o "$out/r" "$f"
			check_run "$class" "$cmd -f html -o DIR $name" "$CZ" "$cmd" -f html -o "$out/r" "$f"
		elif [ $takes_files = 1 ]; then
			check_run "$class" "$cmd $name" "$CZ" "$cmd" ${pre:+"$pre"} "$f"
			if [ $fmt = 1 ]; then
				# JSON of an invalid file fails like Markdown: only valid ones.
				[ $class = i ] || check_run "$class" "$cmd -f json $name" "$CZ" "$cmd" -f json ${pre:+"$pre"} "$f"
				[ $xlsx = 0 ] || check_run "$class" "$cmd -f xlsx $name" "$CZ" "$cmd" -f xlsx -o "$out/r.xlsx" ${pre:+"$pre"} "$f"
				[ $class = i ] || [ $html = 0 ] || check_run "$class" "$cmd -f html $name" "$CZ" "$cmd" -f html -o "$out/r.html" ${pre:+"$pre"} "$f"
			elif [ $outp = 1 ]; then
				check_run "$class" "$cmd -o $name" "$CZ" "$cmd" -o "$out/r.out" "$f"
			fi
		fi
		# The same file as an amended referential: never a valid one.
		[ $class = n ] || class=i
		if [ $ref = 1 ]; then
			if [ $needs_out = 1 ]; then
				check_run $class "$cmd --referentiel $name" "$CZ" "$cmd" --referentiel "$f" -o "$out/r" "$example"
			elif [ $takes_files = 1 ]; then
				check_run $class "$cmd --referentiel $name" "$CZ" "$cmd" --referentiel "$f" ${pre:+"$pre"} "$example"
			elif [ $outp = 1 ]; then
				check_run $class "$cmd --referentiel $name" "$CZ" "$cmd" --referentiel "$f" -o "$out/r.yaml"
			else
				check_run $class "$cmd --referentiel $name" "$CZ" "$cmd" --referentiel "$f"
			fi
		fi
	done
	# Standard input, for a few of them.
	if [ $takes_files = 1 ] && [ $needs_out = 0 ]; then
		for name in bom-utf8-crlf.yaml binary.yaml many-records.yaml; do
			class=i
			[ $name = bom-utf8-crlf.yaml ] && class=v
			if [ -n "$pre" ]; then
				check_run $class "$cmd EXEMPLE - < $name" sh -c "exec \"\$0\" $cmd \"\$2\" - <\"\$1\"" "$CZ" "$in/$name" "$pre"
			else
				check_run $class "$cmd - < $name" sh -c "exec \"\$0\" $cmd - <\"\$1\"" "$CZ" "$in/$name"
			fi
		done
	fi
done

# --- the spreadsheet form: fiche reads the hostile project files, import reads
# hostile workbooks (and project files, which are no workbooks) ------------------
for entry in $files; do
	f=${entry%:*} class=${entry##*:}
	name=$(basename "$f")
	check_run "$class" "fiche $name" "$CZ" fiche -q "$f" -o "$out/fiche.xlsx"
	[ $class = n ] || class=i
	check_run "$class" "import $name" "$CZ" import -q "$f" -o "$out/projet.yaml"
done
check_run v "fiche (vierge)" "$CZ" fiche -q -o "$out/fiche.xlsx"
check_run i "import - < binary.yaml" sh -c 'exec "$0" import - <"$1"' "$CZ" "$in/binary.yaml"
if [ -x /usr/bin/python3 ]; then
	books="$tmp/books"
	mkdir -p "$books"
	"$CZ" fiche -q "$example" -o "$tmp/base.xlsx" &&
		/usr/bin/python3 "$root/tests/tools/hostile_xlsx.py" "$tmp/base.xlsx" "$books" ||
		{ echo "FAIL classeurs hostiles : génération impossible"; fail=$((fail + 1)); }
	cp "$example" "$tmp/into.yaml"
	sum=$(cksum <"$tmp/into.yaml")
	for b in "$books"/*.xlsx; do
		name=$(basename "$b")
		check_run i "import $name" "$CZ" import "$b" -o "$out/projet.yaml"
		# One line per problem: a hostile workbook is refused in one.
		[ "$(wc -l <"$tmp/stderr")" -le 1 ] || { fail=$((fail + 1)); echo "FAIL import $name : plus d'une ligne d'erreur"; }
		check_run i "import $name --into" "$CZ" import -q "$b" --into "$tmp/into.yaml"
	done
	[ "$(cksum <"$tmp/into.yaml")" = "$sum" ] && pass=$((pass + 1)) ||
		{ fail=$((fail + 1)); echo "FAIL import --into : le fichier de projet a changé"; }
else
	echo "hostile: /usr/bin/python3 absent, classeurs hostiles ignorés"
fi

# --- writes that fail ---------------------------------------------------------
# Exit 3 with a message, and an existing target left exactly as it was.
expect_io_error() { # label, target to keep intact or "", then the command line
	label=$1 keep=$2
	shift 2
	[ -n "$keep" ] && sum=$(cksum <"$keep")
	(ulimit -c 0 && ulimit -t $CPU_SECONDS && exec "$@") >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
	st=$?
	why=""
	[ $st = 3 ] || why="statut $st"
	[ -s "$tmp/stderr" ] || why="$why, aucun message"
	if grep -Evq "$line_re" "$tmp/stderr" || grep -Eq "$bad_re" "$tmp/stderr"; then
		why="$why, erreur mal formée"
	fi
	if [ -n "$keep" ] && [ "$(cksum <"$keep")" != "$sum" ]; then why="$why, cible modifiée"; fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $label: ${why#, }"
		head -n 5 "$tmp/stderr" | sed 's/^/    /'
	fi
}
io="$tmp/io"
mkdir -p "$io"
echo "ancien contenu" >"$io/keep.md"
expect_io_error "referentiel -o dossier absent" "" "$CZ" referentiel -o "$io/absent/ref.yaml"
expect_io_error "referentiel > /dev/full" "" sh -c 'exec "$0" referentiel >/dev/full' "$CZ"
expect_io_error "validate --referentiel illisible" "" "$CZ" validate --referentiel "$io/absent.yaml" "$example"
expect_io_error "fiche -o dossier absent" "" "$CZ" fiche -q "$example" -o "$io/absent/fiche.xlsx"
"$CZ" fiche -q "$example" -o "$io/fiche.xlsx"
expect_io_error "import -o dossier absent" "" "$CZ" import -q "$io/fiche.xlsx" -o "$io/absent/projet.yaml"
expect_io_error "import > /dev/full" "" sh -c 'exec "$0" import -q "$1" >/dev/full' "$CZ" "$io/fiche.xlsx"
expect_io_error "import classeur absent" "" "$CZ" import "$io/absent.xlsx"
keep_on_failure=
keep_index=
for cmd in $commands; do
	case $cmd in help | init | referentiel | validate) continue ;; esac
	accepts "$cmd" -f json || continue
	probe
	# (an output directory, as report's, is created with its parents)
	if [ $needs_out = 0 ]; then
		expect_io_error "$cmd -o dossier absent" "" "$CZ" "$cmd" -o "$io/absent/r.md" ${pre:+"$pre"} "$example"
		[ $xlsx = 0 ] || expect_io_error "$cmd -f xlsx -o dossier absent" "" "$CZ" "$cmd" -f xlsx -o "$io/absent/r.xlsx" ${pre:+"$pre"} "$example"
		expect_io_error "$cmd > /dev/full" "" sh -c "exec \"\$0\" $cmd \"\$@\" >/dev/full" "$CZ" ${pre:+"$pre"} "$example"
		expect_io_error "$cmd -o répertoire-fichier" "$io/keep.md" "$CZ" "$cmd" -o "$io/keep.md/r.md" ${pre:+"$pre"} "$example"
	else
		expect_io_error "$cmd -o répertoire-fichier" "$io/keep.md" "$CZ" "$cmd" -o "$io/keep.md/r" "$example"
	fi
done
# A device as target: written in place (never replaced by a regular file);
# a full one is an I/O error. A private device node keeps a regression from
# ever replacing the real /dev/full.
if mknod "$io/full" c 1 7 2>/dev/null; then
	expect_io_error "referentiel -o périphérique plein" "" "$CZ" referentiel -o "$io/full"
	[ -c "$io/full" ] || { fail=$((fail + 1)); echo "FAIL -o périphérique : remplacé par un fichier"; }
	for cmd in $commands; do
		case $cmd in help | init | referentiel | validate) continue ;; esac
		accepts "$cmd" -f json || continue
		probe
		[ $needs_out = 1 ] || [ $xlsx = 0 ] && continue
		expect_io_error "$cmd -f xlsx -o périphérique plein" "" "$CZ" "$cmd" -f xlsx -o "$io/full" ${pre:+"$pre"} "$example"
		[ -c "$io/full" ] || { fail=$((fail + 1)); echo "FAIL $cmd -o périphérique : remplacé par un fichier"; }
	done
else
	echo "hostile: mknod impossible ici, test d'écriture sur un périphérique plein ignoré"
fi
# A full and a read-only file system: a tiny tmpfs in a private mount
# namespace (nothing leaks to the machine), when root may create one.
cat >"$tmp/fs.sh" <<'EOF'
d=$1 cz=$2 res=$3 example=$4 dir_commands=$5
shift 5
mount -t tmpfs -o size=64k tmpfs "$d" || exit 100
for c in referentiel fiche "$@"; do echo "ancien contenu" >"$d/$c.keep.xlsx"; done
mv "$d/referentiel.keep.xlsx" "$d/referentiel.keep.yaml"
echo "ancien contenu" >"$d/import.keep.yaml"
mkdir "$d/rapports"
head -c 1048576 /dev/zero >"$d/remplissage" 2>/dev/null
"$cz" referentiel --force -o "$d/referentiel.keep.yaml" 2>"$res/full-referentiel.err"
echo $? >"$res/full-referentiel.st"
for c in "$@"; do
	# the commands comparing two files (CZ_TWO) get the example twice
	case " $CZ_TWO " in *" $c "*) set_pre=$example ;; *) set_pre= ;; esac
	"$cz" "$c" -f xlsx -o "$d/$c.keep.xlsx" ${set_pre:+"$set_pre"} "$example" 2>"$res/full-$c.err"
	echo $? >"$res/full-$c.st"
done
for c in $dir_commands; do
	"$cz" "$c" -f xlsx -o "$d/rapports" "$example" >/dev/null 2>"$res/full-$c.err"
	echo $? >"$res/full-$c.st"
done
"$cz" fiche -q --force "$example" -o "$d/fiche.keep.xlsx" 2>"$res/full-fiche.err"
echo $? >"$res/full-fiche.st"
"$cz" import -q --force "$res/fiche.xlsx" -o "$d/import.keep.yaml" 2>"$res/full-import.err"
echo $? >"$res/full-import.st"
cat "$d"/*.keep.* | sort -u >"$res/full.after"
find "$d" -name '*.tmp-*' >"$res/full.tmp"
ls -A "$d" | sort >"$res/full.ls"
mount -o remount,ro "$d" || exit 100
"$cz" referentiel -o "$d/nouveau.yaml" 2>"$res/ro.err"
echo $? >"$res/ro.st"
ls -A "$d" | sort >"$res/ro.ls"
EOF
fs_commands="" fs_dir_commands="" fs_two=""
for cmd in $commands; do
	case $cmd in help | init | referentiel | validate) continue ;; esac
	accepts "$cmd" -f json || continue
	probe
	[ $xlsx = 1 ] || continue
	[ -z "$pre" ] || fs_two="$fs_two $cmd"
	if [ $needs_out = 1 ]; then fs_dir_commands="$fs_dir_commands $cmd"; else fs_commands="$fs_commands $cmd"; fi
done
mkdir -p "$io/tiny" "$io/res"
cp "$io/fiche.xlsx" "$io/res/fiche.xlsx"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
	CZ_TWO=$fs_two unshare -m sh "$tmp/fs.sh" "$io/tiny" "$CZ" "$io/res" "$example" "$fs_dir_commands" $fs_commands 2>/dev/null; then
	for c in referentiel fiche import $fs_commands $fs_dir_commands; do
		st=$(cat "$io/res/full-$c.st")
		if [ "$st" = 3 ] && [ -s "$io/res/full-$c.err" ] && ! grep -Evq "$line_re" "$io/res/full-$c.err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $c -o disque plein : statut $st"
			head -n 3 "$io/res/full-$c.err" | sed 's/^/    /'
		fi
	done
	# Every target still holds its old content, and no temporary file is left.
	if [ "$(cat "$io/res/full.after")" = "ancien contenu" ] && [ ! -s "$io/res/full.tmp" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL disque plein : cible modifiée ou fichier temporaire laissé ($(tr '\n' ' ' <"$io/res/full.ls"))"
	fi
	if [ "$(cat "$io/res/ro.st")" = 3 ] && grep -q 'lecture seule' "$io/res/ro.err" &&
		! grep -q nouveau "$io/res/ro.ls"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL système de fichiers en lecture seule : statut $(cat "$io/res/ro.st")"
	fi
else
	echo "hostile: montage d'un tmpfs impossible ici (root et unshare requis), tests de disque plein et de lecture seule ignorés"
fi

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]
