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

/* The nine canvas blocks (shared by project files and the referential). */
void cz_load_bmc(cz_schema *s, const cz_node *map, const char *path, cz_bmc *out);

#endif
