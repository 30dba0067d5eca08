#!/usr/bin/env python3
"""Workbooks printed by LibreOffice: every page A4, each sheet on the pages
its rows need and no more, at a readable scale.

usage: print_pages.py DIR
DIR holds WORKBOOK.xlsx and WORKBOOK.pdf, the PDF made by headless
LibreOffice from the workbook. For each PDF (pdfinfo, pdftotext):
  - every page is A4, portrait or landscape (never US Letter);
  - pages are counted per sheet from the footer each page carries, "SHEET
    ... page x / N" (lib/xlsx_style.c), and every sheet has pages;
  - a sheet prints on at most 1 + ceil(H × s / P) pages, H the height of its
    rows (openpyxl; 15 pt when not set), s its scale (fit to width, or to
    one page), P the
    printable height of its page (A4 less the 0.7 inch top and bottom
    margins): one page wide, as tall as the rows need;
  - the fit-to-width scale, from the widths of the used columns as
    LibreOffice reads them (a column of w units is (7w + 5) × 0.75 pt, the
    page A4 less two 0.4 inch margins), is at least 70 %.
Prints one line per workbook: sheets, pages, the smallest scale.
"""
import math
import os
import re
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import xlsx_print  # noqa: E402

A4 = {(595, 842), (842, 595)}
PRINTABLE_H = {"portrait": 842 - 2 * 0.7 * 72, "landscape": 595 - 2 * 0.7 * 72}


def page_sheets(pdf, n):
    names = []
    for i in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                              capture_output=True, text=True).stdout
        name = None
        for line in reversed([l for l in text.splitlines() if l.strip()][-3:]):
            m = re.match(r"^\s*(.+?)\s{2,}page \d+ / \d+\s*$", line)
            if m:
                name = m.group(1)
                break
        names.append(name)
    return names


def main():
    d = sys.argv[1]
    bad = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".xlsx"):
            continue
        xlsx, pdf = os.path.join(d, name), os.path.join(d, name[:-5] + ".pdf")
        if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
            print(f"FAIL {name} : pas de PDF")
            bad += 1
            continue
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf], capture_output=True, text=True).stdout
        n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        sizes = [(round(float(w)), round(float(h)))
                 for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
        other = sorted({s for s in sizes if s not in A4})
        if other:
            print(f"FAIL {name} : pages hors A4 {other}")
            bad += 1
        per = {}
        for s in page_sheets(pdf, n):
            per[s] = per.get(s, 0) + 1
        if None in per:
            print(f"FAIL {name} : {per[None]} page(s) sans pied de page reconnu")
            bad += 1
        wb = openpyxl.load_workbook(xlsx)
        smallest = 1.0
        for ws in wb.worksheets:
            got = per.get(ws.title, 0)
            scale = xlsx_print.scale(ws)
            smallest = min(smallest, scale)
            orient = ws.page_setup.orientation or "portrait"
            budget = 1 + math.ceil(xlsx_print.rows_height(ws) * scale / PRINTABLE_H[orient])
            if got == 0 or got > budget:
                print(f"FAIL {name} : {ws.title} : {got} page(s), au plus {budget} attendue(s)")
                bad += 1
            if scale < xlsx_print.MIN_SCALE:
                print(f"FAIL {name} : {ws.title} : échelle {scale:.2f}")
                bad += 1
        detail = ", ".join(f"{ws.title} {per.get(ws.title, 0)}" for ws in wb.worksheets)
        print(f"{name} : {len(wb.worksheets)} feuilles, {n} pages A4, échelle minimale {smallest:.0%} ({detail})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
