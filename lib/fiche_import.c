#include "fiche_import.h"

#include "render.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "enums.h"
#include "fiche.h"
#include "fiche_values.h"
#include "fold.h"
#include "loader.h"
#include "skills.h"
#include "testphase.h"
#include "xlsx_formula.h"
#include "yaml_emit.h"
#include "yaml_splice.h"
#include "text.h"
#include "yaml_tree.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FIELDS CZ_FICHE_MAX_FIELDS
/* Rows scanned for a sheet's key row or headers. */
#define SCAN_ROWS 12

/* ---- where a value came from ------------------------------------------------ */

typedef struct {
	int sheet; /* index in the workbook, -1: not from a cell */
	unsigned row, col;
} origin;

static const origin nowhere = { -1, 0, 0 };

/* A value as the project file will write it. */
typedef struct {
	enum { YV_BLANK, YV_PLAIN, YV_QUOTED } kind;
	const char *text;
	origin at;
} yval;

typedef struct {
	const cz_xbook *book;
	const cz_referential *ref;
	cz_arena *arena;
	cz_problems *problems, *warnings;
	bool nomem;
	/* Cells already reported: the loader's view of them would only repeat it. */
	origin *reported;
	size_t n_reported, cap_reported;
} importer;

static const char *sheet_name(const importer *im, int sheet)
{
	return sheet >= 0 && (size_t)sheet < im->book->n_sheets ? im->book->sheets[sheet].name : "?";
}

/* "Activité!C14", quoted as a spreadsheet does when the name needs it:
 * "'Recettes par service'!C5". */
static void where_text(const importer *im, origin at, bool with_cell, char *buf, size_t size)
{
	const char *name = sheet_name(im, at.sheet);
	bool plain = true;
	for (const char *p = name; *p && plain; p++)
		plain = !(*p == ' ' || *p == '\'' || *p == '!' || *p == '-' || *p == '(' || *p == ')');
	char ref[16] = "";
	if (with_cell)
		cz_xlsx_cell_ref(ref, at.row, at.col);
	if (plain)
		snprintf(buf, size, "%s%s%s", name, with_cell ? "!" : "", ref);
	else
		snprintf(buf, size, "'%s'%s%s", name, with_cell ? "!" : "", ref);
}

/* Problems are ordered by sheet (workbook order), row and column. */
static void vreport(const importer *im, cz_problems *list, origin at, bool with_cell,
		    const char *fmt, va_list ap)
{
	char msg[1024], where[256];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (at.sheet < 0) {
		cz_problems_add(list, 0, 0, "%s", msg);
		return;
	}
	where_text(im, at, with_cell, where, sizeof(where));
	unsigned line = ((unsigned)at.sheet + 1u) << 20 | (with_cell ? at.row + 1 : 0);
	cz_problems_add_at(list, where, line, with_cell ? at.col + 1 : 0, "%s", msg);
}

static void problem(importer *im, origin at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void remember(importer *im, origin at)
{
	if (at.sheet < 0)
		return;
	if (im->n_reported == im->cap_reported) {
		size_t cap = im->cap_reported ? im->cap_reported * 2 : 16;
		origin *r = realloc(im->reported, cap * sizeof(*r));
		if (!r) {
			im->nomem = true;
			return;
		}
		im->reported = r;
		im->cap_reported = cap;
	}
	im->reported[im->n_reported++] = at;
}

static bool reported(const importer *im, origin at)
{
	for (size_t i = 0; i < im->n_reported; i++)
		if (im->reported[i].sheet == at.sheet && im->reported[i].row == at.row &&
		    im->reported[i].col == at.col)
			return true;
	return false;
}

static void problem(importer *im, origin at, const char *fmt, ...)
{
	remember(im, at);
	va_list ap;
	va_start(ap, fmt);
	vreport(im, im->problems, at, true, fmt, ap);
	va_end(ap);
}

static void warning(importer *im, origin at, bool with_cell, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void warning(importer *im, origin at, bool with_cell, const char *fmt, ...)
{
	if (!im->warnings)
		return;
	va_list ap;
	va_start(ap, fmt);
	vreport(im, im->warnings, at, with_cell, fmt, ap);
	va_end(ap);
}

static const char *keep(importer *im, const char *s, size_t len)
{
	char *d = cz_arena_strndup(im->arena, s, len);
	if (!d)
		im->nomem = true;
	return d ? d : "";
}

static yval yv(int kind, const char *text, origin at)
{
	yval v = { YV_BLANK, NULL, at };
	v.kind = kind;
	v.text = text;
	return v;
}

/* ---- text helpers ------------------------------------------------------------- */

/* Text as cz_fold compares it (case and accents ignored), with every run
 * of characters that are not letters or digits (spaces, hyphens,
 * apostrophes, dots) made one '_', none at either end: "À acquérir" and
 * "a_acquerir" both give "a_acquerir". */
static void fold(const char *in, char *out, size_t size)
{
	char tmp[512];
	cz_fold(in, false, tmp, sizeof(tmp));
	size_t n = 0;
	bool sep = false;
	for (const unsigned char *p = (const unsigned char *)tmp; *p && n + 2 < size; p++) {
		bool word = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p >= 0x80;
		if (!word) {
			sep = true;
			continue;
		}
		if (sep && n)
			out[n++] = '_';
		sep = false;
		out[n++] = (char)*p;
	}
	out[n] = '\0';
}

static bool is_space_at(const char *p, size_t *len)
{
	static const char *const spaces[] = { " ", "\t", "\n", "\r", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89" };
	for (size_t i = 0; i < N(spaces); i++) {
		size_t l = strlen(spaces[i]);
		if (strncmp(p, spaces[i], l) == 0) {
			*len = l;
			return true;
		}
	}
	return false;
}

/* The text without surrounding white space (non-breaking spaces too). */
static const char *trim(importer *im, const char *s)
{
	size_t l;
	while (*s && is_space_at(s, &l))
		s += l;
	size_t n = strlen(s);
	while (n > 0) {
		size_t k = n - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (!is_space_at(s + k, &l) || k + l != n)
			break;
		n = k;
	}
	return keep(im, s, n);
}

/* A number typed as text: "1200", "1 200", "1 200,50", "12,5", "-3", "450 €".
 * On success *out holds it with a point ("1200.50"). */
static bool number_text(const char *s, char *out, size_t size)
{
	size_t n = 0, l;
	bool digits = false, point = false;
	const char *p = s;
	if (*p == '-' || *p == '+') {
		if (*p == '-')
			out[n++] = '-';
		p++;
	}
	for (; *p && n + 2 < size; p++) {
		if (*p >= '0' && *p <= '9') {
			out[n++] = *p;
			digits = true;
		} else if ((*p == ',' || *p == '.') && !point && digits) {
			point = true;
			out[n++] = '.';
		} else if (is_space_at(p, &l) && digits && !point) {
			p += l - 1; /* a thousands separator */
		} else {
			break;
		}
	}
	while (*p && is_space_at(p, &l))
		p += l;
	if (strncmp(p, "€", strlen("€")) == 0)
		p += strlen("€");
	while (*p && is_space_at(p, &l))
		p += l;
	if (*p || !digits || (n > 0 && out[n - 1] == '.'))
		return false;
	out[n] = '\0';
	return true;
}

/* The shortest decimal text that reads back as the same double. */
static void number_format(double v, char *out, size_t size)
{
	if (v == 0) {
		snprintf(out, size, "0");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, size, "%.0f", v);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
}

static int month_name(const char *s, size_t *len)
{
	static const char *const names[] = { "janv", "fevr", "mars", "avr", "mai", "juin",
					     "juil", "aout", "sept", "oct", "nov", "dec" };
	char f[64];
	size_t k = 0;
	while (s[k] && !(s[k] >= '0' && s[k] <= '9') && s[k] != ' ' && s[k] != '-' && s[k] != '.' &&
	       s[k] != '/' && k < 40)
		k++;
	char word[48];
	memcpy(word, s, k);
	word[k] = '\0';
	fold(word, f, sizeof(f));
	size_t fl = strlen(f);
	if (fl < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t nl = strlen(names[m]);
		/* "janv", "janvier", "jan"; "juin" and "juil" need four letters. */
		size_t need = (m == 5 || m == 6) ? 4 : 3;
		if (fl >= need && strncmp(f, names[m], fl < nl ? fl : nl) == 0 &&
		    (fl <= nl || strncmp(f, names[m], nl) == 0)) {
			*len = k;
			return m + 1;
		}
	}
	return 0;
}

/* Up to `max` digits; the count read, 0 when none. */
static int read_int(const char **p, int max, int *out)
{
	int n = 0, v = 0;
	while (**p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

static int full_year(int y, int digits)
{
	return digits == 2 ? 2000 + y : y;
}

/* A date typed as text: 2026-09-30, 2026/09/30, 30/09/2026, 30-09-2026,
 * 30.09.2026, 30/09/26, optionally followed by a time. */
static bool date_text(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	int a, b, c;
	int na = read_int(&p, 4, &a);
	if (!na || (*p != '-' && *p != '/' && *p != '.'))
		return false;
	char sep = *p++;
	if (!read_int(&p, 2, &b) || *p != sep)
		return false;
	p++;
	int nc = read_int(&p, 4, &c);
	if (!nc)
		return false;
	if (*p == 'T' || *p == ' ') { /* a time: 00:00:00 */
		p++;
		while ((*p >= '0' && *p <= '9') || *p == ':' || *p == '.')
			p++;
	}
	if (*p)
		return false;
	if (na == 4 && nc <= 2) {
		*y = a;
		*m = b;
		*d = c;
	} else if (na <= 2 && (nc == 4 || nc == 2)) {
		*y = full_year(c, nc);
		*m = b;
		*d = a;
	} else {
		return false;
	}
	return true;
}

/* A month typed as text: 2026-01, 2026/01, 01/2026, 1-2026, janvier 2026,
 * janv. 2026, janv.-26, or a whole date (its month). */
static bool month_text(const char *s, int *y, int *m)
{
	int d;
	if (date_text(s, y, m, &d))
		return true;
	const char *p = s;
	int a, b;
	size_t l;
	int mn = month_name(s, &l);
	if (mn) {
		p = s + l;
		while (*p == '.' || *p == ' ' || *p == '-' || *p == '/')
			p++;
		int nb = read_int(&p, 4, &b);
		if ((nb != 4 && nb != 2) || *p)
			return false;
		*y = full_year(b, nb);
		*m = mn;
		return true;
	}
	int na = read_int(&p, 4, &a);
	if (!na || (*p != '-' && *p != '/' && *p != '.'))
		return false;
	p++;
	int nb = read_int(&p, 4, &b);
	if (!nb || *p)
		return false;
	if (na == 4 && nb <= 2) {
		*y = a;
		*m = b;
	} else if (na <= 2 && nb == 4) {
		*y = b;
		*m = a;
	} else {
		return false;
	}
	return true;
}

/* oui / non and the other ways people write them; -1 when it is neither. */
static int bool_text(const char *s)
{
	static const char *const yes[] = { "oui", "o", "yes", "y", "vrai", "true", "x", "1" };
	static const char *const no[] = { "non", "n", "no", "faux", "false", "0" };
	char f[32];
	fold(s, f, sizeof(f));
	for (size_t i = 0; i < N(yes); i++)
		if (!strcmp(f, yes[i]))
			return 1;
	for (size_t i = 0; i < N(no); i++)
		if (!strcmp(f, no[i]))
			return 0;
	return -1;
}

/* The keyword of an enumeration value given as its keyword or its label,
 * in any case, with or without accents; NULL when neither. */
static const char *enum_text(const cz_enum *e, const char *s)
{
	char f[256], g[256];
	fold(s, f, sizeof(f));
	if (!*f)
		return NULL;
	for (size_t i = 0; i < e->count; i++) {
		fold(e->keys[i], g, sizeof(g));
		if (!strcmp(f, g))
			return e->keys[i];
		fold(e->labels[i], g, sizeof(g));
		if (!strcmp(f, g))
			return e->keys[i];
	}
	return NULL;
}

/* ---- a cell as a value of the project file ------------------------------------ */

/* The cell's content as text or number, formulas resolved; false (with a
 * problem) for an error value or a formula that cannot be read. */
typedef struct {
	bool blank, is_number, is_bool, date;
	double number;
	const char *text; /* trimmed */
} content;

static bool cell_content(importer *im, const cz_xsheet *sh, const cz_xcell *c, origin at, content *out)
{
	memset(out, 0, sizeof(*out));
	out->blank = true;
	if (!c)
		return true;
	switch (c->kind) {
	case CZ_XV_NONE: {
		double v;
		if (c->formula && cz_xlsx_eval(sh, c->formula, &v)) {
			out->blank = false;
			out->is_number = true;
			out->number = v;
			return true;
		}
		char ex[64];
		problem(im, at,
			"formule «\u00A0=%s\u00A0» enregistrée sans sa valeur\u00A0: ouvrez le classeur dans un tableur et "
			"enregistrez-le (il calcule la formule), ou tapez la valeur",
			cz_excerpt(c->formula ? c->formula : "", c->formula ? strlen(c->formula) : 0, ex, sizeof(ex)));
		return false;
	}
	case CZ_XV_ERROR:
		problem(im, at, "la cellule contient une erreur de calcul (%s)\u00A0: corrigez la formule ou tapez la valeur",
			c->text);
		return false;
	case CZ_XV_NUMBER:
		out->blank = false;
		out->is_number = true;
		out->number = c->number;
		out->date = c->date;
		return true;
	case CZ_XV_BOOL:
		out->blank = false;
		out->is_bool = true;
		out->number = c->number;
		return true;
	case CZ_XV_TEXT:
		out->text = trim(im, c->text);
		out->blank = out->text[0] == '\0';
		return true;
	}
	return true;
}

static yval convert(importer *im, const cz_xsheet *sh, const cz_fiche_field *f, const cz_xcell *c,
		    origin at, bool *ok)
{
	content ct;
	*ok = true;
	if (!cell_content(im, sh, c, at, &ct)) {
		*ok = false;
		return yv(YV_BLANK, NULL, at);
	}
	if (ct.blank)
		return yv(YV_BLANK, NULL, at);
	char buf[64];
	switch (f->type) {
	case CZ_FF_INT:
	case CZ_FF_NUM:
		if (ct.is_number || ct.is_bool) {
			number_format(ct.number, buf, sizeof(buf));
			return yv(YV_PLAIN, keep(im, buf, strlen(buf)), at);
		}
		if (number_text(ct.text, buf, sizeof(buf)))
			return yv(YV_PLAIN, keep(im, buf, strlen(buf)), at);
		break;
	case CZ_FF_DATE:
	case CZ_FF_MONTH: {
		int y = 0, m = 0, d = 0;
		bool got = ct.is_number ? cz_xlsx_serial_date(ct.number, im->book->date1904, &y, &m, &d)
			   : f->type == CZ_FF_DATE ? date_text(ct.text ? ct.text : "", &y, &m, &d)
						 : month_text(ct.text ? ct.text : "", &y, &m);
		if (got && y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99) {
			if (f->type == CZ_FF_DATE)
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
			else
				snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
			return yv(YV_PLAIN, keep(im, buf, strlen(buf)), at);
		}
		if (ct.is_number) {
			number_format(ct.number, buf, sizeof(buf));
			return yv(YV_QUOTED, keep(im, buf, strlen(buf)), at);
		}
		break;
	}
	case CZ_FF_BOOL: {
		int b = ct.is_bool || ct.is_number ? (ct.number == 1 ? 1 : ct.number == 0 ? 0 : -1)
						   : bool_text(ct.text);
		if (b >= 0)
			return yv(YV_PLAIN, b ? "true" : "false", at);
		break;
	}
	case CZ_FF_ENUM: {
		const char *k = ct.text && f->values ? enum_text(f->values, ct.text) : NULL;
		if (k)
			return yv(YV_PLAIN, k, at);
		break;
	}
	default:
		break;
	}
	/* Text as typed (a number in a text column becomes its digits); a
	 * value of the wrong kind goes to the loader, which says why. */
	if (ct.is_number) {
		number_format(ct.number, buf, sizeof(buf));
		return yv(YV_QUOTED, keep(im, buf, strlen(buf)), at);
	}
	if (ct.is_bool)
		return yv(YV_QUOTED, ct.number ? "oui" : "non", at);
	return yv(YV_QUOTED, ct.text, at);
}

/* ---- sheets and their columns ------------------------------------------------- */

typedef struct {
	const cz_fiche_sheet *def;
	int sheet;                /* index in the workbook */
	unsigned data_row;        /* first row of data */
	int col[MAX_FIELDS];      /* column of each field, -1 when absent */
	int example_col;          /* -1 when absent */
	/* form sheets */
	int key_col, value_col;
} layout;

static const cz_xcell *cell_at(const cz_xsheet *s, unsigned row, int col)
{
	return col < 0 ? NULL : cz_xsheet_cell(s, row, (unsigned)col);
}

static const char *cell_text(const cz_xcell *c)
{
	return c && c->kind == CZ_XV_TEXT ? c->text : NULL;
}

/* The form's hidden key row (or its headers, failing that), and the
 * column of every field; unknown columns are reported as ignored. */
static bool find_columns(importer *im, layout *L)
{
	const cz_xsheet *sh = &im->book->sheets[L->sheet];
	const cz_fiche_sheet *def = L->def;
	for (size_t i = 0; i < MAX_FIELDS; i++)
		L->col[i] = -1;
	L->example_col = L->key_col = L->value_col = -1;
	int best_row = -1, best = 0;
	bool by_keys = true;
	for (int pass = 0; pass < 2 && best_row < 0; pass++) {
		by_keys = pass == 0;
		for (unsigned r = 0; r < SCAN_ROWS; r++) {
			int hits = 0;
			for (size_t i = cz_xsheet_row_start(sh, r); i < sh->n_cells && sh->cells[i].row == r; i++) {
				const char *t = cell_text(&sh->cells[i]);
				if (!t)
					continue;
				char f[128], g[128];
				fold(t, f, sizeof(f));
				if (def->form) {
					for (int k = 0; k < CZ_FORM_COLS; k++)
						hits += by_keys ? !strcmp(t, cz_form_column_keys[k]) : 0;
					if (!by_keys)
						hits += !strcmp(f, "rubrique") || !strcmp(f, "valeur");
					continue;
				}
				for (size_t k = 0; k < def->n_fields; k++) {
					if (by_keys) {
						hits += !strcmp(t, def->fields[k].key);
					} else {
						fold(def->fields[k].label, g, sizeof(g));
						hits += !strcmp(f, g);
					}
				}
			}
			if (hits > best) {
				best = hits;
				best_row = (int)r;
			}
		}
		/* Headers alone must match more than one column to count. */
		if (!by_keys && best < 2)
			best_row = -1;
	}
	if (best_row < 0)
		return false;
	unsigned r = (unsigned)best_row;
	/* The data starts under the headers (which follow the key row). */
	L->data_row = by_keys ? r + 2 : r + 1;
	for (size_t i = cz_xsheet_row_start(sh, r); i < sh->n_cells && sh->cells[i].row == r; i++) {
		const cz_xcell *c = &sh->cells[i];
		const char *t = cell_text(c);
		if (!t)
			continue;
		char f[128], g[128];
		fold(t, f, sizeof(f));
		bool known = false;
		if (def->form) {
			for (int k = 0; k < CZ_FORM_COLS; k++) {
				fold(cz_form_column_keys[k], g, sizeof(g));
				if (!strcmp(f, g)) {
					if (k == CZ_FORM_KEY)
						L->key_col = (int)c->col;
					else if (k == CZ_FORM_VALUE)
						L->value_col = (int)c->col;
				}
			}
			/* Help and label columns are for reading: nothing to report. */
			continue;
		}
		if (by_keys && !strcmp(t, CZ_FICHE_EXAMPLE_KEY)) {
			L->example_col = (int)c->col;
			continue;
		}
		if (!by_keys && !strcmp(f, CZ_FICHE_EXAMPLE_KEY)) {
			L->example_col = (int)c->col;
			continue;
		}
		for (size_t k = 0; k < def->n_fields && !known; k++) {
			if (by_keys)
				known = !strcmp(t, def->fields[k].key);
			else
				known = (fold(def->fields[k].label, g, sizeof(g)), !strcmp(f, g));
			if (known && L->col[k] < 0)
				L->col[k] = (int)c->col;
		}
		if (!known) {
			/* Name the column by its header when there is one. */
			const char *head = by_keys ? cell_text(cz_xsheet_cell(sh, r + 1, c->col)) : t;
			char ex[64];
			origin at = { L->sheet, r + (by_keys ? 1 : 0), c->col };
			warning(im, at, true, "colonne «\u00A0%s\u00A0» inconnue, ignorée",
				cz_excerpt(head ? head : t, strlen(head ? head : t), ex, sizeof(ex)));
		}
	}
	/* A column added by hand has a header but no key. */
	if (by_keys && !def->form) {
		for (size_t i = cz_xsheet_row_start(sh, r + 1); i < sh->n_cells && sh->cells[i].row == r + 1; i++) {
			const cz_xcell *c = &sh->cells[i];
			const char *t = cell_text(c);
			if (!t || cz_xsheet_cell(sh, r, c->col))
				continue;
			char ex[64];
			origin at = { L->sheet, r + 1, c->col };
			warning(im, at, true, "colonne «\u00A0%s\u00A0» inconnue, ignorée", cz_excerpt(t, strlen(t), ex, sizeof(ex)));
		}
	}
	return true;
}

/* ---- a YAML text that remembers where each value came from -------------------- */

typedef struct {
	unsigned line, col; /* in the YAML text */
	origin at;
	const char *path;  /* the loader's name for the value, "acteurs[2].type" */
	const char *label; /* the column or field it came from */
} span;

typedef struct {
	cz_buf b;
	unsigned line;
	size_t line_start;
	span *spans;
	size_t n, cap;
	bool nomem;
	importer *im;
} emitter;

static void put(emitter *e, const char *s)
{
	size_t before = e->b.len;
	cz_buf_puts(&e->b, s);
	if (!cz_buf_ok(&e->b))
		return;
	for (size_t i = before; i < e->b.len; i++)
		if (e->b.data[i] == '\n') {
			e->line++;
			e->line_start = i + 1;
		}
}

static void putf(emitter *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(emitter *e, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put(e, buf);
}

/* Take back what was written since offset `at` of the current line. */
static void unput(emitter *e, size_t at, size_t n_spans)
{
	if (cz_buf_ok(&e->b) && at >= e->line_start && at <= e->b.len) {
		e->b.len = at;
		e->b.data[at] = '\0';
	}
	if (n_spans <= e->n)
		e->n = n_spans;
}

/* Column (in characters, as libyaml counts) where the next byte goes. */
static unsigned column(const emitter *e)
{
	unsigned c = 1;
	for (size_t i = e->line_start; i < e->b.len; i++)
		c += ((unsigned char)e->b.data[i] & 0xC0) != 0x80;
	return c;
}

static void mark(emitter *e, origin at, const char *path, const char *label)
{
	if (at.sheet < 0)
		return;
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 256;
		span *s = realloc(e->spans, cap * sizeof(*s));
		if (!s) {
			e->nomem = true;
			return;
		}
		e->spans = s;
		e->cap = cap;
	}
	e->spans[e->n++] = (span){ e->line, column(e), at, path, label };
}

static void scalar(emitter *e, yval v, const char *path, const char *label)
{
	mark(e, v.at, path, label);
	if (v.kind == YV_QUOTED) {
		size_t before = e->b.len;
		cz_yaml_quote(&e->b, v.text);
		(void)before; /* a quoted scalar holds no raw newline */
	} else if (v.kind == YV_PLAIN) {
		put(e, v.text);
	} else {
		put(e, "\"\"");
	}
}

static const char *path_of(importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *path_of(importer *im, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return keep(im, buf, strlen(buf));
}

/* "# type : a | b | c", wrapped before 80 columns as the starter does. */
static void comment_choices(emitter *e, const char *indent, const char *what, const cz_enum *en)
{
	char line[256];
	int w = snprintf(line, sizeof(line), "%s# %s\u00A0: ", indent, what);
	/* columns, not bytes: the no-break space is two bytes wide */
	size_t start = w > 1 ? (size_t)w - 1 : 0, col = start;
	put(e, line);
	for (size_t i = 0; i < en->count; i++) {
		size_t l = strlen(en->keys[i]) + (i + 1 < en->count ? 2 : 0);
		if (i && col + 1 + l > 80) {
			put(e, "\n");
			putf(e, "%s#%*s", indent, (int)(start - strlen(indent) - 1), "");
			col = start;
		} else if (i) {
			put(e, " ");
			col++;
		}
		putf(e, "%s%s", en->keys[i], i + 1 < en->count ? " |" : "");
		col += l;
	}
	put(e, "\n");
}

/* ---- the project as records ------------------------------------------------------ */

typedef struct {
	yval v[MAX_FIELDS];
	origin row_at; /* the anchor cell: problems about the whole record */
	bool used;     /* a month of Recettes par service found its Activité row */
} record;

typedef struct {
	record *items;
	size_t n, cap;
} records;

typedef struct {
	layout L;
	bool present; /* the sheet is in the workbook */
	records rec;
	/* form sheets: one value per field, plus the thresholds (Bilan du test) */
	yval form[MAX_FIELDS];
	yval seuils[CZ_MES_COUNT];
	const char *seuil_keys[CZ_MES_COUNT]; /* an unknown measure's key, as written */
	size_t n_seuils;
} part;

typedef struct {
	importer im;
	part parts[CZ_FICHE_PART_COUNT];
} book_reader;

static record *add_record(importer *im, records *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		record *items = realloc(r->items, cap * sizeof(*items));
		if (!items) {
			im->nomem = true;
			return NULL;
		}
		r->items = items;
		r->cap = cap;
	}
	record *x = &r->items[r->n++];
	memset(x, 0, sizeof(*x));
	return x;
}

/* A row marked "exemple" that still holds one of the examples. */
static bool is_untouched_example(const part *pt, const record *r)
{
	bool any = false;
	for (size_t i = 0; i < pt->L.def->n_fields; i++)
		any |= r->v[i].kind != YV_BLANK;
	if (!any)
		return true;
	for (size_t e = 0; e < cz_fiche_n_examples; e++) {
		const cz_fiche_example *ex = &cz_fiche_examples[e];
		if (ex->part != pt->L.def->part)
			continue;
		bool same = true;
		for (size_t i = 0; i < pt->L.def->n_fields && same; i++) {
			const char *want = NULL;
			for (size_t k = 0; k < N(ex->pairs) && ex->pairs[k].key; k++)
				if (!strcmp(ex->pairs[k].key, pt->L.def->fields[i].key))
					want = ex->pairs[k].value;
			const yval *v = &r->v[i];
			if (!want)
				same = v->kind == YV_BLANK;
			else
				same = v->kind != YV_BLANK && !strcmp(v->text, want);
		}
		if (same)
			return true;
	}
	return false;
}

static void read_table(importer *im, part *pt)
{
	const cz_xsheet *sh = &im->book->sheets[pt->L.sheet];
	const cz_fiche_sheet *def = pt->L.def;
	size_t anchor = 0;
	for (size_t k = 0; k < def->n_fields; k++)
		if (def->fields[k].flags & CZ_FF_ANCHOR)
			anchor = k;
	size_t i = cz_xsheet_row_start(sh, pt->L.data_row);
	while (i < sh->n_cells) {
		unsigned row = sh->cells[i].row;
		size_t end = i;
		while (end < sh->n_cells && sh->cells[end].row == row)
			end++;
		record r;
		memset(&r, 0, sizeof(r));
		bool any = false, ok = true;
		for (size_t k = 0; k < def->n_fields; k++) {
			origin at = { pt->L.sheet, row, pt->L.col[k] < 0 ? 0 : (unsigned)pt->L.col[k] };
			bool cell_ok;
			const cz_xcell *c = cell_at(sh, row, pt->L.col[k]);
			r.v[k] = c ? convert(im, sh, &def->fields[k], c, at, &cell_ok) : yv(YV_BLANK, NULL, at);
			if (c && !cell_ok)
				ok = false;
			any |= r.v[k].kind != YV_BLANK || (c && !cell_ok);
		}
		r.row_at = (origin){ pt->L.sheet, row, pt->L.col[anchor] < 0 ? 0 : (unsigned)pt->L.col[anchor] };
		const cz_xcell *mk = cell_at(sh, row, pt->L.example_col);
		char f[32] = "";
		if (mk && mk->kind == CZ_XV_TEXT)
			fold(mk->text, f, sizeof(f));
		if (!strcmp(f, CZ_FICHE_EXAMPLE_KEY)) {
			if (ok && !is_untouched_example(pt, &r))
				problem(im, (origin){ pt->L.sheet, row, (unsigned)pt->L.example_col },
					"ligne d'exemple modifiée\u00A0: effacez «\u00A0exemple\u00A0» dans cette cellule pour "
					"garder la ligne, ou effacez la ligne");
		} else if (any) {
			record *x = add_record(im, &pt->rec);
			if (x)
				*x = r;
		}
		i = end;
	}
}

static void read_form(importer *im, part *pt)
{
	const cz_xsheet *sh = &im->book->sheets[pt->L.sheet];
	const cz_fiche_sheet *def = pt->L.def;
	for (size_t k = 0; k < MAX_FIELDS; k++)
		pt->form[k] = yv(YV_BLANK, NULL, nowhere);
	bool test = def->part == CZ_FICHE_TEST;
	int value_col = pt->L.value_col >= 0 ? pt->L.value_col : CZ_FORM_VALUE;
	for (size_t i = cz_xsheet_row_start(sh, pt->L.data_row); i < sh->n_cells;) {
		unsigned row = sh->cells[i].row;
		while (i < sh->n_cells && sh->cells[i].row == row)
			i++;
		/* The field: by its key, else by its label in the first column. */
		const char *key = pt->L.key_col >= 0 ? cell_text(cz_xsheet_cell(sh, row, (unsigned)pt->L.key_col)) : NULL;
		const cz_fiche_field *f = NULL;
		size_t idx = 0;
		if (key) {
			for (size_t k = 0; k < def->n_fields && !f; k++)
				if (!strcmp(def->fields[k].key, key))
					f = &def->fields[idx = k];
		} else {
			const char *label = cell_text(cz_xsheet_cell(sh, row, CZ_FORM_LABEL));
			char a[128], b[128];
			if (label)
				fold(label, a, sizeof(a));
			for (size_t k = 0; k < def->n_fields && !f && label; k++)
				if ((fold(def->fields[k].label, b, sizeof(b)), !strcmp(a, b)))
					f = &def->fields[idx = k];
		}
		origin at = { pt->L.sheet, row, (unsigned)value_col };
		const cz_xcell *c = cz_xsheet_cell(sh, row, (unsigned)value_col);
		bool ok;
		if (f) {
			pt->form[idx] = c ? convert(im, sh, f, c, at, &ok) : yv(YV_BLANK, NULL, at);
			continue;
		}
		if (test && key && !strncmp(key, CZ_FICHE_SEUIL_PREFIX, strlen(CZ_FICHE_SEUIL_PREFIX))) {
			if (pt->n_seuils >= CZ_MES_COUNT)
				continue;
			static const cz_fiche_field seuil = { .key = "seuil", .label = "Seuil propre", .type = CZ_FF_NUM };
			yval v = c ? convert(im, sh, &seuil, c, at, &ok) : yv(YV_BLANK, NULL, at);
			if (v.kind != YV_BLANK) {
				pt->seuil_keys[pt->n_seuils] = key + strlen(CZ_FICHE_SEUIL_PREFIX);
				pt->seuils[pt->n_seuils++] = v;
			}
			continue;
		}
		if (c && key) {
			char ex[64];
			warning(im, (origin){ pt->L.sheet, row, (unsigned)pt->L.key_col }, true,
				"rubrique «\u00A0%s\u00A0» inconnue, ignorée", cz_excerpt(key, strlen(key), ex, sizeof(ex)));
		}
	}
}

/* ---- classifying the sheets -------------------------------------------------------- */

static int part_of_sheet(const char *name)
{
	char f[128], g[128];
	fold(name, f, sizeof(f));
	for (int i = 0; i < CZ_FICHE_PART_COUNT; i++) {
		fold(cz_fiche_sheets[i].sheet, g, sizeof(g));
		if (!strcmp(f, g))
			return i;
	}
	return -1;
}

static bool is_guide_sheet(const char *name)
{
	char f[128], g[128];
	fold(name, f, sizeof(f));
	fold(cz_fiche_guide_sheet, g, sizeof(g));
	return !strcmp(f, g);
}

static const cz_xsheet *find_sheet(const cz_xbook *b, const char *name, int *index)
{
	char f[128], g[128];
	fold(name, g, sizeof(g));
	for (size_t i = 0; i < b->n_sheets; i++) {
		fold(b->sheets[i].name, f, sizeof(f));
		if (!strcmp(f, g)) {
			if (index)
				*index = (int)i;
			return &b->sheets[i];
		}
	}
	return NULL;
}

/* The sheet names other commands write (render_skills_xlsx.c,
 * render_testphase_xlsx.c). */
#define SKILLS_SHEET "Compétences"
#define SKILLS_SUMMARY_SHEET "Compétences synthèse"
#define SKILLS_GAPS_SHEET "Compétences lacunes"
#define TP_CARD_SHEET "Test indicateurs"
#define TP_DECISION_SHEET "Test décision"

cz_book_kind cz_book_kind_of(const cz_xbook *book)
{
	int fiche = 0;
	for (size_t i = 0; i < book->n_sheets; i++)
		fiche += part_of_sheet(book->sheets[i].name) >= 0 &&
			 part_of_sheet(book->sheets[i].name) != CZ_FICHE_COMPETENCES;
	if (fiche > 0)
		return CZ_BOOK_FICHE;
	if (find_sheet(book, TP_CARD_SHEET, NULL))
		return CZ_BOOK_TESTPHASE;
	const cz_xsheet *s = find_sheet(book, SKILLS_SHEET, NULL);
	if (s) {
		/* A lone Compétences sheet: the form's has a key row, the grid's not. */
		for (size_t i = 0; i < s->n_cells && s->cells[i].row <= CZ_FICHE_KEY_ROW; i++)
			if (s->cells[i].row == CZ_FICHE_KEY_ROW && cell_text(&s->cells[i]) &&
			    !strcmp(cell_text(&s->cells[i]), "niveau"))
				return CZ_BOOK_FICHE;
		return CZ_BOOK_SKILLS;
	}
	return CZ_BOOK_UNKNOWN;
}

static void read_book(book_reader *R)
{
	importer *im = &R->im;
	const cz_xbook *b = im->book;
	/* Every part has its description, its sheet present or not. */
	for (int k = 0; k < CZ_FICHE_PART_COUNT; k++) {
		R->parts[k].L.def = &cz_fiche_sheets[k];
		R->parts[k].L.sheet = -1;
	}
	for (size_t i = 0; i < b->n_sheets; i++) {
		const cz_xsheet *sh = &b->sheets[i];
		origin at = { (int)i, 0, 0 };
		if (is_guide_sheet(sh->name))
			continue;
		int k = part_of_sheet(sh->name);
		if (k < 0 || sh->chart) {
			warning(im, at, false, "feuille inconnue, ignorée");
			continue;
		}
		part *pt = &R->parts[k];
		if (pt->present) {
			warning(im, at, false, "deuxième feuille «\u00A0%s\u00A0», ignorée", cz_fiche_sheets[k].sheet);
			continue;
		}
		pt->present = true;
		pt->L.def = &cz_fiche_sheets[k];
		pt->L.sheet = (int)i;
		if (!find_columns(im, &pt->L)) {
			if (sh->n_cells)
				warning(im, at, false, "en-têtes introuvables\u00A0: feuille ignorée");
			pt->present = false;
			continue;
		}
		if (pt->L.def->form)
			read_form(im, pt);
		else
			read_table(im, pt);
	}
}

/* ---- writing the project file --------------------------------------------------------- */

static yval field(const part *pt, const record *r, const char *key)
{
	for (size_t k = 0; k < pt->L.def->n_fields; k++)
		if (!strcmp(pt->L.def->fields[k].key, key))
			return r ? r->v[k] : pt->form[k];
	return yv(YV_BLANK, NULL, nowhere);
}

static const char *label_of(const part *pt, const char *key)
{
	const cz_fiche_field *f = cz_fiche_field_find(pt->L.def, key);
	return f ? f->label : key;
}

/* "key: value" inside a flow map, for the non-blank values among `keys`
 * (prefixed `prefix` in the record); true when something was written. */
static bool flow_map(emitter *e, const part *pt, const record *r, const char *prefix,
		     const char *const *keys, size_t n, const char *path, bool blank_first)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		char key[128];
		snprintf(key, sizeof(key), "%s%s", prefix, keys[i]);
		yval v = field(pt, r, key);
		bool required = i == 0 && blank_first;
		if (v.kind == YV_BLANK && !required)
			continue;
		putf(e, "%s%s: ", any ? ", " : "{ ", keys[i]);
		scalar(e, v, path_of(e->im, "%s.%s", path, keys[i]), label_of(pt, key));
		any = true;
	}
	if (any)
		put(e, " }");
	return any;
}

static void emit_header(emitter *e, const char *source, bool rewritten)
{
	char safe[256];
	cz_excerpt(source, strlen(source), safe, sizeof(safe));
	if (rewritten)
		putf(e, "# Fichier de projet conciergerie (format version 1), réécrit avec les valeurs\n"
			"# du classeur «\u00A0%s\u00A0»\n",
		     safe);
	else
		putf(e, "# Fichier de projet conciergerie (format version 1), tiré de la fiche «\u00A0%s\u00A0»\n", safe);
	put(e, "# par «\u00A0conciergerie import\u00A0». Vérifiez-le avec\u00A0: conciergerie validate CE_FICHIER\n"
	       "# Seuls «\u00A0version\u00A0» et «\u00A0projet\u00A0» (nom, type, phase) sont obligatoires\u00A0: les\n"
	       "# analyses travaillent avec ce qui est renseigné et disent ce qui manque.\n"
	       "# Les clés sont en minuscules, sans accents. Le texte après «\u00A0#\u00A0» est ignoré.\n\n"
	       "version: 1\n\n");
}

static void emit_projet(emitter *e, const part *pt)
{
	static const char *const porteur[] = { "nom", "statut" };
	static const char *const territoire[] = { "nom", "population", "entreprises", "salaries" };
	put(e, "projet:\n");
	if (!pt->present)
		return; /* the loader says what is missing */
	static const struct {
		const char *key;
		const cz_enum *choices;
		bool required;
	} simple[] = { { "nom", NULL, true }, { "type", &cz_enum_type, true },
		       { "phase", &cz_enum_phase, true }, { "date", NULL, false },
		       { "lieu", &cz_enum_lieu, false } };
	for (size_t i = 0; i < N(simple); i++) {
		yval v = field(pt, NULL, simple[i].key);
		if (v.kind == YV_BLANK && !simple[i].required)
			continue;
		if (simple[i].choices)
			comment_choices(e, "  ", simple[i].key, simple[i].choices);
		putf(e, "  %s: ", simple[i].key);
		if (v.kind == YV_BLANK && !strcmp(simple[i].key, "nom")) {
			scalar(e, v, "projet.nom", label_of(pt, "nom"));
		} else if (v.kind == YV_BLANK) {
			/* An empty required keyword: the loader names the values allowed. */
			mark(e, v.at, path_of(e->im, "projet.%s", simple[i].key), label_of(pt, simple[i].key));
			put(e, "\"\"");
		} else {
			scalar(e, v, path_of(e->im, "projet.%s", simple[i].key), label_of(pt, simple[i].key));
		}
		put(e, "\n");
	}
	size_t at = e->b.len, n_spans = e->n;
	put(e, "  porteur: ");
	if (flow_map(e, pt, NULL, "porteur.", porteur, N(porteur), "projet.porteur", false))
		putf(e, "  # statut\u00A0: benevole | salarie | entrepreneur\n");
	else
		unput(e, at, n_spans);
	at = e->b.len;
	n_spans = e->n;
	put(e, "  territoire: ");
	if (flow_map(e, pt, NULL, "territoire.", territoire, N(territoire), "projet.territoire", false))
		put(e, "\n");
	else
		unput(e, at, n_spans);
}

/* id: value, or id: { niveau: value, porte_par: "…" } */
typedef struct {
	yval id, value, by;
	origin anchor;
} ref_entry;

static void emit_ref_map(emitter *e, const char *section, const ref_entry *items, size_t n,
			 const char *value_key, const char *value_label, const char *by_label)
{
	if (n == 0) {
		putf(e, "%s: {}\n", section);
		return;
	}
	putf(e, "%s:\n", section);
	for (size_t i = 0; i < n; i++) {
		const ref_entry *it = &items[i];
		put(e, "  ");
		const char *id = it->id.text ? it->id.text : "";
		mark(e, it->id.at, NULL, NULL);
		if (it->id.kind == YV_PLAIN)
			put(e, id);
		else
			cz_yaml_quote(&e->b, id);
		put(e, ": ");
		if (it->by.kind == YV_BLANK) {
			scalar(e, it->value, path_of(e->im, "%s.%s", section, id), value_label);
		} else {
			mark(e, it->anchor, NULL, NULL);
			put(e, "{ ");
			if (it->value.kind != YV_BLANK) {
				putf(e, "%s: ", value_key);
				scalar(e, it->value, path_of(e->im, "%s.%s.%s", section, id, value_key), value_label);
				put(e, ", ");
			}
			put(e, "porte_par: ");
			scalar(e, it->by, path_of(e->im, "%s.%s.porte_par", section, id), by_label);
			put(e, " }");
		}
		put(e, "\n");
	}
}

static ref_entry *ref_entries(importer *im, const part *pt, bool with_by, size_t *n)
{
	*n = 0;
	ref_entry *items = calloc(pt->rec.n ? pt->rec.n : 1, sizeof(*items));
	if (!items) {
		im->nomem = true;
		return NULL;
	}
	const char *value_key = pt->L.def->part == CZ_FICHE_ETAPES ? "statut" : "niveau";
	for (size_t i = 0; i < pt->rec.n; i++) {
		const record *r = &pt->rec.items[i];
		ref_entry it = { field(pt, r, "id"), field(pt, r, value_key),
				 with_by ? field(pt, r, "porte_par") : yv(YV_BLANK, NULL, nowhere), r->row_at };
		if (it.value.kind == YV_BLANK && it.by.kind == YV_BLANK)
			continue; /* not assessed */
		if (it.id.kind == YV_BLANK) {
			problem(im, it.id.at, "identifiant manquant\u00A0: cette ligne ne dit pas de quel élément du "
					      "référentiel il s'agit");
			continue;
		}
		/* An id is a keyword of the referential: written plain when it looks like one. */
		bool plain = true;
		for (const char *p = it.id.text; *p && plain; p++)
			plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_';
		it.id.kind = plain && *it.id.text ? YV_PLAIN : YV_QUOTED;
		items[(*n)++] = it;
	}
	return items;
}

static void emit_steps(emitter *e, const part *pt)
{
	put(e, "\n# Avancement des grandes étapes, par identifiant du référentiel\n"
	       "# (liste complète\u00A0: conciergerie referentiel).\n");
	comment_choices(e, "", "Statuts", &cz_enum_step_status);
	size_t n;
	ref_entry *items = ref_entries(e->im, pt, false, &n);
	if (items)
		emit_ref_map(e, "etapes", items, n, "statut", label_of(pt, "statut"), NULL);
	free(items);
}

static void competences_comment(emitter *e)
{
	put(e, "\n# Auto-évaluation des compétences, par identifiant du référentiel.\n");
	comment_choices(e, "", "Niveaux", &cz_enum_level);
	put(e, "# Une compétence portée par un partenaire s'écrit\n"
	       "# { niveau: acquis, porte_par: \"Nom d'un acteur\" }.\n");
}

static void emit_competences(emitter *e, const part *pt)
{
	competences_comment(e);
	size_t n;
	ref_entry *items = ref_entries(e->im, pt, true, &n);
	if (items)
		emit_ref_map(e, "competences", items, n, "niveau", label_of(pt, "niveau"), label_of(pt, "porte_par"));
	free(items);
}

/* Block-style records: "  - key: value" then "    key: value". */
static void block_record(emitter *e, const part *pt, const record *r, const char *path)
{
	const cz_fiche_sheet *def = pt->L.def;
	bool first = true;
	for (size_t k = 0; k < def->n_fields; k++) {
		const cz_fiche_field *f = &def->fields[k];
		yval v = r->v[k];
		if (v.kind == YV_BLANK && !(f->flags & CZ_FF_REQUIRED && f->type == CZ_FF_TEXT))
			continue;
		put(e, first ? "  - " : "    ");
		if (first)
			mark(e, r->row_at, NULL, NULL);
		first = false;
		putf(e, "%s: ", f->key);
		scalar(e, v, path_of(e->im, "%s.%s", path, f->key), f->label);
		put(e, "\n");
	}
	if (first) {
		put(e, "  - ");
		mark(e, r->row_at, NULL, NULL);
		put(e, "{}\n");
	}
}

static void emit_acteurs(emitter *e, const part *pt)
{
	put(e, "\n# Le maillage d'acteurs du territoire.\n");
	comment_choices(e, "", "type", &cz_enum_actor_type);
	comment_choices(e, "", "roles", &cz_enum_role);
	put(e, "# charte\u00A0: true quand un prestataire a signé la charte d'intervention\n");
	if (!pt->rec.n) {
		put(e, "acteurs: []\n");
		return;
	}
	put(e, "acteurs:\n");
	for (size_t i = 0; i < pt->rec.n; i++) {
		const record *r = &pt->rec.items[i];
		const char *path = path_of(e->im, "acteurs[%zu]", i + 1);
		put(e, "  - ");
		mark(e, r->row_at, NULL, NULL);
		put(e, "nom: ");
		scalar(e, field(pt, r, "nom"), path_of(e->im, "%s.nom", path), label_of(pt, "nom"));
		put(e, "\n");
		yval type = field(pt, r, "type");
		if (type.kind != YV_BLANK) {
			put(e, "    type: ");
			scalar(e, type, path_of(e->im, "%s.type", path), label_of(pt, "type"));
			put(e, "\n");
		}
		/* One list item per role answered oui; anything else goes to the
		 * loader, which names the roles allowed. */
		size_t n_roles = 0;
		for (int k = 0; k < CZ_ROLE_COUNT; k++) {
			char key[64];
			snprintf(key, sizeof(key), "roles.%s", cz_enum_role.keys[k]);
			yval v = field(pt, r, key);
			if (v.kind == YV_BLANK || (v.kind == YV_PLAIN && !strcmp(v.text, "false")))
				continue;
			put(e, n_roles ? ", " : "    roles: [");
			if (v.kind == YV_PLAIN && !strcmp(v.text, "true"))
				scalar(e, yv(YV_PLAIN, cz_enum_role.keys[k], v.at), NULL, NULL);
			else
				scalar(e, v, path_of(e->im, "%s.roles[%zu]", path, n_roles + 1), label_of(pt, key));
			n_roles++;
		}
		if (n_roles)
			put(e, "]\n");
		yval charte = field(pt, r, "charte");
		if (charte.kind != YV_BLANK) {
			put(e, "    charte: ");
			scalar(e, charte, path_of(e->im, "%s.charte", path), label_of(pt, "charte"));
			put(e, "\n");
		}
	}
}

static void emit_besoins(emitter *e, const part *pt)
{
	static const char *const keys[] = { "besoin", "cible", "demandes", "source" };
	put(e, "\n# Diagnostic des besoins\u00A0: un besoin, sa cible et le nombre de demandes.\n");
	comment_choices(e, "", "cible", &cz_enum_cible);
	if (!pt->rec.n) {
		put(e, "besoins: []\n");
		return;
	}
	put(e, "besoins:\n");
	for (size_t i = 0; i < pt->rec.n; i++) {
		put(e, "  - ");
		mark(e, pt->rec.items[i].row_at, NULL, NULL);
		flow_map(e, pt, &pt->rec.items[i], "", keys, N(keys), path_of(e->im, "besoins[%zu]", i + 1), true);
		put(e, "\n");
	}
}

static void emit_offre(emitter *e, const part *pt)
{
	put(e, "\n# L'offre\u00A0: couples produit / marché. prix en euros par unite\u202F; prestataire =\n"
	       "# nom d'un acteur ci-dessus, absent si la conciergerie rend le service elle-même.\n");
	comment_choices(e, "", "unite", &cz_enum_unite);
	if (!pt->rec.n) {
		put(e, "offre: []\n");
		return;
	}
	put(e, "offre:\n");
	for (size_t i = 0; i < pt->rec.n; i++)
		block_record(e, pt, &pt->rec.items[i], path_of(e->im, "offre[%zu]", i + 1));
}

static void emit_activite(emitter *e, const part *pt, part *services)
{
	const cz_fiche_sheet *def = pt->L.def;
	put(e, "\n# Activité mensuelle, à partir de la phase de test (un mois par relevé)\u00A0:\n"
	       "# demandes reçues, commandes honorées, clients, recettes et charges en euros\n"
	       "# (recettes détaillées par service\u00A0: { \"Repassage\": 300 }), heures, km, livraisons.\n");
	if (!pt->rec.n) {
		put(e, "activite: []\n");
	} else {
		put(e, "activite:\n");
	}
	importer *im = e->im;
	for (size_t i = 0; i < pt->rec.n; i++) {
		const record *r = &pt->rec.items[i];
		const char *path = path_of(im, "activite[%zu]", i + 1);
		yval month = field(pt, r, "periode");
		/* Lines of Recettes par service for this month. */
		size_t n_lines = 0;
		double sum = 0;
		bool sum_ok = true;
		for (size_t k = 0; k < services->rec.n; k++) {
			record *s = &services->rec.items[k];
			yval sm = field(services, s, "periode");
			if (month.kind != YV_PLAIN || sm.kind != YV_PLAIN || strcmp(sm.text, month.text) != 0 || s->used)
				continue;
			n_lines++;
			yval amount = field(services, s, "montant");
			if (amount.kind == YV_PLAIN)
				sum += strtod(amount.text, NULL);
			else
				sum_ok = false;
		}
		yval recettes = field(pt, r, "recettes");
		if (n_lines && recettes.kind == YV_PLAIN && sum_ok && fabs(strtod(recettes.text, NULL) - sum) > 0.005) {
			char total[64];
			number_format(sum, total, sizeof(total));
			problem(im, recettes.at,
				"les recettes de ce mois sont détaillées dans la feuille «\u00A0%s\u00A0» (total %s)\u00A0: laissez "
				"cette cellule vide, ou mettez-y ce total",
				cz_fiche_sheets[CZ_FICHE_SERVICES].sheet, total);
		}
		bool first = true;
		for (size_t k = 0; k < def->n_fields; k++) {
			const cz_fiche_field *f = &def->fields[k];
			yval v = r->v[k];
			bool by_service = !strcmp(f->key, "recettes") && n_lines;
			if (v.kind == YV_BLANK && !by_service && !(f->flags & CZ_FF_REQUIRED))
				continue;
			put(e, first ? "  - " : "    ");
			if (first)
				mark(e, r->row_at, NULL, NULL);
			first = false;
			putf(e, "%s: ", f->key);
			if (!by_service) {
				if (v.kind == YV_BLANK) {
					mark(e, v.at, path_of(im, "%s.%s", path, f->key), f->label);
					put(e, "\"\"");
				} else {
					scalar(e, v, path_of(im, "%s.%s", path, f->key), f->label);
				}
				put(e, "\n");
				continue;
			}
			put(e, "{ ");
			size_t w = 0;
			for (size_t s = 0; s < services->rec.n; s++) {
				record *sr = &services->rec.items[s];
				yval sm = field(services, sr, "periode");
				if (sm.kind != YV_PLAIN || strcmp(sm.text, month.text) != 0 || sr->used)
					continue;
				sr->used = true;
				yval name = field(services, sr, "service");
				if (w++)
					put(e, ", ");
				mark(e, name.at, NULL, NULL);
				cz_yaml_quote(&e->b, name.text ? name.text : "");
				put(e, ": ");
				yval amount = field(services, sr, "montant");
				if (amount.kind == YV_BLANK) {
					mark(e, amount.at, NULL, NULL);
					put(e, "\"\"");
				} else {
					scalar(e, amount, path_of(im, "%s.recettes.%s", path, name.text ? name.text : ""),
					       label_of(services, "montant"));
				}
			}
			put(e, " }\n");
		}
	}
	/* A month detailed by service but missing from Activité. */
	for (size_t k = 0; k < services->rec.n; k++) {
		const record *s = &services->rec.items[k];
		if (s->used)
			continue;
		yval sm = field(services, s, "periode");
		char ex[64];
		if (sm.kind == YV_BLANK)
			problem(im, sm.at, "mois manquant\u00A0: indiquez le mois de ces recettes");
		else
			problem(im, sm.at,
				"mois «\u00A0%s\u00A0» absent de la feuille «\u00A0%s\u00A0»\u00A0: ajoutez-y une ligne pour ce mois (ses "
				"recettes sont la somme des recettes par service)",
				cz_excerpt(sm.text, strlen(sm.text), ex, sizeof(ex)), cz_fiche_sheets[CZ_FICHE_ACTIVITE].sheet);
	}
}

static void emit_financements(emitter *e, const part *pt)
{
	static const char *const keys[] = { "source", "pilier", "nature", "montant", "annee", "acquis" };
	put(e, "\n# Financements hors ventes, répartis sur les quatre piliers\u00A0:\n");
	comment_choices(e, "", "pilier", &cz_enum_pilier);
	comment_choices(e, "", "nature", &cz_enum_nature);
	if (!pt->rec.n) {
		put(e, "financements: []\n");
		return;
	}
	put(e, "financements:\n");
	for (size_t i = 0; i < pt->rec.n; i++) {
		put(e, "  - ");
		mark(e, pt->rec.items[i].row_at, NULL, NULL);
		flow_map(e, pt, &pt->rec.items[i], "", keys, N(keys), path_of(e->im, "financements[%zu]", i + 1), true);
		put(e, "\n");
	}
}

typedef struct {
	yval form[MAX_FIELDS]; /* by field of the Bilan du test sheet */
	yval seuils[CZ_MES_COUNT];
	const char *seuil_keys[CZ_MES_COUNT];
	size_t n_seuils;
} test_values;

static bool test_empty(const test_values *t)
{
	for (size_t k = 0; k < cz_fiche_sheets[CZ_FICHE_TEST].n_fields; k++)
		if (t->form[k].kind != YV_BLANK)
			return false;
	return t->n_seuils == 0;
}

static void test_comment(emitter *e)
{
	put(e, "\n# Bilan de la phase de test\u00A0: carnet de commandes et trésorerie en mois,\n"
	       "# charge de travail rapportée à la capacité, notes de 1 à 5, conditions de\n"
	       "# décision, seuils propres au projet (ils remplacent ceux du référentiel).\n");
}

static void emit_test_section(emitter *e, const test_values *t)
{
	const cz_fiche_sheet *def = &cz_fiche_sheets[CZ_FICHE_TEST];
	if (test_empty(t)) {
		put(e, "# test: à remplir en fin de test (voir conciergerie init pour un modèle)\n");
		return;
	}
	put(e, "test:\n");
	/* In the sheet's order, which is the starter's; a group (satisfaction,
	 * conditions) as one flow map where its first field comes. */
	static const char *const groups[] = { "satisfaction", "conditions" };
	bool done[N(groups)] = { false, false };
	for (size_t k = 0; k < def->n_fields; k++) {
		const cz_fiche_field *f = &def->fields[k];
		const char *dot = strchr(f->key, '.');
		if (!dot) {
			if (t->form[k].kind == YV_BLANK)
				continue;
			putf(e, "  %s: ", f->key);
			scalar(e, t->form[k], path_of(e->im, "test.%s", f->key), f->label);
			put(e, "\n");
			continue;
		}
		size_t g = 0, gl = (size_t)(dot - f->key);
		while (g < N(groups) && (strlen(groups[g]) != gl || strncmp(groups[g], f->key, gl) != 0))
			g++;
		if (g == N(groups) || done[g])
			continue;
		done[g] = true;
		bool any = false;
		for (size_t j = k; j < def->n_fields; j++) {
			const cz_fiche_field *h = &def->fields[j];
			if (strncmp(h->key, groups[g], gl) != 0 || h->key[gl] != '.' || t->form[j].kind == YV_BLANK)
				continue;
			if (any)
				putf(e, ", %s: ", h->key + gl + 1);
			else
				putf(e, "  %s: { %s: ", groups[g], h->key + gl + 1);
			scalar(e, t->form[j], path_of(e->im, "test.%s", h->key), h->label);
			any = true;
		}
		if (any)
			put(e, " }\n");
	}
	if (t->n_seuils) {
		put(e, "  seuils: { ");
		for (size_t i = 0; i < t->n_seuils; i++) {
			if (i)
				put(e, ", ");
			mark(e, t->seuils[i].at, NULL, NULL);
			bool plain = true;
			for (const char *p = t->seuil_keys[i]; *p && plain; p++)
				plain = (*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9');
			if (plain && *t->seuil_keys[i])
				put(e, t->seuil_keys[i]);
			else
				cz_yaml_quote(&e->b, t->seuil_keys[i]);
			put(e, ": ");
			char label[256];
			snprintf(label, sizeof(label), "Seuil propre");
			scalar(e, t->seuils[i], path_of(e->im, "test.seuils.%s", t->seuil_keys[i]),
			       keep(e->im, label, strlen(label)));
		}
		put(e, " }\n");
	}
}

static void emit_bmc(emitter *e, const part *pt)
{
	importer *im = e->im;
	put(e, "\n# Modèle économique (business model canvas), neuf blocs. Un revenu peut porter\n"
	       "# son pilier, un coût son type (fixe | variable | investissement).\n");
	size_t n = 0;
	for (size_t i = 0; i < pt->rec.n; i++) {
		const record *r = &pt->rec.items[i];
		yval bloc = field(pt, r, "bloc");
		if (bloc.kind == YV_BLANK) {
			problem(im, bloc.at, "bloc du canevas manquant\u00A0: choisissez-le dans la liste déroulante");
			continue;
		}
		n++;
	}
	if (n == 0) {
		put(e, "# bmc: aucun élément dans la feuille «\u00A0Canevas\u00A0»\n");
		return;
	}
	put(e, "bmc:\n");
	/* Known blocks in the canvas order, then any other name (the loader
	 * reports it, with a suggestion). */
	bool *done = calloc(pt->rec.n, sizeof(*done));
	if (!done) {
		im->nomem = true;
		return;
	}
	for (int pass = 0; pass <= CZ_BLOC_COUNT; pass++) {
		for (size_t i = 0; i < pt->rec.n; i++) {
			const record *lead = &pt->rec.items[i];
			yval bloc = field(pt, lead, "bloc");
			if (done[i] || bloc.kind == YV_BLANK)
				continue;
			bool known = bloc.kind == YV_PLAIN;
			if (pass < CZ_BLOC_COUNT && (!known || strcmp(bloc.text, cz_enum_bloc.keys[pass]) != 0))
				continue;
			put(e, "  ");
			mark(e, bloc.at, NULL, NULL);
			if (known)
				put(e, bloc.text);
			else
				cz_yaml_quote(&e->b, bloc.text);
			put(e, ":\n");
			size_t idx = 0;
			for (size_t j = i; j < pt->rec.n; j++) {
				const record *r = &pt->rec.items[j];
				yval b2 = field(pt, r, "bloc");
				if (done[j] || b2.kind == YV_BLANK || strcmp(b2.text, bloc.text) != 0)
					continue;
				done[j] = true;
				const char *path = path_of(im, "bmc.%s[%zu]", bloc.text, ++idx);
				yval texte = field(pt, r, "texte"), pilier = field(pt, r, "pilier"),
				     type = field(pt, r, "type");
				put(e, "    - ");
				if (pilier.kind == YV_BLANK && type.kind == YV_BLANK) {
					scalar(e, texte, path, label_of(pt, "texte"));
				} else {
					mark(e, r->row_at, NULL, NULL);
					put(e, "{ texte: ");
					scalar(e, texte, path_of(im, "%s.texte", path), label_of(pt, "texte"));
					if (pilier.kind != YV_BLANK) {
						put(e, ", pilier: ");
						scalar(e, pilier, path_of(im, "%s.pilier", path), label_of(pt, "pilier"));
					}
					if (type.kind != YV_BLANK) {
						put(e, ", type: ");
						scalar(e, type, path_of(im, "%s.type", path), label_of(pt, "type"));
					}
					put(e, " }");
				}
				put(e, "\n");
			}
		}
	}
	free(done);
}

/* ---- validation, with problems taken back to their cells -------------------------- */

static const span *span_for(const emitter *e, unsigned line, unsigned col)
{
	const span *best = NULL, *first = NULL;
	for (size_t i = 0; i < e->n; i++) {
		const span *s = &e->spans[i];
		if (s->line != line)
			continue;
		if (!first)
			first = s;
		if (s->col == col)
			return s;
		if (s->col <= col && (!best || s->col >= best->col))
			best = s;
	}
	return best ? best : first;
}

/* The loader names a value by its path in the file ("acteurs[2].type"):
 * in a workbook, the column's name says more. */
static void relabel(const char *msg, const span *s, char *out, size_t size)
{
	snprintf(out, size, "%s", msg);
	if (!s || !s->path || !s->label)
		return;
	char from[600];
	snprintf(from, sizeof(from), "«\u00A0%s\u00A0»", s->path);
	const char *hit = strstr(msg, from);
	if (!hit)
		return;
	snprintf(out, size, "%.*s«\u00A0%s\u00A0»%s", (int)(hit - msg), msg, s->label, hit + strlen(from));
}

/* "(déjà présent ligne 85)": a line of the YAML text, which the user never
 * sees; say which cell instead. */
static void reline(const importer *im, const emitter *e, const char *msg, origin here, char *out,
		   size_t size)
{
	snprintf(out, size, "%s", msg);
	const char *hit = strstr(msg, "ligne ");
	if (!hit || hit[6] < '0' || hit[6] > '9')
		return;
	char *end;
	unsigned long line = strtoul(hit + 6, &end, 10);
	const span *s = NULL;
	for (size_t i = 0; i < e->n && !s; i++)
		if (e->spans[i].line == line)
			s = &e->spans[i];
	if (!s)
		return;
	char where[256];
	if (s->at.sheet == here.sheet)
		cz_xlsx_cell_ref(where, s->at.row, s->at.col);
	else
		where_text(im, s->at, true, where, sizeof(where));
	snprintf(out, size, "%.*sen %s%s", (int)(hit - msg), msg, where, end);
}

/* Load `text` with the loader; every problem goes to the cell its value
 * came from (spans of `e`, whose lines start at line `first` of `text`). */
static cz_status validate(importer *im, emitter *e, const char *text, size_t len, unsigned first,
			  const char *file)
{
	for (size_t i = 0; i < e->n; i++)
		e->spans[i].line += first - 1;
	cz_problems pb;
	cz_problems_init(&pb, file);
	cz_project *p = NULL;
	cz_status st = cz_project_load(text, len, file, im->ref, &p, &pb);
	cz_project_free(p);
	for (size_t i = 0; i < pb.count; i++) {
		const cz_problem *x = &pb.items[i];
		const span *s = x->line ? span_for(e, x->line, x->column) : NULL;
		char msg[1200], msg2[1200];
		relabel(x->message, s, msg2, sizeof(msg2));
		reline(im, e, msg2, s ? s->at : nowhere, msg, sizeof(msg));
		if (s && reported(im, s->at))
			continue;
		if (s)
			problem(im, s->at, "%s", msg);
		else if (x->line)
			problem(im, nowhere, "%s (ligne %u du fichier de projet)", msg, x->line);
		else
			problem(im, nowhere, "%s", msg);
	}
	if (pb.nomem)
		im->nomem = true;
	if (pb.truncated)
		im->problems->truncated = true;
	cz_problems_free(&pb);
	return st;
}

static void emitter_free(emitter *e)
{
	cz_buf_free(&e->b);
	free(e->spans);
}

static void book_reader_free(book_reader *R)
{
	for (int k = 0; k < CZ_FICHE_PART_COUNT; k++)
		free(R->parts[k].rec.items);
	free(R->im.reported);
	cz_arena_free(R->im.arena);
}

static cz_status finish(importer *im, cz_status st)
{
	if (im->nomem || im->problems->nomem)
		return CZ_ERR_NOMEM;
	if (im->problems->count || im->problems->truncated)
		return CZ_ERR_INVALID;
	return st;
}

static void test_from_part(const part *tp, test_values *tv)
{
	memset(tv, 0, sizeof(*tv));
	for (size_t k = 0; k < MAX_FIELDS; k++)
		tv->form[k] = tp->present ? tp->form[k] : yv(YV_BLANK, NULL, nowhere);
	if (!tp->present)
		return;
	memcpy(tv->seuils, tp->seuils, sizeof(tv->seuils));
	memcpy(tv->seuil_keys, tp->seuil_keys, sizeof(tv->seuil_keys));
	tv->n_seuils = tp->n_seuils;
}

/* The whole project file, in the starter's order. */
static void emit_all(emitter *e, book_reader *R, const test_values *tv, const char *source, bool rewritten)
{
	emit_header(e, source, rewritten);
	emit_projet(e, &R->parts[CZ_FICHE_PROJET]);
	emit_steps(e, &R->parts[CZ_FICHE_ETAPES]);
	emit_competences(e, &R->parts[CZ_FICHE_COMPETENCES]);
	emit_acteurs(e, &R->parts[CZ_FICHE_ACTEURS]);
	emit_besoins(e, &R->parts[CZ_FICHE_BESOINS]);
	emit_offre(e, &R->parts[CZ_FICHE_OFFRE]);
	emit_activite(e, &R->parts[CZ_FICHE_ACTIVITE], &R->parts[CZ_FICHE_SERVICES]);
	emit_financements(e, &R->parts[CZ_FICHE_FINANCEMENTS]);
	test_comment(e);
	emit_test_section(e, tv);
	emit_bmc(e, &R->parts[CZ_FICHE_CANEVAS]);
}

cz_status cz_fiche_import(const cz_xbook *book, const char *source, const cz_referential *ref,
			  cz_buf *yaml, cz_problems *problems, cz_problems *warnings)
{
	book_reader R;
	memset(&R, 0, sizeof(R));
	R.im = (importer){ book, ref, cz_arena_new(), problems, warnings, false, NULL, 0, 0 };
	if (!R.im.arena)
		return CZ_ERR_NOMEM;
	read_book(&R);
	emitter e = { .line = 1, .im = &R.im };
	cz_buf_init(&e.b);
	cz_status st = CZ_OK;
	if (!R.parts[CZ_FICHE_PROJET].present) {
		problem(&R.im, nowhere, "ce classeur n'a pas de feuille «\u00A0%s\u00A0»\u00A0: ce n'est pas une fiche projet complète",
			cz_fiche_sheets[CZ_FICHE_PROJET].sheet);
		goto out;
	}
	test_values tv;
	test_from_part(&R.parts[CZ_FICHE_TEST], &tv);
	emit_all(&e, &R, &tv, source, false);
	if (!cz_buf_ok(&e.b) || e.nomem) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	if (getenv("CZ_DEBUG_IMPORT"))
		fputs(e.b.data, stderr);
	if (!R.im.nomem)
		st = validate(&R.im, &e, e.b.data, e.b.len, 1, problems->file ? problems->file : source);
out:
	st = finish(&R.im, st);
	if (st == CZ_OK)
		cz_buf_add(yaml, e.b.data, e.b.len);
	cz_problems_sort(problems);
	if (warnings)
		cz_problems_sort(warnings);
	emitter_free(&e);
	book_reader_free(&R);
	return st;
}

/* ---- merging a skills grid or a test-phase workbook ------------------------------ */

/* A value of the project as the file writes it. */
static yval from_value(importer *im, const cz_fiche_field *f, cz_fiche_value v)
{
	char buf[64];
	switch (v.kind) {
	case CZ_FV_NONE:
		break;
	case CZ_FV_TEXT:
		return yv(YV_QUOTED, v.s, nowhere);
	case CZ_FV_NUM:
		number_format(v.n, buf, sizeof(buf));
		return yv(YV_PLAIN, keep(im, buf, strlen(buf)), nowhere);
	case CZ_FV_DATE:
		if (v.d.day && f->type != CZ_FF_MONTH)
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d", v.d.year, v.d.month, v.d.day);
		else
			snprintf(buf, sizeof(buf), "%04d-%02d", v.d.year, v.d.month);
		return yv(YV_PLAIN, keep(im, buf, strlen(buf)), nowhere);
	case CZ_FV_BOOL:
		return yv(YV_PLAIN, v.b ? "true" : "false", nowhere);
	case CZ_FV_ENUM:
		if (f->values)
			return yv(YV_PLAIN, cz_enum_key(f->values, v.e), nowhere);
		break;
	}
	return yv(YV_BLANK, NULL, nowhere);
}

typedef struct {
	importer *im;
	part *pt;
} fill_ctx;

static void fill_record(void *ctx, const cz_fiche_record *r)
{
	fill_ctx *c = ctx;
	record *x = add_record(c->im, &c->pt->rec);
	if (!x)
		return;
	for (size_t k = 0; k < c->pt->L.def->n_fields; k++)
		x->v[k] = from_value(c->im, &c->pt->L.def->fields[k], r->v[k]);
	x->row_at = nowhere;
}

/* Every part of the form, from a loaded project: for a whole rewrite. */
static void parts_from_project(book_reader *R, const cz_project *p)
{
	importer *im = &R->im;
	for (int k = 0; k < CZ_FICHE_PART_COUNT; k++) {
		part *pt = &R->parts[k];
		pt->present = true;
		pt->L.def = &cz_fiche_sheets[k];
		pt->L.sheet = -1;
		if (pt->L.def->form) {
			for (size_t i = 0; i < pt->L.def->n_fields; i++)
				pt->form[i] = from_value(im, &pt->L.def->fields[i],
							 cz_fiche_form_value(p, (cz_fiche_part)k, pt->L.def->fields[i].key));
			continue;
		}
		fill_ctx c = { im, pt };
		cz_fiche_records(p, im->ref, (cz_fiche_part)k, fill_record, &c);
	}
	part *tp = &R->parts[CZ_FICHE_TEST];
	for (size_t i = 0; i < p->test.n_seuils && tp->n_seuils < CZ_MES_COUNT; i++) {
		char buf[64];
		number_format(p->test.seuils[i].value, buf, sizeof(buf));
		tp->seuil_keys[tp->n_seuils] = p->test.seuils[i].mesure;
		tp->seuils[tp->n_seuils++] = yv(YV_PLAIN, keep(im, buf, strlen(buf)), nowhere);
	}
}

/* The header row of a workbook another command wrote: the row (within the
 * first ones) holding every label of `labels` (compared loosely); the column
 * of each, -1 for those marked optional (a trailing '?') and absent. */
static bool find_header(const cz_xsheet *sh, const char *const *labels, size_t n, int *cols, unsigned *row)
{
	for (unsigned r = 0; r < SCAN_ROWS; r++) {
		size_t found = 0, needed = 0;
		for (size_t k = 0; k < n; k++) {
			char want[128], f[128];
			size_t l = strlen(labels[k]);
			bool optional = l && labels[k][l - 1] == '?';
			needed += !optional;
			snprintf(want, sizeof(want), "%.*s", (int)(optional ? l - 1 : l), labels[k]);
			fold(want, want, sizeof(want));
			cols[k] = -1;
			for (size_t i = cz_xsheet_row_start(sh, r); i < sh->n_cells && sh->cells[i].row == r; i++) {
				const char *t = cell_text(&sh->cells[i]);
				if (t && (fold(t, f, sizeof(f)), !strcmp(f, want))) {
					cols[k] = (int)sh->cells[i].col;
					break;
				}
			}
			found += cols[k] >= 0 && !optional;
		}
		if (found == needed) {
			*row = r;
			return true;
		}
	}
	return false;
}

typedef struct {
	ref_entry *items;
	size_t n, cap;
	bool *removed;
} entries;

static ref_entry *entry_for(importer *im, entries *E, const char *id)
{
	for (size_t i = 0; i < E->n; i++)
		if (E->items[i].id.text && !strcmp(E->items[i].id.text, id))
			return &E->items[i];
	if (E->n == E->cap) {
		size_t cap = E->cap ? E->cap * 2 : 64;
		ref_entry *it = realloc(E->items, cap * sizeof(*it));
		bool *rm = it ? realloc(E->removed, cap * sizeof(*rm)) : NULL;
		if (it)
			E->items = it;
		if (!it || !rm) {
			im->nomem = true;
			return NULL;
		}
		E->removed = rm;
		E->cap = cap;
	}
	E->removed[E->n] = false;
	ref_entry *e = &E->items[E->n++];
	*e = (ref_entry){ yv(YV_PLAIN, keep(im, id, strlen(id)), nowhere), yv(YV_BLANK, NULL, nowhere),
			  yv(YV_BLANK, NULL, nowhere), nowhere };
	return e;
}

static const cz_fiche_field *competence_level_field(void)
{
	return cz_fiche_field_find(&cz_fiche_sheets[CZ_FICHE_COMPETENCES], "niveau");
}

/* The grid's "Compétences" sheet, then its "Compétences lacunes" sheet. */
static void read_skills(importer *im, entries *E)
{
	static const char *const heads[] = { "Identifiant", "Niveau", "Porté par?" };
	int idx = -1;
	const cz_xsheet *sh = find_sheet(im->book, SKILLS_SHEET, &idx);
	int cols[3];
	unsigned head;
	if (!sh || !find_header(sh, heads, 3, cols, &head)) {
		problem(im, nowhere, "feuille «\u00A0%s\u00A0» introuvable, ou sans les colonnes Identifiant et Niveau",
			SKILLS_SHEET);
		return;
	}
	const cz_fiche_field *level = competence_level_field();
	for (size_t i = cz_xsheet_row_start(sh, head + 1); i < sh->n_cells;) {
		unsigned row = sh->cells[i].row;
		while (i < sh->n_cells && sh->cells[i].row == row)
			i++;
		const char *id = cell_text(cz_xsheet_cell(sh, row, (unsigned)cols[0]));
		if (!id || !*(id = trim(im, id)))
			continue;
		ref_entry *e = entry_for(im, E, id);
		if (!e)
			return;
		size_t at_index = (size_t)(e - E->items);
		origin lat = { idx, row, (unsigned)cols[1] }, bat = { idx, row, cols[2] < 0 ? 0 : (unsigned)cols[2] };
		e->id.at = (origin){ idx, row, (unsigned)cols[0] };
		e->anchor = lat;
		bool ok;
		const cz_xcell *lc = cz_xsheet_cell(sh, row, (unsigned)cols[1]);
		const cz_xcell *bc = cols[2] >= 0 ? cz_xsheet_cell(sh, row, (unsigned)cols[2]) : NULL;
		yval by = bc ? convert(im, sh, cz_fiche_field_find(&cz_fiche_sheets[CZ_FICHE_COMPETENCES], "porte_par"),
				       bc, bat, &ok)
			     : yv(YV_BLANK, NULL, bat);
		char f[64] = "", g[64];
		if (lc && lc->kind == CZ_XV_TEXT)
			fold(lc->text, f, sizeof(f));
		fold(CZ_SKILLS_LEVEL_PARTNER, g, sizeof(g));
		yval lv;
		if (*f && !strcmp(f, g)) {
			lv = yv(YV_PLAIN, cz_enum_key(&cz_enum_level, CZ_LEVEL_ACQUIS), lat);
			if (by.kind == YV_BLANK) {
				problem(im, bat, "compétence «\u00A0%s\u00A0» portée par un partenaire\u00A0: nommez-le dans cette colonne",
					id);
				by = yv(YV_BLANK, NULL, bat);
			}
		} else {
			lv = lc ? convert(im, sh, level, lc, lat, &ok) : yv(YV_BLANK, NULL, lat);
		}
		e->value = lv;
		e->by = by;
		E->removed[at_index] = lv.kind == YV_BLANK && by.kind == YV_BLANK;
	}
	/* Gaps handed to an actor of the network. */
	static const char *const gap_heads[] = { "Identifiant", "Suite à donner", "Acteur du réseau" };
	int gidx = -1;
	const cz_xsheet *gs = find_sheet(im->book, SKILLS_GAPS_SHEET, &gidx);
	if (!gs || !find_header(gs, gap_heads, 3, cols, &head))
		return;
	for (size_t i = cz_xsheet_row_start(gs, head + 1); i < gs->n_cells;) {
		unsigned row = gs->cells[i].row;
		while (i < gs->n_cells && gs->cells[i].row == row)
			i++;
		const char *id = cell_text(cz_xsheet_cell(gs, row, (unsigned)cols[0]));
		const char *action = cell_text(cz_xsheet_cell(gs, row, (unsigned)cols[1]));
		char f[64];
		if (!id || !action)
			continue;
		fold(action, f, sizeof(f));
		if (!strstr(f, "confier"))
			continue;
		origin aat = { gidx, row, (unsigned)cols[2] };
		const cz_xcell *ac = cz_xsheet_cell(gs, row, (unsigned)cols[2]);
		bool ok;
		yval by = ac ? convert(im, gs, cz_fiche_field_find(&cz_fiche_sheets[CZ_FICHE_COMPETENCES], "porte_par"),
				       ac, aat, &ok)
			     : yv(YV_BLANK, NULL, aat);
		if (by.kind == YV_BLANK) {
			problem(im, aat, "compétence à confier à un acteur du réseau\u00A0: nommez-le dans cette colonne");
			continue;
		}
		ref_entry *e = entry_for(im, E, trim(im, id));
		if (!e)
			return;
		E->removed[e - E->items] = false;
		e->value = yv(YV_PLAIN, cz_enum_key(&cz_enum_level, CZ_LEVEL_ACQUIS), (origin){ gidx, row, (unsigned)cols[1] });
		e->by = by;
		e->anchor = e->value.at;
	}
}

static void emit_entries(emitter *e, const entries *E)
{
	ref_entry *kept = calloc(E->n ? E->n : 1, sizeof(*kept));
	if (!kept) {
		e->nomem = true;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < E->n; i++)
		if (!E->removed[i])
			kept[n++] = E->items[i];
	const cz_fiche_sheet *def = &cz_fiche_sheets[CZ_FICHE_COMPETENCES];
	emit_ref_map(e, "competences", kept, n, "niveau", cz_fiche_field_find(def, "niveau")->label,
		     cz_fiche_field_find(def, "porte_par")->label);
	free(kept);
}

static void entries_from_project(importer *im, entries *E, const cz_project *p)
{
	for (size_t i = 0; i < p->n_competences; i++) {
		const cz_skill_entry *c = &p->competences[i];
		ref_entry *e = entry_for(im, E, c->id);
		if (!e)
			return;
		e->value = yv(YV_PLAIN, cz_enum_key(&cz_enum_level, (int)c->niveau), nowhere);
		e->by = c->porte_par ? yv(YV_QUOTED, c->porte_par, nowhere) : yv(YV_BLANK, NULL, nowhere);
	}
}

static void test_from_project(importer *im, const cz_project *p, test_values *tv)
{
	memset(tv, 0, sizeof(*tv));
	const cz_fiche_sheet *def = &cz_fiche_sheets[CZ_FICHE_TEST];
	for (size_t k = 0; k < def->n_fields; k++)
		tv->form[k] = from_value(im, &def->fields[k], cz_fiche_form_value(p, CZ_FICHE_TEST, def->fields[k].key));
	for (size_t k = def->n_fields; k < MAX_FIELDS; k++)
		tv->form[k] = yv(YV_BLANK, NULL, nowhere);
	for (size_t i = 0; i < p->test.n_seuils && tv->n_seuils < CZ_MES_COUNT; i++) {
		char buf[64];
		number_format(p->test.seuils[i].value, buf, sizeof(buf));
		tv->seuil_keys[tv->n_seuils] = p->test.seuils[i].mesure;
		tv->seuils[tv->n_seuils++] = yv(YV_PLAIN, keep(im, buf, strlen(buf)), nowhere);
	}
}

static size_t test_index(const char *key)
{
	const cz_fiche_sheet *def = &cz_fiche_sheets[CZ_FICHE_TEST];
	for (size_t k = 0; k < def->n_fields; k++)
		if (!strcmp(def->fields[k].key, key))
			return k;
	return def->n_fields;
}

static void set_threshold(importer *im, test_values *tv, const char *measure, yval v, double deflt)
{
	size_t i = 0;
	while (i < tv->n_seuils && strcmp(tv->seuil_keys[i], measure) != 0)
		i++;
	bool is_default = v.kind == YV_PLAIN && fabs(strtod(v.text, NULL) - deflt) < 1e-9;
	if (is_default || v.kind == YV_BLANK) {
		if (i < tv->n_seuils) { /* back to the referential's: no override */
			memmove(&tv->seuils[i], &tv->seuils[i + 1], (tv->n_seuils - i - 1) * sizeof(*tv->seuils));
			memmove(&tv->seuil_keys[i], &tv->seuil_keys[i + 1], (tv->n_seuils - i - 1) * sizeof(*tv->seuil_keys));
			tv->n_seuils--;
		}
		return;
	}
	if (i == tv->n_seuils) {
		if (tv->n_seuils >= CZ_MES_COUNT)
			return;
		tv->n_seuils++;
	}
	tv->seuil_keys[i] = keep(im, measure, strlen(measure));
	tv->seuils[i] = v;
}

/* The declared test values of a test-phase workbook, over the project's. */
static void read_testphase(importer *im, const cz_project *base, test_values *tv)
{
	static const char *const heads[] = { "Indicateur", "Valeur", "Seuil atteint?" };
	int idx = -1;
	const cz_xsheet *sh = find_sheet(im->book, TP_CARD_SHEET, &idx);
	int cols[3];
	unsigned head;
	if (!sh || !find_header(sh, heads, 3, cols, &head)) {
		problem(im, nowhere, "feuille «\u00A0%s\u00A0» introuvable, ou sans les colonnes Indicateur et Valeur",
			TP_CARD_SHEET);
		return;
	}
	const cz_referential *ref = im->ref;
	cz_testphase *computed = NULL;
	if (cz_testphase_run(base, ref, &computed) != CZ_OK) {
		im->nomem = true;
		return;
	}
	/* The field a declared indicator reads (testphase.c reads the same). */
	static const struct {
		cz_measure m;
		const char *key;
	} declared[] = {
		{ CZ_MES_CARNET_COMMANDES, "carnet_commandes" }, { CZ_MES_CHARGE_TRAVAIL, "charge_travail" },
		{ CZ_MES_SOLLICITATIONS, "sollicitations_suivies" }, { CZ_MES_CAHIER_DES_CHARGES, "cahier_des_charges" },
		{ CZ_MES_IMPACT_SOCIAL, "impact_social" }, { CZ_MES_VISION, "vision" },
		{ CZ_MES_ENERGIE, "energie" }, { CZ_MES_MONTEE_COMPETENCES, "montee_competences" },
		{ CZ_MES_SATISFACTION, "satisfaction" },
	};
	const cz_fiche_sheet *def = &cz_fiche_sheets[CZ_FICHE_TEST];
	int value_col = cols[1], cond_value_col = -1;
	bool in_conditions = false;
	for (size_t i = cz_xsheet_row_start(sh, head + 1); i < sh->n_cells;) {
		unsigned row = sh->cells[i].row;
		while (i < sh->n_cells && sh->cells[i].row == row)
			i++;
		const char *name = cell_text(cz_xsheet_cell(sh, row, (unsigned)cols[0]));
		if (!name)
			continue;
		char f[256], g[256];
		fold(name, f, sizeof(f));
		if (!strcmp(f, "condition_de_decision")) {
			/* The conditions' own header: their value column is "Valeur". */
			in_conditions = true;
			for (size_t c = cz_xsheet_row_start(sh, row); c < sh->n_cells && sh->cells[c].row == row; c++) {
				const char *t = cell_text(&sh->cells[c]);
				if (t && (fold(t, g, sizeof(g)), !strcmp(g, "valeur")))
					cond_value_col = (int)sh->cells[c].col;
			}
			continue;
		}
		if (in_conditions) {
			for (size_t k = 0; k < ref->n_conditions && cond_value_col >= 0; k++) {
				fold(ref->conditions[k].nom, g, sizeof(g));
				if (strcmp(f, g) != 0)
					continue;
				char key[128];
				snprintf(key, sizeof(key), "conditions.%s", ref->conditions[k].cle);
				size_t fi = test_index(key);
				if (fi >= def->n_fields)
					break;
				origin at = { idx, row, (unsigned)cond_value_col };
				const cz_xcell *c = cz_xsheet_cell(sh, row, (unsigned)cond_value_col);
				const char *t = cell_text(c);
				bool ok;
				/* "—" is the workbook's "not given". */
				if (!c || (t && !strcmp(trim(im, t), "—")))
					tv->form[fi] = yv(YV_BLANK, NULL, at);
				else
					tv->form[fi] = convert(im, sh, &def->fields[fi], c, at, &ok);
			}
			continue;
		}
		/* An indicator or a pitfall, by its name in the referential. */
		const cz_ref_indicator *ind = NULL;
		const cz_ref_pitfall *pf = NULL;
		for (size_t k = 0; k < ref->n_indicators && !ind; k++)
			if ((fold(ref->indicators[k].nom, g, sizeof(g)), !strcmp(f, g)))
				ind = &ref->indicators[k];
		for (size_t k = 0; k < ref->n_pitfalls && !ind && !pf; k++)
			if ((fold(ref->pitfalls[k].nom, g, sizeof(g)), !strcmp(f, g)))
				pf = &ref->pitfalls[k];
		if (!ind && !pf)
			continue;
		cz_measure m = ind ? ind->mesure : pf ? pf->mesure : CZ_MES_COUNT;
		const cz_tp_indicator *now = NULL;
		for (size_t k = 0; k < computed->n_items && !now; k++)
			if (computed->items[k].mesure == m && computed->items[k].is_pitfall == (pf != NULL))
				now = &computed->items[k];
		/* The threshold: an override of the project when it differs from the referential's. */
		if (cols[2] >= 0) {
			origin at = { idx, row, (unsigned)cols[2] };
			const cz_xcell *c = cz_xsheet_cell(sh, row, (unsigned)cols[2]);
			static const cz_fiche_field seuil = { .key = "seuil", .label = "Seuil atteint", .type = CZ_FF_NUM };
			bool ok;
			yval v = c ? convert(im, sh, &seuil, c, at, &ok) : yv(YV_BLANK, NULL, at);
			double deflt = ind ? ind->seuil : pf ? pf->seuil : 0;
			double was = now ? now->seuil : deflt;
			if (v.kind == YV_PLAIN && fabs(strtod(v.text, NULL) - was) > 1e-9)
				set_threshold(im, tv, cz_measure_keys[m], v, deflt);
		}
		if (pf)
			continue;
		const char *key = NULL;
		for (size_t k = 0; k < N(declared) && !key; k++)
			if (declared[k].m == m)
				key = declared[k].key;
		origin at = { idx, row, (unsigned)value_col };
		const cz_xcell *c = cz_xsheet_cell(sh, row, (unsigned)value_col);
		double v = 0;
		bool have = c && cz_xlsx_cell_number(sh, c, &v);
		if (!key) {
			/* Computed from the activity and the offer: not a value to copy back. */
			if (have && now && now->value.set && fabs(v - now->value.value) > 1e-6)
				warning(im, at, true, "«\u00A0%s\u00A0» se calcule à partir de l'activité et de l'offre du "
						      "projet\u00A0: la valeur saisie ici n'est pas reprise",
					ind->nom);
			continue;
		}
		bool ok;
		if (!strcmp(key, "satisfaction")) {
			/* The mean of three marks: it cannot be split back into them. */
			static const char *const parts[] = { "satisfaction.beneficiaires", "satisfaction.partenaires",
							     "satisfaction.equipe" };
			yval typed = c ? convert(im, sh, &def->fields[test_index(parts[0])], c, at, &ok) : yv(YV_BLANK, NULL, at);
			if (typed.kind == YV_BLANK || (now && now->value.set && have && fabs(v - now->value.value) < 1e-6))
				continue;
			bool any = false;
			for (size_t k = 0; k < 3; k++)
				any |= tv->form[test_index(parts[k])].kind != YV_BLANK;
			if (any) {
				problem(im, at, "la satisfaction est la moyenne des notes des bénéficiaires, des partenaires "
						"et de l'équipe\u00A0: changez ces notes dans le fichier de projet (test.satisfaction) "
						"plutôt que leur moyenne");
				continue;
			}
			for (size_t k = 0; k < 3; k++)
				tv->form[test_index(parts[k])] = typed;
			continue;
		}
		size_t fi = test_index(key);
		if (fi < def->n_fields)
			tv->form[fi] = c ? convert(im, sh, &def->fields[fi], c, at, &ok) : yv(YV_BLANK, NULL, at);
	}
	cz_testphase_free(computed);
}

cz_status cz_book_merge(const cz_xbook *book, const cz_referential *ref, const char *text,
			size_t len, const cz_project *base, cz_buf *out, bool *changed,
			cz_problems *problems, cz_problems *warnings)
{
	*changed = false;
	book_reader R;
	memset(&R, 0, sizeof(R));
	R.im = (importer){ book, ref, cz_arena_new(), problems, warnings, false, NULL, 0, 0 };
	if (!R.im.arena)
		return CZ_ERR_NOMEM;
	importer *im = &R.im;
	cz_book_kind kind = cz_book_kind_of(book);
	bool skills = kind == CZ_BOOK_SKILLS;
	const char *key = skills ? "competences" : "test";
	emitter was = { .line = 1, .im = im }, now = { .line = 1, .im = im }, whole = { .line = 1, .im = im };
	cz_buf_init(&was.b);
	cz_buf_init(&now.b);
	cz_buf_init(&whole.b);
	cz_buf merged;
	cz_buf_init(&merged);
	entries E = { NULL, 0, 0, NULL };
	test_values tv_was, tv_now;
	cz_status st = CZ_OK;
	if (kind != CZ_BOOK_SKILLS && kind != CZ_BOOK_TESTPHASE) {
		problem(im, nowhere, "ce classeur n'est ni une grille de compétences ni un classeur de sortie de test");
		goto out;
	}
	if (skills) {
		entries_from_project(im, &E, base);
		emit_entries(&was, &E);
		read_skills(im, &E);
		emit_entries(&now, &E);
	} else {
		test_from_project(im, base, &tv_was);
		tv_now = tv_was;
		emit_test_section(&was, &tv_was);
		read_testphase(im, base, &tv_now);
		emit_test_section(&now, &tv_now);
	}
	if (!cz_buf_ok(&was.b) || !cz_buf_ok(&now.b) || was.nomem || now.nomem || im->nomem) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	if (problems->count)
		goto out;
	*changed = strcmp(was.b.data ? was.b.data : "", now.b.data ? now.b.data : "") != 0;
	if (!*changed) {
		cz_buf_add(out, text, len);
		goto out;
	}
	/* The section alone, in place; or, when the file does not allow it,
	 * the whole file written anew. */
	cz_splice_info info;
	memset(&info, 0, sizeof(info));
	cz_problems splice_pb;
	cz_problems_init(&splice_pb, problems->file);
	const char *section = now.b.data;
	bool commented_out = section && section[0] == '#';
	emitter intro = { .line = 1, .im = im };
	cz_buf_init(&intro.b);
	if (skills)
		competences_comment(&intro);
	else
		test_comment(&intro);
	cz_status sst = commented_out || !cz_buf_ok(&intro.b)
				? CZ_ERR_USAGE
				: cz_yaml_splice(text, len, key, intro.b.data, section, &merged, &info, &splice_pb);
	emitter_free(&intro);
	cz_problems_free(&splice_pb);
	if (sst == CZ_ERR_NOMEM) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	emitter *spans = &now;
	unsigned first = 1;
	if (sst == CZ_OK) /* lines of the new section in the file written */
		for (size_t i = 0; i < now.n; i++)
			if (now.spans[i].line >= 1 && now.spans[i].line <= info.new_lines)
				now.spans[i].line = info.map[now.spans[i].line - 1];
	free(info.map);
	info.map = NULL;
	if (sst != CZ_OK) {
		parts_from_project(&R, base);
		test_values tv;
		if (skills) {
			test_from_part(&R.parts[CZ_FICHE_TEST], &tv);
		} else {
			tv = tv_now;
		}
		cz_buf_free(&merged);
		cz_buf_init(&merged);
		/* Competences: the merged entries instead of the project's. */
		if (skills) {
			part *cp = &R.parts[CZ_FICHE_COMPETENCES];
			cp->rec.n = 0;
			for (size_t i = 0; i < E.n; i++) {
				if (E.removed[i])
					continue;
				record *x = add_record(im, &cp->rec);
				if (!x)
					break;
				for (size_t k = 0; k < cp->L.def->n_fields; k++) {
					const char *fk = cp->L.def->fields[k].key;
					x->v[k] = !strcmp(fk, "id") ? E.items[i].id
						  : !strcmp(fk, "niveau") ? E.items[i].value
						  : !strcmp(fk, "porte_par") ? E.items[i].by
									     : yv(YV_BLANK, NULL, nowhere);
				}
				x->row_at = E.items[i].anchor;
			}
		}
		const char *name = problems->file ? problems->file : "classeur";
		const char *slash = strrchr(name, '/');
		emit_all(&whole, &R, &tv, slash ? slash + 1 : name, true);
		if (!cz_buf_ok(&whole.b) || whole.nomem) {
			st = CZ_ERR_NOMEM;
			goto out;
		}
		cz_buf_add(&merged, whole.b.data, whole.b.len);
		spans = &whole;
		first = 1;
		warning(im, nowhere, false,
			"la rubrique «\u00A0%s\u00A0» du fichier de projet n'est pas écrite en style bloc\u00A0: le fichier est "
			"réécrit en entier, sans ses commentaires",
			key);
	}
	if (!cz_buf_ok(&merged)) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	st = validate(im, spans, merged.data, merged.len, first, problems->file ? problems->file : "classeur");
	if (st == CZ_OK && !problems->count)
		cz_buf_add(out, merged.data, merged.len);
out:
	st = finish(im, st);
	cz_problems_sort(problems);
	if (warnings)
		cz_problems_sort(warnings);
	emitter_free(&was);
	emitter_free(&now);
	emitter_free(&whole);
	cz_buf_free(&merged);
	free(E.items);
	free(E.removed);
	book_reader_free(&R);
	return st;
}

cz_status cz_import_render_yaml(const void *result, const cz_render_ctx *rc)
{
	const cz_buf *text = result;
	cz_buf_add(rc->out, text->data ? text->data : "", text->len);
	return cz_buf_ok(rc->out) ? CZ_OK : CZ_ERR_NOMEM;
}
