/* The competence checklist as html: coverage by family as a chart, then
 * the checklist of the Markdown report. */
#include <stdlib.h>

#include "format_fr.h"
#include "html.h"
#include "render.h"
#include "skills.h"
#include "svg_chart.h"

static void families_chart(cz_buf *b, const cz_skills *s, const cz_referential *ref)
{
	size_t n = 0;
	for (size_t f = 0; f < s->n_families; f++)
		n += s->by_family[f].total > 0;
	if (!n)
		return;
	cz_chart_bar *bars = calloc(n, sizeof(*bars));
	char (*texts)[32] = calloc(n, sizeof(*texts));
	if (!bars || !texts) {
		b->failed = true;
		goto out;
	}
	size_t k = 0;
	for (size_t f = 0; f < s->n_families && f < ref->n_families; f++) {
		const cz_cov_tally *t = &s->by_family[f];
		if (!t->total)
			continue;
		bars[k].label = ref->families[f].nom ? ref->families[f].nom : ref->families[f].id;
		bars[k].value = t->ratio;
		cz_fr_percent(texts[k], sizeof(texts[k]), t->ratio);
		bars[k].text = texts[k];
		k++;
	}
	cz_svg_hbars(b, "Couverture des compétences par famille",
		     "Compétences acquises par le porteur ou portées par le réseau, plus la moitié de celles en "
		     "cours, sur les compétences applicables des phases présentées.",
		     bars, k, 1);
out:
	free(bars);
	free(texts);
}

cz_status cz_skills_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *heading = s->mode == CZ_SKILLS_ROLE ? "Profil du concierge" : "Compétences";
	const char *nom = s->project ? s->project->projet.nom : NULL;
	cz_html_section_begin(rc, "competences", heading, nom, s->project);
	if (s->project && s->mode == CZ_SKILLS_CHECKLIST)
		families_chart(out, s, rc->ref);
	cz_status st = cz_html_details(s, rc, cz_skills_render_md);
	return cz_html_section_close(rc, start, st, false);
}
