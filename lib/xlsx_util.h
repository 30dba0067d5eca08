/*
 * Layout helpers shared by the XLSX renderers.
 *
 * Spreadsheets do not grow a row to fit wrapped text when they open a file
 * (LibreOffice keeps the heights written, Excel never refits merged cells),
 * so renderers estimate the lines a text takes and set row heights
 * themselves; and they size printed pages from the same estimates.
 *
 * Units: column widths are worksheet_set_column units (about one digit of
 * the default 11 pt font); heights and page sizes are points.
 */
#ifndef CZ_XLSX_UTIL_H
#define CZ_XLSX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* One line of the default 11 pt font, and Excel's tallest row. */
#define CZ_XLSX_LINE_PT 15.0
#define CZ_XLSX_MAX_ROW_PT 409.0
/* Page margins of the printed sheets, in inches. */
#define CZ_XLSX_MARGIN_IN 0.4
/* Below this scale printed text is too small to read comfortably. */
#define CZ_XLSX_MIN_SCALE 0.7
/* Excel paper codes. */
#define CZ_XLSX_PAPER_A4 9
#define CZ_XLSX_PAPER_A3 8

/* Lines `s` takes once wrapped in a column `width` units wide: a greedy
 * word wrap counting UTF-8 characters, about 1.1 characters per unit (a
 * little pessimistic for the default font, so text never spills); '\n'
 * starts a new line. An empty string takes one line. */
unsigned cz_xlsx_text_lines(const char *s, double width);

/* Height of a row of `lines` lines of `line_pt` points, at most
 * CZ_XLSX_MAX_ROW_PT. */
double cz_xlsx_lines_pt(unsigned lines, double line_pt);

/* Give `row` the height of `lines` lines of default text when it needs more
 * than one (a one-line row keeps the default height, CZ_XLSX_LINE_PT). */
lxw_error cz_xlsx_fit_row(lxw_worksheet *ws, lxw_row_t row, unsigned lines);

/* Printed width of columns of the given widths. */
double cz_xlsx_columns_pt(const double *widths, size_t n);

/* Scale at which a block `width_pt` by `height_pt` fills one landscape A4
 * page inside CZ_XLSX_MARGIN_IN margins; at most 1. */
double cz_xlsx_a4_scale(double width_pt, double height_pt);

/* Print a table sheet on landscape A4, one page wide, its header row
 * `head_row` repeated on every page; one page tall as well when the sheet
 * (`width_pt` by `height_pt`, as estimated by the caller) fits at
 * CZ_XLSX_MIN_SCALE or more, otherwise as many pages as it needs. */
lxw_error cz_xlsx_print_table(lxw_worksheet *ws, lxw_row_t head_row, double width_pt,
			      double height_pt);

#endif
