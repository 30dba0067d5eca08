/*
 * The test-phase decision as worksheets: "Test indicateurs" is the
 * scorecard (one row per indicator, status cells coloured by cell format
 * and by conditional formats, so a status typed over keeps its colour;
 * credit and retained weight are live formulas), followed by the
 * conditions and the pitfalls; "Test décision" gives the verdict, the
 * score as a formula over the scorecard, the reasons and the levers.
 */
#include <stdio.h>
#include <string.h>

#include "format_fr.h"
#include "origin.h"
#include "render.h"
#include "testphase.h"
#include "xlsx_util.h"

#define SHEET_CARD "Test indicateurs"
#define SHEET_DECISION "Test décision"

/* Scorecard columns. */
enum {
	K_NOM, K_NATURE, K_CRITIQUE, K_VALEUR, K_UNITE, K_SENS, K_SEUIL, K_PARTIEL, K_STATUT, K_POIDS,
	K_CREDIT, K_POIDS_RETENU, K_CALCUL, K_CIBLE, K_ORIGINE, K_COUNT
};
#define CARD_FIRST_ROW 3

static const char *const unit_labels[] = { "mois",      "ratio",    "part", "note sur 5", "oui / non",
					   "pour 1 000 par mois", "nombre" };
static const uint32_t status_colours[CZ_TP_STATUS_COUNT] = { 0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xD9D9D9 };

typedef struct {
	lxw_format *title, *bold, *header, *wrap, *wrap_sub, *ratio, *percent, *number, *verdict;
	lxw_format *status[CZ_TP_STATUS_COUNT];
	lxw_format *cond[CZ_TP_STATUS_COUNT]; /* for the conditional formats */
} formats;

static bool make_formats(cz_xlsx *x, formats *F, cz_verdict verdict)
{
	lxw_format **all[] = { &F->title, &F->bold,    &F->header, &F->wrap,   &F->wrap_sub,
			       &F->ratio, &F->percent, &F->number, &F->verdict };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!(*all[i] = cz_xlsx_format(x)))
			return false;
	for (int s = 0; s < CZ_TP_STATUS_COUNT; s++) {
		if (!(F->status[s] = cz_xlsx_format(x)) || !(F->cond[s] = cz_xlsx_format(x)))
			return false;
		format_set_bg_color(F->status[s], status_colours[s]);
		format_set_border(F->status[s], LXW_BORDER_THIN);
		format_set_bg_color(F->cond[s], status_colours[s]);
	}
	format_set_bold(F->title);
	format_set_font_size(F->title, 14);
	format_set_bold(F->bold);
	format_set_bold(F->header);
	format_set_text_wrap(F->header);
	format_set_bg_color(F->header, 0xDDEBF7);
	format_set_border(F->header, LXW_BORDER_THIN);
	format_set_text_wrap(F->wrap);
	format_set_align(F->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(F->wrap_sub);
	format_set_align(F->wrap_sub, LXW_ALIGN_VERTICAL_TOP);
	format_set_indent(F->wrap_sub, 2);
	format_set_num_format(F->ratio, "0.00");
	format_set_num_format(F->percent, "0%");
	format_set_num_format(F->number, "0.##");
	format_set_bold(F->verdict);
	format_set_font_size(F->verdict, 16);
	/* The verdict takes the colour of the status it resembles: GO green … INCOMPLET and
	 * « non évalué » grey. */
	format_set_bg_color(F->verdict, status_colours[verdict == CZ_VERDICT_NON_EVALUE ? (int)CZ_TP_NON_RENSEIGNE : (int)verdict]);
	return true;
}

static lxw_format *value_format(const formats *F, cz_ind_unit u)
{
	return u == CZ_UNIT_PART ? F->percent : u == CZ_UNIT_RATIO ? F->ratio : F->number;
}

static void put_value(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const cz_tp_indicator *it,
		      double v, bool set, const formats *F)
{
	if (set)
		cz_xlsx_number(x, ws, row, col, v, value_format(F, it->unite));
}

static void status_rules(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_col_t col, const formats *F)
{
	if (last < first)
		return;
	for (int s = 0; s < CZ_TP_STATUS_COUNT; s++) {
		char crit[64];
		snprintf(crit, sizeof(crit), "\"%s\"", cz_tp_status_labels[s]);
		lxw_conditional_format cf;
		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		cf.value_string = crit;
		cf.format = F->cond[s];
		cz_xlsx_check(x, worksheet_conditional_format_range(ws, first, col, last, col, &cf));
	}
}

/* libxlsxwriter does not fit row heights to wrapped text: estimate the
 * lines a text takes in a column `width` characters wide. */
static double wrapped_height(const char *s, double width)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		chars += (*p & 0xC0) != 0x80; /* count UTF-8 characters, not bytes */
	size_t lines = (size_t)((double)chars / (width * 1.05)) + 1;
	return 15.0 * (double)lines;
}

static void card_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const cz_tp_indicator *it, const formats *F)
{
	double h = wrapped_height(it->calcul, 60);
	double h2 = wrapped_height(it->cible ? it->cible : it->a_saisir, 60);
	double h3 = wrapped_height(it->nom, 40);
	if (h2 > h)
		h = h2;
	if (h3 > h)
		h = h3;
	cz_xlsx_row(x, ws, row, h);
	char formula[256];
	cz_xlsx_text(x, ws, row, K_NOM, it->nom, F->wrap);
	if (!it->is_pitfall)
		cz_xlsx_text(x, ws, row, K_NATURE, it->qualitatif ? "qualitatif" : "quantitatif", NULL);
	else
		cz_xlsx_text(x, ws, row, K_NATURE, "piège (hors score)", NULL);
	cz_xlsx_text(x, ws, row, K_CRITIQUE, it->critique ? "oui" : "non", NULL);
	put_value(x, ws, row, K_VALEUR, it, it->value.value, it->value.set, F);
	cz_xlsx_text(x, ws, row, K_UNITE, unit_labels[it->unite], NULL);
	cz_xlsx_text(x, ws, row, K_SENS, it->sens_max ? "au plus" : "au moins", NULL);
	put_value(x, ws, row, K_SEUIL, it, it->seuil, true, F);
	put_value(x, ws, row, K_PARTIEL, it, it->seuil_partiel, it->has_partiel, F);
	cz_xlsx_text(x, ws, row, K_STATUT, cz_tp_status_labels[it->status], F->status[it->status]);
	if (!it->is_pitfall) {
		char st[16];
		lxw_rowcol_to_cell(st, row, K_STATUT);
		cz_xlsx_number(x, ws, row, K_POIDS, it->poids, F->number);
		snprintf(formula, sizeof(formula), "=IF(%s=\"%s\",1,IF(%s=\"%s\",0.5,0))", st,
			 cz_tp_status_labels[CZ_TP_ATTEINT], st, cz_tp_status_labels[CZ_TP_PARTIEL]);
		cz_xlsx_formula(x, ws, row, K_CREDIT, formula, F->number,
					    it->status == CZ_TP_ATTEINT ? 1 : it->status == CZ_TP_PARTIEL ? 0.5 : 0);
		char po[16];
		lxw_rowcol_to_cell(po, row, K_POIDS);
		snprintf(formula, sizeof(formula), "=IF(%s=\"%s\",0,%s)", st, cz_tp_status_labels[CZ_TP_NON_RENSEIGNE],
			 po);
		cz_xlsx_formula(x, ws, row, K_POIDS_RETENU, formula, F->number,
					    it->status == CZ_TP_NON_RENSEIGNE ? 0 : it->poids);
	}
	if (it->calcul)
		cz_xlsx_text(x, ws, row, K_CALCUL, it->calcul, F->wrap);
	if (it->cible)
		cz_xlsx_text(x, ws, row, K_CIBLE, it->cible, F->wrap);
	else if (it->a_saisir)
		cz_xlsx_text(x, ws, row, K_CIBLE, it->a_saisir, F->wrap);
	/* the origin names a referential document: any length */
	cz_buf o;
	cz_buf_init(&o);
	if (it->seuil_override)
		cz_buf_printf(&o, "seuil propre au projet (test.seuils.%s)", cz_measure_keys[it->mesure]);
	else if (!it->origine_seuils || it->origine_seuils->outil)
		cz_buf_puts(&o, "réglage par défaut de l'outil, ajustable (--referentiel, test.seuils)");
	else
		cz_buf_printf(&o, "repris du document « %s »", it->origine_seuils->titre);
	if (cz_buf_ok(&o))
		cz_xlsx_text(x, ws, row, K_ORIGINE, o.data, F->wrap);
	else
		x->nomem = true;
	cz_buf_free(&o);
}

/* A sheet's title: `what` and the project's name, whatever its length. */
static void title(cz_xlsx *x, lxw_worksheet *ws, const char *what, const cz_testphase *r, const formats *F)
{
	cz_buf t;
	cz_buf_init(&t);
	cz_buf_puts(&t, what);
	cz_buf_puts(&t, r->project->projet.nom ? r->project->projet.nom : "projet sans nom");
	if (cz_buf_ok(&t))
		cz_xlsx_text(x, ws, 0, 0, t.data, F->title);
	else
		x->nomem = true;
	cz_buf_free(&t);
}

/* Returns the scorecard's last indicator row. */
static lxw_row_t sheet_card(cz_xlsx *x, lxw_worksheet *ws, const cz_testphase *r, const formats *F)
{
	static const char *const headers[K_COUNT] = {
		"Indicateur", "Nature", "Critique", "Valeur", "Unité", "Sens", "Seuil atteint", "Seuil partiel",
		"Statut", "Poids", "Crédit (1, ½, 0)", "Poids retenu", "Comment la valeur est obtenue",
		"Pour l'atteindre / à saisir", "Origine du seuil et du poids",
	};
	title(x, ws, "Indicateurs de sortie de test — ", r, F);
	cz_xlsx_text(x, ws, 1, 0,
			       "Statut : atteint (vert), partiel (orange), non atteint (rouge), non renseigné (gris). "
			       "Crédit et poids retenu sont des formules : modifier un statut met le score à jour.",
			       NULL);
	for (int c = 0; c < K_COUNT; c++)
		cz_xlsx_text(x, ws, CARD_FIRST_ROW - 1, (lxw_col_t)c, headers[c], F->header);
	cz_xlsx_row(x, ws, CARD_FIRST_ROW - 1, 30);
	cz_xlsx_check(x, worksheet_set_column(ws, K_NOM, K_NOM, 40, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, K_NATURE, K_POIDS_RETENU, 11, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, K_STATUT, K_STATUT, 14, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, K_CALCUL, K_CIBLE, 60, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, K_ORIGINE, K_ORIGINE, 36, NULL));
	lxw_row_t row = CARD_FIRST_ROW;
	for (size_t i = 0; i < r->n_indicators; i++)
		card_row(x, ws, row++, &r->items[i], F);
	lxw_row_t last = row - 1;
	status_rules(x, ws, CARD_FIRST_ROW, last, K_STATUT, F);

	row++;
	cz_xlsx_text(x, ws, row, K_NOM, "Condition de décision", F->header);
	cz_xlsx_text(x, ws, row, K_NATURE, "Valeur", F->header);
	cz_xlsx_text(x, ws, row, K_CRITIQUE, "Attendu", F->header);
	cz_xlsx_text(x, ws, row, K_VALEUR, "Statut", F->header);
	row++;
	lxw_row_t cond_first = row;
	for (size_t i = 0; i < r->n_conditions; i++, row++) {
		const cz_tp_condition *cd = &r->conditions[i];
		cz_xlsx_text(x, ws, row, K_NOM, cd->ref->nom, F->wrap);
		cz_xlsx_text(x, ws, row, K_NATURE, cd->value < 0 ? "—" : cd->value ? "oui" : "non", NULL);
		cz_xlsx_text(x, ws, row, K_CRITIQUE, "oui", NULL);
		cz_xlsx_text(x, ws, row, K_VALEUR, cz_tp_status_labels[cd->status], F->status[cd->status]);
	}
	if (r->n_conditions)
		status_rules(x, ws, cond_first, row - 1, K_VALEUR, F);

	if (r->n_items > r->n_indicators) {
		row++;
		cz_xlsx_text(x, ws, row++, K_NOM, "Pièges à éviter (hors score)", F->bold);
		for (size_t i = r->n_indicators; i < r->n_items; i++)
			card_row(x, ws, row++, &r->items[i], F);
	}
	worksheet_freeze_panes(ws, CARD_FIRST_ROW, 1);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	return last;
}

/* `levels`, when given, indents the sub-items (level 1) under their heading. */
static lxw_row_t list(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *title, const char *const *items,
		      const unsigned char *levels, size_t n, const formats *F)
{
	cz_xlsx_text(x, ws, row++, 0, title, F->bold);
	for (size_t i = 0; i < n; i++) {
		cz_xlsx_row(x, ws, row, wrapped_height(items[i], 110));
		cz_xlsx_text(x, ws, row++, 0, items[i], levels && levels[i] ? F->wrap_sub : F->wrap);
	}
	return row + 1;
}

static void sheet_decision(cz_xlsx *x, lxw_worksheet *ws, const cz_testphase *r, const cz_referential *ref, lxw_row_t last,
			   const formats *F)
{
	char s[512], a[16], b[16], c[16], d[16];
	cz_xlsx_check(x, worksheet_set_column(ws, 0, 0, 110, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, 1, 2, 14, NULL));
	title(x, ws, "Sortie de la phase de test — ", r, F);
	cz_xlsx_text(x, ws, 2, 0, "Verdict", F->bold);
	cz_xlsx_text(x, ws, 2, 1, cz_verdict_labels[r->verdict], F->verdict);

	lxw_row_t row = 3;
	cz_xlsx_text(x, ws, row, 0, "Score pondéré des indicateurs renseignés", NULL);
	if (r->n_indicators > 0) {
		lxw_rowcol_to_cell(a, CARD_FIRST_ROW, K_POIDS);
		lxw_rowcol_to_cell(b, last, K_POIDS);
		lxw_rowcol_to_cell(c, CARD_FIRST_ROW, K_CREDIT);
		lxw_rowcol_to_cell(d, last, K_CREDIT);
		char e[16], f[16];
		lxw_rowcol_to_cell(e, CARD_FIRST_ROW, K_POIDS_RETENU);
		lxw_rowcol_to_cell(f, last, K_POIDS_RETENU);
		snprintf(s, sizeof(s), "=IF(SUM('%s'!%s:%s)=0,0,SUMPRODUCT('%s'!%s:%s,'%s'!%s:%s)/SUM('%s'!%s:%s))",
			 SHEET_CARD, e, f, SHEET_CARD, a, b, SHEET_CARD, c, d, SHEET_CARD, e, f);
		cz_xlsx_formula(x, ws, row, 1, s, F->ratio, r->score);
	} else {
		cz_xlsx_number(x, ws, row, 1, r->score, F->ratio);
	}
	row++;
	cz_xlsx_text(x, ws, row, 0, "Seuil GO (score minimal)", NULL);
	cz_xlsx_number(x, ws, row++, 1, ref->rule.score_go, F->ratio);
	cz_xlsx_text(x, ws, row, 0, "Seuil NO-GO (en dessous)", NULL);
	cz_xlsx_number(x, ws, row++, 1, ref->rule.score_no_go, F->ratio);
	cz_xlsx_text(x, ws, row, 0, "Indicateurs non renseignés", NULL);
	cz_xlsx_number(x, ws, row++, 1, (double)r->counts[CZ_TP_NON_RENSEIGNE], F->number);
	cz_xlsx_text(x, ws, row, 0, "Part non renseignée", NULL);
	cz_xlsx_number(x, ws, row++, 1, r->part_non_renseignes, F->percent);
	cz_xlsx_text(x, ws, row, 0, "Part maximale avant INCOMPLET", NULL);
	cz_xlsx_number(x, ws, row++, 1, ref->rule.part_max_non_renseignes, F->percent);
	cz_xlsx_text(x, ws, row, 0, "Conditions de décision réunies", NULL);
	cz_xlsx_number(x, ws, row, 1, (double)r->n_conditions_ok, F->number);
	snprintf(s, sizeof(s), "sur %zu", r->n_conditions);
	cz_xlsx_text(x, ws, row++, 2, s, NULL);
	row++;
	cz_xlsx_text(x, ws, row++, 0,
		     !ref->rule.origine || ref->rule.origine->outil
			     ? "Règle appliquée (réglage par défaut de l'outil, et non critère du groupe de "
			       "travail, ajustable avec --referentiel)"
			     : "Règle appliquée (critère repris d'un document du groupe de travail)",
		     F->bold);
	cz_xlsx_row(x, ws, row, wrapped_height(ref->rule.explication, 110));
	cz_xlsx_text(x, ws, row++, 0, ref->rule.explication ? ref->rule.explication : "", F->wrap);
	if (r->prets > 0 || r->prets_autres > 0) {
		char v1[64], v2[64];
		snprintf(s, sizeof(s), "Prêts et avances remboursables : %s acquis, %s non acquis ou d'une autre année. "
				       "C'est de la trésorerie, pas une ressource : ils seront remboursés, ils ne "
				       "comptent ni dans l'équilibre financier ni dans l'autofinancement.",
			 cz_fr_euros(v1, sizeof(v1), r->prets), cz_fr_euros(v2, sizeof(v2), r->prets_autres));
		cz_xlsx_row(x, ws, ++row, wrapped_height(s, 110));
		cz_xlsx_text(x, ws, row++, 0, s, F->wrap);
	}
	row++;
	row = list(x, ws, row, "Pourquoi ce verdict", r->raisons, NULL, r->n_raisons, F);
	row = list(x, ws, row, "Ce qui changerait le verdict", r->leviers, r->leviers_niveau, r->n_leviers, F);
	if (r->n_a_saisir)
		row = list(x, ws, row, "Données à saisir", r->a_saisir, NULL, r->n_a_saisir, F);
	cz_xlsx_text(x, ws, row++, 0, "Seuils propres au projet", F->bold);
	size_t n = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (!it->seuil_override)
			continue;
		char v[64], w[64];
		/* the indicator's name is the referential's: any length */
		cz_buf line;
		cz_buf_init(&line);
		cz_buf_printf(&line, "« %s » : seuil %s au lieu de %s (test.seuils.%s)", it->nom,
			      cz_tp_format_value(v, sizeof(v), it->unite, it->seuil),
			      cz_tp_format_value(w, sizeof(w), it->unite, it->seuil_defaut),
			      cz_measure_keys[it->mesure]);
		if (cz_buf_ok(&line))
			cz_xlsx_text(x, ws, row++, 0, line.data, F->wrap);
		else
			x->nomem = true;
		cz_buf_free(&line);
		n++;
	}
	if (n == 0)
		cz_xlsx_text(x, ws, row++, 0, "Aucun : les seuils du référentiel s'appliquent.", NULL);
	worksheet_fit_to_pages(ws, 1, 0);
}

cz_status cz_testphase_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_testphase *r = result;
	const cz_referential *ref = rc->ref;
	cz_xlsx *x = rc->x;
	formats F;
	if (!make_formats(x, &F, r->verdict))
		return CZ_OK; /* the error is in x */
	lxw_worksheet *wd = cz_xlsx_sheet(x, SHEET_DECISION);
	lxw_worksheet *wc = cz_xlsx_sheet(x, SHEET_CARD);
	if (!wd || !wc)
		return CZ_OK;
	lxw_row_t last = sheet_card(x, wc, r, &F);
	sheet_decision(x, wd, r, ref, last, &F);
	return CZ_OK;
}
