/* Markdown escaping of values that would otherwise open a block (a list
 * item, a heading, a numbered item…) when they start a line: found by the
 * hostile inputs, where a canvas item "-" came out as an empty nested list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "md.h"

static void expect_text(const char *in, const char *want)
{
	cz_buf b;
	cz_buf_init(&b);
	cz_md_text(&b, in);
	cz_buf_putc(&b, '\0');
	assert_true(cz_buf_ok(&b));
	assert_string_equal(b.data, want);
	cz_buf_free(&b);
}

static void test_block_openers_escaped(void **state)
{
	(void)state;
	expect_text("-", "\\-");
	expect_text("- x", "\\- x");
	expect_text("+ x", "\\+ x");
	expect_text("# titre", "\\# titre");
	expect_text("\n\n# titre", "  \\# titre");
	expect_text("===", "\\===");
	expect_text("~~~", "\\~~~");
	expect_text("1. premier", "1\\. premier");
	expect_text("12) douze", "12\\) douze");
}

static void test_ordinary_text_unchanged(void **state)
{
	(void)state;
	expect_text("a - b # c", "a - b # c");
	expect_text("2026 en chiffres", "2026 en chiffres");
	expect_text("3,5 %", "3,5 %");
	expect_text("1234567890. dix chiffres", "1234567890. dix chiffres");
	expect_text(" suite", " suite");
	expect_text("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_openers_escaped),
		cmocka_unit_test(test_ordinary_text_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
