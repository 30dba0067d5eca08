#include "out_names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

static bool contains(const cz_names *s, const char *name)
{
	if (!s->cap)
		return false;
	for (size_t i = hash(name) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->slots[i])
			return false;
		if (!strcmp(s->slots[i], name))
			return true;
	}
}

/* Insert `name` (taking ownership). */
static bool insert(cz_names *s, char *name)
{
	if ((s->count + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		char **slots = calloc(cap, sizeof(*slots));
		if (!slots)
			return false;
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->slots[i])
				continue;
			size_t j = hash(s->slots[i]) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = s->slots[i];
		}
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	size_t j = hash(name) & (s->cap - 1);
	while (s->slots[j])
		j = (j + 1) & (s->cap - 1);
	s->slots[j] = name;
	s->count++;
	return true;
}

bool cz_names_reserve(cz_names *s, const char *name)
{
	char *copy = strdup(name);
	if (!copy || !insert(s, copy)) {
		free(copy);
		return false;
	}
	return true;
}

const char *cz_names_unique(cz_names *s, const char *input)
{
	const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
	const char *slash = strrchr(base, '/');
	if (slash)
		base = slash + 1;
	size_t stem = strlen(base);
	if (stem > 5 && !strcmp(base + stem - 5, ".yaml"))
		stem -= 5;
	else if (stem > 4 && !strcmp(base + stem - 4, ".yml"))
		stem -= 4;
	if (stem > 200)
		stem = 200; /* keep DIR/name-suffix.ext within NAME_MAX */
	char *name = malloc(stem + 24);
	if (!name)
		return NULL;
	snprintf(name, stem + 24, "%.*s", (int)stem, base);
	for (unsigned n = 2; contains(s, name); n++)
		snprintf(name, stem + 24, "%.*s-%u", (int)stem, base, n);
	if (!insert(s, name)) {
		free(name);
		return NULL;
	}
	return name;
}

void cz_names_free(cz_names *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->count = 0;
}
