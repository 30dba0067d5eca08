#!/bin/sh
# Command-line golden tests. Each directory tests/cli/<case>/ holds:
#   cmd     one shell command line; $CZ is the binary under test, $EX the
#           examples directory, $T the case directory, $TOOLS tests/tools;
#           it runs in a fresh empty scratch directory
#   out     expected stdout          err     expected stderr
#   status  expected exit code
#   check   optional script run afterwards in the scratch directory (same
#           variables); it must exit 0 (independent reads of XLSX, Markdown…)
#   valgrind-skip  optional: why tests/valgrind/run.sh leaves the case out
# UPDATE=1 rewrites out, err and status from what the command does, for review.
# Usage: CZ=path/to/conciergerie sh tests/cli/run.sh [case...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${CZ:?set CZ to the conciergerie binary}"
EX="$root/examples"
TOOLS="$root/tests/tools"
export CZ EX TOOLS
# Reports must not depend on the caller's environment.
export SOURCE_DATE_EPOCH=1767225600 LC_ALL=C.UTF-8 TZ=UTC
unset COLUMNS

pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -gt 0 ]; then cases="$*"; else cases=$(cd "$here" && ls -d */ | tr -d /); fi
for c in $cases; do
	T="$here/$c"
	[ -f "$T/cmd" ] || continue
	export T
	W="$tmp/$c"
	mkdir -p "$W"
	(cd "$W" && sh -c "$(cat "$T/cmd")" >"$tmp/$c.out" 2>"$tmp/$c.err" </dev/null)
	echo $? >"$tmp/$c.status"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$c.out" "$T/out"
		cp "$tmp/$c.err" "$T/err"
		cp "$tmp/$c.status" "$T/status"
	fi
	ok=1
	for f in out err status; do
		if [ ! -f "$T/$f" ]; then
			echo "FAIL $c: $f attendu manquant (UPDATE=1 pour le créer)"
			ok=0
		elif ! diff -u "$T/$f" "$tmp/$c.$f" >"$tmp/$c.diff" 2>&1; then
			echo "FAIL $c: $f différent"
			head -n 40 "$tmp/$c.diff"
			ok=0
		fi
	done
	if [ $ok = 1 ] && [ -f "$T/check" ]; then
		if ! (cd "$W" && sh "$T/check") >"$tmp/$c.check" 2>&1; then
			echo "FAIL $c: check"
			head -n 40 "$tmp/$c.check"
			ok=0
		fi
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
