#include "number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Saturating decimal exponent: far beyond any double either way. */
#define EXP_CAP 100000L

bool cz_number_parse(const char *s, size_t len, double *out)
{
	size_t i = 0;
	bool negative = false;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		negative = s[i++] == '-';
	size_t int_start = i;
	while (i < len && digit(s[i]))
		i++;
	size_t int_end = i;
	if (int_end == int_start)
		return false;
	size_t frac_start = i, frac_end = i;
	if (i < len && s[i] == '.') {
		frac_start = ++i;
		while (i < len && digit(s[i]))
			i++;
		frac_end = i;
		if (frac_end == frac_start)
			return false;
	}
	long exp = 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool exp_negative = false;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			exp_negative = s[i++] == '-';
		size_t exp_start = i;
		for (; i < len && digit(s[i]); i++)
			if (exp < EXP_CAP)
				exp = exp * 10 + (s[i] - '0');
		if (i == exp_start)
			return false;
		if (exp_negative)
			exp = -exp;
	}
	if (i != len)
		return false;

	/* The value is DIGITS x 10^(exp - fraction digits): hand strtod() the
	 * significant digits and that power, a form with no decimal point for
	 * a locale to change. */
	size_t n_digits = (int_end - int_start) + (frac_end - frac_start);
	char small[128];
	char *buf = n_digits + 32 <= sizeof(small) ? small : malloc(n_digits + 32);
	if (!buf)
		return false;
	size_t n = 0;
	for (size_t k = int_start; k < int_end; k++)
		if (n > 0 || s[k] != '0')
			buf[n++] = s[k];
	for (size_t k = frac_start; k < frac_end; k++)
		if (n > 0 || s[k] != '0')
			buf[n++] = s[k];
	long e = exp - (long)(frac_end - frac_start);
	while (n > 0 && buf[n - 1] == '0') {
		n--;
		e++;
	}
	double v = 0;
	if (n > 0 && n <= 15 && e >= -22 && e <= 22) {
		/* At most 15 digits are an exact double, and so is 10^|e| up to
		 * 10^22: one multiplication or division rounds once, to the
		 * double strtod() would give (the files' numbers are such). */
		static const double pow10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
						1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
						1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
		unsigned long long m = 0;
		for (size_t k = 0; k < n; k++)
			m = m * 10 + (unsigned long long)(buf[k] - '0');
		v = e >= 0 ? (double)m * pow10[e] : (double)m / pow10[-e];
	} else if (n > 0) {
		snprintf(buf + n, 32, "e%ld", e);
		v = strtod(buf, NULL);
	}
	if (buf != small)
		free(buf);
	if (!isfinite(v))
		return false;
	/* No negative zero enters the model: "-0" is 0. */
	*out = negative && v != 0 ? -v : v;
	return true;
}

size_t cz_number_digits(double v, int sig, char *digits, int *exp10)
{
	if (sig < 1)
		sig = 1;
	if (sig > 17)
		sig = 17;
	/* "%.*e" prints d.ddde±x with the correctly rounded digits; whatever
	 * the locale puts as decimal point, only digits and the exponent after
	 * the last 'e' are read back. */
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*e", sig - 1, fabs(v));
	char *e = strrchr(tmp, 'e');
	size_t n = 0;
	for (char *p = tmp; p != e && *p && n < 17; p++)
		if (digit(*p))
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = e ? (int)strtol(e + 1, NULL, 10) : 0;
	return n;
}

/* digits[0..n) and a power of ten, as the JSON writer always has: plain
 * from 1e-4 to below 10^plain_max, else d.ddde±xx (like printf's %g). */
static size_t layout(bool negative, const char *digits, size_t n, int e10, int plain_max, char *out)
{
	size_t o = 0;
	if (negative)
		out[o++] = '-';
	if (e10 >= -4 && e10 < plain_max) {
		if (e10 < 0) {
			out[o++] = '0';
			out[o++] = '.';
			for (int k = -1; k > e10; k--)
				out[o++] = '0';
			memcpy(out + o, digits, n);
			o += n;
		} else {
			size_t int_digits = (size_t)e10 + 1;
			for (size_t k = 0; k < int_digits; k++)
				out[o++] = (char)(k < n ? digits[k] : '0');
			if (n > int_digits) {
				out[o++] = '.';
				memcpy(out + o, digits + int_digits, n - int_digits);
				o += n - int_digits;
			}
		}
	} else {
		out[o++] = digits[0];
		if (n > 1) {
			out[o++] = '.';
			memcpy(out + o, digits + 1, n - 1);
			o += n - 1;
		}
		o += (size_t)snprintf(out + o, CZ_NUMBER_MAX - o, "e%c%02d", e10 < 0 ? '-' : '+',
				      e10 < 0 ? -e10 : e10);
	}
	out[o] = '\0';
	return o;
}

/* An integer below 1e15 in absolute value, digit by digit. */
static size_t integer(double v, char *out)
{
	unsigned long long u = (unsigned long long)fabs(v);
	char rev[24];
	size_t n = 0, o = 0;
	do {
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[o++] = '-';
	while (n)
		out[o++] = rev[--n];
	out[o] = '\0';
	return o;
}

size_t cz_number_shortest(double v, char *out)
{
	if (v == 0 || !isfinite(v)) {
		/* non-finite is the caller's to avoid; "0" keeps the text valid */
		memcpy(out, "0", 2);
		return 1;
	}
	if (v == floor(v) && fabs(v) < 1e15)
		return integer(v, out);
	char digits[18], canon[40];
	int e10 = 0;
	size_t n = 0;
	int prec = 15;
	for (; prec <= 17; prec++) {
		n = cz_number_digits(v, prec, digits, &e10);
		/* Read back from digits and exponent only (see cz_number_parse). */
		snprintf(canon, sizeof(canon), "%se%d", digits, e10 - (int)n + 1);
		if (strtod(canon, NULL) == fabs(v))
			break;
	}
	if (prec > 17)
		prec = 17;
	return layout(v < 0, digits, n, e10, prec, out);
}


/* "00" to "99": two digits per division. */
static const char two_digits[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				    "8081828384858687888990919293949596979899";

size_t cz_number_scaled_digits(double v, int decimals, char *out)
{
	unsigned long long u;
	if (!cz_number_scaled(v, decimals, &u))
		return 0;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	char rev[24];
	size_t i = sizeof(rev);
	while (u >= 100) {
		size_t r = (size_t)(u % 100);
		u /= 100;
		i -= 2;
		memcpy(rev + i, two_digits + 2 * r, 2);
	}
	if (u >= 10) {
		i -= 2;
		memcpy(rev + i, two_digits + 2 * u, 2);
	} else {
		rev[--i] = (char)('0' + u);
	}
	size_t nd = sizeof(rev) - i, n = 0;
	while (nd + n < (size_t)decimals + 1)
		out[n++] = '0';
	for (; i < sizeof(rev); i++)
		out[n++] = rev[i];
	out[n] = '\0';
	return n;
}

size_t cz_number_fixed(double v, int decimals, char *out)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	char d[CZ_NUMBER_MAX];
	size_t n = isfinite(v) ? cz_number_scaled_digits(v, decimals, d) : 0;
	if (n == 0)
		return cz_number_shortest(v, out);
	bool zero = strspn(d, "0") == n;
	size_t o = 0;
	if (v < 0 && !zero)
		out[o++] = '-';
	size_t int_digits = n - (size_t)decimals;
	memcpy(out + o, d, int_digits);
	o += int_digits;
	if (decimals > 0) {
		out[o++] = '.';
		memcpy(out + o, d + int_digits, (size_t)decimals);
		o += (size_t)decimals;
	}
	out[o] = '\0';
	return o;
}
