/*
 * The activity dashboard as worksheets: "Indicateurs mensuels" (one row per
 * calendar month, gaps shown), "Indicateurs synthèse" (totals, trend,
 * recurring revenue, alerts), "Indicateurs piliers" (funding mix, revenue
 * per service) and "Indicateurs graphiques" (native charts reading the
 * first and third sheets). Figures are numbers with number formats; a
 * figure that cannot be computed is an empty cell.
 */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "render.h"
#include "format_fr.h"
#include "indicators.h"
#include "xlsx_util.h"

#define SHEET_MONTHS "Indicateurs mensuels"
#define SHEET_SUMMARY "Indicateurs synthèse"
#define SHEET_PILLARS "Indicateurs piliers"
#define SHEET_CHARTS "Indicateurs graphiques"

/* First data row of the monthly sheet (0-based), after title and header. */
#define MONTHS_FIRST_ROW 4
/* Rows of the pillar table on the pillars sheet. */
#define PILLARS_FIRST_ROW 3

/* Negative amounts take the minus sign U+2212, as the headers and the
 * Markdown report write them (« recettes − charges », « −586 € »). */
#define EUROS_FORMAT "#,##0.00 \"€\";\"−\"#,##0.00 \"€\""

typedef struct {
	lxw_format *title, *bold, *header, *euros, *percent, *ratio, *count, *hours, *text, *gap,
		*wrap, *total_label, *total_euros;
} formats;

static lxw_format *fmt(cz_xlsx *x, const char *num_format, bool bold)
{
	lxw_format *f = cz_xlsx_format(x);
	if (!f)
		return NULL;
	if (num_format)
		format_set_num_format(f, num_format);
	if (bold)
		format_set_bold(f);
	return f;
}

static bool make_formats(cz_xlsx *x, formats *F)
{
	F->title = fmt(x, NULL, true);
	F->bold = fmt(x, NULL, true);
	F->header = fmt(x, NULL, true);
	F->euros = fmt(x, EUROS_FORMAT, false);
	F->percent = fmt(x, "0%", false);
	F->ratio = fmt(x, "0.00", false);
	F->count = fmt(x, "#,##0", false);
	F->hours = fmt(x, "#,##0.0", false);
	F->text = fmt(x, NULL, false);
	F->gap = fmt(x, NULL, false);
	F->wrap = fmt(x, NULL, false);
	F->total_label = fmt(x, NULL, true);
	F->total_euros = fmt(x, EUROS_FORMAT, true);
	if (!F->title || !F->bold || !F->header || !F->euros || !F->percent || !F->ratio || !F->count ||
	    !F->hours || !F->text || !F->gap || !F->wrap || !F->total_label || !F->total_euros)
		return false;
	format_set_font_size(F->title, 14);
	format_set_text_wrap(F->header);
	format_set_bg_color(F->header, 0xDDEBF7);
	format_set_border(F->header, LXW_BORDER_THIN);
	format_set_italic(F->gap);
	format_set_font_color(F->gap, 0x808080);
	format_set_text_wrap(F->wrap);
	format_set_align(F->wrap, LXW_ALIGN_VERTICAL_TOP);
	return true;
}

static void put_num(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, cz_num v, lxw_format *f)
{
	if (v.set)
		cz_xlsx_number(x, ws, r, c, v.value, f);
}

static void month_text(char *s, size_t n, cz_date d)
{
	snprintf(s, n, "%04d-%02d", d.year % 10000, d.month % 100);
}

static const char *pillar_name(const cz_referential *ref, int k)
{
	return ref->pillars[k].nom ? ref->pillars[k].nom : cz_enum_label(&cz_enum_pilier, k);
}

/* Column layout of the monthly sheet. */
enum {
	C_MOIS, C_RELEVE, C_DEMANDES, C_COMMANDES, C_CONVERSION, C_CLIENTS, C_RECURRENTS,
	C_FIDELISATION, C_RECETTES, C_CHARGES, C_RESULTAT, C_FINANCEMENTS, C_COUVERTURE,
	C_AUTOFIN, C_H_SAL, C_H_BEN, C_VAL_BEN, C_KM, C_LIVRAISONS, C_KM_LIV, C_MM_REC,
	C_MM_CHA, C_MM_RES, C_COUNT
};

static void figures_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const cz_ind_figures *f, const formats *F)
{
	put_num(x, ws, row, C_DEMANDES, f->demandes, F->count);
	put_num(x, ws, row, C_COMMANDES, f->commandes, F->count);
	put_num(x, ws, row, C_CONVERSION, f->conversion, F->percent);
	put_num(x, ws, row, C_CLIENTS, f->clients, F->count);
	put_num(x, ws, row, C_RECURRENTS, f->clients_recurrents, F->count);
	put_num(x, ws, row, C_FIDELISATION, f->fidelisation, F->percent);
	put_num(x, ws, row, C_RECETTES, f->recettes, F->euros);
	put_num(x, ws, row, C_CHARGES, f->charges, F->euros);
	put_num(x, ws, row, C_RESULTAT, f->resultat, F->euros);
	put_num(x, ws, row, C_FINANCEMENTS, f->financements, F->euros);
	put_num(x, ws, row, C_COUVERTURE, f->couverture, F->ratio);
	put_num(x, ws, row, C_AUTOFIN, f->autofinancement, F->ratio);
	put_num(x, ws, row, C_H_SAL, f->heures_salariees, F->hours);
	put_num(x, ws, row, C_H_BEN, f->heures_benevoles, F->hours);
	put_num(x, ws, row, C_VAL_BEN, f->valeur_benevolat, F->euros);
	put_num(x, ws, row, C_KM, f->km, F->count);
	put_num(x, ws, row, C_LIVRAISONS, f->livraisons, F->count);
	put_num(x, ws, row, C_KM_LIV, f->km_par_livraison, F->ratio);
}

static void sheet_months(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const formats *F)
{
	static const char *const headers[C_COUNT] = {
		"Mois", "Relevé", "Demandes", "Commandes", "Conversion (commandes / demandes)", "Clients",
		"Clients récurrents", "Fidélisation (récurrents / clients)", "Recettes", "Charges",
		"Résultat (recettes − charges)", "Financements acquis du mois (1/12 de l'année)",
		"Couverture ((recettes + financements) / charges)", "Autofinancement (recettes / charges)",
		"Heures salariées", "Heures bénévoles", "Valeur du bénévolat", "Km", "Livraisons",
		"Km par livraison", "Moyenne 3 mois : recettes", "Moyenne 3 mois : charges",
		"Moyenne 3 mois : résultat",
	};
	char s[32];
	cz_buf t;
	cz_buf_init(&t);
	cz_buf_puts(&t, "Tableau de bord d'activité — ");
	cz_buf_puts(&t, r->project->projet.nom ? r->project->projet.nom : "projet sans nom");
	if (cz_buf_ok(&t))
		cz_xlsx_text(x, ws, 0, 0, t.data, F->title);
	else
		x->nomem = true;
	cz_buf_free(&t);
	cz_xlsx_text(x, ws, 1, 0,
			       "Un mois sans relevé est marqué « manquant » et reste vide : rien n'est interpolé. "
			       "Les moyennes sur 3 mois exigent trois mois consécutifs renseignés.",
			       F->text);
	for (int c = 0; c < C_COUNT; c++)
		cz_xlsx_text(x, ws, MONTHS_FIRST_ROW - 1, (lxw_col_t)c, headers[c], F->header);
	cz_xlsx_row(x, ws, MONTHS_FIRST_ROW - 1, 45);
	cz_xlsx_check(x, worksheet_set_column(ws, C_MOIS, C_MOIS, 10, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, C_RELEVE, C_RELEVE, 10, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, C_DEMANDES, C_MM_RES, 14, NULL));
	lxw_row_t row = MONTHS_FIRST_ROW;
	for (size_t i = 0; i < r->n_months; i++, row++) {
		const cz_ind_month *m = &r->months[i];
		month_text(s, sizeof(s), m->periode);
		cz_xlsx_text(x, ws, row, C_MOIS, s, m->gap ? F->gap : NULL);
		cz_xlsx_text(x, ws, row, C_RELEVE, m->gap ? "manquant" : "oui", m->gap ? F->gap : NULL);
		if (m->gap)
			continue;
		figures_row(x, ws, row, &m->f, F);
		put_num(x, ws, row, C_MM_REC, m->mm_recettes, F->euros);
		put_num(x, ws, row, C_MM_CHA, m->mm_charges, F->euros);
		put_num(x, ws, row, C_MM_RES, m->mm_resultat, F->euros);
	}
	if (r->n_months > 0) {
		cz_xlsx_text(x, ws, row, C_MOIS, "Total", F->total_label);
		figures_row(x, ws, row, &r->total, F);
	} else {
		cz_xlsx_text(x, ws, row, C_MOIS, "Aucun relevé mensuel (activite).", F->gap);
	}
	worksheet_freeze_panes(ws, MONTHS_FIRST_ROW, 1);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
}

static lxw_row_t label_value(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label, cz_num v,
			     lxw_format *f, const char *note)
{
	cz_xlsx_text(x, ws, row, 0, label, NULL);
	if (v.set)
		cz_xlsx_number(x, ws, row, 1, v.value, f);
	else
		cz_xlsx_text(x, ws, row, 1, "non calculable", NULL);
	if (note && *note)
		cz_xlsx_text(x, ws, row, 2, note, NULL);
	return row + 1;
}

static void sheet_summary(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const formats *F)
{
	const cz_ind_figures *t = &r->total;
	char s[1024], a[64];
	cz_xlsx_check(x, worksheet_set_column(ws, 0, 0, 48, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, 1, 1, 16, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, 2, 2, 80, NULL));
	cz_xlsx_text(x, ws, 0, 0, "Synthèse de la période", F->title);
	lxw_row_t row = 2;
	cz_xlsx_text(x, ws, row, 0, "Indicateur", F->header);
	cz_xlsx_text(x, ws, row, 1, "Valeur", F->header);
	cz_xlsx_text(x, ws, row, 2, "Règle", F->header);
	row++;
	row = label_value(x, ws, row, "Relevés mensuels", (cz_num){ (double)r->n_records, true }, F->count, NULL);
	row = label_value(x, ws, row, "Mois manquants", (cz_num){ (double)r->n_gaps, true }, F->count,
			  "mois sans relevé entre le premier et le dernier");
	row = label_value(x, ws, row, "Demandes reçues", t->demandes, F->count, NULL);
	row = label_value(x, ws, row, "Commandes réalisées", t->commandes, F->count, NULL);
	row = label_value(x, ws, row, "Conversion", t->conversion, F->percent,
			  "somme des commandes / somme des demandes, sur les mois où les deux sont connus");
	row = label_value(x, ws, row, "Fidélisation", t->fidelisation, F->percent,
			  "somme des clients récurrents / somme des clients");
	row = label_value(x, ws, row, "Recettes", t->recettes, F->euros, NULL);
	row = label_value(x, ws, row, "Charges", t->charges, F->euros, NULL);
	row = label_value(x, ws, row, "Résultat", t->resultat, F->euros, "recettes − charges");
	row = label_value(x, ws, row, "Financements acquis des mois relevés", t->financements, F->euros,
			  "un financement acquis est réparti sur les douze mois de son année : chaque mois relevé "
			  "en reçoit un douzième, seuls les mois relevés sont comptés ; prêts et avances "
			  "remboursables exclus");
	row = label_value(x, ws, row, "Couverture des charges", t->couverture, F->ratio,
			  "(recettes + financements acquis) / charges");
	row = label_value(x, ws, row, "Autofinancement", t->autofinancement, F->ratio, "recettes / charges");
	row = label_value(x, ws, row, "Heures salariées", t->heures_salariees, F->hours, NULL);
	row = label_value(x, ws, row, "Heures bénévoles", t->heures_benevoles, F->hours, NULL);
	row = label_value(x, ws, row, "Taux de valorisation du bénévolat (€/h)",
			  (cz_num){ r->taux_benevolat, r->taux_benevolat >= 0 }, F->euros, r->taux_source);
	row = label_value(x, ws, row, "Valeur du bénévolat", t->valeur_benevolat, F->euros,
			  "heures bénévoles × taux horaire");
	row = label_value(x, ws, row, "Kilomètres par livraison", t->km_par_livraison, F->ratio,
			  "somme des km / somme des livraisons");

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Tendance et point d'équilibre", F->bold);
	const cz_ind_trend *tr = &r->trend;
	bool has = tr->kind != CZ_BE_UNKNOWN;
	row = label_value(x, ws, row, "Mois pris en compte pour la tendance", (cz_num){ (double)tr->n_points, true },
			  F->count, NULL);
	row = label_value(x, ws, row, "Tendance du résultat (€ par mois)", (cz_num){ tr->slope, has }, F->euros,
			  "pente des moindres carrés ; un mois manquant allonge l'axe du temps sans être comblé");
	switch (tr->kind) {
	case CZ_BE_UNKNOWN:
		snprintf(s, sizeof(s), "non calculable (moins de deux mois avec recettes et charges)");
		break;
	case CZ_BE_ALREADY:
		snprintf(s, sizeof(s), "déjà à l'équilibre selon la tendance");
		break;
	case CZ_BE_NEVER:
		snprintf(s, sizeof(s), "pas d'équilibre en vue");
		break;
	default: {
		char m[16];
		month_text(m, sizeof(m), tr->month);
		snprintf(s, sizeof(s), "%s, %d mois après le dernier relevé, si la tendance se maintient", m,
			 tr->months_after_last);
	}
	}
	cz_xlsx_text(x, ws, row, 0, "Équilibre (résultat ≥ 0)", NULL);
	cz_xlsx_text(x, ws, row++, 2, s, NULL);
	if (tr->kind == CZ_BE_MONTH)
		cz_xlsx_number(x, ws, row - 1, 1, tr->months_after_last, F->count);

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Recettes récurrentes", F->bold);
	snprintf(s, sizeof(s),
		 "recettes des services portant le nom d'une offre marquée recurrent (%zu offre%s), "
		 "sur les recettes détaillées par service (%zu mois, %s)",
		 r->n_offres_recurrentes, cz_fr_s((double)r->n_offres_recurrentes), r->n_mois_detailles,
		 cz_fr_euros(a, sizeof(a), r->recettes_detaillees));
	row = label_value(x, ws, row, "Part des recettes récurrentes", r->part_recurrente, F->percent, s);

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Alertes", F->bold);
	if (r->n_alerts == 0)
		cz_xlsx_text(x, ws, row++, 0, "Aucune alerte.", NULL);
	for (size_t i = 0; i < r->n_alerts; i++, row++) {
		cz_xlsx_text(x, ws, row, 0, cz_enum_label(&cz_enum_severity, (int)r->alerts[i].severity), F->bold);
		/* Row heights are not fitted to wrapped text: about 84 characters a line. */
		size_t chars = 0;
		for (const unsigned char *q = (const unsigned char *)r->alerts[i].message; *q; q++)
			chars += (*q & 0xC0) != 0x80;
		size_t lines = chars / 84 + 1;
		cz_xlsx_row(x, ws, row, cz_xlsx_lines_pt((unsigned)lines, CZ_XLSX_LINE_PT));
		cz_xlsx_text(x, ws, row, 2, r->alerts[i].message, F->wrap);
	}
	worksheet_fit_to_pages(ws, 1, 0);
}

static void sheet_pillars(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const cz_referential *ref,
			  const formats *F)
{
	const cz_ind_mix *m = &r->mix;
	char s[256];
	cz_xlsx_check(x, worksheet_set_column(ws, 0, 0, 60, NULL));
	cz_xlsx_check(x, worksheet_set_column(ws, 1, 3, 16, NULL));
	cz_xlsx_text(x, ws, 0, 0, "Ressources par pilier", F->title);
	if (m->year_from)
		snprintf(s, sizeof(s), "Recettes d'activité des relevés, financements acquis attribués aux mois "
				       "relevés (un douzième du montant annuel par mois) et bénévolat valorisé.");
	else
		snprintf(s, sizeof(s), "Aucun relevé d'activité : chaque financement acquis compte pour son année "
				       "entière.");
	cz_xlsx_text(x, ws, 1, 0, s, NULL);
	lxw_row_t row = PILLARS_FIRST_ROW - 1;
	cz_xlsx_text(x, ws, row, 0, "Pilier", F->header);
	cz_xlsx_text(x, ws, row, 1, "Montant", F->header);
	cz_xlsx_text(x, ws, row, 2, "Part", F->header);
	row++;
	for (int k = 0; k < CZ_PILIER_COUNT; k++, row++) {
		cz_xlsx_text(x, ws, row, 0, pillar_name(ref, k), NULL);
		cz_xlsx_number(x, ws, row, 1, m->montant[k], F->euros);
		put_num(x, ws, row, 2, (cz_num){ m->part[k], m->total > 0 }, F->percent);
	}
	cz_xlsx_text(x, ws, row, 0, "Total", F->total_label);
	cz_xlsx_number(x, ws, row++, 1, m->total, F->total_euros);
	row++;
	cz_xlsx_text(x, ws, row, 0, "Pilier principal", NULL);
	cz_xlsx_text(x, ws, row++, 1, m->largest >= 0 ? pillar_name(ref, m->largest) : "—", NULL);
	row = label_value(x, ws, row, "Part du pilier principal",
			  (cz_num){ m->largest >= 0 ? m->part[m->largest] : 0, m->largest >= 0 }, F->percent, NULL);
	row = label_value(x, ws, row, "Indice de Herfindahl (somme des carrés des parts)",
			  (cz_num){ m->herfindahl, m->total > 0 }, F->ratio,
			  "1 : un seul pilier ; 0,25 : quatre parts égales");
	row = label_value(x, ws, row, "Dont bénévolat valorisé (implication citoyenne)",
			  (cz_num){ m->benevolat, true }, F->euros,
			  "heures bénévoles × taux horaire : une ressource en nature, hors couverture des charges");
	row = label_value(x, ws, row, "Non comptés : part des mois sans relevé", (cz_num){ m->hors_mois, true },
			  F->euros, "financements acquis des années relevées qui reviennent aux autres mois");
	row = label_value(x, ws, row, "Non comptés : financements non acquis", (cz_num){ m->non_acquis, true },
			  F->euros, NULL);
	row = label_value(x, ws, row, "Non comptés : financements d'une année sans relevé",
			  (cz_num){ m->hors_periode, true }, F->euros, NULL);
	row = label_value(x, ws, row, "Non comptés : financements sans année", (cz_num){ m->sans_annee, true },
			  F->euros, NULL);
	row = label_value(x, ws, row, "Non comptés : financements sans pilier", (cz_num){ m->sans_pilier, true },
			  F->euros, NULL);
	row = label_value(x, ws, row, "Trésorerie : prêts et avances remboursables acquis", (cz_num){ m->prets, true },
			  F->euros,
			  "ils seront remboursés : ni ressource, ni pilier, ni couverture des charges, ni "
			  "autofinancement");
	row = label_value(x, ws, row, "Trésorerie : prêts et avances remboursables non acquis ou d'une autre année",
			  (cz_num){ m->prets_autres, true }, F->euros, NULL);
	const cz_multiactivity *mu = &r->multi;
	if (mu->services_min > 0) {
		char note[256];
		snprintf(note, sizeof(note), "%s ; au moins %.0f service%s pour la multiactivité (%s) : %s",
			 mu->from_revenue ? "services avec des recettes" : "services à l'offre (recettes non détaillées)",
			 mu->services_min, cz_fr_s(mu->services_min),
			 mu->origine && !mu->origine->outil ? "critère du groupe de travail"
							    : "réglage par défaut de l'outil",
			 mu->met ? "atteinte" : "non atteinte");
		row = label_value(x, ws, row, "Multiactivité : services distincts", (cz_num){ (double)mu->n_services, true },
				  F->count, note);
	}

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Recettes par service", F->bold);
	if (r->n_mois_detailles == 0) {
		cz_xlsx_text(x, ws, row++, 0, "Aucun relevé ne détaille ses recettes par service.", NULL);
		return;
	}
	cz_xlsx_text(x, ws, row, 0, "Service", F->header);
	cz_xlsx_text(x, ws, row, 1, "Recettes", F->header);
	cz_xlsx_text(x, ws, row, 2, "Mois", F->header);
	cz_xlsx_text(x, ws, row, 3, "Offre récurrente", F->header);
	row++;
	for (size_t i = 0; i < r->n_services; i++, row++) {
		cz_xlsx_text(x, ws, row, 0, r->services[i].service, NULL);
		cz_xlsx_number(x, ws, row, 1, r->services[i].montant, F->euros);
		cz_xlsx_number(x, ws, row, 2, (double)r->services[i].n_mois, F->count);
		cz_xlsx_text(x, ws, row, 3, r->services[i].recurrent ? "oui" : "non", NULL);
	}
	/* Month by service, for the months that detail their revenue. */
	row++;
	cz_xlsx_text(x, ws, row, 0, "Mois", F->header);
	for (size_t k = 0; k < r->n_services && k < 200; k++)
		cz_xlsx_text(x, ws, row, (lxw_col_t)(k + 1), r->services[k].service, F->header);
	row++;
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_month *mo = r->months[i].src;
		if (!mo || !mo->recettes_services)
			continue;
		month_text(s, sizeof(s), mo->periode);
		cz_xlsx_text(x, ws, row, 0, s, NULL);
		for (size_t k = 0; k < r->n_services && k < 200; k++)
			for (size_t j = 0; j < mo->n_recettes_services; j++)
				if (!strcmp(mo->recettes_services[j].service, r->services[k].service))
					cz_xlsx_number(x, ws, row, (lxw_col_t)(k + 1),
							       mo->recettes_services[j].montant, F->euros);
		row++;
	}
}

static cz_status sheet_charts(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r)
{
	cz_xlsx_text(x, ws, 0, 0, "Graphiques", NULL);
	lxw_row_t at = 2;
	lxw_col_t col = 0;
	if (r->n_months > 0) {
		lxw_chart *c = workbook_add_chart(x->wb, LXW_CHART_LINE);
		if (!c)
			return CZ_ERR_NOMEM;
		chart_title_set_name(c, "Recettes et charges par mois");
		lxw_row_t first = MONTHS_FIRST_ROW, last = (lxw_row_t)(MONTHS_FIRST_ROW + r->n_months - 1);
		static const struct {
			const char *name;
			lxw_col_t col;
		} series[] = { { "Recettes", C_RECETTES }, { "Charges", C_CHARGES } };
		for (size_t i = 0; i < 2; i++) {
			lxw_chart_series *sr = chart_add_series(c, NULL, NULL);
			if (!sr)
				return CZ_ERR_NOMEM;
			chart_series_set_categories(sr, SHEET_MONTHS, first, C_MOIS, last, C_MOIS);
			chart_series_set_values(sr, SHEET_MONTHS, first, series[i].col, last, series[i].col);
			chart_series_set_name(sr, series[i].name);
			chart_series_set_marker_type(sr, LXW_CHART_MARKER_CIRCLE);
		}
		chart_axis_set_name(c->y_axis, "euros");
		chart_axis_set_num_format(c->y_axis, "#,##0 \"€\"");
		chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
		chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
		lxw_chart_options opt = { .x_scale = 1.5, .y_scale = 1.2 };
		cz_xlsx_check(x, worksheet_insert_chart_opt(ws, at, 0, c, &opt));
		col = 12; /* the pie goes beside the lines, so both print on one page */
	}
	if (r->mix.total > 0) {
		lxw_chart *c = workbook_add_chart(x->wb, LXW_CHART_PIE);
		if (!c)
			return CZ_ERR_NOMEM;
		chart_title_set_name(c, "Ressources par pilier");
		lxw_chart_series *sr = chart_add_series(c, NULL, NULL);
		if (!sr)
			return CZ_ERR_NOMEM;
		chart_series_set_categories(sr, SHEET_PILLARS, PILLARS_FIRST_ROW, 0,
					    PILLARS_FIRST_ROW + CZ_PILIER_COUNT - 1, 0);
		chart_series_set_values(sr, SHEET_PILLARS, PILLARS_FIRST_ROW, 1,
					PILLARS_FIRST_ROW + CZ_PILIER_COUNT - 1, 1);
		chart_series_set_name(sr, "Ressources");
		chart_series_set_labels(sr);
		chart_series_set_labels_options(sr, LXW_FALSE, LXW_FALSE, LXW_FALSE);
		chart_series_set_labels_percentage(sr);
		chart_legend_set_position(c, LXW_CHART_LEGEND_RIGHT);
		lxw_chart_options opt = { .x_scale = 1.2, .y_scale = 1.2 };
		cz_xlsx_check(x, worksheet_insert_chart_opt(ws, at, col, c, &opt));
	}
	if (r->n_months == 0 && !(r->mix.total > 0))
		cz_xlsx_text(x, ws, 1, 0, "Pas de donnée à représenter.", NULL);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	return CZ_OK;
}

cz_status cz_indicators_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_indicators *r = result;
	const cz_referential *ref = rc->ref;
	cz_xlsx *x = rc->x;
	formats F;
	if (!make_formats(x, &F))
		return CZ_OK; /* the error is in x */
	lxw_worksheet *wm = cz_xlsx_sheet(x, SHEET_MONTHS);
	lxw_worksheet *wsum = cz_xlsx_sheet(x, SHEET_SUMMARY);
	lxw_worksheet *wp = cz_xlsx_sheet(x, SHEET_PILLARS);
	lxw_worksheet *wc = cz_xlsx_sheet(x, SHEET_CHARTS);
	if (!wm || !wsum || !wp || !wc)
		return CZ_OK;
	sheet_months(x, wm, r, &F);
	sheet_summary(x, wsum, r, &F);
	sheet_pillars(x, wp, r, ref, &F);
	return sheet_charts(x, wc, r);
}
