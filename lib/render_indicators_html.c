/* The activity dashboard as html: revenue against charges month by month
 * and funding by pillar as charts, then the tables of the Markdown report. */
#include <stdio.h>
#include <stdlib.h>

#include "enums.h"
#include "format_fr.h"
#include "html.h"
#include "indicators.h"
#include "render.h"
#include "svg_chart.h"

static void months_chart(cz_buf *b, const cz_indicators *r)
{
	if (!r->n_months)
		return;
	cz_chart_month *m = calloc(r->n_months, sizeof(*m));
	char (*labels)[16] = calloc(r->n_months, sizeof(*labels));
	char (*full)[16] = calloc(r->n_months, sizeof(*full));
	if (!m || !labels || !full) {
		b->failed = true;
		goto out;
	}
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_month *im = &r->months[i];
		snprintf(labels[i], sizeof(labels[i]), "%02d/%02d", im->periode.month % 100, im->periode.year % 100);
		snprintf(full[i], sizeof(full[i]), "%02d/%04d", im->periode.month % 100, im->periode.year % 10000);
		m[i].label = labels[i];
		m[i].full = full[i];
		m[i].has_a = !im->gap && im->f.recettes.set;
		m[i].a = im->f.recettes.value;
		m[i].has_b = !im->gap && im->f.charges.set;
		m[i].b = im->f.charges.value;
	}
	cz_svg_months(b, "Recettes et charges par mois",
		      "Recettes (en bleu plein) et charges (hachurées) de chaque mois enregistré\u202F; un mois sans "
		      "colonne n'a pas la donnée.",
		      "Recettes", "Charges", m, r->n_months);
out:
	free(m);
	free(labels);
	free(full);
}

static void pillars_chart(cz_buf *b, const cz_indicators *r, const cz_referential *ref)
{
	const cz_ind_mix *mx = &r->mix;
	if (!(mx->total > 0))
		return;
	cz_chart_bar bars[CZ_PILIER_COUNT];
	char texts[CZ_PILIER_COUNT][96];
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		char e[48], p[16];
		bars[v].label = ref->pillars[v].nom ? ref->pillars[v].nom : cz_enum_label(&cz_enum_pilier, v);
		bars[v].value = mx->montant[v];
		snprintf(texts[v], sizeof(texts[v]), "%s (%s)", cz_fr_euros(e, sizeof(e), mx->montant[v]),
			 cz_fr_percent(p, sizeof(p), mx->part[v]));
		bars[v].text = texts[v];
		bars[v].emphasis = v == mx->largest;
	}
	double max = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		if (mx->montant[v] > max)
			max = mx->montant[v];
	cz_svg_hbars(b, "Financement par pilier de viabilité",
		     "Recettes et financements acquis rangés par pilier, en euros et en part du total\u202F; en gras, "
		     "le pilier le plus important.",
		     bars, CZ_PILIER_COUNT, max);
}

cz_status cz_indicators_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_indicators *r = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *nom = r->project->projet.nom ? r->project->projet.nom : "projet sans nom";
	cz_html_section_begin(rc, "indicateurs", "Tableau de bord", nom, r->project);
	months_chart(out, r);
	pillars_chart(out, r, rc->ref);
	cz_status st = cz_html_details(r, rc, cz_indicators_render_md);
	return cz_html_section_close(rc, start, st, false);
}
