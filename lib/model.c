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

const cz_step_entry *cz_project_step(const cz_project *p, const char *id)
{
	for (size_t i = 0; i < p->n_etapes; i++)
		if (strcmp(p->etapes[i].id, id) == 0)
			return &p->etapes[i];
	return NULL;
}

const cz_skill_entry *cz_project_skill(const cz_project *p, const char *id)
{
	for (size_t i = 0; i < p->n_competences; i++)
		if (strcmp(p->competences[i].id, id) == 0)
			return &p->competences[i];
	return NULL;
}

int cz_month_diff(cz_date a, cz_date b)
{
	return (b.year - a.year) * 12 + (b.month - a.month);
}
