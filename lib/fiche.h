/*
 * The project file as a spreadsheet form (the "fiche"): which sheets it has,
 * which fields each holds, of which type. The writer (fiche_write.c) and
 * the importer (fiche_import.c) both read this one description, so the
 * form and its reading can never disagree.
 *
 * Every sheet of the form has the same frame (0-based rows):
 *   row 0  title
 *   row 1  one-line instruction
 *   row 2  hidden: the key of each column ("nom", "roles.client"…), which the
 *          importer reads instead of the headers, so headers and the labels
 *          of a later version can change without breaking the import
 *   row 3  headers
 *   row 4… data
 * A table sheet has one record per row (an actor, a month…); a form sheet
 * (Projet, Bilan du test) one field per row, with its key in a hidden
 * column. Enumerations show their French labels; the importer takes labels
 * or keywords, in any case, with or without accents.
 */
#ifndef CZ_FICHE_H
#define CZ_FICHE_H

#include <stdbool.h>
#include <stddef.h>

#include "enums.h"

#define CZ_FICHE_KEY_ROW 2
#define CZ_FICHE_HEAD_ROW 3
#define CZ_FICHE_FIRST_ROW 4
/* The version of the form, written in the instructions sheet. */
#define CZ_FICHE_VERSION 1
/* Fields in one sheet, at most (checked at compile time in fiche_layout.c). */
#define CZ_FICHE_MAX_FIELDS 24
/* Key of the column that marks the example rows of a blank form. */
#define CZ_FICHE_EXAMPLE_KEY "exemple"

typedef enum {
	CZ_FF_TEXT,
	CZ_FF_INT,   /* a whole number within [min, max] */
	CZ_FF_NUM,   /* a number within [min, max] */
	CZ_FF_DATE,  /* AAAA-MM-JJ */
	CZ_FF_MONTH, /* AAAA-MM */
	CZ_FF_BOOL,  /* oui / non */
	CZ_FF_ENUM,  /* one of `values` */
	CZ_FF_ACTOR, /* the name of an actor of the Acteurs sheet */
	CZ_FF_INFO,  /* shown for reading (a phase, a label), never imported */
} cz_fiche_type;

enum {
	CZ_FF_REQUIRED = 1u << 0, /* identifies the record: emitted even when blank */
	CZ_FF_ANCHOR = 1u << 1,   /* where problems about the whole record point */
	CZ_FF_LOCKED = 1u << 2,   /* written by the tool, protected (ids, labels) */
};

typedef struct {
	const char *key;   /* YAML key, relative to the record ("porteur.nom") */
	const char *label; /* header, or field name in a form sheet */
	const char *help;  /* shown when the cell is selected, and in the form's guide column */
	const cz_enum *values; /* CZ_FF_ENUM */
	double min, max;       /* CZ_FF_INT, CZ_FF_NUM */
	double width;          /* column width (table sheets) */
	cz_fiche_type type;
	unsigned flags;
} cz_fiche_field;

typedef enum {
	CZ_FICHE_PROJET, CZ_FICHE_ETAPES, CZ_FICHE_COMPETENCES, CZ_FICHE_ACTEURS,
	CZ_FICHE_BESOINS, CZ_FICHE_OFFRE, CZ_FICHE_ACTIVITE, CZ_FICHE_SERVICES,
	CZ_FICHE_FINANCEMENTS, CZ_FICHE_TEST, CZ_FICHE_CANEVAS, CZ_FICHE_PART_COUNT
} cz_fiche_part;

typedef struct {
	const char *sheet;       /* sheet name */
	const char *title;       /* row 0 */
	const char *instruction; /* row 1 */
	const cz_fiche_field *fields;
	size_t n_fields;
	cz_fiche_part part;
	bool form; /* one field per row */
} cz_fiche_sheet;

/* The parts in workbook order, after the instructions sheet. */
extern const cz_fiche_sheet cz_fiche_sheets[CZ_FICHE_PART_COUNT];
/* The first sheet, instructions only (never imported). */
extern const char cz_fiche_guide_sheet[];

/* The form sheets' columns: label, value, guide, key (hidden). */
enum { CZ_FORM_LABEL, CZ_FORM_VALUE, CZ_FORM_HELP, CZ_FORM_KEY, CZ_FORM_COLS };
extern const char *const cz_form_column_keys[CZ_FORM_COLS];

/* The key prefix of the Bilan du test rows that override a threshold:
 * "seuils." followed by a measure key of the referential. */
#define CZ_FICHE_SEUIL_PREFIX "seuils."

/* The example rows of a blank form, as the project file would write them
 * (enumeration keywords, true/false, AAAA-MM, numbers with a point). The
 * importer skips a row marked "exemple" while it still holds them. */
typedef struct {
	const char *key, *value;
} cz_fiche_pair;

typedef struct {
	cz_fiche_part part;
	cz_fiche_pair pairs[8]; /* ends at the first NULL key */
} cz_fiche_example;

extern const cz_fiche_example cz_fiche_examples[];
extern const size_t cz_fiche_n_examples;

/* Field `key` of a sheet, or NULL. */
const cz_fiche_field *cz_fiche_field_find(const cz_fiche_sheet *s, const char *key);

#endif
