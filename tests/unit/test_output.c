/* Output plumbing: French numbers, JSON, Markdown escaping, atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "format_fr.h"
#include "json.h"
#include "md.h"
#include "schema.h"

static void test_french_numbers(void **state)
{
	(void)state;
	char s[64];
	assert_string_equal(cz_fr_euros(s, sizeof(s), 1234.56), "1\u202F234,56\u00A0€");
	assert_string_equal(cz_fr_euros(s, sizeof(s), 18400), "18\u202F400\u00A0€");
	assert_string_equal(cz_fr_euros(s, sizeof(s), -1234567.5), "-1\u202F234\u202F567,50\u00A0€");
	assert_string_equal(cz_fr_euros(s, sizeof(s), 0.004), "0\u00A0€");
	assert_string_equal(cz_fr_percent(s, sizeof(s), 0.853), "85\u00A0%");
	assert_string_equal(cz_fr_number(s, sizeof(s), 1.125, 2), "1,13");
	assert_string_equal(cz_fr_number(s, sizeof(s), -0.001, 1), "0,0");
	assert_string_equal(cz_fr_compact(s, sizeof(s), 4.50, 2), "4,5");
	assert_string_equal(cz_fr_compact(s, sizeof(s), 12, 2), "12");
	assert_string_equal(cz_fr_number(s, sizeof(s), NAN, 2), "—");
	/* French agreement: 0 and 1 (and 1,5) take the singular, 2 and more the plural */
	assert_string_equal(cz_fr_s(0), "");
	assert_string_equal(cz_fr_s(1), "");
	assert_string_equal(cz_fr_s(1.5), "");
	assert_string_equal(cz_fr_s(2), "s");
	assert_string_equal(cz_fr_s(-3), "s");
	assert_string_equal(cz_fr_pl(1, "n'est", "ne sont"), "n'est");
	assert_string_equal(cz_fr_pl(12, "n'est", "ne sont"), "ne sont");
}

static void test_json_writer(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_json j;
	cz_json_init(&j, &b);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "nom", "a\"b\\c\n\x01");
	cz_json_kv_number(&j, "ratio", 0.1);
	cz_json_kv_number(&j, "n", 3);
	cz_json_kv_number(&j, "nan", NAN);
	cz_json_key(&j, "liste");
	cz_json_array_begin(&j);
	cz_json_bool(&j, true);
	cz_json_null(&j);
	cz_json_array_end(&j);
	cz_json_key(&j, "vide");
	cz_json_array_begin(&j);
	cz_json_array_end(&j);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	assert_true(cz_buf_ok(&b));
	assert_string_equal(b.data, "{\n"
				    "  \"nom\": \"a\\\"b\\\\c\\n\\u0001\",\n"
				    "  \"ratio\": 0.1,\n"
				    "  \"n\": 3,\n"
				    "  \"nan\": null,\n"
				    "  \"liste\": [\n"
				    "    true,\n"
				    "    null\n"
				    "  ],\n"
				    "  \"vide\": []\n"
				    "}\n");
	cz_buf_free(&b);
}

static void test_markdown_escaping(void **state)
{
	(void)state;
	cz_buf b;
	cz_buf_init(&b);
	cz_md_text(&b, "# a|b *c* soutien_public _x_ <br>\nfin");
	assert_string_equal(b.data, "\\# a\\|b \\*c\\* soutien_public \\_x\\_ \\<br\\> fin");
	cz_buf_free(&b);
	cz_buf_init(&b);
	cz_md_bar(&b, 0.5, 4);
	assert_string_equal(b.data, "██░░");
	cz_buf_free(&b);
}

static void test_suggestions(void **state)
{
	(void)state;
	static const char *const words[] = { "territoire", "porteur", "phase" };
	assert_string_equal(cz_suggest("terriotire", words, 3), "territoire");
	assert_string_equal(cz_suggest("phse", words, 3), "phase");
	assert_null(cz_suggest("budget", words, 3));
}

/* Case, accents and spaces do not stop a suggestion. */
static void test_suggestions_folded(void **state)
{
	(void)state;
	static const char *const statuts[] = { "benevole", "salarie", "entrepreneur" };
	static const char *const cibles[] = { "habitants", "personnes_agees", "autre" };
	static const char *const actors[] = { "CRESS", "Mairie de Saint-Aubin" };
	assert_string_equal(cz_suggest("bénévole", statuts, 3), "benevole");
	assert_string_equal(cz_suggest("SALARIÉ", statuts, 3), "salarie");
	assert_string_equal(cz_suggest("personnes âgées", cibles, 3), "personnes_agees");
	assert_string_equal(cz_suggest("Personnes-Agées", cibles, 3), "personnes_agees");
	assert_string_equal(cz_suggest("cress", actors, 2), "CRESS");
	assert_string_equal(cz_suggest("mairie de saint aubin", actors, 2), "Mairie de Saint-Aubin");
	assert_null(cz_suggest("boulangerie", actors, 2));
}

static void test_atomic_write_keeps_target_on_failure(void **state)
{
	(void)state;
	char dir[] = "/tmp/cz-atomic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char target[64];
	snprintf(target, sizeof(target), "%s/out.md", dir);
	cz_problems pb;
	cz_problems_init(&pb, target);
	assert_int_equal(cz_write_file_atomic(target, "old\n", 4, 0, &pb), CZ_OK);
	/* An aborted write leaves the old content and no temporary file. */
	cz_atomic a;
	assert_int_equal(cz_atomic_open(&a, target, 0, &pb), CZ_OK);
	assert_int_equal(write(a.fd, "partial", 7), 7);
	cz_atomic_abort(&a);
	FILE *f = fopen(target, "r");
	char buf[16] = "";
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "old\n");
	/* A target in a missing directory is an I/O error with a reason. */
	char missing[96];
	snprintf(missing, sizeof(missing), "%s/absent/out.md", dir);
	assert_int_equal(cz_write_file_atomic(missing, "x", 1, 0, &pb), CZ_ERR_IO);
	assert_non_null(strstr(pb.items[0].message, "n'existe pas"));
	unlink(target);
	rmdir(dir);
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_french_numbers),
		cmocka_unit_test(test_json_writer),
		cmocka_unit_test(test_markdown_escaping),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_suggestions_folded),
		cmocka_unit_test(test_atomic_write_keeps_target_on_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
