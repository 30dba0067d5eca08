# A new user fills the blank fiche: the project, two steps, two competences,
# an actor typed over the first example row (its marker erased), the second
# example row left as it is, two months of activity (one with revenue by
# service), a funding and a canvas item.
import datetime
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])


def keys(ws):
    return {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}


pj = wb['Projet']
rows = {pj.cell(r, 4).value: r for r in range(5, pj.max_row + 1)}
pj.cell(rows['nom'], 2).value = 'Conciergerie du Val de Saône'
pj.cell(rows['type'], 2).value = 'conciergerie rurale'
pj.cell(rows['phase'], 2).value = 'Test'
pj.cell(rows['date'], 2).value = datetime.datetime(2026, 6, 30)
pj.cell(rows['territoire.population'], 2).value = 3200
et = wb['Étapes']
k = keys(et)
for r in range(5, et.max_row + 1):
    if et.cell(r, k['id']).value in ('emergence.besoins', 'emergence.partenaires'):
        et.cell(r, k['statut']).value = 'fait'
co = wb['Compétences']
k = keys(co)
for r in range(5, co.max_row + 1):
    if co.cell(r, k['id']).value == 'emergence.diagnostic':
        co.cell(r, k['niveau']).value = 'acquis'
    if co.cell(r, k['id']).value == 'test.tableaux-de-bord':
        co.cell(r, k['niveau']).value = 'en cours'
        co.cell(r, k['porte_par']).value = 'Mairie de Trévoux'
ac = wb['Acteurs']
k = keys(ac)
ac.cell(5, k['exemple']).value = None
ac.cell(5, k['nom']).value = 'Mairie de Trévoux'
act = wb['Activité']
k = keys(act)
act.cell(5, k['exemple']).value = None
act.cell(5, k['periode']).value = '2026-05'
act.cell(6, k['periode']).value = datetime.datetime(2026, 6, 1)
act.cell(6, k['demandes']).value = 18
act.cell(6, k['charges']).value = 950
sv = wb['Recettes par service']
k = keys(sv)
sv.cell(5, k['exemple']).value = ''
sv.cell(5, k['periode']).value = 'juin 2026'
sv.cell(6, k['periode']).value = '06/2026'
sv.cell(6, k['service']).value = 'Dépôt de pain'
sv.cell(6, k['montant']).value = 120.5
fi = wb['Financements']
k = keys(fi)
fi.cell(6, k['source']).value = 'Communauté de communes'
fi.cell(6, k['pilier']).value = 'soutien public'
fi.cell(6, k['montant']).value = '8 000'
fi.cell(6, k['annee']).value = 2026
wb.save(sys.argv[2])
