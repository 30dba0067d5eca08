#include "cmd.h"
#include "run.h"

static const cz_analysis *const writes[] = { &cz_analysis_indicators, NULL };

const cz_cmd_spec cz_spec_indicators = {
	.name = "indicators",
	.summary = "tableau de bord d'activité\u00A0: mois par mois, tendance, ressources par pilier",
	.help =
		"usage\u00A0: conciergerie indicators [options] FICHIER...\n"
		"\n"
		"Tableau de bord tiré des relevés mensuels (activite) et des financements\u00A0:\n"
		"  - par mois et au total\u00A0: demandes, commandes, conversion, clients et\n"
		"    fidélisation, recettes (et par service quand elles sont détaillées),\n"
		"    charges, résultat, couverture des charges ((recettes + financements\n"
		"    acquis) / charges), autofinancement (recettes / charges), heures\n"
		"    salariées et bénévoles, valeur du bénévolat, kilomètres par livraison\u202F;\n"
		"  - moyennes mobiles sur 3 mois des recettes, des charges et du résultat\u202F;\n"
		"  - tendance du résultat (moindres carrés) et mois où il atteindrait\n"
		"    l'équilibre à ce rythme\u202F;\n"
		"  - ressources réparties entre les quatre piliers du référentiel, part du\n"
		"    pilier principal, indice de Herfindahl, part des recettes récurrentes,\n"
		"    et alertes quand le modèle repose sur un seul pilier.\n"
		"Un mois sans relevé entre deux relevés est affiché comme manquant, jamais\n"
		"interpolé. Un financement acquis est réparti sur les douze mois de son\n"
		"année\u00A0: chaque mois relevé en reçoit un douzième, et les totaux ne\n"
		"comptent que les mois relevés. Les heures bénévoles sont valorisées au\n"
		"taux du référentiel (section tableau_de_bord\u00A0: SMIC horaire brut de\n"
		"11,88\u00A0€, voir «\u00A0conciergerie referentiel\u00A0»), sauf avec --taux-benevolat\u202F;\n"
		"ce bénévolat valorisé compte dans le pilier de l'implication citoyenne\n"
		"(ligne «\u00A0dont bénévolat valorisé\u00A0»), pas dans la couverture des charges.\n"
		"\n"
		"Options\u00A0:\n"
		"  -f, --format @FORMATS@  format du rapport (md par défaut\u202F; déduit de -o)\n"
		"  -o, --output CHEMIN        fichier de sortie, ou répertoire pour plusieurs\n"
		"                             fichiers\u202F; xlsx exige -o (règles de sortie\u00A0:\n"
		"                             «\u00A0man conciergerie\u00A0», SORTIES)\n"
		"  --charts                   ajouter au Markdown des graphiques Mermaid\n"
		"                             (recettes et charges par mois, ressources par pilier)\n"
		"  --taux-benevolat EUROS     valoriser une heure bénévole à ce taux (ex. 12.5)\n"
		"  --referentiel FICHIER      utiliser un référentiel amendé\n"
		"  -q, --quiet                accepté\u202F; la commande n'affiche que les erreurs\n"
		"  -h, --help                 afficher cette aide\n"
		"\n"
		"Le classeur xlsx contient les feuilles «\u00A0Indicateurs mensuels\u00A0»,\n"
		"«\u00A0Indicateurs synthèse\u00A0», «\u00A0Indicateurs piliers\u00A0» et «\u00A0Indicateurs\n"
		"graphiques\u00A0» (graphiques natifs\u00A0: recettes et charges par mois, ressources\n"
		"par pilier).\n"
		"\n"
		"Code de sortie\u00A0: 0 en cas de succès, 1 si un fichier est invalide, 2 en cas\n"
		"d'erreur d'utilisation, 3 en cas d'erreur d'entrée-sortie.\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_CHARTS | CZ_OPT_TAUX,
	.min_args = 1,
	.max_args = -1,
	.writes = writes,
};

int cmd_indicators(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_indicators, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_options opts = cz_cli_options(&o);
	return cz_run_analysis(&o, &cz_analysis_indicators, &opts, NULL);
}
