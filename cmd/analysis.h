/*
 * The common run of an analysis command (diag, test-phase, indicators, bmc,
 * skills…): load the referential, then for each FILE load the project, run
 * the analysis, render it in the chosen format and write it.
 *
 * Outputs: one input -> stdout (md/json) or -o FILE; several inputs -> -o DIR
 * gets DIR/<name><suffix>.<ext> each, or, without -o, Markdown reports are
 * concatenated on stdout and JSON reports form one array. XLSX needs -o.
 * A file that fails to load is reported and skipped; the others still run.
 * Exit code: the worst of 3 (I/O), 1 (invalid) and, with --exit-code, the
 * analysis's own code (the highest over the files).
 */
#ifndef CZ_ANALYSIS_H
#define CZ_ANALYSIS_H

#include <xlsxwriter.h>

#include "cli.h"

typedef struct {
	const char *suffix; /* appended to output names when writing to a directory */
	/* Build the result; NULL with *st set on failure. */
	void *(*run)(const cz_project *p, const cz_referential *ref, const cz_opts *o,
		     cz_status *st);
	void (*free_result)(void *res);
	/* Append the report to `out`. */
	cz_status (*render_md)(const void *res, const cz_referential *ref, const cz_opts *o,
			       cz_buf *out);
	cz_status (*render_json)(const void *res, const cz_referential *ref, const cz_opts *o,
				 cz_buf *out);
	/* Add the report's sheets to an open workbook. */
	cz_status (*render_xlsx)(const void *res, const cz_referential *ref, const cz_opts *o,
				 lxw_workbook *wb);
	/* With --exit-code: the code this result calls for (0 when none); may be NULL. */
	int (*exit_code)(const void *res);
} cz_analysis;

int cz_run_analysis(const cz_opts *o, const cz_analysis *a);

/*
 * Write one result in the chosen format: to `path` (atomically; NULL or "-"
 * means standard output for md/json), or, when `stdout_buf` is given,
 * appended to it. `label` names the result in messages, `created` is the
 * XLSX creation time. For commands whose result needs no project file
 * (bmc --template, skills without FILE). Returns an exit code.
 */
int cz_emit_result(const cz_opts *o, const cz_analysis *a, const void *res,
		   const cz_referential *ref, const char *label, time_t created, const char *path,
		   cz_buf *stdout_buf);

/* Each analysis command's descriptor (cmd/<name>.c), reused by `report`. */
extern const cz_analysis cz_analysis_diag, cz_analysis_test_phase, cz_analysis_indicators,
	cz_analysis_bmc, cz_analysis_skills;

#endif
