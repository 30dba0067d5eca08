#include "fiche_values.h"

#include <stddef.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

const cz_fiche_value cz_fv_none = { CZ_FV_NONE, NULL, 0, { 0, 0, 0, false }, false, 0 };

cz_fiche_value cz_fv_text(const char *s)
{
	cz_fiche_value v = cz_fv_none;
	if (s && *s) {
		v.kind = CZ_FV_TEXT;
		v.s = s;
	}
	return v;
}

cz_fiche_value cz_fv_num(cz_num n)
{
	cz_fiche_value v = cz_fv_none;
	if (n.set) {
		v.kind = CZ_FV_NUM;
		v.n = n.value;
	}
	return v;
}

cz_fiche_value cz_fv_double(double d)
{
	cz_fiche_value v = cz_fv_none;
	v.kind = CZ_FV_NUM;
	v.n = d;
	return v;
}

cz_fiche_value cz_fv_date(cz_date d)
{
	cz_fiche_value v = cz_fv_none;
	if (d.set) {
		v.kind = CZ_FV_DATE;
		v.d = d;
	}
	return v;
}

cz_fiche_value cz_fv_bool(bool b)
{
	cz_fiche_value v = cz_fv_none;
	v.kind = CZ_FV_BOOL;
	v.b = b;
	return v;
}

cz_fiche_value cz_fv_tristate(int t)
{
	return t < 0 ? cz_fv_none : cz_fv_bool(t == 1);
}

cz_fiche_value cz_fv_enum(int e, bool set)
{
	cz_fiche_value v = cz_fv_none;
	if (set && e >= 0) {
		v.kind = CZ_FV_ENUM;
		v.e = e;
	}
	return v;
}

static cz_fiche_value projet_value(const cz_project *p, const char *key)
{
	const cz_projet *pr = &p->projet;
	if (!strcmp(key, "nom"))
		return cz_fv_text(pr->nom);
	if (!strcmp(key, "type"))
		return cz_fv_enum((int)pr->type, true);
	if (!strcmp(key, "phase"))
		return cz_fv_enum((int)pr->phase, true);
	if (!strcmp(key, "date"))
		return cz_fv_date(pr->date);
	if (!strcmp(key, "lieu"))
		return cz_fv_enum((int)pr->lieu, pr->lieu_set);
	if (!strcmp(key, "porteur.nom"))
		return cz_fv_text(pr->porteur_set ? pr->porteur.nom : NULL);
	if (!strcmp(key, "porteur.statut"))
		return cz_fv_enum((int)pr->porteur.statut, pr->porteur_set && pr->porteur.statut_set);
	if (!strcmp(key, "territoire.nom"))
		return cz_fv_text(pr->territoire_set ? pr->territoire.nom : NULL);
	if (!strcmp(key, "territoire.population"))
		return cz_fv_num(pr->territoire.population);
	if (!strcmp(key, "territoire.entreprises"))
		return cz_fv_num(pr->territoire.entreprises);
	if (!strcmp(key, "territoire.salaries"))
		return cz_fv_num(pr->territoire.salaries);
	return cz_fv_none;
}

static cz_fiche_value test_value(const cz_project *p, const char *key)
{
	const cz_test *t = &p->test;
	static const struct {
		const char *key;
		size_t offset;
	} nums[] = {
		{ "carnet_commandes", offsetof(cz_test, carnet_commandes) },
		{ "tresorerie_mois", offsetof(cz_test, tresorerie_mois) },
		{ "charge_travail", offsetof(cz_test, charge_travail) },
		{ "satisfaction.beneficiaires", offsetof(cz_test, satisfaction_beneficiaires) },
		{ "satisfaction.partenaires", offsetof(cz_test, satisfaction_partenaires) },
		{ "satisfaction.equipe", offsetof(cz_test, satisfaction_equipe) },
		{ "impact_social", offsetof(cz_test, impact_social) },
		{ "vision", offsetof(cz_test, vision) },
		{ "energie", offsetof(cz_test, energie) },
		{ "montee_competences", offsetof(cz_test, montee_competences) },
	};
	for (size_t i = 0; i < N(nums); i++)
		if (!strcmp(key, nums[i].key))
			return cz_fv_num(*(const cz_num *)(const void *)((const char *)t + nums[i].offset));
	if (!strcmp(key, "debut"))
		return cz_fv_date(t->debut);
	if (!strcmp(key, "fin"))
		return cz_fv_date(t->fin);
	if (!strcmp(key, "sollicitations_suivies"))
		return cz_fv_tristate(t->sollicitations_suivies);
	if (!strcmp(key, "cahier_des_charges"))
		return cz_fv_tristate(t->cahier_des_charges);
	if (!strcmp(key, "conditions.statut_structure"))
		return cz_fv_tristate(t->condition_statut_structure);
	if (!strcmp(key, "conditions.calendrier_financeurs"))
		return cz_fv_tristate(t->condition_calendrier_financeurs);
	if (!strcmp(key, "conditions.strategie"))
		return cz_fv_tristate(t->condition_strategie);
	if (!strncmp(key, CZ_FICHE_SEUIL_PREFIX, strlen(CZ_FICHE_SEUIL_PREFIX))) {
		const char *m = key + strlen(CZ_FICHE_SEUIL_PREFIX);
		for (size_t i = 0; i < t->n_seuils; i++)
			if (!strcmp(t->seuils[i].mesure, m))
				return cz_fv_double(t->seuils[i].value);
	}
	return cz_fv_none;
}

cz_fiche_value cz_fiche_form_value(const cz_project *p, cz_fiche_part part, const char *key)
{
	if (!p)
		return cz_fv_none;
	return part == CZ_FICHE_TEST ? test_value(p, key) : part == CZ_FICHE_PROJET ? projet_value(p, key) : cz_fv_none;
}

/* The referential's steps / competences, one row each. */
static void ref_rows(const cz_project *p, const cz_referential *ref, cz_fiche_part part, cz_fiche_row_fn fn, void *ctx)
{
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_ref_phase *rp = &ref->phases[ph];
		if (part == CZ_FICHE_ETAPES) {
			for (size_t i = 0; i < rp->n_etapes; i++) {
				const cz_step_entry *e = p ? cz_project_step(p, rp->etapes[i].id) : NULL;
				cz_fiche_record r = { { cz_fv_text(rp->nom), cz_fv_text(rp->etapes[i].id), cz_fv_text(rp->etapes[i].nom),
					       cz_fv_enum(e ? (int)e->status : -1, e != NULL) } };
				fn(ctx, &r);
			}
		} else {
			for (size_t i = 0; i < rp->n_competences; i++) {
				const cz_ref_competence *c = &rp->competences[i];
				const cz_skill_entry *e = p ? cz_project_skill(p, c->id) : NULL;
				const char *family = c->family >= 0 && (size_t)c->family < ref->n_families
							     ? ref->families[c->family].nom
							     : NULL;
				cz_fiche_record r = { { cz_fv_text(rp->nom), cz_fv_text(family), cz_fv_text(c->id), cz_fv_text(c->nom),
					       cz_fv_enum(e ? (int)e->niveau : -1, e != NULL),
					       cz_fv_text(e ? e->porte_par : NULL) } };
				fn(ctx, &r);
			}
		}
	}
}

static void project_rows(const cz_project *p, cz_fiche_part part, cz_fiche_row_fn fn, void *ctx)
{
	switch (part) {
	case CZ_FICHE_ACTEURS:
		for (size_t i = 0; i < p->n_acteurs; i++) {
			const cz_actor *a = &p->acteurs[i];
			cz_fiche_record r = { { cz_fv_text(a->nom), cz_fv_enum((int)a->type, a->type_set) } };
			for (int k = 0; k < CZ_ROLE_COUNT; k++)
				r.v[2 + k] = (a->roles & (1u << k)) ? cz_fv_bool(true) : cz_fv_none;
			r.v[2 + CZ_ROLE_COUNT] = a->charte_set ? cz_fv_bool(a->charte) : cz_fv_none;
			fn(ctx, &r);
		}
		break;
	case CZ_FICHE_BESOINS:
		for (size_t i = 0; i < p->n_besoins; i++) {
			const cz_need *b = &p->besoins[i];
			cz_fiche_record r = { { cz_fv_text(b->besoin), cz_fv_enum((int)b->cible, b->cible_set), cz_fv_num(b->demandes),
				       cz_fv_text(b->source) } };
			fn(ctx, &r);
		}
		break;
	case CZ_FICHE_OFFRE:
		for (size_t i = 0; i < p->n_offre; i++) {
			const cz_offer *o = &p->offre[i];
			cz_fiche_record r = { { cz_fv_text(o->service), cz_fv_enum((int)o->cible, o->cible_set), cz_fv_num(o->prix),
				       cz_fv_enum((int)o->unite, o->unite_set), cz_fv_bool(o->prioritaire),
				       cz_fv_bool(o->recurrent), cz_fv_text(o->prestataire) } };
			fn(ctx, &r);
		}
		break;
	case CZ_FICHE_ACTIVITE:
		for (size_t i = 0; i < p->n_activite; i++) {
			const cz_month *m = &p->activite[i];
			cz_fiche_record r = { { cz_fv_date(m->periode), cz_fv_num(m->demandes), cz_fv_num(m->commandes),
				       cz_fv_num(m->clients), cz_fv_num(m->clients_recurrents),
				       m->recettes_services ? cz_fv_none : cz_fv_num(m->recettes), cz_fv_num(m->charges),
				       cz_fv_num(m->heures_salariees), cz_fv_num(m->heures_benevoles), cz_fv_num(m->km),
				       cz_fv_num(m->livraisons) } };
			fn(ctx, &r);
		}
		break;
	case CZ_FICHE_SERVICES:
		for (size_t i = 0; i < p->n_activite; i++) {
			const cz_month *m = &p->activite[i];
			for (size_t k = 0; k < m->n_recettes_services; k++) {
				cz_fiche_record r = { { cz_fv_date(m->periode), cz_fv_text(m->recettes_services[k].service),
					       cz_fv_double(m->recettes_services[k].montant) } };
				fn(ctx, &r);
			}
		}
		break;
	case CZ_FICHE_FINANCEMENTS:
		for (size_t i = 0; i < p->n_financements; i++) {
			const cz_funding *f = &p->financements[i];
			cz_fiche_record r = { { cz_fv_text(f->source), cz_fv_enum((int)f->pilier, f->pilier_set),
				       cz_fv_enum((int)f->nature, f->nature_set), cz_fv_num(f->montant),
				       f->annee ? cz_fv_double(f->annee) : cz_fv_none, cz_fv_bool(f->acquis) } };
			fn(ctx, &r);
		}
		break;
	case CZ_FICHE_CANEVAS:
		for (int b = 0; b < CZ_BLOC_COUNT; b++) {
			for (size_t i = 0; i < p->bmc.count[b]; i++) {
				const cz_bmc_item *it = &p->bmc.items[b][i];
				cz_fiche_record r = { { cz_fv_enum(b, true), cz_fv_text(it->texte), cz_fv_enum(it->pilier, it->pilier >= 0),
					       cz_fv_enum(it->cout_type, it->cout_type >= 0) } };
				fn(ctx, &r);
			}
		}
		break;
	default:
		break;
	}
}

void cz_fiche_records(const cz_project *p, const cz_referential *ref, cz_fiche_part part,
		      cz_fiche_row_fn fn, void *ctx)
{
	if (part == CZ_FICHE_ETAPES || part == CZ_FICHE_COMPETENCES)
		ref_rows(p, ref, part, fn, ctx);
	else if (p)
		project_rows(p, part, fn, ctx);
}
