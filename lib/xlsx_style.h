/*
 * The one look of every workbook: palette, cell formats and printed pages.
 *
 * Palette. One tone per meaning, the same in every sheet of every
 * workbook: a step done, an indicator atteint, a GO verdict are "good"
 * (green); en cours, partiel, RÉAJUSTER, attention are "mixed" (amber);
 * à faire in a phase that is due, non atteint, NO-GO are "bad" (red);
 * what is not applicable, not yet due, non renseigné or INCOMPLET is
 * "neutral" (grey); information and partners' help are "info" (blue);
 * a critical alert is "alarm" (white on dark red). The cz_xlsx_tone_*
 * functions give the tone of each status, verdict and severity.
 *
 * Formats. cz_xlsx_styles() gives the workbook's shared formats, made once
 * per workbook (a combined report shares them between its parts): title,
 * header, text, money (whole euros with thousands separators, a minus sign
 * U+2212), ratio (two decimals), percent, integer (thousands separators),
 * date (dd/mm/yyyy), month (mm/yyyy), and a filled cell per tone.
 *
 * Page layout. A sheet whose columns are set with cz_xlsx_columns() is laid
 * out when the workbook is closed (cz_xlsx_finish, called by
 * lib/xlsx_file.c):
 *   - every row holding wrapped text is as tall as its longest text needs
 *     (lines estimated from UTF-8 characters and the column widths, merged
 *     cells counting their whole width), never lower than a height the
 *     renderer set;
 *   - printing: A4, portrait when the table fits a portrait page at full
 *     size, landscape otherwise, fit to one page wide (as many pages tall
 *     as the rows need), 0.4 inch margins, the rows given by
 *     cz_xlsx_repeat() on every page, a header with the project's name and
 *     the snapshot date (cz_xlsx_document) and a footer with the sheet's
 *     name and "page x / N".
 */
#ifndef CZ_XLSX_STYLE_H
#define CZ_XLSX_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "model.h"
#include "testphase.h"
#include "xlsx_util.h"

typedef enum {
	CZ_TONE_GOOD, CZ_TONE_MIXED, CZ_TONE_BAD, CZ_TONE_NEUTRAL, CZ_TONE_INFO, CZ_TONE_ALARM,
	CZ_TONE_COUNT
} cz_tone;

/* Fill and font colour of each tone. */
extern const lxw_color_t cz_tone_fill[CZ_TONE_COUNT];
extern const lxw_color_t cz_tone_font[CZ_TONE_COUNT];
/* Header rows. */
#define CZ_XLSX_HEAD_FILL 0xD9E1F2
/* Written by the tool, not to fill (greyed). */
#define CZ_XLSX_INFO_FILL 0xF2F2F2

cz_tone cz_xlsx_tone_verdict(cz_verdict v);
cz_tone cz_xlsx_tone_tp_status(cz_tp_status s);
cz_tone cz_xlsx_tone_severity(cz_severity s);
/* `due`: the step's phase is the declared one or an earlier one; a step
 * still to do in a later phase is not a fault. */
cz_tone cz_xlsx_tone_step(cz_step_status s, bool due);

/* Number formats, as Excel writes them (each reader shows its locale's
 * separators). */
#define CZ_XLSX_NUM_MONEY "#,##0 \"€\";\"−\"#,##0 \"€\""
#define CZ_XLSX_NUM_RATIO "0.00"
#define CZ_XLSX_NUM_PERCENT "0%"
#define CZ_XLSX_NUM_PERCENT_1 "0.0%" /* shares compared with a limit */
#define CZ_XLSX_NUM_INTEGER "#,##0"
#define CZ_XLSX_NUM_DECIMAL "#,##0.0"
#define CZ_XLSX_NUM_DATE "dd/mm/yyyy"
#define CZ_XLSX_NUM_MONTH "mm/yyyy"
/* 1 shows "oui", 0 "non": a flag formulas can count. */
#define CZ_XLSX_NUM_YES_NO "\"oui\";\"oui\";\"non\""

typedef struct {
	lxw_format *title;    /* 14 pt bold, wrapped */
	lxw_format *note;     /* italic, wrapped, top */
	lxw_format *header;   /* bold, wrapped, filled, bordered */
	lxw_format *bold, *text, *wrap, *wrap_bold, *wrap_indent;
	lxw_format *money, *money_bold, *ratio, *ratio_bold, *percent, *percent_bold, *percent_1;
	lxw_format *integer, *integer_bold, *decimal, *date, *month, *yes_no;
	lxw_format *gap;      /* grey italic: a missing month, an empty table */
	lxw_format *tone[CZ_TONE_COUNT];      /* a status cell: fill, font, border */
	lxw_format *tone_bold[CZ_TONE_COUNT]; /* the same, bold (verdicts) */
	lxw_format *tone_cf[CZ_TONE_COUNT];   /* fill and font only, for conditional formats */
	lxw_format *verdict[CZ_TONE_COUNT];   /* 16 pt bold, filled */
} cz_xlsx_styles;

/* The workbook's formats; NULL when they cannot be made (the error kept). */
const cz_xlsx_styles *cz_xlsx_styles_get(cz_xlsx *x);

/* Name and snapshot date (NULL: none) printed in the page headers of the
 * sheets laid out from now on; a name over 60 characters is cut. */
void cz_xlsx_document(cz_xlsx *x, const char *name, const cz_date *snapshot);

/* Column widths of `ws` (worksheet_set_column units), which also puts the
 * sheet under the page layout above. Called once a sheet, before its
 * cells. */
void cz_xlsx_columns(cz_xlsx *x, lxw_worksheet *ws, const double *widths, size_t n);
/* Rows first..last printed at the top of every page. */
void cz_xlsx_repeat(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last);
/* A title over the whole width of the table (merged, wrapped). */
void cz_xlsx_title(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *text, lxw_format *f);
/* Number of columns set for `ws` (0: none). */
size_t cz_xlsx_sheet_columns(const cz_xlsx *x, const lxw_worksheet *ws);
/* Total width, in worksheet units, of the columns set for `ws` (0: none). */
double cz_xlsx_sheet_width(const cz_xlsx *x, const lxw_worksheet *ws);

/* The header and footer of the laid-out sheets, for a sheet that sets its
 * own page (a one-page canvas): A4 is still the renderer's to choose. */
void cz_xlsx_header_footer(cz_xlsx *x, lxw_worksheet *ws);

/* What the cell writers tell the layout (lib/xlsx_util.c). */
void cz_xlsx_note_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
		       lxw_row_t last_row, lxw_col_t last_col, const char *s, const lxw_format *f);
void cz_xlsx_note_height(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, double height_pt);
/* In a workbook written row after row (x->in_order), before anything is
 * written on `row` of `ws`: the row left behind gets the height its texts
 * need, since libxlsxwriter writes a row out as soon as a later one
 * begins. A no-op otherwise. */
void cz_xlsx_reach(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row);

/* Lay out every sheet (heights, pages); called once, before
 * workbook_close. Then cz_xlsx_release frees what the layout kept. */
void cz_xlsx_finish(cz_xlsx *x);
void cz_xlsx_release(cz_xlsx *x);

/* The printed scale of a table `width_units` wide on the page the layout
 * would choose for it (1 when it fits). */
double cz_xlsx_print_scale(double width_units);

#endif
