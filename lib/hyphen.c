/* French hyphenation points by the rules of syllables (see hyphen.h). */
#include "hyphen.h"

#include <stdbool.h>

#define MIN_SIDE 3 /* letters kept on each side of a hyphen */
#define MAX_LETTERS 64

/* A letter's base (lowercase ASCII) and byte length at s[0..len), or 0
 * when s does not start with a letter known to the rules. */
static size_t letter(const unsigned char *s, size_t len, char *base)
{
	if (len == 0)
		return 0;
	if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) {
		*base = (char)(s[0] | 0x20);
		return 1;
	}
	if (len < 2 || (s[1] & 0xC0) != 0x80)
		return 0;
	if (s[0] == 0xC5 && (s[1] == 0x92 || s[1] == 0x93)) { /* Œ œ */
		*base = 'o';
		return 2;
	}
	if (s[0] != 0xC3)
		return 0;
	/* U+00C0..U+00FF: an upper case letter and its lower case share a base. */
	static const char bases[32] = "aaaaaaaceeeeiiii" "dnooooo" "\0" "ouuuuyty";
	if (s[1] == 0x9F) /* ß: not a letter the rules know */
		return 0;
	*base = bases[(s[1] - 0x80) & 0x1F]; /* × and ÷ have no base */
	return *base ? 2 : 0;
}

static bool vowel(char b)
{
	return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

/* Two consonants that start a syllable together. */
static bool inseparable(char a, char b)
{
	if (b == 'l' || b == 'r')
		return a == 'b' || a == 'c' || a == 'd' || a == 'f' || a == 'g' || a == 'k' || a == 'p' ||
		       a == 't' || a == 'v';
	return b == 'h' ? (a == 'c' || a == 'p' || a == 't') : (a == 'g' && b == 'n');
}

size_t cz_hyphen_points_fr(const char *word, size_t len, size_t *points, size_t max)
{
	const unsigned char *s = (const unsigned char *)word;
	char base[MAX_LETTERS];
	size_t at[MAX_LETTERS];
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t l = n < MAX_LETTERS ? letter(s + i, len - i, &base[n]) : 0;
		if (l == 0)
			return 0; /* not a word the rules know: no break */
		at[n++] = i;
		i += l;
	}
	size_t found = 0;
	size_t a = 0;
	while (a < n && !vowel(base[a]))
		a++;
	while (a < n && found < max) {
		size_t b = a + 1;
		while (b < n && !vowel(base[b]))
			b++;
		if (b >= n)
			break;
		size_t k = b - a - 1; /* consonants between the vowels a and b */
		size_t cut = 0;
		if (k == 1)
			cut = a + 1;
		else if (k >= 2)
			cut = inseparable(base[b - 2], base[b - 1]) ? b - 2 : b - 1;
		if (cut >= MIN_SIDE && n - cut >= MIN_SIDE)
			points[found++] = at[cut];
		a = b;
	}
	return found;
}
