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

char *cz_fr_number(char *out, size_t size, double v, int decimals)
{
	if (size == 0)
		return out;
	if (!isfinite(v)) {
		copy_out(out, size, "—", strlen("—"));
		return out;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* Round half away from zero, as people do (printf rounds exact ties to
	 * even: 1.125 would print 1,12). */
	char raw[CZ_NUMBER_MAX];
	size_t nd = cz_number_scaled_digits(v, decimals, raw);
	if (nd == 0)
		return large(out, size, v);
	/* "-0" after rounding is just 0 */
	bool negative = v < 0 && strspn(raw, "0") != nd;
	size_t int_len = nd - (size_t)decimals;
	char tmp[96];
	size_t n = 0;
	if (negative)
		tmp[n++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			n += put_nnbsp(tmp + n);
		tmp[n++] = raw[i];
	}
	if (decimals > 0) {
		tmp[n++] = ',';
		for (size_t i = int_len; i < nd; i++)
			tmp[n++] = raw[i];
	}
	tmp[n] = '\0';
	copy_out(out, size, tmp, n);
	return out;
}

char *cz_fr_euros(char *out, size_t size, double v)
{
	char num[64];
	double cents = round(v * 100);
	/* cents is a whole number: below 2^53 the integer remainder is fmod's */
	bool whole = fabs(cents) < 9007199254740992.0 ? (long long)cents % 100 == 0 : fmod(cents, 100) == 0;
	cz_fr_number(num, sizeof(num), cents / 100, whole ? 0 : 2);
	return with_suffix(out, size, num, NBSP "€");
}

char *cz_fr_percent(char *out, size_t size, double ratio)
{
	char num[64];
	cz_fr_number(num, sizeof(num), ratio * 100, 0);
	return with_suffix(out, size, num, NBSP "%");
}

char *cz_fr_compact(char *out, size_t size, double v, int decimals)
{
	cz_fr_number(out, size, v, decimals);
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
