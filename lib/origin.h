/*
 * How reports state where a value comes from: a document of the working
 * group (and the concierge role document), named by its title, or a default
 * of the tool that a structure can adjust (--referentiel, and for a
 * project's test thresholds, test.seuils). See referential.h, "Origins".
 */
#ifndef CZ_ORIGIN_H
#define CZ_ORIGIN_H

#include <stddef.h>

#include "buf.h"
#include "json.h"
#include "referential.h"

/* Append, as Markdown text, "le document « Titre »" or "un réglage par
 * défaut de l'outil". A title has no length limit: no fixed buffer. */
void cz_origin_phrase_md(cz_buf *b, const cz_ref_source *s);

/* Append "repris du document « Titre »" or "réglage par défaut de l'outil,
 * ajustable avec --referentiel". */
void cz_origin_md(cz_buf *b, const cz_ref_source *s);

/* JSON value of an origin: { "source": id, "titre": …, "auteur": … | null,
 * "reglage_outil": bool }; a NULL source writes the tool's. `key` is
 * written first unless NULL. */
void cz_origin_json(cz_json *j, const char *key, const cz_ref_source *s);

/* JSON origin of a threshold a project set itself (test.seuils). */
void cz_origin_json_project(cz_json *j, const char *key, const char *field);

#endif
