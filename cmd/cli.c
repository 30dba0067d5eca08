#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "format.h"
#include "loader.h"
#include "number.h"
#include "text.h"

static const struct {
	unsigned bit;
	struct option opt;
} all_options[] = {
	{ CZ_OPT_FORMAT, { "format", required_argument, NULL, 'f' } },
	{ CZ_OPT_OUTPUT, { "output", required_argument, NULL, 'o' } },
	{ CZ_OPT_REF, { "referentiel", required_argument, NULL, 'R' } },
	{ CZ_OPT_EXIT_CODE, { "exit-code", no_argument, NULL, 'E' } },
	{ CZ_OPT_PHASE, { "phase", required_argument, NULL, 'P' } },
	{ CZ_OPT_ROLE, { "role", required_argument, NULL, 'r' } },
	{ CZ_OPT_TEMPLATE, { "template", required_argument, NULL, 'T' } },
	{ CZ_OPT_TYPE, { "type", required_argument, NULL, 't' } },
	{ CZ_OPT_FORCE, { "force", no_argument, NULL, 'F' } },
	{ CZ_OPT_CHARTS, { "charts", no_argument, NULL, 'C' } },
	{ CZ_OPT_TAUX, { "taux-benevolat", required_argument, NULL, 'B' } },
	{ CZ_OPT_INTO, { "into", required_argument, NULL, 'I' } },
	{ CZ_OPT_JOBS, { "jobs", required_argument, NULL, 'j' } },
	{ CZ_OPT_STRICT, { "strict", no_argument, NULL, 'S' } },
	{ CZ_OPT_GIT, { "git", required_argument, NULL, 'G' } },
};
#define N_OPTIONS (sizeof(all_options) / sizeof(all_options[0]))

/* Set by any thread (report -j), read by main at the end. */
static atomic_bool said;

bool cz_cli_error_said(void)
{
	return atomic_load(&said);
}

/* Where this thread's messages go: stderr, or a worker's capture. */
static _Thread_local FILE *capture;

void cz_cli_capture(FILE *f)
{
	capture = f;
}

static FILE *err(void)
{
	return capture ? capture : stderr;
}

int cz_cli_usage_verror(const cz_cmd_spec *spec, const char *fmt, va_list ap)
{
	fprintf(err(), "conciergerie %s\u00A0: ", spec->name);
	vfprintf(err(), fmt, ap);
	fprintf(err(), "\nVoir «\u00A0conciergerie %s --help\u00A0».\n", spec->name);
	said = true;
	return CZ_EXIT_USAGE;
}

int cz_cli_usage_error(const cz_cmd_spec *spec, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int code = cz_cli_usage_verror(spec, fmt, ap);
	va_end(ap);
	return code;
}

void cz_cli_errorf(const char *file, const char *fmt, ...)
{
	va_list ap;
	fprintf(err(), "%s\u00A0: ", file ? file : "conciergerie");
	va_start(ap, fmt);
	vfprintf(err(), fmt, ap);
	va_end(ap);
	fputc('\n', err());
	said = true;
}

void cz_cli_formats(const cz_analysis *const *writes, const char *sep, cz_buf *b)
{
	bool first = true;
	for (size_t f = 0; writes && f < CZ_FMT_COUNT; f++) {
		bool all = writes[0] != NULL;
		for (size_t i = 0; writes[i]; i++)
			all &= cz_analysis_renders(writes[i], (cz_format)f);
		if (!all)
			continue;
		cz_buf_printf(b, "%s%s", first ? "" : sep, cz_formats[f].name);
		first = false;
	}
}

void cz_cli_print_help(const cz_cmd_spec *spec)
{
	static const char mark[] = "@FORMATS@";
	cz_buf formats;
	cz_buf_init(&formats);
	cz_cli_formats(spec->writes, "|", &formats);
	const char *f = cz_buf_ok(&formats) && formats.data ? formats.data : "";
	for (const char *p = spec->help;;) {
		const char *at = strstr(p, mark);
		if (!at) {
			fputs(p, stdout);
			break;
		}
		fwrite(p, 1, (size_t)(at - p), stdout);
		fputs(f, stdout);
		p = at + sizeof(mark) - 1;
	}
	cz_buf_free(&formats);
}

int cz_cli_parse(const cz_cmd_spec *spec, int argc, char **argv, cz_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->spec = spec;
	struct option longs[N_OPTIONS + 3];
	char shorts[32] = ":hq"; /* GNU order: options may follow the files */
	size_t n = 0;
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (!(spec->options & all_options[i].bit))
			continue;
		longs[n++] = all_options[i].opt;
		if (all_options[i].opt.val == 'f')
			strcat(shorts, "f:");
		else if (all_options[i].opt.val == 'o')
			strcat(shorts, "o:");
		else if (all_options[i].opt.val == 'j')
			strcat(shorts, "j:");
	}
	longs[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n++] = (struct option){ "quiet", no_argument, NULL, 'q' };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };

	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		switch (c) {
		case 'h':
			cz_cli_print_help(spec);
			return CZ_EXIT_OK;
		case 'f':
			o->format_arg = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'R':
			o->referentiel = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'E':
			o->exit_code = true;
			break;
		case 'P':
			o->phase = optarg;
			break;
		case 'r':
			o->role = optarg;
			break;
		case 'T':
			o->template_name = optarg;
			break;
		case 't':
			o->type = optarg;
			break;
		case 'F':
			o->force = true;
			break;
		case 'C':
			o->charts = true;
			break;
		case 'I':
			o->into = optarg;
			break;
		case 'j': {
			/* digits only: no sign, no space, no "2.5" */
			char *end = NULL;
			unsigned long v = optarg[0] >= '0' && optarg[0] <= '9' ? strtoul(optarg, &end, 10) : 0;
			if (!end || *end || v < 1 || v > CZ_JOBS_MAX)
				return cz_cli_usage_error(spec, "nombre de tâches «\u00A0%s\u00A0» invalide (un entier de 1 à %d)",
							  optarg, CZ_JOBS_MAX);
			o->jobs = (unsigned)v;
			break;
		}
		case 'S':
			o->strict = true;
			break;
		case 'G':
			o->git = optarg;
			break;
		case 'B': {
			/* the library's locale-independent reading, as in project files */
			double v;
			if (!cz_number_parse(optarg, strlen(optarg), &v) || !(v >= 0 && v <= 1000))
				return cz_cli_usage_error(spec, "taux horaire «\u00A0%s\u00A0» invalide (un nombre d'euros entre 0 et 1000, avec un point décimal)", optarg);
			o->taux_benevolat = v;
			o->taux_given = true;
			break;
		}
		case ':':
			/* getopt sets optopt to a long-only option's internal letter too. */
			if (optopt && strncmp(argv[optind - 1], "--", 2) != 0)
				return cz_cli_usage_error(spec, "l'option «\u00A0-%c\u00A0» attend une valeur", optopt);
			return cz_cli_usage_error(spec, "l'option «\u00A0%s\u00A0» attend une valeur", argv[optind - 1]);
		default:
			if (optopt)
				return cz_cli_usage_error(spec, "option inconnue «\u00A0-%c\u00A0»", optopt);
			return cz_cli_usage_error(spec, "option inconnue «\u00A0%s\u00A0»", argv[optind - 1]);
		}
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	if (o->argc < spec->min_args)
		return cz_cli_usage_error(spec, "%s", spec->min_args == 1 && spec->max_args == 1
							  ? "il manque le nom du fichier"
							  : "il manque au moins un fichier");
	if (spec->max_args >= 0 && o->argc > spec->max_args)
		return cz_cli_usage_error(spec, "trop d'arguments («\u00A0%s\u00A0» en trop)", o->argv[spec->max_args]);
	return -1;
}

void cz_cli_print_problems(const cz_problems *p)
{
	const char *file = p->file ? p->file : "-";
	if (p->count || p->truncated || p->nomem)
		said = true;
	for (size_t i = 0; i < p->count; i++) {
		const cz_problem *pb = &p->items[i];
		if (pb->where)
			fprintf(err(), "%s:%s: %s\n", file, pb->where, pb->message);
		else if (pb->line)
			fprintf(err(), "%s:%u:%u: %s\n", file, pb->line, pb->column, pb->message);
		else
			fprintf(err(), "%s: %s\n", file, pb->message);
	}
	if (p->truncated)
		fprintf(err(), "%s: trop d'erreurs, seules les %d premières sont affichées\n", file,
			CZ_PROBLEMS_MAX);
	if (p->nomem)
		fprintf(err(), "%s: mémoire insuffisante pour conserver tous les messages\n", file);
}

void cz_cli_print_text_log(const char *who, const char *where, const cz_text_log *log)
{
	if (!cz_text_log_any(log))
		return;
	cz_buf b;
	cz_buf_init(&b);
	cz_text_log_describe(log, where, &b);
	for (const char *line = b.data; cz_buf_ok(&b) && line && *line;) {
		const char *nl = strchr(line, '\n');
		int n = nl ? (int)(nl - line) : (int)strlen(line);
		fprintf(err(), "%s: avertissement\u00A0: %.*s\n", who ? who : "-", n, line);
		line = nl ? nl + 1 : NULL;
	}
	cz_buf_free(&b);
}

cz_text_log cz_cli_log_since(const cz_buf *b, cz_text_log before)
{
	return (cz_text_log){ b->log.replaced - before.replaced, b->log.truncated - before.truncated };
}

int cz_cli_exit_code(cz_status st)
{
	switch (st) {
	case CZ_OK:
		return CZ_EXIT_OK;
	case CZ_ERR_INVALID:
		return CZ_EXIT_INVALID;
	case CZ_ERR_USAGE:
		return CZ_EXIT_USAGE;
	default:
		return CZ_EXIT_IO;
	}
}

static int report_status(cz_status st, const cz_problems *pb)
{
	cz_cli_print_problems(pb);
	/* A failure always says why, even when the library gave no detail. */
	if (st != CZ_OK && (st == CZ_ERR_NOMEM || pb->count == 0))
		cz_cli_errorf(pb->file, "%s", cz_status_str(st));
	return cz_cli_exit_code(st);
}

cz_options cz_cli_options(const cz_opts *o)
{
	cz_options opts = { 0 };
	opts.charts = o->charts;
	opts.taux_benevolat = o->taux_benevolat;
	opts.taux_given = o->taux_given;
	return opts;
}

int cz_cli_load_referential(const cz_opts *o, cz_referential **ref)
{
	*ref = NULL;
	cz_problems pb;
	cz_status st;
	if (!o->referentiel) {
		cz_problems_init(&pb, "referentiel interne");
		st = cz_referential_load_builtin(ref, &pb);
	} else {
		char *data;
		size_t len;
		cz_problems_init(&pb, o->referentiel);
		st = cz_read_file(o->referentiel, 4u << 20, &data, &len, &pb);
		if (st == CZ_OK) {
			st = cz_referential_load(data, len, ref, &pb);
			free(data);
		}
	}
	int code = st == CZ_OK ? CZ_EXIT_OK : report_status(st, &pb);
	cz_problems_free(&pb);
	return code;
}

int cz_cli_load_project(const char *path, const cz_referential *ref, cz_project **p)
{
	cz_problems pb;
	cz_problems_init(&pb, path);
	cz_status st = cz_project_load_file(path, ref, p, &pb);
	int code = st == CZ_OK ? CZ_EXIT_OK : report_status(st, &pb);
	cz_problems_free(&pb);
	return code;
}

int cz_cli_load_project_text(const char *data, size_t len, const char *name, const cz_referential *ref,
			     cz_project **p)
{
	cz_problems pb;
	cz_problems_init(&pb, name);
	cz_status st = cz_project_load(data, len, name, ref, p, &pb);
	int code = st == CZ_OK ? CZ_EXIT_OK : report_status(st, &pb);
	cz_problems_free(&pb);
	return code;
}

static time_t days_from_civil(int y, int m, int d)
{
	/* Days since 1970-01-01 of a proleptic Gregorian date (UTC). */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (time_t)(era * 146097 + doe - 719468);
}

time_t cz_cli_epoch(const cz_project *p)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde && strspn(sde, "0123456789") == strlen(sde) && strlen(sde) < 12)
		return (time_t)strtoll(sde, NULL, 10);
	if (p && p->projet.date.set)
		return days_from_civil(p->projet.date.year, p->projet.date.month, p->projet.date.day) * 86400;
	return 0;
}

int cz_cli_write(const char *path, const cz_buf *b)
{
	if (!cz_buf_ok(b)) {
		cz_cli_errorf(path && strcmp(path, "-") != 0 ? path : NULL, "mémoire insuffisante pour produire le rapport");
		return CZ_EXIT_IO;
	}
	if (!path || strcmp(path, "-") == 0) {
		/* The error stays flagged on stdout: main's finish() reports it once,
		 * with its reason, as it does for a write that only fails at exit. */
		if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len)
			return CZ_EXIT_IO;
		return CZ_EXIT_OK;
	}
	cz_problems pb;
	cz_problems_init(&pb, path);
	cz_status st = cz_write_file_atomic(path, b->data ? b->data : "", b->len, 0, &pb);
	int code = st == CZ_OK ? CZ_EXIT_OK : report_status(st, &pb);
	cz_problems_free(&pb);
	return code;
}
