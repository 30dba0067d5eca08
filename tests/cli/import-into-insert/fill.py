import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Compétences']
for r in range(5, ws.max_row + 1):
    if ws.cell(r, 3).value == 'test.tableaux-de-bord':
        ws.cell(r, 5).value = 'porté par un partenaire'
        ws.cell(r, 6).value = 'Mairie des Lilas'
    if ws.cell(r, 3).value == 'emergence.diagnostic':
        ws.cell(r, 5).value = 'acquis'
wb.save(sys.argv[2])
