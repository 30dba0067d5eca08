/*
 * Loose comparison of French text: case and accents ignored ("É" is "e",
 * "œ" is "oe", "’" is "'", no-break spaces are spaces), optionally a
 * word-final "s" too. Used to find words in canvas items, to match needs
 * with offers and to suggest a known value for a mistyped one.
 * Matching folds both texts once into temporary copies; invalid UTF-8
 * never reaches here (the YAML reader refuses it).
 */
#ifndef CZ_FOLD_H
#define CZ_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Whether `needle` occurs in `hay`; with `stem`, a final "s" of each word of
 * the needle and of the text is ignored ("bailleurs" matches "Bailleur
 * social"). An empty needle matches nothing. */
bool cz_fold_match(const char *hay, const char *needle, bool stem);
/* The same for needle[0..needle_end) (needle_end NULL: all of it). */
bool cz_fold_match_span(const char *hay, const char *needle, const char *needle_end, bool stem);
/* Whether any of needles[0..n) occurs in `hay` (folded once for all). */
bool cz_fold_match_any(const char *hay, const char *const *needles, size_t n, bool stem);
/* s[0..end) (end NULL: up to the NUL) folded as cz_fold_match folds it,
 * malloc'd (NULL when out of memory): to fold a text once for many
 * comparisons. */
char *cz_fold_dup(const char *s, const char *end, bool stem);
/* cz_fold_match on texts both folded by cz_fold_dup (the same answer). */
bool cz_folded_match(const char *folded_hay, const char *folded_needle);
/* `s` as cz_fold_match compares it, into `out` (cut to `size`); returns the
 * number of bytes written, the NUL excluded. */
size_t cz_fold(const char *s, bool stem, char *out, size_t size);

#endif
