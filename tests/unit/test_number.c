/* Numbers as text (lib/number.h), whatever the caller's locale: `make unit`
 * runs every unit test a second time under fr_FR.UTF-8 (decimal comma),
 * where the C library's strtod("0.9") gives 0 and printf("%g", 0.1)
 * gives "0,1"; these functions must not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_fr.h"
#include "json.h"
#include "number.h"

static double parse(const char *s)
{
	double v = -12345;
	assert_true(cz_number_parse(s, strlen(s), &v));
	return v;
}

static void refused(const char *s)
{
	double v;
	assert_false(cz_number_parse(s, strlen(s), &v));
}

static void test_parse(void **state)
{
	(void)state;
	assert_true(parse("0.9") == 0.9);
	assert_true(parse("12") == 12);
	assert_true(parse("-3.25") == -3.25);
	assert_true(parse("+7") == 7);
	assert_true(parse("1e3") == 1000);
	assert_true(parse("2.5E-3") == 0.0025);
	assert_true(parse("0.1") == 0.1);
	assert_true(parse("000123.4500") == 123.45);
	assert_true(parse("1e-300") == 1e-300);
	assert_true(parse("1.7976931348623157e308") == DBL_MAX);
	assert_true(parse("4.9e-324") == 4.9e-324);
	/* correctly rounded, as strtod in the C locale: a halfway case */
	assert_true(parse("9007199254740993") == 9007199254740992.0);
	assert_true(parse("0.30000000000000004") == 0.30000000000000004);
	/* no negative zero enters the model */
	double z = parse("-0");
	assert_true(z == 0 && !signbit(z));
	z = parse("-0.000e5");
	assert_true(z == 0 && !signbit(z));
	/* underflow is 0, overflow is refused */
	assert_true(parse("1e-999999999999") == 0);
	refused("1e309");
	refused("1e999999999999");
	const char *bad[] = { "", "-", ".5", "5.", "1,5", "0x10", "inf", "nan", " 1", "1 ", "1e", "1e+",
			      "1.2.3", "--1", "1_000" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(bad[i]);
	/* long digit strings go through the heap path */
	char longnum[2100] = "1.";
	memset(longnum + 2, '0', 2000);
	strcpy(longnum + 2002, "1");
	assert_true(parse(longnum) == 1.0);
	longnum[0] = '0';
	longnum[2] = '1';
	assert_true(parse(longnum) == 0.1);
	char many[3000];
	memset(many, '1', 2999);
	many[2999] = '\0';
	refused(many); /* 10^2999: too large */
}

static const char *shortest(double v)
{
	static char out[CZ_NUMBER_MAX];
	cz_number_shortest(v, out);
	return out;
}

static void test_shortest(void **state)
{
	(void)state;
	assert_string_equal(shortest(0.1), "0.1");
	assert_string_equal(shortest(-0.0), "0");
	assert_string_equal(shortest(3), "3");
	assert_string_equal(shortest(-42), "-42");
	assert_string_equal(shortest(1234.5), "1234.5");
	assert_string_equal(shortest(0.30000000000000004), "0.30000000000000004");
	assert_string_equal(shortest(1.0 / 3.0), "0.3333333333333333");
	assert_string_equal(shortest(0.0001), "0.0001");
	assert_string_equal(shortest(0.00001), "1e-05");
	assert_string_equal(shortest(1e-300), "1e-300");
	assert_string_equal(shortest(2.5e20), "2.5e+20");
	assert_string_equal(shortest(1e15), "1e+15");
	assert_string_equal(shortest(123456789012345.0), "123456789012345");
	assert_string_equal(shortest(DBL_MAX), "1.7976931348623157e+308");
	/* every output reads back to the same double */
	const double vals[] = { 0.1, 2.0 / 3.0, 1e-7, 123.456, 9.999999999999999e22, 5e-324, DBL_MAX,
				-1.0 / 7.0 };
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		const char *s = shortest(vals[i]);
		assert_true(parse(s) == vals[i]);
		assert_null(strchr(s, ','));
	}
}

static void test_fixed(void **state)
{
	(void)state;
	char s[CZ_NUMBER_MAX];
	cz_number_fixed(0.5, 2, s);
	assert_string_equal(s, "0.50");
	cz_number_fixed(1234.567, 2, s);
	assert_string_equal(s, "1234.57");
	cz_number_fixed(-0.001, 2, s);
	assert_string_equal(s, "0.00");
	cz_number_fixed(-3.14159, 2, s);
	assert_string_equal(s, "-3.14");
	cz_number_fixed(1.125, 2, s); /* half away from zero */
	assert_string_equal(s, "1.13");
	cz_number_fixed(7, 0, s);
	assert_string_equal(s, "7");
	cz_number_fixed(1e20, 2, s);
	assert_string_equal(s, "1e+20");
}

/* The French report figures and the JSON writer, under whatever locale
 * this test runs: the same bytes. */
static void test_writers(void **state)
{
	(void)state;
	char s[64];
	assert_string_equal(cz_fr_number(s, sizeof(s), 0.9, 2), "0,90");
	assert_string_equal(cz_fr_euros(s, sizeof(s), 1234.5), "1\u202F234,50\u00A0€");
	/* beyond 1e15: a power of ten, never a cut string of digits */
	assert_string_equal(cz_fr_number(s, sizeof(s), 1.2345e299, 2), "1,23\u00A0×\u00A010^299");
	assert_string_equal(cz_fr_compact(s, sizeof(s), 1.2e20, 2), "1,2\u00A0×\u00A010^20");
	/* a small buffer cuts on a character boundary (8 bytes: "1 234" is 7,
	 * the no-break space before € would need 2 more) */
	char tiny[9];
	cz_fr_euros(tiny, sizeof(tiny), 1234);
	assert_string_equal(tiny, "1\u202F234");
	cz_buf b;
	cz_buf_init(&b);
	cz_json j;
	cz_json_init(&j, &b);
	cz_json_array_begin(&j);
	cz_json_number(&j, 0.1);
	cz_json_number(&j, -0.0);
	cz_json_number(&j, 1e-300);
	cz_json_number(&j, INFINITY);
	cz_json_array_end(&j);
	assert_string_equal(b.data, "[\n  0.1,\n  0,\n  1e-300,\n  null\n]");
	cz_buf_free(&b);
}

/* The short path of cz_number_parse (up to 15 digits, power of ten up to
 * 22: one multiplication or division) against strtod on the same value
 * written without a decimal point ("12345e-2", which no locale reads
 * differently), over pseudo-random numbers in both written forms. */
static void test_parse_matches_strtod(void **state)
{
	(void)state;
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < 200000; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		unsigned long long r = x * 0x2545F4914F6CDD1Dull;
		int digits = 1 + (int)(r % 17); /* 16 and 17: the long path */
		unsigned long long m = (r >> 8) % 100000000000000000ull;
		unsigned long long cap = 1;
		for (int k = 0; k < digits; k++)
			cap *= 10;
		m %= cap;
		int e = (int)((r >> 40) % 49) - 24;
		char text[64], oracle[64];
		snprintf(oracle, sizeof(oracle), "%llue%d", m, e);
		double want = strtod(oracle, NULL), got = -1;
		assert_true(cz_number_parse(oracle, strlen(oracle), &got));
		if (got != want)
			fail_msg("%s: %.17g, strtod %.17g", oracle, got, want);
		/* the same digits with a decimal point: m x 10^-k */
		int k = (int)((r >> 20) % 8);
		char d[32];
		int n = snprintf(d, sizeof(d), "%0*llu", k + 1, m);
		snprintf(text, sizeof(text), "%.*s.%s", n - k, d, d + n - k);
		if (k == 0)
			snprintf(text, sizeof(text), "%s", d);
		snprintf(oracle, sizeof(oracle), "%llue%d", m, -k);
		want = strtod(oracle, NULL);
		assert_true(cz_number_parse(text, strlen(text), &got));
		if (got != want)
			fail_msg("%s: %.17g, strtod %.17g", text, got, want);
	}
	assert_true(parse("999999999999999e22") == 999999999999999e22);
	assert_true(parse("0.000000000000000000000123456789012345") == 123456789012345e-36);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_matches_strtod),
		cmocka_unit_test(test_shortest),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
