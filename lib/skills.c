#include "skills.h"

#include <stdlib.h>

const char *const cz_skills_state_keys[CZ_COV_COUNT] = {
	"porteur", "reseau", "en_cours", "a_acquerir", "non_evaluee", "sans_objet",
};

static void add_tally(cz_cov_tally *sum, const cz_cov_tally *t)
{
	for (int s = 0; s < CZ_COV_COUNT; s++)
		sum->counts[s] += t->counts[s];
	sum->total += t->total;
}

cz_status cz_skills_run(const cz_project *p, const cz_referential *ref,
			const cz_skills_request *rq, cz_skills **out)
{
	cz_status st = CZ_OK;
	*out = NULL;
	cz_skills *s = calloc(1, sizeof(*s));
	if (!s)
		return CZ_ERR_NOMEM;
	s->mode = rq->mode;
	s->project = p;
	s->current = -1;
	if (rq->mode == CZ_SKILLS_ROLE)
		goto done;

	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		if (rq->all_phases || (cz_phase)ph == rq->phase)
			s->phases[s->n_phases++] = (cz_phase)ph;
	s->n_families = ref->n_families;
	s->by_family = calloc(ref->n_families ? ref->n_families : 1, sizeof(*s->by_family));
	if (!s->by_family) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	size_t n_items = 0;
	for (size_t i = 0; i < s->n_phases; i++) {
		if ((st = cz_coverage_phase(p, ref, s->phases[i], &s->cov[i])) != CZ_OK)
			goto fail;
		if (p && p->projet.phase == s->phases[i])
			s->current = (int)i;
		add_tally(&s->total, &s->cov[i].total);
		for (size_t f = 0; f < s->n_families; f++)
			add_tally(&s->by_family[f], &s->cov[i].by_family[f]);
		n_items += s->cov[i].n_items;
	}
	cz_cov_tally_finish(&s->total);
	for (size_t f = 0; f < s->n_families; f++)
		cz_cov_tally_finish(&s->by_family[f]);

	s->gaps = calloc(n_items ? n_items : 1, sizeof(*s->gaps));
	if (!s->gaps) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	for (size_t i = 0; i < s->n_phases; i++)
		for (size_t k = 0; k < s->cov[i].n_items; k++)
			if (s->cov[i].items[k].state == CZ_COV_GAP)
				s->gaps[s->n_gaps++] = &s->cov[i].items[k];
done:
	*out = s;
	return CZ_OK;
fail:
	cz_skills_free(s);
	return st;
}

void cz_skills_free(cz_skills *s)
{
	if (!s)
		return;
	/* cz_coverage_free is safe on the zeroed entries past a failure. */
	for (size_t i = 0; i < CZ_PHASE_COUNT; i++)
		cz_coverage_free(&s->cov[i]);
	free(s->by_family);
	free(s->gaps);
	free(s);
}
