/* The diagnostic: progress per phase, the supported phase and its
 * threshold read from the referential, blocking steps, needs ranking, each
 * alert rule, and the order of the next actions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "loader.h"

static cz_diag *run_with(const cz_referential *r, const cz_project *p)
{
	cz_diag *d = NULL;
	assert_int_equal(cz_diag_run(p, r, &d), CZ_OK);
	assert_non_null(d);
	return d;
}

static cz_diag *run(const cz_project *p)
{
	return run_with(ref, p);
}

static const cz_diag_alert *alert(const cz_diag *d, const char *id)
{
	for (size_t i = 0; i < d->n_alerts; i++)
		if (strcmp(d->alerts[i].rule->id, id) == 0)
			return &d->alerts[i];
	return NULL;
}

#define HEAD(phase) \
	"version: 1\nprojet: { nom: \"P\", type: quartier, phase: " phase " }\n"

static const char emergence_done[] =
	"  emergence.connaissance-territoire: fait\n"
	"  emergence.besoins: fait\n"
	"  emergence.partenaires: fait\n"
	"  emergence.collectivites: fait\n"
	"  emergence.projet-strategie: fait\n"
	"  emergence.produits-cibles: fait\n"
	"  emergence.acteurs-strategiques: fait\n";

/* Half of the test phase: 4 fait + 1 en_cours out of 9 (one absent). */
static const char test_half[] =
	"  test.lieux-tests: fait\n"
	"  test.financement: fait\n"
	"  test.modele-economique: en_cours\n"
	"  test.schema-logistique: a_faire\n"
	"  test.reajustement-cibles: a_faire\n"
	"  test.premieres-prestations: fait\n"
	"  test.suivi-evaluation: a_faire\n"
	"  test.convaincre: fait\n";

/* The launch done but for its structuring steps: 7 fait of 9 = 78 %, above
 * the 75 % threshold (the two left are what diag.lancement-sans-structuration
 * points to). */
static const char launch_unstructured[] =
	"  lancement.communication: fait\n  lancement.financeurs: fait\n  lancement.logistique: fait\n"
	"  lancement.evenements: fait\n  lancement.lien-social: fait\n  lancement.administratif: fait\n"
	"  lancement.nouveaux-partenaires: fait\n";

static char *cat(const char *a, const char *b, const char *c, const char *e)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(e) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s%s%s", a, b, c, e);
	return s;
}

static void test_progress_counts(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("emergence")
			     "etapes:\n"
			     "  emergence.connaissance-territoire: fait\n"
			     "  emergence.besoins: fait\n"
			     "  emergence.partenaires: fait\n"
			     "  emergence.collectivites: en_cours\n"
			     "  emergence.projet-strategie: en_cours\n"
			     "  emergence.produits-cibles: sans_objet\n");
	cz_diag *d = run(p);
	const cz_diag_phase *e = &d->phases[CZ_PHASE_EMERGENCE];
	assert_int_equal(e->n_steps, 7);
	assert_int_equal(e->done, 3);
	assert_int_equal(e->in_progress, 2);
	assert_int_equal(e->not_applicable, 1);
	assert_int_equal(e->todo, 1); /* the absent step counts as à faire */
	assert_int_equal(e->unrecorded, 1);
	assert_int_equal(e->applicable, 6);
	assert_true(e->has_ratio);
	assert_float_equal(e->ratio, 4.0 / 6.0, 1e-12);
	/* untouched phases: nothing done, every step unrecorded */
	assert_float_equal(d->phases[CZ_PHASE_FONCTIONNEMENT].ratio, 0.0, 1e-12);
	assert_int_equal(d->phases[CZ_PHASE_FONCTIONNEMENT].unrecorded, 9);
	/* declared emergence: remaining = 3 steps, nothing left behind */
	assert_int_equal(d->n_remaining, 3);
	assert_int_equal(d->n_left_behind, 0);
	assert_false(d->ahead);
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_progress_all_sans_objet(void **state)
{
	(void)state;
	char *y = cat(HEAD("test"), "etapes:\n",
		      "  emergence.connaissance-territoire: sans_objet\n  emergence.besoins: sans_objet\n"
		      "  emergence.partenaires: sans_objet\n  emergence.collectivites: sans_objet\n"
		      "  emergence.projet-strategie: sans_objet\n  emergence.produits-cibles: sans_objet\n",
		      "  emergence.acteurs-strategiques: sans_objet\n");
	cz_project *p = load(y);
	cz_diag *d = run(p);
	assert_false(d->phases[CZ_PHASE_EMERGENCE].has_ratio);
	assert_true(d->phases[CZ_PHASE_EMERGENCE].reached);
	assert_int_equal(d->supported, CZ_PHASE_TEST);
	assert_false(d->ahead);
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

static void test_supported_phase_ahead(void **state)
{
	(void)state;
	/* fonctionnement declared with the test at half: a jump over the test
	 * (the launch reached 78 %), critique */
	char *y0 = cat(HEAD("fonctionnement"), "etapes:\n", emergence_done, test_half);
	char *y = cat(y0, launch_unstructured, "", "");
	free(y0);
	cz_project *p = load(y);
	cz_diag *d = run(p);
	assert_float_equal(d->threshold, 0.75, 1e-12);
	assert_float_equal(d->phases[CZ_PHASE_TEST].ratio, 4.5 / 9.0, 1e-12);
	assert_false(d->phases[CZ_PHASE_TEST].reached);
	assert_int_equal(d->supported, CZ_PHASE_TEST);
	assert_true(d->ahead);
	/* blocking: every unfinished test step, in referential order */
	static const char *const want[] = { "test.modele-economique", "test.schema-logistique",
					    "test.reajustement-cibles", "test.suivi-evaluation",
					    "test.ambassadeurs" };
	assert_int_equal(d->n_blocking, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(d->blocking[i]->step->id, want[i]);
	assert_false(d->blocking[4]->recorded);
	const cz_diag_alert *a = alert(d, "diag.phase-en-avance");
	assert_non_null(a);
	assert_int_equal(a->rule->severite, CZ_SEV_CRITIQUE);
	assert_int_equal(a->n_steps, 5);
	assert_string_equal(a->steps[0], "test.modele-economique");
	assert_non_null(strstr(a->detail, "50\u00A0%"));
	assert_false(d->overlap);
	assert_null(alert(d, "diag.chevauchement-test-lancement"));
	assert_true(cz_diag_has_critical(d));
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

/* Lancement declared while the test is at half: test and launch overlap
 * (seed 000), an attention naming the test steps, not a critique. */
static void test_overlap_test_launch(void **state)
{
	(void)state;
	char *y = cat(HEAD("lancement"), "etapes:\n", emergence_done, test_half);
	char *y2 = cat(y, "  lancement.gouvernance: en_cours\n  lancement.recrutement: en_cours\n", "", "");
	cz_project *p = load(y2);
	cz_diag *d = run(p);
	/* test: (4 fait + 1/2) / 9 = 50 % < 75 %: supported test, one phase behind */
	assert_true(d->ahead);
	assert_true(d->overlap);
	assert_int_equal(d->supported, CZ_PHASE_TEST);
	assert_null(alert(d, "diag.phase-en-avance"));
	const cz_diag_alert *a = alert(d, "diag.chevauchement-test-lancement");
	assert_non_null(a);
	assert_int_equal(a->rule->severite, CZ_SEV_ATTENTION);
	assert_int_equal(a->n_steps, 5);
	assert_string_equal(a->steps[0], "test.modele-economique");
	assert_non_null(strstr(a->detail, "avance à 50\u00A0% (seuil 75\u00A0%)"));
	assert_false(cz_diag_has_critical(d));
	cz_diag_free(d);
	cz_project_free(p);
	free(y2);
	/* without émergence done, lancement is two phases ahead: critique again */
	free(y);
	y = cat(HEAD("lancement"), "etapes:\n", test_half, "");
	p = load(y);
	d = run(p);
	assert_int_equal(d->supported, CZ_PHASE_EMERGENCE);
	assert_false(d->overlap);
	assert_non_null(alert(d, "diag.phase-en-avance"));
	assert_true(cz_diag_has_critical(d));
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

static void test_supported_phase_exact_threshold(void **state)
{
	(void)state;
	/* 6 fait + 1 en_cours + 2 a_faire: (6 + 0.5) / 9 = 72 % < 75 %;
	 * then one more en_cours: 7 / 9 = 78 % >= 75 %. */
	static const char t72[] =
		"  test.lieux-tests: fait\n  test.financement: fait\n  test.modele-economique: fait\n"
		"  test.schema-logistique: fait\n  test.reajustement-cibles: fait\n"
		"  test.premieres-prestations: fait\n  test.suivi-evaluation: en_cours\n";
	char *y = cat(HEAD("lancement"), "etapes:\n", emergence_done, t72);
	cz_project *p = load(y);
	cz_diag *d = run(p);
	assert_true(d->ahead);
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
	char *t78 = cat(t72, "  test.convaincre: en_cours\n", "", "");
	y = cat(HEAD("lancement"), "etapes:\n", emergence_done, t78);
	p = load(y);
	d = run(p);
	assert_false(d->ahead);
	assert_int_equal(d->supported, CZ_PHASE_LANCEMENT);
	assert_null(alert(d, "diag.phase-en-avance"));
	/* the unfinished test steps are left behind, not blocking */
	assert_int_equal(d->n_blocking, 0);
	assert_int_equal(d->n_left_behind, 3);
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
	free(t78);
}

/* A copy of the built-in referential with `from` replaced by `to`. */
static cz_referential *amended(const char *from, const char *to)
{
	const char *src = cz_builtin_referentiel;
	const char *at = strstr(src, from);
	assert_non_null(at);
	size_t n = cz_builtin_referentiel_len - strlen(from) + strlen(to);
	char *text = malloc(n + 1);
	assert_non_null(text);
	size_t head = (size_t)(at - src);
	memcpy(text, src, head);
	memcpy(text + head, to, strlen(to));
	memcpy(text + head + strlen(to), at + strlen(from), cz_builtin_referentiel_len - head - strlen(from));
	text[n] = '\0';
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *r = NULL;
	cz_status st = cz_referential_load(text, n, &r, &pb);
	for (size_t i = 0; i < pb.count; i++)
		fprintf(stderr, "ref:%u:%u: %s\n", pb.items[i].line, pb.items[i].column, pb.items[i].message);
	cz_problems_free(&pb);
	free(text);
	assert_int_equal(st, CZ_OK);
	return r;
}

static void test_threshold_from_referential(void **state)
{
	(void)state;
	cz_referential *r = amended("    seuil: 0.75\n", "    seuil: 0.5\n");
	char *y = cat(HEAD("lancement"), "etapes:\n", emergence_done, test_half);
	cz_project *p = load_with(r, y);
	cz_diag *d = run_with(r, p);
	assert_float_equal(d->threshold, 0.5, 1e-12);
	assert_false(d->ahead);
	assert_int_equal(d->supported, CZ_PHASE_LANCEMENT);
	cz_diag_free(d);
	cz_project_free(p);
	cz_referential_free(r);

	/* Without the rule, a phase must be complete to support the next one. */
	r = amended("  - id: \"diag.phase-en-avance\"", "  - id: \"diag.autre-regle\"");
	p = load_with(r, y);
	d = run_with(r, p);
	assert_float_equal(d->threshold, 1.0, 1e-12);
	assert_true(d->ahead);
	assert_null(alert(d, "diag.phase-en-avance")); /* unknown to the code: silent */
	cz_diag_free(d);
	cz_project_free(p);
	cz_referential_free(r);
	free(y);
}

static void test_severity_from_referential(void **state)
{
	(void)state;
	cz_referential *r = amended("    severite: \"critique\"\n    phases: [\"test\", \"lancement\", \"fonctionnement\"]\n    seuil: 0.75",
				    "    severite: \"info\"\n    phases: [\"test\", \"lancement\", \"fonctionnement\"]\n    seuil: 0.75");
	char *y = cat(HEAD("fonctionnement"), "etapes:\n", emergence_done, test_half);
	char *y2 = cat(y, launch_unstructured, "  lancement.gouvernance: fait\n  lancement.recrutement: en_cours\n", "");
	cz_project *p = load_with(r, y2);
	free(y2);
	cz_diag *d = run_with(r, p);
	assert_true(d->ahead);
	assert_int_equal(alert(d, "diag.phase-en-avance")->rule->severite, CZ_SEV_INFO);
	assert_false(cz_diag_has_critical(d));
	/* no critical alert: the blocking steps come first, as such */
	assert_int_equal(d->actions[0].kind, CZ_DIAG_ACT_BLOCKING);
	assert_string_equal(d->actions[0].id, "test.modele-economique");
	assert_null(d->actions[0].alert);
	cz_diag_free(d);
	cz_project_free(p);
	cz_referential_free(r);
	free(y);
}

static void test_next_phase_info(void **state)
{
	(void)state;
	char *y = cat(HEAD("emergence"), "etapes:\n", emergence_done, "");
	cz_project *p = load(y);
	cz_diag *d = run(p);
	assert_int_equal(d->supported, CZ_PHASE_TEST);
	assert_non_null(alert(d, "diag.phase-suivante"));
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

static const char network_ok[] =
	"acteurs:\n"
	"  - { nom: \"Ville\", type: collectivite, roles: [partenaire] }\n"
	"  - { nom: \"Ana\", type: habitant, roles: [ambassadeur] }\n";

static void test_alerts_test_phase(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("test")
			     "acteurs:\n"
			     "  - { nom: \"Atelier\", type: prestataire, roles: [prestataire], charte: true }\n"
			     "  - { nom: \"Ferme\", type: producteur, roles: [fournisseur] }\n"
			     "  - { nom: \"Pressing\", type: commerce, roles: [prestataire], charte: false }\n"
			     "offre:\n"
			     "  - { service: \"A\", cible: habitants, prioritaire: true, prestataire: \"Atelier\" }\n"
			     "  - { service: \"B\", cible: habitants, prioritaire: true, prestataire: \"Ferme\" }\n"
			     "  - { service: \"C\", cible: salaries, prioritaire: true }\n"
			     "  - { service: \"D\", cible: entreprises, prioritaire: true }\n");
	cz_diag *d = run(p);
	const cz_diag_alert *a;
	assert_non_null(a = alert(d, "diag.eparpillement"));
	assert_non_null(strstr(a->detail, "4 offres"));
	assert_int_equal(a->n_steps, 1);
	assert_string_equal(a->steps[0], "test.reajustement-cibles");
	assert_non_null(alert(d, "diag.test-sans-financement"));
	assert_non_null(a = alert(d, "diag.reseau-sans-relais"));
	assert_non_null(strstr(a->detail, "ambassadeur"));
	assert_non_null(strstr(a->detail, "partenaire"));
	/* named as an offer's provider, or with the role, and no signed charter */
	assert_non_null(a = alert(d, "diag.prestataires-sans-charte"));
	assert_non_null(strstr(a->detail, "Ferme"));
	assert_non_null(strstr(a->detail, "Pressing"));
	assert_null(strstr(a->detail, "Atelier"));
	assert_non_null(alert(d, "diag.activite-absente"));
	assert_non_null(alert(d, "diag.besoins-absents"));
	assert_non_null(alert(d, "diag.competences-non-evaluees"));
	/* rules of other phases stay silent */
	assert_null(alert(d, "diag.lancement-sans-structuration"));
	assert_null(alert(d, "diag.fonctionnement-sans-evaluation"));
	/* most severe first */
	for (size_t i = 1; i < d->n_alerts; i++)
		assert_true(d->alerts[i - 1].rule->severite >= d->alerts[i].rule->severite);
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_alerts_quiet_test_phase(void **state)
{
	(void)state;
	char *y = cat(HEAD("test"), "etapes:\n", emergence_done, network_ok);
	char *y2 = cat(y,
		      "besoins:\n  - { besoin: \"A\", cible: habitants, demandes: 3 }\n"
		      "offre:\n  - { service: \"A\", cible: habitants, prioritaire: true }\n"
		      "  - { service: \"B\", cible: habitants, prioritaire: true }\n"
		      "  - { service: \"C\", cible: habitants, prioritaire: true }\n"
		      "activite:\n  - { periode: 2026-01, demandes: 3 }\n",
		      "financements:\n  - { source: \"Ville\", montant: 100 }\n", "");
	cz_project *p = load(y2);
	free(y2);
	cz_diag *d = run(p);
	assert_null(alert(d, "diag.eparpillement")); /* 3 is the limit, not beyond it */
	assert_null(alert(d, "diag.test-sans-financement"));
	assert_null(alert(d, "diag.reseau-sans-relais"));
	assert_null(alert(d, "diag.prestataires-sans-charte"));
	assert_null(alert(d, "diag.activite-absente"));
	assert_null(alert(d, "diag.besoins-absents"));
	assert_false(cz_diag_has_critical(d));
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

/* One competence left unassessed: the sentence is in the singular. */
static void test_alert_unassessed_singular(void **state)
{
	(void)state;
	const cz_ref_phase *ph = &ref->phases[CZ_PHASE_TEST];
	char y[8192];
	size_t used = (size_t)snprintf(y, sizeof(y), "%scompetences:\n", HEAD("test"));
	/* every test competence but the first */
	for (size_t i = 1; i < ph->n_competences; i++)
		used += (size_t)snprintf(y + used, sizeof(y) - used, "  %s: acquis\n", ph->competences[i].id);
	cz_project *p = load(y);
	cz_diag *d = run(p);
	const cz_diag_alert *a = alert(d, "diag.competences-non-evaluees");
	assert_non_null(a);
	char want[128];
	snprintf(want, sizeof(want), "1 compétence sur %zu de la phase «\u00A0Test\u00A0» n'est pas évaluée.", ph->n_competences);
	assert_string_equal(a->detail, want);
	cz_diag_free(d);
	cz_project_free(p);
}

static const cz_diag_definition *def_item(const cz_diag *d, const char *id)
{
	for (size_t i = 0; i < d->n_definition; i++)
		if (strcmp(d->definition[i].id, id) == 0)
			return &d->definition[i];
	fail_msg("no definition item %s", id);
	return NULL;
}

/* A single service delivered in-house: the project relays no local provider
 * (first characteristic) and offers one service (the definition's
 * "multitude"); it is told which, and diag.definition fires. */
static void test_definition(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("test")
			     "acteurs:\n  - { nom: \"Ville\", type: collectivite, roles: [partenaire, financeur] }\n"
			     "offre:\n  - { service: \"Repassage\", prioritaire: true }\n"
			     "activite:\n  - { periode: 2026-01, recettes: 200, heures_salariees: 35 }\n"
			     "financements:\n  - { source: \"Ville\", pilier: soutien_public, montant: 500 }\n"
			     "  - { source: \"Banque\", pilier: soutien_prive, nature: pret, montant: 9000 }\n");
	cz_diag *d = run(p);
	/* 2 characteristics, 7 principles, the summary */
	assert_int_equal(d->n_definition, 10);
	const cz_diag_definition *x = def_item(d, "definition.relais");
	assert_int_equal(x->state, CZ_DEF_MISSED);
	assert_string_equal(x->detail, "la seule offre ne passe pas par un prestataire\u00A0: la conciergerie ne relaie encore "
				       "aucun service ni produit local");
	assert_int_equal(def_item(d, "definition.apport-direct")->state, CZ_DEF_MET);
	assert_int_equal(def_item(d, "definition.maillage")->state, CZ_DEF_MET);
	assert_int_equal(def_item(d, "definition.emploi")->state, CZ_DEF_MET);
	/* revenue from one service is no multiactivity; the loan is no pillar:
	 * soutien public alone, 1 of the 2 required */
	x = def_item(d, "definition.modele-hybride");
	assert_int_equal(x->state, CZ_DEF_MISSED);
	assert_non_null(strstr(x->detail, "1 pilier de viabilité sur 4 (soutien public), pour 2 au moins"));
	x = def_item(d, "definition");
	assert_int_equal(x->state, CZ_DEF_MISSED);
	assert_non_null(strstr(x->detail, "1 service à l'offre"));
	assert_int_equal(def_item(d, "definition.proximite")->state, CZ_DEF_UNKNOWN);
	assert_int_equal(d->definition_missed, 3);
	const cz_diag_alert *a = alert(d, "diag.definition");
	assert_non_null(a);
	assert_non_null(strstr(a->detail, "«\u00A0Elle relaie des services et des produits proposés par d'autres\u00A0»\u00A0: la seule"));
	cz_diag_free(d);
	cz_project_free(p);
}

/* Seed 001's users' mobilisation: no volunteer hours, no inhabitant nor
 * ambassador, no citizen resource in a test phase -> info; any of them
 * silences it. */
static void test_users_mobilisation(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("test") "activite:\n  - { periode: 2026-01, heures_benevoles: 0 }\n");
	cz_diag *d = run(p);
	const cz_diag_alert *a = alert(d, "diag.usagers-non-mobilises");
	assert_non_null(a);
	assert_int_equal(a->rule->severite, CZ_SEV_INFO);
	assert_non_null(strstr(a->rule->raison, "«\u00A0ne rien faire seul\u00A0»"));
	cz_diag_free(d);
	cz_project_free(p);
	p = load(HEAD("test") "activite:\n  - { periode: 2026-01, heures_benevoles: 12 }\n");
	d = run(p);
	assert_null(alert(d, "diag.usagers-non-mobilises"));
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_alert_launch_structure(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("lancement")
			     "etapes:\n  lancement.gouvernance: en_cours\n  lancement.recrutement: a_faire\n");
	cz_diag *d = run(p);
	const cz_diag_alert *a = alert(d, "diag.lancement-sans-structuration");
	assert_non_null(a);
	assert_int_equal(a->rule->severite, CZ_SEV_CRITIQUE);
	assert_int_equal(a->n_steps, 1);
	assert_string_equal(a->steps[0], "lancement.recrutement");
	assert_true(cz_diag_has_critical(d));
	cz_diag_free(d);
	cz_project_free(p);

	p = load(HEAD("lancement")
		 "etapes:\n  lancement.gouvernance: en_cours\n  lancement.recrutement: fait\n");
	d = run(p);
	assert_null(alert(d, "diag.lancement-sans-structuration"));
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_alert_impact(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("fonctionnement") "etapes:\n  fonctionnement.evaluation-impacts: a_faire\n");
	cz_diag *d = run(p);
	const cz_diag_alert *a = alert(d, "diag.fonctionnement-sans-evaluation");
	assert_non_null(a);
	assert_string_equal(a->steps[0], "fonctionnement.evaluation-impacts");
	cz_diag_free(d);
	cz_project_free(p);
	p = load(HEAD("fonctionnement") "etapes:\n  fonctionnement.evaluation-impacts: en_cours\n");
	d = run(p);
	assert_null(alert(d, "diag.fonctionnement-sans-evaluation"));
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_needs_ranking(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("test")
			     "besoins:\n"
			     "  - { besoin: \"Zèbre\", cible: habitants, demandes: 10 }\n"
			     "  - { besoin: \"Sans chiffre\", cible: salaries }\n"
			     "  - { besoin: \"Alpha\", cible: salaries, demandes: 10 }\n"
			     "  - { besoin: \"Gros\", cible: bailleurs, demandes: 40 }\n"
			     "  - { besoin: \"Flou\", demandes: 5 }\n"
			     "offre:\n"
			     "  - { service: \"S1\", cible: salaries, prioritaire: false }\n"
			     "  - { service: \"Alpha\", cible: salaries, prioritaire: false }\n"
			     "  - { service: \"Zèbres\", cible: habitants, prioritaire: true }\n"
			     "  - { service: \"Orpheline\", cible: collectivites, prioritaire: true }\n");
	cz_diag *d = run(p);
	assert_int_equal(d->n_needs, 5);
	assert_string_equal(d->needs[0].need->besoin, "Gros");
	assert_string_equal(d->needs[1].need->besoin, "Alpha"); /* tie on 10: by name */
	assert_string_equal(d->needs[2].need->besoin, "Zèbre");
	assert_string_equal(d->needs[3].need->besoin, "Flou");
	assert_string_equal(d->needs[4].need->besoin, "Sans chiffre"); /* no figure: last */
	assert_int_equal(d->needs[0].answer, CZ_DIAG_ANSWER_NONE);
	/* by name, not by cible: S1 shares the cible but not the name */
	assert_int_equal(d->needs[1].answer, CZ_DIAG_ANSWER_OTHER);
	assert_string_equal(d->needs[1].offer->service, "Alpha");
	assert_int_equal(d->needs[1].n_offers, 1);
	/* plural and accents ignored */
	assert_int_equal(d->needs[2].answer, CZ_DIAG_ANSWER_PRIORITY);
	assert_string_equal(d->needs[2].offer->service, "Zèbres");
	assert_int_equal(d->needs[3].answer, CZ_DIAG_ANSWER_UNKNOWN);
	/* only offers of the same cible: a weaker answer, never « oui » */
	assert_int_equal(d->needs[4].answer, CZ_DIAG_ANSWER_SAME_CIBLE);
	assert_null(d->needs[4].offer);
	assert_int_equal(d->needs[4].n_same_cible, 2);
	assert_string_equal(d->needs[4].same_cible[0]->service, "S1");
	/* S1 answers no need by name, whatever its cible */
	assert_int_equal(d->n_unmatched_offers, 2);
	assert_string_equal(d->unmatched_offers[0]->service, "S1");
	assert_string_equal(d->unmatched_offers[1]->service, "Orpheline");
	assert_int_equal(d->n_priority_offers, 2);
	assert_true(d->has_priority_limit);
	assert_float_equal(d->priority_limit, 3, 1e-12);
	cz_diag_free(d);
	cz_project_free(p);
}

/* The review's case: a need for pet sitting is not answered by ironing. */
static void test_needs_by_name(void **state)
{
	(void)state;
	assert_false(cz_diag_names_match("Repassage", "Garde d'animaux pendant les vacances"));
	/* one contains the other, word by word */
	assert_true(cz_diag_names_match("Pressing", "Dépôt-retrait de colis et pressing pour les habitants"));
	assert_true(cz_diag_names_match("Café", "Café et lieu de rencontre"));
	assert_true(cz_diag_names_match("DÉPÔT PRESSING", "dépôt pressing"));
	/* a shared significant word (5 letters or more) */
	assert_true(cz_diag_names_match("Livraison de courses", "Livraisons à domicile"));
	assert_true(cz_diag_names_match("Point numérique", "Aide aux démarches numériques"));
	/* short or common words are not enough; inside a word is not a word */
	assert_false(cz_diag_names_match("Aide au jardin", "Aide aux démarches"));
	assert_false(cz_diag_names_match("Accueil pendant les travaux", "Garde pendant les vacances"));
	assert_false(cz_diag_names_match("Poste", "Composteur partagé"));
	assert_false(cz_diag_names_match(NULL, "Repassage"));

	cz_project *p = load(HEAD("test")
			     "besoins:\n"
			     "  - { besoin: \"Garde d'animaux pendant les vacances\", cible: habitants, demandes: 9 }\n"
			     "  - { besoin: \"Portage de repas\", cible: personnes_agees, demandes: 4 }\n"
			     "offre:\n"
			     "  - { service: \"Repassage\", cible: habitants, prioritaire: true }\n"
			     "  - { service: \"Dépôt pressing\", cible: habitants, prioritaire: false }\n"
			     "  - { service: \"Portage de repas\", cible: collectivites, prioritaire: true }\n");
	cz_diag *d = run(p);
	assert_int_equal(d->needs[0].answer, CZ_DIAG_ANSWER_SAME_CIBLE);
	assert_int_equal(d->needs[0].n_same_cible, 2);
	assert_string_equal(d->needs[0].same_cible[0]->service, "Repassage"); /* priority first */
	/* the name answers even when the offer is aimed at whoever pays for it */
	assert_int_equal(d->needs[1].answer, CZ_DIAG_ANSWER_PRIORITY);
	assert_string_equal(d->needs[1].offer->service, "Portage de repas");
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_diag, CZ_FMT_MD, d, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "| pas d'offre de ce nom\u202F; même cible\u00A0: «\u00A0Repassage\u00A0», «\u00A0Dépôt pressing\u00A0» |"));
	assert_non_null(strstr(b.data, "**oui**\u00A0: «\u00A0Portage de repas\u00A0» (cible de l'offre\u00A0: collectivités)"));
	assert_null(strstr(b.data, "**oui**\u00A0: «\u00A0Repassage\u00A0»"));
	b.len = 0;
	assert_int_equal(render_text(&cz_analysis_diag, CZ_FMT_JSON, d, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"reponse\": \"meme_cible\""));
	cz_buf_free(&b);
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_coverage_and_carriers(void **state)
{
	(void)state;
	cz_project *p = load(HEAD("emergence")
			     "competences:\n"
			     "  emergence.diagnostic: acquis\n"
			     "  emergence.reperage-acteurs: { niveau: acquis, porte_par: \"Zoé\" }\n"
			     "  emergence.prise-contact: { niveau: acquis, porte_par: \"Centre social\" }\n"
			     "  emergence.offre-articulee: { niveau: acquis, porte_par: \"Zoé\" }\n"
			     "  emergence.animation-collectif: en_cours\n"
			     "  emergence.lien-hierarchie: a_acquerir\n"
			     "acteurs:\n"
			     "  - { nom: \"Zoé\", type: habitant, roles: [ambassadeur] }\n"
			     "  - { nom: \"Centre social\", type: association, roles: [partenaire] }\n");
	cz_diag *d = run(p);
	const cz_cov_tally *t = &d->coverage.total;
	assert_int_equal(t->total, 10);
	assert_int_equal(t->counts[CZ_COV_CARRIER], 1);
	assert_int_equal(t->counts[CZ_COV_NETWORK], 3);
	assert_int_equal(t->counts[CZ_COV_IN_PROGRESS], 1);
	assert_int_equal(t->counts[CZ_COV_GAP], 1);
	assert_int_equal(t->counts[CZ_COV_UNASSESSED], 4);
	assert_float_equal(t->ratio, 4.5 / 10, 1e-12);
	assert_int_equal(d->n_carriers, 2);
	assert_string_equal(d->carriers[0].actor, "Centre social"); /* by name */
	assert_string_equal(d->carriers[1].actor, "Zoé");
	assert_int_equal(d->carriers[1].n_items, 2);
	cz_diag_free(d);
	cz_project_free(p);
}

static void test_actions_order(void **state)
{
	(void)state;
	/* fonctionnement: critical alerts (ahead over the test, launch not
	 * structured), blocking test steps, remaining steps, competence gaps */
	char *y0 = cat(HEAD("fonctionnement"), "etapes:\n", emergence_done, test_half);
	char *y = cat(y0, launch_unstructured, "", "");
	free(y0);
	cz_project *p = load(y);
	cz_diag *d = run(p);
	assert_int_equal(d->n_actions, CZ_DIAG_ACTIONS);
	/* one step per critical alert, in the referential's order of the rules */
	assert_int_equal(d->actions[0].kind, CZ_DIAG_ACT_ALERT);
	assert_string_equal(d->actions[0].alert->id, "diag.phase-en-avance");
	assert_string_equal(d->actions[0].id, "test.modele-economique");
	assert_int_equal(d->actions[1].kind, CZ_DIAG_ACT_ALERT);
	assert_string_equal(d->actions[1].alert->id, "diag.lancement-sans-structuration");
	assert_string_equal(d->actions[1].id, "lancement.gouvernance");
	/* then the other steps of the critical alerts */
	assert_int_equal(d->actions[2].kind, CZ_DIAG_ACT_ALERT);
	assert_string_equal(d->actions[2].id, "test.schema-logistique");
	assert_string_equal(d->actions[4].id, "test.suivi-evaluation");
	for (size_t i = 0; i < d->n_actions; i++)
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(d->actions[i].id, d->actions[k].id);
	cz_diag_free(d);
	cz_project_free(p);
	free(y);

	/* nothing blocks: remaining steps, then gaps */
	y = cat(HEAD("emergence"),
		"etapes:\n  emergence.connaissance-territoire: fait\n  emergence.besoins: fait\n"
		"  emergence.partenaires: fait\n  emergence.collectivites: fait\n"
		"  emergence.projet-strategie: fait\n  emergence.produits-cibles: en_cours\n",
		"competences:\n  emergence.diagnostic: a_acquerir\n  emergence.prise-contact: a_acquerir\n", "");
	p = load(y);
	d = run(p);
	assert_int_equal(d->n_actions, 4);
	assert_int_equal(d->actions[0].kind, CZ_DIAG_ACT_STEP);
	assert_string_equal(d->actions[0].id, "emergence.produits-cibles");
	assert_string_equal(d->actions[1].id, "emergence.acteurs-strategiques");
	assert_int_equal(d->actions[2].kind, CZ_DIAG_ACT_SKILL);
	assert_string_equal(d->actions[2].id, "emergence.diagnostic");
	assert_string_equal(d->actions[3].id, "emergence.prise-contact");
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

static void test_renderers(void **state)
{
	(void)state;
	char *y0 = cat(HEAD("fonctionnement"), "etapes:\n", emergence_done, test_half);
	char *y = cat(y0, launch_unstructured, "", "");
	free(y0);
	cz_project *p = load(y);
	cz_diag *d = run(p);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_diag, CZ_FMT_MD, d, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "Phase déclarée en avance"));
	assert_non_null(strstr(b.data, "`test.schema-logistique` Construire et expérimenter un schéma logistique"));
	assert_non_null(strstr(b.data, "| Test | █████░░░░░ | 50\u00A0% |"));
	cz_buf_free(&b);
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_diag, CZ_FMT_JSON, d, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"phase_etayee\": \"test\""));
	assert_non_null(strstr(b.data, "\"avancement\": 0.5,"));
	cz_buf_free(&b);
	cz_diag_free(d);
	cz_project_free(p);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_counts),
		cmocka_unit_test(test_progress_all_sans_objet),
		cmocka_unit_test(test_supported_phase_ahead),
		cmocka_unit_test(test_overlap_test_launch),
		cmocka_unit_test(test_supported_phase_exact_threshold),
		cmocka_unit_test(test_threshold_from_referential),
		cmocka_unit_test(test_severity_from_referential),
		cmocka_unit_test(test_next_phase_info),
		cmocka_unit_test(test_alerts_test_phase),
		cmocka_unit_test(test_alerts_quiet_test_phase),
		cmocka_unit_test(test_alert_unassessed_singular),
		cmocka_unit_test(test_definition),
		cmocka_unit_test(test_users_mobilisation),
		cmocka_unit_test(test_alert_launch_structure),
		cmocka_unit_test(test_alert_impact),
		cmocka_unit_test(test_needs_ranking),
		cmocka_unit_test(test_needs_by_name),
		cmocka_unit_test(test_coverage_and_carriers),
		cmocka_unit_test(test_actions_order),
		cmocka_unit_test(test_renderers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
