/* The method guide (referentiel -f md|json): everything of the referential
 * is there, with its origin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <string.h>

#include "render.h"

static void test_markdown_holds_the_method(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_render_ctx rc = { .ref = ref, .out = &b };
	assert_int_equal(cz_referential_render_md(ref, &rc), CZ_OK);
	/* every step, competence and alert id, and every source's title */
	for (size_t i = 0; i < ref->n_step_ids; i++)
		assert_non_null(strstr(b.data, ref->step_ids[i]));
	for (size_t i = 0; i < ref->n_competence_ids; i++)
		assert_non_null(strstr(b.data, ref->competence_ids[i]));
	for (size_t i = 0; i < ref->n_alerts; i++)
		assert_non_null(strstr(b.data, ref->alerts[i].id));
	for (size_t i = 1; i < ref->n_sources; i++)
		assert_non_null(strstr(b.data, ref->sources[i].titre));
	/* the definition, the pillars, the observations, the concierge */
	assert_non_null(strstr(b.data, ref->caracteristiques[0].nom));
	assert_non_null(strstr(b.data, ref->principes[6].nom));
	assert_non_null(strstr(b.data, ref->constats[0]));
	assert_non_null(strstr(b.data, "## Le rôle de concierge"));
	assert_non_null(strstr(b.data, "**Conditions de réussite** *(«\u00A0La nécessaire phase de test"));
	/* thresholds with their origin said once */
	assert_non_null(strstr(b.data, "| Demandes et besoins du territoire (`demande`) | quantitatif | ≥ 10 pour 1\u202F000 par "
				       "mois (partiel ≥ 5 pour 1\u202F000 par mois), et au moins 10 demandes par mois | 3 | oui |"));
	assert_non_null(strstr(b.data, "*seuils, poids et caractère critique\u00A0: réglage par défaut de l'outil*"));
	assert_non_null(strstr(b.data, "Le classement de ces compétences en familles est un réglage par défaut de l'outil"));
	cz_buf_free(&b);
}

static void test_json_carries_origins(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_render_ctx rc = { .ref = ref, .out = &b };
	assert_int_equal(cz_referential_render_json(ref, &rc), CZ_OK);
	assert_non_null(strstr(b.data, "\"referentiel_integre\": true"));
	assert_non_null(strstr(b.data, "\"origine_seuils\": {\n"));
	assert_non_null(strstr(b.data, "\"source\": \"atelier-test\""));
	assert_non_null(strstr(b.data, "\"reglage_outil\": true"));
	assert_non_null(strstr(b.data, "\"volume_min\": 10"));
	cz_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_holds_the_method),
		cmocka_unit_test(test_json_carries_origins),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
