/*
 * The portfolio: one summary row per project of a `report` run, kept
 * instead of the projects themselves so memory stays flat in the number of
 * projects. Rows are filled by the report command from each analysis's
 * result; this module only stores, counts and renders them. A project is
 * never left out: an invalid or unreadable file has its row with its first
 * error, a valid project whose report could not be written has its row
 * saying so.
 */
#ifndef CZ_PORTFOLIO_H
#define CZ_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
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

typedef struct {
	cz_portfolio_row *rows;
	size_t count, cap;
} cz_portfolio;

void cz_portfolio_init(cz_portfolio *pf);
void cz_portfolio_free(cz_portfolio *pf);
/* Append a copy of `row` (its strings are duplicated). */
cz_status cz_portfolio_add(cz_portfolio *pf, const cz_portfolio_row *row);

/* The figures of a valid project's row, from its results: the diagnostic,
 * the test phase (NULL before the test) and the dashboard (NULL without
 * activity records). The row's strings are the project's (name). */
void cz_portfolio_row_fill(cz_portfolio_row *row, const cz_project *p, const cz_diag *d,
			   const cz_testphase *t, const cz_indicators *ind);

/* Renderers (lib/render.h): phases are named as in the referential. */

#endif
