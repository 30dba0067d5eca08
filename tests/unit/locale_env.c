/*
 * Linked into every unit test: the test runs in the locale its environment
 * names (setlocale(LC_ALL, "")), as a program that uses the library may.
 * `make unit` runs the tests once as they are and once under fr_FR.UTF-8,
 * with CZ_TEST_LOCALE set: then a locale that failed to load (or has a
 * decimal point) stops the test at once rather than letting it pass in the
 * C locale, where it would prove nothing.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void locale_from_environment(void)
{
	const char *want = getenv("CZ_TEST_LOCALE");
	const char *got = setlocale(LC_ALL, "");
	if (!want || !*want)
		return;
	const struct lconv *lc = localeconv();
	if (!got || strcmp(lc->decimal_point, ",") != 0) {
		fprintf(stderr, "locale %s indisponible ou sans virgule décimale (setlocale\u00A0: %s)\n", want,
			got ? got : "échec");
		exit(2);
	}
}
