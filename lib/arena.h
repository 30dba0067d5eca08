/*
 * Arena allocator: a loaded project or referential owns all its strings and
 * structures through one arena, released by a single cz_arena_free().
 */
#ifndef CZ_ARENA_H
#define CZ_ARENA_H

#include <stddef.h>

typedef struct cz_arena cz_arena;

cz_arena *cz_arena_new(void);
void cz_arena_free(cz_arena *arena);

/* Zeroed memory aligned for any type; NULL when out of memory. */
void *cz_arena_alloc(cz_arena *arena, size_t size);
/* Zeroed array of n elements; NULL on overflow or out of memory. */
void *cz_arena_calloc(cz_arena *arena, size_t n, size_t size);
/* cz_arena_alloc without the zeroing, for memory written at once in full
 * (copies of texts, vectors of pointers). */
void *cz_arena_alloc_raw(cz_arena *arena, size_t size);
/* NUL-terminated copy of len bytes. */
char *cz_arena_strndup(cz_arena *arena, const char *s, size_t len);
char *cz_arena_strdup(cz_arena *arena, const char *s);

#endif
