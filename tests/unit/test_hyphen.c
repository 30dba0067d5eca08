/*
 * French hyphenation points (lib/hyphen.h) against words hyphenated by
 * hand with the school rules, and the headers of a wide html table
 * (lib/html.h) getting soft hyphens there and nowhere else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"
#include "hyphen.h"

/* word with '-' at every point found, into out */
static void hyphenated(const char *word, char *out, size_t size)
{
	size_t points[16];
	size_t n = cz_hyphen_points_fr(word, strlen(word), points, 16);
	size_t o = 0, from = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t to = k < n ? points[k] : strlen(word);
		assert_true(o + (to - from) + 2 < size);
		memcpy(out + o, word + from, to - from);
		o += to - from;
		if (k < n)
			out[o++] = '-';
		from = to;
	}
	out[o] = '\0';
}

static void check(const char *word, const char *expected)
{
	char got[128];
	hyphenated(word, got, sizeof got);
	assert_string_equal(got, expected);
}

static void test_syllables(void **state)
{
	(void)state;
	/* one consonant between vowels starts the syllable: de-man-des */
	check("Demandes", "Deman-des"); /* "De" keeps fewer than 3 letters */
	/* two consonants are split: com-man-des, con-ver-sion */
	check("Commandes", "Com-man-des");
	check("Conversion", "Con-ver-sion");
	/* accented vowels are vowels: fi-dé-li-sa-tion */
	check("Fidélisation", "Fidé-li-sa-tion");
	check("Autofinancement", "Auto-fi-nan-ce-ment");
	check("bénévoles", "béné-vo-les");
	/* an inseparable pair stays together: li-vrai-son (vr), two vowels too */
	check("livraison", "livrai-son");
	check("Kilomètres", "Kilo-mè-tres"); /* tr */
	check("Recettes", "Recet-tes");
	check("Couverture", "Cou-ver-ture"); /* "re" keeps fewer than 3 letters */
	/* three letters at least on each side: nothing to cut */
	check("Clients", "Clients");
	check("Mois", "Mois");
	check("Projet", "Pro-jet"); /* three letters on each side */
	/* upper case as lower case; œ a vowel, ç a consonant */
	check("AVANCEMENT", "AVAN-CE-MENT");
	check("manœuvres", "manœu-vres");
	check("français", "fran-çais");
	/* not a word the rules know (a digit, a no-break space, ß): no point */
	check("abcdef1gh", "abcdef1gh");
	check("Heures\u00A0salariées", "Heures\u00A0salariées");
	check("Straße", "Straße");
	check("", "");
}

static void test_wide_table_headers(void **state)
{
	(void)state;
	/* eleven columns or more: the headers' words get soft hyphens, the cells not */
	const char *md = "| Mois | Demandes | Commandes | C | D | E | F | G | H | I | J | K |\n"
			 "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
			 "| 2025-10 | Commandes | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 |\n";
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(cz_html_from_markdown(&b, md, strlen(md), 2), CZ_OK);
	assert_true(cz_buf_ok(&b));
	assert_non_null(strstr(b.data, "<table class=\"large tres-large\">"));
	assert_non_null(strstr(b.data, ">Deman&shy;des</th>"));
	assert_non_null(strstr(b.data, ">Com&shy;man&shy;des</th>"));
	assert_non_null(strstr(b.data, "<td>Commandes</td>"));
	assert_non_null(strstr(b.data, "<td>2025-10</td>"));
	cz_buf_free(&b);
	/* ten columns: a large table, no soft hyphen */
	const char *md11 = "| Mois | Demandes | B | C | D | E | F | G | H | I |\n"
			   "|---|---|---|---|---|---|---|---|---|---|\n"
			   "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |\n";
	cz_buf_init(&b);
	assert_int_equal(cz_html_from_markdown(&b, md11, strlen(md11), 2), CZ_OK);
	assert_non_null(strstr(b.data, "<table class=\"large\">"));
	assert_null(strstr(b.data, "&shy;"));
	cz_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syllables),
		cmocka_unit_test(test_wide_table_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
