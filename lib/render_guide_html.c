/* The method guide as html: the Markdown guide on a printable page. */
#include "html.h"
#include "render.h"

cz_status cz_referential_render_html(const void *result, const cz_render_ctx *rc)
{
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_html_section_begin(rc, "guide", "Guide de la méthode", NULL, NULL);
	cz_status st = cz_html_details(result, rc, cz_referential_render_md);
	return cz_html_section_close(rc, start, st, false);
}
