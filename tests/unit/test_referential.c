/* The built-in referential holds everything SPEC §4 lists, with the
 * seeds' exact counts; an amended one is validated like a project. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "referential.h"

static void test_builtin_counts(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *r;
	assert_int_equal(cz_referential_load_builtin(&r, &pb), CZ_OK);
	/* seed 000: 7/9/9/9 steps, 10/22/17/15 competences */
	static const size_t steps[] = { 7, 9, 9, 9 }, comps[] = { 10, 22, 17, 15 };
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		assert_int_equal(r->phases[ph].n_etapes, steps[ph]);
		assert_int_equal(r->phases[ph].n_competences, comps[ph]);
		for (size_t i = 0; i < r->phases[ph].n_competences; i++)
			assert_true(r->phases[ph].competences[i].family >= 0);
	}
	assert_int_equal(r->n_step_ids, 34);
	assert_int_equal(r->n_competence_ids, 64);
	assert_int_equal(r->n_families, 4);
	/* seed 001: six quantitative then six qualitative indicators, 3 conditions */
	assert_int_equal(r->n_indicators, 12);
	for (size_t i = 0; i < 12; i++)
		assert_int_equal(r->indicators[i].nature, i < 6 ? CZ_IND_QUANTITATIF : CZ_IND_QUALITATIF);
	assert_int_equal(r->n_conditions, 3);
	assert_non_null(cz_ref_indicator_for(r, CZ_MES_COUVERTURE_CHARGES));
	assert_true(r->rule.score_no_go <= r->rule.score_go);
	/* the pitfall: 2 to 3 product/market pairs */
	assert_int_equal(r->n_pitfalls, 1);
	assert_int_equal(r->pitfalls[0].mesure, CZ_MES_COUPLES_PRIORITAIRES);
	assert_true(r->pitfalls[0].seuil == 3);
	/* seed 004: four pillars, nine blocks, two canvases */
	for (int p = 0; p < CZ_PILIER_COUNT; p++)
		assert_non_null(r->pillars[p].nom);
	for (int b = 0; b < CZ_BLOC_COUNT; b++)
		assert_non_null(r->blocks[b].question);
	assert_non_null(cz_ref_canvas_find(r, "quartier"));
	assert_non_null(cz_ref_canvas_find(r, "rural"));
	assert_non_null(r->bmc_attribution);
	assert_non_null(strstr(r->bmc_attribution, "CC BY-SA"));
	/* seed 003: three qualities, twelve missions; seed 002: 2 + 7 */
	assert_int_equal(r->n_qualities, 3);
	assert_int_equal(r->n_missions, 12);
	assert_int_equal(r->n_caracteristiques, 2);
	assert_int_equal(r->n_principes, 7);
	/* look-ups */
	cz_phase ph;
	size_t idx;
	assert_true(cz_ref_find_step(r, "test.schema-logistique", &ph, &idx));
	assert_int_equal(ph, CZ_PHASE_TEST);
	assert_true(cz_ref_find_competence(r, "emergence.diagnostic", &ph, &idx));
	assert_false(cz_ref_find_step(r, "emergence.diagnostic", NULL, NULL));
	cz_referential_free(r);
	cz_problems_free(&pb);
}

/* An amended referential with mistakes gets positioned French messages. */
static void test_amended_referential_errors(void **state)
{
	(void)state;
	/* Take the built-in text, break three things in it. */
	char *text = malloc(cz_builtin_referentiel_len + 1);
	assert_non_null(text);
	memcpy(text, cz_builtin_referentiel, cz_builtin_referentiel_len + 1);
	char *p = strstr(text, "mesure: \"carnet_commandes\"");
	assert_non_null(p);
	memcpy(p, "mesure: \"carnet_commande\" ", 26);
	p = strstr(text, "score_go:");
	assert_non_null(p);
	memcpy(p, "score_og:", 9);
	cz_problems pb;
	cz_problems_init(&pb, "amende.yaml");
	cz_referential *r = NULL;
	assert_int_equal(cz_referential_load(text, strlen(text), &r, &pb), CZ_ERR_INVALID);
	assert_null(r);
	bool found_measure = false, found_key = false;
	for (size_t i = 0; i < pb.count; i++) {
		assert_true(pb.items[i].line > 0);
		found_measure |= strstr(pb.items[i].message, "vouliez-vous dire «\u00A0carnet_commandes\u00A0»") != NULL;
		found_key |= strstr(pb.items[i].message, "clé inconnue «\u00A0score_og\u00A0»") != NULL;
	}
	assert_true(found_measure);
	assert_true(found_key);
	cz_problems_free(&pb);
	free(text);
}

/* Every item has an origin: the working group's documents for what they
 * give, the tool for the values it adds. */
static void test_origins(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *r;
	assert_int_equal(cz_referential_load_builtin(&r, &pb), CZ_OK);
	assert_true(r->builtin);
	/* the tool, then the five documents of the seeds */
	assert_int_equal(r->n_sources, 6);
	assert_true(r->sources[0].outil);
	assert_string_equal(r->sources[0].id, "outil");
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_ref_phase *p = &r->phases[ph];
		assert_string_equal(p->origine->id, "fiche-competences");
		for (size_t i = 0; i < p->n_etapes; i++)
			assert_ptr_equal(p->etapes[i].origine, p->origine);
		for (size_t i = 0; i < p->n_competences; i++) {
			assert_ptr_equal(p->competences[i].origine, p->origine);
			/* the seed never classifies a competence: the tool does */
			assert_true(p->competences[i].origine_famille->outil);
		}
	}
	for (size_t i = 0; i < r->n_indicators; i++) {
		assert_string_equal(r->indicators[i].origine->id, "atelier-test");
		assert_true(r->indicators[i].origine_seuils->outil);
	}
	assert_true(r->rule.origine->outil);
	assert_string_equal(r->conditions[0].origine->id, "atelier-test");
	/* "2-3 couples produits / marchés" is the competence sheet's */
	assert_string_equal(r->pitfalls[0].origine_seuil->id, "fiche-competences");
	assert_string_equal(r->pillars[CZ_PILIER_ACTIVITE].origine->id, "atelier-modele");
	assert_true(r->pillars[CZ_PILIER_ACTIVITE].origine_seuil->outil);
	assert_true(cz_ref_services_min(r) == 2);
	assert_true(r->dashboard.origine->outil);
	assert_true(r->bmc_checks.origine->outil);
	assert_string_equal(r->origine_constats->id, "atelier-modele");
	assert_string_equal(r->canvases[0].origine->id, "atelier-modele");
	assert_true(r->canvases[0].origine_etiquettes->outil);
	assert_string_equal(r->origine_concierge->id, "role-concierge");
	assert_string_equal(r->origine_definition->id, "definition");
	assert_string_equal(r->caracteristiques[0].origine->id, "definition");
	for (size_t i = 0; i < r->n_alerts; i++)
		assert_true(r->alerts[i].origine->outil);
	/* seed 001's conditions of success, the users' mobilisation among them */
	const cz_ref_phase *t = &r->phases[CZ_PHASE_TEST];
	assert_int_equal(t->n_conditions_reussite, 4);
	assert_non_null(strstr(t->conditions_reussite[3].nom, "«\u00A0ne rien faire seul\u00A0»"));
	/* the rural canvas's "Ressources pour le développement local" */
	const cz_bmc *rural = &cz_ref_canvas_find(r, "rural")->bmc;
	assert_string_equal(rural->items[CZ_BLOC_RESSOURCES][0].texte, "Ressources pour le développement local");
	cz_referential_free(r);

	/* an unknown source is an error with a suggestion; "outil" cannot be redeclared */
	char *text = malloc(cz_builtin_referentiel_len + 64);
	assert_non_null(text);
	memcpy(text, cz_builtin_referentiel, cz_builtin_referentiel_len + 1);
	char *at = strstr(text, "origine: \"atelier-test\"");
	assert_non_null(at);
	memcpy(at, "origine: \"atelier-tset\"", 23);
	at = strstr(text, "  - id: \"role-concierge\"");
	assert_non_null(at);
	memcpy(at, "  - id: \"outil\"         ", 24);
	cz_referential *bad = NULL;
	assert_int_equal(cz_referential_load(text, strlen(text), &bad, &pb), CZ_ERR_INVALID);
	bool suggested = false, reserved = false;
	for (size_t i = 0; i < pb.count; i++) {
		suggested |= strstr(pb.items[i].message, "source inconnue «\u00A0atelier-tset\u00A0» — vouliez-vous dire «\u00A0atelier-test\u00A0»\u202F?") != NULL;
		reserved |= strstr(pb.items[i].message, "«\u00A0outil\u00A0» est réservé à l'outil") != NULL;
	}
	assert_true(suggested);
	assert_true(reserved);
	free(text);
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_counts),
		cmocka_unit_test(test_amended_referential_errors),
		cmocka_unit_test(test_origins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
