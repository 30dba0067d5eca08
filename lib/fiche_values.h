/*
 * The values of a project as the spreadsheet form shows them: one value per
 * field of a form sheet (Projet, Bilan du test), one record per row of a
 * table sheet, in the fields' order (fiche.h). The form's writer turns them
 * into cells; `import --into` turns the values it keeps into the text of
 * the project file.
 */
#ifndef CZ_FICHE_VALUES_H
#define CZ_FICHE_VALUES_H

#include <stdbool.h>

#include "fiche.h"
#include "model.h"
#include "referential.h"

/* A value of the form: nothing, a text, a number, a date (day 0 for a
 * month), yes or no, or an enumeration value (its index). */
typedef struct {
	enum { CZ_FV_NONE, CZ_FV_TEXT, CZ_FV_NUM, CZ_FV_DATE, CZ_FV_BOOL, CZ_FV_ENUM } kind;
	const char *s;
	double n;
	cz_date d;
	bool b;
	int e; /* index in the field's enumeration */
} cz_fiche_value;

extern const cz_fiche_value cz_fv_none;
cz_fiche_value cz_fv_text(const char *s); /* NULL or "" give none */
cz_fiche_value cz_fv_num(cz_num n);
cz_fiche_value cz_fv_double(double d);
cz_fiche_value cz_fv_date(cz_date d);
cz_fiche_value cz_fv_bool(bool b);
cz_fiche_value cz_fv_tristate(int t); /* -1 gives none */
cz_fiche_value cz_fv_enum(int e, bool set);

/* The value of field `key` of a form sheet (CZ_FICHE_PROJET or CZ_FICHE_TEST;
 * "seuils.MEASURE" for a threshold of the project). */
cz_fiche_value cz_fiche_form_value(const cz_project *p, cz_fiche_part part, const char *key);

typedef struct {
	cz_fiche_value v[CZ_FICHE_MAX_FIELDS];
} cz_fiche_record;

typedef void (*cz_fiche_row_fn)(void *ctx, const cz_fiche_record *r);

/* Each record of table sheet `part`, in order: for Étapes and Compétences one
 * per item of the referential (assessed by `p` or not; `p` may be NULL),
 * otherwise one per item of `p` (nothing when NULL). */
void cz_fiche_records(const cz_project *p, const cz_referential *ref, cz_fiche_part part,
		      cz_fiche_row_fn fn, void *ctx);

#endif


