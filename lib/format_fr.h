/*
 * French number formatting for reports: "1 234,56 €", "85 %", "1,13".
 * Thousands are grouped with a narrow no-break space (U+202F), the unit
 * follows a no-break space (U+00A0), the decimal mark is a comma: a figure
 * never breaks across lines. Output is cut to `size` bytes and always
 * NUL-terminated; CZ_FR_SIZE holds any figure these functions write.
 */
#ifndef CZ_FORMAT_FR_H
#define CZ_FORMAT_FR_H

#include <stddef.h>

/* Room for any output below: up to 15 digits, 4 group separators of 3
 * bytes, sign, comma, 6 decimals, a unit. */
#define CZ_FR_SIZE 64

/* A number with exactly `decimals` decimals (0 to 6). */
char *cz_fr_number(char *out, size_t size, double v, int decimals);
/* Euros: no decimals when the amount is whole, else two. */
char *cz_fr_euros(char *out, size_t size, double v);
/* A ratio shown as a percentage without decimals: 0.853 -> "85 %". */
char *cz_fr_percent(char *out, size_t size, double ratio);
/* A plain figure with up to `decimals` decimals, trailing zeros dropped. */
char *cz_fr_compact(char *out, size_t size, double v, int decimals);

/* French agreement with a count: `one` below 2 (« 0 alerte », « 1,5 mois »),
 * `many` from 2 on (« 2 alertes »). */
const char *cz_fr_pl(double n, const char *one, const char *many);
/* The plural "s" by the same rule: "%zu offre%s", n, cz_fr_s(n). */
const char *cz_fr_s(double n);

#endif
