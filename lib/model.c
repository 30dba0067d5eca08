#include "model.h"

#include <string.h>

void cz_project_free(cz_project *project)
{
	if (project)
		cz_arena_free(project->arena);
}

const cz_actor *cz_project_actor(const cz_project *p, const char *nom)
{
	for (size_t i = 0; i < p->n_acteurs; i++)
		if (strcmp(p->acteurs[i].nom, nom) == 0)
			return &p->acteurs[i];
	return NULL;
}

/* A project's step and competence ids are the referential's own strings
 * when it was read against that referential (cz_read_ref), and unique in
 * the project (keys of one map): the entry holding the very pointer is the
 * one a comparison of texts would find. Looked for first; texts compared
 * when none holds it (an id of another referential, an entry absent). */
const cz_step_entry *cz_project_step(const cz_project *p, const char *id)
{
	for (size_t i = 0; i < p->n_etapes; i++)
		if (p->etapes[i].id == id)
			return &p->etapes[i];
	for (size_t i = 0; i < p->n_etapes; i++)
		if (strcmp(p->etapes[i].id, id) == 0)
			return &p->etapes[i];
	return NULL;
}

const cz_skill_entry *cz_project_skill(const cz_project *p, const char *id)
{
	for (size_t i = 0; i < p->n_competences; i++)
		if (p->competences[i].id == id)
			return &p->competences[i];
	for (size_t i = 0; i < p->n_competences; i++)
		if (strcmp(p->competences[i].id, id) == 0)
			return &p->competences[i];
	return NULL;
}

const cz_step_entry *cz_project_step_at(const cz_project *p, const char *const *ids, size_t rank,
					const char *id)
{
	if (ids && ids == p->step_ids && rank < p->n_step_ids && ids[rank] == id)
		return p->step_at[rank];
	return cz_project_step(p, id);
}

const cz_skill_entry *cz_project_skill_at(const cz_project *p, const char *const *ids, size_t rank,
					  const char *id)
{
	if (ids && ids == p->skill_ids && rank < p->n_skill_ids && ids[rank] == id)
		return p->skill_at[rank];
	return cz_project_skill(p, id);
}

int cz_month_diff(cz_date a, cz_date b)
{
	return (b.year - a.year) * 12 + (b.month - a.month);
}
