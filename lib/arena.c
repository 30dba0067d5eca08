#include "arena.h"

#include <stdlib.h>

#define BLOCK_SIZE 16384
/* A request above this gets a block of its own, so that the room left in
 * the current block is not thrown away for it. */
#define ONE_OFF (BLOCK_SIZE / 4)

struct cz_arena_block {
	struct cz_arena_block *next;
	alignas(max_align_t) unsigned char data[];
};

static struct cz_arena_block *block_new(size_t cap)
{
	if (cap > SIZE_MAX - sizeof(struct cz_arena_block))
		return NULL;
	return malloc(sizeof(struct cz_arena_block) + cap);
}

/* A fresh current block; the old one stays in the list. */
static int refill(cz_arena *arena)
{
	struct cz_arena_block *b = block_new(BLOCK_SIZE);
	if (!b)
		return -1;
	b->next = arena->head;
	arena->head = b;
	arena->low = b->data;
	arena->high = b->data + BLOCK_SIZE;
	return 0;
}

cz_arena *cz_arena_new(void)
{
	cz_arena *arena = calloc(1, sizeof(cz_arena));
	if (arena && refill(arena) < 0) {
		free(arena);
		return NULL;
	}
	return arena;
}

void cz_arena_free(cz_arena *arena)
{
	if (!arena)
		return;
	struct cz_arena_block *b = arena->head;
	while (b) {
		struct cz_arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(arena);
}

/* A block of its own for a big request, behind the current one. */
static void *one_off(cz_arena *arena, size_t size)
{
	struct cz_arena_block *b = block_new(size);
	if (!b)
		return NULL;
	b->next = arena->head->next;
	arena->head->next = b;
	return b->data;
}

void *cz_arena_alloc_slow(cz_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	if (size > SIZE_MAX - align)
		return NULL;
	size = size ? (size + align - 1) & ~(align - 1) : align;
	if (size > ONE_OFF)
		return one_off(arena, size);
	size_t room = (size_t)(arena->high - arena->low) & ~(align - 1);
	if (size > room && refill(arena) < 0)
		return NULL;
	void *p = arena->low;
	arena->low += size;
	return p;
}

char *cz_arena_text_slow(cz_arena *arena, size_t size)
{
	if (size > ONE_OFF)
		return one_off(arena, size);
	if (size > (size_t)(arena->high - arena->low) && refill(arena) < 0)
		return NULL;
	arena->high -= size;
	return (char *)arena->high;
}
