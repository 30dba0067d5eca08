#!/usr/bin/env python3
"""Read a `diff` workbook with openpyxl and check it against the JSON of the
same diff (written by the same run) and a few values given by hand.

usage: check_diff_xlsx.py BOOK.xlsx DIFF.json [LABEL=BEFORE:AFTER ...]
  LABEL=BEFORE:AFTER  a row of the figures table, numbers as stored
Checked: the two sheets, the summary lines in order, every figure (a
number stays a number, the difference is a formula after − before), one
detail row per change of the JSON, with its section and item.
"""
import json
import sys

import openpyxl


def main():
    book, js = sys.argv[1], sys.argv[2]
    d = json.load(open(js, encoding="utf-8"))
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Diff synthèse", "Diff détail"], wb.sheetnames
    s = wb["Diff synthèse"]
    cells = [[c.value for c in row] for row in s.iter_rows()]
    col_a = [r[0] for r in cells]
    bad = []
    if d["identiques"]:
        if not any(isinstance(v, str) and v.startswith("Aucun changement") for v in col_a):
            bad.append("pas de « Aucun changement »")
    else:
        i = col_a.index("En bref")
        got = col_a[i + 1:i + 1 + len(d["resume"])]
        if got != d["resume"]:
            bad.append(f"résumé {got} au lieu de {d['resume']}")
        h = col_a.index("Chiffre")
        if h < i:
            bad.append("les chiffres avant le résumé")
        rows = {r[0]: (r[1], r[2], r[3], h + 2 + k) for k, r in enumerate(cells[h + 1:h + 1 + len(d["chiffres"])])}
        for f in d["chiffres"]:
            if f["libelle"] not in rows:
                bad.append(f"chiffre absent : {f['libelle']}")
                continue
            before, after, delta, excel_row = rows[f["libelle"]]
            want_b = "—" if f["avant"] is None else f["avant"]
            want_a = "—" if f["apres"] is None else f["apres"]
            if isinstance(want_b, float) or isinstance(want_a, float):
                ok = abs(before - want_b) < 1e-9 and abs(after - want_a) < 1e-9
            else:
                ok = (before, after) == (want_b, want_a)
            if not ok:
                bad.append(f"{f['libelle']} : {before} → {after} au lieu de {want_b} → {want_a}")
            if isinstance(f["avant"], (int, float)) and isinstance(f["apres"], (int, float)):
                if delta != f"=C{excel_row}-B{excel_row}":
                    bad.append(f"{f['libelle']} : écart {delta!r}, pas la formule après − avant")
        for arg in sys.argv[3:]:
            label, values = arg.split("=", 1)
            b, a = values.split(":")
            before, after, _, _ = rows[label]
            try:
                same = (before, after) == (float(b), float(a))
            except ValueError:
                same = (before, after) == (b, a)
            if not same:
                bad.append(f"{label} : {before} → {after} au lieu de {b} → {a} (calcul à la main)")
    det = wb["Diff détail"]
    drows = [[c.value for c in row] for row in det.iter_rows(min_row=2)]
    changes = [(sec, c["libelle"]) for sec, lst in d["changements"].items() for c in lst]
    if not d["identiques"]:
        if len(drows) != len(changes):
            bad.append(f"{len(drows)} lignes de détail pour {len(changes)} changements")
        got = [r[2] for r in drows]
        if got != [lab for _, lab in changes]:
            bad.append(f"éléments du détail {got[:5]}… au lieu de {[lab for _, lab in changes][:5]}…")
    if bad:
        sys.exit(f"{book}:\n  " + "\n  ".join(bad))
    print(f"{book}: {len(drows)} lignes de détail, conforme à {js}")


main()
