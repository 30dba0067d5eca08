#!/usr/bin/python3
"""Check a `conciergerie bmc` workbook with openpyxl, against the JSON report
of the same input.

usage: bmc_check_xlsx.py CANEVAS.xlsx REPORT.json

- sheets "Canevas", "Canevas blocs", "Canevas contrôles";
- "Canevas": exactly the canvas's merged ranges, each block headed by its
  name, the attribution under the canvas; landscape, A4 or A3, fit to one
  page (1 x 1), print area covering the canvas;
- "Canevas blocs": one row per item, in the JSON's order, with its block,
  pillar and cost type;
- "Canevas contrôles": one row per check, severities as in the JSON, then a
  blank row and the pillar table;
- both tables: landscape A4, one page wide, header row repeated, and rows
  tall enough for their wrapped text (LibreOffice keeps the heights of the
  file); the blocks table of an example canvas (JSON "modele") on one page
  when its rows fit at 70 % scale.
"""
import json
import math
import os
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsx_print  # noqa: E402

MERGED = {"A1:J1", "A2:J2",
          "A3:B3", "A4:B6",            # partenaires
          "C3:D3", "C4:D4",            # activités
          "C5:D5", "C6:D6",            # ressources
          "E3:F3", "E4:F6",            # proposition de valeur
          "G3:H3", "G4:H6",            # distribution
          "I3:J3", "I4:J4",            # clients
          "I5:J5", "I6:J6",            # bénéficiaires
          "A7:E7", "A8:E8",            # coûts
          "F7:J7", "F8:J8",            # revenus
          "A9:J9"}                     # attribution
HEADERS = {"A3": "partenaires", "C3": "activites", "C5": "ressources",
           "E3": "proposition_valeur", "G3": "distribution", "I3": "clients",
           "I5": "beneficiaires", "A7": "couts", "F7": "revenus"}
PILLARS = {"activite": "recettes d'activité", "soutien_public": "soutien public",
           "soutien_prive": "soutien privé", "implication_citoyenne": "implication citoyenne"}
TYPES = {"fixe": "coût fixe", "variable": "coût variable", "investissement": "investissement"}


def fail(msg):
    print("bmc_check_xlsx: " + msg)
    sys.exit(1)


# A column of w units holds at most about 1.3 w characters of the default
# font (measured in LibreOffice's PDF export): a row must be at least as many
# lines high as its longest wrapped cell needs at that density.
DEFAULT_ROW_PT = 15.0


def min_lines(text, width):
    return max(1, math.ceil(len(text or "") / (1.3 * width)))


def row_height(ws, r):
    return ws.row_dimensions[r].height or DEFAULT_ROW_PT


def check_table_print(ws, one_page):
    """The shared layout (lib/xlsx_style.h, tests/tools/xlsx_print.py): A4,
    one page wide, as many tall as the rows need, the header row repeated.
    `one_page` is kept for the callers: a short table is one page tall by
    itself, the page count is LibreOffice's (make check-office)."""
    del one_page
    bad = xlsx_print.check_sheet(ws)
    if bad:
        fail("%s : %s" % (ws.title, "; ".join(bad)))
    ps = ws.page_setup
    if str(ps.fitToHeight if ps.fitToHeight is not None else 1) not in ("0", "1"):
        fail("%s : %r page(s) de haut au lieu d'une ou d'autant qu'il faut" % (ws.title, ps.fitToHeight))
    if ws.print_title_rows != "$1:$1":
        fail("%s : ligne d'en-tête répétée %r" % (ws.title, ws.print_title_rows))
    for side, want in (("left", 0.4), ("right", 0.4), ("top", 0.7), ("bottom", 0.7)):
        if abs(getattr(ws.page_margins, side) - want) > 1e-9:
            fail("%s : marge %s %r" % (ws.title, side, getattr(ws.page_margins, side)))


def check_heights(ws, first, last, cols):
    """Rows first..last: each wrapped column (letter, width) gets its lines."""
    for r in range(first, last + 1):
        for col in cols:
            width = ws.column_dimensions[col].width
            need = min_lines(ws["%s%d" % (col, r)].value, width) * DEFAULT_ROW_PT
            if row_height(ws, r) < need:
                fail("%s ligne %d : hauteur %r, il faut au moins %r pour %s%d"
                     % (ws.title, r, row_height(ws, r), need, col, r))


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    if wb.sheetnames != ["Canevas", "Canevas blocs", "Canevas contrôles"]:
        fail("feuilles : %s" % wb.sheetnames)
    ws = wb["Canevas"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    if merged != MERGED:
        fail("fusions : en trop %s, manquantes %s" % (sorted(merged - MERGED), sorted(MERGED - merged)))
    names = {b["id"]: b["nom"] for b in report["blocs"]}
    for cell, bloc in HEADERS.items():
        v = ws[cell].value
        if not isinstance(v, str) or not v.startswith(names[bloc]):
            fail("%s : %r ne commence pas par %r" % (cell, v, names[bloc]))
    if ws["A9"].value != report["attribution"] or "CC BY-SA" not in ws["A9"].value:
        fail("attribution absente sous le canevas")
    for bloc_id, cell in (("couts", "A8"), ("revenus", "F8"), ("partenaires", "A4")):
        items = next(b["elements"] for b in report["blocs"] if b["id"] == bloc_id)
        text = ws[cell].value or ""
        for it in items:
            if it["texte"] not in text:
                fail("%s : élément %r absent" % (cell, it["texte"]))
    ps = ws.page_setup
    if ps.orientation != "landscape":
        fail("orientation %r" % ps.orientation)
    if str(ps.paperSize) != "9":
        fail("papier %r au lieu de A4" % ps.paperSize)
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("ajustement à la page non demandé")
    # OOXML's default for both is 1 (libxlsxwriter omits the attribute then);
    # a canvas too tall for one readable page prints one page wide, as many tall.
    if (ps.fitToWidth or 1) != 1 or str(ps.fitToHeight if ps.fitToHeight is not None else 1) not in ("0", "1"):
        fail("ajustement %r x %r au lieu de 1 x 1 (ou 1 x autant qu'il faut)" % (ps.fitToWidth, ps.fitToHeight))
    area = ws.print_area
    if isinstance(area, (list, tuple)):
        area = ",".join(area)
    if area is None or area.replace("'Canevas'!", "") != "$A$1:$J$9":
        fail("zone d'impression %r" % area)

    rows = list(wb["Canevas blocs"].iter_rows(values_only=True))
    if rows[0] != ("Bloc", "Élément", "Pilier", "Type de coût"):
        fail("en-tête de « Canevas blocs » : %r" % (rows[0],))
    expected = []
    for b in report["blocs"]:
        for it in b["elements"]:
            expected.append((b["nom"], it["texte"], PILLARS.get(it.get("pilier")),
                             TYPES.get(it.get("type"))))
    if [tuple(r) for r in rows[1:]] != expected:
        fail("lignes de « Canevas blocs » différentes du JSON :\n%r\n%r" % (rows[1:], expected))
    blocs = wb["Canevas blocs"]
    # An example canvas's blocks table prints on one page when its rows, at
    # the heights the file gives them, fit landscape A4 (595 pt less two
    # 0.4 in margins) at 70 % or more; otherwise on as many pages as needed.
    one_page = None
    if report.get("modele"):
        tall_pt = sum(row_height(blocs, r) for r in range(1, len(rows) + 1))
        one_page = tall_pt * 0.7 <= 595 - 2 * 0.4 * 72
    check_table_print(blocs, one_page)
    check_heights(blocs, 2, len(rows), ["B"])

    checks = list(wb["Canevas contrôles"].iter_rows(values_only=True))
    got = [(r[0], r[1]) for r in checks[1:1 + len(report["controles"])]]
    want = [(c["gravite"], c["code"]) for c in report["controles"]]
    if got != want:
        fail("contrôles : %r au lieu de %r" % (got, want))
    ctl = wb["Canevas contrôles"]
    check_table_print(ctl, None)
    n = max(1, len(want))
    check_heights(ctl, 2, 1 + n, ["D", "E"])
    # A blank row, then the pillar table (its names span columns A:B).
    if any(v is not None for v in checks[1 + n]):
        fail("pas de ligne vide avant le tableau des piliers : %r" % (checks[1 + n],))
    if checks[2 + n][0] != "Pilier de viabilité":
        fail("tableau des piliers attendu ligne %d : %r" % (3 + n, checks[2 + n]))
    for r in range(4 + n, 8 + n):
        need = min_lines(ctl["A%d" % r].value, ctl.column_dimensions["A"].width
                         + ctl.column_dimensions["B"].width) * DEFAULT_ROW_PT
        if row_height(ctl, r) < need:
            fail("pilier ligne %d : hauteur %r < %r" % (r, row_height(ctl, r), need))
    print("xlsx ok : %d éléments, %d contrôles" % (len(expected), len(want)))


main()
