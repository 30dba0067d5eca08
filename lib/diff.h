/*
 * What changed between two snapshots of one project (`diff`, issue #15):
 * each side goes through the project analyses (diag, test-phase from the
 * test phase on, indicators, bmc) and the diff compares their results,
 * never the raw text of the files.
 *
 * Sections, in reading order, and what each compares:
 *
 *   phase        declared phase and the phase the steps support
 *   avancement   progress of each of the four phases (diag)
 *   etapes       steps whose status changed, by the referential's id
 *   competences  self-assessment of every competence of the referential,
 *                through lib/coverage.h's states: gained (now held by the
 *                carrier or the network), lost (no longer held), or moved
 *                between two other states
 *   alertes      diag alerts that appeared or disappeared, by rule id
 *   verdict      the test-phase verdict and its score (none before the test)
 *   indicateurs  each indicator, pitfall and condition of the test phase
 *                whose value or status changed
 *   activite     months both snapshots record whose figures changed, months
 *                added, months removed
 *   piliers      resources by pillar over the recorded months and loans, as
 *                the dashboard counts them (lib/indicators.h)
 *   offres, besoins, acteurs
 *                items added, removed, or changed (by service, need or actor
 *                name; the fields that changed are listed)
 *   canevas      canvas items added or removed, per block (by text)
 *
 * Nothing else is compared: a section without change has no entry.
 *
 * The tool's reading of a change (cz_diff_sense) is its own rule, stated in
 * the reports: further progress, a step further on, a competence gained, an
 * alert lifted, a better indicator status or verdict is « mieux ». The
 * verdicts rank GO, RÉAJUSTER, INCOMPLET, NO-GO from best to worst; « non
 * évalué » and « avant le test » are not ranked. A diff `worsens` when the
 * verdict moved down that ranking or a `critique` alert appeared: the
 * status of --exit-code (CZ_CODE_WORSE, lib/analysis.h).
 *
 * The result borrows both projects and the referential, which must outlive
 * it; everything else is owned by its arena.
 */
#ifndef CZ_DIFF_H
#define CZ_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "portfolio.h"
#include "referential.h"
#include "render.h"
#include "status.h"

typedef enum {
	CZ_DIFF_PHASE, CZ_DIFF_PROGRESS, CZ_DIFF_STEPS, CZ_DIFF_SKILLS, CZ_DIFF_ALERTS,
	CZ_DIFF_VERDICT, CZ_DIFF_INDICATORS, CZ_DIFF_ACTIVITY, CZ_DIFF_PILLARS, CZ_DIFF_OFFERS,
	CZ_DIFF_NEEDS, CZ_DIFF_ACTORS, CZ_DIFF_CANVAS, CZ_DIFF_SECTION_COUNT
} cz_diff_section;

/* "phase", "avancement", "etapes"… (JSON keys) and French titles. */
extern const char *const cz_diff_section_keys[CZ_DIFF_SECTION_COUNT];
extern const char *const cz_diff_section_labels[CZ_DIFF_SECTION_COUNT];

typedef enum { CZ_DIFF_ADDED, CZ_DIFF_REMOVED, CZ_DIFF_CHANGED, CZ_DIFF_KIND_COUNT } cz_diff_kind;

extern const char *const cz_diff_kind_keys[CZ_DIFF_KIND_COUNT]; /* "ajoute", "retire", "modifie" */

typedef enum { CZ_DIFF_NEUTRAL, CZ_DIFF_BETTER, CZ_DIFF_WORSE, CZ_DIFF_SENSE_COUNT } cz_diff_sense;

extern const char *const cz_diff_sense_keys[CZ_DIFF_SENSE_COUNT];   /* "neutre", "mieux", "moins_bien" */
extern const char *const cz_diff_sense_labels[CZ_DIFF_SENSE_COUNT]; /* "", "mieux", "moins bien" */

typedef struct {
	cz_diff_section section;
	cz_diff_kind kind;
	cz_diff_sense sense;
	const char *key;    /* stable id: step, competence, alert or indicator id, "2026-04", pillar key, name */
	const char *label;  /* what changed, in French */
	const char *group;  /* the phase of a step or competence, the block of a canvas item; or NULL */
	const char *before; /* the value on each side, in French; NULL on the side where it is absent */
	const char *after;
	cz_num before_num, after_num; /* the same as figures, when they are figures */
	const char *detail; /* what changed inside the item, or what the new item holds; or NULL */
} cz_diff_change;

typedef enum {
	CZ_DIFF_U_TEXT, CZ_DIFF_U_PERCENT, CZ_DIFF_U_RATIO, CZ_DIFF_U_EUROS, CZ_DIFF_U_COUNT
} cz_diff_unit;

/* One figure of the portfolio (lib/portfolio.h) on both sides. */
typedef struct {
	const char *key, *label;
	cz_diff_unit unit;
	const char *before, *after; /* French; "—" when not known */
	cz_num before_num, after_num; /* unset for a text figure or a missing value */
	const char *delta;            /* "+12 points", "−1 200 €"; NULL when unchanged or not a figure */
	bool changed;
	cz_diff_sense sense;
} cz_diff_figure;

/* The figures every portfolio row, diff and evolution show. */
#define CZ_DIFF_N_FIGURES 13

typedef struct {
	cz_arena *arena;
	const cz_project *before, *after; /* borrowed */
	const char *before_file, *after_file; /* display names of the two sides */
	bool same_name;                       /* projet.nom is the same on both sides */
	cz_portfolio_row rows[2];             /* the portfolio's figures of each side (strings borrowed) */
	cz_diff_figure figures[CZ_DIFF_N_FIGURES];
	size_t n_figures_changed;
	cz_diff_change *changes; /* by section, then in the order of the referential or of the file */
	size_t n_changes;
	size_t counts[CZ_DIFF_SECTION_COUNT];
	const char **summary; /* what moved, one French sentence per line, the most telling first */
	size_t n_summary;
	bool verdict_worse;  /* the verdict moved down the ranking above */
	size_t new_critical; /* `critique` alerts that appeared */
} cz_diff;

/* Compare `before` with `after`; on CZ_OK *out is the caller's (cz_diff_free). */
cz_status cz_diff_run(const cz_project *before, const cz_project *after, const cz_referential *ref,
		      const cz_options *opts, cz_diff **out);
void cz_diff_free(cz_diff *d);

/* The figures of two portfolio rows (the diff's table, evolution's trend),
 * their strings in `arena`; *n_changed: how many differ. */
cz_status cz_diff_figures(const cz_portfolio_row *before, const cz_portfolio_row *after,
			  const cz_referential *ref, cz_arena *arena, cz_diff_figure out[CZ_DIFF_N_FIGURES],
			  size_t *n_changed);

/* Whether nothing the diff compares changed. */
static inline bool cz_diff_empty(const cz_diff *d)
{
	return d->n_changes == 0 && d->n_figures_changed == 0;
}

/* Whether the diff worsens (see above). */
static inline bool cz_diff_worsens(const cz_diff *d)
{
	return d->verdict_worse || d->new_critical > 0;
}

/* Renderers (lib/render.h). */

#endif
