# The test assessment updated in the test-phase workbook: two declared
# values, a threshold of the project, a condition now met; a computed value
# typed over (not taken back, with a warning).
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Test indicateurs']
for r in range(1, ws.max_row + 1):
    name = ws.cell(r, 1).value
    if name == 'Vision à moyen et long terme':
        ws.cell(r, 4).value = 4
    elif name == 'Charge de travail maîtrisée':
        ws.cell(r, 4).value = '0,95'
        ws.cell(r, 7).value = 1.1
    elif name == 'Calendrier des financeurs':
        ws.cell(r, 2).value = 'oui'
    elif name == 'Demandes et besoins':
        ws.cell(r, 4).value = 0.99
wb.save(sys.argv[2])
