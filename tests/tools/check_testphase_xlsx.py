#!/usr/bin/env python3
"""Re-read a `test-phase` workbook with openpyxl and compare it with the JSON
report of the same project.

usage: check_testphase_xlsx.py FILE.xlsx FILE.json
Checks: the two sheets; the verdict; the score is a formula; every indicator
row carries its name, a numeric value (or an empty cell when not filled in)
with a number format, numeric thresholds and weight, the status label with
its colour, live formulas for credit and retained weight; conditional
formats colour the status column; no number was written as text.
"""
import json
import re
import sys

import openpyxl

COLOURS = {"atteint": "C6EFCE", "partiel": "FFEB9C", "non atteint": "FFC7CE", "non renseigné": "D9D9D9"}
LABELS = {"atteint": "atteint", "partiel": "partiel", "non_atteint": "non atteint",
          "non_renseigne": "non renseigné"}
FIRST = 4  # first indicator row (1-based)


def fail(msg):
    sys.exit(f"{sys.argv[1]}: {msg}")


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    rep = json.load(open(sys.argv[2]))
    if wb.sheetnames != ["Test décision", "Test indicateurs"]:
        fail(f"feuilles {wb.sheetnames}")
    dec, card = wb["Test décision"], wb["Test indicateurs"]
    if dec["B3"].value != rep["verdict_libelle"]:
        fail(f"verdict {dec['B3'].value!r} au lieu de {rep['verdict_libelle']!r}")
    score = dec["B4"]
    if not (isinstance(score.value, str) and score.value.startswith("=") and "SUMPRODUCT" in score.value) \
            or score.number_format != "0.00":
        fail(f"score : {score.value!r} {score.number_format!r}")
    for ref in ("B5", "B6", "B7", "B8", "B9", "B10"):
        if not isinstance(dec[ref].value, (int, float)):
            fail(f"{ref} n'est pas un nombre : {dec[ref].value!r}")
    if dec["B8"].number_format != "0%":
        fail("part non renseignée sans format pourcentage")
    for i, ind in enumerate(rep["indicateurs"]):
        r = FIRST + i
        row = {c.column_letter: c for c in card[r]}
        if row["A"].value != ind["nom"]:
            fail(f"ligne {r} : {row['A'].value!r} au lieu de {ind['nom']!r}")
        v = row["D"]
        if ind["valeur"] is None:
            if v.value is not None:
                fail(f"ligne {r} : valeur {v.value!r} pour un indicateur non renseigné")
        else:
            if not isinstance(v.value, (int, float)) or abs(v.value - ind["valeur"]) > 1e-9:
                fail(f"ligne {r} : valeur {v.value!r} au lieu de {ind['valeur']}")
            if v.number_format not in ("0.00", "0%", "0.##"):
                fail(f"ligne {r} : format {v.number_format!r}")
        if not isinstance(row["G"].value, (int, float)) or abs(row["G"].value - ind["seuil"]) > 1e-12:
            fail(f"ligne {r} : seuil {row['G'].value!r}")
        if not isinstance(row["J"].value, (int, float)) or row["J"].value != ind["poids"]:
            fail(f"ligne {r} : poids {row['J'].value!r}")
        label = LABELS[ind["statut"]]
        st = row["I"]
        if st.value != label:
            fail(f"ligne {r} : statut {st.value!r} au lieu de {label!r}")
        if not st.fill.fgColor.rgb.endswith(COLOURS[label]):
            fail(f"ligne {r} : couleur {st.fill.fgColor.rgb} pour {label}")
        for col in ("K", "L"):
            if not (isinstance(row[col].value, str) and row[col].value.startswith("=IF(")):
                fail(f"ligne {r} : {col} n'est pas une formule : {row[col].value!r}")
        if row["M"].value != ind["calcul"]:
            fail(f"ligne {r} : calcul différent")
    last = FIRST + len(rep["indicateurs"]) - 1
    ranges = [str(cf.sqref) for cf in card.conditional_formatting]
    if f"I{FIRST}:I{last}" not in ranges:
        fail(f"pas de mise en forme conditionnelle sur I{FIRST}:I{last} ({ranges})")
    rules = [rule for cf in card.conditional_formatting if str(cf.sqref) == f"I{FIRST}:I{last}" for rule in cf.rules]
    if len(rules) != 4:
        fail(f"{len(rules)} règles de couleur au lieu de 4")
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and re.fullmatch(r"-?\d+([.,]\d+)?( ?%| ?€)?", c.value.strip()):
                    fail(f"{ws.title}!{c.coordinate} : nombre écrit en texte {c.value!r}")
    print(f"{sys.argv[1]}: {len(rep['indicateurs'])} indicateurs, verdict {rep['verdict_libelle']}")


main()
