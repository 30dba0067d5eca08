# The carrier types over an example row but leaves its "exemple" marker.
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
pj = wb['Projet']
rows = {pj.cell(r, 4).value: r for r in range(5, pj.max_row + 1)}
pj.cell(rows['nom'], 2).value = 'Conciergerie des Lilas'
pj.cell(rows['type'], 2).value = 'quartier'
pj.cell(rows['phase'], 2).value = 'emergence'
ac = wb['Acteurs']
ac['B5'] = 'Mairie des Lilas'
wb.save(sys.argv[2])
