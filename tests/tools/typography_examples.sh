#!/bin/sh
# Every document the tool writes for the bundled examples — each analysis in
# each format, report, diff and evolution, the method (YAML, guide, JSON), the starter file, a
# form read back, every --help and the messages on stderr — checked for
# French typography by check_typography.py. Runs in the current directory.
# Usage: CZ=... EX=... TOOLS=... sh typography_examples.sh
set -u
: "${CZ:?}" "${EX:?}" "${TOOLS:?}"
st=0
mkdir -p o
# run NAME COMMAND...: stdout kept as o/NAME, stderr as o/NAME.err.txt
run() {
	name=$1
	shift
	"$@" >"o/$name" 2>"o/$name.err.txt" </dev/null || { echo "échec ($?) : $*"; st=1; }
}
for f in "$EX"/*.yaml; do
	b=$(basename "$f" .yaml)
	for c in diag test-phase indicators bmc skills; do
		run "$c-$b.md" "$CZ" "$c" "$f"
		run "$c-$b.json" "$CZ" "$c" -f json "$f"
		run "$c-$b.xlsx.txt" "$CZ" "$c" -o "o/$c-$b.xlsx" "$f"
		run "$c-$b.html" "$CZ" "$c" -f html "$f"
	done
	run "charts-$b.md" "$CZ" indicators --charts "$f"
	run "charts-$b.html" "$CZ" indicators --charts -f html "$f"
	run "fiche-$b.txt" "$CZ" fiche "$f" -o "o/fiche-$b.xlsx"
	run "import-$b.yaml" "$CZ" import "o/fiche-$b.xlsx"
done
for fmt in md json xlsx html; do
	run "report-$fmt.txt" "$CZ" report -f $fmt -o "o/report-$fmt" "$EX"
done
# Three snapshots of one project (the diff and evolution cases' files).
Q="$TOOLS/../cli"
for fmt in md json html; do
	run "diff.$fmt" "$CZ" diff -f $fmt "$Q/diff-trimestres/t2.yaml" "$Q/diff-trimestres/t3.yaml"
	run "evolution.$fmt" "$CZ" evolution -f $fmt "$Q/evolution-trimestres/t1.yaml" \
		"$Q/diff-trimestres/t2.yaml" "$Q/diff-trimestres/t3.yaml"
done
run diff.xlsx.txt "$CZ" diff -o o/diff.xlsx "$Q/diff-trimestres/t2.yaml" "$Q/diff-trimestres/t3.yaml"
run evolution.xlsx.txt "$CZ" evolution -o o/evolution.xlsx "$Q/evolution-trimestres/t1.yaml" \
	"$Q/diff-trimestres/t2.yaml" "$Q/diff-trimestres/t3.yaml"
run referentiel.yaml "$CZ" referentiel
run guide.md "$CZ" referentiel -f md
run guide.json "$CZ" referentiel -f json
run guide.html "$CZ" referentiel -f html
run grille.html "$CZ" skills -f html
run init.yaml "$CZ" init -
run role.md "$CZ" skills --role concierge
run role.xlsx.txt "$CZ" skills --role concierge -o o/role.xlsx
run role.html "$CZ" skills --role concierge -f html
for t in quartier rural; do
	run "bmc-$t.md" "$CZ" bmc --template $t
	run "bmc-$t.xlsx.txt" "$CZ" bmc --template $t -o "o/bmc-$t.xlsx"
	run "bmc-$t.html" "$CZ" bmc --template $t -f html
done
run help.txt "$CZ" help
for c in $("$CZ" help | sed -n 's/^  \([a-z-]*\)  .*/\1/p'); do
	[ "$c" = help ] || run "help-$c.txt" "$CZ" "$c" --help
done
# Messages: a few mistakes, their explanations on stderr.
printf 'version: 1\nprojet: { nom: X, type: quartier, phase: tset }\nbesoins: oui\n' >bad.yaml
"$CZ" validate bad.yaml >/dev/null 2>o/validate-bad.err.txt
"$CZ" diag --format pdf "$EX/quartier-test.yaml" >/dev/null 2>o/usage.err.txt
"$CZ" diag -o o/x.xlsx --nope >/dev/null 2>o/option.err.txt
"$CZ" fiche "$EX/quartier-test.yaml" -o "o/fiche-quartier-test.xlsx" >/dev/null 2>o/exists.err.txt
find o -type f ! -size 0 | sort >list
[ "$(wc -l <list)" -gt 100 ] || { echo "trop peu de documents : $(wc -l <list)"; st=1; }
# shellcheck disable=SC2046
/usr/bin/python3 "$TOOLS/check_typography.py" $(cat list) || st=1
exit $st
