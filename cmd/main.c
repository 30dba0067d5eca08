/*
 * conciergerie: git-style dispatch. Each command lives in cmd/<name>.c; this
 * table is the one list of them, and `help` and usage errors read it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"
#include "cmd.h"

static const cz_command commands[] = {
	{ &cz_spec_bmc, cmd_bmc },
	{ &cz_spec_diag, cmd_diag },
	{ &cz_spec_diff, cmd_diff },
	{ &cz_spec_evolution, cmd_evolution },
	{ &cz_spec_fiche, cmd_fiche },
	{ &cz_spec_import, cmd_import },
	{ &cz_spec_indicators, cmd_indicators },
	{ &cz_spec_init, cmd_init },
	{ &cz_spec_referentiel, cmd_referentiel },
	{ &cz_spec_report, cmd_report },
	{ &cz_spec_skills, cmd_skills },
	{ &cz_spec_test_phase, cmd_test_phase },
	{ &cz_spec_validate, cmd_validate },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *f)
{
	fputs("usage\u00A0: conciergerie [--version] [--help] COMMANDE [options] [FICHIER...]\n", f);
}

/* The formats of the project analyses, for the general help. */
static const cz_analysis *const cz_project_analyses_list[] = {
	&cz_analysis_diag, &cz_analysis_test_phase, &cz_analysis_indicators, &cz_analysis_bmc,
	&cz_analysis_skills, NULL,
};

static void print_help(void)
{
	print_usage(stdout);
	fputs("\nBoîte à outils des conciergeries de territoire\u00A0: un projet tient dans un\n"
	      "fichier YAML, dont conciergerie tire les documents de travail du porteur\n"
	      "et des structures d'accompagnement.\n\nCommandes\u00A0:\n",
	      stdout);
	for (size_t i = 0; i < N_COMMANDS; i++)
		printf("  %-12s %s\n", commands[i].spec->name, commands[i].spec->summary);
	cz_buf formats;
	cz_buf_init(&formats);
	cz_cli_formats(cz_project_analyses_list, "|", &formats);
	printf("  help         afficher l'aide d'une commande (conciergerie help COMMANDE)\n"
	       "\nOptions communes\u00A0: -f, --format %s\u202F; -o, --output CHEMIN\u202F;\n",
	       cz_buf_ok(&formats) && formats.data ? formats.data : "");
	cz_buf_free(&formats);
	fputs("--referentiel FICHIER\u202F; -q, --quiet\u202F; -h, --help. FICHIER peut valoir «\u00A0-\u00A0»\n"
	      "(entrée standard). Règles de sortie (formats, noms, fichiers existants,\n"
	      "liens, périphériques)\u00A0: «\u00A0man conciergerie\u00A0», section SORTIES.\n"
	      "\nCodes de sortie\u00A0:\n"
	      "  0   succès\n"
	      "  1   fichier invalide (erreur YAML ou de format)\u00A0: rien n'est écrit pour\n"
	      "      lui\u202F; avec plusieurs fichiers, les autres sont traités\n"
	      "  2   erreur d'utilisation (option inconnue, argument manquant, format ou\n"
	      "      extension inconnus, -o qui désigne une entrée)\n"
	      "  3   erreur d'entrée-sortie (lecture ou écriture impossible)\n"
	      "  10, 11, 12  avec --exit-code seulement (voir l'aide de chaque commande)\n",
	      stdout);
}

static const cz_command *find(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].spec->name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "conciergerie\u00A0: commande inconnue «\u00A0%s\u00A0»\n", name);
	print_usage(stderr);
	fputs("Voir «\u00A0conciergerie help\u00A0» pour la liste des commandes.\n", stderr);
	return CZ_EXIT_USAGE;
}

/* Run `man conciergerie-NAME`; true when man found and showed the page. */
static bool show_man_page(const char *name)
{
	char page[64];
	snprintf(page, sizeof(page), "conciergerie-%s", name);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, STDERR_FILENO);
		execlp("man", "man", page, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_help();
		return CZ_EXIT_OK;
	}
	if (argc > 2) {
		fputs("usage\u00A0: conciergerie help [COMMANDE]\n", stderr);
		return CZ_EXIT_USAGE;
	}
	if (strcmp(argv[1], "help") == 0) {
		fputs("usage\u00A0: conciergerie help [COMMANDE]\n\nAffiche l'aide générale, ou celle d'une commande.\n", stdout);
		return CZ_EXIT_OK;
	}
	const cz_command *c = find(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	/* On a terminal, open the manual page as git does; when it is not
	 * installed, or output goes to a pipe, print the same help text. */
	if (isatty(STDOUT_FILENO) && show_man_page(c->spec->name))
		return CZ_EXIT_OK;
	cz_cli_print_help(c->spec);
	return CZ_EXIT_OK;
}

/* A full disk or a closed pipe on stdout is an error, not silence. */
static int finish(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cz_cli_errorf(NULL, "écriture impossible sur la sortie standard (%s)", cz_errno_str(errno));
		return code == CZ_EXIT_OK ? CZ_EXIT_IO : code;
	}
	return code;
}

/* Interrupted (SIGINT, SIGTERM, SIGHUP): remove the temporary files of the
 * reports being written (finished reports stay), then die of the same
 * signal, so the caller sees it (status 130, 143 or 129 in a shell). Only
 * async-signal-safe calls: unlink and rmdir, signal, raise. */
static void on_signal(int sig)
{
	cz_atomic_remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signal_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		/* a signal the caller ignores (nohup, a background job) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int main(int argc, char **argv)
{
	install_signal_handlers();
	if (argc < 2) {
		print_usage(stderr);
		fputs("Voir «\u00A0conciergerie help\u00A0» pour la liste des commandes.\n", stderr);
		return CZ_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("conciergerie %s\n", CZ_VERSION);
		return finish(CZ_EXIT_OK);
	}
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return finish(cmd_help(1, argv + 1));
	if (!strcmp(name, "help"))
		return finish(cmd_help(argc - 1, argv + 1));
	const cz_command *c = find(name);
	if (!c) {
		if (name[0] == '-') {
			fprintf(stderr, "conciergerie\u00A0: option inconnue «\u00A0%s\u00A0»\n", name);
			print_usage(stderr);
			return CZ_EXIT_USAGE;
		}
		return unknown_command(name);
	}
	int code = finish(c->run(argc - 1, argv + 1));
	/* Every failure says what failed: should a path of a command forget to,
	 * this line still does. */
	if (code >= CZ_EXIT_INVALID && code <= CZ_EXIT_IO && !cz_cli_error_said())
		fprintf(stderr, "conciergerie %s\u00A0: échec (code de sortie %d)\n", name, code);
	return code;
}
