#!/bin/sh
# The summary of MD (a diag or report Markdown of PROJECT) against the JSON
# outputs of the same project: check_md_summary.py, with the test-phase
# decision when the project is in the test phase or beyond.
# Usage: CZ=... TOOLS=... sh md_summary_case.sh PROJECT MD
set -u
: "${CZ:?}" "${TOOLS:?}"
project=$1 md=$2
j=$(mktemp) t=$(mktemp)
trap 'rm -f "$j" "$t"' EXIT
"$CZ" diag -f json "$project" >"$j" || { echo "diag -f json : $?"; exit 1; }
if grep -q '"phase_declaree": "emergence"' "$j"; then
	/usr/bin/python3 "$TOOLS/check_md_summary.py" "$md" "$j"
else
	"$CZ" test-phase -f json "$project" >"$t" || { echo "test-phase -f json : $?"; exit 1; }
	/usr/bin/python3 "$TOOLS/check_md_summary.py" "$md" "$j" "$t"
fi
