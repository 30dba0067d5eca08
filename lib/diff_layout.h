/*
 * How the sections of a diff (lib/diff.h) are shown as tables, the same in
 * every format: the column headers, the words for a change of each kind,
 * and French dates. Shared by the diff and evolution renderers.
 */
#ifndef CZ_DIFF_LAYOUT_H
#define CZ_DIFF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"
#include "json.h"
#include "model.h"

typedef struct {
	const char *name;   /* header of the item's column; NULL: the section has no table (in the figures) */
	const char *group;  /* header of the group column, or NULL */
	const char *const *kind; /* words for added, removed, changed; NULL: no column */
	bool values;        /* before and after columns */
	bool sense;         /* the tool's reading goes in the detail column */
	const char *detail; /* header of the detail column, or NULL */
	const char *unchanged; /* the section in « Sans changement : … » */
} cz_diff_table;

extern const cz_diff_table cz_diff_tables[CZ_DIFF_SECTION_COUNT];

/* What the detail column shows: the detail, else the item's value on the
 * side where it exists (an added month's figures). */
const char *cz_diff_detail(const cz_diff_change *c);

/* The figures as a JSON array of objects (key, label, the two values under
 * the keys `before` and `after`, changed, sense): diff's before and after,
 * evolution's first and last snapshot. Written by render_diff_json.c. */
void cz_diff_figures_json(cz_json *j, const cz_diff_figure figures[CZ_DIFF_N_FIGURES], const char *before,
			  const char *after);

/* "30 septembre 2026", "septembre 2026" (a month), into out. */
char *cz_diff_date_fr(char *out, size_t size, cz_date d);
/* "2026-09-30", "2026-09", or "" when not set. */
char *cz_diff_date_iso(char *out, size_t size, cz_date d);

#endif
