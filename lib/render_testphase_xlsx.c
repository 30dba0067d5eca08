/*
 * The test-phase decision as a live workbook.
 *
 * "Test décision" (first) gives the test period, the verdict, the score and
 * every figure the verdict rests on, then the rule itself: the credit of
 * each status, the thresholds of the referential (read at render time,
 * never written here), the order in which the verdicts are tried with what
 * each needs, and the reasons and levers as computed when the workbook was
 * made. "Test indicateurs" is the scorecard: one row per indicator with a
 * status drop-down; the credit, the retained weight, the score, the counts,
 * the verdict and its motive are formulas over the statuses, the weights
 * and the rule's cells, each written with the value computed by
 * lib/testphase.c cached, so changing a status in LibreOffice or Excel gives
 * the verdict `test-phase` gives for the same statuses (cz_tp_assess and
 * cz_tp_decide, in the same order). The conditions of decision have their
 * status drop-down too; the pitfalls (outside the score) follow. "Test
 * détail" says, for each indicator, how its value is obtained, what would
 * reach the threshold and where the threshold comes from.
 *
 * Formulas compare statuses with EXACT against the label cells of the rule
 * block, never with a literal; the critical flags are numbers (1 shown
 * "oui"), so the formulas count them.
 *
 * lib/fiche_import.c reads this workbook back (import --into): the sheet
 * "Test indicateurs", its header row with "Indicateur", "Valeur" and "Seuil
 * atteint", and the conditions under their own header "Condition de
 * décision" / "Valeur"; whatever comes after that header is read as
 * conditions only. "Test détail" holds the long texts of every item.
 */
#include <stdio.h>
#include <string.h>

#include "format_fr.h"
#include "origin.h"
#include "render.h"
#include "testphase.h"
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET_CARD "Test indicateurs"
#define SHEET_DECISION "Test décision"
#define SHEET_DETAIL "Test détail"
/* A reference to the decision sheet from the scorecard. */
#define DEC "'" SHEET_DECISION "'!"
#define CARD "'" SHEET_CARD "'!"

/* Scorecard columns. */
enum {
	K_NOM, K_NATURE, K_CRITIQUE, K_VALEUR, K_UNITE, K_SENS, K_SEUIL, K_PARTIEL, K_STATUT, K_POIDS,
	K_CREDIT, K_POIDS_RETENU, K_COUNT
};
static const double card_widths[K_COUNT] = { 32, 11, 8, 10, 11, 8, 9, 9, 13, 7, 8, 8 };
#define CARD_HEAD_ROW 2
#define CARD_FIRST_ROW 3

/* Decision sheet: column A says, B holds the value. Rows (0-based). */
enum {
	D_TITLE, D_PERIOD, D_VERDICT, D_SCORE, D_GO, D_NO_GO, D_NR, D_PART_NR, D_PART_MAX, D_COND_OK,
	D_CRIT_MISS, D_CRIT_BELOW, D_CRIT_NR, D_CRIT_NR_RULE, D_LINE, D_MOTIVE, D_COUNT
};
static const double dec_widths[3] = { 62, 14, 16 };

static const char *const unit_labels[] = { "mois",      "ratio",    "part", "note sur 5", "oui / non",
					   "pour 1\u202F000 par mois", "nombre" };

/* The rule block, after the figures. */
typedef struct {
	lxw_row_t status_first;  /* the four status labels in A, their credit in B */
	lxw_row_t verdict_first; /* the four verdicts, in the order they are tried: B label, A when */
} rule_rows;

/* The order in which cz_tp_decide tries the verdicts. */
static const cz_verdict verdict_order[4] = { CZ_VERDICT_INCOMPLET, CZ_VERDICT_NO_GO, CZ_VERDICT_GO,
					     CZ_VERDICT_REAJUSTER };

static void cell(char *out, size_t n, const char *sheet_prefix, lxw_row_t row, lxw_col_t col, bool absolute)
{
	char c[16];
	if (absolute)
		lxw_rowcol_to_cell_abs(c, row, col, 1, 1);
	else
		lxw_rowcol_to_cell(c, row, col);
	snprintf(out, n, "%s%s", sheet_prefix, c);
}

static void range(char *out, size_t n, const char *sheet_prefix, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
		  lxw_col_t c2)
{
	char a[16], b[16];
	lxw_rowcol_to_cell_abs(a, r1, c1, 1, 1);
	lxw_rowcol_to_cell_abs(b, r2, c2, 1, 1);
	snprintf(out, n, "%s%s:%s", sheet_prefix, a, b);
}

static lxw_format *value_format(const cz_xlsx_styles *S, cz_ind_unit u)
{
	return u == CZ_UNIT_PART ? S->percent : u == CZ_UNIT_RATIO ? S->ratio : u == CZ_UNIT_BOOLEEN ? S->yes_no
											       : S->decimal;
}

static void status_rules(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_col_t col,
			 const cz_xlsx_styles *S)
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
		cf.format = S->tone_cf[cz_xlsx_tone_tp_status((cz_tp_status)s)];
		cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, first, col, last, col, &cf), ws, first, col);
	}
}

/* A status drop-down over rows first..last of `col`: the labels of
 * `statuses` (conditions have no partiel). */
static void status_list(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_col_t col,
			bool with_partiel)
{
	if (last < first)
		return;
	char *with[] = { "atteint", "partiel", "non atteint", "non renseigné", NULL };
	char *without[] = { "atteint", "non atteint", "non renseigné", NULL };
	lxw_data_validation dv;
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = with_partiel ? with : without;
	dv.input_title = "Statut";
	dv.input_message = "Choisissez le statut dans la liste\u00A0: le score et le verdict se recalculent.";
	dv.error_title = "Statut inconnu";
	dv.error_message = "Choisissez un statut de la liste déroulante.";
	cz_xlsx_check_at(x, worksheet_data_validation_range(ws, first, col, last, col, &dv), ws, first, col);
}

static void card_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const cz_tp_indicator *it,
		     const cz_xlsx_styles *S, const rule_rows *R)
{
	char formula[512], st[16], po[16], labels[64], credits[64], nr[64];
	cz_xlsx_text(x, ws, row, K_NOM, it->nom, S->wrap);
	cz_xlsx_text(x, ws, row, K_NATURE,
		     it->is_pitfall ? "piège (hors score)" : it->qualitatif ? "qualitatif" : "quantitatif", S->wrap);
	cz_xlsx_number(x, ws, row, K_CRITIQUE, it->critique ? 1 : 0, S->yes_no);
	lxw_format *vf = value_format(S, it->unite);
	if (it->value.set)
		cz_xlsx_number(x, ws, row, K_VALEUR, it->value.value, vf);
	cz_xlsx_text(x, ws, row, K_UNITE, (unsigned)it->unite < sizeof(unit_labels) / sizeof(unit_labels[0])
						  ? unit_labels[it->unite]
						  : "nombre",
		     S->wrap);
	cz_xlsx_text(x, ws, row, K_SENS, it->sens_max ? "au plus" : "au moins", S->wrap);
	cz_xlsx_number(x, ws, row, K_SEUIL, it->seuil, vf);
	if (it->has_partiel)
		cz_xlsx_number(x, ws, row, K_PARTIEL, it->seuil_partiel, vf);
	cz_xlsx_text(x, ws, row, K_STATUT, cz_tp_status_labels[it->status],
		     S->tone[cz_xlsx_tone_tp_status(it->status)]);
	if (it->is_pitfall)
		return;
	lxw_rowcol_to_cell(st, row, K_STATUT);
	lxw_rowcol_to_cell(po, row, K_POIDS);
	cz_xlsx_number(x, ws, row, K_POIDS, it->poids, S->decimal);
	/* credit: the credit of the status's label in the rule (atteint, partiel, non atteint) */
	range(labels, sizeof(labels), DEC, R->status_first, 0, R->status_first + 2, 0);
	range(credits, sizeof(credits), DEC, R->status_first, 1, R->status_first + 2, 1);
	snprintf(formula, sizeof(formula), "=SUMPRODUCT(EXACT(%s,%s)*%s)", st, labels, credits);
	cz_xlsx_formula(x, ws, row, K_CREDIT, formula, S->decimal,
			it->status == CZ_TP_ATTEINT ? 1 : it->status == CZ_TP_PARTIEL ? 0.5 : 0);
	cell(nr, sizeof(nr), DEC, R->status_first + 3, 0, true);
	snprintf(formula, sizeof(formula), "=IF(EXACT(%s,%s),0,%s)", st, nr, po);
	cz_xlsx_formula(x, ws, row, K_POIDS_RETENU, formula, S->decimal,
			it->status == CZ_TP_NON_RENSEIGNE ? 0 : it->poids);
}

/* "Where the threshold comes from", any length. */
static void origin_text(cz_buf *o, const cz_tp_indicator *it)
{
	if (it->seuil_override)
		cz_buf_printf(o, "seuil propre au projet (test.seuils.%s)", cz_measure_keys[it->mesure]);
	else if (!it->origine_seuils || it->origine_seuils->outil)
		cz_buf_puts(o, "réglage par défaut de l'outil, ajustable (--referentiel, test.seuils)");
	else
		cz_buf_printf(o, "repris du document «\u00A0%s\u00A0»", it->origine_seuils->titre);
}

static void title(cz_xlsx *x, lxw_worksheet *ws, const char *what, const cz_testphase *r, const cz_xlsx_styles *S)
{
	cz_buf t;
	cz_buf_init(&t);
	cz_buf_puts(&t, what);
	cz_buf_puts(&t, r->project->projet.nom ? r->project->projet.nom : "projet sans nom");
	if (cz_buf_ok(&t))
		cz_xlsx_title(x, ws, 0, t.data, S->title);
	else
		x->nomem = true;
	cz_buf_free(&t);
}

typedef struct {
	lxw_row_t last;                  /* last indicator row */
	lxw_row_t cond_first, cond_last; /* condition rows; cond_last < cond_first: none */
} card_rows;

static card_rows sheet_card(cz_xlsx *x, lxw_worksheet *ws, const cz_testphase *r, const cz_xlsx_styles *S,
			    const rule_rows *R)
{
	static const char *const headers[K_COUNT] = {
		"Indicateur", "Nature", "Critique", "Valeur", "Unité", "Sens", "Seuil atteint", "Seuil partiel",
		"Statut", "Poids", "Crédit", "Poids retenu",
	};
	card_rows out = { 0 };
	cz_xlsx_columns(x, ws, card_widths, K_COUNT);
	title(x, ws, "Indicateurs de sortie de test — ", r, S);
	cz_xlsx_merge(x, ws, 1, 0, 1, K_COUNT - 1,
		      "Choisissez un statut dans la liste de la colonne Statut\u00A0: crédit, poids retenu, score et "
		      "verdict (feuille «\u00A0" SHEET_DECISION "\u00A0») se recalculent selon la règle écrite sur cette "
		      "feuille-là. Atteint en vert, partiel en orange, non atteint en rouge, non renseigné en gris.",
		      S->note);
	for (int c = 0; c < K_COUNT; c++)
		cz_xlsx_text(x, ws, CARD_HEAD_ROW, (lxw_col_t)c, headers[c], S->header);
	lxw_row_t row = CARD_FIRST_ROW;
	for (size_t i = 0; i < r->n_indicators; i++)
		card_row(x, ws, row++, &r->items[i], S, R);
	out.last = row - 1;
	if (r->n_indicators) {
		status_rules(x, ws, CARD_FIRST_ROW, out.last, K_STATUT, S);
		status_list(x, ws, CARD_FIRST_ROW, out.last, K_STATUT, true);
	}

	row++;
	cz_xlsx_text(x, ws, row, K_NOM, "Condition de décision", S->header);
	cz_xlsx_text(x, ws, row, K_NATURE, "Valeur", S->header);
	cz_xlsx_text(x, ws, row, K_CRITIQUE, "Attendu", S->header);
	cz_xlsx_text(x, ws, row, K_VALEUR, "Statut", S->header);
	row++;
	out.cond_first = row;
	for (size_t i = 0; i < r->n_conditions; i++, row++) {
		const cz_tp_condition *cd = &r->conditions[i];
		cz_xlsx_text(x, ws, row, K_NOM, cd->ref->nom, S->wrap);
		cz_xlsx_text(x, ws, row, K_NATURE, cd->value < 0 ? "—" : cd->value ? "oui" : "non", S->text);
		cz_xlsx_text(x, ws, row, K_CRITIQUE, "oui", S->text);
		cz_xlsx_text(x, ws, row, K_VALEUR, cz_tp_status_labels[cd->status],
			     S->tone[cz_xlsx_tone_tp_status(cd->status)]);
	}
	out.cond_last = row - 1;
	if (r->n_conditions) {
		status_rules(x, ws, out.cond_first, out.cond_last, K_VALEUR, S);
		status_list(x, ws, out.cond_first, out.cond_last, K_VALEUR, false);
	}

	if (r->n_items > r->n_indicators) {
		row++;
		cz_xlsx_text(x, ws, row++, K_NOM, "Pièges à éviter (hors score)", S->bold);
		for (size_t i = r->n_indicators; i < r->n_items; i++)
			card_row(x, ws, row++, &r->items[i], S, R);
	}

	worksheet_freeze_panes(ws, CARD_FIRST_ROW, 1);
	return out;
}

/* The long texts of each item, on their own sheet so the scorecard prints
 * at full size and names each indicator once. */
static void sheet_detail(cz_xlsx *x, lxw_worksheet *ws, const cz_testphase *r, const cz_xlsx_styles *S)
{
	static const double widths[] = { 30, 48, 44, 30 };
	static const char *const headers[] = { "Indicateur ou piège", "Comment la valeur est obtenue",
					       "Pour l'atteindre / à saisir", "Origine du seuil et du poids" };
	cz_xlsx_columns(x, ws, widths, 4);
	title(x, ws, "Détail des indicateurs — ", r, S);
	for (lxw_col_t c = 0; c < 4; c++)
		cz_xlsx_text(x, ws, 1, c, headers[c], S->header);
	cz_xlsx_repeat(x, ws, 1, 1);
	lxw_row_t row = 2;
	for (size_t i = 0; i < r->n_items; i++, row++) {
		const cz_tp_indicator *it = &r->items[i];
		cz_xlsx_text(x, ws, row, 0, it->nom, S->wrap);
		cz_xlsx_text(x, ws, row, 1, it->calcul ? it->calcul : "", S->wrap);
		cz_xlsx_text(x, ws, row, 2, it->cible ? it->cible : it->a_saisir ? it->a_saisir : "", S->wrap);
		cz_buf o;
		cz_buf_init(&o);
		origin_text(&o, it);
		if (cz_buf_ok(&o))
			cz_xlsx_text(x, ws, row, 3, o.data, S->wrap);
		else
			x->nomem = true;
		cz_buf_free(&o);
	}
	worksheet_freeze_panes(ws, 2, 1);
}

/* `levels`, when given, indents the sub-items (level 1) under their heading. */
static lxw_row_t list(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *head, const char *const *items,
		      const unsigned char *levels, size_t n, const cz_xlsx_styles *S)
{
	cz_xlsx_merge(x, ws, row, 0, row, 2, head, S->wrap_bold);
	row++;
	for (size_t i = 0; i < n; i++, row++)
		cz_xlsx_merge(x, ws, row, 0, row, 2, items[i], levels && levels[i] ? S->wrap_indent : S->wrap);
	return row + 1;
}

static void date_text(char *out, size_t n, cz_date d)
{
	if (d.day)
		snprintf(out, n, "%02d/%02d/%04d", d.day % 100, d.month % 100, d.year % 10000);
	else
		snprintf(out, n, "%02d/%04d", d.month % 100, d.year % 10000);
}

static void period(const cz_testphase *r, cz_buf *b)
{
	const cz_test *t = &r->project->test;
	char a[32], c[32];
	date_text(a, sizeof(a), t->debut);
	date_text(c, sizeof(c), t->fin);
	cz_buf_puts(b, "Période du test\u00A0: ");
	if (t->debut.set && t->fin.set)
		cz_buf_printf(b, "du %s au %s", a, c);
	else if (t->debut.set)
		cz_buf_printf(b, "depuis le %s (pas de date de fin, test.fin)", a);
	else if (t->fin.set)
		cz_buf_printf(b, "jusqu'au %s (pas de date de début, test.debut)", c);
	else
		cz_buf_puts(b, "non renseignée (test.debut, test.fin)\u00A0: tous les relevés d'activité comptent");
	cz_buf_printf(b, "\u202F; %zu relevé%s mensuel%s dans la période.", r->n_months, r->n_months > 1 ? "s" : "",
		      r->n_months > 1 ? "s" : "");
}

static const char *verdict_when(cz_verdict v, const cz_ref_verdict_rule *rule)
{
	switch (v) {
	case CZ_VERDICT_INCOMPLET:
		return rule->critique_non_renseigne_incomplet
			       ? "1. INCOMPLET si la part d'indicateurs non renseignés dépasse la part maximale, ou si "
				 "un indicateur critique n'est pas renseigné."
			       : "1. INCOMPLET si la part d'indicateurs non renseignés dépasse la part maximale.";
	case CZ_VERDICT_NO_GO:
		return "2. Sinon NO-GO si un indicateur critique n'est pas atteint, ou si le score est sous le seuil "
		       "NO-GO.";
	case CZ_VERDICT_GO:
		return "3. Sinon GO si le score atteint le seuil GO, que tous les indicateurs critiques sont "
		       "atteints et que toutes les conditions de décision sont réunies.";
	default:
		return "4. Sinon RÉAJUSTER.";
	}
}

/* Column B of a decision row: the live formula with the value computed
 * here as its cached result, or, without a formula (NULL), `otherwise` as
 * a plain number. */
static void figure(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *formula, double value,
		   double otherwise, lxw_format *f)
{
	if (formula)
		cz_xlsx_formula(x, ws, row, 1, formula, f, value);
	else
		cz_xlsx_number(x, ws, row, 1, otherwise, f);
}

static void sheet_decision(cz_xlsx *x, lxw_worksheet *ws, const cz_testphase *r, const cz_referential *ref,
			   const card_rows *C, const rule_rows *R, const cz_xlsx_styles *S)
{
	const cz_ref_verdict_rule *rule = &ref->rule;
	char s[1024], st[64], po[64], cr[64], re[64], cd[64];
	cz_xlsx_columns(x, ws, dec_widths, 3);
	cz_xlsx_repeat(x, ws, 0, 0); /* the title on every page */
	title(x, ws, "Sortie de la phase de test — ", r, S);
	cz_buf b;
	cz_buf_init(&b);
	period(r, &b);
	if (cz_buf_ok(&b))
		cz_xlsx_merge(x, ws, D_PERIOD, 0, D_PERIOD, 2, b.data, S->wrap);
	else
		x->nomem = true;
	cz_buf_free(&b);

	bool live = r->n_indicators > 0;
	lxw_row_t first = CARD_FIRST_ROW, last = C->last;
	range(st, sizeof(st), CARD, first, K_STATUT, last, K_STATUT);
	range(po, sizeof(po), CARD, first, K_POIDS, last, K_POIDS);
	range(cr, sizeof(cr), CARD, first, K_CREDIT, last, K_CREDIT);
	range(re, sizeof(re), CARD, first, K_POIDS_RETENU, last, K_POIDS_RETENU);
	range(cd, sizeof(cd), CARD, first, K_CRITIQUE, last, K_CRITIQUE);
	char a_lab[32], na_lab[32], nr_lab[32];
	cell(a_lab, sizeof(a_lab), "", R->status_first + CZ_TP_ATTEINT, 0, true);
	cell(na_lab, sizeof(na_lab), "", R->status_first + CZ_TP_NON_ATTEINT, 0, true);
	cell(nr_lab, sizeof(nr_lab), "", R->status_first + CZ_TP_NON_RENSEIGNE, 0, true);

	/* critical counts as lib/testphase.c makes them */
	size_t crit_miss = 0, crit_below = 0, crit_nr = 0;
	for (size_t i = 0; i < r->n_indicators; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (!it->critique)
			continue;
		crit_miss += it->status == CZ_TP_NON_ATTEINT;
		crit_below += it->status != CZ_TP_ATTEINT;
		crit_nr += it->status == CZ_TP_NON_RENSEIGNE;
	}

	static const char *const labels[D_COUNT] = {
		[D_VERDICT] = "Verdict",
		[D_SCORE] = "Score pondéré des indicateurs renseignés",
		[D_GO] = "Seuil GO (score minimal)",
		[D_NO_GO] = "Seuil NO-GO (score en dessous duquel)",
		[D_NR] = "Indicateurs non renseignés",
		[D_PART_NR] = "Part non renseignée",
		[D_PART_MAX] = "Part maximale avant INCOMPLET",
		[D_COND_OK] = "Conditions de décision réunies",
		[D_CRIT_MISS] = "Indicateurs critiques non atteints",
		[D_CRIT_BELOW] = "Indicateurs critiques en deçà de «\u00A0atteint\u00A0»",
		[D_CRIT_NR] = "Indicateurs critiques non renseignés",
		[D_CRIT_NR_RULE] = "Un indicateur critique non renseigné rend le verdict INCOMPLET",
		[D_LINE] = "Ligne de la règle qui s'applique (ci-dessous)",
		[D_MOTIVE] = "Motif",
	};
	/* which line of the rule applies: cz_tp_decide's order */
	int line = 4;
	for (int k = 0; k < 4; k++)
		if (verdict_order[k] == (r->verdict == CZ_VERDICT_NON_EVALUE ? cz_tp_decide(&r->grounds) : r->verdict)) {
			line = k + 1;
			break;
		}
	char verdicts[32], whens[32], conds[64] = "";
	range(verdicts, sizeof(verdicts), "", R->verdict_first, 1, R->verdict_first + 3, 1);
	range(whens, sizeof(whens), "", R->verdict_first, 0, R->verdict_first + 3, 0);
	if (r->n_conditions)
		range(conds, sizeof(conds), CARD, C->cond_first, K_VALEUR, C->cond_last, K_VALEUR);
	/* B-cells by row (1-based for the formula text) */
#define B(row) ((row) + 1)
	/* Row after row (a workbook written in row order): the label in A,
	 * then the figure in B, live when there are indicators, and the
	 * referential's rule as read for this run. */
	for (int k = D_VERDICT; k < D_MOTIVE; k++) {
		lxw_row_t row = (lxw_row_t)k;
		cz_xlsx_text(x, ws, row, 0, labels[k], k == D_VERDICT ? S->bold : S->text);
		switch (k) {
		case D_VERDICT:
			cz_xlsx_row(x, ws, D_VERDICT, 24);
			if (r->not_assessed) {
				/* nothing was decided: the rule's figures stay live, the verdict does not */
				cz_xlsx_text(x, ws, D_VERDICT, 1, cz_verdict_labels[r->verdict], S->verdict[CZ_TONE_NEUTRAL]);
				break;
			}
			snprintf(s, sizeof(s), "=INDEX(%s,B%d)", verdicts, B(D_LINE));
			cz_xlsx_formula_text(x, ws, D_VERDICT, 1, s, S->verdict[cz_xlsx_tone_verdict(r->verdict)],
					     cz_verdict_labels[r->verdict]);
			for (int v = 0; v < 4; v++) {
				char crit[64];
				snprintf(crit, sizeof(crit), "\"%s\"", cz_verdict_labels[verdict_order[v]]);
				lxw_conditional_format cf;
				memset(&cf, 0, sizeof(cf));
				cf.type = LXW_CONDITIONAL_TYPE_CELL;
				cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
				cf.value_string = crit;
				cf.format = S->tone_cf[cz_xlsx_tone_verdict(verdict_order[v])];
				cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, D_VERDICT, 1, D_VERDICT, 1, &cf),
						 ws, D_VERDICT, 1);
			}
			break;
		case D_SCORE:
			snprintf(s, sizeof(s), "=IF(SUM(%s)=0,0,SUMPRODUCT(%s,%s)/SUM(%s))", re, po, cr, re);
			figure(x, ws, row, live ? s : NULL, r->score, r->score, S->ratio);
			break;
		case D_GO:
			cz_xlsx_number(x, ws, row, 1, rule->score_go, S->ratio);
			break;
		case D_NO_GO:
			cz_xlsx_number(x, ws, row, 1, rule->score_no_go, S->ratio);
			break;
		case D_NR:
			snprintf(s, sizeof(s), "=SUMPRODUCT(EXACT(%s,%s)*1)", st, nr_lab);
			figure(x, ws, row, live ? s : NULL, (double)r->counts[CZ_TP_NON_RENSEIGNE], 0, S->integer);
			break;
		case D_PART_NR:
			snprintf(s, sizeof(s), "=B%d/%zu", D_NR + 1, r->n_indicators);
			figure(x, ws, row, live ? s : NULL, r->part_non_renseignes, r->part_non_renseignes, S->percent_1);
			break;
		case D_PART_MAX:
			cz_xlsx_number(x, ws, row, 1, rule->part_max_non_renseignes, S->percent_1);
			break;
		case D_COND_OK:
			snprintf(s, sizeof(s), "=SUMPRODUCT(EXACT(%s,%s)*1)", conds, a_lab);
			figure(x, ws, row, r->n_conditions ? s : NULL, (double)r->n_conditions_ok, 0, S->integer);
			snprintf(s, sizeof(s), "sur %zu", r->n_conditions);
			cz_xlsx_text(x, ws, row, 2, s, S->text);
			break;
		case D_CRIT_MISS:
			snprintf(s, sizeof(s), "=SUMPRODUCT(%s*EXACT(%s,%s))", cd, st, na_lab);
			figure(x, ws, row, live ? s : NULL, (double)crit_miss, 0, S->integer);
			break;
		case D_CRIT_BELOW:
			snprintf(s, sizeof(s), "=SUMPRODUCT(%s*(1-EXACT(%s,%s)))", cd, st, a_lab);
			figure(x, ws, row, live ? s : NULL, (double)crit_below, 0, S->integer);
			break;
		case D_CRIT_NR:
			snprintf(s, sizeof(s), "=SUMPRODUCT(%s*EXACT(%s,%s))", cd, st, nr_lab);
			figure(x, ws, row, live ? s : NULL, (double)crit_nr, 0, S->integer);
			break;
		case D_CRIT_NR_RULE:
			cz_xlsx_number(x, ws, row, 1, rule->critique_non_renseigne_incomplet ? 1 : 0, S->yes_no);
			break;
		case D_LINE:
			snprintf(s, sizeof(s),
				 "=IF(OR(B%d>B%d,AND(B%d=1,B%d>0)),1,IF(OR(B%d>0,B%d<B%d-0.000000001),2,"
				 "IF(AND(B%d>=B%d-0.000000001,B%d=0,B%d=%zu),3,4)))",
				 B(D_PART_NR), B(D_PART_MAX), B(D_CRIT_NR_RULE), B(D_CRIT_NR), B(D_CRIT_MISS), B(D_SCORE),
				 B(D_NO_GO), B(D_SCORE), B(D_GO), B(D_CRIT_BELOW), B(D_COND_OK), r->n_conditions);
			cz_xlsx_formula(x, ws, row, 1, s, S->integer, line);
			break;
		default:
			break;
		}
	}
	if (r->not_assessed) {
		cz_xlsx_merge(x, ws, D_MOTIVE, 0, D_MOTIVE, 2,
			      "Projet déclaré après la phase de test, sans section test\u00A0: il n'a pas été évalué.",
			      S->wrap);
	} else {
		snprintf(s, sizeof(s), "=INDEX(%s,B%d)", whens, B(D_LINE));
		/* merged for its width, then the formula in its first cell */
		cz_xlsx_merge(x, ws, D_MOTIVE, 0, D_MOTIVE, 2, verdict_when(verdict_order[line - 1], rule), S->wrap);
		cz_xlsx_formula_text(x, ws, D_MOTIVE, 0, s, S->wrap, verdict_when(verdict_order[line - 1], rule));
	}
#undef B

	/* the rule */
	lxw_row_t row = D_COUNT + 1;
	cz_xlsx_merge(x, ws, row, 0, row, 2,
		      !rule->origine || rule->origine->outil
			      ? "Règle du verdict (réglage par défaut de l'outil, et non critère du groupe de travail\u202F; "
				"ajustable avec --referentiel)"
			      : "Règle du verdict (critère repris d'un document du groupe de travail)",
		      S->wrap_bold);
	row++;
	if (rule->explication && *rule->explication) {
		cz_xlsx_merge(x, ws, row, 0, row, 2, rule->explication, S->wrap);
		row++;
	}
	cz_xlsx_text(x, ws, row, 0, "Statut", S->header);
	cz_xlsx_text(x, ws, row, 1, "Crédit", S->header);
	row++;
	/* R->status_first is this row: computed by rule_layout the same way */
	for (int k = 0; k < CZ_TP_STATUS_COUNT; k++, row++) {
		cz_xlsx_text(x, ws, row, 0, cz_tp_status_labels[k], S->tone[cz_xlsx_tone_tp_status((cz_tp_status)k)]);
		if (k == CZ_TP_NON_RENSEIGNE)
			cz_xlsx_text(x, ws, row, 1, "hors score", S->text);
		else
			cz_xlsx_number(x, ws, row, 1, k == CZ_TP_ATTEINT ? 1 : k == CZ_TP_PARTIEL ? 0.5 : 0, S->decimal);
	}
	row++;
	cz_xlsx_text(x, ws, row, 0, "Verdicts, dans l'ordre où ils sont essayés", S->header);
	cz_xlsx_text(x, ws, row, 1, "Verdict", S->header);
	row++;
	for (int k = 0; k < 4; k++, row++) {
		cz_xlsx_text(x, ws, row, 0, verdict_when(verdict_order[k], rule), S->wrap);
		cz_xlsx_text(x, ws, row, 1, cz_verdict_labels[verdict_order[k]],
			     S->tone_bold[cz_xlsx_tone_verdict(verdict_order[k])]);
	}
	row++;

	if (r->prets > 0 || r->prets_autres > 0) {
		char v1[64], v2[64];
		snprintf(s, sizeof(s), "Prêts et avances remboursables\u00A0: %s acquis, %s non acquis ou d'une autre année. "
				       "C'est de la trésorerie, pas une ressource\u00A0: ils seront remboursés, ils ne "
				       "comptent ni dans l'équilibre financier ni dans l'autofinancement.",
			 cz_fr_euros(v1, sizeof(v1), r->prets), cz_fr_euros(v2, sizeof(v2), r->prets_autres));
		cz_xlsx_merge(x, ws, row, 0, row, 2, s, S->wrap);
		row += 2;
	}
	row = list(x, ws, row, "Pourquoi ce verdict (avec les statuts calculés à partir du fichier de projet)",
		   r->raisons, NULL, r->n_raisons, S);
	row = list(x, ws, row, "Ce qui changerait le verdict", r->leviers, r->leviers_niveau, r->n_leviers, S);
	if (r->n_a_saisir)
		row = list(x, ws, row, "Données à saisir", r->a_saisir, NULL, r->n_a_saisir, S);
	cz_xlsx_merge(x, ws, row, 0, row, 2, "Seuils propres au projet", S->wrap_bold);
	row++;
	size_t n = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (!it->seuil_override)
			continue;
		char v[64], w[64];
		/* the indicator's name is the referential's: any length */
		cz_buf line_text;
		cz_buf_init(&line_text);
		cz_buf_printf(&line_text, "«\u00A0%s\u00A0»\u00A0: seuil %s au lieu de %s (test.seuils.%s)", it->nom,
			      cz_tp_format_value(v, sizeof(v), it->unite, it->seuil),
			      cz_tp_format_value(w, sizeof(w), it->unite, it->seuil_defaut),
			      cz_measure_keys[it->mesure]);
		if (cz_buf_ok(&line_text))
			cz_xlsx_merge(x, ws, row, 0, row, 2, line_text.data, S->wrap);
		else
			x->nomem = true;
		cz_buf_free(&line_text);
		row++;
		n++;
	}
	if (n == 0)
		cz_xlsx_merge(x, ws, row, 0, row, 2, "Aucun\u00A0: les seuils du référentiel s'appliquent.", S->wrap);
}

/* Where the rule block's tables fall on the decision sheet (sheet_decision
 * writes them in this order). */
static rule_rows rule_layout(const cz_referential *ref)
{
	rule_rows R;
	lxw_row_t row = D_COUNT + 1;
	row++; /* the rule's heading */
	if (ref->rule.explication && *ref->rule.explication)
		row++;
	row++; /* status header */
	R.status_first = row;
	row += CZ_TP_STATUS_COUNT + 1;
	row++; /* verdicts header */
	R.verdict_first = row;
	return R;
}

cz_status cz_testphase_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_testphase *r = result;
	const cz_referential *ref = rc->ref;
	cz_xlsx *x = rc->x;
	const cz_projet *pj = &r->project->projet;
	cz_xlsx_document(x, pj->nom, pj->date.set ? &pj->date : NULL);
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	if (!S)
		return CZ_OK; /* the error is in x */
	lxw_worksheet *wd = cz_xlsx_sheet(x, SHEET_DECISION);
	lxw_worksheet *wc = cz_xlsx_sheet(x, SHEET_CARD);
	lxw_worksheet *wt = cz_xlsx_sheet(x, SHEET_DETAIL);
	if (!wd || !wc || !wt)
		return CZ_OK;
	rule_rows R = rule_layout(ref);
	card_rows C = sheet_card(x, wc, r, S, &R);
	sheet_decision(x, wd, r, ref, &C, &R, S);
	sheet_detail(x, wt, r, S);
	return CZ_OK;
}
