#!/usr/bin/env python3
"""The test-phase workbook keeps its promise in LibreOffice: statuses typed
in it give the verdict `conciergerie test-phase` gives for the same
statuses, on every path of the rule.

usage: testphase_live.py CZ PROJECT.yaml WORKDIR PROFILE_URL

For each verdict (GO, RÉAJUSTER, NO-GO, INCOMPLET) a variant of the
project's `test` section is written (declared values changed, or removed,
conditions set, a threshold of the project), and one more NO-GO with both
critical indicators non atteint (fewer requests, higher charges); then
`test-phase -f json` is run on each: that gives the statuses of every indicator and condition and the
verdict, by lib/testphase.c. The workbook of the unchanged project is then
filled with those statuses by openpyxl (which keeps no computed value),
LibreOffice opens it, recalculates and saves it, and the verdict, score and
motive cells read back must be the JSON's verdict and score.
"""
import copy
import json
import os
import subprocess
import sys

import openpyxl
import yaml

LABELS = {"atteint": "atteint", "partiel": "partiel", "non_atteint": "non atteint",
          "non_renseigne": "non renseigné"}
FIRST = 4  # first indicator row (1-based)


def variants(data):
    """Variants of the project, one per path of the rule (name: expected verdict)."""
    test = data["test"]
    out = {"reajuster": copy.deepcopy(test)}
    go = copy.deepcopy(test)
    go.update({"carnet_commandes": 3, "charge_travail": 0.9, "vision": 4, "energie": 4,
               "satisfaction": {"beneficiaires": 4.5, "partenaires": 4.5, "equipe": 4.5}})
    go["conditions"] = {k: True for k in go.get("conditions", {})}
    go["seuils"] = dict(go.get("seuils", {}), reseau_prestataires=0.6)
    out["go"] = go
    nogo = copy.deepcopy(test)
    nogo.update({"carnet_commandes": 0, "charge_travail": 2, "vision": 1, "energie": 1, "impact_social": 1,
                 "montee_competences": 1, "sollicitations_suivies": False, "cahier_des_charges": False,
                 "satisfaction": {"beneficiaires": 1, "partenaires": 1, "equipe": 1}})
    out["no_go"] = nogo
    incomplete = copy.deepcopy(test)
    for k in ("carnet_commandes", "charge_travail", "satisfaction", "impact_social", "vision"):
        incomplete.pop(k, None)
    out["incomplet"] = incomplete
    projects = {k: dict(data, test=v) for k, v in out.items()}
    # both critical indicators non atteint (the demand and the coverage of
    # charges): a handful of requests a month, charges tripled
    crit = copy.deepcopy(data)
    for m in crit.get("activite", []):
        if "demandes" in m:
            m["demandes"] = 1
        if isinstance(m.get("charges"), (int, float)):
            m["charges"] = m["charges"] * 3
    projects["no_go-critiques"] = crit
    return projects


def run(cz, *args):
    p = subprocess.run([cz, *args], capture_output=True, text=True)
    if p.returncode not in (0,):
        sys.exit(f"{' '.join(args)} : code {p.returncode}\n{p.stderr}")
    return p.stdout


def main():
    cz, project, work, profile = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    with open(project, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    base = os.path.join(work, "base.xlsx")
    if os.path.exists(base):
        os.remove(base)
    run(cz, "test-phase", "-q", project, "-o", base)
    filled = []
    expected = {}
    for name, variant in variants(data).items():
        verdict = name.split("-")[0]
        path = os.path.join(work, f"{name}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(variant, f, allow_unicode=True, sort_keys=False)
        rep = json.loads(run(cz, "test-phase", "-f", "json", path))
        if rep["verdict"] != verdict:
            sys.exit(f"{path} : la variante donne {rep['verdict']}, pas {verdict}")
        if name == "no_go-critiques":
            missed = [i["nom"] for i in rep["indicateurs"] if i["critique"] and i["statut"] != "non_atteint"]
            if missed:
                sys.exit(f"{path} : indicateurs critiques pas « non atteint » : {missed}")
        wb = openpyxl.load_workbook(base)
        card = wb["Test indicateurs"]
        for i, ind in enumerate(rep["indicateurs"]):
            if card.cell(FIRST + i, 1).value != ind["nom"]:
                sys.exit(f"ligne {FIRST + i} : {card.cell(FIRST + i, 1).value!r} au lieu de {ind['nom']!r}")
            card.cell(FIRST + i, 9).value = LABELS[ind["statut"]]
        rows = {card.cell(r, 1).value: r for r in range(1, card.max_row + 1)}
        for cond in rep["conditions"]:
            card.cell(rows[cond["nom"]], 4).value = LABELS[cond["statut"]]
        out = os.path.join(work, f"saisi-{name}.xlsx")
        wb.save(out)
        filled.append(out)
        expected[os.path.basename(out)] = rep
    recalc = os.path.join(work, "recalcule")
    os.makedirs(recalc, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", recalc, *filled], capture_output=True, timeout=600)
    bad = 0
    for name, rep in expected.items():
        path = os.path.join(recalc, name)
        if not os.path.exists(path):
            print(f"FAIL {name} : LibreOffice n'a rien écrit")
            bad += 1
            continue
        dec = openpyxl.load_workbook(path, data_only=True)["Test décision"]
        got, score = dec["B3"].value, dec["B4"].value
        ok = got == rep["verdict_libelle"] and isinstance(score, (int, float)) and abs(score - rep["score"]) < 1e-9
        print(f"{'ok  ' if ok else 'FAIL'} {name} : verdict recalculé {got!r}, score {score!r} ; "
              f"test-phase : {rep['verdict_libelle']!r}, {rep['score']:.4f} ; motif : {dec['A16'].value!r}")
        bad += not ok
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
