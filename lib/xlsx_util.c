#include "xlsx_util.h"

/* A4 in points; a column of w units is 7w + 5 pixels of 3/4 point. */
#define A4_LONG_PT 842.0
#define A4_SHORT_PT 595.0
#define MARGIN_PT (CZ_XLSX_MARGIN_IN * 72.0)

unsigned cz_xlsx_text_lines(const char *s, double width)
{
	size_t per_line = width > 8 ? (size_t)(width * 1.1) - 2 : 4;
	unsigned lines = 1;
	size_t col = 0;
	while (*s) {
		if (*s == '\n') {
			lines++;
			col = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		size_t word = 0;
		const char *w = s;
		for (; *w && *w != ' ' && *w != '\n'; w++)
			word += ((unsigned char)*w & 0xC0) != 0x80;
		size_t need = col ? col + 1 + word : word;
		if (col && need > per_line) {
			lines++;
			col = word;
		} else {
			col = need;
		}
		/* A word longer than a line is cut by the reader. */
		while (col > per_line) {
			lines++;
			col -= per_line;
		}
		s = w;
	}
	return lines;
}

double cz_xlsx_lines_pt(unsigned lines, double line_pt)
{
	double h = (lines ? lines : 1) * line_pt;
	return h > CZ_XLSX_MAX_ROW_PT ? CZ_XLSX_MAX_ROW_PT : h;
}

lxw_error cz_xlsx_fit_row(lxw_worksheet *ws, lxw_row_t row, unsigned lines)
{
	if (lines <= 1)
		return LXW_NO_ERROR;
	return worksheet_set_row(ws, row, cz_xlsx_lines_pt(lines, CZ_XLSX_LINE_PT), NULL);
}

double cz_xlsx_columns_pt(const double *widths, size_t n)
{
	double px = 0;
	for (size_t i = 0; i < n; i++)
		px += widths[i] * 7 + 5;
	return px * 0.75;
}

double cz_xlsx_a4_scale(double width_pt, double height_pt)
{
	double scale = 1;
	if (width_pt > 0 && (A4_LONG_PT - 2 * MARGIN_PT) / width_pt < scale)
		scale = (A4_LONG_PT - 2 * MARGIN_PT) / width_pt;
	if (height_pt > 0 && (A4_SHORT_PT - 2 * MARGIN_PT) / height_pt < scale)
		scale = (A4_SHORT_PT - 2 * MARGIN_PT) / height_pt;
	return scale;
}

lxw_error cz_xlsx_print_table(lxw_worksheet *ws, lxw_row_t head_row, double width_pt,
			      double height_pt)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, CZ_XLSX_PAPER_A4);
	worksheet_set_margins(ws, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN, CZ_XLSX_MARGIN_IN,
			      CZ_XLSX_MARGIN_IN);
	bool one_page = cz_xlsx_a4_scale(width_pt, height_pt) >= CZ_XLSX_MIN_SCALE;
	worksheet_fit_to_pages(ws, 1, one_page ? 1 : 0);
	return worksheet_repeat_rows(ws, head_row, head_row);
}
