/*
 * Replacing one top-level section of a project file, keeping every other
 * byte of it (comments, blank lines, quoting, line endings).
 *
 * A section runs from the line of its key to the next top-level key, less
 * the comments and blank lines just above that key (they introduce it, so
 * they stay with it); the comments above the replaced key stay too. When
 * the file has no such section, the new one goes before the first section
 * that follows it in the format's order (version, projet, etapes,
 * competences, acteurs, besoins, offre, activite, financements, test, bmc),
 * after its introducing comments, or at the end.
 *
 * This is only done on a block-style document (every top-level key at the
 * start of a line, in order); anything else is CZ_ERR_USAGE, so the caller
 * can say so rather than risk the rest of the file.
 */
#ifndef CZ_YAML_SPLICE_H
#define CZ_YAML_SPLICE_H

#include <stddef.h>

#include "buf.h"
#include "problems.h"
#include "status.h"

typedef struct {
	unsigned first_line; /* 1-based line of the result where the new text starts */
	unsigned old_lines;  /* lines the old section took (0 when inserted) */
	unsigned new_lines;  /* lines of `section` */
	int inserted;        /* the section did not exist */
	/* Line of the result of each line of `section`: map[i] for line i + 1
	 * (malloc'd, new_lines entries; the caller frees it). */
	unsigned *map;
} cz_splice_info;

/*
 * Append to `out` the document `text` with section `key` replaced by
 * `section` (the key line and its content, each line ending in "\n"; with
 * `intro`, comment lines written before it when the section is new). Line
 * endings of `section` follow the document's ("\r\n" when it uses them).
 */
cz_status cz_yaml_splice(const char *text, size_t len, const char *key, const char *intro,
			 const char *section, cz_buf *out, cz_splice_info *info, cz_problems *problems);

#endif
