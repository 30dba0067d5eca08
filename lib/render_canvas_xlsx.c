/*
 * The canvas as a workbook: "Canevas" lays the nine blocks out with merged
 * cells, printable on one landscape page for a workshop; "Canevas blocs"
 * lists the items as a table; "Canevas contrôles" holds the checks and the
 * pillars.
 *
 * Spreadsheets do not grow a row to fit a merged cell's text, so row
 * heights are estimated from the text length (generously: fit-to-page
 * scales the whole canvas down rather than cutting it). The two tables get
 * estimated heights too, as LibreOffice keeps the heights a file gives.
 *
 * Every sheet prints in landscape, one page wide. A PDF export of the
 * workbook prints every sheet: the canvas is always exactly its first page,
 * and each table takes one more page while it fits (see xlsx_util.h).
 */
#include <string.h>

#include "canvas.h"
#include "render.h"
#include "enums.h"
#include "format_fr.h"
#include "text.h"
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET_CANVAS "Canevas"
#define SHEET_ITEMS "Canevas blocs"
#define SHEET_CHECKS "Canevas contrôles"

/* Ten columns, two per top block, five per bottom block (as in the Markdown table). */
#define N_COLS 10
#define COL_WIDTH 17.0
#define LINE_PT 13.0       /* a line of 10 pt text */
#define HEAD_LINE_PT 12.5  /* header lines mix 11 pt and 9 pt */
#define MIN_BODY_LINES 5   /* room to write by hand on a printed canvas */

/* Rows (0-based) of the canvas sheet. */
enum {
	R_TITLE, R_PILLARS, R_HEAD1, R_BODY1, R_HEAD2, R_BODY2, R_HEAD3, R_BODY3, R_ATTRIBUTION,
	R_COUNT
};

/* Where each block sits: header row, first and last body rows, columns. */
typedef struct {
	int head, body_first, body_last, col_first, col_last, colour;
} place;

enum { C_LEFT, C_VALUE, C_RIGHT, C_COSTS, C_REVENUE, C_COUNT };

static const place places[CZ_BLOC_COUNT] = {
	[CZ_BLOC_PARTENAIRES] = { R_HEAD1, R_BODY1, R_BODY2, 0, 1, C_LEFT },
	[CZ_BLOC_ACTIVITES] = { R_HEAD1, R_BODY1, R_BODY1, 2, 3, C_LEFT },
	[CZ_BLOC_RESSOURCES] = { R_HEAD2, R_BODY2, R_BODY2, 2, 3, C_LEFT },
	[CZ_BLOC_PROPOSITION_VALEUR] = { R_HEAD1, R_BODY1, R_BODY2, 4, 5, C_VALUE },
	[CZ_BLOC_DISTRIBUTION] = { R_HEAD1, R_BODY1, R_BODY2, 6, 7, C_RIGHT },
	[CZ_BLOC_CLIENTS] = { R_HEAD1, R_BODY1, R_BODY1, 8, 9, C_RIGHT },
	[CZ_BLOC_BENEFICIAIRES] = { R_HEAD2, R_BODY2, R_BODY2, 8, 9, C_RIGHT },
	[CZ_BLOC_COUTS] = { R_HEAD3, R_BODY3, R_BODY3, 0, 4, C_COSTS },
	[CZ_BLOC_REVENUS] = { R_HEAD3, R_BODY3, R_BODY3, 5, 9, C_REVENUE },
};

/* Header and body fills per colour group (value creation, proposition,
 * customer side, costs, revenue). */
static const lxw_color_t head_fill[C_COUNT] = { 0xBDD7EE, 0xFFD966, 0xA9D08E, 0xF4B183, 0xC5B0D5 };
static const lxw_color_t body_fill[C_COUNT] = { 0xDDEBF7, 0xFFF2CC, 0xE2EFDA, 0xFBE5D6, 0xE8E0F0 };

typedef struct {
	cz_xlsx *x;
	lxw_format *title, *subtitle, *attribution, *name, *question, *table_head, *cell, *wrap;
	lxw_format *group, *item; /* fragments of the costs cell */
	lxw_format *head[C_COUNT], *body[C_COUNT];
} ctx;


static lxw_format *new_format(ctx *cx)
{
	return cz_xlsx_format(cx->x);
}

static bool make_formats(ctx *cx)
{
	if (!(cx->title = new_format(cx)) || !(cx->subtitle = new_format(cx)) ||
	    !(cx->attribution = new_format(cx)) || !(cx->name = new_format(cx)) ||
	    !(cx->question = new_format(cx)) || !(cx->table_head = new_format(cx)) ||
	    !(cx->cell = new_format(cx)) || !(cx->wrap = new_format(cx)) ||
	    !(cx->group = new_format(cx)) || !(cx->item = new_format(cx)))
		return false;
	format_set_bold(cx->group);
	format_set_font_size(cx->group, 10);
	format_set_font_size(cx->item, 10);
	format_set_bold(cx->title);
	format_set_font_size(cx->title, 14);
	format_set_align(cx->title, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_size(cx->subtitle, 10);
	format_set_align(cx->subtitle, LXW_ALIGN_VERTICAL_CENTER);
	format_set_italic(cx->attribution);
	format_set_font_size(cx->attribution, 8);
	format_set_font_color(cx->attribution, 0x595959);
	format_set_text_wrap(cx->attribution);
	format_set_align(cx->attribution, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(cx->name);
	format_set_font_size(cx->name, 11);
	format_set_italic(cx->question);
	format_set_font_size(cx->question, 9);
	format_set_font_color(cx->question, 0x404040);
	format_set_bold(cx->table_head);
	format_set_bg_color(cx->table_head, CZ_XLSX_HEAD_FILL);
	format_set_border(cx->table_head, LXW_BORDER_THIN);
	format_set_text_wrap(cx->table_head);
	format_set_align(cx->table_head, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cx->cell, LXW_BORDER_THIN);
	format_set_align(cx->cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cx->wrap, LXW_BORDER_THIN);
	format_set_align(cx->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(cx->wrap);
	for (int k = 0; k < C_COUNT; k++) {
		if (!(cx->head[k] = new_format(cx)) || !(cx->body[k] = new_format(cx)))
			return false;
		lxw_format *f[2] = { cx->head[k], cx->body[k] };
		for (int i = 0; i < 2; i++) {
			format_set_bg_color(f[i], i ? body_fill[k] : head_fill[k]);
			format_set_border(f[i], LXW_BORDER_THIN);
			format_set_border_color(f[i], 0x7F7F7F);
			format_set_text_wrap(f[i]);
			format_set_align(f[i], LXW_ALIGN_VERTICAL_TOP);
			format_set_font_size(f[i], 10);
		}
		format_set_bold(cx->head[k]);
	}
	return true;
}

/* A block's items, one per line, costs under their type. */
static void body_text(cz_buf *b, const cz_canvas_block *bl)
{
	if (!bl->n) {
		cz_buf_puts(b, "—");
		return;
	}
	int group = -2;
	for (size_t i = 0; i < bl->n; i++) {
		const cz_bmc_item *it = bl->items[i];
		if (i)
			cz_buf_putc(b, '\n');
		if (bl->typed && it->cout_type != group) {
			group = it->cout_type;
			if (group >= 0)
				cz_canvas_capitalized(b, cz_enum_label(&cz_enum_cout_type, group), cz_buf_puts);
			else
				cz_buf_puts(b, "Type non précisé");
			cz_buf_puts(b, "\u00A0:\n");
		}
		cz_buf_puts(b, "• ");
		cz_buf_puts(b, it->texte);
		if (it->pilier >= 0)
			cz_buf_printf(b, " [%s]", cz_enum_label(&cz_enum_pilier, it->pilier));
	}
	/* over Excel's cell limit, the cell writer cuts it, visibly */
}

/* The costs cell again, with each type's heading in bold (a rich string
 * over the plain text body_text wrote). */
static void write_cost_groups(ctx *cx, lxw_worksheet *ws, const cz_canvas_block *bl)
{
	enum { MAX_FRAGS = 2 * (CZ_COUT_COUNT + 1) };
	cz_buf text[MAX_FRAGS];
	cz_xlsx_run runs[MAX_FRAGS];
	size_t n = 0;
	int group = -2;
	for (size_t i = 0; i < MAX_FRAGS; i++)
		cz_buf_init(&text[i]);
	for (size_t i = 0; i < bl->n; i++) {
		const cz_bmc_item *it = bl->items[i];
		if (it->cout_type != group) {
			if (n + 2 > MAX_FRAGS)
				break; /* cannot happen: one heading and one list per type */
			group = it->cout_type;
			cz_buf *hb = &text[n];
			if (n)
				cz_buf_putc(hb, '\n');
			if (group >= 0)
				cz_canvas_capitalized(hb, cz_enum_label(&cz_enum_cout_type, group), cz_buf_puts);
			else
				cz_buf_puts(hb, "Type non précisé");
			cz_buf_puts(hb, "\u00A0:");
			runs[n] = (cz_xlsx_run){ cx->group, NULL };
			runs[n + 1] = (cz_xlsx_run){ cx->item, NULL };
			n += 2;
		}
		cz_buf *ib = &text[n - 1];
		cz_buf_puts(ib, "\n• ");
		cz_buf_puts(ib, it->texte);
	}
	bool ok = n >= 2;
	size_t units = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cz_buf_ok(&text[i])) {
			cx->x->nomem = true;
			ok = false;
		}
		runs[i].text = text[i].data;
		units += text[i].data ? cz_utf16_units(text[i].data, text[i].len) : 0;
	}
	/* Too long for one cell: the plain text body_text wrote stays, cut. */
	if (units > CZ_XLSX_CELL_MAX)
		ok = false;
	if (ok) {
		const place *pl = &places[CZ_BLOC_COUTS];
		cz_xlsx_rich(cx->x, ws, pl->body_first, pl->col_first, runs, n, cx->body[pl->colour]);
	}
	for (size_t i = 0; i < MAX_FRAGS; i++)
		cz_buf_free(&text[i]);
}

static double span_width(const place *pl)
{
	return COL_WIDTH * (pl->col_last - pl->col_first + 1);
}

/* Header: the block's name in bold, its guiding question in small italics. */
static void write_header(ctx *cx, lxw_worksheet *ws, const cz_referential *ref, int b)
{
	const place *pl = &places[b];
	lxw_format *f = cx->head[pl->colour];
	cz_xlsx_merge(cx->x, ws, pl->head, pl->col_first, pl->head, pl->col_last, "", f);
	const char *q = ref->blocks[b].question;
	if (!q || !*q) {
		cz_xlsx_text(cx->x, ws, pl->head, pl->col_first, cz_canvas_block_name(ref, b), f);
		return;
	}
	cz_buf qb;
	cz_buf_init(&qb);
	cz_buf_putc(&qb, '\n');
	cz_buf_puts(&qb, q);
	if (!cz_buf_ok(&qb)) {
		cx->x->nomem = true;
		cz_buf_free(&qb);
		return;
	}
	const cz_xlsx_run runs[] = { { cx->name, cz_canvas_block_name(ref, b) }, { cx->question, qb.data } };
	cz_xlsx_rich(cx->x, ws, pl->head, pl->col_first, runs, 2, f);
	cz_buf_free(&qb);
}

static double header_lines(const cz_referential *ref, int b)
{
	double w = span_width(&places[b]);
	double n = cz_xlsx_text_lines(cz_canvas_block_name(ref, b), w);
	/* The question is in 9 pt: more characters fit on a line. */
	if (ref->blocks[b].question)
		n += cz_xlsx_text_lines(ref->blocks[b].question, w * 1.2);
	return n;
}

/* Row r of the canvas as tall as h[r] says: set as the row is reached. */
static void row_height(ctx *cx, lxw_worksheet *ws, int r, const double *h)
{
	cz_xlsx_check_at(cx->x, worksheet_set_row(ws, (lxw_row_t)r, h[r], NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

static cz_status canvas_sheet(ctx *cx, const cz_canvas *c, const cz_referential *ref)
{
	lxw_worksheet *ws = cz_xlsx_sheet(cx->x, SHEET_CANVAS);
	if (!ws)
		return CZ_ERR_NOMEM;
	cz_buf texts[CZ_BLOC_COUNT];
	double body_lines[CZ_BLOC_COUNT];
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		cz_buf_init(&texts[b]);
		body_text(&texts[b], &c->blocks[b]);
		if (!cz_buf_ok(&texts[b]))
			cx->x->nomem = true;
		body_lines[b] = cx->x->nomem ? 1 : cz_xlsx_text_lines(texts[b].data, span_width(&places[b]));
		if (body_lines[b] < MIN_BODY_LINES)
			body_lines[b] = MIN_BODY_LINES;
	}

	/* Row heights, in points. */
	double h[R_COUNT] = { 0 };
	h[R_TITLE] = 24;
	h[R_PILLARS] = 18;
	h[R_ATTRIBUTION] = 24;
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		double hl = header_lines(ref, b) * HEAD_LINE_PT + 4;
		if (hl > h[places[b].head])
			h[places[b].head] = hl;
		if (places[b].body_first == places[b].body_last && body_lines[b] * LINE_PT + 4 > h[places[b].body_first])
			h[places[b].body_first] = body_lines[b] * LINE_PT + 4;
	}
	/* Blocks spanning both top bands get what they lack shared between the two body rows. */
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		if (places[b].body_first == places[b].body_last)
			continue;
		double need = body_lines[b] * LINE_PT + 4, have = h[R_BODY1] + h[R_HEAD2] + h[R_BODY2];
		if (need > have) {
			h[R_BODY1] += (need - have) / 2;
			h[R_BODY2] += (need - have) / 2;
		}
	}
	for (int r = 0; r < R_COUNT; r++)
		if (h[r] > CZ_XLSX_MAX_ROW_PT)
			h[r] = CZ_XLSX_MAX_ROW_PT;
	cz_xlsx_check_at(cx->x, worksheet_set_column(ws, 0, N_COLS - 1, COL_WIDTH, NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);

	/* Title and pillar summary. */
	cz_buf t;
	cz_buf_init(&t);
	cz_buf_printf(&t, "Canevas du modèle économique\u00A0: %s", c->nom ? c->nom : "");
	if (c->template_id)
		cz_buf_printf(&t, " (exemple «\u00A0%s\u00A0» du référentiel)", c->template_id);
	cz_buf s;
	cz_buf_init(&s);
	cz_buf_printf(&s, "Piliers de viabilité présents\u00A0: %zu sur %d", c->n_pillars, CZ_PILIER_COUNT);
	size_t k = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		if (cz_canvas_has_pillar(c, v))
			cz_buf_printf(&s, "%s%s", k++ ? ", " : " (", cz_enum_label(&cz_enum_pilier, v));
	if (k)
		cz_buf_putc(&s, ')');
	size_t nc = c->n_by_severity[CZ_SEV_CRITIQUE], na = c->n_by_severity[CZ_SEV_ATTENTION],
	       ni = c->n_by_severity[CZ_SEV_INFO];
	cz_buf_printf(&s, "\u202F; contrôles\u00A0: %zu point%s critique%s, %zu point%s d'attention, %zu information%s "
			  "(feuille «\u00A0%s\u00A0»).",
		      nc, cz_fr_s((double)nc), cz_fr_s((double)nc), na, cz_fr_s((double)na), ni,
		      cz_fr_s((double)ni), SHEET_CHECKS);
	/* Row after row (a workbook written in row order): each row's height
	 * before its cells. */
	row_height(cx, ws, R_TITLE, h);
	if (cz_buf_ok(&t) && cz_buf_ok(&s)) {
		cz_xlsx_merge(cx->x, ws, R_TITLE, 0, R_TITLE, N_COLS - 1, t.data, cx->title);
		row_height(cx, ws, R_PILLARS, h);
		cz_xlsx_merge(cx->x, ws, R_PILLARS, 0, R_PILLARS, N_COLS - 1, s.data, cx->subtitle);
	} else {
		cx->x->nomem = true;
	}
	cz_buf_free(&t);
	cz_buf_free(&s);

	for (int r = R_HEAD1; r <= R_BODY3 && !cx->x->nomem; r++) {
		row_height(cx, ws, r, h);
		for (int b = 0; b < CZ_BLOC_COUNT; b++) {
			const place *pl = &places[b];
			lxw_format *f = cx->body[pl->colour];
			if (pl->head == r)
				write_header(cx, ws, ref, b);
			if (r < pl->body_first || r > pl->body_last)
				continue;
			/* A block in one merge when the sheet is kept in memory
			 * (its text prepared, counted and written once)... */
			if (pl->body_first == pl->body_last || !cx->x->in_order) {
				if (r == pl->body_first)
					cz_xlsx_merge(cx->x, ws, r, pl->col_first, pl->body_last, pl->col_last,
						      texts[b].data, f);
				continue;
			}
			/* ...written row after row, a block over several rows has its
			 * text and blank cells row after row, the merge once its last
			 * row is reached. */
			if (r == pl->body_first)
				cz_xlsx_text(cx->x, ws, r, pl->col_first, texts[b].data, f);
			else
				cz_xlsx_blank(cx->x, ws, r, pl->col_first, f);
			for (int col = pl->col_first + 1; col <= pl->col_last; col++)
				cz_xlsx_blank(cx->x, ws, r, col, f);
			if (r == pl->body_last)
				cz_xlsx_merge_down(cx->x, ws, pl->body_first, pl->col_first, pl->body_last, pl->col_last,
						   texts[b].data, f);
		}
		if (r == places[CZ_BLOC_COUTS].body_first && !cx->x->nomem && c->blocks[CZ_BLOC_COUTS].typed)
			write_cost_groups(cx, ws, &c->blocks[CZ_BLOC_COUTS]);
	}
	for (int b = 0; b < CZ_BLOC_COUNT; b++)
		cz_buf_free(&texts[b]);

	row_height(cx, ws, R_ATTRIBUTION, h);
	if (ref->bmc_attribution)
		cz_xlsx_merge(cx->x, ws, R_ATTRIBUTION, 0, R_ATTRIBUTION, N_COLS - 1,
					       ref->bmc_attribution, cx->attribution);

	/* One landscape A4 page; a canvas too tall to be read on one page at
	 * CZ_XLSX_MIN_SCALE or more prints one page wide on as many pages as it
	 * needs rather than smaller. */
	double total = 0;
	for (int r = 0; r < R_COUNT; r++)
		total += h[r];
	const double col = COL_WIDTH;
	double scale = cz_xlsx_a4_scale(N_COLS * cz_xlsx_columns_pt(&col, 1), total);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, CZ_XLSX_PAPER_A4);
	worksheet_set_margins(ws, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN + 0.3,
			      CZ_XLSX_MARGIN_IN + 0.3);
	worksheet_center_horizontally(ws);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	cz_xlsx_check_at(cx->x, worksheet_print_area(ws, 0, 0, R_COUNT - 1, N_COLS - 1), ws, LXW_ROW_MAX, LXW_COL_MAX);
	worksheet_fit_to_pages(ws, 1, scale < CZ_XLSX_MIN_SCALE ? 0 : 1);
	cz_xlsx_header_footer(cx->x, ws);
	return CZ_OK;
}

static cz_status items_sheet(ctx *cx, const cz_canvas *c, const cz_referential *ref)
{
	lxw_worksheet *ws = cz_xlsx_sheet(cx->x, SHEET_ITEMS);
	if (!ws)
		return CZ_ERR_NOMEM;
	static const char *const heads[] = { "Bloc", "Élément", "Pilier", "Type de coût" };
	static const double widths[] = { 26, 70, 24, 18 };
	cz_xlsx_columns(cx->x, ws, widths, 4);
	cz_xlsx_repeat(cx->x, ws, 0, 0);
	for (int i = 0; i < 4; i++) {
		cz_xlsx_text(cx->x, ws, 0, i, heads[i], cx->table_head);
	}
	double height = CZ_XLSX_LINE_PT;
	lxw_row_t row = 1;
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		int b = cz_canvas_reading_order[k];
		for (size_t i = 0; i < c->blocks[b].n; i++, row++) {
			const cz_bmc_item *it = c->blocks[b].items[i];
			unsigned lines = cz_xlsx_text_lines(it->texte, widths[1]);
			height += cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT);
			cz_xlsx_text(cx->x, ws, row, 0, cz_canvas_block_name(ref, b), cx->cell);
			cz_xlsx_text(cx->x, ws, row, 1, it->texte, cx->wrap);
			if (it->pilier >= 0)
				cz_xlsx_text(cx->x, ws, row, 2, cz_enum_label(&cz_enum_pilier, it->pilier), cx->cell);
			else
				cz_xlsx_blank(cx->x, ws, row, 2, cx->cell);
			if (it->cout_type >= 0)
				cz_xlsx_text(cx->x, ws, row, 3, cz_enum_label(&cz_enum_cout_type, it->cout_type), cx->cell);
			else
				cz_xlsx_blank(cx->x, ws, row, 3, cx->cell);
			/* once the row has begun (a workbook written in row order) */
			cz_xlsx_check_at(cx->x, cz_xlsx_fit_row(ws, row, lines), ws, LXW_ROW_MAX, LXW_COL_MAX);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	cz_xlsx_check_at(cx->x, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, 3), ws, LXW_ROW_MAX, LXW_COL_MAX);
	(void)height; /* the shared layout prints it (lib/xlsx_style.h) */
	return CZ_OK;
}

static cz_status checks_sheet(ctx *cx, const cz_canvas *c, const cz_referential *ref)
{
	lxw_worksheet *ws = cz_xlsx_sheet(cx->x, SHEET_CHECKS);
	if (!ws)
		return CZ_ERR_NOMEM;
	static const char *const heads[] = { "Gravité", "Contrôle", "Bloc", "Constat", "Raison" };
	static const double widths[] = { 11, 26, 22, 50, 50 };
	cz_xlsx_columns(cx->x, ws, widths, 5);
	cz_xlsx_repeat(cx->x, ws, 0, 0);
	for (int i = 0; i < 5; i++) {
		cz_xlsx_text(cx->x, ws, 0, i, heads[i], cx->table_head);
	}
	double height = CZ_XLSX_LINE_PT;
	lxw_row_t row = 1;
	if (!c->n_checks) {
		cz_xlsx_text(cx->x, ws, row++, 0, "Aucun point à signaler.", NULL);
		height += CZ_XLSX_LINE_PT;
	}
	for (size_t i = 0; i < c->n_checks; i++, row++) {
		const cz_canvas_check *k = &c->checks[i];
		unsigned lines = cz_xlsx_text_lines(k->message, widths[3]);
		unsigned why = cz_xlsx_text_lines(k->reason, widths[4]);
		if (why > lines)
			lines = why;
		height += cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT);
		cz_xlsx_text(cx->x, ws, row, 0, cz_enum_label(&cz_enum_severity, (int)k->severity), cx->cell);
		cz_xlsx_text(cx->x, ws, row, 1, cz_canvas_check_keys[k->kind], cx->cell);
		if (k->bloc >= 0)
			cz_xlsx_text(cx->x, ws, row, 2, cz_canvas_block_name(ref, k->bloc), cx->cell);
		else
			cz_xlsx_blank(cx->x, ws, row, 2, cx->cell);
		cz_xlsx_text(cx->x, ws, row, 3, k->message, cx->wrap);
		cz_xlsx_text(cx->x, ws, row, 4, k->reason, cx->wrap);
		/* once the row has begun (a workbook written in row order) */
		cz_xlsx_check_at(cx->x, cz_xlsx_fit_row(ws, row, lines), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}

	/* The pillars, under the checks after a blank row. */
	row++;
	height += 2 * CZ_XLSX_LINE_PT;
	bool project = c->template_id == NULL;
	static const char *const pheads[] = { "Pilier", "Présent", "Dans les revenus", "Dans les financements" };
	int ncols = project ? 4 : 3;
	cz_xlsx_merge(cx->x, ws, row, 0, row, 1, "Pilier de viabilité", cx->table_head);
	for (int i = 1; i < ncols; i++)
		cz_xlsx_text(cx->x, ws, row, i + 1, pheads[i], cx->table_head);
	row++;
	for (int v = 0; v < CZ_PILIER_COUNT; v++, row++) {
		const char *nom = ref->pillars[v].nom ? ref->pillars[v].nom : cz_enum_label(&cz_enum_pilier, v);
		unsigned lines = cz_xlsx_text_lines(nom, widths[0] + widths[1]);
		height += cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT);
		cz_xlsx_merge(cx->x, ws, row, 0, row, 1, nom, cx->wrap);
		bool held_back = v == CZ_PILIER_ACTIVITE && !c->multi.met &&
				 (c->pillar_revenue[v] || c->pillar_funding[v]);
		cz_xlsx_text(cx->x, ws, row, 2,
			     cz_canvas_has_pillar(c, v) ? "oui" : held_back ? "non (un seul service)" : "non", cx->cell);
		cz_xlsx_text(cx->x, ws, row, 3, c->pillar_revenue[v] ? "oui" : "non", cx->cell);
		if (project)
			cz_xlsx_text(cx->x, ws, row, 4, c->pillar_funding[v] ? "oui" : "non", cx->cell);
		/* once the row has begun (a workbook written in row order) */
		cz_xlsx_check_at(cx->x, cz_xlsx_fit_row(ws, row, lines), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	worksheet_freeze_panes(ws, 1, 0);
	(void)height; /* the shared layout prints it (lib/xlsx_style.h) */
	return CZ_OK;
}

cz_status cz_canvas_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_canvas *c = result;
	const cz_referential *ref = rc->ref;
	ctx cx = { .x = rc->x };
	cz_xlsx_document(rc->x, c->nom, NULL);
	if (!make_formats(&cx))
		return CZ_OK; /* the error is in rc->x */
	cz_status st = canvas_sheet(&cx, c, ref);
	if (st == CZ_OK)
		st = items_sheet(&cx, c, ref);
	if (st == CZ_OK)
		st = checks_sheet(&cx, c, ref);
	return st;
}
