/*
 * The test-phase decision as JSON. Numbers are raw (ratios in [0, 1] or
 * above, months, notes out of 5, booleans as 1/0 in "valeur"); a value that
 * is not filled in is null. Structure:
 *
 * {
 *   "projet": "nom", "fichier": "chemin",
 *   "verdict": "go" | "reajuster" | "no_go" | "incomplet" | "non_evalue",
 *   "verdict_libelle": "GO" | "RÉAJUSTER" | "NO-GO" | "INCOMPLET" | "non évalué",
 *   "section_test": bool,               the file has a `test:` section
 *   "non_evalue": bool,                 past the test phase without a `test:` section
 *   "tresorerie": { "prets_acquis", "prets_autres": euros,   loans and repayable
 *                   "mois_de_charges": number | null },      advances, outside the balance
 *   "periode": { "debut": "AAAA-MM" | null, "fin": "AAAA-MM" | null, "releves": n,
 *                "annee_debut_financements": n | null, "annee_fin_financements": n | null },
 *                (first and last year of the months counted in the coverage of charges)
 *   "regle": { "part_max_non_renseignes", "score_go", "score_no_go",
 *              "critique_non_renseigne_incomplet": bool, "explication", "origine" },
 *   every "origine" (and "origine_seuil"): { "source": id | "outil" | "projet",
 *              "titre", "auteur": text | null, "reglage_outil": bool }
 *   "score": number,                    Σ(poids × crédit) / Σpoids of the filled-in indicators
 *   "poids_renseignes", "poids_total": number,
 *   "part_non_renseignes": number,
 *   "comptes": { "atteint", "partiel", "non_atteint", "non_renseigne": n },
 *   "indicateurs": [ {
 *       "id", "nom", "nature": "quantitatif" | "qualitatif", "mesure",
 *       "unite": "mois" | "ratio" | "part" | "note" | "booleen" | "pour_mille", "sens": "min" | "max",
 *       "valeur": number | null, "seuil", "seuil_partiel": number | null,
 *       "volume_min": number | null (demande: monthly requests below which it is at best partiel),
 *       "seuil_referentiel": number, "seuil_modifie": bool (by test.seuils),
 *       "origine" (of the indicator), "origine_seuil" (of its thresholds and weight),
 *       "statut": "atteint" | "partiel" | "non_atteint" | "non_renseigne",
 *       "poids", "critique": bool, "calcul": "phrase", "cible": "phrase" | null,
 *       "a_saisir": "champs à remplir" | null, "gain_score": number,
 *       "details": { "recettes": 4885, … } } ],
 *           (couverture_charges: recettes, financements_acquis = the twelfth per
 *           counted month, charges, autofinancement, financements_non_comptes
 *           = not secured, other years, no year and the other months' share,
 *           mois_comptes)
 *   "conditions": [ { "id", "cle", "nom", "valeur": bool | null, "statut", "origine" } ],
 *   "pieges": [ { "id", "nom", "mesure", "valeur", "seuil", "seuil_referentiel",
 *       "seuil_modifie", "statut", "calcul", "cible" } ],
 *   "raisons": [ "phrase" ], "leviers": [ "phrase" ],
 *   "leviers_niveaux": [ 0 | 1 ],       per lever: 1 = a sub-item of the last lever of level 0
 *   "a_saisir": [ "phrase" ]
 * }
 */
#include <stdio.h>

#include "json.h"
#include "render.h"
#include "origin.h"
#include "testphase.h"

static const char *const unit_keys[] = { "mois", "ratio", "part", "note", "booleen", "pour_mille", "nombre" };

static void kv_num(cz_json *j, const char *key, double v, bool set)
{
	cz_json_key(j, key);
	if (set)
		cz_json_number(j, v);
	else
		cz_json_null(j);
}

static void kv_month(cz_json *j, const char *key, cz_date d)
{
	char s[16];
	if (!d.set) {
		cz_json_kv_string(j, key, NULL);
		return;
	}
	snprintf(s, sizeof(s), "%04d-%02d", d.year % 10000, d.month % 100);
	cz_json_kv_string(j, key, s);
}

static void strings(cz_json *j, const char *key, const char *const *list, size_t n)
{
	cz_json_key(j, key);
	cz_json_array_begin(j);
	for (size_t i = 0; i < n; i++)
		cz_json_string(j, list[i]);
	cz_json_array_end(j);
}

static void item(cz_json *j, const cz_tp_indicator *it)
{
	cz_json_object_begin(j);
	cz_json_kv_string(j, "id", it->id);
	cz_json_kv_string(j, "nom", it->nom);
	if (!it->is_pitfall)
		cz_json_kv_string(j, "nature", it->qualitatif ? "qualitatif" : "quantitatif");
	cz_json_kv_string(j, "mesure", cz_measure_keys[it->mesure]);
	if (!it->is_pitfall) {
		cz_json_kv_string(j, "unite", unit_keys[it->unite]);
		cz_json_kv_string(j, "sens", it->sens_max ? "max" : "min");
	}
	kv_num(j, "valeur", it->value.value, it->value.set);
	cz_json_kv_number(j, "seuil", it->seuil);
	if (!it->is_pitfall)
		kv_num(j, "seuil_partiel", it->seuil_partiel, it->has_partiel);
	if (!it->is_pitfall)
		kv_num(j, "volume_min", it->volume_min, it->volume_min > 0);
	cz_json_kv_number(j, "seuil_referentiel", it->seuil_defaut);
	cz_json_kv_bool(j, "seuil_modifie", it->seuil_override);
	cz_origin_json(j, "origine", it->origine);
	if (it->seuil_override) {
		char field[64];
		snprintf(field, sizeof(field), "test.seuils.%s", cz_measure_keys[it->mesure]);
		cz_origin_json_project(j, "origine_seuil", field);
	} else {
		cz_origin_json(j, "origine_seuil", it->origine_seuils);
	}
	cz_json_kv_string(j, "statut", cz_tp_status_keys[it->status]);
	if (!it->is_pitfall) {
		cz_json_kv_number(j, "poids", it->poids);
		cz_json_kv_bool(j, "critique", it->critique);
	}
	cz_json_kv_string(j, "calcul", it->calcul);
	cz_json_kv_string(j, "cible", it->cible);
	if (!it->is_pitfall) {
		cz_json_kv_string(j, "a_saisir", it->a_saisir);
		cz_json_kv_number(j, "gain_score", it->gain);
		cz_json_key(j, "details");
		cz_json_object_begin(j);
		for (size_t k = 0; k < it->n_details; k++)
			cz_json_kv_number(j, it->details[k].key, it->details[k].value);
		cz_json_object_end(j);
	}
	cz_json_object_end(j);
}

cz_status cz_testphase_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_testphase *r = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "projet", r->project->projet.nom);
	cz_json_kv_string(&j, "fichier", r->project->file);
	cz_json_kv_string(&j, "verdict", cz_verdict_keys[r->verdict]);
	cz_json_kv_string(&j, "verdict_libelle", cz_verdict_labels[r->verdict]);
	cz_json_kv_bool(&j, "section_test", r->has_test);
	cz_json_kv_bool(&j, "non_evalue", r->not_assessed);
	cz_json_key(&j, "tresorerie");
	cz_json_object_begin(&j);
	cz_json_kv_number(&j, "prets_acquis", r->prets);
	cz_json_kv_number(&j, "prets_autres", r->prets_autres);
	kv_num(&j, "mois_de_charges", r->project->test.tresorerie_mois.value, r->project->test.tresorerie_mois.set);
	cz_json_object_end(&j);

	cz_json_key(&j, "periode");
	cz_json_object_begin(&j);
	kv_month(&j, "debut", r->from);
	kv_month(&j, "fin", r->to);
	cz_json_kv_int(&j, "releves", (long long)r->n_months);
	kv_num(&j, "annee_debut_financements", r->year_from, r->year_from != 0);
	kv_num(&j, "annee_fin_financements", r->year_to, r->year_to != 0);
	cz_json_object_end(&j);

	cz_json_key(&j, "regle");
	cz_json_object_begin(&j);
	cz_json_kv_number(&j, "part_max_non_renseignes", ref->rule.part_max_non_renseignes);
	cz_json_kv_number(&j, "score_go", ref->rule.score_go);
	cz_json_kv_number(&j, "score_no_go", ref->rule.score_no_go);
	cz_json_kv_bool(&j, "critique_non_renseigne_incomplet", ref->rule.critique_non_renseigne_incomplet);
	cz_json_kv_string(&j, "explication", ref->rule.explication);
	cz_origin_json(&j, "origine", ref->rule.origine);
	cz_json_object_end(&j);

	cz_json_kv_number(&j, "score", r->score);
	cz_json_kv_number(&j, "poids_renseignes", r->poids_renseignes);
	cz_json_kv_number(&j, "poids_total", r->poids_total);
	cz_json_kv_number(&j, "part_non_renseignes", r->part_non_renseignes);
	cz_json_key(&j, "comptes");
	cz_json_object_begin(&j);
	for (int s = 0; s < CZ_TP_STATUS_COUNT; s++)
		cz_json_kv_int(&j, cz_tp_status_keys[s], (long long)r->counts[s]);
	cz_json_object_end(&j);

	cz_json_key(&j, "indicateurs");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_indicators; i++)
		item(&j, &r->items[i]);
	cz_json_array_end(&j);

	cz_json_key(&j, "conditions");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_conditions; i++) {
		const cz_tp_condition *cd = &r->conditions[i];
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "id", cd->ref->id);
		cz_json_kv_string(&j, "cle", cd->ref->cle);
		cz_json_kv_string(&j, "nom", cd->ref->nom);
		cz_json_key(&j, "valeur");
		if (cd->value < 0)
			cz_json_null(&j);
		else
			cz_json_bool(&j, cd->value == 1);
		cz_json_kv_string(&j, "statut", cz_tp_status_keys[cd->status]);
		cz_origin_json(&j, "origine", cd->ref->origine);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);

	cz_json_key(&j, "pieges");
	cz_json_array_begin(&j);
	for (size_t i = r->n_indicators; i < r->n_items; i++)
		item(&j, &r->items[i]);
	cz_json_array_end(&j);

	strings(&j, "raisons", r->raisons, r->n_raisons);
	strings(&j, "leviers", r->leviers, r->n_leviers);
	cz_json_key(&j, "leviers_niveaux");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_leviers; i++)
		cz_json_int(&j, r->leviers_niveau[i]);
	cz_json_array_end(&j);
	strings(&j, "a_saisir", r->a_saisir, r->n_a_saisir);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
