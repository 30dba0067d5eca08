#!/usr/bin/env python3
"""Dump, with openpyxl, what a reader sees in workbooks, as text to diff:
every sheet's cells (value or formula, cached result, number format, font
bold / italic / size / colour, fill colour, borders, alignment wrap /
vertical / indent, rich-text runs), merged ranges, row heights, column
widths, freeze panes, autofilter, data validations, conditional formats,
print setup (paper, orientation, fit to pages, margins, print area, print
titles, centring, gridlines), header and footer, and the charts (type,
anchor, series references).

How the workbook stores it (shared or inline strings, the order of the
merged ranges in the XML) does not show: two workbooks with the same dump
read the same. Merged ranges and validations are listed sorted.

usage: xlsx_dump.py WORKBOOK.xlsx...   (the dump on stdout)
"""
import re
import sys
import zipfile

import openpyxl


def colour(c):
    if c is None:
        return None
    if c.type == "rgb":
        return c.rgb
    if c.type == "theme":
        return "theme%s%+.2f" % (c.theme, c.tint or 0)
    return "%s:%s" % (c.type, c.value)


def cell_text(c):
    v = c.value
    v = repr(v)
    f = c.font
    a = c.alignment
    b = c.border
    fill = c.fill
    return "%s %s nf=%r font=b%s,i%s,sz%s,%s fill=%s,%s border=%s/%s/%s/%s align=w%s,v%s,h%s,in%s" % (
        c.coordinate, v, c.number_format, f.b, f.i, f.sz, colour(f.color),
        fill.fill_type, colour(fill.fgColor) if fill.fill_type else None,
        b.left.style, b.right.style, b.top.style, b.bottom.style,
        a.wrap_text, a.vertical, a.horizontal, a.indent)


def dump(path, out):
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    out.append("workbook %s: sheets %s" % (path.split("/")[-1], wb.sheetnames))
    for ws in wb.worksheets:
        wc = cached[ws.title]
        out.append("sheet %r dims=%s freeze=%s filter=%s" % (ws.title, ws.dimensions, ws.freeze_panes,
                                                         ws.auto_filter.ref))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                line = cell_text(c)
                if c.data_type == "f":
                    line += " cached=%r" % (wc[c.coordinate].value,)
                out.append("  " + line)
        out.append("  merged " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges)))
        for r in sorted(ws.row_dimensions):
            d = ws.row_dimensions[r]
            if d.ht is not None or d.customHeight:
                out.append("  row %d ht=%s" % (r, d.ht))
        for k in sorted(ws.column_dimensions):
            d = ws.column_dimensions[k]
            out.append("  col %s %s-%s w=%s" % (k, d.min, d.max, d.width))
        for dv in sorted(ws.data_validations.dataValidation, key=lambda d: str(d.sqref)):
            out.append("  dv %s type=%s f1=%r f2=%r op=%s prompt=%r/%r error=%r/%r" % (
                dv.sqref, dv.type, dv.formula1, dv.formula2, dv.operator, dv.promptTitle, dv.prompt,
                dv.errorTitle, dv.error))
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                dxf = rule.dxf
                fill = colour(dxf.fill.bgColor) if dxf and dxf.fill else None
                font = colour(dxf.font.color) if dxf and dxf.font else None
                out.append("  cf %s type=%s op=%s f=%s prio=%s fill=%s font=%s" % (
                    cf.sqref, rule.type, rule.operator, rule.formula, rule.priority, fill, font))
        ps = ws.page_setup
        pr = ws.sheet_properties.pageSetUpPr
        m = ws.page_margins
        po = ws.print_options
        out.append("  page paper=%s orient=%s fit=%s %sx%s scale=%s margins=%s,%s,%s,%s,%s,%s" % (
            ps.paperSize, ps.orientation, pr.fitToPage if pr else None, ps.fitToWidth, ps.fitToHeight,
            ps.scale, m.left, m.right, m.top, m.bottom, m.header, m.footer))
        out.append("  print area=%s titles=%s/%s center=%s,%s grid=%s showgrid=%s" % (
            ws.print_area, ws.print_title_rows, ws.print_title_cols, po.horizontalCentered,
            po.verticalCentered, po.gridLines, ws.sheet_view.showGridLines))
        hf = ws.oddHeader
        ff = ws.oddFooter
        out.append("  header %r|%r|%r footer %r|%r|%r" % (
            hf.left.text, hf.center.text, hf.right.text, ff.left.text, ff.center.text, ff.right.text))
        for ch in ws._charts:
            a = ch.anchor._from
            out.append("  chart %s at %s,%s title=%r" % (type(ch).__name__, a.col, a.row,
                                                       ch.title.tx.rich.p[0].r[0].t if ch.title and ch.title.tx
                                                       and ch.title.tx.rich else None))
            for s in ch.series:
                out.append("    series val=%s cat=%s" % (
                    s.val.numRef.f if s.val and s.val.numRef else None,
                    (s.cat.numRef or s.cat.strRef).f if s.cat and (s.cat.numRef or s.cat.strRef) else None))
    with zipfile.ZipFile(path) as z:
        out.append("  parts %s" % sorted(n for n in z.namelist() if n != "xl/sharedStrings.xml"))
        rich_runs(z, out)


def rich_runs(z, out):
    """The runs of the rich-text cells (openpyxl 3.0 reads them as plain
    text), from the sheets' XML, shared or inline."""
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)
    for name in sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)):
        xml = z.read(name).decode()
        for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*?t="(s|inlineStr)"[^>]*>(.*?)</c>', xml, re.S):
            ref, kind, body = m.groups()
            if kind == "s":
                text = shared[int(re.search(r"<v>(\d+)</v>", body).group(1))]
            else:
                text = re.search(r"<is>(.*?)</is>", body, re.S).group(1)
            if "<r>" in text:
                out.append("  rich %s %s %s" % (name, ref, text))


def main(argv):
    out = []
    for p in argv[1:]:
        dump(p, out)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
