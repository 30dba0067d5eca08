#include "xlsx_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xlsx_style.h"

/* A4 in points; a column of w units is 7w + 5 pixels of 3/4 point. */
#define A4_LONG_PT 842.0
#define A4_SHORT_PT 595.0
#define MARGIN_PT (CZ_XLSX_MARGIN_IN * 72.0)

unsigned cz_xlsx_text_lines(const char *s, double width)
{
	return cz_xlsx_wrap_lines(s, width > 8 ? (size_t)(width * 1.1) - 2 : 4);
}

unsigned cz_xlsx_wrap_lines(const char *s, size_t per_line)
{
	/* Most cells are short: no more bytes (so no more characters) than a
	 * line holds and no '\n' is one line, whatever the words. */
	size_t n = strnlen(s, per_line + 1);
	if (n <= per_line && !memchr(s, '\n', n))
		return 1;
	unsigned lines = 1;
	size_t col = 0;
	while (*s) {
		if (*s == '\n') {
			lines++;
			col = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		size_t word = 0;
		const char *w = s;
		for (; *w && *w != ' ' && *w != '\n'; w++)
			word += ((unsigned char)*w & 0xC0) != 0x80;
		size_t need = col ? col + 1 + word : word;
		if (col && need > per_line) {
			lines++;
			col = word;
		} else {
			col = need;
		}
		/* A word longer than a line is cut by the reader. */
		while (col > per_line) {
			lines++;
			col -= per_line;
		}
		s = w;
	}
	return lines;
}

double cz_xlsx_lines_pt(unsigned lines, double line_pt)
{
	double h = (lines ? lines : 1) * line_pt;
	return h > CZ_XLSX_MAX_ROW_PT ? CZ_XLSX_MAX_ROW_PT : h;
}

lxw_error cz_xlsx_fit_row(lxw_worksheet *ws, lxw_row_t row, unsigned lines)
{
	if (lines <= 1)
		return LXW_NO_ERROR;
	return worksheet_set_row(ws, row, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT), NULL);
}

double cz_xlsx_columns_pt(const double *widths, size_t n)
{
	double px = 0;
	for (size_t i = 0; i < n; i++)
		px += widths[i] * 7 + 5;
	return px * 0.75;
}

double cz_xlsx_a4_scale(double width_pt, double height_pt)
{
	double scale = 1;
	if (width_pt > 0 && (A4_LONG_PT - 2 * MARGIN_PT) / width_pt < scale)
		scale = (A4_LONG_PT - 2 * MARGIN_PT) / width_pt;
	if (height_pt > 0 && (A4_SHORT_PT - 2 * MARGIN_PT) / height_pt < scale)
		scale = (A4_SHORT_PT - 2 * MARGIN_PT) / height_pt;
	return scale;
}

/* --- cell writers ------------------------------------------------------- */

lxw_error cz_xlsx_check(cz_xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
		x->error = e;
	return e;
}

lxw_error cz_xlsx_check_at(cz_xlsx *x, lxw_error e, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
	if (e == LXW_NO_ERROR || x->error != LXW_NO_ERROR)
		return e;
	x->error = e;
	const char *name = ws && ws->name ? ws->name : "";
	/* sheet names are the renderers' constants (at most 31 characters) */
	if (row < LXW_ROW_MAX && col < LXW_COL_MAX) {
		char cell[16];
		lxw_rowcol_to_cell(cell, row, col);
		snprintf(x->where, sizeof(x->where), "feuille «\u00A0%s\u00A0», cellule %s", name, cell);
	} else {
		snprintf(x->where, sizeof(x->where), "feuille «\u00A0%s\u00A0»", name);
	}
	return e;
}

lxw_worksheet *cz_xlsx_sheet(cz_xlsx *x, const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || cz_utf8_chars(name, len) > LXW_SHEETNAME_MAX || strpbrk(name, "[]:*?/\\") ||
	    name[0] == '\'' || name[len - 1] == '\'') {
		cz_xlsx_check(x, LXW_ERROR_PARAMETER_VALIDATION);
		return NULL;
	}
	/* libxlsxwriter prints a warning on a name it refuses: ask first. */
	if (cz_xlsx_check(x, workbook_validate_sheet_name(x->wb, name)) != LXW_NO_ERROR)
		return NULL;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws)
		cz_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

lxw_worksheet *cz_xlsx_sheet_charted(cz_xlsx *x, const char *name)
{
	/* libxlsxwriter reads constant_memory when it adds a sheet: a sheet in
	 * memory reads back its cells for the charts' caches when the
	 * workbook closes, one written out row after row cannot (the charts
	 * would then have no cached values). */
	uint8_t saved = x->wb->options.constant_memory;
	x->wb->options.constant_memory = LXW_FALSE;
	lxw_worksheet *ws = cz_xlsx_sheet(x, name);
	x->wb->options.constant_memory = saved;
	return ws;
}

lxw_format *cz_xlsx_format(cz_xlsx *x)
{
	lxw_format *f = workbook_add_format(x->wb);
	if (!f)
		cz_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return f;
}

static bool hex4(const char *p)
{
	for (int i = 0; i < 4; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f') ||
		      (p[i] >= 'A' && p[i] <= 'F')))
			return false;
	return true;
}

/* At p, "_xHHHH_": what readers decode as the character U+HHHH. */
static bool ooxml_escape_at(const char *p, const char *end)
{
	return end - p >= 7 && p[0] == '_' && p[1] == 'x' && hex4(p + 2) && p[6] == '_';
}

/* Nothing to change in s[0..len): no unsafe character, no "_x" that could
 * read as an escape, within the cell limit. The common case, copied by no
 * one. */
static bool text_as_is(const char *s, size_t len)
{
	if (len > CZ_XLSX_CELL_MAX && cz_utf16_units(s, len) > CZ_XLSX_CELL_MAX)
		return false;
	for (const char *p = s; (p = memchr(p, '_', len - (size_t)(p - s))) != NULL; p++)
		if (ooxml_escape_at(p, s + len))
			return false;
	return cz_text_unsafe_count(s, len) == 0;
}

/* The text a cell receives (see xlsx_util.h), built into `out`. */
static void cell_text(cz_xlsx *x, cz_buf *out, const char *s, size_t len)
{
	out->len = 0;
	if (out->data)
		out->data[0] = '\0';
	cz_buf clean;
	cz_buf_init(&clean);
	cz_text_clean(&clean, s, len);
	x->log.replaced += clean.log.replaced;
	const char *c = clean.data ? clean.data : "";
	const char *end = c + clean.len;
	for (const char *p = c; p < end;) {
		const char *u = memchr(p, '_', (size_t)(end - p));
		if (!u) {
			cz_buf_add(out, p, (size_t)(end - p));
			break;
		}
		cz_buf_add(out, p, (size_t)(u - p));
		/* "_x005F_" is the escaped underscore: "_x0041_" reads back as is */
		cz_buf_puts(out, ooxml_escape_at(u, end) ? "_x005F_" : "_");
		p = u + 1;
	}
	if (!cz_buf_ok(&clean))
		out->failed = true;
	cz_buf_free(&clean);
	if (cz_buf_ok(out) && out->data && cz_utf16_units(out->data, out->len) > CZ_XLSX_CELL_MAX) {
		size_t mark = cz_utf16_units(CZ_XLSX_CUT_MARK, strlen(CZ_XLSX_CUT_MARK));
		out->len = cz_utf16_prefix(out->data, out->len, CZ_XLSX_CELL_MAX - mark);
		out->data[out->len] = '\0';
		cz_buf_puts(out, CZ_XLSX_CUT_MARK);
		x->log.truncated++;
	}
	if (!cz_buf_ok(out))
		x->nomem = true;
}

/* libxlsxwriter 1.1 keeps a format's style number in the format only for
 * the first format of each look: a cell in another format of the same
 * look (each renderer makes its own) hashes the whole format again, some
 * 3 500 instructions a cell. The number, once known, is kept in the format
 * (the same number libxlsxwriter gives it; the numbers are given in the
 * order cells are written, not the order the sheets are saved). */
static lxw_format *indexed(lxw_format *f)
{
	if (f && f->xf_index == LXW_PROPERTY_UNSET)
		f->xf_index = lxw_format_get_xf_index(f);
	return f;
}

/* s itself when it can go as is, else its cell text in x->scratch; NULL
 * when out of memory. */
static const char *prepare(cz_xlsx *x, const char *s)
{
	size_t len = strlen(s);
	if (text_as_is(s, len))
		return s;
	cell_text(x, &x->scratch, s, len);
	return cz_buf_ok(&x->scratch) ? x->scratch.data : NULL;
}

void cz_xlsx_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
		  lxw_format *f)
{
	if (!s || !ws)
		return;
	cz_xlsx_reach(x, ws, row);
	const char *t = prepare(x, s);
	if (t) {
		cz_xlsx_check_at(x, worksheet_write_string(ws, row, col, t, indexed(f)), ws, row, col);
		cz_xlsx_note_text(x, ws, row, col, row, col, t, f);
	}
}

void cz_xlsx_merge(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
		   lxw_row_t last_row, lxw_col_t last_col, const char *s, lxw_format *f)
{
	if (!ws)
		return;
	cz_xlsx_reach(x, ws, first_row);
	const char *t = prepare(x, s ? s : "");
	if (t) {
		cz_xlsx_check_at(x, worksheet_merge_range(ws, first_row, first_col, last_row, last_col, t, indexed(f)), ws,
				 first_row, first_col);
		cz_xlsx_note_text(x, ws, first_row, first_col, last_row, last_col, t, f);
	}
}

void cz_xlsx_merge_down(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
			lxw_row_t last_row, lxw_col_t last_col, const char *s, lxw_format *f)
{
	if (!x->in_order || last_row <= first_row) {
		cz_xlsx_merge(x, ws, first_row, first_col, last_row, last_col, s, f);
		return;
	}
	if (!ws)
		return;
	cz_xlsx_reach(x, ws, last_row);
	/* libxlsxwriter stores the range, then writes the first cell and the
	 * blanks again: those of the rows already written out are refused
	 * without an error (constant_memory), those of the last row are
	 * written as they were. */
	cz_xlsx_check_at(x, worksheet_merge_range(ws, first_row, first_col, last_row, last_col, "", indexed(f)), ws,
			 first_row, first_col);
}

void cz_xlsx_rich(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		  const cz_xlsx_run *runs, size_t n, lxw_format *f)
{
	if (!ws)
		return;
	cz_xlsx_reach(x, ws, row);
	size_t units = 0, kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (!runs[i].text || !*runs[i].text)
			continue;
		units += cz_utf16_units(runs[i].text, strlen(runs[i].text));
		kept++;
	}
	/* Excel wants two runs at least, none empty; over the limit, the
	 * runs' formats cannot survive the cut: one plain text then. */
	if (kept < 2 || units > CZ_XLSX_CELL_MAX) {
		cz_buf all;
		cz_buf_init(&all);
		for (size_t i = 0; i < n; i++)
			if (runs[i].text)
				cz_buf_puts(&all, runs[i].text);
		if (cz_buf_ok(&all))
			cz_xlsx_text(x, ws, row, col, all.data ? all.data : "", f);
		else
			x->nomem = true;
		cz_buf_free(&all);
		return;
	}
	cz_buf *texts = calloc(kept, sizeof(*texts));
	lxw_rich_string_tuple *tuples = calloc(kept, sizeof(*tuples));
	lxw_rich_string_tuple **list = calloc(kept + 1, sizeof(*list));
	bool good = texts && tuples && list;
	for (size_t i = 0, k = 0; good && i < n; i++) {
		if (!runs[i].text || !*runs[i].text)
			continue;
		cz_buf_init(&texts[k]);
		cell_text(x, &texts[k], runs[i].text, strlen(runs[i].text));
		good = cz_buf_ok(&texts[k]) && texts[k].len > 0;
		tuples[k] = (lxw_rich_string_tuple){ runs[i].format, texts[k].data };
		list[k] = &tuples[k];
		k++;
	}
	if (good) {
		cz_xlsx_check_at(x, worksheet_write_rich_string(ws, row, col, list, indexed(f)), ws, row, col);
		for (size_t k = 0; k < kept; k++)
			cz_xlsx_note_text(x, ws, row, col, row, col, texts[k].data, f);
	} else
		x->nomem = true;
	for (size_t k = 0; texts && k < kept; k++)
		cz_buf_free(&texts[k]);
	free(texts);
	free(tuples);
	free(list);
}

void cz_xlsx_number(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
		    lxw_format *f)
{
	if (!ws || !isfinite(v))
		return;
	cz_xlsx_reach(x, ws, row);
	/* -0 is 0 */
	cz_xlsx_check_at(x, worksheet_write_number(ws, row, col, v == 0 ? 0.0 : v, indexed(f)), ws, row, col);
}

void cz_xlsx_datetime(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const lxw_datetime *dt,
		      lxw_format *f)
{
	if (!ws || !dt)
		return;
	cz_xlsx_reach(x, ws, row);
	lxw_datetime d = *dt; /* libxlsxwriter takes it non-const */
	cz_xlsx_check_at(x, worksheet_write_datetime(ws, row, col, &d, indexed(f)), ws, row, col);
}

void cz_xlsx_blank(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f)
{
	if (!ws)
		return;
	cz_xlsx_reach(x, ws, row);
	cz_xlsx_check_at(x, worksheet_write_blank(ws, row, col, indexed(f)), ws, row, col);
}

void cz_xlsx_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, double height_pt)
{
	if (!ws)
		return;
	if (!isfinite(height_pt))
		height_pt = CZ_XLSX_LINE_PT;
	if (height_pt < 0)
		height_pt = 0;
	if (height_pt > CZ_XLSX_MAX_ROW_PT)
		height_pt = CZ_XLSX_MAX_ROW_PT;
	cz_xlsx_reach(x, ws, row);
	cz_xlsx_check_at(x, worksheet_set_row(ws, row, height_pt, NULL), ws, row, LXW_COL_MAX);
	cz_xlsx_note_height(x, ws, row, height_pt);
}

void cz_xlsx_formula(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		     const char *formula, lxw_format *f, double cached)
{
	if (!ws)
		return;
	if (!formula || strlen(formula) > CZ_XLSX_FORMULA_MAX) {
		cz_xlsx_check_at(x, LXW_ERROR_PARAMETER_VALIDATION, ws, row, col);
		return;
	}
	cz_xlsx_reach(x, ws, row);
	cz_xlsx_check_at(x, worksheet_write_formula_num(ws, row, col, formula, indexed(f),
							isfinite(cached) && cached != 0 ? cached : 0.0),
			 ws, row, col);
}

void cz_xlsx_formula_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			  const char *formula, lxw_format *f, const char *cached)
{
	if (!ws)
		return;
	if (!formula || strlen(formula) > CZ_XLSX_FORMULA_MAX || !cached || strlen(cached) > 255) {
		cz_xlsx_check_at(x, LXW_ERROR_PARAMETER_VALIDATION, ws, row, col);
		return;
	}
	cz_xlsx_reach(x, ws, row);
	cz_xlsx_check_at(x, worksheet_write_formula_str(ws, row, col, formula, indexed(f), cached), ws, row, col);
	cz_xlsx_note_text(x, ws, row, col, row, col, cached, f);
}
