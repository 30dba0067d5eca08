#include "problems.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
	for (size_t i = 0; i < p->count; i++)
		free(p->items[i].message);
	free(p->items);
	p->items = NULL;
	p->count = p->cap = 0;
}

void cz_problems_add(cz_problems *p, unsigned line, unsigned column,
		     const char *fmt, ...)
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
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n < 0 ? NULL : malloc((size_t)n + 1);
	if (!msg) {
		p->nomem = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* A message may quote what a file holds: whatever a caller passed, it
	 * is valid UTF-8 without control characters, ready for any output. */
	if (!cz_utf8_valid(msg, (size_t)n) || cz_text_unsafe_count(msg, (size_t)n)) {
		cz_buf b;
		cz_buf_init(&b);
		cz_text_clean(&b, msg, (size_t)n);
		free(msg);
		if (!cz_buf_ok(&b) || !b.data) {
			cz_buf_free(&b);
			p->nomem = true;
			return;
		}
		msg = b.data; /* the buffer's allocation, NUL-terminated */
	}
	p->items[p->count++] = (cz_problem){ line, column, msg };
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
