#include "testphase.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "funding.h"
#include "indicators.h"
#include "origin.h"
#include "text.h"
#include "starter.h"

const char *const cz_tp_status_keys[CZ_TP_STATUS_COUNT] = { "atteint", "partiel", "non_atteint",
							    "non_renseigne" };
const char *const cz_tp_status_labels[CZ_TP_STATUS_COUNT] = { "atteint", "partiel", "non atteint",
							      "non renseigné" };
const char *const cz_verdict_keys[CZ_VERDICT_COUNT] = { "go", "reajuster", "no_go", "incomplet", "non_evalue" };
const char *const cz_verdict_labels[CZ_VERDICT_COUNT] = { "GO", "RÉAJUSTER", "NO-GO", "INCOMPLET", "non évalué" };

/* Thresholds are compared with a little slack so 0.6 computed as 60/100 meets 0.6. */
#define EPS 1e-9

cz_tp_status cz_tp_compare(double value, bool sens_max, double seuil, bool has_partiel,
			   double seuil_partiel)
{
	if (sens_max) {
		if (value <= seuil + EPS)
			return CZ_TP_ATTEINT;
		if (has_partiel && value <= seuil_partiel + EPS)
			return CZ_TP_PARTIEL;
	} else {
		if (value >= seuil - EPS)
			return CZ_TP_ATTEINT;
		if (has_partiel && value >= seuil_partiel - EPS)
			return CZ_TP_PARTIEL;
	}
	return CZ_TP_NON_ATTEINT;
}

cz_tp_grounds cz_tp_assess(const cz_ref_verdict_rule *rule, double part_non_renseignes, double score,
			   bool critical_miss, bool critical_below, bool critical_unfilled, bool conditions_ok)
{
	return (cz_tp_grounds){
		.too_many_unfilled = part_non_renseignes > rule->part_max_non_renseignes,
		.critical_unfilled = critical_unfilled && rule->critique_non_renseigne_incomplet,
		.critical_miss = critical_miss,
		.critical_below = critical_below,
		.score_below_no_go = score < rule->score_no_go - EPS,
		.score_reaches_go = score >= rule->score_go - EPS,
		.conditions_ok = conditions_ok,
	};
}

cz_verdict cz_tp_decide(const cz_tp_grounds *g)
{
	if (g->too_many_unfilled || g->critical_unfilled)
		return CZ_VERDICT_INCOMPLET;
	if (g->critical_miss || g->score_below_no_go)
		return CZ_VERDICT_NO_GO;
	if (g->score_reaches_go && !g->critical_below && g->conditions_ok)
		return CZ_VERDICT_GO;
	return CZ_VERDICT_REAJUSTER;
}

cz_verdict cz_tp_verdict(const cz_ref_verdict_rule *rule, double part_non_renseignes, double score,
			 bool critical_miss, bool critical_below, bool critical_unfilled, bool conditions_ok)
{
	cz_tp_grounds g = cz_tp_assess(rule, part_non_renseignes, score, critical_miss, critical_below,
				       critical_unfilled, conditions_ok);
	return cz_tp_decide(&g);
}

char *cz_tp_format_value(char *out, size_t size, cz_ind_unit unit, double v)
{
	char n[64];
	switch (unit) {
	case CZ_UNIT_MOIS:
		cz_join(out, size, cz_fr_compact(n, sizeof(n), v, 1), " mois", (char *)NULL);
		break;
	case CZ_UNIT_PART:
		cz_fr_percent(out, size, v);
		break;
	case CZ_UNIT_NOTE:
		cz_join(out, size, cz_fr_compact(n, sizeof(n), v, 2), "\u00A0/\u00A05", (char *)NULL);
		break;
	case CZ_UNIT_BOOLEEN:
		cz_join(out, size, v >= 0.5 ? "oui" : "non", (char *)NULL);
		break;
	case CZ_UNIT_POUR_MILLE:
		cz_join(out, size, cz_fr_compact(n, sizeof(n), v, 1), " pour 1\u202F000 par mois", (char *)NULL);
		break;
	case CZ_UNIT_COUNT:
		cz_fr_compact(out, size, v, 2);
		break;
	default:
		cz_fr_number(out, size, v, 2);
	}
	return out;
}

char *cz_tp_format_threshold(char *out, size_t size, const cz_tp_indicator *it)
{
	if (it->unite == CZ_UNIT_BOOLEEN) {
		return cz_join(out, size, "oui", (char *)NULL);
	}
	const char *op = it->sens_max ? "≤" : "≥";
	char a[64], b[64];
	cz_tp_format_value(a, sizeof(a), it->unite, it->seuil);
	/* An overridden seuil may leave no room for "partiel": then say nothing of it. */
	bool band = it->has_partiel && (it->sens_max ? it->seuil_partiel > it->seuil : it->seuil_partiel < it->seuil);
	char vol[96] = "";
	if (it->volume_min > 0)
		cz_join(vol, sizeof(vol), ", et au moins ", cz_fr_compact(b, sizeof(b), it->volume_min, 1), " demande",
			cz_fr_s(it->volume_min), " par mois", (char *)NULL);
	if (band) {
		cz_tp_format_value(b, sizeof(b), it->unite, it->seuil_partiel);
		cz_join(out, size, op, " ", a, " (partiel ", op, " ", b, ")", vol, (char *)NULL);
	} else {
		cz_join(out, size, op, " ", a, vol, (char *)NULL);
	}
	return out;
}

typedef struct {
	cz_testphase *r;
	const cz_project *p;
	const cz_referential *ref;
	bool nomem;
} ctx;

static const char *fmt_str(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A sentence of any length in the result's arena (names from the project
 * and the referential go in whole: no fixed buffer cuts them). */
static const char *fmt_str(ctx *c, const char *fmt, ...)
{
	/* formatted once (cz_buf_vprintf writes the usual conversions
	 * itself), then copied into the arena */
	cz_buf b;
	cz_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	cz_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *s = cz_buf_ok(&b) ? cz_arena_alloc(c->r->arena, b.len + 1) : NULL;
	if (s)
		memcpy(s, b.data ? b.data : "", b.len + 1);
	cz_buf_free(&b);
	if (!s)
		c->nomem = true;
	return s;
}

static void detail(cz_tp_indicator *it, const char *key, const char *label, double v, bool euros)
{
	if (it->n_details < CZ_TP_MAX_DETAILS)
		it->details[it->n_details++] = (cz_tp_detail){ key, label, v, euros };
}

static int month_key(cz_date d)
{
	return d.year * 12 + d.month - 1;
}

static bool in_period(const cz_testphase *r, cz_date m)
{
	if (r->from.set && month_key(m) < month_key(r->from))
		return false;
	if (r->to.set && month_key(m) > month_key(r->to))
		return false;
	return true;
}

static void set_num(cz_tp_indicator *it, double v)
{
	it->value = (cz_num){ v, true };
}

static void set_bool(ctx *c, cz_tp_indicator *it, int v, const char *field, const char *what)
{
	if (v < 0) {
		it->a_saisir = fmt_str(c, "%s (oui / non)\u00A0: %s", field, what);
		return;
	}
	set_num(it, v);
	it->calcul = fmt_str(c, "déclaré dans %s\u00A0: %s.", field, v ? "oui" : "non");
}

static void set_declared(ctx *c, cz_tp_indicator *it, cz_num v, const char *field, const char *what)
{
	if (!v.set) {
		it->a_saisir = fmt_str(c, "%s\u00A0: %s", field, what);
		return;
	}
	char a[64];
	set_num(it, v.value);
	it->calcul = fmt_str(c, "valeur déclarée dans %s\u00A0: %s.", field,
			     cz_tp_format_value(a, sizeof(a), it->unite, v.value));
}

static void period_text(const cz_testphase *r, char *out, size_t n)
{
	char a[CZ_FR_SIZE] = "", b[CZ_FR_SIZE] = "";
	if (r->from.set)
		snprintf(a, sizeof(a), "%04d-%02d", r->from.year % 10000, r->from.month % 100);
	if (r->to.set)
		snprintf(b, sizeof(b), "%04d-%02d", r->to.year % 10000, r->to.month % 100);
	if (r->from.set && r->to.set)
		snprintf(out, n, "de %s à %s", a, b);
	else if (r->from.set)
		snprintf(out, n, "à partir de %s", a);
	else if (r->to.set)
		snprintf(out, n, "jusqu'à %s", b);
	else
		snprintf(out, n, "sur tous les relevés");
}

/* The people the demand is measured against (SPEC: "les besoins sur un
 * territoire défini"): inhabitants, or the employees of the companies a
 * conciergerie d'entreprise serves, or both for a mixed one. A zero is the
 * starter's placeholder, not a figure. */
static double demand_base(const cz_project *p, char *what, size_t size)
{
	const cz_territoire *t = &p->projet.territoire;
	double pop = t->population.set ? t->population.value : 0;
	double sal = t->salaries.set ? t->salaries.value : 0;
	char a[64], b[64];
	bool want_pop = p->projet.type != CZ_TYPE_ENTREPRISE, want_sal = p->projet.type == CZ_TYPE_ENTREPRISE ||
									 p->projet.type == CZ_TYPE_MIXTE;
	if (want_pop && want_sal && pop > 0 && sal > 0) {
		snprintf(what, size, "%s habitants et %s salariés (projet.territoire)", cz_fr_number(a, sizeof(a), pop, 0),
			 cz_fr_number(b, sizeof(b), sal, 0));
		return pop + sal;
	}
	/* The figure the type calls for, else the one given, said as such. */
	bool use_pop = want_pop ? pop > 0 : !(sal > 0) && pop > 0;
	if (use_pop) {
		snprintf(what, size, "%s habitant%s (projet.territoire.population%s)", cz_fr_number(a, sizeof(a), pop, 0),
			 cz_fr_s(pop), want_pop ? "" : ", faute de salariés renseignés");
		return pop;
	}
	if (sal > 0) {
		snprintf(what, size, "%s salarié%s (projet.territoire.salaries%s)", cz_fr_number(a, sizeof(a), sal, 0),
			 cz_fr_s(sal), want_sal ? "" : ", faute de population renseignée");
		return sal;
	}
	what[0] = '\0';
	return 0;
}

static void measure_demande(ctx *c, cz_tp_indicator *it)
{
	const cz_project *p = c->p;
	double cmd = 0, dem_paired = 0, dem = 0;
	size_t n_paired = 0, nd = 0;
	double *xs = malloc((p->n_activite + 1) * sizeof(double));
	double *ys = malloc((p->n_activite + 1) * sizeof(double));
	if (!xs || !ys) {
		c->nomem = true;
		goto out;
	}
	for (size_t i = 0; i < p->n_activite; i++) {
		const cz_month *m = &p->activite[i];
		if (!in_period(c->r, m->periode))
			continue;
		if (m->demandes.set) {
			xs[nd] = month_key(m->periode);
			ys[nd++] = m->demandes.value;
			dem += m->demandes.value;
		}
		if (m->demandes.set && m->commandes.set) {
			cmd += m->commandes.value;
			dem_paired += m->demandes.value;
			n_paired++;
		}
	}
	/* The needs diagnostic: demand recorded for each real need. */
	double diag_total = 0;
	size_t diag_needs = 0;
	for (size_t i = 0; i < p->n_besoins; i++) {
		const cz_need *nd_ = &p->besoins[i];
		if (cz_starter_need(nd_) || !nd_->demandes.set || !(nd_->demandes.value > 0))
			continue;
		diag_total += nd_->demandes.value;
		diag_needs++;
	}
	char per[64], a[64], b[64], v[64], t[160], base_text[192], diag[256] = "", conv[160] = "";
	period_text(c->r, per, sizeof(per));
	double slope, icpt;
	bool has_trend = cz_ind_least_squares(xs, ys, nd, &slope, &icpt);
	if (has_trend)
		snprintf(t, sizeof(t), "tendance\u00A0: %s%s demande%s par mois (moindres carrés sur %zu mois)",
			 slope > 0 ? "+" : "", cz_ind_minus(cz_fr_number(a, sizeof(a), slope, 1), sizeof(a)),
			 cz_fr_s(slope), nd);
	else
		snprintf(t, sizeof(t), "tendance non calculable (moins de deux mois)");
	double base = demand_base(p, base_text, sizeof(base_text));
	if (nd == 0) {
		it->a_saisir = fmt_str(c, "activite\u00A0: demandes (sollicitations reçues) de chaque mois du test (%s)", per);
		goto out;
	}
	double mean = dem / (double)nd;
	it->volume = mean;
	detail(it, "demandes", "Demandes de la période", dem, false);
	detail(it, "demandes_par_mois", "Demandes par mois (moyenne)", mean, false);
	if (diag_needs > 0) {
		detail(it, "demande_diagnostic", "Demande recensée au diagnostic des besoins", diag_total, false);
		snprintf(diag, sizeof(diag), "\u202F; la demande recensée au diagnostic des besoins est de %s demande%s "
					     "(%zu besoin%s)\u00A0: les demandes d'un mois du test en représentent %s",
			 cz_fr_compact(a, sizeof(a), diag_total, 0), cz_fr_s(diag_total), diag_needs,
			 cz_fr_s((double)diag_needs), cz_fr_percent(b, sizeof(b), mean / diag_total));
	} else {
		snprintf(diag, sizeof(diag), "\u202F; aucune demande chiffrée au diagnostic des besoins (besoins[].demandes) "
					     "pour comparer");
	}
	if (has_trend)
		detail(it, "tendance_demandes", "Tendance de la demande (demandes par mois)", slope, false);
	if (n_paired > 0 && dem_paired > 0) {
		detail(it, "conversion", "Part des demandes servies (commandes / demandes)", cmd / dem_paired, false);
		snprintf(conv, sizeof(conv), "\u202F; demandes servies\u00A0: %s commande%s sur %s demande%s = %s%s",
			 cz_fr_compact(a, sizeof(a), cmd, 2), cz_fr_s(cmd), cz_fr_compact(b, sizeof(b), dem_paired, 2),
			 cz_fr_s(dem_paired), cz_fr_number(v, sizeof(v), cmd / dem_paired, 2),
			 /* kept as recorded, but most often a slip */
			 cmd > dem_paired ? " (plus de commandes que de demandes\u00A0: relevés à vérifier)" : "");
	}
	if (!(base > 0)) {
		it->a_saisir = fmt_str(c, "projet.territoire\u00A0: population (habitants)%s, pour rapporter la demande au "
					  "territoire",
				       p->projet.type == CZ_TYPE_ENTREPRISE ? " ou salaries (salariés des entreprises servies)"
				       : p->projet.type == CZ_TYPE_MIXTE    ? " et salaries (salariés des entreprises servies)"
									    : "");
		it->calcul = fmt_str(c, "%s demande%s en %zu mois %s, soit %s par mois, mais aucun effectif du "
					"territoire pour les rapporter (projet.territoire)%s%s\u202F; %s.",
				     cz_fr_compact(a, sizeof(a), dem, 0), cz_fr_s(dem), nd, per,
				     cz_fr_compact(b, sizeof(b), mean, 1), diag, conv, t);
		goto out;
	}
	double val = mean * 1000 / base;
	set_num(it, val);
	detail(it, "effectif_territoire", "Effectif du territoire (habitants ou salariés)", base, false);
	char m2[64], bs[64], vv[64];
	it->calcul = fmt_str(c, "%s demande%s en %zu mois (%s), soit %s par mois, pour %s\u00A0: %s × 1\u202F000 / %s = %s%s%s\u202F; %s.",
			     cz_fr_compact(a, sizeof(a), dem, 0), cz_fr_s(dem), nd, per,
			     cz_fr_compact(b, sizeof(b), mean, 1), base_text, cz_fr_compact(m2, sizeof(m2), mean, 1),
			     cz_fr_number(bs, sizeof(bs), base, 0),
			     cz_tp_format_value(vv, sizeof(vv), CZ_UNIT_POUR_MILLE, val), diag, conv, t);
	bool short_ratio = !it->sens_max && val < it->seuil - EPS;
	bool short_volume = it->volume_min > 0 && mean < it->volume_min - EPS;
	if (short_ratio || short_volume) {
		double need = short_ratio ? ceil(it->seuil * base / 1000 - EPS) : 0;
		if (need < it->volume_min)
			need = ceil(it->volume_min - EPS);
		char s1[64];
		if (!short_ratio)
			it->cible = fmt_str(c, "le volume reste trop faible pour conclure que le besoin est avéré\u00A0: il "
					       "faudrait au moins %s demande%s par mois en moyenne (actuellement %s), "
					       "quelle que soit la taille du territoire.",
					    cz_fr_compact(a, sizeof(a), need, 0), cz_fr_s(need),
					    cz_fr_compact(b, sizeof(b), mean, 1));
		else
			it->cible = fmt_str(c, "il faudrait au moins %s demande%s par mois en moyenne (%s%s%s%s), "
					       "actuellement %s.",
					    cz_fr_compact(a, sizeof(a), need, 0), cz_fr_s(need),
					    cz_tp_format_value(b, sizeof(b), CZ_UNIT_POUR_MILLE, it->seuil),
					    it->volume_min > 0 ? " et au moins " : "",
					    it->volume_min > 0 ? cz_fr_compact(s1, sizeof(s1), it->volume_min, 1) : "",
					    it->volume_min > 0 ? " par mois en tout état de cause" : "",
					    cz_fr_compact(m2, sizeof(m2), mean, 1));
	}
out:
	free(xs);
	free(ys);
}

/* "financements acquis 2026 : 31 220 € × 4/12 = 10 406,67 €", each year of
 * the months counted, or that there is none. */
static void funding_text(const cz_funding_share *fs, cz_buf *out)
{
	size_t start = out->len;
	for (size_t k = 0; k < fs->n_years; k++) {
		const cz_funding_year *y = &fs->years[k];
		if (!(y->acquis > 0))
			continue;
		char a[64], b[64];
		cz_buf_printf(out, "%s%d\u00A0: %s × %d/%d = %s", out->len > start ? "\u202F; " : "financements acquis ",
			      y->annee, cz_fr_euros(a, sizeof(a), y->acquis), y->n_mois,
			      CZ_FUNDING_MONTHS_PER_YEAR, cz_fr_euros(b, sizeof(b), y->retenu));
	}
	if (out->len == start && fs->n_years > 1)
		cz_buf_printf(out, "aucun financement acquis pour les années %d à %d", fs->years[0].annee,
			      fs->years[fs->n_years - 1].annee);
	else if (out->len == start)
		cz_buf_printf(out, "aucun financement acquis pour l'année %d", fs->n_years ? fs->years[0].annee : 0);
}

static void measure_couverture(ctx *c, cz_tp_indicator *it)
{
	const cz_project *p = c->p;
	cz_testphase *r = c->r;
	double rec = 0, cha = 0;
	size_t n = 0;
	cz_date *months = cz_arena_calloc(r->arena, p->n_activite + 1, sizeof(*months));
	if (!months) {
		c->nomem = true;
		return;
	}
	for (size_t i = 0; i < p->n_activite; i++) {
		const cz_month *m = &p->activite[i];
		if (in_period(r, m->periode) && m->recettes.set && m->charges.set) {
			rec += m->recettes.value;
			cha += m->charges.value;
			months[n++] = m->periode;
		}
	}
	char per[64], a[64], b[64], d[64], v[64], f[64], g[64], extra[384] = "";
	period_text(r, per, sizeof(per));
	if (n == 0 || !(cha > 0)) {
		it->a_saisir = fmt_str(c, "activite\u00A0: recettes et charges de chaque mois du test (%s)", per);
		return;
	}
	/* Only the months whose charges are counted receive their twelfth of the funding. */
	cz_funding_share fs;
	if (cz_funding_attribute(p, months, n, r->arena, &fs) != CZ_OK) {
		c->nomem = true;
		return;
	}
	r->year_from = fs.n_years ? fs.years[0].annee : 0;
	r->year_to = fs.n_years ? fs.years[fs.n_years - 1].annee : 0;
	double val = (rec + fs.retenu) / cha;
	if (!isfinite(val) || !isfinite(rec / cha)) {
		/* charges of 1e-300 €: no ratio means anything (nor fits a double) */
		it->calcul = fmt_str(c, "charges de la période (%s, %s) trop faibles pour en tirer un ratio\u00A0: "
					"couverture non calculable.",
				     cz_fr_euros(d, sizeof(d), cha), per);
		it->a_saisir = fmt_str(c, "activite\u00A0: les charges réelles de chaque mois du test (%s)", per);
		return;
	}
	set_num(it, val);
	cz_buf fund;
	cz_buf_init(&fund);
	funding_text(&fs, &fund);
	if (!cz_buf_ok(&fund)) {
		cz_buf_free(&fund);
		c->nomem = true;
		return;
	}
	double left = fs.non_acquis + fs.hors_periode + fs.sans_annee;
	if (left > 0 && fs.hors_mois > 0)
		snprintf(extra, sizeof(extra), "\u202F; non comptés\u00A0: %s de financements non acquis, d'une autre année ou "
					       "sans année, et %s qui reviennent aux autres mois de l'année",
			 cz_fr_euros(f, sizeof(f), left), cz_fr_euros(g, sizeof(g), fs.hors_mois));
	else if (left > 0)
		snprintf(extra, sizeof(extra), "\u202F; non comptés\u00A0: %s de financements non acquis, d'une autre année ou "
					       "sans année", cz_fr_euros(f, sizeof(f), left));
	else if (fs.hors_mois > 0)
		snprintf(extra, sizeof(extra), "\u202F; non comptés\u00A0: %s qui reviennent aux autres mois de l'année",
			 cz_fr_euros(g, sizeof(g), fs.hors_mois));
	/* Loans are repaid: cash, never a resource of the balance. */
	char loans[320] = "";
	if (fs.prets > 0 || fs.prets_autres > 0) {
		char l1[64], l2[64];
		if (fs.prets > 0)
			snprintf(loans, sizeof(loans), "\u202F; prêts et avances remboursables acquis\u00A0: %s, comptés en "
						       "trésorerie et non comme ressource, puisqu'ils seront remboursés%s%s%s",
				 cz_fr_euros(l1, sizeof(l1), fs.prets), fs.prets_autres > 0 ? " (et " : "",
				 fs.prets_autres > 0 ? cz_fr_euros(l2, sizeof(l2), fs.prets_autres) : "",
				 fs.prets_autres > 0 ? " non acquis ou d'une autre année)" : "");
		else
			snprintf(loans, sizeof(loans), "\u202F; prêts et avances remboursables non acquis ou d'une autre "
						       "année\u00A0: %s, hors équilibre de toute façon, puisqu'ils seront remboursés",
				 cz_fr_euros(l2, sizeof(l2), fs.prets_autres));
	}
	it->calcul = fmt_str(c, "recettes %s + financements acquis %s sur charges %s = %s, %s (%zu mois)\u202F; "
				"%s\u202F; autofinancement (recettes / charges) = %s\u202F; règle\u00A0: le "
				"financement acquis d'une année compte pour un douzième par mois compté ici (mois "
				"avec recettes et charges)%s%s.",
			     cz_fr_euros(a, sizeof(a), rec), cz_fr_euros(b, sizeof(b), fs.retenu),
			     cz_fr_euros(d, sizeof(d), cha), cz_fr_number(v, sizeof(v), val, 2), per, n, fund.data,
			     cz_fr_number(f, sizeof(f), rec / cha, 2), extra, loans);
	cz_buf_free(&fund);
	detail(it, "recettes", "Recettes de la période", rec, true);
	detail(it, "financements_acquis", "Financements acquis retenus (un douzième par mois compté)", fs.retenu,
	       true);
	detail(it, "charges", "Charges de la période", cha, true);
	detail(it, "autofinancement", "Autofinancement (recettes / charges)", rec / cha, false);
	detail(it, "financements_non_comptes", "Financements non comptés", left + fs.hors_mois, true);
	detail(it, "mois_comptes", "Mois comptés", (double)n, false);
	detail(it, "prets_tresorerie", "Prêts et avances remboursables acquis (trésorerie, hors équilibre)", fs.prets,
	       true);
	r->prets = fs.prets;
	r->prets_autres = fs.prets_autres;
	r->loans_counted = true;
	if (!it->sens_max && val < it->seuil - EPS) {
		double need = it->seuil * cha - rec - fs.retenu;
		it->cible = fmt_str(c, "%s de recettes ou de financements acquis en plus pour atteindre %s.",
				    cz_fr_euros(a, sizeof(a), need), cz_fr_number(b, sizeof(b), it->seuil, 2));
	}
}

/* Append "name" or "name (who, note)" to a comma-separated list: of any
 * length, the names are the project's. */
static void list_add(cz_buf *out, const char *name, const char *who, const char *note)
{
	cz_buf_printf(out, "%s%s%s%s%s%s", out->len ? ", " : "", name ? name : "?", who ? " (" : "",
		      who ? who : "", who && note ? note : "", who ? ")" : "");
}

static void measure_reseau(ctx *c, cz_tp_indicator *it)
{
	const cz_project *p = c->p;
	size_t n = 0, by_provider = 0, ok = 0, in_house = 0;
	cz_buf missing, own;
	cz_buf_init(&missing);
	cz_buf_init(&own);
	for (size_t i = 0; i < p->n_offre; i++) {
		const cz_offer *o = &p->offre[i];
		if (!o->prioritaire || cz_starter_offer(o))
			continue;
		n++;
		if (!o->prestataire) {
			in_house++;
			list_add(&own, o->service, NULL, NULL);
			continue;
		}
		by_provider++;
		const cz_actor *a = cz_project_actor(p, o->prestataire);
		if (a && a->charte) {
			ok++;
			continue;
		}
		list_add(&missing, o->service, o->prestataire, a && !a->charte_set ? ", charte non renseignée" : NULL);
	}
	/* the lists into the result's arena: the sentences below quote them */
	size_t used = missing.len;
	const char *miss = cz_buf_ok(&missing) ? cz_arena_strdup(c->r->arena, missing.data ? missing.data : "") : NULL;
	const char *own_list = cz_buf_ok(&own) ? cz_arena_strdup(c->r->arena, own.data ? own.data : "") : NULL;
	cz_buf_free(&missing);
	cz_buf_free(&own);
	if (!miss || !own_list) {
		c->nomem = true;
		return;
	}
	if (n == 0) {
		it->a_saisir = fmt_str(c, "offre\u00A0: les offres prioritaires (prioritaire: oui) et leur prestataire "
					  "(un acteur, avec charte: oui quand il a signé la charte d'intervention)");
		return;
	}
	char a[64], b[64];
	detail(it, "offres_prioritaires", "Offres prioritaires", (double)n, false);
	detail(it, "offres_par_un_prestataire", "Assurées par un prestataire", (double)by_provider, false);
	detail(it, "prestataires_signataires", "Dont le prestataire a signé la charte", (double)ok, false);
	detail(it, "offres_en_interne", "Assurées par la conciergerie elle-même (hors réseau)", (double)in_house, false);
	if (by_provider == 0) {
		/* Relaying local providers is the first characteristic of the definition. */
		set_num(it, 0);
		if (n == 1)
			it->calcul = fmt_str(c, "la seule offre prioritaire (%s) n'est pas assurée par un prestataire\u00A0: la "
						"conciergerie l'assure elle-même\u202F; elle ne relaie encore aucun prestataire "
						"local, l'indicateur ne peut pas être atteint.",
					     own_list);
		else
			it->calcul = fmt_str(c, "aucune des %zu offres prioritaires n'est assurée par un prestataire\u00A0: la "
						"conciergerie les assure toutes elle-même (%s)\u202F; elle ne relaie encore "
						"aucun prestataire local, l'indicateur ne peut pas être atteint.",
					     n, own_list);
		it->cible = fmt_str(c, "confier au moins une offre prioritaire à un prestataire local qui signe la "
				       "charte d'intervention (offre[].prestataire, acteurs[].charte: oui).");
		return;
	}
	double v = (double)ok / (double)by_provider;
	set_num(it, v);
	it->calcul = fmt_str(c, "offres prioritaires assurées par un prestataire\u00A0: %zu, dont %zu avec un prestataire "
				"signataire de la charte d'intervention = %s%s%s%s%s%s.",
			     by_provider, ok, cz_fr_percent(a, sizeof(a), v), used ? " (sans charte\u00A0: " : "", miss,
			     used ? ")" : "", in_house ? "\u202F; assurées par la conciergerie elle-même, hors réseau\u00A0: " : "",
			     own_list);
	if (!it->sens_max && v < it->seuil - EPS) {
		double need = ceil(it->seuil * (double)by_provider - (double)ok - EPS);
		it->cible = fmt_str(c, "%s prestataire%s de plus %s signer la charte pour atteindre %s.",
				    cz_fr_compact(a, sizeof(a), need, 0), cz_fr_s(need), cz_fr_pl(need, "doit", "doivent"),
				    cz_fr_percent(b, sizeof(b), it->seuil));
	}
}

static void measure_satisfaction(ctx *c, cz_tp_indicator *it)
{
	const cz_test *t = &c->p->test;
	const struct {
		const char *label;
		cz_num v;
	} s[] = { { "bénéficiaires", t->satisfaction_beneficiaires },
		  { "partenaires", t->satisfaction_partenaires },
		  { "équipe", t->satisfaction_equipe } };
	char parts[256] = "", a[64];
	size_t used = 0, n = 0;
	double sum = 0;
	for (size_t i = 0; i < 3; i++) {
		if (!s[i].v.set)
			continue;
		sum += s[i].v.value;
		n++;
		int w = snprintf(parts + used, sizeof(parts) - used, "%s%s %s", used ? ", " : "", s[i].label,
				 cz_fr_compact(a, sizeof(a), s[i].v.value, 2));
		if (w > 0 && (size_t)w < sizeof(parts) - used)
			used += (size_t)w;
	}
	if (n == 0) {
		it->a_saisir = fmt_str(c, "test.satisfaction\u00A0: notes de 1 à 5 des bénéficiaires, des partenaires et "
					  "de l'équipe");
		return;
	}
	set_num(it, sum / (double)n);
	it->calcul = fmt_str(c, "moyenne des notes (%s) = %s%s.", parts,
			     cz_tp_format_value(a, sizeof(a), CZ_UNIT_NOTE, sum / (double)n),
			     n < 3 ? "\u202F; les notes absentes ne sont pas comptées" : "");
	detail(it, "notes", "Notes prises en compte", (double)n, false);
}

static void measure_couples(ctx *c, cz_tp_indicator *it)
{
	const cz_project *p = c->p;
	if (p->n_offre == 0) {
		it->a_saisir = fmt_str(c, "offre\u00A0: les couples produit / marché proposés, avec prioritaire: true "
					  "pour ceux du test");
		return;
	}
	cz_buf names;
	cz_buf_init(&names);
	size_t n = 0;
	for (size_t i = 0; i < p->n_offre; i++) {
		if (!p->offre[i].prioritaire || cz_starter_offer(&p->offre[i]))
			continue;
		if (n++)
			cz_buf_puts(&names, ", ");
		cz_buf_puts(&names, p->offre[i].service ? p->offre[i].service : "?");
	}
	set_num(it, (double)n);
	if (!cz_buf_ok(&names))
		c->nomem = true;
	else
		it->calcul = fmt_str(c, "%zu offre%s marquée%s prioritaire%s sur %zu%s%s%s.", n, cz_fr_s((double)n),
				     cz_fr_s((double)n), cz_fr_s((double)n), p->n_offre, n ? " (" : "",
				     n ? names.data : "", n ? ")" : "");
	cz_buf_free(&names);
}

static void compute_item(ctx *c, cz_tp_indicator *it)
{
	const cz_test *t = &c->p->test;
	switch (it->mesure) {
	case CZ_MES_CARNET_COMMANDES:
		set_declared(c, it, t->carnet_commandes, "test.carnet_commandes",
			     "mois d'activité garantis par des commandes et contrats signés");
		break;
	case CZ_MES_DEMANDE:
		measure_demande(c, it);
		break;
	case CZ_MES_COUVERTURE_CHARGES:
		measure_couverture(c, it);
		break;
	case CZ_MES_RESEAU_PRESTATAIRES:
		measure_reseau(c, it);
		break;
	case CZ_MES_SOLLICITATIONS:
		set_bool(c, it, t->sollicitations_suivies, "test.sollicitations_suivies",
			 "les demandes reçues sont-elles enregistrées et suivies\u202F?");
		break;
	case CZ_MES_CHARGE_TRAVAIL:
		set_declared(c, it, t->charge_travail, "test.charge_travail",
			     "travail à fournir rapporté à la capacité de l'équipe (1 = pleine capacité)");
		break;
	case CZ_MES_SATISFACTION:
		measure_satisfaction(c, it);
		break;
	case CZ_MES_CAHIER_DES_CHARGES:
		set_bool(c, it, t->cahier_des_charges, "test.cahier_des_charges",
			 "un cahier des charges encadre-t-il le choix des prestataires\u202F?");
		break;
	case CZ_MES_IMPACT_SOCIAL:
		set_declared(c, it, t->impact_social, "test.impact_social", "note de 1 à 5");
		break;
	case CZ_MES_VISION:
		set_declared(c, it, t->vision, "test.vision", "note de 1 à 5");
		break;
	case CZ_MES_ENERGIE:
		set_declared(c, it, t->energie, "test.energie", "note de 1 à 5");
		break;
	case CZ_MES_MONTEE_COMPETENCES:
		set_declared(c, it, t->montee_competences, "test.montee_competences", "note de 1 à 5");
		break;
	case CZ_MES_COUPLES_PRIORITAIRES:
		measure_couples(c, it);
		break;
	default:
		break;
	}
	if (!it->value.set) {
		it->status = CZ_TP_NON_RENSEIGNE;
		if (!it->calcul) {
			const char *w = it->a_saisir ? it->a_saisir : "?";
			size_t len = strlen(w);
			/* A question already ends the sentence: no "?." */
			bool ended = len > 0 && (w[len - 1] == '?' || w[len - 1] == '.');
			it->calcul = fmt_str(c, "donnée absente\u00A0: %s%s", w, ended ? "" : ".");
		}
		return;
	}
	if (it->unite == CZ_UNIT_BOOLEEN)
		it->status = it->value.value >= 0.5 ? CZ_TP_ATTEINT : CZ_TP_NON_ATTEINT;
	else
		it->status = cz_tp_compare(it->value.value, it->sens_max, it->seuil, it->has_partiel,
					   it->seuil_partiel);
	/* A handful of requests proves no need, whatever the territory's size
	 * (the sentence saying so is the measure's cible). */
	if (it->volume_min > 0 && it->volume < it->volume_min - EPS && it->status == CZ_TP_ATTEINT) {
		it->status = CZ_TP_PARTIEL;
		it->capped = true;
	}
	if (it->status != CZ_TP_ATTEINT && !it->cible) {
		char a[64], b[64];
		if (it->unite == CZ_UNIT_BOOLEEN)
			it->cible = fmt_str(c, "à mettre en place (valeur attendue\u00A0: oui).");
		else
			it->cible = fmt_str(c, "il faudrait %s %s (actuellement %s).", it->sens_max ? "≤" : "≥",
					    cz_tp_format_value(a, sizeof(a), it->unite, it->seuil),
					    cz_tp_format_value(b, sizeof(b), it->unite, it->value.value));
	}
}

static void apply_override(const cz_project *p, cz_tp_indicator *it)
{
	it->seuil_defaut = it->seuil;
	for (size_t i = 0; i < p->test.n_seuils; i++) {
		if (!strcmp(p->test.seuils[i].mesure, cz_measure_keys[it->mesure])) {
			it->seuil = p->test.seuils[i].value;
			it->seuil_override = it->seuil != it->seuil_defaut;
		}
	}
}

static bool push(ctx *c, const char ***list, size_t *n, size_t cap, const char *s)
{
	if (!s) {
		c->nomem = true;
		return false;
	}
	if (*n < cap)
		(*list)[(*n)++] = s;
	return true;
}

static double credit(cz_tp_status s)
{
	return s == CZ_TP_ATTEINT ? 1 : s == CZ_TP_PARTIEL ? 0.5 : 0;
}

/* Indices of the scored items not atteint, by decreasing gain (then order). */
static size_t by_gain(const cz_testphase *r, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_indicators; i++)
		if (r->items[i].gain > 0)
			idx[n++] = i;
	for (size_t i = 1; i < n; i++) {
		size_t v = idx[i], j = i;
		while (j > 0 && r->items[idx[j - 1]].gain < r->items[v].gain) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	return n;
}

static void lever(ctx *c, size_t cap, int level, const char *s)
{
	cz_testphase *r = c->r;
	size_t n = r->n_leviers;
	if (push(c, &r->leviers, &r->n_leviers, cap, s) && r->n_leviers > n)
		r->leviers_niveau[n] = (unsigned char)level;
}

static void explain(ctx *c)
{
	cz_testphase *r = c->r;
	const cz_ref_verdict_rule *rule = &c->ref->rule;
	size_t cap = 8 + 2 * r->n_items + r->n_conditions;
	r->raisons = cz_arena_calloc(r->arena, cap, sizeof(char *));
	r->leviers = cz_arena_calloc(r->arena, cap, sizeof(char *));
	r->leviers_niveau = cz_arena_calloc(r->arena, cap, 1);
	r->a_saisir = cz_arena_calloc(r->arena, cap, sizeof(char *));
	size_t *idx = cz_arena_calloc(r->arena, r->n_items + 1, sizeof(size_t));
	if (!r->raisons || !r->leviers || !r->leviers_niveau || !r->a_saisir || !idx) {
		c->nomem = true;
		return;
	}
	char a[64], b[64], d[64], e[64], g[64];
	if (r->not_assessed) {
		const char *ph = c->ref->phases[c->p->projet.phase].nom;
		push(c, &r->raisons, &r->n_raisons, cap,
		     fmt_str(c, "Le projet est déclaré en phase «\u00A0%s\u00A0» et son fichier n'a pas de section «\u00A0test\u00A0»\u00A0: la "
				"sortie de la phase de test n'a pas été évaluée. Il n'y a pas de décision à prendre "
				"maintenant\u202F; les indicateurs ci-dessous, calculés à partir des données du fichier, "
				"sont donnés à titre d'information.",
			     ph ? ph : cz_enum_label(&cz_enum_phase, (int)c->p->projet.phase)));
		lever(c, cap, 0,
		      fmt_str(c, "Pour garder la trace du bilan du test, ajouter au fichier une section «\u00A0test\u00A0» "
				 "(période, carnet de commandes, satisfaction, conditions…)\u00A0: le verdict sera alors "
				 "calculé."));
		return;
	}
	size_t nr = r->counts[CZ_TP_NON_RENSEIGNE];
	const cz_tp_grounds *gr = &r->grounds;
	bool too_many = gr->too_many_unfilled, critical_unfilled = gr->critical_unfilled;
	cz_fr_percent(a, sizeof(a), r->part_non_renseignes);
	cz_fr_percent(b, sizeof(b), rule->part_max_non_renseignes);
	push(c, &r->raisons, &r->n_raisons, cap,
	     fmt_str(c, "Indicateurs non renseignés\u00A0: %zu sur %zu (%s)\u202F; au-delà de %s, le verdict est INCOMPLET.",
		     nr, r->n_indicators, a, b));
	if (r->poids_renseignes > 0)
		push(c, &r->raisons, &r->n_raisons, cap,
		     fmt_str(c, "Score pondéré sur les indicateurs renseignés (atteint 1, partiel ½, non atteint 0)\u00A0: "
				"%s / %s = %s\u202F; GO à partir de %s, NO-GO en dessous de %s.",
			     cz_fr_compact(a, sizeof(a), r->score * r->poids_renseignes, 2),
			     cz_fr_compact(b, sizeof(b), r->poids_renseignes, 2),
			     cz_fr_number(d, sizeof(d), r->score, 2), cz_fr_number(e, sizeof(e), rule->score_go, 2),
			     cz_fr_number(g, sizeof(g), rule->score_no_go, 2)));
	for (size_t i = 0; i < r->n_indicators; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (!it->critique || it->status == CZ_TP_ATTEINT)
			continue;
		if (it->status == CZ_TP_NON_ATTEINT) {
			cz_tp_format_value(a, sizeof(a), it->unite, it->value.value);
			cz_tp_format_value(b, sizeof(b), it->unite, it->seuil);
			/* Under INCOMPLET there is no NO-GO yet: say what it will weigh. */
			push(c, &r->raisons, &r->n_raisons, cap,
			     fmt_str(c, "Indicateur critique non atteint\u00A0: «\u00A0%s\u00A0» (%s pour un seuil %s %s)\u00A0: %s", it->nom,
				     a, it->sens_max ? "≤" : "≥", b,
				     r->verdict == CZ_VERDICT_NO_GO
					     ? "c'est un NO-GO."
					     : "une fois les données complétées, il imposera un NO-GO s'il n'est "
					       "toujours pas atteint."));
		} else if (it->status == CZ_TP_NON_RENSEIGNE && critical_unfilled) {
			push(c, &r->raisons, &r->n_raisons, cap,
			     fmt_str(c, "Indicateur critique non renseigné\u00A0: «\u00A0%s\u00A0»\u202F; sans donnée sur un indicateur "
					"critique, il n'y a pas de décision\u00A0: le verdict est INCOMPLET.",
				     it->nom));
		} else {
			push(c, &r->raisons, &r->n_raisons, cap,
			     fmt_str(c, "Indicateur critique %s\u00A0: «\u00A0%s\u00A0»\u202F; un GO exige qu'il soit atteint.",
				     cz_tp_status_labels[it->status], it->nom));
		}
	}
	for (size_t i = 0; i < r->n_conditions; i++) {
		const cz_tp_condition *cd = &r->conditions[i];
		if (cd->value == 1)
			continue;
		push(c, &r->raisons, &r->n_raisons, cap,
		     r->n_conditions > 1
			     ? fmt_str(c, "Condition %s\u00A0: «\u00A0%s\u00A0»\u202F; un GO exige les %zu conditions.",
				       cd->value == 0 ? "non réunie" : "non renseignée", cd->ref->nom, r->n_conditions)
			     : fmt_str(c, "Condition %s\u00A0: «\u00A0%s\u00A0»\u202F; un GO exige qu'elle soit réunie.",
				       cd->value == 0 ? "non réunie" : "non renseignée", cd->ref->nom));
	}
	for (size_t i = r->n_indicators; i < r->n_items; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (it->status != CZ_TP_NON_ATTEINT)
			continue;
		cz_tp_format_value(a, sizeof(a), it->unite, it->value.value);
		cz_tp_format_value(b, sizeof(b), it->unite, it->seuil);
		push(c, &r->raisons, &r->n_raisons, cap,
		     fmt_str(c, "Piège «\u00A0%s\u00A0»\u00A0: valeur %s pour %s au plus (hors score, mais à corriger).", it->nom, a, b));
	}
	const char *conclusion = NULL;
	switch (r->verdict) {
	case CZ_VERDICT_INCOMPLET:
		conclusion = too_many && critical_unfilled
				     ? "Conclusion\u00A0: trop d'indicateurs manquent pour décider, dont au moins un critique\u202F; "
				       "verdict INCOMPLET."
			     : too_many ? "Conclusion\u00A0: trop d'indicateurs manquent pour décider\u202F; verdict INCOMPLET."
					: "Conclusion\u00A0: un indicateur critique n'est pas renseigné, on ne peut pas décider\u202F; "
					  "verdict INCOMPLET.";
		break;
	case CZ_VERDICT_NO_GO:
		conclusion = gr->critical_miss ? "Conclusion\u00A0: un indicateur critique n'est pas atteint\u202F; verdict NO-GO."
					   : "Conclusion\u00A0: le score est sous le seuil NO-GO\u202F; verdict NO-GO.";
		break;
	case CZ_VERDICT_GO:
		conclusion = "Conclusion\u00A0: score suffisant, indicateurs critiques atteints et conditions réunies\u202F; verdict GO.";
		break;
	default:
		conclusion = "Conclusion\u00A0: ni NO-GO (aucun indicateur critique non atteint, score au-dessus du seuil "
			     "NO-GO) ni GO\u202F; verdict RÉAJUSTER\u00A0: prolonger ou ajuster le test.";
	}
	push(c, &r->raisons, &r->n_raisons, cap, fmt_str(c, "%s", conclusion));

	/* What would change the verdict. */
	if (r->verdict == CZ_VERDICT_INCOMPLET) {
		double allowed = floor(rule->part_max_non_renseignes * (double)r->n_indicators + EPS);
		size_t need = nr > (size_t)allowed ? nr - (size_t)allowed : 0;
		if (too_many)
			lever(c, cap, 0,
			      fmt_str(c, "Renseigner au moins %zu indicateur%s de plus (%zu non renseigné%s au plus sur %zu) "
					 "pour obtenir un verdict\u00A0: voir la liste des données à saisir.",
				      need, need > 1 ? "s" : "", (size_t)allowed, allowed > 1 ? "s" : "", r->n_indicators));
		for (size_t i = 0; critical_unfilled && i < r->n_indicators; i++) {
			const cz_tp_indicator *it = &r->items[i];
			if (it->critique && it->status == CZ_TP_NON_RENSEIGNE)
				lever(c, cap, 0,
				      fmt_str(c, "Renseigner l'indicateur critique «\u00A0%s\u00A0»\u00A0: %s", it->nom,
					      it->a_saisir ? it->a_saisir : ""));
		}
	}
	size_t n = by_gain(r, idx);
	if (r->verdict == CZ_VERDICT_NO_GO || r->verdict == CZ_VERDICT_REAJUSTER) {
		for (size_t i = 0; i < r->n_indicators; i++) {
			const cz_tp_indicator *it = &r->items[i];
			if (it->critique && it->status == CZ_TP_NON_ATTEINT)
				lever(c, cap, 0, fmt_str(c, "Critique\u00A0: «\u00A0%s\u00A0»\u00A0: %s", it->nom, it->cible ? it->cible : ""));
			else if (it->critique && it->status == CZ_TP_PARTIEL)
				lever(c, cap, 0,
				      fmt_str(c, "Critique, à porter au niveau atteint pour un GO\u00A0: «\u00A0%s\u00A0»\u00A0: %s", it->nom,
					      it->cible ? it->cible : ""));
			else if (it->critique && it->status == CZ_TP_NON_RENSEIGNE)
				lever(c, cap, 0,
				      fmt_str(c, "Critique, à renseigner (et atteindre) pour un GO\u00A0: «\u00A0%s\u00A0»\u00A0: %s", it->nom,
					      it->a_saisir ? it->a_saisir : ""));
		}
		double target = r->verdict == CZ_VERDICT_NO_GO && gr->score_below_no_go
					? rule->score_no_go
					: rule->score_go;
		size_t n_scored = 0;
		for (size_t k = 0; k < n; k++)
			n_scored += !r->items[idx[k]].critique;
		int level = 0;
		if (r->score < target - EPS) {
			/* Round the gap up: a gain of 0,02 would leave the score short of a 0,0227 gap. */
			double gap = ceil((target - r->score) * 100 - 1e-6) / 100;
			lever(c, cap, 0,
			      fmt_str(c, "Le score doit gagner au moins %s pour atteindre %s%s",
				      cz_fr_number(a, sizeof(a), gap, 2), cz_fr_number(b, sizeof(b), target, 2),
				      n_scored ? "\u202F; par ordre d'effet sur le score\u00A0:" : "."));
			level = 1;
		}
		for (size_t k = 0; k < n; k++) {
			const cz_tp_indicator *it = &r->items[idx[k]];
			if (it->critique)
				continue;
			lever(c, cap, level,
			      fmt_str(c, "«\u00A0%s\u00A0» (%s, +%s au score s'il est atteint)\u00A0: %s", it->nom,
				      cz_tp_status_labels[it->status], cz_fr_number(a, sizeof(a), it->gain, 2),
				      it->cible ? it->cible : ""));
		}
		for (size_t i = 0; i < r->n_conditions; i++)
			if (r->conditions[i].value != 1)
				lever(c, cap, 0,
				      fmt_str(c, "Réunir la condition «\u00A0%s\u00A0» (test.conditions.%s).",
					      r->conditions[i].ref->nom, r->conditions[i].ref->cle));
	}
	if (r->verdict == CZ_VERDICT_GO) {
		lever(c, cap, 0,
		      fmt_str(c, "Marge\u00A0: score %s pour un seuil GO de %s. Le verdict tomberait à NO-GO si un indicateur "
				 "critique n'était plus atteint, et à RÉAJUSTER si une condition cessait d'être réunie.",
			      cz_fr_number(a, sizeof(a), r->score, 2), cz_fr_number(b, sizeof(b), rule->score_go, 2)));
		for (size_t k = 0; k < n; k++) {
			const cz_tp_indicator *it = &r->items[idx[k]];
			lever(c, cap, 0,
			      fmt_str(c, "À consolider\u00A0: «\u00A0%s\u00A0» (%s)\u00A0: %s", it->nom, cz_tp_status_labels[it->status],
				      it->cible ? it->cible : ""));
		}
	}
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].status == CZ_TP_NON_RENSEIGNE && r->items[i].a_saisir)
			push(c, &r->a_saisir, &r->n_a_saisir, cap,
			     fmt_str(c, "«\u00A0%s\u00A0» — %s", r->items[i].nom, r->items[i].a_saisir));
	for (size_t i = 0; i < r->n_conditions; i++)
		if (r->conditions[i].value < 0)
			push(c, &r->a_saisir, &r->n_a_saisir, cap,
			     fmt_str(c, "«\u00A0%s\u00A0» — test.conditions.%s (oui / non)", r->conditions[i].ref->nom,
				     r->conditions[i].ref->cle));
}

static int condition_value(const cz_test *t, const char *cle)
{
	if (!cle)
		return -1;
	if (!strcmp(cle, "statut_structure"))
		return t->condition_statut_structure;
	if (!strcmp(cle, "calendrier_financeurs"))
		return t->condition_calendrier_financeurs;
	if (!strcmp(cle, "strategie"))
		return t->condition_strategie;
	return -1;
}

static void set_period(cz_testphase *r, const cz_project *p)
{
	const cz_test *t = &p->test;
	if (t->debut.set)
		r->from = (cz_date){ t->debut.year, t->debut.month, 0, true };
	if (t->fin.set)
		r->to = (cz_date){ t->fin.year, t->fin.month, 0, true };
	r->has_period_bounds = t->debut.set || t->fin.set;
	for (size_t i = 0; i < p->n_activite; i++)
		r->n_months += in_period(r, p->activite[i].periode);
}

cz_status cz_testphase_run(const cz_project *p, const cz_referential *ref, cz_testphase **out)
{
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_testphase *r = cz_arena_alloc(arena, sizeof(*r));
	if (!r) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	r->arena = arena;
	r->project = p;
	r->has_test = p->test.present;
	ctx c = { r, p, ref, false };
	set_period(r, p);

	r->n_indicators = ref->n_indicators;
	r->items = cz_arena_calloc(arena, ref->n_indicators + ref->n_pitfalls + 1, sizeof(*r->items));
	r->conditions = cz_arena_calloc(arena, ref->n_conditions + 1, sizeof(*r->conditions));
	if (!r->items || !r->conditions)
		goto nomem;
	for (size_t i = 0; i < ref->n_indicators; i++) {
		const cz_ref_indicator *ri = &ref->indicators[i];
		cz_tp_indicator *it = &r->items[r->n_items++];
		it->id = ri->id;
		it->nom = ri->nom;
		it->explication = ri->explication;
		it->qualitatif = ri->nature == CZ_IND_QUALITATIF;
		it->mesure = ri->mesure;
		it->unite = ri->unite;
		it->sens_max = ri->sens_max;
		it->seuil = ri->seuil;
		it->seuil_partiel = ri->seuil_partiel;
		it->has_partiel = ri->has_partiel;
		it->poids = ri->poids;
		it->critique = ri->critique;
		it->volume_min = ri->mesure == CZ_MES_DEMANDE ? ri->volume_min : 0;
		it->origine = ri->origine;
		it->origine_seuils = ri->origine_seuils;
		apply_override(p, it);
		compute_item(&c, it);
	}
	for (size_t i = 0; i < ref->n_pitfalls; i++) {
		const cz_ref_pitfall *pf = &ref->pitfalls[i];
		cz_tp_indicator *it = &r->items[r->n_items++];
		it->id = pf->id;
		it->nom = pf->nom;
		it->explication = pf->explication;
		it->is_pitfall = true;
		it->mesure = pf->mesure;
		/* A pitfall is a count not to exceed, unless it reuses an indicator's measure. */
		const cz_ref_indicator *ri = cz_ref_indicator_for(ref, pf->mesure);
		it->unite = ri ? ri->unite : CZ_UNIT_COUNT;
		it->sens_max = ri ? ri->sens_max : true;
		it->seuil = pf->seuil;
		it->origine = pf->origine;
		it->origine_seuils = pf->origine_seuil;
		apply_override(p, it);
		compute_item(&c, it);
		if (it->mesure == CZ_MES_COUPLES_PRIORITAIRES && it->value.set) {
			char a[64];
			if (it->status != CZ_TP_ATTEINT)
				it->cible = fmt_str(&c, "recentrer le test sur %s couple%s prioritaire%s au plus.",
						    cz_fr_compact(a, sizeof(a), it->seuil, 0), cz_fr_s(it->seuil),
						    cz_fr_s(it->seuil));
		}
	}
	for (size_t i = 0; i < ref->n_conditions; i++) {
		cz_tp_condition *cd = &r->conditions[r->n_conditions++];
		cd->ref = &ref->conditions[i];
		cd->value = condition_value(&p->test, cd->ref->cle);
		cd->status = cd->value < 0 ? CZ_TP_NON_RENSEIGNE : cd->value ? CZ_TP_ATTEINT : CZ_TP_NON_ATTEINT;
		r->n_conditions_ok += cd->value == 1;
	}
	if (c.nomem)
		goto nomem;

	/* The rule of the referential. */
	bool critical_miss = false, critical_below = false, critical_unfilled = false;
	for (size_t i = 0; i < r->n_indicators; i++) {
		cz_tp_indicator *it = &r->items[i];
		r->counts[it->status]++;
		critical_unfilled |= it->critique && it->status == CZ_TP_NON_RENSEIGNE;
		r->poids_total += it->poids;
		if (it->status != CZ_TP_NON_RENSEIGNE) {
			r->poids_renseignes += it->poids;
			r->score += it->poids * credit(it->status);
		}
		if (it->critique && it->status == CZ_TP_NON_ATTEINT)
			critical_miss = true;
		else if (it->critique && it->status != CZ_TP_ATTEINT)
			critical_below = true;
	}
	r->score = r->poids_renseignes > 0 ? r->score / r->poids_renseignes : 0;
	for (size_t i = 0; i < r->n_indicators; i++) {
		cz_tp_indicator *it = &r->items[i];
		if (r->poids_renseignes > 0 && (it->status == CZ_TP_PARTIEL || it->status == CZ_TP_NON_ATTEINT))
			it->gain = it->poids * (1 - credit(it->status)) / r->poids_renseignes;
	}
	r->part_non_renseignes = r->n_indicators
					 ? (double)r->counts[CZ_TP_NON_RENSEIGNE] / (double)r->n_indicators
					 : 1;
	r->grounds = cz_tp_assess(&ref->rule, r->part_non_renseignes, r->score, critical_miss,
				  critical_below, critical_unfilled, r->n_conditions_ok == r->n_conditions);
	r->verdict = cz_tp_decide(&r->grounds);
	if (!r->loans_counted)
		for (size_t i = 0; i < p->n_financements; i++) {
			const cz_funding *f = &p->financements[i];
			if (cz_funding_repayable(f) && f->montant.set)
				*(f->acquis ? &r->prets : &r->prets_autres) += f->montant.value;
		}
	/* Past the test without its assessment: nothing was decided, nothing to decide now. */
	r->not_assessed = p->projet.phase > CZ_PHASE_TEST && !p->test.present;
	if (r->not_assessed)
		r->verdict = CZ_VERDICT_NON_EVALUE;
	explain(&c);
	if (c.nomem)
		goto nomem;
	*out = r;
	return CZ_OK;
nomem:
	cz_arena_free(arena);
	return CZ_ERR_NOMEM;
}

bool cz_testphase_applies(const cz_project *p)
{
	return p->projet.phase >= CZ_PHASE_TEST;
}

void cz_testphase_free(cz_testphase *r)
{
	if (r)
		cz_arena_free(r->arena);
}
