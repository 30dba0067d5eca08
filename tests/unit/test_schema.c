/* The schema's quiet checks (lib/schema.h): cz_string_ok, cz_bool_ok,
 * cz_enum_ok and cz_month_ok say yes exactly when the reporting reader
 * takes the value without a message, with the same value; cz_map_fields
 * finds each field whatever the order of the keys, keeps the first of a
 * key written twice, and says when a key is not in the schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "enums.h"
#include "schema.h"

/* The values of the sequence in `yaml`, parsed with the project limits. */
typedef struct {
	cz_arena *arena;
	cz_problems pb;
	cz_node *root;
} doc;

static void parse_as(doc *d, const char *yaml, cz_status want)
{
	d->arena = cz_arena_new();
	assert_non_null(d->arena);
	cz_problems_init(&d->pb, "t.yaml");
	assert_int_equal(cz_yaml_parse(yaml, strlen(yaml), NULL, d->arena, &d->pb, &d->root), want);
	assert_non_null(d->root);
}

static void parse(doc *d, const char *yaml)
{
	parse_as(d, yaml, CZ_OK);
}

static void done(doc *d)
{
	cz_problems_free(&d->pb);
	cz_arena_free(d->arena);
}

static const char values[] =
	"- texte\n- ''\n- ~\n- null\n- !!str null\n- 12\n- oui\n- Non\n- TRUE\n- 'oui'\n"
	"- !!str vrai\n- peut-être\n- fait\n- en_cours\n- Fait\n- 2026-03\n- 2026-13\n"
	"- 1899-12\n- 2026-3\n- '2026-04'\n- 2026-04-01\n- [a]\n- { a: 1 }\n";

static void test_quiet_checks_agree_with_readers(void **state)
{
	(void)state;
	doc d;
	parse(&d, values);
	cz_schema s = { d.arena, &d.pb, false };
	size_t taken[4] = { 0 };
	for (size_t i = 0; i < d.root->count; i++) {
		const cz_node *n = d.root->items[i];
		size_t before = d.pb.count;
		const char *str = NULL;
		bool ok = cz_read_string(&s, n, "v", &str);
		assert_int_equal(cz_string_ok(n), ok && d.pb.count == before);
		taken[0] += ok;

		bool b1 = false, b2 = false;
		before = d.pb.count;
		ok = cz_read_bool(&s, n, "v", &b1);
		assert_int_equal(cz_bool_ok(n, &b2), ok && d.pb.count == before);
		if (ok)
			assert_int_equal(b1, b2);
		taken[1] += ok;

		int e1 = -1, e2 = -2;
		before = d.pb.count;
		ok = cz_read_enum(&s, n, "v", &cz_enum_step_status, &e1);
		assert_int_equal(cz_enum_ok(n, &cz_enum_step_status, &e2), ok && d.pb.count == before);
		if (ok)
			assert_int_equal(e1, e2);
		taken[2] += ok;

		cz_date m1 = { 0 }, m2 = { 0 };
		before = d.pb.count;
		ok = cz_read_month(&s, n, "v", &m1);
		assert_int_equal(cz_month_ok(n, &m2), ok && d.pb.count == before);
		if (ok)
			assert_memory_equal(&m1, &m2, sizeof(m1));
		taken[3] += ok;
	}
	/* taken, counted by hand in `values`: texts all but '', ~, null and the
	 * two collections (18 of 23); booleans oui, Non, TRUE; the step
	 * statuses fait and en_cours; the months 2026-03 and '2026-04' */
	assert_int_equal(taken[0], 18);
	assert_int_equal(taken[1], 3);
	assert_int_equal(taken[2], 2);
	assert_int_equal(taken[3], 2);
	done(&d);
}

static void test_map_fields(void **state)
{
	(void)state;
	static const char *const keys[] = { "periode", "demandes", "recettes", "charges" };
	doc d;
	/* out of the schema's order, "demandes" twice (reported by the tree,
	 * which still hands it over whole) */
	parse_as(&d, "- { charges: 4, demandes: 1, periode: 2026-01, demandes: 9 }\n"
		  "- { periode: 2026-02, inconnue: 3, recettes: 5 }\n"
		  "- {}\n", CZ_ERR_INVALID);
	const cz_node *f[4];
	assert_true(cz_map_fields(d.root->items[0], keys, 4, f));
	assert_string_equal(f[0]->text, "2026-01");
	assert_string_equal(f[1]->text, "1");
	assert_null(f[2]);
	assert_string_equal(f[3]->text, "4");
	assert_false(cz_map_fields(d.root->items[1], keys, 4, f));
	assert_string_equal(f[0]->text, "2026-02");
	assert_null(f[1]);
	assert_string_equal(f[2]->text, "5");
	assert_null(f[3]);
	assert_true(cz_map_fields(d.root->items[2], keys, 4, f));
	for (int j = 0; j < 4; j++)
		assert_null(f[j]);
	/* no key allowed: a map with keys has unknown ones */
	assert_false(cz_map_fields(d.root->items[1], keys, 0, f));
	assert_true(cz_map_fields(d.root->items[2], keys, 0, f));
	done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_checks_agree_with_readers),
		cmocka_unit_test(test_map_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
