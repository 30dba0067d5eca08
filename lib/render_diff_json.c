#include "diff.h"
#include "diff_layout.h"
#include "json.h"
#include "render.h"

static void date_or_null(cz_json *j, const char *key, cz_date d)
{
	char s[32];
	cz_json_kv_string(j, key, d.set ? cz_diff_date_iso(s, sizeof(s), d) : NULL);
}

void cz_diff_figures_json(cz_json *j, const cz_diff_figure figures[CZ_DIFF_N_FIGURES], const char *before,
			  const char *after)
{
	cz_json_array_begin(j);
	for (int i = 0; i < CZ_DIFF_N_FIGURES; i++) {
		const cz_diff_figure *f = &figures[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "cle", f->key);
		cz_json_kv_string(j, "libelle", f->label);
		if (f->unit == CZ_DIFF_U_TEXT) {
			cz_json_kv_string(j, before, f->before);
			cz_json_kv_string(j, after, f->after);
		} else {
			cz_json_kv_num(j, before, f->before_num);
			cz_json_kv_num(j, after, f->after_num);
		}
		cz_json_kv_bool(j, "modifie", f->changed);
		cz_json_kv_string(j, "sens", cz_diff_sense_keys[f->sense]);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

cz_status cz_diff_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_diff *d = result;
	cz_json j;
	cz_json_init(&j, rc->out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "rapport", "diff");
	cz_json_kv_int(&j, "version", 1);
	cz_json_key(&j, "avant");
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "fichier", d->before_file);
	cz_json_kv_string(&j, "projet", d->before->projet.nom);
	date_or_null(&j, "date", d->before->projet.date);
	cz_json_object_end(&j);
	cz_json_key(&j, "apres");
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "fichier", d->after_file);
	cz_json_kv_string(&j, "projet", d->after->projet.nom);
	date_or_null(&j, "date", d->after->projet.date);
	cz_json_object_end(&j);
	cz_json_kv_bool(&j, "meme_projet", d->same_name);
	cz_json_kv_bool(&j, "identiques", cz_diff_empty(d));
	cz_json_kv_bool(&j, "aggravation", cz_diff_worsens(d));
	cz_json_kv_bool(&j, "verdict_en_recul", d->verdict_worse);
	cz_json_kv_int(&j, "nouvelles_alertes_critiques", (long long)d->new_critical);
	cz_json_key(&j, "resume");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < d->n_summary; i++)
		cz_json_string(&j, d->summary[i]);
	cz_json_array_end(&j);
	cz_json_key(&j, "chiffres");
	cz_diff_figures_json(&j, d->figures, "avant", "apres");
	cz_json_key(&j, "changements");
	cz_json_object_begin(&j);
	for (int s = 0; s < CZ_DIFF_SECTION_COUNT; s++) {
		cz_json_key(&j, cz_diff_section_keys[s]);
		cz_json_array_begin(&j);
		for (size_t i = 0; i < d->n_changes; i++) {
			const cz_diff_change *c = &d->changes[i];
			if ((int)c->section != s)
				continue;
			cz_json_object_begin(&j);
			cz_json_kv_string(&j, "changement", cz_diff_kind_keys[c->kind]);
			cz_json_kv_string(&j, "cle", c->key);
			cz_json_kv_string(&j, "libelle", c->label);
			if (c->group)
				cz_json_kv_string(&j, "groupe", c->group);
			cz_json_kv_string(&j, "avant", c->before);
			cz_json_kv_string(&j, "apres", c->after);
			if (c->before_num.set || c->after_num.set) {
				cz_json_kv_num(&j, "valeur_avant", c->before_num);
				cz_json_kv_num(&j, "valeur_apres", c->after_num);
			}
			if (c->detail)
				cz_json_kv_string(&j, "detail", c->detail);
			cz_json_kv_string(&j, "sens", cz_diff_sense_keys[c->sense]);
			cz_json_object_end(&j);
		}
		cz_json_array_end(&j);
	}
	cz_json_object_end(&j);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(rc->out) ? CZ_OK : CZ_ERR_NOMEM;
}
