#include "problems.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

void cz_problems_init(cz_problems *p, const char *file)
{
	p->file = file;
	p->items = NULL;
	p->count = p->cap = 0;
	p->truncated = p->nomem = false;
}

void cz_problems_free(cz_problems *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].message);
		free(p->items[i].where);
	}
	free(p->items);
	p->items = NULL;
	p->count = p->cap = 0;
}

static void add(cz_problems *p, const char *where, unsigned line, unsigned column,
		const char *fmt, va_list ap)
{
	if (p->count >= CZ_PROBLEMS_MAX) {
		p->truncated = true;
		return;
	}
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		cz_problem *items = realloc(p->items, cap * sizeof(*items));
		if (!items) {
			p->nomem = true;
			return;
		}
		p->items = items;
		p->cap = cap;
	}
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *msg = n < 0 ? NULL : malloc((size_t)n + 1);
	char *w = NULL;
	if (msg && where) {
		size_t l = strlen(where);
		if ((w = malloc(l + 1)))
			memcpy(w, where, l + 1);
	}
	if (!msg || (where && !w)) {
		free(msg);
		free(w);
		p->nomem = true;
		return;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	/* A message may quote what a file holds: whatever a caller passed, it
	 * is valid UTF-8 without control characters, ready for any output. */
	if (!cz_utf8_valid(msg, (size_t)n) || cz_text_unsafe_count(msg, (size_t)n)) {
		cz_buf b;
		cz_buf_init(&b);
		cz_text_clean(&b, msg, (size_t)n);
		free(msg);
		if (!cz_buf_ok(&b) || !b.data) {
			cz_buf_free(&b);
			free(w);
			p->nomem = true;
			return;
		}
		msg = b.data; /* the buffer's allocation, NUL-terminated */
	}
	p->items[p->count++] = (cz_problem){ line, column, msg, w };
}

void cz_problems_add(cz_problems *p, unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(p, NULL, line, column, fmt, ap);
	va_end(ap);
}

void cz_problems_add_at(cz_problems *p, const char *where, unsigned line, unsigned column,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(p, where, line, column, fmt, ap);
	va_end(ap);
}

void cz_problems_sort(cz_problems *p)
{
	/* Insertion sort: stable, and lists are short (<= CZ_PROBLEMS_MAX). */
	for (size_t i = 1; i < p->count; i++) {
		cz_problem x = p->items[i];
		size_t j = i;
		while (j > 0 && (p->items[j - 1].line > x.line ||
				 (p->items[j - 1].line == x.line &&
				  p->items[j - 1].column > x.column))) {
			p->items[j] = p->items[j - 1];
			j--;
		}
		p->items[j] = x;
	}
}
