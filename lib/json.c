#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "number.h"
#include "text.h"

void cz_json_init(cz_json *j, cz_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void indent(cz_json *j)
{
	cz_buf_putc(j->out, '\n');
	cz_buf_repeat(j->out, "  ", (size_t)j->depth);
}

/* Separator and indentation before a value (or a key). */
static void before_value(cz_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (j->has_items[j->depth])
			cz_buf_putc(j->out, ',');
		j->has_items[j->depth] = true;
		indent(j);
	}
}

static void open(cz_json *j, char c)
{
	before_value(j);
	cz_buf_putc(j->out, c);
	if (j->depth + 1 < CZ_JSON_MAX_DEPTH) {
		j->depth++;
		j->has_items[j->depth] = false;
	} else {
		j->out->failed = true;
	}
}

static void close_(cz_json *j, char c)
{
	bool had = j->has_items[j->depth];
	j->depth--;
	if (had)
		indent(j);
	cz_buf_putc(j->out, c);
}

void cz_json_object_begin(cz_json *j) { open(j, '{'); }
void cz_json_object_end(cz_json *j) { close_(j, '}'); }
void cz_json_array_begin(cz_json *j) { open(j, '['); }
void cz_json_array_end(cz_json *j) { close_(j, ']'); }

static void put_escape(cz_buf *b, uint32_t cp)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
		      hex[cp & 15] };
	cz_buf_add(b, e, sizeof(e));
}

/* A JSON string: quotes, backslashes and control characters escaped; what
 * no output may carry as is (lib/text.h) is escaped too when it is a
 * character (C1 controls, non-characters: JSON holds them losslessly as
 * \uXXXX), and replaced by U+FFFD when it is no character at all (bytes
 * that are not UTF-8, from a file name), which is logged. */
static void put_string(cz_buf *b, const char *s)
{
	cz_buf_putc(b, '"');
	const char *run = s, *end = s + strlen(s);
	for (const char *p = s; p < end;) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			p++;
			continue;
		}
		uint32_t cp;
		size_t l = c < 0x80 ? 1 : cz_utf8_decode(p, (size_t)(end - p), &cp);
		if (c < 0x80)
			cp = c;
		if (c >= 0x80 && !cz_text_unsafe(cp)) {
			p += l;
			continue;
		}
		cz_buf_add(b, run, (size_t)(p - run));
		switch (cp) {
		case '"':
			cz_buf_puts(b, "\\\"");
			break;
		case '\\':
			cz_buf_puts(b, "\\\\");
			break;
		case '\n':
			cz_buf_puts(b, "\\n");
			break;
		case '\r':
			cz_buf_puts(b, "\\r");
			break;
		case '\t':
			cz_buf_puts(b, "\\t");
			break;
		case CZ_UTF8_INVALID:
			cz_buf_puts(b, CZ_TEXT_REPLACEMENT);
			b->log.replaced++;
			break;
		default:
			if (cp > 0xFFFF) {
				/* a non-character of an upper plane, as a surrogate pair */
				put_escape(b, 0xD800 + ((cp - 0x10000) >> 10));
				put_escape(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
			} else {
				put_escape(b, cp);
			}
		}
		p += l;
		run = p;
	}
	cz_buf_add(b, run, (size_t)(end - run));
	cz_buf_putc(b, '"');
}

void cz_json_key(cz_json *j, const char *key)
{
	before_value(j);
	put_string(j->out, key);
	cz_buf_puts(j->out, ": ");
	j->after_key = true;
}

void cz_json_string(cz_json *j, const char *s)
{
	if (!s) {
		cz_json_null(j);
		return;
	}
	before_value(j);
	put_string(j->out, s);
}

void cz_json_number(cz_json *j, double v)
{
	before_value(j);
	if (!isfinite(v)) {
		cz_buf_puts(j->out, "null");
		return;
	}
	/* Shortest form that reads back exactly, '.' whatever the locale. */
	char tmp[CZ_NUMBER_MAX];
	size_t n = cz_number_shortest(v, tmp);
	cz_buf_add(j->out, tmp, n);
}

void cz_json_int(cz_json *j, long long v)
{
	before_value(j);
	cz_buf_printf(j->out, "%lld", v);
}

void cz_json_bool(cz_json *j, bool v)
{
	before_value(j);
	cz_buf_puts(j->out, v ? "true" : "false");
}

void cz_json_null(cz_json *j)
{
	before_value(j);
	cz_buf_puts(j->out, "null");
}

void cz_json_finish(cz_json *j)
{
	cz_buf_putc(j->out, '\n');
}

void cz_json_kv_string(cz_json *j, const char *key, const char *v)
{
	cz_json_key(j, key);
	cz_json_string(j, v);
}

void cz_json_kv_number(cz_json *j, const char *key, double v)
{
	cz_json_key(j, key);
	cz_json_number(j, v);
}

void cz_json_kv_num(cz_json *j, const char *key, cz_num v)
{
	cz_json_key(j, key);
	if (v.set)
		cz_json_number(j, v.value);
	else
		cz_json_null(j);
}

void cz_json_kv_int(cz_json *j, const char *key, long long v)
{
	cz_json_key(j, key);
	cz_json_int(j, v);
}

void cz_json_kv_bool(cz_json *j, const char *key, bool v)
{
	cz_json_key(j, key);
	cz_json_bool(j, v);
}
