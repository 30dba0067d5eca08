/* Competence coverage (coverage.h): the state of a self-assessment entry,
 * one phase's tallies, and the ratio rule shared with the multi-phase sums
 * of skills.c (cz_cov_tally_finish). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <math.h>
#include <string.h>

#include "coverage.h"
#include "loader.h"

/* cmocka 1.1.5 compares floats only in single precision. */
#define assert_ratio(a, b) assert_true(fabs((a) - (b)) < 1e-12)

static cz_cov_tally tally(size_t carrier, size_t network, size_t in_progress, size_t gap,
			  size_t unassessed)
{
	cz_cov_tally t = { 0 };
	t.counts[CZ_COV_CARRIER] = carrier;
	t.counts[CZ_COV_NETWORK] = network;
	t.counts[CZ_COV_IN_PROGRESS] = in_progress;
	t.counts[CZ_COV_GAP] = gap;
	t.counts[CZ_COV_UNASSESSED] = unassessed;
	t.total = carrier + network + in_progress + gap + unassessed;
	t.ratio = -1;
	return t;
}

static void test_tally_finish(void **state)
{
	(void)state;
	cz_cov_tally t = tally(0, 0, 0, 0, 0);
	cz_cov_tally_finish(&t);
	assert_ratio(t.ratio, 0);
	t = tally(1, 1, 0, 0, 0);
	cz_cov_tally_finish(&t);
	assert_ratio(t.ratio, 1);
	/* In progress counts half; gaps and unassessed nothing. */
	t = tally(2, 1, 1, 3, 3);
	cz_cov_tally_finish(&t);
	assert_ratio(t.ratio, 3.5 / 10);
	t = tally(0, 0, 1, 0, 0);
	cz_cov_tally_finish(&t);
	assert_ratio(t.ratio, 0.5);
	t = tally(0, 0, 0, 4, 4);
	cz_cov_tally_finish(&t);
	assert_ratio(t.ratio, 0);
}

static void test_state(void **state)
{
	(void)state;
	cz_skill_entry e = { 0 };
	assert_int_equal(cz_coverage_state(NULL), CZ_COV_UNASSESSED);
	e.niveau = CZ_LEVEL_ACQUIS;
	assert_int_equal(cz_coverage_state(&e), CZ_COV_CARRIER);
	e.porte_par = "CRESS";
	assert_int_equal(cz_coverage_state(&e), CZ_COV_NETWORK);
	e.niveau = CZ_LEVEL_EN_COURS;
	assert_int_equal(cz_coverage_state(&e), CZ_COV_IN_PROGRESS);
	e.porte_par = NULL;
	assert_int_equal(cz_coverage_state(&e), CZ_COV_IN_PROGRESS);
	e.niveau = CZ_LEVEL_A_ACQUERIR;
	assert_int_equal(cz_coverage_state(&e), CZ_COV_GAP);
}

/* The test phase has 22 competences in the built-in referential. */
static void test_phase(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: \"Essai\", type: rural, phase: test }\n"
		"competences:\n"
		"  test.terrains-propices: acquis\n"
		"  test.presenter-projet: { niveau: acquis, porte_par: \"CRESS\" }\n"
		"  test.ecoute-usagers: en_cours\n"
		"  test.problemes-quotidiens: a_acquerir\n"
		"acteurs:\n"
		"  - { nom: \"CRESS\", type: accompagnement }\n";
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	cz_project *p = NULL;
	assert_int_equal(cz_project_load(text, strlen(text), "p.yaml", ref, &p, &pb), CZ_OK);
	cz_problems_free(&pb);

	cz_cov_phase c;
	assert_int_equal(cz_coverage_phase(p, ref, CZ_PHASE_TEST, &c), CZ_OK);
	assert_int_equal(c.n_items, 22);
	assert_int_equal(c.total.total, 22);
	assert_int_equal(c.total.counts[CZ_COV_CARRIER], 1);
	assert_int_equal(c.total.counts[CZ_COV_NETWORK], 1);
	assert_int_equal(c.total.counts[CZ_COV_IN_PROGRESS], 1);
	assert_int_equal(c.total.counts[CZ_COV_GAP], 1);
	assert_int_equal(c.total.counts[CZ_COV_UNASSESSED], 18);
	assert_ratio(c.total.ratio, 2.5 / 22);
	/* Family ratios follow the same rule as the total. */
	size_t sum = 0;
	for (size_t f = 0; f < c.n_families; f++) {
		cz_cov_tally t = c.by_family[f];
		sum += t.total;
		cz_cov_tally_finish(&t);
		assert_ratio(t.ratio, c.by_family[f].ratio);
	}
	assert_int_equal(sum, 22);
	for (size_t i = 0; i < c.n_items; i++)
		if (!strcmp(c.items[i].competence->id, "test.presenter-projet"))
			assert_string_equal(c.items[i].porte_par, "CRESS");
	cz_coverage_free(&c);

	/* Without a project: everything unassessed, ratio 0. */
	assert_int_equal(cz_coverage_phase(NULL, ref, CZ_PHASE_TEST, &c), CZ_OK);
	assert_int_equal(c.total.counts[CZ_COV_UNASSESSED], 22);
	assert_ratio(c.total.ratio, 0);
	cz_coverage_free(&c);
	cz_project_free(p);
}

/* A competence the project does not need: out of the total and the ratio. */
static void test_sans_objet(void **state)
{
	(void)state;
	cz_project *p = load("version: 1\n"
			     "projet: { nom: \"Essai\", type: rural, phase: emergence }\n"
			     "competences:\n"
			     "  emergence.diagnostic: acquis\n"
			     "  emergence.reperage-acteurs: en_cours\n"
			     "  emergence.lien-hierarchie: sans_objet\n"
			     "  emergence.validation-offre: sans_objet\n");
	cz_cov_phase c;
	assert_int_equal(cz_coverage_phase(p, ref, CZ_PHASE_EMERGENCE, &c), CZ_OK);
	/* 10 competences, 2 sans objet: 8 applicable; (1 + 1/2) / 8 = 0.1875 */
	assert_int_equal(c.n_items, 10);
	assert_int_equal(c.total.counts[CZ_COV_NOT_APPLICABLE], 2);
	assert_int_equal(c.total.total, 8);
	assert_int_equal(c.total.counts[CZ_COV_UNASSESSED], 6);
	assert_ratio(c.total.ratio, 1.5 / 8);
	cz_coverage_free(&c);
	cz_project_free(p);
	/* sans objet and carried by an actor contradict each other */
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	static const char bad[] = "version: 1\nprojet: { nom: X, type: rural, phase: test }\n"
				  "acteurs: [{ nom: A }]\n"
				  "competences: { test.veille: { niveau: sans_objet, porte_par: A } }\n";
	cz_project *q = NULL;
	assert_int_equal(cz_project_load(bad, strlen(bad), "p.yaml", ref, &q, &pb), CZ_ERR_INVALID);
	assert_non_null(strstr(pb.items[0].message, "une compétence sans objet pour le projet n'est portée par personne"));
	cz_problems_free(&pb);
}

/* Steps and competences looked up by their position in the referential's
 * lists give the entry the look-up by text gives, for every id of every
 * phase: through the index when the project was read against that
 * referential, by comparing texts when the ids are another referential's
 * (the same text loaded a second time: equal strings, other pointers). */
static void test_lookup_by_rank(void **state)
{
	(void)state;
	static const char text[] =
		"version: 1\n"
		"projet: { nom: \"Essai\", type: rural, phase: test }\n"
		"etapes:\n"
		"  emergence.besoins: fait\n"
		"  test.financement: en_cours\n"
		"competences:\n"
		"  emergence.diagnostic: acquis\n"
		"  test.ecoute-usagers: en_cours\n"
		"  test.terrains-propices: a_acquerir\n";
	cz_project *p = load(text);
	cz_problems pb;
	cz_problems_init(&pb, "r.yaml");
	cz_referential *other = NULL;
	assert_int_equal(cz_referential_load(cz_builtin_referentiel, cz_builtin_referentiel_len, &other, &pb),
			 CZ_OK);
	cz_problems_free(&pb);
	assert_int_equal(other->n_competence_ids, ref->n_competence_ids);
	assert_ptr_not_equal(other->competence_ids[0], ref->competence_ids[0]);
	size_t found_steps = 0, found_skills = 0;
	for (size_t k = 0; k < ref->n_step_ids; k++) {
		const cz_step_entry *e = cz_project_step(p, ref->step_ids[k]);
		assert_ptr_equal(cz_project_step_at(p, (const char *const *)ref->step_ids, k, ref->step_ids[k]), e);
		assert_ptr_equal(cz_project_step_at(p, (const char *const *)other->step_ids, k, other->step_ids[k]), e);
		found_steps += e != NULL;
	}
	for (size_t k = 0; k < ref->n_competence_ids; k++) {
		const cz_skill_entry *e = cz_project_skill(p, ref->competence_ids[k]);
		assert_ptr_equal(cz_project_skill_at(p, (const char *const *)ref->competence_ids, k,
						     ref->competence_ids[k]), e);
		assert_ptr_equal(cz_project_skill_at(p, (const char *const *)other->competence_ids, k,
						     other->competence_ids[k]), e);
		found_skills += e != NULL;
	}
	assert_int_equal(found_steps, 2);
	assert_int_equal(found_skills, 3);
	/* a phase's coverage, by index and by text: the same states */
	cz_cov_phase a, b;
	assert_int_equal(cz_coverage_phase(p, ref, CZ_PHASE_TEST, &a), CZ_OK);
	assert_int_equal(cz_coverage_phase(p, other, CZ_PHASE_TEST, &b), CZ_OK);
	assert_int_equal(a.n_items, b.n_items);
	for (size_t i = 0; i < a.n_items; i++)
		assert_int_equal(a.items[i].state, b.items[i].state);
	assert_int_equal(a.total.counts[CZ_COV_IN_PROGRESS], 1);
	assert_int_equal(a.total.counts[CZ_COV_GAP], 1);
	cz_coverage_free(&a);
	cz_coverage_free(&b);
	cz_referential_free(other);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tally_finish),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_phase),
		cmocka_unit_test(test_sans_objet),
		cmocka_unit_test(test_lookup_by_rank),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
