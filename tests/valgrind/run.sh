#!/bin/sh
# Memcheck over the plain build: every registered command (read from
# `$CZ help`) on every example in each format it accepts, then the CLI golden
# suite with $CZ wrapped in valgrind. Fails on any memory error and on
# definite, indirect or possible leaks; blocks libyaml, libxlsxwriter or zlib
# keep reachable at exit are not errors.
# Usage: CZ=path/to/conciergerie sh tests/valgrind/run.sh   (VALGRIND_CLI=0 skips the golden suite)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary (plain build, not ASan)}"
case $CZ in /*) ;; *) CZ=$(pwd)/$CZ ;; esac
if grep -q __asan_init "$CZ" 2>/dev/null; then
	echo "valgrind: $CZ est compilé avec ASan ; il faut le binaire normal"
	exit 1
fi
export SOURCE_DATE_EPOCH=1767225600 LC_ALL=C.UTF-8 TZ=UTC

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
logs="$tmp/logs"
mkdir -p "$logs" "$tmp/out"
# The wrapper the golden suite runs as $CZ: each process logs to its own file.
cat >"$tmp/cz" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --suppressions="$here/libxlsxwriter.supp" \\
	--errors-for-leak-kinds=definite,indirect,possible \\
	--show-leak-kinds=definite,indirect,possible \\
	--log-file="$logs/vg.%p.log" "$CZ" "\$@"
EOF
chmod +x "$tmp/cz"
VG="$tmp/cz"

pass=0 fail=0
run() { # label, expected status, then the arguments
	label=$1 want=$2
	shift 2
	"$VG" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
	st=$?
	if [ $st = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $label: statut $st (attendu $want)"
		head -n 5 "$tmp/stderr" | sed 's/^/    /'
	fi
}

commands=$("$CZ" help | awk '/^Commandes/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "valgrind: liste des commandes introuvable"; exit 1; }
accepts() { "$CZ" "$@" --help >/dev/null 2>&1; }
examples=$(ls "$root"/examples/*.yaml)
for cmd in $commands; do
	case $cmd in
	help | fiche | import) continue ;; # the workbook commands: below
	init)
		run "init" 0 init "$tmp/out/init.yaml"
		rm -f "$tmp/out/init.yaml"
		continue
		;;
	diff) # two snapshots: a file against itself, and two different projects
		ex1=$root/examples/quartier-test.yaml ex2=$root/examples/rural-fonctionnement.yaml
		for f in md json html; do
			run "diff -f $f (même fichier)" 0 diff -f $f "$ex1" "$ex1"
			run "diff -f $f (deux projets)" 0 diff -f $f "$ex1" "$ex2"
		done
		run "diff -f xlsx" 0 diff -f xlsx -o "$tmp/out/diff.xlsx" "$ex1" "$ex2"
		continue
		;;
	evolution) # the examples as snapshots (different projects: a warning)
		for f in md json html; do
			run "evolution -f $f" 0 evolution -f $f $examples
		done
		run "evolution -f xlsx" 0 evolution -f xlsx -o "$tmp/out/evolution.xlsx" $examples
		continue
		;;
	esac
	"$CZ" "$cmd" "$tmp/absent/x.yaml" >/dev/null 2>&1
	if [ $? = 2 ]; then
		# No file argument, or one that needs -o DIR to run at all (report).
		"$CZ" "$cmd" -o "$tmp/probe" "$tmp/absent/x.yaml" >/dev/null 2>&1
		if [ $? = 2 ]; then
			run "$cmd" 0 "$cmd"
		else
			for f in md json xlsx html; do
				run "$cmd -f $f -o DIR (tous)" 0 "$cmd" -f $f -o "$tmp/out/$cmd-$f" $examples
			done
		fi
		rm -rf "$tmp/probe"
		continue
	fi
	# A command whose verdict is an exit code still exits 0 without --exit-code.
	for ex in $examples; do
		name=$(basename "$ex" .yaml)
		run "$cmd $name" 0 "$cmd" "$ex"
		if accepts "$cmd" -f json; then
			run "$cmd -f json $name" 0 "$cmd" -f json "$ex"
			run "$cmd -f xlsx $name" 0 "$cmd" -f xlsx -o "$tmp/out/$name.xlsx" "$ex"
			run "$cmd -f html $name" 0 "$cmd" -f html -o "$tmp/out/$name.html" "$ex"
		fi
	done
	if accepts "$cmd" -f json; then
		run "$cmd -o DIR (tous)" 0 "$cmd" -o "$tmp/out/dir" $examples
	fi
done
# The spreadsheet form both ways, the merges, and hostile workbooks.
run "fiche (vierge)" 0 fiche -q -o "$tmp/out/vierge.xlsx"
run "import (fiche vierge)" 1 import -q "$tmp/out/vierge.xlsx"
for ex in $examples; do
	name=$(basename "$ex" .yaml)
	run "fiche $name" 0 fiche -q "$ex" -o "$tmp/out/fiche-$name.xlsx"
	run "import fiche-$name" 0 import -q "$tmp/out/fiche-$name.xlsx" -o "$tmp/out/import-$name.yaml"
	cp "$ex" "$tmp/out/into-$name.yaml"
	"$CZ" skills -o "$tmp/out/grille-$name.xlsx" "$ex" 2>/dev/null
	"$CZ" test-phase -o "$tmp/out/tp-$name.xlsx" "$ex" 2>/dev/null
	run "import --into (grille) $name" 0 import -q "$tmp/out/grille-$name.xlsx" --into "$tmp/out/into-$name.yaml"
	run "import --into (test-phase) $name" 0 import -q "$tmp/out/tp-$name.xlsx" --into "$tmp/out/into-$name.yaml"
done
if [ -x /usr/bin/python3 ]; then
	first=$(echo "$examples" | head -n 1)
	"$CZ" fiche -q "$first" -o "$tmp/out/base.xlsx"
	/usr/bin/python3 "$root/tests/tools/fiche_fill.py" errors "$tmp/out/base.xlsx" "$tmp/out/erreurs.xlsx" &&
		run "import (erreurs dans les cellules)" 1 import -q "$tmp/out/erreurs.xlsx"
	/usr/bin/python3 "$root/tests/tools/fiche_fill.py" people "$tmp/out/base.xlsx" "$tmp/out/rempli.xlsx" &&
		run "import (rempli avec openpyxl)" 0 import -q "$tmp/out/rempli.xlsx" -o "$tmp/out/rempli.yaml"
	mkdir -p "$tmp/books"
	/usr/bin/python3 "$root/tests/tools/hostile_xlsx.py" "$tmp/out/base.xlsx" "$tmp/books"
	for b in "$tmp/books"/*.xlsx; do
		run "import $(basename "$b")" 1 import -q "$b"
	done
fi

# Error paths leak as easily as the happy ones.
run "validate invalide" 1 validate "$root/tests/cli/validate-all-errors/bad.yaml"
run "validate absent" 3 validate "$tmp/absent.yaml"

if [ "${VALGRIND_CLI:-1}" != 0 ]; then
	echo "valgrind: suite des tests en ligne de commande sous valgrind…"
	# Two halves side by side: memcheck is single-threaded, CI has two cores.
	# A case with a file `valgrind-skip` (saying why) is left out: a process
	# killed on purpose by a signal has its blocks in use counted as leaks.
	cases=$(cd "$root/tests/cli" && for c in */; do c=${c%/}; [ -f "$c/valgrind-skip" ] || echo "$c"; done)
	half1=$(echo "$cases" | awk 'NR % 2 == 1')
	half2=$(echo "$cases" | awk 'NR % 2 == 0')
	CZ="$VG" sh "$root/tests/cli/run.sh" $half1 >"$tmp/cli1.log" 2>&1 &
	p1=$!
	CZ="$VG" sh "$root/tests/cli/run.sh" $half2 >"$tmp/cli2.log" 2>&1
	s2=$?
	wait $p1
	s1=$?
	for log in "$tmp/cli1.log" "$tmp/cli2.log"; do
		grep -E '^FAIL' "$log" | head -n 20
		tail -n 1 "$log"
	done
	if [ $s1 = 0 ] && [ $s2 = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
fi

# Any log with content is an error report (valgrind -q is silent otherwise).
for l in "$logs"/vg.*.log; do
	[ -s "$l" ] || continue
	fail=$((fail + 1))
	echo "FAIL rapport valgrind $(basename "$l") :"
	head -n 30 "$l"
done
echo "valgrind: $pass passed, $fail failed ($(ls "$logs" | wc -l) processus analysés)"
[ $fail = 0 ]
