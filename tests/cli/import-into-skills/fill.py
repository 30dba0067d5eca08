# The carrier updates the skills grid: one level up, one competence now
# carried by a partner, one not needed by the project (sans objet), one cleared; in the gaps sheet, one handed to an actor.
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Compétences']
for r in range(5, ws.max_row + 1):
    cid = ws.cell(r, 3).value
    if cid == 'emergence.offre-articulee':
        ws.cell(r, 5).value = 'acquis'
    elif cid == 'test.prise-recul':
        ws.cell(r, 5).value = 'porté par un partenaire'
        ws.cell(r, 6).value = 'Centre social Les Tilleuls'
    elif cid == 'test.four-et-moulin':
        ws.cell(r, 5).value = 'sans objet'
    elif cid == 'test.veille':
        ws.cell(r, 5).value = None
        ws.cell(r, 6).value = None
gaps = wb['Compétences lacunes']
for r in range(5, gaps.max_row + 1):
    if gaps.cell(r, 3).value == 'test.formalisation':
        gaps.cell(r, 6).value = 'la confier à un acteur du réseau'
        gaps.cell(r, 7).value = 'Pôle ESS du Val-d\'Orbe'
wb.save(sys.argv[2])
