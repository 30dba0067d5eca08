#include "fiche_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "enums.h"
#include "fiche.h"
#include "fiche_values.h"
#include "format_fr.h"
#include "loader.h"
#include "xlsx_read.h"
#include "xlsx_style.h"
#include "xlsx_util.h"
#include "text.h"
#include "yaml_tree.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Excel's limits: characters in a cell, in a validation's title and message. */
#define MAX_CELL_CHARS 32767
#define MAX_TITLE_CHARS 32
#define MAX_MESSAGE_CHARS 255

typedef struct {
	lxw_format *title, *note, *head, *key, *label, *info, *help;
	lxw_format *in_text, *in_num, *in_date, *in_month;
	lxw_format *ex_text, *ex_num, *ex_date, *ex_month;
	lxw_format *col_text, *col_date, *col_month, *guide, *guide_head;
} formats;

typedef struct {
	cz_xlsx *x;
	const cz_project *p;
	const cz_referential *ref;
	cz_problems *problems;
	formats F;
	bool blank;
	bool too_long; /* a text did not fit a cell (reported) */
} writer;

/* ---- formats -------------------------------------------------------------- */

#define INPUT_BG 0xFFFDE7 /* pale yellow: a cell to fill */
#define INFO_BG 0xF2F2F2  /* grey: written by the tool */
#define HEAD_BG CZ_XLSX_HEAD_FILL

static lxw_format *add_format(writer *w, bool locked, bool border, bool wrap, lxw_color_t bg)
{
	lxw_format *f = cz_xlsx_format(w->x);
	if (!f)
		return NULL;
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (!locked)
		format_set_unlocked(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	if (bg)
		format_set_bg_color(f, bg);
	return f;
}

static bool make_formats(writer *w)
{
	formats *F = &w->F;
	F->title = add_format(w, true, false, false, 0);
	F->note = add_format(w, true, false, true, 0);
	F->head = add_format(w, true, true, true, HEAD_BG);
	F->key = add_format(w, true, false, false, 0);
	F->label = add_format(w, true, true, true, 0);
	F->info = add_format(w, true, true, true, INFO_BG);
	F->help = add_format(w, true, true, true, 0);
	F->in_text = add_format(w, false, true, true, INPUT_BG);
	F->in_num = add_format(w, false, true, false, INPUT_BG);
	F->in_date = add_format(w, false, true, false, INPUT_BG);
	F->in_month = add_format(w, false, true, false, INPUT_BG);
	F->ex_text = add_format(w, false, true, true, INPUT_BG);
	F->ex_num = add_format(w, false, true, false, INPUT_BG);
	F->ex_date = add_format(w, false, true, false, INPUT_BG);
	F->ex_month = add_format(w, false, true, false, INPUT_BG);
	F->col_text = add_format(w, false, false, true, 0);
	F->col_date = add_format(w, false, false, false, 0);
	F->col_month = add_format(w, false, false, false, 0);
	F->guide = add_format(w, true, false, true, 0);
	F->guide_head = add_format(w, true, false, true, 0);
	if (!cz_xlsx_ok(w->x))
		return false;
	format_set_bold(F->title);
	format_set_font_size(F->title, 14);
	format_set_italic(F->note);
	format_set_bold(F->head);
	format_set_font_color(F->help, 0x404040);
	lxw_format *dates[] = { F->in_date, F->ex_date, F->col_date };
	for (size_t i = 0; i < N(dates); i++)
		format_set_num_format(dates[i], "yyyy-mm-dd");
	lxw_format *months[] = { F->in_month, F->ex_month, F->col_month };
	for (size_t i = 0; i < N(months); i++)
		format_set_num_format(months[i], "yyyy-mm");
	/* Example rows: grey italics, so they read as examples. */
	lxw_format *ex[] = { F->ex_text, F->ex_num, F->ex_date, F->ex_month };
	for (size_t i = 0; i < N(ex); i++) {
		format_set_italic(ex[i]);
		format_set_font_color(ex[i], 0x7F7F7F);
	}
	format_set_bold(F->guide_head);
	return true;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void put_string(writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
		       lxw_format *f)
{
	/* The shared writer would cut it visibly; a form read back would then
	 * lose the end of the text: refuse instead. */
	if (cz_utf16_units(s, strlen(s)) > MAX_CELL_CHARS) {
		if (!w->too_long) {
			char ex[64];
			cz_problems_add(w->problems, 0, 0,
					"texte trop long pour une cellule de tableur (%d caractères au plus)\u00A0: «\u00A0%s\u00A0»",
					MAX_CELL_CHARS, cz_excerpt(s, strlen(s), ex, sizeof(ex)));
		}
		w->too_long = true;
		return;
	}
	cz_xlsx_text(w->x, ws, row, col, s, f);
}

/* ---- cells ---------------------------------------------------------------- */

static lxw_format *input_format(const writer *w, cz_fiche_type t, bool example)
{
	const formats *F = &w->F;
	switch (t) {
	case CZ_FF_INT:
	case CZ_FF_NUM:
		return example ? F->ex_num : F->in_num;
	case CZ_FF_DATE:
		return example ? F->ex_date : F->in_date;
	case CZ_FF_MONTH:
		return example ? F->ex_month : F->in_month;
	case CZ_FF_INFO:
		return F->info;
	default:
		return example ? F->ex_text : F->in_text;
	}
}

static void put_value(writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		      const cz_fiche_field *f, cz_fiche_value v, bool example)
{
	lxw_format *fmt = input_format(w, f->type, example);
	switch (v.kind) {
	case CZ_FV_NONE:
		cz_xlsx_blank(w->x, ws, row, col, fmt);
		break;
	case CZ_FV_TEXT:
		put_string(w, ws, row, col, v.s, fmt);
		break;
	case CZ_FV_NUM:
		cz_xlsx_number(w->x, ws, row, col, v.n, fmt);
		break;
	case CZ_FV_DATE:
		cz_xlsx_number(w->x, ws, row, col,
						cz_xlsx_date_serial(v.d.year, v.d.month, v.d.day ? v.d.day : 1),
						fmt);
		break;
	case CZ_FV_BOOL:
		cz_xlsx_text(w->x, ws, row, col, v.b ? "oui" : "non", fmt);
		break;
	case CZ_FV_ENUM:
		put_string(w, ws, row, col, f->values ? cz_enum_label(f->values, v.e) : "?", fmt);
		break;
	}
}

/* An example's canonical text ("collectivite", "true", "2026-01") as a cell. */
static cz_fiche_value example_value(const cz_fiche_field *f, const char *text)
{
	switch (f->type) {
	case CZ_FF_ENUM:
		return cz_fv_enum(cz_enum_find(f->values, text), true);
	case CZ_FF_BOOL:
		return cz_fv_bool(strcmp(text, "true") == 0);
	case CZ_FF_INT:
	case CZ_FF_NUM:
		return cz_fv_double(strtod(text, NULL));
	case CZ_FF_MONTH:
	case CZ_FF_DATE: {
		/* "2026-01" or "2026-01-31": the examples are ours, always well formed. */
		cz_date d = { 0, 0, 0, true };
		char *end;
		d.year = (int)strtol(text, &end, 10);
		if (*end == '-')
			d.month = (int)strtol(end + 1, &end, 10);
		if (*end == '-')
			d.day = (int)strtol(end + 1, &end, 10);
		return d.month ? cz_fv_date(d) : cz_fv_none;
	}
	default:
		return cz_fv_text(text);
	}
}

/* ---- data validation -------------------------------------------------------- */

/* Labels of an enumeration, for a drop-down. */
typedef struct {
	char *items[32];
	size_t n;
} choice_list;

static bool enum_choices(const cz_enum *e, choice_list *c)
{
	size_t bytes = 0;
	c->n = 0;
	for (size_t i = 0; i < e->count && i + 1 < N(c->items); i++) {
		if (strchr(e->labels[i], ','))
			return false; /* a list validation separates values with commas */
		bytes += strlen(e->labels[i]) + 1;
		c->items[c->n++] = (char *)e->labels[i];
	}
	c->items[c->n] = NULL;
	/* Excel allows 255 characters in all; stay well clear of it. */
	return c->n == e->count && bytes < 200;
}

static void french_bound(char *buf, size_t size, double v)
{
	cz_fr_number(buf, size, v, v == floor(v) ? 0 : 2);
}

static void validate(writer *w, lxw_worksheet *ws, lxw_row_t r0, lxw_row_t r1, lxw_col_t col,
		     const cz_fiche_field *f, const char *label, const char *help, const char *actors)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof(dv));
	char msg[300], lo[48], hi[48];
	choice_list choices;
	static char *yes_no[] = { "oui", "non", NULL };
	dv.error_title = "Valeur refusée";
	switch (f->type) {
	case CZ_FF_INFO:
		return;
	case CZ_FF_TEXT:
		dv.validate = LXW_VALIDATION_TYPE_ANY;
		break;
	case CZ_FF_INT:
	case CZ_FF_NUM:
		dv.validate = f->type == CZ_FF_INT ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = f->min;
		dv.maximum_number = f->max;
		french_bound(lo, sizeof(lo), f->min);
		french_bound(hi, sizeof(hi), f->max);
		snprintf(msg, sizeof(msg), "Un nombre%s de %s à %s.", f->type == CZ_FF_INT ? " entier" : "",
			 lo, hi);
		dv.error_message = msg;
		break;
	case CZ_FF_DATE:
	case CZ_FF_MONTH:
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){ 1900, 1, 1, 0, 0, 0 };
		dv.maximum_datetime = (lxw_datetime){ 2200, 12, 31, 0, 0, 0 };
		dv.error_message = f->type == CZ_FF_DATE ? "Une date, par exemple 2026-09-30 ou 30/09/2026."
							  : "Un mois, par exemple 2026-01.";
		break;
	case CZ_FF_BOOL:
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = yes_no;
		dv.error_message = "Répondez oui ou non.";
		break;
	case CZ_FF_ENUM:
		if (!f->values || !enum_choices(f->values, &choices))
			return;
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = choices.items;
		dv.error_message = "Choisissez une valeur de la liste déroulante.";
		break;
	case CZ_FF_ACTOR:
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = (char *)actors;
		/* An actor may be typed before the Acteurs sheet is filled: warn only. */
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
		dv.error_message = "Ce nom n'est pas dans la feuille Acteurs\u00A0: ajoutez-y l'acteur.";
		break;
	}
	if (label && utf8_chars(label) <= MAX_TITLE_CHARS)
		dv.input_title = (char *)label;
	if (help && utf8_chars(help) <= MAX_MESSAGE_CHARS)
		dv.input_message = (char *)help;
	cz_xlsx_check_at(w->x, worksheet_data_validation_range(ws, r0, col, r1, col, &dv), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

/* ---- sheet frame ------------------------------------------------------------ */

static lxw_worksheet *new_sheet(writer *w, const char *name)
{
	return cz_xlsx_sheet(w->x, name);
}

static void frame(writer *w, lxw_worksheet *ws, const cz_fiche_sheet *s, lxw_col_t n_cols,
		  double width_units)
{
	const formats *F = &w->F;
	cz_xlsx_text(w->x, ws, 0, 0, s->title, F->title);
	cz_xlsx_check_at(w->x, worksheet_set_row(ws, 0, 20, NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	unsigned lines = cz_xlsx_text_lines(s->instruction, width_units);
	if (n_cols > 1)
		cz_xlsx_merge(w->x, ws, 1, 0, 1, (lxw_col_t)(n_cols - 1), s->instruction, F->note);
	else
		cz_xlsx_text(w->x, ws, 1, 0, s->instruction, F->note);
	cz_xlsx_check_at(w->x, worksheet_set_row(ws, 1, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT), NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	lxw_row_col_options hidden;
	memset(&hidden, 0, sizeof(hidden));
	hidden.hidden = 1;
	cz_xlsx_check_at(w->x, worksheet_set_row_opt(ws, CZ_FICHE_KEY_ROW, LXW_DEF_ROW_HEIGHT, F->key, &hidden), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

/* Protected sheet: the cells to fill are unlocked; rows may be added,
 * removed, sorted and filtered; columns resized. No password: it guards
 * against slips, not people. */
static void protect(lxw_worksheet *ws)
{
	lxw_protection prot;
	memset(&prot, 0, sizeof(prot));
	prot.format_columns = 1;
	prot.format_rows = 1;
	prot.insert_rows = 1;
	prot.delete_rows = 1;
	prot.sort = 1;
	prot.autofilter = 1;
	worksheet_protect(ws, NULL, &prot);
}

static void page_setup(writer *w, lxw_worksheet *ws, double width_pt, bool table)
{
	(void)w;
	worksheet_set_paper(ws, CZ_XLSX_PAPER_A4);
	worksheet_set_margins(ws, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN + 0.2,
			      CZ_XLSX_MARGIN_IN + 0.2);
	/* Portrait when the columns fit its width (all but shrunk); landscape
	 * otherwise, which still prints them one page wide. */
	if (width_pt > (595.0 - 2 * 72 * CZ_XLSX_MARGIN_IN) / 0.95)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (table)
		cz_xlsx_check_at(w->x, worksheet_repeat_rows(ws, CZ_FICHE_HEAD_ROW, CZ_FICHE_HEAD_ROW), ws, LXW_ROW_MAX, LXW_COL_MAX);
	/* the header and footer of every workbook (lib/xlsx_style.h) */
	cz_xlsx_header_footer(w->x, ws);
}

/* ---- form sheets (Projet, Bilan du test) -------------------------------------- */

/* The test field an indicator of the referential reads, for its name and
 * threshold in the guide column (testphase.c computes them the same way). */
static const cz_ref_indicator *field_indicator(const cz_referential *ref, const char *key)
{
	static const struct {
		const char *key;
		cz_measure m;
	} map[] = {
		{ "carnet_commandes", CZ_MES_CARNET_COMMANDES },
		{ "charge_travail", CZ_MES_CHARGE_TRAVAIL },
		{ "sollicitations_suivies", CZ_MES_SOLLICITATIONS },
		{ "cahier_des_charges", CZ_MES_CAHIER_DES_CHARGES },
		{ "satisfaction.beneficiaires", CZ_MES_SATISFACTION },
		{ "satisfaction.partenaires", CZ_MES_SATISFACTION },
		{ "satisfaction.equipe", CZ_MES_SATISFACTION },
		{ "impact_social", CZ_MES_IMPACT_SOCIAL },
		{ "vision", CZ_MES_VISION },
		{ "energie", CZ_MES_ENERGIE },
		{ "montee_competences", CZ_MES_MONTEE_COMPETENCES },
	};
	for (size_t i = 0; i < N(map); i++)
		if (!strcmp(map[i].key, key))
			return cz_ref_indicator_for(ref, map[i].m);
	return NULL;
}

static const char *const unit_words[] = { "mois", "", "", "sur 5", "", "" };

static void threshold_text(char *buf, size_t size, cz_ind_unit u, double v)
{
	char n[CZ_FR_SIZE];
	if (u == CZ_UNIT_PART)
		cz_fr_percent(n, sizeof(n), v);
	else
		cz_fr_number(n, sizeof(n), v, v == floor(v) ? 0 : 2);
	if (u == CZ_UNIT_BOOLEEN)
		snprintf(buf, size, "%s", v >= 1 ? "oui" : "non");
	else
		snprintf(buf, size, "%s%s%s", n, (size_t)u < N(unit_words) && *unit_words[u] ? " " : "",
			 (size_t)u < N(unit_words) ? unit_words[u] : "");
}

/* A row of a form sheet: label, value, guide, key. */
static void form_row(writer *w, lxw_worksheet *ws, lxw_row_t row, const cz_fiche_field *f,
		     const char *key, const char *label, const char *help, cz_fiche_value v)
{
	const formats *F = &w->F;
	put_string(w, ws, row, CZ_FORM_LABEL, label, F->label);
	put_value(w, ws, row, CZ_FORM_VALUE, f, v, false);
	put_string(w, ws, row, CZ_FORM_HELP, help ? help : "", F->help);
	put_string(w, ws, row, CZ_FORM_KEY, key, F->key);
	validate(w, ws, row, row, CZ_FORM_VALUE, f, label, help, NULL);
	unsigned lines = cz_xlsx_text_lines(help ? help : "", 62);
	unsigned l2 = cz_xlsx_text_lines(label, 34);
	cz_xlsx_check_at(w->x, cz_xlsx_fit_row(ws, row, lines > l2 ? lines : l2), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

static void form_sheet(writer *w, const cz_fiche_sheet *s)
{
	static const double widths[CZ_FORM_COLS] = { 34, 30, 62, 30 };
	static const char *const heads[CZ_FORM_COLS] = { "Rubrique", "Valeur", "Aide", "Clé" };
	lxw_worksheet *ws = new_sheet(w, s->sheet);
	if (!ws)
		return;
	const formats *F = &w->F;
	frame(w, ws, s, CZ_FORM_HELP + 1, widths[0] + widths[1] + widths[2]);
	for (int c = 0; c < CZ_FORM_COLS; c++) {
		cz_xlsx_text(w->x, ws, CZ_FICHE_KEY_ROW, (lxw_col_t)c, cz_form_column_keys[c], F->key);
		if (c != CZ_FORM_KEY)
			cz_xlsx_text(w->x, ws, CZ_FICHE_HEAD_ROW, (lxw_col_t)c, heads[c], F->head);
	}
	cz_xlsx_check_at(w->x, worksheet_set_column(ws, CZ_FORM_LABEL, CZ_FORM_LABEL, widths[0], NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	cz_xlsx_check_at(w->x, worksheet_set_column(ws, CZ_FORM_VALUE, CZ_FORM_VALUE, widths[1], NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	cz_xlsx_check_at(w->x, worksheet_set_column(ws, CZ_FORM_HELP, CZ_FORM_HELP, widths[2], NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	lxw_row_col_options hidden;
	memset(&hidden, 0, sizeof(hidden));
	hidden.hidden = 1;
	cz_xlsx_check_at(w->x, worksheet_set_column_opt(ws, CZ_FORM_KEY, CZ_FORM_KEY, widths[3], NULL, &hidden), ws, LXW_ROW_MAX, LXW_COL_MAX);

	bool test = s->part == CZ_FICHE_TEST;
	lxw_row_t row = CZ_FICHE_FIRST_ROW;
	for (size_t i = 0; i < s->n_fields; i++, row++) {
		const cz_fiche_field *f = &s->fields[i];
		cz_fiche_value v = !w->p ? cz_fv_none : cz_fiche_form_value(w->p, s->part, f->key);
		char label[256], help[512];
		snprintf(label, sizeof(label), "%s", f->label);
		snprintf(help, sizeof(help), "%s", f->help ? f->help : "");
		const cz_ref_indicator *ind = test ? field_indicator(w->ref, f->key) : NULL;
		if (ind) {
			char th[96];
			threshold_text(th, sizeof(th), ind->unite, ind->seuil);
			snprintf(help, sizeof(help), "%s Indicateur «\u00A0%s\u00A0»\u00A0: atteint %s %s.",
				 f->help ? f->help : "", ind->nom, ind->sens_max ? "jusqu'à" : "à partir de", th);
		}
		/* A decision condition takes its name from the referential. */
		if (test && !strncmp(f->key, "conditions.", 11)) {
			for (size_t k = 0; k < w->ref->n_conditions; k++)
				if (!strcmp(w->ref->conditions[k].cle, f->key + 11))
					snprintf(label, sizeof(label), "Condition\u00A0: %s", w->ref->conditions[k].nom);
		}
		form_row(w, ws, row, f, f->key, label, help, v);
	}
	if (test) {
		/* One row per measure the referential lets a project override. */
		for (int m = 0; m < CZ_MES_COUNT; m++) {
			const cz_ref_indicator *ind = cz_ref_indicator_for(w->ref, (cz_measure)m);
			const cz_ref_pitfall *pf = NULL;
			for (size_t k = 0; k < w->ref->n_pitfalls && !ind && !pf; k++)
				if (w->ref->pitfalls[k].mesure == (cz_measure)m)
					pf = &w->ref->pitfalls[k];
			if (!ind && !pf)
				continue;
			char key[96], label[256], help[256], th[64];
			snprintf(key, sizeof(key), "%s%s", CZ_FICHE_SEUIL_PREFIX, cz_measure_keys[m]);
			snprintf(label, sizeof(label), "Seuil propre\u00A0: %s", ind ? ind->nom : pf->nom);
			threshold_text(th, sizeof(th), ind ? ind->unite : CZ_UNIT_COUNT, ind ? ind->seuil : pf->seuil);
			snprintf(help, sizeof(help), "Seuil du référentiel\u00A0: %s%s. Laissez vide pour le garder.", th,
				 ind ? (ind->sens_max ? " au plus" : " au moins") : " au plus");
			cz_fiche_field f = { .key = key, .label = label, .help = help, .type = CZ_FF_NUM };
			bool integer, ratio;
			cz_threshold_bounds(w->ref, (cz_measure)m, &f.min, &f.max, &integer, &ratio);
			if (integer)
				f.type = CZ_FF_INT;
			cz_fiche_value v = cz_fiche_form_value(w->p, CZ_FICHE_TEST, key);
			form_row(w, ws, row++, &f, key, label, help, v);
		}
	}
	cz_xlsx_check_at(w->x, worksheet_set_row(ws, CZ_FICHE_HEAD_ROW, 18, NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	worksheet_freeze_panes(ws, CZ_FICHE_FIRST_ROW, 0);
	page_setup(w, ws, cz_xlsx_columns_pt(widths, 3), false);
	protect(ws);
}

/* ---- table sheets ----------------------------------------------------------- */


typedef struct {
	writer *w;
	lxw_worksheet *ws;
	const cz_fiche_sheet *s;
	lxw_col_t first; /* column of the first field (1 when the example column is there) */
	lxw_row_t row;
} table;

static void table_row(table *t, const cz_fiche_record *r, bool example)
{
	writer *w = t->w;
	unsigned lines = 1;
	if (t->first)
		put_string(w, t->ws, t->row, 0, example ? CZ_FICHE_EXAMPLE_KEY : "",
			   example ? w->F.ex_text : w->F.in_text);
	for (size_t i = 0; i < t->s->n_fields; i++) {
		const cz_fiche_field *f = &t->s->fields[i];
		put_value(w, t->ws, t->row, (lxw_col_t)(t->first + i), f, r->v[i], example);
		const char *text = r->v[i].kind == CZ_FV_TEXT ? r->v[i].s
				   : r->v[i].kind == CZ_FV_ENUM && f->values ? cz_enum_label(f->values, r->v[i].e)
									  : NULL;
		if (text) {
			unsigned l = cz_xlsx_text_lines(text, f->width);
			if (l > lines)
				lines = l;
		}
	}
	cz_xlsx_check_at(w->x, cz_xlsx_fit_row(t->ws, t->row, lines), t->ws, LXW_ROW_MAX, LXW_COL_MAX);
	t->row++;
}

static void record_row(void *ctx, const cz_fiche_record *r)
{
	table_row(ctx, r, false);
}

static void example_rows(table *t)
{
	for (size_t e = 0; e < cz_fiche_n_examples; e++) {
		const cz_fiche_example *ex = &cz_fiche_examples[e];
		if (ex->part != t->s->part)
			continue;
		cz_fiche_record r;
		for (size_t i = 0; i < t->s->n_fields; i++)
			r.v[i] = cz_fv_none;
		for (size_t k = 0; k < N(ex->pairs) && ex->pairs[k].key; k++)
			for (size_t i = 0; i < t->s->n_fields; i++)
				if (!strcmp(t->s->fields[i].key, ex->pairs[k].key))
					r.v[i] = example_value(&t->s->fields[i], ex->pairs[k].value);
		table_row(t, &r, true);
	}
}

/* The Acteurs sheet's name column, for the "porté par" and provider lists. */
static void actors_range(const writer *w, char *buf, size_t size)
{
	char a[16], b[16];
	lxw_col_t col = w->blank ? 1 : 0;
	cz_xlsx_cell_ref(a, CZ_FICHE_FIRST_ROW, col);
	cz_xlsx_cell_ref(b, CZ_FICHE_FIRST_ROW + CZ_FICHE_INPUT_ROWS - 1, col);
	/* $B$5:$B$5004 */
	char da[20], db[20];
	size_t i = 0, j = 0;
	da[j++] = '$';
	while (a[i] >= 'A' && a[i] <= 'Z')
		da[j++] = a[i++];
	da[j++] = '$';
	snprintf(da + j, sizeof(da) - j, "%s", a + i);
	i = j = 0;
	db[j++] = '$';
	while (b[i] >= 'A' && b[i] <= 'Z')
		db[j++] = b[i++];
	db[j++] = '$';
	snprintf(db + j, sizeof(db) - j, "%s", b + i);
	snprintf(buf, size, "=%s!%s:%s", cz_fiche_sheets[CZ_FICHE_ACTEURS].sheet, da, db);
}

static void table_sheet(writer *w, const cz_fiche_sheet *s)
{
	lxw_worksheet *ws = new_sheet(w, s->sheet);
	if (!ws)
		return;
	const formats *F = &w->F;
	bool ref_rows_sheet = s->part == CZ_FICHE_ETAPES || s->part == CZ_FICHE_COMPETENCES;
	bool with_examples = w->blank && !ref_rows_sheet;
	table t = { w, ws, s, with_examples ? 1 : 0, CZ_FICHE_FIRST_ROW };
	double widths[CZ_FICHE_MAX_FIELDS + 1];
	size_t n_cols = t.first + s->n_fields;
	if (t.first)
		widths[0] = 9;
	for (size_t i = 0; i < s->n_fields; i++)
		widths[t.first + i] = s->fields[i].width;
	double total = 0;
	for (size_t c = 0; c < n_cols; c++)
		total += widths[c];
	frame(w, ws, s, (lxw_col_t)n_cols, total);

	/* Keys, headers, column widths and the default format of each column
	 * (unlocked where a user types, so rows added later stay editable). */
	if (t.first) {
		cz_xlsx_text(w->x, ws, CZ_FICHE_KEY_ROW, 0, CZ_FICHE_EXAMPLE_KEY, F->key);
		cz_xlsx_text(w->x, ws, CZ_FICHE_HEAD_ROW, 0, "Exemple", F->head);
		cz_xlsx_check_at(w->x, worksheet_set_column(ws, 0, 0, widths[0], F->col_text), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	for (size_t i = 0; i < s->n_fields; i++) {
		const cz_fiche_field *f = &s->fields[i];
		lxw_col_t c = (lxw_col_t)(t.first + i);
		cz_xlsx_text(w->x, ws, CZ_FICHE_KEY_ROW, c, f->key, F->key);
		cz_xlsx_text(w->x, ws, CZ_FICHE_HEAD_ROW, c, f->label, F->head);
		lxw_format *cf = f->type == CZ_FF_INFO ? NULL
				 : f->type == CZ_FF_DATE ? F->col_date
				 : f->type == CZ_FF_MONTH ? F->col_month
							   : F->col_text;
		cz_xlsx_check_at(w->x, worksheet_set_column(ws, c, c, f->width, cf), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	unsigned head_lines = 1;
	for (size_t i = 0; i < s->n_fields; i++) {
		unsigned l = cz_xlsx_text_lines(s->fields[i].label, s->fields[i].width);
		if (l > head_lines)
			head_lines = l;
	}
	cz_xlsx_check_at(w->x, worksheet_set_row(ws, CZ_FICHE_HEAD_ROW, cz_xlsx_lines_pt(head_lines, CZ_XLSX_LINE_PT), NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);

	if (ref_rows_sheet || w->p)
		cz_fiche_records(w->p, w->ref, s->part, record_row, &t);
	else
		example_rows(&t);

	/* Checks and drop-downs: over the referential's rows, or far past the data. */
	lxw_row_t last = ref_rows_sheet ? (t.row > CZ_FICHE_FIRST_ROW ? t.row - 1 : CZ_FICHE_FIRST_ROW)
					: CZ_FICHE_FIRST_ROW + CZ_FICHE_INPUT_ROWS - 1;
	if (last < t.row)
		last = t.row;
	char actors[64];
	actors_range(w, actors, sizeof(actors));
	for (size_t i = 0; i < s->n_fields; i++)
		validate(w, ws, CZ_FICHE_FIRST_ROW, last, (lxw_col_t)(t.first + i), &s->fields[i],
			 s->fields[i].label, s->fields[i].help, actors);
	if (ref_rows_sheet && t.row > CZ_FICHE_FIRST_ROW)
		cz_xlsx_check_at(w->x, worksheet_autofilter(ws, CZ_FICHE_HEAD_ROW, 0, t.row - 1, (lxw_col_t)(n_cols - 1)), ws, LXW_ROW_MAX, LXW_COL_MAX);
	worksheet_freeze_panes(ws, CZ_FICHE_FIRST_ROW, 0);
	page_setup(w, ws, cz_xlsx_columns_pt(widths, n_cols), true);
	protect(ws);
}

/* ---- the instructions sheet --------------------------------------------------- */

static void guide_sheet(writer *w)
{
	lxw_worksheet *ws = new_sheet(w, cz_fiche_guide_sheet);
	if (!ws)
		return;
	const formats *F = &w->F;
	char title[512];
	if (w->p)
		snprintf(title, sizeof(title), "Fiche projet — %.400s", w->p->projet.nom);
	else
		snprintf(title, sizeof(title), "Fiche projet d'une conciergerie de territoire");
	cz_buf b;
	cz_buf_init(&b);
	cz_buf_puts(&b, title);
	/* The title is project text: through the same length check as the rest. */
	if (cz_buf_ok(&b))
		put_string(w, ws, 0, 0, b.data, F->title);
	cz_buf_free(&b);
	/* As wide as a portrait A4 page between its margins. */
	static const double width[] = { 76 };
	cz_xlsx_check_at(w->x, worksheet_set_column(ws, 0, 0, width[0], NULL), ws, LXW_ROW_MAX, LXW_COL_MAX);
	static const char *const lines[] = {
		"Cette fiche tient tout le fichier de projet\u00A0: une feuille par rubrique, à remplir dans "
		"LibreOffice Calc ou Excel.",
		"Remplissez les cellules sur fond jaune pâle. Les titres, les en-têtes et les identifiants du "
		"référentiel sont protégés contre les fausses manœuvres (sans mot de passe).",
		"Les listes déroulantes donnent les valeurs permises\u202F; une date s'écrit 2026-09-30 ou "
		"30/09/2026, un mois 2026-01\u202F; oui ou non pour les cases à cocher. Une cellule vide veut "
		"dire «\u00A0non renseigné\u00A0».",
		"Les lignes grises marquées «\u00A0exemple\u00A0» dans la première colonne montrent ce qui est attendu\u00A0: "
		"elles ne sont pas reprises. Remplacez-les par vos données en effaçant le mot «\u00A0exemple\u00A0», ou "
		"effacez-les.",
		"Ajoutez autant de lignes que nécessaire dans les feuilles en tableau (acteurs, besoins, "
		"mois d'activité…)\u202F; une ligne vide est sautée.",
		"Pour en tirer le fichier de projet\u00A0: conciergerie import fiche.xlsx -o projet.yaml, puis "
		"conciergerie diag projet.yaml. Chaque erreur est signalée avec sa feuille et sa cellule.",
	};
	lxw_row_t row = 2;
	for (size_t i = 0; i < N(lines); i++, row++) {
		cz_xlsx_text(w->x, ws, row, 0, lines[i], F->guide);
		cz_xlsx_check_at(w->x, cz_xlsx_fit_row(ws, row, cz_xlsx_text_lines(lines[i], width[0])), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	row++;
	cz_xlsx_text(w->x, ws, row++, 0, "Les feuilles", F->guide_head);
	for (size_t i = 0; i < CZ_FICHE_PART_COUNT; i++, row++) {
		char line[512];
		snprintf(line, sizeof(line), "%s\u00A0: %s.", cz_fiche_sheets[i].sheet, cz_fiche_sheets[i].title);
		cz_xlsx_text(w->x, ws, row, 0, line, F->guide);
	}
	row++;
	char version[128];
	snprintf(version, sizeof(version), "Fiche version %d, fichier de projet au format version 1.",
		 CZ_FICHE_VERSION);
	cz_xlsx_text(w->x, ws, row, 0, version, F->note);
	page_setup(w, ws, cz_xlsx_columns_pt(width, 1), false);
	protect(ws);
}

cz_status cz_fiche_write(const cz_project *p, const cz_referential *ref, cz_xlsx *x,
			 cz_problems *problems)
{
	writer w = { .x = x, .p = p, .ref = ref, .problems = problems, .blank = p == NULL };
	if (p)
		cz_xlsx_document(x, p->projet.nom ? p->projet.nom : "Fiche projet",
				 p->projet.date.set ? &p->projet.date : NULL);
	else
		cz_xlsx_document(x, "Fiche projet à remplir", NULL);
	if (!make_formats(&w))
		return CZ_OK; /* the error is in x */
	guide_sheet(&w);
	for (size_t i = 0; i < CZ_FICHE_PART_COUNT; i++) {
		if (cz_fiche_sheets[i].form)
			form_sheet(&w, &cz_fiche_sheets[i]);
		else
			table_sheet(&w, &cz_fiche_sheets[i]);
	}
	/* libxlsxwriter's errors are in x, reported by cz_xlsx_write. */
	return w.too_long ? CZ_ERR_INVALID : CZ_OK;
}

cz_status cz_fiche_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_fiche_source *src = result;
	return cz_fiche_write(src->p, rc->ref, rc->x, src->problems);
}
