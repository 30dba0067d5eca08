#include "buf.h"

#include <stdarg.h>
#include <stddef.h>
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
	b->sink = NULL;
	b->sink_ctx = NULL;
	b->sink_failed = false;
	b->text_safe = false;
}

void cz_buf_free(cz_buf *b)
{
	free(b->data);
	cz_buf_init(b);
}

void cz_buf_set_sink(cz_buf *b, cz_buf_sink sink, void *ctx)
{
	b->sink = sink;
	b->sink_ctx = ctx;
}

bool cz_buf_flush(cz_buf *b)
{
	if (b->failed)
		return false;
	if (!b->sink || b->len == 0)
		return true;
	if (!b->sink(b->sink_ctx, b->data, b->len)) {
		b->failed = b->sink_failed = true;
		return false;
	}
	b->len = 0;
	b->data[0] = '\0';
	return true;
}

void cz_buf_drain(cz_buf *b)
{
	if (b->sink && b->len >= CZ_BUF_DRAIN_AT)
		cz_buf_flush(b);
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

void cz_buf_reserve(cz_buf *b, size_t extra)
{
	reserve(b, extra);
}

void cz_buf_add_grow(cz_buf *b, const void *data, size_t len)
{
	/* reserve leaves data allocated; the test is for the analyzer, which
	 * cannot see it from this entry point */
	if (!reserve(b, len) || !b->data)
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void cz_buf_put_ull(cz_buf *b, unsigned long long v)
{
	char t[24];
	size_t i = sizeof(t);
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	size_t n = sizeof(t) - i;
	/* at most 20 bytes: a loop, not a memcpy call */
	if (!b->failed && b->data && b->cap - b->len > n) {
		char *d = b->data + b->len;
		for (size_t k = 0; k < n; k++)
			d[k] = t[i + k];
		b->len += n;
		d[n] = '\0';
		return;
	}
	cz_buf_add_grow(b, t + i, n);
}

void cz_buf_put_ll(cz_buf *b, long long v)
{
	if (v < 0) {
		cz_buf_putc(b, '-');
		cz_buf_put_ull(b, 0ull - (unsigned long long)v);
	} else {
		cz_buf_put_ull(b, (unsigned long long)v);
	}
}

/* printf's "%0Nd": the sign, then zeros up to `width` characters in all,
 * then the digits. */
static void put_padded(cz_buf *b, bool negative, unsigned long long u, size_t width)
{
	size_t digits = 1;
	for (unsigned long long t = u; t >= 10; t /= 10)
		digits++;
	if (negative)
		cz_buf_putc(b, '-');
	for (size_t k = digits + (negative ? 1 : 0); k < width; k++)
		cz_buf_putc(b, '0');
	cz_buf_put_ull(b, u);
}

/* What vsnprintf would write when every conversion of `fmt` is one of %s
 * %c %d %i %u (with z, l or ll, and for the integers a zero-padded width
 * of one digit, "%02d") and %%, without other flags, width or precision:
 * written here in one pass, without vsnprintf, whose setup costs more
 * than the text on the reports' hot paths (none of them depends on the
 * locale). False, with the buffer as it was, at the first other
 * conversion. */
static bool simple_printf(cz_buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	for (const char *p = fmt;;) {
		const char *pc = strchr(p, '%');
		if (!pc) {
			cz_buf_puts(b, p);
			return true;
		}
		cz_buf_add(b, p, (size_t)(pc - p));
		p = pc + 1;
		/* a zero-padded width of one digit ("%02d"), for the integers */
		size_t width = 0;
		if (p[0] == '0' && p[1] >= '1' && p[1] <= '9') {
			width = (size_t)(p[1] - '0');
			p += 2;
		}
		char size = 0; /* 'z', 'l' or 'L' (ll) */
		if (p[0] == 'l' && p[1] == 'l') {
			size = 'L';
			p += 2;
		} else if (*p == 'z' || *p == 'l') {
			size = *p++;
		}
		char conv = *p++;
		switch (conv) {
		case '%':
		case 's':
		case 'c':
			if (size || width)
				goto other;
			break;
		case 'd':
		case 'i':
		case 'u':
			break;
		default:
			goto other;
		}
		if (conv == '%') {
			cz_buf_putc(b, '%');
		} else if (conv == 's') {
			const char *s = va_arg(ap, const char *);
			cz_buf_puts(b, s ? s : "(null)");
		} else if (conv == 'c') {
			cz_buf_putc(b, (char)va_arg(ap, int));
		} else if (conv == 'u') {
			unsigned long long u = size == 'z'   ? (unsigned long long)va_arg(ap, size_t)
					       : size == 'l' ? (unsigned long long)va_arg(ap, unsigned long)
					       : size == 'L' ? va_arg(ap, unsigned long long)
							     : (unsigned long long)va_arg(ap, unsigned);
			if (width)
				put_padded(b, false, u, width);
			else
				cz_buf_put_ull(b, u);
		} else { /* d, i */
			long long v = size == 'z'   ? (long long)va_arg(ap, ptrdiff_t)
				      : size == 'l' ? (long long)va_arg(ap, long)
				      : size == 'L' ? va_arg(ap, long long)
						    : (long long)va_arg(ap, int);
			if (width)
				put_padded(b, v < 0, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
					   width);
			else
				cz_buf_put_ll(b, v);
		}
	}
other:
	if (!b->failed) {
		b->len = start;
		b->data[start] = '\0';
	}
	return false;
}

void cz_buf_printf(cz_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cz_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void cz_buf_vprintf(cz_buf *b, const char *fmt, va_list args)
{
	if (b->failed)
		return;
	va_list ap;
	va_copy(ap, args);
	bool done = simple_printf(b, fmt, ap);
	va_end(ap);
	if (done || b->failed)
		return;
	/* Format straight into the free room; only when it does not fit,
	 * grow and format again. */
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_copy(ap, args);
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
	va_copy(ap, args);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void cz_buf_repeat_len(cz_buf *b, const char *s, size_t len, size_t n)
{
	if (len == 0 || n == 0 || n > (SIZE_MAX / 2) / len) {
		/* nothing to copy, or more than memory holds: one append at a
		 * time, as before, until the buffer fails */
		for (size_t i = 0; i < n && !b->failed; i++)
			cz_buf_add(b, s, len);
		return;
	}
	/* one reservation, then the copies by a loop: the usual text is a
	 * backtick or two, a table cell a dozen times */
	if (!reserve(b, len * n) || !b->data)
		return;
	char *d = b->data + b->len;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < len; k++)
			*d++ = s[k];
	b->len += len * n;
	b->data[b->len] = '\0';
}
