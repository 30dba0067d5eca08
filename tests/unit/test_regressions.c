/*
 * Replay of the inputs that once crashed, hung or leaked under the fuzz
 * harnesses (tests/fuzz/regressions/): each must now load or be refused
 * cleanly by both loaders. Runs in `make check` without clang's fuzzer
 * runtime; under ASan+UBSan it catches the original bug again.
 * CZ_REGRESSIONS overrides the directory (default: relative to the
 * repository root, where `make` runs the unit tests).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "text.h"

static cz_referential *builtin;

static int setup(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "referentiel interne");
	cz_status st = cz_referential_load_builtin(&builtin, &pb);
	cz_problems_free(&pb);
	return st == CZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cz_referential_free(builtin);
	return 0;
}

/* Read a whole file into a buffer of exactly its size (no terminating NUL),
 * as the fuzzer hands it over, so an over-read shows under ASan. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *data = NULL;
	size_t n = 0, cap = 0;
	char chunk[8192];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n + r > cap) {
			cap = (n + r) * 2;
			char *grown = realloc(data, cap);
			assert_non_null(grown);
			data = grown;
		}
		memcpy(data + n, chunk, r);
		n += r;
	}
	assert_false(ferror(f));
	fclose(f);
	char *exact = malloc(n ? n : 1);
	assert_non_null(exact);
	if (n)
		memcpy(exact, data, n);
	free(data);
	*len = n;
	return exact;
}

/* Every message is fit for any output: valid UTF-8, no control character
 * (a message may quote what the file holds). */
static void assert_clean_messages(const cz_problems *pb)
{
	for (size_t i = 0; i < pb->count; i++) {
		const char *m = pb->items[i].message;
		assert_true(cz_utf8_valid(m, strlen(m)));
		assert_int_equal(cz_text_unsafe_count(m, strlen(m)), 0);
	}
}

static void replay(const char *path)
{
	size_t len;
	char *data = slurp(path, &len);

	cz_problems pb;
	cz_problems_init(&pb, path);
	cz_project *p = NULL;
	cz_status st = cz_project_load(data, len, path, builtin, &p, &pb);
	assert_true((st == CZ_OK) == (p != NULL));
	if (st == CZ_ERR_INVALID)
		assert_true(pb.count > 0 || pb.nomem);
	assert_clean_messages(&pb);
	cz_project_free(p);
	cz_problems_free(&pb);

	cz_problems_init(&pb, path);
	cz_referential *ref = NULL;
	st = cz_referential_load(data, len, &ref, &pb);
	assert_true((st == CZ_OK) == (ref != NULL));
	if (st == CZ_ERR_INVALID)
		assert_true(pb.count > 0 || pb.nomem);
	assert_clean_messages(&pb);
	cz_referential_free(ref);
	cz_problems_free(&pb);
	free(data);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int regular_name(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void test_regressions_replay(void **state)
{
	(void)state;
	const char *dir = getenv("CZ_REGRESSIONS");
	if (!dir)
		dir = "tests/fuzz/regressions";
	struct dirent **names;
	int n = scandir(dir, &names, regular_name, by_name);
	if (n < 0)
		fail_msg("répertoire %s illisible", dir);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		replay(path);
		free(names[i]);
	}
	free(names);
	print_message("%d entrées rejouées depuis %s\n", n, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regressions_replay),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
