/*
 * The competency checklist as a workbook the carrier fills in: one row per
 * competence with a drop-down for the level, and a summary sheet whose
 * coverage cells are live COUNTIFS formulas over that column, so the figures
 * follow the sheet as it is filled in. Cached results are written with each
 * formula for readers that do not recalculate.
 *
 * Formulas stay ASCII: phase, family and level names are read from cells of
 * the summary sheet rather than written as literals.
 *
 * With a project, a third sheet lists the competences to acquire (the
 * Markdown's "Lacunes à combler") with a drop-down for what to do about
 * each: acquire it, or hand it to an actor of the network.
 */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "render.h"
#include "skills.h"
#include "xlsx_util.h"

#define SHEET_LIST "Compétences"
#define SHEET_SUMMARY "Compétences synthèse"
#define SHEET_GAPS "Compétences lacunes"
#define SHEET_ROLE "Concierge"

/* The drop-down: the four levels of the file format (sans objet: not needed
 * by the project, left out of the coverage), plus "acquired and carried by
 * a partner" (coverage.h's CZ_COV_NETWORK). Well under Excel's 255-byte
 * limit for list validations. The first four follow cz_level. */
#define LEVEL_PARTNER "porté par un partenaire"
enum { LV_ACQUIS, LV_EN_COURS, LV_A_ACQUERIR, LV_SANS_OBJET, LV_PARTNER, LV_COUNT };
_Static_assert(LV_SANS_OBJET == (int)CZ_LEVEL_SANS_OBJET && LV_PARTNER == (int)CZ_LEVEL_COUNT,
	       "drop-down levels follow cz_level");

/* Header row and first data row (0-based) of both checklist sheets. */
#define HEAD_ROW 3
#define FIRST_ROW 4

enum { COL_PHASE, COL_FAMILY, COL_ID, COL_LABEL, COL_LEVEL, COL_CARRIER, COL_COMMENT, N_COLS };

typedef struct {
	lxw_format *title, *note, *head, *cell, *wrap, *level, *bold, *bold_num, *num, *pct,
		*bold_pct;
	lxw_format *cf[LV_COUNT];
} formats;

static const char *level_text(int lv)
{
	return lv == LV_PARTNER ? LEVEL_PARTNER : cz_enum_label(&cz_enum_level, lv);
}

static lxw_format *fmt(lxw_workbook *wb, bool border, bool wrap_text)
{
	lxw_format *f = workbook_add_format(wb);
	if (!f)
		return NULL;
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap_text)
		format_set_text_wrap(f);
	return f;
}

static lxw_format *colour(lxw_workbook *wb, lxw_color_t bg, lxw_color_t font)
{
	lxw_format *f = workbook_add_format(wb);
	if (f) {
		format_set_bg_color(f, bg);
		format_set_font_color(f, font);
	}
	return f;
}

static bool make_formats(lxw_workbook *wb, formats *F)
{
	memset(F, 0, sizeof(*F));
	F->title = workbook_add_format(wb);
	F->note = fmt(wb, false, true);
	F->head = fmt(wb, true, true);
	F->cell = fmt(wb, true, false);
	F->wrap = fmt(wb, true, true);
	F->level = fmt(wb, true, false);
	F->bold = fmt(wb, true, true);
	F->bold_num = fmt(wb, true, false);
	F->num = fmt(wb, true, false);
	F->pct = fmt(wb, true, false);
	F->bold_pct = fmt(wb, true, false);
	F->cf[LV_ACQUIS] = colour(wb, 0xC6EFCE, 0x006100);
	F->cf[LV_EN_COURS] = colour(wb, 0xFFEB9C, 0x9C5700);
	F->cf[LV_A_ACQUERIR] = colour(wb, 0xFFC7CE, 0x9C0006);
	F->cf[LV_SANS_OBJET] = colour(wb, 0xEDEDED, 0x595959);
	F->cf[LV_PARTNER] = colour(wb, 0xDDEBF7, 0x1F4E79);
	lxw_format *all[] = { F->title, F->note, F->head, F->cell, F->wrap, F->level, F->bold,
			      F->bold_num, F->num, F->pct, F->bold_pct, F->cf[0], F->cf[1],
			      F->cf[2], F->cf[3], F->cf[4] };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!all[i])
			return false;
	format_set_bold(F->title);
	format_set_font_size(F->title, 14);
	format_set_italic(F->note);
	format_set_bold(F->head);
	format_set_bg_color(F->head, 0xD9E1F2);
	format_set_bold(F->bold);
	format_set_bold(F->bold_num);
	format_set_bold(F->bold_pct);
	format_set_num_format(F->pct, "0%");
	format_set_num_format(F->bold_pct, "0%");
	format_set_bg_color(F->level, 0xFFFFF0);
	return true;
}

/* Landscape, one page wide, header row repeated on every page; the header
 * row is two lines high for the headings that wrap (and the filter buttons). */
static void print_setup(lxw_worksheet *ws, lxw_row_t head_row)
{
	worksheet_set_row(ws, head_row, 30, NULL);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, CZ_XLSX_PAPER_A4);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, head_row, head_row);
	worksheet_freeze_panes(ws, head_row + 1, 0);
	worksheet_set_footer(ws, "&L&A&RPage &P / &N");
}

static bool ok(lxw_error e)
{
	return e == LXW_NO_ERROR;
}

static unsigned max_u(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

/* The level a competence gets in the sheet, or -1 (blank). */
static int prefill(const cz_cov_item *it)
{
	switch (it->state) {
	case CZ_COV_CARRIER:
		return LV_ACQUIS;
	case CZ_COV_NETWORK:
		return LV_PARTNER;
	case CZ_COV_IN_PROGRESS:
		return LV_EN_COURS;
	case CZ_COV_GAP:
		return LV_A_ACQUERIR;
	case CZ_COV_NOT_APPLICABLE:
		return LV_SANS_OBJET;
	default:
		return -1;
	}
}

static cz_status list_sheet(const cz_skills *s, const cz_referential *ref, lxw_workbook *wb,
			    const formats *F, lxw_row_t *last_row)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_LIST);
	if (!ws)
		return CZ_ERR_NOMEM;
	bool good = true;
	cz_buf title;
	cz_buf_init(&title);
	if (s->project) {
		cz_buf_puts(&title, "Grille de compétences — ");
		cz_buf_puts(&title, s->project->projet.nom);
	} else {
		cz_buf_puts(&title, "Grille de compétences du porteur de projet");
	}
	good &= cz_buf_ok(&title) && ok(worksheet_write_string(ws, 0, 0, title.data, F->title));
	cz_buf_free(&title);
	good &= ok(worksheet_set_row(ws, 1, 2 * CZ_XLSX_LINE_PT, NULL));
	good &= ok(worksheet_merge_range(ws, 1, 0, 1, N_COLS - 1,
					  "Choisissez le niveau de chaque compétence dans la liste "
					  "déroulante (colonne Niveau) et nommez, s'il y a lieu, le "
					  "partenaire qui la porte. La feuille « " SHEET_SUMMARY
					  " » recalcule la couverture.",
					  F->note));
	static const char *const heads[N_COLS] = { "Phase", "Famille", "Identifiant", "Compétence",
						   "Niveau", "Porté par", "Commentaire" };
	static const double widths[N_COLS] = { 15, 24, 30, 70, 23, 28, 40 };
	for (int c = 0; c < N_COLS; c++) {
		good &= ok(worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head));
		good &= ok(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
	}

	lxw_row_t row = FIRST_ROW;
	for (size_t i = 0; i < s->n_phases; i++) {
		const cz_cov_phase *cov = &s->cov[i];
		const char *phase_name = ref->phases[s->phases[i]].nom;
		/* Grouped by family, like the Markdown checklist. */
		for (size_t f = 0; f < s->n_families; f++) {
			for (size_t k = 0; k < cov->n_items; k++) {
				const cz_cov_item *it = &cov->items[k];
				if (it->competence->family != (int)f)
					continue;
				good &= ok(worksheet_write_string(ws, row, COL_PHASE, phase_name, F->cell));
				good &= ok(worksheet_write_string(ws, row, COL_FAMILY, ref->families[f].nom, F->wrap));
				good &= ok(worksheet_write_string(ws, row, COL_ID, it->competence->id, F->cell));
				good &= ok(worksheet_write_string(ws, row, COL_LABEL, it->competence->nom, F->wrap));
				int lv = s->project ? prefill(it) : -1;
				if (lv >= 0)
					good &= ok(worksheet_write_string(ws, row, COL_LEVEL, level_text(lv), F->level));
				else
					good &= ok(worksheet_write_blank(ws, row, COL_LEVEL, F->level));
				if (s->project && it->porte_par)
					good &= ok(worksheet_write_string(ws, row, COL_CARRIER, it->porte_par, F->wrap));
				else
					good &= ok(worksheet_write_blank(ws, row, COL_CARRIER, F->wrap));
				good &= ok(worksheet_write_blank(ws, row, COL_COMMENT, F->wrap));
				unsigned lines =
					max_u(cz_xlsx_text_lines(it->competence->nom, widths[COL_LABEL]),
					      cz_xlsx_text_lines(ref->families[f].nom, widths[COL_FAMILY]));
				if (s->project && it->porte_par)
					lines = max_u(lines, cz_xlsx_text_lines(it->porte_par,
										widths[COL_CARRIER]));
				good &= ok(cz_xlsx_fit_row(ws, row, lines));
				row++;
			}
		}
	}
	if (!good)
		return CZ_ERR_NOMEM;
	if (row == FIRST_ROW) {
		*last_row = FIRST_ROW;
		print_setup(ws, HEAD_ROW);
		return CZ_OK;
	}
	lxw_row_t last = row - 1;
	*last_row = last;

	char *levels[LV_COUNT + 1];
	for (int lv = 0; lv < LV_COUNT; lv++)
		levels[lv] = (char *)level_text(lv);
	levels[LV_COUNT] = NULL;
	lxw_data_validation dv = { 0 };
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = levels;
	dv.input_title = "Niveau";
	dv.input_message = "acquis, en cours, à acquérir, sans objet (inutile pour le projet), ou porté "
			   "par un partenaire (nommé dans la colonne Porté par).";
	dv.error_title = "Niveau inconnu";
	dv.error_message = "Choisissez un niveau dans la liste déroulante.";
	good &= ok(worksheet_data_validation_range(ws, FIRST_ROW, COL_LEVEL, last, COL_LEVEL, &dv));

	for (int lv = 0; lv < LV_COUNT; lv++) {
		char quoted[64];
		snprintf(quoted, sizeof(quoted), "\"%s\"", level_text(lv));
		lxw_conditional_format cf = { 0 };
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		cf.value_string = quoted;
		cf.format = F->cf[lv];
		good &= ok(worksheet_conditional_format_range(ws, FIRST_ROW, COL_LEVEL, last,
							      COL_LEVEL, &cf));
	}
	good &= ok(worksheet_autofilter(ws, HEAD_ROW, 0, last, N_COLS - 1));
	print_setup(ws, HEAD_ROW);
	return good ? CZ_OK : CZ_ERR_NOMEM;
}

/* Summary columns: phase, family, one count per level, unassessed, total, ratio. */
enum { S_PHASE, S_FAMILY, S_LEVEL0, S_BLANK = S_LEVEL0 + LV_COUNT, S_TOTAL, S_RATIO, S_COLS };

typedef struct {
	lxw_worksheet *ws;
	const formats *F;
	char A[48], B[48], E[48], C[48]; /* quoted absolute ranges of the list sheet */
	bool good;
} summary;

static char col_letter(int c)
{
	return (char)('A' + c);
}

/* One row of counts. `by_phase`/`by_family`: which of columns A and B the
 * COUNTIFS criteria use; the cached values come from `t`. */
static void summary_row(summary *S, lxw_row_t row, const char *phase, const char *family,
			const cz_cov_tally *t, bool by_phase, bool by_family, bool bold)
{
	lxw_worksheet *ws = S->ws;
	const formats *F = S->F;
	unsigned r = (unsigned)row + 1; /* A1 notation */
	S->good &= ok(worksheet_write_string(ws, row, S_PHASE, phase, bold ? F->bold : F->wrap));
	S->good &= ok(worksheet_write_string(ws, row, S_FAMILY, family, bold ? F->bold : F->wrap));
	char crit[160] = "", f[512];
	size_t n = 0;
	if (by_phase)
		n += (size_t)snprintf(crit + n, sizeof(crit) - n, "%s,$A%u,", S->A, r);
	if (by_family)
		snprintf(crit + n, sizeof(crit) - n, "%s,$B%u,", S->B, r);
	/* Cached counts, in the drop-down's order. */
	const size_t cached[LV_COUNT] = { t->counts[CZ_COV_CARRIER], t->counts[CZ_COV_IN_PROGRESS],
					  t->counts[CZ_COV_GAP], t->counts[CZ_COV_NOT_APPLICABLE],
					  t->counts[CZ_COV_NETWORK] };
	for (int lv = 0; lv < LV_COUNT; lv++) {
		char c = col_letter(S_LEVEL0 + lv);
		if (by_phase || by_family)
			snprintf(f, sizeof(f), "=COUNTIFS(%s%s,%c$%u)", crit, S->E, c, (unsigned)HEAD_ROW + 1);
		else
			snprintf(f, sizeof(f), "=COUNTIF(%s,%c$%u)", S->E, c, (unsigned)HEAD_ROW + 1);
		S->good &= ok(worksheet_write_formula_num(ws, row, (lxw_col_t)(S_LEVEL0 + lv), f,
							  bold ? F->bold_num : F->num,
							  (double)cached[lv]));
	}
	if (by_phase && by_family)
		snprintf(f, sizeof(f), "=COUNTIFS(%s,$A%u,%s,$B%u)", S->A, r, S->B, r);
	else if (by_phase)
		snprintf(f, sizeof(f), "=COUNTIF(%s,$A%u)", S->A, r);
	else if (by_family)
		snprintf(f, sizeof(f), "=COUNTIF(%s,$B%u)", S->B, r);
	else
		snprintf(f, sizeof(f), "=COUNTA(%s)", S->C);
	/* Every competence of the row; the coverage leaves the sans objet ones out. */
	S->good &= ok(worksheet_write_formula_num(ws, row, S_TOTAL, f, bold ? F->bold_num : F->num,
						  (double)(t->total + t->counts[CZ_COV_NOT_APPLICABLE])));
	snprintf(f, sizeof(f), "=%c%u-SUM(%c%u:%c%u)", col_letter(S_TOTAL), r, col_letter(S_LEVEL0),
		 r, col_letter(S_BLANK - 1), r);
	S->good &= ok(worksheet_write_formula_num(ws, row, S_BLANK, f, bold ? F->bold_num : F->num,
						  (double)t->counts[CZ_COV_UNASSESSED]));
	/* coverage.h's rule: acquired (alone or by a partner) 1, in progress 1/2. */
	char T = col_letter(S_TOTAL);
	char NA = col_letter(S_LEVEL0 + LV_SANS_OBJET);
	snprintf(f, sizeof(f), "=IF(%c%u-%c%u=0,0,(%c%u+%c%u+%c%u/2)/(%c%u-%c%u))", T, r, NA, r,
		 col_letter(S_LEVEL0 + LV_ACQUIS), r, col_letter(S_LEVEL0 + LV_PARTNER), r,
		 col_letter(S_LEVEL0 + LV_EN_COURS), r, T, r, NA, r);
	S->good &= ok(worksheet_write_formula_num(ws, row, S_RATIO, f, bold ? F->bold_pct : F->pct,
						  t->ratio));
}

static cz_status summary_sheet(const cz_skills *s, const cz_referential *ref, lxw_workbook *wb,
			       const formats *F, lxw_row_t last)
{
	summary S = { .F = F, .good = true };
	S.ws = workbook_add_worksheet(wb, SHEET_SUMMARY);
	if (!S.ws)
		return CZ_ERR_NOMEM;
	lxw_worksheet *ws = S.ws;
	unsigned r0 = FIRST_ROW + 1, r1 = (unsigned)last + 1;
	snprintf(S.A, sizeof(S.A), "'" SHEET_LIST "'!$A$%u:$A$%u", r0, r1);
	snprintf(S.B, sizeof(S.B), "'" SHEET_LIST "'!$B$%u:$B$%u", r0, r1);
	snprintf(S.C, sizeof(S.C), "'" SHEET_LIST "'!$C$%u:$C$%u", r0, r1);
	snprintf(S.E, sizeof(S.E), "'" SHEET_LIST "'!$E$%u:$E$%u", r0, r1);

	S.good &= ok(worksheet_write_string(ws, 0, 0, "Couverture des compétences", F->title));
	S.good &= ok(worksheet_set_row(ws, 1, 2 * CZ_XLSX_LINE_PT, NULL));
	S.good &= ok(worksheet_merge_range(ws, 1, 0, 1, S_COLS - 1,
					    "Calculée à partir de la colonne Niveau de la feuille « "
					    SHEET_LIST " » : acquis ou porté par un partenaire "
					    "compte pour 1, en cours pour ½, le reste pour 0 ; une "
					    "compétence sans objet pour le projet n'est pas comptée.",
					    F->note));
	static const double widths[S_COLS] = { 16, 42, 11, 12, 12, 11, 14, 13, 9, 12 };
	for (int c = 0; c < S_COLS; c++)
		S.good &= ok(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
	S.good &= ok(worksheet_write_string(ws, HEAD_ROW, S_PHASE, "Phase", F->head));
	S.good &= ok(worksheet_write_string(ws, HEAD_ROW, S_FAMILY, "Famille", F->head));
	/* These headers are the COUNTIFS criteria: exactly the drop-down's values. */
	for (int lv = 0; lv < LV_COUNT; lv++)
		S.good &= ok(worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)(S_LEVEL0 + lv),
						    level_text(lv), F->head));
	S.good &= ok(worksheet_write_string(ws, HEAD_ROW, S_BLANK, "non renseigné", F->head));
	S.good &= ok(worksheet_write_string(ws, HEAD_ROW, S_TOTAL, "Total", F->head));
	S.good &= ok(worksheet_write_string(ws, HEAD_ROW, S_RATIO, "Couverture", F->head));

	lxw_row_t row = FIRST_ROW;
	for (size_t i = 0; i < s->n_phases; i++) {
		const cz_cov_phase *cov = &s->cov[i];
		const char *phase_name = ref->phases[s->phases[i]].nom;
		for (size_t f = 0; f < s->n_families; f++)
			if (cov->by_family[f].total || cov->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
				summary_row(&S, row++, phase_name, ref->families[f].nom,
					    &cov->by_family[f], true, true, false);
		summary_row(&S, row++, phase_name, "Toutes familles", &cov->total, true, false, true);
	}
	if (s->n_phases > 1) {
		for (size_t f = 0; f < s->n_families; f++)
			if (s->by_family[f].total || s->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
				summary_row(&S, row++, "Toutes phases", ref->families[f].nom,
					    &s->by_family[f], false, true, false);
		summary_row(&S, row++, "Ensemble", "Toutes phases, toutes familles", &s->total, false,
			    false, true);
	}
	print_setup(ws, HEAD_ROW);
	return S.good ? CZ_OK : CZ_ERR_NOMEM;
}

static cz_status role_sheet(const cz_referential *ref, lxw_workbook *wb, const formats *F)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_ROLE);
	if (!ws)
		return CZ_ERR_NOMEM;
	bool good = true;
	enum { R_KIND, R_NAME, R_DETAIL, R_ID, R_KEEP, R_COLS };
	static const char *const heads[R_COLS] = { "Rubrique", "Intitulé", "Détail", "Identifiant",
						   "Retenu pour le poste" };
	static const double widths[R_COLS] = { 12, 34, 80, 34, 14 };
	good &= ok(worksheet_write_string(ws, 0, 0, "Profil du concierge", F->title));
	if (ref->concierge_role) {
		double all = 0;
		for (int c = 0; c < R_COLS; c++)
			all += widths[c];
		good &= ok(worksheet_merge_range(ws, 1, 0, 1, R_COLS - 1, ref->concierge_role, F->wrap));
		unsigned lines = cz_xlsx_text_lines(ref->concierge_role, all);
		good &= ok(worksheet_set_row(ws, 1, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT), NULL));
	}
	for (int c = 0; c < R_COLS; c++) {
		good &= ok(worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head));
		good &= ok(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
	}
	lxw_row_t row = FIRST_ROW;
	for (size_t q = 0; q < ref->n_qualities; q++, row++) {
		const cz_ref_quality *qu = &ref->qualities[q];
		good &= ok(worksheet_write_string(ws, row, R_KIND, "Qualité", F->cell));
		good &= ok(worksheet_write_string(ws, row, R_NAME, qu->nom, F->wrap));
		good &= ok(worksheet_write_string(ws, row, R_DETAIL, qu->description ? qu->description : "", F->wrap));
		good &= ok(worksheet_write_string(ws, row, R_ID, qu->id, F->cell));
		good &= ok(worksheet_write_blank(ws, row, R_KEEP, F->level));
		unsigned lines = max_u(cz_xlsx_text_lines(qu->nom, widths[R_NAME]),
				       cz_xlsx_text_lines(qu->description ? qu->description : "",
							  widths[R_DETAIL]));
		good &= ok(cz_xlsx_fit_row(ws, row, lines));
	}
	for (size_t m = 0; m < ref->n_missions; m++) {
		const cz_ref_mission *mi = &ref->missions[m];
		for (size_t t = 0; t < mi->n_taches; t++, row++) {
			good &= ok(worksheet_write_string(ws, row, R_KIND, "Mission", F->cell));
			good &= ok(worksheet_write_string(ws, row, R_NAME, mi->nom, F->wrap));
			good &= ok(worksheet_write_string(ws, row, R_DETAIL, mi->taches[t], F->wrap));
			good &= ok(worksheet_write_string(ws, row, R_ID, mi->id, F->cell));
			good &= ok(worksheet_write_blank(ws, row, R_KEEP, F->level));
			unsigned lines = max_u(cz_xlsx_text_lines(mi->nom, widths[R_NAME]),
					       cz_xlsx_text_lines(mi->taches[t], widths[R_DETAIL]));
			good &= ok(cz_xlsx_fit_row(ws, row, lines));
		}
	}
	if (row > FIRST_ROW) {
		char *yes_no[] = { "oui", "non", NULL };
		lxw_data_validation dv = { 0 };
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = yes_no;
		dv.error_title = "Réponse inconnue";
		dv.error_message = "Choisissez oui ou non.";
		good &= ok(worksheet_data_validation_range(ws, FIRST_ROW, R_KEEP, row - 1, R_KEEP, &dv));
		good &= ok(worksheet_autofilter(ws, HEAD_ROW, 0, row - 1, R_COLS - 1));
	}
	print_setup(ws, HEAD_ROW);
	return good ? CZ_OK : CZ_ERR_NOMEM;
}

static cz_status gaps_sheet(const cz_skills *s, const cz_referential *ref, lxw_workbook *wb,
			    const formats *F)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, SHEET_GAPS);
	if (!ws)
		return CZ_ERR_NOMEM;
	bool good = true;
	enum { G_PHASE, G_FAMILY, G_ID, G_LABEL, G_LEVEL, G_ACTION, G_ACTOR, G_COLS };
	static const char *const heads[G_COLS] = { "Phase", "Famille", "Identifiant", "Compétence",
						   "Niveau", "Suite à donner", "Acteur du réseau" };
	static const double widths[G_COLS] = { 15, 24, 30, 60, 12, 30, 28 };

	cz_buf b;
	cz_buf_init(&b);
	cz_buf_puts(&b, "Compétences à acquérir — ");
	cz_buf_puts(&b, s->project->projet.nom);
	good &= cz_buf_ok(&b) && ok(worksheet_write_string(ws, 0, 0, b.data, F->title));
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_buf_puts(&b, "Les compétences marquées « à acquérir » dans le fichier du projet "
			"(rubrique competences), phase par phase. Pour chacune, choisissez la "
			"suite à donner : l'acquérir (formation, accompagnement, pratique) ou la "
			"confier à un acteur du réseau, nommé dans la dernière colonne.");
	size_t unassessed = s->total.counts[CZ_COV_UNASSESSED];
	if (unassessed == 1)
		cz_buf_puts(&b, " Une compétence n'est pas évaluée dans le fichier : elle compte "
				"aussi comme non couverte (feuille « " SHEET_LIST " »).");
	else if (unassessed > 1)
		cz_buf_printf(&b, " %zu compétences ne sont pas évaluées dans le fichier : elles "
				  "comptent aussi comme non couvertes (feuille « " SHEET_LIST " »).",
			      unassessed);
	double all = 0;
	for (int c = 0; c < G_COLS; c++)
		all += widths[c];
	if (cz_buf_ok(&b)) {
		unsigned lines = cz_xlsx_text_lines(b.data, all);
		good &= ok(worksheet_merge_range(ws, 1, 0, 1, G_COLS - 1, b.data, F->note));
		good &= ok(worksheet_set_row(ws, 1, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT), NULL));
	} else {
		good = false;
	}
	cz_buf_free(&b);
	for (int c = 0; c < G_COLS; c++) {
		good &= ok(worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head));
		good &= ok(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
	}

	lxw_row_t row = FIRST_ROW;
	for (size_t g = 0; g < s->n_gaps; g++, row++) {
		const cz_ref_competence *c = s->gaps[g]->competence;
		cz_phase ph;
		size_t idx;
		const char *phase =
			cz_ref_find_competence(ref, c->id, &ph, &idx) ? ref->phases[ph].nom : "";
		const char *family = c->family >= 0 && (size_t)c->family < ref->n_families
					     ? ref->families[c->family].nom
					     : "";
		good &= ok(worksheet_write_string(ws, row, G_PHASE, phase, F->cell));
		good &= ok(worksheet_write_string(ws, row, G_FAMILY, family, F->wrap));
		good &= ok(worksheet_write_string(ws, row, G_ID, c->id, F->cell));
		good &= ok(worksheet_write_string(ws, row, G_LABEL, c->nom, F->wrap));
		good &= ok(worksheet_write_string(ws, row, G_LEVEL, level_text(LV_A_ACQUERIR), F->cell));
		good &= ok(worksheet_write_blank(ws, row, G_ACTION, F->level));
		good &= ok(worksheet_write_blank(ws, row, G_ACTOR, F->wrap));
		unsigned lines = max_u(cz_xlsx_text_lines(c->nom, widths[G_LABEL]),
				       cz_xlsx_text_lines(family, widths[G_FAMILY]));
		good &= ok(cz_xlsx_fit_row(ws, row, lines));
	}
	if (!s->n_gaps) {
		good &= ok(worksheet_merge_range(ws, row, 0, row, G_COLS - 1,
						  "Aucune compétence n'est marquée « à acquérir ».",
						  F->wrap));
	} else {
		/* coverage.h: a competence carried by a named actor counts as
		 * covered by the network. */
		char *actions[] = { "l'acquérir", "la confier à un acteur du réseau", NULL };
		lxw_data_validation dv = { 0 };
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = actions;
		dv.input_title = "Suite à donner";
		dv.input_message = "L'acquérir, ou la confier à un acteur du réseau (nommé dans la "
				   "colonne suivante).";
		dv.error_title = "Choix inconnu";
		dv.error_message = "Choisissez dans la liste déroulante.";
		good &= ok(worksheet_data_validation_range(ws, FIRST_ROW, G_ACTION, row - 1, G_ACTION,
							   &dv));
		good &= ok(worksheet_autofilter(ws, HEAD_ROW, 0, row - 1, G_COLS - 1));
	}
	print_setup(ws, HEAD_ROW);
	return good ? CZ_OK : CZ_ERR_NOMEM;
}

cz_status cz_skills_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	const cz_referential *ref = rc->ref;
	lxw_workbook *wb = rc->wb;
	formats F;
	if (!make_formats(wb, &F))
		return CZ_ERR_NOMEM;
	if (s->mode == CZ_SKILLS_ROLE)
		return role_sheet(ref, wb, &F);
	lxw_row_t last;
	cz_status st = list_sheet(s, ref, wb, &F, &last);
	if (st == CZ_OK)
		st = summary_sheet(s, ref, wb, &F, last);
	if (st == CZ_OK && s->project)
		st = gaps_sheet(s, ref, wb, &F);
	return st;
}
