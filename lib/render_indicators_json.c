/*
 * The activity dashboard as JSON. Numbers are raw (euros, ratios in [0, 1]
 * or above, hours); a figure that cannot be computed is null. Structure:
 *
 * {
 *   "projet": "nom", "fichier": "chemin",
 *   "releves": 9,                     number of monthly records
 *   "mois_manquants": 1,              calendar months with no record in between
 *   "taux_benevolat": { "euros_par_heure": 11.88 | null, "source": "…" | null,
 *                       "origine": origin (below) | null when given by --taux-benevolat },
 *   "mois": [ {                       one per calendar month, first record to last
 *       "periode": "2026-01", "manquant": false,
 *       "demandes", "commandes", "conversion", "clients", "clients_recurrents",
 *       "fidelisation", "recettes", "charges", "resultat",
 *       "financements" (secured funding: a twelfth of the year's per month),
 *       "couverture", "autofinancement", "heures_salariees", "heures_benevoles",
 *       "valeur_benevolat", "km", "livraisons", "km_par_livraison": number | null,
 *       "recettes_services": { "service": euros, … } | null,
 *       "moyennes_mobiles": { "recettes", "charges", "resultat": number | null } } ],
 *   "total": { same figures as a month, without periode },
 *   "services": [ { "service", "recettes", "mois", "recurrent": bool } ],
 *   "recettes_recurrentes": { "part": ratio | null, "montant", "recettes_detaillees",
 *       "mois_detailles", "offres_recurrentes" },
 *   "tendance": { "points", "pente_euros_par_mois": number | null, "ordonnee": number | null,
 *       "equilibre": "inconnu" | "deja" | "mois" | "jamais",
 *       "mois_equilibre": "AAAA-MM" | null, "mois_apres_dernier_releve": number | null },
 *   "piliers": { "annee_debut", "annee_fin": number | null (years of the records;
 *           null: no record, each secured funding counted for its whole year),
 *       "repartition": [ { "pilier": "activite", "nom", "montant", "part" } ],
 *           (secured funding: a twelfth of the year's amount per recorded month;
 *           implication_citoyenne includes "benevolat_valorise")
 *       "benevolat_valorise": euros,    volunteer hours × taux
 *       "total", "pilier_principal": key | null, "part_principale": number | null,
 *       "herfindahl": number | null,
 *       "exclus": { "non_acquis", "hors_periode", "sans_annee", "sans_pilier",
 *                   "hors_mois" },     hors_mois: share of the recorded years'
 *                                      funding falling on months without a record
 *       "part_max_pilier": number | null, "origine_part_max_pilier": origin | null },
 *   "tresorerie": { "prets_acquis", "prets_autres": euros },  loans and repayable
 *                                      advances: outside every figure above
 *   "multiactivite": { "services": n, "source": "recettes" | "offre",
 *       "services_min": number | null, "atteinte": bool, "origine": origin },
 *   origin: { "source": id | "outil", "titre", "auteur": text | null, "reglage_outil": bool }
 *   "alertes": [ { "gravite": "info" | "attention" | "critique", "message" } ]
 * }
 */
#include <stdio.h>

#include "enums.h"
#include "render.h"
#include "indicators.h"
#include "json.h"
#include "origin.h"

static void kv_month(cz_json *j, const char *key, cz_date d)
{
	char s[16];
	snprintf(s, sizeof(s), "%04d-%02d", d.year % 10000, d.month % 100);
	cz_json_kv_string(j, key, s);
}

static void figures(cz_json *j, const cz_ind_figures *f)
{
	cz_json_kv_num(j, "demandes", f->demandes);
	cz_json_kv_num(j, "commandes", f->commandes);
	cz_json_kv_num(j, "conversion", f->conversion);
	cz_json_kv_num(j, "clients", f->clients);
	cz_json_kv_num(j, "clients_recurrents", f->clients_recurrents);
	cz_json_kv_num(j, "fidelisation", f->fidelisation);
	cz_json_kv_num(j, "recettes", f->recettes);
	cz_json_kv_num(j, "charges", f->charges);
	cz_json_kv_num(j, "resultat", f->resultat);
	cz_json_kv_num(j, "financements", f->financements);
	cz_json_kv_num(j, "couverture", f->couverture);
	cz_json_kv_num(j, "autofinancement", f->autofinancement);
	cz_json_kv_num(j, "heures_salariees", f->heures_salariees);
	cz_json_kv_num(j, "heures_benevoles", f->heures_benevoles);
	cz_json_kv_num(j, "valeur_benevolat", f->valeur_benevolat);
	cz_json_kv_num(j, "km", f->km);
	cz_json_kv_num(j, "livraisons", f->livraisons);
	cz_json_kv_num(j, "km_par_livraison", f->km_par_livraison);
}

cz_status cz_indicators_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_indicators *r = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "projet", r->project->projet.nom);
	cz_json_kv_string(&j, "fichier", r->project->file);
	cz_json_kv_int(&j, "releves", (long long)r->n_records);
	cz_json_kv_int(&j, "mois_manquants", (long long)r->n_gaps);
	cz_json_key(&j, "taux_benevolat");
	cz_json_object_begin(&j);
	cz_json_kv_num(&j, "euros_par_heure", (cz_num){ r->taux_benevolat, r->taux_benevolat >= 0 });
	cz_json_kv_string(&j, "source", r->taux_source);
	if (r->taux_benevolat >= 0 && !r->taux_given_option)
		cz_origin_json(&j, "origine", ref->dashboard.origine);
	else
		cz_json_kv_string(&j, "origine", NULL);
	cz_json_object_end(&j);

	cz_json_key(&j, "mois");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_month *m = &r->months[i];
		cz_json_object_begin(&j);
		kv_month(&j, "periode", m->periode);
		cz_json_kv_bool(&j, "manquant", m->gap);
		figures(&j, &m->f);
		cz_json_key(&j, "recettes_services");
		if (m->src && m->src->recettes_services) {
			cz_json_object_begin(&j);
			for (size_t k = 0; k < m->src->n_recettes_services; k++)
				cz_json_kv_number(&j, m->src->recettes_services[k].service,
						  m->src->recettes_services[k].montant);
			cz_json_object_end(&j);
		} else {
			cz_json_null(&j);
		}
		cz_json_key(&j, "moyennes_mobiles");
		cz_json_object_begin(&j);
		cz_json_kv_num(&j, "recettes", m->mm_recettes);
		cz_json_kv_num(&j, "charges", m->mm_charges);
		cz_json_kv_num(&j, "resultat", m->mm_resultat);
		cz_json_object_end(&j);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);

	cz_json_key(&j, "total");
	cz_json_object_begin(&j);
	figures(&j, &r->total);
	cz_json_object_end(&j);

	cz_json_key(&j, "services");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_services; i++) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "service", r->services[i].service);
		cz_json_kv_number(&j, "recettes", r->services[i].montant);
		cz_json_kv_int(&j, "mois", (long long)r->services[i].n_mois);
		cz_json_kv_bool(&j, "recurrent", r->services[i].recurrent);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);

	cz_json_key(&j, "recettes_recurrentes");
	cz_json_object_begin(&j);
	cz_json_kv_num(&j, "part", r->part_recurrente);
	cz_json_kv_number(&j, "montant", r->recettes_recurrentes);
	cz_json_kv_number(&j, "recettes_detaillees", r->recettes_detaillees);
	cz_json_kv_int(&j, "mois_detailles", (long long)r->n_mois_detailles);
	cz_json_kv_int(&j, "offres_recurrentes", (long long)r->n_offres_recurrentes);
	cz_json_object_end(&j);

	const cz_ind_trend *t = &r->trend;
	bool has_trend = t->kind != CZ_BE_UNKNOWN;
	static const char *const be_keys[] = { "inconnu", "deja", "mois", "jamais" };
	cz_json_key(&j, "tendance");
	cz_json_object_begin(&j);
	cz_json_kv_int(&j, "points", (long long)t->n_points);
	cz_json_kv_num(&j, "pente_euros_par_mois", (cz_num){ t->slope, has_trend });
	cz_json_kv_num(&j, "ordonnee", (cz_num){ t->intercept, has_trend });
	cz_json_kv_string(&j, "equilibre", be_keys[t->kind]);
	if (t->kind == CZ_BE_MONTH) {
		kv_month(&j, "mois_equilibre", t->month);
		cz_json_kv_int(&j, "mois_apres_dernier_releve", t->months_after_last);
	} else {
		cz_json_kv_string(&j, "mois_equilibre", NULL);
		cz_json_kv_num(&j, "mois_apres_dernier_releve", (cz_num){ 0, false });
	}
	cz_json_object_end(&j);

	const cz_ind_mix *m = &r->mix;
	cz_json_key(&j, "piliers");
	cz_json_object_begin(&j);
	cz_json_kv_num(&j, "annee_debut", (cz_num){ m->year_from, m->year_from != 0 });
	cz_json_kv_num(&j, "annee_fin", (cz_num){ m->year_to, m->year_from != 0 });
	cz_json_key(&j, "repartition");
	cz_json_array_begin(&j);
	for (int k = 0; k < CZ_PILIER_COUNT; k++) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "pilier", cz_enum_key(&cz_enum_pilier, k));
		cz_json_kv_string(&j, "nom", ref->pillars[k].nom);
		cz_json_kv_number(&j, "montant", m->montant[k]);
		cz_json_kv_num(&j, "part", (cz_num){ m->part[k], m->total > 0 });
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_kv_number(&j, "benevolat_valorise", m->benevolat);
	cz_json_kv_number(&j, "total", m->total);
	cz_json_kv_string(&j, "pilier_principal", m->largest >= 0 ? cz_enum_key(&cz_enum_pilier, m->largest) : NULL);
	cz_json_kv_num(&j, "part_principale", (cz_num){ m->largest >= 0 ? m->part[m->largest] : 0, m->largest >= 0 });
	cz_json_kv_num(&j, "herfindahl", (cz_num){ m->herfindahl, m->total > 0 });
	cz_json_key(&j, "exclus");
	cz_json_object_begin(&j);
	cz_json_kv_number(&j, "non_acquis", m->non_acquis);
	cz_json_kv_number(&j, "hors_periode", m->hors_periode);
	cz_json_kv_number(&j, "sans_annee", m->sans_annee);
	cz_json_kv_number(&j, "sans_pilier", m->sans_pilier);
	cz_json_kv_number(&j, "hors_mois", m->hors_mois);
	cz_json_object_end(&j);
	cz_json_kv_num(&j, "part_max_pilier", (cz_num){ ref->dashboard.part_max_pilier, ref->dashboard.present });
	if (ref->dashboard.present)
		cz_origin_json(&j, "origine_part_max_pilier", ref->dashboard.origine);
	else
		cz_json_kv_string(&j, "origine_part_max_pilier", NULL);
	cz_json_object_end(&j);

	cz_json_key(&j, "tresorerie");
	cz_json_object_begin(&j);
	cz_json_kv_number(&j, "prets_acquis", m->prets);
	cz_json_kv_number(&j, "prets_autres", m->prets_autres);
	cz_json_object_end(&j);

	const cz_multiactivity *mu = &r->multi;
	cz_json_key(&j, "multiactivite");
	cz_json_object_begin(&j);
	cz_json_kv_int(&j, "services", (long long)mu->n_services);
	cz_json_kv_string(&j, "source", mu->from_revenue ? "recettes" : "offre");
	cz_json_kv_num(&j, "services_min", (cz_num){ mu->services_min, mu->services_min > 0 });
	cz_json_kv_bool(&j, "atteinte", mu->met);
	cz_origin_json(&j, "origine", mu->origine);
	cz_json_object_end(&j);

	cz_json_key(&j, "alertes");
	cz_json_array_begin(&j);
	for (size_t i = 0; i < r->n_alerts; i++) {
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "gravite", cz_enum_key(&cz_enum_severity, (int)r->alerts[i].severity));
		cz_json_kv_string(&j, "message", r->alerts[i].message);
		cz_json_object_end(&j);
	}
	cz_json_array_end(&j);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
