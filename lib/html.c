#include "html.h"
#include "hyphen.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void cz_html_textn(cz_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			continue;
		}
		cz_text_clean(b, s + run, i - run);
		cz_buf_puts(b, rep);
		run = i + 1;
	}
	cz_text_clean(b, s + run, n - run);
}

void cz_html_text(cz_buf *b, const char *s)
{
	if (s)
		cz_html_textn(b, s, strlen(s));
}

void cz_html_date(cz_buf *b, cz_date d)
{
	if (!d.set)
		return;
	if (d.day)
		cz_buf_printf(b, "%02d/%02d/%04d", d.day, d.month, d.year);
	else
		cz_buf_printf(b, "%02d/%04d", d.month, d.year);
}

/* A CSS string's content: every character that could end the string, the
 * style element or a line written as an escape ("\\22 "), and what no
 * output may carry (lib/text.h) as the escape of U+FFFD. */
static void css_string(cz_buf *b, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = cz_utf8_decode(s + i, len - i, &cp);
		if (cp == CZ_UTF8_INVALID || cz_text_unsafe(cp) || cp < 0x20)
			cz_buf_puts(b, "\\FFFD ");
		else if (cp == '"' || cp == '\\' || cp == '<' || cp == '>' || cp == '&')
			cz_buf_printf(b, "\\%X ", (unsigned)cp);
		else
			cz_buf_add(b, s + i, n);
		i += n;
	}
}

/* Screen and print. No web font: the reader's sans-serif. Colours that
 * still read in black and white: dark text on light fills, bars in dark
 * blue against a light grey track, hatching for the second series. */
#define CSS \
	":root{--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--accent:#1f4e79;--track:#e6e6e6;" \
	"--crit:#9c0006;--crit-bg:#ffc7ce;--warn:#7a5200;--warn-bg:#ffeb9c;--ok:#006100;--ok-bg:#c6efce;" \
	"--info-bg:#ddebf7}\n" \
	"html{font-family:\"DejaVu Sans\",\"Segoe UI\",Arial,Helvetica,sans-serif;color:var(--ink);" \
	"background:#fff;line-height:1.45}\n" \
	"body{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}\n" \
	"h1{font-size:1.6rem;color:var(--accent);margin:.4rem 0 .8rem}\n" \
	"h2{font-size:1.3rem;color:var(--accent);border-bottom:2px solid var(--accent);padding-bottom:.15rem;" \
	"margin-top:2rem}\n" \
	"h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:1rem}\n" \
	"h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}\n" \
	"p,li{overflow-wrap:anywhere}\n" \
	"table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.9rem}\n" \
	"th,td{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:left;" \
	"overflow-wrap:break-word}\n" \
	"td code{overflow-wrap:anywhere}table.large{font-size:.8rem}\n" \
	"th{background:#f0f3f7}\n" \
	"td[align=right],th[align=right]{text-align:right}td[align=center],th[align=center]{text-align:center}\n" \
	"thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}\n" \
	"code{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:.85em;overflow-wrap:anywhere}\n" \
	"figure{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}\n" \
	"figcaption{font-size:.85rem;color:var(--muted);margin-top:.2rem}figcaption strong{color:var(--ink)}\n" \
	".val .note,.note{font-weight:normal}\n" \
	"svg{max-width:100%;height:auto;display:block}\n" \
	"svg text{font-family:\"DejaVu Sans\",Arial,sans-serif;fill:var(--ink)}\n" \
	".sommaire{border:2px solid var(--accent);border-radius:6px;padding:.6rem 1rem;margin:1rem 0;" \
	"break-inside:avoid;page-break-inside:avoid}\n" \
	".sommaire h2,.sommaire h3{margin-top:.2rem;border:0}\n" \
	".faits{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem 1rem;margin:.4rem 0}\n" \
	".faits div{border-left:4px solid var(--accent);padding:.1rem .5rem}\n" \
	".faits>div:first-child{grid-column:1/-1}\n" \
	".faits .cle{display:block;font-size:.8rem;color:var(--muted)}\n" \
	".faits .val{font-size:1.05rem;font-weight:bold}\n" \
	".badge{display:inline-block;padding:.05rem .45rem;border:1px solid currentColor;border-radius:4px;" \
	"font-weight:bold}\n" \
	".v-go{color:var(--ok);background:var(--ok-bg)}.v-reajuster{color:var(--warn);background:var(--warn-bg)}" \
	".v-no_go{color:var(--crit);background:var(--crit-bg)}.v-incomplet,.v-non_evalue{color:#333;background:var(--track)}\n" \
	".s-critique{color:var(--crit);background:var(--crit-bg)}.s-attention{color:var(--warn);background:var(--warn-bg)}" \
	".s-info{color:#1f3864;background:var(--info-bg)}\n" \
	".alertes li{margin:.2rem 0}\n" \
	"th button{all:unset;cursor:pointer;font:inherit;color:inherit;text-align:inherit}\n" \
	"th[aria-sort=ascending]::after{content:\" \\25B2\"}th[aria-sort=descending]::after{content:\" \\25BC\"}\n" \
	".canevas{display:grid;grid-template-columns:repeat(10,1fr);grid-template-rows:auto auto auto;gap:0;" \
	"border:2px solid var(--ink);font-size:.8rem}\n" \
	".canevas>div{border:1px solid var(--ink);padding:.4em;overflow-wrap:anywhere;min-height:5rem}\n" \
	".canevas h3,.canevas h4{font-size:1.15em;margin:0 0 .6em}.canevas .q{font-size:.9em;color:var(--muted);" \
	"font-style:italic;margin:0 0 .3em}\n" \
	".canevas ul{margin:0;padding-left:1.2em}.canevas p{margin:.2em 0}.canevas li{line-height:1.45}\n" \
	".b-partenaires{grid-column:1/3;grid-row:1/3}.b-activites{grid-column:3/5;grid-row:1}" \
	".b-ressources{grid-column:3/5;grid-row:2}.b-proposition_valeur{grid-column:5/7;grid-row:1/3}" \
	".b-distribution{grid-column:7/9;grid-row:1/3}.b-clients{grid-column:9/11;grid-row:1}" \
	".b-beneficiaires{grid-column:9/11;grid-row:2}.b-couts{grid-column:1/6;grid-row:3}" \
	".b-revenus{grid-column:6/11;grid-row:3}\n" \
	".note{font-size:.85rem;color:var(--muted)}\n" \
	"nav.projets a{margin-right:.8rem}\n" \
	"@media screen{.tableau{overflow-x:auto}}\n" \
	"@media print{\n" \
	" body{max-width:none;margin:0;padding:0;font-size:10pt}\n" \
	" table{font-size:8.5pt}\n" \
	" table.large{font-size:6.5pt}table.tres-large th{overflow-wrap:break-word;hyphens:manual}.indicateurs table.large td:first-child{white-space:nowrap}table.large td[align=right]{white-space:nowrap}table.large th,table.large td{padding:1pt 2pt}\n" \
	" a{color:inherit;text-decoration:none}\n" \
	" section.analyse+section.analyse{break-before:page;page-break-before:always}\n" \
	" .paysage{page:paysage;break-before:page;break-after:page}\n" \
	" .portefeuille{page:paysage}.portefeuille table.tres-large th{overflow-wrap:break-word}\n" \
	" .paysage h1,.paysage h2{font-size:14pt;margin:0 0 2mm;border:0}\n" \
	" .paysage .canevas,.densite-0 .canevas{font-size:7.5pt}.densite-1 .canevas{font-size:6.6pt}\n" \
	" .densite-2 .canevas{font-size:5.8pt}.densite-3 .canevas{font-size:5pt}.densite-4 .canevas{font-size:4.4pt}\n" \
	" .densite-2 .canevas .q,.densite-3 .canevas .q,.densite-4 .canevas .q{display:none}\n" \
	" .paysage .canevas>div{min-height:0}\n" \
	" .noprint{display:none}\n" \
	"}\n" \
	"@page{size:A4 portrait;margin:16mm 13mm 16mm 13mm;" \
	"@bottom-right{content:\"page \" counter(page) \" / \" counter(pages);font-size:8pt;color:#555}"

#define CSS_END "}\n@page paysage{size:A4 landscape;margin:10mm 10mm 12mm 10mm}\n</style>\n</head>\n<body>\n"
#define HEAD_START "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n" \
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" \
	"<meta name=\"generator\" content=\"conciergerie\">\n<title>"


static const char script[] =
	"<script>\n"
	"/* Sort a table by a click on a header: figures (\"1 234\", \"85 %\", \"0,73\")\n"
	"   as numbers, the rest as French text; a second click reverses. */\n"
	"document.querySelectorAll('table.triable, .triable table').forEach(function (t) {\n"
	"  var hs = t.tHead.rows[0].cells;\n"
	"  Array.prototype.forEach.call(hs, function (h, col) {\n"
	"    var b = document.createElement('button');\n"
	"    b.type = 'button'; while (h.firstChild) b.appendChild(h.firstChild); h.appendChild(b);\n"
	"    b.addEventListener('click', function () {\n"
	"      var asc = h.getAttribute('aria-sort') !== 'ascending';\n"
	"      Array.prototype.forEach.call(hs, function (o) { o.removeAttribute('aria-sort'); });\n"
	"      h.setAttribute('aria-sort', asc ? 'ascending' : 'descending');\n"
	"      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);\n"
	"      function key(r) { var c = r.cells[col], s = c.textContent.trim();\n"
	"        var n = s.replace(/[\\s\\u00a0\\u202f]/g, '').replace(',', '.');\n"
	"        return /^-?[0-9]+(\\.[0-9]+)?(%|€)?$/.test(n) ? parseFloat(n) : s; }\n"
	"      rows.sort(function (a, b) { var x = key(a), y = key(b), d;\n"
	"        if (typeof x === 'number' && typeof y === 'number') d = x - y;\n"
	"        else if (typeof x === 'number') d = -1; else if (typeof y === 'number') d = 1;\n"
	"        else d = x.localeCompare(y, 'fr');\n"
	"        return asc ? d : -d; });\n"
	"      rows.forEach(function (r) { body.appendChild(r); });\n"
	"    });\n"
	"  });\n"
	"});\n"
	"</script>\n";

static void head(cz_buf *b, const char *title, const char *project, cz_date date)
{
	cz_buf_puts(b, HEAD_START);
	cz_html_text(b, title);
	cz_buf_puts(b, "</title>\n<style>\n");
	cz_buf_puts(b, CSS);
	if (project && *project) {
		cz_buf_puts(b, "@top-left{content:\"");
		css_string(b, project);
		cz_buf_puts(b, "\";font-size:8pt;color:#555}");
	}
	if (date.set) {
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, "Point du ");
		cz_html_date(&t, date);
		cz_buf_puts(b, "@top-right{content:\"");
		css_string(b, t.data ? t.data : "");
		cz_buf_puts(b, "\";font-size:8pt;color:#555}");
		if (!cz_buf_ok(&t))
			b->failed = true;
		cz_buf_free(&t);
	}
	cz_buf_puts(b, CSS_END);
}

void cz_html_page_begin(cz_buf *b, const cz_html_page *pg)
{
	head(b, pg->title, pg->project, pg->date);
}

void cz_html_page_end(cz_buf *b, const cz_html_page *pg)
{
	if (pg->sortable)
		cz_buf_puts(b, script);
	cz_buf_puts(b, "</body>\n</html>\n");
}

/* The list page: the whole stylesheet, no project in the header. */
const char cz_html_list_begin[] = HEAD_START "Rapports de conciergeries</title>\n<style>\n" CSS CSS_END
				  "<h1>Rapports de conciergeries</h1>\n";
const char cz_html_list_end[] = "</body>\n</html>\n";

int cz_html_sub_level(const cz_render_ctx *rc)
{
	return rc->in_document ? 3 : 2;
}

void cz_html_section_begin(const cz_render_ctx *rc, const char *cls, const char *heading,
			   const char *name, const cz_project *p)
{
	cz_buf *b = rc->out;
	if (!rc->in_document) {
		cz_buf t;
		cz_buf_init(&t);
		cz_buf_puts(&t, heading);
		if (name && *name) {
			cz_buf_puts(&t, " — ");
			cz_buf_puts(&t, name);
		}
		cz_date none = { 0 };
		head(b, t.data ? t.data : heading, p ? p->projet.nom : name, p ? p->projet.date : none);
		if (!cz_buf_ok(&t))
			b->failed = true;
		cz_buf_free(&t);
	}
	cz_buf_printf(b, "<section class=\"analyse %s\">\n", cls);
	if (strcmp(cls, "bmc") != 0)
		cz_html_heading(rc, heading, name);
}

void cz_html_heading(const cz_render_ctx *rc, const char *heading, const char *name)
{
	cz_buf *b = rc->out;
	int level = rc->in_document ? 2 : 1;
	cz_buf_printf(b, "<h%d>", level);
	cz_html_text(b, heading);
	if (name && *name) {
		cz_buf_puts(b, "\xC2\xA0: ");
		cz_html_text(b, name);
	}
	cz_buf_printf(b, "</h%d>\n", level);
}

cz_status cz_html_section_close(const cz_render_ctx *rc, size_t start, cz_status st, bool sortable)
{
	cz_buf_puts(rc->out, "</section>\n");
	if (!rc->in_document) {
		if (sortable)
			cz_buf_puts(rc->out, script);
		cz_buf_puts(rc->out, "</body>\n</html>\n");
	}
	cz_text_guard(rc->out, start);
	if (st == CZ_OK && !cz_buf_ok(rc->out))
		st = CZ_ERR_NOMEM;
	return st;
}

/* --- Markdown to HTML ----------------------------------------------------- */

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static bool attach(cmark_parser *parser, const char *name)
{
	cmark_syntax_extension *e = cmark_find_syntax_extension(name);
	return e && cmark_parser_attach_syntax_extension(parser, e);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* Tables of many columns print in a smaller type (class "large"), and
 * from VERY_LARGE_TABLE_COLUMNS on their headers' words may be hyphenated
 * at their syllables (class "large tres-large", soft hyphens) so that the
 * table keeps within the page and its headers still read; the months that
 * start the rows of the dashboard's wide tables are not cut at their dash:
 * cmark writes every table as "<table>" then its header row, one "<th>"
 * or "<th align=...>" per column (after "<thead>", which is not one). */
#define LARGE_TABLE_COLUMNS 9
#define VERY_LARGE_TABLE_COLUMNS 11

/* The header row html[0..len) with soft hyphens at the French syllable
 * points of its words (lib/hyphen), tags and entities copied as they are. */
static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void put_hyphenated(cz_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i + 1;
		if (c == '<' || c == '&') {
			const char *end = memchr(s + i, c == '<' ? '>' : ';', len - i);
			j = end ? (size_t)(end - s) + 1 : len;
		} else if (word_byte(c)) {
			/* a word: letters and any UTF-8 sequence, up to ASCII
			 * punctuation, space or markup */
			while (j < len && word_byte((unsigned char)s[j]))
				j++;
			size_t points[16];
			size_t n = cz_hyphen_points_fr(s + i, j - i, points, 16);
			for (size_t k = 0; k < n; k++) {
				cz_buf_add(out, s + i, points[k] - (k ? points[k - 1] : 0));
				cz_buf_puts(out, "&shy;");
				i += points[k] - (k ? points[k - 1] : 0);
			}
		}
		cz_buf_add(out, s + i, j - i);
		i = j;
	}
}

static void put_tables(cz_buf *out, const char *html)
{
	const char *p = html, *t;
	while ((t = strstr(p, "<table>")) != NULL) {
		cz_buf_add(out, p, (size_t)(t - p));
		const char *row_end = strstr(t, "</tr>");
		size_t cols = 0;
		for (const char *q = t; row_end && (q = strstr(q, "<th")) != NULL && q < row_end; q += 3)
			cols += q[3] == '>' || q[3] == ' '; /* not "<thead>" */
		p = t + strlen("<table>");
		if (cols >= VERY_LARGE_TABLE_COLUMNS) {
			cz_buf_puts(out, "<table class=\"large tres-large\">");
			put_hyphenated(out, p, (size_t)(row_end - p));
			p = row_end;
		} else {
			cz_buf_puts(out, cols >= LARGE_TABLE_COLUMNS ? "<table class=\"large\">" : "<table>");
		}
	}
	cz_buf_puts(out, p);
}

/* One cmark document to HTML, into *html (cmark's, to free); *title_done:
 * the first level 1 heading has been dropped already. */
static cz_status render_piece(char **html, const char *md, size_t len, int sub_level, bool links,
			      bool *title_done)
{
	cz_status st = CZ_ERR_NOMEM;
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc = NULL;
	*html = NULL;
	if (!parser)
		return CZ_ERR_NOMEM;
	if (!attach(parser, "table") || !attach(parser, "tasklist") || !attach(parser, "strikethrough"))
		goto out;
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	if (!doc)
		goto out;
	/* Headings: drop the first level 1, move the rest to sub_level. */
	cmark_node *title = NULL;
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		goto out;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && links && cmark_node_get_type(n) == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(n);
			if (url && ends_with(url, ".md") && !strchr(url, ':')) {
				cz_buf u;
				cz_buf_init(&u);
				cz_buf_add(&u, url, strlen(url) - 3);
				cz_buf_puts(&u, ".html");
				bool ok = cz_buf_ok(&u) && cmark_node_set_url(n, u.data);
				cz_buf_free(&u);
				if (!ok) {
					cmark_iter_free(it);
					goto out;
				}
			}
		}
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		int level = cmark_node_get_heading_level(n);
		if (level == 1 && !title && !*title_done) {
			title = n;
			continue;
		}
		level = level - 2 + sub_level;
		cmark_node_set_heading_level(n, level < 1 ? 1 : level > 6 ? 6 : level);
	}
	cmark_iter_free(it);
	if (title) {
		cmark_node_unlink(title);
		cmark_node_free(title);
		*title_done = true;
	}
	*html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
	if (*html)
		st = CZ_OK;
out:
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(parser);
	return st;
}

/* A long table (a portfolio of thousands of projects) is parsed a slice of
 * rows at a time, each slice under the table's own header: cmark's tree of
 * a whole table costs some 4 Ko a row, and a table's rows are rendered
 * each on its own, so the HTML is the same. */
#define SLICE_ROWS 256

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* At p (a line's start): a table's header and delimiter rows, preceded by
 * a blank line (or the document's start), its rows starting with '|' and
 * ending with a blank line or the document: the end of its rows, and in
 * *body its first row and in *n_rows their number; NULL when not so. */
static const char *table_at(const char *md, const char *p, const char *end, const char **body, size_t *n_rows)
{
	if (*p != '|' || !(p == md || (p - md >= 2 && p[-1] == '\n' && p[-2] == '\n')))
		return NULL;
	const char *delim = line_end(p, end);
	if (delim >= end || delim[0] != '|' || (delim[1] != '-' && delim[1] != ':' && delim[1] != ' '))
		return NULL;
	const char *q = line_end(delim, end);
	*body = q;
	*n_rows = 0;
	while (q < end && *q == '|') {
		q = line_end(q, end);
		(*n_rows)++;
	}
	return q == end || *q == '\n' ? q : NULL;
}

/* cmark's html of a slice, cut in place: from after the first `after`
 * (NULL: the start), to before a final `before` (NULL: the end); NULL
 * when a cut is not there. */
static char *cut(char *html, const char *after, const char *before)
{
	char *from = html;
	if (after) {
		char *a = strstr(html, after);
		if (!a)
			return NULL;
		from = a + strlen(after);
	}
	if (before) {
		size_t n = strlen(from), bl = strlen(before);
		if (n < bl || memcmp(from + n - bl, before, bl) != 0)
			return NULL;
		from[n - bl] = '\0';
	}
	return from;
}

/* Streaming (a portfolio's html, rc->out drained to its file): the text
 * from *start is final, so it is cleaned (lib/text.h, one character at a
 * time: the same in pieces as whole) and written out if the buffer is
 * full; *start moves past it. Without `start`, nothing. */
static void final(cz_buf *out, size_t *start)
{
	if (!start)
		return;
	cz_text_guard(out, *start);
	cz_buf_drain(out);
	*start = out->len;
}

/* A piece of the document, its tables marked (put_tables). */
static cz_status add_piece(cz_buf *out, const char *md, size_t len, int sub_level, bool links, bool *title_done)
{
	char *html;
	cz_status st = render_piece(&html, md, len, sub_level, links, title_done);
	if (st == CZ_OK)
		put_tables(out, html);
	free(html);
	return st;
}

/* A long table, slice after slice under its header rows; *sliced false
 * when cmark's HTML of a slice is not as expected (then nothing is kept). */
static cz_status add_table(cz_buf *out, const char *head, const char *body, const char *end, size_t n_rows,
			   int sub_level, bool links, bool *title_done, bool *sliced, size_t *final_from)
{
	size_t start = out->len;
	bool drained = false;
	cz_buf m;
	cz_buf_init(&m);
	cz_status st = CZ_OK;
	*sliced = true;
	const char *row = body;
	for (size_t done = 0; done < n_rows && st == CZ_OK && *sliced;) {
		m.len = 0;
		cz_buf_add(&m, head, (size_t)(body - head));
		const char *q = row;
		size_t k = 0;
		for (; k < SLICE_ROWS && done + k < n_rows; k++)
			q = line_end(q, end);
		cz_buf_add(&m, row, (size_t)(q - row));
		if (!cz_buf_ok(&m)) {
			st = CZ_ERR_NOMEM;
			break;
		}
		bool first = done == 0, last = done + k == n_rows;
		char *html;
		st = render_piece(&html, m.data, m.len, sub_level, links, title_done);
		if (st == CZ_OK) {
			/* the first slice keeps the table's start, the last its end */
			const char *kept = cut(html, first ? NULL : "<tbody>\n", last ? NULL : "</tbody>\n</table>\n");
			*sliced = kept != NULL;
			if (kept)
				put_tables(out, kept);
		}
		free(html);
		row = q;
		done += k;
		if (*sliced && final_from) {
			size_t held = out->len;
			final(out, final_from);
			drained = drained || out->len < held;
		}
	}
	cz_buf_free(&m);
	/* Streaming, the slices written out cannot be taken back: a table of
	 * the tool's own rows is always sliced, never so (not a user's error). */
	if (!*sliced && drained && st == CZ_OK)
		st = CZ_ERR_USAGE;
	if (!*sliced && out->data && !drained) {
		out->len = start;
		out->data[start] = '\0';
		if (final_from && *final_from > start)
			*final_from = start;
	}
	return st;
}

static cz_status markdown(cz_buf *out, const char *md, size_t len, int sub_level, bool links, size_t *final_from)
{
	pthread_once(&extensions_once, register_extensions);
	bool title_done = false;
	const char *end = md + len, *piece = md;
	cz_status st = CZ_OK;
	for (const char *p = md; p < end && st == CZ_OK;) {
		const char *body;
		size_t n_rows;
		const char *t_end = table_at(md, p, end, &body, &n_rows);
		if (!t_end || n_rows <= SLICE_ROWS) {
			p = t_end ? t_end : line_end(p, end);
			continue;
		}
		if (p > piece) {
			st = add_piece(out, piece, (size_t)(p - piece), sub_level, links, &title_done);
			final(out, final_from);
		}
		bool sliced = false;
		if (st == CZ_OK)
			st = add_table(out, p, body, t_end, n_rows, sub_level, links, &title_done, &sliced, final_from);
		/* not sliced: the table goes with what follows, whole */
		piece = sliced ? t_end : p;
		p = t_end;
	}
	if (st == CZ_OK && (end > piece || piece == md))
		st = add_piece(out, piece, (size_t)(end - piece), sub_level, links, &title_done);
	return st == CZ_OK && !cz_buf_ok(out) ? CZ_ERR_NOMEM : st;
}

cz_status cz_html_from_markdown(cz_buf *out, const char *md, size_t len, int sub_level)
{
	return markdown(out, md, len, sub_level, false, NULL);
}

cz_status cz_html_from_markdown_links(cz_buf *out, const char *md, size_t len, int sub_level)
{
	return markdown(out, md, len, sub_level, true, NULL);
}

static cz_status details(const void *result, const cz_render_ctx *rc, cz_render_fn md, bool links,
		       size_t *final_from)
{
	cz_buf m;
	cz_buf_init(&m);
	cz_options o = rc->opts ? *rc->opts : (cz_options){ 0 };
	o.charts = false;
	cz_render_ctx mc = *rc;
	mc.opts = &o;
	mc.out = &m;
	mc.in_document = false;
	mc.summary_given = true;
	cz_status st = md(result, &mc);
	if (st == CZ_OK && !cz_buf_ok(&m))
		st = CZ_ERR_NOMEM;
	if (st == CZ_OK) {
		cz_buf_puts(rc->out, "<div class=\"details\">\n");
		st = markdown(rc->out, m.data ? m.data : "", m.len, cz_html_sub_level(rc), links, final_from);
		cz_buf_puts(rc->out, "</div>\n");
	}
	cz_text_log_add(&rc->out->log, &m.log);
	cz_buf_free(&m);
	return st;
}

cz_status cz_html_details(const void *result, const cz_render_ctx *rc, cz_render_fn md)
{
	return details(result, rc, md, false, NULL);
}

cz_status cz_html_details_links(const void *result, const cz_render_ctx *rc, cz_render_fn md, size_t *start)
{
	return details(result, rc, md, true, start);
}
