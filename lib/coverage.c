#include "coverage.h"

#include <stdlib.h>
#include <string.h>

const char *const cz_cov_state_labels[CZ_COV_COUNT] = {
	"acquise par le porteur", "portée par un acteur du réseau", "en cours d'acquisition",
	"à acquérir", "non évaluée", "sans objet pour le projet",
};

cz_cov_state cz_coverage_state(const cz_skill_entry *e)
{
	if (!e)
		return CZ_COV_UNASSESSED;
	switch (e->niveau) {
	case CZ_LEVEL_ACQUIS:
		return e->porte_par ? CZ_COV_NETWORK : CZ_COV_CARRIER;
	case CZ_LEVEL_EN_COURS:
		return CZ_COV_IN_PROGRESS;
	case CZ_LEVEL_SANS_OBJET:
		return CZ_COV_NOT_APPLICABLE;
	default:
		return CZ_COV_GAP;
	}
}

static void add(cz_cov_tally *t, cz_cov_state s)
{
	t->counts[s]++;
	t->total += s != CZ_COV_NOT_APPLICABLE;
}

void cz_cov_tally_finish(cz_cov_tally *t)
{
	double covered = (double)t->counts[CZ_COV_CARRIER] + (double)t->counts[CZ_COV_NETWORK] +
			 (double)t->counts[CZ_COV_IN_PROGRESS] / 2.0;
	t->ratio = t->total ? covered / (double)t->total : 0.0;
}

cz_status cz_coverage_phase(const cz_project *p, const cz_referential *ref, cz_phase phase,
			    cz_cov_phase *out)
{
	memset(out, 0, sizeof(*out));
	out->phase = phase;
	const cz_ref_phase *rp = &ref->phases[phase];
	out->n_items = rp->n_competences;
	out->n_families = ref->n_families;
	out->items = calloc(rp->n_competences ? rp->n_competences : 1, sizeof(*out->items));
	out->by_family = calloc(ref->n_families ? ref->n_families : 1, sizeof(*out->by_family));
	if (!out->items || !out->by_family) {
		cz_coverage_free(out);
		return CZ_ERR_NOMEM;
	}
	/* the phase's competences follow those of the phases before it in the
	 * referential's competence_ids */
	size_t base = 0;
	for (int ph = 0; ph < (int)phase; ph++)
		base += ref->phases[ph].n_competences;
	for (size_t i = 0; i < rp->n_competences; i++) {
		const cz_ref_competence *c = &rp->competences[i];
		const cz_skill_entry *e =
			p ? cz_project_skill_at(p, (const char *const *)ref->competence_ids, base + i, c->id)
			  : NULL;
		cz_cov_item *it = &out->items[i];
		it->competence = c;
		it->state = cz_coverage_state(e);
		it->porte_par = e ? e->porte_par : NULL;
		add(&out->total, it->state);
		if (c->family >= 0 && (size_t)c->family < ref->n_families)
			add(&out->by_family[c->family], it->state);
	}
	cz_cov_tally_finish(&out->total);
	for (size_t f = 0; f < ref->n_families; f++)
		cz_cov_tally_finish(&out->by_family[f]);
	return CZ_OK;
}

void cz_coverage_free(cz_cov_phase *c)
{
	free(c->items);
	free(c->by_family);
	c->items = NULL;
	c->by_family = NULL;
}
