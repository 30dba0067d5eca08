/* The built-in referential is compiled in as static data written at build
 * time (tools/gen_referential.c): it must be, field for field, what the
 * loader reads from templates/referentiel.yaml at run time.
 *
 * How a forgotten field is caught: every structure is compared by copying
 * both sides, comparing each pointer field the test knows (strings by
 * content, origins by their index in `sources`, arrays element by element)
 * and then setting it to NULL on both sides, and finally comparing the two
 * copies byte for byte (memcmp over sizeof the structure). So a scalar the
 * generator forgets stays 0 and differs from the loaded value; a pointer
 * either side forgets still holds a static address on one side and an
 * arena address (or NULL) on the other, and differs too; a field added to
 * referential.h later is caught the same way until both learn it. Padding
 * is zero on both sides (static data; zeroed arena memory; copied with
 * memcpy). The string pointers are also checked to be shared the same way
 * (a step id in `etapes` and in `step_ids` is one pointer, which project
 * files then hold). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "referential.h"

typedef struct {
	const cz_referential *a, *b; /* a: compiled in; b: loaded at run time */
	const char **sa, **sb;       /* every string pointer met, in the same order on both sides */
	size_t n, cap;
} cmp;

static void same_str(cmp *c, const char **a, const char **b)
{
	assert_true((*a == NULL) == (*b == NULL));
	if (*a)
		assert_string_equal(*a, *b);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->sa = realloc(c->sa, c->cap * sizeof(*c->sa));
		c->sb = realloc(c->sb, c->cap * sizeof(*c->sb));
		assert_non_null(c->sa);
		assert_non_null(c->sb);
	}
	c->sa[c->n] = *a;
	c->sb[c->n++] = *b;
	*a = *b = NULL;
}

static void same_strs(cmp *c, const char ***a, const char ***b, size_t na, size_t nb)
{
	assert_true((*a == NULL) == (*b == NULL));
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		const char *x = (*a)[i], *y = (*b)[i];
		same_str(c, &x, &y);
	}
	*a = *b = NULL;
}

static void same_origin(const cmp *c, const cz_ref_source **a, const cz_ref_source **b)
{
	assert_true((*a == NULL) == (*b == NULL));
	if (*a) {
		assert_true(*a >= c->a->sources && *a < c->a->sources + c->a->n_sources);
		assert_true(*b >= c->b->sources && *b < c->b->sources + c->b->n_sources);
		assert_int_equal(*a - c->a->sources, *b - c->b->sources);
	}
	*a = *b = NULL;
}

/* Compare arrays pa and pb of na and nb elements of type T, each through
 * strip(c, &x, &y) then memcmp, and clear both pointers. */
#define SAME_ARRAY(c, T, pa, pb, na, nb, strip)                          \
	do {                                                             \
		assert_true(((pa) == NULL) == ((pb) == NULL));           \
		assert_int_equal((na), (nb));                            \
		for (size_t i_ = 0; i_ < (na); i_++) {                   \
			T x_, y_;                                        \
			memcpy(&x_, &(pa)[i_], sizeof(x_));              \
			memcpy(&y_, &(pb)[i_], sizeof(y_));              \
			strip((c), &x_, &y_);                            \
			assert_memory_equal(&x_, &y_, sizeof(x_));       \
		}                                                        \
		(pa) = NULL;                                             \
		(pb) = NULL;                                             \
	} while (0)

/* Each strip_* compares the pointer fields of a structure and clears them;
 * what is left is compared byte for byte by the caller. */
static void strip_source(cmp *c, cz_ref_source *a, cz_ref_source *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->titre, &b->titre);
	same_str(c, &a->auteur, &b->auteur);
}

static void strip_item(cmp *c, cz_ref_item *a, cz_ref_item *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_competence(cmp *c, cz_ref_competence *a, cz_ref_competence *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_origin(c, &a->origine, &b->origine);
	same_origin(c, &a->origine_famille, &b->origine_famille);
}

static void strip_phase(cmp *c, cz_ref_phase *a, cz_ref_phase *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->resume, &b->resume);
	same_str(c, &a->point_attention, &b->point_attention);
	same_origin(c, &a->origine, &b->origine);
	SAME_ARRAY(c, cz_ref_item, a->etapes, b->etapes, a->n_etapes, b->n_etapes, strip_item);
	SAME_ARRAY(c, cz_ref_competence, a->competences, b->competences, a->n_competences, b->n_competences,
		   strip_competence);
	SAME_ARRAY(c, cz_ref_item, a->conditions_reussite, b->conditions_reussite, a->n_conditions_reussite,
		   b->n_conditions_reussite, strip_item);
}

static void strip_family(cmp *c, cz_ref_family *a, cz_ref_family *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->resume, &b->resume);
	same_strs(c, &a->elements, &b->elements, a->n_elements, b->n_elements);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_indicator(cmp *c, cz_ref_indicator *a, cz_ref_indicator *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
	same_origin(c, &a->origine_seuils, &b->origine_seuils);
}

static void strip_condition(cmp *c, cz_ref_condition *a, cz_ref_condition *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->cle, &b->cle);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_rule(cmp *c, cz_ref_verdict_rule *a, cz_ref_verdict_rule *b)
{
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_pitfall(cmp *c, cz_ref_pitfall *a, cz_ref_pitfall *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
	same_origin(c, &a->origine_seuil, &b->origine_seuil);
}

static void strip_pillar(cmp *c, cz_ref_pillar *a, cz_ref_pillar *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
	same_origin(c, &a->origine_seuil, &b->origine_seuil);
}

static void strip_dashboard(cmp *c, cz_ref_dashboard *a, cz_ref_dashboard *b)
{
	same_str(c, &a->source_taux, &b->source_taux);
	same_str(c, &a->explication, &b->explication);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_bmc_checks(cmp *c, cz_ref_bmc_checks *a, cz_ref_bmc_checks *b)
{
	same_strs(c, &a->mots_recurrents, &b->mots_recurrents, a->n_mots_recurrents, b->n_mots_recurrents);
	same_strs(c, &a->mots_payeurs, &b->mots_payeurs, a->n_mots_payeurs, b->n_mots_payeurs);
	same_strs(c, &a->mots_salaires, &b->mots_salaires, a->n_mots_salaires, b->n_mots_salaires);
	same_origin(c, &a->origine, &b->origine);
}

static void strip_block(cmp *c, cz_ref_block *a, cz_ref_block *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->question, &b->question);
}

static void strip_bmc_item(cmp *c, cz_bmc_item *a, cz_bmc_item *b)
{
	same_str(c, &a->texte, &b->texte);
}

static void strip_canvas(cmp *c, cz_ref_canvas *a, cz_ref_canvas *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	for (int k = 0; k < CZ_BLOC_COUNT; k++)
		SAME_ARRAY(c, cz_bmc_item, a->bmc.items[k], b->bmc.items[k], a->bmc.count[k], b->bmc.count[k],
			   strip_bmc_item);
	same_origin(c, &a->origine, &b->origine);
	same_origin(c, &a->origine_etiquettes, &b->origine_etiquettes);
}

static void strip_quality(cmp *c, cz_ref_quality *a, cz_ref_quality *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->description, &b->description);
}

static void strip_mission(cmp *c, cz_ref_mission *a, cz_ref_mission *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_strs(c, &a->taches, &b->taches, a->n_taches, b->n_taches);
}

static void strip_alert(cmp *c, cz_ref_alert *a, cz_ref_alert *b)
{
	same_str(c, &a->id, &b->id);
	same_str(c, &a->nom, &b->nom);
	same_str(c, &a->raison, &b->raison);
	same_strs(c, &a->etapes, &b->etapes, a->n_etapes, b->n_etapes);
	same_origin(c, &a->origine, &b->origine);
}

/* `a` is the compiled-in referential, `b` the one loaded from its text. */
static void same_referential(const cz_referential *ra, const cz_referential *rb)
{
	cmp c = { ra, rb, NULL, NULL, 0, 0 };
	cz_referential a, b;
	memcpy(&a, ra, sizeof(a));
	memcpy(&b, rb, sizeof(b));
	/* each has an arena of its own; the compiled one's text is the YAML
	 * compiled in, the loaded one's a copy of it */
	assert_non_null(a.arena);
	assert_non_null(b.arena);
	a.arena = b.arena = NULL;
	assert_ptr_equal(a.text, cz_builtin_referentiel);
	assert_int_equal(a.text_len, cz_builtin_referentiel_len);
	assert_int_equal(b.text_len, cz_builtin_referentiel_len);
	assert_memory_equal(b.text, cz_builtin_referentiel, cz_builtin_referentiel_len);
	a.text = b.text = NULL;
	assert_true(a.builtin);
	assert_false(b.builtin);
	a.builtin = b.builtin = false;

	SAME_ARRAY(&c, cz_ref_source, a.sources, b.sources, a.n_sources, b.n_sources, strip_source);
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		strip_phase(&c, &a.phases[ph], &b.phases[ph]);
	SAME_ARRAY(&c, cz_ref_family, a.families, b.families, a.n_families, b.n_families, strip_family);
	SAME_ARRAY(&c, cz_ref_indicator, a.indicators, b.indicators, a.n_indicators, b.n_indicators,
		   strip_indicator);
	SAME_ARRAY(&c, cz_ref_condition, a.conditions, b.conditions, a.n_conditions, b.n_conditions,
		   strip_condition);
	strip_rule(&c, &a.rule, &b.rule);
	SAME_ARRAY(&c, cz_ref_pitfall, a.pitfalls, b.pitfalls, a.n_pitfalls, b.n_pitfalls, strip_pitfall);
	for (int p = 0; p < CZ_PILIER_COUNT; p++)
		strip_pillar(&c, &a.pillars[p], &b.pillars[p]);
	strip_dashboard(&c, &a.dashboard, &b.dashboard);
	same_strs(&c, &a.constats, &b.constats, a.n_constats, b.n_constats);
	same_origin(&c, &a.origine_constats, &b.origine_constats);
	same_str(&c, &a.bmc_attribution, &b.bmc_attribution);
	same_origin(&c, &a.origine_bmc, &b.origine_bmc);
	strip_bmc_checks(&c, &a.bmc_checks, &b.bmc_checks);
	for (int k = 0; k < CZ_BLOC_COUNT; k++)
		strip_block(&c, &a.blocks[k], &b.blocks[k]);
	SAME_ARRAY(&c, cz_ref_canvas, a.canvases, b.canvases, a.n_canvases, b.n_canvases, strip_canvas);
	same_str(&c, &a.concierge_role, &b.concierge_role);
	same_origin(&c, &a.origine_concierge, &b.origine_concierge);
	SAME_ARRAY(&c, cz_ref_quality, a.qualities, b.qualities, a.n_qualities, b.n_qualities, strip_quality);
	SAME_ARRAY(&c, cz_ref_mission, a.missions, b.missions, a.n_missions, b.n_missions, strip_mission);
	same_str(&c, &a.definition_resume, &b.definition_resume);
	same_origin(&c, &a.origine_definition, &b.origine_definition);
	SAME_ARRAY(&c, cz_ref_item, a.caracteristiques, b.caracteristiques, a.n_caracteristiques,
		   b.n_caracteristiques, strip_item);
	SAME_ARRAY(&c, cz_ref_item, a.principes, b.principes, a.n_principes, b.n_principes, strip_item);
	same_strs(&c, &a.step_ids, &b.step_ids, a.n_step_ids, b.n_step_ids);
	same_strs(&c, &a.competence_ids, &b.competence_ids, a.n_competence_ids, b.n_competence_ids);
	SAME_ARRAY(&c, cz_ref_alert, a.alerts, b.alerts, a.n_alerts, b.n_alerts, strip_alert);
	/* Every count, number, flag and enum, and any pointer not cleared above. */
	assert_memory_equal(&a, &b, sizeof(a));

	/* The strings are shared alike: same pointer on one side, same on the other. */
	assert_true(c.n > 600);
	size_t shared = 0;
	for (size_t i = 0; i < c.n; i++)
		for (size_t j = i + 1; j < c.n; j++) {
			bool sa = c.sa[i] != NULL && c.sa[i] == c.sa[j];
			bool sb = c.sb[i] != NULL && c.sb[i] == c.sb[j];
			if (sa != sb)
				fail_msg("strings %zu and %zu (\"%s\") shared on one side only", i, j,
					 c.sa[i] ? c.sa[i] : "(null)");
			shared += sa;
		}
	/* at least the step and competence ids, met twice each */
	assert_true(shared >= ra->n_step_ids + ra->n_competence_ids);
	free(c.sa);
	free(c.sb);
}

static void test_compiled_equals_loaded(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *compiled = NULL, *loaded = NULL;
	assert_int_equal(cz_referential_load_builtin(&compiled, &pb), CZ_OK);
	assert_int_equal(cz_referential_load(cz_builtin_referentiel, cz_builtin_referentiel_len, &loaded, &pb),
			 CZ_OK);
	assert_int_equal(pb.count, 0);
	same_referential(compiled, loaded);
	cz_referential_free(loaded);
	cz_referential_free(compiled);
	cz_problems_free(&pb);
}

/* Freeing a built-in referential frees its copy, never the static data
 * the others share (ASan and valgrind would see a bad free). */
static void test_builtin_free(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *one = NULL, *two = NULL;
	assert_null(cz_builtin_referential_data.arena);
	assert_int_equal(cz_referential_load_builtin(&one, &pb), CZ_OK);
	assert_int_equal(cz_referential_load_builtin(&two, &pb), CZ_OK);
	assert_ptr_not_equal(one, two);
	assert_ptr_not_equal(one, &cz_builtin_referential_data);
	assert_ptr_equal(one->phases[CZ_PHASE_TEST].etapes, two->phases[CZ_PHASE_TEST].etapes);
	cz_referential_free(one);
	assert_true(cz_ref_find_step(two, "test.schema-logistique", NULL, NULL));
	assert_string_equal(two->sources[0].id, CZ_ORIGIN_TOOL);
	cz_referential_free(two);
	assert_int_equal(cz_builtin_referential_data.n_step_ids, 34);
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compiled_equals_loaded),
		cmocka_unit_test(test_builtin_free),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
