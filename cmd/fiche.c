#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "fiche_write.h"
#include "xlsx_file.h"

const cz_cmd_spec cz_spec_fiche = {
	.name = "fiche",
	.summary = "le projet en classeur à remplir dans un tableur (fiche.xlsx)",
	.help =
		"usage : conciergerie fiche [FICHIER] -o FICHE.xlsx [--force]\n"
		"\n"
		"Écrit tout le fichier de projet sous forme de classeur à remplir dans\n"
		"LibreOffice Calc ou Excel : une feuille « Mode d'emploi », puis une feuille\n"
		"par rubrique (Projet, Étapes, Compétences, Acteurs, Besoins, Offre,\n"
		"Activité, Recettes par service, Financements, Bilan du test, Canevas).\n"
		"Chaque feuille commence par une consigne d'une ligne ; les valeurs permises\n"
		"sont proposées en listes déroulantes (statuts, niveaux, types, piliers,\n"
		"oui / non, acteurs de la feuille Acteurs), les nombres et les dates sont\n"
		"vérifiés à la saisie, les en-têtes et les identifiants du référentiel sont\n"
		"protégés (sans mot de passe) et chaque feuille s'imprime sur A4.\n"
		"\n"
		"Avec FICHIER, la fiche est remplie avec le projet ; sans, elle est vierge,\n"
		"avec des lignes d'exemple marquées « exemple », qu'import ne reprend pas.\n"
		"« conciergerie import » relit la fiche remplie et en tire le fichier de\n"
		"projet.\n"
		"\n"
		"Options :\n"
		"  -o, --output FICHE.xlsx  le classeur à écrire (obligatoire)\n"
		"  --force                  remplacer un fichier existant (une fiche déjà\n"
		"                           remplie n'est jamais écrasée sans cette option)\n"
		"  --referentiel FICHIER    prendre les étapes et les compétences d'un\n"
		"                           référentiel amendé\n"
		"  -q, --quiet              ne pas rappeler la suite à donner\n"
		"  -h, --help               afficher cette aide\n"
		"\n"
		"FICHIER peut valoir « - » (entrée standard).\n"
		"\n"
		"Code de sortie : 0 si la fiche est écrite, 1 si le fichier de projet est\n"
		"invalide, 2 en cas d'erreur d'utilisation (dont un fichier existant sans\n"
		"--force), 3 si l'écriture est impossible.\n",
	.options = CZ_OPT_OUTPUT | CZ_OPT_FORCE | CZ_OPT_REF | CZ_OPT_QUIET,
	.min_args = 0,
	.max_args = 1,
};

typedef struct {
	const cz_project *p;
	const cz_referential *ref;
	cz_problems *problems;
} fiche_ctx;

static cz_status fill(void *ctx, lxw_workbook *wb)
{
	fiche_ctx *c = ctx;
	return cz_fiche_write(c->p, c->ref, wb, c->problems);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), k = strlen(suffix);
	return l > k && strcmp(s + l - k, suffix) == 0;
}

int cmd_fiche(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_fiche, argc, argv, &o);
	if (code >= 0)
		return code;
	if (!o.output || strcmp(o.output, "-") == 0)
		return cz_cli_usage_error(&cz_spec_fiche,
					  "la fiche est un classeur : ajoutez -o FICHE.xlsx");
	if (!ends_with(o.output, ".xlsx"))
		return cz_cli_usage_error(&cz_spec_fiche,
					  "« %s » : la fiche s'écrit dans un fichier .xlsx", o.output);
	struct stat sb;
	if (!o.force && lstat(o.output, &sb) == 0 && S_ISREG(sb.st_mode))
		return cz_cli_usage_error(&cz_spec_fiche,
					  "« %s » existe déjà : ajoutez --force pour le remplacer", o.output);
	cz_referential *ref;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK)
		return code;
	cz_project *p = NULL;
	if (o.argc == 1 && (code = cz_cli_load_project(o.argv[0], ref, &p)) != CZ_EXIT_OK)
		goto out;
	cz_problems pb;
	cz_problems_init(&pb, o.output);
	fiche_ctx c = { p, ref, &pb };
	cz_status st = cz_xlsx_write(o.output, cz_cli_epoch(p), fill, &c, &pb);
	if (st == CZ_ERR_NOMEM && pb.count == 0)
		cz_problems_add(&pb, 0, 0, "%s", cz_status_str(st));
	cz_cli_print_problems(&pb);
	cz_problems_free(&pb);
	code = cz_cli_exit_code(st);
	if (code == CZ_EXIT_OK && !o.quiet)
		fprintf(stderr,
			"%s écrit ; une fois rempli, « conciergerie import %s -o projet.yaml » en tire le "
			"fichier de projet.\n",
			o.output, o.output);
out:
	cz_project_free(p);
	cz_referential_free(ref);
	return code;
}
