/* The canvas as JSON: blocks in canvas reading order, pillars, checks. */
#include "canvas.h"
#include "render.h"
#include "enums.h"
#include "json.h"
#include "origin.h"

static void item(cz_json *j, const cz_bmc_item *it, int bloc)
{
	cz_json_object_begin(j);
	cz_json_kv_string(j, "texte", it->texte);
	if (bloc == CZ_BLOC_REVENUS)
		cz_json_kv_string(j, "pilier", it->pilier >= 0 ? cz_enum_key(&cz_enum_pilier, it->pilier) : NULL);
	if (bloc == CZ_BLOC_COUTS)
		cz_json_kv_string(j, "type", it->cout_type >= 0 ? cz_enum_key(&cz_enum_cout_type, it->cout_type) : NULL);
	cz_json_object_end(j);
}

cz_status cz_canvas_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_canvas *c = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "analyse", "bmc");
	cz_json_kv_string(&j, "nom", c->nom);
	cz_json_kv_string(&j, "modele", c->template_id);
	/* a project's canvas still the example canvas `init` copied */
	cz_json_kv_string(&j, "modele_exemple_non_modifie", c->example ? c->example->id : NULL);
	cz_json_kv_bool(&j, "canevas_renseigne", c->has_bmc);
	cz_json_key(&j, "blocs");
	cz_json_array_begin(&j);
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		int b = cz_canvas_reading_order[k];
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "id", cz_enum_key(&cz_enum_bloc, b));
		cz_json_kv_string(&j, "nom", ref->blocks[b].nom ? ref->blocks[b].nom : cz_enum_label(&cz_enum_bloc, b));
		cz_json_kv_string(&j, "question", ref->blocks[b].question);
		cz_json_key(&j, "elements");
		cz_json_array_begin(&j);
		for (size_t i = 0; i < c->blocks[b].n; i++)
			item(&j, c->blocks[b].items[i], b);
		cz_json_array_end(&j);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);

	cz_json_key(&j, "piliers");
	cz_json_object_begin(&j);
	cz_json_kv_int(&j, "presents", (long long)c->n_pillars);
	cz_json_kv_int(&j, "total", CZ_PILIER_COUNT);
	if (c->piliers_min >= 0) {
		cz_json_kv_int(&j, "minimum", c->piliers_min);
		cz_origin_json(&j, "origine_minimum", c->piliers_min_origine);
	} else {
		cz_json_kv_string(&j, "minimum", NULL);
		cz_json_kv_string(&j, "origine_minimum", NULL);
	}
	cz_json_key(&j, "multiactivite");
	cz_json_object_begin(&j);
	cz_json_kv_int(&j, "services", (long long)c->multi.n_services);
	cz_json_kv_string(&j, "source", c->multi.from_revenue ? "recettes" : c->multi.from_canvas ? "canevas" : "offre");
	if (c->multi.services_min > 0)
		cz_json_kv_number(&j, "services_min", c->multi.services_min);
	else
		cz_json_kv_string(&j, "services_min", NULL);
	cz_json_kv_bool(&j, "atteinte", c->multi.met);
	cz_origin_json(&j, "origine", c->multi.origine);
	cz_json_object_end(&j);
	cz_json_key(&j, "detail");
	cz_json_array_begin(&j);
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "id", cz_enum_key(&cz_enum_pilier, v));
		cz_json_kv_string(&j, "nom", ref->pillars[v].nom ? ref->pillars[v].nom : cz_enum_label(&cz_enum_pilier, v));
		cz_json_kv_bool(&j, "present", cz_canvas_has_pillar(c, v));
		cz_json_kv_bool(&j, "dans_revenus", c->pillar_revenue[v]);
		if (!c->template_id)
			cz_json_kv_bool(&j, "dans_financements", c->pillar_funding[v]);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_object_end(&j);

	cz_json_key(&j, "controles");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < c->n_checks; i++) {
		const cz_canvas_check *k = &c->checks[i];
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "code", cz_canvas_check_keys[k->kind]);
		cz_json_kv_string(&j, "gravite", cz_enum_label(&cz_enum_severity, (int)k->severity));
		cz_json_kv_string(&j, "bloc", k->bloc >= 0 ? cz_enum_key(&cz_enum_bloc, k->bloc) : NULL);
		cz_json_kv_string(&j, "message", k->message);
		cz_json_kv_string(&j, "raison", k->reason);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_kv_string(&j, "attribution", ref->bmc_attribution);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
