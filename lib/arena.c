#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 16384

struct block {
	struct block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct cz_arena {
	struct block *head;
};

cz_arena *cz_arena_new(void)
{
	return calloc(1, sizeof(cz_arena));
}

void cz_arena_free(cz_arena *arena)
{
	if (!arena)
		return;
	struct block *b = arena->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

void *cz_arena_alloc_raw(cz_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	if (size > SIZE_MAX - align)
		return NULL;
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	struct block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > BLOCK_SIZE ? size : BLOCK_SIZE;
		if (cap > SIZE_MAX - sizeof(struct block))
			return NULL;
		b = malloc(sizeof(struct block) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = cap;
		/* A big one-off block goes behind the current one so the
		 * remaining room of the current block is not wasted. */
		if (arena->head && size > BLOCK_SIZE) {
			b->next = arena->head->next;
			arena->head->next = b;
		} else {
			b->next = arena->head;
			arena->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *cz_arena_alloc(cz_arena *arena, size_t size)
{
	void *p = cz_arena_alloc_raw(arena, size);
	if (p) {
		/* the whole slot, padding included, as it was handed out */
		const size_t align = alignof(max_align_t);
		memset(p, 0, size ? (size + align - 1) & ~(align - 1) : align);
	}
	return p;
}

void *cz_arena_calloc(cz_arena *arena, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return cz_arena_alloc(arena, n * size);
}

char *cz_arena_strndup(cz_arena *arena, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = cz_arena_alloc_raw(arena, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *cz_arena_strdup(cz_arena *arena, const char *s)
{
	return cz_arena_strndup(arena, s, strlen(s));
}
