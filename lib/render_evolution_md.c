#include <stdio.h>

#include "diff_layout.h"
#include "enums.h"
#include "evolution.h"
#include "format_fr.h"
#include "md.h"
#include "render.h"
#include "testphase.h"

static const char *verdict_text(const cz_portfolio_row *r)
{
	return r->has_verdict && (unsigned)r->verdict < CZ_VERDICT_COUNT ? cz_verdict_labels[r->verdict]
									  : "avant le test";
}

static void cell_pct(cz_buf *out, double v)
{
	char s[32];
	cz_buf_printf(out, " %s |", cz_fr_percent(s, sizeof(s), v));
}

static void cell_ratio(cz_buf *out, cz_num v)
{
	char s[32];
	if (v.set)
		cz_buf_printf(out, " %s |", cz_fr_number(s, sizeof(s), v.value, 2));
	else
		cz_buf_puts(out, " — |");
}

cz_status cz_evolution_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_evolution *e = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const cz_referential *ref = rc->ref;
	const cz_evolution_point *first = e->count ? &e->points[0] : NULL, *last = e->count ? &e->points[e->count - 1] : NULL;
	cz_buf_puts(out, "# Évolution\u00A0: ");
	cz_md_text(out, last && last->row.name ? last->row.name : "projet");
	cz_buf_puts(out, "\n\n");
	char d1[64], d2[64];
	cz_buf_printf(out, "%zu relevé%s", e->count, cz_fr_s((double)e->count));
	if (first && last && first->row.date.set && last->row.date.set && e->count > 1)
		cz_buf_printf(out, ", du %s au %s", cz_diff_date_fr(d1, sizeof(d1), first->row.date),
			      cz_diff_date_fr(d2, sizeof(d2), last->row.date));
	cz_buf_puts(out, e->by_commit ? ", dans l'ordre des commits qui ont modifié le fichier.\n\n"
				      : ", dans l'ordre de leur date (`projet.date`).\n\n");
	if (!e->by_commit && e->undated)
		cz_buf_printf(out, "%zu relevé%s sans date %s placé%s à la fin, dans l'ordre donné.\n\n", e->undated,
			      cz_fr_s((double)e->undated), e->undated > 1 ? "sont" : "est", cz_fr_s((double)e->undated));
	if (e->names_differ)
		cz_buf_puts(out, "**Attention**\u00A0: les relevés ne portent pas tous le même nom de projet\u202F; "
				 "s'agit-il bien du même projet\u202F?\n\n");
	if (e->has_trend) {
		cz_buf_puts(out, "## Du premier au dernier relevé\n\n");
		if (!e->n_trend_changed)
			cz_buf_puts(out, "Aucun des chiffres du portefeuille n'a changé.\n\n");
		for (int i = 0; i < CZ_DIFF_N_FIGURES; i++) {
			const cz_diff_figure *f = &e->trend[i];
			if (!f->changed)
				continue;
			cz_buf_puts(out, "- ");
			cz_md_text(out, f->label);
			cz_buf_puts(out, "\u00A0: ");
			cz_md_text(out, f->before);
			cz_buf_puts(out, " → ");
			cz_md_text(out, f->after);
			if (f->delta) {
				cz_buf_puts(out, " (");
				cz_md_text(out, f->delta);
				cz_buf_puts(out, ")");
			}
			if (f->sense != CZ_DIFF_NEUTRAL)
				cz_buf_printf(out, ", %s", cz_diff_sense_labels[f->sense]);
			cz_buf_puts(out, "\n");
		}
		if (e->n_trend_changed)
			cz_buf_puts(out, "\n");
	}
	cz_buf_puts(out, "## Relevé par relevé\n\n"
			 "| Date | Relevé | Phase déclarée | Avancement | Phase étayée | Verdict du test | Score | "
			 "Compétences | Couverture des charges | Autofinancement | Alertes critiques | Mois relevés |\n"
			 "|---|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; e->points && i < e->count; i++) {
		const cz_evolution_point *p = &e->points[i];
		const cz_portfolio_row *r = &p->row;
		char d[64];
		cz_buf_printf(out, "| %s | ", r->date.set ? cz_diff_date_fr(d, sizeof(d), r->date) : "sans date");
		cz_md_code(out, p->source);
		cz_buf_puts(out, " | ");
		cz_md_text(out, ref->phases[r->phase].nom);
		cz_buf_puts(out, " |");
		cell_pct(out, r->progress);
		cz_buf_puts(out, " ");
		cz_md_text(out, ref->phases[r->supported_phase].nom);
		cz_buf_printf(out, " | %s |", verdict_text(r));
		cell_ratio(out, r->score);
		cell_pct(out, r->skills_coverage);
		cell_ratio(out, r->charges_coverage);
		cell_ratio(out, r->self_financing);
		cz_buf_printf(out, " %u | %zu |\n", r->critical_alerts, r->months);
	}
	cz_buf_puts(out, "\nChaque ligne reprend les chiffres du portefeuille de `conciergerie report` pour ce relevé\u00A0: "
			 "avancement et compétences de la phase déclarée, verdict et score du bilan de la phase de "
			 "test (à partir du test), couverture des charges et autofinancement sur tous les mois "
			 "relevés, hors prêts. `conciergerie diff` détaille ce qui a changé entre deux relevés.\n");
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
