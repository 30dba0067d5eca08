/*
 * Reading an XLSX workbook: archive -> workbook -> sheets -> cells.
 *
 * Reads what Excel, LibreOffice Calc, openpyxl and libxlsxwriter write:
 * the workbook part found through the package relationships, sheets in
 * workbook order with their names (chart sheets have no cells), shared
 * strings (rich text runs joined, phonetic runs left out), inline strings,
 * numbers, booleans, error values, ISO dates (t="d"), formulas with or
 * without a cached value, "_x000D_" escapes, cells and rows without a
 * reference, and number formats, so that a number shown as a date is known
 * as one (1900 or 1904 date system). Empty cells are not kept.
 *
 * Bounded like the YAML reader: the archive (zip_read.h), sheets, rows
 * holding a value per sheet, cells in all, bytes per string, shared strings
 * and styles. Any breach, malformed XML or a missing part is CZ_ERR_INVALID
 * with one French message, never a crash.
 */
#ifndef CZ_XLSX_READ_H
#define CZ_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "problems.h"
#include "status.h"
#include "zip_read.h"

typedef enum {
	CZ_XV_NONE,   /* a formula whose value was not saved with it */
	CZ_XV_NUMBER, /* number (also dates: see `date`) */
	CZ_XV_TEXT,
	CZ_XV_BOOL,   /* number is 0 or 1 */
	CZ_XV_ERROR,  /* text is the error ("#N/A", "#DIV/0!") */
} cz_xvalue;

typedef struct {
	unsigned row, col; /* 0-based */
	cz_xvalue kind;
	bool date;           /* a number formatted as a date or a time */
	double number;       /* NUMBER and BOOL */
	const char *text;    /* TEXT and ERROR (NUL-terminated, UTF-8) */
	const char *formula; /* the formula, without "=", or NULL */
} cz_xcell;

typedef struct {
	const char *name;
	bool chart;      /* a chart sheet: no cells */
	cz_xcell *cells; /* sorted by row, then column */
	size_t n_cells;
	size_t n_rows; /* rows holding at least one cell */
} cz_xsheet;

typedef struct {
	cz_arena *arena;
	cz_xsheet *sheets; /* in workbook order */
	size_t n_sheets;
	bool date1904;
} cz_xbook;

typedef struct {
	cz_zip_limits zip;
	size_t max_sheets;
	size_t max_rows;    /* rows holding a value, per sheet */
	size_t max_cells;   /* cells holding a value, in the workbook */
	size_t max_text;    /* bytes of one string */
	size_t max_strings; /* shared strings */
	size_t max_styles;  /* cell formats */
} cz_xlsx_limits;

/* 64 sheets, 10,000 rows per sheet, 300,000 cells, 64 KiB per string,
 * 300,000 shared strings, 65,536 cell formats. */
extern const cz_xlsx_limits cz_xlsx_default_limits;

/* Read a workbook held in memory. On CZ_OK, *out is the caller's
 * (cz_xbook_free). */
cz_status cz_xlsx_read(const void *data, size_t len, const cz_xlsx_limits *limits, cz_xbook **out,
		       cz_problems *problems);
void cz_xbook_free(cz_xbook *book);

/* The cell at (row, col), or NULL when empty. */
const cz_xcell *cz_xsheet_cell(const cz_xsheet *s, unsigned row, unsigned col);
/* Index of the first cell of `row` or after, in s->cells. */
size_t cz_xsheet_row_start(const cz_xsheet *s, unsigned row);

/* "C14" for (13, 2) into `buf` (at least 16 bytes). */
char *cz_xlsx_cell_ref(char *buf, unsigned row, unsigned col);

/* Calendar date of a serial day number (fraction ignored); false when out
 * of 1900–9999. The 1900 system counts Excel's fictitious 1900-02-29. */
bool cz_xlsx_serial_date(double serial, bool date1904, int *y, int *m, int *d);
/* Serial day number of a date in the 1900 system. */
double cz_xlsx_date_serial(int y, int m, int d);

#endif
