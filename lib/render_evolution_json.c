#include "diff_layout.h"
#include "enums.h"
#include "evolution.h"
#include "json.h"
#include "render.h"
#include "testphase.h"

cz_status cz_evolution_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_evolution *e = result;
	cz_json j;
	cz_json_init(&j, rc->out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "rapport", "evolution");
	cz_json_kv_int(&j, "version", 1);
	cz_json_kv_string(&j, "projet", e->count ? e->points[e->count - 1].row.name : NULL);
	cz_json_kv_string(&j, "ordre", e->by_commit ? "commits" : "date");
	cz_json_kv_bool(&j, "noms_differents", e->names_differ);
	cz_json_key(&j, "releves");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < e->count; i++) {
		const cz_portfolio_row *r = &e->points[i].row;
		char d[32];
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "source", e->points[i].source);
		cz_json_kv_string(&j, "date", r->date.set ? cz_diff_date_iso(d, sizeof(d), r->date) : NULL);
		cz_json_kv_string(&j, "nom", r->name);
		cz_json_kv_string(&j, "phase", cz_enum_key(&cz_enum_phase, (int)r->phase));
		cz_json_kv_number(&j, "avancement_phase", r->progress);
		cz_json_kv_string(&j, "phase_etayee", cz_enum_key(&cz_enum_phase, (int)r->supported_phase));
		cz_json_kv_string(&j, "verdict_test",
				  r->has_verdict && (unsigned)r->verdict < CZ_VERDICT_COUNT ? cz_verdict_keys[r->verdict] : NULL);
		cz_json_kv_num(&j, "score_test", r->score);
		cz_json_kv_number(&j, "couverture_competences", r->skills_coverage);
		cz_json_kv_num(&j, "couverture_charges", r->charges_coverage);
		cz_json_kv_num(&j, "autofinancement", r->self_financing);
		cz_json_kv_number(&j, "prets_tresorerie", r->loans);
		cz_json_kv_int(&j, "alertes_critiques", r->critical_alerts);
		cz_json_kv_int(&j, "mois_releves", (long long)r->months);
		cz_json_kv_num(&j, "recettes", r->recettes);
		cz_json_kv_num(&j, "charges", r->charges);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_key(&j, "tendance");
	if (e->has_trend) {
		cz_diff_figures_json(&j, e->trend, "premier", "dernier");
	} else {
		cz_json_null(&j);
	}
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(rc->out) ? CZ_OK : CZ_ERR_NOMEM;
}
