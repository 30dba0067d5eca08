/*
 * The diagnostic as JSON. The structure is stable: keys are French, in the
 * file format's spelling; values are raw (ratios in [0, 1], counts, enum
 * keywords as written in project files); an absent value is null.
 *
 * {
 *   "rapport": "diag", "version": 1,
 *   "fichier": "projet.yaml",
 *   "projet": {
 *     "nom": str, "type": "quartier|rural|entreprise|mixte",
 *     "phase": "emergence|test|lancement|fonctionnement",
 *     "date": "AAAA-MM-JJ" | null, "lieu": "fixe|itinerant|mixte" | null,
 *     "porteur": { "nom": str, "statut": "benevole|salarie|entrepreneur" | null } | null,
 *     "territoire": { "nom": str, "population": n|null, "entreprises": n|null,
 *                     "salaries": n|null } | null
 *   },
 *   "phase_declaree": phase, "phase_etayee": phase,
 *   "seuil_phase": 0.75,            // progress every earlier phase must reach
 *   "origine_seuil_phase": ORIGIN,
 *   "phase_en_avance": bool,        // phase_declaree beyond phase_etayee
 *   "chevauchement": bool,          // ahead only of the phase before, where the
 *                                   // referential tolerates it (diag.h)
 *   "fichier_de_depart": { "exemples": n, "non_rempli": bool,  // lib/starter.h
 *       "nom": bool, "porteur": bool, "territoire": bool, "besoins": n, "offres": n,
 *       "canevas_exemple": id|null, "besoins_exemples": [ str ] },
 *   "phases": [ {                   // the four phases, in order
 *     "id": phase, "nom": str,
 *     "etapes": n, "faites": n, "en_cours": n, "a_faire": n,  // a_faire includes
 *     "non_renseignees": n, "sans_objet": n, "applicables": n, // non_renseignees
 *     "avancement": 0..1 | null,    // null when no step applies
 *     "seuil_atteint": bool,
 *     "detail": [ { "id": str, "nom": str,
 *                   "statut": "fait|en_cours|a_faire|sans_objet",
 *                   "renseignee": bool } ]
 *   } ],
 *   "etapes_bloquantes": [ STEP ], "etapes_en_arriere": [ STEP ],
 *   "etapes_restantes": [ STEP ],
 *       // STEP = { "id", "nom", "phase", "statut", "renseignee" }
 *   "competences": {
 *     "phase": phase, "couverture": 0..1,
 *     "total": n, "porteur": n, "reseau": n, "en_cours": n, "a_acquerir": n,
 *     "non_evaluees": n,
 *     "familles": [ { "id", "nom", "couverture", "total", "porteur", "reseau",
 *                     "en_cours", "a_acquerir", "non_evaluees" } ],
 *     "detail": [ { "id", "nom", "famille": id|null,
 *                   "etat": "porteur|reseau|en_cours|a_acquerir|non_evaluee",
 *                   "porte_par": str|null } ],
 *     "acteurs": [ { "acteur": str, "competences": [id] } ]  // "reseau" only
 *   },
 *   "besoins": [ {                  // ranked: demandes desc (null last), then name
 *     "rang": n, "besoin": str, "cible": key|null, "demandes": n|null,
 *     "source": str|null,
 *     "reponse": "prioritaire|non_prioritaire|meme_cible|aucune|cible_inconnue",
 *     "offre": str|null, "offres": n,  // best offer answering by name, how many
 *     "offres_meme_cible": [ str ]     // "meme_cible" only: offers of that cible
 *   } ],                               // (matching rules: diag.h, cz_diag_answer)
 *   "offres_sans_besoin": [ { "service": str, "cible": key|null, "prioritaire": bool } ],
 *                                      // offers no need matches by name
 *   "couples_prioritaires": n, "couples_prioritaires_max": n|null,
 *   "alertes_par_gravite": { "critique": n, "attention": n, "info": n },
 *   "alertes": [ {                  // critique, attention, info; referential order
 *     "id": str, "nom": str, "gravite": "info|attention|critique",
 *     "constat": str, "raison": str, "origine": ORIGIN, "etapes": [ STEP ]
 *   } ],
 *   "definition": [ {               // characteristics, principles, then the summary
 *     "id": str, "nom": str, "type": "caracteristique|principe|resume",
 *     "etat": "respecte|manque|non_verifiable", "constat": str } ],
 *   "definition_ecarts": n,
 *   "multiactivite": { "services": n, "source": "recettes|offre", "services_min": n|null,
 *       "atteinte": bool, "origine": ORIGIN },
 *   // ORIGIN = { "source": id|"outil", "titre", "auteur": str|null, "reglage_outil": bool }
 *   "actions": [ {                  // at most five, in order
 *     "rang": n, "type": "alerte|etape_bloquante|etape|competence",
 *     "id": str, "nom": str, "phase": phase, "alerte": id|null
 *   } ]
 * }
 */
#include "diag.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "json.h"
#include "origin.h"

static const char *const cov_keys[CZ_COV_COUNT] = {
	"porteur", "reseau", "en_cours", "a_acquerir", "non_evaluee", "sans_objet",
};

static void step_obj(cz_json *j, const cz_diag_step *s)
{
	cz_json_object_begin(j);
	cz_json_kv_string(j, "id", s->step->id);
	cz_json_kv_string(j, "nom", s->step->nom);
	cz_json_kv_string(j, "phase", cz_enum_key(&cz_enum_phase, s->phase));
	cz_json_kv_string(j, "statut", cz_enum_key(&cz_enum_step_status, s->status));
	cz_json_kv_bool(j, "renseignee", s->recorded);
	cz_json_object_end(j);
}

static void step_array(cz_json *j, const char *key, const cz_diag_step *const *steps, size_t n)
{
	cz_json_key(j, key);
	cz_json_array_begin(j);
	for (size_t i = 0; i < n; i++)
		step_obj(j, steps[i]);
	cz_json_array_end(j);
}

static void project(cz_json *j, const cz_diag *d)
{
	const cz_projet *pj = &d->project->projet;
	cz_json_key(j, "projet");
	cz_json_object_begin(j);
	cz_json_kv_string(j, "nom", pj->nom);
	cz_json_kv_string(j, "type", cz_enum_key(&cz_enum_type, pj->type));
	cz_json_kv_string(j, "phase", cz_enum_key(&cz_enum_phase, pj->phase));
	cz_json_key(j, "date");
	if (pj->date.set) {
		char s[16];
		snprintf(s, sizeof(s), "%04d-%02d-%02d", pj->date.year % 10000, pj->date.month % 100,
			 pj->date.day % 100);
		cz_json_string(j, s);
	} else {
		cz_json_null(j);
	}
	cz_json_kv_string(j, "lieu", pj->lieu_set ? cz_enum_key(&cz_enum_lieu, pj->lieu) : NULL);
	cz_json_key(j, "porteur");
	if (pj->porteur_set) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "nom", pj->porteur.nom);
		cz_json_kv_string(j, "statut", pj->porteur.statut_set
							? cz_enum_key(&cz_enum_statut, pj->porteur.statut)
							: NULL);
		cz_json_object_end(j);
	} else {
		cz_json_null(j);
	}
	cz_json_key(j, "territoire");
	if (pj->territoire_set) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "nom", pj->territoire.nom);
		cz_json_kv_num(j, "population", pj->territoire.population);
		cz_json_kv_num(j, "entreprises", pj->territoire.entreprises);
		cz_json_kv_num(j, "salaries", pj->territoire.salaries);
		cz_json_object_end(j);
	} else {
		cz_json_null(j);
	}
	cz_json_object_end(j);
}

static void phases(cz_json *j, const cz_diag *d)
{
	cz_json_kv_string(j, "phase_declaree", cz_enum_key(&cz_enum_phase, d->declared));
	cz_json_kv_string(j, "phase_etayee", cz_enum_key(&cz_enum_phase, d->supported));
	cz_json_kv_number(j, "seuil_phase", d->threshold);
	cz_origin_json(j, "origine_seuil_phase", d->threshold_origine);
	cz_json_kv_bool(j, "phase_en_avance", d->ahead);
	cz_json_kv_bool(j, "chevauchement", d->overlap);
	const cz_starter *st = &d->starter;
	cz_json_key(j, "fichier_de_depart");
	cz_json_object_begin(j);
	cz_json_kv_int(j, "exemples", (long long)st->found);
	cz_json_kv_bool(j, "non_rempli", st->untouched);
	cz_json_kv_bool(j, "nom", st->nom);
	cz_json_kv_bool(j, "porteur", st->porteur);
	cz_json_kv_bool(j, "territoire", st->territoire);
	cz_json_kv_int(j, "besoins", (long long)st->needs);
	cz_json_kv_int(j, "offres", (long long)st->offers);
	cz_json_kv_string(j, "canevas_exemple", st->canvas ? st->canvas->id : NULL);
	cz_json_key(j, "besoins_exemples");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_starter_needs; i++)
		cz_json_string(j, d->starter_needs[i]->besoin);
	cz_json_array_end(j);
	cz_json_object_end(j);
	cz_json_key(j, "phases");
	cz_json_array_begin(j);
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", cz_enum_key(&cz_enum_phase, ph));
		cz_json_kv_string(j, "nom", d->ref->phases[ph].nom);
		cz_json_kv_int(j, "etapes", (long long)dp->n_steps);
		cz_json_kv_int(j, "faites", (long long)dp->done);
		cz_json_kv_int(j, "en_cours", (long long)dp->in_progress);
		cz_json_kv_int(j, "a_faire", (long long)dp->todo);
		cz_json_kv_int(j, "non_renseignees", (long long)dp->unrecorded);
		cz_json_kv_int(j, "sans_objet", (long long)dp->not_applicable);
		cz_json_kv_int(j, "applicables", (long long)dp->applicable);
		cz_json_key(j, "avancement");
		if (dp->has_ratio)
			cz_json_number(j, dp->ratio);
		else
			cz_json_null(j);
		cz_json_kv_bool(j, "seuil_atteint", dp->reached);
		cz_json_key(j, "detail");
		cz_json_array_begin(j);
		for (size_t i = 0; i < dp->n_steps; i++) {
			const cz_diag_step *s = &dp->steps[i];
			cz_json_object_begin(j);
			cz_json_kv_string(j, "id", s->step->id);
			cz_json_kv_string(j, "nom", s->step->nom);
			cz_json_kv_string(j, "statut", cz_enum_key(&cz_enum_step_status, s->status));
			cz_json_kv_bool(j, "renseignee", s->recorded);
			cz_json_object_end(j);
		}
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	step_array(j, "etapes_bloquantes", d->blocking, d->n_blocking);
	step_array(j, "etapes_en_arriere", d->left_behind, d->n_left_behind);
	step_array(j, "etapes_restantes", d->remaining, d->n_remaining);
}

static void tally(cz_json *j, const cz_cov_tally *t)
{
	cz_json_kv_number(j, "couverture", t->ratio);
	cz_json_kv_int(j, "total", (long long)t->total);
	for (int s = 0; s < CZ_COV_COUNT; s++)
		cz_json_kv_int(j, s == CZ_COV_UNASSESSED ? "non_evaluees" : cov_keys[s],
			       (long long)t->counts[s]);
}

static void skills(cz_json *j, const cz_diag *d)
{
	const cz_cov_phase *c = &d->coverage;
	cz_json_key(j, "competences");
	cz_json_object_begin(j);
	cz_json_kv_string(j, "phase", cz_enum_key(&cz_enum_phase, d->declared));
	tally(j, &c->total);
	cz_json_key(j, "familles");
	cz_json_array_begin(j);
	for (size_t f = 0; f < c->n_families; f++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", d->ref->families[f].id);
		cz_json_kv_string(j, "nom", d->ref->families[f].nom);
		tally(j, &c->by_family[f]);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "detail");
	cz_json_array_begin(j);
	for (size_t i = 0; i < c->n_items; i++) {
		const cz_cov_item *it = &c->items[i];
		int fam = it->competence->family;
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", it->competence->id);
		cz_json_kv_string(j, "nom", it->competence->nom);
		cz_json_kv_string(j, "famille", fam >= 0 && (size_t)fam < d->ref->n_families
							? d->ref->families[fam].id
							: NULL);
		cz_json_kv_string(j, "etat", cov_keys[it->state]);
		cz_json_kv_string(j, "porte_par", it->porte_par);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "acteurs");
	cz_json_array_begin(j);
	for (size_t k = 0; k < d->n_carriers; k++) {
		cz_json_object_begin(j);
		cz_json_kv_string(j, "acteur", d->carriers[k].actor);
		cz_json_key(j, "competences");
		cz_json_array_begin(j);
		for (size_t i = 0; i < d->carriers[k].n_items; i++)
			cz_json_string(j, d->carriers[k].items[i]->competence->id);
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_object_end(j);
}

static void needs(cz_json *j, const cz_diag *d)
{
	cz_json_key(j, "besoins");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_needs; i++) {
		const cz_diag_need *dn = &d->needs[i];
		cz_json_object_begin(j);
		cz_json_kv_int(j, "rang", (long long)i + 1);
		cz_json_kv_string(j, "besoin", dn->need->besoin);
		cz_json_kv_string(j, "cible", dn->need->cible_set ? cz_enum_key(&cz_enum_cible, dn->need->cible) : NULL);
		cz_json_kv_num(j, "demandes", dn->need->demandes);
		cz_json_kv_string(j, "source", dn->need->source);
		cz_json_kv_string(j, "reponse", cz_diag_answer_keys[dn->answer]);
		cz_json_kv_string(j, "offre", dn->offer ? dn->offer->service : NULL);
		cz_json_kv_int(j, "offres", (long long)dn->n_offers);
		cz_json_key(j, "offres_meme_cible");
		cz_json_array_begin(j);
		for (size_t k = 0; k < dn->n_same_cible; k++)
			cz_json_string(j, dn->same_cible[k]->service);
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_key(j, "offres_sans_besoin");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_unmatched_offers; i++) {
		const cz_offer *o = d->unmatched_offers[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "service", o->service);
		cz_json_kv_string(j, "cible", o->cible_set ? cz_enum_key(&cz_enum_cible, o->cible) : NULL);
		cz_json_kv_bool(j, "prioritaire", o->prioritaire);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_kv_int(j, "couples_prioritaires", (long long)d->n_priority_offers);
	cz_json_key(j, "couples_prioritaires_max");
	if (d->has_priority_limit)
		cz_json_number(j, d->priority_limit);
	else
		cz_json_null(j);
}

static const cz_diag_step *lookup(const cz_diag *d, const char *id)
{
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		for (size_t i = 0; i < d->phases[ph].n_steps; i++)
			if (strcmp(d->phases[ph].steps[i].step->id, id) == 0)
				return &d->phases[ph].steps[i];
	return NULL;
}

static void alerts(cz_json *j, const cz_diag *d)
{
	cz_json_key(j, "alertes_par_gravite");
	cz_json_object_begin(j);
	for (int s = CZ_SEV_CRITIQUE; s >= 0; s--)
		cz_json_kv_int(j, cz_enum_key(&cz_enum_severity, s), (long long)d->alert_counts[s]);
	cz_json_object_end(j);
	cz_json_key(j, "alertes");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_alerts; i++) {
		const cz_diag_alert *a = &d->alerts[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", a->rule->id);
		cz_json_kv_string(j, "nom", a->rule->nom);
		cz_json_kv_string(j, "gravite", cz_enum_key(&cz_enum_severity, (int)a->rule->severite));
		cz_json_kv_string(j, "constat", a->detail);
		cz_json_kv_string(j, "raison", a->rule->raison);
		cz_origin_json(j, "origine", a->rule->origine);
		cz_json_key(j, "etapes");
		cz_json_array_begin(j);
		for (size_t k = 0; k < a->n_steps; k++) {
			const cz_diag_step *s = lookup(d, a->steps[k]);
			if (s)
				step_obj(j, s);
		}
		cz_json_array_end(j);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

static void definition(cz_json *j, const cz_diag *d)
{
	cz_json_key(j, "definition");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_definition; i++) {
		const cz_diag_definition *df = &d->definition[i];
		cz_json_object_begin(j);
		cz_json_kv_string(j, "id", df->id);
		cz_json_kv_string(j, "nom", df->nom);
		cz_json_kv_string(j, "type", df->principle ? "principe" : strcmp(df->id, "definition") == 0 ? "resume"
												   : "caracteristique");
		cz_json_kv_string(j, "etat", cz_def_state_keys[df->state]);
		cz_json_kv_string(j, "constat", df->detail);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
	cz_json_kv_int(j, "definition_ecarts", (long long)d->definition_missed);
	const cz_multiactivity *mu = &d->multi;
	cz_json_key(j, "multiactivite");
	cz_json_object_begin(j);
	cz_json_kv_int(j, "services", (long long)mu->n_services);
	cz_json_kv_string(j, "source", mu->from_revenue ? "recettes" : "offre");
	cz_json_key(j, "services_min");
	if (mu->services_min > 0)
		cz_json_number(j, mu->services_min);
	else
		cz_json_null(j);
	cz_json_kv_bool(j, "atteinte", mu->met);
	cz_origin_json(j, "origine", mu->origine);
	cz_json_object_end(j);
}

static void actions(cz_json *j, const cz_diag *d)
{
	cz_json_key(j, "actions");
	cz_json_array_begin(j);
	for (size_t i = 0; i < d->n_actions; i++) {
		const cz_diag_action *a = &d->actions[i];
		cz_json_object_begin(j);
		cz_json_kv_int(j, "rang", (long long)i + 1);
		cz_json_kv_string(j, "type", cz_diag_action_keys[a->kind]);
		cz_json_kv_string(j, "id", a->id);
		cz_json_kv_string(j, "nom", a->label);
		cz_json_kv_string(j, "phase", cz_enum_key(&cz_enum_phase, a->phase));
		cz_json_kv_string(j, "alerte", a->alert ? a->alert->id : NULL);
		cz_json_object_end(j);
	}
	cz_json_array_end(j);
}

cz_status cz_diag_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_diag *d = result;
	cz_buf *out = rc->out;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_kv_string(&j, "rapport", "diag");
	cz_json_kv_int(&j, "version", 1);
	cz_json_kv_string(&j, "fichier", d->project->file);
	project(&j, d);
	phases(&j, d);
	skills(&j, d);
	needs(&j, d);
	alerts(&j, d);
	definition(&j, d);
	actions(&j, d);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
