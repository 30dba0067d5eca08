#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void put_string(cz_buf *b, const char *s)
{
	cz_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
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
		default:
			if (*p < 0x20 || *p == 0x7f)
				cz_buf_printf(b, "\\u%04x", *p);
			else
				cz_buf_putc(b, (char)*p);
		}
	}
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
	if (v == floor(v) && fabs(v) < 1e15) {
		cz_buf_printf(j->out, "%.0f", v == 0 ? 0.0 : v);
		return;
	}
	/* Shortest of 15 to 17 significant digits that reads back exactly. */
	char tmp[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	cz_buf_puts(j->out, tmp);
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
