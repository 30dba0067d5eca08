#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cz_buf_init(cz_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
	b->log = (cz_text_log){ 0, 0 };
}

void cz_buf_free(cz_buf *b)
{
	free(b->data);
	cz_buf_init(b);
}

static bool reserve(cz_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (extra > SIZE_MAX - b->len - 1) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void cz_buf_add(cz_buf *b, const void *data, size_t len)
{
	if (!reserve(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void cz_buf_puts(cz_buf *b, const char *s)
{
	cz_buf_add(b, s, strlen(s));
}

void cz_buf_printf(cz_buf *b, const char *fmt, ...)
{
	if (b->failed)
		return;
	/* Format straight into the free room; only when it does not fit,
	 * grow and format again. */
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (!reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void cz_buf_repeat(cz_buf *b, const char *s, size_t n)
{
	size_t l = strlen(s);
	for (size_t i = 0; i < n && !b->failed; i++)
		cz_buf_add(b, s, l);
}
