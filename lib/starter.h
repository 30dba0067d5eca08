/*
 * The placeholders of the starter file `conciergerie init` writes
 * (templates/init.yaml), recognised so that analyses say "not filled in yet"
 * instead of counting them: the example need and service, the project's,
 * carrier's and territory's placeholder names, a territory of zeros, and an
 * example canvas of the referential copied as it was.
 *
 * The placeholder texts are those of templates/init.yaml; the unit tests
 * load every starter `init` writes and check each one is recognised.
 */
#ifndef CZ_STARTER_H
#define CZ_STARTER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "model.h"
#include "referential.h"

bool cz_starter_need(const cz_need *n);    /* "Exemple de besoin" */
bool cz_starter_offer(const cz_offer *o);  /* "Exemple de service" */
/* The territory says nothing yet: its placeholder name, or no positive figure. */
bool cz_starter_territory(const cz_projet *pj);

/* The example canvas of `ref` whose every block holds the same texts as the
 * project's canvas, or NULL (the project's canvas is its own). */
const cz_ref_canvas *cz_starter_canvas(const cz_project *p, const cz_referential *ref);

/* What of a project is still the starter's. */
typedef struct {
	bool nom, porteur, territoire; /* placeholder name / carrier / territory */
	size_t needs, offers;          /* placeholder needs and offers */
	const cz_ref_canvas *canvas;   /* example canvas kept as it was, or NULL */
	size_t found;                  /* how many of the above are placeholders */
	/* Nothing but placeholders: the starter as `init` wrote it (its
	 * example steps and competences aside). */
	bool untouched;
} cz_starter;

void cz_starter_scan(const cz_project *p, const cz_referential *ref, cz_starter *out);

/* One French sentence listing what is still a placeholder ("le nom du
 * projet, le besoin « Exemple de besoin », …"), into `b`; nothing when
 * nothing is. */
void cz_starter_describe(const cz_starter *s, cz_buf *b);

#endif
