/*
 * Competence coverage of a phase: for each competence the referential
 * requires, who holds it according to the project's self-assessment.
 * The seed insists these skills are often spread over a network of actors,
 * so a competence "acquis" and carried by a named actor counts as covered by
 * the network, not as a gap.
 *
 *   acquis, no porte_par        -> CZ_COV_CARRIER      (counts 1)
 *   acquis, porte_par ACTOR     -> CZ_COV_NETWORK      (counts 1)
 *   en_cours (with or without)  -> CZ_COV_IN_PROGRESS  (counts 1/2)
 *   a_acquerir                  -> CZ_COV_GAP          (counts 0)
 *   not in the file             -> CZ_COV_UNASSESSED   (counts 0, shown apart)
 *   sans_objet                  -> CZ_COV_NOT_APPLICABLE (left out of total)
 *
 * The seed presents the list as one to pick from: a competence the project
 * does not need is `sans_objet`, and is neither covered nor missing.
 *
 * ratio = (carrier + network + in_progress / 2) / total, where total is
 * the applicable competences (every state but not applicable).
 */
#ifndef CZ_COVERAGE_H
#define CZ_COVERAGE_H

#include <stddef.h>

#include "model.h"
#include "referential.h"
#include "status.h"

typedef enum {
	CZ_COV_CARRIER, CZ_COV_NETWORK, CZ_COV_IN_PROGRESS, CZ_COV_GAP, CZ_COV_UNASSESSED,
	CZ_COV_NOT_APPLICABLE, CZ_COV_COUNT
} cz_cov_state;

/* French labels of the states, for reports. */
extern const char *const cz_cov_state_labels[CZ_COV_COUNT];

typedef struct {
	const cz_ref_competence *competence;
	cz_cov_state state;
	const char *porte_par; /* actor name, or NULL */
} cz_cov_item;

typedef struct {
	size_t counts[CZ_COV_COUNT];
	size_t total; /* applicable: counts of every state but CZ_COV_NOT_APPLICABLE */
	double ratio; /* 0 when total is 0 */
} cz_cov_tally;

typedef struct {
	cz_phase phase;
	cz_cov_item *items; /* in referential order */
	size_t n_items;
	cz_cov_tally total;
	cz_cov_tally *by_family; /* indexed like ref->families */
	size_t n_families;
} cz_cov_phase;

/* Fill `out` (zeroed first); free with cz_coverage_free. `p` may be NULL
 * (an empty checklist: everything unassessed). */
cz_status cz_coverage_phase(const cz_project *p, const cz_referential *ref, cz_phase phase,
			    cz_cov_phase *out);
void cz_coverage_free(cz_cov_phase *c);

/* Set t->ratio from t->counts and t->total by the rule above; for tallies
 * summed over several phases too (skills.h). */
void cz_cov_tally_finish(cz_cov_tally *t);

/* The state one self-assessment entry (or NULL) gives. */
cz_cov_state cz_coverage_state(const cz_skill_entry *e);

#endif
