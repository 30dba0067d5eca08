/*
 * Minimal streaming JSON writer into a cz_buf: two-space indentation, keys
 * in the order written, strings escaped, non-finite numbers as null.
 */
#ifndef CZ_JSON_H
#define CZ_JSON_H

#include <stdbool.h>

#include "buf.h"
#include "model.h"

#define CZ_JSON_MAX_DEPTH 32

typedef struct {
	cz_buf *out;
	int depth;
	bool has_items[CZ_JSON_MAX_DEPTH];
	bool after_key;
} cz_json;

void cz_json_init(cz_json *j, cz_buf *out);
void cz_json_object_begin(cz_json *j);
void cz_json_object_end(cz_json *j);
void cz_json_array_begin(cz_json *j);
void cz_json_array_end(cz_json *j);
void cz_json_key(cz_json *j, const char *key);
void cz_json_string(cz_json *j, const char *s); /* NULL writes null */
void cz_json_number(cz_json *j, double v);
void cz_json_int(cz_json *j, long long v);
void cz_json_bool(cz_json *j, bool v);
void cz_json_null(cz_json *j);
/* End the document with a newline. */
void cz_json_finish(cz_json *j);

/* key + value shorthands */
void cz_json_kv_string(cz_json *j, const char *key, const char *v);
void cz_json_kv_number(cz_json *j, const char *key, double v);
void cz_json_kv_int(cz_json *j, const char *key, long long v);
void cz_json_kv_bool(cz_json *j, const char *key, bool v);
/* A figure of the model: its value, or null when not set. */
void cz_json_kv_num(cz_json *j, const char *key, cz_num v);

#endif
