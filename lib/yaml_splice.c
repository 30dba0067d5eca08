#include "yaml_splice.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "yaml_tree.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const order[] = { "version", "projet", "etapes", "competences", "acteurs", "besoins",
				     "offre", "activite", "financements", "test", "bmc" };

/* Offsets where each line starts (libyaml's breaks: \r\n, \n, \r). */
typedef struct {
	size_t *start;
	size_t n;
} lines;

static bool index_lines(const char *t, size_t len, lines *L)
{
	size_t cap = 64;
	L->start = malloc(cap * sizeof(*L->start));
	L->n = 0;
	if (!L->start)
		return false;
	L->start[L->n++] = 0;
	for (size_t i = 0; i < len; i++) {
		bool brk = t[i] == '\n' || (t[i] == '\r' && !(i + 1 < len && t[i + 1] == '\n'));
		if (!brk)
			continue;
		if (L->n == cap) {
			cap *= 2;
			size_t *s = realloc(L->start, cap * sizeof(*s));
			if (!s)
				return false;
			L->start = s;
		}
		L->start[L->n++] = i + 1;
	}
	return true;
}

/* 1-based line `l` as [b, e) without its break. */
static void line_span(const char *t, size_t len, const lines *L, size_t l, size_t *b, size_t *e)
{
	*b = L->start[l - 1];
	*e = l < L->n ? L->start[l] : len;
	while (*e > *b && (t[*e - 1] == '\n' || t[*e - 1] == '\r'))
		(*e)--;
}

static bool blank_or_comment(const char *t, size_t b, size_t e)
{
	if (b < e && t[b] == '#')
		return true;
	for (size_t i = b; i < e; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return false;
	return true;
}

static bool comment_line(const char *t, size_t b, size_t e)
{
	return b < e && t[b] == '#';
}

/* First line of the comments (and, with `blank`, blank lines) right above
 * line `l`, not above `floor`. */
static size_t intro_start(const char *t, size_t len, const lines *L, size_t l, size_t floor, bool blank)
{
	while (l - 1 > floor) {
		size_t b, e;
		line_span(t, len, L, l - 1, &b, &e);
		if (blank ? !blank_or_comment(t, b, e) : !comment_line(t, b, e))
			break;
		l--;
	}
	return l;
}

static int order_of(const char *key)
{
	for (size_t i = 0; i < N(order); i++)
		if (!strcmp(order[i], key))
			return (int)i;
	return -1;
}

static unsigned count_lines(const char *s)
{
	unsigned n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void add_converted(cz_buf *out, const char *s, bool crlf)
{
	for (; *s; s++) {
		if (*s == '\n' && crlf)
			cz_buf_putc(out, '\r');
		cz_buf_putc(out, *s);
	}
}

/* [b, e) of a line without its comment and trailing blanks (quotes and
 * "#" inside them respected); e == b for a comment-only or blank line. */
static size_t content_end(const char *t, size_t b, size_t e)
{
	char quote = 0;
	size_t end = e;
	for (size_t i = b; i < e; i++) {
		char c = t[i];
		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < e)
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '#' && (i == b || t[i - 1] == ' ' || t[i - 1] == '\t')) {
			end = i;
			break;
		}
	}
	while (end > b && (t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	return end;
}

typedef struct {
	size_t b, e, content; /* the line [b, e), its content [b, content) */
	bool used;
} old_line;

/*
 * Write `section` where the old section [from, to) of `t` was, keeping the
 * old lines (and the comment lines above them) that say the same; fills
 * info->map.
 */
static bool write_section(cz_buf *out, const char *t, size_t from, size_t to, const char *section,
			  bool crlf, unsigned first, cz_splice_info *info)
{
	size_t n_old = 0, cap = 16;
	old_line *old = malloc(cap * sizeof(*old));
	unsigned n_new = count_lines(section);
	info->map = malloc((n_new ? n_new : 1) * sizeof(*info->map));
	if (!old || !info->map) {
		free(old);
		return false;
	}
	for (size_t b = from; b < to;) {
		size_t e = b;
		while (e < to && t[e] != '\n' && t[e] != '\r')
			e++;
		if (n_old == cap) {
			cap *= 2;
			old_line *o = realloc(old, cap * sizeof(*o));
			if (!o) {
				free(old);
				return false;
			}
			old = o;
		}
		old[n_old++] = (old_line){ b, e, content_end(t, b, e), false };
		if (e < to && t[e] == '\r' && e + 1 < to && t[e + 1] == '\n')
			e++;
		b = e + 1;
	}
	unsigned line = first;
	size_t scan = 0; /* old lines before this one were matched or passed */
	const char *p = section;
	for (unsigned k = 0; k < n_new; k++) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p);
		size_t match = n_old;
		for (size_t j = scan; j < n_old && match == n_old; j++)
			if (!old[j].used && old[j].content > old[j].b && old[j].content - old[j].b == len &&
			    memcmp(t + old[j].b, p, len) == 0)
				match = j;
		if (match < n_old) {
			/* The comment lines just above it in the old section. */
			size_t c = match;
			while (c > scan && old[c - 1].content == old[c - 1].b && !old[c - 1].used &&
			       old[c - 1].e > old[c - 1].b)
				c--;
			for (size_t j = c; j < match; j++) {
				cz_buf_add(out, t + old[j].b, old[j].e - old[j].b);
				add_converted(out, "\n", crlf);
				old[j].used = true;
				line++;
			}
			cz_buf_add(out, t + old[match].b, old[match].e - old[match].b);
			add_converted(out, "\n", crlf);
			old[match].used = true;
			scan = match + 1;
		} else {
			cz_buf_add(out, p, len);
			add_converted(out, "\n", crlf);
		}
		info->map[k] = line++;
		p = nl + 1;
	}
	free(old);
	return true;
}

cz_status cz_yaml_splice(const char *text, size_t len, const char *key, const char *intro,
			 const char *section, cz_buf *out, cz_splice_info *info, cz_problems *problems)
{
	memset(info, 0, sizeof(*info));
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	lines L = { NULL, 0 };
	cz_problems pb;
	cz_problems_init(&pb, problems->file);
	cz_node *root = NULL;
	cz_status st = cz_yaml_parse(text, len, NULL, arena, &pb, &root);
	if (st == CZ_ERR_NOMEM)
		goto out;
	st = CZ_ERR_USAGE;
	if (!root || root->kind != CZ_NODE_MAP || pb.count)
		goto unsafe;
	for (size_t i = 0; i < root->count; i++)
		if (root->keys[i]->column != 1 || (i && root->keys[i]->line <= root->keys[i - 1]->line))
			goto unsafe;
	if (!index_lines(text, len, &L)) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	bool crlf = memchr(text, '\r', len) != NULL;
	size_t from, to;
	size_t found = root->count;
	for (size_t i = 0; i < root->count; i++)
		if (!strcmp(root->keys[i]->text, key))
			found = i;
	if (found < root->count) {
		size_t kl = root->keys[found]->line;
		from = L.start[kl - 1];
		if (found + 1 < root->count) {
			size_t next = intro_start(text, len, &L, root->keys[found + 1]->line, kl, true);
			to = L.start[next - 1];
		} else {
			to = len;
		}
		cz_buf_add(out, text, from);
		info->first_line = (unsigned)kl;
		for (size_t l = kl; l <= L.n && L.start[l - 1] < to; l++)
			info->old_lines++;
		if (!write_section(out, text, from, to, section, crlf, (unsigned)kl, info)) {
			st = CZ_ERR_NOMEM;
			goto out;
		}
		info->new_lines = count_lines(section);
		cz_buf_add(out, text + to, len - to);
	} else {
		/* Before the first section that comes after it in the format's order. */
		int mine = order_of(key);
		size_t before = root->count;
		for (size_t i = 0; i < root->count && before == root->count; i++)
			if (order_of(root->keys[i]->text) > mine)
				before = i;
		info->inserted = 1;
		if (before < root->count) {
			size_t floor = before ? root->keys[before - 1]->line : 0;
			size_t at = intro_start(text, len, &L, root->keys[before]->line, floor, false);
			from = L.start[at - 1];
			cz_buf_add(out, text, from);
			/* One blank line before the new section and one after it. */
			size_t lb, le;
			bool blank_before = at == 1;
			if (at > 1) {
				line_span(text, len, &L, at - 1, &lb, &le);
				blank_before = blank_or_comment(text, lb, le) && !comment_line(text, lb, le);
			}
			unsigned line = (unsigned)at;
			if (!blank_before) {
				add_converted(out, "\n", crlf);
				line++;
			}
			const char *in = intro ? intro : "";
			while (*in == '\n')
				in++;
			add_converted(out, in, crlf);
			info->first_line = line + count_lines(in);
			add_converted(out, section, crlf);
			add_converted(out, "\n", crlf);
			cz_buf_add(out, text + from, len - from);
		} else {
			cz_buf_add(out, text, len);
			unsigned base = (unsigned)L.n;
			if (len && text[len - 1] != '\n' && text[len - 1] != '\r') {
				add_converted(out, "\n", crlf);
				base++;
			} else if (len) {
				base = (unsigned)L.n; /* the last "line" is the empty one after the break */
			}
			add_converted(out, "\n", crlf);
			const char *in = intro ? intro : "";
			while (*in == '\n')
				in++;
			info->first_line = base + 1 + count_lines(in);
			add_converted(out, in, crlf);
			add_converted(out, section, crlf);
		}
		info->new_lines = count_lines(section);
		info->map = malloc((info->new_lines ? info->new_lines : 1) * sizeof(*info->map));
		if (!info->map) {
			st = CZ_ERR_NOMEM;
			goto out;
		}
		for (unsigned k = 0; k < info->new_lines; k++)
			info->map[k] = info->first_line + k;
	}
	st = cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
	goto out;
unsafe:
	cz_problems_add(problems, 0, 0,
			"la rubrique «\u00A0%s\u00A0» ne peut pas être remplacée sans toucher au reste du fichier\u00A0: il "
			"n'est pas écrit en style bloc (chaque rubrique au début d'une ligne)",
			key);
out:
	free(L.start);
	cz_problems_free(&pb);
	cz_arena_free(arena);
	return st;
}
