#include "xlsx_formula.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Formulas longer than this, or nesting deeper, are not the ones a person
 * types in a form. */
#define MAX_FORMULA 512
#define MAX_DEPTH 16
/* Cells a SUM may add. */
#define MAX_RANGE 100000

/* Cells read and operators applied in one evaluation, formulas of the cells
 * it refers to included: bounds the work whatever the sheet holds. */
#define MAX_STEPS 200000

typedef struct {
	const cz_xsheet *sheet;
	const char *p;
	int depth;
	long *steps;
	bool ok;
} parser;

/*
 * A recursive-descent parser: an expression nests factors, and a cell it
 * names may hold a formula of its own. Both recursions are bounded (nesting
 * MAX_DEPTH, work MAX_STEPS), which is why misc-no-recursion is silenced
 * here and only here.
 */
// NOLINTBEGIN(misc-no-recursion)

static bool eval_in(const cz_xsheet *sheet, const char *formula, int depth, long *steps, double *out);

static void skip(parser *P)
{
	while (*P->p == ' ')
		P->p++;
}

static bool cell_value(const parser *P, unsigned row, unsigned col, bool in_range, double *out)
{
	if (++*P->steps > MAX_STEPS)
		return false;
	const cz_xcell *c = cz_xsheet_cell(P->sheet, row, col);
	if (!c) {
		*out = 0; /* an empty cell counts as 0, in a sum as in arithmetic */
		return true;
	}
	switch (c->kind) {
	case CZ_XV_NUMBER:
	case CZ_XV_BOOL:
		*out = c->number;
		return true;
	case CZ_XV_NONE:
		return c->formula && eval_in(P->sheet, c->formula, P->depth + 1, P->steps, out);
	case CZ_XV_TEXT:
		if (in_range) { /* SUM skips text */
			*out = 0;
			return true;
		}
		return false;
	default:
		return false;
	}
}

/* A1 or $A$1; true with the position when one is there (P->p advanced). */
static bool parse_ref(parser *P, unsigned *row, unsigned *col)
{
	const char *s = P->p;
	if (*s == '$')
		s++;
	unsigned c = 0, r = 0;
	int letters = 0;
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
		c = c * 26 + (unsigned)((*s | 0x20) - 'a' + 1);
		if (++letters > 3)
			return false;
		s++;
	}
	if (!letters)
		return false;
	if (*s == '$')
		s++;
	int digits = 0;
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (unsigned)(*s - '0');
		if (++digits > 7)
			return false;
		s++;
	}
	if (!digits || r == 0 || c == 0 || c > 16384 || r > 1048576)
		return false;
	/* A name such as SUM( is a function, not a cell. */
	if (*s == '(' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_' || *s == '!')
		return false;
	*row = r - 1;
	*col = c - 1;
	P->p = s;
	return true;
}

static double expr(parser *P);

static double sum_args(parser *P)
{
	double total = 0;
	skip(P);
	if (*P->p == ')') {
		P->p++;
		return 0;
	}
	for (;;) {
		skip(P);
		const char *save = P->p;
		unsigned r0, c0, r1, c1;
		if (parse_ref(P, &r0, &c0) && (skip(P), *P->p == ':')) {
			P->p++;
			skip(P);
			if (!parse_ref(P, &r1, &c1)) {
				P->ok = false;
				return 0;
			}
			if (r1 < r0) {
				unsigned t = r0;
				r0 = r1;
				r1 = t;
			}
			if (c1 < c0) {
				unsigned t = c0;
				c0 = c1;
				c1 = t;
			}
			if ((double)(r1 - r0 + 1) * (double)(c1 - c0 + 1) > MAX_RANGE) {
				P->ok = false;
				return 0;
			}
			for (unsigned r = r0; r <= r1 && P->ok; r++)
				for (unsigned c = c0; c <= c1 && P->ok; c++) {
					double v;
					if (cell_value(P, r, c, true, &v))
						total += v;
					else
						P->ok = false;
				}
		} else {
			P->p = save;
			total += expr(P);
		}
		if (!P->ok)
			return 0;
		skip(P);
		if (*P->p == ';' || *P->p == ',') {
			P->p++;
			continue;
		}
		if (*P->p == ')') {
			P->p++;
			return total;
		}
		P->ok = false;
		return 0;
	}
}

static double factor(parser *P)
{
	skip(P);
	if (!P->ok)
		return 0;
	if (++*P->steps > MAX_STEPS || ++P->depth > MAX_DEPTH) {
		P->ok = false;
		return 0;
	}
	double v = 0;
	char c = *P->p;
	unsigned row, col;
	if (c == '-' || c == '+') {
		P->p++;
		v = factor(P);
		v = c == '-' ? -v : v;
	} else if (c == '(') {
		P->p++;
		v = expr(P);
		skip(P);
		if (*P->p == ')')
			P->p++;
		else
			P->ok = false;
	} else if ((c >= '0' && c <= '9') || c == '.') {
		char *end;
		v = strtod(P->p, &end);
		if (end == P->p)
			P->ok = false;
		for (const char *q = P->p; q < end; q++)
			if (*q == 'x' || *q == 'X' || *q == 'n' || *q == 'N' || *q == 'i' || *q == 'I')
				P->ok = false;
		P->p = end;
		if (*P->p == '%') {
			v /= 100;
			P->p++;
		}
	} else if (strncmp(P->p, "SUM(", 4) == 0 || strncmp(P->p, "sum(", 4) == 0 ||
		   strncmp(P->p, "SOMME(", 6) == 0) {
		P->p += P->p[1] == 'O' ? 6 : 4;
		v = sum_args(P);
	} else if (parse_ref(P, &row, &col)) {
		if (!cell_value(P, row, col, false, &v))
			P->ok = false;
	} else {
		P->ok = false;
	}
	P->depth--;
	return v;
}

static double term(parser *P)
{
	double v = factor(P);
	for (;;) {
		skip(P);
		char op = *P->p;
		if (!P->ok || (op != '*' && op != '/'))
			return v;
		P->p++;
		double w = factor(P);
		if (op == '*') {
			v *= w;
		} else if (w == 0) {
			P->ok = false;
			return 0;
		} else {
			v /= w;
		}
	}
}

static double expr(parser *P)
{
	double v = term(P);
	for (;;) {
		skip(P);
		char op = *P->p;
		if (!P->ok || (op != '+' && op != '-'))
			return v;
		P->p++;
		double w = term(P);
		v = op == '+' ? v + w : v - w;
	}
}

static bool eval_in(const cz_xsheet *sheet, const char *formula, int depth, long *steps, double *out)
{
	if (depth > MAX_DEPTH || strlen(formula) > MAX_FORMULA)
		return false;
	if (*formula == '=')
		formula++;
	parser P = { sheet, formula, depth, steps, true };
	double v = expr(&P);
	skip(&P);
	if (!P.ok || *P.p || !isfinite(v))
		return false;
	*out = v;
	return true;
}

// NOLINTEND(misc-no-recursion)

bool cz_xlsx_eval(const cz_xsheet *sheet, const char *formula, double *out)
{
	long steps = 0;
	return eval_in(sheet, formula, 0, &steps, out);
}

bool cz_xlsx_cell_number(const cz_xsheet *sheet, const cz_xcell *c, double *out)
{
	if (c->kind == CZ_XV_NUMBER || c->kind == CZ_XV_BOOL) {
		*out = c->number;
		return true;
	}
	return c->kind == CZ_XV_NONE && c->formula && cz_xlsx_eval(sheet, c->formula, out);
}
