/*
 * What a reader needs first, at the head of a Markdown diagnostic or
 * report, so that the first screen holds it: the project, the snapshot
 * date, its declared and supported phase, the test verdict and score when
 * there is one, the competence coverage of the declared phase, the count of
 * alerts, the critical alerts by name and the five next actions. The same
 * data as the html card (lib/html_summary.h), in the same order; the
 * details follow.
 */
#ifndef CZ_MD_SUMMARY_H
#define CZ_MD_SUMMARY_H

#include "buf.h"
#include "diag.h"
#include "testphase.h"

/* `tp` may be NULL (before the test phase); `level` is the heading level
 * of the summary (its parts one below). */
void cz_md_summary(cz_buf *b, const cz_diag *d, const cz_testphase *tp, int level);

/* A phase's name from the referential, safe in a heading or a table cell:
 * an amended name with Markdown specials falls back to the built-in label. */
const char *cz_md_phase_name(const cz_referential *ref, cz_phase ph);

#endif
