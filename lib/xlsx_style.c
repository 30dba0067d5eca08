#include "xlsx_style.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xlsx_util.h"

/* Excel's own "good / neutral / bad" cell styles, familiar to readers. */
const lxw_color_t cz_tone_fill[CZ_TONE_COUNT] = { 0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xEDEDED, 0xDDEBF7, 0xC00000 };
const lxw_color_t cz_tone_font[CZ_TONE_COUNT] = { 0x006100, 0x9C5700, 0x9C0006, 0x595959, 0x1F4E79, 0xFFFFFF };

cz_tone cz_xlsx_tone_verdict(cz_verdict v)
{
	switch (v) {
	case CZ_VERDICT_GO:
		return CZ_TONE_GOOD;
	case CZ_VERDICT_REAJUSTER:
		return CZ_TONE_MIXED;
	case CZ_VERDICT_NO_GO:
		return CZ_TONE_BAD;
	default:
		return CZ_TONE_NEUTRAL;
	}
}

cz_tone cz_xlsx_tone_tp_status(cz_tp_status s)
{
	static const cz_tone t[CZ_TP_STATUS_COUNT] = { CZ_TONE_GOOD, CZ_TONE_MIXED, CZ_TONE_BAD, CZ_TONE_NEUTRAL };
	return (unsigned)s < CZ_TP_STATUS_COUNT ? t[s] : CZ_TONE_NEUTRAL;
}

cz_tone cz_xlsx_tone_severity(cz_severity s)
{
	return s == CZ_SEV_CRITIQUE ? CZ_TONE_ALARM : s == CZ_SEV_ATTENTION ? CZ_TONE_MIXED : CZ_TONE_INFO;
}

cz_tone cz_xlsx_tone_step(cz_step_status s, bool due)
{
	switch (s) {
	case CZ_STEP_FAIT:
		return CZ_TONE_GOOD;
	case CZ_STEP_EN_COURS:
		return CZ_TONE_MIXED;
	case CZ_STEP_A_FAIRE:
		return due ? CZ_TONE_BAD : CZ_TONE_NEUTRAL;
	default:
		return CZ_TONE_NEUTRAL;
	}
}

/* --- the workbook's shared state ------------------------------------------ */

/* Printed page geometry, in points. */
#define A4_LONG_PT 842.0
#define A4_SHORT_PT 595.0
#define MARGIN_PT (CZ_XLSX_MARGIN_IN * 72.0)
#define PORTRAIT_WIDTH_PT (A4_SHORT_PT - 2 * MARGIN_PT)
#define LANDSCAPE_WIDTH_PT (A4_LONG_PT - 2 * MARGIN_PT)

typedef struct {
	lxw_worksheet *ws;
	double *widths;
	size_t n_cols;
	unsigned short *lines; /* per row: lines of its tallest wrapped text, 0 when none */
	double *line_pt;       /* per row: height of one line of that text */
	double *fixed;         /* per row: height the renderer set, 0 when none */
	size_t n_rows;
	/* Written row after row (x->in_order): the row being written, whose
	 * height is set once the next begins (libxlsxwriter writes a row out
	 * then). */
	lxw_row_t at;
	bool reached;
	bool repeat;
	lxw_row_t repeat_first, repeat_last;
	char header[LXW_HEADER_FOOTER_MAX + 1];
} layout;

struct cz_xlsx_book {
	cz_xlsx_styles styles;
	bool styles_made, styles_failed;
	layout *sheets;
	size_t n_sheets, cap_sheets;
	char name[208];  /* header text: the document's name, '&' doubled */
	char date[16];   /* "30/09/2026" or empty */
};

static struct cz_xlsx_book *book(cz_xlsx *x)
{
	if (!x->book) {
		x->book = calloc(1, sizeof(*x->book));
		if (!x->book)
			x->nomem = true;
	}
	return x->book;
}

void cz_xlsx_release(cz_xlsx *x)
{
	struct cz_xlsx_book *b = x->book;
	if (!b)
		return;
	for (size_t i = 0; i < b->n_sheets; i++) {
		free(b->sheets[i].widths);
		free(b->sheets[i].lines);
		free(b->sheets[i].line_pt);
		free(b->sheets[i].fixed);
	}
	free(b->sheets);
	free(b);
	x->book = NULL;
}

static lxw_format *base(cz_xlsx *x, bool bold, bool wrap, const char *num)
{
	lxw_format *f = cz_xlsx_format(x);
	if (!f)
		return NULL;
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static lxw_format *toned(cz_xlsx *x, cz_tone t, bool bold, bool border)
{
	/* wrapped: a status longer than its column takes a second line, never cut */
	lxw_format *f = base(x, bold, true, NULL);
	if (!f)
		return NULL;
	format_set_bg_color(f, cz_tone_fill[t]);
	format_set_font_color(f, cz_tone_font[t]);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	return f;
}

const cz_xlsx_styles *cz_xlsx_styles_get(cz_xlsx *x)
{
	struct cz_xlsx_book *b = book(x);
	if (!b || b->styles_failed)
		return NULL;
	if (b->styles_made)
		return &b->styles;
	cz_xlsx_styles *S = &b->styles;
	S->title = base(x, true, true, NULL);
	S->note = base(x, false, true, NULL);
	S->header = base(x, true, true, NULL);
	S->bold = base(x, true, false, NULL);
	S->text = base(x, false, false, NULL);
	S->wrap = base(x, false, true, NULL);
	S->wrap_bold = base(x, true, true, NULL);
	S->wrap_indent = base(x, false, true, NULL);
	S->money = base(x, false, false, CZ_XLSX_NUM_MONEY);
	S->money_bold = base(x, true, false, CZ_XLSX_NUM_MONEY);
	S->ratio = base(x, false, false, CZ_XLSX_NUM_RATIO);
	S->ratio_bold = base(x, true, false, CZ_XLSX_NUM_RATIO);
	S->percent = base(x, false, false, CZ_XLSX_NUM_PERCENT);
	S->percent_bold = base(x, true, false, CZ_XLSX_NUM_PERCENT);
	S->percent_1 = base(x, false, false, CZ_XLSX_NUM_PERCENT_1);
	S->integer = base(x, false, false, CZ_XLSX_NUM_INTEGER);
	S->integer_bold = base(x, true, false, CZ_XLSX_NUM_INTEGER);
	S->decimal = base(x, false, false, CZ_XLSX_NUM_DECIMAL);
	S->date = base(x, false, false, CZ_XLSX_NUM_DATE);
	S->month = base(x, false, false, CZ_XLSX_NUM_MONTH);
	S->yes_no = base(x, false, false, CZ_XLSX_NUM_YES_NO);
	S->gap = base(x, false, false, NULL);
	for (int t = 0; t < CZ_TONE_COUNT; t++) {
		S->tone[t] = toned(x, (cz_tone)t, t == CZ_TONE_ALARM, true);
		S->tone_bold[t] = toned(x, (cz_tone)t, true, true);
		S->verdict[t] = toned(x, (cz_tone)t, true, true);
		S->tone_cf[t] = cz_xlsx_format(x);
		if (S->tone_cf[t]) {
			format_set_bg_color(S->tone_cf[t], cz_tone_fill[t]);
			format_set_font_color(S->tone_cf[t], cz_tone_font[t]);
		}
	}
	if (!cz_xlsx_ok(x)) {
		b->styles_failed = true;
		return NULL;
	}
	format_set_font_size(S->title, 14);
	format_set_italic(S->note);
	format_set_bg_color(S->header, CZ_XLSX_HEAD_FILL);
	format_set_border(S->header, LXW_BORDER_THIN);
	format_set_indent(S->wrap_indent, 2);
	format_set_italic(S->gap);
	format_set_font_color(S->gap, 0x808080);
	for (int t = 0; t < CZ_TONE_COUNT; t++) {
		format_set_font_size(S->verdict[t], 16);
		format_set_align(S->verdict[t], LXW_ALIGN_VERTICAL_CENTER);
	}
	b->styles_made = true;
	return S;
}

/* --- document and sheets -------------------------------------------------- */

void cz_xlsx_document(cz_xlsx *x, const char *name, const cz_date *snapshot)
{
	struct cz_xlsx_book *b = book(x);
	if (!b)
		return;
	b->name[0] = b->date[0] = '\0';
	if (name) {
		/* 50 characters at most, '&' doubled (a header code otherwise), no control; at
		 * most 4 bytes a character and 2 for '&': within the header's 255 bytes */
		cz_buf clean;
		cz_buf_init(&clean);
		cz_text_clean(&clean, name, strlen(name));
		if (!cz_buf_ok(&clean)) {
			x->nomem = true;
			cz_buf_free(&clean);
			return;
		}
		size_t chars = 0, o = 0;
		const unsigned char *p = (const unsigned char *)(clean.data ? clean.data : "");
		for (; *p; p++) {
			if ((*p & 0xC0) != 0x80 && chars++ == 48)
				break;
			if (*p == '&')
				b->name[o++] = '&';
			if (*p < 0x20)
				b->name[o++] = ' ';
			else
				b->name[o++] = (char)*p;
		}
		b->name[o] = '\0';
		if (*p)
			strcat(b->name, "…");
		cz_buf_free(&clean);
	}
	if (snapshot && snapshot->set && snapshot->year > 0) {
		if (snapshot->day)
			snprintf(b->date, sizeof(b->date), "%02d/%02d/%04d", snapshot->day % 100, snapshot->month % 100,
				 snapshot->year % 10000);
		else
			snprintf(b->date, sizeof(b->date), "%02d/%04d", snapshot->month % 100, snapshot->year % 10000);
	}
}

static void header_text(const struct cz_xlsx_book *b, char *out, size_t n)
{
	out[0] = '\0';
	if (b && b->name[0] && b->date[0])
		snprintf(out, n, "&L%s&Rsituation au %s", b->name, b->date);
	else if (b && b->name[0])
		snprintf(out, n, "&L%s", b->name);
}

static layout *find(const struct cz_xlsx_book *b, const lxw_worksheet *ws)
{
	if (!b || !ws)
		return NULL;
	for (size_t i = b->n_sheets; i-- > 0;)
		if (b->sheets[i].ws == ws)
			return &b->sheets[i];
	return NULL;
}

void cz_xlsx_columns(cz_xlsx *x, lxw_worksheet *ws, const double *widths, size_t n)
{
	struct cz_xlsx_book *b = book(x);
	if (!b || !ws)
		return;
	layout *L = find(b, ws);
	if (!L) {
		if (b->n_sheets == b->cap_sheets) {
			size_t cap = b->cap_sheets ? b->cap_sheets * 2 : 16;
			layout *grown = realloc(b->sheets, cap * sizeof(*grown));
			if (!grown) {
				x->nomem = true;
				return;
			}
			b->sheets = grown;
			b->cap_sheets = cap;
		}
		L = &b->sheets[b->n_sheets++];
		memset(L, 0, sizeof(*L));
		L->ws = ws;
		/* the header as the document is now */
		header_text(b, L->header, sizeof(L->header));
	}
	double *w = realloc(L->widths, (n ? n : 1) * sizeof(*w));
	if (!w) {
		x->nomem = true;
		return;
	}
	L->widths = w;
	L->n_cols = n;
	for (size_t i = 0; i < n; i++) {
		w[i] = widths[i];
		cz_xlsx_check_at(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL), ws,
				 LXW_ROW_MAX, LXW_COL_MAX);
	}
}

void cz_xlsx_repeat(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last)
{
	layout *L = find(x->book, ws);
	if (!L)
		return;
	L->repeat = true;
	L->repeat_first = first;
	L->repeat_last = last;
}

size_t cz_xlsx_sheet_columns(const cz_xlsx *x, const lxw_worksheet *ws)
{
	const layout *L = find(x->book, ws);
	return L ? L->n_cols : 0;
}

double cz_xlsx_sheet_width(const cz_xlsx *x, const lxw_worksheet *ws)
{
	const layout *L = find(x->book, ws);
	double w = 0;
	for (size_t i = 0; L && i < L->n_cols; i++)
		w += L->widths[i];
	return w;
}

void cz_xlsx_title(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *text, lxw_format *f)
{
	const layout *L = find(x->book, ws);
	if (L && L->n_cols > 1)
		cz_xlsx_merge(x, ws, row, 0, row, (lxw_col_t)(L->n_cols - 1), text, f);
	else
		cz_xlsx_text(x, ws, row, 0, text, f);
}

/* Room for `row` in the per-row arrays. */
static bool rows_for(cz_xlsx *x, layout *L, lxw_row_t row)
{
	if (row < L->n_rows)
		return true;
	size_t n = L->n_rows ? L->n_rows : 64;
	while (n <= row)
		n *= 2;
	unsigned short *lines = realloc(L->lines, n * sizeof(*lines));
	if (lines)
		L->lines = lines;
	double *lp = realloc(L->line_pt, n * sizeof(*lp));
	if (lp)
		L->line_pt = lp;
	double *fx = realloc(L->fixed, n * sizeof(*fx));
	if (fx)
		L->fixed = fx;
	if (!lines || !lp || !fx) {
		x->nomem = true;
		return false;
	}
	for (size_t i = L->n_rows; i < n; i++) {
		L->lines[i] = 0;
		L->line_pt[i] = CZ_XLSX_LINE_PT;
		L->fixed[i] = 0;
	}
	L->n_rows = n;
	return true;
}

/* Lines `s` takes in a column `width` units wide: a greedy word wrap of
 * UTF-8 characters, about 1.15 characters of the default font a unit
 * (a digit is one unit; lower-case letters are a little narrower), less
 * one for the cell's padding. */
static unsigned wrapped_lines(const char *s, double width)
{
	return cz_xlsx_wrap_lines(s, width > 4 ? (size_t)(width * 1.15) - 1 : 3);
}

void cz_xlsx_note_text(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
		       lxw_row_t last_row, lxw_col_t last_col, const char *s, const lxw_format *f)
{
	layout *L = find(x->book, ws);
	if (!L || !s || !f || !f->text_wrap || !rows_for(x, L, row))
		return;
	double width = 0;
	for (lxw_col_t c = first_col; c <= last_col; c++)
		width += c < L->n_cols ? L->widths[c] : 8.43;
	double size = f->font_size > 0 ? f->font_size : 11;
	/* a bigger or bolder font fits fewer characters a line */
	double eff = width * 11.0 / size * (f->bold ? 0.93 : 1.0);
	unsigned lines = wrapped_lines(s, eff);
	/* merged over several rows: the text shares their height */
	unsigned spread = last_row > row ? (unsigned)(last_row - row + 1) : 1;
	lines = (lines + spread - 1) / spread;
	double lp = CZ_XLSX_LINE_PT * size / 11.0;
	if ((double)lines * lp > (double)L->lines[row] * L->line_pt[row]) {
		L->lines[row] = (unsigned short)(lines > 60000 ? 60000 : lines);
		L->line_pt[row] = lp;
	}
}

void cz_xlsx_note_height(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, double height_pt)
{
	layout *L = find(x->book, ws);
	if (L && rows_for(x, L, row))
		L->fixed[row] = height_pt > 0 ? height_pt : 0.01;
}

double cz_xlsx_print_scale(double width_units)
{
	double pt = (width_units * 7 + 5) * 0.75;
	if (pt <= PORTRAIT_WIDTH_PT)
		return 1;
	return pt <= LANDSCAPE_WIDTH_PT ? 1 : LANDSCAPE_WIDTH_PT / pt;
}

void cz_xlsx_header_footer(cz_xlsx *x, lxw_worksheet *ws)
{
	char h[LXW_HEADER_FOOTER_MAX + 1];
	header_text(x->book, h, sizeof(h));
	if (h[0])
		cz_xlsx_check_at(x, worksheet_set_header(ws, h), ws, LXW_ROW_MAX, LXW_COL_MAX);
	cz_xlsx_check_at(x, worksheet_set_footer(ws, "&L&A&Rpage &P / &N"), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

/* A sheet little taller than a page prints on one page rather than two,
 * when that keeps it at this scale or more. */
#define ONE_PAGE_SCALE 0.8

/* Row r's printed height; when `set`, the sheet's row is given it if its
 * wrapped texts need more than the renderer set. */
static double row_height(cz_xlsx *x, const layout *L, size_t r, bool set)
{
	double h = L->fixed[r] > 0 ? L->fixed[r] : CZ_XLSX_LINE_PT;
	if (L->lines[r] > 1) {
		/* a little room under the last line */
		double need = cz_xlsx_lines_pt(L->lines[r], L->line_pt[r]) + 2;
		if (need > CZ_XLSX_MAX_ROW_PT)
			need = CZ_XLSX_MAX_ROW_PT;
		if (!(L->fixed[r] > 0 && L->fixed[r] >= need)) {
			if (set)
				cz_xlsx_check_at(x, worksheet_set_row(L->ws, (lxw_row_t)r, need, NULL), L->ws,
						 (lxw_row_t)r, LXW_COL_MAX);
			h = need;
		}
	}
	return h;
}

void cz_xlsx_reach(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row)
{
	if (!x->in_order)
		return;
	layout *L = find(x->book, ws);
	if (!L || (L->reached && row <= L->at))
		return;
	if (L->reached && L->at < L->n_rows)
		row_height(x, L, L->at, true);
	L->at = row;
	L->reached = true;
}

static void lay_out(cz_xlsx *x, const layout *L)
{
	lxw_worksheet *ws = L->ws;
	/* the rows' heights as written, for the printed height; row after
	 * row, only the last is still to set */
	double height = 0;
	lxw_row_t last = ws->dim_rowmax;
	for (size_t r = 0; r <= last && r < L->n_rows; r++)
		height += row_height(x, L, r, !x->in_order || (L->reached && r == L->at));
	if (last >= L->n_rows && last < LXW_ROW_MAX)
		height += (double)(last + 1 - L->n_rows) * CZ_XLSX_LINE_PT;
	double pt = 0;
	for (size_t i = 0; i < L->n_cols; i++)
		pt += (L->widths[i] * 7 + 5) * 0.75;
	bool portrait = pt <= PORTRAIT_WIDTH_PT;
	worksheet_set_paper(ws, CZ_XLSX_PAPER_A4);
	if (portrait)
		worksheet_set_portrait(ws);
	else
		worksheet_set_landscape(ws);
	worksheet_set_margins(ws, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN + 0.3,
			      CZ_XLSX_MARGIN_IN + 0.3);
	/* one page wide; one page tall too when that costs little */
	double page_h = (portrait ? A4_LONG_PT : A4_SHORT_PT) - 2 * 72 * (CZ_XLSX_MARGIN_IN + 0.3);
	double printable = portrait ? PORTRAIT_WIDTH_PT : LANDSCAPE_WIDTH_PT;
	double w_scale = pt > printable ? printable / pt : 1;
	double h_scale = height > 0 ? page_h / height : 1;
	bool one_page = h_scale < 1 && (w_scale < h_scale ? w_scale : h_scale) >= ONE_PAGE_SCALE;
	worksheet_fit_to_pages(ws, 1, one_page ? 1 : 0);
	if (L->repeat)
		cz_xlsx_check_at(x, worksheet_repeat_rows(ws, L->repeat_first, L->repeat_last), ws, LXW_ROW_MAX,
				 LXW_COL_MAX);
	if (L->header[0])
		cz_xlsx_check_at(x, worksheet_set_header(ws, L->header), ws, LXW_ROW_MAX, LXW_COL_MAX);
	cz_xlsx_check_at(x, worksheet_set_footer(ws, "&L&A&Rpage &P / &N"), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

void cz_xlsx_finish(cz_xlsx *x)
{
	struct cz_xlsx_book *b = x->book;
	for (size_t i = 0; b && i < b->n_sheets; i++)
		lay_out(x, &b->sheets[i]);
}
