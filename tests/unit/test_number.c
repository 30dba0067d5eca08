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
#include "text.h"

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

/* The general path the French figures had before their direct one
 * (round(), strspn, a copy through a scratch string): the reference the
 * direct path must match byte for byte. */
static size_t ref_scaled_digits(double v, int decimals, char *out)
{
	static const double scales[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	double scaled = round(fabs(v) * scales[decimals]);
	if (!(scaled < 1e15))
		return 0;
	unsigned long long u = (unsigned long long)scaled;
	char rev[24];
	size_t n = 0;
	do {
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < (size_t)decimals + 1)
		rev[n++] = '0';
	for (size_t k = 0; k < n; k++)
		out[k] = rev[n - 1 - k];
	out[n] = '\0';
	return n;
}

static void ref_copy_out(char *out, size_t size, const char *s, size_t len)
{
	len = cz_utf8_prefix(s, len, size - 1);
	memcpy(out, s, len);
	out[len] = '\0';
}

static char *ref_with_suffix(char *out, size_t size, const char *num, const char *suffix)
{
	size_t a = strlen(num), b = strlen(suffix);
	char tmp[128];
	if (a > sizeof(tmp) - 1)
		a = cz_utf8_prefix(num, a, sizeof(tmp) - 1);
	if (a + b > sizeof(tmp) - 1)
		b = cz_utf8_prefix(suffix, b, sizeof(tmp) - 1 - a);
	memcpy(tmp, num, a);
	memcpy(tmp + a, suffix, b);
	ref_copy_out(out, size, tmp, a + b);
	return out;
}

static char *ref_fr_number(char *out, size_t size, double v, int decimals)
{
	if (size == 0)
		return out;
	if (!isfinite(v)) {
		ref_copy_out(out, size, "—", strlen("—"));
		return out;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	char raw[CZ_NUMBER_MAX];
	size_t nd = ref_scaled_digits(v, decimals, raw);
	if (nd == 0) {
		/* the power-of-ten form is shared, not on trial here */
		char big[CZ_FR_SIZE];
		cz_fr_number(big, sizeof(big), v, decimals);
		ref_copy_out(out, size, big, strlen(big));
		return out;
	}
	bool negative = v < 0 && strspn(raw, "0") != nd;
	size_t int_len = nd - (size_t)decimals;
	char tmp[96];
	size_t n = 0;
	if (negative)
		tmp[n++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0) {
			memcpy(tmp + n, "\u202F", 3);
			n += 3;
		}
		tmp[n++] = raw[i];
	}
	if (decimals > 0) {
		tmp[n++] = ',';
		for (size_t i = int_len; i < nd; i++)
			tmp[n++] = raw[i];
	}
	tmp[n] = '\0';
	ref_copy_out(out, size, tmp, n);
	return out;
}

static char *ref_fr_euros(char *out, size_t size, double v)
{
	char num[64];
	double cents = round(v * 100);
	bool whole = fabs(cents) < 9007199254740992.0 ? (long long)cents % 100 == 0 : fmod(cents, 100) == 0;
	ref_fr_number(num, sizeof(num), cents / 100, whole ? 0 : 2);
	return ref_with_suffix(out, size, num, "\u00A0€");
}

static char *ref_fr_percent(char *out, size_t size, double ratio)
{
	char num[64];
	ref_fr_number(num, sizeof(num), ratio * 100, 0);
	return ref_with_suffix(out, size, num, "\u00A0%");
}

static char *ref_fr_compact(char *out, size_t size, double v, int decimals)
{
	ref_fr_number(out, size, v, decimals);
	char *comma = strchr(out, ',');
	if (comma && strspn(comma + 1, "0123456789") == strlen(comma + 1)) {
		char *end = out + strlen(out) - 1;
		while (end > comma && *end == '0')
			*end-- = '\0';
		if (end == comma)
			*end = '\0';
	}
	return out;
}

static void check_figure(double v)
{
	static const size_t sizes[] = { 100, 64, 63, 40, 36, 35, 20, 9, 8, 5, 3, 2, 1 };
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t size = sizes[k];
		char got[100], want[100];
		for (int d = -1; d <= 7; d++) {
			char rd[CZ_NUMBER_MAX], gd[CZ_NUMBER_MAX];
			size_t rn = ref_scaled_digits(v, d, rd), gn = cz_number_scaled_digits(v, d, gd);
			if (rn != gn || (rn && strcmp(rd, gd) != 0))
				fail_msg("scaled_digits(%.17g, %d): \"%s\", want \"%s\"", v, d, gn ? gd : "", rn ? rd : "");
			memset(got, 'x', sizeof(got));
			memset(want, 'x', sizeof(want));
			cz_fr_number(got, size, v, d);
			ref_fr_number(want, size, v, d);
			if (memcmp(got, want, size) != 0)
				fail_msg("cz_fr_number(%.17g, %d) in %zu: \"%s\", want \"%s\"", v, d, size, got, want);
			cz_fr_compact(got, size, v, d);
			ref_fr_compact(want, size, v, d);
			if (strcmp(got, want) != 0)
				fail_msg("cz_fr_compact(%.17g, %d) in %zu: \"%s\", want \"%s\"", v, d, size, got, want);
		}
		cz_fr_euros(got, size, v);
		ref_fr_euros(want, size, v);
		if (strcmp(got, want) != 0)
			fail_msg("cz_fr_euros(%.17g) in %zu: \"%s\", want \"%s\"", v, size, got, want);
		cz_fr_percent(got, size, v);
		ref_fr_percent(want, size, v);
		if (strcmp(got, want) != 0)
			fail_msg("cz_fr_percent(%.17g) in %zu: \"%s\", want \"%s\"", v, size, got, want);
	}
}

/* The direct digit path against the general one: edge values, ties,
 * the 1e15 limit, and a spread of pseudo-random figures. */
static void test_fr_direct_matches_general(void **state)
{
	(void)state;
	static const double edges[] = {
		0, -0.0, 1, -1, 9, 10, 99, 100, 999, -999, 1000, -1000, 9999, 10000, 999999, 1e6, -1e6,
		1234567, 0.5, -0.5, 1.5, 2.5, 0.125, 1.125, -1.125, 0.005, 0.015, 0.045, 0.0049999999999999999,
		0.49999999999999994, 4503599627370495.5, 999999999999999.4, 999999999999999.5, 1e15, -1e15,
		99999999999999.95, 9999999999.9999995, 2147483647, -2147483648.0, 4294967295.0, 9007199254740993.0,
		1e-7, -1e-7, 0.999999, 0.9999995, 0.85, 0.853, 1.0 / 3, -2.0 / 3, 12.345, 1e300, -1e300,
		DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX, NAN, INFINITY, -INFINITY,
	};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_figure(edges[i]);
	unsigned long long x = 88172645463325252ull;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double scale = pow(10, (double)(x % 19) - 4); /* 1e-4 .. 1e14 */
		double v = (double)(x >> 11) / 9007199254740992.0 * scale;
		if (x & 1)
			v = -v;
		check_figure(v);
		/* ties at every decimal: k / 2 / 10^d */
		check_figure((double)(x % 2000001) / pow(10, (double)(x % 7)) + 0.5 / pow(10, (double)(x % 7)));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_matches_strtod),
		cmocka_unit_test(test_shortest),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_writers),
		cmocka_unit_test(test_fr_direct_matches_general),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
