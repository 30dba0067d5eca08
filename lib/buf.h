/*
 * Growable byte buffer used by every renderer. A failed allocation makes the
 * buffer "failed": later appends are ignored and cz_buf_ok() reports it, so
 * renderers check once at the end instead of after every append.
 * The buffer also keeps the log of what its text writers had to change
 * (characters replaced, texts cut), for the command to say once.
 */
#ifndef CZ_BUF_H
#define CZ_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* What the text writers (lib/text.h) changed so that an output stays
 * valid: characters replaced, texts cut to fit a limit. */
typedef struct {
	size_t replaced;
	size_t truncated;
} cz_text_log;

/* Where a buffer's text goes once final (cz_buf_set_sink): false when it
 * could not be written. */
typedef bool (*cz_buf_sink)(void *ctx, const void *data, size_t len);

typedef struct {
	char *data; /* NUL-terminated while not failed */
	size_t len, cap;
	cz_buf_sink sink; /* NULL: the text stays in the buffer */
	void *sink_ctx;
	cz_text_log log; /* changes made to the text written into this buffer */
	bool failed;
	bool sink_failed; /* the sink refused a write (the buffer is failed too) */
	/* Every text that goes in comes from a source known safe: the
	 * Markdown writers' last check may skip its scan (lib/md.h). */
	bool text_safe;
} cz_buf;

void cz_buf_init(cz_buf *b);
void cz_buf_free(cz_buf *b);
/* Room for `extra` more bytes, so that a buffer whose size is known
 * roughly grows once, not by doublings from 256 bytes. */
void cz_buf_reserve(cz_buf *b, size_t extra);
/* cz_buf_add when the bytes do not fit (or the buffer failed): grows. */
void cz_buf_add_grow(cz_buf *b, const void *data, size_t len);
/* Append `len` bytes. Inline, with cz_buf_puts: the renderers' hottest
 * calls, and a literal's strlen is then known at compile time. */
static inline void cz_buf_add(cz_buf *b, const void *data, size_t len)
{
	/* the usual case first: it fits (len < cap - len leaves room for the
	 * NUL; an allocated buffer always has len < cap, an unallocated one
	 * cap 0) */
	if (!b->failed && b->data && len < b->cap - b->len) {
		memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return;
	}
	cz_buf_add_grow(b, data, len);
}
static inline void cz_buf_puts(cz_buf *b, const char *s)
{
	cz_buf_add(b, s, strlen(s));
}
/* One byte; inline because renderers call it per character. */
static inline void cz_buf_putc(cz_buf *b, char c)
{
	if (!b->failed && b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	cz_buf_add(b, &c, 1);
}
/* The decimal digits of v (as printf's %llu / %lld): for figures on hot
 * paths, without a format to read. */
void cz_buf_put_ull(cz_buf *b, unsigned long long v);
void cz_buf_put_ll(cz_buf *b, long long v);
/* A count (%zu); one digit inline. */
static inline void cz_buf_put_size(cz_buf *b, size_t v)
{
	if (v < 10)
		cz_buf_putc(b, (char)('0' + v));
	else
		cz_buf_put_ull(b, v);
}
void cz_buf_printf(cz_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cz_buf_vprintf(cz_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append the `len` bytes of `s` n times. */
void cz_buf_repeat_len(cz_buf *b, const char *s, size_t len, size_t n);
/* Append `s` n times (inline: a literal's length is known). */
static inline void cz_buf_repeat(cz_buf *b, const char *s, size_t n)
{
	cz_buf_repeat_len(b, s, strlen(s), n);
}
static inline bool cz_buf_ok(const cz_buf *b) { return !b->failed; }

/* A buffer whose text is written out as it goes (a large document going
 * to its file in chunks): a renderer calls cz_buf_drain where the text so
 * far is final, nothing before it to be read or changed again; the writer
 * calls cz_buf_flush at the end. Without a sink both do nothing, so a
 * renderer that drains also renders whole into a plain buffer. A refused
 * write fails the buffer, with sink_failed set. */
void cz_buf_set_sink(cz_buf *b, cz_buf_sink sink, void *ctx);
/* Written to the sink once this many bytes are held. */
#define CZ_BUF_DRAIN_AT ((size_t)64 * 1024)
/* At a point where the text so far is final: hand it to the sink when the
 * buffer holds CZ_BUF_DRAIN_AT bytes or more (the buffer is then empty,
 * every offset into it stale). */
void cz_buf_drain(cz_buf *b);
/* Hand everything held to the sink; false when failed. */
bool cz_buf_flush(cz_buf *b);

#endif
