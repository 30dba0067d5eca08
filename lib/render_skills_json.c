/* The competency checklist as JSON: stable keys, the same content as Markdown. */
#include "enums.h"
#include "render.h"
#include "json.h"
#include "skills.h"

static void tally(cz_json *j, const char *key, const cz_cov_tally *t)
{
	cz_json_key(j, key);
	cz_json_object_begin(j);
	cz_json_kv_number(j, "taux", t->ratio);
	for (int st = 0; st < CZ_COV_COUNT; st++)
		cz_json_kv_int(j, cz_skills_state_keys[st], (long long)t->counts[st]);
	cz_json_kv_int(j, "total", (long long)t->total);
	cz_json_object_end(j);
}

static void item(cz_json *j, const cz_skills *s, const cz_cov_item *it)
{
	cz_json_object_begin(j);
	cz_json_kv_string(j, "id", it->competence->id);
	cz_json_kv_string(j, "nom", it->competence->nom);
	if (s->project) {
		const cz_skill_entry *e = cz_project_skill(s->project, it->competence->id);
		cz_json_kv_string(j, "etat", cz_skills_state_keys[it->state]);
		cz_json_kv_string(j, "niveau", e ? cz_enum_key(&cz_enum_level, (int)e->niveau) : NULL);
		cz_json_kv_string(j, "porte_par", it->porte_par);
	}
	cz_json_object_end(j);
}

static void phase(cz_json *j, const cz_skills *s, const cz_referential *ref, size_t i)
{
	const cz_ref_phase *rp = &ref->phases[s->phases[i]];
	const cz_cov_phase *cov = &s->cov[i];
	cz_json_object_begin(j);
	cz_json_kv_string(j, "id", rp->id);
	cz_json_kv_string(j, "nom", rp->nom);
	if (s->project)
		cz_json_kv_bool(j, "actuelle", (int)i == s->current);
	cz_json_kv_string(j, "resume", rp->resume);
	cz_json_kv_string(j, "point_attention", rp->point_attention);
	if (s->project)
		tally(j, "couverture", &cov->total);
	cz_json_key(j, "familles");
	cz_json_array_begin(j);
	for (size_t f = 0; f < s->n_families; f++) {
		if (!cov->by_family[f].total && !cov->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
			continue;
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", ref->families[f].id);
		cz_json_kv_string(j, "nom", ref->families[f].nom);
		if (s->project)
			tally(j, "couverture", &cov->by_family[f]);
		cz_json_key(j, "competences");
		cz_json_array_begin(j);
		for (size_t k = 0; k < cov->n_items; k++)
			if (cov->items[k].competence->family == (int)f)
				item(j, s, &cov->items[k]);
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_object_end(j);
}

static void families(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "resume_familles");
	cz_json_array_begin(j);
	for (size_t f = 0; f < ref->n_families; f++) {
		const cz_ref_family *fam = &ref->families[f];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", fam->id);
		cz_json_kv_string(j, "nom", fam->nom);
		cz_json_kv_string(j, "resume", fam->resume);
		cz_json_key(j, "elements");
		cz_json_array_begin(j);
		for (size_t e = 0; e < fam->n_elements; e++)
			cz_json_string(j, fam->elements[e]);
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

static void role(cz_json *j, const cz_referential *ref)
{
	cz_json_kv_string(j, "role", "concierge");
	cz_json_kv_string(j, "description", ref->concierge_role);
	cz_json_key(j, "qualites");
	cz_json_array_begin(j);
	for (size_t q = 0; q < ref->n_qualities; q++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", ref->qualities[q].id);
		cz_json_kv_string(j, "nom", ref->qualities[q].nom);
		cz_json_kv_string(j, "description", ref->qualities[q].description);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "missions");
	cz_json_array_begin(j);
	for (size_t m = 0; m < ref->n_missions; m++) {
		const cz_ref_mission *mi = &ref->missions[m];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", mi->id);
		cz_json_kv_string(j, "nom", mi->nom);
		cz_json_key(j, "taches");
		cz_json_array_begin(j);
		for (size_t t = 0; t < mi->n_taches; t++)
			cz_json_string(j, mi->taches[t]);
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

cz_status cz_skills_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "analyse", "skills");
	if (s->mode == CZ_SKILLS_ROLE) {
		role(&j, ref);
		goto done;
	}
	const cz_project *p = s->project;
	cz_json_key(&j, "projet");
	if (p) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "nom", p->projet.nom);
		cz_json_kv_string(&j, "fichier", p->file);
		cz_json_kv_string(&j, "phase", cz_enum_key(&cz_enum_phase, (int)p->projet.phase));
		cz_json_object_end(&j);
	} else {
		cz_json_null(&j);
	}
	cz_json_key(&j, "phases");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < s->n_phases; i++)
		phase(&j, s, ref, i);
	cz_json_array_end(&j);
	if (p) {
		cz_json_key(&j, "couverture");
		cz_json_object_begin(&j);
		tally(&j, "ensemble", &s->total);
		cz_json_key(&j, "par_famille");
		cz_json_array_begin(&j);
		for (size_t f = 0; f < s->n_families; f++) {
			if (!s->by_family[f].total && !s->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
				continue;
			cz_json_object_begin(&j);
			cz_json_kv_string(&j, "id", ref->families[f].id);
			cz_json_kv_string(&j, "nom", ref->families[f].nom);
			tally(&j, "couverture", &s->by_family[f]);
			cz_json_object_end(&j);
		}
		cz_json_array_end(&j);
		cz_json_object_end(&j);
		cz_json_key(&j, "lacunes");
		cz_json_array_begin(&j);
		for (size_t g = 0; g < s->n_gaps; g++) {
			const cz_ref_competence *c = s->gaps[g]->competence;
			cz_phase ph;
			size_t idx;
			bool found = cz_ref_find_competence(ref, c->id, &ph, &idx);
			cz_json_object_begin(&j);
			cz_json_kv_string(&j, "id", c->id);
			cz_json_kv_string(&j, "nom", c->nom);
			cz_json_kv_string(&j, "phase", found ? ref->phases[ph].id : NULL);
			cz_json_kv_string(&j, "famille",
					  c->family >= 0 && (size_t)c->family < ref->n_families
						  ? ref->families[c->family].id
						  : NULL);
			cz_json_object_end(&j);
		}
		cz_json_array_end(&j);
	}
	families(&j, ref);
done:
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
