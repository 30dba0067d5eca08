#!/bin/sh
# make bench: generate N synthetic projects, time `report` to Markdown and
# to XLSX against a floor measured in the same run (libyaml parsing the same
# files and keeping nothing), and report throughput and peak memory.
# With valgrind present, also count instructions on a sample (stable across
# runs and machine load): report md vs floor, and for XLSX the share spent
# in the project's own code (outside libyaml, libxlsxwriter, zlib, libc).
# Usage: sh bench/run.sh BUILD_VARIANT_DIR N
set -eu
B=$1
N=$2
CZ=$B/conciergerie
data=$B/bench/projets-$N
out=$B/bench/out
if [ "$(ls "$data" 2>/dev/null | wc -l)" != "$N" ]; then
	rm -rf "$data"
	"$B/bench/gen_projects" "$N" "$data"
fi
bytes=$(cat "$data"/*.yaml | wc -c)
mb=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
echo "Banc d'essai : $N projets synthétiques, $mb Mo de YAML ($(nproc) cœurs, $(uname -m))"

measure() { # label command... -> prints a line, sets T (seconds) and M (KiB)
	label=$1
	shift
	line=$("$B/bench/peak" "$@" 2>&1 >/dev/null | tail -n 1)
	T=$(echo "$line" | sed 's/.*temps=\([0-9.]*\).*/\1/')
	M=$(echo "$line" | sed 's/.*rss_max_kio=\([0-9]*\).*/\1/')
	awk -v l="$label" -v t="$T" -v m="$M" -v n="$N" -v b="$bytes" 'BEGIN {
		printf "  %-22s %7.2f s  %8.0f projets/s  %6.1f Mo/s  mémoire max %5.1f Mo\n",
			l, t, (t > 0 ? n / t : 0), (t > 0 ? b / 1048576 / t : 0), m / 1024 }'
}

rm -rf "$out"
mkdir -p "$out"
measure "plancher (libyaml)" "$B/bench/parse_floor" "$data"/*.yaml
FLOOR=$T
measure "report -f md" "$CZ" report -q "$data" -o "$out/md"
MD=$T
MDMEM=$M
measure "report -f xlsx" "$CZ" report -q -f xlsx "$data" -o "$out/xlsx"
XMEM=$M
awk -v md="$MD" -v f="$FLOOR" 'BEGIN { printf "  rapport md / plancher : %.2f (temps écoulé)\n", (f > 0 ? md / f : 0) }'
awk -v a="$MDMEM" -v b="$XMEM" 'BEGIN { printf "  mémoire max : %.1f Mo (md), %.1f Mo (xlsx)\n", a / 1024, b / 1024 }'

if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	sample=$(ls "$data"/*.yaml | head -n 100)
	cg=$out/callgrind
	mkdir -p "$cg"
	valgrind --tool=callgrind --callgrind-out-file="$cg/floor" "$B/bench/parse_floor" $sample >/dev/null 2>&1
	valgrind --tool=callgrind --callgrind-out-file="$cg/md" "$CZ" report -q $sample -o "$out/cg-md" >/dev/null 2>&1 || true
	valgrind --tool=callgrind --callgrind-out-file="$cg/xlsx" "$CZ" report -q -f xlsx $sample -o "$out/cg-xlsx" >/dev/null 2>&1 || true
	total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
	own() { # self cost of functions in the conciergerie binary itself
		callgrind_annotate --inclusive=no --threshold=100 "$1" 2>/dev/null |
			awk -v bin="$(cd "$(dirname "$CZ")" && pwd)/conciergerie" '
				index($0, "[" bin "]") { gsub(",", "", $1); s += $1 } END { print s + 0 }'
	}
	F=$(total "$cg/floor")
	M=$(total "$cg/md")
	X=$(total "$cg/xlsx")
	XO=$(own "$cg/xlsx")
	awk -v f="$F" -v m="$M" -v x="$X" -v xo="$XO" 'BEGIN {
		printf "  instructions (100 projets) : plancher %.0f M, report md %.0f M (%.2f × le plancher), report xlsx %.0f M\n",
			f / 1e6, m / 1e6, (f > 0 ? m / f : 0), x / 1e6
		printf "  part du code du projet dans report xlsx : %.1f %%\n", (x > 0 ? 100 * xo / x : 0) }'
fi
