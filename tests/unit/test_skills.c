/* The competency checklist: phases chosen, coverage totals over phases and
 * families, gaps, and what the renderers make of them. Figures are checked
 * against the built-in referential (10/22/17/15 competences; families
 * situation 29, relationnel 13, astuces 5, technique 17 over the four). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "loader.h"
#include "skills.h"

/* cmocka 1.1.5 compares floats only in single precision. */
#define assert_ratio(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* Six assessments: in test one of each state but "unassessed", in
 * lancement one in progress (carried by an actor) and one gap. */
static const char project_text[] =
	"version: 1\n"
	"projet: { nom: \"Essai\", type: rural, phase: lancement }\n"
	"competences:\n"
	"  test.terrains-propices: acquis\n"
	"  test.presenter-projet: { niveau: acquis, porte_par: \"CRESS\" }\n"
	"  test.ecoute-usagers: en_cours\n"
	"  test.problemes-quotidiens: a_acquerir\n"
	"  lancement.reseau: a_acquerir\n"
	"  lancement.gestion: { niveau: en_cours, porte_par: \"CRESS\" }\n"
	"acteurs:\n"
	"  - { nom: \"CRESS\", type: accompagnement }\n";

static cz_project *load_project(void)
{
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	cz_project *p = NULL;
	cz_status st = cz_project_load(project_text, strlen(project_text), "p.yaml", ref, &p, &pb);
	for (size_t i = 0; i < pb.count; i++)
		fprintf(stderr, "%u:%u: %s\n", pb.items[i].line, pb.items[i].column, pb.items[i].message);
	cz_problems_free(&pb);
	assert_int_equal(st, CZ_OK);
	return p;
}

static int family_index(const char *id)
{
	for (size_t f = 0; f < ref->n_families; f++)
		if (strcmp(ref->families[f].id, id) == 0)
			return (int)f;
	fail_msg("family %s not in the referential", id);
	return -1;
}

static void test_blank_all_phases(void **state)
{
	(void)state;
	cz_skills_request rq = { .mode = CZ_SKILLS_CHECKLIST, .all_phases = true };
	cz_skills *s;
	assert_int_equal(cz_skills_run(NULL, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->n_phases, 4);
	assert_int_equal(s->phases[0], CZ_PHASE_EMERGENCE);
	assert_int_equal(s->phases[3], CZ_PHASE_FONCTIONNEMENT);
	assert_int_equal(s->cov[0].n_items, 10);
	assert_int_equal(s->cov[1].n_items, 22);
	assert_int_equal(s->cov[2].n_items, 17);
	assert_int_equal(s->cov[3].n_items, 15);
	assert_int_equal(s->total.total, 64);
	assert_int_equal(s->total.counts[CZ_COV_UNASSESSED], 64);
	assert_true(s->total.ratio == 0.0);
	assert_int_equal(s->by_family[family_index("situation")].total, 29);
	assert_int_equal(s->by_family[family_index("relationnel")].total, 13);
	assert_int_equal(s->by_family[family_index("astuces")].total, 5);
	assert_int_equal(s->by_family[family_index("technique")].total, 17);
	assert_int_equal(s->n_gaps, 0);
	assert_int_equal(s->current, -1);
	cz_skills_free(s);
}

static void test_one_phase(void **state)
{
	(void)state;
	cz_skills_request rq = { .mode = CZ_SKILLS_CHECKLIST, .phase = CZ_PHASE_LANCEMENT };
	cz_skills *s;
	assert_int_equal(cz_skills_run(NULL, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->n_phases, 1);
	assert_int_equal(s->phases[0], CZ_PHASE_LANCEMENT);
	assert_int_equal(s->total.total, 17);
	/* Families absent from a phase stay at zero (emergence has no astuces). */
	cz_skills_free(s);
	rq.phase = CZ_PHASE_EMERGENCE;
	assert_int_equal(cz_skills_run(NULL, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->by_family[family_index("astuces")].total, 0);
	assert_int_equal(s->by_family[family_index("situation")].total, 7);
	cz_skills_free(s);
}

static void test_project_coverage(void **state)
{
	(void)state;
	cz_project *p = load_project();
	cz_skills_request rq = { .mode = CZ_SKILLS_CHECKLIST, .all_phases = true };
	cz_skills *s;
	assert_int_equal(cz_skills_run(p, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->current, 2); /* lancement */

	/* test: carrier 1, network 1, in progress 1, gap 1, unassessed 18 of 22;
	 * ratio (1 + 1 + 1/2) / 22. */
	const cz_cov_tally *t = &s->cov[1].total;
	assert_int_equal(t->counts[CZ_COV_CARRIER], 1);
	assert_int_equal(t->counts[CZ_COV_NETWORK], 1);
	assert_int_equal(t->counts[CZ_COV_IN_PROGRESS], 1);
	assert_int_equal(t->counts[CZ_COV_GAP], 1);
	assert_int_equal(t->counts[CZ_COV_UNASSESSED], 18);
	assert_ratio(t->ratio, 2.5 / 22);

	/* All four phases: 1 + 1 + 2/2 covered out of 64. */
	assert_int_equal(s->total.total, 64);
	assert_int_equal(s->total.counts[CZ_COV_IN_PROGRESS], 2);
	assert_int_equal(s->total.counts[CZ_COV_GAP], 2);
	assert_int_equal(s->total.counts[CZ_COV_UNASSESSED], 58);
	assert_ratio(s->total.ratio, 3.0 / 64);

	/* situation: terrains-propices (1) + gestion in progress (1/2) out of 29. */
	const cz_cov_tally *sit = &s->by_family[family_index("situation")];
	assert_int_equal(sit->counts[CZ_COV_CARRIER], 1);
	assert_int_equal(sit->counts[CZ_COV_IN_PROGRESS], 1);
	assert_ratio(sit->ratio, 1.5 / 29);
	/* technique: presenter-projet carried by CRESS, 1 out of 17. */
	const cz_cov_tally *tech = &s->by_family[family_index("technique")];
	assert_int_equal(tech->counts[CZ_COV_NETWORK], 1);
	assert_ratio(tech->ratio, 1.0 / 17);

	/* Gaps in phase, then referential, order. */
	assert_int_equal(s->n_gaps, 2);
	assert_string_equal(s->gaps[0]->competence->id, "test.problemes-quotidiens");
	assert_string_equal(s->gaps[1]->competence->id, "lancement.reseau");
	cz_skills_free(s);

	/* --phase restricts totals and gaps to that phase. */
	rq = (cz_skills_request){ .mode = CZ_SKILLS_CHECKLIST, .phase = CZ_PHASE_LANCEMENT };
	assert_int_equal(cz_skills_run(p, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->current, 0);
	assert_int_equal(s->total.total, 17);
	assert_ratio(s->total.ratio, 0.5 / 17);
	assert_int_equal(s->n_gaps, 1);
	assert_string_equal(s->gaps[0]->competence->id,
			    "lancement.reseau");
	cz_skills_free(s);

	/* A phase other than the project's: no current marker. */
	rq.phase = CZ_PHASE_TEST;
	assert_int_equal(cz_skills_run(p, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->current, -1);
	cz_skills_free(s);
	cz_project_free(p);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_markdown(void **state)
{
	(void)state;
	cz_project *p = load_project();
	cz_skills_request rq = { .mode = CZ_SKILLS_CHECKLIST, .phase = CZ_PHASE_TEST };
	cz_skills *s;
	assert_int_equal(cz_skills_run(p, ref, &rq, &s), CZ_OK);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_skills, CZ_FMT_MD, s, NULL, &b), CZ_OK);
	/* 22 task items: the two acquired ones checked. */
	assert_int_equal(count(b.data, "\n- [x] "), 2);
	assert_int_equal(count(b.data, "\n- [ ] "), 20);
	assert_non_null(strstr(b.data, "(`test.presenter-projet`) — portée par CRESS\n"));
	assert_non_null(strstr(b.data, "(`test.ecoute-usagers`) — **en cours d'acquisition**\n"));
	assert_non_null(strstr(b.data, "(`test.problemes-quotidiens`) — **à acquérir**\n"));
	/* 2.5 / 22 = 11 %. */
	assert_non_null(strstr(b.data, "| Test | 11\u00A0% |"));
	assert_non_null(strstr(b.data, "## Lacunes à combler\n"));
	assert_non_null(strstr(b.data, "## En résumé"));
	assert_int_equal(b.data[b.len - 1], '\n');
	assert_int_not_equal(b.data[b.len - 2], '\n');
	cz_buf_free(&b);
	cz_skills_free(s);
	cz_project_free(p);

	/* Without a project: nothing checked, no coverage, no gaps section. */
	rq.all_phases = true;
	assert_int_equal(cz_skills_run(NULL, ref, &rq, &s), CZ_OK);
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_skills, CZ_FMT_MD, s, NULL, &b), CZ_OK);
	assert_int_equal(count(b.data, "\n- [ ] "), 64);
	assert_int_equal(count(b.data, "- [x]"), 0);
	assert_null(strstr(b.data, "Couverture"));
	assert_null(strstr(b.data, "Lacunes"));
	assert_int_equal(count(b.data, "## En résumé"), 1);
	cz_buf_free(&b);
	cz_skills_free(s);
}

static void test_role(void **state)
{
	(void)state;
	cz_skills_request rq = { .mode = CZ_SKILLS_ROLE };
	cz_skills *s;
	assert_int_equal(cz_skills_run(NULL, ref, &rq, &s), CZ_OK);
	assert_int_equal(s->n_phases, 0);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_skills, CZ_FMT_MD, s, NULL, &b), CZ_OK);
	size_t tasks = 0;
	for (size_t m = 0; m < ref->n_missions; m++)
		tasks += ref->missions[m].n_taches;
	assert_int_equal(count(b.data, "- [ ] "), ref->n_qualities + tasks);
	assert_non_null(strstr(b.data, "(`concierge.charisme`)"));
	cz_buf_free(&b);

	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_skills, CZ_FMT_JSON, s, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"role\": \"concierge\""));
	assert_int_equal(count(b.data, "\"taches\""), ref->n_missions);
	cz_buf_free(&b);
	cz_skills_free(s);
}

static void test_json(void **state)
{
	(void)state;
	cz_project *p = load_project();
	cz_skills_request rq = { .mode = CZ_SKILLS_CHECKLIST, .phase = CZ_PHASE_LANCEMENT };
	cz_skills *s;
	assert_int_equal(cz_skills_run(p, ref, &rq, &s), CZ_OK);
	cz_buf b;
	cz_buf_init(&b);
	assert_int_equal(render_text(&cz_analysis_skills, CZ_FMT_JSON, s, NULL, &b), CZ_OK);
	assert_non_null(strstr(b.data, "\"actuelle\": true"));
	assert_non_null(strstr(b.data, "\"etat\": \"en_cours\",\n"
				       "              \"niveau\": \"en_cours\",\n"
				       "              \"porte_par\": \"CRESS\""));
	assert_non_null(strstr(b.data, "\"lacunes\": [\n    {\n      \"id\": \"lancement.reseau\""));
	assert_int_equal(count(b.data, "\"etat\""), 17);
	cz_buf_free(&b);
	cz_skills_free(s);
	cz_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_all_phases),
		cmocka_unit_test(test_one_phase),
		cmocka_unit_test(test_project_coverage),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_role),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
