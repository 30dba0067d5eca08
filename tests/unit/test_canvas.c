/* The canvas analysis: loose matching, layout (costs grouped by type),
 * pillar counting and each check, on projects and on the example canvases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <string.h>

#include "canvas.h"
#include "fold.h"
#include "loader.h"
#include "yaml_emit.h"

#define HEAD "version: 1\nprojet: { nom: \"Essai\", type: quartier, phase: test }\n"

/* A complete, hybrid canvas: no check fires. */
#define FULL_BMC                                                                       \
	"bmc:\n"                                                                       \
	"  partenaires: [\"Ville de Val-d'Orbe\", \"Pressing du Marché (dépôt)\"]\n"   \
	"  activites: [\"Pôle de services\"]\n"                                        \
	"  ressources: [\"Local\"]\n"                                                  \
	"  proposition_valeur: [\"Du temps gagné\"]\n"                                 \
	"  distribution: [\"Local\"]\n"                                                \
	"  clients: [\"Entreprises du parc\", \"Habitants\"]\n"                        \
	"  beneficiaires: [\"Salariés\"]\n"                                            \
	"  couts:\n"                                                                   \
	"    - \"Communication\"\n"                                                    \
	"    - { texte: \"Casiers\", type: investissement }\n"                         \
	"    - { texte: \"Salaires\", type: fixe }\n"                                  \
	"    - { texte: \"Achats\", type: variable }\n"                                \
	"    - { texte: \"Loyer\", type: fixe }\n"                                     \
	"  revenus:\n"                                                                 \
	"    - { texte: \"Contrats avec les entreprises du parc\", pilier: activite }\n" \
	"    - { texte: \"Subvention de la Ville\", pilier: soutien_public }\n"

static cz_canvas *run(const cz_project *p)
{
	cz_canvas *c = NULL;
	assert_int_equal(cz_canvas_run(p, ref, &c), CZ_OK);
	assert_non_null(c);
	return c;
}

static size_t count_kind(const cz_canvas *c, cz_canvas_check_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_checks; i++)
		n += c->checks[i].kind == k;
	return n;
}

static const cz_canvas_check *find_kind(const cz_canvas *c, cz_canvas_check_kind k)
{
	for (size_t i = 0; i < c->n_checks; i++)
		if (c->checks[i].kind == k)
			return &c->checks[i];
	return NULL;
}

static void test_match(void **state)
{
	(void)state;
	assert_true(cz_fold_match("Entreprises du parc", "entreprises", true));
	assert_true(cz_fold_match("Bailleur social", "bailleurs", true));
	assert_true(cz_fold_match("Personnes âgées", "personnes âgées", true));
	assert_true(cz_fold_match("PERSONNES ÂGÉES isolées", "personnes agees", false));
	assert_true(cz_fold_match("Les collectivités", "collectivites", true));
	assert_true(cz_fold_match("Cœur de bourg", "coeur", false));
	assert_true(cz_fold_match("Val d’Orbe", "val d'orbe", false));
	assert_false(cz_fold_match("Bailleur social", "bailleurs", false));
	assert_false(cz_fold_match("Habitants", "", false));
	assert_false(cz_fold_match("", "habitants", true));
	assert_false(cz_fold_match("Commerces", "entreprises", true));
	assert_false(cz_fold_match("Masse salariale", "salarié", false));
	assert_true(cz_fold_match("Concierge salariée", "salarié", false));
}

static void test_full_canvas_has_no_check(void **state)
{
	(void)state;
	cz_project *p = load(HEAD
			     "acteurs:\n"
			     "  - { nom: \"Ville de Val-d'Orbe\", type: collectivite, roles: [financeur] }\n"
			     "  - { nom: \"Pressing du Marché\", type: commerce, roles: [prestataire] }\n"
			     "  - { nom: \"Josiane\", type: habitant, roles: [ambassadeur] }\n"
			     "offre:\n"
			     "  - { service: \"Pressing\", cible: entreprises, prioritaire: true }\n"
			     "  - { service: \"Repassage\", cible: entreprises, prioritaire: true }\n" FULL_BMC);
	cz_canvas *c = run(p);
	for (size_t i = 0; i < c->n_checks; i++)
		print_error("%s\n", c->checks[i].message);
	assert_int_equal(c->n_checks, 0);
	assert_int_equal(c->n_pillars, 2);
	assert_true(c->has_bmc);
	/* Costs grouped: fixe (as written), variable, investissement, then untyped. */
	const cz_canvas_block *co = &c->blocks[CZ_BLOC_COUTS];
	assert_true(co->typed);
	assert_int_equal(co->n, 5);
	assert_string_equal(co->items[0]->texte, "Salaires");
	assert_string_equal(co->items[1]->texte, "Loyer");
	assert_string_equal(co->items[2]->texte, "Achats");
	assert_string_equal(co->items[3]->texte, "Casiers");
	assert_string_equal(co->items[4]->texte, "Communication");
	assert_false(c->blocks[CZ_BLOC_REVENUS].typed);
	cz_canvas_free(c);
	cz_project_free(p);
}

/* One service with revenue is activity revenue, not multiactivity: the
 * pillar is not counted and a check says how many services there are. */
static void test_single_service_is_not_multiactivity(void **state)
{
	(void)state;
	cz_project *p = load(HEAD "offre:\n  - { service: \"Pressing\", prioritaire: true }\n"
				  "activite:\n  - { periode: 2026-01, recettes: { \"Pressing\": 300 } }\n"
				  "  - { periode: 2026-02, recettes: { \"Pressing\": 280, \"Repassage\": 0 } }\n"
				  "bmc:\n  revenus:\n    - { texte: \"Pressing\", pilier: activite }\n"
				  "    - { texte: \"Ville\", pilier: soutien_public }\n");
	cz_canvas *c = run(p);
	/* Repassage brought 0 €: one service with revenue, for a minimum of 2 */
	assert_true(c->multi.from_revenue);
	assert_int_equal(c->multi.n_services, 1);
	assert_false(c->multi.met);
	assert_true(c->pillar_revenue[CZ_PILIER_ACTIVITE]);
	assert_false(cz_canvas_has_pillar(c, CZ_PILIER_ACTIVITE));
	/* soutien public alone: 1 pillar of 2 required */
	assert_int_equal(c->n_pillars, 1);
	assert_int_equal(count_kind(c, CZ_CHECK_HYBRIDITE), 1);
	const cz_canvas_check *k = find_kind(c, CZ_CHECK_MULTIACTIVITE);
	assert_non_null(k);
	assert_non_null(strstr(k->message, "1 service apporte des recettes, pour au moins 2"));
	cz_canvas_free(c);
	cz_project_free(p);
}

/* A canvas left as the referential's example says so. */
static void test_example_canvas_recognised(void **state)
{
	(void)state;
	char y[16384];
	cz_buf b;
	cz_buf_init(&b);
	cz_yaml_emit_bmc(&b, &cz_ref_canvas_find(ref, "rural")->bmc);
	snprintf(y, sizeof(y), "%s%s", HEAD, b.data);
	cz_buf_free(&b);
	cz_project *p = load(y);
	cz_canvas *c = run(p);
	assert_non_null(c->example);
	assert_string_equal(c->example->id, "rural");
	assert_non_null(find_kind(c, CZ_CHECK_MODELE_EXEMPLE));
	cz_canvas_free(c);
	cz_project_free(p);
	/* one item changed: the canvas is the project's own */
	cz_project *q = load(HEAD "bmc:\n  ressources: [\"Local\"]\n");
	c = run(q);
	assert_null(c->example);
	assert_null(find_kind(c, CZ_CHECK_MODELE_EXEMPLE));
	cz_canvas_free(c);
	cz_project_free(q);
}

static void test_subsidies_only_is_not_hybrid(void **state)
{
	(void)state;
	cz_project *p = load(HEAD "bmc:\n  revenus:\n    - { texte: \"Subvention\", pilier: soutien_public }\n"
				  "financements:\n  - { source: \"Région\", pilier: soutien_public, montant: 5000 }\n");
	cz_canvas *c = run(p);
	const cz_canvas_check *k = find_kind(c, CZ_CHECK_HYBRIDITE);
	assert_non_null(k);
	assert_int_equal(k->severity, CZ_SEV_CRITIQUE);
	assert_non_null(strstr(k->message, "soutien public"));
	assert_int_equal(c->n_pillars, 1);
	/* Critique comes first. */
	assert_int_equal(c->checks[0].kind, CZ_CHECK_HYBRIDITE);
	for (size_t i = 1; i < c->n_checks; i++)
		assert_true(c->checks[i].severity <= c->checks[i - 1].severity);
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_funding_counts_as_pillar(void **state)
{
	(void)state;
	/* Two activity revenues: without records nor offers, the canvas's own
	 * activity items count the services (2, the multiactivity minimum). */
	cz_project *p = load(HEAD "bmc:\n  revenus:\n    - { texte: \"Ventes\", pilier: activite }\n"
				  "    - { texte: \"Abonnements\", pilier: activite }\n"
				  "financements:\n  - { source: \"Dons\", pilier: implication_citoyenne, montant: 500 }\n"
				  "  - { source: \"Banque\", pilier: soutien_prive, nature: pret, montant: 9000 }\n");
	cz_canvas *c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_HYBRIDITE), 0);
	/* a loan is repaid: it supports no pillar */
	assert_false(c->pillar_funding[CZ_PILIER_SOUTIEN_PRIVE]);
	assert_true(c->multi.from_canvas);
	assert_int_equal(c->multi.n_services, 2);
	assert_true(c->pillar_revenue[CZ_PILIER_ACTIVITE]);
	assert_false(c->pillar_funding[CZ_PILIER_ACTIVITE]);
	assert_true(c->pillar_funding[CZ_PILIER_IMPLICATION_CITOYENNE]);
	assert_int_equal(c->n_pillars, 2);
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_empty_blocks_and_absent_bmc(void **state)
{
	(void)state;
	cz_project *p = load(HEAD "bmc:\n  clients: [\"Habitants\"]\n  couts:\n");
	cz_canvas *c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_BLOC_VIDE), CZ_BLOC_COUNT - 1);
	assert_int_equal(count_kind(c, CZ_CHECK_SALAIRES), 0); /* empty costs: said once */
	cz_canvas_free(c);
	cz_project_free(p);

	p = load(HEAD);
	c = run(p);
	assert_false(c->has_bmc);
	assert_int_equal(count_kind(c, CZ_CHECK_BMC_ABSENT), 1);
	assert_int_equal(count_kind(c, CZ_CHECK_BLOC_VIDE), 0);
	assert_int_equal(count_kind(c, CZ_CHECK_HYBRIDITE), 1);
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_recurring(void **state)
{
	(void)state;
	/* No recurring offer to companies, revenue text without a payer. */
	cz_project *p = load(HEAD "offre:\n  - { service: \"Repassage\", cible: habitants, recurrent: true }\n"
				  "bmc:\n  revenus: [\"Abonnements des habitants\"]\n");
	cz_canvas *c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_RECURRENT), 1);
	cz_canvas_free(c);
	cz_project_free(p);
	/* A recurring offer to a landlord is enough. */
	p = load(HEAD "offre:\n  - { service: \"Affichage\", cible: bailleurs, recurrent: true }\n");
	c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_RECURRENT), 0);
	cz_canvas_free(c);
	cz_project_free(p);
	/* So is a revenue line naming a contract and a local authority. */
	p = load(HEAD "bmc:\n  revenus: [\"Convention annuelle avec la Commune\"]\n");
	c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_RECURRENT), 0);
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_targets_and_actors(void **state)
{
	(void)state;
	cz_project *p = load(HEAD
			     "acteurs:\n"
			     "  - { nom: \"Fondation Proxi\", type: financeur, roles: [financeur] }\n"
			     "  - { nom: \"Atelier Repass\", type: prestataire, roles: [prestataire] }\n"
			     "  - { nom: \"Ville\", type: collectivite, roles: [client] }\n"
			     "offre:\n"
			     "  - { service: \"Conciergerie d'entreprise\", cible: entreprises, prioritaire: true }\n"
			     "  - { service: \"Portage\", cible: personnes_agees, prioritaire: true }\n"
			     "  - { service: \"Colis\", cible: collectivites, prioritaire: false }\n"
			     "  - { service: \"Divers\", cible: autre, prioritaire: true }\n"
			     "bmc:\n"
			     "  partenaires: [\"Atelier Repass (repassage)\"]\n"
			     "  clients: [\"Personnes âgées du bourg\"]\n");
	cz_canvas *c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_CIBLE_ABSENTE), 1);
	const cz_canvas_check *k = find_kind(c, CZ_CHECK_CIBLE_ABSENTE);
	assert_non_null(strstr(k->message, "«\u00A0entreprises\u00A0»"));
	assert_int_equal(k->bloc, CZ_BLOC_CLIENTS);
	k = find_kind(c, CZ_CHECK_ACTEUR_ABSENT);
	assert_non_null(k);
	assert_int_equal(k->severity, CZ_SEV_INFO);
	assert_non_null(strstr(k->message, "Fondation Proxi"));
	assert_null(strstr(k->message, "Atelier Repass"));
	assert_null(strstr(k->message, "Ville")); /* a client only */
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_salaries_and_revenue_pillars(void **state)
{
	(void)state;
	cz_project *p = load(HEAD "bmc:\n  couts: [\"Loyer\", \"Carburant\"]\n"
				  "  revenus: [\"Ventes\", { texte: \"Dons\", pilier: soutien_prive }, \"Sponsoring\"]\n");
	cz_canvas *c = run(p);
	assert_int_equal(count_kind(c, CZ_CHECK_SALAIRES), 1);
	const cz_canvas_check *k = find_kind(c, CZ_CHECK_REVENU_SANS_PILIER);
	assert_non_null(k);
	assert_non_null(strstr(k->message, "2 sources"));
	assert_non_null(strstr(k->message, "«\u00A0Ventes\u00A0», «\u00A0Sponsoring\u00A0»"));
	assert_false(c->blocks[CZ_BLOC_COUTS].typed);
	cz_canvas_free(c);
	cz_project_free(p);
}

static void test_templates(void **state)
{
	(void)state;
	const cz_ref_canvas *t = cz_ref_canvas_find(ref, "rural");
	assert_non_null(t);
	cz_canvas *c = NULL;
	assert_int_equal(cz_canvas_run_template(t, ref, &c), CZ_OK);
	assert_string_equal(c->template_id, "rural");
	assert_null(c->file);
	assert_int_equal(c->n_pillars, CZ_PILIER_COUNT);
	assert_int_equal(count_kind(c, CZ_CHECK_BLOC_VIDE), 0);
	assert_int_equal(count_kind(c, CZ_CHECK_SALAIRES), 0);
	assert_int_equal(count_kind(c, CZ_CHECK_HYBRIDITE), 0);
	/* Costs of the seed: five fixed, one variable, one investment. */
	assert_string_equal(c->blocks[CZ_BLOC_COUTS].items[5]->texte, "Achat des produits");
	cz_canvas_free(c);

	t = cz_ref_canvas_find(ref, "quartier");
	assert_non_null(t);
	assert_int_equal(cz_canvas_run_template(t, ref, &c), CZ_OK);
	assert_int_equal(c->n_pillars, 2);
	assert_int_equal(count_kind(c, CZ_CHECK_HYBRIDITE), 0);
	assert_int_equal(count_kind(c, CZ_CHECK_CIBLE_ABSENTE), 0);
	assert_int_equal(count_kind(c, CZ_CHECK_ACTEUR_ABSENT), 0);
	cz_canvas_free(c);
}

static void test_render_escapes(void **state)
{
	(void)state;
	cz_project *p = load(HEAD "bmc:\n  clients: [\"<script>alert(1)</script> & Cie\"]\n");
	cz_canvas *c = run(p);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_bmc, CZ_FMT_MD, c, NULL, &b), CZ_OK);
	assert_null(strstr(b.data, "<script>"));
	assert_non_null(strstr(b.data, "<li>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie</li>"));
	assert_non_null(strstr(b.data, "\\<script\\>"));
	cz_buf_free(&b);
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_bmc, CZ_FMT_JSON, c, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"attribution\": \"Business Model Canvas"));
	cz_buf_free(&b);
	cz_canvas_free(c);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_full_canvas_has_no_check),
		cmocka_unit_test(test_single_service_is_not_multiactivity),
		cmocka_unit_test(test_example_canvas_recognised),
		cmocka_unit_test(test_subsidies_only_is_not_hybrid),
		cmocka_unit_test(test_funding_counts_as_pillar),
		cmocka_unit_test(test_empty_blocks_and_absent_bmc),
		cmocka_unit_test(test_recurring),
		cmocka_unit_test(test_targets_and_actors),
		cmocka_unit_test(test_salaries_and_revenue_pillars),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_render_escapes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
