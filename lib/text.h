/*
 * UTF-8 text as the outputs need it: cut on a character boundary, checked,
 * and cleaned of what no output format may carry.
 *
 * Every place that cuts text (messages, file names, spreadsheet cells) cuts
 * with cz_utf8_prefix() or cz_utf16_prefix(), so no output ever ends in the
 * middle of a character. Every text writer (Markdown, JSON, the XLSX cell
 * helper) passes text through cz_text_clean() or the same classification
 * (cz_utf8_decode() + cz_text_unsafe()), so invalid UTF-8 and characters
 * that XML or a terminal must not see never reach a file or stdout as is.
 *
 * Unsafe characters: C0 controls other than tab, newline and carriage
 * return (XML 1.0 forbids them; on a terminal ESC starts a control
 * sequence), DEL and the C1 controls (CSI, U+009B, is ESC [ to a
 * terminal), and the Unicode non-characters (U+FFFE and U+FFFF, which
 * XML forbids, U+FDD0..U+FDEF and the last two code points of every
 * plane, which HTML parsers reject). A YAML file can carry them through
 * escapes ("\e", "\x07", "\uFFFF"); invalid UTF-8 comes from file names
 * given on the command line (a Latin-1 "é" is one byte 0xE9).
 */
#ifndef CZ_TEXT_H
#define CZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* What replaces an invalid sequence or an unsafe character: U+FFFD. */
#define CZ_TEXT_REPLACEMENT "\xEF\xBF\xBD"
/* Returned by cz_utf8_decode() for a byte that starts no valid character. */
#define CZ_UTF8_INVALID UINT32_MAX

/*
 * Decode the character at s (len >= 1 bytes available). Returns its length
 * in bytes and the code point in *cp; an invalid sequence (stray
 * continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short)
 * gives length 1 and CZ_UTF8_INVALID, so a caller moves on byte by byte.
 */
size_t cz_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Every byte of s[0..len) belongs to a valid character. */
bool cz_utf8_valid(const char *s, size_t len);

/* A character no output may carry as is (see above). */
bool cz_text_unsafe(uint32_t cp);

/* Characters (code points) in s[0..len); an invalid byte counts as one. */
size_t cz_utf8_chars(const char *s, size_t len);

/*
 * Length in bytes of the longest prefix of s[0..len) that holds at most
 * `max` bytes (cz_utf8_prefix) or `max` UTF-16 code units, the unit in
 * which Excel counts a cell's characters (cz_utf16_prefix: a character
 * beyond U+FFFF takes two), and never ends inside a character.
 */
size_t cz_utf8_prefix(const char *s, size_t len, size_t max);
size_t cz_utf16_prefix(const char *s, size_t len, size_t max);

/* UTF-16 code units of s[0..len) (an invalid byte counts as one). */
size_t cz_utf16_units(const char *s, size_t len);

/*
 * Append s[0..len) to out with every invalid sequence and every unsafe
 * character replaced by CZ_TEXT_REPLACEMENT; returns how many were
 * replaced (also added to out->log.replaced). Text that needs no change
 * is copied in runs, so clean text costs one scan.
 */
size_t cz_text_clean(cz_buf *out, const char *s, size_t len);

/* Characters of s[0..len) that cz_text_clean() would replace. */
size_t cz_text_unsafe_count(const char *s, size_t len);

/* A source text (a YAML file's bytes, a file name) from which no text
 * can be drawn that cz_text_clean() would change: it holds nothing to
 * replace and no backslash, so no YAML escape ("\x01", "\e", "\N",
 * "\uFFFF") can make such a character out of safe bytes. Whatever a YAML
 * parser keeps of it (scalars, line breaks folded or normalised, a BOM
 * dropped; a raw NEL is a C1 control, so unsafe already) and any
 * concatenation of such texts, cut on character boundaries, stays safe. */
bool cz_text_source_safe(const char *s, size_t len);

/* Clean, in place, what was appended to b from `start` on (a last guard
 * over a whole rendered output); returns how many were replaced. */
size_t cz_text_guard(cz_buf *b, size_t start);

/* Sum of two logs, into dst. */
void cz_text_log_add(cz_text_log *dst, const cz_text_log *src);
static inline bool cz_text_log_any(const cz_text_log *l)
{
	return l->replaced || l->truncated;
}
/* The warnings a log calls for, in French, one per line without the final
 * newline ("3 caractères …"), appended to out; nothing when the log is
 * empty. `where` names the output ("le classeur", "le rapport"). */
void cz_text_log_describe(const cz_text_log *l, const char *where, cz_buf *out);

/*
 * Copy a text for a one-line message: at most `size`-1 bytes, cut on a
 * character boundary, control characters and invalid bytes replaced by
 * '?', "…" appended when cut. Returns `out`.
 */
char *cz_excerpt(const char *text, size_t len, char *out, size_t size);
/* The texts up to a NULL joined into `out`, as snprintf(out, size,
 * "%s%s…", …) writes them (cut bytewise to size - 1), without printf's
 * setup: for the short labels of the hot paths. */
char *cz_join(char *out, size_t size, ...);

#endif
