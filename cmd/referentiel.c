#include "cmd.h"
#include "output.h"
#include "run.h"

static const cz_analysis *const writes[] = { &cz_analysis_referential, NULL };

const cz_cmd_spec cz_spec_referentiel = {
	.name = "referentiel",
	.summary = "afficher la méthode\u00A0: le référentiel YAML à amender, ou un guide lisible",
	.help =
		"usage\u00A0: conciergerie referentiel [--referentiel FICHIER] [-f @FORMATS@] [-o CHEMIN] [--force] [-q]\n"
		"\n"
		"Sans -f, affiche le référentiel intégré de la méthode au format YAML, le\n"
		"fichier à amender\u00A0: les sources, les quatre phases avec leurs étapes et\n"
		"compétences, les familles de compétences, les indicateurs de la phase de\n"
		"test avec leurs seuils et poids, la règle de décision, les quatre piliers,\n"
		"les blocs et modèles de canevas, le rôle de concierge, la définition d'une\n"
		"conciergerie de territoire et les règles d'alerte. Chaque élément dit d'où\n"
		"il vient (clé «\u00A0origine\u00A0»)\u00A0: un document du groupe de travail, ou «\u00A0outil\u00A0»\n"
		"pour un réglage par défaut de l'outil.\n"
		"\n"
		"Avec -f md (ou -o methode.md), un guide lisible de toute la méthode, avec\n"
		"l'origine de chaque valeur\u202F; avec -f json, la même chose pour un programme.\n"
		"\n"
		"Pour l'amender\u00A0: enregistrez-le (-o mon-referentiel.yaml), modifiez-le,\n"
		"puis passez-le aux autres commandes avec --referentiel. Il est vérifié\n"
		"comme un fichier de projet, avec les mêmes messages d'erreur.\n"
		"\n"
		"Un fichier existant n'est jamais remplacé sans --force (c'est peut-être\n"
		"votre référentiel amendé), et jamais le fichier donné à --referentiel.\n"
		"\n"
		"Options\u00A0:\n"
		"  -f, --format FORMAT    @FORMATS@ (déduit de l'extension de -o)\u00A0: yaml (par\n"
		"                         défaut) le fichier à amender, md ou json le guide\n"
		"  --referentiel FICHIER  vérifier puis afficher ce référentiel-là\n"
		"  -o, --output CHEMIN    écrire dans un fichier plutôt qu'à l'écran (dans un\n"
		"                         répertoire\u00A0: RÉPERTOIRE/referentiel.EXT)\n"
		"  --force                remplacer un fichier existant\n"
		"  -q, --quiet            accepté\u202F; la commande n'affiche que les erreurs\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Code de sortie\u00A0: 0 en cas de succès, 1 si le référentiel donné est invalide,\n"
		"2 en cas d'erreur d'utilisation (dont un fichier existant sans --force),\n"
		"3 en cas d'erreur d'entrée-sortie.\n",
	.options = CZ_OPT_REF | CZ_OPT_OUTPUT | CZ_OPT_FORMAT | CZ_OPT_FORCE,
	.min_args = 0,
	.max_args = 0,
	.writes = writes,
};

int cmd_referentiel(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_referentiel, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_output_plan plan = { writes, 1, 1, false, true, CZ_FMT_YAML };
	cz_output out;
	cz_referential *ref = NULL;
	code = cz_output_open(&out, &o, &plan, NULL, 0);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_referential(&o, &ref);
	if (code == CZ_EXIT_OK) {
		cz_options opts = cz_cli_options(&o);
		cz_part part = { &cz_analysis_referential, ref };
		cz_document doc = { .parts = &part, .n_parts = 1 };
		code = cz_output_write(&out, "referentiel", "", false, &doc, ref, &opts, cz_cli_epoch(NULL), NULL);
		if (code == CZ_EXIT_OK)
			code = cz_output_close(&out);
	}
	cz_referential_free(ref);
	cz_output_free(&out);
	return code;
}
