/* The project loader: the typed model it builds, and every kind of problem
 * it reports, all in one pass, with positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "loader.h"

static const char valid[] =
	"version: 1\n"
	"projet:\n"
	"  nom: \"Conciergerie des Tilleuls\"\n"
	"  type: quartier\n"
	"  phase: test\n"
	"  date: 2026-09-30\n"
	"  lieu: fixe\n"
	"  porteur: { nom: \"Association\", statut: benevole }\n"
	"  territoire: { nom: \"Tilleuls\", population: 4200, entreprises: 35, salaries: 900 }\n"
	"etapes:\n"
	"  emergence.besoins: fait\n"
	"  test.schema-logistique: en_cours\n"
	"competences:\n"
	"  emergence.diagnostic: acquis\n"
	"  test.tableaux-de-bord: { niveau: en_cours, porte_par: \"CRESS\" }\n"
	"acteurs:\n"
	"  - { nom: \"CRESS\", type: accompagnement, roles: [partenaire, ambassadeur], charte: true }\n"
	"besoins:\n"
	"  - { besoin: \"Repassage\", cible: salaries, demandes: 34 }\n"
	"offre:\n"
	"  - { service: \"Repassage\", cible: salaries, prix: 4.5, unite: prestation, prioritaire: true, prestataire: \"CRESS\" }\n"
	"activite:\n"
	"  - { periode: 2026-02, recettes: { \"Repassage\": 300, \"Pressing\": 180.5 }, charges: 900 }\n"
	"  - { periode: 2026-01, demandes: 40, commandes: 32, clients: 25, clients_recurrents: 12, recettes: 1200 }\n"
	"financements:\n"
	"  - { source: \"Région\", pilier: soutien_public, nature: subvention, montant: 15000, annee: 2026, acquis: true }\n"
	"test:\n"
	"  debut: 2026-01-01\n"
	"  fin: 2026-09-30\n"
	"  charge_travail: 0.9\n"
	"  sollicitations_suivies: true\n"
	"  satisfaction: { beneficiaires: 4.2 }\n"
	"  conditions: { strategie: false }\n"
	"  seuils: { couverture_charges: 0.8 }\n"
	"bmc:\n"
	"  couts: [{ texte: \"Salaires\", type: fixe }, \"Loyer\"]\n"
	"  revenus: [{ texte: \"Abonnements\", pilier: activite }]\n"
	"  clients:\n";

static void test_valid_project_model(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	cz_project *p;
	cz_status st = cz_project_load(valid, strlen(valid), "p.yaml", ref, &p, &pb);
	for (size_t i = 0; i < pb.count; i++)
		fprintf(stderr, "%u:%u: %s\n", pb.items[i].line, pb.items[i].column, pb.items[i].message);
	assert_int_equal(st, CZ_OK);
	assert_string_equal(p->projet.nom, "Conciergerie des Tilleuls");
	assert_int_equal(p->projet.phase, CZ_PHASE_TEST);
	assert_int_equal(p->projet.date.day, 30);
	assert_int_equal(p->projet.porteur.statut, CZ_STATUT_BENEVOLE);
	assert_true(p->projet.territoire.population.set);
	assert_true(p->projet.territoire.population.value == 4200);
	assert_int_equal(p->n_etapes, 2);
	assert_int_equal(cz_project_step(p, "test.schema-logistique")->status, CZ_STEP_EN_COURS);
	assert_string_equal(cz_project_skill(p, "test.tableaux-de-bord")->porte_par, "CRESS");
	assert_null(cz_project_skill(p, "emergence.diagnostic")->porte_par);
	const cz_actor *a = cz_project_actor(p, "CRESS");
	assert_non_null(a);
	assert_true(a->roles & (1u << CZ_ROLE_AMBASSADEUR));
	assert_false(a->roles & (1u << CZ_ROLE_CLIENT));
	assert_true(a->charte && a->charte_set);
	assert_true(p->offre[0].prix.value == 4.5);
	assert_string_equal(p->offre[0].prestataire, "CRESS");
	/* months are sorted; a map of recettes sums its lines */
	assert_int_equal(p->n_activite, 2);
	assert_int_equal(p->activite[0].periode.month, 1);
	assert_int_equal(p->activite[1].n_recettes_services, 2);
	assert_true(p->activite[1].recettes.value == 480.5);
	assert_false(p->activite[1].demandes.set);
	assert_int_equal(p->financements[0].annee, 2026);
	assert_true(p->test.present);
	assert_int_equal(p->test.sollicitations_suivies, 1);
	assert_int_equal(p->test.cahier_des_charges, -1);
	assert_int_equal(p->test.condition_strategie, 0);
	assert_int_equal(p->test.n_seuils, 1);
	assert_true(p->test.seuils[0].value == 0.8);
	assert_int_equal(p->bmc.count[CZ_BLOC_COUTS], 2);
	assert_int_equal(p->bmc.items[CZ_BLOC_COUTS][0].cout_type, CZ_COUT_FIXE);
	assert_int_equal(p->bmc.items[CZ_BLOC_COUTS][1].cout_type, -1);
	assert_int_equal(p->bmc.items[CZ_BLOC_REVENUS][0].pilier, CZ_PILIER_ACTIVITE);
	assert_int_equal(p->bmc.count[CZ_BLOC_CLIENTS], 0);
	cz_project_free(p);
	cz_problems_free(&pb);
}

/* Load `text`; assert it is invalid and that the problems, as
 * "line:column: message" lines, contain each expected line. */
static void expect_problems(const char *text, const char *const *expected, size_t n, size_t total)
{
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	cz_project *p = NULL;
	cz_status st = cz_project_load(text, strlen(text), "p.yaml", ref, &p, &pb);
	assert_int_equal(st, CZ_ERR_INVALID);
	assert_null(p);
	char all[16384] = "";
	for (size_t i = 0; i < pb.count; i++) {
		char line[1024];
		snprintf(line, sizeof(line), "%u:%u: %s\n", pb.items[i].line, pb.items[i].column,
			 pb.items[i].message);
		strncat(all, line, sizeof(all) - strlen(all) - 1);
	}
	for (size_t i = 0; i < n; i++) {
		if (!strstr(all, expected[i])) {
			fprintf(stderr, "%s", all);
			fail_msg("missing « %s »", expected[i]);
		}
	}
	if (total && pb.count != total) {
		fprintf(stderr, "%s", all);
		fail_msg("expected %zu problems, got %zu", total, pb.count);
	}
	cz_problems_free(&pb);
}

static void test_all_problems_in_one_pass(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet:\n"
		"  nom: \"X\"\n"
		"  type: quartir\n"
		"  phase: test\n"
		"  date: 2026-02-30\n"
		"  terriotire: {}\n"
		"etapes:\n"
		"  emergence.besoin: fait\n"
		"  test.schema-logistique: fini\n"
		"competences:\n"
		"  test.tableaux-de-bord: { niveau: en_cours, porte_par: \"CRES\" }\n"
		"acteurs:\n"
		"  - { nom: \"CRESS\", roles: [partenaire, sponsor] }\n"
		"  - { nom: \"CRESS\" }\n"
		"activite:\n"
		"  - { periode: 2026-01, demandes: -3, recettes: \"12\", charges: 2.5 }\n"
		"  - { periode: 2026-01 }\n"
		"  - { periode: 2026-13, clients: 3, clients_recurrents: 5 }\n"
		"  - { periode: 2026-03, clients: 3, clients_recurrents: 5, commandes: 2.5 }\n"
		"test:\n"
		"  satisfaction: { beneficiaires: 7 }\n"
		"  charge_travail: 40\n"
		"  carnet_commandes: 0,5\n"
		"  seuils: { couverture_charge: 0.8, charge_travail: 50 }\n"
		"  debut: 2026-09-01\n"
		"  fin: 2026-01-01\n";
	static const char *const expected[] = {
		"4:9: valeur « quartir » invalide pour « projet.type » — vouliez-vous dire « quartier » ?",
		"6:9: « projet.date » : la date « 2026-02-30 » n'existe pas",
		"7:3: clé inconnue « terriotire » dans « projet » — vouliez-vous dire « territoire » ?",
		"9:3: étape inconnue « emergence.besoin » — vouliez-vous dire « emergence.besoins » ?",
		"10:27: valeur « fini » invalide pour « etapes.test.schema-logistique »",
		"12:57: « competences.test.tableaux-de-bord.porte_par » : acteur « CRES » absent de « acteurs » — vouliez-vous dire « CRESS » ?",
		"14:41: valeur « sponsor » invalide pour « acteurs[1].roles[2] »",
		"15:12: « CRESS » figure deux fois dans « acteurs » (déjà présent ligne 14)",
		"17:35: « activite[1].demandes » ne peut pas être négatif (-3)",
		"17:49: « activite[1].recettes » doit être un nombre : retirez les guillemets",
		"18:16: mois 2026-01 en double dans « activite » (déjà présent ligne 17)",
		"19:16: « activite[3].periode » : le mois « 2026-13 » n'existe pas",
		"20:57: « activite[4].clients_recurrents » (5) dépasse « clients » (3)",
		"20:71: « activite[4].commandes » doit être un nombre entier",
		"22:34: « test.satisfaction.beneficiaires » doit être compris entre 1 et 5 (valeur : 7)",
		/* 40 for a ratio is a percentage: 40 / 100 = 0.4 */
		"23:19: « test.charge_travail » est un ratio (1 = 100 %), compris entre 0 et 5 : pour 40 %, écrivez 0.4",
		"24:21: « test.carnet_commandes » doit être un nombre : écrivez 0.5 (avec un point à la place de la virgule décimale)",
		"25:13: mesure de seuil inconnue « couverture_charge » — vouliez-vous dire « couverture_charges » ?",
		"25:53: « test.seuils.charge_travail » est un ratio (1 = 100 %), compris entre 0 et 10 : pour 50 %, écrivez 0.5",
		"27:8: « test.fin » est antérieure à « test.debut »",
	};
	expect_problems(text, expected, sizeof(expected) / sizeof(expected[0]),
			sizeof(expected) / sizeof(expected[0]));
}

static void test_required_keys_and_version(void **state)
{
	(void)state;
	static const char *const expected[] = {
		"1:10: version de format « 2 » non prise en charge",
		"3:3: clé obligatoire « type » absente de « projet »",
		"3:3: clé obligatoire « phase » absente de « projet »",
	};
	expect_problems("version: 2\nprojet:\n  nom: X\n", expected, 3, 3);
	static const char *const missing[] = {
		"1:1: clé obligatoire « version » absente de « la racine du fichier »",
		"1:1: clé obligatoire « projet » absente de « la racine du fichier »",
		"1:1: clé inconnue « projt » dans « la racine du fichier » — vouliez-vous dire « projet » ?",
	};
	expect_problems("projt: {}\n", missing, 3, 3);
	static const char *const not_map[] = { "1:1: « le fichier » doit être une table" };
	expect_problems("- a\n- b\n", not_map, 1, 1);
}

static void test_references_and_duplicates(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: X, type: rural, phase: emergence }\n"
		"acteurs: [{ nom: \"Mairie\" }]\n"
		"offre:\n"
		"  - { service: \"Pain\", prestataire: \"Boulangerie\" }\n"
		"  - { service: \"Pain\" }\n"
		"besoins:\n"
		"  - { besoin: \"Pain\", cible: habitant }\n"
		"financements:\n"
		"  - { source: \"Région\", montant: 10, annee: 2026 }\n"
		"  - { source: \"Région\", montant: 10, annee: 2026 }\n"
		"  - { source: \"Région\", montant: 10, annee: 2027 }\n"
		"bmc:\n"
		"  couts: [{ texte: \"Loyer\", pilier: activite }]\n"
		"  revenu: []\n";
	static const char *const expected[] = {
		"5:37: « offre[1].prestataire » : acteur « Boulangerie » absent de « acteurs »",
		"6:16: « Pain » figure deux fois dans « offre » (déjà présent ligne 5)",
		"8:30: valeur « habitant » invalide pour « besoins[1].cible » — vouliez-vous dire « habitants » ?",
		"11:15: financement « Région » de la même année en double (déjà présent ligne 10)",
		"14:37: « pilier » ne s'emploie que dans le bloc « revenus »",
		"15:3: clé inconnue « revenu » dans « bmc » — vouliez-vous dire « revenus » ?",
	};
	expect_problems(text, expected, 6, 6);
}

/* Booleans may be written oui / non / vrai / faux as well as true / false, in
 * any case; quoted, they are text and the message says so. */
static void test_french_booleans(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\n"
			     "projet: { nom: X, type: quartier, phase: test }\n"
			     "acteurs:\n"
			     "  - { nom: A, charte: oui }\n"
			     "  - { nom: B, charte: Non }\n"
			     "  - { nom: C, charte: VRAI }\n"
			     "  - { nom: D, charte: faux }\n"
			     "  - { nom: E, charte: True }\n"
			     "test:\n"
			     "  sollicitations_suivies: OUI\n"
			     "  cahier_des_charges: non\n"
			     "  conditions: { strategie: Vrai, statut_structure: FALSE }\n");
	assert_true(p->acteurs[0].charte && p->acteurs[0].charte_set);
	assert_false(p->acteurs[1].charte);
	assert_true(p->acteurs[1].charte_set);
	assert_true(p->acteurs[2].charte);
	assert_false(p->acteurs[3].charte);
	assert_true(p->acteurs[4].charte);
	assert_int_equal(p->test.sollicitations_suivies, 1);
	assert_int_equal(p->test.cahier_des_charges, 0);
	assert_int_equal(p->test.condition_strategie, 1);
	assert_int_equal(p->test.condition_statut_structure, 0);
	cz_project_free(p);
	static const char *const expected[] = {
		"3:29: « acteurs[1].charte » doit valoir oui ou non : retirez les guillemets autour de « oui »",
		"4:29: « acteurs[2].charte » doit valoir oui ou non (ou true, false, vrai, faux), pas « ouais »",
	};
	expect_problems("version: 1\n"
			"projet: { nom: X, type: quartier, phase: test }\n"
			"acteurs: [{ nom: A, charte: \"oui\" },\n"
			"          { nom: B, charte: ouais }]\n",
			expected, 2, 2);
}

/* A number written the French way gets the number to write, and the
 * message names what to change; a percentage for a ratio gets its value
 * divided by 100. */
static void test_number_messages(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: X, type: quartier, phase: test }\n"
		"activite:\n"
		"  - periode: 2026-01\n"
		"    recettes: 1 200,50\n"
		"    charges: 2 100 €\n"
		"    km: 1.234,5\n"
		"    heures_salariees: 1,234.5\n"
		"    heures_benevoles: 12 h\n"
		"test:\n"
		"  charge_travail: 90%\n"
		"  carnet_commandes: 3%\n"
		"  seuils:\n"
		"    reseau_prestataires: 87,5 %\n"
		"    couverture_charges: 120\n";
	static const char *const expected[] = {
		/* "1 200,50": the space removed, the comma made a point */
		"5:15: « activite[1].recettes » doit être un nombre : écrivez 1200.50 (sans espace entre les "
		"chiffres et avec un point à la place de la virgule décimale)",
		/* the space before € is not between digits */
		"6:14: « activite[1].charges » doit être un nombre : écrivez 2100 (sans espace entre les chiffres "
		"et sans le symbole €)",
		/* both separators: the last one is the decimal mark */
		"7:9: « activite[1].km » doit être un nombre : écrivez 1234.5 (sans séparateur de milliers et avec "
		"un point à la place de la virgule décimale)",
		"8:23: « activite[1].heures_salariees » doit être un nombre : écrivez 1234.5 (sans séparateur de "
		"milliers)",
		"9:23: « activite[1].heures_benevoles » doit être un nombre, pas « 12 h »",
		/* 90 % = 90 / 100 = 0.9 */
		"11:19: « test.charge_travail » est un ratio (1 = 100 %) : pour « 90% », écrivez 0.9",
		/* not a ratio: only the sign goes */
		"12:21: « test.carnet_commandes » doit être un nombre : écrivez 3, sans le signe %",
		/* 87,5 % = 87.5 / 100 = 0.875 */
		"14:26: « test.seuils.reseau_prestataires » est un ratio (1 = 100 %) : pour « 87,5 % », écrivez 0.875",
		/* 120 is above the ratio's bound of 10: read as 120 % = 1.2 */
		"15:25: « test.seuils.couverture_charges » est un ratio (1 = 100 %), compris entre 0 et 10 : pour "
		"120 %, écrivez 1.2",
	};
	expect_problems(text, expected, sizeof(expected) / sizeof(expected[0]),
			sizeof(expected) / sizeof(expected[0]));
}

/* Suggestions ignore case and accents, and read spaces as underscores. */
static void test_suggestions_fold_case_and_accents(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: X, type: Quartier, phase: émergence, porteur: { statut: bénévole } }\n"
		"acteurs: [{ nom: \"CRESS\" }]\n"
		"etapes: { emergence.besoins: à faire, emergence.partenaires: En_Cours }\n"
		"competences: { test.veille: { niveau: acquis, porte_par: \"cress\" } }\n"
		"besoins: [{ besoin: B, cible: personnes âgées }]\n"
		"financements: [{ source: S, montant: 1, nature: Prêt }]\n";
	static const char *const expected[] = {
		"2:25: valeur « Quartier » invalide pour « projet.type » — vouliez-vous dire « quartier » ?",
		"2:42: valeur « émergence » invalide pour « projet.phase » — vouliez-vous dire « emergence » ?",
		"2:72: valeur « bénévole » invalide pour « projet.porteur.statut » — vouliez-vous dire « benevole » ?",
		"4:30: valeur « à faire » invalide pour « etapes.emergence.besoins » — vouliez-vous dire « a_faire » ?",
		"4:62: valeur « En_Cours » invalide pour « etapes.emergence.partenaires » — vouliez-vous dire « en_cours » ?",
		"5:58: « competences.test.veille.porte_par » : acteur « cress » absent de « acteurs » — vouliez-vous dire « CRESS » ?",
		"6:31: valeur « personnes âgées » invalide pour « besoins[1].cible » — vouliez-vous dire « personnes_agees » ?",
		"7:49: valeur « Prêt » invalide pour « financements[1].nature » — vouliez-vous dire « pret » ?",
	};
	expect_problems(text, expected, sizeof(expected) / sizeof(expected[0]),
			sizeof(expected) / sizeof(expected[0]));
}

static void test_read_file_errors(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "x");
	cz_project *p;
	assert_int_equal(cz_project_load_file("/nonexistent/p.yaml", ref, &p, &pb), CZ_ERR_IO);
	assert_non_null(strstr(pb.items[0].message, "introuvable"));
	assert_int_equal(cz_project_load_file("/tmp", ref, &p, &pb), CZ_ERR_INVALID);
	assert_non_null(strstr(pb.items[1].message, "répertoire"));
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_project_model),
		cmocka_unit_test(test_all_problems_in_one_pass),
		cmocka_unit_test(test_required_keys_and_version),
		cmocka_unit_test(test_references_and_duplicates),
		cmocka_unit_test(test_read_file_errors),
		cmocka_unit_test(test_french_booleans),
		cmocka_unit_test(test_number_messages),
		cmocka_unit_test(test_suggestions_fold_case_and_accents),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
