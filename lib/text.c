#include "text.h"

#include <stdarg.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

size_t cz_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1Fu;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0Fu;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07u;
		min = 0x10000;
	} else {
		/* 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF */
		*cp = CZ_UTF8_INVALID;
		return 1;
	}
	if (len < n) {
		*cp = CZ_UTF8_INVALID;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = CZ_UTF8_INVALID;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = CZ_UTF8_INVALID;
		return 1;
	}
	*cp = v;
	return n;
}

bool cz_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		i += cz_utf8_decode(s + i, len - i, &cp);
		if (cp == CZ_UTF8_INVALID)
			return false;
	}
	return true;
}

bool cz_text_unsafe(uint32_t cp)
{
	if (cp == CZ_UTF8_INVALID)
		return true;
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	if (cp >= 0x7F && cp <= 0x9F)
		return true;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return true;
	return (cp & 0xFFFE) == 0xFFFE;
}

/* An ASCII byte that needs no look: printable, tab, newline or CR. */
static inline bool plain_ascii(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

size_t cz_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t cz_utf8_prefix(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	/* Back up over continuation bytes to the start of the character that
	 * s[n] belongs to; at most three steps in valid text. A run of stray
	 * continuation bytes (invalid text) is cut where it is. */
	size_t k = 0;
	while (n > 0 && k < 3 && ((unsigned char)s[n] & 0xC0) == 0x80) {
		n--;
		k++;
	}
	if (((unsigned char)s[n] & 0xC0) == 0x80)
		return max; /* not a character we could keep whole anyway */
	/* s[n] starts a character: keep it only if it ends by max. */
	uint32_t cp;
	size_t l = cz_utf8_decode(s + n, len - n, &cp);
	return n + l <= max ? n + l : n;
}

size_t cz_utf16_prefix(const char *s, size_t len, size_t max)
{
	size_t i = 0, units = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = cz_utf8_decode(s + i, len - i, &cp);
		size_t u = cp != CZ_UTF8_INVALID && cp > 0xFFFF ? 2 : 1;
		if (units + u > max)
			break;
		units += u;
		i += l;
	}
	return i;
}

size_t cz_utf16_units(const char *s, size_t len)
{
	size_t i = 0, units = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			units++;
			continue;
		}
		uint32_t cp;
		i += cz_utf8_decode(s + i, len - i, &cp);
		units += cp != CZ_UTF8_INVALID && cp > 0xFFFF ? 2 : 1;
	}
	return units;
}

/* Eight bytes at a time: whether all are printable ASCII (0x20..0x7E). */
static inline bool word_printable(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, sizeof(w));
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t below_space = (w - ones * 0x20) & ~w & high; /* a byte < 0x20 */
	uint64_t from_del = ((w + ones * (0x7F - 0x7E)) | w) & high; /* a byte > 0x7E */
	return !(below_space | from_del);
}

#if defined(__SSE2__)
/* Sixteen bytes at a time: the mask of those that are not plain ASCII
 * (printable, tab, newline, CR). A signed comparison flags the bytes below
 * 0x20 and those from 0x80 at once. */
static inline unsigned odd16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
				  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
	return (unsigned)_mm_movemask_epi8(_mm_andnot_si128(ws, odd));
}
#endif

/* The length of the valid three-byte sequence at s[0..len) that is no
 * character to replace (U+0800..U+FFFF but surrogates, U+FDD0..U+FDEF,
 * U+FFFE and U+FFFF), or 0: the no-break spaces, dashes, ellipsis and
 * bars of every report. */
static inline size_t safe3(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	if (c < 0xE0 || c > 0xEF || len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
		return 0; /* overlong, surrogate */
	if (c == 0xEF && ((s[1] == 0xB7 && s[2] >= 0x90 && s[2] <= 0xAF) || (s[1] == 0xBF && s[2] >= 0xBE)))
		return 0; /* noncharacter */
	return 3;
}

/* The length of the character at s[0..len), which is not plain ASCII,
 * when it is none to replace; 0 when it is one. */
static inline size_t safe_char(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	/* U+00A0..U+07FF: letters, no-break space; never to replace */
	if (c >= 0xC2 && c <= 0xDF && 1 < len && (s[1] & 0xC0) == 0x80 && (c != 0xC2 || s[1] >= 0xA0))
		return 2;
	size_t l = safe3(s, len);
	if (l)
		return l;
	uint32_t cp;
	l = cz_utf8_decode((const char *)s, len, &cp);
	return cz_text_unsafe(cp) ? 0 : l;
}

/* The length of the run at the start of s[0..len) that holds no character
 * to replace (every output's text check: most of it is printable ASCII,
 * and most of the rest two- and three-byte characters). */
static size_t safe_run(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
#if defined(__SSE2__)
	/* Sixteen bytes at a time; the characters that are not plain ASCII
	 * (about one in 27 bytes of a report) are looked at in place, from
	 * the block's mask, without loading the block again. */
	while (i + 16 <= len) {
		unsigned m = odd16(s + i);
		size_t next = 16;
		while (m) {
			size_t j = (size_t)__builtin_ctz(m);
			size_t l = safe_char(s + i + j, len - i - j);
			if (!l)
				return i + j;
			j += l;
			if (j >= 16) {
				next = j;
				break;
			}
			m &= ~0u << j;
		}
		i += next;
	}
#endif
	while (i < len) {
		if (i + 8 <= len && word_printable(s + i)) {
			i += 8;
			continue;
		}
		unsigned char c = s[i];
		if (plain_ascii(c)) {
			i++;
			continue;
		}
		size_t l = safe_char(s + i, len - i);
		if (!l)
			break;
		i += l;
	}
	return i;
}

size_t cz_text_unsafe_count(const char *s, size_t len)
{
	size_t i = 0, bad = 0;
	while ((i += safe_run(s + i, len - i)) < len) {
		uint32_t cp;
		i += cz_utf8_decode(s + i, len - i, &cp);
		bad++;
	}
	return bad;
}

bool cz_text_source_safe(const char *s, size_t len)
{
	return !memchr(s, '\\', len) && safe_run(s, len) == len;
}

size_t cz_text_clean(cz_buf *out, const char *s, size_t len)
{
	size_t i = 0, run = 0, bad = 0;
	while (i < len) {
		i += safe_run(s + i, len - i);
		if (i >= len)
			break;
		uint32_t cp;
		size_t l = cz_utf8_decode(s + i, len - i, &cp);
		cz_buf_add(out, s + run, i - run);
		cz_buf_add(out, CZ_TEXT_REPLACEMENT, sizeof(CZ_TEXT_REPLACEMENT) - 1);
		bad++;
		i += l;
		run = i;
	}
	cz_buf_add(out, s + run, len - run);
	out->log.replaced += bad;
	return bad;
}

size_t cz_text_guard(cz_buf *b, size_t start)
{
	if (!cz_buf_ok(b) || start >= b->len)
		return 0;
	size_t n = b->len - start;
	if (cz_text_unsafe_count(b->data + start, n) == 0)
		return 0;
	/* Rare: copy the tail aside and clean it back in. */
	char *tail = malloc(n);
	if (!tail) {
		b->failed = true;
		return 0;
	}
	memcpy(tail, b->data + start, n);
	b->len = start;
	b->data[start] = '\0';
	size_t bad = cz_text_clean(b, tail, n);
	free(tail);
	return bad;
}

void cz_text_log_add(cz_text_log *dst, const cz_text_log *src)
{
	dst->replaced += src->replaced;
	dst->truncated += src->truncated;
}

void cz_text_log_describe(const cz_text_log *l, const char *where, cz_buf *out)
{
	if (l->replaced)
		cz_buf_printf(out,
			      "%zu caractère%s remplacé%s par «\u00A0\xEF\xBF\xBD\u00A0» dans %s\u00A0: caractères de "
			      "contrôle, non-caractères Unicode ou octets qui ne sont pas de l'UTF-8, "
			      "qu'aucun format de sortie ne peut contenir",
			      l->replaced, l->replaced > 1 ? "s" : "", l->replaced > 1 ? "s" : "", where);
	if (l->replaced && l->truncated)
		cz_buf_putc(out, '\n');
	if (l->truncated)
		cz_buf_printf(out,
			      "%zu texte%s de plus de 32\u202F767 caractères (la limite d'une cellule) "
			      "coupé%s dans %s, la coupure marquée «\u00A0… [texte tronqué]\u00A0»",
			      l->truncated, l->truncated > 1 ? "s" : "", l->truncated > 1 ? "s" : "", where);
}

char *cz_excerpt(const char *text, size_t len, char *out, size_t size)
{
	if (size == 0)
		return out;
	/* room for the text, "…" (3 bytes) and the NUL */
	size_t room = size > 4 ? size - 4 : 0;
	size_t n = cz_utf8_prefix(text, len, room);
	bool cut = n < len;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = cz_utf8_decode(text + i, n - i, &cp);
		if (cp == CZ_UTF8_INVALID || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			out[o++] = '?';
		} else {
			memcpy(out + o, text + i, l);
			o += l;
		}
		i += l;
	}
	out[o] = '\0';
	if (cut && size >= 4)
		memcpy(out + o, "…", sizeof("…"));
	return out;
}

char *cz_join(char *out, size_t size, ...)
{
	va_list ap;
	va_start(ap, size);
	size_t n = 0;
	for (const char *t; (t = va_arg(ap, const char *)) != NULL;) {
		size_t l = strlen(t);
		if (size && n < size - 1) {
			size_t k = l < size - 1 - n ? l : size - 1 - n;
			memcpy(out + n, t, k);
			n += k;
		}
	}
	va_end(ap);
	if (size)
		out[n] = '\0';
	return out;
}
