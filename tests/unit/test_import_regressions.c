/*
 * Replay of the workbooks that once crashed the import harness
 * (tests/fuzz/regressions-import/): the harness itself is compiled in, so
 * each input goes through exactly what libFuzzer ran, without its runtime;
 * a broken contract aborts. Under ASan+UBSan it catches the bug again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>

#include "../fuzz/fuzz_import.c"

static int regular_name(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void test_import_regressions_replay(void **state)
{
	(void)state;
	const char *dir = "tests/fuzz/regressions-import";
	struct dirent **names;
	int n = scandir(dir, &names, regular_name, alphasort);
	if (n < 0)
		fail_msg("répertoire %s illisible", dir);
	LLVMFuzzerInitialize(NULL, NULL);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		uint8_t buf[1 << 16];
		size_t len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		/* An exact-size copy, so an over-read shows under ASan. */
		uint8_t *exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
		free(names[i]);
	}
	free(names);
	print_message("%d classeurs rejoués depuis %s\n", n, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_regressions_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
