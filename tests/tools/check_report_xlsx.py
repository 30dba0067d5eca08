"""Re-read report's workbooks with openpyxl (independent of our writer).

Usage: check_report_xlsx.py OUTDIR
Checks the portfolio (sortable, filterable table with numeric cells, live
counts) and that each project workbook holds every analysis's sheets.
"""
import os
import sys
import zipfile

import openpyxl
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsx_formula  # noqa: E402

out = sys.argv[1]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


wb = openpyxl.load_workbook(os.path.join(out, "portefeuille.xlsx"))
if wb.sheetnames != ["Portefeuille synthèse", "Portefeuille"]:
    fail(f"portfolio sheets: {wb.sheetnames}")
ws = wb["Portefeuille"]
header = [c.value for c in ws[1]]
# the project's name first, then its snapshot date
if header[:2] != ["Projet", "Date du point"]:
    fail(f"first columns {header[:2]}")
for col in ("Phase déclarée", "Verdict du test", "Alertes critiques", "Statut", "Remarque"):
    if col not in header:
        fail(f"missing column {col}")
if ws.freeze_panes != "B2":
    fail(f"freeze panes {ws.freeze_panes}")
n = 4
if ws.auto_filter.ref != f"A1:K{1 + n}":
    fail(f"autofilter {ws.auto_filter.ref} for {n} projects")
rows = [tuple(c.value for c in ws[r]) for r in range(2, 2 + n)]
dates = [ws.cell(r, 2) for r in range(2, 2 + n)]
for d in dates:
    if not hasattr(d.value, "year") or d.number_format != "dd/mm/yyyy":
        fail(f"snapshot date {d.value!r} {d.number_format!r}")
# the second table: money and files, under its own header
second = next((r for r in range(2 + n, ws.max_row + 1) if ws.cell(r, 2).value == "Couverture des charges (hors prêts)"), None)
if second is None:
    fail("no money table")
money_header = [c.value for c in ws[second]]
for col in ("Projet", "Couverture des charges (hors prêts)", "Prêts et avances remboursables (trésorerie)",
            "Mois relevés (base des ratios)", "Fichier"):
    if col not in money_header:
        fail(f"missing column {col} in the money table")
money = [tuple(c.value for c in ws[r]) for r in range(second + 1, second + 1 + n)]
progress = header.index("Avancement de la phase")
coverage = money_header.index("Couverture des charges (hors prêts)")
loans = money_header.index("Prêts et avances remboursables (trésorerie)")
verdict = header.index("Verdict du test")
alerts = header.index("Alertes critiques")
phase = header.index("Phase déclarée")
months = money_header.index("Mois relevés (base des ratios)")
files = money_header.index("Fichier")
for r, m in zip(rows, money):
    if m[0] != r[0]:
        fail(f"money row {m[0]!r} for project {r[0]!r}")
    # the months the ratios rest on: the project file's activity records (PyYAML)
    with open(m[files], encoding="utf-8") as f:
        want = len(yaml.safe_load(f).get("activite") or [])
    if m[months] != want:
        fail(f"{r[0]}: {m[months]!r} months instead of {want}")
    if not isinstance(r[progress], float) or not 0 <= r[progress] <= 1:
        fail(f"progress not a ratio: {r[progress]!r}")
    # a project in émergence has no activity record, hence no coverage
    if not isinstance(m[coverage], (int, float)) and not (m[coverage] is None and r[phase] == "Émergence"):
        fail(f"coverage not numeric: {m[coverage]!r}")
    if not isinstance(m[loans], (int, float)) or m[loans] < 0:
        fail(f"loans not an amount: {m[loans]!r}")
    # émergence: not yet at the test; past it, a verdict
    want_before = r[phase] == "Émergence"
    if (r[verdict] == "avant le test") != want_before:
        fail(f"verdict {r[verdict]!r} for phase {r[phase]!r}")
    if not isinstance(r[alerts], int):
        fail(f"alerts not an integer: {r[alerts]!r}")
if ws.cell(row=2, column=progress + 1).number_format != "0%":
    fail("progress format")
if len(ws.conditional_formatting) < 3:
    fail("conditional colours missing")

summary = wb["Portefeuille synthèse"]
formulas = [c.value for row in summary.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")]
if not any(f.startswith("=SUMPRODUCT(--EXACT(Portefeuille!") for f in formulas):
    fail(f"no exact count over the table: {formulas}")
# each count, evaluated on the table (xlsx_formula), is its cached result
cached_sheet = openpyxl.load_workbook(os.path.join(out, "portefeuille.xlsx"), data_only=True)["Portefeuille synthèse"]
for row in summary.iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value.startswith("=SUMPRODUCT("):
            got = xlsx_formula.count(wb, summary, c.value)
            if got != cached_sheet[c.coordinate].value:
                fail(f"{c.coordinate}: {c.value} gives {got}, cached {cached_sheet[c.coordinate].value}")
# cached results are there for readers that do not recalculate
values = openpyxl.load_workbook(os.path.join(out, "portefeuille.xlsx"), data_only=True)["Portefeuille synthèse"]
counted = {values.cell(row=i, column=1).value: values.cell(row=i, column=2).value for i in range(2, 6)}
if counted != {"Émergence": 1, "Test": 1, "Lancement": 1, "Fonctionnement": 1}:
    fail(f"counts per phase {counted}")
verdicts = {values.cell(row=i, column=1).value: values.cell(row=i, column=2).value for i in range(1, summary.max_row + 1)}
if verdicts.get("avant le test") != 1 or verdicts.get("non évalué") != 0:
    fail(f"counts per verdict {verdicts}")

expected = {
    "quartier-test.xlsx": ["Diag synthèse", "Test décision", "Indicateurs mensuels", "Canevas", "Compétences"],
    "rural-fonctionnement.xlsx": ["Diag synthèse", "Test décision", "Indicateurs mensuels", "Canevas", "Compétences"],
}
for name, sheets in expected.items():
    names = openpyxl.load_workbook(os.path.join(out, name)).sheetnames
    for s in sheets:
        if s not in names:
            fail(f"{name}: no sheet {s} in {names}")
    with zipfile.ZipFile(os.path.join(out, name)) as z:
        if not any(n.startswith("xl/charts/chart") for n in z.namelist()):
            fail(f"{name}: no native chart")
print("ok")
