/*
 * Numbers read from and written to text, whatever locale the caller set.
 *
 * The C library's strtod() and printf() follow LC_NUMERIC: under a French
 * locale strtod("0.9") stops at the '.' and printf("%g", 0.1) writes
 * "0,1", which no JSON reader accepts. Like SQLite and Lua, the library
 * does its own syntax and layout and never changes the locale: a number is
 * checked and reduced to digits and a power of ten here, and the C library
 * only ever sees or produces forms that no locale alters (digits with an
 * exponent and no decimal point for strtod(), "%.*e" whose digits and
 * exponent are read back whatever the decimal point printed between them).
 * Conversions stay exact: strtod() rounds correctly, and "%.*e" prints the
 * correctly rounded digits.
 */
#ifndef CZ_NUMBER_H
#define CZ_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Room for any number these functions write, NUL included. */
#define CZ_NUMBER_MAX 40

/*
 * Parse s[0..len), strictly: [+-]digits[.digits][(e|E)[+-]digits], the
 * decimal point always '.'. No hexadecimal, inf, nan, spaces or thousands
 * separators. False when the syntax is wrong or the value does not fit in
 * a double (a value too small for one becomes 0).
 */
bool cz_number_parse(const char *s, size_t len, double *out);

/*
 * The shortest decimal that reads back as v ("0.1", "1234.5", "-2.5e+20",
 * "1e-300"), '.' as decimal point, exponent form only below 1e-5 or from
 * 1e15 on; -0 is "0". `out` holds CZ_NUMBER_MAX bytes. v must be finite
 * (the caller decides what stands for infinity or NaN: JSON writes null).
 * Returns the length written.
 */
size_t cz_number_shortest(double v, char *out);

/*
 * v with exactly `decimals` decimals (0 to 6), '.' as decimal point,
 * rounded half away from zero ("0.50", "-3.14"); a value that rounds to
 * zero has no sign. From 1e15 on, where a double no longer holds every
 * integer, the shortest form above. `out` holds CZ_NUMBER_MAX bytes; v
 * must be finite. Returns the length written.
 */
size_t cz_number_fixed(double v, int decimals, char *out);

/*
 * The digits of |v| rounded to `decimals` decimals, without point or sign
 * ("314" for 3.14159 and 2), when |v| rounded that way is below 1e15;
 * returns how many digits were written (at least decimals + 1, leading
 * zeros included), or 0 when the value is too large. `out` holds
 * CZ_NUMBER_MAX bytes. Shared by the French formatting (format_fr.h).
 */
size_t cz_number_scaled_digits(double v, int decimals, char *out);
/* The same figure as an integer: |v| * 10^decimals rounded half away from
 * zero, when below 1e15 (false otherwise, or for NaN). Inline: the French
 * figures call it for every cell, most often with a constant `decimals`. */
static inline bool cz_number_scaled(double v, int decimals, unsigned long long *out)
{
	static const double scales[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	double x = (v < 0 ? -v : v) * scales[decimals];
	if (!(x < 1e15))
		return false; /* NaN too */
	/* round(x), half away from zero, without the libm call: below 2^52
	 * x - trunc(x) is exact */
	unsigned long long u = (unsigned long long)x;
	if (x - (double)u >= 0.5)
		u++;
	if (u >= 1000000000000000ull)
		return false;
	*out = u;
	return true;
}

/*
 * |v| rounded to `sig` significant digits (1 to 17): the digits, trailing
 * zeros dropped, into `digits` (room for 18 bytes, NUL-terminated), and
 * the power of ten of the first one in *exp10 (3.14 gives "314" and 0).
 * v must be finite and not zero. Returns the number of digits.
 */
size_t cz_number_digits(double v, int sig, char *digits, int *exp10);

#endif
