"""The benchmark's peer: what a short script with the usual Python tools
would do with the same files, and far less of it. For each project,
PyYAML's C loader reads the file, and XlsxWriter writes one workbook of
two sheets (the project's steps with their status, and its monthly
activity with a total row), without analyses, validation or
portfolio. Debian packages: python3-yaml, python3-xlsxwriter.

Usage: python3 peer.py OUT_DIR FILE...
"""
import os
import sys

import xlsxwriter
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
if Loader is yaml.SafeLoader:
    sys.exit("peer.py: PyYAML sans son chargeur C (libyaml) : la comparaison ne serait pas juste")



def amount(v):
    """A number, or the sum of a detail by service."""
    if isinstance(v, dict):
        return sum(amount(x) for x in v.values())
    return v if isinstance(v, (int, float)) else 0


out_dir = sys.argv[1]
os.makedirs(out_dir, exist_ok=True)
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        p = yaml.load(f, Loader=Loader)
    stem = os.path.splitext(os.path.basename(path))[0]
    wb = xlsxwriter.Workbook(os.path.join(out_dir, stem + ".xlsx"))
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("Étapes")
    ws.write_row(0, 0, ["Projet", p["projet"]["nom"]], bold)
    ws.write_row(1, 0, ["Étape", "Statut"], bold)
    for r, (step, status) in enumerate(sorted((p.get("etapes") or {}).items()), start=2):
        ws.write_row(r, 0, [step, str(status)])
    ws = wb.add_worksheet("Activité")
    cols = ["mois", "demandes", "commandes", "recettes", "charges"]
    ws.write_row(0, 0, cols, bold)
    months = p.get("activite") or []
    for r, m in enumerate(months, start=1):
        ws.write_row(r, 0, [str(m.get("mois", ""))] + [amount(m.get(c)) for c in cols[1:]])
    n = len(months)
    ws.write(n + 1, 0, "Total", bold)
    for c in range(1, len(cols)):
        col = chr(ord("A") + c)
        ws.write_formula(n + 1, c, "=SUM(%s2:%s%d)" % (col, col, n + 1))
    wb.close()
