/*
 * evolution: one row of the portfolio's figures per snapshot of a project
 * (lib/evolution.h), from files (ordered by projet.date) or from the
 * commits of git that touch one file (--git, commit order).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "evolution.h"
#include "indicators.h"
#include "output.h"
#include "portfolio.h"
#include "snapshot.h"
#include "testphase.h"
#include "text.h"

static const cz_analysis *const writes[] = { &cz_analysis_evolution, NULL };

const cz_cmd_spec cz_spec_evolution = {
	.name = "evolution",
	.summary = "les chiffres d'un projet relevé après relevé (fichiers ou historique git)",
	.help =
		"usage\u00A0: conciergerie evolution [-f @FORMATS@] [-o CHEMIN] [--referentiel FICHIER]\n"
		"                               [--taux-benevolat EUROS] [-q] FICHIER...\n"
		"        conciergerie evolution --git FICHIER [options]\n"
		"\n"
		"Suit un projet sur plusieurs relevés\u00A0: une ligne par relevé, avec les chiffres\n"
		"du portefeuille de «\u00A0conciergerie report\u00A0» (phase déclarée, avancement de la\n"
		"phase, phase étayée, verdict et score du test, couverture des compétences,\n"
		"couverture des charges et autofinancement hors prêts, alertes critiques,\n"
		"mois relevés), puis ce qui a changé du premier relevé au dernier.\n"
		"\n"
		"Les FICHIERs (fichiers de projet, «\u00A0-\u00A0», ou RÉVISION:chemin comme pour\n"
		"«\u00A0conciergerie diff\u00A0») sont rangés par date («\u00A0projet.date\u00A0»)\u202F; ceux qui n'en\n"
		"ont pas viennent à la fin, dans l'ordre donné. Avec --git FICHIER, les\n"
		"relevés sont les versions du fichier dans chaque commit qui l'a modifié,\n"
		"dans l'ordre des commits, lues dans le dépôt git où l'on se trouve.\n"
		"\n"
		"Formats\u00A0: md (par défaut), json, xlsx (feuille «\u00A0Évolution\u00A0» avec deux\n"
		"graphiques natifs\u00A0: les parts et ratios du projet, les alertes critiques),\n"
		"html (une page autonome, avec un graphique SVG par chiffre suivi).\n"
		"Sortie standard ou -o FICHIER\u202F; le format xlsx exige -o.\n"
		"\n"
		"Options\u00A0:\n"
		"  --git FICHIER          les versions de FICHIER dans l'historique git\n"
		"  -f, --format FORMAT    @FORMATS@ (déduit de l'extension de -o)\n"
		"  -o, --output CHEMIN    fichier (ou répertoire existant)\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  --taux-benevolat EUROS valeur d'une heure bénévole (ressources par pilier)\n"
		"  -q, --quiet            ne pas afficher l'avertissement de noms différents\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Codes de sortie\u00A0: 0 succès\u202F; 1 un relevé invalide (les autres sont\n"
		"montrés)\u202F; 2 erreur d'utilisation\u202F; 3 lecture ou écriture impossible (dont\u00A0:\n"
		"pas de dépôt git, fichier qu'aucun commit ne touche).\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_TAUX | CZ_OPT_GIT,
	.min_args = 0,
	.max_args = -1,
	.writes = writes,
};

/* One snapshot's row, from its analyses. */
static int add_snapshot(cz_evolution *e, const char *arg, const char *source, const cz_referential *ref,
			const cz_options *opts)
{
	cz_project *p = NULL;
	int code = cz_snapshot_load(arg, ref, &p);
	if (code != CZ_EXIT_OK)
		return code;
	cz_diag *d = NULL;
	cz_testphase *t = NULL;
	cz_indicators *ind = NULL;
	cz_ind_options io = { opts->taux_benevolat, opts->taux_given };
	cz_status st = cz_diag_run(p, ref, &d);
	if (st == CZ_OK && p->projet.phase >= CZ_PHASE_TEST)
		st = cz_testphase_run(p, ref, &t);
	if (st == CZ_OK && p->n_activite)
		st = cz_indicators_run(p, ref, &io, &ind);
	if (st == CZ_OK) {
		cz_portfolio_row row = { 0 };
		row.file = (char *)arg;
		row.valid = true;
		cz_portfolio_row_fill(&row, p, d, t, ind);
		st = cz_evolution_add(e, source, &row);
	}
	if (st != CZ_OK) {
		cz_cli_errorf(arg, "%s", cz_status_str(st));
		code = cz_cli_exit_code(st);
	}
	cz_indicators_free(ind);
	cz_testphase_free(t);
	cz_diag_free(d);
	cz_project_free(p);
	return code;
}

int cmd_evolution(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_evolution, argc, argv, &o);
	if (code >= 0)
		return code;
	if (o.git && o.argc)
		return cz_cli_usage_error(&cz_spec_evolution, "--git lit les relevés dans l'historique\u00A0: pas d'autre fichier");
	if (!o.git && !o.argc)
		return cz_cli_usage_error(&cz_spec_evolution, "il manque au moins un fichier (ou --git FICHIER)");
	int stdin_uses = 0;
	for (int i = 0; i < o.argc; i++)
		stdin_uses += strcmp(o.argv[i], "-") == 0;
	if (stdin_uses > 1)
		return cz_cli_usage_error(&cz_spec_evolution, "l'entrée standard ne peut servir qu'à un relevé");
	char **files = o.argc > 0 ? calloc((size_t)o.argc, sizeof(*files)) : NULL;
	size_t n_files = 0;
	if (o.argc > 0 && !files) {
		cz_cli_errorf(NULL, "evolution\u00A0: mémoire insuffisante");
		return CZ_EXIT_IO;
	}
	for (int i = 0; i < o.argc; i++)
		if (!cz_snapshot_is_git(o.argv[i]))
			files[n_files++] = o.argv[i];
	const cz_analysis *a[] = { &cz_analysis_evolution };
	cz_output_plan plan = { a, 1, 1, false, false, CZ_FMT_MD };
	cz_output out;
	cz_referential *ref = NULL;
	cz_evolution e;
	cz_evolution_init(&e, o.git != NULL);
	char **revs = NULL;
	size_t n_revs = 0;
	int worst = CZ_EXIT_OK;
	code = cz_output_open(&out, &o, &plan, files, n_files);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_referential(&o, &ref);
	if (code == CZ_EXIT_OK && o.git)
		code = cz_snapshot_git_commits(o.git, &revs, &n_revs);
	if (code != CZ_EXIT_OK)
		goto out;
	cz_options opts = cz_cli_options(&o);
	if (o.git) {
		for (size_t i = 0; i < n_revs; i++) {
			size_t len = strlen(revs[i]) + strlen(o.git) + 2;
			char *arg = malloc(len);
			if (!arg) {
				code = CZ_EXIT_IO;
				break;
			}
			snprintf(arg, len, "%s:%s", revs[i], o.git);
			char source[16];
			snprintf(source, sizeof(source), "%.7s", revs[i]);
			code = add_snapshot(&e, arg, source, ref, &opts);
			free(arg);
			if (code > worst)
				worst = code;
		}
	} else {
		for (int i = 0; i < o.argc; i++) {
			code = add_snapshot(&e, o.argv[i], o.argv[i], ref, &opts);
			if (code > worst)
				worst = code;
		}
	}
	if (e.count == 0) {
		if (worst == CZ_EXIT_OK)
			worst = CZ_EXIT_INVALID;
		goto out;
	}
	cz_status st = cz_evolution_finish(&e, ref);
	if (st != CZ_OK) {
		cz_cli_errorf(NULL, "evolution\u00A0: %s", cz_status_str(st));
		worst = cz_cli_exit_code(st);
		goto out;
	}
	if (e.names_differ && !o.quiet)
		fprintf(stderr, "conciergerie evolution\u00A0: avertissement\u00A0: les relevés ne portent pas tous le même "
				"nom de projet\n");
	const cz_evolution_point *lastp = &e.points[e.count - 1];
	cz_part part = { &cz_analysis_evolution, &e };
	cz_document doc = { .parts = &part, .n_parts = 1 };
	time_t created = cz_cli_epoch(NULL);
	if (!getenv("SOURCE_DATE_EPOCH") && lastp->row.date.set) {
		/* the last snapshot's date, as for one project */
		cz_project dated = { 0 };
		dated.projet.date = lastp->row.date;
		created = cz_cli_epoch(&dated);
	}
	code = cz_output_write(&out, o.git ? o.git : lastp->row.file, "-evolution", false, &doc, ref, &opts, created,
			       NULL);
	if (code == CZ_EXIT_OK)
		code = cz_output_close(&out);
	if (code > worst)
		worst = code;
out:
	if (code > worst)
		worst = code;
	cz_snapshot_free_list(revs, n_revs);
	cz_evolution_free(&e);
	cz_referential_free(ref);
	cz_output_free(&out);
	free(files);
	return worst;
}
