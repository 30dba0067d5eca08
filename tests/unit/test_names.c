/*
 * Output names (lib/out_names.h): generated inputs that collide every way a
 * report's name can (case, spaces, one or two extensions, the portfolio's
 * name), checked against an independent oracle written here: the names are
 * pairwise distinct ignoring case, each is the input's stem (computed below
 * with its own code) with the right number, and the numbering of a stem
 * given many times is 2, 3, 4… in input order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out_names.h"

/* The oracle's stem: base name, minus one ".yaml" / ".yml" in any case. */
static void oracle_stem(const char *input, char *out, size_t size)
{
	const char *b = strrchr(input, '/');
	b = b ? b + 1 : input;
	if (strcmp(input, "-") == 0)
		b = "stdin";
	size_t n = strlen(b);
	if (n > 5 && strncasecmp(b + n - 5, ".yaml", 5) == 0)
		n -= 5;
	else if (n > 4 && strncasecmp(b + n - 4, ".yml", 4) == 0)
		n -= 4;
	snprintf(out, size, "%.*s", (int)n, b);
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void test_generated_collisions(void **state)
{
	(void)state;
	/* Every combination of a directory, a stem variant and an extension. */
	static const char *const dirs[] = { "", "a/", "b/c/", "./" };
	static const char *const stems[] = { "x", "X", "x ", "x y", "X Y", "portefeuille", "Portefeuille",
					     "x-2", "x.yaml", "x.yml", "portefeuille.md" };
	static const char *const exts[] = { ".yaml", ".yml", ".YAML", ".yaml.yaml", ".yml.yaml", "" };
	enum { N = 4 * 11 * 6 };
	char inputs[N][64];
	size_t n = 0;
	for (size_t d = 0; d < 4; d++)
		for (size_t s = 0; s < 11; s++)
			for (size_t e = 0; e < 6; e++)
				snprintf(inputs[n++], sizeof(inputs[0]), "%s%s%s", dirs[d], stems[s], exts[e]);
	assert_int_equal(n, N);

	cz_names names;
	cz_names_init(&names);
	assert_true(cz_names_reserve(&names, "portefeuille.md"));
	char folded[N + 1][96];
	strcpy(folded[N], "portefeuille.md");
	for (size_t i = 0; i < N; i++) {
		const char *got = cz_names_unique(&names, inputs[i], "", "md");
		assert_non_null(got);
		/* got = stem, or stem-K with K >= 2, then ".md" */
		char stem[64];
		oracle_stem(inputs[i], stem, sizeof(stem));
		size_t sl = strlen(stem), gl = strlen(got);
		assert_true(gl > 3 && strcmp(got + gl - 3, ".md") == 0);
		assert_memory_equal(got, stem, sl);
		if (gl != sl + 3) {
			assert_int_equal(got[sl], '-');
			char *end;
			long k = strtol(got + sl + 1, &end, 10);
			assert_true(k >= 2);
			assert_ptr_equal(end, got + gl - 3);
		}
		snprintf(folded[i], sizeof(folded[0]), "%s", got);
		lower(folded[i]);
	}
	/* pairwise distinct ignoring case, and never the portfolio's name */
	for (size_t i = 0; i <= N; i++)
		for (size_t j = i + 1; j <= N; j++)
			if (strcmp(folded[i], folded[j]) == 0)
				fail_msg("«\u00A0%s\u00A0» (%s) et «\u00A0%s\u00A0» (%s) donnent le même nom", i < N ? inputs[i] : "réservé",
					 folded[i], j < N ? inputs[j] : "réservé", folded[j]);
	cz_names_free(&names);
}

static void test_same_stem_numbered_in_order(void **state)
{
	(void)state;
	cz_names names;
	cz_names_init(&names);
	char expect[64];
	/* 20,000 inputs named projet.yaml in as many directories */
	for (unsigned i = 1; i <= 20000; i++) {
		char input[64];
		snprintf(input, sizeof(input), "dir%u/projet.yaml", i);
		const char *got = cz_names_unique(&names, input, "-diag", "json");
		assert_non_null(got);
		if (i == 1)
			snprintf(expect, sizeof(expect), "projet-diag.json");
		else
			snprintf(expect, sizeof(expect), "projet-%u-diag.json", i);
		assert_string_equal(got, expect);
	}
	/* "projet-2" as a stem of its own is now taken: it goes further */
	assert_string_equal(cz_names_unique(&names, "projet-2.yaml", "-diag", "json"), "projet-2-2-diag.json");
	cz_names_free(&names);
}

static void test_case_and_latin1(void **state)
{
	(void)state;
	cz_names names;
	cz_names_init(&names);
	assert_string_equal(cz_names_unique(&names, "Été.yaml", "", "md"), "Été.md");
	/* « É » and « é » are the same letter to a case-insensitive file system */
	assert_string_equal(cz_names_unique(&names, "été.yml", "", "md"), "été-2.md");
	assert_string_equal(cz_names_unique(&names, "ÉTÉ.YAML", "", "md"), "ÉTÉ-3.md");
	/* another suffix or extension is another name */
	assert_string_equal(cz_names_unique(&names, "été.yaml", "-bmc", "md"), "été-bmc.md");
	assert_string_equal(cz_names_unique(&names, "été.yaml", "", "json"), "été.json");
	assert_string_equal(cz_names_unique(&names, "-", "", "md"), "stdin.md");
	assert_string_equal(cz_names_unique(&names, "-", "", "md"), "stdin-2.md");
	cz_names_free(&names);
}

static void test_long_names_cut_on_a_character(void **state)
{
	(void)state;
	/* 150 « é » (300 bytes): the stem keeps 100 of them, never half of one */
	char input[400] = "";
	for (int i = 0; i < 150; i++)
		strcat(input, "é");
	strcat(input, ".yaml");
	cz_names names;
	cz_names_init(&names);
	const char *got = cz_names_unique(&names, input, "-indicateurs", "xlsx");
	assert_non_null(got);
	assert_int_equal(strlen(got), 200 + strlen("-indicateurs.xlsx"));
	for (size_t i = 0; i < 200; i += 2)
		assert_memory_equal(got + i, "é", 2);
	/* 201 bytes of ASCII then « é »: cut before the « é » */
	char mixed[400];
	memset(mixed, 'a', 199);
	mixed[199] = '\0';
	strcat(mixed, "é.yaml");
	const char *cut = cz_names_unique(&names, mixed, "", "md");
	assert_int_equal(strlen(cut), 199 + 3);
	cz_names_free(&names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_collisions),
		cmocka_unit_test(test_same_stem_numbered_in_order),
		cmocka_unit_test(test_case_and_latin1),
		cmocka_unit_test(test_long_names_cut_on_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
