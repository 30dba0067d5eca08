/* A project over its snapshots, as html: the Markdown report (first to
 * last, then the table), then one inline SVG chart per figure of the
 * trend, a bar per snapshot in their order. */
#include <stdio.h>
#include <stdlib.h>

#include "diff_layout.h"
#include "evolution.h"
#include "format_fr.h"
#include "html.h"
#include "render.h"
#include "svg_chart.h"

typedef enum { F_PROGRESS, F_SKILLS, F_COVERAGE, F_SELF, N_FIG } fig;

static cz_num value_of(const cz_portfolio_row *r, fig f)
{
	switch (f) {
	case F_PROGRESS:
		return (cz_num){ r->progress, true };
	case F_SKILLS:
		return (cz_num){ r->skills_coverage, true };
	case F_COVERAGE:
		return r->charges_coverage;
	default:
		return r->self_financing;
	}
}

static void trend_chart(cz_buf *b, const cz_evolution *e, fig f)
{
	static const char *const titles[N_FIG] = {
		"Avancement de la phase déclarée, relevé après relevé",
		"Compétences de la phase couvertes, relevé après relevé",
		"Couverture des charges (hors prêts), relevé après relevé",
		"Autofinancement, relevé après relevé",
	};
	static const char *const captions[N_FIG] = {
		"(étapes faites + ½ en cours) / étapes applicables de la phase déclarée à chaque relevé.",
		"Compétences acquises par le porteur ou portées par le réseau, plus la moitié de celles en cours.",
		"(recettes + financements acquis) / charges sur les mois relevés\u202F; 1\u00A0: les charges sont couvertes.",
		"recettes / charges sur les mois relevés\u202F; 1\u00A0: l'activité paie ses charges.",
	};
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		n += value_of(&e->points[i].row, f).set;
	if (n == 0)
		return;
	cz_chart_bar *bars = calloc(n, sizeof(*bars));
	char (*labels)[80] = calloc(n, sizeof(*labels));
	char (*texts)[32] = calloc(n, sizeof(*texts));
	if (!bars || !labels || !texts) {
		b->failed = true;
		goto out;
	}
	size_t k = 0;
	double max = 1;
	for (size_t i = 0; i < e->count; i++) {
		const cz_portfolio_row *r = &e->points[i].row;
		cz_num v = value_of(r, f);
		if (!v.set)
			continue;
		char d[48];
		snprintf(labels[k], sizeof(labels[k]), "%s", r->date.set ? cz_diff_date_fr(d, sizeof(d), r->date)
									  : e->points[i].source);
		if (f == F_PROGRESS || f == F_SKILLS)
			cz_fr_percent(texts[k], sizeof(texts[k]), v.value);
		else
			cz_fr_number(texts[k], sizeof(texts[k]), v.value, 2);
		bars[k] = (cz_chart_bar){ .label = labels[k], .value = v.value < 0 ? 0 : v.value, .text = texts[k],
					  .emphasis = i + 1 == e->count };
		if (v.value > max)
			max = v.value;
		k++;
	}
	cz_svg_hbars(b, titles[f], captions[f], bars, k, max);
out:
	free(bars);
	free(labels);
	free(texts);
}

cz_status cz_evolution_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_evolution *e = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *nom = e->count && e->points[e->count - 1].row.name ? e->points[e->count - 1].row.name : "projet";
	cz_html_section_begin(rc, "evolution", "Évolution", nom, NULL);
	cz_status st = cz_html_details(e, rc, cz_evolution_render_md);
	if (e->count) {
		int level = cz_html_sub_level(rc);
		cz_buf_printf(out, "<h%d>Tendance en graphiques</h%d>\n", level, level);
		for (int f = 0; f < N_FIG; f++)
			trend_chart(out, e, (fig)f);
	}
	return cz_html_section_close(rc, start, st, false);
}
