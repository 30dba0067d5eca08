#!/bin/sh
# Run every fuzz harness of DIR (built by `make fuzz`) for SECONDS each and
# fail on any crash, leak, timeout or out-of-memory.
# Usage: sh tests/fuzz/run.sh DIR SECONDS [harness...]
# The seed corpus is assembled at run time from the repository's YAML files
# (examples, templates, tests) and, when present, the public YAML test suite
# in ../shared/corpus/yaml-test-suite/; the corpus each harness grows is kept
# in DIR/corpus/<harness>/ so later runs start from it. Findings land in
# DIR/artifacts/; turn each into a file of tests/fuzz/regressions/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:?usage: run.sh DIR SECONDS [harness...]}
secs=${2:?usage: run.sh DIR SECONDS [harness...]}
shift 2
dir=$(cd "$dir" && pwd) || exit 1

seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$dir/artifacts" "$dir/logs"
n=0
add_seed() { # file, name prefix
	[ -f "$1" ] || return 0
	cp "$1" "$seeds/$2-$(basename "$1")" && n=$((n + 1))
}
for f in "$root"/examples/*.yaml "$root"/templates/*.yaml; do add_seed "$f" repo; done
for f in $(cd "$root" && find tests -name '*.yaml' -o -name '*.yml' | sort); do
	add_seed "$root/$f" "tests-$(dirname "$f" | tr / -)"
done
for f in "$root"/tests/fuzz/regressions/*; do add_seed "$f" regression; done
suite="$root/../shared/corpus/yaml-test-suite"
if [ -d "$suite" ]; then
	for f in "$suite"/*.yaml; do add_seed "$f" yts; done
else
	echo "fuzz: $suite absent, graines de la suite de tests YAML ignorées"
fi
echo "fuzz: $n graines"

# fuzz_import reads workbooks: its seeds are the fiches of the examples,
# whole (first byte 0) and as the parts its other modes replace (1: the
# Projet sheet, 2: Acteurs, 3: the shared strings, 4: the workbook part).
import_seeds="$dir/seeds-import"
rm -rf "$import_seeds"
mkdir -p "$import_seeds"
if [ -n "${CZ:-}" ] && [ -x /usr/bin/python3 ]; then
	for ex in "$root"/examples/*.yaml; do
		name=$(basename "$ex" .yaml)
		"$CZ" fiche -q "$ex" -o "$import_seeds/$name.xlsx" || continue
		/usr/bin/python3 - "$import_seeds/$name.xlsx" "$import_seeds/$name" <<'PY'
import sys, zipfile
src, stem = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(src)
parts = {1: 'xl/worksheets/sheet2.xml', 2: 'xl/worksheets/sheet5.xml', 3: 'xl/sharedStrings.xml', 4: 'xl/workbook.xml'}
open(stem + '-0', 'wb').write(b'\0' + open(src, 'rb').read())
for mode, part in parts.items():
    open('%s-%d' % (stem, mode), 'wb').write(bytes([mode]) + z.read(part))
PY
		rm -f "$import_seeds/$name.xlsx"
	done
else
	echo "fuzz: CZ non défini ou python3 absent, pas de fiches comme graines pour fuzz_import"
fi
for f in "$root"/tests/fuzz/regressions-import/*; do [ -f "$f" ] && cp "$f" "$import_seeds/regression-$(basename "$f")"; done
echo "fuzz: $(ls "$import_seeds" | wc -l) graines pour fuzz_import"

if [ $# -gt 0 ]; then harnesses="$*"; else harnesses=$(cd "$dir" && ls fuzz_* 2>/dev/null); fi
[ -n "$harnesses" ] || { echo "fuzz: aucun harnais dans $dir (make fuzz)"; exit 1; }
fail=0
for h in $harnesses; do
	corpus="$dir/corpus/$h"
	mkdir -p "$corpus"
	log="$dir/logs/$h.log"
	echo "== $h (${secs} s)"
	dict="$here/yaml.dict" hseeds="$seeds"
	[ -f "$here/$h.dict" ] && dict="$here/$h.dict"
	[ $h = fuzz_import ] && hseeds="$import_seeds"
	"$dir/$h" "$corpus" "$hseeds" -dict="$dict" \
		-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$h-" >"$log" 2>&1
	st=$?
	grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$log"
	echo "corpus: $(ls "$corpus" | wc -l) entrées"
	if [ $st != 0 ]; then
		echo "FAIL $h (statut $st) :"
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 20
		echo "(log complet : $log ; copiez l'entrée fautive dans tests/fuzz/regressions/,"
		echo " que tests/unit/test_regressions.c rejoue à chaque make check, ou, pour"
		echo " fuzz_import, dans tests/fuzz/regressions-import/ : test_import_regressions.c)"
		fail=$((fail + 1))
	fi
done
echo "fuzz: $fail harnais en échec"
[ $fail = 0 ]
