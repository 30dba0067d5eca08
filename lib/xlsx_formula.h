/*
 * The value of a formula saved without its result.
 *
 * Excel and LibreOffice save the computed value of every formula with it;
 * openpyxl and some scripts do not. The importer then computes the simple
 * formulas people type in a form — arithmetic on numbers and on cells of
 * the same sheet, and SUM over cells or ranges ("=120*3", "=B5+B6",
 * "=SUM(C5:C9)") — and refuses anything else rather than guess. Recursion
 * through cells is bounded, so a cycle costs nothing.
 */
#ifndef CZ_XLSX_FORMULA_H
#define CZ_XLSX_FORMULA_H

#include <stdbool.h>

#include "xlsx_read.h"

/* The number `formula` (without "=") computes in `sheet`; false when it
 * uses anything beyond the above, refers to text, or divides by zero. */
bool cz_xlsx_eval(const cz_xsheet *sheet, const char *formula, double *out);

/* The number a cell holds: its value, or its formula computed as above. */
bool cz_xlsx_cell_number(const cz_xsheet *sheet, const cz_xcell *c, double *out);

#endif
