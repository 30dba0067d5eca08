#!/usr/bin/python3
"""The summary at the head of a Markdown diagnostic or report, checked
against the JSON outputs of the same project (an independent oracle).

usage: check_md_summary.py MD DIAG_JSON [TEST_PHASE_JSON]
  MD               `diag FILE` or a report's FILE.md
  DIAG_JSON        `diag -f json FILE`
  TEST_PHASE_JSON  `test-phase -f json FILE`, when the project is in the
                   test phase or beyond (the summary then gives the verdict)

The Markdown is parsed by cmark-gfm (its XML tree, with source positions).
The summary, the section headed « L'essentiel », must be the first section
under the document's title, hold the project's name, snapshot date, phases, coverage, every
critical alert by name and the next actions in order (ids and labels as the
JSON lists them), the verdict and score when given, and end by line 40.
"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{http://commonmark.org/xml/1.0}'
LIMIT = 40
VERDICTS = {'go': 'GO', 'reajuster': 'RÉAJUSTER', 'no_go': 'NO-GO',
            'incomplet': 'INCOMPLET', 'non_evalue': 'non évalué'}
PHASES = {'emergence': 'Émergence', 'test': 'Test', 'lancement': 'Lancement',
          'fonctionnement': 'Fonctionnement'}


def text(node):
    return ''.join(t.text or '' for t in node.iter()
                   if t.tag in (NS + 'text', NS + 'code')).strip()


def fail(path, why):
    sys.exit(f'{path}: {why}')


def fr_number(x, decimals):
    # French: a comma, and the narrow no-break space in groups (not needed
    # below 1 000).
    return f'{x:.{decimals}f}'.replace('.', ',')


def main():
    path, diag_path = sys.argv[1], sys.argv[2]
    tp = json.load(open(sys.argv[3], encoding='utf-8')) if len(sys.argv) > 3 else None
    diag = json.load(open(diag_path, encoding='utf-8'))
    xml = subprocess.run(['cmark-gfm', '-e', 'table', '--sourcepos', '-t', 'xml', path],
                         check=True, capture_output=True).stdout
    blocks = list(ET.fromstring(xml))
    if not blocks or blocks[0].tag != NS + 'heading' or blocks[0].get('level') != '1':
        fail(path, 'le document ne commence pas par un titre')
    # The first section under the title: nothing but a paragraph before it.
    i = 1
    while i < len(blocks) and blocks[i].tag == NS + 'paragraph':
        i += 1
    if i == len(blocks) or blocks[i].tag != NS + 'heading' or text(blocks[i]) != "L'essentiel":
        fail(path, "« L'essentiel » n'est pas la première section")
    level = blocks[i].get('level')
    end = i + 1
    while end < len(blocks) and not (blocks[end].tag == NS + 'heading'
                                     and blocks[end].get('level') <= level):
        end += 1
    summary = blocks[i + 1:end]
    last_line = int(summary[-1].get('sourcepos').split('-')[1].split(':')[0])
    if last_line > LIMIT:
        fail(path, f"« L'essentiel » finit à la ligne {last_line}, après la ligne {LIMIT}")

    table = next((b for b in summary if b.tag == NS + 'table'), None)
    if table is None:
        fail(path, "pas de tableau dans « L'essentiel »")
    rows = {}
    for row in table:
        cells = [text(c) for c in row]
        rows[cells[0]] = cells[1]
    pj = diag['projet']
    date = pj.get('date')
    want = {
        'Projet': pj['nom'],
        'Date du point': '/'.join(reversed(date.split('-'))) if date else 'non renseignée',
        'Phase déclarée': PHASES[diag['phase_declaree']],
    }
    for key, value in want.items():
        if rows.get(key) != value:
            fail(path, f'{key} : « {rows.get(key)} » au lieu de « {value} »')
    if not rows.get('Phase étayée par les étapes', '').startswith(PHASES[diag['phase_etayee']]):
        fail(path, 'phase étayée')
    cov = diag['competences']
    pct = f"{round(cov['couverture'] * 100)}\u00a0%"
    if not rows.get('Couverture des compétences', '').startswith(pct):
        fail(path, f'couverture : « {rows.get("Couverture des compétences")} », {pct} attendu')
    if tp is None:
        if 'Verdict de sortie du test' in rows:
            fail(path, 'verdict donné avant la phase de test')
    else:
        verdict = rows.get('Verdict de sortie du test', '')
        label = VERDICTS[tp['verdict']]
        if not verdict.startswith(label):
            fail(path, f'verdict « {verdict} », {label} attendu')
        if not tp['non_evalue']:
            score = f"score {fr_number(tp['score'], 2)}\u00a0/\u00a01"
            if score not in verdict:
                fail(path, f'verdict « {verdict} » sans « {score} »')

    critical = [a['nom'] for a in diag['alertes'] if a['gravite'] == 'critique']
    sub = {}
    k = 0
    while k < len(summary):
        b = summary[k]
        if b.tag == NS + 'heading':
            sub[text(b)] = summary[k + 1] if k + 1 < len(summary) else None
        k += 1
    if critical:
        items = sub.get('Alertes critiques')
        if items is None or items.tag != NS + 'list':
            fail(path, 'alertes critiques absentes du résumé')
        names = [text(next(it.iter(NS + 'strong'))) for it in items]
        if names != critical:
            fail(path, f'alertes critiques {names} au lieu de {critical}')
    elif 'Alertes critiques' in sub:
        fail(path, 'section des alertes critiques sans alerte critique')
    actions = sub.get('Prochaines actions')
    if diag['actions']:
        if actions is None or actions.tag != NS + 'list' or actions.get('type') != 'ordered':
            fail(path, 'prochaines actions absentes du résumé')
        got = [(text(next(it.iter(NS + 'code'))), text(it)) for it in actions]
        if len(got) != len(diag['actions']):
            fail(path, f"{len(got)} actions au lieu de {len(diag['actions'])}")
        for (aid, line), a in zip(got, diag['actions']):
            if aid != a['id'] or a['nom'] not in line:
                fail(path, f"action « {line} » au lieu de {a['id']} {a['nom']}")
    print(f"{path}: résumé en tête, {len(critical)} alerte(s) critique(s), {len(diag['actions'])} actions, "
          f"fin ligne {last_line}")


main()
