#!/bin/sh
# Shared `check` of the bmc golden cases that write c.md, c.json and c.xlsx:
# the Markdown through cmark-gfm, the workbook through openpyxl against the
# JSON, and the JSON's checks must include each CODE given (and only those
# when --exact is the first argument).
# usage: bmc_check_case.sh [--exact] CODE...
set -e
exact=0
if [ "${1:-}" = --exact ]; then exact=1; shift; fi
/usr/bin/python3 "$TOOLS/bmc_check_md.py" c.md
/usr/bin/python3 "$TOOLS/bmc_check_xlsx.py" c.xlsx c.json
/usr/bin/python3 - "$exact" "$@" <<'PY'
import json, sys
exact = sys.argv[1] == "1"
want = sys.argv[2:]
with open("c.json", encoding="utf-8") as f:
    got = [c["code"] for c in json.load(f)["controles"]]
missing = [w for w in want if w not in got]
if missing or (exact and sorted(set(got)) != sorted(set(want))):
    print("contrôles JSON : %s ; attendus : %s" % (got, want))
    sys.exit(1)
print("json ok : %s" % got)
PY
