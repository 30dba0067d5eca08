"""Re-read report's workbooks with openpyxl (independent of our writer).

Usage: check_report_xlsx.py OUTDIR
Checks the portfolio (sortable, filterable table with numeric cells, live
counts) and that each project workbook holds every analysis's sheets.
"""
import os
import sys
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsx_formula  # noqa: E402

out = sys.argv[1]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


wb = openpyxl.load_workbook(os.path.join(out, "portefeuille.xlsx"))
if wb.sheetnames != ["Portefeuille", "Portefeuille synthèse"]:
    fail(f"portfolio sheets: {wb.sheetnames}")
ws = wb["Portefeuille"]
header = [c.value for c in ws[1]]
for col in ("Projet", "Phase déclarée", "Verdict du test", "Couverture des charges (hors prêts)",
            "Prêts et avances remboursables (trésorerie)", "Alertes critiques", "Remarque"):
    if col not in header:
        fail(f"missing column {col}")
if ws.freeze_panes != "C2":
    fail(f"freeze panes {ws.freeze_panes}")
if ws.auto_filter.ref != f"A1:S{ws.max_row}":
    fail(f"autofilter {ws.auto_filter.ref} for {ws.max_row} rows")
rows = list(ws.iter_rows(min_row=2, values_only=True))
if len(rows) != 4:
    fail(f"{len(rows)} rows")
progress = header.index("Avancement de la phase")
coverage = header.index("Couverture des charges (hors prêts)")
loans = header.index("Prêts et avances remboursables (trésorerie)")
verdict = header.index("Verdict du test")
alerts = header.index("Alertes critiques")
for r in rows:
    if not isinstance(r[progress], float) or not 0 <= r[progress] <= 1:
        fail(f"progress not a ratio: {r[progress]!r}")
    # a project in émergence has no activity record, hence no coverage
    if not isinstance(r[coverage], (int, float)) and not (r[coverage] is None and r[header.index("Phase déclarée")] == "Émergence"):
        fail(f"coverage not numeric: {r[coverage]!r}")
    if not isinstance(r[loans], (int, float)) or r[loans] < 0:
        fail(f"loans not an amount: {r[loans]!r}")
    # émergence: not yet at the test; past it, a verdict
    want_before = r[header.index("Phase déclarée")] == "Émergence"
    if (r[verdict] == "avant le test") != want_before:
        fail(f"verdict {r[verdict]!r} for phase {r[header.index('Phase déclarée')]!r}")
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
