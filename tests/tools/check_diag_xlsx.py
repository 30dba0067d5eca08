#!/usr/bin/env python3
"""Read a `diag` workbook with openpyxl and compare it with the JSON report
of the same project (both written by conciergerie, read here independently).

usage: check_diag_xlsx.py WORKBOOK.xlsx REPORT.json
"""
import json
import sys

import openpyxl

SHEETS = ["Diag synthèse", "Diag étapes", "Diag compétences", "Diag besoins",
          "Diag alertes", "Diag actions", "Diag définition"]


def fail(msg):
    sys.exit(f"{sys.argv[1]}: {msg}")


def rows(ws, first=2):
    return [r for r in ws.iter_rows(min_row=first, values_only=True) if any(v is not None for v in r)]


def find_row(ws, label, col=1):
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col).value == label:
            return r
    fail(f"{ws.title}: ligne « {label} » introuvable")


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    rep = json.load(open(sys.argv[2], encoding="utf-8"))
    if wb.sheetnames != SHEETS:
        fail(f"feuilles {wb.sheetnames}")
    for name in SHEETS:
        if wb[name].freeze_panes != "A2":
            fail(f"{name}: en-tête non figé ({wb[name].freeze_panes})")

    # Summary: identity, phase progress as numbers formatted 0%, coverage.
    ws = wb["Diag synthèse"]
    if ws["A1"].value != "Diagnostic — " + rep["projet"]["nom"]:
        fail(f"titre {ws['A1'].value!r}")
    if ws.column_dimensions["A"].width < 20:
        fail("largeur de la colonne A")
    seuil = ws.cell(find_row(ws, "Seuil d'avancement des phases précédentes"), 2)
    if seuil.value != rep["seuil_phase"] or seuil.number_format != "0%":
        fail(f"seuil {seuil.value} {seuil.number_format}")
    head = find_row(ws, "Phase")
    for i, ph in enumerate(rep["phases"]):
        r = head + 1 + i
        if ws.cell(r, 1).value != ph["nom"]:
            fail(f"phase ligne {r}")
        cell = ws.cell(r, 2)
        if ph["avancement"] is None:
            if cell.value != "sans objet":
                fail(f"{ph['id']}: avancement {cell.value!r}")
        else:
            if not isinstance(cell.value, (int, float)) or abs(cell.value - ph["avancement"]) > 1e-9:
                fail(f"{ph['id']}: avancement {cell.value!r} au lieu de {ph['avancement']}")
            if cell.number_format != "0%":
                fail(f"{ph['id']}: format {cell.number_format}")
        got = [ws.cell(r, c).value for c in range(3, 9)]
        want = [ph[k] for k in ("faites", "en_cours", "a_faire", "non_renseignees", "sans_objet", "applicables")]
        if got != want:
            fail(f"{ph['id']}: {got} au lieu de {want}")
        if ws.cell(r, 9).value != ("oui" if ph["seuil_atteint"] else "non"):
            fail(f"{ph['id']}: seuil atteint")
    if not ws.conditional_formatting:
        fail("barres de données absentes")
    tot = ws.cell(find_row(ws, "Ensemble"), 2)
    if abs(tot.value - rep["competences"]["couverture"]) > 1e-9 or tot.number_format != "0%":
        fail("couverture totale")
    r = find_row(ws, "Ensemble")
    got = [ws.cell(r, c).value for c in range(3, 10)]
    c = rep["competences"]
    if got != [c["porteur"], c["reseau"], c["en_cours"], c["a_acquerir"], c["non_evaluees"], c["sans_objet"],
               c["total"]]:
        fail(f"comptes de compétences {got}")
    crit = ws.cell(find_row(ws, "Alertes critiques"), 2).value
    if crit != rep["alertes_par_gravite"]["critique"]:
        fail("nombre d'alertes critiques")

    # Steps: every step of the four phases, statuses from the JSON.
    steps = rows(wb["Diag étapes"])
    want = [(s["id"], s["statut"]) for ph in rep["phases"] for s in ph["detail"]]
    keys = {"fait": "fait", "en cours": "en_cours", "à faire": "a_faire", "sans objet": "sans_objet"}
    if [(r[1], keys.get(r[3])) for r in steps] != want:
        fail("étapes")
    blocking = {s["id"] for s in rep["etapes_bloquantes"]}
    if {r[1] for r in steps if r[5] == "oui"} != blocking:
        fail("étapes bloquantes")
    if wb["Diag étapes"].auto_filter.ref is None:
        fail("filtre des étapes")
    fills = {r[0].fill.fgColor.rgb for r in wb["Diag étapes"].iter_rows(min_row=2, min_col=4, max_col=4)}
    if not fills or fills & {None, "00000000"}:
        fail(f"statuts non colorés {fills}")
    # "à faire" is red in the declared phase and before it, grey after it (nothing is due yet)
    order = [ph["id"] for ph in rep["phases"]]
    declared = order.index(rep["projet"]["phase"]) if rep["projet"].get("phase") in order else None
    if declared is not None:
        idx = 0
        for ph_i, ph in enumerate(rep["phases"]):
            for s in ph["detail"]:
                cell = wb["Diag étapes"].cell(2 + idx, 4)
                idx += 1
                if s["statut"] != "a_faire":
                    continue
                want = "FFC7CE" if ph_i <= declared else "EDEDED"
                if not (cell.fill.fgColor.rgb or "").endswith(want):
                    fail(f"{s['id']} à faire : couleur {cell.fill.fgColor.rgb} au lieu de {want}")

    # Competences of the declared phase.
    comp = rows(wb["Diag compétences"])
    if [r[1] for r in comp] != [x["id"] for x in c["detail"]]:
        fail("compétences")
    if [r[4] for r in comp] != [x["porte_par"] for x in c["detail"]]:
        fail("porté par")

    # Needs: ranked, numbers as numbers.
    ws = wb["Diag besoins"]
    needs = [r for r in rows(ws) if isinstance(r[0], int)]
    if [(r[0], r[1], r[3]) for r in needs] != [(n["rang"], n["besoin"], n["demandes"]) for n in rep["besoins"]]:
        fail("besoins")
    pr = ws.cell(find_row(ws, "Couples produit / marché prioritaires", 2), 4).value
    if pr != rep["couples_prioritaires"]:
        fail("couples prioritaires")

    # Alerts and actions.
    al = rows(wb["Diag alertes"])
    if rep["alertes"]:
        if [(r[0], r[1], r[3]) for r in al] != [(a["gravite"], a["id"], a["constat"]) for a in rep["alertes"]]:
            fail("alertes")
        for r, a in zip(al, rep["alertes"]):
            if (r[5] or "").split("\n") != [s["id"] for s in a["etapes"]] and a["etapes"]:
                fail(f"étapes de l'alerte {a['id']}")
        for r in wb["Diag alertes"].iter_rows(min_row=2, max_col=1):
            if r[0].value == "critique" and r[0].fill.fgColor.rgb not in ("FFC00000", "00C00000"):
                fail(f"couleur critique {r[0].fill.fgColor.rgb}")
    elif al != [("Aucune alerte.", None, None, None, None, None)]:
        fail("alertes absentes")
    act = rows(wb["Diag actions"])
    if [(r[0], r[2]) for r in act] != [(a["rang"], a["id"]) for a in rep["actions"]]:
        fail("actions")
    states = {"respecte": "oui", "manque": "non", "non_verifiable": "à vérifier"}
    df = [r for r in rows(wb["Diag définition"]) if r[1]]
    if [(r[1], r[3], r[4]) for r in df] != [(x["id"], states[x["etat"]], x["constat"]) for x in rep["definition"]]:
        fail("définition")
    print(f"{sys.argv[1]}: {len(steps)} étapes, {len(comp)} compétences, {len(needs)} besoins, "
          f"{len(al)} alertes, {len(act)} actions")


main()
