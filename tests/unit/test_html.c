/*
 * The html building blocks (lib/html.h, lib/svg_chart.h): escaping, the
 * Markdown conversion (headings moved, the title dropped, raw HTML left
 * out, report links retargeted, wide tables marked, a long table the same
 * as cmark's though converted in slices), the page head with a
 * hostile project name, and the charts' arithmetic (axis steps, month
 * labels that never overlap).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "buf.h"
#include "html.h"
#include "svg_chart.h"

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void test_text_escaped_and_cleaned(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_html_text(&b, "a<b>&\"c\" \x1b[31m");
	assert_true(cz_buf_ok(&b));
	/* ESC is replaced by U+FFFD, the rest escaped */
	assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&quot; \xEF\xBF\xBD[31m");
	assert_int_equal(b.log.replaced, 1);
	cz_buf_free(&b);
}

static void test_markdown(void **state)
{
	(void)state;
	const char *md = "# Titre\n\n## Partie\n\n### Sous-partie\n\n<script>alert(1)</script>\n\n"
			 "[Projet](projet.md) [ailleurs](https://exemple.fr/a.md)\n\n"
			 "| a | b | c | d | e | f | g | h | i | j |\n|---|---|---|---|---|---|---|---|---|--:|\n"
			 "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |\n\n"
			 "| a | b |\n|---|---|\n| 1 | 2 |\n";
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(cz_html_from_markdown_links(&b, md, strlen(md), 3), CZ_OK);
	const char *h = b.data;
	/* the title is the section's own heading: dropped */
	assert_null(strstr(h, "Titre"));
	/* "##" becomes level 3, "###" level 4 */
	assert_non_null(strstr(h, "<h3>Partie</h3>"));
	assert_non_null(strstr(h, "<h4>Sous-partie</h4>"));
	/* raw HTML never passes */
	assert_null(strstr(h, "<script"));
	/* a sibling report's link follows the format; another site's does not */
	assert_non_null(strstr(h, "href=\"projet.html\""));
	assert_non_null(strstr(h, "href=\"https://exemple.fr/a.md\""));
	/* ten columns make a large table, two do not */
	assert_int_equal(count(h, "<table class=\"large\">"), 1);
	assert_null(strstr(h, "tres-large"));
	assert_int_equal(count(h, "<table>"), 1);
	cz_buf_free(&b);
}

/* cmark-gfm's own HTML of the whole document, tables on. */
static char *cmark_whole(const char *md)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	assert_non_null(p);
	assert_true(cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table")));
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	assert_non_null(html);
	return html;
}

/* A table of 700 rows is converted a slice of rows at a time (memory):
 * the HTML is cmark's of the whole document, byte for byte, and so for a
 * long table that does not end with a blank line (not sliced). */
static void test_markdown_long_table(void **state)
{
	(void)state;
	for (int ends_blank = 0; ends_blank < 2; ends_blank++) {
		cz_buf md;
		cz_buf_init(&md);
		cz_buf_puts(&md, "Avant le tableau.\n\n| Projet | Valeur | Note |\n|---|--:|:-:|\n");
		for (int i = 0; i < 700; i++)
			cz_buf_printf(&md, "| projet *%d* | %d | a \\| b |\n", i, i * 7);
		cz_buf_puts(&md, ends_blank ? "\nAprès.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n" : "suite\n");
		assert_true(cz_buf_ok(&md));
		char *want = cmark_whole(md.data);
		cz_buf b;
		cz_buf_init(&b);
		assert_int_equal(cz_html_from_markdown(&b, md.data, md.len, 2), CZ_OK);
		assert_string_equal(b.data, want);
		/* one table, its 700 rows */
		assert_int_equal(count(b.data, "<table>"), ends_blank ? 2 : 1);
		assert_int_equal(count(b.data, "<td>projet <em>"), 700);
		free(want);
		cz_buf_free(&b);
		cz_buf_free(&md);
	}
}

static void test_page_head_hostile_name(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_html_page pg = { .title = "T", .project = "Nom\"}</style><script>x</script>\x1b",
			    .date = { 2026, 9, 30, true } };
	cz_html_page_begin(&b, &pg);
	cz_html_page_end(&b, &pg);
	assert_true(cz_buf_ok(&b));
	/* one style element, closed once; no script; the name as CSS escapes */
	assert_int_equal(count(b.data, "</style>"), 1);
	assert_null(strstr(b.data, "<script"));
	assert_non_null(strstr(b.data, "Nom\\22 }\\3C /style\\3E "));
	assert_non_null(strstr(b.data, "\\FFFD "));
	assert_non_null(strstr(b.data, "Point du 30/09/2026"));
	assert_non_null(strstr(b.data, "lang=\"fr\""));
	cz_buf_free(&b);
}

/* x of every month label of the chart, in order. */
static size_t axis_labels(const char *svg, int *xs, size_t max)
{
	size_t n = 0;
	for (const char *p = svg; (p = strstr(p, "text-anchor=\"middle\"")) != NULL; p++) {
		const char *x = p;
		while (x > svg && strncmp(x, "<text x=\"", 9) != 0)
			x--;
		if (n < max)
			xs[n] = atoi(x + 9);
		n++;
	}
	return n;
}

static void test_month_labels(void **state)
{
	(void)state;
	static const size_t lengths[] = { 1, 9, 12, 13, 24, 36, 120 };
	for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
		size_t n = lengths[k];
		cz_chart_month *m = calloc(n, sizeof(*m));
		assert_non_null(m);
		for (size_t i = 0; i < n; i++)
			m[i] = (cz_chart_month){ "01/26", "01/2026", 1000.0 * (double)i, 900, true, true };
		cz_buf b;
		cz_buf_init(&b);
		cz_svg_months(&b, "T", "C", "Recettes", "Charges", m, n);
		assert_true(cz_buf_ok(&b));
		int xs[200];
		size_t shown = axis_labels(b.data, xs, 200);
		assert_true(shown >= 1 && shown <= 12);
		/* 552 units of plot width: labels at least 36 units apart */
		for (size_t i = 1; i < shown; i++)
			assert_true(xs[i] - xs[i - 1] >= 36);
		/* the text alternative names every month */
		assert_int_equal(count(b.data, "01/2026"), n);
		cz_buf_free(&b);
		free(m);
	}
}

static void test_axis_steps(void **state)
{
	(void)state;
	/* highest value 2 650: a quarter is 662.5, rounded up to 1 000, so the
	 * axis reads 0, 1 000, 2 000 and 3 000 */
	cz_chart_month m[2] = { { "a", "a", 2650, 10, true, true }, { "b", "b", 0, 0, false, false } };
	cz_buf b;
	cz_buf_init(&b);
	cz_svg_months(&b, "T", "C", "Recettes", "Charges", m, 2);
	assert_non_null(strstr(b.data, "3\xE2\x80\xAF" "000\xC2\xA0€") ? strstr(b.data, "3\xE2\x80\xAF" "000\xC2\xA0€")
								     : strstr(b.data, "3 000"));
	assert_null(strstr(b.data, "4 000"));
	assert_null(strstr(b.data, "4\xE2\x80\xAF" "000"));
	/* a month without the figure draws no column and says so */
	assert_non_null(strstr(b.data, "b\xC2\xA0: Recettes non renseignées"));
	cz_buf_free(&b);
}

static void test_bars(void **state)
{
	(void)state;
	cz_chart_bar bars[2] = { { "Émergence", 1, "100 %", false }, { "Test", 0.6875, "69 %", true } };
	cz_buf b;
	cz_buf_init(&b);
	cz_svg_hbars(&b, "Avancement", "C", bars, 2, 1);
	/* the track is 290 units: 100 % fills it, 68.75 % takes 199 */
	assert_non_null(strstr(b.data, "width=\"290\" height=\"16\" fill=\"#1f4e79\""));
	assert_non_null(strstr(b.data, "width=\"199\" height=\"16\" fill=\"#1f4e79\""));
	assert_non_null(strstr(b.data, "font-weight=\"bold\">Test"));
	cz_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escaped_and_cleaned),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_long_table),
		cmocka_unit_test(test_page_head_hostile_name),
		cmocka_unit_test(test_month_labels),
		cmocka_unit_test(test_axis_steps),
		cmocka_unit_test(test_bars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
