/* The starter file `conciergerie init` writes: every placeholder of every
 * type's starter is recognised, and analyses say so instead of counting
 * the examples. The starter is built here the way cmd/init.c builds it
 * (templates/init.yaml with its three marks replaced, then the example
 * canvas), so a change of the template that the recognition misses fails
 * here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "starter.h"
#include "testphase.h"
#include "yaml_emit.h"

extern const char cz_builtin_init[];
extern const size_t cz_builtin_init_len;

/* The starter of `type`, as init writes it; the caller frees it. */
static char *starter(const char *type, const char *lieu, const char *canvas)
{
	cz_buf b;
	cz_buf_init(&b);
	static const char *const marks[] = { "@TYPE@", "@LIEU@", "@CANEVAS@" };
	const char *values[] = { type, lieu, canvas };
	const char *p = cz_builtin_init, *end = cz_builtin_init + cz_builtin_init_len;
	while (p < end) {
		size_t k = 3;
		for (size_t m = 0; m < 3 && k == 3; m++)
			if ((size_t)(end - p) >= strlen(marks[m]) && memcmp(p, marks[m], strlen(marks[m])) == 0)
				k = m;
		if (k < 3) {
			cz_buf_puts(&b, values[k]);
			p += strlen(marks[k]);
		} else {
			cz_buf_putc(&b, *p++);
		}
	}
	cz_yaml_emit_bmc(&b, &cz_ref_canvas_find(ref, canvas)->bmc);
	assert_true(cz_buf_ok(&b));
	return b.data;
}

static void test_every_starter_recognised(void **state)
{
	(void)state;
	static const char *const types[][3] = {
		{ "quartier", "fixe", "quartier" }, { "rural", "mixte", "rural" },
		{ "entreprise", "fixe", "quartier" }, { "mixte", "fixe", "quartier" },
	};
	for (size_t t = 0; t < 4; t++) {
		char *y = starter(types[t][0], types[t][1], types[t][2]);
		cz_project *p = load(y);
		free(y);
		cz_starter s;
		cz_starter_scan(p, ref, &s);
		assert_true(s.nom);
		assert_true(s.porteur);
		assert_true(s.territoire);
		assert_int_equal(s.needs, 1);
		assert_int_equal(s.offers, 1);
		assert_non_null(s.canvas);
		assert_string_equal(s.canvas->id, types[t][2]);
		/* name, carrier, territory, need, offer, canvas */
		assert_int_equal(s.found, 6);
		assert_true(s.untouched);
		cz_buf b;
		cz_buf_init(&b);
		cz_starter_describe(&s, &b);
		assert_non_null(strstr(b.data, "le nom du projet («\u00A0Ma conciergerie\u00A0»)"));
		assert_non_null(strstr(b.data, " et le canevas d'exemple «\u00A0"));
		cz_buf_free(&b);

		/* diag: the alert, no need ranked, no priority offer counted */
		cz_diag *d = NULL;
		assert_int_equal(cz_diag_run(p, ref, &d), CZ_OK);
		assert_int_equal(d->n_needs, 0);
		assert_int_equal(d->n_starter_needs, 1);
		assert_int_equal(d->n_priority_offers, 0);
		assert_int_equal(d->n_unmatched_offers, 0);
		bool alert = false;
		for (size_t i = 0; i < d->n_alerts; i++)
			alert |= strcmp(d->alerts[i].rule->id, "diag.fichier-de-depart") == 0 &&
				 strstr(d->alerts[i].detail, "Le fichier est encore le fichier de départ") != NULL;
		assert_true(alert);
		cz_buf_init(&b);
		assert_int_equal(render_text(&cz_analysis_diag, CZ_FMT_MD, d, NULL, &b), CZ_OK);
		assert_non_null(strstr(b.data, "> **Fichier de départ non rempli.**"));
		assert_non_null(strstr(b.data, "| Territoire | non renseigné (le nom et les effectifs sont encore ceux du fichier de départ)"));
		assert_null(strstr(b.data, "0 habitant"));
		cz_buf_free(&b);
		cz_diag_free(d);
		cz_project_free(p);
	}
}

/* Replace the first `from` by `to` in place (room for it is the caller's). */
static void replace(char *text, const char *from, const char *to)
{
	char *at = strstr(text, from);
	assert_non_null(at);
	size_t lf = strlen(from), lt = strlen(to);
	memmove(at + lt, at + lf, strlen(at + lf) + 1);
	memcpy(at, to, lt);
}

/* A project that replaced some of the examples keeps the others flagged,
 * and is not "untouched". */
static void test_partly_filled(void **state)
{
	(void)state;
	char *y = starter("quartier", "fixe", "quartier");
	size_t n = strlen(y);
	char *text = malloc(n + 256);
	assert_non_null(text);
	memcpy(text, y, n + 1);
	free(y);
	replace(text, "\"Ma conciergerie\"", "\"La Navette\"");
	replace(text, "activite: []", "activite: [{ periode: 2026-01, demandes: 3 }]");
	cz_project *p = load(text);
	free(text);
	cz_starter s;
	cz_starter_scan(p, ref, &s);
	assert_false(s.nom);
	assert_false(s.untouched);
	assert_int_equal(s.needs, 1);
	assert_int_equal(s.offers, 1);
	/* test-phase: the example service is no priority pair, no network */
	cz_testphase *r;
	assert_int_equal(cz_testphase_run(p, ref, &r), CZ_OK);
	for (size_t i = 0; i < r->n_items; i++) {
		if (r->items[i].mesure == CZ_MES_COUPLES_PRIORITAIRES)
			assert_true(r->items[i].value.set && r->items[i].value.value == 0);
		if (r->items[i].mesure == CZ_MES_RESEAU_PRESTATAIRES)
			assert_int_equal(r->items[i].status, CZ_TP_NON_RENSEIGNE);
	}
	cz_testphase_free(r);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_starter_recognised),
		cmocka_unit_test(test_partly_filled),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
