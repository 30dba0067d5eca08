#include "format_fr.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
	double scale = pow(10, decimals);
	double scaled = round(fabs(v) * scale);
	char raw[64];
	if (scaled < 1e15)
		snprintf(raw, sizeof(raw), "%.*f", decimals, scaled / scale);
	else
		snprintf(raw, sizeof(raw), "%.*f", decimals, fabs(v));
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
		tmp[n++] = raw[i];
	}
	if (dot) {
		tmp[n++] = ',';
		for (const char *d = dot + 1; *d; d++)
			tmp[n++] = *d;
	}
	tmp[n] = '\0';
	snprintf(out, size, "%s", tmp);
	return out;
}

char *cz_fr_euros(char *out, size_t size, double v)
{
	char num[64];
	double cents = round(v * 100);
	bool whole = fmod(cents, 100) == 0;
	cz_fr_number(num, sizeof(num), cents / 100, whole ? 0 : 2);
	snprintf(out, size, "%s €", num);
	return out;
}

char *cz_fr_percent(char *out, size_t size, double ratio)
{
	char num[64];
	cz_fr_number(num, sizeof(num), ratio * 100, 0);
	snprintf(out, size, "%s %%", num);
	return out;
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
