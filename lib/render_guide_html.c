/* The method guide as html: the Markdown guide on a printable page. */
#include "html.h"
#include "render.h"

cz_status cz_referential_render_html(const void *result, const cz_render_ctx *rc)
{
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_html_section_begin(rc, "guide", "Guide de la méthode", NULL, NULL);
	cz_status st = cz_html_details(result, rc, cz_referential_render_md);
	cz_html_section_end(rc, false);
	cz_html_finish(out, start);
	if (st == CZ_OK && !cz_buf_ok(out))
		st = CZ_ERR_NOMEM;
	return st;
}
