#!/bin/sh
# Round trip of every example and test fixture through the spreadsheet form:
#   YAML -> conciergerie fiche -> (a client) -> conciergerie import -> YAML
# then the JSON of every analysis (diag, test-phase, indicators, bmc, skills)
# must be the same for the original and the imported file (the file name
# aside). The client in between:
#   plain   none: the fiche as written
#   people  openpyxl, filling cells the way people do (fiche_fill.py people)
#   office  LibreOffice Calc, opening and saving the fiche again
# Usage: CZ=conciergerie sh fiche_roundtrip.sh MODE [PROJECT.yaml...]
# Prints one line per difference and a summary; exits 1 on any difference.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=${1:?usage: fiche_roundtrip.sh plain|people|office [PROJECT.yaml...]}
shift
: "${CZ:?set CZ to the conciergerie binary}"
if [ $# -eq 0 ]; then
	set -- "$root"/examples/*.yaml $(ls "$root"/tests/cli/*/projet.yaml)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
analyses="diag test-phase indicators bmc skills"
n=0 fail=0 skipped=0
for f in "$@"; do
	# Only valid projects have a form.
	if ! "$CZ" validate -q "$f" >/dev/null 2>&1; then
		skipped=$((skipped + 1))
		continue
	fi
	n=$((n + 1))
	name=$(echo "$f" | sed "s|^$root/||")
	w="$tmp/$n"
	mkdir -p "$w"
	if ! "$CZ" fiche -q "$f" -o "$w/fiche.xlsx" 2>"$w/err"; then
		echo "FAIL $name : fiche ($(head -n 1 "$w/err"))"
		fail=$((fail + 1))
		continue
	fi
	case $mode in
	plain) cp "$w/fiche.xlsx" "$w/rempli.xlsx" ;;
	people) /usr/bin/python3 "$here/fiche_fill.py" people "$w/fiche.xlsx" "$w/rempli.xlsx" ;;
	office)
		mkdir -p "$w/lo" "$w/profile"
		cp "$w/fiche.xlsx" "$w/lo/rempli.xlsx"
		# A private profile: runs never share LibreOffice's user directory.
		(cd "$w/lo" && timeout 300 soffice -env:UserInstallation="file://$w/profile" --headless \
			--convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$w/out" rempli.xlsx >/dev/null 2>&1)
		cp "$w/out/rempli.xlsx" "$w/rempli.xlsx" 2>/dev/null
		;;
	*) echo "mode inconnu : $mode"; exit 2 ;;
	esac
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
		if ! /usr/bin/python3 - "$w/a.json" "$w/b.json" <<'EOF'; then
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != 'fichier'}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
EOF
			echo "FAIL $name : $a diffère après l'aller-retour ($mode)"
			fail=$((fail + 1))
		fi
	done
done
echo "aller-retour $mode : $n projets, $(echo $analyses | wc -w) analyses chacun, $fail différence(s)"
[ $fail = 0 ] && [ $n -gt 0 ]
