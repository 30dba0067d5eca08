#!/bin/sh
# Valid inputs that are not ASCII, through every command in every format,
# every output read back by independent readers (tests/tools/check_outputs.py:
# strict UTF-8, python json, expat on every part of each workbook, openpyxl,
# html5lib in strict mode on every html page).
#
# The inputs are generated (tests/hostile/gen_valid.py): texts of 1- to
# 4-byte characters at lengths around each limit (Excel's 32,767 characters
# a cell, a text's 64 KiB, the old fixed buffers), controls and
# non-characters written as YAML escapes, formula-like and markup-like
# text, charges of 1e-300 €, more orders than requests, 40 accented priority
# offers, a Latin-1 file name, and a referential amended with hostile names.
# Every run must exit 0: these files are valid.
#
# Usage: CZ=path/to/conciergerie sh tests/hostile/outputs.sh
# CHECK_OPENPYXL=0 skips openpyxl (the ASan variant: the same bytes are
# written, only the memory checks differ, and openpyxl is the slow reader).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary}"
case $CZ in /*) ;; *) CZ=$(pwd)/$CZ ;; esac
EX="$root/examples"
export SOURCE_DATE_EPOCH=1767225600 LC_ALL=C.UTF-8 TZ=UTC
# A sanitizer report must not pass for a clean run.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$tmp/in" runs="$tmp/runs"
mkdir -p "$in" "$runs"
"$CZ" referentiel >"$tmp/builtin.yaml" || { echo "outputs: referentiel illisible"; exit 1; }
/usr/bin/python3 "$here/gen_valid.py" "$in" "$tmp/builtin.yaml" || { echo "outputs: génération impossible"; exit 1; }
ref="$in/referentiel-hostile.yaml.ref"

n=0
# run NAME COMMAND...: in a fresh directory, stdout kept as out.<fmt>.
run() {
	name=$1
	shift
	n=$((n + 1))
	d="$runs/$(printf '%04d' $n)-$name"
	mkdir -p "$d"
	ext=md
	case " $* " in *" -f json "*) ext=json ;; *" -f html "*) ext=html ;; esac
	# report prints a summary, whatever the format of its files
	case " $* " in *" report "*) ext=txt ;; esac
	(cd "$d" && ulimit -c 0 && exec "$@") >"$d/out.$ext" 2>"$d/err" </dev/null
	echo $? >"$d/status"
	[ -s "$d/out.$ext" ] || rm -f "$d/out.$ext"
}

analyses="diag test-phase indicators bmc skills"
for f in "$in"/*.yaml; do
	b=$(basename "$f" .yaml | tr -c 'A-Za-z0-9\n-' '_' | cut -c 1-40)
	for c in $analyses; do
		run "$c-md-$b" "$CZ" "$c" "$f"
		run "$c-json-$b" "$CZ" "$c" -f json "$f"
		run "$c-xlsx-$b" "$CZ" "$c" -f xlsx -o "r.xlsx" "$f"
		run "$c-html-$b" "$CZ" "$c" -f html "$f"
	done
	run "indicators-charts-$b" "$CZ" indicators --charts "$f"
done
# Every input together, in each format (the portfolio lists them all,
# the Latin-1 file name included).
for fmt in md json xlsx html; do
	run "report-$fmt" "$CZ" report -f $fmt -o rapports "$in"
done
# The hostile referential: its names in every analysis, format and the portfolio.
for c in $analyses; do
	for fmt in md json xlsx html; do
		o=""
		[ $fmt = xlsx ] && o="-o r.xlsx"
		# shellcheck disable=SC2086
		run "ref-$c-$fmt" "$CZ" "$c" -f $fmt $o --referentiel "$ref" "$EX/quartier-test.yaml"
	done
done
run "ref-indicators-charts" "$CZ" indicators --charts --referentiel "$ref" "$EX/rural-fonctionnement.yaml"
run "ref-skills-role-xlsx" "$CZ" skills --role concierge -f xlsx -o r.xlsx --referentiel "$ref"
run "ref-bmc-template" "$CZ" bmc --template quartier -f xlsx -o r.xlsx --referentiel "$ref"
# The method guide of the hostile referential.
run "ref-guide-md" "$CZ" referentiel -f md --referentiel "$ref"
run "ref-guide-json" "$CZ" referentiel -f json --referentiel "$ref"
run "ref-guide-html" "$CZ" referentiel -f html --referentiel "$ref"
for fmt in md json xlsx html; do
	run "ref-report-$fmt" "$CZ" report -f $fmt -o rapports --referentiel "$ref" "$EX" "$in/controles.yaml"
done

opt=""
[ "${CHECK_OPENPYXL:-1}" = 0 ] && opt=--no-openpyxl
/usr/bin/python3 "$root/tests/tools/check_outputs.py" "$runs" $opt
