#!/usr/bin/python3
"""Fill a fiche with openpyxl the way people do, for `conciergerie import`.

Usage: fiche_fill.py MODE FICHE.xlsx OUT.xlsx

MODE people: change how values are typed, never what they are, so that the
  import gives the same project as the fiche's own values:
  - numbers typed as text ("1 810", "4,4" with a decimal comma),
  - the snapshot date typed as text (30/09/2026), a month as "janv. 2026",
  - a formula without a cached value (openpyxl never computes one),
  - a blank row in the middle of Acteurs and of Activité,
  - labels in another case, keywords instead of labels, "Oui"/"NON",
  - the sheets reordered, an extra sheet and an extra column (both ignored).
MODE errors: put one mistake in several sheets (see the golden expectations).
MODE old: delete a column, as in a fiche from an earlier version.
"""
import sys

import openpyxl

KEY_ROW = 3  # 1-based: the hidden key row
FIRST = 5    # first data row


def columns(ws):
    return {ws.cell(KEY_ROW, c).value: c for c in range(1, ws.max_column + 1)
            if ws.cell(KEY_ROW, c).value}


def form_rows(ws):
    keys = columns(ws)
    kc = keys['cle']
    return {ws.cell(r, kc).value: r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, kc).value}


def last_row(ws, col):
    r = FIRST
    while ws.cell(r, col).value not in (None, ''):
        r += 1
    return r - 1


def as_text(v):
    """A number as a French user types it: "1 810", "4,4"."""
    if isinstance(v, float) and v != int(v):
        return ('%g' % v).replace('.', ',')
    n = int(v)
    s = '{:,}'.format(n).replace(',', ' ')
    return s


def people(wb):
    pj = wb['Projet']
    rows = form_rows(pj)
    d = pj.cell(rows['date'], 2).value
    if d is not None:
        pj.cell(rows['date'], 2).value = d.strftime('%d/%m/%Y')
    pop = pj.cell(rows['territoire.population'], 2).value
    if pop is not None:
        pj.cell(rows['territoire.population'], 2).value = as_text(pop)
    t = pj.cell(rows['type'], 2).value
    if t:
        pj.cell(rows['type'], 2).value = t.upper()

    act = wb['Activité']
    cols = columns(act)
    n = last_row(act, cols['periode'])
    if n >= FIRST:
        m = act.cell(FIRST, cols['periode']).value
        months = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']
        act.cell(FIRST, cols['periode']).value = '%s %d' % (months[m.month - 1], m.year)
        ch = act.cell(FIRST, cols['charges']).value
        if ch is not None:
            act.cell(FIRST, cols['charges']).value = as_text(ch)
        rec = act.cell(n, cols['charges']).value
        if n > FIRST and isinstance(rec, (int, float)) and rec == int(rec) and rec > 10:
            act.cell(n, cols['charges']).value = '=%d+%d' % (int(rec) - 10, 10)
        if n > FIRST:
            act.insert_rows(FIRST + 1)

    ac = wb['Acteurs']
    cols = columns(ac)
    n = last_row(ac, cols['nom'])
    for r in range(FIRST, n + 1):
        v = ac.cell(r, cols['roles.partenaire']).value
        if v == 'oui':
            ac.cell(r, cols['roles.partenaire']).value = 'Oui'
        if ac.cell(r, cols['charte']).value == 'non':
            ac.cell(r, cols['charte']).value = 'NON'
        t = ac.cell(r, cols['type']).value
        if t == 'collectivité':
            ac.cell(r, cols['type']).value = 'collectivite'
        elif t:
            ac.cell(r, cols['type']).value = t.capitalize()
    if n > FIRST:
        ac.insert_rows(FIRST + 1)
    extra = ac.max_column + 1
    ac.cell(KEY_ROW + 1, extra).value = 'Téléphone'
    ac.cell(FIRST, extra).value = '04 00 00 00 00'

    tst = wb['Bilan du test']
    rows = form_rows(tst)
    v = tst.cell(rows['satisfaction.beneficiaires'], 2).value
    if v is not None:
        tst.cell(rows['satisfaction.beneficiaires'], 2).value = as_text(v)

    notes = wb.create_sheet('Notes')
    notes['A1'] = 'Appeler la mairie lundi'
    # Canevas first, Projet last.
    wb.move_sheet('Canevas', offset=-wb.index(wb['Canevas']))
    wb.move_sheet('Projet', offset=len(wb.sheetnames) - 1 - wb.index(wb['Projet']))


def errors(wb):
    pj = wb['Projet']
    rows = form_rows(pj)
    pj.cell(rows['phase'], 2).value = 'lancment'
    pj.cell(rows['date'], 2).value = '31/02/2026'
    pj.cell(rows['territoire.population'], 2).value = 'environ 4000'
    ac = wb['Acteurs']
    cols = columns(ac)
    ac.cell(FIRST, cols['type']).value = 'colectivité'
    ac.cell(FIRST + 1, cols['roles.client']).value = 'peut-être'
    ac.cell(FIRST + 2, cols['nom']).value = ac.cell(FIRST, cols['nom']).value
    co = wb['Compétences']
    cols = columns(co)
    co.cell(FIRST, cols['porte_par']).value = 'Mairie de Val-d-Orbe'
    co.cell(FIRST + 1, cols['niveau']).value = 'acquise'
    act = wb['Activité']
    cols = columns(act)
    act.cell(FIRST, cols['recettes']).value = '=VLOOKUP(A1,B:C,2)'
    act.cell(FIRST + 1, cols['clients_recurrents']).value = 999
    act.cell(FIRST + 2, cols['periode']).value = 'le mois dernier'
    act.cell(FIRST + 3, cols['charges']).value = '#N/A'
    of = wb['Offre']
    cols = columns(of)
    of.cell(FIRST, cols['prix']).value = -12
    of.cell(FIRST, cols['prestataire']).value = 'Atelier Repass Solidaire'
    cv = wb['Canevas']
    cols = columns(cv)
    cv.cell(FIRST, cols['bloc']).value = None
    cv.cell(FIRST + 1, cols['pilier']).value = 'soutien public'
    tst = wb['Bilan du test']
    rows = form_rows(tst)
    tst.cell(rows['charge_travail'], 2).value = '90 %'
    tst.cell(rows['satisfaction.equipe'], 2).value = 7


def old(wb):
    act = wb['Activité']
    cols = columns(act)
    act.delete_cols(cols['livraisons'])


def main():
    mode, src, out = sys.argv[1:4]
    wb = openpyxl.load_workbook(src)
    {'people': people, 'errors': errors, 'old': old}[mode](wb)
    wb.save(out)


if __name__ == '__main__':
    main()
