/*
 * The names of the files written into an output directory, from the names
 * of the inputs: the one function that both builds a report's file name and
 * checks that no other report of the run has it.
 *
 * A report's name is stem + suffix + "." + ext, where stem is the input's
 * base name without one ".yaml" or ".yml" ("-" gives "stdin"), cut to 200
 * bytes on a character boundary so the name and its temporary twin stay
 * within NAME_MAX. Two names are the same when they only differ by case
 * (ASCII and Latin-1 letters: a case-insensitive file system or a copy to
 * one would merge them). A name already taken, by an earlier input or by a
 * reserved name (the portfolio), gets stem-2, stem-3…, in input order, so
 * reruns give the same names. Each name costs O(its length): a hash of the
 * names used, and per stem the next number to try, so the same stem given
 * 20,000 times stays linear.
 */
#ifndef CZ_OUT_NAMES_H
#define CZ_OUT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *key;     /* the folded file name (owned) */
	char *name;    /* the file name as written (owned); NULL for a stem counter */
	unsigned next; /* stem counters: the next number to try */
} cz_names_slot;

typedef struct {
	cz_names_slot *slots; /* open addressing, power-of-two capacity */
	size_t cap, count;
} cz_names;

void cz_names_init(cz_names *s);
void cz_names_free(cz_names *s);

/* Take the file name `name` ("portefeuille.md") so that no input gets it.
 * False when out of memory. */
bool cz_names_reserve(cz_names *s, const char *name);

/* The file name of the report of `input` (a path), unique in the set and
 * now taken; owned by the set. NULL when out of memory. */
const char *cz_names_unique(cz_names *s, const char *input, const char *suffix, const char *ext);

#endif
