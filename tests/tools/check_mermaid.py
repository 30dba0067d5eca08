#!/usr/bin/python3
"""The Mermaid charts of a Markdown dashboard (indicators --charts, report
--charts), read as Mermaid's documentation describes them.

usage: check_mermaid.py FILE XYCHARTS PIES
  XYCHARTS, PIES  how many revenue/charges charts and pillar pies FILE holds

Every ```mermaid block (found by cmark-gfm as a code block of language
mermaid) opens with an init directive whose body is JSON, with the "base"
theme (the only one whose theme variables apply). An xychart-beta has a
text legend in the paragraph right above it (it draws none), one bar series
(revenue) and one line series (charges) with as many values as month labels,
labels mm/yy and unique (a band scale merges equal ones), two colours in
themeVariables.xyChart.plotColorPalette far apart in grey (one dark, one
light), and beyond 12 months at least 33 px per month for labels of 11 px.
A pie has a colour pieN per slice, their grey levels at least 30 apart.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{http://commonmark.org/xml/1.0}'


def grey(colour):
    # Rec. 601 luma, as a greyscale printer would see the colour.
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def fail(path, why):
    sys.exit(f'{path}: {why}')


def values(line, kind):
    m = re.fullmatch(r'    ' + kind + r' \[([-0-9., ]*)\]', line)
    return [float(v) for v in m.group(1).split(',')] if m else None


def main():
    path, want_xy, want_pie = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    xml = subprocess.run(['cmark-gfm', '-e', 'table', '-t', 'xml', path], check=True,
                         capture_output=True).stdout
    blocks = list(ET.fromstring(xml))
    n_xy = n_pie = 0
    for i, b in enumerate(blocks):
        if b.tag != NS + 'code_block' or b.get('info') != 'mermaid':
            continue
        lines = b.text.rstrip('\n').split('\n')
        m = re.fullmatch(r'%%\{init: (\{.*\})\}%%', lines[0])
        if not m:
            fail(path, f'bloc Mermaid sans directive init : {lines[0][:60]!r}')
        init = json.loads(m.group(1))
        if init.get('theme') != 'base':
            fail(path, 'thème autre que « base » : ses variables seraient ignorées')
        tv = init['themeVariables']
        if lines[1] == 'xychart-beta':
            n_xy += 1
            above = blocks[i - 1]
            legend = ''.join(t.text or '' for t in above.iter(NS + 'text'))
            if above.tag != NS + 'paragraph' or not legend.startswith('Légende'):
                fail(path, 'pas de légende au-dessus du graphique des recettes et charges')
            if 'recettes' not in legend or 'charges' not in legend:
                fail(path, f'légende incomplète : {legend}')
            labels = re.findall(r'"([^"]*)"', next(l for l in lines if l.startswith('    x-axis [')))
            if len(set(labels)) != len(labels) or not all(re.fullmatch(r'(0[1-9]|1[0-2])/\d\d', x) for x in labels):
                fail(path, f'étiquettes de mois : {labels[:4]}…')
            bars = [v for l in lines if (v := values(l, 'bar')) is not None]
            plot_lines = [v for l in lines if (v := values(l, 'line')) is not None]
            if len(bars) != 1 or len(plot_lines) != 1:
                fail(path, f'{len(bars)} séries en barres et {len(plot_lines)} en ligne au lieu de 1 et 1')
            if len(bars[0]) != len(labels) or len(plot_lines[0]) != len(labels):
                fail(path, 'séries et étiquettes de tailles différentes')
            palette = [c.strip() for c in tv['xyChart']['plotColorPalette'].split(',')]
            if len(palette) != 2 or abs(grey(palette[0]) - grey(palette[1])) < 100:
                fail(path, f'couleurs trop proches en niveaux de gris : {palette}')
            if len(labels) > 12:
                xy = init.get('xyChart', {})
                font = xy.get('xAxis', {}).get('labelFontSize', 14)
                width = xy.get('width', 700)
                # "mm/yy" is 5 characters of about 0.6 em
                if width / len(labels) < 5 * 0.6 * font:
                    fail(path, f'{len(labels)} mois sur {width} px en {font} px : étiquettes superposées')
        elif lines[1].startswith('pie title '):
            n_pie += 1
            slices = [l for l in lines[2:] if re.fullmatch(r'    "[^"]*" : [0-9.]+', l)]
            colours = [tv.get(f'pie{k}') for k in range(1, len(slices) + 1)]
            if None in colours or len(slices) != len(lines) - 2:
                fail(path, f'parts sans couleur : {colours}')
            greys = sorted(grey(c) for c in colours)
            if any(b - a < 30 for a, b in zip(greys, greys[1:])):
                fail(path, f'couleurs du camembert trop proches en niveaux de gris : {colours}')
            amounts = [float(l.rsplit(':', 1)[1]) for l in slices]
            if amounts != sorted(amounts, reverse=True):
                fail(path, 'parts hors de l\'ordre décroissant où Mermaid les dessine')
            for l, c in zip(slices, colours):
                print(f'{path}: {c} {l.split(chr(34))[1]}')
        else:
            fail(path, f'graphique inattendu : {lines[1][:40]!r}')
    if (n_xy, n_pie) != (want_xy, want_pie):
        fail(path, f'{n_xy} graphiques recettes/charges et {n_pie} camemberts au lieu de {want_xy} et {want_pie}')
    print(f'{path}: {n_xy} graphique(s) recettes/charges, {n_pie} camembert(s)')


main()
