#include "indicators.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "funding.h"


/* Beyond this the break-even month means nothing for a porteur. */
#define BREAK_EVEN_HORIZON 1200
/* Months averaged by the moving averages. */
#define MA_WINDOW 3

bool cz_ind_least_squares(const double *x, const double *y, size_t n, double *slope,
			  double *intercept)
{
	if (n < 2)
		return false;
	double mx = 0, my = 0;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	double sxx = 0, sxy = 0;
	for (size_t i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (sxx == 0)
		return false;
	*slope = sxy / sxx;
	*intercept = my - *slope * mx;
	return true;
}

double cz_ind_herfindahl(const double *amounts, size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += amounts[i];
	if (!(total > 0))
		return 0;
	double h = 0;
	for (size_t i = 0; i < n; i++)
		h += (amounts[i] / total) * (amounts[i] / total);
	return h;
}

cz_break_even_kind cz_ind_break_even(double slope, double intercept, int x_last, int *x_cross)
{
	/* A tiny negative from rounding is equilibrium, not a deficit. */
	if (intercept + slope * x_last >= -1e-9)
		return CZ_BE_ALREADY;
	if (!(slope > 0))
		return CZ_BE_NEVER;
	double x = -intercept / slope;
	if (x - x_last > BREAK_EVEN_HORIZON)
		return CZ_BE_NEVER;
	*x_cross = (int)ceil(x - 1e-9);
	return CZ_BE_MONTH;
}

char *cz_ind_minus(char *s, size_t size)
{
	size_t n = strlen(s);
	/* U+2212 is three bytes where the hyphen was one. */
	if (n == 0 || s[0] != '-' || n + 3 > size)
		return s;
	memmove(s + 3, s + 1, n);
	memcpy(s, "\xe2\x88\x92", 3);
	return s;
}

char *cz_ind_euros(char *out, size_t size, double v)
{
	return cz_ind_minus(cz_fr_euros(out, size, v), size);
}

cz_date cz_ind_month_add(cz_date d, int offset)
{
	int m = d.year * 12 + (d.month - 1) + offset;
	cz_date r = { m / 12, m % 12 + 1, 0, true };
	return r;
}

/* A figure; one that does not fit a double (recettes over charges of
 * 1e-300 €) is "non calculable", never an infinity in a report. */
static cz_num num(double v)
{
	if (!isfinite(v))
		return (cz_num){ 0, false };
	return (cz_num){ v, true };
}

static cz_num ratio(cz_num a, cz_num b)
{
	if (a.set && b.set && b.value > 0)
		return num(a.value / b.value);
	return (cz_num){ 0, false };
}

/* Running sums for a ratio over the months where both terms are known. */
typedef struct {
	double num, den;
	bool any;
} pair_sum;

static void pair_add(pair_sum *s, cz_num a, cz_num b)
{
	if (a.set && b.set) {
		s->num += a.value;
		s->den += b.value;
		s->any = true;
	}
}

static void sum_add(cz_num *total, cz_num v)
{
	if (v.set) {
		total->value += v.value;
		total->set = true;
	}
}

static cz_num pair_ratio(const pair_sum *s)
{
	if (s->any && s->den > 0)
		return num(s->num / s->den);
	return (cz_num){ 0, false };
}

static bool add_alert(cz_indicators *r, size_t cap, cz_severity severity, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool add_alert(cz_indicators *r, size_t cap, cz_severity severity, const char *fmt, ...)
{
	if (r->n_alerts >= cap)
		return true;
	/* any length: pillar names and explanations come from the referential */
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n < 0 ? NULL : cz_arena_alloc(r->arena, (size_t)n + 1);
	if (!msg)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r->alerts[r->n_alerts++] = (cz_ind_alert){ severity, msg };
	return true;
}

static bool is_recurrent_service(const cz_project *p, const char *service)
{
	for (size_t i = 0; i < p->n_offre; i++)
		if (p->offre[i].recurrent && p->offre[i].service && !strcmp(p->offre[i].service, service))
			return true;
	return false;
}

static cz_status collect_services(cz_indicators *r, const cz_project *p)
{
	size_t cap = 0;
	for (size_t i = 0; i < p->n_activite; i++)
		cap += p->activite[i].n_recettes_services;
	r->services = cz_arena_calloc(r->arena, cap ? cap : 1, sizeof(*r->services));
	if (!r->services)
		return CZ_ERR_NOMEM;
	for (size_t i = 0; i < p->n_offre; i++)
		r->n_offres_recurrentes += p->offre[i].recurrent;
	for (size_t i = 0; i < p->n_activite; i++) {
		const cz_month *mo = &p->activite[i];
		if (!mo->recettes_services)
			continue;
		r->n_mois_detailles++;
		for (size_t k = 0; k < mo->n_recettes_services; k++) {
			const cz_service_amount *sa = &mo->recettes_services[k];
			cz_ind_service *s = NULL;
			for (size_t j = 0; j < r->n_services && !s; j++)
				if (!strcmp(r->services[j].service, sa->service))
					s = &r->services[j];
			if (!s) {
				s = &r->services[r->n_services++];
				s->service = sa->service;
				s->recurrent = is_recurrent_service(p, sa->service);
			}
			s->montant += sa->montant;
			s->n_mois++;
			r->recettes_detaillees += sa->montant;
			if (s->recurrent)
				r->recettes_recurrentes += sa->montant;
		}
	}
	if (r->n_mois_detailles > 0 && r->recettes_detaillees > 0)
		r->part_recurrente = num(r->recettes_recurrentes / r->recettes_detaillees);
	return CZ_OK;
}

static cz_status compute_mix(cz_indicators *r, const cz_project *p)
{
	cz_ind_mix *m = &r->mix;
	m->largest = -1;
	size_t n = p->n_activite;
	cz_date *months;
	if (n > 0) {
		months = cz_arena_calloc(r->arena, n, sizeof(*months));
		if (!months)
			return CZ_ERR_NOMEM;
		for (size_t i = 0; i < n; i++)
			months[i] = p->activite[i].periode;
		m->year_from = p->activite[0].periode.year;
		m->year_to = p->activite[n - 1].periode.year;
	} else {
		/* No record: the declared resources, each secured funding over its whole year. */
		months = cz_arena_calloc(r->arena, p->n_financements * CZ_FUNDING_MONTHS_PER_YEAR + 1,
					 sizeof(*months));
		if (!months)
			return CZ_ERR_NOMEM;
		for (size_t i = 0; i < p->n_financements; i++)
			for (int k = 0; p->financements[i].acquis && p->financements[i].annee &&
					k < CZ_FUNDING_MONTHS_PER_YEAR; k++)
				months[n++] = (cz_date){ p->financements[i].annee, k + 1, 0, true };
	}
	cz_funding_share fs;
	if (cz_funding_attribute(p, months, n, r->arena, &fs) != CZ_OK)
		return CZ_ERR_NOMEM;
	for (int k = 0; k < CZ_PILIER_COUNT; k++)
		m->montant[k] = fs.par_pilier[k];
	m->montant[CZ_PILIER_ACTIVITE] += r->total.recettes.set ? r->total.recettes.value : 0;
	/* Volunteer time is the citizens' contribution in kind: valued, it joins their pillar. */
	m->benevolat = r->total.valeur_benevolat.set ? r->total.valeur_benevolat.value : 0;
	m->montant[CZ_PILIER_IMPLICATION_CITOYENNE] += m->benevolat;
	m->non_acquis = fs.non_acquis;
	m->hors_periode = fs.hors_periode;
	m->sans_annee = fs.sans_annee;
	m->sans_pilier = fs.sans_pilier;
	m->hors_mois = fs.hors_mois;
	m->prets = fs.prets;
	m->prets_autres = fs.prets_autres;
	for (int k = 0; k < CZ_PILIER_COUNT; k++) {
		m->total += m->montant[k];
		if (m->montant[k] > 0)
			m->n_piliers++;
	}
	if (!(m->total > 0))
		return CZ_OK;
	for (int k = 0; k < CZ_PILIER_COUNT; k++) {
		m->part[k] = m->montant[k] / m->total;
		if (m->largest < 0 || m->montant[k] > m->montant[m->largest])
			m->largest = k;
	}
	m->herfindahl = cz_ind_herfindahl(m->montant, CZ_PILIER_COUNT);
	return CZ_OK;
}

static void compute_trend(cz_indicators *r, double *xs, double *ys)
{
	cz_ind_trend *t = &r->trend;
	size_t n = 0;
	for (size_t i = 0; i < r->n_months; i++) {
		if (r->months[i].f.resultat.set) {
			xs[n] = (double)i;
			ys[n] = r->months[i].f.resultat.value;
			t->x_last = (int)i;
			n++;
		}
	}
	t->n_points = n;
	t->kind = CZ_BE_UNKNOWN;
	if (!cz_ind_least_squares(xs, ys, n, &t->slope, &t->intercept))
		return;
	int x = 0;
	t->kind = cz_ind_break_even(t->slope, t->intercept, t->x_last, &x);
	if (t->kind == CZ_BE_MONTH) {
		t->month = cz_ind_month_add(r->months[0].periode, x);
		t->months_after_last = x - t->x_last;
	}
}

static void moving_averages(cz_indicators *r)
{
	for (size_t i = MA_WINDOW - 1; i < r->n_months; i++) {
		cz_num *dst[3] = { &r->months[i].mm_recettes, &r->months[i].mm_charges,
				   &r->months[i].mm_resultat };
		for (int k = 0; k < 3; k++) {
			double s = 0;
			bool ok = true;
			for (size_t j = i + 1 - MA_WINDOW; j <= i && ok; j++) {
				const cz_ind_figures *f = &r->months[j].f;
				cz_num v = k == 0 ? f->recettes : k == 1 ? f->charges : f->resultat;
				ok = !r->months[j].gap && v.set;
				s += v.value;
			}
			if (ok)
				*dst[k] = num(s / MA_WINDOW);
		}
	}
}

static cz_status build_alerts(cz_indicators *r, const cz_project *p, const cz_referential *ref)
{
	size_t cap = 8 + CZ_PILIER_COUNT;
	r->alerts = cz_arena_calloc(r->arena, cap, sizeof(*r->alerts));
	if (!r->alerts)
		return CZ_ERR_NOMEM;
	char a[64], b[64];
	if (r->n_gaps > 0) {
		char list[512] = "";
		size_t used = 0, shown = 0;
		for (size_t i = 0; i < r->n_months; i++) {
			if (!r->months[i].gap)
				continue;
			if (shown++ == 12) {
				snprintf(list + used, sizeof(list) - used, ", …");
				break;
			}
			int w = snprintf(list + used, sizeof(list) - used, "%s%04d-%02d", used ? ", " : "",
					 r->months[i].periode.year, r->months[i].periode.month);
			if (w > 0 && (size_t)w < sizeof(list) - used)
				used += (size_t)w;
		}
		if (!add_alert(r, cap, CZ_SEV_ATTENTION,
			       r->n_gaps > 1 ? "%zu mois sans relevé d'activité (%s)\u00A0: ils restent vides, sans "
					       "interpolation\u202F; les moyennes mobiles qui les incluent ne sont pas "
					       "calculées."
					     : "%zu mois sans relevé d'activité (%s)\u00A0: il reste vide, sans "
					       "interpolation\u202F; les moyennes mobiles qui l'incluent ne sont pas "
					       "calculées.",
			       r->n_gaps, list))
			return CZ_ERR_NOMEM;
	}
	const cz_ind_mix *m = &r->mix;
	if (m->total > 0) {
		const cz_ref_pillar *lp = &ref->pillars[m->largest];
		const char *nom = lp->nom ? lp->nom : cz_enum_label(&cz_enum_pilier, m->largest);
		if (m->n_piliers == 1) {
			if (!add_alert(r, cap, CZ_SEV_CRITIQUE,
				       "Le modèle repose sur un seul pilier\u00A0: %s apporte 100\u00A0%% des ressources.%s%s",
				       nom, ref->dashboard.present ? " " : "",
				       ref->dashboard.present ? ref->dashboard.explication : ""))
				return CZ_ERR_NOMEM;
		} else if (ref->dashboard.present && m->part[m->largest] > ref->dashboard.part_max_pilier) {
			if (!add_alert(r, cap, CZ_SEV_ATTENTION,
				       "Le modèle repose surtout sur un pilier\u00A0: %s apporte %s des ressources "
				       "(au-delà de %s, %s). %s",
				       nom, cz_fr_percent(a, sizeof(a), m->part[m->largest]),
				       cz_fr_percent(b, sizeof(b), ref->dashboard.part_max_pilier),
				       ref->dashboard.origine && !ref->dashboard.origine->outil
					       ? "critère du groupe de travail"
					       : "seuil par défaut de l'outil",
				       ref->dashboard.explication))
				return CZ_ERR_NOMEM;
		}
		for (int k = 0; k < CZ_PILIER_COUNT; k++) {
			if (m->montant[k] > 0)
				continue;
			const cz_ref_pillar *pl = &ref->pillars[k];
			if (!add_alert(r, cap, CZ_SEV_INFO, "Pilier absent des ressources\u00A0: %s.%s%s",
				       pl->nom ? pl->nom : cz_enum_label(&cz_enum_pilier, k),
				       pl->explication ? " " : "", pl->explication ? pl->explication : ""))
				return CZ_ERR_NOMEM;
		}
	}
	const cz_multiactivity *mu = &r->multi;
	if (m->montant[CZ_PILIER_ACTIVITE] > 0 && !mu->met) {
		char n[CZ_FR_SIZE];
		if (!add_alert(r, cap, CZ_SEV_ATTENTION,
			       "Multiactivité non atteinte\u00A0: %zu service%s %s, pour au moins %s "
			       "(%s). Les recettes d'activité existent, mais une conciergerie de territoire tient "
			       "par la multiactivité, la vente de plusieurs services.",
			       mu->n_services, cz_fr_s((double)mu->n_services),
			       mu->from_revenue ? cz_fr_pl((double)mu->n_services, "apporte des recettes", "apportent des recettes")
						: "à l'offre (les recettes ne sont pas détaillées par service)",
			       cz_fr_compact(n, sizeof(n), mu->services_min, 0),
			       mu->origine && !mu->origine->outil ? "critère du groupe de travail"
								  : "réglage par défaut de l'outil"))
			return CZ_ERR_NOMEM;
	}
	if (r->n_records > 0 && r->trend.kind == CZ_BE_NEVER) {
		if (!add_alert(r, cap, CZ_SEV_ATTENTION,
			       "Le résultat mensuel (recettes − charges) est négatif et ne s'améliore pas "
			       "(tendance de %s par mois)\u00A0: pas d'équilibre en vue sans les financements.",
			       cz_ind_euros(a, sizeof(a), r->trend.slope)))
			return CZ_ERR_NOMEM;
	}
	/* More orders than requests in a month: a conversion over 100 % is
	 * kept as recorded (an order may answer a request of the month
	 * before), but said, since it is most often a typing slip. */
	size_t over = 0;
	char months[128] = "";
	size_t used = 0;
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_figures *f = &r->months[i].f;
		if (r->months[i].gap || !f->conversion.set || !(f->conversion.value > 1))
			continue;
		if (over++ < 6) {
			int w = snprintf(months + used, sizeof(months) - used, "%s%04d-%02d", used ? ", " : "",
					 r->months[i].periode.year, r->months[i].periode.month);
			if (w > 0 && (size_t)w < sizeof(months) - used)
				used += (size_t)w;
		}
	}
	if (over > 0 &&
	    !add_alert(r, cap, CZ_SEV_ATTENTION,
		       "Plus de commandes que de demandes %s %s%s (conversion au-delà de 100\u00A0%%)\u00A0: les "
		       "chiffres sont gardés tels quels, mais vérifiez ces relevés (une commande suppose "
		       "une demande).",
		       over > 1 ? "pour les mois" : "pour le mois", months, over > 6 ? ", …" : ""))
		return CZ_ERR_NOMEM;
	(void)p;
	return CZ_OK;
}

cz_status cz_indicators_run(const cz_project *p, const cz_referential *ref,
			    const cz_ind_options *opt, cz_indicators **out)
{
	*out = NULL;
	cz_status st = CZ_ERR_NOMEM;
	double *xs = NULL, *ys = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_indicators *r = cz_arena_alloc(arena, sizeof(*r));
	if (!r) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	r->arena = arena;
	r->project = p;
	r->n_records = p->n_activite;
	r->taux_benevolat = -1;
	if (opt && opt->taux_given && opt->taux_benevolat >= 0) {
		r->taux_benevolat = opt->taux_benevolat;
		r->taux_given_option = true;
		r->taux_source = "taux donné par l'option --taux-benevolat";
	} else if (ref->dashboard.present) {
		r->taux_benevolat = ref->dashboard.taux_benevolat;
		r->taux_source = ref->dashboard.source_taux;
	}

	if (p->n_activite > 0) {
		int span = cz_month_diff(p->activite[0].periode, p->activite[p->n_activite - 1].periode);
		r->n_months = (size_t)span + 1;
	}
	r->months = cz_arena_calloc(arena, r->n_months ? r->n_months : 1, sizeof(*r->months));
	xs = malloc((r->n_months ? r->n_months : 1) * sizeof(*xs));
	ys = malloc((r->n_months ? r->n_months : 1) * sizeof(*ys));
	if (!r->months || !xs || !ys)
		goto out;

	for (size_t i = 0; i < r->n_months; i++) {
		r->months[i].periode = cz_ind_month_add(p->activite[0].periode, (int)i);
		r->months[i].gap = true;
	}
	pair_sum conv = { 0 }, fid = { 0 }, cov = { 0 }, autof = { 0 }, kml = { 0 };
	cz_ind_figures *t = &r->total;
	for (size_t i = 0; i < p->n_activite; i++) {
		const cz_month *mo = &p->activite[i];
		cz_ind_month *m = &r->months[cz_month_diff(p->activite[0].periode, mo->periode)];
		m->gap = false;
		m->src = mo;
		cz_ind_figures *f = &m->f;
		f->demandes = mo->demandes;
		f->commandes = mo->commandes;
		f->conversion = ratio(mo->commandes, mo->demandes);
		f->clients = mo->clients;
		f->clients_recurrents = mo->clients_recurrents;
		f->fidelisation = ratio(mo->clients_recurrents, mo->clients);
		f->recettes = mo->recettes;
		f->charges = mo->charges;
		if (mo->recettes.set && mo->charges.set)
			f->resultat = num(mo->recettes.value - mo->charges.value);
		/* The month's twelfth of its year's secured funding. */
		cz_funding_share fs;
		if (cz_funding_attribute(p, &mo->periode, 1, arena, &fs) != CZ_OK)
			goto out;
		f->financements = num(fs.retenu);
		if (mo->recettes.set && mo->charges.set && mo->charges.value > 0)
			f->couverture = num((mo->recettes.value + f->financements.value) / mo->charges.value);
		f->autofinancement = ratio(mo->recettes, mo->charges);
		f->heures_salariees = mo->heures_salariees;
		f->heures_benevoles = mo->heures_benevoles;
		if (mo->heures_benevoles.set && r->taux_benevolat >= 0)
			f->valeur_benevolat = num(mo->heures_benevoles.value * r->taux_benevolat);
		f->km = mo->km;
		f->livraisons = mo->livraisons;
		f->km_par_livraison = ratio(mo->km, mo->livraisons);

		sum_add(&t->demandes, f->demandes);
		sum_add(&t->commandes, f->commandes);
		sum_add(&t->clients, f->clients);
		sum_add(&t->clients_recurrents, f->clients_recurrents);
		sum_add(&t->recettes, f->recettes);
		sum_add(&t->charges, f->charges);
		sum_add(&t->resultat, f->resultat);
		sum_add(&t->financements, f->financements);
		sum_add(&t->heures_salariees, f->heures_salariees);
		sum_add(&t->heures_benevoles, f->heures_benevoles);
		sum_add(&t->valeur_benevolat, f->valeur_benevolat);
		sum_add(&t->km, f->km);
		sum_add(&t->livraisons, f->livraisons);
		pair_add(&conv, f->commandes, f->demandes);
		pair_add(&fid, f->clients_recurrents, f->clients);
		if (f->recettes.set && f->charges.set) {
			pair_add(&cov, num(f->recettes.value + f->financements.value), f->charges);
			pair_add(&autof, f->recettes, f->charges);
		}
		pair_add(&kml, f->km, f->livraisons);
	}
	t->conversion = pair_ratio(&conv);
	t->fidelisation = pair_ratio(&fid);
	t->couverture = pair_ratio(&cov);
	t->autofinancement = pair_ratio(&autof);
	t->km_par_livraison = pair_ratio(&kml);
	for (size_t i = 0; i < r->n_months; i++)
		r->n_gaps += r->months[i].gap;

	moving_averages(r);
	compute_trend(r, xs, ys);
	if ((st = collect_services(r, p)) != CZ_OK)
		goto out;
	if ((st = compute_mix(r, p)) != CZ_OK)
		goto out;
	if ((st = cz_multiactivity_count(p, ref, &r->multi)) != CZ_OK)
		goto out;
	if ((st = build_alerts(r, p, ref)) != CZ_OK)
		goto out;
	st = CZ_OK;
	*out = r;
out:
	free(xs);
	free(ys);
	if (st != CZ_OK)
		cz_arena_free(arena);
	return st;
}

void cz_indicators_free(cz_indicators *r)
{
	if (r)
		cz_arena_free(r->arena);
}
