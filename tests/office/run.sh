#!/bin/sh
# Checks with a real spreadsheet, LibreOffice Calc (headless), too slow for
# make check: `make check-office` runs them, and CI after make check.
#   - the fiche of every example and fixture, opened and saved again by
#     LibreOffice, imports to the same project (the JSON of every analysis
#     compared); the same after openpyxl filled it as people do, LibreOffice
#     then computing the formulas openpyxl left without a value;
#   - the fiche, blank and pre-filled, prints on A4 pages only;
#   - every workbook of `report examples/ -f xlsx`, and the stand-alone
#     workbooks of each example, print on A4 pages only, each sheet one
#     page wide at 70 % or more, on the pages its rows need
#     (print_pages.py, which counts the pages of each sheet by its footer);
#   - the test-phase workbook recalculates: statuses set by openpyxl give,
#     once LibreOffice recalculated, the verdict and score `test-phase`
#     gives for a project file with the same statuses, once per verdict
#     (testphase_live.py).
# Usage: CZ=path/to/conciergerie sh tests/office/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary}"
case $CZ in /*) ;; *) CZ=$(pwd)/$CZ ;; esac
export CZ SOURCE_DATE_EPOCH=1767225600 LC_ALL=C.UTF-8 TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

for mode in office people-office; do
	if sh "$root/tests/tools/fiche_roundtrip.sh" "$mode"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

# The fiche on paper: every page A4, in portrait or landscape.
mkdir -p "$tmp/pdf" "$tmp/profile"
"$CZ" fiche -q -o "$tmp/pdf/vierge.xlsx"
for ex in "$root"/examples/*.yaml; do
	"$CZ" fiche -q "$ex" -o "$tmp/pdf/$(basename "$ex" .yaml).xlsx"
done
(cd "$tmp/pdf" && timeout 600 soffice -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to pdf --outdir "$tmp/pdf" ./*.xlsx >/dev/null 2>&1)
for x in "$tmp"/pdf/*.xlsx; do
	pdf=${x%.xlsx}.pdf
	name=$(basename "$x")
	if [ ! -s "$pdf" ]; then
		echo "FAIL $name : pas de PDF"
		fail=$((fail + 1))
		continue
	fi
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ +size:/ { printf "%.0fx%.0f\n", $4, $6 }' | sort -u)
	bad=$(echo "$sizes" | grep -v -x -e '595x842' -e '842x595')
	if [ -n "$bad" ]; then
		echo "FAIL $name : pages hors A4 ($bad)"
		fail=$((fail + 1))
	elif [ "$pages" -gt 40 ]; then
		echo "FAIL $name : $pages pages"
		fail=$((fail + 1))
	else
		echo "$name : $pages pages A4"
		pass=$((pass + 1))
	fi
done
# Every workbook on paper, sheet by sheet.
mkdir -p "$tmp/print" "$tmp/print-profile"
"$CZ" report -q -f xlsx "$root/examples" -o "$tmp/print/report" || fail=$((fail + 1))
mv "$tmp"/print/report/*.xlsx "$tmp/print/"
for ex in "$root"/examples/*.yaml; do
	b=$(basename "$ex" .yaml)
	for cmd in diag test-phase indicators skills bmc; do
		"$CZ" $cmd -q "$ex" -o "$tmp/print/$cmd-$b.xlsx" || { echo "FAIL $cmd $b"; fail=$((fail + 1)); }
	done
done
"$CZ" skills -q -o "$tmp/print/grille.xlsx"
(cd "$tmp/print" && timeout 900 soffice -env:UserInstallation="file://$tmp/print-profile" --headless \
	--convert-to pdf --outdir "$tmp/print" ./*.xlsx >/dev/null 2>&1)
if /usr/bin/python3 "$here/print_pages.py" "$tmp/print"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# The live test-phase workbook, once per verdict.
if /usr/bin/python3 "$here/testphase_live.py" "$CZ" "$root/examples/quartier-test.yaml" "$tmp/live" \
	"file://$tmp/live-profile"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

echo "office: $pass passed, $fail failed"
[ $fail = 0 ]
