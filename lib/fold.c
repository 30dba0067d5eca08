#include "fold.h"

#include <stdlib.h>
#include <string.h>

/* Folded bytes of Latin-1 supplement letters, U+00C0 to U+00FF (NULL: keep). */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "y",
};

typedef struct {
	const unsigned char *p, *end; /* end: NULL for a NUL-terminated string */
	char pend[4];
	int np, ip;
} fold_stream;

static void fs_init(fold_stream *f, const char *s, const char *end)
{
	f->p = (const unsigned char *)s;
	f->end = (const unsigned char *)end;
	f->np = f->ip = 0;
}

static void fs_pend(fold_stream *f, const char *s, int n)
{
	memcpy(f->pend, s, (size_t)n);
	f->np = n;
	f->ip = 0;
}

/* Next byte of the folded text, or -1 at the end. */
static int fs_get(fold_stream *f)
{
	if (f->ip < f->np)
		return (unsigned char)f->pend[f->ip++];
	const unsigned char *p = f->p;
	if (!*p || (f->end && p >= f->end))
		return -1;
	if (p[0] < 0x80) {
		f->p++;
		return p[0] >= 'A' && p[0] <= 'Z' ? p[0] - 'A' + 'a' : p[0];
	}
	if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF && latin1_fold[p[1] - 0x80]) {
		const char *r = latin1_fold[p[1] - 0x80];
		f->p += 2;
		fs_pend(f, r, (int)strlen(r));
	} else if (p[0] == 0xC5 && (p[1] == 0x92 || p[1] == 0x93)) {
		f->p += 2;
		fs_pend(f, "oe", 2);
	} else if (p[0] == 0xC2 && p[1] == 0xA0) {
		f->p += 2;
		fs_pend(f, " ", 1);
	} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
		f->p += 3;
		fs_pend(f, "'", 1);
	} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x91 || p[2] == 0x93)) {
		f->p += 3;
		fs_pend(f, "-", 1);
	} else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {
		f->p += 3;
		fs_pend(f, " ", 1);
	} else {
		/* Any other byte stands for itself (invalid UTF-8 cannot reach here). */
		f->p++;
		return p[0];
	}
	return (unsigned char)f->pend[f->ip++];
}

static bool is_word_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Next folded byte; with `stem`, an "s" ending a word is skipped. */
static int stem_get(fold_stream *f, bool stem)
{
	int c = fs_get(f);
	if (stem && c == 's') {
		fold_stream peek = *f;
		if (!is_word_byte(fs_get(&peek)))
			c = fs_get(f);
	}
	return c;
}

/* stem_get, with the usual byte (ASCII, nothing pending, not an "s" that
 * stemming must look past) decided inline: the same bytes out. */
static inline int next_folded(fold_stream *f, bool stem)
{
	const unsigned char *p = f->p;
	int c = p[0];
	if (f->ip >= f->np && c != 0 && c < 0x80 && (!f->end || p < f->end)) {
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != 's' || !stem) {
			f->p++;
			return c;
		}
	}
	return stem_get(f, stem);
}

/* s[0..end) folded (end NULL: up to the NUL) into out, which has room for
 * the text's length + 1 bytes: folding never lengthens a text ("ß" is 2
 * bytes, as "ss"). */
static void fold_into(const char *s, size_t len, const char *end, bool stem, char *out)
{
	fold_stream f;
	fs_init(&f, s, end);
	size_t n = 0;
	int ch;
	while ((ch = next_folded(&f, stem)) >= 0 && n < len)
		out[n++] = (char)ch;
	out[n] = '\0';
}

/* A folded copy: in `local` (`size` bytes) when it fits, else malloc'd;
 * NULL when out of memory. Free with fold_free. */
static char *fold_copy(const char *s, const char *end, bool stem, char *local, size_t size)
{
	size_t len = end ? (size_t)(end - s) : strlen(s);
	char *out = len < size ? local : malloc(len + 1);
	if (out)
		fold_into(s, len, end, stem, out);
	return out;
}

char *cz_fold_dup(const char *s, const char *end, bool stem)
{
	char *out = fold_copy(s, end, stem, NULL, 0);
	return out;
}

bool cz_folded_match(const char *folded_hay, const char *folded_needle)
{
	return *folded_needle && strstr(folded_hay, folded_needle) != NULL;
}

static void fold_free(char *s, const char *local)
{
	if (s != local)
		free(s);
}

/* The naive search from every byte, for when memory lacks (a start
 * inside a multi-byte character yields a continuation byte, which no
 * needle begins with). */
static bool naive_match(const char *hay, const char *needle, const char *needle_end, bool stem)
{
	for (const char *start = hay; *start; start++) {
		fold_stream h, n;
		fs_init(&h, start, NULL);
		fs_init(&n, needle, needle_end);
		int nc;
		while ((nc = stem_get(&n, stem)) >= 0 && stem_get(&h, stem) == nc)
			;
		if (nc < 0)
			return true;
	}
	return false;
}

/* Whether the folded needle[0..needle_end) occurs in the folded hay `fh`
 * (NULL when it could not be had: the naive search on `hay`). */
static bool match_folded(const char *hay, const char *fh, const char *needle, const char *needle_end,
			 bool stem)
{
	fold_stream n;
	fs_init(&n, needle, needle_end);
	if (stem_get(&n, stem) < 0)
		return false;
	/* Both folded once, then a linear-time search: the naive search
	 * costs hay × needle when both are long and alike (two 64 KiB texts
	 * of "é" took seconds). Folding a character depends on it and the
	 * next byte only, so a folded substring is the substring folded. */
	char local[256];
	char *fn = fh ? fold_copy(needle, needle_end, stem, local, sizeof(local)) : NULL;
	if (!fn)
		return naive_match(hay, needle, needle_end, stem);
	bool found = *fn && strstr(fh, fn) != NULL;
	fold_free(fn, local);
	return found;
}

/* Whether needle[0..needle_end) occurs in hay (needle_end NULL: all of it). */
bool cz_fold_match_span(const char *hay, const char *needle, const char *needle_end, bool stem)
{
	if (!hay || !needle)
		return false;
	char local[1024];
	char *fh = fold_copy(hay, NULL, stem, local, sizeof(local));
	bool found = match_folded(hay, fh, needle, needle_end, stem);
	if (fh)
		fold_free(fh, local);
	return found;
}

bool cz_fold_match_any(const char *hay, const char *const *needles, size_t n, bool stem)
{
	if (!hay)
		return false;
	char local[1024];
	char *fh = fold_copy(hay, NULL, stem, local, sizeof(local));
	bool found = false;
	for (size_t i = 0; i < n && !found; i++)
		found = needles[i] && match_folded(hay, fh, needles[i], NULL, stem);
	if (fh)
		fold_free(fh, local);
	return found;
}

size_t cz_fold(const char *s, bool stem, char *out, size_t size)
{
	fold_stream f;
	fs_init(&f, s, NULL);
	size_t n = 0;
	int ch;
	while ((ch = next_folded(&f, stem)) >= 0)
		if (n + 1 < size)
			out[n++] = (char)ch;
	if (size)
		out[n] = '\0';
	return n;
}

bool cz_fold_match(const char *hay, const char *needle, bool stem)
{
	return cz_fold_match_span(hay, needle, NULL, stem);
}

