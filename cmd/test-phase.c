#include "cmd.h"
#include "run.h"

static const cz_analysis *const writes[] = { &cz_analysis_test_phase, NULL };

const cz_cmd_spec cz_spec_test_phase = {
	.name = "test-phase",
	.summary = "décision de sortie de la phase de test (GO, RÉAJUSTER, NO-GO, INCOMPLET)",
	.help =
		"usage\u00A0: conciergerie test-phase [options] FICHIER...\n"
		"\n"
		"Décide si le projet peut sortir de la phase de test. Chaque indicateur du\n"
		"référentiel (six quantitatifs, six qualitatifs) reçoit une valeur tirée du\n"
		"fichier, la phrase qui dit comment elle est calculée, son seuil, son statut\n"
		"(atteint, partiel, non atteint, non renseigné) et son poids\u202F; les trois\n"
		"conditions de décision et le piège de l'éparpillement sont évalués aussi.\n"
		"La période du test va de test.debut à test.fin (tous les relevés\n"
		"d'activité s'ils sont absents). Dans la couverture des charges, un\n"
		"financement acquis compte pour un douzième de son montant par mois\n"
		"compté de son année (4 mois de test\u00A0: 4/12 du financement annuel)\u202F; les\n"
		"prêts et avances remboursables n'y comptent pas (trésorerie, à part). La\n"
		"demande se mesure au territoire (demandes par mois pour 1\u202F000 habitants\n"
		"ou salariés), avec un volume minimal en deçà duquel elle n'est jamais\n"
		"atteinte\u202F; le réseau, aux offres prioritaires confiées à un prestataire\n"
		"signataire de la charte. Les seuils, poids et la règle sont des réglages\n"
		"par défaut de l'outil (le groupe de travail nomme les indicateurs sans les\n"
		"chiffrer)\u00A0: les seuils de test.seuils remplacent ceux du référentiel, et\n"
		"le rapport le signale pour chacun.\n"
		"\n"
		"Verdict, selon la règle du référentiel (regle_verdict\u202F; entre parenthèses,\n"
		"les valeurs du référentiel intégré)\u00A0:\n"
		"  INCOMPLET  trop d'indicateurs non renseignés (plus d'un tiers), ou un\n"
		"             indicateur critique non renseigné\u202F;\n"
		"  NO-GO      un indicateur critique non atteint, ou score trop bas (< 0,5)\u202F;\n"
		"  GO         score suffisant (>= 0,75), indicateurs critiques atteints et\n"
		"             toutes les conditions réunies\u202F;\n"
		"  RÉAJUSTER  dans les autres cas (prolonger ou ajuster le test).\n"
		"Un projet en lancement ou en fonctionnement sans section test\u00A0: non évalué.\n"
		"Le score pondère les indicateurs renseignés\u00A0: atteint 1, partiel 0,5, non\n"
		"atteint 0. Le rapport énonce la règle avec ses chiffres et ce qui\n"
		"changerait le verdict\u202F; sans données de test, il liste ce qu'il faut saisir.\n"
		"\n"
		"Options\u00A0:\n"
		"  -f, --format @FORMATS@  format du rapport (md par défaut\u202F; déduit de -o)\n"
		"  -o, --output CHEMIN        fichier de sortie, ou répertoire pour plusieurs\n"
		"                             fichiers\u202F; xlsx exige -o (règles de sortie\u00A0:\n"
		"                             «\u00A0man conciergerie\u00A0», SORTIES)\n"
		"  --exit-code                refléter le verdict dans le code de sortie\n"
		"  --referentiel FICHIER      utiliser un référentiel amendé (seuils, poids, règle)\n"
		"  -q, --quiet                accepté\u202F; la commande n'affiche que les erreurs\n"
		"  -h, --help                 afficher cette aide\n"
		"\n"
		"Le classeur xlsx contient les feuilles «\u00A0Test décision\u00A0» (verdict, score,\n"
		"raisons, leviers) et «\u00A0Test indicateurs\u00A0» (tableau de bord coloré par statut).\n"
		"\n"
		"Codes de sortie\u00A0: 0 en cas de succès, 1 si un fichier est invalide, 2 en cas\n"
		"d'erreur d'utilisation, 3 en cas d'erreur d'entrée-sortie. Avec --exit-code\u00A0:\n"
		"GO et non évalué 0, RÉAJUSTER 10, NO-GO 11, INCOMPLET 12 (le plus élevé sur\n"
		"plusieurs fichiers\u202F; une erreur 1 à 3 l'emporte).\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_EXIT_CODE,
	.min_args = 1,
	.max_args = -1,
	.writes = writes,
};

int cmd_test_phase(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_test_phase, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_options opts = cz_cli_options(&o);
	return cz_run_analysis(&o, &cz_analysis_test_phase, &opts, NULL);
}
