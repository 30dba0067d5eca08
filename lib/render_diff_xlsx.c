/*
 * diff as a workbook: « Diff synthèse » (the two snapshots, what moved,
 * then the portfolio's figures before and after, the difference a live
 * formula) and « Diff détail » (every change, one row each, filterable by
 * section). Looks and pages from lib/xlsx_style.h.
 */
#include <stdio.h>

#include "diff.h"
#include "diff_layout.h"
#include "render.h"
#include "xlsx_style.h"
#include "xlsx_util.h"

enum { D_SECTION, D_KIND, D_ITEM, D_GROUP, D_BEFORE, D_AFTER, D_DETAIL, D_SENSE, D_COLS };
enum { S_LABEL, S_BEFORE, S_AFTER, S_DELTA, S_SENSE, S_COLS };

static lxw_format *unit_format(const cz_xlsx_styles *S, cz_diff_unit u, bool bold)
{
	switch (u) {
	case CZ_DIFF_U_PERCENT:
		return bold ? S->percent_bold : S->percent;
	case CZ_DIFF_U_RATIO:
		return bold ? S->ratio_bold : S->ratio;
	case CZ_DIFF_U_EUROS:
		return bold ? S->money_bold : S->money;
	case CZ_DIFF_U_COUNT:
		return bold ? S->integer_bold : S->integer;
	default:
		return bold ? S->wrap_bold : S->wrap;
	}
}

static lxw_format *sense_format(const cz_xlsx_styles *S, cz_diff_sense s)
{
	return s == CZ_DIFF_BETTER ? S->tone[CZ_TONE_GOOD] : s == CZ_DIFF_WORSE ? S->tone[CZ_TONE_BAD] : S->wrap;
}

static void side_text(char *out, size_t size, const cz_project *p, const char *file)
{
	char date[64];
	if (p->projet.date.set)
		snprintf(out, size, "relevé du %s (%s)", cz_diff_date_fr(date, sizeof(date), p->projet.date), file);
	else
		snprintf(out, size, "relevé sans date (%s)", file);
}

static void summary_sheet(cz_xlsx *x, const cz_diff *d, const cz_xlsx_styles *S)
{
	lxw_worksheet *ws = cz_xlsx_sheet(x, "Diff synthèse");
	if (!ws)
		return;
	static const double widths[S_COLS] = { 44, 16, 16, 16, 12 };
	cz_xlsx_columns(x, ws, widths, S_COLS);
	char line[1200], a[500], b[500];
	snprintf(line, sizeof(line), "Ce qui a changé\u00A0: %s", d->after->projet.nom);
	cz_xlsx_title(x, ws, 0, line, S->title);
	side_text(a, sizeof(a), d->before, d->before_file);
	side_text(b, sizeof(b), d->after, d->after_file);
	snprintf(line, sizeof(line), "Du %s au %s.", a, b);
	cz_xlsx_merge(x, ws, 1, 0, 1, S_COLS - 1, line, S->wrap);
	lxw_row_t r = 3;
	if (!d->same_name) {
		snprintf(line, sizeof(line),
			 "Attention\u00A0: les deux fichiers ne portent pas le même nom de projet («\u00A0%s\u00A0» avant, «\u00A0%s\u00A0» après).",
			 d->before->projet.nom, d->after->projet.nom);
		cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1, line, S->tone[CZ_TONE_BAD]);
		r += 2;
	}
	if (cz_diff_empty(d)) {
		cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1, "Aucun changement\u00A0: les deux relevés donnent les mêmes résultats.",
			      S->wrap_bold);
		return;
	}
	cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1, "En bref", S->header);
	r++;
	for (size_t i = 0; i < d->n_summary; i++, r++)
		cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1, d->summary[i], S->wrap);
	if (cz_diff_worsens(d)) {
		cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1,
			      d->verdict_worse ? "À surveiller\u00A0: le verdict du test a reculé."
					       : "À surveiller\u00A0: une alerte critique est apparue.",
			      S->tone[CZ_TONE_ALARM]);
		r++;
	}
	r++;
	static const char *const heads[S_COLS] = { "Chiffre", "Avant", "Après", "Écart", "Sens" };
	for (lxw_col_t c = 0; c < (lxw_col_t)S_COLS; c++)
		cz_xlsx_text(x, ws, r, c, heads[c], S->header);
	cz_xlsx_repeat(x, ws, r, r);
	r++;
	for (int i = 0; i < CZ_DIFF_N_FIGURES; i++, r++) {
		const cz_diff_figure *g = &d->figures[i];
		cz_xlsx_text(x, ws, r, S_LABEL, g->label, g->changed ? S->wrap_bold : S->wrap);
		if (g->unit == CZ_DIFF_U_TEXT) {
			cz_xlsx_text(x, ws, r, S_BEFORE, g->before, S->wrap);
			cz_xlsx_text(x, ws, r, S_AFTER, g->after, g->changed ? S->wrap_bold : S->wrap);
			cz_xlsx_text(x, ws, r, S_DELTA, g->changed ? "changé" : "=", S->wrap);
		} else {
			lxw_format *nf = unit_format(S, g->unit, false);
			if (g->before_num.set)
				cz_xlsx_number(x, ws, r, S_BEFORE, g->before_num.value, nf);
			else
				cz_xlsx_text(x, ws, r, S_BEFORE, "—", S->gap);
			if (g->after_num.set)
				cz_xlsx_number(x, ws, r, S_AFTER, g->after_num.value, unit_format(S, g->unit, g->changed));
			else
				cz_xlsx_text(x, ws, r, S_AFTER, "—", S->gap);
			if (g->before_num.set && g->after_num.set) {
				/* the difference, live: after − before */
				char formula[64];
				snprintf(formula, sizeof(formula), "=C%u-B%u", (unsigned)r + 1, (unsigned)r + 1);
				cz_xlsx_formula(x, ws, r, S_DELTA, formula, nf, g->after_num.value - g->before_num.value);
			}
		}
		if (g->sense != CZ_DIFF_NEUTRAL)
			cz_xlsx_text(x, ws, r, S_SENSE, cz_diff_sense_labels[g->sense], sense_format(S, g->sense));
	}
	r++;
	static const char note[] =
		"«\u00A0Mieux\u00A0» et «\u00A0moins bien\u00A0» sont une lecture de l'outil, que les documents de la méthode ne donnent "
		"pas\u00A0: une étape ou une compétence qui avance, une alerte levée, un indicateur dont le statut monte, un "
		"verdict meilleur (de NO-GO à INCOMPLET, RÉAJUSTER puis GO). Les ressources par pilier sont comptées "
		"comme au tableau de bord\u00A0: recettes et financements acquis des mois relevés, prêts à part. Le détail "
		"de chaque changement est dans la feuille «\u00A0Diff détail\u00A0».";
	cz_xlsx_merge(x, ws, r, 0, r, S_COLS - 1, note, S->note);
}

static void detail_sheet(cz_xlsx *x, const cz_diff *d, const cz_xlsx_styles *S)
{
	lxw_worksheet *ws = cz_xlsx_sheet(x, "Diff détail");
	if (!ws)
		return;
	static const char *const heads[D_COLS] = { "Section", "Changement", "Élément", "Phase, bloc ou gravité",
						   "Avant", "Après", "Détail", "Sens" };
	static const double widths[D_COLS] = { 20, 12, 36, 16, 22, 22, 44, 11 };
	cz_xlsx_columns(x, ws, widths, D_COLS);
	cz_xlsx_repeat(x, ws, 0, 0);
	for (lxw_col_t c = 0; c < (lxw_col_t)D_COLS; c++)
		cz_xlsx_text(x, ws, 0, c, heads[c], S->header);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t r = 1;
	static const char *const words[CZ_DIFF_KIND_COUNT] = { "ajouté", "retiré", "modifié" };
	for (size_t i = 0; i < d->n_changes; i++, r++) {
		const cz_diff_change *c = &d->changes[i];
		const cz_diff_table *t = &cz_diff_tables[c->section];
		cz_xlsx_text(x, ws, r, D_SECTION, cz_diff_section_labels[c->section], S->wrap);
		cz_xlsx_text(x, ws, r, D_KIND, t->kind ? t->kind[c->kind] : words[c->kind], S->wrap);
		cz_xlsx_text(x, ws, r, D_ITEM, c->label, S->wrap);
		cz_xlsx_text(x, ws, r, D_GROUP, c->group, S->wrap);
		cz_xlsx_text(x, ws, r, D_BEFORE, c->before, S->wrap);
		cz_xlsx_text(x, ws, r, D_AFTER, c->after, S->wrap);
		cz_xlsx_text(x, ws, r, D_DETAIL, cz_diff_detail(c), S->wrap);
		if (c->sense != CZ_DIFF_NEUTRAL)
			cz_xlsx_text(x, ws, r, D_SENSE, cz_diff_sense_labels[c->sense], sense_format(S, c->sense));
	}
	if (d->n_changes == 0)
		cz_xlsx_text(x, ws, r++, D_SECTION, "Aucun changement.", S->gap);
	cz_xlsx_check(x, worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, D_COLS - 1));
}

cz_status cz_diff_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_diff *d = result;
	cz_xlsx *x = rc->x;
	char name[128];
	snprintf(name, sizeof(name), "Ce qui a changé\u00A0: %s", d->after->projet.nom);
	cz_xlsx_document(x, name, d->after->projet.date.set ? &d->after->projet.date : NULL);
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	if (!S)
		return CZ_OK; /* the error is in x */
	summary_sheet(x, d, S);
	detail_sheet(x, d, S);
	return CZ_OK;
}
