#include "xlsx_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_fr.h"
#include "xml_read.h"

const cz_xlsx_limits cz_xlsx_default_limits = {
	.zip = { .max_archive = 16u << 20, .max_entries = 1000, .max_entry = 16u << 20,
		 .max_total = 48u << 20 },
	.max_sheets = 64,
	.max_rows = 10000,
	.max_cells = 300000,
	.max_text = 65536,
	.max_strings = 300000,
	.max_styles = 65536,
};

/* Excel's grid. */
#define MAX_GRID_ROWS 1048576u
#define MAX_GRID_COLS 16384u

/* ---- small helpers ------------------------------------------------------ */

/* A growable string with a hard cap. */
typedef struct {
	char *data;
	size_t len, cap;
} acc;

static void acc_reset(acc *a)
{
	a->len = 0;
	if (a->data)
		a->data[0] = '\0';
}

/* 0 on success, 1 over `max`, -1 out of memory. */
static int acc_add(acc *a, const char *s, size_t n, size_t max)
{
	if (a->len + n > max)
		return 1;
	if (a->len + n + 1 > a->cap) {
		size_t cap = a->cap ? a->cap : 256;
		while (cap < a->len + n + 1)
			cap *= 2;
		char *d = realloc(a->data, cap);
		if (!d)
			return -1;
		a->data = d;
		a->cap = cap;
	}
	memcpy(a->data + a->len, s, n);
	a->len += n;
	a->data[a->len] = '\0';
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* OOXML escapes characters XML cannot hold as "_xHHHH_" (ST_Xstring);
 * "_x005F_" escapes the underscore itself. Decoded in place (never longer:
 * seven bytes give at most three). Surrogates and NUL stay escaped. */
static void decode_x_escapes(char *s, size_t *len)
{
	size_t r = 0, w = 0, n = *len;
	while (r < n) {
		if (s[r] == '_' && r + 6 < n && s[r + 1] == 'x' && s[r + 6] == '_') {
			const int h[4] = { hexval(s[r + 2]), hexval(s[r + 3]), hexval(s[r + 4]), hexval(s[r + 5]) };
			if (h[0] >= 0 && h[1] >= 0 && h[2] >= 0 && h[3] >= 0) {
				unsigned cp = (unsigned)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
				if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
					w += put_utf8(s + w, cp);
					r += 7;
					continue;
				}
			}
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	*len = w;
}

char *cz_xlsx_cell_ref(char *buf, unsigned row, unsigned col)
{
	char letters[8];
	size_t n = 0;
	unsigned c = col + 1;
	while (c && n < sizeof(letters)) {
		c--;
		letters[n++] = (char)('A' + c % 26);
		c /= 26;
	}
	size_t j = 0;
	while (n)
		buf[j++] = letters[--n];
	snprintf(buf + j, 16 - j, "%u", row + 1);
	return buf;
}

/* "C14" -> row 13, col 2. Letters are required, digits optional (a column
 * reference alone is not a cell: false). */
static bool parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned c = 0, r = 0;
	size_t i = 0;
	for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++) {
		c = c * 26 + (unsigned)((s[i] | 0x20) - 'a' + 1);
		if (c > MAX_GRID_COLS)
			return false;
	}
	if (i == 0 || s[i] < '1' || s[i] > '9')
		return false;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		r = r * 10 + (unsigned)(s[i] - '0');
		if (r > MAX_GRID_ROWS)
			return false;
	}
	if (s[i])
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static bool parse_double(const char *s, double *out)
{
	while (*s == ' ')
		s++;
	if (!*s)
		return false;
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v))
		return false;
	/* strtod reads hexadecimal and "inf"/"nan": none is a cell value. */
	for (const char *p = s; p < end; p++)
		if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I')
			return false;
	*out = v;
	return true;
}

/* ---- dates -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp + (mp < 10 ? 3 : -9);
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

bool cz_xlsx_serial_date(double serial, bool date1904, int *y, int *m, int *d)
{
	/* Day 0 exists only in the 1904 system (1904-01-01). */
	if (!isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465.0) /* 9999-12-31 */
		return false;
	long s = (long)floor(serial);
	long days;
	if (date1904) {
		days = days_from_civil(1904, 1, 1) + s;
	} else {
		if (s == 60)
			return false; /* 1900-02-29, which never was */
		days = days_from_civil(1899, 12, s < 60 ? 31 : 30) + s;
	}
	civil_from_days(days, y, m, d);
	return *y >= 1900 && *y <= 9999;
}

double cz_xlsx_date_serial(int y, int m, int d)
{
	long days = days_from_civil(y, m, d) - days_from_civil(1899, 12, 30);
	return (double)(days < 61 ? days - 1 : days);
}

/* n digits at s, as a number; -1 when one is not a digit. */
static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "2026-01-31" or "2026-01-31T00:00:00" (t="d" cells) to a serial. */
static bool iso_serial(const char *s, bool date1904, double *out)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = digits_at(s, 4), m = digits_at(s + 5, 2), d = digits_at(s + 8, 2);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	long days = days_from_civil(y, m, d);
	if (date1904)
		*out = (double)(days - days_from_civil(1904, 1, 1));
	else
		*out = cz_xlsx_date_serial(y, m, d);
	return true;
}

/* Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
static bool builtin_date_format(unsigned long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A custom format shows a date or time when it has d, m, y, h or s outside
 * quoted text, escapes and [brackets] ("[Red]", "[$-40C]"; "[h]" counts). */
static bool custom_date_format(const char *code)
{
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return false;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				return false;
			p++;
			break;
		case '[': {
			const char *end = strchr(p, ']');
			if (!end)
				return false;
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' || p[1] == 'S')
				return true; /* elapsed time */
			p = end;
			break;
		}
		default: {
			char c = (char)(*p | 0x20);
			if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's')
				return true;
			/* "General" has none of them; "e" of "0.00E+00" is no date. */
			break;
		}
		}
	}
	return false;
}

/* ---- package relationships ---------------------------------------------- */

typedef struct {
	const char *id, *type, *target;
} rel;

typedef struct {
	cz_arena *arena;
	rel *items;
	size_t count, cap;
} rels;

static void rels_start(cz_xml *x, void *ctx, const char *name, const char **attrs)
{
	rels *r = ctx;
	if (strcmp(name, "Relationship") != 0)
		return;
	const char *id = cz_xml_attr(attrs, "Id"), *type = cz_xml_attr(attrs, "Type"),
		   *target = cz_xml_attr(attrs, "Target"), *mode = cz_xml_attr(attrs, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->count >= 10000)
		return; /* more than any workbook has: the rest is ignored */
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		rel *items = realloc(r->items, cap * sizeof(*items));
		if (!items) {
			cz_xml_nomem(x);
			return;
		}
		r->items = items;
		r->cap = cap;
	}
	rel e = { cz_arena_strdup(r->arena, id), cz_arena_strdup(r->arena, type),
		  cz_arena_strdup(r->arena, target) };
	if (!e.id || !e.type || !e.target) {
		cz_xml_nomem(x);
		return;
	}
	r->items[r->count++] = e;
}

/* A relationship type ends with its kind: ".../relationships/worksheet". */
static bool type_is(const char *type, const char *kind)
{
	size_t lt = strlen(type), lk = strlen(kind);
	return lt > lk && type[lt - lk - 1] == '/' && strcmp(type + lt - lk, kind) == 0;
}

static const rel *rels_find_type(const rels *r, const char *kind)
{
	for (size_t i = 0; i < r->count; i++)
		if (type_is(r->items[i].type, kind))
			return &r->items[i];
	return NULL;
}

static const rel *rels_find_id(const rels *r, const char *id)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i].id, id) == 0)
			return &r->items[i];
	return NULL;
}

/*
 * The archive entry a relationship target names: relative to `dir` (the
 * source part's folder, "xl/"), or absolute from the package root. "." and
 * ".." are resolved; a target climbing out of the package is refused. The
 * result is only ever looked up in the archive.
 */
static bool resolve_target(const char *dir, const char *target, char *out, size_t size)
{
	char path[1024];
	int w = target[0] == '/' ? snprintf(path, sizeof(path), "%s", target + 1)
				 : snprintf(path, sizeof(path), "%s%s", dir, target);
	if (w < 0 || (size_t)w >= sizeof(path))
		return false;
	size_t n = 0;
	out[0] = '\0';
	for (char *c = path; c && *c;) {
		char *slash = strchr(c, '/');
		size_t l = slash ? (size_t)(slash - c) : strlen(c);
		if (l == 0 || (l == 1 && c[0] == '.')) {
			/* nothing */
		} else if (l == 2 && c[0] == '.' && c[1] == '.') {
			if (n == 0)
				return false;
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash */
			out[n] = '\0';
		} else {
			if (n + (n ? 1 : 0) + l + 1 > size)
				return false;
			if (n)
				out[n++] = '/';
			memcpy(out + n, c, l);
			n += l;
			out[n] = '\0';
		}
		c = slash ? slash + 1 : NULL;
	}
	return n > 0;
}

/* ---- the reader's state ------------------------------------------------- */

typedef struct {
	const char *name, *rid;
} sheet_ref;

typedef struct {
	const cz_xlsx_limits *lim;
	cz_problems *problems;
	cz_arena *arena;
	cz_zip *zip;
	cz_xbook *book;
	size_t total_cells;
	/* workbook.xml */
	sheet_ref *sheet_refs;
	size_t n_sheet_refs;
	bool too_many_sheets;
	/* styles.xml */
	unsigned long *fmt_ids; /* custom formats: id -> is date */
	bool *fmt_date;
	size_t n_fmts;
	bool *xf_date; /* per cellXfs index */
	size_t n_xfs;
	bool in_cellxfs, in_numfmts;
	/* sharedStrings.xml */
	const char **strings;
	size_t n_strings, cap_strings;
	/* text being collected */
	acc text;
	int in_si, in_rph, collecting;
} reader;

static cz_status read_part(reader *R, const char *name, char **data, size_t *len)
{
	return cz_zip_read(R->zip, name, data, len, R->problems);
}

static cz_status parse_part(reader *R, const char *name, const cz_xml_handlers *h, void *ctx)
{
	char *data;
	size_t len;
	cz_status st = read_part(R, name, &data, &len);
	if (st != CZ_OK)
		return st;
	st = cz_xml_parse(data, len, name, h, ctx, R->problems);
	free(data);
	return st;
}

static void text_piece(reader *R, cz_xml *x, const char *s, size_t len, const char *where)
{
	int r = acc_add(&R->text, s, len, R->lim->max_text);
	if (r < 0) {
		cz_xml_nomem(x);
	} else if (r > 0) {
		cz_problems_add(R->problems, 0, 0,
				"classeur refusé\u00A0: un texte de %s dépasse %zu Kio", where,
				R->lim->max_text / 1024);
		cz_xml_fail(x);
	}
}

/* ---- workbook.xml ------------------------------------------------------- */

static void wb_start(cz_xml *x, void *ctx, const char *name, const char **attrs)
{
	reader *R = ctx;
	if (strcmp(name, "workbookPr") == 0) {
		const char *d = cz_xml_attr(attrs, "date1904");
		R->book->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		return;
	}
	if (strcmp(name, "sheet") != 0)
		return;
	const char *sname = cz_xml_attr(attrs, "name"), *rid = cz_xml_attr(attrs, "id");
	if (!sname || !rid)
		return;
	if (R->n_sheet_refs >= R->lim->max_sheets) {
		R->too_many_sheets = true;
		return;
	}
	sheet_ref *refs = realloc(R->sheet_refs, (R->n_sheet_refs + 1) * sizeof(*refs));
	if (!refs) {
		cz_xml_nomem(x);
		return;
	}
	R->sheet_refs = refs;
	sheet_ref sr = { cz_arena_strdup(R->arena, sname), cz_arena_strdup(R->arena, rid) };
	if (!sr.name || !sr.rid) {
		cz_xml_nomem(x);
		return;
	}
	R->sheet_refs[R->n_sheet_refs++] = sr;
}

/* ---- styles.xml --------------------------------------------------------- */

static void styles_start(cz_xml *x, void *ctx, const char *name, const char **attrs)
{
	reader *R = ctx;
	if (strcmp(name, "numFmts") == 0) {
		R->in_numfmts = true;
	} else if (strcmp(name, "numFmt") == 0 && R->in_numfmts) {
		unsigned long id;
		const char *code = cz_xml_attr(attrs, "formatCode");
		if (!code || !parse_uint(cz_xml_attr(attrs, "numFmtId"), 100000, &id))
			return;
		if (R->n_fmts >= R->lim->max_styles)
			return;
		unsigned long *ids = realloc(R->fmt_ids, (R->n_fmts + 1) * sizeof(*ids));
		if (ids)
			R->fmt_ids = ids;
		bool *dates = ids ? realloc(R->fmt_date, (R->n_fmts + 1) * sizeof(*dates)) : NULL;
		if (!ids || !dates) {
			cz_xml_nomem(x);
			return;
		}
		R->fmt_date = dates;
		R->fmt_ids[R->n_fmts] = id;
		R->fmt_date[R->n_fmts++] = custom_date_format(code);
	} else if (strcmp(name, "cellXfs") == 0) {
		R->in_cellxfs = true;
	} else if (strcmp(name, "xf") == 0 && R->in_cellxfs) {
		if (R->n_xfs >= R->lim->max_styles) {
			char max[CZ_FR_SIZE];
			cz_problems_add(R->problems, 0, 0, "classeur refusé\u00A0: plus de %s formats de cellule",
					cz_fr_number(max, sizeof(max), (double)R->lim->max_styles, 0));
			cz_xml_fail(x);
			return;
		}
		unsigned long id = 0;
		bool date = false;
		if (parse_uint(cz_xml_attr(attrs, "numFmtId"), 100000, &id)) {
			date = builtin_date_format(id);
			for (size_t i = 0; i < R->n_fmts; i++)
				if (R->fmt_ids[i] == id)
					date = R->fmt_date[i];
		}
		bool *xd = realloc(R->xf_date, (R->n_xfs + 1) * sizeof(*xd));
		if (!xd) {
			cz_xml_nomem(x);
			return;
		}
		R->xf_date = xd;
		R->xf_date[R->n_xfs++] = date;
	}
}

static void styles_end(cz_xml *x, void *ctx, const char *name)
{
	(void)x;
	reader *R = ctx;
	if (strcmp(name, "cellXfs") == 0)
		R->in_cellxfs = false;
	else if (strcmp(name, "numFmts") == 0)
		R->in_numfmts = false;
}

/* ---- sharedStrings.xml -------------------------------------------------- */

static void sst_start(cz_xml *x, void *ctx, const char *name, const char **attrs)
{
	(void)attrs;
	reader *R = ctx;
	if (strcmp(name, "si") == 0) {
		if (R->n_strings >= R->lim->max_strings) {
			char max[CZ_FR_SIZE];
			cz_problems_add(R->problems, 0, 0, "classeur refusé\u00A0: plus de %s textes partagés",
					cz_fr_number(max, sizeof(max), (double)R->lim->max_strings, 0));
			cz_xml_fail(x);
			return;
		}
		R->in_si = 1;
		R->in_rph = 0;
		acc_reset(&R->text);
	} else if (strcmp(name, "rPh") == 0) {
		R->in_rph++;
	} else if (strcmp(name, "t") == 0 && R->in_si && !R->in_rph) {
		R->collecting = 1;
	}
}

static void sst_end(cz_xml *x, void *ctx, const char *name)
{
	reader *R = ctx;
	if (strcmp(name, "t") == 0) {
		R->collecting = 0;
	} else if (strcmp(name, "rPh") == 0) {
		if (R->in_rph)
			R->in_rph--;
	} else if (strcmp(name, "si") == 0 && R->in_si) {
		R->in_si = 0;
		if (R->n_strings == R->cap_strings) {
			size_t cap = R->cap_strings ? R->cap_strings * 2 : 256;
			const char **s = realloc(R->strings, cap * sizeof(*s));
			if (!s) {
				cz_xml_nomem(x);
				return;
			}
			R->strings = s;
			R->cap_strings = cap;
		}
		size_t len = R->text.len;
		char *s = cz_arena_strndup(R->arena, R->text.data ? R->text.data : "", len);
		if (!s) {
			cz_xml_nomem(x);
			return;
		}
		decode_x_escapes(s, &len);
		R->strings[R->n_strings++] = s;
	}
}

static void sst_text(cz_xml *x, void *ctx, const char *s, size_t len)
{
	reader *R = ctx;
	if (R->collecting)
		text_piece(R, x, s, len, "la liste des textes partagés");
}

/* ---- worksheets --------------------------------------------------------- */

enum { COLLECT_NONE, COLLECT_V, COLLECT_F, COLLECT_IS };

typedef struct {
	reader *R;
	cz_xsheet *sheet;
	cz_xcell *cells;
	size_t n_cells, cap_cells;
	bool in_data;
	long row;      /* current row, -1 before the first */
	long last_col; /* last cell's column in the row */
	long counted_row;
	/* the cell being read */
	bool in_cell, in_is;
	unsigned c_row, c_col;
	char c_type[12];
	unsigned long c_style;
	acc v, f;
	bool has_v, has_f;
	int collect, rph;
} sheet_ctx;

static void ws_start(cz_xml *x, void *ctx, const char *name, const char **attrs)
{
	sheet_ctx *S = ctx;
	if (strcmp(name, "sheetData") == 0) {
		S->in_data = true;
		return;
	}
	if (!S->in_data)
		return;
	if (strcmp(name, "row") == 0) {
		unsigned long r;
		if (parse_uint(cz_xml_attr(attrs, "r"), MAX_GRID_ROWS, &r) && r >= 1)
			S->row = (long)r - 1;
		else
			S->row++;
		if (S->row >= (long)MAX_GRID_ROWS) {
			cz_problems_add(S->R->problems, 0, 0,
					"classeur illisible\u00A0: la feuille «\u00A0%s\u00A0» dépasse la dernière ligne d'un tableur",
					S->sheet->name);
			cz_xml_fail(x);
			return;
		}
		S->last_col = -1;
	} else if (strcmp(name, "c") == 0) {
		if (S->row < 0)
			S->row = 0; /* a cell outside any row element */
		const char *ref = cz_xml_attr(attrs, "r");
		unsigned r, c;
		if (ref && parse_ref(ref, &r, &c)) {
			S->c_row = r;
			S->c_col = c;
			S->row = (long)r;
		} else {
			S->c_row = (unsigned)S->row;
			S->c_col = (unsigned)(S->last_col + 1);
		}
		if (S->c_col >= MAX_GRID_COLS) {
			cz_problems_add(S->R->problems, 0, 0,
					"classeur illisible\u00A0: la feuille «\u00A0%s\u00A0» dépasse la dernière colonne d'un tableur",
					S->sheet->name);
			cz_xml_fail(x);
			return;
		}
		S->last_col = (long)S->c_col;
		const char *t = cz_xml_attr(attrs, "t");
		snprintf(S->c_type, sizeof(S->c_type), "%s", t ? t : "n");
		unsigned long style = 0;
		S->c_style = parse_uint(cz_xml_attr(attrs, "s"), 1000000, &style) ? style : 0;
		S->in_cell = true;
		S->in_is = false;
		S->has_v = S->has_f = false;
		S->rph = 0;
		acc_reset(&S->v);
		acc_reset(&S->f);
	} else if (S->in_cell) {
		if (strcmp(name, "v") == 0) {
			S->collect = COLLECT_V;
			S->has_v = true;
		} else if (strcmp(name, "f") == 0) {
			S->collect = COLLECT_F;
			S->has_f = true;
		} else if (strcmp(name, "is") == 0) {
			S->in_is = true;
			S->has_v = true;
		} else if (strcmp(name, "rPh") == 0) {
			S->rph++;
		} else if (strcmp(name, "t") == 0 && S->in_is && !S->rph) {
			S->collect = COLLECT_IS;
		}
	}
}

static bool add_cell(sheet_ctx *S, cz_xml *x, const cz_xcell *c)
{
	reader *R = S->R;
	if (S->counted_row != (long)c->row) {
		S->counted_row = (long)c->row;
		if (++S->sheet->n_rows > R->lim->max_rows) {
			char max[CZ_FR_SIZE];
			cz_problems_add(R->problems, 0, 0,
					"classeur refusé\u00A0: la feuille «\u00A0%s\u00A0» a plus de %s lignes remplies",
					S->sheet->name, cz_fr_number(max, sizeof(max), (double)R->lim->max_rows, 0));
			cz_xml_fail(x);
			return false;
		}
	}
	if (++R->total_cells > R->lim->max_cells) {
		char max[CZ_FR_SIZE];
		cz_problems_add(R->problems, 0, 0,
				"classeur refusé\u00A0: plus de %s cellules remplies (feuille «\u00A0%s\u00A0»)",
				cz_fr_number(max, sizeof(max), (double)R->lim->max_cells, 0), S->sheet->name);
		cz_xml_fail(x);
		return false;
	}
	if (S->n_cells == S->cap_cells) {
		size_t cap = S->cap_cells ? S->cap_cells * 2 : 256;
		cz_xcell *cells = realloc(S->cells, cap * sizeof(*cells));
		if (!cells) {
			cz_xml_nomem(x);
			return false;
		}
		S->cells = cells;
		S->cap_cells = cap;
	}
	S->cells[S->n_cells++] = *c;
	return true;
}

static const char *keep(sheet_ctx *S, cz_xml *x, const acc *a, bool decode)
{
	size_t len = a->len;
	char *s = cz_arena_strndup(S->R->arena, a->data ? a->data : "", len);
	if (!s) {
		cz_xml_nomem(x);
		return NULL;
	}
	if (decode)
		decode_x_escapes(s, &len);
	return s;
}

static void end_cell(sheet_ctx *S, cz_xml *x)
{
	reader *R = S->R;
	S->in_cell = false;
	cz_xcell c = { .row = S->c_row, .col = S->c_col, .kind = CZ_XV_NONE };
	if (S->has_f && S->f.len > 0 && !(c.formula = keep(S, x, &S->f, false)))
		return;
	const char *t = S->c_type;
	const char *v = S->v.data ? S->v.data : "";
	bool date_style = S->c_style < R->n_xfs && R->xf_date[S->c_style];
	if (!S->has_v || (S->v.len == 0 && strcmp(t, "inlineStr") != 0 && strcmp(t, "str") != 0)) {
		if (!c.formula)
			return; /* an empty (formatted) cell */
	} else if (strcmp(t, "s") == 0) {
		unsigned long idx;
		if (!parse_uint(v, (unsigned long)R->n_strings, &idx) || idx >= R->n_strings) {
			cz_problems_add(R->problems, 0, 0,
					"classeur illisible\u00A0: la feuille «\u00A0%s\u00A0» renvoie à un texte partagé qui n'existe pas",
					S->sheet->name);
			cz_xml_fail(x);
			return;
		}
		c.kind = CZ_XV_TEXT;
		c.text = R->strings[idx];
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		c.kind = CZ_XV_TEXT;
		if (!(c.text = keep(S, x, &S->v, true)))
			return;
	} else if (strcmp(t, "b") == 0) {
		c.kind = CZ_XV_BOOL;
		c.number = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	} else if (strcmp(t, "e") == 0) {
		c.kind = CZ_XV_ERROR;
		if (!(c.text = keep(S, x, &S->v, false)))
			return;
	} else if (strcmp(t, "d") == 0) {
		if (iso_serial(v, R->book->date1904, &c.number)) {
			c.kind = CZ_XV_NUMBER;
			c.date = true;
		} else {
			c.kind = CZ_XV_TEXT;
			if (!(c.text = keep(S, x, &S->v, false)))
				return;
		}
	} else {
		if (parse_double(v, &c.number)) {
			c.kind = CZ_XV_NUMBER;
			c.date = date_style;
		} else {
			c.kind = CZ_XV_TEXT; /* not a number after all: keep what it says */
			if (!(c.text = keep(S, x, &S->v, false)))
				return;
		}
	}
	if (c.kind == CZ_XV_TEXT && !c.formula && c.text[0] == '\0')
		return; /* an empty string is an empty cell */
	add_cell(S, x, &c);
}

static void ws_end(cz_xml *x, void *ctx, const char *name)
{
	sheet_ctx *S = ctx;
	if (strcmp(name, "sheetData") == 0) {
		S->in_data = false;
	} else if (!S->in_data) {
		return;
	} else if (strcmp(name, "c") == 0 && S->in_cell) {
		end_cell(S, x);
	} else if (strcmp(name, "v") == 0 || strcmp(name, "f") == 0 || strcmp(name, "t") == 0) {
		S->collect = COLLECT_NONE;
	} else if (strcmp(name, "is") == 0) {
		S->in_is = false;
	} else if (strcmp(name, "rPh") == 0 && S->rph) {
		S->rph--;
	}
}

static void ws_text(cz_xml *x, void *ctx, const char *s, size_t len)
{
	sheet_ctx *S = ctx;
	if (!S->in_cell || S->collect == COLLECT_NONE)
		return;
	acc *a = S->collect == COLLECT_F ? &S->f : &S->v;
	int r = acc_add(a, s, len, S->R->lim->max_text);
	if (r < 0) {
		cz_xml_nomem(x);
	} else if (r > 0) {
		char ref[16];
		cz_problems_add(S->R->problems, 0, 0,
				"classeur refusé\u00A0: un texte de la feuille «\u00A0%s\u00A0» (cellule %s) dépasse %zu Kio",
				S->sheet->name, cz_xlsx_cell_ref(ref, S->c_row, S->c_col),
				S->R->lim->max_text / 1024);
		cz_xml_fail(x);
	}
}

/* Cells with their document order, for sorting a sheet written out of order. */
typedef struct {
	cz_xcell c;
	size_t seq;
} ordered_cell;

static int cmp_pos(const cz_xcell *x, const cz_xcell *y)
{
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static int cmp_ordered(const void *a, const void *b)
{
	const ordered_cell *x = a, *y = b;
	int c = cmp_pos(&x->c, &y->c);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Rows and cells come in order from every writer we know; sort anyway (by
 * position, then document order) and keep the last of two cells written
 * at one position. */
static cz_status sort_cells(cz_xcell *cells, size_t *n)
{
	bool sorted = true;
	for (size_t i = 1; i < *n && sorted; i++)
		sorted = cmp_pos(&cells[i - 1], &cells[i]) < 0;
	if (sorted)
		return CZ_OK;
	ordered_cell *o = malloc(*n * sizeof(*o));
	if (!o)
		return CZ_ERR_NOMEM;
	for (size_t i = 0; i < *n; i++)
		o[i] = (ordered_cell){ cells[i], i };
	qsort(o, *n, sizeof(*o), cmp_ordered);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (k && cmp_pos(&o[i].c, &cells[k - 1]) == 0)
			cells[k - 1] = o[i].c; /* a later one at the same place */
		else
			cells[k++] = o[i].c;
	}
	free(o);
	*n = k;
	return CZ_OK;
}

static cz_status read_sheet(reader *R, const char *part, cz_xsheet *sheet)
{
	static const cz_xml_handlers h = { ws_start, ws_end, ws_text };
	sheet_ctx S = { .R = R, .sheet = sheet, .row = -1, .last_col = -1, .counted_row = -1 };
	cz_status st = parse_part(R, part, &h, &S);
	if (st == CZ_OK && S.n_cells && (st = sort_cells(S.cells, &S.n_cells)) == CZ_OK) {
		sheet->cells = cz_arena_calloc(R->arena, S.n_cells, sizeof(*sheet->cells));
		if (!sheet->cells) {
			st = CZ_ERR_NOMEM;
		} else {
			memcpy(sheet->cells, S.cells, S.n_cells * sizeof(*sheet->cells));
			sheet->n_cells = S.n_cells;
			sheet->n_rows = 0;
			for (size_t i = 0; i < S.n_cells; i++)
				if (i == 0 || S.cells[i].row != S.cells[i - 1].row)
					sheet->n_rows++;
		}
	}
	free(S.cells);
	free(S.v.data);
	free(S.f.data);
	return st;
}

/* ---- the whole workbook -------------------------------------------------- */

static void dir_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) + 1 : 0;
	if (n >= size)
		n = 0;
	memcpy(out, path, n);
	out[n] = '\0';
}

static cz_status read_rels(reader *R, const char *part, rels *out)
{
	static const cz_xml_handlers h = { rels_start, NULL, NULL };
	return parse_part(R, part, &h, out);
}

cz_status cz_xlsx_read(const void *data, size_t len, const cz_xlsx_limits *limits, cz_xbook **out,
		       cz_problems *problems)
{
	*out = NULL;
	const cz_xlsx_limits *lim = limits ? limits : &cz_xlsx_default_limits;
	reader R = { .lim = lim, .problems = problems };
	rels pkg = { 0 }, wb = { 0 };
	cz_status st = cz_zip_open(data, len, &lim->zip, &R.zip, problems);
	if (st != CZ_OK)
		return st;
	st = CZ_ERR_NOMEM;
	if (!(R.arena = cz_arena_new()))
		goto out;
	if (!(R.book = cz_arena_alloc(R.arena, sizeof(*R.book))))
		goto out;
	R.book->arena = R.arena;
	pkg.arena = wb.arena = R.arena;

	/* The workbook part, from the package relationships. */
	char wb_part[512] = "xl/workbook.xml";
	if (cz_zip_has(R.zip, "_rels/.rels")) {
		if ((st = read_rels(&R, "_rels/.rels", &pkg)) != CZ_OK)
			goto out;
		const rel *doc = rels_find_type(&pkg, "officeDocument");
		if (doc && !resolve_target("", doc->target, wb_part, sizeof(wb_part))) {
			cz_problems_add(problems, 0, 0, "classeur illisible\u00A0: chemin du classeur invalide");
			st = CZ_ERR_INVALID;
			goto out;
		}
	}
	if (!cz_zip_has(R.zip, wb_part)) {
		if (cz_zip_has(R.zip, "content.xml") && cz_zip_has(R.zip, "mimetype"))
			cz_problems_add(problems, 0, 0,
					"ce n'est pas un classeur XLSX\u00A0: un document OpenDocument (.ods)\u202F; "
					"enregistrez-le au format .xlsx (Excel 2007-365)");
		else
			cz_problems_add(problems, 0, 0,
					"ce n'est pas un classeur XLSX\u00A0: l'archive ne contient pas de classeur");
		st = CZ_ERR_INVALID;
		goto out;
	}
	static const cz_xml_handlers wb_h = { wb_start, NULL, NULL };
	if ((st = parse_part(&R, wb_part, &wb_h, &R)) != CZ_OK)
		goto out;
	if (R.too_many_sheets) {
		cz_problems_add(problems, 0, 0, "classeur refusé\u00A0: plus de %zu feuilles", lim->max_sheets);
		st = CZ_ERR_INVALID;
		goto out;
	}
	char dir[512], rels_part[1024];
	dir_of(wb_part, dir, sizeof(dir));
	snprintf(rels_part, sizeof(rels_part), "%s_rels/%s.rels", dir, wb_part + strlen(dir));
	if (cz_zip_has(R.zip, rels_part) && (st = read_rels(&R, rels_part, &wb)) != CZ_OK)
		goto out;

	char part[1024];
	const rel *r;
	if ((r = rels_find_type(&wb, "styles")) && resolve_target(dir, r->target, part, sizeof(part)) &&
	    cz_zip_has(R.zip, part)) {
		static const cz_xml_handlers h = { styles_start, styles_end, NULL };
		if ((st = parse_part(&R, part, &h, &R)) != CZ_OK)
			goto out;
	}
	if ((r = rels_find_type(&wb, "sharedStrings")) &&
	    resolve_target(dir, r->target, part, sizeof(part)) && cz_zip_has(R.zip, part)) {
		static const cz_xml_handlers h = { sst_start, sst_end, sst_text };
		if ((st = parse_part(&R, part, &h, &R)) != CZ_OK)
			goto out;
	}

	st = CZ_ERR_NOMEM;
	R.book->sheets = cz_arena_calloc(R.arena, R.n_sheet_refs, sizeof(*R.book->sheets));
	if (!R.book->sheets)
		goto out;
	for (size_t i = 0; i < R.n_sheet_refs; i++) {
		cz_xsheet *sh = &R.book->sheets[R.book->n_sheets++];
		sh->name = R.sheet_refs[i].name;
		r = rels_find_id(&wb, R.sheet_refs[i].rid);
		if (!r || !resolve_target(dir, r->target, part, sizeof(part))) {
			cz_problems_add(problems, 0, 0,
					"classeur illisible\u00A0: la feuille «\u00A0%s\u00A0» n'a pas de contenu", sh->name);
			st = CZ_ERR_INVALID;
			goto out;
		}
		if (!type_is(r->type, "worksheet")) {
			sh->chart = true; /* chart, dialog or macro sheet: no cells to read */
			continue;
		}
		if ((st = read_sheet(&R, part, sh)) != CZ_OK)
			goto out;
	}
	*out = R.book;
	R.book = NULL;
	R.arena = NULL;
	st = CZ_OK;
out:
	free(pkg.items);
	free(wb.items);
	free(R.sheet_refs);
	free(R.fmt_ids);
	free(R.fmt_date);
	free(R.xf_date);
	free(R.strings);
	free(R.text.data);
	cz_arena_free(R.arena);
	cz_zip_close(R.zip);
	return st;
}

void cz_xbook_free(cz_xbook *book)
{
	if (book)
		cz_arena_free(book->arena);
}

size_t cz_xsheet_row_start(const cz_xsheet *s, unsigned row)
{
	size_t lo = 0, hi = s->n_cells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->cells[mid].row < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const cz_xcell *cz_xsheet_cell(const cz_xsheet *s, unsigned row, unsigned col)
{
	for (size_t i = cz_xsheet_row_start(s, row); i < s->n_cells && s->cells[i].row == row; i++)
		if (s->cells[i].col == col)
			return &s->cells[i];
	return NULL;
}
