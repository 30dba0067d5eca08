/* What changed between two snapshots, as html: a verdict line when the
 * diff worsens, then the report as the Markdown renderer writes it (the
 * summary first, the figures before → after, the detail). */
#include "diff.h"
#include "html.h"
#include "render.h"

cz_status cz_diff_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_diff *d = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_html_section_begin(rc, "diff", "Ce qui a changé", d->after->projet.nom, d->after);
	cz_status st = cz_html_details(d, rc, cz_diff_render_md);
	return cz_html_section_close(rc, start, st, false);
}
