/*
 * The portfolio: one summary row per project of a `report` run, kept
 * instead of the projects themselves, and spooled to a temporary file so
 * memory stays flat in the number of projects. Rows are filled by the
 * report command from each analysis's result; this module only stores, counts and renders them. A project is
 * never left out: an invalid or unreadable file has its row with its first
 * error, a valid project whose report could not be written has its row
 * saying so.
 */
#ifndef CZ_PORTFOLIO_H
#define CZ_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "model.h"
#include "diag.h"
#include "indicators.h"
#include "status.h"
#include "testphase.h"

typedef struct {
	char *file;        /* input path as given */
	char *report;      /* base name of the project's report ("" when invalid) */
	bool valid;
	bool unreadable;   /* not valid because it could not be read (an I/O error) */
	char *first_error; /* "line:column: message" of an invalid or unreadable file */
	/* A valid project whose report could not be written: why (French), or
	 * NULL. Its figures are not shown then. */
	char *report_error;
	char *name;
	cz_project_type type;
	cz_phase phase;
	cz_date date;             /* projet.date: the snapshot the figures describe */
	double progress;          /* of the declared phase, 0..1 */
	cz_phase supported_phase; /* the phase the evidence supports */
	bool has_verdict;         /* false: not yet at the test phase (émergence) */
	cz_verdict verdict;       /* the test-phase verdict, when has_verdict; CZ_VERDICT_NON_EVALUE
				   * past the test without a `test` section */
	double skills_coverage;   /* competence coverage of the declared phase, 0..1 */
	cz_num charges_coverage;  /* (recettes + funding) / charges */
	cz_num self_financing;    /* recettes / charges */
	double pillar_shares[CZ_PILIER_COUNT];
	bool has_pillars;
	double loans;             /* loans and repayable advances acquired: cash, outside the ratios */
	size_t starter_values;    /* values still the starter's (lib/starter.h) */
	bool starter_untouched;   /* nothing but the starter's placeholders */
	unsigned critical_alerts;
	cz_num score;             /* the verdict's score, when the test phase was assessed */
	size_t months;            /* activity records */
	cz_num recettes, charges; /* over every record (the dashboard's totals) */
} cz_portfolio_row;

/* What the summaries count, kept as rows are added. */
typedef struct {
	size_t valid, invalid, unreadable;
	size_t unwritten; /* among the valid: report not written */
	size_t per_phase[CZ_PHASE_COUNT];
	size_t per_verdict[CZ_VERDICT_COUNT + 1]; /* last: before the test */
	size_t critical_projects;
	unsigned critical_alerts;
	size_t starters; /* projects with values still the starter's */
	size_t with_loans;
} cz_portfolio_totals;

/* The rows are not kept in memory: each is written, serialized, to a
 * temporary file that has no name (nothing is left behind, even by an
 * interrupted run) and read back in order, one at a time, by each pass of
 * a renderer. Only the totals stay in memory. The file is made in
 * `spool_dir` when it is set and its file system can make a file without
 * a name (O_TMPFILE: the directory the run writes to is known to be
 * writable), else by tmpfile() in the system's temporary directory. */
typedef struct {
	const char *spool_dir; /* optional, set after cz_portfolio_init; not owned */
	FILE *spool; /* opened at the first row */
	size_t count;
	cz_portfolio_totals totals;
	int error; /* errno of the spool's first failure, 0 when none */
} cz_portfolio;

void cz_portfolio_init(cz_portfolio *pf);
void cz_portfolio_free(cz_portfolio *pf);
/* Append `row` (written to the spool). CZ_ERR_IO when the spool could not
 * be written (pf->error says why), CZ_ERR_NOMEM. */
cz_status cz_portfolio_add(cz_portfolio *pf, const cz_portfolio_row *row);

/* Reading the rows back, in order, one pass at a time (one reader at once
 * on a portfolio). The row returned and its strings are the reader's,
 * valid until the next call. */
typedef struct {
	const cz_portfolio *pf;
	size_t next;
	cz_portfolio_row row;
	char *strings;
	size_t cap;
	cz_status status; /* CZ_OK, or why the pass stopped early */
} cz_portfolio_reader;

void cz_portfolio_read_begin(cz_portfolio_reader *rd, const cz_portfolio *pf);
/* The next row, or NULL at the end or on a failure (rd->status). */
const cz_portfolio_row *cz_portfolio_read_next(cz_portfolio_reader *rd);
void cz_portfolio_read_end(cz_portfolio_reader *rd);

/* A row with copies of `src`'s strings (cz_portfolio_row_free frees them),
 * to carry one row from a worker to the portfolio. */
cz_status cz_portfolio_row_copy(cz_portfolio_row *dst, const cz_portfolio_row *src);
void cz_portfolio_row_free(cz_portfolio_row *r);

/* The figures of a valid project's row, from its results: the diagnostic,
 * the test phase (NULL before the test) and the dashboard (NULL without
 * activity records). The row's strings are the project's (name). */
void cz_portfolio_row_fill(cz_portfolio_row *row, const cz_project *p, const cz_diag *d,
			   const cz_testphase *t, const cz_indicators *ind);

/* Renderers (lib/render.h): phases are named as in the referential. */

#endif
