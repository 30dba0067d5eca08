/* Layout helpers of the XLSX renderers: the wrapped-line estimate behind
 * every explicit row height, and the page setup of the table sheets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "xlsx_util.h"

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Width 10 holds 9 characters a line (1.1 per unit, less 2). */
static void test_text_lines_wrap(void **state)
{
	(void)state;
	assert_int_equal(cz_xlsx_text_lines("", 10), 1);
	assert_int_equal(cz_xlsx_text_lines("court", 10), 1);
	assert_int_equal(cz_xlsx_text_lines("aaaa bbbb", 10), 1);
	/* Words are not split: the third goes to a second line. */
	assert_int_equal(cz_xlsx_text_lines("aaaa bbbb cccc", 10), 2);
	assert_int_equal(cz_xlsx_text_lines("aaaaa bbbbb", 10), 2);
	/* Extra spaces do not count. */
	assert_int_equal(cz_xlsx_text_lines("  aaaa   bbbb  ", 10), 1);
	/* A word longer than a line is cut: 20 characters take 3 lines of 9. */
	assert_int_equal(cz_xlsx_text_lines("aaaaaaaaaaaaaaaaaaaa", 10), 3);
	/* Characters, not bytes: nine é (18 bytes) fit a line. */
	assert_int_equal(cz_xlsx_text_lines("éééé éééé", 10), 1);
	/* Narrow columns still hold 4 characters. */
	assert_int_equal(cz_xlsx_text_lines("aaaa bbbb", 5), 2);
	/* A wider column holds more: 70 units, 75 characters. */
	char line[77];
	for (int i = 0; i < 76; i++)
		line[i] = 'a';
	line[76] = '\0';
	assert_int_equal(cz_xlsx_text_lines(line, 70), 2);
	line[75] = '\0';
	assert_int_equal(cz_xlsx_text_lines(line, 70), 1);
}

static void test_text_lines_newlines(void **state)
{
	(void)state;
	assert_int_equal(cz_xlsx_text_lines("a\nb", 10), 2);
	assert_int_equal(cz_xlsx_text_lines("a\n\nb", 10), 3);
	assert_int_equal(cz_xlsx_text_lines("a\n", 10), 2);
	/* Each line wraps on its own. */
	assert_int_equal(cz_xlsx_text_lines("aaaa bbbb cccc\nd", 10), 3);
	assert_int_equal(cz_xlsx_text_lines("Coût fixe :\n• Loyer\n• Salaires", 34), 3);
}

static void test_heights_and_widths(void **state)
{
	(void)state;
	assert_near(cz_xlsx_lines_pt(0, CZ_XLSX_LINE_PT), 15);
	assert_near(cz_xlsx_lines_pt(1, CZ_XLSX_LINE_PT), 15);
	assert_near(cz_xlsx_lines_pt(3, 13), 39);
	assert_near(cz_xlsx_lines_pt(100, CZ_XLSX_LINE_PT), CZ_XLSX_MAX_ROW_PT);
	const double w[] = { 10, 20 };
	assert_near(cz_xlsx_columns_pt(w, 2), (75 + 145) * 0.75);
	assert_near(cz_xlsx_columns_pt(w, 0), 0);
}

/* Landscape A4 inside 0.4 inch margins: 784.4 by 537.4 points. */
static void test_a4_scale(void **state)
{
	(void)state;
	assert_near(cz_xlsx_a4_scale(100, 100), 1);
	assert_near(cz_xlsx_a4_scale(784.4, 537.4), 1);
	assert_near(cz_xlsx_a4_scale(2 * 784.4, 100), 0.5);
	assert_near(cz_xlsx_a4_scale(100, 4 * 537.4), 0.25);
	assert_near(cz_xlsx_a4_scale(2 * 784.4, 4 * 537.4), 0.25);
	assert_near(cz_xlsx_a4_scale(0, 0), 1);
}

static void test_print_table(void **state)
{
	(void)state;
	char path[] = "/tmp/cz-test-xlsx-util-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *fits = workbook_add_worksheet(wb, "court");
	lxw_worksheet *tall = workbook_add_worksheet(wb, "long");
	lxw_worksheet *edge = workbook_add_worksheet(wb, "limite");
	lxw_worksheet *plain = workbook_add_worksheet(wb, "brut");
	assert_int_equal(cz_xlsx_print_table(fits, 0, 700, 600), LXW_NO_ERROR);
	assert_int_equal(cz_xlsx_print_table(tall, 2, 700, 2000), LXW_NO_ERROR);
	/* Just above the smallest scale still fits. */
	assert_int_equal(cz_xlsx_print_table(edge, 0, 784.4 / CZ_XLSX_MIN_SCALE * 0.999, 10),
			 LXW_NO_ERROR);

	/* libxlsxwriter keeps its orientation codes private: portrait is a fresh sheet's. */
	assert_int_not_equal(fits->orientation, plain->orientation);
	assert_int_equal(fits->paper_size, CZ_XLSX_PAPER_A4);
	assert_int_equal(fits->fit_page, 1);
	assert_int_equal(fits->fit_width, 1);
	assert_int_equal(fits->fit_height, 1);
	assert_near(fits->margin_left, CZ_XLSX_MARGIN_IN);
	assert_near(fits->margin_top, CZ_XLSX_MARGIN_IN);
	assert_int_equal(fits->repeat_rows.in_use, 1);
	assert_int_equal(fits->repeat_rows.first_row, 0);

	assert_int_equal(tall->orientation, fits->orientation);
	assert_int_equal(tall->fit_width, 1);
	assert_int_equal(tall->fit_height, 0);
	assert_int_equal(tall->repeat_rows.first_row, 2);
	assert_int_equal(tall->repeat_rows.last_row, 2);

	assert_int_equal(edge->fit_height, 1);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines_wrap),
		cmocka_unit_test(test_text_lines_newlines),
		cmocka_unit_test(test_heights_and_widths),
		cmocka_unit_test(test_a4_scale),
		cmocka_unit_test(test_print_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
