/*
 * Where a French word may be hyphenated at the end of a line, by the
 * school rules of syllables (a rule of the tool, not a dictionary): a
 * consonant between two vowels starts the next syllable (dé-cla-ré), two
 * consonants between vowels are split (com-man-des) unless they are an
 * inseparable pair (a consonant then l or r, ch, ph, th, gn: li-vrai-son),
 * of three consonants the last one or the inseparable pair starts the
 * syllable; two vowels together are never split. At least three letters
 * stay on each side. Used to give the headers of very wide tables break
 * points (soft hyphens) instead of letting them break anywhere.
 */
#ifndef CZ_HYPHEN_H
#define CZ_HYPHEN_H

#include <stddef.h>

/* The byte offsets in word[0..len) (UTF-8, letters only) before which a
 * hyphen may go, in increasing order, into points[0..max); returns how
 * many were found (at most max). */
size_t cz_hyphen_points_fr(const char *word, size_t len, size_t *points, size_t max);

#endif
