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
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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

static void assert_same_string(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

/* The spool gives back every row as added, strings and figures, pass
 * after pass: hostile strings (table and markup characters, control
 * characters, bytes that are not UTF-8, empty versus absent, one larger
 * than stdio's buffer) included. */
static void test_spool_round_trip(void **state)
{
	(void)state;
	enum { LONG = 200 * 1024 };
	char *big = malloc(LONG + 1);
	assert_non_null(big);
	for (size_t i = 0; i < LONG; i++)
		big[i] = (char)('a' + i % 26);
	big[LONG] = '\0';
	const cz_portfolio_row rows[] = {
		{ .file = "x|y\n.yaml", .report = "", .first_error = "1:2: «\u00A0\x01\xff\xc3\u00A0»" },
		{ .file = "", .report = "r", .valid = true, .name = "", .report_error = NULL, .phase = CZ_PHASE_TEST,
		  .has_verdict = true, .verdict = CZ_VERDICT_NO_GO, .progress = 0.375, .loans = 1e9,
		  .charges_coverage = { -2.5, true }, .pillar_shares = { 0.1, 0.2, 0.3, 0.4 }, .has_pillars = true,
		  .date = { .set = true, .year = 2026, .month = 9, .day = 30 }, .critical_alerts = 7, .months = 12 },
		{ .file = big, .report = "b", .valid = true, .name = big, .report_error = "disque plein\r\n\t<b>" },
	};
	size_t n = sizeof(rows) / sizeof(rows[0]);
	cz_portfolio pf;
	cz_portfolio_init(&pf);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(cz_portfolio_add(&pf, &rows[i]), CZ_OK);
	assert_int_equal(pf.count, n);
	assert_int_equal(pf.totals.valid, 2);
	assert_int_equal(pf.totals.invalid, 1);
	assert_int_equal(pf.totals.unwritten, 1);
	assert_int_equal(pf.totals.critical_alerts, 7);
	for (int pass = 0; pass < 2; pass++) {
		cz_portfolio_reader rd;
		cz_portfolio_read_begin(&rd, &pf);
		size_t i = 0;
		for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL; i++) {
			const cz_portfolio_row *w = &rows[i];
			assert_same_string(r->file, w->file);
			assert_same_string(r->report, w->report);
			assert_same_string(r->first_error, w->first_error);
			assert_same_string(r->report_error, w->report_error);
			assert_same_string(r->name, w->name);
			assert_int_equal(r->valid, w->valid);
			assert_int_equal(r->phase, w->phase);
			assert_int_equal(r->verdict, w->verdict);
			assert_int_equal(r->has_verdict, w->has_verdict);
			assert_true(r->progress == w->progress && r->loans == w->loans);
			assert_true(r->charges_coverage.set == w->charges_coverage.set &&
				    r->charges_coverage.value == w->charges_coverage.value);
			assert_memory_equal(r->pillar_shares, w->pillar_shares, sizeof(w->pillar_shares));
			assert_int_equal(r->date.day, w->date.day);
			assert_int_equal(r->months, w->months);
		}
		assert_int_equal(i, n);
		assert_int_equal(rd.status, CZ_OK);
		cz_portfolio_read_end(&rd);
	}
	cz_portfolio_free(&pf);
	free(big);
}

/* A spool that cannot be written (here, over the file size limit) is an
 * I/O error with its errno, never rows silently lost, and the renderers
 * then fail instead of writing a portfolio without them. */
static void test_spool_write_failure(void **state)
{
	(void)state;
	struct rlimit old;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
	struct rlimit small = { 4096, old.rlim_max };
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	char name[8192];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	cz_portfolio pf;
	cz_portfolio_init(&pf);
	cz_status st = CZ_OK;
	for (int i = 0; i < 4 && st == CZ_OK; i++)
		st = cz_portfolio_add(&pf, &(cz_portfolio_row){ .file = name, .report = "", .first_error = "e" });
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, previous);
	assert_int_equal(st, CZ_ERR_IO);
	assert_int_equal(pf.error, EFBIG);
	/* later rows are refused too */
	assert_int_equal(cz_portfolio_add(&pf, &(cz_portfolio_row){ .file = "a", .report = "" }), CZ_ERR_IO);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_portfolio, CZ_FMT_MD, &pf, NULL, &b), CZ_ERR_IO);
	cz_buf_free(&b);
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_portfolio, CZ_FMT_JSON, &pf, NULL, &b), CZ_ERR_IO);
	cz_buf_free(&b);
	cz_portfolio_free(&pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_buckets_and_notes),
		cmocka_unit_test(test_json_buckets_and_notes),
		cmocka_unit_test(test_spool_round_trip),
		cmocka_unit_test(test_spool_write_failure),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
