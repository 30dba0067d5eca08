/*
 * Arena allocator: a loaded project or referential owns all its strings and
 * structures through one arena, released by a single cz_arena_free().
 *
 * A block is filled from both ends: aligned allocations from the bottom up,
 * copies of texts (no alignment needed) from the top down, so texts waste
 * no padding. The common case, a request that fits the current block, is
 * inline; the rest (a new block, a one-off block for a big request, an
 * overflow) is in arena.c.
 */
#ifndef CZ_ARENA_H
#define CZ_ARENA_H

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cz_arena_block;

typedef struct cz_arena {
	unsigned char *low;  /* next aligned byte free in the current block */
	unsigned char *high; /* one past the last byte free */
	struct cz_arena_block *head;
} cz_arena;

cz_arena *cz_arena_new(void);
void cz_arena_free(cz_arena *arena);

/* Out-of-line halves of the functions below, for requests that do not fit
 * the current block. */
void *cz_arena_alloc_slow(cz_arena *arena, size_t size);
char *cz_arena_text_slow(cz_arena *arena, size_t size);

/* cz_arena_alloc without the zeroing, for memory written at once in full
 * (copies of texts, vectors of pointers). NULL when out of memory. */
static inline void *cz_arena_alloc_raw(cz_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	size_t room = (size_t)(arena->high - arena->low) & ~(align - 1);
	if (size - 1 < room) {
		/* 0 < size, and size rounded up to align fits in the room
		 * rounded down to it (low stays aligned) */
		size = (size + align - 1) & ~(align - 1);
		void *p = arena->low;
		arena->low += size;
		return p;
	}
	return cz_arena_alloc_slow(arena, size);
}

/* Zeroed memory aligned for any type; NULL when out of memory. */
static inline void *cz_arena_alloc(cz_arena *arena, size_t size)
{
	if (size > PTRDIFF_MAX)
		return NULL;
	void *p = cz_arena_alloc_raw(arena, size);
	if (p)
		memset(p, 0, size);
	return p;
}

/* Zeroed array of n elements; NULL on overflow or out of memory. */
static inline void *cz_arena_calloc(cz_arena *arena, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return cz_arena_alloc(arena, n * size);
}

/* NUL-terminated copy of len bytes; NULL when out of memory. */
static inline char *cz_arena_strndup(cz_arena *arena, const char *s, size_t len)
{
	char *p;
	if (len < (size_t)(arena->high - arena->low)) {
		arena->high -= len + 1;
		p = (char *)arena->high;
	} else {
		if (len == SIZE_MAX)
			return NULL;
		p = cz_arena_text_slow(arena, len + 1);
		if (!p)
			return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static inline char *cz_arena_strdup(cz_arena *arena, const char *s)
{
	return cz_arena_strndup(arena, s, strlen(s));
}

#endif
