#include "output_check.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static bool failed(char *why, size_t wn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool failed(char *why, size_t wn, const char *fmt, ...)
{
	if (wn) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, wn, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* --- text ------------------------------------------------------------------ */

/* Table-driven (RFC 3629 §4), not the library's decoder. Returns the code
 * point at s[*i] and advances, or -1. */
static long next_cp(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	int len;
	unsigned char lo = 0x80, hi = 0xBF;
	long cp;
	if (c <= 0x7F) {
		(*i)++;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c == 0xE0) {
		len = 3, lo = 0xA0, cp = 0;
	} else if (c == 0xED) {
		len = 3, hi = 0x9F, cp = 0xD; /* no surrogates */
	} else if (c >= 0xE1 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c == 0xF0) {
		len = 4, lo = 0x90, cp = 0;
	} else if (c == 0xF4) {
		len = 4, hi = 0x8F, cp = 4;
	} else if (c >= 0xF1 && c <= 0xF3) {
		len = 4;
		cp = c & 0x07;
	} else {
		return -1;
	}
	if (*i + (size_t)len > n)
		return -1;
	for (int k = 1; k < len; k++) {
		unsigned char b = s[*i + (size_t)k];
		if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
			return -1;
		cp = (cp << 6) | (b & 0x3F);
	}
	*i += (size_t)len;
	return cp;
}

static bool forbidden(long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

bool oc_text(const char *str, size_t n, char *why, size_t wn)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		size_t at = i;
		long cp = next_cp(s, n, &i);
		if (cp < 0)
			return failed(why, wn, "octet %zu\u00A0: pas de l'UTF-8 (0x%02X)", at, s[at]);
		if (forbidden(cp))
			return failed(why, wn, "octet %zu\u00A0: caractère interdit U+%04lX", at, cp);
	}
	return true;
}

/* --- JSON -------------------------------------------------------------------- */

typedef struct {
	const char *s;
	size_t n, i;
	int depth;
	char *why;
	size_t wn;
} jp;

static void ws(jp *p)
{
	while (p->i < p->n && strchr(" \t\n\r", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static bool lit(jp *p, const char *w)
{
	size_t l = strlen(w);
	if (p->n - p->i < l || memcmp(p->s + p->i, w, l) != 0)
		return failed(p->why, p->wn, "JSON\u00A0: «\u00A0%s\u00A0» attendu en %zu", w, p->i);
	p->i += l;
	return true;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
					     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool u4(jp *p, long *v)
{
	if (p->n - p->i < 4)
		return failed(p->why, p->wn, "JSON\u00A0: \\u incomplet en %zu", p->i);
	*v = 0;
	for (int k = 0; k < 4; k++) {
		int h = hexval(p->s[p->i + (size_t)k]);
		if (h < 0)
			return failed(p->why, p->wn, "JSON\u00A0: \\u mal formé en %zu", p->i);
		*v = *v * 16 + h;
	}
	p->i += 4;
	return true;
}

static bool string(jp *p)
{
	p->i++; /* '"' */
	while (p->i < p->n) {
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return failed(p->why, p->wn, "JSON\u00A0: caractère de contrôle brut en %zu", p->i);
		if (c != '\\') {
			p->i++;
			continue;
		}
		p->i++;
		if (p->i >= p->n)
			break;
		char e = p->s[p->i++];
		if (strchr("\"\\/bfnrt", e) && e)
			continue;
		if (e != 'u')
			return failed(p->why, p->wn, "JSON\u00A0: échappement \\%c inconnu", e);
		long v;
		if (!u4(p, &v))
			return false;
		if (v >= 0xD800 && v <= 0xDBFF) {
			long w;
			if (!lit(p, "\\u") || !u4(p, &w) || w < 0xDC00 || w > 0xDFFF)
				return failed(p->why, p->wn, "JSON\u00A0: demi-paire de substitution seule en %zu", p->i);
		} else if (v >= 0xDC00 && v <= 0xDFFF) {
			return failed(p->why, p->wn, "JSON\u00A0: demi-paire de substitution seule en %zu", p->i);
		}
	}
	return failed(p->why, p->wn, "JSON\u00A0: chaîne non fermée");
}

static bool digits(jp *p)
{
	size_t start = p->i;
	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start;
}

static bool number(jp *p)
{
	size_t start = p->i;
	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (!digits(p))
		return failed(p->why, p->wn, "JSON\u00A0: nombre mal formé en %zu", start);
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!digits(p))
			return failed(p->why, p->wn, "JSON\u00A0: nombre mal formé en %zu", start);
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digits(p))
			return failed(p->why, p->wn, "JSON\u00A0: exposant mal formé en %zu", start);
	}
	return true;
}

static bool value(jp *p);

static bool container(jp *p, char close)
{
	if (++p->depth > 64)
		return failed(p->why, p->wn, "JSON\u00A0: imbrication de plus de 64 niveaux");
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (close == '}') {
			if (p->i >= p->n || p->s[p->i] != '"')
				return failed(p->why, p->wn, "JSON\u00A0: clé attendue en %zu", p->i);
			if (!string(p))
				return false;
			ws(p);
			if (!lit(p, ":"))
				return false;
		}
		if (!value(p))
			return false;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return true;
		}
		return failed(p->why, p->wn, "JSON\u00A0: «\u00A0,\u00A0» ou «\u00A0%c\u00A0» attendu en %zu", close, p->i);
	}
}

static bool value(jp *p)
{
	ws(p);
	if (p->i >= p->n)
		return failed(p->why, p->wn, "JSON\u00A0: valeur attendue en fin de texte");
	switch (p->s[p->i]) {
	case '{':
		return container(p, '}');
	case '[':
		return container(p, ']');
	case '"':
		return string(p);
	case 't':
		return lit(p, "true");
	case 'f':
		return lit(p, "false");
	case 'n':
		return lit(p, "null");
	default:
		if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
			return number(p);
		return failed(p->why, p->wn, "JSON\u00A0: valeur inattendue «\u00A0%c\u00A0» en %zu", p->s[p->i], p->i);
	}
}

bool oc_json(const char *s, size_t n, char *why, size_t wn)
{
	if (!oc_text(s, n, why, wn))
		return false;
	jp p = { s, n, 0, 0, why, wn };
	if (!value(&p))
		return false;
	ws(&p);
	if (p.i != n)
		return failed(why, wn, "JSON\u00A0: texte après la valeur, en %zu", p.i);
	return true;
}

/* --- workbooks ------------------------------------------------------------ */

/* A number as the sheets' XML must write it: [-]digits[.digits][e[+-]digits],
 * and finite (at most 308 in the exponent of a normalised form: checked
 * through the digits, not strtod, whose reading follows the locale). */
static bool xml_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	const char *int_start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	long int_digits = (long)(p - int_start);
	if (int_digits == 0)
		return false;
	if (*p == '.') {
		p++;
		const char *f = p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == f)
			return false;
	}
	long exp = 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		bool neg = *p == '-';
		if (*p == '-' || *p == '+')
			p++;
		const char *e = p;
		while (*p >= '0' && *p <= '9' && exp < 100000)
			exp = exp * 10 + (*p++ - '0');
		if (p == e)
			return false;
		if (neg)
			exp = -exp;
	}
	if (*p)
		return false;
	/* the leading digit's power of ten: beyond 308, no double holds it */
	while (*int_start == '0' && int_digits > 1) {
		int_start++;
		int_digits--;
	}
	return int_digits - 1 + exp <= 308;
}

typedef struct {
	const char *part;
	bool sheet, strings;
	bool in_num_v, in_t, in_si;
	char num[128];
	size_t num_len;
	size_t si_units;
	bool bad;
	char *why;
	size_t wn;
} xml_ctx;

static const char *const numeric_attrs[] = { "ht", "width", "left", "right", "top", "bottom", "header",
					     "footer", "defaultRowHeight", "defaultColWidth" };

static void xml_bad(xml_ctx *x, const char *fmt, const char *a, const char *b)
{
	if (x->bad)
		return;
	x->bad = true;
	failed(x->why, x->wn, fmt, x->part, a, b);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xml_ctx *x = ud;
	for (size_t k = 0; atts[k]; k += 2)
		for (size_t a = 0; a < sizeof(numeric_attrs) / sizeof(numeric_attrs[0]); a++)
			if (!strcmp(atts[k], numeric_attrs[a]) && !xml_number(atts[k + 1]))
				xml_bad(x, "%s\u00A0: attribut %s=\"%s\" n'est pas un nombre fini écrit avec un point",
					atts[k], atts[k + 1]);
	if (x->sheet && !strcmp(name, "c")) {
		const char *t = "n";
		for (size_t k = 0; atts[k]; k += 2)
			if (!strcmp(atts[k], "t"))
				t = atts[k + 1];
		x->in_num_v = !strcmp(t, "n"); /* armed for the <v> that follows */
		x->num_len = 0;
	} else if (x->sheet && !strcmp(name, "v")) {
		x->num_len = 0;
	} else if ((x->strings && !strcmp(name, "si")) || (x->sheet && !strcmp(name, "is"))) {
		/* a shared string, or a cell's inline one (a workbook written row after row) */
		x->in_si = true;
		x->si_units = 0;
	} else if ((x->strings || x->sheet) && !strcmp(name, "t")) {
		x->in_t = x->in_si;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	xml_ctx *x = ud;
	if (x->sheet && !strcmp(name, "v") && x->in_num_v) {
		x->num[x->num_len < sizeof(x->num) ? x->num_len : sizeof(x->num) - 1] = '\0';
		if (!xml_number(x->num))
			xml_bad(x, "%s\u00A0: cellule numérique «\u00A0%s\u00A0»%s", x->num, " (pas un nombre fini écrit avec un point)");
	} else if (x->sheet && !strcmp(name, "c")) {
		x->in_num_v = false;
	} else if ((x->strings || x->sheet) && !strcmp(name, "t")) {
		x->in_t = false;
	} else if ((x->strings && !strcmp(name, "si")) || (x->sheet && !strcmp(name, "is"))) {
		x->in_si = false;
		if (x->si_units > 32767)
			xml_bad(x, "%s\u00A0: texte de plus de 32 767 caractères%s%s", "", "");
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	xml_ctx *x = ud;
	if (x->sheet && x->in_num_v) {
		for (int k = 0; k < len; k++)
			if (x->num_len < sizeof(x->num) - 1)
				x->num[x->num_len++] = s[k];
	}
	if (x->in_t) {
		/* UTF-16 units of the text a reader shows: "_xHHHH_" is one */
		const unsigned char *u = (const unsigned char *)s;
		for (int k = 0; k < len; k++) {
			if (u[k] == '_' && k + 6 < len && s[k + 1] == 'x' && s[k + 6] == '_' &&
			    hexval(s[k + 2]) >= 0 && hexval(s[k + 3]) >= 0 && hexval(s[k + 4]) >= 0 &&
			    hexval(s[k + 5]) >= 0) {
				x->si_units++;
				k += 6;
			} else if ((u[k] & 0xC0) != 0x80) {
				x->si_units += u[k] >= 0xF0 ? 2 : 1;
			}
		}
	}
}

static bool check_part(const char *name, const char *data, size_t n, char *why, size_t wn)
{
	char sub[256];
	if (!oc_text(data, n, sub, sizeof(sub)))
		return failed(why, wn, "%s\u00A0: %s", name, sub);
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		return failed(why, wn, "%s\u00A0: mémoire insuffisante pour expat", name);
	xml_ctx x = { .part = name, .why = why, .wn = wn };
	x.sheet = !strncmp(name, "xl/worksheets/", 14);
	x.strings = !strcmp(name, "xl/sharedStrings.xml");
	XML_SetUserData(p, &x);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	bool ok = XML_Parse(p, data, (int)n, 1) == XML_STATUS_OK;
	if (!ok)
		failed(why, wn, "%s\u00A0: XML mal formé ligne %lu\u00A0: %s", name,
		       (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	return ok && !x.bad;
}

bool oc_xlsx(const void *data, size_t n, char *why, size_t wn)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return failed(why, wn, "pas une archive zip lisible");
	}
	zip_error_fini(&ze);
	bool ok = true;
	zip_int64_t count = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; ok && i < count; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		size_t l = name ? strlen(name) : 0;
		if (!name || !((l > 4 && !strcmp(name + l - 4, ".xml")) || (l > 5 && !strcmp(name + l - 5, ".rels"))))
			continue;
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
			ok = failed(why, wn, "%s\u00A0: taille illisible", name);
			break;
		}
		char *buf = malloc(st.size + 1);
		zip_file_t *f = buf ? zip_fopen_index(z, (zip_uint64_t)i, 0) : NULL;
		zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
		if (f)
			zip_fclose(f);
		if (got < 0 || (zip_uint64_t)got != st.size)
			ok = failed(why, wn, "%s\u00A0: lecture impossible", name);
		else
			ok = check_part(name, buf, (size_t)got, why, wn);
		free(buf);
	}
	zip_close(z);
	return ok;
}
