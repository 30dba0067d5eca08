#include "out_names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Longest stem kept, in bytes (see the header). */
#define STEM_MAX 200

void cz_names_init(cz_names *s)
{
	s->slots = NULL;
	s->cap = s->count = 0;
}

void cz_names_free(cz_names *s)
{
	for (size_t i = 0; i < s->cap; i++) {
		free(s->slots[i].key);
		free(s->slots[i].name);
	}
	free(s->slots);
	cz_names_init(s);
}

static size_t hash(const char *k)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211u;
	return (size_t)h;
}

/* Append `s` (n bytes) to `out` with letters folded to lower case: ASCII,
 * and the Latin-1 capitals À..Þ (U+00C0..U+00DE, but ×) written in UTF-8. */
static size_t fold(char *out, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z') {
			out[o++] = (char)(c + 32);
		} else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97) {
			out[o++] = (char)c;
			out[o++] = (char)((unsigned char)s[++i] + 0x20);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return o;
}

/* The slot of `key`, or the empty slot where it would go. */
static cz_names_slot *find(const cz_names *s, const char *key)
{
	for (size_t i = hash(key) & (s->cap - 1);; i = (i + 1) & (s->cap - 1))
		if (!s->slots[i].key || strcmp(s->slots[i].key, key) == 0)
			return &s->slots[i];
}

static bool grow(cz_names *s)
{
	if ((s->count + 1) * 2 <= s->cap)
		return true;
	size_t cap = s->cap ? s->cap * 2 : 256;
	cz_names_slot *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return false;
	cz_names old = *s;
	s->slots = slots;
	s->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(s, old.slots[i].key) = old.slots[i];
	free(old.slots);
	return true;
}

/* Insert `key` (taken over) with `name` (taken over, may be NULL). */
static cz_names_slot *insert(cz_names *s, char *key, char *name)
{
	if (!grow(s)) {
		free(key);
		free(name);
		return NULL;
	}
	cz_names_slot *slot = find(s, key);
	*slot = (cz_names_slot){ key, name, 2 };
	s->count++;
	return slot;
}

/* Keys: 'N' + the folded file name, for names taken; 'C' + folded stem +
 * '/' + folded suffix and extension, for the counter of a stem ('/' is in
 * no file name, so the two parts never run into each other). */
static char *make_key(char kind, const char *a, size_t na, const char *b, size_t nb)
{
	char *k = malloc(na + nb + 3);
	if (!k)
		return NULL;
	k[0] = kind;
	size_t o = 1 + fold(k + 1, a, na);
	if (kind == 'C')
		k[o++] = '/';
	fold(k + o, b, nb);
	return k;
}

bool cz_names_reserve(cz_names *s, const char *name)
{
	char *key = make_key('N', name, strlen(name), "", 0);
	char *copy = strdup(name);
	if (!key || !copy) {
		free(key);
		free(copy);
		return false;
	}
	if (s->cap && find(s, key)->key) { /* already taken */
		free(key);
		free(copy);
		return true;
	}
	return insert(s, key, copy) != NULL;
}

static bool ends_with_ci(const char *s, size_t len, const char *end)
{
	size_t e = strlen(end);
	if (len <= e)
		return false;
	for (size_t i = 0; i < e; i++) {
		char c = s[len - e + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != end[i])
			return false;
	}
	return true;
}

/* Try stem[-n]tail: 1 when free (now taken, *name set to the string the
 * set owns, which stays where it is), 0 when taken, -1 out of memory. */
static int try_name(cz_names *s, const char *stem, size_t stem_len, unsigned n, const char *tail,
		    char *buf, size_t buf_size, const char **name_out)
{
	size_t len;
	if (n > 1)
		len = (size_t)snprintf(buf, buf_size, "%.*s-%u%s", (int)stem_len, stem, n, tail);
	else
		len = (size_t)snprintf(buf, buf_size, "%.*s%s", (int)stem_len, stem, tail);
	char *key = make_key('N', buf, len, "", 0);
	if (!key)
		return -1;
	if (s->cap && find(s, key)->key) {
		free(key);
		return 0;
	}
	char *name = strdup(buf);
	if (!name) {
		free(key);
		return -1;
	}
	if (!insert(s, key, name))
		return -1;
	*name_out = name;
	return 1;
}

const char *cz_names_unique(cz_names *s, const char *input, const char *suffix, const char *ext)
{
	const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
	const char *slash = strrchr(base, '/');
	if (slash)
		base = slash + 1;
	size_t stem = strlen(base);
	if (stem == 0) {
		base = "projet";
		stem = strlen(base);
	}
	if (ends_with_ci(base, stem, ".yaml"))
		stem -= 5;
	else if (ends_with_ci(base, stem, ".yml"))
		stem -= 4;
	stem = cz_utf8_prefix(base, stem, STEM_MAX); /* never inside a UTF-8 character */
	size_t tail_len = strlen(suffix) + 1 + strlen(ext);
	char *tail = malloc(tail_len + 1);
	size_t buf_size = stem + 12 + tail_len + 1;
	char *buf = malloc(buf_size);
	const char *result = NULL;
	int r = -1;
	if (!tail || !buf)
		goto out;
	snprintf(tail, tail_len + 1, "%s.%s", suffix, ext);
	r = try_name(s, base, stem, 1, tail, buf, buf_size, &result);
	if (r != 0)
		goto out;
	/* Taken: number it, from where this stem's numbering stopped. */
	char *ckey = make_key('C', base, stem, tail, tail_len);
	r = -1;
	if (!ckey)
		goto out;
	cz_names_slot *counter = s->cap ? find(s, ckey) : NULL;
	if (counter && counter->key) {
		free(ckey);
	} else if (!(counter = insert(s, ckey, NULL))) {
		goto out;
	}
	unsigned n = counter->next;
	while ((r = try_name(s, base, stem, n, tail, buf, buf_size, &result)) == 0)
		n++;
	/* the insertion may have moved the table: find the counter again */
	if (r > 0) {
		char *again = make_key('C', base, stem, tail, tail_len);
		if (again)
			find(s, again)->next = n + 1;
		free(again); /* without it, the next one only starts lower */
	}
out:
	if (r < 0)
		result = NULL;
	free(tail);
	free(buf);
	return result;
}
