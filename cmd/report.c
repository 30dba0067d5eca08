/*
 * report: every analysis per project, plus a portfolio across projects.
 *
 * Each worker (-j N, threads: cmd/jobs.h) handles one project at a time
 * (load, analyse, write, free) and only a summary row is kept for the
 * portfolio, so memory stays flat whatever the number of files. Names are
 * given and rows, messages and progress delivered in input order, so every
 * output is the same whatever N.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "indicators.h"
#include "jobs.h"
#include "loader.h"
#include "output.h"
#include "portfolio.h"
#include "testphase.h"

/* Every project analysis, then the portfolio. */
static const cz_analysis *const writes[] = { &cz_analysis_diag, &cz_analysis_test_phase,
					     &cz_analysis_indicators, &cz_analysis_bmc,
					     &cz_analysis_skills, &cz_analysis_portfolio, NULL };

const cz_cmd_spec cz_spec_report = {
	.name = "report",
	.summary = "tous les rapports de chaque projet et le portefeuille de projets",
	.help =
		"usage\u00A0: conciergerie report [-f @FORMATS@] -o RÉPERTOIRE [--referentiel FICHIER]\n"
		"                            [--taux-benevolat EUROS] [--charts] [-j N] [-q]\n"
		"                            FICHIER|RÉPERTOIRE...\n"
		"\n"
		"Produit, pour chaque projet, un document qui réunit toutes les analyses\u00A0:\n"
		"le diagnostic (diag), la décision de sortie de test (test-phase, quand la\n"
		"phase déclarée est le test ou au-delà), le tableau de bord (indicators,\n"
		"quand des relevés d'activité existent), le modèle économique (bmc) et les\n"
		"grilles de compétences (skills). En xlsx, un classeur par projet, avec une\n"
		"feuille par partie de chaque analyse. En html, une page par projet, à ouvrir\n"
		"dans un navigateur et à imprimer en A4 (ou en PDF)\u00A0: l'essentiel d'abord,\n"
		"puis une analyse par page, le canevas sur une page paysage.\n"
		"\n"
		"Produit aussi RÉPERTOIRE/portefeuille.EXT (RÉPERTOIRE/index.html en html,\n"
		"où chaque projet mène à sa page)\u00A0: une ligne par projet (nom,\n"
		"type, phase déclarée, avancement de la phase, phase étayée, verdict du\n"
		"test («\u00A0non évalué\u00A0» au-delà du test sans section test), couverture des\n"
		"compétences, couverture des charges et autofinancement (hors prêts),\n"
		"prêts et avances remboursables (trésorerie), répartition sur les quatre\n"
		"piliers, alertes critiques, fichier de départ encore à remplir), les\n"
		"fichiers invalides avec leur première erreur, et les totaux par phase\n"
		"et par verdict. En html, les colonnes se trient d'un clic sur l'en-tête.\n"
		"En xlsx, le tableau se trie et se filtre, et une feuille\n"
		"de synthèse compte les projets par des formules.\n"
		"\n"
		"Un RÉPERTOIRE donné en entrée apporte tous ses fichiers *.yaml et *.yml,\n"
		"dans l'ordre alphabétique\u202F; un même fichier atteint deux fois (répertoire\n"
		"et chemin, lien) n'est rapporté qu'une fois, avec une remarque. Chaque\n"
		"rapport porte le nom de son fichier sans l'extension\u202F; quand deux fichiers\n"
		"ont le même nom, le second reçoit\n"
		"le suffixe -2, le suivant -3, etc. Un fichier invalide n'arrête pas les\n"
		"autres\u00A0: ses erreurs sont affichées, il figure au portefeuille et le code\n"
		"de sortie final vaut 1.\n"
		"\n"
		"Options\u00A0:\n"
		"  -o, --output RÉPERTOIRE  répertoire des rapports (créé au besoin, avec ses\n"
		"                           parents)\n"
		"  -f, --format FORMAT      @FORMATS@ (md par défaut)\n"
		"  --referentiel FICHIER    utiliser un référentiel amendé\n"
		"  --taux-benevolat EUROS   valeur d'une heure bénévole dans les tableaux de bord\n"
		"  --charts                 en Markdown, graphiques Mermaid dans le tableau de\n"
		"                           bord (recettes et charges par mois, ressources par\n"
		"                           pilier)\u202F; sans effet en html (qui a toujours ses\n"
		"                           graphiques), xlsx (graphiques natifs) et json\n"
		"  -j, --jobs N             traiter N projets à la fois (par défaut\u00A0: un par\n"
		"                           processeur disponible, 64 au plus\u202F; 1 à 64)\n"
		"  -q, --quiet              ni ligne de progression ni bilan final\n"
		"  -h, --help               afficher cette aide\n"
		"\n"
		"Sur un terminal, une ligne de progression s'affiche sur la sortie d'erreur.\n"
		"Quel que soit -j, les rapports, le portefeuille (dans l'ordre des entrées),\n"
		"les messages et leur ordre sont les mêmes, octet pour octet.\n"
		"Dans un RÉPERTOIRE d'entrée, un lien cassé, un tube nommé, une socket ou un\n"
		"sous-répertoire nommé *.yaml est signalé et ignoré. Dans le répertoire des\n"
		"rapports, un lien ou un tube qui porte le nom d'un rapport est remplacé,\n"
		"jamais suivi. Interrompue (Ctrl-C), la commande supprime les fichiers\n"
		"temporaires des rapports en cours\u202F; les rapports finis restent.\n"
		"\n"
		"Code de sortie\u00A0: 0 si tous les projets sont rapportés, 1 si un fichier est\n"
		"invalide, 2 en cas d'erreur d'utilisation (dont un rapport qui serait écrit\n"
		"sur une entrée), 3 en cas d'erreur d'entrée-sortie (dont un fichier\n"
		"illisible, compté à part au portefeuille).\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_TAUX | CZ_OPT_CHARTS | CZ_OPT_JOBS,
	.min_args = 1,
	.max_args = -1,
	.writes = writes,
};

static bool always(const cz_project *p)
{
	(void)p;
	return true;
}

static bool with_activity(const cz_project *p)
{
	return p->n_activite > 0;
}

/* The parts of a project's report, in reading order. */
enum { PART_DIAG, PART_TEST, PART_INDICATORS, PART_BMC, PART_SKILLS, N_PARTS };
static const struct {
	const cz_analysis *analysis;
	bool (*applies)(const cz_project *p);
} parts[N_PARTS] = {
	[PART_DIAG] = { &cz_analysis_diag, always },
	[PART_TEST] = { &cz_analysis_test_phase, cz_testphase_applies },
	[PART_INDICATORS] = { &cz_analysis_indicators, with_activity },
	[PART_BMC] = { &cz_analysis_bmc, always },
	[PART_SKILLS] = { &cz_analysis_skills, always },
};

/* --- inputs ------------------------------------------------------------ */

typedef struct {
	char **paths;
	size_t count, cap;
} path_list;

static bool list_add(path_list *l, char *path)
{
	if (!path)
		return false;
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **p = realloc(l->paths, cap * sizeof(*p));
		if (!p) {
			free(path);
			return false;
		}
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->count++] = path;
	return true;
}

static void list_free(path_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->paths[i]);
	free(l->paths);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool yaml_name(const char *name)
{
	size_t l = strlen(name);
	return name[0] != '.' && ((l > 5 && !strcmp(name + l - 5, ".yaml")) ||
				  (l > 4 && !strcmp(name + l - 4, ".yml")));
}

/* Why an entry named like a project is not read ("" to read it). */
static const char *skip_reason(const char *path)
{
	struct stat lsb, sb;
	if (lstat(path, &lsb) != 0)
		return "disparu pendant la lecture du répertoire";
	bool link = S_ISLNK(lsb.st_mode);
	if (link && stat(path, &sb) != 0)
		return "lien symbolique cassé";
	mode_t m = link ? sb.st_mode : lsb.st_mode;
	/* A FIFO is never opened: reading it would wait for a writer forever. */
	return S_ISREG(m)    ? ""
	       : S_ISDIR(m)  ? "répertoire (les sous-répertoires ne sont pas parcourus)"
	       : S_ISFIFO(m) ? "tube nommé (FIFO)"
	       : S_ISSOCK(m) ? "socket"
			     : "fichier spécial de périphérique";
}

/* A directory's *.yaml / *.yml files, sorted; the entries named so that
 * are not files are said, one line each. Returns an exit code. */
static int add_directory(path_list *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		cz_cli_errorf(dir, "lecture du répertoire impossible (%s)", cz_errno_str(errno));
		return CZ_EXIT_IO;
	}
	size_t first = l->count;
	path_list skipped = { NULL, 0, 0 };
	struct dirent *e;
	int code = CZ_EXIT_OK;
	while ((e = readdir(d)) != NULL) {
		if (!yaml_name(e->d_name))
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (!path) {
			code = CZ_EXIT_IO;
			break;
		}
		snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		const char *why = skip_reason(path);
		if (*why) {
			size_t ml = len + strlen(why) + 32;
			char *msg = malloc(ml);
			if (msg)
				snprintf(msg, ml, "%s\u00A0: ignoré, %s", path, why);
			free(path);
			if (!list_add(&skipped, msg)) {
				code = CZ_EXIT_IO;
				break;
			}
			continue;
		}
		if (!list_add(l, path)) {
			code = CZ_EXIT_IO;
			break;
		}
	}
	closedir(d);
	/* An empty directory leaves l->paths NULL, which qsort must not get. */
	if (l->count > first)
		qsort(l->paths + first, l->count - first, sizeof(char *), cmp_str);
	if (skipped.count)
		qsort(skipped.paths, skipped.count, sizeof(char *), cmp_str);
	for (size_t i = 0; i < skipped.count; i++)
		fprintf(stderr, "%s\n", skipped.paths[i]);
	list_free(&skipped);
	if (code != CZ_EXIT_OK)
		cz_cli_errorf(dir, "mémoire insuffisante pour lister le répertoire");
	return code;
}

/* --- one project ----------------------------------------------------------- */

/* Taking a report's name, in input order. */
typedef struct {
	cz_output *out;
	const char *input;
	const char *name;
} naming;

static void take_name(void *arg)
{
	naming *n = arg;
	n->name = cz_output_take_name(n->out, n->input, "");
}

/* Analyse one project and write its report; returns an exit code. A
 * report that cannot be written still leaves its row, saying why in
 * row->report_error (malloc'd, the caller frees it). `jobs`: the worker's
 * run (NULL in a single thread), for the turn of the name. */
static int report_project(cz_output *out, const cz_referential *ref, const cz_options *opts,
			  const cz_project *p, cz_portfolio_row *row, cz_jobs *jobs, size_t index)
{
	void *res[N_PARTS] = { NULL };
	cz_part doc_parts[N_PARTS];
	size_t n = 0;
	int code = CZ_EXIT_OK;
	cz_status st = CZ_OK;
	/* The diag analysis decides the test phase for its summary: the
	 * test-phase part shows that same result, borrowed, not computed twice. */
	bool test_borrowed = false;
	for (int i = 0; i < N_PARTS && st == CZ_OK; i++) {
		if (!parts[i].applies(p))
			continue;
		const cz_diag *d = res[PART_DIAG];
		if (i == PART_TEST && d && d->testphase) {
			res[i] = d->testphase;
			test_borrowed = true;
		} else {
			res[i] = parts[i].analysis->run(p, ref, opts, &st);
		}
		if (res[i])
			doc_parts[n++] = (cz_part){ parts[i].analysis, res[i] };
	}
	if (st != CZ_OK) {
		cz_cli_errorf(p->file, "%s", cz_status_str(st));
		row->report_error = strdup(cz_status_str(st));
		code = cz_cli_exit_code(st);
		goto out;
	}
	cz_document doc = { .parts = doc_parts, .n_parts = n, .combined = true,
			    .title = p->projet.nom, .file = p->file,
			    .text_safe = p->text_safe && ref->text_safe };
	naming nm = { out, p->file, NULL };
	if (jobs)
		cz_jobs_in_turn(jobs, index, take_name, &nm);
	else
		take_name(&nm);
	const char *name = nm.name;
	char *error = NULL;
	code = name ? cz_output_write_as(out, p->file, name, &doc, ref, opts, cz_cli_epoch(p), &error)
		    : CZ_EXIT_IO;
	if (code != CZ_EXIT_OK)
		row->report_error = error ? error : strdup("le rapport n'a pas pu être écrit");
	else
		free(error);
	if (code == CZ_EXIT_OK) {
		cz_portfolio_row_fill(row, p, res[PART_DIAG], res[PART_TEST], res[PART_INDICATORS]);
		/* the portfolio links to the report: its file name without the extension */
		row->report = strndup(name, strlen(name) - strlen(out->fmt->name) - 1);
		if (!row->report)
			code = CZ_EXIT_IO;
	}
out:
	for (int i = 0; i < N_PARTS; i++)
		if (res[i] && !(i == PART_TEST && test_borrowed))
			parts[i].analysis->free(res[i]);
	return code;
}

/* --- the run --------------------------------------------------------------- */

/* The first problem of an invalid file, as "line:column: message". */
static char *first_problem(const cz_problems *pb)
{
	if (pb->count == 0)
		return strdup("fichier invalide");
	const cz_problem *p = &pb->items[0];
	size_t len = strlen(p->message) + 32;
	char *s = malloc(len);
	if (!s)
		return NULL;
	if (p->line)
		snprintf(s, len, "%u:%u: %s", p->line, p->column, p->message);
	else
		snprintf(s, len, "%s", p->message);
	return s;
}

static void progress(bool show, size_t i, size_t n, const char *file)
{
	if (!show)
		return;
	const char *base = strrchr(file, '/');
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, n, base ? base + 1 : file);
	if (i + 1 == n)
		fputc('\n', stderr);
}

/* One input, by identity. */
typedef struct {
	dev_t dev;
	ino_t ino;
	size_t index;
} input_id;

static int cmp_id(const void *a, const void *b)
{
	const input_id *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The same file reached twice (a directory and a path into it, a link, two
 * spellings: same device and inode) is reported once, where it first
 * comes; each other occurrence is said on stderr. Sorted, so a long list
 * stays fast. Returns an exit code. */
static int dedupe(path_list *l)
{
	input_id *ids = l->count ? malloc(l->count * sizeof(*ids)) : NULL;
	const char **first = l->count ? calloc(l->count, sizeof(*first)) : NULL;
	if (l->count && (!ids || !first)) {
		free(ids);
		free(first);
		cz_cli_errorf(NULL, "report\u00A0: mémoire insuffisante");
		return CZ_EXIT_IO;
	}
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++) {
		struct stat sb;
		/* standard input and what cannot be read are left to the loader */
		if (strcmp(l->paths[i], "-") != 0 && stat(l->paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
			ids[n++] = (input_id){ sb.st_dev, sb.st_ino, i };
	}
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_id);
	for (size_t k = 1; k < n; k++)
		if (ids[k].dev == ids[k - 1].dev && ids[k].ino == ids[k - 1].ino)
			first[ids[k].index] = first[ids[k - 1].index] ? first[ids[k - 1].index] : l->paths[ids[k - 1].index];
	size_t kept = 0;
	for (size_t i = 0; i < l->count; i++) {
		if (first[i]) {
			/* first[i] is a kept path: the one freed here is no one's first */
			if (strcmp(l->paths[i], first[i]) == 0)
				fprintf(stderr, "%s\u00A0: donné plusieurs fois, rapporté une seule fois\n", l->paths[i]);
			else
				fprintf(stderr, "%s\u00A0: même fichier que «\u00A0%s\u00A0», rapporté une seule fois\n", l->paths[i],
					first[i]);
			free(l->paths[i]);
			continue;
		}
		l->paths[kept++] = l->paths[i];
	}
	free(ids);
	free(first);
	l->count = kept;
	return CZ_EXIT_OK;
}

/* The inputs: files as given, directories' *.yaml and *.yml. */
static int gather(const cz_opts *o, path_list *inputs)
{
	int worst = CZ_EXIT_OK, code;
	for (int i = 0; i < o->argc; i++) {
		struct stat sb;
		if (strcmp(o->argv[i], "-") != 0 && stat(o->argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			code = add_directory(inputs, o->argv[i]);
		} else {
			char *copy = strdup(o->argv[i]);
			code = list_add(inputs, copy) ? CZ_EXIT_OK : CZ_EXIT_IO;
		}
		if (code > worst)
			worst = code;
	}
	code = dedupe(inputs);
	return code > worst ? code : worst;
}

/* What the workers share (read only, but for `out`'s names, taken in
 * turn), and what the calling thread keeps. */
typedef struct {
	cz_output *out;
	const cz_referential *ref;
	cz_options opts;
	const path_list *inputs;
	bool show_progress;
	/* the calling thread's only */
	cz_portfolio *pf;
	size_t n_valid, n_unreadable, n_unwritten;
	int worst;
} run;

/* One project's result, until it is kept in input order. */
typedef struct {
	cz_portfolio_row row; /* its row (owned copies) */
	bool has_row;         /* false when out of memory */
	int code;
	enum { OUT_INVALID, OUT_UNREADABLE, OUT_VALID, OUT_UNWRITTEN } kind;
} outcome;

/* Load, analyse and write project i; its row into res. */
static void report_one(run *r, cz_jobs *jobs, size_t i, outcome *res)
{
	const char *file = r->inputs->paths[i];
	res->has_row = false;
	cz_portfolio_row row = { 0 };
	row.file = (char *)file;
	cz_problems pb;
	cz_problems_init(&pb, file);
	cz_project *p = NULL;
	int code;
	cz_status st = cz_project_load_file(file, r->ref, &p, &pb);
	if (st != CZ_OK) {
		cz_cli_print_problems(&pb);
		code = cz_cli_exit_code(st);
		row.unreadable = code == CZ_EXIT_IO;
		res->kind = row.unreadable ? OUT_UNREADABLE : OUT_INVALID;
		row.first_error = first_problem(&pb);
		row.report = (char *)"";
		res->has_row = cz_portfolio_row_copy(&res->row, &row) == CZ_OK;
		if (!res->has_row)
			code = CZ_EXIT_IO;
		free(row.first_error);
	} else {
		row.valid = true;
		row.name = (char *)p->projet.nom;
		row.type = p->projet.type;
		row.phase = p->projet.phase;
		row.date = p->projet.date;
		code = report_project(r->out, r->ref, &r->opts, p, &row, jobs, i);
		/* A report that could not be written keeps its row, which
		 * says so: the portfolio never loses a project. */
		res->kind = code == CZ_EXIT_OK ? OUT_VALID : OUT_UNWRITTEN;
		res->has_row = cz_portfolio_row_copy(&res->row, &row) == CZ_OK;
		if (!res->has_row && code < CZ_EXIT_IO)
			code = CZ_EXIT_IO;
		free(row.report);
		free(row.report_error);
		cz_project_free(p);
	}
	cz_problems_free(&pb);
	res->code = code;
}

/* Keep a project's result, in input order. */
static void keep(run *r, outcome *res)
{
	int code = res->code;
	r->n_valid += res->kind == OUT_VALID;
	r->n_unreadable += res->kind == OUT_UNREADABLE;
	r->n_unwritten += res->kind == OUT_UNWRITTEN;
	if (res->has_row) {
		bool spooled = r->pf->error == 0;
		if (cz_portfolio_add(r->pf, &res->row) != CZ_OK && code < CZ_EXIT_IO)
			code = CZ_EXIT_IO;
		/* said once, at the first failure */
		if (spooled && r->pf->error)
			cz_cli_errorf(NULL, "portefeuille\u00A0: écriture du fichier temporaire des lignes impossible (%s)",
				      cz_errno_str(r->pf->error));
		cz_portfolio_row_free(&res->row);
	}
	if (code > r->worst)
		r->worst = code;
}

static void work(cz_jobs *j, void *ctx, size_t i, void *slot)
{
	report_one(ctx, j, i, slot);
}

/* The progress line and messages of project i, as one thread prints them. */
static void deliver(void *ctx, size_t i, void *slot, const char *messages, size_t len)
{
	run *r = ctx;
	progress(r->show_progress, i, r->inputs->count, r->inputs->paths[i]);
	fwrite(messages, 1, len, stderr);
	keep(r, slot);
}

int cmd_report(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_report, argc, argv, &o);
	if (code >= 0)
		return code;
	path_list inputs = { NULL, 0, 0 };
	int worst = gather(&o, &inputs);
	cz_output_plan plan = { writes, N_PARTS + 1, inputs.count + 1, true, false, CZ_FMT_MD };
	cz_output out;
	cz_referential *ref = NULL;
	cz_portfolio pf;
	cz_portfolio_init(&pf);
	code = cz_output_open(&out, &o, &plan, inputs.paths, inputs.count);
	if (code == CZ_EXIT_OK) {
		pf.spool_dir = out.path; /* the rows' file where the reports go */
		code = cz_cli_load_referential(&o, &ref);
	}
	/* The portfolio's own name is never given to a project. */
	if (code == CZ_EXIT_OK)
		code = cz_output_reserve(&out, cz_format_portfolio_stem(out.fmt));
	if (code != CZ_EXIT_OK) {
		worst = code;
		goto out;
	}
	run r = { .out = &out, .ref = ref, .opts = cz_cli_options(&o), .inputs = &inputs, .pf = &pf,
		  .show_progress = !o.quiet && isatty(STDERR_FILENO), .worst = worst };
	unsigned jobs = o.jobs ? o.jobs : cz_jobs_online_cpus(CZ_JOBS_MAX);
	if (jobs > 1 && inputs.count > 1) {
		cz_jobs_spec spec = { .n = inputs.count, .workers = jobs, .slot_size = sizeof(outcome),
				      .ctx = &r, .work = work, .deliver = deliver };
		if (!cz_jobs_run(&spec))
			jobs = 1; /* no memory for the workers' bookkeeping: one at a time */
	} else {
		jobs = 1;
	}
	if (jobs == 1) {
		for (size_t i = 0; i < inputs.count; i++) {
			outcome res = { 0 };
			progress(r.show_progress, i, inputs.count, inputs.paths[i]);
			report_one(&r, NULL, i, &res);
			keep(&r, &res);
		}
	}
	worst = r.worst;
	size_t n_valid = r.n_valid, n_unreadable = r.n_unreadable, n_unwritten = r.n_unwritten;
	cz_options opts = r.opts;
	cz_part part = { &cz_analysis_portfolio, &pf };
	cz_document doc = { .parts = &part, .n_parts = 1 };
	code = cz_output_write(&out, cz_format_portfolio_stem(out.fmt), "", true, &doc, ref, &opts,
			       cz_cli_epoch(NULL), NULL);
	if (code > worst)
		worst = code;
	if (!o.quiet && code == CZ_EXIT_OK) {
		size_t n_invalid = pf.count - n_valid - n_unreadable - n_unwritten;
		printf("%zu projet%s rapporté%s, %zu fichier%s invalide%s", n_valid, n_valid > 1 ? "s" : "",
		       n_valid > 1 ? "s" : "", n_invalid, n_invalid > 1 ? "s" : "", n_invalid > 1 ? "s" : "");
		if (n_unreadable)
			printf(", %zu illisible%s", n_unreadable, n_unreadable > 1 ? "s" : "");
		if (n_unwritten)
			printf(", %zu rapport%s non écrit%s", n_unwritten, n_unwritten > 1 ? "s" : "",
			       n_unwritten > 1 ? "s" : "");
		/* the path the portfolio was written to, joined as cmd/output.c
		 * joins it ("dossier/" gives "dossier/index.html") */
		size_t dl = strlen(o.output);
		printf("\u202F; portefeuille\u00A0: %s%s%s.%s\n", o.output, dl && o.output[dl - 1] == '/' ? "" : "/",
		       cz_format_portfolio_stem(out.fmt), out.fmt->name);
	}
out:
	cz_output_free(&out);
	cz_portfolio_free(&pf);
	cz_referential_free(ref);
	list_free(&inputs);
	return worst;
}
