#!/usr/bin/python3
"""Check a `conciergerie bmc` Markdown report with an independent parser.

usage: bmc_check_md.py REPORT.md [--canvases N]

cmark-gfm (tables extension, raw HTML kept) must render, for each canvas:
the HTML canvas table with the canvas's spans, blocks in canvas order, each
headed by its name; then the pillars table as a GFM table (with <thead>);
and the CC BY-SA attribution. Items must come out escaped: no raw tag
other than the ones the report writes.
"""
import subprocess
import sys
from html.parser import HTMLParser

BLOCKS = ["Partenaires stratégiques", "Activités clés", "Proposition de valeur",
          "Distribution", "Clients", "Ressources clés", "Bénéficiaires",
          "Structure des coûts", "Sources de revenus"]
SPANS = [(2, 2), (1, 2), (2, 2), (2, 2), (1, 2), (1, 2), (1, 2), (1, 5), (1, 5)]
ALLOWED = {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "table", "tr", "td",
           "th", "thead", "tbody", "br", "code", "hr"}


class Walker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []  # [{"thead": bool, "cells": [(rowspan, colspan, text)]}]
        self.stack = []
        self.cell = None
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"thead": False, "cells": []})
            self.stack.append(self.tables[-1])
        elif tag == "thead" and self.stack:
            self.stack[-1]["thead"] = True
        elif tag in ("td", "th") and self.stack:
            self.cell = [int(a.get("rowspan", 1)), int(a.get("colspan", 1)), ""]

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.stack.pop()
        elif tag in ("td", "th") and self.cell is not None and self.stack:
            self.stack[-1]["cells"].append(tuple(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data


def fail(msg):
    print("bmc_check_md: " + msg)
    sys.exit(1)


def main():
    path = sys.argv[1]
    canvases = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--canvases" else 1
    html = subprocess.run(["cmark-gfm", "-e", "table", "--unsafe", path], check=True,
                          capture_output=True, text=True).stdout
    w = Walker()
    w.feed(html)
    if w.tags - ALLOWED:
        fail("balises inattendues (texte non échappé ?) : %s" % sorted(w.tags - ALLOWED))
    canvas_tables = [t for t in w.tables if not t["thead"]]
    gfm_tables = [t for t in w.tables if t["thead"]]
    if len(canvas_tables) != canvases:
        fail("%d tableaux-canevas, %d attendus" % (len(canvas_tables), canvases))
    if len(gfm_tables) != canvases:
        fail("%d tableaux GFM des piliers, %d attendus" % (len(gfm_tables), canvases))
    for t in canvas_tables:
        cells = t["cells"]
        if [(r, c) for r, c, _ in cells] != SPANS:
            fail("fusions du canevas : %s" % [(r, c) for r, c, _ in cells])
        for (_, _, text), name in zip(cells, BLOCKS):
            if not text.startswith(name):
                fail("cellule « %s » au lieu de « %s »" % (text[:40], name))
    for t in gfm_tables:
        if len(t["cells"]) < 10 or not t["cells"][0][2].startswith("Pilier"):
            fail("tableau des piliers incomplet")
    if html.count("CC BY-SA") != canvases:
        fail("mention CC BY-SA : %d, %d attendue(s)" % (html.count("CC BY-SA"), canvases))
    print("md ok")


main()
