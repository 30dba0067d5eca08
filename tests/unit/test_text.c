/* UTF-8 text: decoding, boundary-safe cuts, the sanitiser every writer
 * uses (lib/text.h), and the text writers built on it (Markdown, JSON).
 * Expected bytes are written out by hand: "é" is C3 A9, "€" E2 82 AC,
 * U+1F600 F0 9F 98 80, U+FFFD EF BF BD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "md.h"
#include "text.h"
#include "yaml_emit.h"
#include "yaml_tree.h"

#define FFFD "\xEF\xBF\xBD"

static void test_decode(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(cz_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(cz_utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(cz_utf8_decode("\xE2\x82\xAC", 3, &cp), 3);
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(cz_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* invalid: Latin-1 é, overlong '/', a surrogate, beyond U+10FFFF,
	 * a stray continuation byte, a sequence cut short */
	const char *bad[] = { "\xE9", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xE2\x82" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(cz_utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_true(cp == CZ_UTF8_INVALID);
		assert_false(cz_utf8_valid(bad[i], strlen(bad[i])));
	}
	assert_true(cz_utf8_valid("Caf\xC3\xA9 \xE2\x82\xAC", 9));
}

static void test_unsafe(void **state)
{
	(void)state;
	assert_false(cz_text_unsafe('\t'));
	assert_false(cz_text_unsafe('\n'));
	assert_false(cz_text_unsafe('\r'));
	assert_false(cz_text_unsafe(0xE9));
	assert_false(cz_text_unsafe(0xFFFD));
	assert_false(cz_text_unsafe(0x1F600));
	const uint32_t bad[] = { 0x00, 0x07, 0x1B, 0x7F, 0x85, 0x9B, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF,
				 0x1FFFE, 0x10FFFF, CZ_UTF8_INVALID };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_true(cz_text_unsafe(bad[i]));
}

static void test_prefix_never_splits(void **state)
{
	(void)state;
	/* "é" repeated: every cut lands on an even byte count. */
	char s[201];
	for (int i = 0; i < 100; i++)
		memcpy(s + 2 * i, "\xC3\xA9", 2);
	s[200] = '\0';
	for (size_t max = 0; max <= 201; max++) {
		size_t n = cz_utf8_prefix(s, 200, max);
		assert_true(n <= max && n <= 200);
		assert_int_equal(n % 2, 0);
		assert_true(n + 2 > max || n == 200);
		assert_true(cz_utf8_valid(s, n));
	}
	/* Mixed widths: 1 + 2 + 3 + 4 bytes. */
	const char *m = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
	const size_t want[] = { 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10 };
	for (size_t max = 0; max < sizeof(want) / sizeof(want[0]); max++)
		assert_int_equal(cz_utf8_prefix(m, 10, max), want[max]);
	/* Excel counts UTF-16 units: the emoji takes two. */
	assert_int_equal(cz_utf16_units(m, 10), 5);
	assert_int_equal(cz_utf16_prefix(m, 10, 3), 6);
	assert_int_equal(cz_utf16_prefix(m, 10, 4), 6);
	assert_int_equal(cz_utf16_prefix(m, 10, 5), 10);
	assert_int_equal(cz_utf8_chars(m, 10), 4);
}

static void test_clean(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	const char in[] = "a\x1b[31mb\x07 Caf\xE9 \xEF\xBF\xBF \xC2\x9B ok\t\n";
	size_t n = cz_text_clean(&b, in, sizeof(in) - 1);
	assert_int_equal(n, 5);
	assert_int_equal(b.log.replaced, 5);
	assert_string_equal(b.data, "a" FFFD "[31mb" FFFD " Caf" FFFD " " FFFD " " FFFD " ok\t\n");
	assert_true(cz_utf8_valid(b.data, b.len));
	assert_int_equal(cz_text_unsafe_count(b.data, b.len), 0);
	cz_buf_free(&b);
	/* Clean text is copied as is. */
	cz_buf_init(&b);
	assert_int_equal(cz_text_clean(&b, "Épicerie — 5\u00A0€", strlen("Épicerie — 5\u00A0€")), 0);
	assert_string_equal(b.data, "Épicerie — 5\u00A0€");
	cz_buf_free(&b);
	/* The guard cleans what was appended from a position on. */
	cz_buf_init(&b);
	cz_buf_puts(&b, "\x01 kept? ");
	size_t start = b.len;
	cz_buf_puts(&b, "x\x1by\xFF");
	assert_int_equal(cz_text_guard(&b, start), 2);
	assert_string_equal(b.data, "\x01 kept? x" FFFD "y" FFFD);
	cz_buf_free(&b);
}

static void test_excerpt(void **state)
{
	(void)state;
	char out[8];
	/* room for 4 bytes: "éé" then the ellipsis */
	assert_string_equal(cz_excerpt("ééé", 6, out, sizeof(out)), "éé…");
	assert_string_equal(cz_excerpt("aéé", 5, out, sizeof(out)), "aé…");
	assert_string_equal(cz_excerpt("a\x1b" "b", 3, out, sizeof(out)), "a?b");
	char big[64];
	assert_string_equal(cz_excerpt("\xE9t\xE9", 3, big, sizeof(big)), "?t?");
}

static void test_markdown_controls_and_code(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_md_text(&b, "bell\x07 esc\x1b[2J \xE9");
	cz_md_finish(&b, 0);
	assert_string_equal(b.data, "bell" FFFD " esc" FFFD "\\[2J " FFFD);
	assert_int_equal(b.log.replaced, 3);
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_md_code(&b, "test.a`b");
	assert_string_equal(b.data, "``test.a`b``");
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_md_code(&b, "`x");
	assert_string_equal(b.data, "`` `x ``");
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_md_code(&b, "a\nb");
	assert_string_equal(b.data, "`a b`");
	cz_buf_free(&b);
	/* the usual text, one backtick each side; the empty one padded */
	cz_buf_init(&b);
	cz_md_code(&b, "emergence.besoins");
	cz_md_code(&b, "");
	cz_md_code(&b, "a\tb`");
	/* "`x`", then "`  `" (padded empty), then "`` a b` ``" (a backtick inside, at the end) */
	assert_string_equal(b.data, "`emergence.besoins``  ``` a b` ``");
	cz_buf_free(&b);
}

static void test_json_strings(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_json j;
	cz_json_init(&j, &b);
	/* a Latin-1 file name, a C1 control, non-characters of planes 0 and 1 */
	cz_json_string(&j, "Caf\xE9 \xC2\x85 \xEF\xBF\xBE \xF0\x9F\xBF\xBF \x1b é");
	assert_string_equal(b.data, "\"Caf" FFFD " \\u0085 \\ufffe \\ud83f\\udfff \\u001b é\"");
	assert_int_equal(b.log.replaced, 1);
	assert_true(cz_utf8_valid(b.data, b.len));
	cz_buf_free(&b);
}

static void test_log_describe(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_text_log none = { 0, 0 };
	cz_text_log_describe(&none, "le rapport", &b);
	assert_int_equal(b.len, 0);
	cz_text_log l = { 2, 1 };
	cz_text_log_describe(&l, "le classeur", &b);
	assert_non_null(strstr(b.data, "2 caractères remplacés"));
	assert_non_null(strstr(b.data, "\n1 texte de plus de 32\u202F767 caractères"));
	assert_non_null(strstr(b.data, "le classeur"));
	cz_buf_free(&b);
}

/* `init` writes texts of an amended referential into a project file: it
 * must read back, whatever they hold (the reader refuses raw controls,
 * C1 controls and non-characters). */
static void test_yaml_quote_reads_back(void **state)
{
	(void)state;
	const char *texts[] = { "a\x1b b\x07", "\xc2\x85\xc2\x9b", "nc \xef\xbf\xbf \xef\xb7\x90",
				"\xf0\x9f\xbf\xbe plan 1", "tab\tcr\r\nfin", "«\u00A0guillemets\u00A0» \"\\" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		cz_buf b;
		cz_buf_init(&b);
		cz_buf_puts(&b, "k: ");
		cz_yaml_quote(&b, texts[i]);
		cz_buf_putc(&b, '\n');
		assert_true(cz_buf_ok(&b));
		cz_arena *a = cz_arena_new();
		cz_problems pb;
		cz_problems_init(&pb, "t.yaml");
		cz_node *root = NULL;
		assert_int_equal(cz_yaml_parse(b.data, b.len, NULL, a, &pb, &root), CZ_OK);
		const cz_node *v = cz_node_get(root, "k");
		assert_non_null(v);
		assert_string_equal(v->text, texts[i]);
		cz_problems_free(&pb);
		cz_arena_free(a);
		cz_buf_free(&b);
	}
}

/* The word-at-a-time scan of cz_text_unsafe_count and cz_text_clean
 * against a character-by-character count over pseudo-random texts made of
 * printable ASCII, controls, two-, three- and four-byte characters, and
 * stray bytes, at every offset and length around the 8-byte steps. */
static void test_scan_matches_char_by_char(void **state)
{
	(void)state;
	static const char *const pieces[] = { "a", "Z", " ", "~", "\t", "\n", "\r", "\x7f", "\x01", "\x1b",
					      "é", "\xc2\xa0", "\xc2\x85", "\xc2\x9f", "ß", "\xdf\xbf",
					      "€", "\xe2\x80\xaf", "\xef\xb7\x90", "\xef\xbf\xbe", "𝄞",
					      "\xf4\x8f\xbf\xbf", "\x80", "\xc3", "\xe2\x82", "\xff" };
	const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	unsigned long long x = 0x243F6A8885A308D3ull;
	char text[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		for (;;) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			unsigned long long r = x * 0x2545F4914F6CDD1Dull;
			/* mostly ASCII, as reports are */
			const char *p = (r >> 60) < 12 ? pieces[(r >> 32) % 4] : pieces[(r >> 32) % n_pieces];
			size_t l = strlen(p);
			if (len + l >= sizeof(text) || (r & 63) == 0)
				break;
			memcpy(text + len, p, l);
			len += l;
		}
		for (size_t start = 0; start < 9 && start <= len; start++) {
			size_t want = 0;
			for (size_t i = start; i < len;) {
				uint32_t cp;
				i += cz_utf8_decode(text + i, len - i, &cp);
				want += cz_text_unsafe(cp);
			}
			assert_int_equal(cz_text_unsafe_count(text + start, len - start), want);
			cz_buf b;
			cz_buf_init(&b);
			assert_int_equal(cz_text_clean(&b, text + start, len - start), want);
			assert_int_equal(cz_text_unsafe_count(b.data ? b.data : "", b.len), 0);
			cz_buf_free(&b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_unsafe),
		cmocka_unit_test(test_scan_matches_char_by_char),
		cmocka_unit_test(test_prefix_never_splits),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_markdown_controls_and_code),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_log_describe),
		cmocka_unit_test(test_yaml_quote_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
