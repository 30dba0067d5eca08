/*
 * diff: what changed between two snapshots of a project (lib/diff.h). Each
 * side is a file, `-`, or REV:path read from git (cmd/snapshot.h).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diff.h"
#include "output.h"
#include "snapshot.h"
#include "text.h"

static const cz_analysis *const writes[] = { &cz_analysis_diff, NULL };

const cz_cmd_spec cz_spec_diff = {
	.name = "diff",
	.summary = "ce qui a changé entre deux relevés d'un projet (fichiers ou révisions git)",
	.help =
		"usage\u00A0: conciergerie diff [-f @FORMATS@] [-o CHEMIN] [--referentiel FICHIER]\n"
		"                          [--exit-code] [--strict] [-q] AVANT APRÈS\n"
		"\n"
		"Compare deux relevés d'un même projet\u00A0: les analyses de chacun (diagnostic,\n"
		"bilan du test, tableau de bord, canevas) sont faites, puis comparées. Le\n"
		"document commence par un résumé de ce qui a bougé, suivi du tableau des\n"
		"chiffres du portefeuille avant → après, puis du détail, section par section\u00A0:\n"
		"  - phase déclarée et phase étayée, avancement de chaque phase\u202F;\n"
		"  - étapes dont le statut a changé, compétences gagnées ou perdues\u202F;\n"
		"  - alertes apparues ou levées\u202F;\n"
		"  - verdict et score du test, valeur et statut de chaque indicateur\u202F;\n"
		"  - activité\u00A0: mois corrigés, mois ajoutés ou retirés\u202F;\n"
		"  - ressources par pilier (comme au tableau de bord) et prêts\u202F;\n"
		"  - offres, besoins et acteurs ajoutés, retirés ou modifiés\u202F;\n"
		"  - éléments du canevas ajoutés ou retirés, bloc par bloc.\n"
		"Une section sans changement n'a pas de détail. Deux relevés identiques\n"
		"donnent une seule ligne\u00A0: «\u00A0Aucun changement\u00A0».\n"
		"\n"
		"AVANT et APRÈS sont chacun un fichier de projet, «\u00A0-\u00A0» (l'entrée standard)\n"
		"ou RÉVISION:chemin, le fichier tel que git le garde dans une révision du\n"
		"dépôt où l'on se trouve (HEAD~1:projet.yaml, v1.0:projets/a.yaml…)\u202F; le\n"
		"chemin se lit depuis le répertoire courant, comme l'autre côté. Un fichier\n"
		"qui existe sous ce nom est lu comme un fichier.\n"
		"\n"
		"Les deux relevés doivent être du même projet (même «\u00A0projet.nom\u00A0»)\u00A0: sinon\n"
		"un avertissement est affiché, et avec --strict la comparaison est refusée.\n"
		"\n"
		"Formats\u00A0: md (par défaut), json, xlsx (feuilles «\u00A0Diff synthèse\u00A0»\u00A0: résumé et\n"
		"chiffres avant → après, l'écart en formule\u202F; «\u00A0Diff détail\u00A0»\u00A0: un changement\n"
		"par ligne, à filtrer), html (une page autonome, à ouvrir ou imprimer).\n"
		"Sortie standard ou -o FICHIER\u202F; xlsx exige -o.\n"
		"\n"
		"Options\u00A0:\n"
		"  -f, --format FORMAT    @FORMATS@ (déduit de l'extension de -o)\n"
		"  -o, --output CHEMIN    fichier (ou répertoire existant)\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  --exit-code            sortir avec le code 10 si le verdict du test a reculé\n"
		"                         ou si une alerte critique est apparue\n"
		"  --strict               refuser deux relevés de projets différents\n"
		"  -q, --quiet            ne pas afficher l'avertissement de noms différents\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Le verdict recule quand il descend dans l'ordre GO, RÉAJUSTER, INCOMPLET,\n"
		"NO-GO (un ordre choisi par l'outil)\u202F; «\u00A0non évalué\u00A0» et «\u00A0avant le test\u00A0»\n"
		"ne sont pas classés.\n"
		"\n"
		"Codes de sortie\u00A0:\n"
		"  0   comparaison produite (même avec des changements, sans --exit-code)\n"
		"  1   un des fichiers de projet est invalide\n"
		"  2   erreur d'utilisation, ou projets différents avec --strict\n"
		"  3   lecture ou écriture impossible (dont\u00A0: pas de dépôt git, révision\n"
		"      inconnue, fichier absent de la révision)\n"
		"  10  avec --exit-code\u00A0: verdict en recul ou nouvelle alerte critique\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_EXIT_CODE | CZ_OPT_STRICT,
	.min_args = 2,
	.max_args = 2,
	.writes = writes,
};

int cmd_diff(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_diff, argc, argv, &o);
	if (code >= 0)
		return code;
	if (strcmp(o.argv[0], "-") == 0 && strcmp(o.argv[1], "-") == 0)
		return cz_cli_usage_error(&cz_spec_diff, "l'entrée standard ne peut servir qu'à un des deux relevés");
	/* Files among the sides, which must never be written. */
	char *files[2];
	size_t n_files = 0;
	for (int i = 0; i < 2; i++)
		if (!cz_snapshot_is_git(o.argv[i]))
			files[n_files++] = o.argv[i];
	const cz_analysis *a[] = { &cz_analysis_diff };
	cz_output_plan plan = { a, 1, 1, false, false, CZ_FMT_MD };
	cz_output out;
	cz_referential *ref = NULL;
	cz_project *p[2] = { NULL, NULL };
	cz_diff *d = NULL;
	code = cz_output_open(&out, &o, &plan, files, n_files);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_referential(&o, &ref);
	for (int i = 0; i < 2 && code == CZ_EXIT_OK; i++)
		code = cz_snapshot_load(o.argv[i], ref, &p[i]);
	if (code != CZ_EXIT_OK)
		goto out;
	if (strcmp(p[0]->projet.nom, p[1]->projet.nom) != 0) {
		/* the names as one-line excerpts: no control character reaches the terminal */
		char n0[96], n1[96];
		cz_excerpt(p[0]->projet.nom, strlen(p[0]->projet.nom), n0, sizeof(n0));
		cz_excerpt(p[1]->projet.nom, strlen(p[1]->projet.nom), n1, sizeof(n1));
		if (o.strict) {
			cz_cli_errorf(NULL, "diff\u00A0: les deux relevés ne sont pas du même projet («\u00A0%s\u00A0» et «\u00A0%s\u00A0»)\u202F; "
					    "comparaison refusée avec --strict",
				      n0, n1);
			code = CZ_EXIT_USAGE;
			goto out;
		}
		if (!o.quiet)
			fprintf(stderr, "conciergerie diff\u00A0: avertissement\u00A0: les deux relevés ne portent pas le même nom "
					"de projet («\u00A0%s\u00A0» et «\u00A0%s\u00A0»)\n",
				n0, n1);
	}
	cz_options opts = cz_cli_options(&o);
	cz_status st = cz_diff_run(p[0], p[1], ref, &opts, &d);
	if (st != CZ_OK) {
		cz_cli_errorf(NULL, "diff\u00A0: %s", cz_status_str(st));
		code = cz_cli_exit_code(st);
		goto out;
	}
	cz_part part = { &cz_analysis_diff, d };
	cz_document doc = { .parts = &part, .n_parts = 1 };
	code = cz_output_write(&out, o.argv[1], cz_analysis_diff.suffix, false, &doc, ref, &opts,
			       cz_cli_epoch(p[1]), NULL);
	if (code == CZ_EXIT_OK)
		code = cz_output_close(&out);
	if (code == CZ_EXIT_OK && o.exit_code)
		code = cz_analysis_exit_code(&cz_analysis_diff, d);
out:
	cz_diff_free(d);
	cz_project_free(p[1]);
	cz_project_free(p[0]);
	cz_referential_free(ref);
	cz_output_free(&out);
	return code;
}
