#include "schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const char *cz_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i]) /* an id missing from an amended referential */
			continue;
		size_t d = distance(word, candidates[i]);
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
		for (size_t i = 0; i < n; i++)
			if (candidates[i] && strstr(candidates[i], word))
				return candidates[i];
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
		l = size - at - 1;
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
			"« %s » doit être une table de clés (clé: valeur), pas %s", path, kind_name(n));
	return false;
}

bool cz_expect_seq(cz_schema *s, const cz_node *n, const char *path)
{
	if (n->kind == CZ_NODE_SEQ)
		return true;
	cz_problems_add(s->problems, n->line, n->column,
			"« %s » doit être une liste (éléments commençant par « - »), pas %s", path,
			kind_name(n));
	return false;
}

void cz_check_keys(cz_schema *s, const cz_node *map, const char *path,
		   const char *const *allowed, size_t n_allowed)
{
	for (size_t i = 0; i < map->count; i++) {
		const cz_node *k = map->keys[i];
		bool known = false;
		for (size_t j = 0; j < n_allowed && !known; j++)
			known = strcmp(k->text, allowed[j]) == 0;
		if (known)
			continue;
		char ex[EXCERPT];
		cz_excerpt(k->text, k->len, ex, sizeof(ex));
		const char *hint = cz_suggest(k->text, allowed, n_allowed);
		const char *where = path && *path ? path : "la racine du fichier";
		if (hint)
			cz_problems_add(s->problems, k->line, k->column,
					"clé inconnue « %s » dans « %s » — vouliez-vous dire « %s » ?", ex,
					where, hint);
		else
			cz_problems_add(s->problems, k->line, k->column,
					"clé inconnue « %s » dans « %s »", ex, where);
	}
}

const cz_node *cz_require(cz_schema *s, const cz_node *map, const char *path, const char *key)
{
	const cz_node *v = cz_node_get(map, key);
	if (!v)
		cz_problems_add(s->problems, map->line, map->column,
				"clé obligatoire « %s » absente de « %s »", key,
				path && *path ? path : "la racine du fichier");
	return v;
}

static bool expect_scalar(cz_schema *s, const cz_node *n, const char *path, const char *what)
{
	if (n->kind == CZ_NODE_SCALAR)
		return true;
	cz_problems_add(s->problems, n->line, n->column, "« %s » doit être %s, pas %s", path,
			what, kind_name(n));
	return false;
}

bool cz_read_string(cz_schema *s, const cz_node *n, const char *path, const char **out)
{
	if (!expect_scalar(s, n, path, "un texte"))
		return false;
	if (cz_node_is_null(n) || n->len == 0) {
		cz_problems_add(s->problems, n->line, n->column, "« %s » ne doit pas être vide", path);
		return false;
	}
	*out = n->text; /* the tree lives in the same arena */
	return true;
}

bool cz_read_bool(cz_schema *s, const cz_node *n, const char *path, bool *out)
{
	if (!expect_scalar(s, n, path, "true ou false"))
		return false;
	if (n->plain) {
		if (!strcmp(n->text, "true") || !strcmp(n->text, "True") || !strcmp(n->text, "TRUE")) {
			*out = true;
			return true;
		}
		if (!strcmp(n->text, "false") || !strcmp(n->text, "False") || !strcmp(n->text, "FALSE")) {
			*out = false;
			return true;
		}
	}
	char ex[EXCERPT];
	cz_problems_add(s->problems, n->line, n->column,
			"« %s » doit valoir true ou false, pas « %s »", path,
			cz_excerpt(n->text, n->len, ex, sizeof(ex)));
	return false;
}

/* Strict decimal syntax: -?digits[.digits][e[+-]digits]. No hex, inf, nan. */
static bool parse_decimal(const char *t, double *out)
{
	const char *p = t;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return false;
	double v = strtod(t, NULL);
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

static void format_bound(char *buf, size_t size, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%g", v);
	/* French decimal comma */
	for (char *c = buf; *c; c++)
		if (*c == '.')
			*c = ',';
}

bool cz_read_number(cz_schema *s, const cz_node *n, const char *path, double min, double max,
		    bool integer, double *out)
{
	const char *what = integer ? "un nombre entier" : "un nombre";
	if (!expect_scalar(s, n, path, what))
		return false;
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	double v;
	if (!n->plain || !parse_decimal(n->text, &v)) {
		const char *comma = strchr(n->text, ',');
		if (!n->plain && parse_decimal(n->text, &v))
			cz_problems_add(s->problems, n->line, n->column,
					"« %s » doit être %s : retirez les guillemets autour de « %s »",
					path, what, ex);
		else if (comma && comma != n->text)
			cz_problems_add(s->problems, n->line, n->column,
					"« %s » doit être %s : écrivez le séparateur décimal avec un point (« %s »)",
					path, what, ex);
		else
			cz_problems_add(s->problems, n->line, n->column,
					"« %s » doit être %s, pas « %s »", path, what, ex);
		return false;
	}
	if (integer && v != floor(v)) {
		cz_problems_add(s->problems, n->line, n->column,
				"« %s » doit être un nombre entier, pas « %s »", path, ex);
		return false;
	}
	if (v < min || v > max) {
		char lo[32], hi[32];
		format_bound(lo, sizeof(lo), min);
		format_bound(hi, sizeof(hi), max);
		if (v < 0 && min >= 0)
			cz_problems_add(s->problems, n->line, n->column,
					"« %s » ne peut pas être négatif (%s)", path, ex);
		else
			cz_problems_add(s->problems, n->line, n->column,
					"« %s » doit être compris entre %s et %s (valeur : %s)", path, lo,
					hi, ex);
		return false;
	}
	*out = v;
	return true;
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
	const char *hint = cz_suggest(n->text, e->keys, e->count);
	if (hint)
		cz_problems_add(s->problems, n->line, n->column,
				"valeur « %s » invalide pour « %s » — vouliez-vous dire « %s » ? (valeurs permises : %s)",
				ex, path, hint, choices);
	else
		cz_problems_add(s->problems, n->line, n->column,
				"valeur « %s » invalide pour « %s » (valeurs permises : %s)", ex, path,
				choices);
	return false;
}

bool cz_read_ref(cz_schema *s, const cz_node *n, const char *what, const char *const *ids,
		 size_t n_ids, const char **out)
{
	if (n->kind != CZ_NODE_SCALAR) {
		cz_problems_add(s->problems, n->line, n->column, "%s : un identifiant est attendu, pas %s",
				what, kind_name(n));
		return false;
	}
	for (size_t i = 0; i < n_ids; i++) {
		if (strcmp(ids[i], n->text) == 0) {
			*out = ids[i];
			return true;
		}
	}
	char ex[EXCERPT];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	const char *hint = cz_suggest(n->text, ids, n_ids);
	if (hint)
		cz_problems_add(s->problems, n->line, n->column,
				"%s inconnue « %s » — vouliez-vous dire « %s » ?", what, ex, hint);
	else
		cz_problems_add(s->problems, n->line, n->column,
				"%s inconnue « %s » (voir « conciergerie referentiel »)", what, ex);
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
				"« %s » doit être une date au format AAAA-MM-JJ, pas « %s »", path, ex);
		return false;
	}
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
		cz_problems_add(s->problems, n->line, n->column,
				"« %s » : la date « %s » n'existe pas dans le calendrier", path, ex);
		return false;
	}
	*out = (cz_date){ y, m, d, true };
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
				"« %s » doit être un mois au format AAAA-MM, pas « %s »", path, ex);
		return false;
	}
	if (y < 1900 || y > 2200 || m < 1 || m > 12) {
		cz_problems_add(s->problems, n->line, n->column,
				"« %s » : le mois « %s » n'existe pas", path, ex);
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
