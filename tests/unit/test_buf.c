/* cz_buf_printf writes its simple conversions itself (%s %c %d %i %u with
 * z, l, ll, and %%) and leaves the others to vsnprintf: either way, the
 * bytes snprintf gives, here its oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "buf.h"

#define SAME(...)                                              \
	do {                                                   \
		static char want[8192];                        \
		snprintf(want, sizeof(want), __VA_ARGS__);     \
		cz_buf b;                                      \
		cz_buf_init(&b);                               \
		cz_buf_puts(&b, "<");                          \
		cz_buf_printf(&b, __VA_ARGS__);                \
		assert_true(cz_buf_ok(&b));                    \
		assert_string_equal(b.data + 1, want);         \
		assert_int_equal(b.len, 1 + strlen(want));     \
		cz_buf_free(&b);                               \
	} while (0)

static void test_simple_conversions(void **state)
{
	(void)state;
	SAME("%s", "");
	SAME("plain text, no conversion");
	SAME("%s et %s", "Tilleuls", "Vaurenne n°2");
	SAME("%d %d %d %i", 0, -1, INT_MIN, INT_MAX);
	SAME("%u %u", 0u, UINT_MAX);
	SAME("%zu %zu %zd %zd", (size_t)0, SIZE_MAX, (ssize_t)-5, (ssize_t)SSIZE_MAX);
	SAME("%ld %lu %lld %llu", LONG_MIN, ULONG_MAX, LLONG_MIN, ULLONG_MAX);
	SAME("%c%c%%%c", 'a', '|', 'z');
	SAME("| %zu | %zu | %s |\n", (size_t)12, (size_t)3, "100 %");
	SAME("%%d %s%%", "x");
	/* left to vsnprintf: width, precision, flags, other conversions */
	SAME("%5d|%-4s|%.2f|%x|%.*s|%05zu|%+d", 42, "ab", 2.5, 255u, 3, "abcdef", (size_t)7, 3);
	SAME("%s %g", "mixte", 0.5);
}

/* A long text grows the buffer in the middle of a conversion. */
static void test_growth(void **state)
{
	(void)state;
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 0; i < 5; i++)
		SAME("%s-%d-%s", big + i * 500, i, big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_conversions),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
