/*
 * report: every analysis per project, plus a portfolio across projects.
 *
 * Projects are handled one at a time (load, analyse, write, free) and only
 * a summary row is kept for the portfolio, so memory stays flat whatever
 * the number of files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "cmd.h"
#include "diag.h"
#include "indicators.h"
#include "json.h"
#include "loader.h"
#include "out_names.h"
#include "portfolio.h"
#include "testphase.h"
#include "xlsx_file.h"

const cz_cmd_spec cz_spec_report = {
	.name = "report",
	.summary = "tous les rapports de chaque projet et le portefeuille de projets",
	.help =
		"usage : conciergerie report [-f md|xlsx|json] -o RÉPERTOIRE [--referentiel FICHIER]\n"
		"                            [--taux-benevolat EUROS] [-q] FICHIER|RÉPERTOIRE...\n"
		"\n"
		"Produit, pour chaque projet, un document qui réunit toutes les analyses :\n"
		"le diagnostic (diag), la décision de sortie de test (test-phase, quand la\n"
		"phase déclarée est le test ou au-delà), le tableau de bord (indicators,\n"
		"quand des relevés d'activité existent), le modèle économique (bmc) et les\n"
		"grilles de compétences (skills). En xlsx, un classeur par projet, avec une\n"
		"feuille par partie de chaque analyse.\n"
		"\n"
		"Produit aussi RÉPERTOIRE/portefeuille.EXT : une ligne par projet (nom,\n"
		"type, phase déclarée, avancement de la phase, phase étayée, verdict du\n"
		"test, couverture des compétences, couverture des charges,\n"
		"autofinancement, répartition sur les quatre piliers, alertes critiques),\n"
		"les fichiers invalides avec leur première erreur, et les totaux par phase\n"
		"et par verdict. En xlsx, le tableau se trie et se filtre, et une feuille\n"
		"de synthèse compte les projets par des formules.\n"
		"\n"
		"Un RÉPERTOIRE donné en entrée apporte tous ses fichiers *.yaml et *.yml,\n"
		"dans l'ordre alphabétique. Chaque rapport porte le nom de son fichier\n"
		"sans l'extension ; quand deux fichiers ont le même nom, le second reçoit\n"
		"le suffixe -2, le suivant -3, etc. Un fichier invalide n'arrête pas les\n"
		"autres : ses erreurs sont affichées, il figure au portefeuille et le code\n"
		"de sortie final vaut 1.\n"
		"\n"
		"Options :\n"
		"  -o, --output RÉPERTOIRE  répertoire des rapports (créé au besoin)\n"
		"  -f, --format FORMAT      md (par défaut), xlsx ou json\n"
		"  --referentiel FICHIER    utiliser un référentiel amendé\n"
		"  --taux-benevolat EUROS   valeur d'une heure bénévole dans les tableaux de bord\n"
		"  -q, --quiet              ni ligne de progression ni bilan final\n"
		"  -h, --help               afficher cette aide\n"
		"\n"
		"Sur un terminal, une ligne de progression s'affiche sur la sortie d'erreur.\n"
		"\n"
		"Code de sortie : 0 si tous les projets sont rapportés, 1 si un fichier est\n"
		"invalide, 2 en cas d'erreur d'utilisation, 3 en cas d'erreur\n"
		"d'entrée-sortie.\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_QUIET | CZ_OPT_TAUX,
	.min_args = 1,
	.max_args = -1,
};

static bool always(const cz_project *p)
{
	(void)p;
	return true;
}

static bool from_test(const cz_project *p)
{
	return p->projet.phase >= CZ_PHASE_TEST;
}

static bool with_activity(const cz_project *p)
{
	return p->n_activite > 0;
}

/* The parts of a project's report, in reading order. */
enum { PART_DIAG, PART_TEST, PART_INDICATORS, PART_BMC, PART_SKILLS, N_PARTS };
static const struct {
	const cz_analysis *analysis;
	const char *json_key;
	bool (*applies)(const cz_project *p);
} parts[N_PARTS] = {
	[PART_DIAG] = { &cz_analysis_diag, "diag", always },
	[PART_TEST] = { &cz_analysis_test_phase, "test_phase", from_test },
	[PART_INDICATORS] = { &cz_analysis_indicators, "indicateurs", with_activity },
	[PART_BMC] = { &cz_analysis_bmc, "bmc", always },
	[PART_SKILLS] = { &cz_analysis_skills, "competences", always },
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

/* A directory's *.yaml / *.yml files, sorted; returns an exit code. */
static int add_directory(path_list *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "%s: lecture du répertoire impossible (%s)\n", dir, strerror(errno));
		return CZ_EXIT_IO;
	}
	size_t first = l->count;
	struct dirent *e;
	int code = CZ_EXIT_OK;
	while ((e = readdir(d)) != NULL) {
		if (!yaml_name(e->d_name))
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (path)
			snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		struct stat sb;
		if (path && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))) {
			free(path);
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
	return code;
}

/* --- one project ----------------------------------------------------------- */

typedef struct {
	void *res[N_PARTS];
	const cz_referential *ref;
	const cz_opts *o;
} results;

static cz_status fill_workbook(void *ctx, lxw_workbook *wb)
{
	results *r = ctx;
	for (int i = 0; i < N_PARTS; i++) {
		if (!r->res[i])
			continue;
		cz_status st = parts[i].analysis->render_xlsx(r->res[i], r->ref, r->o, wb);
		if (st != CZ_OK)
			return st;
	}
	return CZ_OK;
}

static cz_status render_text(const results *r, const cz_project *p, cz_format f, cz_buf *out)
{
	cz_status st = CZ_OK;
	if (f == CZ_FMT_JSON) {
		cz_buf_puts(out, "{\n  \"projet\": ");
		cz_json j;
		cz_json_init(&j, out);
		cz_json_string(&j, p->projet.nom);
		cz_buf_puts(out, ",\n  \"fichier\": ");
		cz_json_string(&j, p->file);
	}
	bool first = true;
	for (int i = 0; i < N_PARTS && st == CZ_OK; i++) {
		if (!r->res[i])
			continue;
		if (f == CZ_FMT_JSON) {
			cz_buf doc;
			cz_buf_init(&doc);
			st = parts[i].analysis->render_json(r->res[i], r->ref, r->o, &doc);
			while (doc.len && doc.data[doc.len - 1] == '\n')
				doc.data[--doc.len] = '\0';
			cz_buf_printf(out, ",\n  \"%s\": ", parts[i].json_key);
			cz_buf_add(out, doc.data, doc.len);
			if (!cz_buf_ok(&doc))
				st = CZ_ERR_NOMEM;
			cz_buf_free(&doc);
		} else {
			if (!first)
				cz_buf_puts(out, "\n---\n\n");
			st = parts[i].analysis->render_md(r->res[i], r->ref, r->o, out);
		}
		first = false;
	}
	if (f == CZ_FMT_JSON)
		cz_buf_puts(out, "\n}\n");
	if (st == CZ_OK && !cz_buf_ok(out))
		st = CZ_ERR_NOMEM;
	return st;
}

/* The portfolio row of a valid project, from its results. */
static void summarize(const results *r, const cz_project *p, cz_portfolio_row *row)
{
	const cz_diag *d = r->res[PART_DIAG];
	row->name = (char *)p->projet.nom;
	row->type = p->projet.type;
	row->phase = p->projet.phase;
	row->progress = d->phases[d->declared].has_ratio ? d->phases[d->declared].ratio : 1.0;
	row->supported_phase = d->supported;
	row->skills_coverage = d->coverage.total.ratio;
	row->critical_alerts = (unsigned)d->alert_counts[CZ_SEV_CRITIQUE];
	const cz_testphase *t = r->res[PART_TEST];
	row->has_verdict = t != NULL;
	if (t)
		row->verdict = t->verdict;
	const cz_indicators *ind = r->res[PART_INDICATORS];
	if (ind) {
		row->charges_coverage = ind->total.couverture;
		row->self_financing = ind->total.autofinancement;
		row->has_pillars = ind->mix.total > 0;
		for (int k = 0; k < CZ_PILIER_COUNT; k++)
			row->pillar_shares[k] = ind->mix.part[k];
	}
}

/* Analyse one project and write its report; returns an exit code. */
static int report_project(const cz_opts *o, const cz_referential *ref, const cz_project *p,
			  const char *path, cz_portfolio_row *row)
{
	results r = { { NULL }, ref, o };
	int code = CZ_EXIT_OK;
	cz_status st = CZ_OK;
	for (int i = 0; i < N_PARTS && st == CZ_OK; i++)
		if (parts[i].applies(p))
			r.res[i] = parts[i].analysis->run(p, ref, o, &st);
	if (st != CZ_OK) {
		fprintf(stderr, "%s : %s\n", p->file, cz_status_str(st));
		code = cz_cli_exit_code(st);
		goto out;
	}
	if (o->format == CZ_FMT_XLSX) {
		cz_problems pb;
		cz_problems_init(&pb, path);
		st = cz_xlsx_write(path, cz_cli_epoch(p), fill_workbook, &r, &pb);
		cz_cli_print_problems(&pb);
		cz_problems_free(&pb);
		code = cz_cli_exit_code(st);
	} else {
		cz_buf b;
		cz_buf_init(&b);
		st = render_text(&r, p, o->format, &b);
		code = st == CZ_OK ? cz_cli_write(path, &b) : cz_cli_exit_code(st);
		cz_buf_free(&b);
	}
	if (code == CZ_EXIT_OK)
		summarize(&r, p, row);
out:
	for (int i = 0; i < N_PARTS; i++)
		if (r.res[i])
			parts[i].analysis->free_result(r.res[i]);
	return code;
}

/* --- the run --------------------------------------------------------------- */

typedef struct {
	const cz_portfolio *pf;
	const char *const *labels;
} portfolio_ctx;

static cz_status fill_portfolio(void *ctx, lxw_workbook *wb)
{
	const portfolio_ctx *c = ctx;
	return cz_portfolio_render_xlsx(c->pf, c->labels, wb);
}

static int write_portfolio(const cz_opts *o, const cz_referential *ref, const cz_portfolio *pf)
{
	const char *labels[CZ_PHASE_COUNT];
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		labels[ph] = ref->phases[ph].nom;
	char *path = cz_cli_output_path(o->output, "portefeuille", "", cz_cli_format_ext(o->format));
	if (!path)
		return CZ_EXIT_IO;
	int code;
	if (o->format == CZ_FMT_XLSX) {
		portfolio_ctx ctx = { pf, labels };
		cz_problems pb;
		cz_problems_init(&pb, path);
		cz_status st = cz_xlsx_write(path, cz_cli_epoch(NULL), fill_portfolio, &ctx, &pb);
		cz_cli_print_problems(&pb);
		cz_problems_free(&pb);
		code = cz_cli_exit_code(st);
	} else {
		cz_buf b;
		cz_buf_init(&b);
		cz_status st = o->format == CZ_FMT_JSON ? cz_portfolio_render_json(pf, &b)
							: cz_portfolio_render_md(pf, labels, &b);
		code = st == CZ_OK ? cz_cli_write(path, &b) : cz_cli_exit_code(st);
		cz_buf_free(&b);
	}
	free(path);
	return code;
}

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

int cmd_report(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_report, argc, argv, &o);
	if (code >= 0)
		return code;
	if (!o.output || strcmp(o.output, "-") == 0)
		return cz_cli_usage_error(&cz_spec_report,
					  "indiquez le répertoire des rapports avec -o RÉPERTOIRE");
	if (!o.format_given)
		o.format = CZ_FMT_MD;
	struct stat sb;
	if (stat(o.output, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "%s: ce n'est pas un répertoire\n", o.output);
			return CZ_EXIT_IO;
		}
	} else if (mkdir(o.output, 0777) != 0) {
		fprintf(stderr, "%s: création du répertoire impossible (%s)\n", o.output, strerror(errno));
		return CZ_EXIT_IO;
	}

	path_list inputs = { NULL, 0, 0 };
	int worst = CZ_EXIT_OK;
	for (int i = 0; i < o.argc; i++) {
		if (strcmp(o.argv[i], "-") != 0 && stat(o.argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			code = add_directory(&inputs, o.argv[i]);
		} else {
			char *copy = strdup(o.argv[i]);
			code = list_add(&inputs, copy) ? CZ_EXIT_OK : CZ_EXIT_IO;
		}
		if (code > worst)
			worst = code;
	}
	cz_referential *ref;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK) {
		list_free(&inputs);
		return code;
	}
	bool show_progress = !o.quiet && isatty(STDERR_FILENO);
	cz_portfolio pf;
	cz_portfolio_init(&pf);
	cz_names used = { NULL, 0, 0 };
	/* The portfolio's own name is never given to a project. */
	if (!cz_names_reserve(&used, "portefeuille")) {
		worst = CZ_EXIT_IO;
		goto out;
	}
	size_t n_valid = 0;
	for (size_t i = 0; i < inputs.count; i++) {
		const char *file = inputs.paths[i];
		progress(show_progress, i, inputs.count, file);
		cz_portfolio_row row = { 0 };
		row.file = (char *)file;
		cz_problems pb;
		cz_problems_init(&pb, file);
		cz_project *p = NULL;
		cz_status st = cz_project_load_file(file, ref, &p, &pb);
		if (st != CZ_OK) {
			cz_cli_print_problems(&pb);
			code = cz_cli_exit_code(st);
			row.first_error = first_problem(&pb);
			row.report = (char *)"";
			if (cz_portfolio_add(&pf, &row) != CZ_OK)
				code = CZ_EXIT_IO;
			free(row.first_error);
		} else {
			const char *name = cz_names_unique(&used, file);
			char *path = name ? cz_cli_output_path(o.output, name, "", cz_cli_format_ext(o.format)) : NULL;
			if (!path) {
				code = CZ_EXIT_IO;
			} else {
				row.valid = true;
				row.report = (char *)name;
				code = report_project(&o, ref, p, path, &row);
				if (code == CZ_EXIT_OK) {
					n_valid++;
					if (cz_portfolio_add(&pf, &row) != CZ_OK)
						code = CZ_EXIT_IO;
				}
			}
			free(path);
			cz_project_free(p);
		}
		cz_problems_free(&pb);
		if (code > worst)
			worst = code;
	}
	code = write_portfolio(&o, ref, &pf);
	if (code > worst)
		worst = code;
	if (!o.quiet && code == CZ_EXIT_OK)
		printf("%zu projet%s rapporté%s, %zu fichier%s invalide%s ; portefeuille : %s/portefeuille.%s\n",
		       n_valid, n_valid > 1 ? "s" : "", n_valid > 1 ? "s" : "", pf.count - n_valid,
		       pf.count - n_valid > 1 ? "s" : "", pf.count - n_valid > 1 ? "s" : "", o.output,
		       cz_cli_format_ext(o.format));
out:
	cz_names_free(&used);
	cz_portfolio_free(&pf);
	cz_referential_free(ref);
	list_free(&inputs);
	return worst;
}
