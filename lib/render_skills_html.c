/* The competence checklist as html: coverage by family as a chart, then
 * the checklist of the Markdown report. */
#include "html.h"
#include "html_summary.h"
#include "render.h"
#include "skills.h"

cz_status cz_skills_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *heading = s->mode == CZ_SKILLS_ROLE ? "Profil du concierge" : "Compétences";
	const char *nom = s->project ? s->project->projet.nom : NULL;
	cz_html_section_begin(rc, "competences", heading, nom, s->project);
	if (s->project && s->mode == CZ_SKILLS_CHECKLIST)
		cz_html_families_chart(out, s->by_family, s->n_families, rc->ref,
				       "Couverture des compétences par famille",
				       "Compétences acquises par le porteur ou portées par le réseau, plus la "
				       "moitié de celles en cours, sur les compétences applicables des phases "
				       "présentées.");
	cz_status st = cz_html_details(s, rc, cz_skills_render_md);
	return cz_html_section_close(rc, start, st, false);
}
