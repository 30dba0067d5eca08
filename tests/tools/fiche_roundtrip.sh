#!/bin/sh
# Round trip of every example and test fixture through the spreadsheet form:
#   YAML -> conciergerie fiche -> (a client) -> conciergerie import -> YAML
# then the JSON of every analysis (diag, test-phase, indicators, bmc, skills)
# must be the same for the original and the imported file (the file name
# aside). The client in between:
#   plain          none: the fiche as written
#   people         openpyxl, filling cells the way people do
#                  (fiche_fill.py people)
#   office         LibreOffice Calc, opening and saving the fiche again
#   people-office  openpyxl as above, then LibreOffice (which computes the
#                  formulas openpyxl leaves without a value)
# Usage: CZ=conciergerie sh fiche_roundtrip.sh MODE [PROJECT.yaml...]
# Prints one line per difference and a summary; exits 1 on any difference.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=${1:?usage: fiche_roundtrip.sh plain|people|office|people-office [PROJECT.yaml...]}
shift
: "${CZ:?set CZ to the conciergerie binary}"
case $mode in plain | people | office | people-office) ;; *) echo "mode inconnu : $mode"; exit 2 ;; esac
if [ $# -eq 0 ]; then
	set -- "$root"/examples/*.yaml $(ls "$root"/tests/cli/*/projet.yaml)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
analyses="diag test-phase indicators bmc skills"
n=0 fail=0

# 1. A fiche for each valid project (only a valid project has one).
for f in "$@"; do
	"$CZ" validate -q "$f" >/dev/null 2>&1 || continue
	n=$((n + 1))
	w="$tmp/p$n"
	mkdir -p "$w"
	echo "$f" >"$w/source"
	if ! "$CZ" fiche -q "$f" -o "$w/fiche.xlsx" 2>"$w/err"; then
		echo "FAIL $(echo "$f" | sed "s|^$root/||") : fiche ($(head -n 1 "$w/err"))"
		fail=$((fail + 1))
		rm -f "$w/fiche.xlsx"
	fi
done

# 2. The client between writing and reading.
for w in "$tmp"/p*; do
	[ -f "$w/fiche.xlsx" ] || continue
	case $mode in
	plain | office) cp "$w/fiche.xlsx" "$w/rempli.xlsx" ;;
	people | people-office) /usr/bin/python3 "$here/fiche_fill.py" people "$w/fiche.xlsx" "$w/rempli.xlsx" ;;
	esac
done
case $mode in
office | people-office)
	# One LibreOffice run for them all, with a profile of its own (two
	# instances sharing a profile wait on each other).
	mkdir -p "$tmp/lo" "$tmp/lo-out" "$tmp/profile"
	for w in "$tmp"/p*; do
		[ -f "$w/rempli.xlsx" ] && mv "$w/rempli.xlsx" "$tmp/lo/$(basename "$w").xlsx"
	done
	(cd "$tmp/lo" && timeout 900 soffice -env:UserInstallation="file://$tmp/profile" --headless \
		--convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/lo-out" ./*.xlsx >/dev/null 2>&1)
	for w in "$tmp"/p*; do
		out="$tmp/lo-out/$(basename "$w").xlsx"
		[ -f "$out" ] && cp "$out" "$w/rempli.xlsx"
	done
	;;
esac

# 3. Import, then the same analyses.
for w in "$tmp"/p*; do
	[ -f "$w/fiche.xlsx" ] || continue
	f=$(cat "$w/source")
	name=$(echo "$f" | sed "s|^$root/||")
	if [ ! -s "$w/rempli.xlsx" ]; then
		echo "FAIL $name : le client ($mode) n'a pas écrit de classeur"
		fail=$((fail + 1))
		continue
	fi
	if ! "$CZ" import -q "$w/rempli.xlsx" -o "$w/import.yaml" 2>"$w/err"; then
		echo "FAIL $name : import ($(head -n 3 "$w/err" | tr '\n' ' '))"
		fail=$((fail + 1))
		continue
	fi
	for a in $analyses; do
		"$CZ" "$a" -f json "$f" >"$w/a.json" 2>/dev/null
		"$CZ" "$a" -f json "$w/import.yaml" >"$w/b.json" 2>/dev/null
		if ! /usr/bin/python3 "$here/same_json.py" "$w/a.json" "$w/b.json"; then
			echo "FAIL $name : $a diffère après l'aller-retour ($mode)"
			fail=$((fail + 1))
		fi
	done
done
echo "aller-retour $mode : $n projets, $(echo $analyses | wc -w) analyses chacun, $fail différence(s)"
[ $fail = 0 ] && [ $n -gt 0 ]
