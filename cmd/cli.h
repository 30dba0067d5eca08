/*
 * What every command shares: option parsing, loading the referential and
 * projects with their problems printed, choosing the output format and
 * path, and writing outputs (stdout or atomic files). The only place that
 * prints problems and maps statuses to exit codes (SPEC §2).
 */
#ifndef CZ_CLI_H
#define CZ_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <stdarg.h>

#include "analysis.h"
#include "buf.h"
#include "model.h"
#include "problems.h"
#include "referential.h"
#include "status.h"

/* Exit codes (SPEC §2). */
enum {
	CZ_EXIT_OK = 0,
	CZ_EXIT_INVALID = 1,
	CZ_EXIT_USAGE = 2,
	CZ_EXIT_IO = 3,
	/* 10, 11, 12: with --exit-code, what the result calls for (CZ_CODE_*
	 * of lib/analysis.h) */
};

/* Options a command may accept (a bit set in its spec). */
enum {
	CZ_OPT_FORMAT = 1u << 0,    /* -f, --format md|xlsx|json */
	CZ_OPT_OUTPUT = 1u << 1,    /* -o, --output PATH */
	CZ_OPT_REF = 1u << 2,       /* --referentiel FILE */
	/* -q, --quiet and -h, --help: every command */
	CZ_OPT_EXIT_CODE = 1u << 4, /* --exit-code */
	CZ_OPT_PHASE = 1u << 5,     /* --phase P */
	CZ_OPT_ROLE = 1u << 6,      /* --role concierge */
	CZ_OPT_TEMPLATE = 1u << 7,  /* --template quartier|rural */
	CZ_OPT_TYPE = 1u << 8,      /* --type quartier|rural|entreprise|mixte */
	CZ_OPT_FORCE = 1u << 9,     /* --force */
	CZ_OPT_CHARTS = 1u << 10,   /* --charts */
	CZ_OPT_TAUX = 1u << 11,     /* --taux-benevolat EUROS */
	CZ_OPT_INTO = 1u << 12,     /* --into FILE */
	CZ_OPT_JOBS = 1u << 13,     /* -j, --jobs N */
	CZ_OPT_STRICT = 1u << 14,   /* --strict */
	CZ_OPT_GIT = 1u << 15,      /* --git FILE */
};

/* The most workers -j takes (and the default, whatever the CPU count). */
#define CZ_JOBS_MAX 64

typedef struct {
	const char *name;    /* "diag" */
	const char *summary; /* one line, for `help` */
	const char *help;    /* full French help, printed by --help and `help NAME` */
	unsigned options;    /* CZ_OPT_* accepted */
	int min_args, max_args; /* positional arguments; max -1 = unbounded */
	/* What the command writes (NULL-terminated): its formats are those all
	 * of them render. "@FORMATS@" in `help` stands for them ("md|json|xlsx"). */
	const cz_analysis *const *writes;
} cz_cmd_spec;

typedef struct {
	const cz_cmd_spec *spec;
	const char *format_arg; /* -f as given; checked by cmd/output.c */
	const char *output;
	const char *referentiel;
	bool quiet, exit_code, force, charts, strict;
	const char *phase, *role, *template_name, *type, *into, *git;
	double taux_benevolat;
	bool taux_given;
	unsigned jobs; /* -j N; 0 when not given */
	int argc; /* positional arguments */
	char **argv;
} cz_opts;

/*
 * Parse argv (argv[0] is the command name). Returns -1 to go on, or the exit
 * code to return at once (0 after --help, 2 after a usage error, printed).
 */
int cz_cli_parse(const cz_cmd_spec *spec, int argc, char **argv, cz_opts *o);
/* Print "conciergerie NAME : message" + usage hint to stderr; returns 2. */
int cz_cli_usage_error(const cz_cmd_spec *spec, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cz_cli_usage_verror(const cz_cmd_spec *spec, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Print "FILE : message" (or "conciergerie : message" when file is NULL). */
void cz_cli_errorf(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether an error line was printed on stderr during the run: main says
 * something itself when a command exits non-zero without one. */
bool cz_cli_error_said(void);
/* Send this thread's messages (every cz_cli_* printer) to `f` instead of
 * stderr, NULL to go back: a worker of report -j keeps its project's
 * messages until they can be printed in input order. */
void cz_cli_capture(FILE *f);

/* The command's help, "@FORMATS@" replaced by its formats, on stdout. */
void cz_cli_print_help(const cz_cmd_spec *spec);
/* Its formats, joined by `sep` ("md|json|xlsx"), into b. */
void cz_cli_formats(const cz_analysis *const *writes, const char *sep, cz_buf *b);

/* Print problems as "file:line:column: message" on stderr. */
void cz_cli_print_problems(const cz_problems *p);
/* Say once, as "who: avertissement : …" lines on stderr, what the writers
 * changed in an output (`where`: "le rapport", "le classeur"…) to keep it
 * valid; nothing when the log is empty. */
void cz_cli_print_text_log(const char *who, const char *where, const cz_text_log *log);
/* What was logged in b since `before` (a copy of b->log). */
cz_text_log cz_cli_log_since(const cz_buf *b, cz_text_log before);
/* Exit code for a status (OK 0, INVALID 1, IO and NOMEM 3, USAGE 2). */
int cz_cli_exit_code(cz_status st);

/* The analyses' options from the command line (--charts, --taux-benevolat);
 * the commands add their own (skills: the phase, bmc: the canvas). */
cz_options cz_cli_options(const cz_opts *o);

/* Load the built-in or --referentiel referential; returns an exit code. */
int cz_cli_load_referential(const cz_opts *o, cz_referential **ref);
/* Load and validate a project; problems are printed. Returns an exit code. */
int cz_cli_load_project(const char *path, const cz_referential *ref, cz_project **p);

/* Load and validate a project from memory (`name` in messages); problems
 * are printed. Returns an exit code. */
int cz_cli_load_project_text(const char *data, size_t len, const char *name, const cz_referential *ref,
			     cz_project **p);

/* Creation time for outputs: SOURCE_DATE_EPOCH, else projet.date, else 0. */
time_t cz_cli_epoch(const cz_project *p);

/* Write a buffer to `path` atomically, or to stdout when path is NULL or "-".
 * Returns an exit code (problems printed). */
int cz_cli_write(const char *path, const cz_buf *b);

#endif
