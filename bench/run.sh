#!/bin/sh
# make bench: generate N synthetic projects, run `report` on them to
# Markdown and to XLSX with one worker (-j 1) and with the default (one per
# online processor), against a floor measured in the same run (libyaml
# parsing the same files and keeping nothing) and, when Debian's
# python3-yaml and python3-xlsxwriter are there, a peer script that does
# far less (bench/peer.py). For each: wall time, processor time per
# project, wall time over the floor's, speed-up and scaling efficiency of
# the default over -j 1, peak memory. With valgrind, instructions on a
# sample (stable whatever the load of the machine): the floor, report md,
# report xlsx per workbook.
# The machine may be shared: compare the figures of one run with each
# other, not absolute times across runs.
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
cpus=$(getconf _NPROCESSORS_ONLN)
[ "$cpus" -gt 64 ] && cpus=64
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "Banc d'essai : $N projets synthétiques, $mb Mo de YAML"
echo "Machine : $cpus cœurs en ligne, $(uname -m)${model:+, $model} ; défaut de -j : $cpus"
echo "(Une seule exécution ; si la machine est partagée, comparez les lignes entre elles.)"
echo

# (the header's accented words are padded by hand: printf counts bytes)
echo "                               écoulé   CPU/projet  ÷ plancher   accél.   effic.  mém. max"
FLOOR=
measure() { # label base_wall command... -> prints a line; sets T, C (s) and M (KiB)
	label=$1
	base=$2
	shift 2
	line=$("$B/bench/peak" "$@" 2>&1 >/dev/null | tail -n 1)
	T=$(echo "$line" | sed 's/.*temps=\([0-9.]*\).*/\1/')
	C=$(echo "$line" | sed 's/.*cpu=\([0-9.]*\).*/\1/')
	M=$(echo "$line" | sed 's/.*rss_max_kio=\([0-9]*\).*/\1/')
	awk -v l="$label" -v t="$T" -v c="$C" -v m="$M" -v n="$N" -v f="${FLOOR:-$T}" -v b="$base" -v j="$cpus" 'BEGIN {
		sp = (b != "" && t > 0) ? sprintf("%.2f×", b / t) : "—"
		ef = (b != "" && t > 0) ? sprintf("%.0f %%", 100 * b / t / j) : "—"
		printf "  %-26s %7.2f s %9.3f ms %10.2f× %8s %8s %6.1f Mo\n", l, t, 1000 * c / n, (f > 0 ? t / f : 0), sp, ef, m / 1024 }'
}

rm -rf "$out"
mkdir -p "$out"
measure "plancher (libyaml)" "" "$B/bench/parse_floor" "$data"/*.yaml
FLOOR=$T
measure "report -f md -j 1" "" "$CZ" report -q -j 1 "$data" -o "$out/md1"
MD1=$T MD1C=$C M1=$M
measure "report -f md (-j $cpus)" "$MD1" "$CZ" report -q "$data" -o "$out/md"
MDJ=$T MDJC=$C MJ=$M
rm -rf "$out/md1" "$out/md"
measure "report -f xlsx -j 1" "" "$CZ" report -q -f xlsx -j 1 "$data" -o "$out/xlsx1"
X1=$T X1C=$C XM1=$M
measure "report -f xlsx (-j $cpus)" "$X1" "$CZ" report -q -f xlsx "$data" -o "$out/xlsx"
XJ=$T XJC=$C XMJ=$M
rm -rf "$out/xlsx1" "$out/xlsx"
PEER=
if /usr/bin/python3 -c 'import yaml, xlsxwriter; yaml.CSafeLoader' 2>/dev/null; then
	measure "pair (PyYAML + XlsxWriter)" "" /usr/bin/python3 bench/peer.py "$out/peer" "$data"/*.yaml
	PEER=$T PEERC=$C
	rm -rf "$out/peer"
fi
echo
awk -v n="$N" -v j="$cpus" -v md1="$MD1" -v mdj="$MDJ" -v x1="$X1" -v xj="$XJ" -v x1c="$X1C" -v xjc="$XJC" \
	-v peer="$PEER" -v peerc="${PEERC:-0}" -v mdjc="$MDJC" -v m1="$M1" -v mj="$MJ" -v xm1="$XM1" -v xmj="$XMJ" 'BEGIN {
	printf "  accélération du défaut (-j %d) sur -j 1 : md %.2f×, xlsx %.2f× (objectif sur 2 cœurs : 1,6×)\n", j, md1 / mdj, x1 / xj
	if (peer != "")
		printf "  report -f md (-j %d) contre le pair : %.1f× plus rapide en temps écoulé, %.1f× en temps processeur (objectif : 10×)\n", j, peer / mdj, peerc / mdjc
	printf "  xlsx : %.2f ms de processeur par classeur (-j 1), %.2f ms (-j %d)\n", 1000 * x1c / n, 1000 * xjc / n, j
	printf "  10 000 projets en xlsx, extrapolé de ce débit : %.0f s (-j 1), %.0f s (-j %d) (objectif : moins de 60 s)\n", 10000 * x1 / n, 10000 * xj / n, j
	mx = m1; if (mj > mx) mx = mj; if (xm1 > mx) mx = xm1; if (xmj > mx) mx = xmj
	printf "  mémoire max de report : %.1f Mo (objectif : moins de 50 Mo)\n", mx / 1024 }'

if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	S=100 SX=20
	sample=$(ls "$data"/*.yaml | head -n $S)
	xsample=$(ls "$data"/*.yaml | head -n $SX)
	cg=$out/callgrind
	mkdir -p "$cg"
	valgrind --tool=callgrind --callgrind-out-file="$cg/floor" "$B/bench/parse_floor" $sample >/dev/null 2>&1
	valgrind --tool=callgrind --callgrind-out-file="$cg/md" "$CZ" report -q -j 1 $sample -o "$out/cg-md" >/dev/null 2>&1 || true
	valgrind --tool=callgrind --callgrind-out-file="$cg/xlsx" "$CZ" report -q -j 1 -f xlsx $xsample -o "$out/cg-xlsx" >/dev/null 2>&1 || true
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
	awk -v f="$F" -v m="$M" -v x="$X" -v xo="$XO" -v s="$S" -v sx="$SX" 'BEGIN {
		printf "  instructions (callgrind, -j 1) : plancher %.0f M pour %d projets ; report md %.0f M, %.2f× le plancher (objectif : 1,5×)\n",
			f / 1e6, s, m / 1e6, (f > 0 ? m / f : 0)
		printf "  report xlsx : %.1f M par classeur (%d projets), %.0f× le plancher par projet ; code du projet : %.1f %% des instructions\n",
			x / sx / 1e6, sx, (f > 0 ? (x / sx) / (f / s) : 0), (x > 0 ? 100 * xo / x : 0) }'
fi
