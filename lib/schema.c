#include "schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "number.h"
#include "text.h"

#define EXCERPT 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Edit distance with adjacent transpositions, capped: words longer than
 * 64 bytes are never suggested. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

/* `s` as suggestions compare it: case and accents folded, and spaces and
 * hyphens read as the underscore of keywords ("Personnes âgées" and
 * "personnes_agees" are the same word). */
static void suggest_fold(const char *s, char *out, size_t size)
{
	cz_fold(s, false, out, size);
	for (char *c = out; *c; c++)
		if (*c == ' ' || *c == '-')
			*c = '_';
}

const char *cz_suggest(const char *word, const char *const *candidates, size_t n)
{
	/* Over 64 bytes folded, distance() refuses a word: no suggestion by distance. */
	char w[256], cand[256];
	suggest_fold(word, w, sizeof(w));
	size_t len = strlen(w);
	size_t limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i]) /* an id missing from an amended referential */
			continue;
		suggest_fold(candidates[i], cand, sizeof(cand));
		size_t d = distance(w, cand);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best)
		return best;
	/* A prefix of a long id ("emergence.besoin" for "emergence.besoins")
	 * is covered above; also accept a candidate that contains the word. */
	if (len >= 4)
		for (size_t i = 0; i < n; i++) {
			if (!candidates[i])
				continue;
			suggest_fold(candidates[i], cand, sizeof(cand));
			if (strstr(cand, w))
				return candidates[i];
		}
	return NULL;
}

/* Paths are built for every value read, error or not: keep them cheap
 * (plain copies, no printf). Output is cut to `size`. */
static size_t append(char *buf, size_t size, size_t at, const char *s)
{
	size_t l = strlen(s);
	if (at + 1 >= size)
		return at;
	if (l > size - at - 1)
		l = cz_utf8_prefix(s, l, size - at - 1); /* a key may be a service's name */
	memcpy(buf + at, s, l);
	buf[at + l] = '\0';
	return at + l;
}

const char *cz_path_key(char *buf, size_t size, const char *parent, const char *key)
{
	size_t at = 0;
	buf[0] = '\0';
	if (parent && *parent) {
		at = append(buf, size, at, parent);
		at = append(buf, size, at, ".");
	}
	append(buf, size, at, key);
	return buf;
}

const char *cz_path_index(char *buf, size_t size, const char *parent, size_t index)
{
	char digits[24];
	size_t n = sizeof(digits) - 1;
	digits[n] = '\0';
	index += 1; /* people count from 1 */
	do {
		digits[--n] = (char)('0' + index % 10);
		index /= 10;
	} while (index && n > 0);
	buf[0] = '\0';
	size_t at = append(buf, size, 0, parent);
	at = append(buf, size, at, "[");
	at = append(buf, size, at, digits + n);
	append(buf, size, at, "]");
	return buf;
}

static const char *kind_name(const cz_node *n)
{
	switch (n->kind) {
	case CZ_NODE_MAP:
		return "une table (clé: valeur)";
	case CZ_NODE_SEQ:
		return "une liste";
	default:
		return "un texte";
	}
}

bool cz_expect_map(cz_schema *s, const cz_node *n, const char *path)
{
	if (n->kind == CZ_NODE_MAP)
		return true;
	cz_problems_add(s->problems, n->line, n->column,
			"«\u00A0%s\u00A0» doit être une table de clés (clé: valeur), pas %s", path, kind_name(n));
	return false;
}

bool cz_expect_seq(cz_schema *s, const cz_node *n, const char *path)
{
	if (n->kind == CZ_NODE_SEQ)
		return true;
	cz_problems_add(s->problems, n->line, n->column,
			"«\u00A0%s\u00A0» doit être une liste (éléments commençant par «\u00A0-\u00A0»), pas %s", path,
			kind_name(n));
	return false;
}

/* The place of `t` among words[0..n), searched from `from` round once (n
 * when absent): the first byte compared first, most words differ there.
 * With words each written once, the start changes nothing but the number
 * of comparisons. */
static size_t word_place(const char *t, const char *const *words, size_t n, size_t from)
{
	size_t j = from < n ? from : 0;
	for (size_t tries = 0; tries < n; tries++) {
		if (t[0] == words[j][0] && strcmp(t, words[j]) == 0)
			return j;
		j = j + 1 < n ? j + 1 : 0;
	}
	return n;
}

void cz_check_keys(cz_schema *s, const cz_node *map, const char *path,
		   const char *const *allowed, size_t n_allowed)
{
	for (size_t i = 0; i < map->count; i++) {
		const cz_node *k = map->keys[i];
		if (word_place(k->text, allowed, n_allowed, 0) < n_allowed)
			continue;
		char ex[EXCERPT];
		cz_excerpt(k->text, k->len, ex, sizeof(ex));
		const char *hint = cz_suggest(k->text, allowed, n_allowed);
		const char *where = path && *path ? path : "la racine du fichier";
		if (hint)
			cz_problems_add(s->problems, k->line, k->column,
					"clé inconnue «\u00A0%s\u00A0» dans «\u00A0%s\u00A0» — vouliez-vous dire «\u00A0%s\u00A0»\u202F?", ex,
					where, hint);
		else
			cz_problems_add(s->problems, k->line, k->column,
					"clé inconnue «\u00A0%s\u00A0» dans «\u00A0%s\u00A0»", ex, where);
	}
}

bool cz_map_fields(const cz_node *map, const char *const *allowed, size_t n_allowed,
		   const cz_node **found)
{
	bool all_known = true;
	for (size_t j = 0; j < n_allowed; j++)
		found[j] = NULL;
	/* Keys are mostly written in the schema's order: each search starts
	 * after the previous key's place and goes round once. */
	size_t from = 0;
	for (size_t i = 0; i < map->count; i++) {
		size_t j = word_place(map->keys[i]->text, allowed, n_allowed, from);
		if (j == n_allowed) {
			all_known = false;
			continue;
		}
		if (!found[j])
			found[j] = map->items[i];
		from = j + 1;
	}
	return all_known;
}

const cz_node *cz_require(cz_schema *s, const cz_node *map, const char *path, const char *key)
{
	const cz_node *v = cz_node_get(map, key);
	if (!v)
		cz_problems_add(s->problems, map->line, map->column,
				"clé obligatoire «\u00A0%s\u00A0» absente de «\u00A0%s\u00A0»", key,
				path && *path ? path : "la racine du fichier");
	return v;
}

static bool expect_scalar(cz_schema *s, const cz_node *n, const char *path, const char *what)
{
	if (n->kind == CZ_NODE_SCALAR)
		return true;
	cz_problems_add(s->problems, n->line, n->column, "«\u00A0%s\u00A0» doit être %s, pas %s", path,
			what, kind_name(n));
	return false;
}

bool cz_read_string(cz_schema *s, const cz_node *n, const char *path, const char **out)
{
	if (!expect_scalar(s, n, path, "un texte"))
		return false;
	if (cz_node_is_null(n) || n->len == 0) {
		cz_problems_add(s->problems, n->line, n->column, "«\u00A0%s\u00A0» ne doit pas être vide", path);
		return false;
	}
	*out = n->text; /* the tree lives in the same arena */
	return true;
}

/* ASCII case-insensitive equality (locale-free, unlike strcasecmp). */
static bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
		int y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* The words a boolean may be written with, in any case: YAML's own and
 * the French ones the reports use (« oui / non »). */
static const char *const bool_true[] = { "true", "oui", "vrai" };
static const char *const bool_false[] = { "false", "non", "faux" };

static int bool_word(const char *t)
{
	for (size_t i = 0; i < sizeof(bool_true) / sizeof(bool_true[0]); i++) {
		if (ascii_ieq(t, bool_true[i]))
			return 1;
		if (ascii_ieq(t, bool_false[i]))
			return 0;
	}
	return -1;
}

bool cz_bool_ok(const cz_node *n, bool *out)
{
	/* cz_read_bool's conditions of success */
	int v;
	if (n->kind != CZ_NODE_SCALAR || !n->plain || (v = bool_word(n->text)) < 0)
		return false;
	*out = v == 1;
	return true;
}

bool cz_read_bool(cz_schema *s, const cz_node *n, const char *path, bool *out)
{
	if (!expect_scalar(s, n, path, "oui ou non (true ou false)"))
		return false;
	int v = bool_word(n->text);
	if (n->plain && v >= 0) {
		*out = v == 1;
		return true;
	}
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	if (v >= 0 && n->str_tag)
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit valoir oui ou non\u00A0: «\u00A0%s\u00A0» est marqué comme texte (étiquette !!str), "
				"retirez l'étiquette", path, ex);
	else if (v >= 0)
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit valoir oui ou non\u00A0: retirez les guillemets autour de «\u00A0%s\u00A0»", path, ex);
	else
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit valoir oui ou non (ou true, false, vrai, faux), pas «\u00A0%s\u00A0»", path, ex);
	return false;
}

/* Strict decimal syntax: -?digits[.digits][e[+-]digits]. No hex, inf, nan;
 * read whatever the caller's locale (lib/number.h). */
static bool parse_decimal(const char *t, double *out)
{
	return cz_number_parse(t, strlen(t), out);
}

static void format_bound(char *buf, size_t size, double v)
{
	char n[CZ_NUMBER_MAX];
	cz_number_shortest(v, n);
	/* French decimal comma */
	size_t l = 0;
	for (; n[l] && l + 1 < size; l++)
		buf[l] = (char)(n[l] == '.' ? ',' : n[l]);
	buf[l] = '\0';
}

/* What a number written the French way (or with a unit) needs to become a
 * number of the file format: "1 200,50 €" -> "1200.50". */
typedef struct {
	char text[64]; /* the number as it should be written; "" when beyond repair */
	bool space, comma, thousands, euro, percent;
} number_fix;

static void fix_number(const char *t, number_fix *f)
{
	memset(f, 0, sizeof(*f));
	char raw[64];
	size_t n = 0, commas = 0, dots = 0;
	const unsigned char *p = (const unsigned char *)t;
	while (*p) {
		/* a space, no-break space, narrow or thin no-break space */
		size_t sp = *p == ' ' ? 1
			    : p[0] == 0xC2 && p[1] == 0xA0 ? 2
			    : p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89) ? 3
											    : 0;
		if (sp) {
			/* only a space between digits groups thousands; "12 €" is a unit */
			const unsigned char *q = p + sp;
			while (*q == ' ')
				q++;
			if (n > 0 && raw[n - 1] >= '0' && raw[n - 1] <= '9' && *q >= '0' && *q <= '9')
				f->space = true;
			p += sp;
		} else if (p[0] == 0xE2 && p[1] == 0x82 && p[2] == 0xAC) { /* € */
			f->euro = true;
			p += 3;
		} else if (*p == '%' && !p[1]) {
			f->percent = true;
			p++;
		} else if ((*p >= '0' && *p <= '9') || *p == ',' || *p == '.' || (*p == '-' && n == 0)) {
			if (n + 1 >= sizeof(raw))
				return;
			commas += *p == ',';
			dots += *p == '.';
			raw[n++] = (char)*p++;
		} else {
			return; /* a letter or another sign: not a number written another way */
		}
	}
	raw[n] = '\0';
	/* The last separator is the decimal mark when both kinds appear, or
	 * when a single comma appears; repeated ones group thousands. */
	const char *decimal = NULL;
	if (commas && dots)
		decimal = strrchr(raw, ',') > strrchr(raw, '.') ? strrchr(raw, ',') : strrchr(raw, '.');
	else if (commas == 1)
		decimal = strchr(raw, ',');
	else if (dots == 1)
		decimal = strchr(raw, '.');
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (raw[i] == ',' || raw[i] == '.') {
			if (raw + i != decimal) {
				f->thousands = true;
				continue;
			}
			f->comma |= raw[i] == ',';
			f->text[k++] = '.';
		} else {
			f->text[k++] = raw[i];
		}
	}
	f->text[k] = '\0';
	double v;
	if (!parse_decimal(f->text, &v))
		f->text[0] = '\0';
}

/* `digits` (a plain decimal) divided by 100, as text: "90" -> "0.9". */
static void hundredth(const char *digits, char *out, size_t size)
{
	char all[80];
	size_t n = 0;
	long point = -1;
	bool neg = *digits == '-';
	for (const char *c = digits + neg; *c && n + 1 < sizeof(all); c++) {
		if (*c == '.')
			point = (long)n;
		else
			all[n++] = *c;
	}
	all[n] = '\0';
	if (point < 0)
		point = (long)n;
	point -= 2;
	char tmp[128];
	size_t k = 0;
	if (neg)
		tmp[k++] = '-';
	if (point <= 0) {
		tmp[k++] = '0';
		tmp[k++] = '.';
		for (long z = point; z < 0 && k + 2 < sizeof(tmp); z++)
			tmp[k++] = '0';
		for (size_t i = 0; i < n && k + 1 < sizeof(tmp); i++)
			tmp[k++] = all[i];
	} else {
		size_t i = 0;
		/* no leading zeros before the point: "050" is "0.5", not "00.5" */
		while (i + 1 < (size_t)point && all[i] == '0')
			i++;
		for (; i < (size_t)point && i < n && k + 1 < sizeof(tmp); i++)
			tmp[k++] = all[i];
		tmp[k++] = '.';
		for (; i < n && k + 1 < sizeof(tmp); i++)
			tmp[k++] = all[i];
	}
	tmp[k] = '\0';
	/* drop trailing zeros of the fraction, and a bare point */
	while (k > 0 && strchr(tmp, '.') && tmp[k - 1] == '0')
		tmp[--k] = '\0';
	if (k > 0 && tmp[k - 1] == '.')
		tmp[--k] = '\0';
	snprintf(out, size, "%s", tmp);
}

/* The reasons of a fix, in French: "sans espace entre les chiffres, …". */
static void fix_reasons(const number_fix *f, char *out, size_t size)
{
	const char *parts[4];
	size_t np = 0;
	if (f->space)
		parts[np++] = "sans espace entre les chiffres";
	if (f->thousands)
		parts[np++] = "sans séparateur de milliers";
	if (f->comma)
		parts[np++] = "avec un point à la place de la virgule décimale";
	if (f->euro)
		parts[np++] = "sans le symbole\u00A0€";
	out[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < np; i++) {
		int w = snprintf(out + used, size - used, "%s%s", i == 0 ? "" : i + 1 == np ? " et " : ", ",
				 parts[i]);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

static bool read_number(cz_schema *s, const cz_node *n, const char *path, double min, double max,
			bool integer, bool ratio, double *out)
{
	const char *what = integer ? "un nombre entier" : "un nombre";
	if (!expect_scalar(s, n, path, what))
		return false;
	char ex[EXCERPT]; /* the value as quoted in a message: only for an error */
	double v;
	if (!n->plain || !parse_decimal(n->text, &v)) {
		cz_excerpt(n->text, n->len, ex, sizeof(ex));
		number_fix f;
		fix_number(n->text, &f);
		char why[256], h[96];
		if (n->str_tag && parse_decimal(n->text, &v)) {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être %s\u00A0: «\u00A0%s\u00A0» est marqué comme texte (étiquette !!str), "
					"retirez l'étiquette", path, what, ex);
		} else if (!n->plain && parse_decimal(n->text, &v)) {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être %s\u00A0: retirez les guillemets autour de «\u00A0%s\u00A0»",
					path, what, ex);
		} else if (f.text[0] && f.percent && ratio) {
			hundredth(f.text, h, sizeof(h));
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» est un ratio (1 = 100\u00A0%%)\u00A0: pour «\u00A0%s\u00A0», écrivez %s", path, ex, h);
		} else if (f.text[0] && f.percent) {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être %s\u00A0: écrivez %s, sans le signe\u00A0%%", path, what, f.text);
		} else if (f.text[0] && (f.space || f.comma || f.thousands || f.euro)) {
			fix_reasons(&f, why, sizeof(why));
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être %s\u00A0: écrivez %s (%s)", path, what, f.text, why);
		} else {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être %s, pas «\u00A0%s\u00A0»", path, what, ex);
		}
		return false;
	}
	if ((integer && v != floor(v)) || v < min || v > max)
		cz_excerpt(n->text, n->len, ex, sizeof(ex));
	if (integer && v != floor(v)) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit être un nombre entier, pas «\u00A0%s\u00A0»", path, ex);
		return false;
	}
	if (v < min || v > max) {
		char lo[32], hi[32], h[96];
		format_bound(lo, sizeof(lo), min);
		format_bound(hi, sizeof(hi), max);
		if (v < 0 && min >= 0) {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» ne peut pas être négatif (%s)", path, ex);
		} else if (ratio && v > max && v >= 10 && v <= 100 * max && v / 100 >= min) {
			/* "90" for 90 %: a percentage figure, say how to write it */
			hundredth(n->text, h, sizeof(h));
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» est un ratio (1 = 100\u00A0%%), compris entre %s et %s\u00A0: pour %s\u00A0%%, "
					"écrivez %s", path, lo, hi, ex, h);
		} else {
			cz_problems_add(s->problems, n->line, n->column,
					"«\u00A0%s\u00A0» doit être compris entre %s et %s (valeur\u00A0: %s)", path, lo,
					hi, ex);
		}
		return false;
	}
	*out = v;
	return true;
}

bool cz_number_ok(const cz_node *n, double min, double max, bool integer, double *out)
{
	/* read_number's conditions of success, in its order */
	double v;
	if (n->kind != CZ_NODE_SCALAR || !n->plain || !parse_decimal(n->text, &v))
		return false;
	if ((integer && v != floor(v)) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool cz_read_number(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		    bool integer, double *out)
{
	return read_number(s, n, path, min, max, integer, false, out);
}

bool cz_read_ratio(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		   double *out)
{
	return read_number(s, n, path, min, max, false, true, out);
}

bool cz_read_num(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		 bool integer, cz_num *out)
{
	double v;
	if (!cz_read_number(s, n, path, min, max, integer, &v))
		return false;
	out->value = v;
	out->set = true;
	return true;
}

static void list_choices(char *buf, size_t size, const char *const *keys, size_t n)
{
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n && used < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " ou " : ", ";
		int w = snprintf(buf + used, size - used, "%s%s", sep, keys[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

bool cz_enum_ok(const cz_node *n, const cz_enum *e, int *out)
{
	int v;
	if (n->kind != CZ_NODE_SCALAR || (v = cz_enum_find(e, n->text)) < 0)
		return false;
	*out = v;
	return true;
}

bool cz_read_enum(cz_schema *s, const cz_node *n, const char *path, const cz_enum *e, int *out)
{
	if (!expect_scalar(s, n, path, "un mot-clé"))
		return false;
	int v = cz_enum_find(e, n->text);
	if (v >= 0) {
		*out = v;
		return true;
	}
	char ex[EXCERPT], choices[512];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	list_choices(choices, sizeof(choices), e->keys, e->count);
	if (n->len == 0) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» ne doit pas être vide (valeurs permises\u00A0: %s)", path, choices);
		return false;
	}
	const char *hint = cz_suggest(n->text, e->keys, e->count);
	if (hint)
		cz_problems_add(s->problems, n->line, n->column,
				"valeur «\u00A0%s\u00A0» invalide pour «\u00A0%s\u00A0» — vouliez-vous dire «\u00A0%s\u00A0»\u202F? (valeurs permises\u00A0: %s)",
				ex, path, hint, choices);
	else
		cz_problems_add(s->problems, n->line, n->column,
				"valeur «\u00A0%s\u00A0» invalide pour «\u00A0%s\u00A0» (valeurs permises\u00A0: %s)", ex, path,
				choices);
	return false;
}

bool cz_read_ref(cz_schema *s, const cz_node *n, const char *what, const char *const *ids,
		 size_t n_ids, const char **out)
{
	size_t rank = 0;
	return cz_read_ref_at(s, n, what, ids, n_ids, out, &rank);
}

bool cz_read_ref_at(cz_schema *s, const cz_node *n, const char *what, const char *const *ids,
		    size_t n_ids, const char **out, size_t *rank)
{
	if (n->kind != CZ_NODE_SCALAR) {
		cz_problems_add(s->problems, n->line, n->column, "%s\u00A0: un identifiant est attendu, pas %s",
				what, kind_name(n));
		return false;
	}
	size_t i = word_place(n->text, ids, n_ids, *rank);
	if (i < n_ids) {
		*out = ids[i];
		*rank = i;
		return true;
	}
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	const char *hint = cz_suggest(n->text, ids, n_ids);
	if (hint)
		cz_problems_add(s->problems, n->line, n->column,
				"%s inconnue «\u00A0%s\u00A0» — vouliez-vous dire «\u00A0%s\u00A0»\u202F?", what, ex, hint);
	else
		cz_problems_add(s->problems, n->line, n->column,
				"%s inconnue «\u00A0%s\u00A0» (voir «\u00A0conciergerie referentiel\u00A0»)", what, ex);
	return false;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static bool digits(const char *p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return true;
}

bool cz_read_date(cz_schema *s, const cz_node *n, const char *path, cz_date *out)
{
	if (!expect_scalar(s, n, path, "une date AAAA-MM-JJ"))
		return false;
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	int y, m, d;
	if (n->len != 10 || n->text[4] != '-' || n->text[7] != '-' || !digits(n->text, 4, &y) ||
	    !digits(n->text + 5, 2, &m) || !digits(n->text + 8, 2, &d)) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit être une date au format AAAA-MM-JJ, pas «\u00A0%s\u00A0»", path, ex);
		return false;
	}
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0»\u00A0: la date «\u00A0%s\u00A0» n'existe pas dans le calendrier", path, ex);
		return false;
	}
	*out = (cz_date){ y, m, d, true };
	return true;
}

bool cz_month_ok(const cz_node *n, cz_date *out)
{
	/* cz_read_month's conditions of success, in its order */
	int y, m;
	if (n->kind != CZ_NODE_SCALAR || n->len != 7 || n->text[4] != '-' || !digits(n->text, 4, &y) ||
	    !digits(n->text + 5, 2, &m) || y < 1900 || y > 2200 || m < 1 || m > 12)
		return false;
	*out = (cz_date){ y, m, 0, true };
	return true;
}

bool cz_read_month(cz_schema *s, const cz_node *n, const char *path, cz_date *out)
{
	if (!expect_scalar(s, n, path, "un mois AAAA-MM"))
		return false;
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	int y, m;
	if (n->len != 7 || n->text[4] != '-' || !digits(n->text, 4, &y) ||
	    !digits(n->text + 5, 2, &m)) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0» doit être un mois au format AAAA-MM, pas «\u00A0%s\u00A0»", path, ex);
		return false;
	}
	if (y < 1900 || y > 2200 || m < 1 || m > 12) {
		cz_problems_add(s->problems, n->line, n->column,
				"«\u00A0%s\u00A0»\u00A0: le mois «\u00A0%s\u00A0» n'existe pas", path, ex);
		return false;
	}
	*out = (cz_date){ y, m, 0, true };
	return true;
}

bool cz_read_strings(cz_schema *s, const cz_node *n, const char *path, const char ***out,
		     size_t *count)
{
	if (!cz_expect_seq(s, n, path))
		return false;
	const char **v = cz_arena_calloc(s->arena, n->count ? n->count : 1, sizeof(*v));
	if (!v) {
		s->nomem = true;
		return false;
	}
	bool ok = true;
	size_t k = 0;
	for (size_t i = 0; i < n->count; i++) {
		char p[256];
		cz_path_index(p, sizeof(p), path, i);
		if (cz_read_string(s, n->items[i], p, &v[k]))
			k++;
		else
			ok = false;
	}
	*out = v;
	*count = k;
	return ok;
}

void *cz_schema_array(cz_schema *s, size_t n, size_t size)
{
	void *v = cz_arena_calloc(s->arena, n ? n : 1, size);
	if (!v)
		s->nomem = true;
	return v;
}

void cz_field_string(cz_schema *s, const cz_node *map, const char *path, const char *key,
		     bool required, const char **out)
{
	char p[256];
	const cz_node *n = required ? cz_require(s, map, path, key) : cz_node_get(map, key);
	if (n)
		cz_read_string(s, n, cz_path_key(p, sizeof(p), path, key), out);
}
