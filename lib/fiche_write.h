/*
 * Writing the spreadsheet form of a project (fiche.h): a "Mode d'emploi"
 * sheet, then one sheet per part of the project file, pre-filled from a
 * project or blank with example rows. Each sheet opens with its title and a
 * one-line instruction, validates its cells (drop-downs for enumerations,
 * oui / non, actors; bounds for numbers; dates), protects everything but
 * the cells to fill (without a password), and prints on A4.
 */
#ifndef CZ_FICHE_WRITE_H
#define CZ_FICHE_WRITE_H

#include <xlsxwriter.h>

#include "xlsx_util.h"

#include "model.h"
#include "problems.h"
#include "referential.h"
#include "render.h"
#include "status.h"

/* Rows of a table sheet that keep the drop-downs and checks, past the
 * data (the reader reads at most 10,000 rows per sheet). */
#define CZ_FICHE_INPUT_ROWS 5000

/*
 * Add the form's sheets to `wb`: pre-filled from `p`, or blank (with
 * example rows) when `p` is NULL. A text too long for a spreadsheet cell is
 * CZ_ERR_INVALID with a message in `problems` (a form read back must hold
 * every text whole); a libxlsxwriter failure is kept in `x`.
 */
cz_status cz_fiche_write(const cz_project *p, const cz_referential *ref, cz_xlsx *x,
			 cz_problems *problems);

/* The result `fiche` renders (lib/analysis.h): the project, or NULL for a
 * blank form, and where to say that a text is too long for a cell. */
typedef struct {
	const cz_project *p;
	cz_problems *problems;
} cz_fiche_source;

#endif
