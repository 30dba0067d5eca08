#include "starter.h"

#include <string.h>

/* The placeholder texts of templates/init.yaml. */
static const char NEED[] = "Exemple de besoin";
static const char OFFER[] = "Exemple de service";
static const char NAME[] = "Ma conciergerie";
static const char CARRIER[] = "Nom de la structure porteuse";
static const char TERRITORY[] = "Nom du territoire";

static bool same(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

bool cz_starter_need(const cz_need *n)
{
	return same(n->besoin, NEED);
}

bool cz_starter_offer(const cz_offer *o)
{
	return same(o->service, OFFER);
}

static bool positive(cz_num v)
{
	return v.set && v.value > 0;
}

bool cz_starter_territory(const cz_projet *pj)
{
	const cz_territoire *t = &pj->territoire;
	if (!pj->territoire_set)
		return false; /* absent, not a placeholder */
	return same(t->nom, TERRITORY) || !(positive(t->population) || positive(t->entreprises) || positive(t->salaries));
}

static bool same_canvas(const cz_bmc *a, const cz_bmc *b)
{
	size_t items = 0;
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		if (a->count[k] != b->count[k])
			return false;
		for (size_t i = 0; i < a->count[k]; i++)
			if (!a->items[k][i].texte || !b->items[k][i].texte ||
			    strcmp(a->items[k][i].texte, b->items[k][i].texte) != 0)
				return false;
		items += a->count[k];
	}
	return items > 0; /* two empty canvases are no example kept */
}

const cz_ref_canvas *cz_starter_canvas(const cz_project *p, const cz_referential *ref)
{
	if (!p->bmc.present)
		return NULL;
	for (size_t i = 0; i < ref->n_canvases; i++)
		if (same_canvas(&p->bmc, &ref->canvases[i].bmc))
			return &ref->canvases[i];
	return NULL;
}

void cz_starter_scan(const cz_project *p, const cz_referential *ref, cz_starter *out)
{
	memset(out, 0, sizeof(*out));
	out->nom = same(p->projet.nom, NAME);
	out->porteur = p->projet.porteur_set && same(p->projet.porteur.nom, CARRIER);
	out->territoire = same(p->projet.territoire.nom, TERRITORY);
	for (size_t i = 0; i < p->n_besoins; i++)
		out->needs += cz_starter_need(&p->besoins[i]);
	for (size_t i = 0; i < p->n_offre; i++)
		out->offers += cz_starter_offer(&p->offre[i]);
	out->canvas = cz_starter_canvas(p, ref);
	out->found = (size_t)out->nom + (size_t)out->porteur + (size_t)out->territoire + out->needs +
		     out->offers + (out->canvas != NULL);
	out->untouched = out->nom && out->needs == p->n_besoins && out->offers == p->n_offre &&
			 p->n_activite == 0 && p->n_financements == 0 && (!p->bmc.present || out->canvas);
}

void cz_starter_describe(const cz_starter *s, cz_buf *b)
{
	const char *parts[6];
	size_t n = 0;
	if (s->nom)
		parts[n++] = "le nom du projet («\u00A0Ma conciergerie\u00A0»)";
	if (s->porteur)
		parts[n++] = "le nom de la structure porteuse";
	if (s->territoire)
		parts[n++] = "le territoire («\u00A0Nom du territoire\u00A0»)";
	if (s->needs)
		parts[n++] = "le besoin «\u00A0Exemple de besoin\u00A0»";
	if (s->offers)
		parts[n++] = "le service «\u00A0Exemple de service\u00A0»";
	if (s->canvas)
		parts[n++] = NULL; /* the canvas, named below */
	for (size_t i = 0; i < n; i++) {
		cz_buf_puts(b, i == 0 ? "" : i + 1 == n ? " et " : ", ");
		if (parts[i])
			cz_buf_puts(b, parts[i]);
		else
			cz_buf_printf(b, "le canevas d'exemple «\u00A0%s\u00A0»", s->canvas->nom ? s->canvas->nom : s->canvas->id);
	}
}
