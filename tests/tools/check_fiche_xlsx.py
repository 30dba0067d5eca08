#!/usr/bin/python3
"""Check a fiche written by `conciergerie fiche` with openpyxl.

Usage: check_fiche_xlsx.py blank|filled FICHE.xlsx [PROJECT.yaml]

What a carrier relies on, sheet by sheet: the order of the sheets, a title
and a one-line instruction, the hidden key row, locked headers and unlocked
cells to fill, a drop-down on every enumeration, oui / non and actor column,
number and date checks, A4 printing one page wide with the headers repeated,
example rows marked "exemple" in a blank fiche, and, pre-filled from
PROJECT.yaml (read with PyYAML, independently of the tool), the project's
own values.
"""
import datetime
import sys

import openpyxl
import yaml

SHEETS = ["Mode d'emploi", 'Projet', 'Étapes', 'Compétences', 'Acteurs', 'Besoins', 'Offre',
          'Activité', 'Recettes par service', 'Financements', 'Bilan du test', 'Canevas']
FORMS = {'Projet', 'Bilan du test'}
KEY_ROW, HEAD_ROW, FIRST = 3, 4, 5

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def keys(ws):
    return {ws.cell(KEY_ROW, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(KEY_ROW, c).value}


def validations(ws):
    """Column letter -> data validation (type, formula1) over the first data row."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            if rng.min_row <= FIRST <= rng.max_row or ws.title in FORMS:
                for c in range(rng.min_col, rng.max_col + 1):
                    out.setdefault(c, []).append((dv.type, dv.formula1, rng.min_row, rng.max_row))
    return out


def main():
    mode, path = sys.argv[1], sys.argv[2]
    project = yaml.safe_load(open(sys.argv[3], encoding='utf-8')) if len(sys.argv) > 3 else None
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS, 'feuilles : %s' % wb.sheetnames)
    for ws in wb.worksheets:
        name = ws.title
        check(ws.protection.sheet, '%s : feuille non protégée' % name)
        check(ws.page_setup.paperSize in (9, '9'), '%s : papier %s, pas A4' % (name, ws.page_setup.paperSize))
        check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
              '%s : pas d\'ajustement à la page' % name)
        check(ws.page_setup.fitToWidth in (None, 1, '1'), '%s : pas une page de large' % name)
        check(ws['A1'].value and ws['A1'].font.b, '%s : pas de titre en A1' % name)
        if name == "Mode d'emploi":
            continue
        check(isinstance(ws['A2'].value, str) and len(ws['A2'].value) > 20, '%s : pas de consigne en A2' % name)
        check(ws.row_dimensions[KEY_ROW].hidden, '%s : la ligne des clés n\'est pas masquée' % name)
        check(ws.cell(HEAD_ROW, 1).protection.locked, '%s : en-tête non protégé' % name)
        dv = validations(ws)
        k = keys(ws)
        if name in FORMS:
            check(set(k) >= {'valeur', 'cle'}, '%s : clés %s' % (name, k))
            check(ws.column_dimensions['D'].hidden, '%s : colonne des clés visible' % name)
            rows = [r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, 4).value]
            check(len(rows) >= 11, '%s : %d rubriques' % (name, len(rows)))
            for r in rows:
                check(not ws.cell(r, 2).protection.locked, '%s!B%d verrouillée' % (name, r))
                check(ws.cell(r, 1).protection.locked, '%s!A%d non verrouillée' % (name, r))
            check(2 in dv, '%s : aucune vérification sur la colonne Valeur' % name)
            continue
        check(ws.print_title_rows == '$4:$4', '%s : en-têtes non répétés à l\'impression (%s)' %
              (name, ws.print_title_rows))
        check(ws.freeze_panes == 'A5', '%s : volets non figés sous les en-têtes' % name)
        for key, col in k.items():
            head = ws.cell(HEAD_ROW, col).value
            check(head, '%s : colonne %s sans en-tête' % (name, key))
            if key in ('id', 'nom', 'phase', 'famille') and name in ('Étapes', 'Compétences'):
                check(ws.cell(FIRST, col).protection.locked, '%s : %s modifiable' % (name, key))
                continue
            if key == 'exemple':
                continue
            check(not ws.cell(FIRST, col).protection.locked, '%s : colonne %s verrouillée' % (name, key))
            check(col in dv, '%s : colonne %s (%s) sans vérification' % (name, key, head))
        # Drop-downs of the enumerations.
        for col, items in dv.items():
            for typ, f1, r0, r1 in items:
                if typ == 'list':
                    check(f1 and (f1.startswith('"') or f1.startswith('Acteurs!')),
                          '%s : liste %s' % (name, f1))
                    check(r1 >= FIRST, '%s : liste sans lignes' % name)
        if name == 'Compétences' and 'niveau' in k:
            f1 = dv[k['niveau']][0][1]
            for lv in ('acquis', 'en cours', 'à acquérir', 'sans objet'):
                check(lv in f1, 'Compétences : niveau « %s » absent de la liste (%s)' % (lv, f1))
            check(dv[k['porte_par']][0][1].startswith('Acteurs!$'), 'Compétences : « Porté par » hors des acteurs')
        if mode == 'blank' and name not in ('Étapes', 'Compétences'):
            check('exemple' in k, '%s : pas de colonne Exemple' % name)
            ex = [r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, k.get('exemple', 1)).value == 'exemple']
            check(ex, '%s : aucune ligne d\'exemple' % name)
            for r in ex:
                check(ws.cell(r, 2).font.i, '%s!B%d : exemple pas en italique' % (name, r))
        if mode == 'filled':
            check('exemple' not in k, '%s : colonne Exemple dans une fiche remplie' % name)

    if project:
        pj = wb['Projet']
        vals = {pj.cell(r, 4).value: pj.cell(r, 2).value for r in range(FIRST, pj.max_row + 1)}
        check(vals.get('nom') == project['projet']['nom'], 'Projet : nom %r' % vals.get('nom'))
        if 'date' in project['projet']:
            d = vals.get('date')
            check(isinstance(d, datetime.datetime) and d.date() == project['projet']['date'],
                  'Projet : date %r' % d)
        ac = wb['Acteurs']
        names = [ac.cell(r, keys(ac)['nom']).value for r in range(FIRST, ac.max_row + 1)]
        names = [n for n in names if n]
        check(names == [a['nom'] for a in project.get('acteurs', [])], 'Acteurs : %s' % names)
        act = wb['Activité']
        col = keys(act)['periode']
        months = [act.cell(r, col) for r in range(FIRST, act.max_row + 1) if act.cell(r, col).value]
        want = sorted(str(m['periode']) for m in project.get('activite', []))
        got = [c.value.strftime('%Y-%m') for c in months if isinstance(c.value, datetime.datetime)]
        check(got == want, 'Activité : mois %s au lieu de %s' % (got, want))
        check(all(c.number_format == 'yyyy-mm' for c in months), 'Activité : mois sans format yyyy-mm')
        co = wb['Compétences']
        ck = keys(co)
        levels = {co.cell(r, ck['id']).value: co.cell(r, ck['niveau']).value for r in range(FIRST, co.max_row + 1)}
        labels = {'acquis': 'acquis', 'en_cours': 'en cours', 'a_acquerir': 'à acquérir', 'sans_objet': 'sans objet'}
        for cid, v in (project.get('competences') or {}).items():
            lv = v['niveau'] if isinstance(v, dict) else v
            check(levels.get(cid) == labels[lv], 'Compétences : %s vaut %r au lieu de %r' % (cid, levels.get(cid), lv))

    for f in failures:
        print('FAIL ' + f)
    if failures:
        sys.exit(1)
    print('fiche %s : %d feuilles vérifiées' % (mode, len(wb.worksheets)))


if __name__ == '__main__':
    main()
