#!/usr/bin/env python3
"""Read a `diag` Markdown report with cmark-gfm (GFM tables) and check it.

usage: check_diag_md.py FILE TABLES [TEXT...]
  FILE    the Markdown report (several reports may follow each other)
  TABLES  the number of <table> elements cmark-gfm must produce
  TEXT    strings that must appear in the rendered HTML
Every table row must have as many cells as its header, and no raw table
syntax ("|---") may survive outside code.
"""
import re
import subprocess
import sys


def main():
    path, want = sys.argv[1], int(sys.argv[2])
    html = subprocess.run(["cmark-gfm", "-e", "table", path], check=True,
                          capture_output=True, text=True).stdout
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    if len(tables) != want:
        sys.exit(f"{path}: {len(tables)} tableaux au lieu de {want}")
    for t in tables:
        head = re.search(r"<thead>(.*?)</thead>", t, re.S).group(1)
        ncols = len(re.findall(r"<th[ >]", head))
        for row in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", t, re.S).group(1), re.S):
            n = len(re.findall(r"<td[ >]", row))
            if n != ncols:
                sys.exit(f"{path}: ligne de {n} cellules pour {ncols} colonnes : {row[:80]}")
    if "|---" in html:
        sys.exit(f"{path}: un tableau n'a pas été reconnu")
    for text in sys.argv[3:]:
        if text not in html:
            sys.exit(f"{path}: « {text} » absent du HTML")
    print(f"{path}: {len(tables)} tableaux GFM")


main()
