/*
 * Go / no-go for leaving the test phase (SPEC §5, `test-phase`, seed 001).
 *
 * Every indicator of the referential gets a value computed from the data
 * according to its `mesure`, the sentence saying how, its threshold
 * (`test.seuils` overrides the referential's, by mesure), a status and its
 * weight; the three decision conditions and the pitfalls (outside the
 * score: they carry no weight) are assessed alongside.
 *
 * The test period is test.debut..test.fin (by month; either bound may be
 * missing), or every `activite` record when neither is given. Rules:
 *
 *   demande              monthly requests per 1,000 people of the territory:
 *                        (Σdemandes / months with demandes) × 1000 / base,
 *                        base = projet.territoire.population (quartier,
 *                        rural), salaries (entreprise), population +
 *                        salaries (mixte), else whichever is given (a zero
 *                        is no figure). Below the indicator's volume_min
 *                        of monthly requests it cannot be atteint (at best
 *                        partiel). Beside it: the monthly requests against
 *                        the demand recorded in `besoins` (Σ demandes of
 *                        the needs, starter placeholders left out), the
 *                        share served (Σcommandes / Σdemandes) and the
 *                        least-squares slope of the monthly demandes
 *   couverture_charges   (Σrecettes + secured funding) / Σcharges over the
 *                        period's months where recettes and charges are
 *                        known; secured funding = the twelfth per counted
 *                        month of each `acquis: true` funding of that
 *                        month's year (lib/funding.h), so 4 months get
 *                        4/12 of the year's funding; beside it
 *                        self-financing = Σrecettes / Σcharges. Loans and
 *                        repayable advances are left out of both and shown
 *                        apart as cash (lib/funding.h)
 *   reseau_prestataires  among the priority offers delivered by a provider
 *                        (`prestataire`), the share whose provider has
 *                        `charte: true`; in-house offers are listed, not
 *                        counted; no provider at all -> 0, non atteint
 *   couples_prioritaires number of priority offers (lower is better)
 *   satisfaction         mean of the scores given
 *   others               the `test` field as written
 *
 * Status: booleans true = atteint, false = non atteint; numbers against
 * seuil / seuil_partiel according to `sens`; absent = non renseigné.
 *
 * Verdict (regle_verdict): share of non renseigné > part_max, or (with
 * critique_non_renseigne_incomplet) a critical indicator non renseigné
 * -> INCOMPLET: no decision without data on what is critical;
 * score = Σ(poids × {1, ½, 0}) / Σpoids over the filled-in indicators;
 * a critical indicator non atteint, or score < score_no_go -> NO-GO;
 * score >= score_go, every critical indicator atteint and every condition
 * true -> GO; otherwise RÉAJUSTER.
 *
 * A project declared past the test (lancement, fonctionnement) whose file
 * has no `test` section was not assessed: the verdict is « non évalué », with
 * the reason, and the indicators are computed for information only.
 */
#ifndef CZ_TESTPHASE_H
#define CZ_TESTPHASE_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "model.h"
#include "referential.h"
#include "status.h"

typedef enum { CZ_TP_ATTEINT, CZ_TP_PARTIEL, CZ_TP_NON_ATTEINT, CZ_TP_NON_RENSEIGNE, CZ_TP_STATUS_COUNT } cz_tp_status;

extern const char *const cz_tp_status_keys[CZ_TP_STATUS_COUNT];   /* "atteint", "partiel", … */
extern const char *const cz_tp_status_labels[CZ_TP_STATUS_COUNT]; /* "atteint", "non atteint", … */

typedef enum {
	CZ_VERDICT_GO, CZ_VERDICT_REAJUSTER, CZ_VERDICT_NO_GO, CZ_VERDICT_INCOMPLET,
	CZ_VERDICT_NON_EVALUE, /* past the test phase, no `test` section */
	CZ_VERDICT_COUNT
} cz_verdict;

extern const char *const cz_verdict_keys[CZ_VERDICT_COUNT];   /* "go", "reajuster", "no_go", "incomplet", "non_evalue" */
extern const char *const cz_verdict_labels[CZ_VERDICT_COUNT]; /* "GO", "RÉAJUSTER", …, "non évalué" */

/* A named figure behind a value, for JSON and XLSX ("recettes", 4885). */
typedef struct {
	const char *key;   /* JSON key */
	const char *label; /* French */
	double value;
	bool euros;
} cz_tp_detail;

#define CZ_TP_MAX_DETAILS 8

typedef struct {
	const char *id, *nom, *explication;
	bool is_pitfall;  /* from `pieges`: shown, outside the score */
	bool qualitatif;
	cz_measure mesure;
	cz_ind_unit unite;   /* CZ_UNIT_COUNT: a plain count (a pitfall's) */
	bool sens_max;
	cz_num value;
	double seuil, seuil_partiel, seuil_defaut;
	bool has_partiel;
	bool seuil_override; /* test.seuils changed seuil */
	double poids;        /* 0 for a pitfall */
	bool critique;
	double volume_min;   /* demande: monthly requests below which it cannot be atteint; 0: none */
	double volume;       /* demande: the mean monthly requests of the period */
	bool capped;         /* demande: atteint by the ratio, held at partiel by volume_min */
	const cz_ref_source *origine;        /* of the indicator (or pitfall) */
	const cz_ref_source *origine_seuils; /* of its threshold and weight; see seuil_override */
	cz_tp_status status;
	const char *calcul;  /* French sentence with the figures */
	const char *cible;   /* what would bring it to atteint, or what to record; NULL when atteint */
	const char *a_saisir; /* for non renseigné: the fields of the project file to fill */
	double gain;         /* score increase if it reached atteint (0 when not scored) */
	cz_tp_detail details[CZ_TP_MAX_DETAILS];
	size_t n_details;
} cz_tp_indicator;

/* The grounds of a verdict (see cz_tp_assess). */
typedef struct {
	bool too_many_unfilled; /* share of non renseigné above part_max_non_renseignes */
	bool critical_unfilled; /* a critical indicator non renseigné, and the rule makes it INCOMPLET */
	bool critical_miss;     /* a critical indicator non atteint */
	bool critical_below;    /* a critical indicator partiel or non renseigné */
	bool score_below_no_go; /* score < score_no_go */
	bool score_reaches_go;  /* score >= score_go */
	bool conditions_ok;     /* every condition true */
} cz_tp_grounds;

typedef struct {
	const cz_ref_condition *ref;
	int value; /* -1 absent, 0 false, 1 true */
	cz_tp_status status;
} cz_tp_condition;

typedef struct {
	cz_arena *arena;
	const cz_project *project; /* borrowed */
	bool has_test, has_period_bounds;
	bool not_assessed;      /* verdict « non évalué »: past the test, no `test` section */
	/* Loans and repayable advances (lib/funding.h): cash, outside the balance.
	 * Those of the years counted in the coverage of charges, or, when it is
	 * not computed, all of them. */
	double prets, prets_autres;
	bool loans_counted; /* prets from the coverage's years */
	cz_date from, to;       /* period bounds (months); set false when open */
	size_t n_months;        /* activite records in the period */
	int year_from, year_to; /* first and last year of the months counted in the coverage; 0 when none */
	cz_tp_indicator *items; /* referential indicators, then pitfalls */
	size_t n_items, n_indicators;
	cz_tp_condition *conditions;
	size_t n_conditions;
	size_t counts[CZ_TP_STATUS_COUNT]; /* over the referential indicators */
	double part_non_renseignes;
	double score;           /* 0 when nothing is filled in */
	double poids_renseignes, poids_total;
	size_t n_conditions_ok;
	cz_tp_grounds grounds;  /* what the verdict rests on */
	cz_verdict verdict;
	const char **raisons;   /* why this verdict, in French */
	size_t n_raisons;
	const char **leviers;   /* what would change it */
	unsigned char *leviers_niveau; /* per lever: 0, or 1 for a sub-item of the last level-0 lever */
	size_t n_leviers;
	const char **a_saisir;  /* the data to record, for missing indicators and conditions */
	size_t n_a_saisir;
} cz_testphase;

cz_status cz_testphase_run(const cz_project *p, const cz_referential *ref, cz_testphase **out);
void cz_testphase_free(cz_testphase *r);

/* Whether a report holds the test-phase decision: the declared phase is the
 * test or beyond. */
bool cz_testphase_applies(const cz_project *p);

/* A value in its unit, in French: "2 mois", "0,77", "67 %", "3,97 / 5", "oui". */
char *cz_tp_format_value(char *out, size_t size, cz_ind_unit unit, double v);
/* The threshold of an item: "≥ 3 mois (partiel ≥ 1 mois)", "oui". */
char *cz_tp_format_threshold(char *out, size_t size, const cz_tp_indicator *it);

/* Status of a value against thresholds (shared with the unit tests). */
cz_tp_status cz_tp_compare(double value, bool sens_max, double seuil, bool has_partiel,
			   double seuil_partiel);

/* Verdict from the counts: exported so the rule can be tested alone.
 * `critical_miss`: a critical indicator is non atteint; `critical_below`:
 * one is partiel or non renseigné; `critical_unfilled`: one is non
 * renseigné (INCOMPLET when the rule says critique_non_renseigne_incomplet). */
cz_verdict cz_tp_verdict(const cz_ref_verdict_rule *rule, double part_non_renseignes, double score,
			 bool critical_miss, bool critical_below, bool critical_unfilled, bool conditions_ok);

/* The rule of the referential applied to the figures, once: each ground of
 * the verdict as a fact, so the verdict and its explanation read the same
 * facts (cz_tp_verdict is cz_tp_decide(cz_tp_assess(...))). */
cz_tp_grounds cz_tp_assess(const cz_ref_verdict_rule *rule, double part_non_renseignes, double score,
			   bool critical_miss, bool critical_below, bool critical_unfilled, bool conditions_ok);
cz_verdict cz_tp_decide(const cz_tp_grounds *g);

/* Renderers: lib/render.h. */

#endif
