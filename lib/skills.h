/*
 * The competency checklist (`skills`, SPEC §5): the competences the
 * referential requires in one phase or in all four, grouped by family, with
 * the project's self-assessment when a project is given; or the concierge
 * profile (`--role concierge`), which needs no project.
 *
 * Coverage comes from coverage.h (one cz_cov_phase per phase shown); this
 * module only chooses the phases, adds the totals over them and lists the
 * gaps. The result borrows the project and the referential: both must
 * outlive it.
 */
#ifndef CZ_SKILLS_H
#define CZ_SKILLS_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "coverage.h"
#include "model.h"
#include "referential.h"
#include "status.h"

/* The level the skills workbook offers beyond the file's own: acquired,
 * and carried by the partner named beside it (render_skills_xlsx.c writes
 * it, `import --into` reads it back). */
#define CZ_SKILLS_LEVEL_PARTNER "porté par un partenaire"

typedef enum { CZ_SKILLS_CHECKLIST, CZ_SKILLS_ROLE } cz_skills_mode;

typedef struct {
	cz_skills_mode mode;
	bool all_phases; /* false: only `phase` */
	cz_phase phase;
} cz_skills_request;

typedef struct {
	cz_skills_mode mode;
	const cz_project *project; /* NULL: a blank checklist */
	/* Phases shown, in referential order; cov[i] is the coverage of phases[i]. */
	cz_phase phases[CZ_PHASE_COUNT];
	cz_cov_phase cov[CZ_PHASE_COUNT];
	size_t n_phases;
	int current; /* index in phases[] of the project's phase, or -1 */
	/* Over every phase shown: overall and per family (indexed like
	 * ref->families). Ratios follow coverage.h's rule. */
	cz_cov_tally total;
	cz_cov_tally *by_family;
	size_t n_families;
	/* Competences to acquire (state CZ_COV_GAP), phase by phase in
	 * referential order. */
	const cz_cov_item **gaps;
	size_t n_gaps;
} cz_skills;

/* Build the checklist; `p` may be NULL. Free with cz_skills_free. */
cz_status cz_skills_run(const cz_project *p, const cz_referential *ref,
			const cz_skills_request *rq, cz_skills **out);
void cz_skills_free(cz_skills *s);

/* Stable keys of the coverage states, for JSON ("porteur", "reseau", …). */
extern const char *const cz_skills_state_keys[CZ_COV_COUNT];

/* Renderers (lib/render.h): XLSX adds the sheets "Compétences",
 * "Compétences synthèse" and, with a project, "Compétences lacunes"; or
 * "Concierge". */

#endif
