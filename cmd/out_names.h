/*
 * Output names derived from input names: the base name without .yaml/.yml,
 * made unique with -2, -3… in input order, so several inputs never write
 * to the same report and reruns give the same names.
 */
#ifndef CZ_OUT_NAMES_H
#define CZ_OUT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char **slots; /* open addressing; the set owns the strings */
	size_t cap, count;
} cz_names;

/* The unique name for `input` ("-" is "stdin"); owned by the set. NULL
 * when out of memory. */
const char *cz_names_unique(cz_names *s, const char *input);
/* Take `name` so that no input gets it. */
bool cz_names_reserve(cz_names *s, const char *name);
void cz_names_free(cz_names *s);

#endif
