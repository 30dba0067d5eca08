/*
 * evolution as a workbook: the sheet « Évolution », one row per snapshot
 * with the portfolio's figures as numbers, and two native line charts
 * reading those cells: the ratios (progress, competences, score, coverage
 * of charges, self-financing) and the critical alerts.
 */
#include <stdio.h>

#include "diff_layout.h"
#include "evolution.h"
#include "render.h"
#include "testphase.h"
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET "Évolution"

enum { C_DATE, C_SOURCE, C_PHASE, C_PROGRESS, C_SUPPORTED, C_VERDICT, C_SCORE, C_SKILLS, C_COVERAGE,
       C_SELF, C_ALERTS, C_MONTHS, N_COLS };

static void date_cell(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, cz_date d,
		      const cz_xlsx_styles *S)
{
	if (!d.set) {
		cz_xlsx_text(x, ws, row, col, "sans date", S->gap);
		return;
	}
	lxw_datetime dt = { d.year, d.month, d.day ? d.day : 1, 0, 0, 0 };
	cz_xlsx_datetime(x, ws, row, col, &dt, d.day ? S->date : S->month);
}

cz_status cz_evolution_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_evolution *e = result;
	cz_xlsx *x = rc->x;
	const cz_portfolio_row *last_row = e->count ? &e->points[e->count - 1].row : NULL;
	char line[512];
	snprintf(line, sizeof(line), "Évolution\u00A0: %s", last_row && last_row->name ? last_row->name : "projet");
	cz_xlsx_document(x, line, last_row && last_row->date.set ? &last_row->date : NULL);
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	lxw_worksheet *ws = cz_xlsx_sheet_charted(x, SHEET);
	if (!S || !ws)
		return CZ_OK; /* the error is in x */
	static const char *const heads[N_COLS] = {
		"Date du relevé", "Relevé", "Phase déclarée", "Avancement de la phase", "Phase étayée", "Verdict du test",
		"Score du test", "Couverture des compétences", "Couverture des charges (hors prêts)",
		"Autofinancement", "Alertes critiques", "Mois relevés",
	};
	static const double widths[N_COLS] = { 12, 24, 14, 12, 14, 12, 9, 12, 12, 12, 10, 9 };
	cz_xlsx_columns(x, ws, widths, N_COLS);
	cz_xlsx_title(x, ws, 0, line, S->title);
	snprintf(line, sizeof(line), "%zu relevé%s, %s.", e->count, e->count > 1 ? "s" : "",
		 e->by_commit ? "dans l'ordre des commits qui ont modifié le fichier"
			      : "dans l'ordre de leur date (projet.date)");
	cz_xlsx_merge(x, ws, 1, 0, 1, N_COLS - 1, line, S->wrap);
	const lxw_row_t head_row = 3;
	for (lxw_col_t c = 0; c < (lxw_col_t)N_COLS; c++)
		cz_xlsx_text(x, ws, head_row, c, heads[c], S->header);
	cz_xlsx_repeat(x, ws, head_row, head_row);
	worksheet_freeze_panes(ws, head_row + 1, 2);
	lxw_row_t r = head_row + 1;
	for (size_t i = 0; i < e->count; i++, r++) {
		const cz_evolution_point *p = &e->points[i];
		const cz_portfolio_row *w = &p->row;
		date_cell(x, ws, r, C_DATE, w->date, S);
		cz_xlsx_text(x, ws, r, C_SOURCE, p->source, S->wrap);
		cz_xlsx_text(x, ws, r, C_PHASE, rc->ref->phases[w->phase].nom, S->wrap);
		cz_xlsx_number(x, ws, r, C_PROGRESS, w->progress, S->percent);
		cz_xlsx_text(x, ws, r, C_SUPPORTED, rc->ref->phases[w->supported_phase].nom, S->wrap);
		if (w->has_verdict && (unsigned)w->verdict < CZ_VERDICT_COUNT)
			cz_xlsx_text(x, ws, r, C_VERDICT, cz_verdict_labels[w->verdict],
				     S->tone[cz_xlsx_tone_verdict(w->verdict)]);
		else
			cz_xlsx_text(x, ws, r, C_VERDICT, "avant le test", S->gap);
		if (w->score.set)
			cz_xlsx_number(x, ws, r, C_SCORE, w->score.value, S->ratio);
		cz_xlsx_number(x, ws, r, C_SKILLS, w->skills_coverage, S->percent);
		if (w->charges_coverage.set)
			cz_xlsx_number(x, ws, r, C_COVERAGE, w->charges_coverage.value, S->ratio);
		if (w->self_financing.set)
			cz_xlsx_number(x, ws, r, C_SELF, w->self_financing.value, S->ratio);
		cz_xlsx_number(x, ws, r, C_ALERTS, w->critical_alerts,
			       w->critical_alerts ? S->tone[CZ_TONE_ALARM] : S->integer);
		cz_xlsx_number(x, ws, r, C_MONTHS, (double)w->months, S->integer);
	}
	lxw_row_t first = head_row + 1, last = r > first ? r - 1 : first;
	if (e->count)
		cz_xlsx_check(x, worksheet_autofilter(ws, head_row, 0, last, N_COLS - 1));
	r++;
	static const char note[] =
		"Chaque ligne reprend les chiffres du portefeuille de «\u00A0conciergerie report\u00A0» pour ce relevé. "
		"Une case vide\u00A0: le chiffre ne se calcule pas pour ce relevé (pas de bilan de test, pas d'activité "
		"relevée). «\u00A0conciergerie diff\u00A0» détaille ce qui a changé entre deux relevés.";
	cz_xlsx_merge(x, ws, r, 0, r, N_COLS - 1, note, S->note);
	r += 2;
	if (e->count == 0)
		return CZ_OK;
	/* The trend as native charts over the cells above. */
	static const struct {
		int col;
		const char *name;
	} series[] = {
		{ C_PROGRESS, "Avancement de la phase" }, { C_SKILLS, "Couverture des compétences" },
		{ C_SCORE, "Score du test" },		  { C_COVERAGE, "Couverture des charges" },
		{ C_SELF, "Autofinancement" },
	};
	lxw_chart *c = workbook_add_chart(x->wb, LXW_CHART_LINE);
	if (!c)
		return CZ_ERR_NOMEM;
	chart_title_set_name(c, "Évolution des chiffres du projet");
	for (size_t i = 0; i < sizeof(series) / sizeof(series[0]); i++) {
		lxw_chart_series *sr = chart_add_series(c, NULL, NULL);
		if (!sr)
			return CZ_ERR_NOMEM;
		chart_series_set_categories(sr, SHEET, first, C_DATE, last, C_DATE);
		chart_series_set_values(sr, SHEET, first, (lxw_col_t)series[i].col, last, (lxw_col_t)series[i].col);
		chart_series_set_name(sr, series[i].name);
		chart_series_set_marker_type(sr, LXW_CHART_MARKER_CIRCLE);
	}
	chart_axis_set_num_format(c->y_axis, "0%");
	chart_axis_set_num_format(c->x_axis, CZ_XLSX_NUM_DATE);
	chart_axis_set_name(c->y_axis, "part (100 % = complet, équilibre)");
	chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
	lxw_chart_options opt = { .x_scale = 1.6, .y_scale = 1.3 };
	cz_xlsx_check(x, worksheet_insert_chart_opt(ws, r, 0, c, &opt));
	lxw_chart *a = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
	if (!a)
		return CZ_ERR_NOMEM;
	chart_title_set_name(a, "Alertes critiques");
	lxw_chart_series *sa = chart_add_series(a, NULL, NULL);
	if (!sa)
		return CZ_ERR_NOMEM;
	chart_series_set_categories(sa, SHEET, first, C_DATE, last, C_DATE);
	chart_series_set_values(sa, SHEET, first, C_ALERTS, last, C_ALERTS);
	chart_series_set_name(sa, "Alertes critiques");
	chart_legend_set_position(a, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_format(a->x_axis, CZ_XLSX_NUM_DATE);
	chart_axis_set_min(a->y_axis, 0);
	chart_axis_set_major_unit(a->y_axis, 1);
	lxw_chart_options opt2 = { .x_scale = 1.0, .y_scale = 1.3 };
	cz_xlsx_check(x, worksheet_insert_chart_opt(ws, r, 8, a, &opt2));
	return CZ_OK;
}
