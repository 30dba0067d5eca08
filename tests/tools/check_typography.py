#!/usr/bin/python3
"""French typography of what the tool writes: no plain space where a line
may not break (docs/DEVELOPING.md, "Typography").

Usage: check_typography.py FILE...
  .md    parsed by cmark-gfm (tables on); the text of every block is
         checked, code spans and code blocks (Mermaid) left out
  .json  every string value (keys are identifiers)
  .xlsx  every text cell of every sheet, read by openpyxl
  .html  parsed by html5lib: the text of the page (its <title>, the body,
         inline SVG's <text>, <title> and <desc>), each block on its own,
         and the title, aria-label and alt attributes; <style>, <script>
         and code (<code>, <pre>) left out
  other  the whole text (stderr, --help, YAML comments)
Prints each problem as FILE: excerpt, and exits 1 if there is any.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

RULES = [
    (re.compile(r'\x20[;!?]'), 'espace simple avant ; ! ? (U+202F attendue)'),
    (re.compile(r'\x20:(?=\s|$)'), 'espace simple avant « : » (U+00A0 attendue)'),
    (re.compile(r'\x20»'), 'espace simple avant « » » (U+00A0 attendue)'),
    (re.compile(r'«\x20'), 'espace simple après « « » (U+00A0 attendue)'),
    (re.compile(r'(?<![\d,])\d{1,3}(?: \d{3})+(?![\d])'), 'espace simple dans un nombre groupé (U+202F attendue)'),
    (re.compile(r'\d (?:%|€)'), 'espace simple avant % ou € (U+00A0 attendue)'),
    (re.compile(r'\d / 5(?![\d\u202f])'), 'espaces simples autour de « / » dans une note (U+00A0 attendues)'),
]

problems = []


def scan(where, text):
    for rx, why in RULES:
        for m in rx.finditer(text):
            a, b = max(0, m.start() - 30), min(len(text), m.end() + 30)
            problems.append('%s: %s : …%s…' % (where, why, text[a:b].replace('\n', ' ')))


NS = '{http://commonmark.org/xml/1.0}'


def flatten(node):
    """The visible text of an inline run: code spans become a placeholder
    (their content is code, but a space before the next colon is text)."""
    out = []
    for child in node:
        tag = child.tag.replace(NS, '')
        if tag == 'text':
            out.append(child.text or '')
        elif tag == 'code':
            out.append('C')
        elif tag == 'softbreak':
            out.append(' ')
        elif tag == 'linebreak':
            out.append('\n')
        elif tag in ('html_inline',):
            pass
        else:
            out.append(flatten(child))
    return ''.join(out)


def check_md(path):
    xml = subprocess.run(['cmark-gfm', '-t', 'xml', '--extension', 'table', path],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(xml)
    for node in root.iter():
        tag = node.tag.replace(NS, '')
        if tag in ('paragraph', 'heading', 'table_cell'):
            scan(path, flatten(node))


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)


def check_json(path):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    for s in strings(doc):
        scan(path, s)


def check_xlsx(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and not c.value.startswith('='):
                    scan('%s:%s!%s' % (path, ws.title, c.coordinate), c.value)


# Elements whose text stands on its own (a line break around it in the
# flattened text); others (span, a, strong, tspan…) run on with their
# neighbours, as a reader sees them.
HTML_BLOCKS = {'html', 'head', 'body', 'title', 'desc', 'p', 'div', 'section', 'article', 'header',
               'footer', 'nav', 'main', 'aside', 'figure', 'figcaption', 'table', 'caption',
               'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
               'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'details', 'summary', 'br',
               'hr', 'svg', 'g', 'text'}
HTML_SKIP = {'style', 'script'}
HTML_CODE = {'code', 'pre', 'kbd', 'samp'}
HTML_ATTRS = ('title', 'aria-label', 'alt')


def check_html(path):
    import html5lib
    with open(path, encoding='utf-8') as f:
        doc = html5lib.parse(f.read(), namespaceHTMLElements=False)
    out = []

    def walk(el):
        if not isinstance(el.tag, str):  # a comment
            return
        tag = el.tag.split('}')[-1]
        if tag in HTML_SKIP:
            return
        for a in HTML_ATTRS:
            if el.get(a):
                scan('%s:@%s' % (path, a), re.sub(r'[\t\r\n]', ' ', el.get(a)))
        if tag in HTML_CODE:
            out.append('C')
            return
        block = tag in HTML_BLOCKS
        if block:
            out.append('\x1e')
        out.append(el.text or '')
        for child in el:
            walk(child)
            out.append(child.tail or '')
        if block:
            out.append('\x1e')

    walk(doc)
    # A line break in the source is a breakable space on the page.
    for block in re.sub(r'[\t\r\n]', ' ', ''.join(out)).split('\x1e'):
        if block.strip():
            scan(path, block)


def main():
    n = 0
    for path in sys.argv[1:]:
        n += 1
        if path.endswith('.md'):
            check_md(path)
        elif path.endswith('.json'):
            check_json(path)
        elif path.endswith('.xlsx'):
            check_xlsx(path)
        elif path.endswith('.html'):
            check_html(path)
        else:
            with open(path, encoding='utf-8') as f:
                scan(path, f.read())
    for p in problems:
        print(p)
    print('typographie\u00a0: %d fichier%s, %d problème%s' % (n, 's' if n > 1 else '', len(problems),
                                                       's' if len(problems) > 1 else ''))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
