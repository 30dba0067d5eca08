#include "html_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "html.h"
#include "svg_chart.h"

static void fact_begin(cz_buf *b, const char *key)
{
	cz_buf_puts(b, "<div><span class=\"cle\">");
	cz_html_text(b, key);
	cz_buf_puts(b, "</span><span class=\"val\">");
}

static void fact_end(cz_buf *b)
{
	cz_buf_puts(b, "</span></div>\n");
}

static void fact(cz_buf *b, const char *key, const char *value)
{
	fact_begin(b, key);
	cz_html_text(b, value);
	fact_end(b);
}

void cz_html_summary(cz_buf *b, const cz_diag *d, const cz_testphase *tp, int level)
{
	const cz_referential *ref = d->ref;
	const cz_projet *pj = &d->project->projet;
	char t[64];
	cz_buf_printf(b, "<div class=\"sommaire\">\n<h%d>L'essentiel</h%d>\n<div class=\"faits\">\n", level, level);
	fact(b, "Projet", pj->nom && *pj->nom ? pj->nom : "projet sans nom");
	fact_begin(b, "Date du point");
	if (pj->date.set)
		cz_html_date(b, pj->date);
	else
		cz_buf_puts(b, "non renseignée");
	fact_end(b);
	fact(b, "Phase déclarée", cz_ref_phase_name(ref, d->declared));
	fact_begin(b, "Phase étayée par les étapes");
	cz_html_text(b, cz_ref_phase_name(ref, d->supported));
	if (d->ahead)
		cz_buf_puts(b, " <span class=\"badge s-attention\">en retard sur la phase déclarée</span>");
	fact_end(b);
	if (tp) {
		fact_begin(b, "Verdict de sortie du test");
		cz_buf_printf(b, "<span class=\"badge v-%s\">", cz_verdict_keys[tp->verdict]);
		cz_html_text(b, cz_verdict_labels[tp->verdict]);
		cz_buf_puts(b, "</span>");
		if (!tp->not_assessed) {
			cz_buf_puts(b, " score ");
			cz_html_text(b, cz_fr_number(t, sizeof(t), tp->score, 2));
			cz_buf_puts(b, "\xC2\xA0/\xC2\xA0" "1");
		}
		fact_end(b);
	}
	fact_begin(b, "Couverture des compétences");
	cz_html_text(b, cz_fr_percent(t, sizeof(t), d->coverage.total.ratio));
	cz_buf_printf(b, " <span class=\"note\">(phase %s, %zu compétences applicables)</span>",
		      cz_ref_phase_name(ref, d->declared), d->coverage.total.total);
	fact_end(b);
	size_t nc = d->alert_counts[CZ_SEV_CRITIQUE];
	fact_begin(b, "Alertes critiques");
	cz_buf_printf(b, "%s%zu%s", nc ? "<span class=\"badge s-critique\">" : "", nc, nc ? "</span>" : "");
	cz_buf_printf(b, " <span class=\"note\">et %zu «\xC2\xA0" "attention\xC2\xA0», %zu «\xC2\xA0info\xC2\xA0»</span>",
		      d->alert_counts[CZ_SEV_ATTENTION], d->alert_counts[CZ_SEV_INFO]);
	fact_end(b);
	cz_buf_puts(b, "</div>\n");

	if (nc) {
		cz_buf_printf(b, "<h%d>Alertes critiques</h%d>\n<ul class=\"alertes\">\n", level + 1, level + 1);
		for (size_t i = 0; i < d->n_alerts; i++) {
			const cz_diag_alert *a = &d->alerts[i];
			if (a->rule->severite != CZ_SEV_CRITIQUE)
				continue;
			cz_buf_puts(b, "<li><strong>");
			cz_html_text(b, a->rule->nom);
			cz_buf_puts(b, "</strong>\xC2\xA0: ");
			cz_html_text(b, a->detail);
			cz_buf_puts(b, "</li>\n");
		}
		cz_buf_puts(b, "</ul>\n");
	}
	cz_buf_printf(b, "<h%d>Prochaines actions</h%d>\n", level + 1, level + 1);
	if (!d->n_actions) {
		cz_buf_puts(b, "<p>Rien à signaler\xC2\xA0: les étapes de la phase sont faites et aucune compétence "
			       "ne manque.</p>\n");
	} else {
		cz_buf_puts(b, "<ol>\n");
		for (size_t i = 0; i < d->n_actions; i++) {
			const cz_diag_action *a = &d->actions[i];
			cz_buf_puts(b, "<li>");
			cz_html_text(b, a->label);
			cz_buf_puts(b, " <span class=\"note\">— ");
			const char *ph = cz_ref_phase_name(ref, a->phase);
			switch (a->kind) {
			case CZ_DIAG_ACT_ALERT:
				cz_buf_puts(b, "alerte critique «\xC2\xA0");
				cz_html_text(b, a->alert->nom);
				cz_buf_puts(b, "\xC2\xA0», étape de la phase ");
				cz_html_text(b, ph);
				break;
			case CZ_DIAG_ACT_BLOCKING:
				cz_buf_puts(b, "étape bloquante de la phase ");
				cz_html_text(b, ph);
				break;
			case CZ_DIAG_ACT_STEP:
				cz_buf_puts(b, "étape de la phase ");
				cz_html_text(b, ph);
				break;
			default:
				cz_buf_puts(b, "compétence de la phase ");
				cz_html_text(b, ph);
				cz_buf_puts(b, " à acquérir ou à confier au réseau");
				break;
			}
			if (a->status_label && a->kind != CZ_DIAG_ACT_SKILL) {
				cz_buf_puts(b, " (");
				cz_html_text(b, a->status_label);
				cz_buf_putc(b, ')');
			}
			cz_buf_puts(b, "</span></li>\n");
		}
		cz_buf_puts(b, "</ol>\n");
	}
	cz_buf_puts(b, "</div>\n");
}

void cz_html_diag_charts(cz_buf *b, const cz_diag *d)
{
	const cz_referential *ref = d->ref;
	cz_chart_bar bars[CZ_PHASE_COUNT];
	char texts[CZ_PHASE_COUNT][32];
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		bars[ph].label = cz_ref_phase_name(ref, (cz_phase)ph);
		bars[ph].value = dp->has_ratio ? dp->ratio : 0;
		if (dp->has_ratio)
			cz_fr_percent(texts[ph], sizeof(texts[ph]), dp->ratio);
		else
			snprintf(texts[ph], sizeof(texts[ph]), "sans objet");
		bars[ph].text = texts[ph];
		bars[ph].emphasis = ph == (int)d->declared;
	}
	cz_svg_hbars(b, "Avancement des quatre phases",
		     "Avancement de chaque phase\u00A0: étapes faites plus la moitié des étapes en cours, sur les "
		     "étapes applicables. En gras, la phase déclarée.",
		     bars, CZ_PHASE_COUNT, 1);

	cz_buf t;
	cz_buf_init(&t);
	cz_buf_puts(&t, "Couverture des compétences par famille (phase ");
	cz_buf_puts(&t, cz_ref_phase_name(ref, d->declared));
	cz_buf_puts(&t, ")");
	cz_html_families_chart(b, d->coverage.by_family, d->coverage.n_families, ref, t.data ? t.data : "",
			       "Compétences acquises par le porteur ou portées par le réseau, plus la moitié de "
			       "celles en cours, sur les compétences applicables de chaque famille.");
	if (!cz_buf_ok(&t))
		b->failed = true;
	cz_buf_free(&t);
}

void cz_html_families_chart(cz_buf *b, const cz_cov_tally *by_family, size_t n_families,
			    const cz_referential *ref, const char *title, const char *caption)
{
	size_t n = 0;
	for (size_t f = 0; f < n_families; f++)
		n += by_family[f].total > 0;
	if (!n)
		return;
	cz_chart_bar *bars = calloc(n, sizeof(*bars));
	char (*texts)[32] = calloc(n, sizeof(*texts));
	if (!bars || !texts) {
		b->failed = true;
		goto out;
	}
	size_t k = 0;
	for (size_t f = 0; f < n_families && f < ref->n_families; f++) {
		const cz_cov_tally *t = &by_family[f];
		if (!t->total)
			continue;
		bars[k].label = ref->families[f].nom ? ref->families[f].nom : ref->families[f].id;
		bars[k].value = t->ratio;
		cz_fr_percent(texts[k], sizeof(texts[k]), t->ratio);
		bars[k].text = texts[k];
		k++;
	}
	cz_svg_hbars(b, title, caption, bars, k, 1);
out:
	free(bars);
	free(texts);
}
