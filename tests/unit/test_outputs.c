/*
 * Every analysis of a project with decimals, accents, controls and a
 * formula-like name, in every format, checked by the independent readers of
 * tests/common/output_check.c (own UTF-8 decoder and JSON grammar; libzip
 * and expat for workbooks). `make unit` runs this once more under
 * fr_FR.UTF-8: there, printf would write "0,5" and libxlsxwriter would put
 * "0,5" in the sheets' XML (and "ht=\"22,5\""), which no spreadsheet reads;
 * oc_xlsx refuses any number not written with a point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"

#include "../common/output_check.h"
#include "analysis.h"
#include "xlsx_file.h"

static const char project_yaml[] =
	"version: 1\n"
	"projet:\n"
	"  nom: \"=HYPERLINK(\\\"x\\\") Épicerie \\e[31m \\uFFFF _x0041_\"\n"
	"  type: quartier\n"
	"  phase: test\n"
	"acteurs:\n"
	"  - { nom: \"Pressing «\u00A0Bulle\u00A0»\", type: commerce, roles: [prestataire], charte: true }\n"
	"besoins:\n"
	"  - { besoin: \"Repassage\", cible: habitants, demandes: 12 }\n"
	"offre:\n"
	"  - { service: \"Repassage\", cible: habitants, prix: 12.5, unite: heure, prioritaire: true, "
	"prestataire: \"Pressing «\u00A0Bulle\u00A0»\" }\n"
	"activite:\n"
	"  - { periode: 2026-01, demandes: 10, commandes: 13, clients: 4, recettes: 120.5, charges: 250.25, "
	"heures_benevoles: 2.5 }\n"
	"  - { periode: 2026-02, demandes: 12, commandes: 6, clients: 5, recettes: 1000000000, charges: 1e-300 }\n"
	"  - { periode: 2026-04, demandes: 9, commandes: 4, recettes: 140.75, charges: 260 }\n"
	"financements:\n"
	"  - { source: \"Ville\", pilier: soutien_public, nature: subvention, montant: 1200.5, annee: 2026, "
	"acquis: true }\n"
	"test: { carnet_commandes: 1.5, charge_travail: 0.9, satisfaction: { beneficiaires: 4.5 } }\n"
	"bmc:\n"
	"  partenaires: [\"Pressing\", \"=1+1\"]\n"
	"  couts: [{ texte: \"Loyer\", type: fixe }, { texte: \"Vélo\", type: investissement }]\n"
	"  revenus: [{ texte: \"Ventes\", pilier: activite }]\n";

static void check_text(const cz_buf *b, bool json)
{
	char why[256] = "";
	assert_true(cz_buf_ok(b));
	bool ok = json ? oc_json(b->data, b->len, why, sizeof(why)) : oc_text(b->data, b->len, why, sizeof(why));
	if (!ok)
		fail_msg("%s", why);
}

typedef struct {
	const cz_analysis *a;
	const void *res;
	cz_render_ctx rc;
} fill_ctx;

static cz_status fill(void *ctx, cz_xlsx *x)
{
	fill_ctx *c = ctx;
	c->rc.x = x;
	return c->a->render[CZ_FMT_XLSX](c->res, &c->rc);
}

static void check_workbook(const cz_analysis *a, const void *res, const cz_render_ctx *rc)
{
	fill_ctx c = { a, res, *rc };
	cz_buf bytes;
	cz_buf_init(&bytes);
	cz_problems pb;
	cz_problems_init(&pb, "classeur");
	cz_text_log log = { 0, 0 };
	assert_int_equal(cz_xlsx_build(1767225600, fill, &c, &bytes, &log, &pb), CZ_OK);
	assert_int_equal(pb.count, 0);
	char why[256] = "";
	if (!oc_xlsx(bytes.data, bytes.len, why, sizeof(why)))
		fail_msg("%s\u00A0: %s", a->name, why);
	/* the control and the non-character of the name were replaced, and said */
	assert_true(log.replaced > 0);
	cz_problems_free(&pb);
	cz_buf_free(&bytes);
}

/* Every analysis of the registry, in every format it renders. */
static void test_every_output_valid(void **state)
{
	(void)state;
	cz_project *p = load(project_yaml);
	cz_options opts = { .charts = true };
	cz_render_ctx rc = { .ref = ref, .opts = &opts, .created = 1767225600 };
	size_t checked = 0;
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		const cz_analysis *a = cz_project_analyses[i];
		cz_status st = CZ_OK;
		void *res = a->run(p, ref, &opts, &st);
		assert_non_null(res);
		for (int f = 0; f < CZ_FMT_COUNT; f++) {
			if (!cz_analysis_renders(a, (cz_format)f))
				continue;
			checked++;
			if (f == CZ_FMT_XLSX) {
				check_workbook(a, res, &rc);
				continue;
			}
			cz_buf b;
			cz_buf_init(&b);
			cz_render_ctx text = rc;
			text.out = &b;
			assert_int_equal(a->render[f](res, &text), CZ_OK);
			check_text(&b, f == CZ_FMT_JSON);
			if (f == CZ_FMT_MD) {
				/* no raw ESC reached Markdown, and the replacement was counted */
				assert_null(strchr(b.data, '\x1b'));
				assert_true(b.log.replaced > 0);
			}
			if (a == &cz_analysis_indicators && f == CZ_FMT_MD) {
				/* the Mermaid values keep their point */
				assert_non_null(strstr(b.data, "120.50"));
				/* 13 orders for 10 requests: kept, and said */
				assert_non_null(strstr(b.data, "Plus de commandes que de demandes pour le mois 2026-01"));
			}
			if (a == &cz_analysis_indicators && f == CZ_FMT_JSON) {
				assert_non_null(strstr(b.data, "120.5"));
				assert_null(strstr(b.data, "120,5"));
				/* 1e9 € over charges of 1e-300 € in 2026-02: not computable,
				 * never an infinity (oc_json and oc_xlsx refuse one) */
				assert_non_null(strstr(b.data, "\"couverture\": null"));
			}
			cz_buf_free(&b);
		}
		a->free(res);
	}
	assert_true(checked >= 15);
	cz_project_free(p);
}

/* The checker itself refuses what it is there to refuse. */
static void test_checker_refuses(void **state)
{
	(void)state;
	char why[256];
	assert_false(oc_text("caf\xe9", 4, why, sizeof(why)));
	assert_false(oc_text("a\x1b", 2, why, sizeof(why)));
	assert_false(oc_text("\xef\xbf\xbf", 3, why, sizeof(why)));
	assert_false(oc_text("\xed\xa0\x80", 3, why, sizeof(why)));
	assert_false(oc_text("\xc0\xaf", 2, why, sizeof(why)));
	assert_true(oc_text("é\u00A0€ \xf0\x9f\x98\x80\t\n", strlen("é\u00A0€ \xf0\x9f\x98\x80\t\n"), why, sizeof(why)));
	assert_false(oc_json("{\"a\": 0,1}", 10, why, sizeof(why)));
	assert_false(oc_json("[NaN]", 5, why, sizeof(why)));
	assert_false(oc_json("[1] x", 5, why, sizeof(why)));
	assert_false(oc_json("[\"\\ud800\"]", 10, why, sizeof(why)));
	assert_true(oc_json("{\"a\": [0.1, -2e+20, \"\\u00e9\\ud83d\\ude00\", null]}",
			    strlen("{\"a\": [0.1, -2e+20, \"\\u00e9\\ud83d\\ude00\", null]}"), why, sizeof(why)));
	assert_false(oc_xlsx("PK", 2, why, sizeof(why)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_output_valid),
		cmocka_unit_test(test_checker_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
