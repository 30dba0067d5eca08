#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "fiche_write.h"
#include "output.h"

static const cz_analysis *const writes[] = { &cz_analysis_fiche, NULL };

const cz_cmd_spec cz_spec_fiche = {
	.name = "fiche",
	.summary = "le projet en classeur à remplir dans un tableur (fiche.xlsx)",
	.help =
		"usage\u00A0: conciergerie fiche [FICHIER] -o FICHE.xlsx [--force]\n"
		"\n"
		"Écrit tout le fichier de projet sous forme de classeur à remplir dans\n"
		"LibreOffice Calc ou Excel\u00A0: une feuille «\u00A0Mode d'emploi\u00A0», puis une feuille\n"
		"par rubrique (Projet, Étapes, Compétences, Acteurs, Besoins, Offre,\n"
		"Activité, Recettes par service, Financements, Bilan du test, Canevas).\n"
		"Chaque feuille commence par une consigne d'une ligne\u202F; les valeurs permises\n"
		"sont proposées en listes déroulantes (statuts, niveaux, types, piliers,\n"
		"oui / non, acteurs de la feuille Acteurs), les nombres et les dates sont\n"
		"vérifiés à la saisie, les en-têtes et les identifiants du référentiel sont\n"
		"protégés (sans mot de passe) et chaque feuille s'imprime sur A4.\n"
		"\n"
		"Avec FICHIER, la fiche est remplie avec le projet\u202F; sans, elle est vierge,\n"
		"avec des lignes d'exemple marquées «\u00A0exemple\u00A0», qu'import ne reprend pas.\n"
		"«\u00A0conciergerie import\u00A0» relit la fiche remplie et en tire le fichier de\n"
		"projet.\n"
		"\n"
		"Options\u00A0:\n"
		"  -o, --output FICHE.xlsx  le classeur à écrire (obligatoire)\u202F; un répertoire\n"
		"                           reçoit NOM-fiche.xlsx\n"
		"  --force                  remplacer un fichier existant (une fiche déjà\n"
		"                           remplie n'est jamais écrasée sans cette option)\n"
		"  --referentiel FICHIER    prendre les étapes et les compétences d'un\n"
		"                           référentiel amendé\n"
		"  -q, --quiet              ne pas rappeler la suite à donner\n"
		"  -h, --help               afficher cette aide\n"
		"\n"
		"FICHIER peut valoir «\u00A0-\u00A0» (entrée standard).\n"
		"\n"
		"Code de sortie\u00A0: 0 si la fiche est écrite, 1 si le fichier de projet est\n"
		"invalide, 2 en cas d'erreur d'utilisation (dont un fichier existant sans\n"
		"--force), 3 si l'écriture est impossible.\n",
	.options = CZ_OPT_OUTPUT | CZ_OPT_FORCE | CZ_OPT_REF,
	.min_args = 0,
	.max_args = 1,
	.writes = writes,
};

int cmd_fiche(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_fiche, argc, argv, &o);
	if (code >= 0)
		return code;
	/* A form is a workbook, and one may have been filled in: -o is needed,
	 * and an existing file is only replaced with --force. */
	if (!o.output || strcmp(o.output, "-") == 0)
		return cz_cli_usage_error(&cz_spec_fiche, "la fiche est un classeur\u00A0: ajoutez -o FICHE.xlsx");
	cz_output_plan plan = { writes, 1, 1, false, true, CZ_FMT_XLSX };
	cz_output out;
	cz_referential *ref = NULL;
	cz_project *p = NULL;
	code = cz_output_open(&out, &o, &plan, o.argv, (size_t)o.argc);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_referential(&o, &ref);
	if (code == CZ_EXIT_OK && o.argc == 1)
		code = cz_cli_load_project(o.argv[0], ref, &p);
	if (code == CZ_EXIT_OK) {
		cz_problems pb;
		cz_problems_init(&pb, o.output);
		cz_fiche_source src = { p, &pb };
		cz_part part = { &cz_analysis_fiche, &src };
		cz_document doc = { .parts = &part, .n_parts = 1 };
		cz_options opts = cz_cli_options(&o);
		const char *written = NULL;
		code = cz_output_write(&out, o.argc ? o.argv[0] : "fiche", "-fiche", false, &doc, ref, &opts,
				       cz_cli_epoch(p), &written);
		cz_cli_print_problems(&pb);
		cz_problems_free(&pb);
		char path[4096];
		snprintf(path, sizeof(path), "%s%s%s", o.output, written ? "/" : "", written ? written : "");
		if (code == CZ_EXIT_OK && !o.quiet)
			fprintf(stderr,
				"%s écrit\u202F; une fois rempli, «\u00A0conciergerie import %s -o projet.yaml\u00A0» en tire le "
				"fichier de projet.\n",
				path, path);
	}
	cz_project_free(p);
	cz_referential_free(ref);
	cz_output_free(&out);
	return code;
}
