/*
 * Project file -> typed model (SPEC §3), reporting every problem of the file
 * in one pass: syntax, types, enumerations, ranges, calendar dates,
 * duplicates, and references to actors and to the referential's ids.
 */
#ifndef CZ_LOADER_H
#define CZ_LOADER_H

#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "referential.h"
#include "schema.h"
#include "status.h"

/* Bounds beyond which a figure is a typing mistake rather than data (the
 * spreadsheet form validates its cells with the same ones). */
#define CZ_MAX_COUNT 1e7 /* people, orders, companies… */
#define CZ_MAX_POPULATION 1e8
#define CZ_MAX_EUROS 1e9
#define CZ_MAX_HOURS 1e6
#define CZ_MAX_MONTHS 120.0 /* order book, cash */
#define CZ_MAX_WORKLOAD 5.0 /* workload / capacity */
#define CZ_SCORE_MIN 1.0    /* 1–5 scales */
#define CZ_SCORE_MAX 5.0
#define CZ_YEAR_MIN 1990 /* a funding's year */
#define CZ_YEAR_MAX 2100

/*
 * Load a project from memory. `file` is the display name kept in the model.
 * On CZ_OK, *out is owned by the caller (cz_project_free). On
 * CZ_ERR_INVALID, `problems` holds every problem found, sorted by position.
 */
cz_status cz_project_load(const char *data, size_t len, const char *file,
			  const cz_referential *ref, cz_project **out, cz_problems *problems);

/*
 * Read `path` ("-" for standard input) and load it. A directory, an empty or
 * oversized file is CZ_ERR_INVALID; a file that cannot be read is CZ_ERR_IO
 * (the reason is in `problems`, without position).
 */
cz_status cz_project_load_file(const char *path, const cz_referential *ref, cz_project **out,
			       cz_problems *problems);

/*
 * Read a whole file ("-" = stdin) into a malloc'd, NUL-terminated buffer of
 * at most `max` bytes. Errors as for cz_project_load_file.
 */
cz_status cz_read_file(const char *path, size_t max, char **data, size_t *len,
		       cz_problems *problems);

/* Bounds of a `test.seuils` override of measure `m` (from the unit of the
 * indicator it overrides; a pitfall's count is an integer up to 50);
 * *ratio when the value is a ratio or a share (read as cz_read_ratio does). */
void cz_threshold_bounds(const cz_referential *ref, cz_measure m, double *min, double *max,
			 bool *integer, bool *ratio);

/* The nine canvas blocks (shared by project files and the referential). */
void cz_load_bmc(cz_schema *s, const cz_node *map, const char *path, cz_bmc *out);

#endif
