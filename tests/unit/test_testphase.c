/* The test-phase decision: threshold comparison, the verdict rule alone,
 * and whole projects for each verdict, overrides and the hand-checked
 * ratios (arithmetic in the comments). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "loader.h"
#include "testphase.h"

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static const cz_tp_indicator *item(const cz_testphase *r, cz_measure m)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].mesure == m)
			return &r->items[i];
	fail();
	return NULL;
}

static void test_compare(void **state)
{
	(void)state;
	/* sens min, seuil 0.6, partiel 0.4; 60/100 must meet 0.6 despite rounding */
	assert_int_equal(cz_tp_compare(60.0 / 100, false, 0.6, true, 0.4), CZ_TP_ATTEINT);
	assert_int_equal(cz_tp_compare(0.1 * 3 + 0.3, false, 0.6, true, 0.4), CZ_TP_ATTEINT);
	assert_int_equal(cz_tp_compare(0.5, false, 0.6, true, 0.4), CZ_TP_PARTIEL);
	assert_int_equal(cz_tp_compare(0.4, false, 0.6, true, 0.4), CZ_TP_PARTIEL);
	assert_int_equal(cz_tp_compare(0.39, false, 0.6, true, 0.4), CZ_TP_NON_ATTEINT);
	assert_int_equal(cz_tp_compare(0.5, false, 0.6, false, 0), CZ_TP_NON_ATTEINT);
	/* sens max (workload): <= 1 atteint, <= 1.2 partiel */
	assert_int_equal(cz_tp_compare(1.0, true, 1.0, true, 1.2), CZ_TP_ATTEINT);
	assert_int_equal(cz_tp_compare(1.1, true, 1.0, true, 1.2), CZ_TP_PARTIEL);
	assert_int_equal(cz_tp_compare(1.2, true, 1.0, true, 1.2), CZ_TP_PARTIEL);
	assert_int_equal(cz_tp_compare(1.3, true, 1.0, true, 1.2), CZ_TP_NON_ATTEINT);
}

static void test_verdict_rule(void **state)
{
	(void)state;
	const cz_ref_verdict_rule *rule = &ref->rule; /* 0.3334, 0.75, 0.5, critique_non_renseigne_incomplet */
	assert_true(rule->critique_non_renseigne_incomplet);
	assert_int_equal(cz_tp_verdict(rule, 5.0 / 12, 1, false, false, false, true), CZ_VERDICT_INCOMPLET);
	/* 4 of 12 missing is exactly a third: not above the limit */
	assert_int_equal(cz_tp_verdict(rule, 4.0 / 12, 1, false, false, false, true), CZ_VERDICT_GO);
	assert_int_equal(cz_tp_verdict(rule, 0, 0.75, false, false, false, true), CZ_VERDICT_GO);
	assert_int_equal(cz_tp_verdict(rule, 0, 0.74, false, false, false, true), CZ_VERDICT_REAJUSTER);
	assert_int_equal(cz_tp_verdict(rule, 0, 1, false, false, false, false), CZ_VERDICT_REAJUSTER);
	assert_int_equal(cz_tp_verdict(rule, 0, 1, false, true, false, true), CZ_VERDICT_REAJUSTER);
	assert_int_equal(cz_tp_verdict(rule, 0, 1, true, false, false, true), CZ_VERDICT_NO_GO);
	assert_int_equal(cz_tp_verdict(rule, 0, 0.5, false, false, false, true), CZ_VERDICT_REAJUSTER);
	assert_int_equal(cz_tp_verdict(rule, 0, 0.49, false, false, false, true), CZ_VERDICT_NO_GO);
	/* INCOMPLET comes first, even with a critical miss */
	assert_int_equal(cz_tp_verdict(rule, 0.5, 0, true, true, false, false), CZ_VERDICT_INCOMPLET);
	/* a critical indicator without data: no decision, even under the share limit
	 * and with another critical one non atteint */
	assert_int_equal(cz_tp_verdict(rule, 4.0 / 12, 0.86, false, true, true, true), CZ_VERDICT_INCOMPLET);
	assert_int_equal(cz_tp_verdict(rule, 1.0 / 12, 0.2, true, true, true, true), CZ_VERDICT_INCOMPLET);
	/* a referential that does not state the rule keeps the share test alone */
	cz_ref_verdict_rule old = *rule;
	old.critique_non_renseigne_incomplet = false;
	assert_int_equal(cz_tp_verdict(&old, 4.0 / 12, 0.86, false, true, true, true), CZ_VERDICT_REAJUSTER);
}

/* Everything atteint: GO. */
static const char strong[] =
	"version: 1\n"
	"projet: { nom: \"Forte\", type: entreprise, phase: test }\n"
	"acteurs:\n"
	"  - { nom: \"Blanchisserie\", type: prestataire, roles: [prestataire], charte: true }\n"
	"offre:\n"
	"  - { service: \"Pressing\", prioritaire: true, prestataire: \"Blanchisserie\" }\n"
	"  - { service: \"Abonnement\", prioritaire: true, recurrent: true }\n"
	"activite:\n"
	"  - { periode: 2026-01, demandes: 40, commandes: 30, recettes: 2000, charges: 2500 }\n"
	"  - { periode: 2026-02, demandes: 50, commandes: 40, recettes: 2400, charges: 2500 }\n"
	"  - { periode: 2026-03, demandes: 60, commandes: 50, recettes: 2800, charges: 2600 }\n"
	"financements:\n"
	"  - { source: \"Agglo\", pilier: soutien_public, montant: 6000, annee: 2026, acquis: true }\n"
	"test:\n"
	"  debut: 2026-01-01\n"
	"  fin: 2026-03-31\n"
	"  carnet_commandes: 6\n"
	"  charge_travail: 0.9\n"
	"  sollicitations_suivies: true\n"
	"  cahier_des_charges: true\n"
	"  satisfaction: { beneficiaires: 4.5, partenaires: 4.2, equipe: 4.0 }\n"
	"  impact_social: 4\n"
	"  vision: 4\n"
	"  energie: 4\n"
	"  montee_competences: 4\n"
	"  conditions: { statut_structure: true, calendrier_financeurs: true, strategie: true }\n";

static void test_go(void **state)
{
	(void)state;
	cz_project *p = load(strong);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_int_equal(r->verdict, CZ_VERDICT_GO);
	assert_near(r->score, 1);
	assert_int_equal(r->counts[CZ_TP_ATTEINT], 12);
	/* conversion 120 / 150; coverage (7 200 + 6 000 × 3/12) / 7 600 */
	assert_near(item(r, CZ_MES_DEMANDE)->value.value, 0.8);
	assert_near(item(r, CZ_MES_COUVERTURE_CHARGES)->value.value, 8700.0 / 7600);
	assert_near(item(r, CZ_MES_RESEAU_PRESTATAIRES)->value.value, 1);
	assert_near(item(r, CZ_MES_SATISFACTION)->value.value, (4.5 + 4.2 + 4.0) / 3);
	assert_near(item(r, CZ_MES_COUPLES_PRIORITAIRES)->value.value, 2);
	assert_true(item(r, CZ_MES_COUPLES_PRIORITAIRES)->is_pitfall);
	assert_int_equal(r->n_conditions_ok, 3);
	cz_testphase_free(r);
	cz_project_free(p);
}

/*
 * Hand-checked ratios (same figures as tests/cli/testphase-ratios):
 *   demande: commandes 15 + 15 + 30 = 60 over demandes 20 + 30 + 50 = 100
 *            -> 0.6, exactly the threshold: atteint; trend of demandes
 *            20, 30, 50 at x 0, 1, 2: slope 15 per month
 *   couverture: recettes 1 000 + 1 500 + 2 500 = 5 000, charges 2 000 + 2 000
 *            + 2 700 = 6 700, secured funding of 2026 3 000 + 1 000 = 4 000,
 *            3 months of it: 4 000 × 3/12 = 1 000 (5 000 of 2027, 800 not
 *            secured and the 3 000 of 2026's other months left out):
 *            6 000 / 6 700 = 0.896; self-financing 5 000 / 6 700 = 0.746
 *   réseau: 1 priority offer in-house, 1 with a charter, 1 without: 2/3
 *   the April record lies outside test.fin and is ignored
 */
static const char ratios[] =
	"version: 1\n"
	"projet: { nom: \"Ratios\", type: quartier, phase: test }\n"
	"acteurs:\n"
	"  - { nom: \"A\", type: prestataire, charte: true }\n"
	"  - { nom: \"B\", type: prestataire, charte: false }\n"
	"offre:\n"
	"  - { service: \"S1\", prioritaire: true }\n"
	"  - { service: \"S2\", prioritaire: true, prestataire: \"A\" }\n"
	"  - { service: \"S3\", prioritaire: true, prestataire: \"B\" }\n"
	"  - { service: \"S4\", prioritaire: false, prestataire: \"B\" }\n"
	"activite:\n"
	"  - { periode: 2026-01, demandes: 20, commandes: 15, recettes: 1000, charges: 2000 }\n"
	"  - { periode: 2026-02, demandes: 30, commandes: 15, recettes: 1500, charges: 2000 }\n"
	"  - { periode: 2026-03, demandes: 50, commandes: 30, recettes: 2500, charges: 2700 }\n"
	"  - { periode: 2026-04, demandes: 90, commandes: 10, recettes: 9000, charges: 10 }\n"
	"financements:\n"
	"  - { source: \"Région\", pilier: soutien_public, montant: 3000, annee: 2026, acquis: true }\n"
	"  - { source: \"Fondation\", pilier: soutien_prive, montant: 1000, annee: 2026, acquis: true }\n"
	"  - { source: \"Ville\", pilier: soutien_public, montant: 5000, annee: 2027, acquis: true }\n"
	"  - { source: \"Mécène\", pilier: soutien_prive, montant: 800, annee: 2026, acquis: false }\n"
	"test:\n"
	"  debut: 2026-01-15\n"
	"  fin: 2026-03-31\n"
	"  seuils: { couverture_charges: 0.85, charge_travail: 1.1 }\n"
	"  charge_travail: 1.1\n";

static void test_ratios_and_overrides(void **state)
{
	(void)state;
	cz_project *p = load(ratios);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_int_equal(r->n_months, 3);
	const cz_tp_indicator *d = item(r, CZ_MES_DEMANDE);
	assert_near(d->value.value, 0.6);
	assert_int_equal(d->status, CZ_TP_ATTEINT);
	assert_near(d->details[2].value, 15);
	const cz_tp_indicator *c = item(r, CZ_MES_COUVERTURE_CHARGES);
	assert_near(c->value.value, 6000.0 / 6700);
	assert_near(c->details[1].value, 1000);
	assert_near(c->details[3].value, 5000.0 / 6700);
	assert_near(c->details[4].value, 800 + 5000 + 3000);
	assert_true(c->seuil_override);
	assert_near(c->seuil, 0.85);
	assert_near(c->seuil_defaut, 1.0);
	/* 0.896 >= 0.85: atteint, where the default seuil 1 would say partiel */
	assert_int_equal(c->status, CZ_TP_ATTEINT);
	assert_non_null(strstr(c->calcul, "recettes 5 000 € + financements acquis 1 000 € sur charges 6 700 € = 0,90"));
	assert_non_null(strstr(c->calcul, "financements acquis 2026 : 4 000 € × 3/12 = 1 000 €"));
	assert_int_equal(r->year_from, 2026);
	assert_int_equal(r->year_to, 2026);
	const cz_tp_indicator *n = item(r, CZ_MES_RESEAU_PRESTATAIRES);
	assert_near(n->value.value, 2.0 / 3);
	assert_int_equal(n->status, CZ_TP_PARTIEL);
	/* workload 1.1 with its seuil raised to 1.1: atteint */
	const cz_tp_indicator *w = item(r, CZ_MES_CHARGE_TRAVAIL);
	assert_true(w->seuil_override);
	assert_int_equal(w->status, CZ_TP_ATTEINT);
	/* only 4 of 12 filled in (carnet, satisfaction, sollicitations, cahier and the
	 * four notes missing): INCOMPLET, with what to record */
	assert_int_equal(r->counts[CZ_TP_NON_RENSEIGNE], 8);
	assert_int_equal(r->verdict, CZ_VERDICT_INCOMPLET);
	assert_true(r->n_a_saisir >= 8);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* A critical indicator non atteint: NO-GO whatever the score. */
static void test_no_go(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	char *at = strstr(text, "demandes: 60, commandes: 50");
	assert_non_null(at);
	memcpy(at, "demandes: 60, commandes: 10", 27);
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	/* 80 / 150 = 0.53: partiel, critical below atteint: RÉAJUSTER */
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_PARTIEL);
	assert_int_equal(r->verdict, CZ_VERDICT_REAJUSTER);
	cz_testphase_free(r);
	cz_project_free(p);

	memcpy(strstr(text, "demandes: 50, commandes: 40"), "demandes: 50, commandes: 10", 27);
	p = load(text);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	/* 50 / 150 = 0.33: non atteint */
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_NON_ATTEINT);
	assert_int_equal(r->verdict, CZ_VERDICT_NO_GO);
	assert_true(r->score > 0.75);
	cz_testphase_free(r);
	cz_project_free(p);
}

static char *replace(char *text, const char *from, const char *to)
{
	char *at = strstr(text, from);
	assert_non_null(at);
	size_t lf = strlen(from), lt = strlen(to);
	memmove(at + lt, at + lf, strlen(at + lf) + 1);
	memcpy(at, to, lt);
	return text;
}

static bool has_reason(const cz_testphase *r, const char *part)
{
	for (size_t i = 0; i < r->n_raisons; i++)
		if (strstr(r->raisons[i], part))
			return true;
	return false;
}

/* A critical indicator without data: INCOMPLET, and the reasons never call
 * a NO-GO what is not one (here the other critical indicator is non atteint). */
static void test_critical_unfilled(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	replace(text, "commandes: 30, recettes: 2000, charges: 2500", "commandes: 5");
	replace(text, "commandes: 40, recettes: 2400, charges: 2500", "commandes: 5");
	replace(text, "commandes: 50, recettes: 2800, charges: 2600", "commandes: 5");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_NON_ATTEINT);
	assert_int_equal(item(r, CZ_MES_COUVERTURE_CHARGES)->status, CZ_TP_NON_RENSEIGNE);
	assert_int_equal(r->counts[CZ_TP_NON_RENSEIGNE], 1); /* far under a third */
	assert_int_equal(r->verdict, CZ_VERDICT_INCOMPLET);
	assert_true(has_reason(r, "Indicateur critique non renseigné"));
	assert_true(has_reason(r, "il imposera un NO-GO"));
	assert_false(has_reason(r, "c'est un NO-GO"));
	assert_true(r->n_leviers >= 1);
	assert_non_null(strstr(r->leviers[0], "Renseigner l'indicateur critique"));
	cz_testphase_free(r);
	cz_project_free(p);
}

/* The gap to the GO score is rounded up, and the indicators that would
 * close it are sub-items of that lever. */
static void test_gap_rounded_up(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	/* six indicators of weight 2 partiel: (22 - 6) / 22 = 0,7273, 0,0227 short of 0,75 */
	replace(text, "carnet_commandes: 6", "carnet_commandes: 2");
	replace(text, "charge_travail: 0.9", "charge_travail: 1.1");
	replace(text, "beneficiaires: 4.5, partenaires: 4.2, equipe: 4.0", "beneficiaires: 3.5");
	replace(text, "vision: 4", "vision: 3");
	replace(text, "energie: 4", "energie: 3");
	replace(text, "charte: true", "charte: false");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_near(r->score, 16.0 / 22);
	assert_int_equal(r->verdict, CZ_VERDICT_REAJUSTER);
	size_t head = r->n_leviers;
	for (size_t i = 0; i < r->n_leviers && head == r->n_leviers; i++)
		if (strstr(r->leviers[i], "Le score doit gagner"))
			head = i;
	assert_true(head < r->n_leviers);
	assert_non_null(strstr(r->leviers[head], "au moins 0,03 pour atteindre 0,75"));
	assert_int_equal(r->leviers_niveau[head], 0);
	assert_int_equal(r->leviers_niveau[head + 1], 1);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_MD, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "par ordre d'effet sur le score :\n  - « "));
	b.len = 0;
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_JSON, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"leviers_niveaux\": ["));
	cz_buf_free(&b);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* No test data at all: INCOMPLET with the list of what to record. */
static void test_empty(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\nprojet: { nom: \"Vide\", type: rural, phase: test }\n");
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_int_equal(r->verdict, CZ_VERDICT_INCOMPLET);
	assert_int_equal(r->counts[CZ_TP_NON_RENSEIGNE], 12);
	assert_near(r->score, 0);
	/* 12 indicators, the pitfall and 3 conditions */
	assert_int_equal(r->n_a_saisir, 16);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_MD, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "**Verdict : INCOMPLET**"));
	assert_non_null(strstr(b.data, "## Données à saisir"));
	/* a question ends its own sentence: « suivies ? », never « suivies ?. » */
	assert_non_null(strstr(b.data, "suivies ?\n"));
	assert_null(strstr(b.data, "?."));
	b.len = 0;
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_JSON, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"verdict\": \"incomplet\""));
	cz_buf_free(&b);
	cz_testphase_free(r);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare), cmocka_unit_test(test_verdict_rule),
		cmocka_unit_test(test_go),      cmocka_unit_test(test_ratios_and_overrides),
		cmocka_unit_test(test_no_go),   cmocka_unit_test(test_empty),
		cmocka_unit_test(test_critical_unfilled), cmocka_unit_test(test_gap_rounded_up),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
