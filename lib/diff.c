#include "diff.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "canvas.h"
#include "coverage.h"
#include "diff_layout.h"
#include "diag.h"
#include "enums.h"
#include "format_fr.h"
#include "indicators.h"
#include "testphase.h"

const char *const cz_diff_section_keys[CZ_DIFF_SECTION_COUNT] = {
	"phase", "avancement", "etapes", "competences", "alertes", "verdict", "indicateurs",
	"activite", "piliers", "offres", "besoins", "acteurs", "canevas",
};
const char *const cz_diff_section_labels[CZ_DIFF_SECTION_COUNT] = {
	"Phase", "Avancement des phases", "Étapes", "Compétences", "Alertes", "Verdict du test",
	"Indicateurs de la phase de test", "Activité", "Ressources par pilier", "Offres", "Besoins",
	"Acteurs", "Canevas du modèle économique",
};
const char *const cz_diff_kind_keys[CZ_DIFF_KIND_COUNT] = { "ajoute", "retire", "modifie" };
const char *const cz_diff_sense_keys[CZ_DIFF_SENSE_COUNT] = { "neutre", "mieux", "moins_bien" };
const char *const cz_diff_sense_labels[CZ_DIFF_SENSE_COUNT] = { "", "mieux", "moins bien" };

/* The results of one side. */
typedef struct {
	const cz_project *p;
	cz_diag *diag;
	cz_testphase *test; /* NULL before the test phase */
	cz_indicators *ind;
	cz_canvas *canvas;
} side;

typedef struct {
	cz_diff *d;
	const cz_referential *ref;
	side s[2];
	size_t cap;
	cz_status st;
} builder;

#define EPS 1e-9

static bool differs(cz_num a, cz_num b)
{
	return a.set != b.set || (a.set && fabs(a.value - b.value) > EPS);
}

static const char *vfmt(builder *b, const char *f, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, f, aq);
	va_end(aq);
	char *s = n >= 0 ? cz_arena_alloc(b->d->arena, (size_t)n + 1) : NULL;
	if (!s) {
		b->st = CZ_ERR_NOMEM;
		return "";
	}
	vsnprintf(s, (size_t)n + 1, f, ap);
	return s;
}

static const char *fmt(builder *b, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(builder *b, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	const char *s = vfmt(b, f, ap);
	va_end(ap);
	return s;
}

static const char *dup(builder *b, const char *s)
{
	if (!s)
		return NULL;
	char *c = cz_arena_strdup(b->d->arena, s);
	if (!c)
		b->st = CZ_ERR_NOMEM;
	return c;
}

static cz_diff_change *add(builder *b, cz_diff_section sec, cz_diff_kind kind, cz_diff_sense sense,
			   const char *key, const char *label)
{
	cz_diff *d = b->d;
	if (d->n_changes == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		cz_diff_change *c = realloc(d->changes, cap * sizeof(*c));
		if (!c) {
			b->st = CZ_ERR_NOMEM;
			return NULL;
		}
		d->changes = c;
		b->cap = cap;
	}
	cz_diff_change *c = &d->changes[d->n_changes++];
	memset(c, 0, sizeof(*c));
	c->section = sec;
	c->kind = kind;
	c->sense = sense;
	c->key = key;
	c->label = label;
	d->counts[sec]++;
	return c;
}

static cz_diff_sense by_rank(int before, int after)
{
	if (before < 0 || after < 0 || before == after)
		return CZ_DIFF_NEUTRAL;
	return after > before ? CZ_DIFF_BETTER : CZ_DIFF_WORSE;
}

/* --- formatting of figures --------------------------------------------------- */

static void format_value(char *out, size_t size, cz_diff_unit u, double v)
{
	switch (u) {
	case CZ_DIFF_U_PERCENT:
		cz_fr_percent(out, size, v);
		break;
	case CZ_DIFF_U_RATIO:
		cz_fr_number(out, size, v, 2);
		break;
	case CZ_DIFF_U_EUROS:
		cz_ind_euros(out, size, v);
		break;
	default:
		cz_fr_compact(out, size, v, 2);
	}
}

static const char *num_text(builder *b, cz_diff_unit u, cz_num v)
{
	char s[64];
	if (!v.set)
		return "—";
	format_value(s, sizeof(s), u, v.value);
	return dup(b, s);
}

/* "+12 points", "−1 200 €", "+0,08": the difference after − before. */
static const char *delta_text(builder *b, cz_diff_unit u, double before, double after)
{
	double dv = after - before;
	const char *sign = dv < 0 ? "\u2212" : "+";
	double a = fabs(dv);
	char n[64];
	switch (u) {
	case CZ_DIFF_U_PERCENT: {
		/* between the percentages as shown (69 % -> 81 %: 12 points), to
		 * a tenth when they show the same */
		double pts = fabs(round(after * 100) - round(before * 100));
		cz_fr_compact(n, sizeof(n), pts ? pts : a * 100, pts ? 0 : 1);
		return fmt(b, "%s%s point%s", sign, n, (pts ? pts : a * 100) >= 2 ? "s" : "");
	}
	case CZ_DIFF_U_EUROS:
		cz_fr_euros(n, sizeof(n), a);
		return fmt(b, "%s%s", sign, n);
	case CZ_DIFF_U_RATIO: {
		/* between the ratios as shown, to two decimals (0,46 -> 0,73: +0,27) */
		double shown = fabs(round(after * 100) - round(before * 100)) / 100;
		cz_fr_number(n, sizeof(n), shown, 2);
		return fmt(b, "%s%s", sign, n);
	}
	default:
		cz_fr_compact(n, sizeof(n), a, 2);
		return fmt(b, "%s%s", sign, n);
	}
}

/* --- the figures table -------------------------------------------------------- */

/* Verdict rank, best highest; -1 when not ranked (see diff.h). */
static int verdict_rank(const cz_portfolio_row *r)
{
	if (!r->has_verdict)
		return -1;
	switch (r->verdict) {
	case CZ_VERDICT_GO:
		return 3;
	case CZ_VERDICT_REAJUSTER:
		return 2;
	case CZ_VERDICT_INCOMPLET:
		return 1;
	case CZ_VERDICT_NO_GO:
		return 0;
	default:
		return -1;
	}
}

static const char *verdict_text(const cz_portfolio_row *r)
{
	return r->has_verdict && (unsigned)r->verdict < CZ_VERDICT_COUNT ? cz_verdict_labels[r->verdict]
									  : "avant le test";
}

static void figure_text(builder *b, cz_diff_figure *f, const char *before, const char *after,
			cz_diff_sense sense)
{
	f->unit = CZ_DIFF_U_TEXT;
	f->before = before;
	f->after = after;
	f->before_num = f->after_num = (cz_num){ 0, false };
	f->changed = strcmp(before, after) != 0;
	f->sense = f->changed ? sense : CZ_DIFF_NEUTRAL;
	(void)b;
}

/* higher: whether a higher value is better (else lower is). */
static void figure_num(builder *b, cz_diff_figure *f, cz_diff_unit u, cz_num before, cz_num after,
		       int higher)
{
	f->unit = u;
	f->before_num = before;
	f->after_num = after;
	f->before = num_text(b, u, before);
	f->after = num_text(b, u, after);
	f->changed = differs(before, after);
	f->sense = CZ_DIFF_NEUTRAL;
	if (f->changed && before.set && after.set) {
		f->delta = delta_text(b, u, before.value, after.value);
		bool up = after.value > before.value;
		if (higher)
			f->sense = (up == (higher > 0)) ? CZ_DIFF_BETTER : CZ_DIFF_WORSE;
	}
}

static cz_num num(double v)
{
	return (cz_num){ v, true };
}

static void figures(builder *b, const cz_portfolio_row *r0, const cz_portfolio_row *r1, cz_diff_figure *f,
		    size_t *n_changed)
{
	const cz_referential *ref = b->ref;
	static const struct {
		const char *key, *label;
	} names[CZ_DIFF_N_FIGURES] = {
		{ "phase", "Phase déclarée" },
		{ "avancement_phase", "Avancement de la phase déclarée" },
		{ "phase_etayee", "Phase étayée par les étapes" },
		{ "verdict_test", "Verdict du test" },
		{ "score_test", "Score du test" },
		{ "couverture_competences", "Compétences de la phase couvertes" },
		{ "couverture_charges", "Couverture des charges (hors prêts)" },
		{ "autofinancement", "Autofinancement" },
		{ "prets_tresorerie", "Prêts et avances remboursables" },
		{ "alertes_critiques", "Alertes critiques" },
		{ "mois_releves", "Mois d'activité relevés" },
		{ "recettes", "Recettes (tous les mois relevés)" },
		{ "charges", "Charges (tous les mois relevés)" },
	};
	for (int i = 0; i < CZ_DIFF_N_FIGURES; i++) {
		f[i].key = names[i].key;
		f[i].label = names[i].label;
	}
	/* declaring a further phase is not progress in itself (diag's alerts say whether it is borne out) */
	figure_text(b, &f[0], ref->phases[r0->phase].nom, ref->phases[r1->phase].nom, CZ_DIFF_NEUTRAL);
	figure_num(b, &f[1], CZ_DIFF_U_PERCENT, num(r0->progress), num(r1->progress),
		   r0->phase == r1->phase ? 1 : 0);
	figure_text(b, &f[2], ref->phases[r0->supported_phase].nom, ref->phases[r1->supported_phase].nom,
		    by_rank((int)r0->supported_phase, (int)r1->supported_phase));
	figure_text(b, &f[3], verdict_text(r0), verdict_text(r1), by_rank(verdict_rank(r0), verdict_rank(r1)));
	figure_num(b, &f[4], CZ_DIFF_U_RATIO, r0->score, r1->score, 1);
	figure_num(b, &f[5], CZ_DIFF_U_PERCENT, num(r0->skills_coverage), num(r1->skills_coverage),
		   r0->phase == r1->phase ? 1 : 0);
	figure_num(b, &f[6], CZ_DIFF_U_RATIO, r0->charges_coverage, r1->charges_coverage, 1);
	figure_num(b, &f[7], CZ_DIFF_U_RATIO, r0->self_financing, r1->self_financing, 1);
	figure_num(b, &f[8], CZ_DIFF_U_EUROS, num(r0->loans), num(r1->loans), 0);
	figure_num(b, &f[9], CZ_DIFF_U_COUNT, num(r0->critical_alerts), num(r1->critical_alerts), -1);
	figure_num(b, &f[10], CZ_DIFF_U_COUNT, num((double)r0->months), num((double)r1->months), 0);
	figure_num(b, &f[11], CZ_DIFF_U_EUROS, r0->recettes, r1->recettes, 0);
	figure_num(b, &f[12], CZ_DIFF_U_EUROS, r0->charges, r1->charges, 0);
	*n_changed = 0;
	for (int i = 0; i < CZ_DIFF_N_FIGURES; i++)
		*n_changed += f[i].changed;
}

cz_status cz_diff_figures(const cz_portfolio_row *before, const cz_portfolio_row *after,
			  const cz_referential *ref, cz_arena *arena, cz_diff_figure out[CZ_DIFF_N_FIGURES],
			  size_t *n_changed)
{
	cz_diff holder = { .arena = arena };
	builder b = { .d = &holder, .ref = ref, .st = CZ_OK };
	figures(&b, before, after, out, n_changed);
	return b.st;
}

/* --- phases, progress, steps ------------------------------------------------- */

static void phases(builder *b)
{
	const cz_diag *a = b->s[0].diag, *z = b->s[1].diag;
	const cz_referential *ref = b->ref;
	if (a->declared != z->declared) {
		cz_diff_change *c = add(b, CZ_DIFF_PHASE, CZ_DIFF_CHANGED, CZ_DIFF_NEUTRAL, "phase", "Phase déclarée");
		if (c) {
			c->before = ref->phases[a->declared].nom;
			c->after = ref->phases[z->declared].nom;
		}
	}
	if (a->supported != z->supported) {
		cz_diff_change *c = add(b, CZ_DIFF_PHASE, CZ_DIFF_CHANGED,
					by_rank((int)a->supported, (int)z->supported), "phase_etayee",
					"Phase étayée par les étapes");
		if (c) {
			c->before = ref->phases[a->supported].nom;
			c->after = ref->phases[z->supported].nom;
		}
	}
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *pa = &a->phases[ph], *pz = &z->phases[ph];
		cz_num va = { pa->ratio, pa->has_ratio }, vz = { pz->ratio, pz->has_ratio };
		if (!differs(va, vz))
			continue;
		cz_diff_sense sense = va.set && vz.set ? (vz.value > va.value ? CZ_DIFF_BETTER : CZ_DIFF_WORSE)
						       : CZ_DIFF_NEUTRAL;
		cz_diff_change *c = add(b, CZ_DIFF_PROGRESS, CZ_DIFF_CHANGED, sense,
					cz_enum_key(&cz_enum_phase, ph), ref->phases[ph].nom);
		if (!c)
			return;
		c->before_num = va;
		c->after_num = vz;
		c->before = num_text(b, CZ_DIFF_U_PERCENT, va);
		c->after = num_text(b, CZ_DIFF_U_PERCENT, vz);
		if (va.set && vz.set)
			c->detail = delta_text(b, CZ_DIFF_U_PERCENT, va.value, vz.value);
	}
}

static int step_rank(cz_step_status s)
{
	switch (s) {
	case CZ_STEP_FAIT:
		return 2;
	case CZ_STEP_EN_COURS:
		return 1;
	case CZ_STEP_A_FAIRE:
		return 0;
	default:
		return -1;
	}
}

static void steps(builder *b)
{
	const cz_diag *a = b->s[0].diag, *z = b->s[1].diag;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *pa = &a->phases[ph], *pz = &z->phases[ph];
		for (size_t i = 0; i < pa->n_steps && i < pz->n_steps; i++) {
			const cz_diag_step *sa = &pa->steps[i], *sz = &pz->steps[i];
			if (sa->status == sz->status)
				continue;
			cz_diff_change *c = add(b, CZ_DIFF_STEPS, CZ_DIFF_CHANGED,
						by_rank(step_rank(sa->status), step_rank(sz->status)),
						sa->step->id, sa->step->nom);
			if (!c)
				return;
			c->group = b->ref->phases[ph].nom;
			c->before = cz_enum_label(&cz_enum_step_status, (int)sa->status);
			c->after = cz_enum_label(&cz_enum_step_status, (int)sz->status);
		}
	}
}

/* --- competences --------------------------------------------------------------- */

static bool held(cz_cov_state s)
{
	return s == CZ_COV_CARRIER || s == CZ_COV_NETWORK;
}

static int cov_rank(cz_cov_state s)
{
	switch (s) {
	case CZ_COV_CARRIER:
	case CZ_COV_NETWORK:
		return 3;
	case CZ_COV_IN_PROGRESS:
		return 2;
	case CZ_COV_GAP:
		return 1;
	case CZ_COV_UNASSESSED:
		return 0;
	default:
		return -1;
	}
}

static const char *cov_text(builder *b, const cz_skill_entry *e)
{
	cz_cov_state s = cz_coverage_state(e);
	if (s == CZ_COV_NETWORK && e)
		return fmt(b, "portée par %s", e->porte_par);
	if (e && e->porte_par && s != CZ_COV_NOT_APPLICABLE)
		return fmt(b, "%s (avec %s)", cz_cov_state_labels[s], e->porte_par);
	return cz_cov_state_labels[s];
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void skills(builder *b)
{
	const cz_project *pa = b->s[0].p, *pz = b->s[1].p;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_ref_phase *rp = &b->ref->phases[ph];
		for (size_t i = 0; i < rp->n_competences; i++) {
			const cz_ref_competence *rc = &rp->competences[i];
			const cz_skill_entry *ea = cz_project_skill(pa, rc->id), *ez = cz_project_skill(pz, rc->id);
			cz_cov_state sa = cz_coverage_state(ea), sz = cz_coverage_state(ez);
			const char *ca = ea ? ea->porte_par : NULL, *cz = ez ? ez->porte_par : NULL;
			if (sa == sz && same_str(ca, cz))
				continue;
			cz_diff_change *c = add(b, CZ_DIFF_SKILLS, CZ_DIFF_CHANGED, by_rank(cov_rank(sa), cov_rank(sz)),
						rc->id, rc->nom);
			if (!c)
				return;
			c->group = rp->nom;
			c->before = cov_text(b, ea);
			c->after = cov_text(b, ez);
			if (!held(sa) && held(sz))
				c->detail = "gagnée";
			else if (held(sa) && !held(sz))
				c->detail = "perdue";
		}
	}
}

/* --- alerts ------------------------------------------------------------------------ */

static const cz_diag_alert *find_alert(const cz_diag *d, const char *id)
{
	for (size_t i = 0; i < d->n_alerts; i++)
		if (strcmp(d->alerts[i].rule->id, id) == 0)
			return &d->alerts[i];
	return NULL;
}

static void alerts(builder *b)
{
	const cz_diag *a = b->s[0].diag, *z = b->s[1].diag;
	for (size_t i = 0; i < z->n_alerts; i++) {
		const cz_diag_alert *al = &z->alerts[i];
		if (find_alert(a, al->rule->id))
			continue;
		cz_diff_change *c = add(b, CZ_DIFF_ALERTS, CZ_DIFF_ADDED, CZ_DIFF_WORSE, al->rule->id, al->rule->nom);
		if (!c)
			return;
		c->group = cz_enum_label(&cz_enum_severity, (int)al->rule->severite);
		c->after = c->group;
		c->detail = al->detail;
		b->d->new_critical += al->rule->severite == CZ_SEV_CRITIQUE;
	}
	for (size_t i = 0; i < a->n_alerts; i++) {
		const cz_diag_alert *al = &a->alerts[i];
		if (find_alert(z, al->rule->id))
			continue;
		cz_diff_change *c = add(b, CZ_DIFF_ALERTS, CZ_DIFF_REMOVED, CZ_DIFF_BETTER, al->rule->id, al->rule->nom);
		if (!c)
			return;
		c->group = cz_enum_label(&cz_enum_severity, (int)al->rule->severite);
		c->before = c->group;
		c->detail = al->detail;
	}
}

/* --- verdict and indicators --------------------------------------------------------- */

static void verdict(builder *b)
{
	const cz_diff *d = b->d;
	const cz_diff_figure *v = &d->figures[3], *s = &d->figures[4];
	if (v->changed) {
		cz_diff_change *c = add(b, CZ_DIFF_VERDICT, CZ_DIFF_CHANGED, v->sense, "verdict", "Verdict");
		if (c) {
			c->before = v->before;
			c->after = v->after;
		}
	}
	if (s->changed) {
		cz_diff_change *c = add(b, CZ_DIFF_VERDICT, CZ_DIFF_CHANGED, s->sense, "score", "Score");
		if (c) {
			c->before = s->before;
			c->after = s->after;
			c->before_num = s->before_num;
			c->after_num = s->after_num;
			c->detail = s->delta;
		}
	}
	b->d->verdict_worse = v->changed && v->sense == CZ_DIFF_WORSE;
}

static int tp_rank(cz_tp_status s)
{
	switch (s) {
	case CZ_TP_ATTEINT:
		return 2;
	case CZ_TP_PARTIEL:
		return 1;
	case CZ_TP_NON_ATTEINT:
		return 0;
	default:
		return -1;
	}
}

static const char *tp_text(builder *b, const cz_tp_indicator *it)
{
	char v[96];
	if (!it)
		return NULL;
	if (!it->value.set)
		return cz_tp_status_labels[it->status];
	cz_tp_format_value(v, sizeof(v), it->unite, it->value.value);
	return fmt(b, "%s (%s)", v, cz_tp_status_labels[it->status]);
}

static const cz_tp_indicator *find_item(const cz_testphase *t, const char *id)
{
	for (size_t i = 0; t && i < t->n_items; i++)
		if (strcmp(t->items[i].id, id) == 0)
			return &t->items[i];
	return NULL;
}

/* An indicator with a value on one side only. */
#define FILLED "renseigné"
#define UNFILLED "plus renseigné"

static const char *cond_text(const cz_tp_condition *c)
{
	return c->value < 0 ? "non renseignée" : c->value ? "oui" : "non";
}

static void indicators(builder *b)
{
	const cz_testphase *a = b->s[0].test, *z = b->s[1].test;
	if (!a && !z)
		return;
	/* the side that has them gives the order: the referential's */
	const cz_testphase *order = z ? z : a;
	for (size_t i = 0; i < order->n_items; i++) {
		const char *id = order->items[i].id;
		const cz_tp_indicator *ia = find_item(a, id), *iz = find_item(z, id);
		if (ia && iz && ia->status == iz->status && !differs(ia->value, iz->value))
			continue;
		cz_diff_kind kind = !ia ? CZ_DIFF_ADDED : !iz ? CZ_DIFF_REMOVED : CZ_DIFF_CHANGED;
		cz_diff_sense sense = ia && iz ? by_rank(tp_rank(ia->status), tp_rank(iz->status)) : CZ_DIFF_NEUTRAL;
		cz_diff_change *c = add(b, CZ_DIFF_INDICATORS, kind, sense, id, order->items[i].nom);
		if (!c)
			return;
		if (ia && iz && ia->status == CZ_TP_NON_RENSEIGNE)
			c->detail = FILLED;
		else if (ia && iz && iz->status == CZ_TP_NON_RENSEIGNE)
			c->detail = UNFILLED;
		c->before = tp_text(b, ia);
		c->after = tp_text(b, iz);
		if (ia)
			c->before_num = ia->value;
		if (iz)
			c->after_num = iz->value;
		if (order->items[i].is_pitfall)
			c->group = "piège";
	}
	for (size_t i = 0; a && z && i < z->n_conditions && i < a->n_conditions; i++) {
		const cz_tp_condition *ca = &a->conditions[i], *cz = &z->conditions[i];
		if (ca->value == cz->value)
			continue;
		cz_diff_change *c = add(b, CZ_DIFF_INDICATORS, CZ_DIFF_CHANGED,
					by_rank(tp_rank(ca->status), tp_rank(cz->status)), cz->ref->id, cz->ref->nom);
		if (!c)
			return;
		c->detail = ca->value < 0 ? FILLED : cz->value < 0 ? UNFILLED : NULL;
		c->group = "condition";
		c->before = cond_text(ca);
		c->after = cond_text(cz);
	}
}

/* --- activity ------------------------------------------------------------------------ */

static const struct {
	const char *label;
	size_t off;
	bool euros;
} month_fields[] = {
	{ "demandes", offsetof(cz_month, demandes), false },
	{ "commandes", offsetof(cz_month, commandes), false },
	{ "clients", offsetof(cz_month, clients), false },
	{ "clients récurrents", offsetof(cz_month, clients_recurrents), false },
	{ "recettes", offsetof(cz_month, recettes), true },
	{ "charges", offsetof(cz_month, charges), true },
	{ "heures salariées", offsetof(cz_month, heures_salariees), false },
	{ "heures bénévoles", offsetof(cz_month, heures_benevoles), false },
	{ "km", offsetof(cz_month, km), false },
	{ "livraisons", offsetof(cz_month, livraisons), false },
};
#define N_MONTH_FIELDS (sizeof(month_fields) / sizeof(month_fields[0]))

static cz_num month_field(const cz_month *m, size_t i)
{
	return *(const cz_num *)(const void *)((const char *)m + month_fields[i].off);
}

static void one_num(char *s, size_t size, cz_num v, bool euros)
{
	if (!v.set)
		snprintf(s, size, "non renseigné");
	else if (euros)
		cz_ind_euros(s, size, v.value);
	else
		cz_fr_compact(s, size, v.value, 2);
}

/* "40 demandes, 32 commandes, recettes 1 200 €, charges 2 100 €": what a month holds. */
static const char *month_summary(builder *b, const cz_month *m)
{
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	for (size_t i = 0; i < N_MONTH_FIELDS; i++) {
		cz_num v = month_field(m, i);
		if (!v.set)
			continue;
		char s[64];
		one_num(s, sizeof(s), v, month_fields[i].euros);
		cz_buf_printf(&t, "%s%s %s", first ? "" : ", ", month_fields[i].label, s);
		first = false;
	}
	const char *r = first ? "aucun chiffre" : cz_buf_ok(&t) ? dup(b, t.data) : NULL;
	if (!r)
		b->st = CZ_ERR_NOMEM;
	cz_buf_free(&t);
	return r ? r : "";
}

static const char *month_key(builder *b, cz_date m)
{
	return fmt(b, "%04d-%02d", m.year % 10000, m.month % 100);
}

static const char *month_label(builder *b, cz_date m)
{
	char s[64];
	return dup(b, cz_diff_date_fr(s, sizeof(s), m));
}

static void activity(builder *b)
{
	const cz_project *pa = b->s[0].p, *pz = b->s[1].p;
	/* months of both, in calendar order (activite is sorted at load time) */
	size_t i = 0, j = 0;
	while ((i < pa->n_activite || j < pz->n_activite) && b->st == CZ_OK) {
		const cz_month *ma = i < pa->n_activite ? &pa->activite[i] : NULL;
		const cz_month *mz = j < pz->n_activite ? &pz->activite[j] : NULL;
		if (!ma && !mz)
			break;
		int cmp = !ma ? 1 : !mz ? -1 : cz_month_diff(mz->periode, ma->periode);
		if (cmp < 0) { /* only before: removed */
			cz_diff_change *c = add(b, CZ_DIFF_ACTIVITY, CZ_DIFF_REMOVED, CZ_DIFF_NEUTRAL,
						month_key(b, ma->periode), NULL);
			if (c) {
				c->label = month_label(b, ma ? ma->periode : mz->periode);
				c->before = month_summary(b, ma);
			}
			i++;
		} else if (cmp > 0) { /* only after: added */
			cz_diff_change *c = add(b, CZ_DIFF_ACTIVITY, CZ_DIFF_ADDED, CZ_DIFF_NEUTRAL,
						month_key(b, mz->periode), NULL);
			if (c) {
				c->label = month_label(b, ma ? ma->periode : mz->periode);
				c->after = month_summary(b, mz);
			}
			j++;
		} else {
			cz_buf t;
			cz_buf_init(&t);
			bool first = true;
			for (size_t k = 0; k < N_MONTH_FIELDS; k++) {
				cz_num va = month_field(ma, k), vz = month_field(mz, k);
				if (!differs(va, vz))
					continue;
				char sa[64], sz[64];
				one_num(sa, sizeof(sa), va, month_fields[k].euros);
				one_num(sz, sizeof(sz), vz, month_fields[k].euros);
				cz_buf_printf(&t, "%s%s\u00A0: %s → %s", first ? "" : "\u202F; ", month_fields[k].label, sa, sz);
				first = false;
			}
			if (!first) {
				cz_diff_change *c = add(b, CZ_DIFF_ACTIVITY, CZ_DIFF_CHANGED, CZ_DIFF_NEUTRAL,
							month_key(b, ma->periode), NULL);
				if (c) {
					c->label = month_label(b, ma ? ma->periode : mz->periode);
					c->detail = cz_buf_ok(&t) ? dup(b, t.data) : NULL;
					if (!c->detail)
						b->st = CZ_ERR_NOMEM;
				}
			}
			cz_buf_free(&t);
			i++;
			j++;
		}
	}
}

/* --- resources by pillar ---------------------------------------------------------------- */

static void pillars(builder *b)
{
	const cz_ind_mix *a = &b->s[0].ind->mix, *z = &b->s[1].ind->mix;
	for (int k = 0; k <= CZ_PILIER_COUNT; k++) {
		double va = k < CZ_PILIER_COUNT ? a->montant[k] : a->prets;
		double vz = k < CZ_PILIER_COUNT ? z->montant[k] : z->prets;
		if (fabs(va - vz) < 0.005)
			continue;
		cz_diff_change *c = add(b, CZ_DIFF_PILLARS, CZ_DIFF_CHANGED, CZ_DIFF_NEUTRAL,
					k < CZ_PILIER_COUNT ? cz_enum_key(&cz_enum_pilier, k) : "prets",
					k < CZ_PILIER_COUNT ? b->ref->pillars[k].nom
							    : "Prêts et avances remboursables (trésorerie, hors piliers)");
		if (!c)
			return;
		c->before_num = num(va);
		c->after_num = num(vz);
		c->before = num_text(b, CZ_DIFF_U_EUROS, c->before_num);
		c->after = num_text(b, CZ_DIFF_U_EUROS, c->after_num);
		c->detail = delta_text(b, CZ_DIFF_U_EUROS, va, vz);
	}
}

/* --- offers, needs, actors ------------------------------------------------------------------ */

static void field(cz_buf *t, bool *first, const char *label, const char *a, const char *z)
{
	if (same_str(a, z))
		return;
	cz_buf_printf(t, "%s%s\u00A0: %s → %s", *first ? "" : "\u202F; ", label, a ? a : "—", z ? z : "—");
	*first = false;
}

static const char *fnum(char *s, size_t size, cz_num v, bool euros)
{
	if (!v.set)
		return NULL;
	one_num(s, size, v, euros);
	return s;
}

static const char *yes_no(bool v)
{
	return v ? "oui" : "non";
}

static const char *offer_diff(builder *b, const cz_offer *a, const cz_offer *z)
{
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	char p1[64], p2[64];
	field(&t, &first, "cible", a->cible_set ? cz_enum_label(&cz_enum_cible, (int)a->cible) : NULL,
	      z->cible_set ? cz_enum_label(&cz_enum_cible, (int)z->cible) : NULL);
	field(&t, &first, "prix", fnum(p1, sizeof(p1), a->prix, true), fnum(p2, sizeof(p2), z->prix, true));
	field(&t, &first, "unité", a->unite_set ? cz_enum_label(&cz_enum_unite, (int)a->unite) : NULL,
	      z->unite_set ? cz_enum_label(&cz_enum_unite, (int)z->unite) : NULL);
	field(&t, &first, "prioritaire", yes_no(a->prioritaire), yes_no(z->prioritaire));
	field(&t, &first, "récurrente", yes_no(a->recurrent), yes_no(z->recurrent));
	field(&t, &first, "prestataire", a->prestataire ? a->prestataire : "la conciergerie",
	      z->prestataire ? z->prestataire : "la conciergerie");
	const char *r = first ? NULL : cz_buf_ok(&t) ? dup(b, t.data) : "";
	if (!cz_buf_ok(&t))
		b->st = CZ_ERR_NOMEM;
	cz_buf_free(&t);
	return r;
}

static const char *offer_text(builder *b, const cz_offer *o)
{
	char p[64];
	return fmt(b, "%s%s%s%s%s%s%s", o->cible_set ? cz_enum_label(&cz_enum_cible, (int)o->cible) : "cible non précisée",
		   o->prix.set ? ", " : "", o->prix.set ? fnum(p, sizeof(p), o->prix, true) : "",
		   o->prix.set && o->unite_set ? " par " : "", o->prix.set && o->unite_set ? cz_enum_label(&cz_enum_unite, (int)o->unite) : "",
		   o->prioritaire ? ", prioritaire" : "", o->prestataire ? fmt(b, ", par %s", o->prestataire) : "");
}

static const char *need_diff(builder *b, const cz_need *a, const cz_need *z)
{
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	char p1[64], p2[64];
	field(&t, &first, "cible", a->cible_set ? cz_enum_label(&cz_enum_cible, (int)a->cible) : NULL,
	      z->cible_set ? cz_enum_label(&cz_enum_cible, (int)z->cible) : NULL);
	field(&t, &first, "demandes", fnum(p1, sizeof(p1), a->demandes, false), fnum(p2, sizeof(p2), z->demandes, false));
	field(&t, &first, "source", a->source, z->source);
	const char *r = first ? NULL : cz_buf_ok(&t) ? dup(b, t.data) : "";
	if (!cz_buf_ok(&t))
		b->st = CZ_ERR_NOMEM;
	cz_buf_free(&t);
	return r;
}

static const char *need_text(builder *b, const cz_need *n)
{
	char p[64];
	return fmt(b, "%s%s%s", n->cible_set ? cz_enum_label(&cz_enum_cible, (int)n->cible) : "cible non précisée",
		   n->demandes.set ? ", demandes\u00A0: " : "", n->demandes.set ? fnum(p, sizeof(p), n->demandes, false) : "");
}

static const char *roles_text(builder *b, unsigned roles)
{
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	for (int r = 0; r < CZ_ROLE_COUNT; r++) {
		if (!(roles & (1u << r)))
			continue;
		cz_buf_printf(&t, "%s%s", first ? "" : ", ", cz_enum_label(&cz_enum_role, r));
		first = false;
	}
	const char *s = first ? "aucun rôle" : cz_buf_ok(&t) ? dup(b, t.data) : "";
	if (!cz_buf_ok(&t))
		b->st = CZ_ERR_NOMEM;
	cz_buf_free(&t);
	return s;
}

static const char *charte_text(const cz_actor *a)
{
	return !a->charte_set ? NULL : a->charte ? "signée" : "non signée";
}

static const char *actor_diff(builder *b, const cz_actor *a, const cz_actor *z)
{
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	field(&t, &first, "type", a->type_set ? cz_enum_label(&cz_enum_actor_type, (int)a->type) : NULL,
	      z->type_set ? cz_enum_label(&cz_enum_actor_type, (int)z->type) : NULL);
	if (a->roles != z->roles)
		field(&t, &first, "rôles", roles_text(b, a->roles), roles_text(b, z->roles));
	field(&t, &first, "charte", charte_text(a), charte_text(z));
	const char *r = first ? NULL : cz_buf_ok(&t) ? dup(b, t.data) : "";
	if (!cz_buf_ok(&t))
		b->st = CZ_ERR_NOMEM;
	cz_buf_free(&t);
	return r;
}

static const char *actor_text(builder *b, const cz_actor *a)
{
	return fmt(b, "%s\u202F; %s%s%s", a->type_set ? cz_enum_label(&cz_enum_actor_type, (int)a->type) : "type non précisé",
		   roles_text(b, a->roles), a->charte_set ? ", charte " : "", a->charte_set ? charte_text(a) : "");
}

/* Items of two lists matched by name (names are unique in a list: the
 * loader refuses duplicates): removed and changed in the order of the
 * first file, then added in the order of the second. */
typedef const char *(*item_diff_fn)(builder *b, const void *x, const void *y);
typedef const char *(*item_text_fn)(builder *b, const void *x);

typedef struct {
	const void *items;
	size_t n, stride, name_off;
} item_list;

static const char *item_name(const item_list *l, size_t i)
{
	return *(const char *const *)(const void *)((const char *)l->items + i * l->stride + l->name_off);
}

static const void *item_at(const item_list *l, size_t i)
{
	return (const char *)l->items + i * l->stride;
}

static int cmp_named(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names of a list, sorted, each followed by its index. */
typedef struct {
	const char *name;
	size_t i;
} named;

static named *sorted_names(builder *b, const item_list *l)
{
	named *v = l->n ? malloc(l->n * sizeof(*v)) : NULL;
	if (l->n && !v) {
		b->st = CZ_ERR_NOMEM;
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++)
		v[i] = (named){ item_name(l, i), i };
	if (l->n > 1)
		qsort(v, l->n, sizeof(*v), cmp_named);
	return v;
}

static const named *lookup(const named *v, size_t n, const char *name)
{
	return n ? bsearch(&name, v, n, sizeof(*v), cmp_named) : NULL;
}

static void list_diff(builder *b, cz_diff_section sec, const item_list *x, const item_list *y,
		      item_diff_fn df, item_text_fn tf)
{
	named *vx = sorted_names(b, x), *vy = sorted_names(b, y);
	if (b->st != CZ_OK)
		goto out;
	for (size_t i = 0; i < x->n && b->st == CZ_OK; i++) {
		const char *n = item_name(x, i);
		const named *m = lookup(vy, y->n, n);
		if (!m) {
			cz_diff_change *c = add(b, sec, CZ_DIFF_REMOVED, CZ_DIFF_NEUTRAL, n, n);
			if (c)
				c->before = tf(b, item_at(x, i));
			continue;
		}
		const char *d = df(b, item_at(x, i), item_at(y, m->i));
		if (d) {
			cz_diff_change *c = add(b, sec, CZ_DIFF_CHANGED, CZ_DIFF_NEUTRAL, n, n);
			if (c)
				c->detail = d;
		}
	}
	for (size_t k = 0; k < y->n && b->st == CZ_OK; k++) {
		const char *n = item_name(y, k);
		if (lookup(vx, x->n, n))
			continue;
		cz_diff_change *c = add(b, sec, CZ_DIFF_ADDED, CZ_DIFF_NEUTRAL, n, n);
		if (c)
			c->after = tf(b, item_at(y, k));
	}
out:
	free(vx);
	free(vy);
}

static const char *offer_diff_v(builder *b, const void *x, const void *y)
{
	return offer_diff(b, x, y);
}
static const char *offer_text_v(builder *b, const void *x)
{
	return offer_text(b, x);
}
static const char *need_diff_v(builder *b, const void *x, const void *y)
{
	return need_diff(b, x, y);
}
static const char *need_text_v(builder *b, const void *x)
{
	return need_text(b, x);
}
static const char *actor_diff_v(builder *b, const void *x, const void *y)
{
	return actor_diff(b, x, y);
}
static const char *actor_text_v(builder *b, const void *x)
{
	return actor_text(b, x);
}

static void lists(builder *b)
{
	const cz_project *pa = b->s[0].p, *pz = b->s[1].p;
	item_list oa = { pa->offre, pa->n_offre, sizeof(cz_offer), offsetof(cz_offer, service) };
	item_list oz = { pz->offre, pz->n_offre, sizeof(cz_offer), offsetof(cz_offer, service) };
	list_diff(b, CZ_DIFF_OFFERS, &oa, &oz, offer_diff_v, offer_text_v);
	item_list na = { pa->besoins, pa->n_besoins, sizeof(cz_need), offsetof(cz_need, besoin) };
	item_list nz = { pz->besoins, pz->n_besoins, sizeof(cz_need), offsetof(cz_need, besoin) };
	list_diff(b, CZ_DIFF_NEEDS, &na, &nz, need_diff_v, need_text_v);
	item_list aa = { pa->acteurs, pa->n_acteurs, sizeof(cz_actor), offsetof(cz_actor, nom) };
	item_list az = { pz->acteurs, pz->n_acteurs, sizeof(cz_actor), offsetof(cz_actor, nom) };
	list_diff(b, CZ_DIFF_ACTORS, &aa, &az, actor_diff_v, actor_text_v);
}

/* --- canvas -------------------------------------------------------------------------------- */

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Items of block x without a match in block y, in x's order: the same
 * text matches once per time y holds it. Sorted, so a long block stays
 * fast. */
static void canvas_side(builder *b, const cz_canvas_block *x, const cz_canvas_block *y, cz_diff_kind kind,
			const char *block, const char *block_key)
{
	if (!x->n)
		return;
	named *vx = malloc(x->n * sizeof(*vx));
	const char **vy = y->n ? malloc(y->n * sizeof(*vy)) : NULL;
	bool *unmatched = calloc(x->n, sizeof(*unmatched));
	if (!vx || (y->n && !vy) || !unmatched) {
		b->st = CZ_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < x->n; i++)
		vx[i] = (named){ x->items[i]->texte, i };
	for (size_t i = 0; i < y->n; i++)
		vy[i] = y->items[i]->texte;
	/* by text; within a run of equal texts, by index below (qsort is not stable) */
	qsort(vx, x->n, sizeof(*vx), cmp_named);
	if (y->n > 1)
		qsort(vy, y->n, sizeof(*vy), cmp_str);
	size_t j = 0; /* position in vy */
	for (size_t i = 0; i < x->n;) {
		size_t e = i;
		while (e < x->n && strcmp(vx[e].name, vx[i].name) == 0)
			e++;
		while (j < y->n && strcmp(vy[j], vx[i].name) < 0)
			j++;
		size_t have = 0;
		while (j < y->n && strcmp(vy[j], vx[i].name) == 0) {
			have++;
			j++;
		}
		/* the occurrences past the first `have` (in block order) are unmatched */
		size_t total = e - i;
		if (total > have) {
			/* the run's indices, smallest first */
			size_t *idx = malloc(total * sizeof(*idx));
			if (!idx) {
				b->st = CZ_ERR_NOMEM;
				goto out;
			}
			for (size_t k = 0; k < total; k++)
				idx[k] = vx[i + k].i;
			qsort(idx, total, sizeof(*idx), cmp_size);
			for (size_t k = have; k < total; k++)
				unmatched[idx[k]] = true;
			free(idx);
		}
		i = e;
	}
	for (size_t i = 0; i < x->n && b->st == CZ_OK; i++) {
		if (!unmatched[i])
			continue;
		cz_diff_change *c = add(b, CZ_DIFF_CANVAS, kind, CZ_DIFF_NEUTRAL, block_key, x->items[i]->texte);
		if (c)
			c->group = block;
	}
out:
	free(vx);
	free(vy);
	free(unmatched);
}

static void canvas(builder *b)
{
	const cz_canvas *a = b->s[0].canvas, *z = b->s[1].canvas;
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		canvas_side(b, &z->blocks[k], &a->blocks[k], CZ_DIFF_ADDED, b->ref->blocks[k].nom,
			    cz_enum_key(&cz_enum_bloc, k));
		canvas_side(b, &a->blocks[k], &z->blocks[k], CZ_DIFF_REMOVED, b->ref->blocks[k].nom,
			    cz_enum_key(&cz_enum_bloc, k));
	}
}

/* --- order and summary ----------------------------------------------------------------------- */

static void say(builder *b, size_t *cap, const char *line)
{
	cz_diff *d = b->d;
	if (b->st != CZ_OK)
		return;
	if (d->n_summary == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		const char **s = cz_arena_calloc(d->arena, n, sizeof(*s));
		if (!s) {
			b->st = CZ_ERR_NOMEM;
			return;
		}
		if (d->n_summary)
			memcpy(s, d->summary, d->n_summary * sizeof(*s));
		d->summary = s;
		*cap = n;
	}
	d->summary[d->n_summary++] = line;
}

/* "Repassage, Dépôt pressing et 2 autres": the first names of a section's changes of a kind. */
static const char *names(builder *b, cz_diff_section sec, int kind, const char *detail)
{
	cz_buf t;
	cz_buf_init(&t);
	size_t n = 0, shown = 0;
	for (size_t i = 0; i < b->d->n_changes; i++) {
		const cz_diff_change *c = &b->d->changes[i];
		if (c->section != sec || (kind >= 0 && (int)c->kind != kind) ||
		    (detail && !same_str(c->detail, detail)))
			continue;
		if (n++ < 3) {
			cz_buf_printf(&t, "%s%s", shown ? ", " : "", c->label);
			shown++;
		}
	}
	if (n > shown)
		cz_buf_printf(&t, " et %zu autre%s", n - shown, cz_fr_s((double)(n - shown)));
	const char *r = cz_buf_ok(&t) && t.data ? dup(b, t.data) : "";
	cz_buf_free(&t);
	return r;
}

/* The first names of the indicators that moved in `sense`. */
static const char *sense_names(builder *b, cz_diff_sense sense)
{
	cz_buf t;
	cz_buf_init(&t);
	size_t n = 0, shown = 0;
	for (size_t i = 0; i < b->d->n_changes; i++) {
		const cz_diff_change *c = &b->d->changes[i];
		if (c->section != CZ_DIFF_INDICATORS || c->sense != sense)
			continue;
		if (n++ < 3)
			cz_buf_printf(&t, "%s%s", shown++ ? ", " : "", c->label);
	}
	if (n > shown)
		cz_buf_printf(&t, " et %zu autre%s", n - shown, cz_fr_s((double)(n - shown)));
	const char *r = cz_buf_ok(&t) && t.data ? dup(b, t.data) : "";
	cz_buf_free(&t);
	return r;
}

static size_t count_of(const cz_diff *d, cz_diff_section sec, int kind, const char *after, const char *detail)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_changes; i++) {
		const cz_diff_change *c = &d->changes[i];
		n += c->section == sec && (kind < 0 || (int)c->kind == kind) && (!after || same_str(c->after, after)) &&
		     (!detail || same_str(c->detail, detail));
	}
	return n;
}

/* "2 ajoutées (A, B), 1 retirée (C), 1 modifiée (D)". fem: feminine agreement. */
static const char *kinds(builder *b, cz_diff_section sec, bool fem)
{
	static const char *const words[CZ_DIFF_KIND_COUNT] = { "ajouté", "retiré", "modifié" };
	cz_buf t;
	cz_buf_init(&t);
	bool first = true;
	for (int k = 0; k < CZ_DIFF_KIND_COUNT; k++) {
		size_t n = count_of(b->d, sec, k, NULL, NULL);
		if (!n)
			continue;
		cz_buf_printf(&t, "%s%zu %s%s%s (%s)", first ? "" : ", ", n, words[k], fem ? "e" : "",
			      n > 1 ? "s" : "", names(b, sec, k, NULL));
		first = false;
	}
	const char *r = cz_buf_ok(&t) && t.data ? dup(b, t.data) : "";
	cz_buf_free(&t);
	return r;
}

static void summary(builder *b)
{
	cz_diff *d = b->d;
	size_t cap = 0;
	const cz_diff_figure *f = d->figures;
	if (f[3].changed || f[4].changed) {
		if (f[3].changed && f[4].changed && f[4].before_num.set && f[4].after_num.set)
			say(b, &cap, fmt(b, "Verdict du test\u00A0: %s → %s (score %s → %s).", f[3].before, f[3].after,
					 f[4].before, f[4].after));
		else if (f[3].changed)
			say(b, &cap, fmt(b, "Verdict du test\u00A0: %s → %s.", f[3].before, f[3].after));
		else
			say(b, &cap, fmt(b, "Verdict du test inchangé (%s), score %s → %s.", f[3].after, f[4].before,
					 f[4].after));
	}
	if (f[0].changed)
		say(b, &cap, fmt(b, "Phase déclarée\u00A0: %s → %s.", f[0].before, f[0].after));
	if (f[2].changed)
		say(b, &cap, fmt(b, "Phase étayée par les étapes\u00A0: %s → %s.", f[2].before, f[2].after));
	if (f[1].changed)
		say(b, &cap, fmt(b, "Avancement de la phase déclarée\u00A0: %s → %s.", f[1].before, f[1].after));
	if (d->counts[CZ_DIFF_STEPS]) {
		const char *done = cz_enum_label(&cz_enum_step_status, CZ_STEP_FAIT);
		size_t n_done = count_of(d, CZ_DIFF_STEPS, -1, done, NULL);
		size_t rest = d->counts[CZ_DIFF_STEPS] - n_done;
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Étapes\u00A0: ");
		if (n_done) {
			/* names of the steps now done */
			size_t shown = 0, n = 0;
			cz_buf_printf(&t, "%zu faite%s (", n_done, cz_fr_s((double)n_done));
			for (size_t i = 0; i < d->n_changes; i++) {
				const cz_diff_change *c = &d->changes[i];
				if (c->section != CZ_DIFF_STEPS || !same_str(c->after, done))
					continue;
				if (n++ < 3)
					cz_buf_printf(&t, "%s%s", shown++ ? ", " : "", c->label);
			}
			if (n > shown)
				cz_buf_printf(&t, " et %zu autre%s", n - shown, cz_fr_s((double)(n - shown)));
			cz_buf_puts(&t, ")");
		}
		if (rest)
			cz_buf_printf(&t, "%s%zu autre%s changement%s de statut", n_done ? ", " : "", rest,
				      cz_fr_s((double)rest), cz_fr_s((double)rest));
		cz_buf_puts(&t, ".");
		say(b, &cap, cz_buf_ok(&t) ? dup(b, t.data) : "");
		cz_buf_free(&t);
	}
	if (d->counts[CZ_DIFF_SKILLS]) {
		size_t g = count_of(d, CZ_DIFF_SKILLS, -1, NULL, "gagnée"), l = count_of(d, CZ_DIFF_SKILLS, -1, NULL, "perdue");
		size_t o = d->counts[CZ_DIFF_SKILLS] - g - l;
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Compétences\u00A0: ");
		bool first = true;
		if (g) {
			cz_buf_printf(&t, "%zu gagnée%s (%s)", g, cz_fr_s((double)g), names(b, CZ_DIFF_SKILLS, -1, "gagnée"));
			first = false;
		}
		if (l) {
			cz_buf_printf(&t, "%s%zu perdue%s (%s)", first ? "" : ", ", l, cz_fr_s((double)l),
				      names(b, CZ_DIFF_SKILLS, -1, "perdue"));
			first = false;
		}
		if (o)
			cz_buf_printf(&t, "%s%zu autre%s changement%s d'état", first ? "" : ", ", o, cz_fr_s((double)o),
				      cz_fr_s((double)o));
		cz_buf_puts(&t, ".");
		say(b, &cap, cz_buf_ok(&t) ? dup(b, t.data) : "");
		cz_buf_free(&t);
	}
	if (d->counts[CZ_DIFF_ALERTS]) {
		size_t up = count_of(d, CZ_DIFF_ALERTS, CZ_DIFF_ADDED, NULL, NULL);
		size_t down = count_of(d, CZ_DIFF_ALERTS, CZ_DIFF_REMOVED, NULL, NULL);
		const char *crit = d->new_critical ? fmt(b, ", dont %zu critique%s", d->new_critical, cz_fr_s((double)d->new_critical)) : "";
		if (up && down)
			say(b, &cap, fmt(b, "Alertes\u00A0: %zu nouvelle%s (%s%s), %zu levée%s (%s).", up, cz_fr_s((double)up),
					 names(b, CZ_DIFF_ALERTS, CZ_DIFF_ADDED, NULL), crit, down, cz_fr_s((double)down),
					 names(b, CZ_DIFF_ALERTS, CZ_DIFF_REMOVED, NULL)));
		else if (up)
			say(b, &cap, fmt(b, "Alertes\u00A0: %zu nouvelle%s (%s%s).", up, cz_fr_s((double)up),
					 names(b, CZ_DIFF_ALERTS, CZ_DIFF_ADDED, NULL), crit));
		else
			say(b, &cap, fmt(b, "Alertes\u00A0: %zu levée%s (%s).", down, cz_fr_s((double)down),
					 names(b, CZ_DIFF_ALERTS, CZ_DIFF_REMOVED, NULL)));
	}
	if (d->counts[CZ_DIFF_INDICATORS]) {
		size_t better = 0, worse = 0, filled = count_of(d, CZ_DIFF_INDICATORS, -1, NULL, FILLED),
		       unfilled = count_of(d, CZ_DIFF_INDICATORS, -1, NULL, UNFILLED);
		for (size_t i = 0; i < d->n_changes; i++) {
			const cz_diff_change *c = &d->changes[i];
			better += c->section == CZ_DIFF_INDICATORS && c->sense == CZ_DIFF_BETTER;
			worse += c->section == CZ_DIFF_INDICATORS && c->sense == CZ_DIFF_WORSE;
		}
		size_t added = count_of(d, CZ_DIFF_INDICATORS, CZ_DIFF_ADDED, NULL, NULL),
		       removed = count_of(d, CZ_DIFF_INDICATORS, CZ_DIFF_REMOVED, NULL, NULL);
		size_t other = d->counts[CZ_DIFF_INDICATORS] - better - worse - filled - unfilled - added - removed;
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Indicateurs du test\u00A0: ");
		const char *sep = "";
		if (added) {
			cz_buf_printf(&t, "%zu évalué%s pour la première fois (le projet a atteint la phase de test)", added,
				      cz_fr_s((double)added));
			sep = ", ";
		}
		if (removed) {
			cz_buf_printf(&t, "%s%zu qui ne %s plus évalué%s (le projet est revenu avant la phase de test)", sep,
				      removed, removed > 1 ? "sont" : "est", cz_fr_s((double)removed));
			sep = ", ";
		}
		if (better) {
			cz_buf_printf(&t, "%zu en mieux (%s)", better, sense_names(b, CZ_DIFF_BETTER));
			sep = ", ";
		}
		if (worse) {
			cz_buf_printf(&t, "%s%zu en moins bien (%s)", sep, worse, sense_names(b, CZ_DIFF_WORSE));
			sep = ", ";
		}
		if (filled) {
			cz_buf_printf(&t, "%s%zu renseigné%s depuis", sep, filled, cz_fr_s((double)filled));
			sep = ", ";
		}
		if (unfilled) {
			cz_buf_printf(&t, "%s%zu qui ne %s plus renseigné%s", sep, unfilled, unfilled > 1 ? "sont" : "est",
				      cz_fr_s((double)unfilled));
			sep = ", ";
		}
		if (other)
			cz_buf_printf(&t, "%s%zu valeur%s changée%s sans changer de statut", sep, other,
				      cz_fr_s((double)other), cz_fr_s((double)other));
		cz_buf_puts(&t, ".");
		say(b, &cap, cz_buf_ok(&t) ? dup(b, t.data) : "");
		cz_buf_free(&t);
	}
	if (d->counts[CZ_DIFF_ACTIVITY]) {
		static const char *const words[CZ_DIFF_KIND_COUNT] = { "ajouté", "retiré", "corrigé" };
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Activité\u00A0: ");
		const char *sep = "";
		for (int k = 0; k < CZ_DIFF_KIND_COUNT; k++) {
			size_t n = count_of(d, CZ_DIFF_ACTIVITY, k, NULL, NULL);
			if (!n)
				continue;
			cz_buf_printf(&t, "%s%zu mois %s%s (%s)", sep, n, words[k], n > 1 ? "s" : "",
				      names(b, CZ_DIFF_ACTIVITY, k, NULL));
			sep = ", ";
		}
		cz_buf_puts(&t, ".");
		say(b, &cap, cz_buf_ok(&t) ? dup(b, t.data) : "");
		cz_buf_free(&t);
	}
	if (d->counts[CZ_DIFF_PILLARS]) {
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Ressources par pilier\u00A0: ");
		const char *sep = "";
		for (size_t i = 0; i < d->n_changes; i++) {
			const cz_diff_change *c = &d->changes[i];
			if (c->section != CZ_DIFF_PILLARS)
				continue;
			int k = cz_enum_find(&cz_enum_pilier, c->key);
			cz_buf_printf(&t, "%s%s %s", sep, k >= 0 ? cz_enum_label(&cz_enum_pilier, k) : "prêts", c->detail);
			sep = ", ";
		}
		cz_buf_puts(&t, ".");
		say(b, &cap, cz_buf_ok(&t) ? dup(b, t.data) : "");
		cz_buf_free(&t);
	}
	if (d->counts[CZ_DIFF_OFFERS])
		say(b, &cap, fmt(b, "Offres\u00A0: %s.", kinds(b, CZ_DIFF_OFFERS, true)));
	if (d->counts[CZ_DIFF_NEEDS])
		say(b, &cap, fmt(b, "Besoins\u00A0: %s.", kinds(b, CZ_DIFF_NEEDS, false)));
	if (d->counts[CZ_DIFF_ACTORS])
		say(b, &cap, fmt(b, "Acteurs\u00A0: %s.", kinds(b, CZ_DIFF_ACTORS, false)));
	if (d->counts[CZ_DIFF_CANVAS]) {
		size_t up = count_of(d, CZ_DIFF_CANVAS, CZ_DIFF_ADDED, NULL, NULL);
		size_t down = count_of(d, CZ_DIFF_CANVAS, CZ_DIFF_REMOVED, NULL, NULL);
		say(b, &cap, fmt(b, "Canevas\u00A0: %zu élément%s ajouté%s, %zu retiré%s.", up, cz_fr_s((double)up),
				 cz_fr_s((double)up), down, cz_fr_s((double)down)));
	}
}

/* --- run ---------------------------------------------------------------------------------- */

static void side_free(side *s)
{
	if (s->diag)
		cz_diag_free(s->diag);
	if (s->test)
		cz_testphase_free(s->test);
	if (s->ind)
		cz_indicators_free(s->ind);
	if (s->canvas)
		cz_canvas_free(s->canvas);
}

static cz_status side_run(const cz_project *p, const cz_referential *ref, const cz_options *o, side *s)
{
	memset(s, 0, sizeof(*s));
	s->p = p;
	cz_ind_options io = { o ? o->taux_benevolat : -1, o && o->taux_given };
	cz_status st = cz_diag_run(p, ref, &s->diag);
	if (st == CZ_OK && p->projet.phase >= CZ_PHASE_TEST)
		st = cz_testphase_run(p, ref, &s->test);
	if (st == CZ_OK)
		st = cz_indicators_run(p, ref, &io, &s->ind);
	if (st == CZ_OK)
		st = cz_canvas_run(p, ref, &s->canvas);
	return st;
}

cz_status cz_diff_run(const cz_project *before, const cz_project *after, const cz_referential *ref,
		      const cz_options *opts, cz_diff **out)
{
	*out = NULL;
	cz_diff *d = calloc(1, sizeof(*d));
	if (!d)
		return CZ_ERR_NOMEM;
	builder b = { .d = d, .ref = ref, .st = CZ_OK };
	d->arena = cz_arena_new();
	if (!d->arena) {
		free(d);
		return CZ_ERR_NOMEM;
	}
	d->before = before;
	d->after = after;
	d->before_file = before->file;
	d->after_file = after->file;
	d->same_name = strcmp(before->projet.nom, after->projet.nom) == 0;
	b.st = side_run(before, ref, opts, &b.s[0]);
	if (b.st == CZ_OK)
		b.st = side_run(after, ref, opts, &b.s[1]);
	if (b.st == CZ_OK) {
		for (int k = 0; k < 2; k++)
			cz_portfolio_row_fill(&d->rows[k], b.s[k].p, b.s[k].diag, b.s[k].test,
					      b.s[k].p->n_activite ? b.s[k].ind : NULL);
		figures(&b, &d->rows[0], &d->rows[1], d->figures, &d->n_figures_changed);
		phases(&b);
		steps(&b);
		skills(&b);
		alerts(&b);
		verdict(&b);
		indicators(&b);
		activity(&b);
		pillars(&b);
		lists(&b);
		canvas(&b);
		/* the sections were filled in their order: changes are grouped by section */
		summary(&b);
	}
	/* Strings taken from the results (alert details, canvas texts) are
	 * copied before the results go. */
	for (size_t i = 0; b.st == CZ_OK && i < d->n_changes; i++) {
		cz_diff_change *c = &d->changes[i];
		if (c->section == CZ_DIFF_ALERTS)
			c->detail = dup(&b, c->detail);
	}
	side_free(&b.s[0]);
	side_free(&b.s[1]);
	if (b.st != CZ_OK) {
		cz_diff_free(d);
		return b.st;
	}
	*out = d;
	return CZ_OK;
}

void cz_diff_free(cz_diff *d)
{
	if (!d)
		return;
	free(d->changes);
	cz_arena_free(d->arena);
	free(d);
}
