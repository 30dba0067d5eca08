/*
 * The diagnostic as worksheets, each with a frozen header row:
 * "Diag synthèse" (identity, progress of the four phases, competence
 * coverage by family), "Diag étapes" (every step and its status), "Diag
 * compétences" (the declared phase's checklist), "Diag besoins" (ranked
 * needs, offers without a need), "Diag alertes" and "Diag actions".
 * Ratios and counts are numbers with number formats; statuses and
 * severities are coloured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "render.h"
#include "enums.h"
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET_SUMMARY "Diag synthèse"
#define SHEET_STEPS "Diag étapes"
#define SHEET_SKILLS "Diag compétences"
#define SHEET_NEEDS "Diag besoins"
#define SHEET_ALERTS "Diag alertes"
#define SHEET_ACTIONS "Diag actions"
#define SHEET_DEFINITION "Diag définition"

typedef struct {
	cz_xlsx *x; /* the workbook, which keeps the first failure */
	lxw_format *title, *header, *bold, *plain, *text, *wrap, *percent, *percent_bold, *count, *count_bold,
		*date;
	lxw_format *step[CZ_STEP_COUNT];      /* a step of the declared phase or an earlier one */
	lxw_format *step_later[CZ_STEP_COUNT]; /* of a later phase: nothing is due yet */
	lxw_format *cov[CZ_COV_COUNT];
	lxw_format *sev[CZ_SEV_COUNT];
} ctx;

/* An allocation of ours failed while writing `ws`. */
static void nomem(ctx *c, lxw_worksheet *ws)
{
	cz_xlsx_check_at(c->x, LXW_ERROR_MEMORY_MALLOC_FAILED, ws, LXW_ROW_MAX, LXW_COL_MAX);
}

/* The workbook's shared formats (lib/xlsx_style.h), by what they show here. */
static bool make_formats(ctx *c)
{
	const cz_xlsx_styles *S = cz_xlsx_styles_get(c->x);
	if (!S)
		return false;
	c->title = S->title;
	c->header = S->header;
	c->bold = S->bold;
	c->plain = S->text;
	c->text = S->wrap; /* table cells: wrapped within their column */
	c->wrap = S->wrap;
	c->percent = S->percent;
	c->percent_bold = S->percent_bold;
	c->count = S->integer;
	c->count_bold = S->integer_bold;
	c->date = S->date;
	for (int k = 0; k < CZ_STEP_COUNT; k++) {
		c->step[k] = S->tone[cz_xlsx_tone_step((cz_step_status)k, true)];
		c->step_later[k] = S->tone[cz_xlsx_tone_step((cz_step_status)k, false)];
	}
	static const cz_tone cov[CZ_COV_COUNT] = { CZ_TONE_GOOD, CZ_TONE_INFO, CZ_TONE_MIXED,
						   CZ_TONE_BAD, CZ_TONE_NEUTRAL, CZ_TONE_NEUTRAL };
	for (int k = 0; k < CZ_COV_COUNT; k++)
		c->cov[k] = S->tone[cov[k]];
	for (int k = 0; k < CZ_SEV_COUNT; k++)
		c->sev[k] = S->tone[cz_xlsx_tone_severity((cz_severity)k)];
	return true;
}

/* A string cell; NULL writes nothing (the cell writer cuts overlong text). */
static void put_str(ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *s, lxw_format *f)
{
	cz_xlsx_text(c->x, ws, r, col, s, f);
}

static void put_num(ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, double v, lxw_format *f)
{
	cz_xlsx_number(c->x, ws, r, col, v, f);
}

static void headers(ctx *c, lxw_worksheet *ws, lxw_row_t r, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_str(c, ws, r, (lxw_col_t)i, names[i], c->header);
}

/* Column widths, and the sheet under the shared page layout; `head`: the
 * table's header row, repeated on every printed page. */
static void widths(ctx *c, lxw_worksheet *ws, const double *w, size_t n, int head)
{
	cz_xlsx_columns(c->x, ws, w, n);
	if (head >= 0)
		cz_xlsx_repeat(c->x, ws, (lxw_row_t)head, (lxw_row_t)head);
}

static lxw_worksheet *sheet(ctx *c, const char *name)
{
	return cz_xlsx_sheet(c->x, name);
}

static void summary(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_SUMMARY);
	if (!ws)
		return;
	static const double w[] = { 44, 14, 12, 12, 12, 14, 12, 12, 12 };
	widths(c, ws, w, sizeof(w) / sizeof(w[0]), -1);
	const cz_projet *pj = &d->project->projet;
	lxw_row_t r = 0;
	cz_buf title;
	cz_buf_init(&title);
	cz_buf_puts(&title, "Diagnostic — ");
	cz_buf_puts(&title, pj->nom ? pj->nom : "projet sans nom");
	if (cz_buf_ok(&title))
		cz_xlsx_title(c->x, ws, r, title.data, c->title);
	else
		c->x->nomem = true;
	cz_buf_free(&title);
	worksheet_freeze_panes(ws, 1, 0);
	r += 2;

	put_str(c, ws, r, 0, "Type", c->bold);
	put_str(c, ws, r++, 1, cz_enum_label(&cz_enum_type, pj->type), c->plain);
	put_str(c, ws, r, 0, "Lieu", c->bold);
	put_str(c, ws, r++, 1, pj->lieu_set ? cz_enum_label(&cz_enum_lieu, pj->lieu) : "non renseigné", c->plain);
	put_str(c, ws, r, 0, "Porteur", c->bold);
	put_str(c, ws, r++, 1, pj->porteur_set && pj->porteur.nom ? pj->porteur.nom : "non renseigné", c->plain);
	put_str(c, ws, r, 0, "Statut du porteur", c->bold);
	put_str(c, ws, r++, 1, pj->porteur_set && pj->porteur.statut_set
				       ? cz_enum_label(&cz_enum_statut, pj->porteur.statut)
				       : "non renseigné", c->plain);
	put_str(c, ws, r, 0, "Territoire", c->bold);
	put_str(c, ws, r++, 1, pj->territoire_set && pj->territoire.nom ? pj->territoire.nom : "non renseigné",
		c->plain);
	const struct { const char *label; cz_num v; } figures[] = {
		{ "Habitants", pj->territoire.population },
		{ "Entreprises", pj->territoire.entreprises },
		{ "Salariés", pj->territoire.salaries },
	};
	for (size_t i = 0; i < 3; i++) {
		put_str(c, ws, r, 0, figures[i].label, c->bold);
		/* A zero is the starter file's placeholder, not a count. */
		if (pj->territoire_set && figures[i].v.set && figures[i].v.value > 0)
			put_num(c, ws, r, 1, figures[i].v.value, c->count);
		else
			put_str(c, ws, r, 1, "non renseigné", c->plain);
		r++;
	}
	put_str(c, ws, r, 0, "Date du point", c->bold);
	if (pj->date.set) {
		lxw_datetime dt = { pj->date.year, pj->date.month, pj->date.day ? pj->date.day : 1, 0, 0, 0 };
		cz_xlsx_datetime(c->x, ws, r, 1, &dt, c->date);
	} else {
		put_str(c, ws, r, 1, "non renseignée", c->plain);
	}
	r++;
	put_str(c, ws, r, 0, "Phase déclarée", c->bold);
	put_str(c, ws, r++, 1, cz_ref_phase_name(d->ref, d->declared), c->plain);
	put_str(c, ws, r, 0, "Phase étayée par les étapes", c->bold);
	put_str(c, ws, r++, 1, cz_ref_phase_name(d->ref, d->supported), d->ahead ? c->sev[CZ_SEV_CRITIQUE] : c->plain);
	put_str(c, ws, r, 0, "Seuil d'avancement des phases précédentes", c->bold);
	put_num(c, ws, r++, 1, d->threshold, c->percent);
	for (int s = CZ_SEV_CRITIQUE; s >= 0; s--) {
		static const char *const labels[CZ_SEV_COUNT] = { "Alertes «\u00A0info\u00A0»", "Alertes «\u00A0attention\u00A0»",
								  "Alertes critiques" };
		put_str(c, ws, r, 0, labels[s], c->bold);
		put_num(c, ws, r++, 1, (double)d->alert_counts[s], c->count);
	}
	r++;

	static const char *const ph_head[] = { "Phase", "Avancement", "Faites", "En cours", "À faire",
					       "dont non renseignées", "Sans objet", "Applicables",
					       "Seuil atteint" };
	headers(c, ws, r, ph_head, sizeof(ph_head) / sizeof(ph_head[0]));
	lxw_row_t first = ++r;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++, r++) {
		const cz_diag_phase *dp = &d->phases[ph];
		bool decl = ph == (int)d->declared;
		put_str(c, ws, r, 0, cz_ref_phase_name(d->ref, (cz_phase)ph), decl ? c->bold : c->text);
		if (dp->has_ratio)
			put_num(c, ws, r, 1, dp->ratio, decl ? c->percent_bold : c->percent);
		else
			put_str(c, ws, r, 1, "sans objet", c->text);
		const size_t v[] = { dp->done, dp->in_progress, dp->todo, dp->unrecorded, dp->not_applicable,
				     dp->applicable };
		for (size_t k = 0; k < 6; k++)
			put_num(c, ws, r, (lxw_col_t)(2 + k), (double)v[k], c->count);
		put_str(c, ws, r, 8, dp->reached ? "oui" : "non",
			dp->reached ? c->step[CZ_STEP_FAIT] : c->step[CZ_STEP_A_FAIRE]);
	}
	lxw_conditional_format bar = { 0 };
	bar.type = LXW_CONDITIONAL_DATA_BAR;
	cz_xlsx_check_at(c->x, worksheet_conditional_format_range(ws, first, 1, r - 1, 1, &bar), ws, LXW_ROW_MAX, LXW_COL_MAX);
	r++;

	const cz_cov_phase *cov = &d->coverage;
	cz_buf_init(&title);
	cz_buf_puts(&title, "Compétences de la phase ");
	cz_buf_puts(&title, cz_ref_phase_name(d->ref, d->declared));
	if (cz_buf_ok(&title))
		put_str(c, ws, r++, 0, title.data, c->bold);
	else
		c->x->nomem = true;
	cz_buf_free(&title);
	static const char *const cov_head[] = { "Famille", "Couverture", "Porteur", "Réseau", "En cours",
						"À acquérir", "Non évaluées", "Sans objet", "Total applicable" };
	headers(c, ws, r++, cov_head, sizeof(cov_head) / sizeof(cov_head[0]));
	for (size_t f = 0; f <= cov->n_families; f++) {
		bool total = f == cov->n_families;
		const cz_cov_tally *t = total ? &cov->total : &cov->by_family[f];
		if (!total && t->total == 0)
			continue;
		put_str(c, ws, r, 0, total ? "Ensemble" : d->ref->families[f].nom, total ? c->bold : c->text);
		put_num(c, ws, r, 1, t->ratio, total ? c->percent_bold : c->percent);
		for (int s = 0; s < CZ_COV_COUNT; s++)
			put_num(c, ws, r, (lxw_col_t)(2 + s), (double)t->counts[s], total ? c->count_bold : c->count);
		put_num(c, ws, r, (lxw_col_t)(2 + CZ_COV_COUNT), (double)t->total, total ? c->count_bold : c->count);
		r++;
	}
}

static void steps(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_STEPS);
	if (!ws)
		return;
	static const char *const head[] = { "Phase", "Identifiant", "Étape", "Statut", "Renseignée",
					    "Bloquante" };
	static const double w[] = { 15, 36, 60, 12, 11, 11 };
	widths(c, ws, w, 6, 0);
	headers(c, ws, 0, head, 6);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t r = 1;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		for (size_t i = 0; i < dp->n_steps; i++, r++) {
			const cz_diag_step *s = &dp->steps[i];
			bool blocking = false;
			for (size_t k = 0; k < d->n_blocking && !blocking; k++)
				blocking = d->blocking[k] == s;
			put_str(c, ws, r, 0, cz_ref_phase_name(d->ref, (cz_phase)ph), c->text);
			put_str(c, ws, r, 1, s->step->id, c->text);
			put_str(c, ws, r, 2, s->step->nom, c->wrap);
			put_str(c, ws, r, 3, cz_enum_label(&cz_enum_step_status, s->status),
				(ph <= (int)d->declared ? c->step : c->step_later)[s->status]);
			put_str(c, ws, r, 4, s->recorded ? "oui" : "non", c->text);
			put_str(c, ws, r, 5, blocking ? "oui" : "non", blocking ? c->sev[CZ_SEV_CRITIQUE] : c->text);
		}
	}
	if (r > 1)
		cz_xlsx_check_at(c->x, worksheet_autofilter(ws, 0, 0, r - 1, 5), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

static void skills(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_SKILLS);
	if (!ws)
		return;
	static const char *const head[] = { "Famille", "Identifiant", "Compétence", "État", "Porté par" };
	static const double w[] = { 24, 30, 60, 22, 28 };
	widths(c, ws, w, 5, 0);
	headers(c, ws, 0, head, 5);
	worksheet_freeze_panes(ws, 1, 0);
	const cz_cov_phase *cov = &d->coverage;
	lxw_row_t r = 1;
	for (size_t i = 0; i < cov->n_items; i++, r++) {
		const cz_cov_item *it = &cov->items[i];
		int fam = it->competence->family;
		if (fam >= 0 && (size_t)fam < d->ref->n_families)
			put_str(c, ws, r, 0, d->ref->families[fam].nom, c->text);
		put_str(c, ws, r, 1, it->competence->id, c->text);
		put_str(c, ws, r, 2, it->competence->nom, c->wrap);
		put_str(c, ws, r, 3, cz_cov_state_labels[it->state], c->cov[it->state]);
		put_str(c, ws, r, 4, it->porte_par, c->text);
	}
	if (r > 1)
		cz_xlsx_check_at(c->x, worksheet_autofilter(ws, 0, 0, r - 1, 4), ws, LXW_ROW_MAX, LXW_COL_MAX);
}

static void needs(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_NEEDS);
	if (!ws)
		return;
	static const char *const head[] = { "Rang", "Besoin", "Cible", "Demandes", "Source",
					    "Réponse de l'offre", "Offre (par le nom)", "Offres de nom proche",
					    "Offres de même cible (sans offre de ce nom)" };
	static const double w[] = { 6, 30, 14, 10, 24, 18, 26, 10, 30 };
	widths(c, ws, w, 9, 0);
	headers(c, ws, 0, head, 9);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t r = 1;
	for (size_t i = 0; i < d->n_needs; i++, r++) {
		const cz_diag_need *dn = &d->needs[i];
		put_num(c, ws, r, 0, (double)(i + 1), c->count);
		put_str(c, ws, r, 1, dn->need->besoin, c->wrap);
		put_str(c, ws, r, 2, dn->need->cible_set ? cz_enum_label(&cz_enum_cible, dn->need->cible) : NULL,
			c->text);
		if (dn->need->demandes.set)
			put_num(c, ws, r, 3, dn->need->demandes.value, c->count);
		put_str(c, ws, r, 4, dn->need->source, c->wrap);
		lxw_format *f = dn->answer == CZ_DIAG_ANSWER_PRIORITY ? c->step[CZ_STEP_FAIT]
				: dn->answer == CZ_DIAG_ANSWER_OTHER  ? c->step[CZ_STEP_EN_COURS]
								      : c->step[CZ_STEP_A_FAIRE];
		put_str(c, ws, r, 5, cz_diag_answer_labels[dn->answer], f);
		put_str(c, ws, r, 6, dn->offer ? dn->offer->service : NULL, c->wrap);
		put_num(c, ws, r, 7, (double)dn->n_offers, c->count);
		if (dn->n_same_cible) {
			cz_buf list;
			cz_buf_init(&list);
			for (size_t k = 0; k < dn->n_same_cible; k++)
				cz_buf_printf(&list, "%s%s", k ? "\n" : "",
					      dn->same_cible[k]->service ? dn->same_cible[k]->service : "?");
			if (!cz_buf_ok(&list))
				nomem(c, ws);
			else
				put_str(c, ws, r, 8, list.data, c->wrap);
			cz_buf_free(&list);
		}
	}
	r++;
	put_str(c, ws, r++, 0, "Offres qui ne répondent à aucun besoin recensé", c->bold);
	static const char *const o_head[] = { "Service", "Cible", "Prioritaire" };
	for (lxw_col_t col = 0; col < 3; col++)
		put_str(c, ws, r, col + 1, o_head[col], c->header);
	r++;
	if (d->n_unmatched_offers == 0)
		put_str(c, ws, r++, 1, "aucune", c->text);
	for (size_t i = 0; i < d->n_unmatched_offers; i++, r++) {
		const cz_offer *o = d->unmatched_offers[i];
		put_str(c, ws, r, 1, o->service, c->wrap);
		put_str(c, ws, r, 2, o->cible_set ? cz_enum_label(&cz_enum_cible, o->cible) : "non renseignée",
			c->text);
		put_str(c, ws, r, 3, o->prioritaire ? "oui" : "non", c->text);
	}
	r++;
	put_str(c, ws, r, 1, "Couples produit / marché prioritaires", c->bold);
	put_num(c, ws, r++, 3, (double)d->n_priority_offers, c->count);
	if (d->has_priority_limit) {
		put_str(c, ws, r, 1, "Limite conseillée pendant le test", c->bold);
		put_num(c, ws, r, 3, d->priority_limit, c->count);
	}
}

static void alerts(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_ALERTS);
	if (!ws)
		return;
	static const char *const head[] = { "Gravité", "Identifiant", "Alerte", "Constat", "Raison",
					    "Étapes concernées" };
	static const double w[] = { 11, 22, 26, 48, 48, 24 };
	widths(c, ws, w, 6, 0);
	headers(c, ws, 0, head, 6);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t r = 1;
	if (d->n_alerts == 0)
		put_str(c, ws, r, 0, "Aucune alerte.", c->text);
	for (size_t i = 0; i < d->n_alerts; i++, r++) {
		const cz_diag_alert *a = &d->alerts[i];
		put_str(c, ws, r, 0, cz_enum_label(&cz_enum_severity, (int)a->rule->severite), c->sev[a->rule->severite]);
		put_str(c, ws, r, 1, a->rule->id, c->text);
		put_str(c, ws, r, 2, a->rule->nom, c->wrap);
		put_str(c, ws, r, 3, a->detail, c->wrap);
		put_str(c, ws, r, 4, a->rule->raison, c->wrap);
		cz_buf b;
		cz_buf_init(&b);
		for (size_t k = 0; k < a->n_steps; k++)
			cz_buf_printf(&b, "%s%s", k ? "\n" : "", a->steps[k]);
		if (!cz_buf_ok(&b))
			nomem(c, ws);
		else if (b.len)
			put_str(c, ws, r, 5, b.data, c->wrap);
		cz_buf_free(&b);
	}
}

/* The project against the definition (diag.h), and what remains of the starter. */
static void definition(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_DEFINITION);
	if (!ws)
		return;
	static const char *const head[] = { "Type", "Identifiant", "Caractéristique ou principe", "D'après le fichier",
					    "Constat" };
	static const double w[] = { 14, 22, 50, 14, 60 };
	widths(c, ws, w, 5, 0);
	headers(c, ws, 0, head, 5);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t r = 1;
	for (size_t i = 0; i < d->n_definition; i++, r++) {
		const cz_diag_definition *df = &d->definition[i];
		put_str(c, ws, r, 0,
			df->principle ? "principe" : strcmp(df->id, "definition") == 0 ? "définition" : "caractéristique",
			c->text);
		put_str(c, ws, r, 1, df->id, c->text);
		put_str(c, ws, r, 2, df->nom, c->wrap);
		put_str(c, ws, r, 3, cz_def_state_labels[df->state],
			df->state == CZ_DEF_MISSED ? c->sev[CZ_SEV_ATTENTION] : c->text);
		put_str(c, ws, r, 4, df->detail, c->wrap);
	}
	if (d->starter.found) {
		cz_buf b;
		cz_buf_init(&b);
		cz_buf_puts(&b, d->starter.untouched ? "Fichier de départ non rempli\u00A0: " : "Exemples du fichier de départ\u00A0: ");
		cz_starter_describe(&d->starter, &b);
		cz_buf_puts(&b, " (non comptés).");
		if (cz_buf_ok(&b))
			put_str(c, ws, r + 1, 0, b.data, c->text);
		else
			c->x->nomem = true;
		cz_buf_free(&b);
	}
}

static void actions(ctx *c, const cz_diag *d)
{
	lxw_worksheet *ws = sheet(c, SHEET_ACTIONS);
	if (!ws)
		return;
	static const char *const kinds[CZ_DIAG_ACT_COUNT] = { "alerte critique", "étape bloquante",
							      "étape de la phase", "compétence à acquérir" };
	static const char *const head[] = { "Rang", "Type", "Identifiant", "Action", "Phase", "Statut",
					    "Alerte" };
	static const double w[] = { 6, 18, 28, 56, 14, 16, 22 };
	widths(c, ws, w, 7, 0);
	headers(c, ws, 0, head, 7);
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < d->n_actions; i++) {
		const cz_diag_action *a = &d->actions[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		put_num(c, ws, r, 0, (double)(i + 1), c->count);
		put_str(c, ws, r, 1, kinds[a->kind], a->kind == CZ_DIAG_ACT_ALERT ? c->sev[CZ_SEV_CRITIQUE] : c->text);
		put_str(c, ws, r, 2, a->id, c->text);
		put_str(c, ws, r, 3, a->label, c->wrap);
		put_str(c, ws, r, 4, cz_ref_phase_name(d->ref, a->phase), c->text);
		put_str(c, ws, r, 5, a->status_label, c->text);
		put_str(c, ws, r, 6, a->alert ? a->alert->id : NULL, c->text);
	}
}

cz_status cz_diag_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_diag *d = result;
	cz_xlsx *x = rc->x;
	ctx c = { 0 };
	c.x = x;
	const cz_projet *pj = &d->project->projet;
	cz_xlsx_document(x, pj->nom, pj->date.set ? &pj->date : NULL);
	if (!make_formats(&c))
		return CZ_OK; /* the error is in x */
	summary(&c, d);
	steps(&c, d);
	skills(&c, d);
	needs(&c, d);
	alerts(&c, d);
	actions(&c, d);
	definition(&c, d);
	return CZ_OK;
}
