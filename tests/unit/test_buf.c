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

/* The direct figure writers against printf, over edge values, into a
 * buffer that starts unallocated, then full to the byte. */
static void test_put_integers(void **state)
{
	(void)state;
	static const long long values[] = { 0,	       1,	  9,	     10,	99,	   100,
					    999,       1000,	  9999,	     10000,	999999,	   1000000,
					    -1,	       -9,	  -10,	     -999,	-1000,	   -1000000,
					    INT_MAX,   INT_MIN,	  UINT_MAX,  LLONG_MAX, LLONG_MIN, LLONG_MIN + 1,
					    4294967296LL, 123456789012LL };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		long long v = values[i];
		char want[64];
		for (int room = 0; room < 24; room++) {
			cz_buf b;
			cz_buf_init(&b);
			if (room) {
				/* exactly `room` bytes free after the text */
				cz_buf_reserve(&b, 300);
				while (b.cap - b.len - 1 > (size_t)room)
					cz_buf_putc(&b, 'x');
			}
			size_t start = b.len;
			cz_buf_put_ll(&b, v);
			cz_buf_putc(&b, '|');
			cz_buf_put_ull(&b, (unsigned long long)v);
			cz_buf_putc(&b, '|');
			if (v >= 0)
				cz_buf_put_size(&b, (size_t)v);
			snprintf(want, sizeof(want), "%lld|%llu|", v, (unsigned long long)v);
			if (v >= 0)
				snprintf(want + strlen(want), sizeof(want) - strlen(want), "%zu", (size_t)v);
			assert_true(cz_buf_ok(&b));
			assert_string_equal(b.data + start, want);
			assert_int_equal(b.len - start, strlen(want));
			cz_buf_free(&b);
		}
	}
}

/* cz_buf_repeat against one append at a time, from an unallocated buffer
 * and from every free room around the text's size. */
static void test_repeat(void **state)
{
	(void)state;
	static const char *const texts[] = { "", "`", "  ", "█", " — |", "---:|" };
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (size_t n = 0; n < 40; n++) {
			for (int room = -1; room < 24; room++) {
				cz_buf a, w;
				cz_buf_init(&a);
				cz_buf_init(&w);
				if (room >= 0) {
					cz_buf_reserve(&a, 300);
					while (a.cap - a.len - 1 > (size_t)room)
						cz_buf_putc(&a, 'x');
					cz_buf_add(&w, a.data, a.len);
				}
				cz_buf_repeat(&a, texts[t], n);
				for (size_t i = 0; i < n; i++)
					cz_buf_puts(&w, texts[t]);
				assert_true(cz_buf_ok(&a));
				assert_int_equal(a.len, w.len);
				if (w.len)
					assert_memory_equal(a.data, w.data, w.len + 1);
				cz_buf_free(&a);
				cz_buf_free(&w);
			}
		}
	}
}

/* The zero-padded integers the direct path writes ("%02d"), and the
 * widths it leaves to vsnprintf, against snprintf. */
static void test_padded(void **state)
{
	(void)state;
	static const long long values[] = { 0, 1, -1, 7, -7, 42, -42, 99, 100, -100, 999, 1000, 2026, -2026,
					    12345, INT_MAX, INT_MIN, 123456789 };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		long long v = values[i];
		int d = (int)v;
		unsigned u = (unsigned)v;
		char want[256];
		cz_buf b;
		cz_buf_init(&b);
		cz_buf_printf(&b, "%02d|%04d-%02d|%09lld|%03u|%02zu|%01d|%02ld|%2d|%-3d|%+d|%05i.", d, d, d, v, u,
			      (size_t)u, d, (long)d, d, d, d, d);
		snprintf(want, sizeof(want), "%02d|%04d-%02d|%09lld|%03u|%02zu|%01d|%02ld|%2d|%-3d|%+d|%05i.", d, d,
			 d, v, u, (size_t)u, d, (long)d, d, d, d, d);
		assert_true(cz_buf_ok(&b));
		assert_string_equal(b.data, want);
		cz_buf_free(&b);
		cz_buf_init(&b);
		cz_buf_printf(&b, "de %04d-%02d à %04d-%02d", d, d % 100, d / 3, d / 7);
		snprintf(want, sizeof(want), "de %04d-%02d à %04d-%02d", d, d % 100, d / 3, d / 7);
		assert_string_equal(b.data, want);
		cz_buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_conversions),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_put_integers),
		cmocka_unit_test(test_repeat),
		cmocka_unit_test(test_padded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
