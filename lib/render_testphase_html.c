/* The test-phase decision as html: the verdict first, then the details as
 * the Markdown report has them. */
#include "format_fr.h"
#include "html.h"
#include "render.h"
#include "testphase.h"

cz_status cz_testphase_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_testphase *r = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *nom = r->project->projet.nom ? r->project->projet.nom : "projet sans nom";
	cz_html_section_begin(rc, "test-phase", "Sortie de la phase de test", nom, r->project);
	cz_buf_printf(out, "<p class=\"sommaire\">Verdict\xC2\xA0: <span class=\"badge v-%s\">",
		      cz_verdict_keys[r->verdict]);
	cz_html_text(out, cz_verdict_labels[r->verdict]);
	cz_buf_puts(out, "</span>");
	if (!r->not_assessed) {
		char s[64];
		cz_buf_puts(out, " — score ");
		cz_html_text(out, cz_fr_number(s, sizeof(s), r->score, 2));
		cz_buf_printf(out, "\xC2\xA0/\xC2\xA0" "1 — %zu atteint%s, %zu partiel%s, %zu non atteint%s, "
				   "%zu non renseigné%s",
			      r->counts[CZ_TP_ATTEINT], cz_fr_s((double)r->counts[CZ_TP_ATTEINT]),
			      r->counts[CZ_TP_PARTIEL], cz_fr_s((double)r->counts[CZ_TP_PARTIEL]),
			      r->counts[CZ_TP_NON_ATTEINT], cz_fr_s((double)r->counts[CZ_TP_NON_ATTEINT]),
			      r->counts[CZ_TP_NON_RENSEIGNE], cz_fr_s((double)r->counts[CZ_TP_NON_RENSEIGNE]));
	}
	cz_buf_puts(out, "</p>\n");
	cz_status st = cz_html_details(r, rc, cz_testphase_render_md);
	return cz_html_section_close(rc, start, st, false);
}
