/*
 * What every XLSX renderer writes through: the workbook being filled, the
 * one set of cell writers, and layout helpers.
 *
 * Cell writers. No renderer calls libxlsxwriter's worksheet_write_* or
 * worksheet_merge_range itself: the functions below are the only way text
 * and numbers reach a sheet, so each rule holds for every workbook:
 *   - text is valid XML and reads back as written: what no output may
 *     carry (lib/text.h) is replaced, and a literal "_xHHHH_" (OOXML's own
 *     escape) is protected so a reader does not decode it;
 *   - text over Excel's limit of 32 767 characters a cell (counted in
 *     UTF-16 units, as Excel does) is cut on a character boundary and ends
 *     with CZ_XLSX_CUT_MARK, and the cut is logged;
 *   - text is always a string cell, never a formula, whatever it starts
 *     with ("=HYPERLINK(…)" stays text);
 *   - a number that is not finite leaves the cell empty, -0 is written 0;
 *   - the first libxlsxwriter error is kept in the context (renderers need
 *     not check each call) and turned into a French message by
 *     cz_xlsx_write().
 * Formulas are built by code from cell references and ASCII constants
 * only: text from a project or a referential is written in a cell and
 * referenced, never spliced into a formula.
 *
 * Layout helpers shared by the XLSX renderers.
 *
 * Spreadsheets do not grow a row to fit wrapped text when they open a file
 * (LibreOffice keeps the heights written, Excel never refits merged cells),
 * so renderers estimate the lines a text takes and set row heights
 * themselves (or let the layout of lib/xlsx_style.h do it); the page
 * layout of every sheet is lib/xlsx_style.h's.
 *
 * Units: column widths are worksheet_set_column units (about one digit of
 * the default 11 pt font); heights and page sizes are points.
 */
#ifndef CZ_XLSX_UTIL_H
#define CZ_XLSX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "buf.h"

/* One line of the default 11 pt font, and Excel's tallest row. */
#define CZ_XLSX_LINE_PT 15.0
#define CZ_XLSX_MAX_ROW_PT 409.0
/* Page margins of the printed sheets, in inches. */
#define CZ_XLSX_MARGIN_IN 0.4
/* Below this scale printed text is too small to read comfortably. */
#define CZ_XLSX_MIN_SCALE 0.7
/* Excel paper codes. */
#define CZ_XLSX_PAPER_A4 9

/* Excel's limit on one cell's text, in UTF-16 code units. */
#define CZ_XLSX_CELL_MAX 32767
/* How a cut cell ends. */
#define CZ_XLSX_CUT_MARK " … [texte tronqué]"
/* Excel's limit on a formula's length. */
#define CZ_XLSX_FORMULA_MAX 8192

/* A workbook being filled. */
typedef struct {
	lxw_workbook *wb;
	lxw_error error; /* the first libxlsxwriter error, LXW_NO_ERROR while none */
	bool nomem;      /* an allocation of ours failed */
	/* Every sheet written row after row, in row order (libxlsxwriter's
	 * constant_memory: a row is written out as soon as a later one begins,
	 * text goes inline, no shared-string table): see cz_xlsx_build_in_order. */
	bool in_order;
	cz_text_log log; /* texts changed to fit: characters replaced, cells cut */
	cz_buf scratch;  /* the cell text being prepared */
	/* What was being written when the first error came: a sheet and a
	 * cell ("feuille « Diag étapes », cellule C4"), or empty. */
	char where[160];
	struct cz_xlsx_book *book; /* shared formats and page layouts (lib/xlsx_style.c) */
} cz_xlsx;

/* Keep `e` when it is the first error; returns it. For the libxlsxwriter
 * calls that are not cell writes (row heights, page setup…). */
lxw_error cz_xlsx_check(cz_xlsx *x, lxw_error e);
/* The same, saying which sheet (and cell, when row is not LXW_ROW_MAX)
 * was being written. */
lxw_error cz_xlsx_check_at(cz_xlsx *x, lxw_error e, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col);
/* No error so far (libxlsxwriter's or an allocation). */
static inline bool cz_xlsx_ok(const cz_xlsx *x)
{
	return x->error == LXW_NO_ERROR && !x->nomem;
}

/* A sheet, a format: NULL (and the error kept) when they cannot be made.
 * Sheet names are the renderers' constants; one that Excel would refuse
 * (over 31 characters, one of []:*?/\, a quote at either end) is an
 * error here rather than a libxlsxwriter warning. */
lxw_worksheet *cz_xlsx_sheet(cz_xlsx *x, const char *name);
lxw_format *cz_xlsx_format(cz_xlsx *x);
/* A sheet whose cells charts read. In a workbook written in row order it
 * is still kept whole in memory until the workbook closes (the only sheets
 * that are): libxlsxwriter then caches the charted values in the charts,
 * as it does in any other workbook, for the readers that draw a chart
 * from its cache; its text goes to the shared-string table. Written in
 * row order all the same. */
lxw_worksheet *cz_xlsx_sheet_charted(cz_xlsx *x, const char *name);

/* A text cell; NULL writes nothing. */
void cz_xlsx_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
		  lxw_format *f);
/* Merged cells holding one text (NULL: empty). */
void cz_xlsx_merge(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
		   lxw_row_t last_row, lxw_col_t last_col, const char *s, lxw_format *f);
/* The merge of cells first_row..last_row (several rows) that the
 * renderer wrote row after row: `s` in the first cell, blank cells in `f`
 * in the others. Called once the last row is reached, and only in a
 * workbook written in row order (x->in_order), on a sheet not made by
 * cz_xlsx_sheet_charted (kept in memory, its first cell would be
 * blanked): it only adds the merged range, the cells being written
 * already. Elsewhere a renderer writes the block with one cz_xlsx_merge
 * (this falls back to it, and the text would then be prepared and
 * counted twice). */
void cz_xlsx_merge_down(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
			lxw_row_t last_row, lxw_col_t last_col, const char *s, lxw_format *f);
/* A cell of runs of text in their own formats (a NULL format: the cell's);
 * empty runs are skipped. When the whole is over the limit the runs are
 * written as one plain text, cut like any other. */
typedef struct {
	lxw_format *format;
	const char *text;
} cz_xlsx_run;
void cz_xlsx_rich(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		  const cz_xlsx_run *runs, size_t n, lxw_format *f);
/* A number; not finite: nothing is written. */
void cz_xlsx_number(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
		    lxw_format *f);
/* A date (shown by the format f). */
void cz_xlsx_datetime(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const lxw_datetime *dt,
		      lxw_format *f);
void cz_xlsx_blank(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f);
/* A row `height_pt` high, within what Excel accepts (0 to
 * CZ_XLSX_MAX_ROW_PT; not finite: the default height). */
void cz_xlsx_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, double height_pt);
/* A formula with its cached result (a non-finite one is cached as 0). A
 * formula over CZ_XLSX_FORMULA_MAX is an error. */
void cz_xlsx_formula(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const char *formula, lxw_format *f, double cached);

/* A formula whose result is text, with that text cached (`cached`, a
 * code constant or a label: not cleaned, at most 255 bytes). */
void cz_xlsx_formula_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			  const char *formula, lxw_format *f, const char *cached);

/* Lines `s` takes once wrapped in a column `width` units wide: a greedy
 * word wrap counting UTF-8 characters, about 1.1 characters per unit (a
 * little pessimistic for the default font, so text never spills); '\n'
 * starts a new line. An empty string takes one line. */
unsigned cz_xlsx_text_lines(const char *s, double width);
/* The same wrap at `per_line` characters a line (at least 1). */
unsigned cz_xlsx_wrap_lines(const char *s, size_t per_line);

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

#endif
