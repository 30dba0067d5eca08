#include "format_fr.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Copy `len` bytes of `s` into `out`, cut to `size` (no printf: hot path). */
static void copy_out(char *out, size_t size, const char *s, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

/* `num` followed by `suffix`, into `out`. */
static char *with_suffix(char *out, size_t size, const char *num, const char *suffix)
{
	size_t a = strlen(num), b = strlen(suffix);
	char tmp[96];
	if (a + b >= sizeof(tmp))
		b = sizeof(tmp) - 1 - a;
	memcpy(tmp, num, a);
	memcpy(tmp + a, suffix, b);
	copy_out(out, size, tmp, a + b);
	return out;
}

char *cz_fr_number(char *out, size_t size, double v, int decimals)
{
	if (size == 0)
		return out;
	if (!isfinite(v)) {
		snprintf(out, size, "—");
		return out;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	/* Round half away from zero, as people do (printf rounds exact ties to
	 * even: 1.125 would print 1,12). */
	static const double scales[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	double scaled = round(fabs(v) * scales[decimals]);
	char raw[64];
	if (scaled < 1e15) {
		/* Digits by integer arithmetic: reports format many figures. */
		unsigned long long u = (unsigned long long)scaled;
		char rev[24];
		int nd = 0;
		do {
			rev[nd++] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		while (nd < decimals + 1)
			rev[nd++] = '0';
		size_t k = 0;
		for (int i = nd - 1; i >= 0; i--) {
			raw[k++] = rev[i];
			if (i == decimals && decimals > 0)
				raw[k++] = '.';
		}
		raw[k] = '\0';
	} else {
		snprintf(raw, sizeof(raw), "%.*f", decimals, fabs(v));
	}
	/* "-0" after rounding is just 0 */
	int negative = v < 0 && strspn(raw, "0.") != strlen(raw);
	char *dot = strchr(raw, '.');
	size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
	char tmp[96];
	size_t n = 0;
	if (negative)
		tmp[n++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			tmp[n++] = ' ';
		/* int_len <= strlen(raw); the analyzer does not tie the two. */
		tmp[n++] = raw[i]; /* NOLINT(clang-analyzer-core.uninitialized.Assign) */
	}
	if (dot) {
		tmp[n++] = ',';
		for (const char *d = dot + 1; *d; d++)
			tmp[n++] = *d;
	}
	tmp[n] = '\0';
	copy_out(out, size, tmp, n);
	return out;
}

char *cz_fr_euros(char *out, size_t size, double v)
{
	char num[64];
	double cents = round(v * 100);
	bool whole = fmod(cents, 100) == 0;
	cz_fr_number(num, sizeof(num), cents / 100, whole ? 0 : 2);
	return with_suffix(out, size, num, " €");
}

char *cz_fr_percent(char *out, size_t size, double ratio)
{
	char num[64];
	cz_fr_number(num, sizeof(num), ratio * 100, 0);
	return with_suffix(out, size, num, " %");
}

char *cz_fr_compact(char *out, size_t size, double v, int decimals)
{
	cz_fr_number(out, size, v, decimals);
	char *comma = strchr(out, ',');
	if (comma) {
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
