/*
 * The registry of analyses: for each, its name, how to run it on a project
 * and free its result, the exit status it calls for with --exit-code, the
 * suffix of its reports' file names, and its renderer in each format
 * (lib/render.h). The commands, `report` and the fuzz harnesses go through
 * it; none of them calls an analysis or a renderer by name.
 */
#ifndef CZ_ANALYSIS_H
#define CZ_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "referential.h"
#include "render.h"
#include "status.h"

/* Exit statuses a result calls for with --exit-code (SPEC §2). */
enum {
	CZ_CODE_NONE = 0,
	CZ_CODE_CRITICAL_ALERT = 10, /* diag: a critical alert */
	CZ_CODE_REAJUSTER = 10,      /* test-phase verdicts */
	CZ_CODE_NO_GO = 11,
	CZ_CODE_INCOMPLET = 12,
	CZ_CODE_WORSE = 10,          /* diff: the verdict got worse or a critical alert appeared */
};

typedef struct cz_analysis {
	const char *name;   /* "diag": its command, and its name in messages */
	const char *key;    /* "diag": the key of its part in a combined JSON report */
	const char *suffix; /* "-diag": after the input's name, for a report in a directory */
	/* Build the result for project `p`; NULL with *st set on failure.
	 * Without a project (p NULL) only bmc (an example canvas, opts->canvas)
	 * and skills (the blank checklist or the concierge profile) have a
	 * result; the others fail with CZ_ERR_USAGE. NULL for a result the
	 * caller builds itself (the portfolio, the referential). */
	void *(*run)(const cz_project *p, const cz_referential *ref, const cz_options *o, cz_status *st);
	void (*free)(void *result); /* NULL: the caller owns the result */
	/* With --exit-code: the status this result calls for (CZ_CODE_*);
	 * NULL when the analysis has none. */
	int (*exit_code)(const void *result);
	cz_render_fn render[CZ_FMT_COUNT]; /* NULL: not written in that format */
	/* Its xlsx renderer writes every sheet row after row: a workbook of
	 * such parts only is written so (CZ_XLSX_IN_ORDER, lib/xlsx_file.h). */
	bool xlsx_in_order;
} cz_analysis;

extern const cz_analysis cz_analysis_diag, cz_analysis_test_phase, cz_analysis_indicators,
	cz_analysis_bmc, cz_analysis_skills, cz_analysis_portfolio, cz_analysis_referential,
	cz_analysis_fiche, cz_analysis_import, cz_analysis_diff, cz_analysis_evolution;

/* The analyses of a project, in the reading order of a report. */
extern const cz_analysis *const cz_project_analyses[];
extern const size_t cz_n_project_analyses;

static inline bool cz_analysis_renders(const cz_analysis *a, cz_format f)
{
	return (unsigned)f < CZ_FMT_COUNT && a->render[f] != NULL;
}

/* The status for --exit-code (CZ_CODE_NONE when the analysis has none). */
static inline int cz_analysis_exit_code(const cz_analysis *a, const void *result)
{
	return a->exit_code ? a->exit_code(result) : CZ_CODE_NONE;
}

#endif
