#include "cmd.h"
#include "run.h"

static const cz_analysis *const writes[] = { &cz_analysis_diag, NULL };

const cz_cmd_spec cz_spec_diag = {
	.name = "diag",
	.summary = "diagnostic des quatre phases\u00A0: avancement, alertes, prochaines actions",
	.help =
		"usage\u00A0: conciergerie diag [-f @FORMATS@] [-o CHEMIN] [--referentiel FICHIER]\n"
		"                          [--exit-code] [-q] FICHIER...\n"
		"\n"
		"Établit le diagnostic de chaque projet. Il s'ouvre sur l'essentiel\u00A0:\n"
		"projet, date du point, phase déclarée et phase étayée, verdict du test et\n"
		"score (phase de test ou au-delà), couverture des compétences, alertes\n"
		"critiques et cinq prochaines actions\u00A0; puis le détail\u00A0:\n"
		"  - identité du projet (type, lieu, porteur, territoire)\u202F;\n"
		"  - avancement de chacune des quatre phases\u00A0: (étapes faites + ½ en cours)\n"
		"    / étapes applicables, les étapes «\u00A0sans objet\u00A0» étant écartées et les\n"
		"    étapes absentes du fichier comptant comme à faire\u202F;\n"
		"  - phase étayée par les étapes\u00A0: la plus avancée dont chaque phase\n"
		"    précédente atteint le seuil du référentiel (alerte diag.phase-en-avance,\n"
		"    75\u00A0% par défaut), avec la liste des étapes bloquantes quand la phase\n"
		"    déclarée va plus loin\u202F; test et lancement se chevauchent souvent\u00A0: un\n"
		"    lancement déclaré pendant que le test se termine est une alerte\n"
		"    «\u00A0attention\u00A0» (diag.chevauchement-test-lancement), pas critique\u202F;\n"
		"  - étapes restantes de la phase déclarée et étapes laissées en arrière\u202F;\n"
		"  - couverture des compétences de la phase déclarée, au total et par\n"
		"    famille\u00A0: acquises par le porteur, portées par un acteur du réseau\n"
		"    (nommé), en cours, à acquérir, non évaluées\u202F; sans_objet hors calcul\u202F;\n"
		"  - besoins classés par nombre de demandes, avec leur cible et l'offre\n"
		"    prioritaire qui y répond\u202F; offres sans besoin recensé\u202F;\n"
		"  - le projet au regard de la définition d'une conciergerie de territoire,\n"
		"    quand les données le permettent\u202F;\n"
		"  - alertes (info, attention, critique) avec leur raison, définies dans la\n"
		"    rubrique «\u00A0alertes\u00A0» du référentiel (réglages par défaut de l'outil)\u202F;\n"
		"    les exemples du fichier de départ de «\u00A0conciergerie init\u00A0» sont signalés\n"
		"    et ne comptent pas\u202F;\n"
		"  - les cinq prochaines actions (en tête)\u00A0: alertes critiques, étapes\n"
		"    bloquantes, étapes restantes de la phase, puis compétences à acquérir\n"
		"    (ce nombre et cet ordre sont des choix de l'outil).\n"
		"\n"
		"Formats\u00A0: md (par défaut), json, xlsx (feuilles «\u00A0Diag synthèse\u00A0»,\n"
		"«\u00A0Diag étapes\u00A0», «\u00A0Diag compétences\u00A0», «\u00A0Diag besoins\u00A0», «\u00A0Diag alertes\u00A0»,\n"
		"«\u00A0Diag actions\u00A0» et «\u00A0Diag définition\u00A0»), html (une page à ouvrir dans un\n"
		"navigateur ou à imprimer en PDF\u00A0: l'essentiel d'abord, puis graphiques et\n"
		"détail).\n"
		"Un seul fichier\u00A0: sortie standard ou -o FICHIER. Plusieurs fichiers\u00A0: un\n"
		"rapport par projet dans -o RÉPERTOIRE (nom du fichier sans «\u00A0.yaml\u00A0»,\n"
		"suivi de «\u00A0-diag\u00A0»), ou, sans -o, les rapports Markdown à la suite (un\n"
		"tableau en JSON).\n"
		"Le format xlsx exige -o. «\u00A0-\u00A0» lit le projet sur l'entrée standard.\n"
		"Règles de sortie (noms dans un répertoire, fichiers existants, liens,\n"
		"périphériques, entrées jamais remplacées)\u00A0: «\u00A0man conciergerie\u00A0», SORTIES.\n"

		"\n"
		"Options\u00A0:\n"
		"  -f, --format FORMAT    @FORMATS@ (déduit de l'extension de -o)\n"
		"  -o, --output CHEMIN    fichier, ou répertoire pour plusieurs projets\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  --exit-code            sortir avec le code 10 si une alerte critique est levée\n"
		"  -q, --quiet            accepté\u202F; la commande n'affiche que les erreurs\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Codes de sortie\u00A0:\n"
		"  0   diagnostic produit (même avec des alertes, sans --exit-code)\n"
		"  1   fichier de projet invalide\n"
		"  2   erreur d'utilisation\n"
		"  3   lecture ou écriture impossible\n"
		"  10  avec --exit-code\u00A0: au moins une alerte critique\n"
		"Avec plusieurs fichiers, un fichier invalide n'empêche pas les autres\n"
		"rapports\u202F; le code 3 l'emporte sur 1, qui l'emporte sur 10.\n",
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
