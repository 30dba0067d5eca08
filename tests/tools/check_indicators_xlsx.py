#!/usr/bin/env python3
"""Re-read an `indicators` workbook (openpyxl, and the zip parts for the
charts, which openpyxl only loads partially) and compare it with the JSON
report of the same project.

usage: check_indicators_xlsx.py FILE.xlsx FILE.json CHARTS
  CHARTS  number of native charts expected (xl/charts/chartN.xml parts)
Checks: the four sheets, the summary first; the monthly sheet's two tables
(activity, then money), each with one row per calendar month (the month a
date shown mm/yyyy) with gaps marked "manquant" and left empty; figures are
numbers with euro (whole euros), percentage and ratio number formats; the
total rows; the pillar amounts and shares, the valued volunteering and the funding
of unrecorded months; the
line chart reads recettes and charges of the monthly sheet, the pie the
pillar amounts; no number was written as text.
"""
import json
import re
import sys
import zipfile

import openpyxl

# Negative amounts take the minus sign U+2212, as the reports' headers do.
EUROS = '#,##0 "€";"−"#,##0 "€"'
FIRST = 5  # first month row of the activity table (1-based)


def fail(msg):
    sys.exit(f"{sys.argv[1]}: {msg}")


def num(cell, want, fmt, where):
    if want is None:
        if cell.value is not None:
            fail(f"{where} : {cell.value!r} au lieu d'une case vide")
        return
    if not isinstance(cell.value, (int, float)) or abs(cell.value - want) > 1e-9:
        fail(f"{where} : {cell.value!r} au lieu de {want}")
    if cell.number_format != fmt:
        fail(f"{where} : format {cell.number_format!r} au lieu de {fmt!r}")


def main():
    path, rep, charts = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3])
    wb = openpyxl.load_workbook(path)
    want = ["Indicateurs synthèse", "Indicateurs mensuels", "Indicateurs piliers", "Indicateurs graphiques"]
    if wb.sheetnames != want:
        fail(f"feuilles {wb.sheetnames}")
    ws = wb["Indicateurs mensuels"]
    months = rep["mois"]
    # the money table: after the activity table, its total, a blank row, its heading and header
    money = FIRST + len(months) + 4

    def month_ok(cell, periode, where):
        y, mo = (int(v) for v in periode.split("-"))
        if not (hasattr(cell.value, "year") and (cell.value.year, cell.value.month, cell.value.day) == (y, mo, 1)):
            fail(f"{where} : {cell.value!r} au lieu de {periode}")
        if cell.number_format != "mm/yyyy":
            fail(f"{where} : format de mois {cell.number_format!r}")

    if ws.cell(money - 1, 2).value != "Recettes":
        fail(f"en-tête du tableau des recettes introuvable ligne {money - 1} : {ws.cell(money - 1, 2).value!r}")
    for i, m in enumerate(months):
        r, q = FIRST + i, money + i
        month_ok(ws[f"A{r}"], m["periode"], f"A{r}")
        month_ok(ws[f"A{q}"], m["periode"], f"A{q}")
        if ws[f"B{r}"].value != ("manquant" if m["manquant"] else "oui"):
            fail(f"B{r} : {ws[f'B{r}'].value!r}")
        num(ws[f"C{r}"], m["demandes"], "#,##0", f"demandes {m['periode']}")
        num(ws[f"E{r}"], m["conversion"], "0%", f"conversion {m['periode']}")
        if m["manquant"]:
            if ws[f"B{q}"].value != "manquant":
                fail(f"B{q} : {ws[f'B{q}'].value!r}")
            continue
        num(ws[f"B{q}"], m["recettes"], EUROS, f"recettes {m['periode']}")
        num(ws[f"C{q}"], m["charges"], EUROS, f"charges {m['periode']}")
        num(ws[f"D{q}"], m["resultat"], EUROS, f"résultat {m['periode']}")
        num(ws[f"F{q}"], m["couverture"], "0.00", f"couverture {m['periode']}")
        num(ws[f"H{q}"], m["moyennes_mobiles"]["recettes"], EUROS, f"moyenne des recettes {m['periode']}")
    if months:
        r, q = FIRST + len(months), money + len(months)
        for c in (f"A{r}", f"A{q}"):
            if ws[c].value != "Total":
                fail(f"{c} : {ws[c].value!r} au lieu de Total")
        num(ws[f"B{q}"], rep["total"]["recettes"], EUROS, "total des recettes")
        num(ws[f"E{r}"], rep["total"]["conversion"], "0%", "conversion totale")
    pl = wb["Indicateurs piliers"]
    for k, p in enumerate(rep["piliers"]["repartition"]):
        r = 4 + k
        if pl[f"A{r}"].value != p["nom"]:
            fail(f"piliers A{r} : {pl[f'A{r}'].value!r}")
        num(pl[f"B{r}"], p["montant"], EUROS, f"montant {p['pilier']}")
        num(pl[f"C{r}"], p["part"], "0%", f"part {p['pilier']}")
    labels = {pl.cell(r, 1).value: pl.cell(r, 2) for r in range(1, pl.max_row + 1)}
    num(labels["Dont bénévolat valorisé (implication citoyenne)"], rep["piliers"]["benevolat_valorise"],
        EUROS, "bénévolat valorisé")
    num(labels["Non comptés : part des mois sans relevé"], rep["piliers"]["exclus"]["hors_mois"],
        EUROS, "part des mois sans relevé")
    with zipfile.ZipFile(path) as z:
        parts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        if len(parts) != charts:
            fail(f"{len(parts)} graphiques au lieu de {charts} ({parts})")
        if charts == 2:
            line = z.read("xl/charts/chart1.xml").decode()
            pie = z.read("xl/charts/chart2.xml").decode()
            last = money + len(months) - 1
            for col in ("B", "C"):
                ref = f"'Indicateurs mensuels'!${col}${money}:${col}${last}"
                if "<c:lineChart>" not in line or ref not in line:
                    fail(f"le graphique en courbes ne lit pas {ref}")
            if "<c:pieChart>" not in pie or "'Indicateurs piliers'!$B$4:$B$7" not in pie:
                fail("le camembert ne lit pas les montants des piliers")
    for sheet in wb:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and re.fullmatch(r"-?[\d  ]+([.,]\d+)?( ?%| ?€)?", c.value.strip()):
                    fail(f"{sheet.title}!{c.coordinate} : nombre écrit en texte {c.value!r}")
    print(f"{path}: {len(months)} mois, {charts} graphiques")


main()
