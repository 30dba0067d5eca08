/*
 * YAML text -> a small tree of positioned nodes, under hard limits.
 *
 * Only the subset a project file needs is accepted: one document of maps,
 * sequences and scalars. Anchors, aliases, merge keys, explicit non-core tags
 * and several documents are refused, duplicate keys reported, and input size,
 * nesting depth, scalar length, node count and items per collection are
 * bounded, so hostile input costs bounded time and memory.
 */
#ifndef CZ_YAML_TREE_H
#define CZ_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "problems.h"
#include "status.h"

typedef enum { CZ_NODE_SCALAR, CZ_NODE_MAP, CZ_NODE_SEQ } cz_node_kind;

typedef struct cz_node cz_node;
struct cz_node {
	cz_node_kind kind;
	unsigned line, column; /* 1-based start of the node */
	/* A scalar whose type is resolved from its text, as YAML does for one
	 * written without quotes or block style; a core tag overrides the
	 * style: "!!int '12'" is plain, "!!str 12" and "! 12" are not. */
	bool plain;
	bool str_tag; /* written with the tag !!str or ! (a string, whatever it reads like) */
	bool null_tag; /* written with the tag !!null */
	const char *text;      /* scalar value, NUL-terminated */
	size_t len;
	size_t count;    /* map entries or sequence items */
	cz_node **keys;  /* map keys (always scalars) */
	cz_node **items; /* map values or sequence items */
};

typedef struct {
	size_t max_bytes;  /* whole input */
	size_t max_depth;  /* nested collections */
	size_t max_scalar; /* bytes in one scalar */
	size_t max_nodes;  /* nodes in the document */
	size_t max_items;  /* entries in one collection */
} cz_yaml_limits;

extern const cz_yaml_limits cz_yaml_default_limits;

/*
 * Parse `len` bytes. On success *root is the document's root node (owned by
 * `arena`). Otherwise returns CZ_ERR_INVALID with the problems appended, or
 * CZ_ERR_NOMEM. When the only problems are duplicate keys the document was
 * still read whole: CZ_ERR_INVALID comes with *root set (look-ups find the
 * first occurrence), so a caller can go on checking and report everything at once.
 */
cz_status cz_yaml_parse(const char *data, size_t len,
			const cz_yaml_limits *limits, cz_arena *arena,
			cz_problems *problems, cz_node **root);

/* Value of `key` in a map node, or NULL. */
const cz_node *cz_node_get(const cz_node *map, const char *key);

/* A plain scalar meaning "no value" (empty, ~, null), or one tagged !!null. */
bool cz_node_is_null(const cz_node *node);

#endif
