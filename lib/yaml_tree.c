#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "text.h"

const cz_yaml_limits cz_yaml_default_limits = {
	.max_bytes = 4u << 20,
	.max_depth = 32,
	.max_scalar = 64u << 10,
	.max_nodes = 200000,
	.max_items = 20000,
};

/* A collection being built: its children accumulate in a heap vector and
 * move into the arena when the collection ends. For maps, `kids` holds keys
 * and values alternately. */
struct frame {
	cz_node *node;
	cz_node **kids;
	size_t n, cap;
};

struct builder {
	const char *data;
	size_t len;
	const cz_yaml_limits *lim;
	cz_arena *arena;
	cz_problems *problems;
	struct frame *stack;
	size_t depth;
	size_t nodes;
	cz_node *root;
	bool nomem;
};

static const struct {
	const char *libyaml;
	const char *french;
} syntax_messages[] = {
	{ "did not find expected key", "clé attendue à cet endroit (indentation incorrecte\u202F?)" },
	{ "did not find expected '-' indicator", "tiret «\u00A0-\u00A0» attendu (indentation incorrecte\u202F?)" },
	{ "mapping values are not allowed in this context", "«\u00A0:\u00A0» inattendu (une valeur qui contient «\u00A0:\u00A0» doit être entre guillemets)" },
	{ "found character that cannot start any token", "caractère qui ne peut commencer aucun élément (une tabulation, «\u00A0@\u00A0» ou «\u00A0`\u00A0»\u202F?)" },
	{ "did not find expected node content", "valeur attendue à cet endroit" },
	{ "found unexpected end of stream", "fin de fichier inattendue (guillemet ou crochet non fermé\u202F?)" },
	{ "invalid leading UTF-8 octet", "encodage invalide\u00A0: le fichier doit être en UTF-8" },
	{ "invalid trailing UTF-8 octet", "encodage invalide\u00A0: le fichier doit être en UTF-8" },
	{ "incomplete UTF-8 octet sequence", "encodage invalide\u00A0: le fichier doit être en UTF-8" },
	{ "invalid Unicode character", "caractère Unicode invalide" },
	{ "control characters are not allowed", "caractère de contrôle interdit" },
	{ "found unknown escape character", "séquence d'échappement inconnue dans une chaîne entre guillemets" },
	{ "did not find expected ',' or ']'", "«\u00A0,\u00A0» ou «\u00A0]\u00A0» attendu" },
	{ "did not find expected ',' or '}'", "«\u00A0,\u00A0» ou «\u00A0}\u00A0» attendu" },
	{ "could not find expected ':'", "«\u00A0:\u00A0» attendu après la clé" },
	{ "found a tab character that violates indentation", "tabulation dans l'indentation\u00A0: utilisez des espaces" },
	{ "found a tab character where an indentation space is expected", "tabulation dans l'indentation\u00A0: utilisez des espaces" },
	{ "block sequence entries are not allowed in this context", "élément de liste «\u00A0-\u00A0» inattendu à cet endroit" },
	{ "did not find expected <document start>", "un seul document est permis par fichier" },
	{ "found undefined tag handle", "étiquette (tag) YAML inconnue" },
	{ "found unexpected document indicator", "marque de document «\u00A0---\u00A0» ou «\u00A0...\u00A0» inattendue" },
	{ "found unknown directive name", "directive YAML inconnue" },
	{ "found incompatible YAML document", "version de YAML non prise en charge" },
	{ "input is too long", "fichier trop volumineux" },
};

static void syntax_error(struct builder *b, const yaml_parser_t *p)
{
	unsigned line, column;
	if (p->error == YAML_READER_ERROR) {
		/* Reader errors carry a byte offset, not a mark. */
		size_t off = p->problem_offset < b->len ? p->problem_offset : b->len;
		line = 1;
		column = 1;
		for (size_t i = 0; i < off; i++) {
			if (b->data[i] == '\n') {
				line++;
				column = 1;
			} else if (((unsigned char)b->data[i] & 0xC0) != 0x80) {
				column++;
			}
		}
	} else if (p->error == YAML_MEMORY_ERROR) {
		b->nomem = true;
		return;
	} else {
		line = (unsigned)p->problem_mark.line + 1;
		column = (unsigned)p->problem_mark.column + 1;
	}
	const char *problem = p->problem ? p->problem : "";
	for (size_t i = 0; i < sizeof(syntax_messages) / sizeof(syntax_messages[0]); i++) {
		if (strcmp(problem, syntax_messages[i].libyaml) == 0) {
			cz_problems_add(b->problems, line, column,
					"erreur de syntaxe YAML\u00A0: %s", syntax_messages[i].french);
			return;
		}
	}
	cz_problems_add(b->problems, line, column, "erreur de syntaxe YAML (%s)", problem);
}

static const char *const core_tags[] = {
	"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
	"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
	"tag:yaml.org,2002:seq", "!",
};

/* Checks common to every node event; false stops the parse. */
static bool check_node(struct builder *b, const yaml_event_t *ev,
		       const yaml_char_t *anchor, const yaml_char_t *tag)
{
	unsigned line = (unsigned)ev->start_mark.line + 1;
	unsigned column = (unsigned)ev->start_mark.column + 1;
	if (anchor) {
		cz_problems_add(b->problems, line, column,
				"ancre YAML «\u00A0&%.40s\u00A0» refusée\u00A0: écrivez chaque valeur en entier, sans ancres ni alias",
				(const char *)anchor);
		return false;
	}
	if (tag) {
		bool core = false;
		for (size_t i = 0; i < sizeof(core_tags) / sizeof(core_tags[0]); i++)
			core = core || strcmp((const char *)tag, core_tags[i]) == 0;
		if (!core) {
			char ex[48];
			cz_problems_add(b->problems, line, column,
					"étiquette YAML «\u00A0%s\u00A0» refusée\u00A0: seuls les types de base sont permis",
					cz_excerpt((const char *)tag, strlen((const char *)tag), ex, sizeof(ex)));
			return false;
		}
	}
	if (++b->nodes > b->lim->max_nodes) {
		cz_problems_add(b->problems, line, column,
				"fichier trop grand\u00A0: plus de %zu éléments YAML", b->lim->max_nodes);
		return false;
	}
	return true;
}

/* check_node, with the usual node (no anchor, no tag, within the count)
 * decided inline. */
static inline bool accept_node(struct builder *b, const yaml_event_t *ev,
			       const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (!anchor && !tag && b->nodes < b->lim->max_nodes) {
		b->nodes++;
		return true;
	}
	return check_node(b, ev, anchor, tag);
}

static cz_node *new_node(struct builder *b, cz_node_kind kind, const yaml_event_t *ev)
{
	cz_node *n = cz_arena_alloc_raw(b->arena, sizeof(*n));
	if (!n) {
		b->nomem = true;
		return NULL;
	}
	/* every field set here (the others zero): cheaper than zeroing first */
	*n = (cz_node){ .kind = kind,
			.line = (unsigned)ev->start_mark.line + 1,
			.column = (unsigned)ev->start_mark.column + 1 };
	return n;
}

/* Attach a finished node to the open collection (or make it the root). */
static bool attach(struct builder *b, cz_node *n)
{
	if (b->depth == 0) {
		b->root = n;
		return true;
	}
	struct frame *f = &b->stack[b->depth - 1];
	bool is_map = f->node->kind == CZ_NODE_MAP;
	if (is_map && f->n % 2 == 0) {
		/* n is a key */
		if (n->kind != CZ_NODE_SCALAR) {
			cz_problems_add(b->problems, n->line, n->column,
					"clé complexe refusée\u00A0: une clé doit être un simple texte");
			return false;
		}
		if (n->plain && n->len == 2 && n->text[0] == '<' && n->text[1] == '<') {
			cz_problems_add(b->problems, n->line, n->column,
					"clé de fusion «\u00A0<<\u00A0» refusée\u00A0: écrivez les clés en entier");
			return false;
		}
	}
	size_t entries = is_map ? f->n / 2 : f->n;
	if (entries >= b->lim->max_items) {
		cz_problems_add(b->problems, n->line, n->column,
				"collection trop longue\u00A0: plus de %zu éléments", b->lim->max_items);
		return false;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		cz_node **kids = realloc(f->kids, cap * sizeof(*kids));
		if (!kids) {
			b->nomem = true;
			return false;
		}
		f->kids = kids;
		f->cap = cap;
	}
	f->kids[f->n++] = n;
	return true;
}

static int cmp_key(const void *pa, const void *pb)
{
	const cz_node *a = *(cz_node *const *)pa, *b = *(cz_node *const *)pb;
	size_t l = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, l);
	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	/* same text: order by position so the later one is reported */
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->column < b->column ? -1 : (a->column > b->column);
}

/* Whether two keys of the map are the same text (pairwise: cheaper than
 * sorting for the maps of a project). */
static bool any_duplicate(const cz_node *map)
{
	for (size_t i = 1; i < map->count; i++) {
		const cz_node *k = map->keys[i];
		for (size_t j = 0; j < i; j++) {
			const cz_node *prev = map->keys[j];
			if (prev->len == k->len && prev->text[0] == k->text[0] &&
			    memcmp(prev->text, k->text, k->len) == 0)
				return true;
		}
	}
	return false;
}

static bool check_duplicate_keys(struct builder *b, cz_node *map)
{
	if (map->count < 2)
		return true;
	if (map->count <= 8) {
		/* Small maps (nearly all of them): pairwise is cheaper than sorting. */
		for (size_t i = 1; i < map->count; i++) {
			const cz_node *k = map->keys[i];
			for (size_t j = 0; j < i; j++) {
				const cz_node *prev = map->keys[j];
				if (prev->len == k->len && memcmp(prev->text, k->text, k->len) == 0) {
					char ex[64];
					cz_problems_add(b->problems, k->line, k->column,
							"clé «\u00A0%s\u00A0» en double (déjà présente ligne %u)",
							cz_excerpt(k->text, k->len, ex, sizeof(ex)),
							prev->line);
					break;
				}
			}
		}
		return true;
	}
	if (map->count <= 32 && !any_duplicate(map))
		return true; /* the usual case, without sorting a copy */
	cz_node **sorted = malloc(map->count * sizeof(*sorted));
	if (!sorted) {
		b->nomem = true;
		return false;
	}
	memcpy(sorted, map->keys, map->count * sizeof(*sorted));
	qsort(sorted, map->count, sizeof(*sorted), cmp_key);
	for (size_t i = 1; i < map->count; i++) {
		const cz_node *prev = sorted[i - 1], *k = sorted[i];
		if (prev->len == k->len && memcmp(prev->text, k->text, k->len) == 0) {
			char ex[64];
			cz_problems_add(b->problems, k->line, k->column,
					"clé «\u00A0%s\u00A0» en double (déjà présente ligne %u)",
					cz_excerpt(k->text, k->len, ex, sizeof(ex)), prev->line);
		}
	}
	free(sorted);
	return true;
}

static bool close_collection(struct builder *b)
{
	/* libyaml pairs every end event with a start; should it ever not, stop
	 * instead of popping a frame that was never pushed. */
	if (b->depth == 0 || !b->stack[b->depth - 1].node)
		return false;
	struct frame *f = &b->stack[--b->depth];
	cz_node *n = f->node;
	bool ok = true;
	/* the counts in locals: the analyser cannot tell that the arena's
	 * memory does not alias the node, nor tie f->n to f->kids */
	size_t n_kids = f->kids ? f->n : 0;
	if (n->kind == CZ_NODE_MAP) {
		size_t count = n_kids / 2;
		n->count = count;
		/* written in full just below (the count is capped far below overflow) */
		cz_node **keys = count ? cz_arena_alloc_raw(b->arena, count * sizeof(cz_node *))
				       : cz_arena_calloc(b->arena, 1, sizeof(cz_node *));
		cz_node **items = count ? cz_arena_alloc_raw(b->arena, count * sizeof(cz_node *))
					: cz_arena_calloc(b->arena, 1, sizeof(cz_node *));
		n->keys = keys;
		n->items = items;
		if (!keys || !items) {
			b->nomem = true;
			ok = false;
		} else {
			for (size_t i = 0; i < count; i++) {
				keys[i] = f->kids[2 * i];
				items[i] = f->kids[2 * i + 1];
			}
			ok = check_duplicate_keys(b, n);
		}
	} else {
		size_t count = n_kids;
		n->count = count;
		cz_node **items = count ? cz_arena_alloc_raw(b->arena, count * sizeof(cz_node *))
					: cz_arena_calloc(b->arena, 1, sizeof(cz_node *));
		n->items = items;
		if (!items) {
			b->nomem = true;
			ok = false;
		} else if (count) {
			memcpy(items, f->kids, count * sizeof(cz_node *));
		}
	}
	/* the vector stays with its level, for the next collection opened there */
	f->n = 0;
	return ok && attach(b, n);
}

static bool open_collection(struct builder *b, cz_node_kind kind, const yaml_event_t *ev)
{
	if (b->depth >= b->lim->max_depth) {
		cz_problems_add(b->problems, (unsigned)ev->start_mark.line + 1,
				(unsigned)ev->start_mark.column + 1,
				"imbrication trop profonde\u00A0: plus de %zu niveaux", b->lim->max_depth);
		return false;
	}
	cz_node *n = new_node(b, kind, ev);
	if (!n)
		return false;
	struct frame *f = &b->stack[b->depth++];
	f->node = n;
	f->n = 0; /* f->kids and f->cap: the level's vector, kept from collection to collection */
	return true;
}

static bool on_scalar(struct builder *b, const yaml_event_t *ev)
{
	if (ev->data.scalar.length > b->lim->max_scalar) {
		cz_problems_add(b->problems, (unsigned)ev->start_mark.line + 1,
				(unsigned)ev->start_mark.column + 1,
				"texte trop long\u00A0: plus de %zu octets", b->lim->max_scalar);
		return false;
	}
	cz_node *n = new_node(b, CZ_NODE_SCALAR, ev);
	if (!n)
		return false;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	const char *tag = ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit
				  ? NULL
				  : (const char *)ev->data.scalar.tag;
	if (tag) {
		/* An explicit tag decides the type (accept_node let only core ones
		 * through): a string stays a string however it reads, a number,
		 * boolean or null is read from its text even when quoted. */
		bool str = !strcmp(tag, "tag:yaml.org,2002:str") || !strcmp(tag, "!");
		if (!str && (!strcmp(tag, "tag:yaml.org,2002:map") || !strcmp(tag, "tag:yaml.org,2002:seq"))) {
			cz_problems_add(b->problems, n->line, n->column,
					"étiquette YAML «\u00A0!!%s\u00A0» sur une valeur simple\u00A0: retirez-la",
					tag + strlen("tag:yaml.org,2002:"));
			return false;
		}
		n->str_tag = str;
		n->plain = !str;
		n->null_tag = !strcmp(tag, "tag:yaml.org,2002:null");
	}
	n->len = ev->data.scalar.length;
	n->text = cz_arena_strndup(b->arena, (const char *)ev->data.scalar.value, n->len);
	if (!n->text) {
		b->nomem = true;
		return false;
	}
	/* libyaml's reader refuses a raw NUL byte: one can only come from an
	 * escape (\0, \x00, \u0000) of a double-quoted scalar. */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(n->text, '\0', n->len)) {
		cz_problems_add(b->problems, n->line, n->column,
				"caractère nul interdit dans un texte");
		return false;
	}
	return attach(b, n);
}

cz_status cz_yaml_parse(const char *data, size_t len, const cz_yaml_limits *lim,
			cz_arena *arena, cz_problems *problems, cz_node **root)
{
	*root = NULL;
	if (!lim)
		lim = &cz_yaml_default_limits;
	size_t before = problems->count;
	if (len > lim->max_bytes) {
		cz_problems_add(problems, 0, 0, "fichier trop volumineux\u00A0: plus de %zu octets",
				lim->max_bytes);
		return CZ_ERR_INVALID;
	}
	struct builder b = { data, len, lim, arena, problems, NULL, 0, 0, NULL, false };
	b.stack = calloc(lim->max_depth + 1, sizeof(*b.stack));
	if (!b.stack)
		return CZ_ERR_NOMEM;

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(b.stack);
		return CZ_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);

	int documents = 0;
	bool done = false, failed = false;
	while (!done && !failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&b, &parser);
			failed = true;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				cz_problems_add(problems, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
						"un seul document YAML est permis par fichier («\u00A0---\u00A0» en trop)");
				failed = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			cz_problems_add(problems, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
					"alias YAML «\u00A0*%.40s\u00A0» refusé\u00A0: écrivez chaque valeur en entier",
					(const char *)ev.data.alias.anchor);
			failed = true;
			break;
		case YAML_SCALAR_EVENT:
			failed = !accept_node(&b, &ev, ev.data.scalar.anchor,
					      ev.data.scalar.plain_implicit || ev.data.scalar.quoted_implicit
						      ? NULL : ev.data.scalar.tag) ||
				 !on_scalar(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			failed = !accept_node(&b, &ev, ev.data.sequence_start.anchor,
					      ev.data.sequence_start.implicit ? NULL : ev.data.sequence_start.tag) ||
				 !open_collection(&b, CZ_NODE_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			failed = !accept_node(&b, &ev, ev.data.mapping_start.anchor,
					      ev.data.mapping_start.implicit ? NULL : ev.data.mapping_start.tag) ||
				 !open_collection(&b, CZ_NODE_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			failed = !close_collection(&b);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i <= lim->max_depth; i++)
		free(b.stack[i].kids);
	free(b.stack);

	if (b.nomem)
		return CZ_ERR_NOMEM;
	if (failed)
		return CZ_ERR_INVALID;
	if (!b.root || (b.root->kind == CZ_NODE_SCALAR && cz_node_is_null(b.root))) {
		cz_problems_add(problems, 1, 1, "fichier vide\u00A0: aucun contenu YAML");
		return CZ_ERR_INVALID;
	}
	/* Duplicate keys leave a complete tree: hand it over so the schema
	 * checks can report the file's other problems too. */
	*root = b.root;
	return problems->count > before ? CZ_ERR_INVALID : CZ_OK;
}

const cz_node *cz_node_get(const cz_node *map, const char *key)
{
	if (!map || map->kind != CZ_NODE_MAP)
		return NULL;
	size_t l = strlen(key);
	for (size_t i = 0; i < map->count; i++)
		if (map->keys[i]->len == l && memcmp(map->keys[i]->text, key, l) == 0)
			return map->items[i];
	return NULL;
}

bool cz_node_is_null(const cz_node *node)
{
	if (node->kind == CZ_NODE_SCALAR && node->null_tag)
		return true;
	if (node->kind != CZ_NODE_SCALAR || !node->plain)
		return false;
	if (node->len == 0)
		return true;
	if (node->len == 1)
		return node->text[0] == '~';
	return node->len == 4 && (strcmp(node->text, "null") == 0 || strcmp(node->text, "Null") == 0 ||
				  strcmp(node->text, "NULL") == 0);
}
