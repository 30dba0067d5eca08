#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"
#include "text.h"
#include "yaml_tree.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_COUNT CZ_MAX_COUNT
#define MAX_POPULATION CZ_MAX_POPULATION
#define MAX_EUROS CZ_MAX_EUROS
#define MAX_HOURS CZ_MAX_HOURS
#define MAX_MONTHS CZ_MAX_MONTHS
#define MAX_WORKLOAD CZ_MAX_WORKLOAD
#define SCORE_MIN CZ_SCORE_MIN
#define SCORE_MAX CZ_SCORE_MAX

typedef struct {
	cz_schema s;
	const cz_referential *ref;
	cz_project *p;
} loader;

static const char *key_path(char *buf, size_t size, const char *parent, const char *key)
{
	return cz_path_key(buf, size, parent, key);
}

static void opt_ratio(loader *l, const cz_node *m, const char *path, const char *key, double min,
		      double max, cz_num *out)
{
	char p[256];
	double v;
	const cz_node *n = cz_node_get(m, key);
	if (n && !cz_node_is_null(n) &&
	    (cz_number_ok(n, min, max, false, &v) || cz_read_ratio(&l->s, n, key_path(p, sizeof(p), path, key), min, max, &v)))
		*out = (cz_num){ v, true };
}

/* The path of the map holding a field, for messages: a list's entry
 * ("activite[3]"), built the first time one needs it (the entries of a
 * valid file need none), or a path given whole ("projet.territoire"). */
typedef struct {
	const char *ready; /* the path given whole, or NULL */
	const char *list;
	size_t index;
	bool built;
	char text[256];
} entry_path;

static void ep_init(entry_path *e, const char *list, size_t index)
{
	e->ready = NULL;
	e->list = list;
	e->index = index;
	e->built = false;
}

static void ep_given(entry_path *e, const char *path)
{
	e->ready = path;
}

static const char *ep_text(entry_path *e)
{
	if (e->ready)
		return e->ready;
	if (!e->built) {
		cz_path_index(e->text, sizeof(e->text), e->list, e->index);
		e->built = true;
	}
	return e->text;
}

/* Readers of the field `key` whose value `n` (NULL: absent) is in the map at
 * `e`: absent keys leave the output untouched, and the value is checked
 * quietly first, its path built only for a message. */
static void field_num(cz_schema *s, const cz_node *n, entry_path *e, const char *key, double min,
		      double max, bool integer, cz_num *out)
{
	char p[256];
	double v;
	if (!n || cz_node_is_null(n))
		return;
	if (cz_number_ok(n, min, max, integer, &v))
		*out = (cz_num){ v, true };
	else
		cz_read_num(s, n, key_path(p, sizeof(p), ep_text(e), key), min, max, integer, out);
}

static bool field_enum(cz_schema *s, const cz_node *n, entry_path *e, const char *key,
		       const cz_enum *en, int *out)
{
	char p[256];
	return n && (cz_enum_ok(n, en, out) ||
		     cz_read_enum(s, n, key_path(p, sizeof(p), ep_text(e), key), en, out));
}

static bool field_bool(cz_schema *s, const cz_node *n, entry_path *e, const char *key, bool *out)
{
	char p[256];
	return n && (cz_bool_ok(n, out) ||
		     cz_read_bool(s, n, key_path(p, sizeof(p), ep_text(e), key), out));
}

static bool field_string(cz_schema *s, const cz_node *n, entry_path *e, const char *key,
			 const char **out)
{
	char p[256];
	if (!n)
		return false;
	if (cz_string_ok(n)) {
		*out = n->text;
		return true;
	}
	return cz_read_string(s, n, key_path(p, sizeof(p), ep_text(e), key), out);
}

/* The same for the field `key` of the map `m` at `path`. */
static void opt_num(loader *l, const cz_node *m, const char *path, const char *key, double min,
		    double max, bool integer, cz_num *out)
{
	entry_path e;
	ep_given(&e, path);
	field_num(&l->s, cz_node_get(m, key), &e, key, min, max, integer, out);
}

static bool opt_enum(loader *l, const cz_node *m, const char *path, const char *key,
		     const cz_enum *en, int *out)
{
	entry_path e;
	ep_given(&e, path);
	return field_enum(&l->s, cz_node_get(m, key), &e, key, en, out);
}

static bool opt_bool(loader *l, const cz_node *m, const char *path, const char *key, bool *out)
{
	entry_path e;
	ep_given(&e, path);
	return field_bool(&l->s, cz_node_get(m, key), &e, key, out);
}

static void opt_tristate(loader *l, const cz_node *m, const char *path, const char *key, int *out)
{
	bool b;
	if (opt_bool(l, m, path, key, &b))
		*out = b ? 1 : 0;
}

/* An entry that must be a map, its fields found in one pass and its
 * unknown keys reported; false (reported) when it is not a map. */
static bool entry_fields(cz_schema *s, const cz_node *m, entry_path *e, const char *const *keys,
			 size_t n_keys, const cz_node **found)
{
	if (m->kind != CZ_NODE_MAP) {
		cz_expect_map(s, m, ep_text(e));
		return false;
	}
	if (!cz_map_fields(m, keys, n_keys, found))
		cz_check_keys(s, m, ep_text(e), keys, n_keys);
	return true;
}

/* A required field: its value, or NULL once reported missing. */
static const cz_node *field_required(cz_schema *s, const cz_node *m, const cz_node *n, entry_path *e,
				     const char *key)
{
	return n ? n : cz_require(s, m, ep_text(e), key);
}

/* An actor reference: must name an entry of `acteurs`. */
static bool read_actor_ref(loader *l, const cz_node *n, const char *path, const char **out)
{
	const char *name;
	if (!cz_read_string(&l->s, n, path, &name))
		return false;
	if (cz_project_actor(l->p, name)) {
		*out = name;
		return true;
	}
	const char **names = malloc((l->p->n_acteurs ? l->p->n_acteurs : 1) * sizeof(*names));
	const char *hint = NULL;
	if (names) {
		for (size_t i = 0; i < l->p->n_acteurs; i++)
			names[i] = l->p->acteurs[i].nom;
		hint = cz_suggest(name, names, l->p->n_acteurs);
	}
	char ex[64];
	cz_excerpt(n->text, n->len, ex, sizeof(ex));
	if (hint)
		cz_problems_add(l->s.problems, n->line, n->column,
				"«\u00A0%s\u00A0»\u00A0: acteur «\u00A0%s\u00A0» absent de «\u00A0acteurs\u00A0» — vouliez-vous dire «\u00A0%s\u00A0»\u202F?",
				path, ex, hint);
	else
		cz_problems_add(l->s.problems, n->line, n->column,
				"«\u00A0%s\u00A0»\u00A0: acteur «\u00A0%s\u00A0» absent de «\u00A0acteurs\u00A0» (ajoutez-le à la liste des acteurs)",
				path, ex);
	free(names);
	return false;
}

static void read_projet(loader *l, const cz_node *m)
{
	static const char *const keys[] = { "nom", "type", "phase", "date", "lieu", "porteur", "territoire" };
	static const char *const porteur_keys[] = { "nom", "statut" };
	static const char *const territoire_keys[] = { "nom", "population", "entreprises", "salaries" };
	cz_projet *pr = &l->p->projet;
	if (!cz_expect_map(&l->s, m, "projet"))
		return;
	cz_check_keys(&l->s, m, "projet", keys, N(keys));
	const cz_node *n;
	int v;
	if ((n = cz_require(&l->s, m, "projet", "nom")))
		cz_read_string(&l->s, n, "projet.nom", &pr->nom);
	if ((n = cz_require(&l->s, m, "projet", "type")) &&
	    cz_read_enum(&l->s, n, "projet.type", &cz_enum_type, &v))
		pr->type = (cz_project_type)v;
	if ((n = cz_require(&l->s, m, "projet", "phase")) &&
	    cz_read_enum(&l->s, n, "projet.phase", &cz_enum_phase, &v))
		pr->phase = (cz_phase)v;
	if ((n = cz_node_get(m, "date")))
		cz_read_date(&l->s, n, "projet.date", &pr->date);
	if (opt_enum(l, m, "projet", "lieu", &cz_enum_lieu, &v)) {
		pr->lieu = (cz_lieu)v;
		pr->lieu_set = true;
	}
	if ((n = cz_node_get(m, "porteur")) && cz_expect_map(&l->s, n, "projet.porteur")) {
		pr->porteur_set = true;
		cz_check_keys(&l->s, n, "projet.porteur", porteur_keys, N(porteur_keys));
		cz_field_string(&l->s, n, "projet.porteur", "nom", false, &pr->porteur.nom);
		if (opt_enum(l, n, "projet.porteur", "statut", &cz_enum_statut, &v)) {
			pr->porteur.statut = (cz_statut)v;
			pr->porteur.statut_set = true;
		}
	}
	if ((n = cz_node_get(m, "territoire")) && cz_expect_map(&l->s, n, "projet.territoire")) {
		const char *tp = "projet.territoire";
		pr->territoire_set = true;
		cz_check_keys(&l->s, n, tp, territoire_keys, N(territoire_keys));
		cz_field_string(&l->s, n, tp, "nom", false, &pr->territoire.nom);
		opt_num(l, n, tp, "population", 0, MAX_POPULATION, true, &pr->territoire.population);
		opt_num(l, n, tp, "entreprises", 0, MAX_COUNT, true, &pr->territoire.entreprises);
		opt_num(l, n, tp, "salaries", 0, MAX_COUNT, true, &pr->territoire.salaries);
	}
}

static void read_etapes(loader *l, const cz_node *m)
{
	if (!cz_expect_map(&l->s, m, "etapes"))
		return;
	cz_project *p = l->p;
	const cz_referential *ref = l->ref;
	if (!(p->etapes = cz_schema_array(&l->s, m->count, sizeof(*p->etapes))) ||
	    !(p->step_at = cz_schema_array(&l->s, ref->n_step_ids, sizeof(*p->step_at))))
		return;
	p->step_ids = ref->step_ids;
	p->n_step_ids = ref->n_step_ids;
	size_t next = 0; /* steps are mostly written in the referential's order */
	for (size_t i = 0; i < m->count; i++) {
		char path[256];
		const cz_node *k = m->keys[i];
		cz_step_entry e = { .pos = cz_node_pos(k) };
		int v;
		size_t rank = next;
		bool ok = cz_read_ref_at(&l->s, k, "étape", ref->step_ids, ref->n_step_ids, &e.id, &rank);
		if (ok)
			next = rank + 1;
		if ((cz_enum_ok(m->items[i], &cz_enum_step_status, &v) ||
		     cz_read_enum(&l->s, m->items[i], cz_path_key(path, sizeof(path), "etapes", k->text),
				  &cz_enum_step_status, &v)) &&
		    ok) {
			e.status = (cz_step_status)v;
			p->etapes[p->n_etapes] = e;
			if (!p->step_at[rank]) /* a duplicate key: the first one, as cz_project_step */
				p->step_at[rank] = &p->etapes[p->n_etapes];
			p->n_etapes++;
		}
	}
}

static void read_competences(loader *l, const cz_node *m)
{
	static const char *const keys[] = { "niveau", "porte_par" };
	if (!cz_expect_map(&l->s, m, "competences"))
		return;
	cz_project *p = l->p;
	const cz_referential *ref = l->ref;
	if (!(p->competences = cz_schema_array(&l->s, m->count, sizeof(*p->competences))) ||
	    !(p->skill_at = cz_schema_array(&l->s, ref->n_competence_ids, sizeof(*p->skill_at))))
		return;
	p->skill_ids = ref->competence_ids;
	p->n_skill_ids = ref->n_competence_ids;
	size_t next = 0; /* competences are mostly written in the referential's order */
	for (size_t i = 0; i < m->count; i++) {
		char path[256], q[256];
		const cz_node *k = m->keys[i], *v = m->items[i];
		cz_skill_entry e = { .pos = cz_node_pos(k) };
		size_t rank = next;
		bool ok = cz_read_ref_at(&l->s, k, "compétence", ref->competence_ids,
					 ref->n_competence_ids, &e.id, &rank);
		if (ok)
			next = rank + 1;
		int lv;
		if (v->kind == CZ_NODE_MAP) {
			cz_path_key(path, sizeof(path), "competences", k->text);
			cz_check_keys(&l->s, v, path, keys, N(keys));
			const cz_node *n = cz_require(&l->s, v, path, "niveau");
			ok = n && cz_read_enum(&l->s, n, key_path(q, sizeof(q), path, "niveau"),
					       &cz_enum_level, &lv) && ok;
			const cz_node *by = cz_node_get(v, "porte_par");
			if (by)
				ok = read_actor_ref(l, by, key_path(q, sizeof(q), path, "porte_par"),
						    &e.porte_par) && ok;
			if (by && ok && lv == CZ_LEVEL_SANS_OBJET) {
				cz_problems_add(l->s.problems, by->line, by->column,
						"«\u00A0%s\u00A0»\u00A0: une compétence sans objet pour le projet n'est portée par "
						"personne\u202F; retirez «\u00A0porte_par\u00A0» ou choisissez un autre niveau",
						path);
				ok = false;
			}
		} else {
			ok = (cz_enum_ok(v, &cz_enum_level, &lv) ||
			      cz_read_enum(&l->s, v, cz_path_key(path, sizeof(path), "competences", k->text),
					   &cz_enum_level, &lv)) &&
			     ok;
		}
		if (ok) {
			e.niveau = (cz_level)lv;
			p->competences[p->n_competences] = e;
			if (!p->skill_at[rank]) /* a duplicate key: the first one, as cz_project_skill */
				p->skill_at[rank] = &p->competences[p->n_competences];
			p->n_competences++;
		}
	}
}

/* Report `name` when an earlier entry of the list already used it. */
static bool unique_name(loader *l, const cz_node *n, const char *name, const char *list,
			const char *const *seen, const cz_pos *seen_pos, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (strcmp(seen[i], name) == 0) {
			char ex[64];
			cz_problems_add(l->s.problems, n->line, n->column,
					"«\u00A0%s\u00A0» figure deux fois dans «\u00A0%s\u00A0» (déjà présent ligne %u)",
					cz_excerpt(name, strlen(name), ex, sizeof(ex)), list,
					seen_pos[i].line);
			return false;
		}
	}
	return true;
}

static void read_acteurs(loader *l, const cz_node *seq)
{
	static const char *const keys[] = { "nom", "type", "roles", "charte" };
	if (!cz_expect_seq(&l->s, seq, "acteurs"))
		return;
	cz_project *p = l->p;
	const char **names = cz_schema_array(&l->s, seq->count, sizeof(*names));
	cz_pos *pos = cz_schema_array(&l->s, seq->count, sizeof(*pos));
	if (!(p->acteurs = cz_schema_array(&l->s, seq->count, sizeof(*p->acteurs))) || !names || !pos)
		return;
	size_t n_names = 0;
	enum { NOM, TYPE, ROLES, CHARTE };
	for (size_t i = 0; i < seq->count; i++) {
		char q[256];
		const cz_node *m = seq->items[i], *f[N(keys)];
		entry_path ep;
		ep_init(&ep, "acteurs", i);
		if (!entry_fields(&l->s, m, &ep, keys, N(keys), f))
			continue;
		cz_actor a = { .pos = cz_node_pos(m) };
		const cz_node *n = field_required(&l->s, m, f[NOM], &ep, "nom");
		if (!n || !field_string(&l->s, n, &ep, "nom", &a.nom))
			continue;
		if (!unique_name(l, n, a.nom, "acteurs", names, pos, n_names))
			continue;
		names[n_names] = a.nom;
		pos[n_names++] = cz_node_pos(n);
		int v;
		if (field_enum(&l->s, f[TYPE], &ep, "type", &cz_enum_actor_type, &v)) {
			a.type = (cz_actor_type)v;
			a.type_set = true;
		}
		const cz_node *roles = f[ROLES];
		if (roles && (roles->kind == CZ_NODE_SEQ ||
			      cz_expect_seq(&l->s, roles, key_path(q, sizeof(q), ep_text(&ep), "roles")))) {
			for (size_t r = 0; r < roles->count; r++) {
				char rp[256];
				if (cz_enum_ok(roles->items[r], &cz_enum_role, &v) ||
				    cz_read_enum(&l->s, roles->items[r],
						 cz_path_index(rp, sizeof(rp),
							       key_path(q, sizeof(q), ep_text(&ep), "roles"), r),
						 &cz_enum_role, &v))
					a.roles |= 1u << v;
			}
		}
		a.charte_set = field_bool(&l->s, f[CHARTE], &ep, "charte", &a.charte);
		p->acteurs[p->n_acteurs++] = a;
	}
}

static void read_besoins(loader *l, const cz_node *seq)
{
	static const char *const keys[] = { "besoin", "cible", "demandes", "source" };
	if (!cz_expect_seq(&l->s, seq, "besoins"))
		return;
	cz_project *p = l->p;
	const char **names = cz_schema_array(&l->s, seq->count, sizeof(*names));
	cz_pos *pos = cz_schema_array(&l->s, seq->count, sizeof(*pos));
	if (!(p->besoins = cz_schema_array(&l->s, seq->count, sizeof(*p->besoins))) || !names || !pos)
		return;
	enum { BESOIN, CIBLE, DEMANDES, SOURCE };
	for (size_t i = 0; i < seq->count; i++) {
		const cz_node *m = seq->items[i], *f[N(keys)];
		entry_path ep;
		ep_init(&ep, "besoins", i);
		if (!entry_fields(&l->s, m, &ep, keys, N(keys), f))
			continue;
		cz_need b = { .pos = cz_node_pos(m) };
		const cz_node *n = field_required(&l->s, m, f[BESOIN], &ep, "besoin");
		if (!n || !field_string(&l->s, n, &ep, "besoin", &b.besoin))
			continue;
		if (!unique_name(l, n, b.besoin, "besoins", names, pos, p->n_besoins))
			continue;
		int v;
		if (field_enum(&l->s, f[CIBLE], &ep, "cible", &cz_enum_cible, &v)) {
			b.cible = (cz_cible)v;
			b.cible_set = true;
		}
		field_num(&l->s, f[DEMANDES], &ep, "demandes", 0, MAX_COUNT, true, &b.demandes);
		field_string(&l->s, f[SOURCE], &ep, "source", &b.source);
		names[p->n_besoins] = b.besoin;
		pos[p->n_besoins] = cz_node_pos(n);
		p->besoins[p->n_besoins++] = b;
	}
}

static void read_offre(loader *l, const cz_node *seq)
{
	static const char *const keys[] = { "service", "cible", "prix", "unite", "prioritaire",
					    "recurrent", "prestataire" };
	if (!cz_expect_seq(&l->s, seq, "offre"))
		return;
	cz_project *p = l->p;
	const char **names = cz_schema_array(&l->s, seq->count, sizeof(*names));
	cz_pos *pos = cz_schema_array(&l->s, seq->count, sizeof(*pos));
	if (!(p->offre = cz_schema_array(&l->s, seq->count, sizeof(*p->offre))) || !names || !pos)
		return;
	enum { SERVICE, CIBLE, PRIX, UNITE, PRIORITAIRE, RECURRENT, PRESTATAIRE };
	for (size_t i = 0; i < seq->count; i++) {
		char q[256];
		const cz_node *m = seq->items[i], *f[N(keys)];
		entry_path ep;
		ep_init(&ep, "offre", i);
		if (!entry_fields(&l->s, m, &ep, keys, N(keys), f))
			continue;
		cz_offer o = { .pos = cz_node_pos(m) };
		const cz_node *n = field_required(&l->s, m, f[SERVICE], &ep, "service");
		if (!n || !field_string(&l->s, n, &ep, "service", &o.service))
			continue;
		if (!unique_name(l, n, o.service, "offre", names, pos, p->n_offre))
			continue;
		int v;
		if (field_enum(&l->s, f[CIBLE], &ep, "cible", &cz_enum_cible, &v)) {
			o.cible = (cz_cible)v;
			o.cible_set = true;
		}
		field_num(&l->s, f[PRIX], &ep, "prix", 0, MAX_EUROS, false, &o.prix);
		if (field_enum(&l->s, f[UNITE], &ep, "unite", &cz_enum_unite, &v)) {
			o.unite = (cz_unite)v;
			o.unite_set = true;
		}
		field_bool(&l->s, f[PRIORITAIRE], &ep, "prioritaire", &o.prioritaire);
		field_bool(&l->s, f[RECURRENT], &ep, "recurrent", &o.recurrent);
		const cz_node *pn = f[PRESTATAIRE];
		if (pn)
			read_actor_ref(l, pn, key_path(q, sizeof(q), ep_text(&ep), "prestataire"), &o.prestataire);
		names[p->n_offre] = o.service;
		pos[p->n_offre] = cz_node_pos(n);
		p->offre[p->n_offre++] = o;
	}
}

/* `recettes` of the month entry e: one amount, or one per service. */
static void read_recettes(loader *l, const cz_node *n, entry_path *e, cz_month *mo)
{
	char path[256];
	double v;
	if (n->kind != CZ_NODE_MAP) {
		if (cz_number_ok(n, 0, MAX_EUROS, false, &v))
			mo->recettes = (cz_num){ v, true };
		else
			cz_read_num(&l->s, n, key_path(path, sizeof(path), ep_text(e), "recettes"), 0,
				    MAX_EUROS, false, &mo->recettes);
		return;
	}
	if (!(mo->recettes_services = cz_schema_array(&l->s, n->count, sizeof(*mo->recettes_services))))
		return;
	double total = 0;
	bool ok = true;
	for (size_t i = 0; i < n->count; i++) {
		char q[256];
		if (n->keys[i]->len == 0) {
			cz_problems_add(l->s.problems, n->keys[i]->line, n->keys[i]->column,
					"«\u00A0%s\u00A0»\u00A0: le nom du service ne doit pas être vide",
					key_path(path, sizeof(path), ep_text(e), "recettes"));
			ok = false;
			continue;
		}
		if (!cz_number_ok(n->items[i], 0, MAX_EUROS, false, &v) &&
		    !cz_read_number(&l->s, n->items[i],
				    key_path(q, sizeof(q), key_path(path, sizeof(path), ep_text(e), "recettes"),
					     n->keys[i]->text),
				    0, MAX_EUROS, false, &v)) {
			ok = false;
			continue;
		}
		mo->recettes_services[mo->n_recettes_services++] =
			(cz_service_amount){ n->keys[i]->text, v };
		total += v;
	}
	if (ok) {
		mo->recettes.value = total;
		mo->recettes.set = true;
	}
}

static int cmp_month(const void *a, const void *b)
{
	const cz_month *x = a, *y = b;
	int d = cz_month_diff(y->periode, x->periode);
	return (d > 0) - (d < 0);
}

static void read_activite(loader *l, const cz_node *seq)
{
	static const char *const keys[] = { "periode", "demandes", "commandes", "clients",
					    "clients_recurrents", "recettes", "charges",
					    "heures_salariees", "heures_benevoles", "km", "livraisons" };
	if (!cz_expect_seq(&l->s, seq, "activite"))
		return;
	cz_project *p = l->p;
	if (!(p->activite = cz_schema_array(&l->s, seq->count, sizeof(*p->activite))))
		return;
	enum { PERIODE, DEMANDES, COMMANDES, CLIENTS, CLIENTS_REC, RECETTES, CHARGES, H_SAL, H_BEN, KM,
	       LIVRAISONS };
	for (size_t i = 0; i < seq->count; i++) {
		char q[256];
		const cz_node *m = seq->items[i], *f[N(keys)];
		entry_path ep;
		ep_init(&ep, "activite", i);
		if (!entry_fields(&l->s, m, &ep, keys, N(keys), f))
			continue;
		cz_month mo = { .pos = cz_node_pos(m) };
		const cz_node *n = field_required(&l->s, m, f[PERIODE], &ep, "periode");
		if (!n || !(cz_month_ok(n, &mo.periode) ||
			    cz_read_month(&l->s, n, key_path(q, sizeof(q), ep_text(&ep), "periode"), &mo.periode)))
			continue;
		bool dup = false;
		for (size_t k = 0; k < p->n_activite && !dup; k++) {
			if (cz_month_diff(p->activite[k].periode, mo.periode) == 0) {
				cz_problems_add(l->s.problems, n->line, n->column,
						"mois %04d-%02d en double dans «\u00A0activite\u00A0» (déjà présent ligne %u)",
						mo.periode.year, mo.periode.month, p->activite[k].pos.line);
				dup = true;
			}
		}
		if (dup)
			continue;
		field_num(&l->s, f[DEMANDES], &ep, "demandes", 0, MAX_COUNT, true, &mo.demandes);
		field_num(&l->s, f[COMMANDES], &ep, "commandes", 0, MAX_COUNT, true, &mo.commandes);
		field_num(&l->s, f[CLIENTS], &ep, "clients", 0, MAX_COUNT, true, &mo.clients);
		field_num(&l->s, f[CLIENTS_REC], &ep, "clients_recurrents", 0, MAX_COUNT, true, &mo.clients_recurrents);
		if (f[RECETTES])
			read_recettes(l, f[RECETTES], &ep, &mo);
		field_num(&l->s, f[CHARGES], &ep, "charges", 0, MAX_EUROS, false, &mo.charges);
		field_num(&l->s, f[H_SAL], &ep, "heures_salariees", 0, MAX_HOURS, false, &mo.heures_salariees);
		field_num(&l->s, f[H_BEN], &ep, "heures_benevoles", 0, MAX_HOURS, false, &mo.heures_benevoles);
		field_num(&l->s, f[KM], &ep, "km", 0, MAX_COUNT, false, &mo.km);
		field_num(&l->s, f[LIVRAISONS], &ep, "livraisons", 0, MAX_COUNT, true, &mo.livraisons);
		if (mo.clients.set && mo.clients_recurrents.set &&
		    mo.clients_recurrents.value > mo.clients.value) {
			n = f[CLIENTS_REC];
			cz_problems_add(l->s.problems, n->line, n->column,
					"«\u00A0%s.clients_recurrents\u00A0» (%.0f) dépasse «\u00A0clients\u00A0» (%.0f)",
					ep_text(&ep), mo.clients_recurrents.value, mo.clients.value);
		}
		p->activite[p->n_activite++] = mo;
	}
	qsort(p->activite, p->n_activite, sizeof(*p->activite), cmp_month);
}

static void read_financements(loader *l, const cz_node *seq)
{
	static const char *const keys[] = { "source", "pilier", "nature", "montant", "annee", "acquis" };
	if (!cz_expect_seq(&l->s, seq, "financements"))
		return;
	cz_project *p = l->p;
	if (!(p->financements = cz_schema_array(&l->s, seq->count, sizeof(*p->financements))))
		return;
	enum { SOURCE, PILIER, NATURE, MONTANT, ANNEE, ACQUIS };
	for (size_t i = 0; i < seq->count; i++) {
		char q[256];
		const cz_node *m = seq->items[i], *fl[N(keys)];
		entry_path ep;
		ep_init(&ep, "financements", i);
		if (!entry_fields(&l->s, m, &ep, keys, N(keys), fl))
			continue;
		cz_funding f = { .pos = cz_node_pos(m) };
		const cz_node *n = field_required(&l->s, m, fl[SOURCE], &ep, "source");
		if (!n || !field_string(&l->s, n, &ep, "source", &f.source))
			continue;
		int v;
		if (field_enum(&l->s, fl[PILIER], &ep, "pilier", &cz_enum_pilier, &v)) {
			f.pilier = (cz_pilier)v;
			f.pilier_set = true;
		}
		if (field_enum(&l->s, fl[NATURE], &ep, "nature", &cz_enum_nature, &v)) {
			f.nature = (cz_nature)v;
			f.nature_set = true;
		}
		const cz_node *mn = field_required(&l->s, m, fl[MONTANT], &ep, "montant");
		double amount;
		if (mn && cz_number_ok(mn, 0, MAX_EUROS, false, &amount))
			f.montant = (cz_num){ amount, true };
		else if (mn)
			cz_read_num(&l->s, mn, key_path(q, sizeof(q), ep_text(&ep), "montant"), 0, MAX_EUROS,
				    false, &f.montant);
		cz_num year = { 0, false };
		field_num(&l->s, fl[ANNEE], &ep, "annee", CZ_YEAR_MIN, CZ_YEAR_MAX, true, &year);
		f.annee = year.set ? (int)year.value : 0;
		field_bool(&l->s, fl[ACQUIS], &ep, "acquis", &f.acquis);
		bool dup = false;
		for (size_t k = 0; k < p->n_financements && !dup; k++) {
			const cz_funding *o = &p->financements[k];
			if (strcmp(o->source, f.source) == 0 && o->annee == f.annee) {
				char ex[64];
				cz_problems_add(l->s.problems, n->line, n->column,
						"financement «\u00A0%s\u00A0»%s en double (déjà présent ligne %u)",
						cz_excerpt(f.source, strlen(f.source), ex, sizeof(ex)),
						f.annee ? " de la même année" : "", o->pos.line);
				dup = true;
			}
		}
		if (!dup)
			p->financements[p->n_financements++] = f;
	}
}

/* Bounds of a threshold override, from the unit of the measure it overrides. */
void cz_threshold_bounds(const cz_referential *ref, cz_measure m, double *min, double *max,
			 bool *integer, bool *ratio)
{
	*min = 0;
	*max = 1000;
	*integer = false;
	*ratio = false;
	const cz_ref_indicator *ind = cz_ref_indicator_for(ref, m);
	if (!ind) { /* a pitfall: a count of pairs */
		*max = 50;
		*integer = true;
		return;
	}
	switch (ind->unite) {
	case CZ_UNIT_MOIS:
		*max = MAX_MONTHS;
		break;
	case CZ_UNIT_RATIO:
		*max = 10;
		*ratio = true;
		break;
	case CZ_UNIT_PART:
		*max = 1;
		*ratio = true;
		break;
	case CZ_UNIT_BOOLEEN:
		*max = 1;
		break;
	case CZ_UNIT_NOTE:
		*min = SCORE_MIN;
		*max = SCORE_MAX;
		break;
	default:
		break;
	}
}

static void read_seuils(loader *l, const cz_node *m)
{
	const char *path = "test.seuils";
	if (!cz_expect_map(&l->s, m, path))
		return;
	const cz_referential *ref = l->ref;
	/* The keys that can be overridden: every measure the referential uses. */
	const char *known[CZ_MES_COUNT];
	cz_measure known_m[CZ_MES_COUNT];
	size_t n_known = 0;
	for (int k = 0; k < CZ_MES_COUNT; k++) {
		bool used = cz_ref_indicator_for(ref, (cz_measure)k) != NULL;
		for (size_t i = 0; i < ref->n_pitfalls && !used; i++)
			used = ref->pitfalls[i].mesure == (cz_measure)k;
		if (used) {
			known_m[n_known] = (cz_measure)k;
			known[n_known++] = cz_measure_keys[k];
		}
	}
	cz_test *t = &l->p->test;
	if (!(t->seuils = cz_schema_array(&l->s, m->count, sizeof(*t->seuils))))
		return;
	for (size_t i = 0; i < m->count; i++) {
		const char *key;
		if (!cz_read_ref(&l->s, m->keys[i], "mesure de seuil", known, n_known, &key))
			continue;
		cz_measure me = CZ_MES_COUNT;
		for (size_t k = 0; k < n_known; k++)
			if (known[k] == key)
				me = known_m[k];
		double min, max, v;
		bool integer, ratio;
		char q[256];
		cz_threshold_bounds(ref, me, &min, &max, &integer, &ratio);
		key_path(q, sizeof(q), path, key);
		if (ratio ? cz_read_ratio(&l->s, m->items[i], q, min, max, &v)
			  : cz_read_number(&l->s, m->items[i], q, min, max, integer, &v))
			t->seuils[t->n_seuils++] = (cz_threshold){ key, v, cz_node_pos(m->keys[i]) };
	}
}

static void read_test(loader *l, const cz_node *m)
{
	static const char *const keys[] = { "debut", "fin", "carnet_commandes", "tresorerie_mois",
					    "charge_travail", "sollicitations_suivies",
					    "cahier_des_charges", "satisfaction", "impact_social",
					    "vision", "energie", "montee_competences", "conditions",
					    "seuils" };
	static const char *const sat_keys[] = { "beneficiaires", "partenaires", "equipe" };
	static const char *const cond_keys[] = { "statut_structure", "calendrier_financeurs", "strategie" };
	const char *path = "test";
	if (!cz_expect_map(&l->s, m, path))
		return;
	cz_check_keys(&l->s, m, path, keys, N(keys));
	cz_test *t = &l->p->test;
	t->present = true;
	const cz_node *n, *fin;
	if ((n = cz_node_get(m, "debut")))
		cz_read_date(&l->s, n, "test.debut", &t->debut);
	if ((fin = cz_node_get(m, "fin")))
		cz_read_date(&l->s, fin, "test.fin", &t->fin);
	if (fin && t->debut.set && t->fin.set &&
	    (t->fin.year * 10000 + t->fin.month * 100 + t->fin.day <
	     t->debut.year * 10000 + t->debut.month * 100 + t->debut.day))
		cz_problems_add(l->s.problems, fin->line, fin->column,
				"«\u00A0test.fin\u00A0» est antérieure à «\u00A0test.debut\u00A0»");
	opt_num(l, m, path, "carnet_commandes", 0, MAX_MONTHS, false, &t->carnet_commandes);
	opt_num(l, m, path, "tresorerie_mois", 0, MAX_MONTHS, false, &t->tresorerie_mois);
	opt_ratio(l, m, path, "charge_travail", 0, MAX_WORKLOAD, &t->charge_travail);
	opt_tristate(l, m, path, "sollicitations_suivies", &t->sollicitations_suivies);
	opt_tristate(l, m, path, "cahier_des_charges", &t->cahier_des_charges);
	if ((n = cz_node_get(m, "satisfaction")) && cz_expect_map(&l->s, n, "test.satisfaction")) {
		const char *sp = "test.satisfaction";
		cz_check_keys(&l->s, n, sp, sat_keys, N(sat_keys));
		opt_num(l, n, sp, "beneficiaires", SCORE_MIN, SCORE_MAX, false, &t->satisfaction_beneficiaires);
		opt_num(l, n, sp, "partenaires", SCORE_MIN, SCORE_MAX, false, &t->satisfaction_partenaires);
		opt_num(l, n, sp, "equipe", SCORE_MIN, SCORE_MAX, false, &t->satisfaction_equipe);
	}
	opt_num(l, m, path, "impact_social", SCORE_MIN, SCORE_MAX, false, &t->impact_social);
	opt_num(l, m, path, "vision", SCORE_MIN, SCORE_MAX, false, &t->vision);
	opt_num(l, m, path, "energie", SCORE_MIN, SCORE_MAX, false, &t->energie);
	opt_num(l, m, path, "montee_competences", SCORE_MIN, SCORE_MAX, false, &t->montee_competences);
	if ((n = cz_node_get(m, "conditions")) && cz_expect_map(&l->s, n, "test.conditions")) {
		const char *cp = "test.conditions";
		cz_check_keys(&l->s, n, cp, cond_keys, N(cond_keys));
		opt_tristate(l, n, cp, "statut_structure", &t->condition_statut_structure);
		opt_tristate(l, n, cp, "calendrier_financeurs", &t->condition_calendrier_financeurs);
		opt_tristate(l, n, cp, "strategie", &t->condition_strategie);
	}
	if ((n = cz_node_get(m, "seuils")))
		read_seuils(l, n);
}

void cz_load_bmc(cz_schema *s, const cz_node *m, const char *path, cz_bmc *out)
{
	static const char *const item_keys[] = { "texte", "pilier", "type" };
	if (!cz_expect_map(s, m, path))
		return;
	out->present = true;
	cz_check_keys(s, m, path, cz_enum_bloc.keys, cz_enum_bloc.count);
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		char bp[256];
		const cz_node *seq = cz_node_get(m, cz_enum_bloc.keys[b]);
		if (!seq)
			continue;
		cz_path_key(bp, sizeof(bp), path, cz_enum_bloc.keys[b]);
		if (cz_node_is_null(seq))
			continue; /* an empty block, written "couts:" */
		if (!cz_expect_seq(s, seq, bp))
			continue;
		out->items[b] = cz_arena_calloc(s->arena, seq->count ? seq->count : 1, sizeof(cz_bmc_item));
		if (!out->items[b]) {
			s->nomem = true;
			return;
		}
		for (size_t i = 0; i < seq->count; i++) {
			const cz_node *it = seq->items[i], *f[N(item_keys)];
			cz_bmc_item item = { NULL, -1, -1, cz_node_pos(it) };
			entry_path ep;
			ep_init(&ep, bp, i);
			if (it->kind == CZ_NODE_MAP) {
				entry_fields(s, it, &ep, item_keys, N(item_keys), f);
				const cz_node *t = field_required(s, it, f[0], &ep, "texte");
				if (!t || !field_string(s, t, &ep, "texte", &item.texte))
					continue;
				const cz_node *pn = f[1];
				if (pn && b != CZ_BLOC_REVENUS)
					cz_problems_add(s->problems, pn->line, pn->column,
							"«\u00A0pilier\u00A0» ne s'emploie que dans le bloc «\u00A0revenus\u00A0»");
				else if (pn)
					field_enum(s, pn, &ep, "pilier", &cz_enum_pilier, &item.pilier);
				const cz_node *tn = f[2];
				if (tn && b != CZ_BLOC_COUTS)
					cz_problems_add(s->problems, tn->line, tn->column,
							"«\u00A0type\u00A0» ne s'emploie que dans le bloc «\u00A0couts\u00A0»");
				else if (tn)
					field_enum(s, tn, &ep, "type", &cz_enum_cout_type, &item.cout_type);
			} else if (cz_string_ok(it)) {
				item.texte = it->text;
			} else if (!cz_read_string(s, it, ep_text(&ep), &item.texte)) {
				continue;
			}
			out->items[b][out->count[b]++] = item;
		}
	}
}

cz_status cz_project_load(const char *data, size_t len, const char *file,
			  const cz_referential *ref, cz_project **out, cz_problems *problems)
{
	static const char *const keys[] = { "version", "projet", "etapes", "competences", "acteurs",
					    "besoins", "offre", "activite", "financements", "test", "bmc" };
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_project *p = cz_arena_alloc(arena, sizeof(*p));
	cz_status st = CZ_ERR_NOMEM;
	if (!p || !(p->file = cz_arena_strdup(arena, file)))
		goto fail;
	p->arena = arena;
	p->text_safe = cz_text_source_safe(data, len) && cz_text_source_safe(p->file, strlen(p->file));
	p->test.sollicitations_suivies = p->test.cahier_des_charges = -1;
	p->test.condition_statut_structure = p->test.condition_calendrier_financeurs =
		p->test.condition_strategie = -1;
	size_t before = problems->count;
	cz_node *root;
	st = cz_yaml_parse(data, len, NULL, arena, problems, &root);
	if (st != CZ_OK && !(st == CZ_ERR_INVALID && root))
		goto fail;
	loader l = { { arena, problems, false }, ref, p };
	if (!cz_expect_map(&l.s, root, "le fichier")) {
		st = CZ_ERR_INVALID;
		goto fail;
	}
	cz_check_keys(&l.s, root, "", keys, N(keys));
	const cz_node *n = cz_require(&l.s, root, "", "version");
	double version;
	if (n && n->kind == CZ_NODE_SCALAR && n->plain && strcmp(n->text, "1") != 0 &&
	    cz_read_number(&l.s, n, "version", 0, 1e9, true, &version))
		cz_problems_add(problems, n->line, n->column,
				"version de format «\u00A0%s\u00A0» non prise en charge\u00A0: seule la version 1 existe",
				n->text);
	else if (n && cz_read_number(&l.s, n, "version", 1, 1, true, &version))
		p->version = 1;
	if ((n = cz_require(&l.s, root, "", "projet")))
		read_projet(&l, n);
	/* Actors first: other sections refer to them by name. */
	if ((n = cz_node_get(root, "acteurs")))
		read_acteurs(&l, n);
	if ((n = cz_node_get(root, "etapes")))
		read_etapes(&l, n);
	if ((n = cz_node_get(root, "competences")))
		read_competences(&l, n);
	if ((n = cz_node_get(root, "besoins")))
		read_besoins(&l, n);
	if ((n = cz_node_get(root, "offre")))
		read_offre(&l, n);
	if ((n = cz_node_get(root, "activite")))
		read_activite(&l, n);
	if ((n = cz_node_get(root, "financements")))
		read_financements(&l, n);
	if ((n = cz_node_get(root, "test")))
		read_test(&l, n);
	if ((n = cz_node_get(root, "bmc")))
		cz_load_bmc(&l.s, n, "bmc", &p->bmc);
	if (l.s.nomem || problems->nomem) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	if (problems->count > before || problems->truncated) {
		st = CZ_ERR_INVALID;
		goto fail;
	}
	*out = p;
	return CZ_OK;
fail:
	cz_problems_sort(problems);
	cz_arena_free(arena);
	return st;
}

static const char *french_errno(int err)
{
	switch (err) {
	case ENOENT:
		return "fichier introuvable";
	case EACCES:
	case EPERM:
		return "accès refusé";
	case EISDIR:
		return "c'est un répertoire, pas un fichier";
	case ENOTDIR:
		return "un élément du chemin n'est pas un répertoire";
	case ENAMETOOLONG:
		return "chemin trop long";
	case ELOOP:
		return "trop de liens symboliques";
	default:
		return cz_errno_str(err);
	}
}

cz_status cz_read_file(const char *path, size_t max, char **data, size_t *len, cz_problems *problems)
{
	*data = NULL;
	*len = 0;
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		cz_problems_add(problems, 0, 0, "lecture impossible\u00A0: %s", french_errno(errno));
		return CZ_ERR_IO;
	}
	cz_status st = CZ_OK;
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		cz_problems_add(problems, 0, 0, "c'est un répertoire, pas un fichier de projet");
		st = CZ_ERR_INVALID;
		goto out;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				cz_problems_add(problems, 0, 0,
						"fichier trop volumineux\u00A0: la limite est de %zu Kio", max / 1024);
				free(buf);
				st = CZ_ERR_INVALID;
				goto out;
			}
			size_t ncap = cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				st = CZ_ERR_NOMEM;
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f)) {
				int err = errno;
				cz_problems_add(problems, 0, 0, "lecture impossible\u00A0: %s",
						err == EISDIR ? "c'est un répertoire, pas un fichier de projet"
							      : french_errno(err));
				free(buf);
				st = err == EISDIR ? CZ_ERR_INVALID : CZ_ERR_IO;
				goto out;
			}
			break;
		}
	}
	if (n > max) {
		cz_problems_add(problems, 0, 0, "fichier trop volumineux\u00A0: la limite est de %zu Kio", max / 1024);
		free(buf);
		st = CZ_ERR_INVALID;
		goto out;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
out:
	if (!is_stdin)
		fclose(f);
	return st;
}

cz_status cz_project_load_file(const char *path, const cz_referential *ref, cz_project **out,
			       cz_problems *problems)
{
	char *data;
	size_t len;
	*out = NULL;
	cz_status st = cz_read_file(path, cz_yaml_default_limits.max_bytes, &data, &len, problems);
	if (st != CZ_OK)
		return st;
	if (len == 0) {
		cz_problems_add(problems, 0, 0, "fichier vide\u00A0: un projet doit contenir au moins «\u00A0version\u00A0» et «\u00A0projet\u00A0»");
		free(data);
		return CZ_ERR_INVALID;
	}
	st = cz_project_load(data, len, path, ref, out, problems);
	free(data);
	return st;
}
