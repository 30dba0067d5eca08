/* The YAML tree: accepted subset, refused constructs, limits, positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "yaml_tree.h"

typedef struct {
	cz_arena *arena;
	cz_problems pb;
	cz_node *root;
	cz_status st;
} parsed;

static void parse_with(parsed *p, const char *text, size_t len, const cz_yaml_limits *lim)
{
	p->arena = cz_arena_new();
	assert_non_null(p->arena);
	cz_problems_init(&p->pb, "t.yaml");
	p->st = cz_yaml_parse(text, len, lim, p->arena, &p->pb, &p->root);
}

static void parse(parsed *p, const char *text)
{
	parse_with(p, text, strlen(text), NULL);
}

static void done(parsed *p)
{
	cz_problems_free(&p->pb);
	cz_arena_free(p->arena);
}

/* The single problem reported contains `needle` at line:column. */
static void expect_problem(parsed *p, unsigned line, unsigned column, const char *needle)
{
	assert_int_equal(p->st, CZ_ERR_INVALID);
	assert_true(p->pb.count >= 1);
	assert_int_equal(p->pb.items[0].line, line);
	assert_int_equal(p->pb.items[0].column, column);
	if (!strstr(p->pb.items[0].message, needle))
		fail_msg("message «\u00A0%s\u00A0» lacks «\u00A0%s\u00A0»", p->pb.items[0].message, needle);
}

static void test_maps_sequences_and_positions(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: 1\nb:\n  - x\n  - 'y'\nc: { d: e }\n");
	assert_int_equal(p.st, CZ_OK);
	assert_int_equal(p.root->kind, CZ_NODE_MAP);
	assert_int_equal(p.root->count, 3);
	const cz_node *b = cz_node_get(p.root, "b");
	assert_non_null(b);
	assert_int_equal(b->kind, CZ_NODE_SEQ);
	assert_int_equal(b->count, 2);
	assert_true(b->items[0]->plain);
	assert_false(b->items[1]->plain);
	assert_string_equal(b->items[1]->text, "y");
	assert_int_equal(b->items[1]->line, 4);
	assert_int_equal(b->items[1]->column, 5);
	assert_null(cz_node_get(p.root, "z"));
	done(&p);
}

static void test_refuses_anchor_and_alias(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: &x [1]\nb: *x\n");
	expect_problem(&p, 1, 4, "ancre");
	done(&p);
	/* the billion-laughs shape never expands */
	parse(&p, "a: [1]\nb: *a\n");
	assert_int_equal(p.st, CZ_ERR_INVALID);
	done(&p);
}

static void test_refuses_merge_key_and_tags(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a:\n  <<: {b: 1}\n");
	expect_problem(&p, 2, 3, "fusion");
	done(&p);
	parse(&p, "a: !python/object x\n");
	expect_problem(&p, 1, 4, "étiquette");
	done(&p);
	parse(&p, "a: !!str 12\n");
	assert_int_equal(p.st, CZ_OK);
	done(&p);
}

static void test_refuses_several_documents(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: 1\n---\nb: 2\n");
	expect_problem(&p, 2, 1, "un seul document");
	done(&p);
}

static void test_reports_duplicate_keys_and_keeps_tree(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: 1\nb: 2\na: 3\n");
	expect_problem(&p, 3, 1, "«\u00A0a\u00A0» en double (déjà présente ligne 1)");
	assert_non_null(p.root); /* the rest can still be checked */
	assert_string_equal(cz_node_get(p.root, "a")->text, "1");
	done(&p);
}

static void test_syntax_errors_in_french_with_position(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: [1, 2\nb: 3\n");
	assert_int_equal(p.st, CZ_ERR_INVALID);
	assert_non_null(strstr(p.pb.items[0].message, "erreur de syntaxe YAML"));
	assert_true(p.pb.items[0].line >= 1);
	done(&p);
	parse(&p, "a:\n\t- b\n");
	assert_int_equal(p.st, CZ_ERR_INVALID);
	assert_non_null(strstr(p.pb.items[0].message, "tabulation"));
	done(&p);
}

static void test_invalid_utf8_is_an_error(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "a: \"caf\xe9\"\n");
	assert_int_equal(p.st, CZ_ERR_INVALID);
	assert_non_null(strstr(p.pb.items[0].message, "UTF-8"));
	assert_int_equal(p.pb.items[0].line, 1);
	done(&p);
}

static void test_empty_documents(void **state)
{
	(void)state;
	parsed p;
	parse(&p, "");
	expect_problem(&p, 1, 1, "vide");
	done(&p);
	parse(&p, "# only a comment\n");
	expect_problem(&p, 1, 1, "vide");
	done(&p);
}

static void test_limits(void **state)
{
	(void)state;
	cz_yaml_limits lim = cz_yaml_default_limits;
	parsed p;
	/* depth */
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	parse_with(&p, deep, sizeof(deep), &lim);
	expect_problem(&p, 1, (unsigned)lim.max_depth + 1, "imbrication trop profonde");
	done(&p);
	/* items per collection */
	lim.max_items = 3;
	parse_with(&p, "[1, 2, 3, 4]", 12, &lim);
	expect_problem(&p, 1, 11, "collection trop longue");
	done(&p);
	/* nodes */
	lim = cz_yaml_default_limits;
	lim.max_nodes = 4;
	parse_with(&p, "[1, 2, 3, 4]", 12, &lim);
	expect_problem(&p, 1, 11, "trop grand");
	done(&p);
	/* scalar length */
	lim = cz_yaml_default_limits;
	lim.max_scalar = 4;
	parse_with(&p, "a: abcdef", 9, &lim);
	expect_problem(&p, 1, 4, "texte trop long");
	done(&p);
	/* input size */
	lim.max_bytes = 4;
	parse_with(&p, "a: abcdef", 9, &lim);
	assert_int_equal(p.st, CZ_ERR_INVALID);
	assert_non_null(strstr(p.pb.items[0].message, "trop volumineux"));
	done(&p);
}

/* A NUL byte in a text is refused wherever it comes from: libyaml refuses
 * one written raw, and the tree one made by an escape of a double-quoted
 * scalar; in a single-quoted or plain scalar "\\0" is two characters. */
static void test_nul_only_from_escapes(void **state)
{
	(void)state;
	parsed p;
	parse_with(&p, "a: x\0y\n", 7, NULL);
	assert_int_equal(p.st, CZ_ERR_INVALID);
	assert_non_null(strstr(p.pb.items[0].message, "caractère de contrôle interdit"));
	done(&p);
	const char *escapes[] = { "a: \"x\\0y\"\n", "a: \"x\\x00y\"\n", "a: \"x\\u0000y\"\n",
				  "b: 1\nc:\n  - \"\\0\"\n" };
	const unsigned lines[] = { 1, 1, 1, 3 }, columns[] = { 4, 4, 4, 5 };
	for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		parse(&p, escapes[i]);
		expect_problem(&p, lines[i], columns[i], "caractère nul interdit");
		done(&p);
	}
	parse(&p, "a: 'x\\0y'\nb: x\\0y\n");
	assert_int_equal(p.st, CZ_OK);
	assert_string_equal(cz_node_get(p.root, "a")->text, "x\\0y");
	assert_string_equal(cz_node_get(p.root, "b")->text, "x\\0y");
	done(&p);
}

static void test_excerpt_cuts_on_character_boundary(void **state)
{
	(void)state;
	char out[12];
	/* "ééééé" is 10 bytes: a cut must not split a character */
	cz_excerpt("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 10, out, sizeof(out));
	assert_string_equal(out, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9…");
	cz_excerpt("a\nb", 3, out, sizeof(out));
	assert_string_equal(out, "a?b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps_sequences_and_positions),
		cmocka_unit_test(test_refuses_anchor_and_alias),
		cmocka_unit_test(test_refuses_merge_key_and_tags),
		cmocka_unit_test(test_refuses_several_documents),
		cmocka_unit_test(test_reports_duplicate_keys_and_keeps_tree),
		cmocka_unit_test(test_syntax_errors_in_french_with_position),
		cmocka_unit_test(test_invalid_utf8_is_an_error),
		cmocka_unit_test(test_empty_documents),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_nul_only_from_escapes),
		cmocka_unit_test(test_excerpt_cuts_on_character_boundary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
