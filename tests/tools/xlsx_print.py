#!/usr/bin/env python3
"""Check, with openpyxl, that every sheet of workbooks prints as the shared
layout promises (lib/xlsx_style.h), and that the cells keep Excel's limits.

usage: xlsx_print.py WORKBOOK.xlsx...
For each sheet: A4 (never US Letter), fit to one page wide (any number of
pages tall, or one page for a canvas), portrait only when the columns fit
a portrait page; the scale a spreadsheet gets when it fits the used columns
to the page width (and height, for a sheet fit to one page) at 70 % or
more (printable width: A4 less two 0.4 inch margins, 537.4 pt portrait,
784.4 pt landscape; a column of w units is (7w + 5) × 0.75 pt; height: A4
less two 0.7 inch margins, rows of 15 pt unless set); a header with the project and a footer with the sheet
and "page &P / &N"; print titles on a sheet longer than 40 rows; no text
over 32 767 characters; every formula with a cached value.
The module's check_sheet() is used by the other checkers.
"""
import sys

import openpyxl

PRINTABLE = {"portrait": 595 - 57.6, "landscape": 842 - 57.6}
PRINTABLE_H = {"portrait": 842 - 2 * 0.7 * 72, "landscape": 595 - 2 * 0.7 * 72}
MIN_SCALE = 0.7
LONG = 40


def width_pt(ws):
    total = 0.0
    for c in range(1, ws.max_column + 1):
        letter = openpyxl.utils.get_column_letter(c)
        dim = ws.column_dimensions.get(letter)
        w = dim.width if dim is not None and dim.width else 8.43
        if dim is not None and dim.hidden:
            continue
        total += (w * 7 + 5) * 0.75
    return total


def rows_height(ws):
    total = 0.0
    for r in range(1, ws.max_row + 1):
        dim = ws.row_dimensions.get(r)
        total += dim.height if dim is not None and dim.height else 15.0
    return total


def scale(ws):
    """Fit to the page width; and to one page tall when asked (fitToHeight
    1), the page less 0.7 inch top and bottom margins."""
    orient = ws.page_setup.orientation or "portrait"
    s = min(1.0, PRINTABLE[orient] / max(width_pt(ws), 1))
    if str(ws.page_setup.fitToHeight if ws.page_setup.fitToHeight is not None else 1) == "1":
        s = min(s, PRINTABLE_H[orient] / max(rows_height(ws), 1))
    return s


def check_sheet(ws, values=None):
    """Problems of one sheet (a list of French sentences); `values` is the
    same sheet loaded with data_only=True, for the cached values."""
    bad = []
    ps = ws.page_setup
    if str(ps.paperSize) != "9":
        bad.append(f"papier {ps.paperSize!r} au lieu de A4")
    pr = ws.sheet_properties.pageSetUpPr
    if pr is None or not pr.fitToPage:
        bad.append("pas d'ajustement à la largeur de la page")
    if (ps.fitToWidth or 1) not in (1, "1"):
        bad.append(f"{ps.fitToWidth} pages de large")
    orient = ps.orientation or "portrait"
    if orient == "portrait" and width_pt(ws) > PRINTABLE["portrait"] / 0.95:
        bad.append(f"portrait pour {width_pt(ws):.0f} pt de colonnes")
    if scale(ws) < MIN_SCALE:
        bad.append(f"échelle {scale(ws):.2f} sous {MIN_SCALE}")
    foot = ws.oddFooter
    if "&P" not in (foot.right.text or "") or "&N" not in (foot.right.text or ""):
        bad.append(f"pied de page sans « page x / N » ({foot.right.text!r})")
    if (foot.left.text or "") != "&A":
        bad.append(f"pied de page sans le nom de la feuille ({foot.left.text!r})")
    if not (ws.oddHeader.left.text or ""):
        bad.append("en-tête sans nom de projet")
    if ws.max_row > LONG and not ws.print_title_rows and (ps.fitToHeight not in (1, "1")):
        bad.append(f"{ws.max_row} lignes sans ligne d'en-tête répétée")
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and len(c.value.encode("utf-16-le")) // 2 > 32767:
                bad.append(f"{c.coordinate} : texte au-delà de 32 767 caractères")
            if values is not None and isinstance(c.value, str) and c.value.startswith("=") \
                    and c.data_type == "f" and values[c.coordinate].value is None:
                bad.append(f"{c.coordinate} : formule sans valeur en cache ({c.value[:40]})")
    return bad


def check_book(path):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    problems = []
    for ws in wb.worksheets:
        for p in check_sheet(ws, cached[ws.title]):
            problems.append(f"{path} : {ws.title} : {p}")
    return problems, len(wb.worksheets)


def main():
    problems, sheets = [], 0
    for path in sys.argv[1:]:
        p, n = check_book(path)
        problems += p
        sheets += n
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{len(sys.argv) - 1} classeurs, {sheets} feuilles : impression A4 vérifiée")


if __name__ == "__main__":
    main()
