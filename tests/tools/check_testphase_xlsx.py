#!/usr/bin/env python3
"""Re-read a `test-phase` workbook with openpyxl and compare it with the JSON
report of the same project.

usage: check_testphase_xlsx.py FILE.xlsx FILE.json
Checks: the three sheets; the verdict is a formula over the rule's cells
with the JSON's verdict cached (a text, « non évalué », when the project was
not assessed); the score, the counts and the rule's line are formulas with
cached values equal to the JSON's; the thresholds are the referential's;
the test period is stated; every indicator row carries its name, its
critical flag as 1/0 shown oui/non, a numeric value (or an empty cell when
not filled in) with a number format, numeric thresholds and weight, the
status label with its colour and a status drop-down, live formulas for
credit and retained weight; conditional formats colour the status column;
no number was written as text.
"""
import json
import re
import sys

import openpyxl

COLOURS = {"atteint": "C6EFCE", "partiel": "FFEB9C", "non atteint": "FFC7CE", "non renseigné": "EDEDED"}
LABELS = {"atteint": "atteint", "partiel": "partiel", "non_atteint": "non atteint",
          "non_renseigne": "non renseigné"}
FIRST = 4  # first indicator row (1-based)


def fail(msg):
    sys.exit(f"{sys.argv[1]}: {msg}")


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
    rep = json.load(open(sys.argv[2]))
    if wb.sheetnames != ["Test décision", "Test indicateurs", "Test détail"]:
        fail(f"feuilles {wb.sheetnames}")
    dec, card = wb["Test décision"], wb["Test indicateurs"]
    cdec = cached["Test décision"]
    if not (dec["A2"].value or "").startswith("Période du test : "):
        fail(f"période : {dec['A2'].value!r}")
    verdict = dec["B3"].value
    if rep["verdict"] == "non_evalue":
        if verdict != rep["verdict_libelle"]:
            fail(f"verdict {verdict!r} au lieu de {rep['verdict_libelle']!r}")
    else:
        if not (isinstance(verdict, str) and verdict.startswith("=INDEX(")):
            fail(f"verdict sans formule : {verdict!r}")
        if cdec["B3"].value != rep["verdict_libelle"]:
            fail(f"verdict en cache {cdec['B3'].value!r} au lieu de {rep['verdict_libelle']!r}")
    score = dec["B4"]
    if not (isinstance(score.value, str) and score.value.startswith("=") and "SUMPRODUCT" in score.value) \
            or score.number_format != "0.00":
        fail(f"score : {score.value!r} {score.number_format!r}")
    if abs(cdec["B4"].value - rep["score"]) > 1e-9:
        fail(f"score en cache {cdec['B4'].value!r} au lieu de {rep['score']}")
    labels = {dec.cell(r, 1).value: r for r in range(1, dec.max_row + 1)}
    def value(label):
        if label not in labels:
            fail(f"ligne « {label} » absente")
        return cdec.cell(labels[label], 2).value
    regle = rep.get("regle") or {}
    counts = rep["comptes"] if "comptes" in rep else None
    if counts is not None and value("Indicateurs non renseignés") != counts["non_renseigne"]:
        fail(f"non renseignés {value('Indicateurs non renseignés')!r}")
    for ref in ("B5", "B6", "B7", "B8", "B9", "B10"):
        if not isinstance(cdec[ref].value, (int, float)):
            fail(f"{ref} n'est pas un nombre : {cdec[ref].value!r}")
    if dec["B8"].number_format != "0.0%" or dec["B9"].number_format != "0.0%":
        fail("part non renseignée sans format pourcentage")
    # the referential's rule, as read for this run
    for label, key in (("Seuil GO (score minimal)", "score_go"), ("Seuil NO-GO (score en dessous duquel)", "score_no_go"),
                       ("Part maximale avant INCOMPLET", "part_max_non_renseignes")):
        if abs(value(label) - regle[key]) > 1e-12:
            fail(f"{label} : {value(label)!r} au lieu de {regle[key]}")
    if value("Un indicateur critique non renseigné rend le verdict INCOMPLET") != (1 if regle["critique_non_renseigne_incomplet"] else 0):
        fail("règle des critiques non renseignés")
    line = value("Ligne de la règle qui s'applique (ci-dessous)")
    order = {"incomplet": 1, "no_go": 2, "go": 3, "reajuster": 4}
    if rep["verdict"] in order and line != order[rep["verdict"]]:
        fail(f"ligne de la règle {line!r} pour {rep['verdict']}")
    # drop-down on the status column
    dvs = [dv for dv in card.data_validations.dataValidation if dv.type == "list"]
    last = FIRST + len(rep["indicateurs"]) - 1
    if not any(f"I{FIRST}:I{last}" in str(dv.sqref) and "non renseigné" in (dv.formula1 or "") for dv in dvs):
        fail(f"pas de liste déroulante sur I{FIRST}:I{last} ({[(str(d.sqref), d.formula1) for d in dvs]})")
    for i, ind in enumerate(rep["indicateurs"]):
        r = FIRST + i
        row = {c.column_letter: c for c in card[r]}
        if row["A"].value != ind["nom"]:
            fail(f"ligne {r} : {row['A'].value!r} au lieu de {ind['nom']!r}")
        v = row["D"]
        if ind["valeur"] is None:
            if v.value is not None:
                fail(f"ligne {r} : valeur {v.value!r} pour un indicateur non renseigné")
        else:
            if not isinstance(v.value, (int, float)) or abs(v.value - ind["valeur"]) > 1e-9:
                fail(f"ligne {r} : valeur {v.value!r} au lieu de {ind['valeur']}")
            if v.number_format not in ("0.00", "0%", "#,##0.0", '"oui";"oui";"non"'):
                fail(f"ligne {r} : format {v.number_format!r}")
        if not isinstance(row["G"].value, (int, float)) or abs(row["G"].value - ind["seuil"]) > 1e-12:
            fail(f"ligne {r} : seuil {row['G'].value!r}")
        if not isinstance(row["J"].value, (int, float)) or row["J"].value != ind["poids"]:
            fail(f"ligne {r} : poids {row['J'].value!r}")
        label = LABELS[ind["statut"]]
        st = row["I"]
        if st.value != label:
            fail(f"ligne {r} : statut {st.value!r} au lieu de {label!r}")
        if not st.fill.fgColor.rgb.endswith(COLOURS[label]):
            fail(f"ligne {r} : couleur {st.fill.fgColor.rgb} pour {label}")
        if row["C"].value != (1 if ind["critique"] else 0) or row["C"].number_format != '"oui";"oui";"non"':
            fail(f"ligne {r} : critique {row['C'].value!r} {row['C'].number_format!r}")
        for col, start in (("K", "=SUMPRODUCT(EXACT("), ("L", "=IF(EXACT(")):
            if not (isinstance(row[col].value, str) and row[col].value.startswith(start)):
                fail(f"ligne {r} : {col} n'est pas une formule : {row[col].value!r}")
    detail = wb["Test détail"]
    for i, ind in enumerate(rep["indicateurs"]):
        if detail.cell(3 + i, 1).value != ind["nom"] or detail.cell(3 + i, 2).value != ind["calcul"]:
            fail(f"détail ligne {3 + i} : {detail.cell(3 + i, 1).value!r}")
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
                    fail(f"{ws.title}!{c.coordinate} : nombre écrit en texte {c.value!r}")
    print(f"{sys.argv[1]}: {len(rep['indicateurs'])} indicateurs, verdict {rep['verdict_libelle']}")


main()
