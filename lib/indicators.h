/*
 * The activity dashboard (SPEC §5, `indicators`): monthly figures from the
 * `activite` records and the funding, totals, moving averages, the trend of
 * the result with its break-even month, and the funding mix over the four
 * pillars of the referential.
 *
 * Rules the reports state (they are the contract of this module):
 *
 * - Months: one row per calendar month from the first record to the last.
 *   A month with no record is a gap row (`gap` true, every figure unset):
 *   nothing is interpolated.
 * - Ratios of a month need both of their terms; totals of a ratio sum the
 *   numerator and the denominator over the months where both are known
 *   (conversion = Σcommandes / Σdemandes over those months, and so on).
 * - Secured funding (`acquis: true`) of year Y is spread over the twelve
 *   calendar months of Y (lib/funding.h): a recorded month of Y gets
 *   montant / 12, so coverage = (recettes + that twelfth) / charges, and
 *   totals only count the recorded months (four records carry 4/12 of the
 *   year's funding, never all of it). The rest of a recorded year's
 *   funding, funding of a year with no record, not secured, or without
 *   `annee` is left out, and shown.
 * - Moving average over 3 calendar months: computed only when the month
 *   and the two before it are all recorded with the figure; a gap or a
 *   missing figure leaves it unset.
 * - Trend: least-squares slope of the monthly result over the months where
 *   it is known, x being the month's calendar offset from the first record,
 *   so a gap stretches the time axis instead of being filled.
 * - Break-even: where the trend line crosses zero. "Already" when the
 *   trend's value at the last recorded month is >= 0; "none in sight" when
 *   the slope is <= 0 (or the crossing is more than 100 years away).
 * - Funding mix, over the recorded months: the activity pillar is
 *   Σrecettes plus the secured funding tagged `activite` attributed to
 *   those months; the three others are the attributed secured funding by
 *   pillar, and the citizen pillar (`implication_citoyenne`) also gets the
 *   valued volunteer hours (heures bénévoles × taux), shown apart as
 *   "bénévolat valorisé". With no record, each secured funding counts for
 *   its whole year. Herfindahl index = Σ(share²) over the four pillars.
 * - Recurring revenue: the part of per-service revenue (`recettes` given as
 *   a map) whose service matches, by exact name, an offer with
 *   `recurrent: true`, over all per-service revenue.
 * - Loans and repayable advances are cash, not resources: out of every
 *   figure above (financements, coverage, the funding mix), shown apart
 *   (lib/funding.h: prets, prets_autres).
 * - Multiactivity (lib/multiactivity.h): the services bringing revenue,
 *   against the referential's services_min; revenue from a single service
 *   is activity revenue, not yet the multiactivity pillar.
 */
#ifndef CZ_INDICATORS_H
#define CZ_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "model.h"
#include "multiactivity.h"
#include "referential.h"
#include "status.h"

/* The figures of one month or of the whole record set. */
typedef struct {
	cz_num demandes, commandes, conversion;
	cz_num clients, clients_recurrents, fidelisation; /* fidelisation = recurrents / clients */
	cz_num recettes, charges, resultat;
	cz_num financements; /* secured funding of the recorded months: a twelfth of the year's per month */
	cz_num couverture;   /* (recettes + financements) / charges */
	cz_num autofinancement; /* recettes / charges */
	cz_num heures_salariees, heures_benevoles, valeur_benevolat; /* valeur in euros */
	cz_num km, livraisons, km_par_livraison;
} cz_ind_figures;

typedef struct {
	cz_date periode;
	bool gap;             /* no record for this month */
	const cz_month *src;  /* the record, NULL for a gap */
	cz_ind_figures f;
	cz_num mm_recettes, mm_charges, mm_resultat; /* 3-month moving averages */
} cz_ind_month;

/* Revenue of one service over the months where recettes is a map. */
typedef struct {
	const char *service;
	double montant;
	size_t n_mois;
	bool recurrent; /* matches an offer with recurrent: true */
} cz_ind_service;

typedef enum {
	CZ_BE_UNKNOWN, /* fewer than two results: no trend */
	CZ_BE_ALREADY, /* the trend is already at or above zero */
	CZ_BE_MONTH,   /* crossing in `month` */
	CZ_BE_NEVER    /* slope <= 0, or too far away */
} cz_break_even_kind;

typedef struct {
	size_t n_points;
	double slope, intercept; /* euros per month; x = months since the first record */
	int x_last;              /* offset of the last month with a result */
	cz_break_even_kind kind;
	cz_date month;           /* for CZ_BE_MONTH */
	int months_after_last;   /* for CZ_BE_MONTH: months after the last result */
} cz_ind_trend;

typedef struct {
	double montant[CZ_PILIER_COUNT];
	double part[CZ_PILIER_COUNT]; /* 0 when total is 0 */
	double total;
	int largest;           /* cz_pilier with the largest amount, -1 when total is 0 */
	double herfindahl;     /* 0 when total is 0 */
	size_t n_piliers;      /* pillars with a positive amount */
	int year_from, year_to; /* years of the records; 0 when there is none */
	double benevolat;       /* valued volunteer hours, inside montant[implication_citoyenne] */
	/* Left out, euros: see lib/funding.h (hors_mois: the share of the recorded
	 * years' funding that falls on months without a record). */
	double non_acquis, hors_periode, sans_annee, sans_pilier, hors_mois;
	/* Loans and repayable advances: cash, outside the mix (lib/funding.h). */
	double prets, prets_autres;
} cz_ind_mix;

typedef struct {
	cz_severity severity;
	const char *message; /* French */
} cz_ind_alert;

typedef struct {
	double taux_benevolat; /* euros per hour, <0 when none */
	bool taux_given;       /* from the command line rather than the referential */
} cz_ind_options;

typedef struct {
	cz_arena *arena;
	const cz_project *project; /* borrowed */
	cz_ind_month *months;      /* calendar months, first record to last */
	size_t n_months, n_records, n_gaps;
	cz_ind_figures total;
	cz_ind_service *services; /* in order of first appearance */
	size_t n_services;
	size_t n_mois_detailles;  /* months whose recettes is a map */
	cz_num part_recurrente;   /* unset when it cannot be computed */
	double recettes_recurrentes, recettes_detaillees;
	size_t n_offres_recurrentes;
	cz_ind_trend trend;
	cz_ind_mix mix;
	cz_multiactivity multi;
	double taux_benevolat; /* <0 when volunteer hours are not valued */
	bool taux_given_option; /* the rate comes from --taux-benevolat */
	const char *taux_source; /* French; NULL when not valued */
	cz_ind_alert *alerts;
	size_t n_alerts;
} cz_indicators;

cz_status cz_indicators_run(const cz_project *p, const cz_referential *ref,
			    const cz_ind_options *opt, cz_indicators **out);
void cz_indicators_free(cz_indicators *r);

/* Renderers (lib/render.h): options.charts adds the Mermaid charts to the
 * Markdown. */

/* Shared computations (also used by test-phase). */

/* Least-squares line through (x[i], y[i]); false when fewer than two
 * distinct x. */
bool cz_ind_least_squares(const double *x, const double *y, size_t n, double *slope,
			  double *intercept);
/* Sum of squared shares of `amounts` in their total; 0 when the total is 0. */
double cz_ind_herfindahl(const double *amounts, size_t n);
/* Break-even of a trend line (slope, intercept) seen at offset x_last;
 * fills kind and, for CZ_BE_MONTH, the offset of the crossing month
 * (first whole month at or after the crossing). */
cz_break_even_kind cz_ind_break_even(double slope, double intercept, int x_last, int *x_cross);
/* Turn the leading hyphen of a formatted negative figure into the minus
 * sign U+2212 the reports' headers use (« recettes − charges »), in place;
 * `size` is the buffer's size. Returns s. */
char *cz_ind_minus(char *s, size_t size);
/* cz_fr_euros with that minus sign. */
char *cz_ind_euros(char *out, size_t size, double v);
/* The month `offset` months after `d` (day 0). */
cz_date cz_ind_month_add(cz_date d, int offset);

#endif
