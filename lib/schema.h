/*
 * Typed reading of a YAML tree against a schema, shared by the project
 * loader and the referential loader. Every getter reports its own problems
 * (positioned, in French, with "vouliez-vous dire" suggestions) and returns
 * false on a bad value, so a loader keeps walking and reports all of them.
 */
#ifndef CZ_SCHEMA_H
#define CZ_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "enums.h"
#include "model.h"
#include "problems.h"
#include "yaml_tree.h"

typedef struct {
	cz_arena *arena;
	cz_problems *problems;
	bool nomem;
} cz_schema;

/* Closest candidate to `word` within a small edit distance, or NULL. */
const char *cz_suggest(const char *word, const char *const *candidates, size_t n);

/* Report `node` as not being a `what` ("une liste", "une table"). */
bool cz_expect_map(cz_schema *s, const cz_node *node, const char *path);
bool cz_expect_seq(cz_schema *s, const cz_node *node, const char *path);

/* Report every key of `map` not in `allowed`, with a suggestion. */
void cz_check_keys(cz_schema *s, const cz_node *map, const char *path,
		   const char *const *allowed, size_t n_allowed);
/* Report a missing required key, positioned at the map. */
const cz_node *cz_require(cz_schema *s, const cz_node *map, const char *path, const char *key);

/* Scalar readers. `path` names the value in messages ("projet.nom"). */
bool cz_read_string(cz_schema *s, const cz_node *n, const char *path, const char **out);
bool cz_read_bool(cz_schema *s, const cz_node *n, const char *path, bool *out);
/* A number within [min, max]; `integer` refuses fractions. */
bool cz_read_number(cz_schema *s, const cz_node *n, const char *path, double min,
		    double max, bool integer, double *out);
/* A ratio (1 = 100 %) within [min, max]: as cz_read_number, and a value
 * written as a percentage ("90%", or 90 above max) is told to be written
 * 0.9. */
bool cz_read_ratio(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		   double *out);
/* Whether cz_read_number (or cz_read_ratio) would take `n` as it is, and
 * its value: a caller that builds the path for messages only builds it
 * when this is false, then reads with it to report the problem. */
bool cz_number_ok(const cz_node *n, double min, double max, bool integer, double *out);
bool cz_read_num(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		 bool integer, cz_num *out);
bool cz_read_enum(cz_schema *s, const cz_node *n, const char *path, const cz_enum *e, int *out);
/* An id among `ids` (a referential look-up), with suggestion. */
bool cz_read_ref(cz_schema *s, const cz_node *n, const char *what, const char *const *ids,
		 size_t n_ids, const char **out);
/* cz_read_ref that also gives the id's position in `ids` (which must hold
 * each id once): the search starts at *rank, so a caller reading ids in
 * the order of `ids` passes the previous one's rank + 1. */
bool cz_read_ref_at(cz_schema *s, const cz_node *n, const char *what, const char *const *ids,
		    size_t n_ids, const char **out, size_t *rank);
/* Whether cz_read_string, cz_read_bool, cz_read_enum or cz_read_month would
 * take `n` as it is (and its value), without reporting anything: as with
 * cz_number_ok, a caller builds the path for messages only when false. */
static inline bool cz_string_ok(const cz_node *n)
{
	return n->kind == CZ_NODE_SCALAR && n->len > 0 && !cz_node_is_null(n);
}
bool cz_bool_ok(const cz_node *n, bool *out);
bool cz_enum_ok(const cz_node *n, const cz_enum *e, int *out);
bool cz_month_ok(const cz_node *n, cz_date *out);
/* One pass over the keys of `map`: found[j] the value of allowed[j] (the
 * first one when the key is written twice), NULL when absent. True when
 * every key is one of `allowed`; else cz_check_keys says which are not. */
bool cz_map_fields(const cz_node *map, const char *const *allowed, size_t n_allowed,
		   const cz_node **found);
bool cz_read_date(cz_schema *s, const cz_node *n, const char *path, cz_date *out);
bool cz_read_month(cz_schema *s, const cz_node *n, const char *path, cz_date *out);
/* A list of strings. */
bool cz_read_strings(cz_schema *s, const cz_node *n, const char *path, const char ***out,
		     size_t *count);

/* A zeroed array of n elements (room for one at least) in the schema's
 * arena; NULL with s->nomem set when out of memory. */
void *cz_schema_array(cz_schema *s, size_t n, size_t size);
/* The string field `key` of `map` into *out; a missing key is reported when
 * `required`, else left alone. */
void cz_field_string(cz_schema *s, const cz_node *map, const char *path, const char *key,
		     bool required, const char **out);

/* Path helpers: "a.b" and "a[3]" into a caller buffer. */
const char *cz_path_key(char *buf, size_t size, const char *parent, const char *key);
const char *cz_path_index(char *buf, size_t size, const char *parent, size_t index);

static inline cz_pos cz_node_pos(const cz_node *n)
{
	return (cz_pos){ n->line, n->column };
}

#endif
