/* Replacing one section of a project file and keeping the rest of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_splice.h"

static const char doc[] =
	"# En-tête\n"
	"version: 1\n"
	"\n"
	"projet: { nom: \"x\", type: quartier, phase: test }\n"
	"\n"
	"# Les compétences, commentées\n"
	"competences:\n"
	"  emergence.diagnostic: acquis      # vu en atelier\n"
	"  # une note sur la suivante\n"
	"  test.veille: en_cours\n"
	"\n"
	"# Les acteurs\n"
	"acteurs:\n"
	"  - { nom: \"A\" }\n";

static char *splice(const char *text, const char *key, const char *intro, const char *section,
		    cz_splice_info *info, cz_status *st)
{
	cz_buf out;
	cz_buf_init(&out);
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	*st = cz_yaml_splice(text, strlen(text), key, intro, section, &out, info, &pb);
	cz_problems_free(&pb);
	char *r = *st == CZ_OK ? strdup(out.data) : NULL;
	cz_buf_free(&out);
	return r;
}

static void test_replace_keeps_the_rest_and_unchanged_lines(void **state)
{
	(void)state;
	cz_splice_info info;
	cz_status st;
	char *r = splice(doc, "competences", NULL,
			 "competences:\n  emergence.diagnostic: acquis\n  test.veille: acquis\n", &info, &st);
	assert_int_equal(st, CZ_OK);
	/* The unchanged line keeps its comment, the comment line before a changed
	 * line is dropped with it, and everything else stays byte for byte. */
	assert_string_equal(r, "# En-tête\n"
			       "version: 1\n"
			       "\n"
			       "projet: { nom: \"x\", type: quartier, phase: test }\n"
			       "\n"
			       "# Les compétences, commentées\n"
			       "competences:\n"
			       "  emergence.diagnostic: acquis      # vu en atelier\n"
			       "  test.veille: acquis\n"
			       "\n"
			       "# Les acteurs\n"
			       "acteurs:\n"
			       "  - { nom: \"A\" }\n");
	assert_int_equal(info.first_line, 7);
	assert_int_equal(info.new_lines, 3);
	assert_int_equal(info.map[0], 7);
	assert_int_equal(info.map[2], 9);
	free(info.map);
	free(r);

	/* Unchanged but for a line: the comment line above a kept line comes back. */
	r = splice(doc, "competences", NULL, "competences:\n  test.veille: en_cours\n", &info, &st);
	assert_int_equal(st, CZ_OK);
	assert_non_null(strstr(r, "competences:\n  # une note sur la suivante\n  test.veille: en_cours\n\n# Les acteurs"));
	assert_int_equal(info.map[1], 9);
	free(info.map);
	free(r);
}

static void test_insert_in_the_format_order(void **state)
{
	(void)state;
	cz_splice_info info;
	cz_status st;
	/* test goes after acteurs (the last section here): at the end. */
	char *r = splice(doc, "test", "# Bilan\n", "test:\n  vision: 4\n", &info, &st);
	assert_int_equal(st, CZ_OK);
	size_t l = strlen(doc);
	assert_int_equal(strncmp(r, doc, l), 0);
	assert_string_equal(r + l, "\n# Bilan\ntest:\n  vision: 4\n");
	assert_int_equal(info.first_line, 17);
	free(info.map);
	free(r);
	/* etapes goes before competences, and before its comments. */
	r = splice(doc, "etapes", NULL, "etapes:\n  emergence.besoins: fait\n", &info, &st);
	assert_int_equal(st, CZ_OK);
	assert_non_null(strstr(r, "phase: test }\n\netapes:\n  emergence.besoins: fait\n\n# Les compétences"));
	assert_int_equal(info.first_line, 6);
	free(info.map);
	free(r);
}

static void test_line_endings_and_unsafe_documents(void **state)
{
	(void)state;
	cz_splice_info info;
	cz_status st;
	char *r = splice("version: 1\r\nprojet: { nom: x, type: rural, phase: test }\r\ntest:\r\n  vision: 3\r\n",
			 "test", NULL, "test:\n  vision: 4\n", &info, &st);
	assert_int_equal(st, CZ_OK);
	assert_string_equal(r, "version: 1\r\nprojet: { nom: x, type: rural, phase: test }\r\ntest:\r\n  vision: 4\r\n");
	free(info.map);
	free(r);
	/* A document in flow style cannot be cut by lines. */
	r = splice("{ version: 1, projet: { nom: x, type: rural, phase: test } }\n", "test", NULL,
		   "test:\n  vision: 4\n", &info, &st);
	assert_int_equal(st, CZ_ERR_USAGE);
	assert_null(r);
	assert_null(info.map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_keeps_the_rest_and_unchanged_lines),
		cmocka_unit_test(test_insert_in_the_format_order),
		cmocka_unit_test(test_line_endings_and_unsafe_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
