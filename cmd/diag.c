#include "cmd.h"
#include "run.h"

static const cz_analysis *const writes[] = { &cz_analysis_diag, NULL };

const cz_cmd_spec cz_spec_diag = {
	.name = "diag",
	.summary = "diagnostic des quatre phases : avancement, alertes, prochaines actions",
	.help =
		"usage : conciergerie diag [-f @FORMATS@] [-o CHEMIN] [--referentiel FICHIER]\n"
		"                          [--exit-code] [-q] FICHIER...\n"
		"\n"
		"Établit le diagnostic de chaque projet :\n"
		"  - identité du projet et phase déclarée ;\n"
		"  - avancement de chacune des quatre phases : (étapes faites + ½ en cours)\n"
		"    / étapes applicables, les étapes « sans objet » étant écartées et les\n"
		"    étapes absentes du fichier comptant comme à faire ;\n"
		"  - phase étayée par les étapes : la plus avancée dont chaque phase\n"
		"    précédente atteint le seuil du référentiel (alerte diag.phase-en-avance,\n"
		"    75 % par défaut), avec la liste des étapes bloquantes quand la phase\n"
		"    déclarée va plus loin ; test et lancement se chevauchent souvent : un\n"
		"    lancement déclaré pendant que le test se termine est une alerte\n"
		"    « attention » (diag.chevauchement-test-lancement), pas critique ;\n"
		"  - étapes restantes de la phase déclarée et étapes laissées en arrière ;\n"
		"  - couverture des compétences de la phase déclarée, au total et par\n"
		"    famille : acquises par le porteur, portées par un acteur du réseau\n"
		"    (nommé), en cours, à acquérir, non évaluées ; sans_objet hors calcul ;\n"
		"  - besoins classés par nombre de demandes, avec leur cible et l'offre\n"
		"    prioritaire qui y répond ; offres sans besoin recensé ;\n"
		"  - le projet au regard de la définition d'une conciergerie de territoire,\n"
		"    quand les données le permettent ;\n"
		"  - alertes (info, attention, critique) avec leur raison, définies dans la\n"
		"    rubrique « alertes » du référentiel (réglages par défaut de l'outil) ;\n"
		"    les exemples du fichier de départ de « conciergerie init » sont signalés\n"
		"    et ne comptent pas ;\n"
		"  - les cinq prochaines actions : alertes critiques, étapes bloquantes,\n"
		"    étapes restantes de la phase, puis compétences à acquérir.\n"
		"\n"
		"Formats : md (par défaut), json, xlsx (feuilles « Diag synthèse »,\n"
		"« Diag étapes », « Diag compétences », « Diag besoins », « Diag alertes »,\n"
		"« Diag actions » et « Diag définition »), html (une page à ouvrir dans un\n"
		"navigateur ou à imprimer en PDF : l'essentiel d'abord, puis graphiques et\n"
		"détail).\n"
		"Un seul fichier : sortie standard ou -o FICHIER. Plusieurs fichiers : un\n"
		"rapport par projet dans -o RÉPERTOIRE (nom du fichier sans « .yaml »,\n"
		"suivi de « -diag »), ou, sans -o, les rapports Markdown à la suite (un\n"
		"tableau en JSON).\n"
		"Le format xlsx exige -o. « - » lit le projet sur l'entrée standard.\n"
		"Règles de sortie (noms dans un répertoire, fichiers existants, liens,\n"
		"périphériques, entrées jamais remplacées) : « man conciergerie », SORTIES.\n"

		"\n"
		"Options :\n"
		"  -f, --format FORMAT    @FORMATS@ (déduit de l'extension de -o)\n"
		"  -o, --output CHEMIN    fichier, ou répertoire pour plusieurs projets\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  --exit-code            sortir avec le code 10 si une alerte critique est levée\n"
		"  -q, --quiet            accepté ; la commande n'affiche que les erreurs\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Codes de sortie :\n"
		"  0   diagnostic produit (même avec des alertes, sans --exit-code)\n"
		"  1   fichier de projet invalide\n"
		"  2   erreur d'utilisation\n"
		"  3   lecture ou écriture impossible\n"
		"  10  avec --exit-code : au moins une alerte critique\n"
		"Avec plusieurs fichiers, un fichier invalide n'empêche pas les autres\n"
		"rapports ; le code 3 l'emporte sur 1, qui l'emporte sur 10.\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_EXIT_CODE,
	.min_args = 1,
	.max_args = -1,
	.writes = writes,
};

int cmd_diag(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_diag, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_options opts = cz_cli_options(&o);
	return cz_run_analysis(&o, &cz_analysis_diag, &opts, NULL);
}
