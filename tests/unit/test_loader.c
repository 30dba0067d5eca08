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
			fail_msg("missing «\u00A0%s\u00A0»", expected[i]);
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
		"4:9: valeur «\u00A0quartir\u00A0» invalide pour «\u00A0projet.type\u00A0» — vouliez-vous dire «\u00A0quartier\u00A0»\u202F?",
		"6:9: «\u00A0projet.date\u00A0»\u00A0: la date «\u00A02026-02-30\u00A0» n'existe pas",
		"7:3: clé inconnue «\u00A0terriotire\u00A0» dans «\u00A0projet\u00A0» — vouliez-vous dire «\u00A0territoire\u00A0»\u202F?",
		"9:3: étape inconnue «\u00A0emergence.besoin\u00A0» — vouliez-vous dire «\u00A0emergence.besoins\u00A0»\u202F?",
		"10:27: valeur «\u00A0fini\u00A0» invalide pour «\u00A0etapes.test.schema-logistique\u00A0»",
		"12:57: «\u00A0competences.test.tableaux-de-bord.porte_par\u00A0»\u00A0: acteur «\u00A0CRES\u00A0» absent de «\u00A0acteurs\u00A0» — vouliez-vous dire «\u00A0CRESS\u00A0»\u202F?",
		"14:41: valeur «\u00A0sponsor\u00A0» invalide pour «\u00A0acteurs[1].roles[2]\u00A0»",
		"15:12: «\u00A0CRESS\u00A0» figure deux fois dans «\u00A0acteurs\u00A0» (déjà présent ligne 14)",
		"17:35: «\u00A0activite[1].demandes\u00A0» ne peut pas être négatif (-3)",
		"17:49: «\u00A0activite[1].recettes\u00A0» doit être un nombre\u00A0: retirez les guillemets",
		"18:16: mois 2026-01 en double dans «\u00A0activite\u00A0» (déjà présent ligne 17)",
		"19:16: «\u00A0activite[3].periode\u00A0»\u00A0: le mois «\u00A02026-13\u00A0» n'existe pas",
		"20:57: «\u00A0activite[4].clients_recurrents\u00A0» (5) dépasse «\u00A0clients\u00A0» (3)",
		"20:71: «\u00A0activite[4].commandes\u00A0» doit être un nombre entier",
		"22:34: «\u00A0test.satisfaction.beneficiaires\u00A0» doit être compris entre 1 et 5 (valeur\u00A0: 7)",
		/* 40 for a ratio is a percentage: 40 / 100 = 0.4 */
		"23:19: «\u00A0test.charge_travail\u00A0» est un ratio (1 = 100\u00A0%), compris entre 0 et 5\u00A0: pour 40\u00A0%, écrivez 0.4",
		"24:21: «\u00A0test.carnet_commandes\u00A0» doit être un nombre\u00A0: écrivez 0.5 (avec un point à la place de la virgule décimale)",
		"25:13: mesure de seuil inconnue «\u00A0couverture_charge\u00A0» — vouliez-vous dire «\u00A0couverture_charges\u00A0»\u202F?",
		"25:53: «\u00A0test.seuils.charge_travail\u00A0» est un ratio (1 = 100\u00A0%), compris entre 0 et 10\u00A0: pour 50\u00A0%, écrivez 0.5",
		"27:8: «\u00A0test.fin\u00A0» est antérieure à «\u00A0test.debut\u00A0»",
	};
	expect_problems(text, expected, sizeof(expected) / sizeof(expected[0]),
			sizeof(expected) / sizeof(expected[0]));
}

static void test_required_keys_and_version(void **state)
{
	(void)state;
	static const char *const expected[] = {
		"1:10: version de format «\u00A02\u00A0» non prise en charge",
		"3:3: clé obligatoire «\u00A0type\u00A0» absente de «\u00A0projet\u00A0»",
		"3:3: clé obligatoire «\u00A0phase\u00A0» absente de «\u00A0projet\u00A0»",
	};
	expect_problems("version: 2\nprojet:\n  nom: X\n", expected, 3, 3);
	static const char *const missing[] = {
		"1:1: clé obligatoire «\u00A0version\u00A0» absente de «\u00A0la racine du fichier\u00A0»",
		"1:1: clé obligatoire «\u00A0projet\u00A0» absente de «\u00A0la racine du fichier\u00A0»",
		"1:1: clé inconnue «\u00A0projt\u00A0» dans «\u00A0la racine du fichier\u00A0» — vouliez-vous dire «\u00A0projet\u00A0»\u202F?",
	};
	expect_problems("projt: {}\n", missing, 3, 3);
	static const char *const not_map[] = { "1:1: «\u00A0le fichier\u00A0» doit être une table" };
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
		"5:37: «\u00A0offre[1].prestataire\u00A0»\u00A0: acteur «\u00A0Boulangerie\u00A0» absent de «\u00A0acteurs\u00A0»",
		"6:16: «\u00A0Pain\u00A0» figure deux fois dans «\u00A0offre\u00A0» (déjà présent ligne 5)",
		"8:30: valeur «\u00A0habitant\u00A0» invalide pour «\u00A0besoins[1].cible\u00A0» — vouliez-vous dire «\u00A0habitants\u00A0»\u202F?",
		"11:15: financement «\u00A0Région\u00A0» de la même année en double (déjà présent ligne 10)",
		"14:37: «\u00A0pilier\u00A0» ne s'emploie que dans le bloc «\u00A0revenus\u00A0»",
		"15:3: clé inconnue «\u00A0revenu\u00A0» dans «\u00A0bmc\u00A0» — vouliez-vous dire «\u00A0revenus\u00A0»\u202F?",
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
		"3:29: «\u00A0acteurs[1].charte\u00A0» doit valoir oui ou non\u00A0: retirez les guillemets autour de «\u00A0oui\u00A0»",
		"4:29: «\u00A0acteurs[2].charte\u00A0» doit valoir oui ou non (ou true, false, vrai, faux), pas «\u00A0ouais\u00A0»",
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
		"5:15: «\u00A0activite[1].recettes\u00A0» doit être un nombre\u00A0: écrivez 1200.50 (sans espace entre les "
		"chiffres et avec un point à la place de la virgule décimale)",
		/* the space before € is not between digits */
		"6:14: «\u00A0activite[1].charges\u00A0» doit être un nombre\u00A0: écrivez 2100 (sans espace entre les chiffres "
		"et sans le symbole\u00A0€)",
		/* both separators: the last one is the decimal mark */
		"7:9: «\u00A0activite[1].km\u00A0» doit être un nombre\u00A0: écrivez 1234.5 (sans séparateur de milliers et avec "
		"un point à la place de la virgule décimale)",
		"8:23: «\u00A0activite[1].heures_salariees\u00A0» doit être un nombre\u00A0: écrivez 1234.5 (sans séparateur de "
		"milliers)",
		"9:23: «\u00A0activite[1].heures_benevoles\u00A0» doit être un nombre, pas «\u00A012 h\u00A0»",
		/* 90 % = 90 / 100 = 0.9 */
		"11:19: «\u00A0test.charge_travail\u00A0» est un ratio (1 = 100\u00A0%)\u00A0: pour «\u00A090%\u00A0», écrivez 0.9",
		/* not a ratio: only the sign goes */
		"12:21: «\u00A0test.carnet_commandes\u00A0» doit être un nombre\u00A0: écrivez 3, sans le signe\u00A0%",
		/* 87,5 % = 87.5 / 100 = 0.875 */
		"14:26: «\u00A0test.seuils.reseau_prestataires\u00A0» est un ratio (1 = 100\u00A0%)\u00A0: pour «\u00A087,5 %\u00A0», écrivez 0.875",
		/* 120 is above the ratio's bound of 10: read as 120 % = 1.2 */
		"15:25: «\u00A0test.seuils.couverture_charges\u00A0» est un ratio (1 = 100\u00A0%), compris entre 0 et 10\u00A0: pour "
		"120\u00A0%, écrivez 1.2",
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
		"2:25: valeur «\u00A0Quartier\u00A0» invalide pour «\u00A0projet.type\u00A0» — vouliez-vous dire «\u00A0quartier\u00A0»\u202F?",
		"2:42: valeur «\u00A0émergence\u00A0» invalide pour «\u00A0projet.phase\u00A0» — vouliez-vous dire «\u00A0emergence\u00A0»\u202F?",
		"2:72: valeur «\u00A0bénévole\u00A0» invalide pour «\u00A0projet.porteur.statut\u00A0» — vouliez-vous dire «\u00A0benevole\u00A0»\u202F?",
		"4:30: valeur «\u00A0à faire\u00A0» invalide pour «\u00A0etapes.emergence.besoins\u00A0» — vouliez-vous dire «\u00A0a_faire\u00A0»\u202F?",
		"4:62: valeur «\u00A0En_Cours\u00A0» invalide pour «\u00A0etapes.emergence.partenaires\u00A0» — vouliez-vous dire «\u00A0en_cours\u00A0»\u202F?",
		"5:58: «\u00A0competences.test.veille.porte_par\u00A0»\u00A0: acteur «\u00A0cress\u00A0» absent de «\u00A0acteurs\u00A0» — vouliez-vous dire «\u00A0CRESS\u00A0»\u202F?",
		"6:31: valeur «\u00A0personnes âgées\u00A0» invalide pour «\u00A0besoins[1].cible\u00A0» — vouliez-vous dire «\u00A0personnes_agees\u00A0»\u202F?",
		"7:49: valeur «\u00A0Prêt\u00A0» invalide pour «\u00A0financements[1].nature\u00A0» — vouliez-vous dire «\u00A0pret\u00A0»\u202F?",
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
