#include "format_fr.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "number.h"
#include "text.h"

/* French typography (see docs/DEVELOPING.md): a narrow no-break space
 * groups thousands, a no-break space ties a figure to its unit. */
#define NBSP "\u00A0"
#define NNBSP "\u202F"

static size_t put_nnbsp(char *p)
{
	memcpy(p, NNBSP, sizeof(NNBSP) - 1);
	return sizeof(NNBSP) - 1;
}

/* Copy `len` bytes of `s` into `out`, cut to `size` on a character
 * boundary (no printf: hot path). */
static void copy_out(char *out, size_t size, const char *s, size_t len)
{
	len = cz_utf8_prefix(s, len, size - 1);
	memcpy(out, s, len);
	out[len] = '\0';
}

/* `num` followed by `suffix`, into `out`. */
static char *with_suffix(char *out, size_t size, const char *num, const char *suffix)
{
	size_t a = strlen(num), b = strlen(suffix);
	char tmp[128];
	if (a > sizeof(tmp) - 1)
		a = cz_utf8_prefix(num, a, sizeof(tmp) - 1);
	if (a + b > sizeof(tmp) - 1)
		b = cz_utf8_prefix(suffix, b, sizeof(tmp) - 1 - a);
	memcpy(tmp, num, a);
	memcpy(tmp + a, suffix, b);
	copy_out(out, size, tmp, a + b);
	return out;
}

/* From 1e15 on a figure is beyond what a report means (a double no longer
 * holds every integer there): three significant digits and a power of
 * ten, "1,23 × 10^18", never a cut string of digits. */
static char *large(char *out, size_t size, double v)
{
	char d[18], tmp[64];
	int e10;
	size_t n = cz_number_digits(v, 3, d, &e10), k = 0;
	if (v < 0)
		tmp[k++] = '-';
	tmp[k++] = d[0];
	if (n > 1) {
		tmp[k++] = ',';
		memcpy(tmp + k, d + 1, n - 1);
		k += n - 1;
	}
	k += (size_t)snprintf(tmp + k, sizeof(tmp) - k, NBSP "×" NBSP "10^%d", e10);
	copy_out(out, size, tmp, k);
	return out;
}

/* The longest figure the digit path writes: sign, 15 digits, 4 group
 * separators, comma, 6 decimals, NUL. */
#define DIGITS_MAX (1 + 15 + 4 * (sizeof(NNBSP) - 1) + 1 + 6 + 1)

/* cz_fr_number, returning the length written; *plain when the text is the
 * digit form whole (not "—", not a power of ten, not cut to `size`). */
static size_t fr_number(char *out, size_t size, double v, int decimals, bool *plain)
{
	*plain = false;
	if (size == 0)
		return 0;
	if (!isfinite(v)) {
		copy_out(out, size, "—", strlen("—"));
		return strlen(out);
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* Round half away from zero, as people do (printf rounds exact ties to
	 * even: 1.125 would print 1,12). */
	unsigned long long u;
	if (!cz_number_scaled(v, decimals, &u))
		return strlen(large(out, size, v));
	/* "-0" after rounding is just 0 */
	bool negative = v < 0 && u != 0;
	/* written from the last digit back */
	char t[DIGITS_MAX];
	size_t e = sizeof(t);
	t[--e] = '\0';
	if (decimals > 0) {
		for (int d = 0; d < decimals; d++) {
			t[--e] = (char)('0' + u % 10);
			u /= 10;
		}
		t[--e] = ',';
	}
	for (int group = 3;; group--) {
		if (group == 0) {
			e -= sizeof(NNBSP) - 1;
			put_nnbsp(t + e);
			group = 3;
		}
		t[--e] = (char)('0' + u % 10);
		u /= 10;
		if (!u)
			break;
	}
	if (negative)
		t[--e] = '-';
	size_t n = sizeof(t) - 1 - e;
	if (n < size) {
		memcpy(out, t + e, n + 1);
		*plain = true;
		return n;
	}
	copy_out(out, size, t + e, n);
	return strlen(out);
}

char *cz_fr_number(char *out, size_t size, double v, int decimals)
{
	bool plain;
	fr_number(out, size, v, decimals, &plain);
	return out;
}

/* The figure then `suffix` (of length `slen`), into `out`. */
static char *number_with(char *out, size_t size, double v, int decimals, const char *suffix, size_t slen)
{
	char num[CZ_FR_SIZE];
	bool plain;
	if (size >= sizeof(num)) {
		/* room for any figure: written in place, the suffix after it */
		size_t a = fr_number(out, size, v, decimals, &plain);
		if (a + slen < size) {
			memcpy(out + a, suffix, slen + 1);
			return out;
		}
		memcpy(num, out, a + 1);
		return with_suffix(out, size, num, suffix);
	}
	size_t a = fr_number(num, sizeof(num), v, decimals, &plain);
	if (a + slen < size) {
		memcpy(out, num, a);
		memcpy(out + a, suffix, slen + 1);
		return out;
	}
	return with_suffix(out, size, num, suffix);
}

char *cz_fr_euros(char *out, size_t size, double v)
{
	double cents = round(v * 100);
	/* cents is a whole number: below 2^53 the integer remainder is fmod's */
	bool whole = fabs(cents) < 9007199254740992.0 ? (long long)cents % 100 == 0 : fmod(cents, 100) == 0;
	return number_with(out, size, cents / 100, whole ? 0 : 2, NBSP "€", sizeof(NBSP "€") - 1);
}

char *cz_fr_percent(char *out, size_t size, double ratio)
{
	return number_with(out, size, ratio * 100, 0, NBSP "%", sizeof(NBSP "%") - 1);
}

char *cz_fr_compact(char *out, size_t size, double v, int decimals)
{
	bool plain;
	size_t n = fr_number(out, size, v, decimals, &plain);
	if (plain) {
		/* the digit form whole: a comma only with decimals, and only
		 * digits after it */
		if (decimals > 0) {
			while (out[n - 1] == '0')
				n--;
			if (out[n - 1] == ',')
				n--;
			out[n] = '\0';
		}
		return out;
	}
	char *comma = strchr(out, ',');
	/* only a plain decimal part: not "1,2 × 10^20" */
	if (comma && strspn(comma + 1, "0123456789") == strlen(comma + 1)) {
		char *end = out + strlen(out) - 1;
		while (end > comma && *end == '0')
			*end-- = '\0';
		if (end == comma)
			*end = '\0';
	}
	return out;
}

const char *cz_fr_pl(double n, const char *one, const char *many)
{
	return fabs(n) >= 2 ? many : one;
}

const char *cz_fr_s(double n)
{
	return cz_fr_pl(n, "", "s");
}
