#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "fiche_import.h"
#include "output.h"
#include "loader.h"
#include "xlsx_read.h"

static const cz_analysis *const writes[] = { &cz_analysis_import, NULL };

const cz_cmd_spec cz_spec_import = {
	.name = "import",
	.summary = "relire une fiche remplie (ou une grille) en fichier de projet",
	.help =
		"usage\u00A0: conciergerie import FICHE.xlsx [-o PROJET.yaml] [--force]\n"
		"        conciergerie import CLASSEUR.xlsx --into PROJET.yaml [-o AUTRE.yaml]\n"
		"\n"
		"Relit un classeur rempli dans LibreOffice Calc, Excel ou un autre tableur.\n"
		"\n"
		"Une fiche écrite par «\u00A0conciergerie fiche\u00A0» donne un fichier de projet\n"
		"complet, commenté et ordonné comme celui de «\u00A0conciergerie init\u00A0», vérifié\n"
		"comme par «\u00A0validate\u00A0». Chaque problème est signalé avec sa feuille et sa\n"
		"cellule (fiche.xlsx:Activité!C14: …), tous à la fois\u202F; s'il y en a un, rien\n"
		"n'est écrit. Les valeurs se tapent comme dans un tableur\u00A0: nombres à virgule\n"
		"ou en texte («\u00A01\u202F200,50\u00A0»), dates en date ou en texte (2026-09-30,\n"
		"30/09/2026), mois (2026-01, 01/2026, janvier 2026), oui / non, libellés des\n"
		"listes déroulantes. Les feuilles peuvent être réordonnées\u202F; une feuille ou\n"
		"une colonne inconnue est ignorée, avec un avertissement.\n"
		"\n"
		"Avec --into, le classeur est une grille de compétences («\u00A0skills -f xlsx\u00A0»)\n"
		"ou un classeur de sortie de test («\u00A0test-phase -f xlsx\u00A0»)\u00A0: ses valeurs\n"
		"remplacent la rubrique competences ou test du fichier de projet donné, et\n"
		"le reste du fichier est gardé tel quel, commentaires compris. Le fichier est\n"
		"mis à jour sur place, ou le résultat écrit dans -o.\n"
		"\n"
		"Options\u00A0:\n"
		"  -o, --output FICHIER   le fichier de projet à écrire (un répertoire reçoit\n"
		"                         NOM.yaml)\u202F; «\u00A0-\u00A0» ou absent\u00A0: sortie standard (avec\n"
		"                         --into\u00A0: le fichier donné)\n"
		"  --into PROJET.yaml     reporter une grille de compétences ou un classeur\n"
		"                         test-phase dans ce fichier de projet\n"
		"  --force                remplacer un fichier existant donné par -o\n"
		"  --referentiel FICHIER  vérifier avec un référentiel amendé\n"
		"  -q, --quiet            ne pas afficher les avertissements ni le rappel final\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"FICHE.xlsx peut valoir «\u00A0-\u00A0» (entrée standard).\n"
		"\n"
		"Code de sortie\u00A0: 0 si le fichier est écrit, 1 si le classeur (ou le fichier\n"
		"de --into) est invalide, 2 en cas d'erreur d'utilisation (dont un fichier\n"
		"existant sans --force), 3 en cas d'erreur d'entrée-sortie.\n",
	.options = CZ_OPT_OUTPUT | CZ_OPT_INTO | CZ_OPT_FORCE | CZ_OPT_REF,
	.min_args = 1,
	.max_args = 1,
	.writes = writes,
};

static void print_warnings(const cz_problems *w)
{
	const char *file = w->file ? w->file : "-";
	for (size_t i = 0; i < w->count; i++) {
		const cz_problem *p = &w->items[i];
		if (p->where)
			fprintf(stderr, "%s:%s: attention\u00A0: %s\n", file, p->where, p->message);
		else
			fprintf(stderr, "%s: attention\u00A0: %s\n", file, p->message);
	}
}

/* The base name, for the first comment of the file written. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return strcmp(path, "-") == 0 ? "entrée standard" : slash ? slash + 1 : path;
}

static int report(cz_status st, const cz_problems *pb)
{
	cz_cli_print_problems(pb);
	if (st == CZ_ERR_NOMEM)
		fprintf(stderr, "%s: %s\n", pb->file ? pb->file : "conciergerie", cz_status_str(st));
	return cz_cli_exit_code(st);
}

/* Load the --into project file, keeping its text. */
static int load_into(const char *path, const cz_referential *ref, char **text, size_t *len,
		     cz_project **p)
{
	cz_problems pb;
	cz_problems_init(&pb, path);
	cz_status st = cz_read_file(path, cz_yaml_default_limits.max_bytes, text, len, &pb);
	if (st == CZ_OK)
		st = cz_project_load(*text, *len, path, ref, p, &pb);
	int code = st == CZ_OK ? CZ_EXIT_OK : report(st, &pb);
	cz_problems_free(&pb);
	return code;
}

int cmd_import(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_import, argc, argv, &o);
	if (code >= 0)
		return code;
	const char *input = o.argv[0];
	if (o.into && strcmp(o.into, "-") == 0)
		return cz_cli_usage_error(&cz_spec_import, "--into attend un fichier de projet, pas l'entrée standard");
	/* --into without -o updates that file in place, which is the point;
	 * any other output follows the rules of every command (cmd/output.h):
	 * standard output, never an input, an existing file only with --force. */
	bool in_place = o.into && !o.output;
	cz_output dest;
	memset(&dest, 0, sizeof(dest));
	cz_output_plan plan = { writes, 1, 1, false, true, CZ_FMT_YAML };
	char *inputs[] = { (char *)input, (char *)o.into };
	if (!in_place && (code = cz_output_open(&dest, &o, &plan, inputs, o.into ? 2 : 1)) != CZ_EXIT_OK) {
		cz_output_free(&dest);
		return code;
	}
	const char *target = in_place ? o.into : dest.kind == CZ_TO_STDOUT ? NULL : dest.path;
	cz_referential *ref = NULL;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK) {
		cz_output_free(&dest);
		return code;
	}

	char *data = NULL, *text = NULL;
	size_t len = 0, text_len = 0;
	cz_xbook *book = NULL;
	cz_project *base = NULL;
	cz_buf out;
	cz_buf_init(&out);
	cz_problems pb, warn;
	cz_problems_init(&pb, input);
	cz_problems_init(&warn, input);
	cz_status st = cz_read_file(input, cz_xlsx_default_limits.zip.max_archive, &data, &len, &pb);
	if (st == CZ_OK)
		st = cz_xlsx_read(data, len, NULL, &book, &pb);
	if (st != CZ_OK) {
		code = report(st, &pb);
		goto out;
	}
	cz_book_kind kind = cz_book_kind_of(book);
	bool changed = true;
	if (o.into) {
		if (kind == CZ_BOOK_FICHE) {
			code = cz_cli_usage_error(&cz_spec_import,
						  "«\u00A0%s\u00A0» est une fiche projet complète\u00A0: elle donne un fichier entier "
						  "(-o PROJET.yaml), pas une rubrique à reporter avec --into",
						  input);
			goto out;
		}
		if (kind == CZ_BOOK_UNKNOWN) {
			cz_problems_add(&pb, 0, 0,
					"ce classeur n'est ni une grille de compétences («\u00A0skills -f xlsx\u00A0») ni un "
					"classeur de sortie de test («\u00A0test-phase -f xlsx\u00A0»)");
			code = report(CZ_ERR_INVALID, &pb);
			goto out;
		}
		if ((code = load_into(o.into, ref, &text, &text_len, &base)) != CZ_EXIT_OK)
			goto out;
		st = cz_book_merge(book, ref, text, text_len, base, &out, &changed, &pb, &warn);
	} else {
		if (kind == CZ_BOOK_SKILLS || kind == CZ_BOOK_TESTPHASE) {
			code = cz_cli_usage_error(&cz_spec_import,
						  "«\u00A0%s\u00A0» est %s\u00A0: ajoutez --into PROJET.yaml pour en reporter les "
						  "valeurs dans un fichier de projet",
						  input,
						  kind == CZ_BOOK_SKILLS ? "une grille de compétences"
									 : "un classeur de sortie de test");
			goto out;
		}
		if (kind == CZ_BOOK_UNKNOWN) {
			cz_problems_add(&pb, 0, 0,
					"ce classeur n'est pas une fiche projet («\u00A0conciergerie fiche -o fiche.xlsx\u00A0» "
					"en écrit une à remplir)");
			code = report(CZ_ERR_INVALID, &pb);
			goto out;
		}
		st = cz_fiche_import(book, base_name(input), ref, &out, &pb, &warn);
	}
	if (!o.quiet)
		print_warnings(&warn);
	if (st != CZ_OK) {
		code = report(st, &pb);
		goto out;
	}
	if (o.into && !changed && target == o.into) {
		if (!o.quiet)
			fprintf(stderr, "%s\u00A0: rien à reporter, les valeurs du classeur sont déjà celles du fichier.\n",
				o.into);
		code = CZ_EXIT_OK;
		goto out;
	}
	if (in_place) {
		code = cz_cli_write(target, &out);
	} else {
		cz_part part = { &cz_analysis_import, &out };
		cz_document doc = { .parts = &part, .n_parts = 1 };
		cz_options opts = cz_cli_options(&o);
		/* In a directory, the project file takes the workbook's name. */
		char stem[256];
		const char *dot = strrchr(input, '.');
		size_t n = dot && strcmp(dot, ".xlsx") == 0 ? (size_t)(dot - input) : strlen(input);
		snprintf(stem, sizeof(stem), "%.*s", (int)(n < sizeof(stem) ? n : sizeof(stem) - 1), input);
		const char *name = NULL;
		code = cz_output_write(&dest, stem, "", false, &doc, ref, &opts, 0, &name);
		if (code == CZ_EXIT_OK)
			code = cz_output_close(&dest);
		if (code == CZ_EXIT_OK && name && !o.quiet)
			fprintf(stderr, "%s/%s écrit\u202F; vérifiez-le avec «\u00A0conciergerie diag %s/%s\u00A0».\n", dest.path,
				name, dest.path, name);
		if (name)
			target = NULL;
	}
	if (code == CZ_EXIT_OK && target && !o.quiet)
		fprintf(stderr, "%s écrit\u202F; vérifiez-le avec «\u00A0conciergerie diag %s\u00A0».\n", target, target);
out:
	cz_buf_free(&out);
	cz_problems_free(&pb);
	cz_problems_free(&warn);
	cz_xbook_free(book);
	cz_project_free(base);
	free(data);
	free(text);
	cz_referential_free(ref);
	cz_output_free(&dest);
	return code;
}
