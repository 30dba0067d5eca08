/* The activity dashboard: least squares, Herfindahl, break-even, funding
 * split, and a hand-checked project (arithmetic in the comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indicators.h"
#include "loader.h"

/* cmocka 1.1.5 compares floats only in single precision. */
#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_least_squares(void **state)
{
	(void)state;
	double x[] = { 0, 1, 2 }, y[] = { 20, 30, 50 }, a, b;
	/* mean x 1, mean y 100/3; Sxy = (-1)(-40/3) + (1)(50/3) = 30, Sxx = 2: slope 15 */
	assert_true(cz_ind_least_squares(x, y, 3, &a, &b));
	assert_near(a, 15);
	assert_near(b, 100.0 / 3 - 15);
	/* a gap: x = 0, 2 gives the slope over two months */
	double x2[] = { 0, 2 }, y2[] = { 10, 30 };
	assert_true(cz_ind_least_squares(x2, y2, 2, &a, &b));
	assert_near(a, 10);
	assert_near(b, 10);
	/* one point, or all points at the same x: no line */
	assert_false(cz_ind_least_squares(x, y, 1, &a, &b));
	double x3[] = { 4, 4 };
	assert_false(cz_ind_least_squares(x3, y2, 2, &a, &b));
}

static void test_herfindahl(void **state)
{
	(void)state;
	double one[] = { 100, 0, 0, 0 }, even[] = { 5, 5, 5, 5 }, zero[] = { 0, 0, 0, 0 };
	double mix[] = { 5000, 3000, 1000, 0 }; /* (25 + 9 + 1) / 81 */
	assert_near(cz_ind_herfindahl(one, 4), 1);
	assert_near(cz_ind_herfindahl(even, 4), 0.25);
	assert_near(cz_ind_herfindahl(zero, 4), 0);
	assert_near(cz_ind_herfindahl(mix, 4), 35.0 / 81);
}

static void test_break_even(void **state)
{
	(void)state;
	int x = -1;
	/* y = -1000 + 400 x, seen at x = 2 (-200): crosses at 2.5, first whole month 3 */
	assert_int_equal(cz_ind_break_even(400, -1000, 2, &x), CZ_BE_MONTH);
	assert_int_equal(x, 3);
	/* exactly on a month: y = -1000 + 500 x crosses at 2 but is 0 there: already */
	assert_int_equal(cz_ind_break_even(500, -1000, 2, &x), CZ_BE_ALREADY);
	/* crossing exactly at month 3, seen at 2 */
	assert_int_equal(cz_ind_break_even(500, -1500, 2, &x), CZ_BE_MONTH);
	assert_int_equal(x, 3);
	assert_int_equal(cz_ind_break_even(-10, -100, 5, &x), CZ_BE_NEVER);
	assert_int_equal(cz_ind_break_even(0, -100, 5, &x), CZ_BE_NEVER);
	/* positive but a century away */
	assert_int_equal(cz_ind_break_even(0.01, -100000, 5, &x), CZ_BE_NEVER);
	assert_int_equal(cz_ind_break_even(0, 10, 5, &x), CZ_BE_ALREADY);
}

static void test_month_add(void **state)
{
	(void)state;
	cz_date d = { 2026, 11, 0, true };
	cz_date e = cz_ind_month_add(d, 3);
	assert_int_equal(e.year, 2027);
	assert_int_equal(e.month, 2);
	e = cz_ind_month_add(d, 0);
	assert_int_equal(e.month, 11);
}

/*
 * Hand-checked project (same figures as tests/cli/indicators-ratios):
 *   month   dem cmd cli rec  recettes charges résultat bénévoles km  livr.
 *   2026-01  20  15  10  4    1 000    2 000   -1 000     10      120  30
 *   2026-02  30  15  12  6    1 500    2 000     -500     20       60  20
 *   2026-03  50  30  18  9    2 500    2 700     -200     30      100  50
 * conversion 60/100 = 0.6; fidélisation 19/40 = 0.475; km/livraison 280/100 = 2.8
 * secured funding of 2026: 3 000 + 1 000 = 4 000 (the 800 not secured and
 * the 5 000 of 2027 are left out), a twelfth per recorded month: 4 000 / 12
 * each, 1 000 for the three months (3 000 fall on unrecorded months);
 * coverage = (5 000 + 1 000) / 6 700; self-financing 5 000 / 6 700
 * trend of the result: mean x 1, mean y -1700/3, Sxy = 1000 - 200 = 800, Sxx 2:
 *   slope 400, intercept -1700/3 - 400 = -2900/3; at x = 2: -500/3 < 0;
 *   crosses at x = 2900/1200 = 2.42 -> month 3 = 2026-04, 1 month after the last
 * moving averages of March: 5 000/3, 6 700/3, -1 700/3
 * pillars: activite 5 000, public 3 000 × 3/12 = 750, privé 250, citoyen
 * 60 h × 11,88 € = 712,80 of valued volunteering; total 6 712,80
 */
static const char ratios[] =
	"version: 1\n"
	"projet: { nom: \"Ratios\", type: quartier, phase: test }\n"
	"activite:\n"
	"  - { periode: 2026-01, demandes: 20, commandes: 15, clients: 10, clients_recurrents: 4, recettes: 1000, charges: 2000, heures_benevoles: 10, km: 120, livraisons: 30 }\n"
	"  - { periode: 2026-03, demandes: 50, commandes: 30, clients: 18, clients_recurrents: 9, recettes: 2500, charges: 2700, heures_benevoles: 30, km: 100, livraisons: 50 }\n"
	"  - { periode: 2026-02, demandes: 30, commandes: 15, clients: 12, clients_recurrents: 6, recettes: 1500, charges: 2000, heures_benevoles: 20, km: 60, livraisons: 20 }\n"
	"financements:\n"
	"  - { source: \"Région\", pilier: soutien_public, nature: subvention, montant: 3000, annee: 2026, acquis: true }\n"
	"  - { source: \"Fondation\", pilier: soutien_prive, nature: mecenat, montant: 1000, annee: 2026, acquis: true }\n"
	"  - { source: \"Ville\", pilier: soutien_public, nature: subvention, montant: 5000, annee: 2027, acquis: true }\n"
	"  - { source: \"Mécène\", pilier: soutien_prive, nature: don, montant: 800, annee: 2026, acquis: false }\n";

static void test_hand_checked(void **state)
{
	(void)state;
	cz_project *p = load(ratios);
	cz_indicators *r;
	cz_ind_options opt = { -1, false };
	assert_int_equal(cz_indicators_run(p, ref, &opt, &r), CZ_OK);
	assert_int_equal(r->n_months, 3);
	assert_int_equal(r->n_gaps, 0);
	const cz_ind_figures *t = &r->total;
	assert_near(t->conversion.value, 0.6);
	assert_near(t->fidelisation.value, 0.475);
	assert_near(t->km_par_livraison.value, 2.8);
	assert_near(t->recettes.value, 5000);
	assert_near(t->charges.value, 6700);
	assert_near(t->resultat.value, -1700);
	assert_near(t->financements.value, 1000);
	assert_near(t->couverture.value, 6000.0 / 6700);
	assert_near(t->autofinancement.value, 5000.0 / 6700);
	assert_near(r->months[0].f.financements.value, 4000.0 / 12);
	assert_near(r->months[0].f.couverture.value, (1000 + 4000.0 / 12) / 2000);
	/* the referential's rate (11.88 €/h) values 60 volunteer hours */
	assert_near(t->valeur_benevolat.value, 60 * 11.88);
	assert_false(r->months[1].mm_recettes.set);
	assert_near(r->months[2].mm_recettes.value, 5000.0 / 3);
	assert_near(r->months[2].mm_charges.value, 6700.0 / 3);
	assert_near(r->months[2].mm_resultat.value, -1700.0 / 3);
	assert_int_equal(r->trend.n_points, 3);
	assert_near(r->trend.slope, 400);
	assert_near(r->trend.intercept, -2900.0 / 3);
	assert_int_equal(r->trend.kind, CZ_BE_MONTH);
	assert_int_equal(r->trend.month.year, 2026);
	assert_int_equal(r->trend.month.month, 4);
	assert_int_equal(r->trend.months_after_last, 1);
	assert_near(r->mix.montant[CZ_PILIER_ACTIVITE], 5000);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PUBLIC], 750);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PRIVE], 250);
	/* valued volunteer hours are the citizens' pillar */
	assert_near(r->mix.montant[CZ_PILIER_IMPLICATION_CITOYENNE], 712.8);
	assert_near(r->mix.benevolat, 712.8);
	assert_near(r->mix.total, 6712.8);
	assert_near(r->mix.hors_periode, 5000);
	assert_near(r->mix.hors_mois, 3000);
	assert_near(r->mix.non_acquis, 800);
	assert_int_equal(r->mix.largest, CZ_PILIER_ACTIVITE);
	assert_near(r->mix.herfindahl, (5000.0 * 5000 + 750.0 * 750 + 250.0 * 250 + 712.8 * 712.8) /
					       (6712.8 * 6712.8));
	/* four pillars present: no « Pilier absent » alert for the citizens' one */
	for (size_t i = 0; i < r->n_alerts; i++)
		assert_null(strstr(r->alerts[i].message, "Pilier absent"));
	assert_false(r->part_recurrente.set);
	cz_indicators_free(r);

	/* --taux-benevolat replaces the referential's rate */
	opt = (cz_ind_options){ 15, true };
	assert_int_equal(cz_indicators_run(p, ref, &opt, &r), CZ_OK);
	assert_near(r->total.valeur_benevolat.value, 900);
	assert_near(r->mix.montant[CZ_PILIER_IMPLICATION_CITOYENNE], 900);
	cz_indicators_free(r);
	cz_project_free(p);
}

/* A loan is cash: out of the monthly funding, the coverage and the mix,
 * reported apart; one service with revenue is no multiactivity. */
static void test_loans_and_multiactivity(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s%s", ratios,
		 "  - { source: \"Banque\", pilier: soutien_prive, nature: pret, montant: 12000, annee: 2026, acquis: true }\n"
		 "  - { source: \"Prêt d'honneur\", nature: pret, montant: 5000, annee: 2026, acquis: false }\n");
	cz_project *p = load(text);
	cz_indicators *r;
	cz_ind_options opt = { -1, false };
	assert_int_equal(cz_indicators_run(p, ref, &opt, &r), CZ_OK);
	/* the same figures as test_hand_checked: the loans change nothing */
	assert_near(r->total.financements.value, 1000);
	assert_near(r->total.couverture.value, 6000.0 / 6700);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PRIVE], 250);
	assert_near(r->mix.total, 6712.8);
	assert_near(r->mix.non_acquis, 800);
	assert_near(r->mix.prets, 12000);
	assert_near(r->mix.prets_autres, 5000);
	/* no per-service revenue, no offer: no service counted */
	assert_false(r->multi.from_revenue);
	assert_int_equal(r->multi.n_services, 0);
	assert_false(r->multi.met);
	cz_indicators_free(r);
	cz_project_free(p);

	p = load("version: 1\nprojet: { nom: S, type: quartier, phase: test }\n"
		 "activite:\n  - { periode: 2026-01, recettes: { \"Pressing\": 300 } }\n"
		 "  - { periode: 2026-02, recettes: { \"Pressing\": 200, \"Repassage\": 0 } }\n");
	assert_int_equal(cz_indicators_run(p, ref, &opt, &r), CZ_OK);
	assert_true(r->multi.from_revenue);
	assert_int_equal(r->multi.n_services, 1);
	assert_false(r->multi.met);
	bool said = false;
	for (size_t i = 0; i < r->n_alerts; i++)
		said |= strstr(r->alerts[i].message, "Multiactivité non atteinte\u00A0: 1 service apporte des recettes, pour au "
						    "moins 2") != NULL;
	assert_true(said);
	cz_indicators_free(r);
	cz_project_free(p);
}

/* Four records of a year carry four twelfths of its funding, not all of it;
 * with no record, each secured funding counts for its whole year. */
static void test_partial_year(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\n"
			     "projet: { nom: \"Partiel\", type: mixte, phase: test }\n"
			     "activite:\n"
			     "  - { periode: 2025-11, recettes: 1000, charges: 1000 }\n"
			     "  - { periode: 2025-12, recettes: 1000, charges: 1000 }\n"
			     "  - { periode: 2026-01, recettes: 1000, charges: 1000 }\n"
			     "  - { periode: 2026-02, recettes: 1000, charges: 1000 }\n"
			     "financements:\n"
			     "  - { source: \"A\", pilier: soutien_public, montant: 12000, annee: 2025, acquis: true }\n"
			     "  - { source: \"B\", pilier: soutien_prive, montant: 24000, annee: 2026, acquis: true }\n"
			     "  - { source: \"C\", pilier: soutien_prive, montant: 600, acquis: true }\n");
	cz_indicators *r;
	assert_int_equal(cz_indicators_run(p, ref, NULL, &r), CZ_OK);
	assert_near(r->months[0].f.financements.value, 1000);
	assert_near(r->months[3].f.financements.value, 2000);
	/* 12 000 × 2/12 + 24 000 × 2/12 */
	assert_near(r->total.financements.value, 6000);
	assert_near(r->total.couverture.value, (4000.0 + 6000) / 4000);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PUBLIC], 2000);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PRIVE], 4000);
	assert_near(r->mix.hors_mois, 10000 + 20000);
	assert_near(r->mix.sans_annee, 600);
	cz_indicators_free(r);
	cz_project_free(p);

	p = load("version: 1\n"
		 "projet: { nom: \"Sans relevé\", type: mixte, phase: emergence }\n"
		 "financements:\n"
		 "  - { source: \"A\", pilier: soutien_public, montant: 12000, annee: 2025, acquis: true }\n"
		 "  - { source: \"B\", pilier: soutien_prive, montant: 24000, annee: 2026, acquis: true }\n"
		 "  - { source: \"D\", pilier: soutien_prive, montant: 500, annee: 2026, acquis: false }\n");
	assert_int_equal(cz_indicators_run(p, ref, NULL, &r), CZ_OK);
	assert_int_equal(r->mix.year_from, 0);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PUBLIC], 12000);
	assert_near(r->mix.montant[CZ_PILIER_SOUTIEN_PRIVE], 24000);
	assert_near(r->mix.hors_mois, 0);
	assert_near(r->mix.non_acquis, 500);
	cz_indicators_free(r);
	cz_project_free(p);
}

static void test_minus_sign(void **state)
{
	(void)state;
	char s[64];
	assert_string_equal(cz_ind_euros(s, sizeof(s), -586), "\xe2\x88\x92" "586\u00A0€");
	assert_string_equal(cz_ind_euros(s, sizeof(s), 1234.5), "1\u202F234,50\u00A0€");
	char small[5] = "-12";
	/* no room for the three bytes: left as it is rather than cut */
	assert_string_equal(cz_ind_minus(small, sizeof(small)), "-12");
}

/* A gap in February: no interpolation, averages stop, the trend keeps the
 * calendar (x = 0, 2, 3, 4). */
static const char gap[] =
	"version: 1\n"
	"projet: { nom: \"Trou\", type: rural, phase: test }\n"
	"activite:\n"
	"  - { periode: 2026-01, recettes: 100, charges: 200 }\n"
	"  - { periode: 2026-03, recettes: 300, charges: 200 }\n"
	"  - { periode: 2026-04, recettes: 300, charges: 200 }\n"
	"  - { periode: 2026-05, recettes: 300, charges: 200 }\n";

static void test_gap(void **state)
{
	(void)state;
	cz_project *p = load(gap);
	cz_indicators *r;
	assert_int_equal(cz_indicators_run(p, ref, NULL, &r), CZ_OK);
	assert_int_equal(r->n_months, 5);
	assert_int_equal(r->n_gaps, 1);
	assert_true(r->months[1].gap);
	assert_false(r->months[1].f.recettes.set);
	assert_false(r->months[2].mm_recettes.set); /* Jan, Feb (gap), Mar */
	assert_false(r->months[3].mm_recettes.set); /* Feb (gap), Mar, Apr */
	assert_near(r->months[4].mm_recettes.value, 300);
	/* points (0,-100) (2,100) (3,100) (4,100): mean x 9/4, mean y 50 */
	double xs[] = { 0, 2, 3, 4 }, ys[] = { -100, 100, 100, 100 }, a, b;
	assert_true(cz_ind_least_squares(xs, ys, 4, &a, &b));
	assert_near(r->trend.slope, a);
	assert_int_equal(r->trend.kind, CZ_BE_ALREADY);
	/* one alert names the gap */
	bool found = false;
	for (size_t i = 0; i < r->n_alerts; i++)
		found |= strstr(r->alerts[i].message, "2026-02") != NULL;
	assert_true(found);
	/* only activity revenue: a single pillar is a critical alert */
	assert_int_equal(r->mix.n_piliers, 1);
	assert_int_equal(r->alerts[1].severity, CZ_SEV_CRITIQUE);
	cz_indicators_free(r);
	cz_project_free(p);
}

/* Per-service revenue and the recurring share. */
static const char services[] =
	"version: 1\n"
	"projet: { nom: \"Services\", type: entreprise, phase: test }\n"
	"offre:\n"
	"  - { service: \"Abonnement\", prioritaire: true, recurrent: true }\n"
	"  - { service: \"Pressing\", prioritaire: true }\n"
	"activite:\n"
	"  - { periode: 2026-01, recettes: { \"Abonnement\": 300, \"Pressing\": 100 } }\n"
	"  - { periode: 2026-02, recettes: 500 }\n"
	"  - { periode: 2026-03, recettes: { \"Pressing\": 200, \"Abonnement\": 300, \"Retouches\": 100 } }\n";

static void test_services(void **state)
{
	(void)state;
	cz_project *p = load(services);
	cz_indicators *r;
	assert_int_equal(cz_indicators_run(p, ref, NULL, &r), CZ_OK);
	assert_int_equal(r->n_mois_detailles, 2);
	assert_int_equal(r->n_services, 3);
	assert_string_equal(r->services[0].service, "Abonnement");
	assert_near(r->services[0].montant, 600);
	assert_true(r->services[0].recurrent);
	assert_near(r->services[1].montant, 300);
	assert_false(r->services[1].recurrent);
	assert_string_equal(r->services[2].service, "Retouches");
	/* 600 recurring over 1 000 detailed; the 500 of February is not detailed */
	assert_near(r->part_recurrente.value, 0.6);
	assert_near(r->total.recettes.value, 1500);
	/* no charges: ratios unknown, no trend */
	assert_false(r->total.couverture.set);
	assert_int_equal(r->trend.kind, CZ_BE_UNKNOWN);
	cz_indicators_free(r);
	cz_project_free(p);
}

static void test_empty(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\nprojet: { nom: \"Vide\", type: mixte, phase: emergence }\n");
	cz_indicators *r;
	assert_int_equal(cz_indicators_run(p, ref, NULL, &r), CZ_OK);
	assert_int_equal(r->n_months, 0);
	assert_int_equal(r->mix.largest, -1);
	assert_int_equal(r->n_alerts, 0);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_indicators, CZ_FMT_MD, r, &(cz_options){ .charts = true }, &b), CZ_OK);
	assert_non_null(strstr(b.data, "Aucun relevé mensuel"));
	b.len = 0;
	assert_int_equal(render_text(&cz_analysis_indicators, CZ_FMT_JSON, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"mois\": []"));
	cz_buf_free(&b);
	cz_indicators_free(r);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_least_squares), cmocka_unit_test(test_herfindahl),
		cmocka_unit_test(test_break_even),    cmocka_unit_test(test_month_add),
		cmocka_unit_test(test_hand_checked),  cmocka_unit_test(test_gap),
		cmocka_unit_test(test_services),      cmocka_unit_test(test_empty),
		cmocka_unit_test(test_partial_year),  cmocka_unit_test(test_minus_sign),
		cmocka_unit_test(test_loans_and_multiactivity),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
