/* The diagnostic as html: the summary card and the charts first, then the
 * details as the Markdown report has them. */
#include "diag.h"
#include "html.h"
#include "html_summary.h"
#include "render.h"

cz_status cz_diag_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_diag *d = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_html_section_begin(rc, "diag", "Diagnostic", d->project->projet.nom, d->project);
	/* In a report the project's page has the card already. */
	if (!rc->summary_given)
		cz_html_summary(out, d, d->testphase, 2);
	cz_html_diag_charts(out, d);
	cz_status st = cz_html_details(d, rc, cz_diag_render_md);
	return cz_html_section_close(rc, start, st, false);
}
