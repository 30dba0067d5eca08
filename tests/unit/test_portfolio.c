/* The portfolio's rows and totals (issue #10): a project past the test
 * without a `test` section is "non évalué", not INCOMPLET; one in émergence
 * is "avant le test"; loans are shown as cash beside the ratios; a starter
 * file still to fill is said after the project's name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <string.h>

#include "portfolio.h"

static void add(cz_portfolio *pf, cz_portfolio_row r)
{
	assert_int_equal(cz_portfolio_add(pf, &r), CZ_OK);
}

/* Five files: a GO with a 12 000 € loan, a lancement without test section
 * (non évalué), an untouched starter in émergence, a partly filled one in
 * émergence (2 example values left), an invalid file. */
static void fill(cz_portfolio *pf)
{
	cz_portfolio_init(pf);
	add(pf, (cz_portfolio_row){ .file = "a.yaml", .report = "a", .valid = true, .name = "A",
				    .phase = CZ_PHASE_TEST, .has_verdict = true, .verdict = CZ_VERDICT_GO,
				    .charges_coverage = { 1.1, true }, .loans = 12000 });
	add(pf, (cz_portfolio_row){ .file = "b.yaml", .report = "b", .valid = true, .name = "B",
				    .phase = CZ_PHASE_LANCEMENT, .has_verdict = true,
				    .verdict = CZ_VERDICT_NON_EVALUE, .critical_alerts = 2 });
	add(pf, (cz_portfolio_row){ .file = "c.yaml", .report = "c", .valid = true, .name = "C",
				    .phase = CZ_PHASE_EMERGENCE, .starter_values = 6, .starter_untouched = true });
	add(pf, (cz_portfolio_row){ .file = "d.yaml", .report = "d", .valid = true, .name = "D",
				    .phase = CZ_PHASE_EMERGENCE, .starter_values = 2 });
	add(pf, (cz_portfolio_row){ .file = "e.yaml", .report = "", .first_error = "3:1: erreur" });
}

static void test_markdown_buckets_and_notes(void **state)
{
	(void)state;
	cz_portfolio pf;
	fill(&pf);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_portfolio, CZ_FMT_MD, &pf, NULL, &b), CZ_OK);
	/* 4 valid, 1 invalid */
	assert_non_null(strstr(b.data, "4 projets analysés, 1 fichier invalide."));
	/* A: coverage 1,10 and the loan in its own column, not in the ratio */
	assert_non_null(strstr(b.data, "| GO | 0\u00A0% | 1,10 | — | 12\u202F000\u00A0€ |"));
	/* B: non évalué, never INCOMPLET */
	assert_non_null(strstr(b.data, "| Lancement | 0\u00A0% | Émergence | non évalué |"));
	/* C, D: said after the name; 2 values: plural */
	assert_non_null(strstr(b.data, "[C](c.md) *(fichier de départ non rempli)*"));
	assert_non_null(strstr(b.data, "[D](d.md) *(2 valeurs d'exemple du fichier de départ)*"));
	assert_non_null(strstr(b.data, "| avant le test |"));
	/* totals: GO 1, non évalué 1 (B), avant le test 2 (C, D), INCOMPLET 0 */
	assert_non_null(strstr(b.data, "| GO | 1 |\n| RÉAJUSTER | 0 |\n| NO-GO | 0 |\n| INCOMPLET | 0 |\n"
				       "| non évalué | 1 |\n| avant le test | 2 |\n"));
	assert_non_null(strstr(b.data, "La règle du verdict est un réglage par défaut de l'outil"));
	assert_non_null(strstr(b.data, "1 projet avec au moins une alerte critique (2 alertes en tout)."));
	cz_buf_free(&b);
	cz_portfolio_free(&pf);
}

static void test_json_buckets_and_notes(void **state)
{
	(void)state;
	cz_portfolio pf;
	fill(&pf);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_portfolio, CZ_FMT_JSON, &pf, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"prets_tresorerie\": 12000"));
	assert_non_null(strstr(b.data, "\"verdict_test\": \"non évalué\""));
	assert_non_null(strstr(b.data, "\"fichier_de_depart_non_rempli\": true"));
	assert_non_null(strstr(b.data, "\"valeurs_fichier_de_depart\": 2"));
	assert_non_null(strstr(b.data, "\"INCOMPLET\": 0,\n      \"non_evalue\": 1,\n      \"avant_test\": 2\n"));
	/* C and D */
	assert_non_null(strstr(b.data, "\"projets_fichier_de_depart\": 2"));
	assert_non_null(strstr(b.data, "\"origine_regle_verdict\": {"));
	cz_buf_free(&b);
	cz_portfolio_free(&pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_buckets_and_notes),
		cmocka_unit_test(test_json_buckets_and_notes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
