/*
 * The first thing a reader sees in an html report: a card with the
 * project, its declared and supported phase, the test verdict and score
 * when known, the critical alerts, the next actions and the competence
 * coverage of the declared phase; then the progress of the four phases
 * and the coverage by family as charts. Written from the diagnostic (and
 * the test-phase result when the report has one).
 */
#ifndef CZ_HTML_SUMMARY_H
#define CZ_HTML_SUMMARY_H

#include "buf.h"
#include "diag.h"
#include "testphase.h"

/* `tp` may be NULL (diag alone); `level` is the card's heading level. */
void cz_html_summary(cz_buf *b, const cz_diag *d, const cz_testphase *tp, int level);

/* The charts of the diagnostic: progress of the four phases, competence
 * coverage by family of the declared phase. */
void cz_html_diag_charts(cz_buf *b, const cz_diag *d);

/* Competence coverage by family as a bar chart: a bar for each family of
 * `ref` with applicable competences (`by_family` indexed like
 * ref->families), its share as text. Nothing when no family has any. */
void cz_html_families_chart(cz_buf *b, const cz_cov_tally *by_family, size_t n_families,
			    const cz_referential *ref, const char *title, const char *caption);

#endif
