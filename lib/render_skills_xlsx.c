/*
 * The competency checklist as a workbook the carrier fills in: one row per
 * competence with a drop-down for the level, and a summary sheet whose
 * coverage cells are live formulas over that column (exact counts, EXACT
 * inside SUMPRODUCT), so the figures follow the sheet as it is filled in.
 * Cached results are written with each formula for readers that do not
 * recalculate.
 *
 * No name is written into a formula: phase, family and level names are
 * read from cells of the summary sheet and compared exactly, so a name
 * from an amended referential is never formula text nor a pattern.
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
#include "xlsx_style.h"
#include "xlsx_util.h"

#define SHEET_LIST "Compétences"
#define SHEET_SUMMARY "Compétences synthèse"
#define SHEET_GAPS "Compétences lacunes"
#define SHEET_ROLE "Concierge"

/* The drop-down: the four levels of the file format (sans objet: not needed
 * by the project, left out of the coverage), plus "acquired and carried by
 * a partner" (coverage.h's CZ_COV_NETWORK). Well under Excel's 255-byte
 * limit for list validations. The first four follow cz_level. */
#define LEVEL_PARTNER CZ_SKILLS_LEVEL_PARTNER
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

static lxw_format *fmt(cz_xlsx *x, bool border, bool wrap_text)
{
	lxw_format *f = cz_xlsx_format(x);
	if (!f)
		return NULL;
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap_text)
		format_set_text_wrap(f);
	return f;
}

static lxw_format *colour(cz_xlsx *x, lxw_color_t bg, lxw_color_t font)
{
	lxw_format *f = cz_xlsx_format(x);
	if (f) {
		format_set_bg_color(f, bg);
		format_set_font_color(f, font);
	}
	return f;
}

static bool make_formats(cz_xlsx *x, formats *F)
{
	memset(F, 0, sizeof(*F));
	F->title = cz_xlsx_format(x);
	F->note = fmt(x, false, true);
	F->head = fmt(x, true, true);
	F->cell = fmt(x, true, false);
	F->wrap = fmt(x, true, true);
	F->level = fmt(x, true, false);
	F->bold = fmt(x, true, true);
	F->bold_num = fmt(x, true, false);
	F->num = fmt(x, true, false);
	F->pct = fmt(x, true, false);
	F->bold_pct = fmt(x, true, false);
	/* the palette of every workbook (lib/xlsx_style.h) */
	static const cz_tone tones[LV_COUNT] = {
		[LV_ACQUIS] = CZ_TONE_GOOD, [LV_EN_COURS] = CZ_TONE_MIXED, [LV_A_ACQUERIR] = CZ_TONE_BAD,
		[LV_SANS_OBJET] = CZ_TONE_NEUTRAL, [LV_PARTNER] = CZ_TONE_INFO,
	};
	for (int lv = 0; lv < LV_COUNT; lv++)
		F->cf[lv] = colour(x, cz_tone_fill[tones[lv]], cz_tone_font[tones[lv]]);
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
	format_set_bg_color(F->head, CZ_XLSX_HEAD_FILL);
	format_set_bold(F->bold);
	format_set_bold(F->bold_num);
	format_set_bold(F->bold_pct);
	format_set_num_format(F->pct, "0%");
	format_set_num_format(F->bold_pct, "0%");
	format_set_bg_color(F->level, 0xFFFFF0);
	return true;
}

/* The shared page layout (lib/xlsx_style.h: A4, one page wide, header and
 * footer), the header row repeated on every page. The header row is made
 * two lines high (for the headings that wrap, and the filter buttons) as
 * it is written, each sheet being written row after row. */
static void print_setup(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t head_row)
{
	cz_xlsx_repeat(x, ws, head_row, head_row);
	worksheet_freeze_panes(ws, head_row + 1, 0);
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

static cz_status list_sheet(const cz_skills *s, const cz_referential *ref, cz_xlsx *x,
			    const formats *F, lxw_row_t *last_row)
{
	lxw_worksheet *ws = cz_xlsx_sheet(x, SHEET_LIST);
	if (!ws)
		return CZ_OK; /* the error is in x */
	cz_buf title;
	cz_buf_init(&title);
	if (s->project) {
		cz_buf_puts(&title, "Grille de compétences — ");
		cz_buf_puts(&title, s->project->projet.nom);
	} else {
		cz_buf_puts(&title, "Grille de compétences du porteur de projet");
	}
	if (cz_buf_ok(&title))
		cz_xlsx_text(x, ws, 0, 0, title.data, F->title);
	else
		x->nomem = true;
	cz_buf_free(&title);
	cz_xlsx_row(x, ws, 1, 2 * CZ_XLSX_LINE_PT);
	cz_xlsx_merge(x, ws, 1, 0, 1, N_COLS - 1,
					  "Choisissez le niveau de chaque compétence dans la liste "
					  "déroulante (colonne Niveau) et nommez, s'il y a lieu, le "
					  "partenaire qui la porte. La feuille «\u00A0" SHEET_SUMMARY
					  "\u00A0» recalcule la couverture.",
					  F->note);
	static const char *const heads[N_COLS] = { "Phase", "Famille", "Identifiant", "Compétence",
						   "Niveau", "Porté par", "Commentaire" };
	static const double widths[N_COLS] = { 12, 20, 24, 52, 16, 22, 30 };
	cz_xlsx_columns(x, ws, widths, N_COLS);
	for (int c = 0; c < N_COLS; c++) {
		cz_xlsx_text(x, ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head);
	}
	cz_xlsx_row(x, ws, HEAD_ROW, 30); /* as the header row is written (row order) */

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
				cz_xlsx_text(x, ws, row, COL_PHASE, phase_name, F->cell);
				cz_xlsx_text(x, ws, row, COL_FAMILY, ref->families[f].nom, F->wrap);
				cz_xlsx_text(x, ws, row, COL_ID, it->competence->id, F->cell);
				cz_xlsx_text(x, ws, row, COL_LABEL, it->competence->nom, F->wrap);
				int lv = s->project ? prefill(it) : -1;
				if (lv >= 0)
					cz_xlsx_text(x, ws, row, COL_LEVEL, level_text(lv), F->level);
				else
					cz_xlsx_blank(x, ws, row, COL_LEVEL, F->level);
				if (s->project && it->porte_par)
					cz_xlsx_text(x, ws, row, COL_CARRIER, it->porte_par, F->wrap);
				else
					cz_xlsx_blank(x, ws, row, COL_CARRIER, F->wrap);
				cz_xlsx_blank(x, ws, row, COL_COMMENT, F->wrap);
				unsigned lines =
					max_u(cz_xlsx_text_lines(it->competence->nom, widths[COL_LABEL]),
					      cz_xlsx_text_lines(ref->families[f].nom, widths[COL_FAMILY]));
				if (s->project && it->porte_par)
					lines = max_u(lines, cz_xlsx_text_lines(it->porte_par,
										widths[COL_CARRIER]));
				cz_xlsx_check(x, cz_xlsx_fit_row(ws, row, lines));
				row++;
			}
		}
	}
	if (row == FIRST_ROW) {
		*last_row = FIRST_ROW;
		print_setup(x, ws, HEAD_ROW);
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
	cz_xlsx_check_at(x, worksheet_data_validation_range(ws, FIRST_ROW, COL_LEVEL, last, COL_LEVEL, &dv), ws, LXW_ROW_MAX, LXW_COL_MAX);

	for (int lv = 0; lv < LV_COUNT; lv++) {
		char quoted[64];
		snprintf(quoted, sizeof(quoted), "\"%s\"", level_text(lv));
		lxw_conditional_format cf = { 0 };
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		cf.value_string = quoted;
		cf.format = F->cf[lv];
		cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, FIRST_ROW, COL_LEVEL, last,
							      COL_LEVEL, &cf), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	cz_xlsx_check_at(x, worksheet_autofilter(ws, HEAD_ROW, 0, last, N_COLS - 1), ws, LXW_ROW_MAX, LXW_COL_MAX);
	print_setup(x, ws, HEAD_ROW);
	return CZ_OK;
}

/* Summary columns: phase, family, one count per level, unassessed, total, ratio. */
enum { S_PHASE, S_FAMILY, S_LEVEL0, S_BLANK = S_LEVEL0 + LV_COUNT, S_TOTAL, S_RATIO, S_COLS };

typedef struct {
	cz_xlsx *x;
	lxw_worksheet *ws;
	const formats *F;
	char A[48], B[48], E[48], C[48]; /* quoted absolute ranges of the list sheet */
} summary;

static char col_letter(int c)
{
	return (char)('A' + c);
}

/* One row of counts. `by_phase`/`by_family`: whether the row counts the
 * checklist rows of its phase (cell $A) and of its family (cell $B); the
 * cached values come from `t`. Each criterion is an exact comparison with a
 * cell (EXACT inside SUMPRODUCT): COUNTIFS would read a name such as "<5",
 * "a*" or "=x" from an amended referential as a pattern. */
static void summary_row(summary *S, lxw_row_t row, const char *phase, const char *family,
			const cz_cov_tally *t, bool by_phase, bool by_family, bool bold)
{
	cz_xlsx *x = S->x;
	lxw_worksheet *ws = S->ws;
	const formats *F = S->F;
	unsigned r = (unsigned)row + 1; /* A1 notation */
	cz_xlsx_text(x, ws, row, S_PHASE, phase, bold ? F->bold : F->wrap);
	cz_xlsx_text(x, ws, row, S_FAMILY, family, bold ? F->bold : F->wrap);
	char crit[200] = "", f[512];
	size_t n = 0;
	if (by_phase)
		n += (size_t)snprintf(crit + n, sizeof(crit) - n, "EXACT(%s,$A%u)*", S->A, r);
	if (by_family)
		n += (size_t)snprintf(crit + n, sizeof(crit) - n, "EXACT(%s,$B%u)*", S->B, r);
	/* Cached counts, in the drop-down's order. */
	const size_t cached[LV_COUNT] = { t->counts[CZ_COV_CARRIER], t->counts[CZ_COV_IN_PROGRESS],
					  t->counts[CZ_COV_GAP], t->counts[CZ_COV_NOT_APPLICABLE],
					  t->counts[CZ_COV_NETWORK] };
	for (int lv = 0; lv < LV_COUNT; lv++) {
		char c = col_letter(S_LEVEL0 + lv);
		/* a lone EXACT needs "--": SUMPRODUCT adds numbers, not TRUE */
		snprintf(f, sizeof(f), "=SUMPRODUCT(%sEXACT(%s,%c$%u))", n ? crit : "--", S->E, c,
			 (unsigned)HEAD_ROW + 1);
		cz_xlsx_formula(x, ws, row, (lxw_col_t)(S_LEVEL0 + lv), f, bold ? F->bold_num : F->num,
				(double)cached[lv]);
	}
	if (by_phase && by_family)
		snprintf(f, sizeof(f), "=SUMPRODUCT(EXACT(%s,$A%u)*EXACT(%s,$B%u))", S->A, r, S->B, r);
	else if (by_phase)
		snprintf(f, sizeof(f), "=SUMPRODUCT(--EXACT(%s,$A%u))", S->A, r);
	else if (by_family)
		snprintf(f, sizeof(f), "=SUMPRODUCT(--EXACT(%s,$B%u))", S->B, r);
	else
		snprintf(f, sizeof(f), "=COUNTA(%s)", S->C);
	/* Every competence of the row; the coverage leaves the sans objet ones out. */
	cz_xlsx_formula(x, ws, row, S_TOTAL, f, bold ? F->bold_num : F->num,
			(double)(t->total + t->counts[CZ_COV_NOT_APPLICABLE]));
	snprintf(f, sizeof(f), "=%c%u-SUM(%c%u:%c%u)", col_letter(S_TOTAL), r, col_letter(S_LEVEL0),
		 r, col_letter(S_BLANK - 1), r);
	cz_xlsx_formula(x, ws, row, S_BLANK, f, bold ? F->bold_num : F->num,
			(double)t->counts[CZ_COV_UNASSESSED]);
	/* coverage.h's rule: acquired (alone or by a partner) 1, in progress 1/2. */
	char T = col_letter(S_TOTAL);
	char NA = col_letter(S_LEVEL0 + LV_SANS_OBJET);
	snprintf(f, sizeof(f), "=IF(%c%u-%c%u=0,0,(%c%u+%c%u+%c%u/2)/(%c%u-%c%u))", T, r, NA, r,
		 col_letter(S_LEVEL0 + LV_ACQUIS), r, col_letter(S_LEVEL0 + LV_PARTNER), r,
		 col_letter(S_LEVEL0 + LV_EN_COURS), r, T, r, NA, r);
	cz_xlsx_formula(x, ws, row, S_RATIO, f, bold ? F->bold_pct : F->pct, t->ratio);
}

/* `ws`: the summary sheet, made first so the workbook opens on it. */
static cz_status summary_sheet(const cz_skills *s, const cz_referential *ref, cz_xlsx *x,
			       const formats *F, lxw_row_t last, lxw_worksheet *ws_summary)
{
	summary S = { .x = x, .F = F };
	S.ws = ws_summary;
	if (!S.ws)
		return CZ_OK; /* the error is in x */
	lxw_worksheet *ws = S.ws;
	unsigned r0 = FIRST_ROW + 1, r1 = (unsigned)last + 1;
	snprintf(S.A, sizeof(S.A), "'" SHEET_LIST "'!$A$%u:$A$%u", r0, r1);
	snprintf(S.B, sizeof(S.B), "'" SHEET_LIST "'!$B$%u:$B$%u", r0, r1);
	snprintf(S.C, sizeof(S.C), "'" SHEET_LIST "'!$C$%u:$C$%u", r0, r1);
	snprintf(S.E, sizeof(S.E), "'" SHEET_LIST "'!$E$%u:$E$%u", r0, r1);

	cz_xlsx_text(x, ws, 0, 0, "Couverture des compétences", F->title);
	cz_xlsx_row(x, ws, 1, 2 * CZ_XLSX_LINE_PT);
	cz_xlsx_merge(x, ws, 1, 0, 1, S_COLS - 1,
					    "Calculée à partir de la colonne Niveau de la feuille «\u00A0"
					    SHEET_LIST "\u00A0»\u00A0: acquis ou porté par un partenaire "
					    "compte pour 1, en cours pour ½, le reste pour 0\u202F; une "
					    "compétence sans objet pour le projet n'est pas comptée.",
					    F->note);
	static const double widths[S_COLS] = { 16, 42, 11, 12, 12, 11, 14, 13, 9, 12 };
	cz_xlsx_columns(x, ws, widths, S_COLS);
	for (int c = 0; c < S_COLS; c++)
	cz_xlsx_text(x, ws, HEAD_ROW, S_PHASE, "Phase", F->head);
	cz_xlsx_text(x, ws, HEAD_ROW, S_FAMILY, "Famille", F->head);
	/* These headers are the counts' criteria: exactly the drop-down's values. */
	for (int lv = 0; lv < LV_COUNT; lv++)
		cz_xlsx_text(x, ws, HEAD_ROW, (lxw_col_t)(S_LEVEL0 + lv),
						    level_text(lv), F->head);
	cz_xlsx_text(x, ws, HEAD_ROW, S_BLANK, "non renseigné", F->head);
	cz_xlsx_text(x, ws, HEAD_ROW, S_TOTAL, "Total", F->head);
	cz_xlsx_text(x, ws, HEAD_ROW, S_RATIO, "Couverture", F->head);
	cz_xlsx_row(x, ws, HEAD_ROW, 30); /* as the header row is written (row order) */

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
	print_setup(x, ws, HEAD_ROW);
	return CZ_OK;
}

static cz_status role_sheet(const cz_referential *ref, cz_xlsx *x, const formats *F)
{
	lxw_worksheet *ws = cz_xlsx_sheet(x, SHEET_ROLE);
	if (!ws)
		return CZ_OK; /* the error is in x */
	enum { R_KIND, R_NAME, R_DETAIL, R_ID, R_KEEP, R_COLS };
	static const char *const heads[R_COLS] = { "Rubrique", "Intitulé", "Détail", "Identifiant",
						   "Retenu pour le poste" };
	static const double widths[R_COLS] = { 12, 30, 70, 30, 14 };
	cz_xlsx_columns(x, ws, widths, R_COLS);
	cz_xlsx_text(x, ws, 0, 0, "Profil du concierge", F->title);
	if (ref->concierge_role) {
		double all = 0;
		for (int c = 0; c < R_COLS; c++)
			all += widths[c];
		cz_xlsx_merge(x, ws, 1, 0, 1, R_COLS - 1, ref->concierge_role, F->wrap);
		unsigned lines = cz_xlsx_text_lines(ref->concierge_role, all);
		cz_xlsx_row(x, ws, 1, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT));
	}
	for (int c = 0; c < R_COLS; c++) {
		cz_xlsx_text(x, ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head);
	}
	cz_xlsx_row(x, ws, HEAD_ROW, 30); /* as the header row is written (row order) */
	lxw_row_t row = FIRST_ROW;
	for (size_t q = 0; q < ref->n_qualities; q++, row++) {
		const cz_ref_quality *qu = &ref->qualities[q];
		cz_xlsx_text(x, ws, row, R_KIND, "Qualité", F->cell);
		cz_xlsx_text(x, ws, row, R_NAME, qu->nom, F->wrap);
		cz_xlsx_text(x, ws, row, R_DETAIL, qu->description ? qu->description : "", F->wrap);
		cz_xlsx_text(x, ws, row, R_ID, qu->id, F->cell);
		cz_xlsx_blank(x, ws, row, R_KEEP, F->level);
		unsigned lines = max_u(cz_xlsx_text_lines(qu->nom, widths[R_NAME]),
				       cz_xlsx_text_lines(qu->description ? qu->description : "",
							  widths[R_DETAIL]));
		cz_xlsx_check(x, cz_xlsx_fit_row(ws, row, lines));
	}
	for (size_t m = 0; m < ref->n_missions; m++) {
		const cz_ref_mission *mi = &ref->missions[m];
		for (size_t t = 0; t < mi->n_taches; t++, row++) {
			cz_xlsx_text(x, ws, row, R_KIND, "Mission", F->cell);
			cz_xlsx_text(x, ws, row, R_NAME, mi->nom, F->wrap);
			cz_xlsx_text(x, ws, row, R_DETAIL, mi->taches[t], F->wrap);
			cz_xlsx_text(x, ws, row, R_ID, mi->id, F->cell);
			cz_xlsx_blank(x, ws, row, R_KEEP, F->level);
			unsigned lines = max_u(cz_xlsx_text_lines(mi->nom, widths[R_NAME]),
					       cz_xlsx_text_lines(mi->taches[t], widths[R_DETAIL]));
			cz_xlsx_check(x, cz_xlsx_fit_row(ws, row, lines));
		}
	}
	if (row > FIRST_ROW) {
		char *yes_no[] = { "oui", "non", NULL };
		lxw_data_validation dv = { 0 };
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = yes_no;
		dv.error_title = "Réponse inconnue";
		dv.error_message = "Choisissez oui ou non.";
		cz_xlsx_check_at(x, worksheet_data_validation_range(ws, FIRST_ROW, R_KEEP, row - 1, R_KEEP, &dv), ws, LXW_ROW_MAX, LXW_COL_MAX);
		cz_xlsx_check_at(x, worksheet_autofilter(ws, HEAD_ROW, 0, row - 1, R_COLS - 1), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	print_setup(x, ws, HEAD_ROW);
	return CZ_OK;
}

static cz_status gaps_sheet(const cz_skills *s, const cz_referential *ref, cz_xlsx *x,
			    const formats *F)
{
	lxw_worksheet *ws = cz_xlsx_sheet(x, SHEET_GAPS);
	if (!ws)
		return CZ_OK; /* the error is in x */
	enum { G_PHASE, G_FAMILY, G_ID, G_LABEL, G_LEVEL, G_ACTION, G_ACTOR, G_COLS };
	static const char *const heads[G_COLS] = { "Phase", "Famille", "Identifiant", "Compétence",
						   "Niveau", "Suite à donner", "Acteur du réseau" };
	static const double widths[G_COLS] = { 12, 20, 24, 50, 12, 24, 24 };
	cz_xlsx_columns(x, ws, widths, G_COLS);

	cz_buf b;
	cz_buf_init(&b);
	cz_buf_puts(&b, "Compétences à acquérir — ");
	cz_buf_puts(&b, s->project->projet.nom);
	if (cz_buf_ok(&b))
		cz_xlsx_text(x, ws, 0, 0, b.data, F->title);
	else
		x->nomem = true;
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_buf_puts(&b, "Les compétences marquées «\u00A0à acquérir\u00A0» dans le fichier du projet "
			"(rubrique competences), phase par phase. Pour chacune, choisissez la "
			"suite à donner\u00A0: l'acquérir (formation, accompagnement, pratique) ou la "
			"confier à un acteur du réseau, nommé dans la dernière colonne.");
	size_t unassessed = s->total.counts[CZ_COV_UNASSESSED];
	if (unassessed == 1)
		cz_buf_puts(&b, " Une compétence n'est pas évaluée dans le fichier\u00A0: elle compte "
				"aussi comme non couverte (feuille «\u00A0" SHEET_LIST "\u00A0»).");
	else if (unassessed > 1)
		cz_buf_printf(&b, " %zu compétences ne sont pas évaluées dans le fichier\u00A0: elles "
				  "comptent aussi comme non couvertes (feuille «\u00A0" SHEET_LIST "\u00A0»).",
			      unassessed);
	double all = 0;
	for (int c = 0; c < G_COLS; c++)
		all += widths[c];
	if (cz_buf_ok(&b)) {
		unsigned lines = cz_xlsx_text_lines(b.data, all);
		cz_xlsx_merge(x, ws, 1, 0, 1, G_COLS - 1, b.data, F->note);
		cz_xlsx_row(x, ws, 1, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT));
	} else {
		x->nomem = true;
	}
	cz_buf_free(&b);
	for (int c = 0; c < G_COLS; c++) {
		cz_xlsx_text(x, ws, HEAD_ROW, (lxw_col_t)c, heads[c], F->head);
	}
	cz_xlsx_row(x, ws, HEAD_ROW, 30); /* as the header row is written (row order) */

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
		cz_xlsx_text(x, ws, row, G_PHASE, phase, F->cell);
		cz_xlsx_text(x, ws, row, G_FAMILY, family, F->wrap);
		cz_xlsx_text(x, ws, row, G_ID, c->id, F->cell);
		cz_xlsx_text(x, ws, row, G_LABEL, c->nom, F->wrap);
		cz_xlsx_text(x, ws, row, G_LEVEL, level_text(LV_A_ACQUERIR), F->cell);
		cz_xlsx_blank(x, ws, row, G_ACTION, F->level);
		cz_xlsx_blank(x, ws, row, G_ACTOR, F->wrap);
		unsigned lines = max_u(cz_xlsx_text_lines(c->nom, widths[G_LABEL]),
				       cz_xlsx_text_lines(family, widths[G_FAMILY]));
		cz_xlsx_check(x, cz_xlsx_fit_row(ws, row, lines));
	}
	if (!s->n_gaps) {
		cz_xlsx_merge(x, ws, row, 0, row, G_COLS - 1,
						  "Aucune compétence n'est marquée «\u00A0à acquérir\u00A0».",
						  F->wrap);
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
		cz_xlsx_check_at(x, worksheet_data_validation_range(ws, FIRST_ROW, G_ACTION, row - 1, G_ACTION,
							   &dv), ws, LXW_ROW_MAX, LXW_COL_MAX);
		cz_xlsx_check_at(x, worksheet_autofilter(ws, HEAD_ROW, 0, row - 1, G_COLS - 1), ws, LXW_ROW_MAX, LXW_COL_MAX);
	}
	print_setup(x, ws, HEAD_ROW);
	return CZ_OK;
}

cz_status cz_skills_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	const cz_referential *ref = rc->ref;
	cz_xlsx *x = rc->x;
	if (s->project)
		cz_xlsx_document(x, s->project->projet.nom, s->project->projet.date.set ? &s->project->projet.date : NULL);
	else
		cz_xlsx_document(x, s->mode == CZ_SKILLS_ROLE ? "Profil du concierge" : "Grille de compétences", NULL);
	formats F;
	if (!make_formats(x, &F))
		return CZ_OK; /* the error is in x */
	if (s->mode == CZ_SKILLS_ROLE)
		return role_sheet(ref, x, &F);
	/* the summary first: its formulas read the grid that follows */
	lxw_worksheet *ws_summary = cz_xlsx_sheet(x, SHEET_SUMMARY);
	if (!ws_summary)
		return CZ_OK; /* the error is in x */
	lxw_row_t last = FIRST_ROW;
	cz_status st = list_sheet(s, ref, x, &F, &last);
	if (st == CZ_OK)
		st = summary_sheet(s, ref, x, &F, last, ws_summary);
	if (st == CZ_OK && s->project)
		st = gaps_sheet(s, ref, x, &F);
	return st;
}
