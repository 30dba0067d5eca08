/*
 * Independent checks of what the library writes, for the unit tests and the
 * fuzz harnesses: written apart from lib/ (its own UTF-8 decoder, its own
 * JSON grammar; workbooks through libzip and expat), so a bug in the
 * library's writers is not also in the check.
 *
 * Each returns true when the output is valid; otherwise false with the
 * reason in why[0..wn).
 */
#ifndef CZ_OUTPUT_CHECK_H
#define CZ_OUTPUT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Strict UTF-8 (RFC 3629: no overlong form, surrogate or code point beyond
 * U+10FFFF) holding no character an output must not carry: C0 controls but
 * tab, line feed and carriage return, DEL, C1 controls, non-characters. */
bool oc_text(const char *s, size_t n, char *why, size_t wn);

/* One JSON value (RFC 8259) and nothing after it but white space; its text
 * passes oc_text. NaN and Infinity are not JSON. */
bool oc_json(const char *s, size_t n, char *why, size_t wn);

/* A workbook: a zip archive whose every XML part passes oc_text and is
 * well-formed (expat), whose number cells and numeric attributes (row
 * heights, column widths, margins) are finite numbers written with '.', and
 * whose shared strings are within Excel's 32,767 characters (UTF-16). */
bool oc_xlsx(const void *data, size_t n, char *why, size_t wn);

#endif
