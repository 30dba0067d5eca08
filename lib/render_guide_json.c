/*
 * The method as JSON (lib/render.h): the loaded referential, every item
 * with its origin. Structure:
 *
 * {
 *   "guide": "methode", "version": 1, "referentiel_integre": bool,
 *   "sources": [ { "id", "titre", "auteur": str | null } ],
 *   "definition": { "resume", "origine", "caracteristiques": [ ITEM ], "principes": [ ITEM ] },
 *   "phases": [ { "id", "nom", "resume", "point_attention": str | null, "origine",
 *       "etapes": [ ITEM ], "conditions_reussite": [ ITEM ],
 *       "competences": [ { "id", "nom", "famille": id | null, "origine", "origine_famille" } ] } ],
 *   "familles": [ { "id", "nom", "resume": str | null, "elements": [ str ], "origine" } ],
 *   "indicateurs": [ { "id", "nom", "nature", "mesure", "unite", "sens", "seuil",
 *       "seuil_partiel": number | null, "volume_min": number | null, "poids", "critique": bool,
 *       "explication", "origine", "origine_seuils" } ],
 *   "conditions": [ { "id", "cle", "nom", "explication", "origine" } ],
 *   "regle_verdict": { "part_max_non_renseignes", "score_go", "score_no_go",
 *       "critique_non_renseigne_incomplet": bool, "explication", "origine" },
 *   "pieges": [ { "id", "nom", "mesure", "seuil", "explication", "origine", "origine_seuil" } ],
 *   "piliers": [ { "id", "nom", "explication", "services_min": number | null, "origine",
 *       "origine_seuil" } ],
 *   "tableau_de_bord": { "taux_benevolat", "source_taux_benevolat", "part_max_pilier",
 *       "explication", "origine" } | null,
 *   "constats": { "elements": [ str ], "origine" },
 *   "bmc": { "attribution", "origine", "blocs": [ { "id", "nom", "question" } ],
 *       "controles": { "piliers_min", "origine" } | null,
 *       "modeles": [ { "id", "nom", "origine", "origine_etiquettes" } ] },
 *   "concierge": { "role", "origine", "qualites": [ { "id", "nom", "description" } ],
 *       "missions": [ { "id", "nom", "taches": [ str ] } ] },
 *   "alertes": [ { "id", "nom", "gravite", "phases": [ phase ] (empty: all), "raison",
 *       "seuil": number | null, "origine" } ]
 * }
 * ITEM = { "id", "nom", "origine" }; every origin is { "source", "titre",
 * "auteur": str | null, "reglage_outil": bool } (lib/origin.h).
 */
#include "enums.h"
#include "render.h"
#include "json.h"
#include "origin.h"

static const char *const unit_keys[CZ_UNIT_COUNT] = { "mois", "ratio", "part", "note", "booleen", "pour_mille" };

static void items(cz_json *j, const char *key, const cz_ref_item *it, size_t n)
{
	cz_json_key(j, key);
	cz_json_array_begin(j);
	for (size_t i = 0; i < n; i++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", it[i].id);
		cz_json_kv_string(j, "nom", it[i].nom);
		cz_origin_json(j, "origine", it[i].origine);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

static void strings(cz_json *j, const char *key, const char *const *s, size_t n)
{
	cz_json_key(j, key);
	cz_json_array_begin(j);
	for (size_t i = 0; i < n; i++)
		cz_json_string(j, s[i]);
	cz_json_array_end(j);
}

static void opt_number(cz_json *j, const char *key, double v, bool set)
{
	cz_json_key(j, key);
	if (set)
		cz_json_number(j, v);
	else
		cz_json_null(j);
}

static void phases(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "phases");
	cz_json_array_begin(j);
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_ref_phase *p = &ref->phases[ph];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", p->id);
		cz_json_kv_string(j, "nom", p->nom);
		cz_json_kv_string(j, "resume", p->resume);
		cz_json_kv_string(j, "point_attention", p->point_attention);
		cz_origin_json(j, "origine", p->origine);
		items(j, "etapes", p->etapes, p->n_etapes);
		items(j, "conditions_reussite", p->conditions_reussite, p->n_conditions_reussite);
		cz_json_key(j, "competences");
		cz_json_array_begin(j);
		for (size_t i = 0; i < p->n_competences; i++) {
			const cz_ref_competence *c = &p->competences[i];
			cz_json_object_begin(j);
			cz_json_kv_string(j, "id", c->id);
			cz_json_kv_string(j, "nom", c->nom);
			cz_json_kv_string(j, "famille", c->family >= 0 && (size_t)c->family < ref->n_families
								? ref->families[c->family].id
								: NULL);
			cz_origin_json(j, "origine", c->origine);
			cz_origin_json(j, "origine_famille", c->origine_famille);
			cz_json_object_end(j);
		}
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

static void test_exit(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "indicateurs");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_indicators; i++) {
		const cz_ref_indicator *ri = &ref->indicators[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", ri->id);
		cz_json_kv_string(j, "nom", ri->nom);
		cz_json_kv_string(j, "nature", ri->nature == CZ_IND_QUALITATIF ? "qualitatif" : "quantitatif");
		cz_json_kv_string(j, "mesure", cz_measure_keys[ri->mesure]);
		cz_json_kv_string(j, "unite", unit_keys[ri->unite]);
		cz_json_kv_string(j, "sens", ri->sens_max ? "max" : "min");
		cz_json_kv_number(j, "seuil", ri->seuil);
		opt_number(j, "seuil_partiel", ri->seuil_partiel, ri->has_partiel);
		opt_number(j, "volume_min", ri->volume_min, ri->volume_min > 0);
		cz_json_kv_number(j, "poids", ri->poids);
		cz_json_kv_bool(j, "critique", ri->critique);
		cz_json_kv_string(j, "explication", ri->explication);
		cz_origin_json(j, "origine", ri->origine);
		cz_origin_json(j, "origine_seuils", ri->origine_seuils);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "conditions");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_conditions; i++) {
		const cz_ref_condition *c = &ref->conditions[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", c->id);
		cz_json_kv_string(j, "cle", c->cle);
		cz_json_kv_string(j, "nom", c->nom);
		cz_json_kv_string(j, "explication", c->explication);
		cz_origin_json(j, "origine", c->origine);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "regle_verdict");
	cz_json_object_begin(j);
	cz_json_kv_number(j, "part_max_non_renseignes", ref->rule.part_max_non_renseignes);
	cz_json_kv_number(j, "score_go", ref->rule.score_go);
	cz_json_kv_number(j, "score_no_go", ref->rule.score_no_go);
	cz_json_kv_bool(j, "critique_non_renseigne_incomplet", ref->rule.critique_non_renseigne_incomplet);
	cz_json_kv_string(j, "explication", ref->rule.explication);
	cz_origin_json(j, "origine", ref->rule.origine);
	cz_json_object_end(j);
	cz_json_key(j, "pieges");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_pitfalls; i++) {
		const cz_ref_pitfall *pf = &ref->pitfalls[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", pf->id);
		cz_json_kv_string(j, "nom", pf->nom);
		cz_json_kv_string(j, "mesure", cz_measure_keys[pf->mesure]);
		cz_json_kv_number(j, "seuil", pf->seuil);
		cz_json_kv_string(j, "explication", pf->explication);
		cz_origin_json(j, "origine", pf->origine);
		cz_origin_json(j, "origine_seuil", pf->origine_seuil);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

static void model(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "piliers");
	cz_json_array_begin(j);
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		const cz_ref_pillar *pl = &ref->pillars[v];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", cz_enum_key(&cz_enum_pilier, v));
		cz_json_kv_string(j, "nom", pl->nom);
		cz_json_kv_string(j, "explication", pl->explication);
		opt_number(j, "services_min", pl->services_min, pl->services_min > 0);
		cz_origin_json(j, "origine", pl->origine);
		cz_origin_json(j, "origine_seuil", pl->origine_seuil);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "tableau_de_bord");
	if (ref->dashboard.present) {
		cz_json_object_begin(j);
		cz_json_kv_number(j, "taux_benevolat", ref->dashboard.taux_benevolat);
		cz_json_kv_string(j, "source_taux_benevolat", ref->dashboard.source_taux);
		cz_json_kv_number(j, "part_max_pilier", ref->dashboard.part_max_pilier);
		cz_json_kv_string(j, "explication", ref->dashboard.explication);
		cz_origin_json(j, "origine", ref->dashboard.origine);
		cz_json_object_end(j);
	} else {
		cz_json_null(j);
	}
	cz_json_key(j, "constats");
	cz_json_object_begin(j);
	strings(j, "elements", ref->constats, ref->n_constats);
	cz_origin_json(j, "origine", ref->origine_constats);
	cz_json_object_end(j);
	cz_json_key(j, "bmc");
	cz_json_object_begin(j);
	cz_json_kv_string(j, "attribution", ref->bmc_attribution);
	cz_origin_json(j, "origine", ref->origine_bmc);
	cz_json_key(j, "blocs");
	cz_json_array_begin(j);
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", cz_enum_key(&cz_enum_bloc, k));
		cz_json_kv_string(j, "nom", ref->blocks[k].nom);
		cz_json_kv_string(j, "question", ref->blocks[k].question);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "controles");
	if (ref->bmc_checks.present) {
		cz_json_object_begin(j);
		cz_json_kv_number(j, "piliers_min", ref->bmc_checks.piliers_min);
		cz_origin_json(j, "origine", ref->bmc_checks.origine);
		cz_json_object_end(j);
	} else {
		cz_json_null(j);
	}
	cz_json_key(j, "modeles");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_canvases; i++) {
		const cz_ref_canvas *cv = &ref->canvases[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", cv->id);
		cz_json_kv_string(j, "nom", cv->nom);
		cz_origin_json(j, "origine", cv->origine);
		cz_origin_json(j, "origine_etiquettes", cv->origine_etiquettes);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_object_end(j);
}

static void concierge(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "concierge");
	cz_json_object_begin(j);
	cz_json_kv_string(j, "role", ref->concierge_role);
	cz_origin_json(j, "origine", ref->origine_concierge);
	cz_json_key(j, "qualites");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_qualities; i++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", ref->qualities[i].id);
		cz_json_kv_string(j, "nom", ref->qualities[i].nom);
		cz_json_kv_string(j, "description", ref->qualities[i].description);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "missions");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_missions; i++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", ref->missions[i].id);
		cz_json_kv_string(j, "nom", ref->missions[i].nom);
		strings(j, "taches", ref->missions[i].taches, ref->missions[i].n_taches);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_object_end(j);
}

static void alerts(cz_json *j, const cz_referential *ref)
{
	cz_json_key(j, "alertes");
	cz_json_array_begin(j);
	for (size_t i = 0; i < ref->n_alerts; i++) {
		const cz_ref_alert *a = &ref->alerts[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", a->id);
		cz_json_kv_string(j, "nom", a->nom);
		cz_json_kv_string(j, "gravite", cz_enum_key(&cz_enum_severity, (int)a->severite));
		cz_json_key(j, "phases");
		cz_json_array_begin(j);
		for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
			if (a->phases & (1u << ph))
				cz_json_string(j, cz_enum_key(&cz_enum_phase, ph));
		cz_json_array_end(j);
		cz_json_kv_string(j, "raison", a->raison);
		opt_number(j, "seuil", a->seuil, a->has_seuil);
		cz_origin_json(j, "origine", a->origine);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

cz_status cz_referential_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_referential *ref = result;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "guide", "methode");
	cz_json_kv_int(&j, "version", 1);
	cz_json_kv_bool(&j, "referentiel_integre", ref->builtin);
	cz_json_key(&j, "sources");
	cz_json_array_begin(&j);
	for (size_t i = 1; i < ref->n_sources; i++) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "id", ref->sources[i].id);
		cz_json_kv_string(&j, "titre", ref->sources[i].titre);
		cz_json_kv_string(&j, "auteur", ref->sources[i].auteur);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_key(&j, "definition");
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "resume", ref->definition_resume);
	cz_origin_json(&j, "origine", ref->origine_definition);
	items(&j, "caracteristiques", ref->caracteristiques, ref->n_caracteristiques);
	items(&j, "principes", ref->principes, ref->n_principes);
	cz_json_object_end(&j);
	phases(&j, ref);
	cz_json_key(&j, "familles");
	cz_json_array_begin(&j);
	for (size_t f = 0; f < ref->n_families; f++) {
		const cz_ref_family *fam = &ref->families[f];
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "id", fam->id);
		cz_json_kv_string(&j, "nom", fam->nom);
		cz_json_kv_string(&j, "resume", fam->resume);
		strings(&j, "elements", fam->elements, fam->n_elements);
		cz_origin_json(&j, "origine", fam->origine);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	test_exit(&j, ref);
	model(&j, ref);
	concierge(&j, ref);
	alerts(&j, ref);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
