/*
 * Reading a filled-in workbook back into a project file.
 *
 * The importer turns cells into the YAML text of a project file (commented
 * and ordered like `init`'s starter), then loads that text with the normal
 * loader, so every rule of the format is checked in one place; each problem
 * the loader finds is reported at the cell it came from
 * ("Activité!C14"), with the loader's words and suggestions. What only the
 * workbook can get wrong (an error value in a cell, a formula without a
 * value, an example row that was edited, a month of detailed revenue with
 * no Activité row) is reported at its cell too. Anything found means
 * CZ_ERR_INVALID and no text.
 *
 * Three kinds of workbook are read:
 *   - the form written by `fiche` (fiche.h): the whole project;
 *   - the skills grid written by `skills -f xlsx`: the competences;
 *   - the test-phase workbook written by `test-phase -f xlsx`: the test
 *     assessment (declared values, conditions, the project's thresholds).
 * The last two are merged into an existing project file: only their
 * section is rewritten, the rest of the file is kept byte for byte,
 * comments included (yaml_splice.h).
 *
 * Sheets, columns and rows are found by their keys (the form's hidden key
 * row and column) or, failing that, by their headers; sheets may come in
 * any order. Sheets and columns the importer does not know are ignored with
 * a warning; a column missing from an earlier version of the form is
 * simply empty.
 */
#ifndef CZ_FICHE_IMPORT_H
#define CZ_FICHE_IMPORT_H

#include <stdbool.h>

#include "buf.h"
#include "model.h"
#include "problems.h"
#include "referential.h"
#include "status.h"
#include "xlsx_read.h"

typedef enum {
	CZ_BOOK_UNKNOWN,
	CZ_BOOK_FICHE,     /* `conciergerie fiche` */
	CZ_BOOK_SKILLS,    /* `conciergerie skills -f xlsx` */
	CZ_BOOK_TESTPHASE, /* `conciergerie test-phase -f xlsx` */
} cz_book_kind;

/* What a workbook is, from its sheets. */
cz_book_kind cz_book_kind_of(const cz_xbook *book);

/*
 * The project file a form holds, as YAML text appended to `yaml`
 * (validated). `source` names the workbook in the file's first comment.
 * Problems go to `problems` (positioned at cells; its `file` names the
 * workbook), notes about what was ignored to `warnings`.
 */
cz_status cz_fiche_import(const cz_xbook *book, const char *source, const cz_referential *ref,
			  cz_buf *yaml, cz_problems *problems, cz_problems *warnings);

/*
 * Merge a skills grid or a test-phase workbook into the project file
 * `text` (`len` bytes, already valid, loaded as `base`): its competences
 * or test section is replaced, the rest kept as it is; the result, checked
 * by the loader, is appended to `out`. `*changed` says whether any value
 * differs from `base`.
 */
cz_status cz_book_merge(const cz_xbook *book, const cz_referential *ref, const char *text,
			size_t len, const cz_project *base, cz_buf *out, bool *changed,
			cz_problems *problems, cz_problems *warnings);

#endif
