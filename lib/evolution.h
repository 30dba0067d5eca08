/*
 * The evolution of one project over its snapshots (`evolution`, issue
 * #15): one row of the portfolio's figures (lib/portfolio.h) per snapshot,
 * in the order of the snapshots' dates (`projet.date`; snapshots without
 * a date last, in the order given) or, for snapshots read from git, in
 * the order of the commits.
 *
 * The rows are filled by the command from each snapshot's analyses
 * (cz_portfolio_row_fill), so memory grows with the rows, not with the
 * projects. The trend is the first row against the last.
 */
#ifndef CZ_EVOLUTION_H
#define CZ_EVOLUTION_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"
#include "portfolio.h"
#include "referential.h"
#include "status.h"

typedef struct {
	char *source;         /* where the snapshot was read: a file, or "1a2b3c4" for a commit */
	cz_portfolio_row row; /* its figures; row.name and row.file are owned here */
	size_t order;         /* position as given */
} cz_evolution_point;

typedef struct {
	cz_evolution_point *points;
	size_t count, cap;
	bool by_commit;    /* in commit order (--git) rather than by date */
	bool names_differ; /* the snapshots do not all carry the same projet.nom */
	size_t undated;    /* snapshots without projet.date */
	/* The trend, first snapshot against the last (lib/diff.h's figures),
	 * when there are two or more; set by cz_evolution_finish. */
	bool has_trend;
	cz_diff_figure trend[CZ_DIFF_N_FIGURES];
	size_t n_trend_changed;
	cz_arena *arena; /* the trend's strings */
} cz_evolution;

void cz_evolution_init(cz_evolution *e, bool by_commit);
void cz_evolution_free(cz_evolution *e);
/* Append a snapshot: `source`, and a copy of `row` (its strings duplicated). */
cz_status cz_evolution_add(cz_evolution *e, const char *source, const cz_portfolio_row *row);
/* Once every snapshot is added: put them in their order (above) and
 * compare the first with the last. */
cz_status cz_evolution_finish(cz_evolution *e, const cz_referential *ref);

/* Renderers (lib/render.h). */

#endif
