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
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET_MONTHS "Indicateurs mensuels"
#define SHEET_SUMMARY "Indicateurs synthèse"
#define SHEET_PILLARS "Indicateurs piliers"
#define SHEET_CHARTS "Indicateurs graphiques"

/* First data row of the monthly sheet (0-based), after title and header. */
#define MONTHS_FIRST_ROW 4
/* Rows of the pillar table on the pillars sheet. */
#define PILLARS_FIRST_ROW 3

typedef struct {
	lxw_format *title, *note, *bold, *header, *euros, *percent, *ratio, *count, *hours, *text, *gap,
		*wrap, *total_label, *total_euros, *total_count, *total_percent, *total_ratio, *month, *month_gap;
} formats;

/* The workbook's shared formats (lib/xlsx_style.h), by what they show here. */
static bool make_formats(cz_xlsx *x, formats *F)
{
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	if (!S)
		return false;
	*F = (formats){
		.title = S->title, .note = S->note, .bold = S->bold, .header = S->header, .euros = S->money,
		.percent = S->percent, .ratio = S->ratio, .count = S->integer, .hours = S->decimal,
		.text = S->wrap, .gap = S->gap, .wrap = S->wrap, .total_label = S->bold,
		.total_euros = S->money_bold, .total_count = S->integer_bold, .total_percent = S->percent_bold,
		.total_ratio = S->ratio_bold, .month = S->month, .month_gap = S->gap,
	};
	return true;
}

static void put_num(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, cz_num v, lxw_format *f)
{
	if (v.set)
		cz_xlsx_number(x, ws, r, c, v.value, f);
}

static void month_text(char *s, size_t n, cz_date d)
{
	snprintf(s, n, "%02d/%04d", d.month % 100, d.year % 10000);
}

static const char *pillar_name(const cz_referential *ref, int k)
{
	return ref->pillars[k].nom ? ref->pillars[k].nom : cz_enum_label(&cz_enum_pilier, k);
}

/* The monthly sheet is two tables one above the other, each printable on
 * the width of a landscape page: the activity (requests, orders, clients,
 * time, deliveries), then the money (revenue, charges, result, funding,
 * coverage, moving averages). Both have a row per calendar month and a
 * total row. */
enum {
	A_MOIS, A_RELEVE, A_DEMANDES, A_COMMANDES, A_CONVERSION, A_CLIENTS, A_RECURRENTS, A_FIDELISATION,
	A_H_SAL, A_H_BEN, A_VAL_BEN, A_KM, A_LIVRAISONS, A_KM_LIV, A_COUNT
};
enum {
	M_MOIS, M_RECETTES, M_CHARGES, M_RESULTAT, M_FINANCEMENTS, M_COUVERTURE, M_AUTOFIN, M_MM_REC, M_MM_CHA,
	M_MM_RES, M_COUNT
};
static const double month_widths[A_COUNT] = { 9, 11, 11, 11, 13, 12, 13, 11, 11, 11, 11, 9, 10, 10 };

/* First row of the money table (0-based): after the activity table, its
 * total and a blank row, then its heading and header. */
static lxw_row_t money_first_row(const cz_indicators *r)
{
	return (lxw_row_t)(MONTHS_FIRST_ROW + (r->n_months ? r->n_months : 0) + 1 + 1 + 2);
}

/* A month as a date (its first day) shown mm/yyyy. */
static void month_cell(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const cz_ind_month *m,
		       const formats *F)
{
	lxw_datetime dt = { m->periode.year, m->periode.month, 1, 0, 0, 0 };
	cz_xlsx_datetime(x, ws, row, col, &dt, F->month);
}

static void activity_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const cz_ind_figures *f, const formats *F,
			 bool total)
{
	lxw_format *cnt = total ? F->total_count : F->count, *pct = total ? F->total_percent : F->percent;
	put_num(x, ws, row, A_DEMANDES, f->demandes, cnt);
	put_num(x, ws, row, A_COMMANDES, f->commandes, cnt);
	put_num(x, ws, row, A_CONVERSION, f->conversion, pct);
	put_num(x, ws, row, A_CLIENTS, f->clients, cnt);
	put_num(x, ws, row, A_RECURRENTS, f->clients_recurrents, cnt);
	put_num(x, ws, row, A_FIDELISATION, f->fidelisation, pct);
	put_num(x, ws, row, A_H_SAL, f->heures_salariees, F->hours);
	put_num(x, ws, row, A_H_BEN, f->heures_benevoles, F->hours);
	put_num(x, ws, row, A_VAL_BEN, f->valeur_benevolat, total ? F->total_euros : F->euros);
	put_num(x, ws, row, A_KM, f->km, cnt);
	put_num(x, ws, row, A_LIVRAISONS, f->livraisons, cnt);
	put_num(x, ws, row, A_KM_LIV, f->km_par_livraison, total ? F->total_ratio : F->ratio);
}

static void money_row(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, const cz_ind_figures *f, const formats *F,
		      bool total)
{
	lxw_format *eur = total ? F->total_euros : F->euros, *rat = total ? F->total_ratio : F->ratio;
	put_num(x, ws, row, M_RECETTES, f->recettes, eur);
	put_num(x, ws, row, M_CHARGES, f->charges, eur);
	put_num(x, ws, row, M_RESULTAT, f->resultat, eur);
	put_num(x, ws, row, M_FINANCEMENTS, f->financements, eur);
	put_num(x, ws, row, M_COUVERTURE, f->couverture, rat);
	put_num(x, ws, row, M_AUTOFIN, f->autofinancement, rat);
}

/* One of the two tables; returns the row after its total. */
static lxw_row_t month_table(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t head, const cz_indicators *r,
			     const char *const *headers, int n_cols, bool money, const formats *F)
{
	for (int c = 0; c < n_cols; c++)
		cz_xlsx_text(x, ws, head, (lxw_col_t)c, headers[c], F->header);
	lxw_row_t row = head + 1;
	for (size_t i = 0; i < r->n_months; i++, row++) {
		const cz_ind_month *m = &r->months[i];
		month_cell(x, ws, row, 0, m, F);
		if (!money)
			cz_xlsx_text(x, ws, row, A_RELEVE, m->gap ? "manquant" : "oui", m->gap ? F->gap : F->text);
		if (m->gap) {
			if (money)
				cz_xlsx_text(x, ws, row, M_RECETTES, "manquant", F->gap);
			continue;
		}
		if (money) {
			money_row(x, ws, row, &m->f, F, false);
			put_num(x, ws, row, M_MM_REC, m->mm_recettes, F->euros);
			put_num(x, ws, row, M_MM_CHA, m->mm_charges, F->euros);
			put_num(x, ws, row, M_MM_RES, m->mm_resultat, F->euros);
		} else {
			activity_row(x, ws, row, &m->f, F, false);
		}
	}
	if (r->n_months > 0) {
		cz_xlsx_text(x, ws, row, 0, "Total", F->total_label);
		if (money)
			money_row(x, ws, row, &r->total, F, true);
		else
			activity_row(x, ws, row, &r->total, F, true);
	} else {
		cz_xlsx_text(x, ws, row, 0, "Aucun relevé mensuel (activite).", F->gap);
	}
	return row + 1;
}

static void sheet_months(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const formats *F)
{
	static const char *const activity[A_COUNT] = {
		"Mois", "Relevé", "Demandes", "Commandes", "Conversion (commandes / demandes)", "Clients",
		"Clients récurrents", "Fidélisation (récurrents / clients)", "Heures salariées", "Heures bénévoles",
		"Valeur du bénévolat", "Km", "Livraisons", "Km par livraison",
	};
	static const char *const money[M_COUNT] = {
		"Mois", "Recettes", "Charges", "Résultat (recettes − charges)",
		"Financements acquis du mois (1/12 de l'année)", "Couverture ((recettes + financements) / charges)",
		"Autofinancement (recettes / charges)", "Moyenne 3 mois\u00A0: recettes", "Moyenne 3 mois\u00A0: charges",
		"Moyenne 3 mois\u00A0: résultat",
	};
	cz_xlsx_columns(x, ws, month_widths, A_COUNT);
	cz_buf t;
	cz_buf_init(&t);
	cz_buf_puts(&t, "Tableau de bord d'activité — ");
	cz_buf_puts(&t, r->project->projet.nom ? r->project->projet.nom : "projet sans nom");
	if (cz_buf_ok(&t))
		cz_xlsx_title(x, ws, 0, t.data, F->title);
	else
		x->nomem = true;
	cz_buf_free(&t);
	cz_xlsx_merge(x, ws, 1, 0, 1, A_COUNT - 1,
		      "Un mois sans relevé est marqué «\u00A0manquant\u00A0» et reste vide\u00A0: rien n'est interpolé. "
		      "Les moyennes sur 3 mois exigent trois mois consécutifs renseignés. L'activité d'abord, "
		      "l'argent ensuite, mois par mois.",
		      F->note);
	cz_xlsx_text(x, ws, MONTHS_FIRST_ROW - 2, 0, "Activité", F->bold);
	lxw_row_t row = month_table(x, ws, MONTHS_FIRST_ROW - 1, r, activity, A_COUNT, false, F);
	row++;
	cz_xlsx_text(x, ws, row, 0, "Recettes, charges et financements", F->bold);
	month_table(x, ws, row + 1, r, money, M_COUNT, true, F);
	worksheet_freeze_panes(ws, MONTHS_FIRST_ROW, 1);
}

static lxw_row_t label_value(cz_xlsx *x, const formats *F, lxw_worksheet *ws, lxw_row_t row, const char *label, cz_num v,
			     lxw_format *f, const char *note)
{
	cz_xlsx_text(x, ws, row, 0, label, F->wrap);
	if (v.set)
		cz_xlsx_number(x, ws, row, 1, v.value, f);
	else
		cz_xlsx_text(x, ws, row, 1, "non calculable", F->wrap);
	/* the note over the rest of the row */
	size_t n = cz_xlsx_sheet_columns(x, ws);
	if (note && *note && n > 3)
		cz_xlsx_merge(x, ws, row, 2, row, (lxw_col_t)(n - 1), note, F->wrap);
	else if (note && *note)
		cz_xlsx_text(x, ws, row, 2, note, F->wrap);
	return row + 1;
}

static void sheet_summary(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const formats *F)
{
	const cz_ind_figures *t = &r->total;
	char s[1024], a[64];
	static const double widths[] = { 34, 13, 51 };
	cz_xlsx_columns(x, ws, widths, 3);
	cz_xlsx_repeat(x, ws, 2, 2);
	cz_xlsx_title(x, ws, 0, "Synthèse de la période", F->title);
	if (r->n_months > 0) {
		char m1[16], m2[16];
		month_text(m1, sizeof(m1), r->months[0].periode);
		month_text(m2, sizeof(m2), r->months[r->n_months - 1].periode);
		snprintf(s, sizeof(s), "Mois couverts\u00A0: de %s à %s, %zu relevé%s mensuel%s, %zu mois manquant%s. "
				       "Chaque ratio porte sur les mois de la période où ses deux termes sont connus.",
			 m1, m2, r->n_records, cz_fr_s((double)r->n_records), cz_fr_s((double)r->n_records), r->n_gaps,
			 cz_fr_s((double)r->n_gaps));
	} else {
		snprintf(s, sizeof(s), "Aucun relevé mensuel\u00A0: pas de période couverte.");
	}
	cz_xlsx_merge(x, ws, 1, 0, 1, 2, s, F->note);
	lxw_row_t row = 2;
	cz_xlsx_text(x, ws, row, 0, "Indicateur", F->header);
	cz_xlsx_text(x, ws, row, 1, "Valeur", F->header);
	cz_xlsx_text(x, ws, row, 2, "Règle", F->header);
	row++;
	row = label_value(x, F, ws, row, "Relevés mensuels", (cz_num){ (double)r->n_records, true }, F->count, NULL);
	row = label_value(x, F, ws, row, "Mois manquants", (cz_num){ (double)r->n_gaps, true }, F->count,
			  "mois sans relevé entre le premier et le dernier");
	row = label_value(x, F, ws, row, "Demandes reçues", t->demandes, F->count, NULL);
	row = label_value(x, F, ws, row, "Commandes réalisées", t->commandes, F->count, NULL);
	row = label_value(x, F, ws, row, "Conversion", t->conversion, F->percent,
			  "somme des commandes / somme des demandes, sur les mois où les deux sont connus");
	row = label_value(x, F, ws, row, "Fidélisation", t->fidelisation, F->percent,
			  "somme des clients récurrents / somme des clients");
	row = label_value(x, F, ws, row, "Recettes", t->recettes, F->euros, NULL);
	row = label_value(x, F, ws, row, "Charges", t->charges, F->euros, NULL);
	row = label_value(x, F, ws, row, "Résultat", t->resultat, F->euros, "recettes − charges");
	row = label_value(x, F, ws, row, "Financements acquis des mois relevés", t->financements, F->euros,
			  "un financement acquis est réparti sur les douze mois de son année\u00A0: chaque mois relevé "
			  "en reçoit un douzième, seuls les mois relevés sont comptés\u202F; prêts et avances "
			  "remboursables exclus");
	row = label_value(x, F, ws, row, "Couverture des charges", t->couverture, F->ratio,
			  "(recettes + financements acquis) / charges");
	row = label_value(x, F, ws, row, "Autofinancement", t->autofinancement, F->ratio, "recettes / charges");
	row = label_value(x, F, ws, row, "Heures salariées", t->heures_salariees, F->hours, NULL);
	row = label_value(x, F, ws, row, "Heures bénévoles", t->heures_benevoles, F->hours, NULL);
	row = label_value(x, F, ws, row, "Taux de valorisation du bénévolat (€/h)",
			  (cz_num){ r->taux_benevolat, r->taux_benevolat >= 0 }, F->euros, r->taux_source);
	row = label_value(x, F, ws, row, "Valeur du bénévolat", t->valeur_benevolat, F->euros,
			  "heures bénévoles × taux horaire");
	row = label_value(x, F, ws, row, "Kilomètres par livraison", t->km_par_livraison, F->ratio,
			  "somme des km / somme des livraisons");

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Tendance et point d'équilibre", F->bold);
	const cz_ind_trend *tr = &r->trend;
	bool has = tr->kind != CZ_BE_UNKNOWN;
	row = label_value(x, F, ws, row, "Mois pris en compte pour la tendance", (cz_num){ (double)tr->n_points, true },
			  F->count, NULL);
	row = label_value(x, F, ws, row, "Tendance du résultat (€ par mois)", (cz_num){ tr->slope, has }, F->euros,
			  "pente des moindres carrés\u202F; un mois manquant allonge l'axe du temps sans être comblé");
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
	cz_xlsx_text(x, ws, row, 0, "Équilibre (résultat ≥ 0)", F->wrap);
	cz_xlsx_text(x, ws, row++, 2, s, F->wrap);
	if (tr->kind == CZ_BE_MONTH)
		cz_xlsx_number(x, ws, row - 1, 1, tr->months_after_last, F->count);

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Recettes récurrentes", F->bold);
	snprintf(s, sizeof(s),
		 "recettes des services portant le nom d'une offre marquée recurrent (%zu offre%s), "
		 "sur les recettes détaillées par service (%zu mois, %s)",
		 r->n_offres_recurrentes, cz_fr_s((double)r->n_offres_recurrentes), r->n_mois_detailles,
		 cz_fr_euros(a, sizeof(a), r->recettes_detaillees));
	row = label_value(x, F, ws, row, "Part des recettes récurrentes", r->part_recurrente, F->percent, s);

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Alertes", F->bold);
	if (r->n_alerts == 0)
		cz_xlsx_text(x, ws, row++, 0, "Aucune alerte.", F->wrap);
	for (size_t i = 0; i < r->n_alerts; i++, row++) {
		cz_xlsx_text(x, ws, row, 0, cz_enum_label(&cz_enum_severity, (int)r->alerts[i].severity), F->bold);
		cz_xlsx_text(x, ws, row, 2, r->alerts[i].message, F->wrap);
	}
}

static void sheet_pillars(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r, const cz_referential *ref,
			  const formats *F)
{
	const cz_ind_mix *m = &r->mix;
	char s[256];
	static const double widths[] = { 40, 13, 9, 34 };
	cz_xlsx_columns(x, ws, widths, 4);
	cz_xlsx_repeat(x, ws, 0, 0); /* the title on every page */
	cz_xlsx_title(x, ws, 0, "Ressources par pilier", F->title);
	if (m->year_from)
		snprintf(s, sizeof(s), "Recettes d'activité des relevés, financements acquis attribués aux mois "
				       "relevés (un douzième du montant annuel par mois) et bénévolat valorisé.");
	else
		snprintf(s, sizeof(s), "Aucun relevé d'activité\u00A0: chaque financement acquis compte pour son année "
				       "entière.");
	cz_xlsx_merge(x, ws, 1, 0, 1, 3, s, F->note);
	lxw_row_t row = PILLARS_FIRST_ROW - 1;
	cz_xlsx_text(x, ws, row, 0, "Pilier", F->header);
	cz_xlsx_text(x, ws, row, 1, "Montant", F->header);
	cz_xlsx_text(x, ws, row, 2, "Part", F->header);
	row++;
	for (int k = 0; k < CZ_PILIER_COUNT; k++, row++) {
		cz_xlsx_text(x, ws, row, 0, pillar_name(ref, k), F->wrap);
		cz_xlsx_number(x, ws, row, 1, m->montant[k], F->euros);
		put_num(x, ws, row, 2, (cz_num){ m->part[k], m->total > 0 }, F->percent);
	}
	cz_xlsx_text(x, ws, row, 0, "Total", F->total_label);
	cz_xlsx_number(x, ws, row++, 1, m->total, F->total_euros);
	row++;
	cz_xlsx_text(x, ws, row, 0, "Pilier principal", F->wrap);
	cz_xlsx_merge(x, ws, row, 1, row, 3, m->largest >= 0 ? pillar_name(ref, m->largest) : "—", F->wrap);
	row++;
	row = label_value(x, F, ws, row, "Part du pilier principal",
			  (cz_num){ m->largest >= 0 ? m->part[m->largest] : 0, m->largest >= 0 }, F->percent, NULL);
	row = label_value(x, F, ws, row, "Indice de Herfindahl (somme des carrés des parts)",
			  (cz_num){ m->herfindahl, m->total > 0 }, F->ratio,
			  "1\u00A0: un seul pilier\u202F; 0,25\u00A0: quatre parts égales");
	row = label_value(x, F, ws, row, "Dont bénévolat valorisé (implication citoyenne)",
			  (cz_num){ m->benevolat, true }, F->euros,
			  "heures bénévoles × taux horaire\u00A0: une ressource en nature, hors couverture des charges");
	row = label_value(x, F, ws, row, "Non comptés\u00A0: part des mois sans relevé", (cz_num){ m->hors_mois, true },
			  F->euros, "financements acquis des années relevées qui reviennent aux autres mois");
	row = label_value(x, F, ws, row, "Non comptés\u00A0: financements non acquis", (cz_num){ m->non_acquis, true },
			  F->euros, NULL);
	row = label_value(x, F, ws, row, "Non comptés\u00A0: financements d'une année sans relevé",
			  (cz_num){ m->hors_periode, true }, F->euros, NULL);
	row = label_value(x, F, ws, row, "Non comptés\u00A0: financements sans année", (cz_num){ m->sans_annee, true },
			  F->euros, NULL);
	row = label_value(x, F, ws, row, "Non comptés\u00A0: financements sans pilier", (cz_num){ m->sans_pilier, true },
			  F->euros, NULL);
	row = label_value(x, F, ws, row, "Trésorerie\u00A0: prêts et avances remboursables acquis", (cz_num){ m->prets, true },
			  F->euros,
			  "ils seront remboursés\u00A0: ni ressource, ni pilier, ni couverture des charges, ni "
			  "autofinancement");
	row = label_value(x, F, ws, row, "Trésorerie\u00A0: prêts et avances remboursables non acquis ou d'une autre année",
			  (cz_num){ m->prets_autres, true }, F->euros, NULL);
	const cz_multiactivity *mu = &r->multi;
	if (mu->services_min > 0) {
		char note[256];
		snprintf(note, sizeof(note), "%s\u202F; au moins %.0f service%s pour la multiactivité (%s)\u00A0: %s",
			 mu->from_revenue ? "services avec des recettes" : "services à l'offre (recettes non détaillées)",
			 mu->services_min, cz_fr_s(mu->services_min),
			 mu->origine && !mu->origine->outil ? "critère du groupe de travail"
							    : "réglage par défaut de l'outil",
			 mu->met ? "atteinte" : "non atteinte");
		row = label_value(x, F, ws, row, "Multiactivité\u00A0: services distincts", (cz_num){ (double)mu->n_services, true },
				  F->count, note);
	}

	row++;
	cz_xlsx_text(x, ws, row++, 0, "Recettes par service", F->bold);
	if (r->n_mois_detailles == 0) {
		cz_xlsx_text(x, ws, row++, 0, "Aucun relevé ne détaille ses recettes par service.", F->wrap);
		return;
	}
	cz_xlsx_text(x, ws, row, 0, "Service", F->header);
	cz_xlsx_text(x, ws, row, 1, "Recettes", F->header);
	cz_xlsx_text(x, ws, row, 2, "Mois", F->header);
	cz_xlsx_text(x, ws, row, 3, "Offre récurrente", F->header);
	row++;
	for (size_t i = 0; i < r->n_services; i++, row++) {
		cz_xlsx_text(x, ws, row, 0, r->services[i].service, F->wrap);
		cz_xlsx_number(x, ws, row, 1, r->services[i].montant, F->euros);
		cz_xlsx_number(x, ws, row, 2, (double)r->services[i].n_mois, F->count);
		cz_xlsx_text(x, ws, row, 3, r->services[i].recurrent ? "oui" : "non", F->wrap);
	}
	/* Month by service, for the months that detail their revenue: one row
	 * per month and service, so any number of services prints. */
	row++;
	cz_xlsx_text(x, ws, row++, 0, "Recettes par mois et par service", F->bold);
	cz_xlsx_text(x, ws, row, 0, "Service", F->header);
	cz_xlsx_text(x, ws, row, 1, "Mois", F->header);
	cz_xlsx_text(x, ws, row, 2, "Recettes", F->header);
	row++;
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_month *mo = r->months[i].src;
		if (!mo || !mo->recettes_services)
			continue;
		for (size_t k = 0; k < r->n_services; k++)
			for (size_t j = 0; j < mo->n_recettes_services; j++) {
				if (strcmp(mo->recettes_services[j].service, r->services[k].service) != 0)
					continue;
				cz_xlsx_text(x, ws, row, 0, r->services[k].service, F->wrap);
				month_cell(x, ws, row, 1, &r->months[i], F);
				cz_xlsx_number(x, ws, row, 2, mo->recettes_services[j].montant, F->euros);
				row++;
			}
	}
}

static cz_status sheet_charts(cz_xlsx *x, lxw_worksheet *ws, const cz_indicators *r)
{
	static const double widths[22] = { 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43,
					    8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43 };
	cz_xlsx_columns(x, ws, widths, 22);
	cz_xlsx_text(x, ws, 0, 0, "Graphiques", NULL);
	lxw_row_t at = 2;
	lxw_col_t col = 0;
	if (r->n_months > 0) {
		lxw_chart *c = workbook_add_chart(x->wb, LXW_CHART_LINE);
		if (!c)
			return CZ_ERR_NOMEM;
		chart_title_set_name(c, "Recettes et charges par mois");
		lxw_row_t first = money_first_row(r), last = (lxw_row_t)(first + r->n_months - 1);
		static const struct {
			const char *name;
			lxw_col_t col;
		} series[] = { { "Recettes", M_RECETTES }, { "Charges", M_CHARGES } };
		for (size_t i = 0; i < 2; i++) {
			lxw_chart_series *sr = chart_add_series(c, NULL, NULL);
			if (!sr)
				return CZ_ERR_NOMEM;
			chart_series_set_categories(sr, SHEET_MONTHS, first, M_MOIS, last, M_MOIS);
			chart_series_set_values(sr, SHEET_MONTHS, first, series[i].col, last, series[i].col);
			chart_series_set_name(sr, series[i].name);
			chart_series_set_marker_type(sr, LXW_CHART_MARKER_CIRCLE);
		}
		/* the months are dates: shown as the sheet shows them */
		chart_axis_set_num_format(c->x_axis, CZ_XLSX_NUM_MONTH);
		chart_axis_set_name(c->y_axis, "euros");
		chart_axis_set_num_format(c->y_axis, CZ_XLSX_NUM_MONEY);
		chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
		chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
		lxw_chart_options opt = { .x_scale = 1.5, .y_scale = 1.2 };
		cz_xlsx_check_at(x, worksheet_insert_chart_opt(ws, at, 0, c, &opt), ws, LXW_ROW_MAX, LXW_COL_MAX);
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
		cz_xlsx_check_at(x, worksheet_insert_chart_opt(ws, at, col, c, &opt), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	if (r->n_months == 0 && !(r->mix.total > 0))
		cz_xlsx_text(x, ws, 1, 0, "Pas de donnée à représenter.", NULL);
	return CZ_OK;
}

cz_status cz_indicators_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_indicators *r = result;
	const cz_referential *ref = rc->ref;
	cz_xlsx *x = rc->x;
	const cz_projet *pj = &r->project->projet;
	cz_xlsx_document(x, pj->nom, pj->date.set ? &pj->date : NULL);
	formats F;
	if (!make_formats(x, &F))
		return CZ_OK; /* the error is in x */
	/* the summary first */
	lxw_worksheet *wsum = cz_xlsx_sheet(x, SHEET_SUMMARY);
	lxw_worksheet *wm = cz_xlsx_sheet_charted(x, SHEET_MONTHS);
	lxw_worksheet *wp = cz_xlsx_sheet_charted(x, SHEET_PILLARS);
	lxw_worksheet *wc = cz_xlsx_sheet(x, SHEET_CHARTS);
	if (!wm || !wsum || !wp || !wc)
		return CZ_OK;
	sheet_months(x, wm, r, &F);
	sheet_summary(x, wsum, r, &F);
	sheet_pillars(x, wp, r, ref, &F);
	return sheet_charts(x, wc, r);
}
