/*
 * Parsing one XML part of a workbook with expat, safely.
 *
 * A document type declaration is refused outright (no spreadsheet writes
 * one in OOXML parts), so no entity is ever declared, let alone expanded:
 * no billion laughs, no external entity, no DTD fetched. Nesting depth is
 * bounded. Names reach the handlers without their namespace (expat's
 * namespace processing resolves prefixes, so "x:row" and "row" are the
 * same element); attributes likewise ("r:id" arrives as "id").
 */
#ifndef CZ_XML_READ_H
#define CZ_XML_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"
#include "status.h"

typedef struct cz_xml cz_xml;

typedef struct {
	/* `attrs` holds name, value pairs, NULL-terminated. */
	void (*start)(cz_xml *x, void *ctx, const char *name, const char **attrs);
	void (*end)(cz_xml *x, void *ctx, const char *name);
	/* Character data, in pieces (not NUL-terminated). */
	void (*text)(cz_xml *x, void *ctx, const char *s, size_t len);
} cz_xml_handlers;

/* Nesting depth allowed in a workbook part. */
#define CZ_XML_MAX_DEPTH 64

/*
 * Parse `len` bytes of the part named `part` (for messages). Handlers stop
 * the parse with cz_xml_fail (having added their own message) or
 * cz_xml_nomem. Malformed XML, a DOCTYPE or excessive nesting is
 * CZ_ERR_INVALID with one message naming the part.
 */
cz_status cz_xml_parse(const char *data, size_t len, const char *part, const cz_xml_handlers *h,
		       void *ctx, cz_problems *problems);

/* Stop the parse; the message is the caller's (already added). */
void cz_xml_fail(cz_xml *x);
void cz_xml_nomem(cz_xml *x);

/* Value of attribute `name` (local name) in `attrs`, or NULL. */
const char *cz_xml_attr(const char **attrs, const char *name);

#endif
