/* Layout helpers of the XLSX renderers: the wrapped-line estimate behind
 * every explicit row height, and the A4 scale of a one-page canvas (the
 * page layout of the other sheets: test_xlsx_style.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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
	assert_int_equal(cz_xlsx_text_lines("Coût fixe\u00A0:\n• Loyer\n• Salaires", 34), 3);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines_wrap),
		cmocka_unit_test(test_text_lines_newlines),
		cmocka_unit_test(test_heights_and_widths),
		cmocka_unit_test(test_a4_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
