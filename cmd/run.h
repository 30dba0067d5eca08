/*
 * The common run of an analysis command (diag, test-phase, indicators, bmc,
 * skills): the referential, then for each FILE the project, the analysis
 * (lib/analysis.h) and its document, written where cmd/output.h says. A
 * file that fails to load is reported and skipped; the others still run.
 * Exit code: the worst of 3 (I/O), 2 (a report refused), 1 (invalid) and,
 * with --exit-code, the analysis's own code (the highest over the files).
 */
#ifndef CZ_RUN_H
#define CZ_RUN_H

#include "analysis.h"
#include "cli.h"

/* `prepare`, when given, completes the options once the referential is
 * loaded (bmc: the example canvas); it returns an exit code. */
typedef int (*cz_prepare_fn)(const cz_opts *o, const cz_referential *ref, cz_options *opts);

/* Every FILE of the command line through analysis `a`. */
int cz_run_analysis(const cz_opts *o, const cz_analysis *a, cz_options *opts, cz_prepare_fn prepare);

/* Analysis `a` without a project (bmc --template, skills without FILE): one
 * document, named `name` + the analysis's suffix inside -o DIR. */
int cz_run_alone(const cz_opts *o, const cz_analysis *a, cz_options *opts, cz_prepare_fn prepare,
		 const char *name);

#endif
