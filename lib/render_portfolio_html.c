/* The portfolio as html (index.html of a report directory): the Markdown
 * portfolio's tables, each project linked to its html page, every table
 * sortable by a click on a header. */
#include "html.h"
#include "portfolio.h"
#include "render.h"

cz_status cz_portfolio_render_html(const void *result, const cz_render_ctx *rc)
{
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_html_section_begin(rc, "portefeuille triable", "Portefeuille de projets", NULL, NULL);
	cz_buf_puts(out, "<p class=\"note noprint\">Un clic sur l'en-tête d'une colonne trie le tableau\u202F; un "
			 "second clic inverse l'ordre. Le nom d'un projet ouvre son rapport.</p>\n");
	cz_status st = cz_html_details_links(result, rc, cz_portfolio_render_md, &start);
	return cz_html_section_close(rc, start, st, true);
}
