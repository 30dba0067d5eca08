#!/bin/sh
# make check-browser: the html reports in a real browser. Debian's Chromium
# (headless, driven by playwright-core from the npm registry, installed by
# the Makefile under build/browser) opens every page of a report directory
# (the examples plus a generated project with a long name, 36 months and
# sixty actors) and the standalone pages, and check.mjs checks layout,
# screenshots and sorting and prints each page to PDF. Then, with
# poppler's pdfinfo and pdftotext:
#   - every page is A4 (595 x 842 pt, either way);
#   - a project's dossier is portrait but for exactly one landscape page,
#     the canvas; a standalone canvas is exactly one landscape page first;
#     the portfolio (index.html, a wide table) is landscape; the other
#     pages are portrait only;
#   - every printed page carries "page i / N", and the project's pages
#     its name.
# Usage: CZ=path/to/conciergerie BROWSER_DIR=build/browser sh tests/browser/run.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary}"
: "${BROWSER_DIR:?set BROWSER_DIR to the directory holding node_modules/playwright-core}"
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/seul"
cp "$root"/examples/*.yaml "$work/in/"
/usr/bin/python3 "$here/gen_large.py" "$root/examples/rural-fonctionnement.yaml" "$work/in/grand-projet.yaml" \
	"$work/in/mots-longs.yaml"
"$CZ" validate -q "$work/in/grand-projet.yaml" "$work/in/mots-longs.yaml"
printf "pas du yaml: [\n" >"$work/in/un-fichier-casse-dont-le-nom-est-fait-d-un-seul-mot-tres-long-sans-aucune-espace-pour-passer-a-la-ligne.yaml"
# exit status 1: the broken file, listed in the portfolio with its first error
st=0
"$CZ" report -q -f html "$work/in" -o "$work/dossier" 2>/dev/null || st=$?
[ $st = 1 ] || { echo "FAIL report : statut $st au lieu de 1 (un fichier invalide)"; exit 1; }
for f in "$work"/in/*.yaml; do
	"$CZ" validate -q "$f" 2>/dev/null || continue
	b=$(basename "$f" .yaml)
	for c in diag test-phase indicators bmc skills; do
		"$CZ" "$c" -f html -o "$work/seul/$b-$c.html" "$f"
	done
done
"$CZ" referentiel -f html -o "$work/seul/methode.html"
"$CZ" bmc --template quartier -f html -o "$work/seul/modele-bmc.html"
cp "$here/check.mjs" "$BROWSER_DIR/check.mjs"
node "$BROWSER_DIR/check.mjs" "$work"/dossier/*.html "$work"/seul/*.html

fail=0
# sizes FILE.pdf: one line per page, "portrait" or "paysage" (or the odd size).
sizes() {
	n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	pdfinfo -f 1 -l "$n" "$1" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p' |
		awk '{ w = int($1 + 0.5); h = int($2 + 0.5);
		       if (w == 595 && h == 842) print "portrait"; else if (w == 842 && h == 595) print "paysage";
		       else print w "x" h }'
}
for pdf in "$work"/dossier/*.pdf "$work"/seul/*.pdf; do
	b=$(basename "$pdf" .pdf)
	s=$(sizes "$pdf")
	n=$(echo "$s" | wc -l)
	land=$(echo "$s" | grep -c '^paysage$' || true)
	odd=$(echo "$s" | grep -vc -e '^portrait$' -e '^paysage$' || true)
	first=$(echo "$s" | head -n 1)
	why=""
	[ "$odd" = 0 ] || why="$why, $odd page(s) hors A4"
	case $pdf in
	*/dossier/index.pdf)
		[ "$land" = "$n" ] || why="$why, portefeuille : $land page(s) en paysage sur $n" ;;
	*/seul/methode.pdf | */seul/*-diag.pdf | */seul/*-test-phase.pdf | \
		*/seul/*-indicators.pdf | */seul/*-skills.pdf)
		[ "$land" = 0 ] || why="$why, $land page(s) en paysage" ;;
	*/dossier/*.pdf)
		[ "$land" = 1 ] || why="$why, $land page(s) en paysage au lieu d'une (le canevas)" ;;
	*/seul/*-bmc.pdf)
		{ [ "$land" = 1 ] && [ "$first" = paysage ]; } || why="$why, canevas sur $land page(s) en paysage (première : $first)" ;;
	esac
	i=1
	while [ $i -le "$n" ]; do
		t=$(pdftotext -f $i -l $i -layout "$pdf" - 2>/dev/null | tr -s ' \302\240\342\200\257' ' ')
		echo "$t" | grep -q "page $i / $n" || why="$why, page $i sans « page $i / $n »"
		i=$((i + 1))
	done
	if [ -n "$why" ]; then
		echo "FAIL $b.pdf :${why#,}"
		fail=1
	else
		echo "ok $b.pdf : $n page(s), dont $land en paysage"
	fi
done
# The project's name in the header of every printed page of its dossier.
for pdf in "$work"/dossier/quartier-test.pdf "$work"/dossier/rural-fonctionnement.pdf; do
	n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	name=$(case $pdf in *quartier*) echo "Conciergerie des Tilleuls" ;; *) echo "Le Relais de Vaurenne" ;; esac)
	with=$(i=1; while [ $i -le "$n" ]; do pdftotext -f $i -l $i "$pdf" - | tr -s ' \302\240' ' ' | grep -c "$name" || true; i=$((i + 1)); done | grep -vc '^0$' || true)
	if [ "$with" != "$n" ]; then
		echo "FAIL $(basename "$pdf") : le nom du projet sur $with page(s) sur $n"
		fail=1
	fi
done
exit $fail
