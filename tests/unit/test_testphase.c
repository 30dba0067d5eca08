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

static char *replace(char *text, const char *from, const char *to)
{
	char *at = strstr(text, from);
	assert_non_null(at);
	size_t lf = strlen(from), lt = strlen(to);
	memmove(at + lt, at + lf, strlen(at + lf) + 1);
	memcpy(at, to, lt);
	return text;
}

/* Everything atteint: GO. */
static const char strong[] =
	"version: 1\n"
	"projet: { nom: \"Forte\", type: entreprise, phase: test,\n"
	"          territoire: { nom: \"Parc d'activités\", salaries: 900 } }\n"
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
	/* demand: (40 + 50 + 60) / 3 = 50 requests a month for the 900 employees
	 * of an entreprise conciergerie: 50 × 1000 / 900 = 55.6 per 1,000;
	 * coverage (7 200 + 6 000 × 3/12) / 7 600 */
	assert_near(item(r, CZ_MES_DEMANDE)->value.value, 50.0 * 1000 / 900);
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
 *   demande: demandes 20 + 30 + 50 = 100 in 3 months, 33.33 a month, for
 *            5 000 inhabitants: 33.33 × 1000 / 5000 = 6.67 per 1,000,
 *            between 5 and 10: partiel; served: commandes 15 + 15 + 30 = 60
 *            over 100 = 0.6; trend of demandes 20, 30, 50 at x 0, 1, 2:
 *            slope 15 per month
 *   couverture: recettes 1 000 + 1 500 + 2 500 = 5 000, charges 2 000 + 2 000
 *            + 2 700 = 6 700, secured funding of 2026 3 000 + 1 000 = 4 000,
 *            3 months of it: 4 000 × 3/12 = 1 000 (5 000 of 2027, 800 not
 *            secured and the 3 000 of 2026's other months left out):
 *            6 000 / 6 700 = 0.896; self-financing 5 000 / 6 700 = 0.746
 *   réseau: of the 2 priority offers a provider delivers, 1 has signed the
 *            charter: 1/2 = 0.5, partiel (S1, in-house, is no network)
 *   the April record lies outside test.fin and is ignored
 */
static const char ratios[] =
	"version: 1\n"
	"projet: { nom: \"Ratios\", type: quartier, phase: test, territoire: { population: 5000 } }\n"
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
	assert_near(d->value.value, 100.0 / 3 * 1000 / 5000);
	assert_int_equal(d->status, CZ_TP_PARTIEL);
	assert_near(d->volume, 100.0 / 3);
	/* details: demandes, per month, trend, share served, territory */
	assert_string_equal(d->details[2].key, "tendance_demandes");
	assert_near(d->details[2].value, 15);
	assert_string_equal(d->details[3].key, "conversion");
	assert_near(d->details[3].value, 0.6);
	assert_non_null(strstr(d->calcul, "100 demandes en 3 mois (de 2026-01 à 2026-03), soit 33,3 par mois, pour 5\u202F000 "
					  "habitants (projet.territoire.population)\u00A0: 33,3 × 1\u202F000 / 5\u202F000 = 6,7 pour 1\u202F000 par mois"));
	assert_non_null(strstr(d->calcul, "demandes servies\u00A0: 60 commandes sur 100 demandes = 0,60"));
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
	assert_non_null(strstr(c->calcul, "recettes 5\u202F000\u00A0€ + financements acquis 1\u202F000\u00A0€ sur charges 6\u202F700\u00A0€ = 0,90"));
	assert_non_null(strstr(c->calcul, "financements acquis 2026\u00A0: 4\u202F000\u00A0€ × 3/12 = 1\u202F000\u00A0€"));
	assert_int_equal(r->year_from, 2026);
	assert_int_equal(r->year_to, 2026);
	const cz_tp_indicator *n = item(r, CZ_MES_RESEAU_PRESTATAIRES);
	assert_near(n->value.value, 0.5);
	assert_int_equal(n->status, CZ_TP_PARTIEL);
	assert_non_null(strstr(n->calcul, "offres prioritaires assurées par un prestataire\u00A0: 2, dont 1 avec un prestataire "
					  "signataire de la charte d'intervention = 50\u00A0% (sans charte\u00A0: S3 (B))\u202F; assurées par "
					  "la conciergerie elle-même, hors réseau\u00A0: S1."));
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
	replace(text, "demandes: 40, commandes: 30", "demandes: 6, commandes: 5");
	replace(text, "demandes: 50, commandes: 40", "demandes: 7, commandes: 6");
	replace(text, "demandes: 60, commandes: 50", "demandes: 8, commandes: 7");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	/* (6 + 7 + 8) / 3 = 7 a month × 1000 / 900 = 7.8 per 1,000: partiel,
	 * critical below atteint: RÉAJUSTER */
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_PARTIEL);
	assert_int_equal(r->verdict, CZ_VERDICT_REAJUSTER);
	cz_testphase_free(r);
	cz_project_free(p);

	replace(text, "demandes: 6, commandes: 5", "demandes: 2, commandes: 2");
	replace(text, "demandes: 7, commandes: 6", "demandes: 3, commandes: 3");
	replace(text, "demandes: 8, commandes: 7", "demandes: 4, commandes: 4");
	p = load(text);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	/* 3 a month × 1000 / 900 = 3.3 per 1,000, under 5: non atteint */
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_NON_ATTEINT);
	assert_int_equal(r->verdict, CZ_VERDICT_NO_GO);
	assert_true(r->score > 0.75);
	cz_testphase_free(r);
	cz_project_free(p);
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
	/* 2 requests a month for 900 employees: 2.2 per 1,000, non atteint */
	replace(text, "demandes: 40, commandes: 30, recettes: 2000, charges: 2500", "demandes: 2, commandes: 1");
	replace(text, "demandes: 50, commandes: 40, recettes: 2400, charges: 2500", "demandes: 2, commandes: 1");
	replace(text, "demandes: 60, commandes: 50, recettes: 2800, charges: 2600", "demandes: 2, commandes: 1");
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
	/* one of two providers without a charter: 1/2, partiel */
	replace(text, "charte: true", "charte: false");
	replace(text, "offre:\n", "offre:\n  - { service: \"Livraison\", prioritaire: true, prestataire: \"Coursier\" }\n");
	replace(text, "acteurs:\n", "acteurs:\n  - { nom: \"Coursier\", type: prestataire, charte: true }\n");
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
	assert_non_null(strstr(b.data, "par ordre d'effet sur le score\u00A0:\n  - «\u00A0"));
	b.len = 0;
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_JSON, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"leviers_niveaux\": ["));
	cz_buf_free(&b);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* The demand against the territory, by type, and against the needs
 * diagnostic (the starter's example need left out). */
static void test_demand_against_territory(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: \"D\", type: quartier, phase: test,\n"
		"          territoire: { nom: \"Q\", population: 4000, salaries: 600 } }\n"
		"besoins:\n"
		"  - { besoin: \"Repassage\", demandes: 100 }\n"
		"  - { besoin: \"Pressing\", demandes: 50 }\n"
		"  - { besoin: \"Exemple de besoin\", demandes: 900 }\n"
		"activite:\n"
		"  - { periode: 2026-01, demandes: 30, commandes: 20 }\n"
		"  - { periode: 2026-02, demandes: 45, commandes: 30 }\n"
		"  - { periode: 2026-03, demandes: 60, commandes: 50 }\n";
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	const cz_tp_indicator *d = item(r, CZ_MES_DEMANDE);
	/* quartier: inhabitants. (30 + 45 + 60) / 3 = 45 a month; 45 × 1000 / 4000
	 * = 11.25 per 1,000 >= 10, and 45 >= the floor of 10 a month: atteint */
	assert_near(d->value.value, 11.25);
	assert_int_equal(d->status, CZ_TP_ATTEINT);
	/* the diagnostic: 100 + 50 = 150 (the starter's 900 is no data); a month
	 * brings 45 / 150 = 30 % of it */
	assert_non_null(strstr(d->calcul, "la demande recensée au diagnostic des besoins est de 150 demandes (2 besoins)\u00A0: "
					  "les demandes d'un mois du test en représentent 30\u00A0%"));
	/* served: (20 + 30 + 50) / 135 = 0.74 */
	assert_non_null(strstr(d->calcul, "demandes servies\u00A0: 100 commandes sur 135 demandes = 0,74"));
	cz_testphase_free(r);
	cz_project_free(p);

	/* entreprise: the employees, 45 × 1000 / 600 = 75 per 1,000 */
	char t2[2048];
	snprintf(t2, sizeof(t2), "%s", text);
	replace(t2, "type: quartier", "type: entreprise");
	p = load(t2);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_near(item(r, CZ_MES_DEMANDE)->value.value, 75);
	cz_testphase_free(r);
	cz_project_free(p);

	/* mixte: both, 45 × 1000 / 4600 = 9.78: partiel */
	replace(t2, "type: entreprise", "type: mixte");
	p = load(t2);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_near(item(r, CZ_MES_DEMANDE)->value.value, 45.0 * 1000 / 4600);
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_PARTIEL);
	cz_testphase_free(r);
	cz_project_free(p);

	/* no territory figure (a zero is the starter's placeholder): non renseigné */
	replace(t2, "population: 4000, salaries: 600", "population: 0");
	p = load(t2);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	d = item(r, CZ_MES_DEMANDE);
	assert_int_equal(d->status, CZ_TP_NON_RENSEIGNE);
	assert_non_null(strstr(d->a_saisir, "projet.territoire\u00A0: population"));
	cz_testphase_free(r);
	cz_project_free(p);
}

/* A handful of requests is never atteint: 2 requests in 2 months in a
 * territory of 100 inhabitants make 1 × 1000 / 100 = 10 per 1,000, the
 * threshold, but 1 a month is under the floor of 10 a month: partiel, and
 * the critical indicator below atteint forbids the GO everything else
 * gives. With 4 000 inhabitants it is 0.25 per 1,000: non atteint, NO-GO. */
static void test_handful_never_atteint(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	replace(text, "salaries: 900", "salaries: 100");
	replace(text, "  - { periode: 2026-01, demandes: 40, commandes: 30, recettes: 2000, charges: 2500 }\n", "");
	replace(text, "demandes: 50, commandes: 40", "demandes: 1, commandes: 1");
	replace(text, "demandes: 60, commandes: 50", "demandes: 1, commandes: 1");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	const cz_tp_indicator *d = item(r, CZ_MES_DEMANDE);
	assert_near(d->value.value, 10);
	assert_near(d->volume, 1);
	assert_true(d->capped);
	assert_int_equal(d->status, CZ_TP_PARTIEL);
	assert_non_null(strstr(d->cible, "le volume reste trop faible pour conclure que le besoin est avéré\u00A0: il faudrait au "
					 "moins 10 demandes par mois en moyenne (actuellement 1)"));
	assert_int_equal(r->verdict, CZ_VERDICT_REAJUSTER);
	cz_testphase_free(r);
	cz_project_free(p);
	replace(text, "salaries: 100", "salaries: 4000");
	p = load(text);
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_near(item(r, CZ_MES_DEMANDE)->value.value, 0.25);
	assert_int_equal(item(r, CZ_MES_DEMANDE)->status, CZ_TP_NON_ATTEINT);
	assert_int_equal(r->verdict, CZ_VERDICT_NO_GO);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* Priority offers all delivered in-house: no network, 0, non atteint. */
static void test_network_without_provider(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	replace(text, ", prestataire: \"Blanchisserie\"", "");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	const cz_tp_indicator *n = item(r, CZ_MES_RESEAU_PRESTATAIRES);
	assert_true(n->value.set);
	assert_near(n->value.value, 0);
	assert_int_equal(n->status, CZ_TP_NON_ATTEINT);
	assert_non_null(strstr(n->calcul, "aucune des 2 offres prioritaires n'est assurée par un prestataire"));
	/* weight 2 of 22 lost: (22 - 2) / 22 = 0.91, still GO: not critical */
	assert_near(r->score, 20.0 / 22);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* A loan is cash: the balance, the self-financing and the verdict are the
 * same with it as without it, and it is shown apart. */
static void test_loan_outside_balance(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof(text), "%s", strong);
	/* coverage without the loan: (7 200 + 6 000 × 3/12) / 7 600 = 8 700 / 7 600 */
	replace(text, "financements:\n", "financements:\n"
				       "  - { source: \"Banque\", pilier: soutien_prive, nature: pret, montant: 12000, annee: 2026, acquis: true }\n"
				       "  - { source: \"France Active\", nature: avance_remboursable, montant: 3000, annee: 2027, acquis: true }\n");
	cz_project *p = load(text);
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	const cz_tp_indicator *c = item(r, CZ_MES_COUVERTURE_CHARGES);
	assert_near(c->value.value, 8700.0 / 7600);
	/* the 2026 loan is in the years counted; the 2027 advance is another year's */
	assert_near(r->prets, 12000);
	assert_near(r->prets_autres, 3000);
	assert_non_null(strstr(c->calcul, "prêts et avances remboursables acquis\u00A0: 12\u202F000\u00A0€, comptés en trésorerie et non "
					  "comme ressource, puisqu'ils seront remboursés (et 3\u202F000\u00A0€ non acquis ou d'une autre année)"));
	assert_int_equal(r->verdict, CZ_VERDICT_GO);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_test_phase, CZ_FMT_MD, r, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "- Prêts et avances remboursables acquis\u00A0: 12\u202F000\u00A0€. C'est de la trésorerie"));
	cz_buf_free(&b);
	cz_testphase_free(r);
	cz_project_free(p);
}

/* Past the test without a test section: NON ÉVALUÉ, with the reason. */
static void test_not_assessed_past_test(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\nprojet: { nom: \"L\", type: rural, phase: lancement }\n"
			     "activite:\n  - { periode: 2026-01, demandes: 40, recettes: 100, charges: 200 }\n");
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_true(r->not_assessed);
	assert_int_equal(r->verdict, CZ_VERDICT_NON_EVALUE);
	assert_string_equal(cz_verdict_labels[r->verdict], "non évalué");
	assert_true(has_reason(r, "n'a pas de section «\u00A0test\u00A0»\u00A0: la sortie de la phase de test n'a pas été évaluée"));
	cz_testphase_free(r);
	cz_project_free(p);
	/* in the test phase, the same file is INCOMPLET: the assessment is due */
	p = load("version: 1\nprojet: { nom: \"T\", type: rural, phase: test }\n");
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	assert_int_equal(r->verdict, CZ_VERDICT_INCOMPLET);
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
	assert_non_null(strstr(b.data, "**Verdict\u00A0: INCOMPLET**"));
	assert_non_null(strstr(b.data, "## Données à saisir"));
	/* a question ends its own sentence: « suivies ? », never « suivies ?. » */
	assert_non_null(strstr(b.data, "suivies\u202F?\n"));
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
		cmocka_unit_test(test_demand_against_territory),
		cmocka_unit_test(test_handful_never_atteint),
		cmocka_unit_test(test_network_without_provider),
		cmocka_unit_test(test_loan_outside_balance),
		cmocka_unit_test(test_not_assessed_past_test),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
