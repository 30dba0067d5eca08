#!/usr/bin/env python3
"""Read a `diff` Markdown report with cmark-gfm and check it against
expectations written by hand.

usage: check_diff_md.py FILE EXPECTED
  FILE      the Markdown report
  EXPECTED  lines, each one of:
              # TITLE            the document's title (h1)
              - TEXT             an item of the « En bref » list
              = TEXT             a paragraph that must be there
              SECTION | a | b    a table row, under the heading SECTION
                                 (h2 or h3), cells as rendered
              ! SECTION          no such heading
            blank lines and lines starting with ";" are comments.
Also checked: the summary comes before the figures table, every table
row has as many cells as its header, and no raw table syntax survives.
"""
import html as htmlmod
import re
import subprocess
import sys


def text(fragment):
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def parse(path):
    html = subprocess.run(["cmark-gfm", "-e", "table", path], check=True,
                          capture_output=True, text=True).stdout
    if "|---" in html:
        sys.exit(f"{path}: un tableau n'a pas été reconnu")
    doc = {"h1": [], "order": [], "items": {}, "rows": {}, "paras": []}
    heading = None
    for m in re.finditer(r"<h([123])>(.*?)</h\1>|<ul>(.*?)</ul>|<table>(.*?)</table>|<p>(.*?)</p>",
                         html, re.S):
        if m.group(1):
            heading = text(m.group(2))
            doc["order"].append(heading)
            if m.group(1) == "1":
                doc["h1"].append(heading)
        elif m.group(3) is not None:
            doc["items"].setdefault(heading, []).extend(
                text(li) for li in re.findall(r"<li>(.*?)</li>", m.group(3), re.S))
        elif m.group(4) is not None:
            t = m.group(4)
            ncols = len(re.findall(r"<th[ >]", t))
            rows = []
            for row in re.findall(r"<tr>(.*?)</tr>", t.split("</thead>", 1)[1], re.S):
                cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
                if len(cells) != ncols:
                    sys.exit(f"{path}: ligne de {len(cells)} cellules pour {ncols} colonnes : {cells}")
                rows.append(cells)
            doc["rows"].setdefault(heading, []).extend(rows)
        else:
            doc["paras"].append(text(m.group(5)))
    return doc


def main():
    path, expected = sys.argv[1], sys.argv[2]
    doc = parse(path)
    bad = []
    order = doc["order"]
    if "En bref" in order and "Chiffres, avant → après" in order and \
            order.index("En bref") > order.index("Chiffres, avant → après"):
        bad.append("le résumé vient après le tableau des chiffres")
    for line in open(expected, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith(";"):
            continue
        if line.startswith("# "):
            if line[2:] not in doc["h1"]:
                bad.append(f"titre absent : {line[2:]} (titres : {doc['h1']})")
        elif line.startswith("- "):
            if line[2:] not in doc["items"].get("En bref", []):
                bad.append(f"résumé sans la ligne : {line[2:]}")
        elif line.startswith("= "):
            if line[2:] not in doc["paras"]:
                bad.append(f"paragraphe absent : {line[2:]}")
        elif line.startswith("! "):
            if line[2:] in order:
                bad.append(f"section inattendue : {line[2:]}")
        else:
            section, *cells = [c.strip() for c in line.split("|")]
            if cells not in doc["rows"].get(section, []):
                bad.append(f"{section} : ligne absente {cells} ; lignes : {doc['rows'].get(section)}")
    if bad:
        sys.exit(f"{path}:\n  " + "\n  ".join(bad))
    print(f"{path}: conforme à {expected}")


main()
