#!/usr/bin/env python3
"""Read a `test-phase` or `indicators` Markdown report with cmark-gfm and check it.

usage: check_md_testphase_indicators.py FILE TABLES [--mermaid N] [TEXT...]
  FILE    the Markdown report (several reports may follow each other)
  TABLES  the number of <table> elements cmark-gfm must produce
  N       the number of ```mermaid blocks expected (default: not checked)
  TEXT    strings that must appear in the rendered HTML
Every table row must have as many cells as its header, no raw table syntax
("|---") may survive outside code, and numbers in cells use the French
format (no "1234.5": a decimal point between digits is refused).
"""
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    path, want = args[0], int(args[1])
    rest = args[2:]
    mermaid = None
    if rest[:1] == ["--mermaid"]:
        mermaid, rest = int(rest[1]), rest[2:]
    html = subprocess.run(["cmark-gfm", "-e", "table", path], check=True,
                          capture_output=True, text=True).stdout
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    if len(tables) != want:
        sys.exit(f"{path}: {len(tables)} tableaux au lieu de {want}")
    for t in tables:
        head = re.search(r"<thead>(.*?)</thead>", t, re.S).group(1)
        ncols = len(re.findall(r"<th[ >]", head))
        body = re.search(r"<tbody>(.*?)</tbody>", t, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1) if body else "", re.S):
            n = len(re.findall(r"<td[ >]", row))
            if n != ncols:
                sys.exit(f"{path}: ligne de {n} cellules pour {ncols} colonnes : {row[:80]}")
            if re.search(r"<td[^>]*>[^<]*\d\.\d", row):
                sys.exit(f"{path}: nombre au format anglais dans un tableau : {row[:80]}")
    outside = re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)
    if "|---" in outside:
        sys.exit(f"{path}: un tableau n'a pas été reconnu")
    if mermaid is not None:
        got = len(re.findall(r'<pre><code class="language-mermaid">', html))
        if got != mermaid:
            sys.exit(f"{path}: {got} graphiques Mermaid au lieu de {mermaid}")
    for text in rest:
        if text not in html:
            sys.exit(f"{path}: « {text} » absent du HTML")
    print(f"{path}: {len(tables)} tableaux GFM")


main()
