#include "referential.h"

#include <string.h>

#include "enums.h"
#include "loader.h"
#include "schema.h"
#include "text.h"
#include "yaml_tree.h"

const char *const cz_measure_keys[CZ_MES_COUNT] = {
	"carnet_commandes", "demande", "couverture_charges", "reseau_prestataires",
	"sollicitations", "charge_travail", "satisfaction", "cahier_des_charges",
	"impact_social", "vision", "energie", "montee_competences", "couples_prioritaires",
};


static const char *const nature_keys[] = { "quantitatif", "qualitatif" };
static const char *const nature_labels[] = { "quantitatif", "qualitatif" };
static const cz_enum nature_enum = { nature_keys, nature_labels, 2 };
static const char *const unit_keys[] = { "mois", "ratio", "part", "note", "booleen", "pour_mille" };
static const cz_enum unit_enum = { unit_keys, unit_keys, CZ_UNIT_COUNT };
static const char *const sens_keys[] = { "min", "max" };
static const cz_enum sens_enum = { sens_keys, sens_keys, 2 };
static const cz_enum measure_enum = { cz_measure_keys, cz_measure_keys, CZ_MES_COUNT };

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
	cz_schema s;
	cz_referential *ref;
	/* ids seen so far, to refuse duplicates across the whole file */
	const char **ids;
	const cz_node **id_nodes;
	size_t n_ids, cap_ids;
	const char **source_ids; /* ids of ref->sources, for look-ups */
} ctx;

/* Read an `id` and remember it; duplicates across the file are errors. */
static bool read_id(ctx *c, const cz_node *map, const char *path, const char **out)
{
	const cz_node *n = cz_require(&c->s, map, path, "id");
	char p[256];
	if (!n || !cz_read_string(&c->s, n, cz_path_key(p, sizeof(p), path, "id"), out))
		return false;
	for (size_t i = 0; i < c->n_ids; i++) {
		if (strcmp(c->ids[i], *out) == 0) {
			char ex[64];
			cz_problems_add(c->s.problems, n->line, n->column,
					"identifiant «\u00A0%s\u00A0» en double (déjà utilisé ligne %u)",
					cz_excerpt(*out, strlen(*out), ex, sizeof(ex)), c->id_nodes[i]->line);
			return false;
		}
	}
	if (c->n_ids == c->cap_ids) {
		size_t cap = c->cap_ids ? c->cap_ids * 2 : 128;
		const char **ids = cz_arena_calloc(c->s.arena, cap, sizeof(*ids));
		const cz_node **nodes = cz_arena_calloc(c->s.arena, cap, sizeof(*nodes));
		if (!ids || !nodes) {
			c->s.nomem = true;
			return false;
		}
		if (c->n_ids) {
			memcpy(ids, c->ids, c->n_ids * sizeof(*ids));
			memcpy(nodes, c->id_nodes, c->n_ids * sizeof(*nodes));
		}
		c->ids = ids;
		c->id_nodes = nodes;
		c->cap_ids = cap;
	}
	c->ids[c->n_ids] = *out;
	c->id_nodes[c->n_ids++] = n;
	return true;
}

/* The sequence under `key`, or NULL (reported) when missing or not a list. */
static const cz_node *req_seq(ctx *c, const cz_node *map, const char *path, const char *key)
{
	char p[256];
	const cz_node *n = cz_require(&c->s, map, path, key);
	if (n && !cz_expect_seq(&c->s, n, cz_path_key(p, sizeof(p), path, key)))
		return NULL;
	return n;
}

/* `sources`: the documents the method comes from; the tool's own source
 * comes first, whether the section is there or not. */
static void read_sources(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "titre", "auteur" };
	cz_referential *r = c->ref;
	size_t n = seq ? seq->count : 0;
	r->sources = cz_schema_array(&c->s, n + 1, sizeof(*r->sources));
	c->source_ids = cz_schema_array(&c->s, n + 1, sizeof(*c->source_ids));
	if (!r->sources || !c->source_ids)
		return;
	r->sources[0] = (cz_ref_source){ CZ_ORIGIN_TOOL, "réglage par défaut de l'outil", NULL, true };
	c->source_ids[0] = CZ_ORIGIN_TOOL;
	r->n_sources = 1;
	for (size_t i = 0; i < n; i++) {
		char p[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "sources", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_source *src = &r->sources[r->n_sources];
		const cz_node *idn = cz_node_get(m, "id");
		if (idn && idn->kind == CZ_NODE_SCALAR && strcmp(idn->text, CZ_ORIGIN_TOOL) == 0) {
			cz_problems_add(c->s.problems, idn->line, idn->column,
					"«\u00A0%s\u00A0» est réservé à l'outil\u00A0: donnez un autre identifiant à cette source",
					CZ_ORIGIN_TOOL);
			continue;
		}
		if (!read_id(c, m, p, &src->id))
			continue;
		cz_field_string(&c->s, m, p, "titre", true, &src->titre);
		cz_field_string(&c->s, m, p, "auteur", false, &src->auteur);
		if (!src->titre)
			continue;
		c->source_ids[r->n_sources++] = src->id;
	}
}

/* The origin named by `key` in `map` (a source id), or `dflt` when absent. */
static const cz_ref_source *read_origin(ctx *c, const cz_node *map, const char *path, const char *key,
					const cz_ref_source *dflt)
{
	const cz_node *n = map && map->kind == CZ_NODE_MAP ? cz_node_get(map, key) : NULL;
	if (!n || !c->ref->sources)
		return dflt;
	char q[256];
	const char *found;
	cz_path_key(q, sizeof(q), path, key);
	if (!cz_read_ref(&c->s, n, "source", c->source_ids, c->ref->n_sources, &found))
		return dflt;
	for (size_t i = 0; i < c->ref->n_sources; i++)
		if (c->ref->sources[i].id == found)
			return &c->ref->sources[i];
	return dflt;
}

/* The tool's own source: the origin of whatever no document gives. */
static const cz_ref_source *tool(const ctx *c)
{
	return c->ref->sources;
}

static void read_items(ctx *c, const cz_node *seq, const char *path, cz_ref_item **out, size_t *count,
		       const cz_ref_source *origine)
{
	*out = cz_schema_array(&c->s, seq->count, sizeof(**out));
	if (!*out)
		return;
	static const char *const keys[] = { "id", "nom", "origine" };
	for (size_t i = 0; i < seq->count; i++) {
		char p[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), path, i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_item *it = &(*out)[(*count)++];
		read_id(c, m, p, &it->id);
		cz_field_string(&c->s, m, p, "nom", true, &it->nom);
		it->origine = read_origin(c, m, p, "origine", origine);
	}
}

static void check_phase_prefix(ctx *c, const cz_node *map, const char *id, const char *phase)
{
	size_t l = strlen(phase);
	if (id && (strncmp(id, phase, l) != 0 || id[l] != '.')) {
		const cz_node *n = cz_node_get(map, "id");
		char ex[64];
		cz_problems_add(c->s.problems, n->line, n->column, "l'identifiant «\u00A0%s\u00A0» doit commencer par «\u00A0%s.\u00A0»",
				cz_excerpt(id, strlen(id), ex, sizeof(ex)), phase);
	}
}

static void read_phases(ctx *c, const cz_node *seq, const cz_node *families_seq)
{
	cz_referential *r = c->ref;
	static const char *const keys[] = { "id", "nom", "resume", "point_attention", "origine", "origine_famille",
					    "etapes", "competences", "conditions_reussite" };
	static const char *const comp_keys[] = { "id", "nom", "famille", "origine", "origine_famille" };
	bool seen[CZ_PHASE_COUNT] = { false };
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "phases", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		const cz_node *idn = cz_require(&c->s, m, p, "id");
		int ph;
		if (!idn || !cz_read_enum(&c->s, idn, cz_path_key(q, sizeof(q), p, "id"), &cz_enum_phase, &ph))
			continue;
		if (seen[ph]) {
			cz_problems_add(c->s.problems, idn->line, idn->column, "phase «\u00A0%s\u00A0» en double",
					idn->text);
			continue;
		}
		seen[ph] = true;
		cz_ref_phase *phase = &r->phases[ph];
		phase->id = cz_enum_phase.keys[ph];
		cz_field_string(&c->s, m, p, "nom", true, &phase->nom);
		cz_field_string(&c->s, m, p, "resume", true, &phase->resume);
		cz_field_string(&c->s, m, p, "point_attention", false, &phase->point_attention);
		phase->origine = read_origin(c, m, p, "origine", tool(c));
		const cz_ref_source *family_origin = read_origin(c, m, p, "origine_famille", tool(c));

		const cz_node *steps = req_seq(c, m, p, "etapes");
		if (steps) {
			read_items(c, steps, cz_path_key(q, sizeof(q), p, "etapes"), &phase->etapes,
				   &phase->n_etapes, phase->origine);
			/* read_items skips items that are not maps: pair the k-th step
			 * read with the k-th map of the list, not the k-th item. */
			for (size_t k = 0, it = 0; k < steps->count && it < phase->n_etapes; k++)
				if (steps->items[k]->kind == CZ_NODE_MAP)
					check_phase_prefix(c, steps->items[k], phase->etapes[it++].id,
							   phase->id);
		}
		const cz_node *success = cz_node_get(m, "conditions_reussite");
		if (success && cz_expect_seq(&c->s, success, cz_path_key(q, sizeof(q), p, "conditions_reussite"))) {
			read_items(c, success, q, &phase->conditions_reussite, &phase->n_conditions_reussite,
				   phase->origine);
			for (size_t k = 0, it = 0; k < success->count && it < phase->n_conditions_reussite; k++)
				if (success->items[k]->kind == CZ_NODE_MAP)
					check_phase_prefix(c, success->items[k],
							   phase->conditions_reussite[it++].id, phase->id);
		}
		const cz_node *comps = req_seq(c, m, p, "competences");
		if (!comps)
			continue;
		phase->competences = cz_schema_array(&c->s, comps->count, sizeof(cz_ref_competence));
		if (!phase->competences)
			return;
		for (size_t k = 0; k < comps->count; k++) {
			char cp[256];
			const cz_node *cm = comps->items[k];
			cz_path_index(cp, sizeof(cp), cz_path_key(q, sizeof(q), p, "competences"), k);
			if (!cz_expect_map(&c->s, cm, cp))
				continue;
			cz_check_keys(&c->s, cm, cp, comp_keys, N(comp_keys));
			cz_ref_competence *comp = &phase->competences[phase->n_competences++];
			read_id(c, cm, cp, &comp->id);
			check_phase_prefix(c, cm, comp->id, phase->id);
			cz_field_string(&c->s, cm, cp, "nom", true, &comp->nom);
			comp->origine = read_origin(c, cm, cp, "origine", phase->origine);
			comp->origine_famille = read_origin(c, cm, cp, "origine_famille", family_origin);
			comp->family = -1;
			const cz_node *fam = cz_require(&c->s, cm, cp, "famille");
			if (!fam || fam->kind != CZ_NODE_SCALAR || !families_seq)
				continue;
			/* Families are read first; match by id. */
			const char *fam_ids[64];
			size_t nf = r->n_families < 64 ? r->n_families : 64;
			for (size_t f = 0; f < nf; f++)
				fam_ids[f] = r->families[f].id ? r->families[f].id : "";
			const char *found;
			if (cz_read_ref(&c->s, fam, "famille de compétences", fam_ids, nf, &found))
				for (size_t f = 0; f < nf; f++)
					if (fam_ids[f] == found)
						comp->family = (int)f;
		}
	}
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		if (!seen[ph])
			cz_problems_add(c->s.problems, seq->line, seq->column,
					"la phase «\u00A0%s\u00A0» manque dans «\u00A0phases\u00A0»", cz_enum_phase.keys[ph]);
}

static void read_families(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "nom", "resume", "elements", "origine" };
	cz_referential *r = c->ref;
	r->families = cz_schema_array(&c->s, seq->count, sizeof(*r->families));
	if (!r->families)
		return;
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "familles", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_family *f = &r->families[r->n_families++];
		read_id(c, m, p, &f->id);
		cz_field_string(&c->s, m, p, "nom", true, &f->nom);
		cz_field_string(&c->s, m, p, "resume", false, &f->resume);
		f->origine = read_origin(c, m, p, "origine", tool(c));
		const cz_node *el = cz_require(&c->s, m, p, "elements");
		if (el)
			cz_read_strings(&c->s, el, cz_path_key(q, sizeof(q), p, "elements"), &f->elements,
					&f->n_elements);
	}
}

static void read_number_field(ctx *c, const cz_node *m, const char *p, const char *key,
			      double min, double max, bool required, double *out, bool *set)
{
	char q[256];
	const cz_node *n = required ? cz_require(&c->s, m, p, key) : cz_node_get(m, key);
	if (n && cz_read_number(&c->s, n, cz_path_key(q, sizeof(q), p, key), min, max, false, out) && set)
		*set = true;
}

/* A ratio (1 = 100 %): a value written as a percentage gets told how to write it. */
static void read_ratio_field(ctx *c, const cz_node *m, const char *p, const char *key, bool required,
			     double *out)
{
	char q[256];
	const cz_node *n = required ? cz_require(&c->s, m, p, key) : cz_node_get(m, key);
	if (n)
		cz_read_ratio(&c->s, n, cz_path_key(q, sizeof(q), p, key), 0, 1, out);
}

static void read_indicators(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "nom", "nature", "mesure", "unite", "sens", "seuil",
					     "seuil_partiel", "volume_min", "poids", "critique", "explication",
					     "origine", "origine_seuils" };
	cz_referential *r = c->ref;
	r->indicators = cz_schema_array(&c->s, seq->count, sizeof(*r->indicators));
	if (!r->indicators)
		return;
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "indicateurs", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_indicator *ind = &r->indicators[r->n_indicators++];
		read_id(c, m, p, &ind->id);
		cz_field_string(&c->s, m, p, "nom", true, &ind->nom);
		cz_field_string(&c->s, m, p, "explication", true, &ind->explication);
		int v;
		const cz_node *n;
		if ((n = cz_require(&c->s, m, p, "nature")) &&
		    cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "nature"), &nature_enum, &v))
			ind->nature = (cz_ind_nature)v;
		if ((n = cz_require(&c->s, m, p, "mesure")) &&
		    cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "mesure"), &measure_enum, &v)) {
			ind->mesure = (cz_measure)v;
			for (size_t k = 0; k + 1 < r->n_indicators; k++)
				if (r->indicators[k].mesure == ind->mesure) {
					const char *other = r->indicators[k].id ? r->indicators[k].id : "?";
					char ex[64];
					cz_problems_add(c->s.problems, n->line, n->column,
							"mesure «\u00A0%s\u00A0» déjà utilisée par l'indicateur «\u00A0%s\u00A0»", n->text,
							cz_excerpt(other, strlen(other), ex, sizeof(ex)));
				}
		}
		if ((n = cz_require(&c->s, m, p, "unite")) &&
		    cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "unite"), &unit_enum, &v))
			ind->unite = (cz_ind_unit)v;
		if ((n = cz_node_get(m, "sens")) &&
		    cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "sens"), &sens_enum, &v))
			ind->sens_max = v == 1;
		read_number_field(c, m, p, "seuil", 0, 1000, true, &ind->seuil, NULL);
		read_number_field(c, m, p, "seuil_partiel", 0, 1000, false, &ind->seuil_partiel,
				  &ind->has_partiel);
		ind->poids = 1;
		read_number_field(c, m, p, "poids", 0, 100, false, &ind->poids, NULL);
		read_number_field(c, m, p, "volume_min", 0, 1e6, false, &ind->volume_min, NULL);
		ind->origine = read_origin(c, m, p, "origine", tool(c));
		ind->origine_seuils = read_origin(c, m, p, "origine_seuils", tool(c));
		if ((n = cz_node_get(m, "critique")))
			cz_read_bool(&c->s, n, cz_path_key(q, sizeof(q), p, "critique"), &ind->critique);
		if (ind->has_partiel && (ind->sens_max ? ind->seuil_partiel < ind->seuil
						       : ind->seuil_partiel > ind->seuil)) {
			n = cz_node_get(m, "seuil_partiel");
			cz_problems_add(c->s.problems, n->line, n->column,
					"«\u00A0%s.seuil_partiel\u00A0» doit être %s que «\u00A0seuil\u00A0»", p,
					ind->sens_max ? "plus grand" : "plus petit");
		}
	}
	/* The score is Σ(poids × credit) / Σpoids: with every weight at 0 there
	 * is no score, and the verdict would be a NO-GO nothing could change. */
	double total = 0;
	bool all_read = r->n_indicators == seq->count;
	for (size_t i = 0; i < r->n_indicators; i++)
		total += r->indicators[i].poids;
	if (r->n_indicators > 0 && all_read && !(total > 0))
		cz_problems_add(c->s.problems, seq->line, seq->column,
				"«\u00A0indicateurs\u00A0»\u00A0: tous les poids valent 0, le score du test ne peut pas se "
				"calculer\u202F; donnez un poids positif à au moins un indicateur");
}

static void read_conditions(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "cle", "nom", "explication", "origine" };
	static const char *const known[] = { "statut_structure", "calendrier_financeurs", "strategie" };
	cz_referential *r = c->ref;
	r->conditions = cz_schema_array(&c->s, seq->count, sizeof(*r->conditions));
	if (!r->conditions)
		return;
	for (size_t i = 0; i < seq->count; i++) {
		char p[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "conditions", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_condition *cd = &r->conditions[r->n_conditions++];
		read_id(c, m, p, &cd->id);
		cz_field_string(&c->s, m, p, "nom", true, &cd->nom);
		cz_field_string(&c->s, m, p, "explication", false, &cd->explication);
		cd->origine = read_origin(c, m, p, "origine", tool(c));
		const cz_node *n = cz_require(&c->s, m, p, "cle");
		if (n)
			cz_read_ref(&c->s, n, "clé de condition", known, N(known), &cd->cle);
	}
}

static void read_rule(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "part_max_non_renseignes", "score_go", "score_no_go",
					    "critique_non_renseigne_incomplet", "explication", "origine" };
	const char *p = "regle_verdict";
	if (!cz_expect_map(&c->s, m, p))
		return;
	cz_check_keys(&c->s, m, p, keys, N(keys));
	cz_ref_verdict_rule *rule = &c->ref->rule;
	read_ratio_field(c, m, p, "part_max_non_renseignes", true, &rule->part_max_non_renseignes);
	read_ratio_field(c, m, p, "score_go", true, &rule->score_go);
	read_ratio_field(c, m, p, "score_no_go", true, &rule->score_no_go);
	const cz_node *n = cz_node_get(m, "critique_non_renseigne_incomplet");
	if (n)
		cz_read_bool(&c->s, n, "regle_verdict.critique_non_renseigne_incomplet",
			     &rule->critique_non_renseigne_incomplet);
	cz_field_string(&c->s, m, p, "explication", true, &rule->explication);
	rule->origine = read_origin(c, m, p, "origine", tool(c));
	if (rule->score_no_go > rule->score_go)
		cz_problems_add(c->s.problems, m->line, m->column,
				"«\u00A0score_no_go\u00A0» doit être inférieur ou égal à «\u00A0score_go\u00A0»");
}

static void read_pitfalls(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "nom", "mesure", "seuil", "explication", "origine", "origine_seuil" };
	cz_referential *r = c->ref;
	r->pitfalls = cz_schema_array(&c->s, seq->count, sizeof(*r->pitfalls));
	if (!r->pitfalls)
		return;
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "pieges", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_pitfall *pf = &r->pitfalls[r->n_pitfalls++];
		read_id(c, m, p, &pf->id);
		cz_field_string(&c->s, m, p, "nom", true, &pf->nom);
		cz_field_string(&c->s, m, p, "explication", true, &pf->explication);
		int v;
		const cz_node *n = cz_require(&c->s, m, p, "mesure");
		if (n && cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "mesure"), &measure_enum, &v))
			pf->mesure = (cz_measure)v;
		read_number_field(c, m, p, "seuil", 0, 1000, true, &pf->seuil, NULL);
		pf->origine = read_origin(c, m, p, "origine", tool(c));
		pf->origine_seuil = read_origin(c, m, p, "origine_seuil", pf->origine);
	}
}

static void read_pillars(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "nom", "explication", "services_min", "origine", "origine_seuil" };
	bool seen[CZ_PILIER_COUNT] = { false };
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "piliers", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		const cz_node *idn = cz_require(&c->s, m, p, "id");
		int v;
		if (!idn || !cz_read_enum(&c->s, idn, cz_path_key(q, sizeof(q), p, "id"), &cz_enum_pilier, &v))
			continue;
		if (seen[v]) {
			cz_problems_add(c->s.problems, idn->line, idn->column, "pilier «\u00A0%s\u00A0» en double", idn->text);
			continue;
		}
		seen[v] = true;
		cz_ref_pillar *pl = &c->ref->pillars[v];
		pl->id = cz_enum_pilier.keys[v];
		cz_field_string(&c->s, m, p, "nom", true, &pl->nom);
		cz_field_string(&c->s, m, p, "explication", true, &pl->explication);
		pl->origine = read_origin(c, m, p, "origine", tool(c));
		pl->origine_seuil = read_origin(c, m, p, "origine_seuil", tool(c));
		const cz_node *sm = cz_node_get(m, "services_min");
		if (sm && v != CZ_PILIER_ACTIVITE)
			cz_problems_add(c->s.problems, sm->line, sm->column,
					"«\u00A0services_min\u00A0» ne s'emploie que pour le pilier «\u00A0activite\u00A0»");
		else if (sm)
			cz_read_number(&c->s, sm, cz_path_key(q, sizeof(q), p, "services_min"), 0, 100, true,
				       &pl->services_min);
	}
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		if (!seen[v])
			cz_problems_add(c->s.problems, seq->line, seq->column,
					"le pilier «\u00A0%s\u00A0» manque dans «\u00A0piliers\u00A0»", cz_enum_pilier.keys[v]);
}

/* Optional `tableau_de_bord:` (the activity dashboard's volunteer rate and
 * diversification threshold). */
static void read_dashboard(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "taux_benevolat", "source_taux_benevolat",
					     "part_max_pilier", "explication", "origine" };
	const char *p = "tableau_de_bord";
	if (!cz_expect_map(&c->s, m, p))
		return;
	cz_check_keys(&c->s, m, p, keys, N(keys));
	cz_ref_dashboard *d = &c->ref->dashboard;
	d->present = true;
	read_number_field(c, m, p, "taux_benevolat", 0, 1000, true, &d->taux_benevolat, NULL);
	cz_field_string(&c->s, m, p, "source_taux_benevolat", true, &d->source_taux);
	read_ratio_field(c, m, p, "part_max_pilier", true, &d->part_max_pilier);
	cz_field_string(&c->s, m, p, "explication", true, &d->explication);
	d->origine = read_origin(c, m, p, "origine", tool(c));
}

/* `bmc.controles` (optional): every key is required once the section is there. */
static void read_bmc_checks(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "piliers_min", "cibles_recurrentes", "mots_recurrents",
					    "mots_payeurs", "mots_salaires", "origine" };
	static const char *const p = "bmc.controles";
	cz_ref_bmc_checks *k = &c->ref->bmc_checks;
	char q[256];
	if (!cz_expect_map(&c->s, m, p))
		return;
	cz_check_keys(&c->s, m, p, keys, N(keys));
	k->present = true;
	k->origine = read_origin(c, m, p, "origine", tool(c));
	const cz_node *n = cz_require(&c->s, m, p, "piliers_min");
	if (n)
		cz_read_number(&c->s, n, cz_path_key(q, sizeof(q), p, "piliers_min"), 0,
			       CZ_PILIER_COUNT, true, &k->piliers_min);
	const cz_node *cibles = req_seq(c, m, p, "cibles_recurrentes");
	for (size_t i = 0; cibles && i < cibles->count; i++) {
		int v;
		cz_path_index(q, sizeof(q), "bmc.controles.cibles_recurrentes", i);
		if (cz_read_enum(&c->s, cibles->items[i], q, &cz_enum_cible, &v))
			k->cibles_recurrentes |= 1u << v;
	}
	if ((n = cz_require(&c->s, m, p, "mots_recurrents")))
		cz_read_strings(&c->s, n, cz_path_key(q, sizeof(q), p, "mots_recurrents"),
				&k->mots_recurrents, &k->n_mots_recurrents);
	if ((n = cz_require(&c->s, m, p, "mots_payeurs")))
		cz_read_strings(&c->s, n, cz_path_key(q, sizeof(q), p, "mots_payeurs"),
				&k->mots_payeurs, &k->n_mots_payeurs);
	if ((n = cz_require(&c->s, m, p, "mots_salaires")))
		cz_read_strings(&c->s, n, cz_path_key(q, sizeof(q), p, "mots_salaires"),
				&k->mots_salaires, &k->n_mots_salaires);
}

static void read_bmc(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "attribution", "origine", "controles", "blocs", "modeles" };
	static const char *const block_keys[] = { "id", "nom", "question" };
	static const char *const canvas_keys[] = { "id", "nom", "blocs", "origine", "origine_etiquettes" };
	cz_referential *r = c->ref;
	if (!cz_expect_map(&c->s, m, "bmc"))
		return;
	cz_check_keys(&c->s, m, "bmc", keys, N(keys));
	cz_field_string(&c->s, m, "bmc", "attribution", true, &r->bmc_attribution);
	r->origine_bmc = read_origin(c, m, "bmc", "origine", tool(c));
	const cz_node *checks = cz_node_get(m, "controles");
	if (checks)
		read_bmc_checks(c, checks);
	const cz_node *blocks = req_seq(c, m, "bmc", "blocs");
	bool seen[CZ_BLOC_COUNT] = { false };
	for (size_t i = 0; blocks && i < blocks->count; i++) {
		char p[256], q[256];
		const cz_node *b = blocks->items[i];
		cz_path_index(p, sizeof(p), "bmc.blocs", i);
		if (!cz_expect_map(&c->s, b, p))
			continue;
		cz_check_keys(&c->s, b, p, block_keys, N(block_keys));
		const cz_node *idn = cz_require(&c->s, b, p, "id");
		int v;
		if (!idn || !cz_read_enum(&c->s, idn, cz_path_key(q, sizeof(q), p, "id"), &cz_enum_bloc, &v))
			continue;
		if (seen[v]) {
			cz_problems_add(c->s.problems, idn->line, idn->column, "bloc «\u00A0%s\u00A0» en double", idn->text);
			continue;
		}
		seen[v] = true;
		r->blocks[v].id = cz_enum_bloc.keys[v];
		cz_field_string(&c->s, b, p, "nom", true, &r->blocks[v].nom);
		cz_field_string(&c->s, b, p, "question", true, &r->blocks[v].question);
	}
	for (int v = 0; blocks && v < CZ_BLOC_COUNT; v++)
		if (!seen[v])
			cz_problems_add(c->s.problems, blocks->line, blocks->column,
					"le bloc «\u00A0%s\u00A0» manque dans «\u00A0bmc.blocs\u00A0»", cz_enum_bloc.keys[v]);
	const cz_node *models = req_seq(c, m, "bmc", "modeles");
	if (!models)
		return;
	r->canvases = cz_schema_array(&c->s, models->count, sizeof(*r->canvases));
	if (!r->canvases)
		return;
	for (size_t i = 0; i < models->count; i++) {
		char p[256], q[256];
		const cz_node *cm = models->items[i];
		cz_path_index(p, sizeof(p), "bmc.modeles", i);
		if (!cz_expect_map(&c->s, cm, p))
			continue;
		cz_check_keys(&c->s, cm, p, canvas_keys, N(canvas_keys));
		cz_ref_canvas *cv = &r->canvases[r->n_canvases++];
		read_id(c, cm, p, &cv->id);
		cz_field_string(&c->s, cm, p, "nom", true, &cv->nom);
		cv->origine = read_origin(c, cm, p, "origine", r->origine_bmc);
		cv->origine_etiquettes = read_origin(c, cm, p, "origine_etiquettes", tool(c));
		const cz_node *bl = cz_require(&c->s, cm, p, "blocs");
		if (bl)
			cz_load_bmc(&c->s, bl, cz_path_key(q, sizeof(q), p, "blocs"), &cv->bmc);
	}
}

static void read_concierge(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "role", "origine", "qualites", "missions" };
	static const char *const q_keys[] = { "id", "nom", "description" };
	static const char *const m_keys[] = { "id", "nom", "taches" };
	cz_referential *r = c->ref;
	if (!cz_expect_map(&c->s, m, "concierge"))
		return;
	cz_check_keys(&c->s, m, "concierge", keys, N(keys));
	cz_field_string(&c->s, m, "concierge", "role", true, &r->concierge_role);
	r->origine_concierge = read_origin(c, m, "concierge", "origine", tool(c));
	const cz_node *qs = req_seq(c, m, "concierge", "qualites");
	if (qs && (r->qualities = cz_schema_array(&c->s, qs->count, sizeof(*r->qualities)))) {
		for (size_t i = 0; i < qs->count; i++) {
			char p[256];
			const cz_node *qm = qs->items[i];
			cz_path_index(p, sizeof(p), "concierge.qualites", i);
			if (!cz_expect_map(&c->s, qm, p))
				continue;
			cz_check_keys(&c->s, qm, p, q_keys, N(q_keys));
			cz_ref_quality *ql = &r->qualities[r->n_qualities++];
			read_id(c, qm, p, &ql->id);
			cz_field_string(&c->s, qm, p, "nom", true, &ql->nom);
			cz_field_string(&c->s, qm, p, "description", true, &ql->description);
		}
	}
	const cz_node *ms = req_seq(c, m, "concierge", "missions");
	if (ms && (r->missions = cz_schema_array(&c->s, ms->count, sizeof(*r->missions)))) {
		for (size_t i = 0; i < ms->count; i++) {
			char p[256], q[256];
			const cz_node *mm = ms->items[i];
			cz_path_index(p, sizeof(p), "concierge.missions", i);
			if (!cz_expect_map(&c->s, mm, p))
				continue;
			cz_check_keys(&c->s, mm, p, m_keys, N(m_keys));
			cz_ref_mission *mi = &r->missions[r->n_missions++];
			read_id(c, mm, p, &mi->id);
			cz_field_string(&c->s, mm, p, "nom", true, &mi->nom);
			const cz_node *t = cz_require(&c->s, mm, p, "taches");
			if (t)
				cz_read_strings(&c->s, t, cz_path_key(q, sizeof(q), p, "taches"),
						&mi->taches, &mi->n_taches);
		}
	}
}

static void read_definition(ctx *c, const cz_node *m)
{
	static const char *const keys[] = { "resume", "origine", "caracteristiques", "principes" };
	cz_referential *r = c->ref;
	if (!cz_expect_map(&c->s, m, "definition"))
		return;
	cz_check_keys(&c->s, m, "definition", keys, N(keys));
	cz_field_string(&c->s, m, "definition", "resume", true, &r->definition_resume);
	r->origine_definition = read_origin(c, m, "definition", "origine", tool(c));
	const cz_node *n = req_seq(c, m, "definition", "caracteristiques");
	if (n)
		read_items(c, n, "definition.caracteristiques", &r->caracteristiques, &r->n_caracteristiques,
			   r->origine_definition);
	n = req_seq(c, m, "definition", "principes");
	if (n)
		read_items(c, n, "definition.principes", &r->principes, &r->n_principes, r->origine_definition);
}

/* Optional `alertes:`; step ids are checked, so this runs after collect_ids. */
static void read_alerts(ctx *c, const cz_node *seq)
{
	static const char *const keys[] = { "id", "nom", "severite", "etapes", "phases", "seuil", "raison", "origine" };
	cz_referential *r = c->ref;
	r->alerts = cz_schema_array(&c->s, seq->count, sizeof(*r->alerts));
	if (!r->alerts)
		return;
	for (size_t i = 0; i < seq->count; i++) {
		char p[256], q[256], e[256];
		const cz_node *m = seq->items[i];
		cz_path_index(p, sizeof(p), "alertes", i);
		if (!cz_expect_map(&c->s, m, p))
			continue;
		cz_check_keys(&c->s, m, p, keys, N(keys));
		cz_ref_alert *al = &r->alerts[r->n_alerts++];
		read_id(c, m, p, &al->id);
		cz_field_string(&c->s, m, p, "nom", true, &al->nom);
		cz_field_string(&c->s, m, p, "raison", true, &al->raison);
		int v;
		const cz_node *n = cz_require(&c->s, m, p, "severite");
		if (n && cz_read_enum(&c->s, n, cz_path_key(q, sizeof(q), p, "severite"), &cz_enum_severity, &v))
			al->severite = (cz_severity)v;
		read_number_field(c, m, p, "seuil", 0, 1000, false, &al->seuil, &al->has_seuil);
		al->origine = read_origin(c, m, p, "origine", tool(c));
		/* Without valid phases every step would be "unknown": say it once, there. */
		if ((n = cz_node_get(m, "etapes")) && r->n_step_ids > 0 &&
		    cz_expect_seq(&c->s, n, cz_path_key(q, sizeof(q), p, "etapes"))) {
			al->etapes = cz_schema_array(&c->s, n->count, sizeof(char *));
			for (size_t k = 0; al->etapes && k < n->count; k++)
				if (cz_read_ref(&c->s, n->items[k], "étape", r->step_ids, r->n_step_ids,
						&al->etapes[al->n_etapes]))
					al->n_etapes++;
		}
		if ((n = cz_node_get(m, "phases")) && cz_expect_seq(&c->s, n, cz_path_key(q, sizeof(q), p, "phases"))) {
			for (size_t k = 0; k < n->count; k++)
				if (cz_read_enum(&c->s, n->items[k], cz_path_index(e, sizeof(e), q, k),
						 &cz_enum_phase, &v))
					al->phases |= 1u << v;
		}
	}
}

static void collect_ids(ctx *c)
{
	cz_referential *r = c->ref;
	size_t ns = 0, nc = 0;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		ns += r->phases[ph].n_etapes;
		nc += r->phases[ph].n_competences;
	}
	r->step_ids = cz_schema_array(&c->s, ns, sizeof(char *));
	r->competence_ids = cz_schema_array(&c->s, nc, sizeof(char *));
	if (!r->step_ids || !r->competence_ids)
		return;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		for (size_t i = 0; i < r->phases[ph].n_etapes; i++)
			if (r->phases[ph].etapes[i].id)
				r->step_ids[r->n_step_ids++] = r->phases[ph].etapes[i].id;
		for (size_t i = 0; i < r->phases[ph].n_competences; i++)
			if (r->phases[ph].competences[i].id)
				r->competence_ids[r->n_competence_ids++] = r->phases[ph].competences[i].id;
	}
}

cz_status cz_referential_load(const char *data, size_t len, cz_referential **out,
			      cz_problems *problems)
{
	static const char *const keys[] = { "version", "sources", "phases", "familles", "indicateurs", "conditions",
					    "regle_verdict", "pieges", "piliers", "tableau_de_bord", "constats",
					    "origine_constats", "bmc", "concierge", "definition", "alertes" };
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_referential *r = cz_arena_alloc(arena, sizeof(*r));
	if (!r) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	r->arena = arena;
	size_t before = problems->count;
	cz_node *root;
	cz_status st = cz_yaml_parse(data, len, NULL, arena, problems, &root);
	if (st != CZ_OK && !(st == CZ_ERR_INVALID && root))
		goto fail;
	ctx c = { { arena, problems, false }, r, NULL, NULL, 0, 0, NULL };
	if (!cz_expect_map(&c.s, root, "")) {
		st = CZ_ERR_INVALID;
		goto fail;
	}
	cz_check_keys(&c.s, root, "", keys, N(keys));
	double version;
	const cz_node *n = cz_require(&c.s, root, "", "version");
	if (n && cz_read_number(&c.s, n, "version", 1, 1, true, &version)) {
		/* only version 1 exists */
	}
	/* Sources first: every other section names its origin among them. */
	n = cz_node_get(root, "sources");
	read_sources(&c, n && cz_expect_seq(&c.s, n, "sources") ? n : NULL);
	if (!r->sources) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	const cz_node *fam = req_seq(&c, root, "", "familles");
	if (fam)
		read_families(&c, fam);
	if ((n = req_seq(&c, root, "", "phases")))
		read_phases(&c, n, fam);
	if ((n = req_seq(&c, root, "", "indicateurs")))
		read_indicators(&c, n);
	if ((n = req_seq(&c, root, "", "conditions")))
		read_conditions(&c, n);
	if ((n = cz_require(&c.s, root, "", "regle_verdict")))
		read_rule(&c, n);
	if ((n = req_seq(&c, root, "", "pieges")))
		read_pitfalls(&c, n);
	if ((n = req_seq(&c, root, "", "piliers")))
		read_pillars(&c, n);
	if ((n = cz_node_get(root, "tableau_de_bord")))
		read_dashboard(&c, n);
	if ((n = cz_require(&c.s, root, "", "constats")))
		cz_read_strings(&c.s, n, "constats", &r->constats, &r->n_constats);
	r->origine_constats = read_origin(&c, root, "", "origine_constats", tool(&c));
	if ((n = cz_require(&c.s, root, "", "bmc")))
		read_bmc(&c, n);
	if ((n = cz_require(&c.s, root, "", "concierge")))
		read_concierge(&c, n);
	if ((n = cz_require(&c.s, root, "", "definition")))
		read_definition(&c, n);
	collect_ids(&c);
	if ((n = cz_node_get(root, "alertes")) && cz_expect_seq(&c.s, n, "alertes"))
		read_alerts(&c, n);
	if (c.s.nomem || problems->nomem) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	if (problems->count > before || problems->truncated) {
		st = CZ_ERR_INVALID;
		goto fail;
	}
	/* Keep our own copy: `referentiel` prints it after the caller's buffer is gone. */
	r->text = cz_arena_strndup(arena, data, len);
	r->text_len = len;
	r->text_safe = cz_text_source_safe(data, len);
	if (!r->text) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	*out = r;
	return CZ_OK;
fail:
	cz_problems_sort(problems);
	cz_arena_free(arena);
	return st;
}

/* The built-in referential was loaded at build time (tools/gen_referential.c):
 * the caller gets its own copy of the top structure, in an arena of its own
 * so that cz_referential_free() works the same, and shares the static data
 * under it, which nothing frees. There is nothing left to report. */
cz_status cz_referential_load_builtin(cz_referential **out, cz_problems *problems)
{
	(void)problems;
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_referential *r = cz_arena_alloc_raw(arena, sizeof(*r));
	if (!r) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	memcpy(r, &cz_builtin_referential_data, sizeof(*r)); /* padding too: byte-equal to the data */
	r->arena = arena;
	*out = r;
	return CZ_OK;
}

void cz_referential_free(cz_referential *ref)
{
	if (ref)
		cz_arena_free(ref->arena);
}

/* The referential's ids are unique: the id's very pointer (a caller
 * holding one of the referential's own strings) is looked for first, in a
 * pass without comparing texts, then its text. */
static bool find_in_phases(const cz_referential *ref, const char *id, bool steps, cz_phase *phase,
			   size_t *index)
{
	for (int by_text = 0; by_text < 2; by_text++) {
		for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
			const cz_ref_phase *p = &ref->phases[ph];
			size_t n = steps ? p->n_etapes : p->n_competences;
			for (size_t i = 0; i < n; i++) {
				const char *item = steps ? p->etapes[i].id : p->competences[i].id;
				if (item && (by_text ? strcmp(item, id) == 0 : item == id)) {
					if (phase)
						*phase = (cz_phase)ph;
					if (index)
						*index = i;
					return true;
				}
			}
		}
	}
	return false;
}

bool cz_ref_find_step(const cz_referential *ref, const char *id, cz_phase *phase, size_t *index)
{
	return find_in_phases(ref, id, true, phase, index);
}

bool cz_ref_find_competence(const cz_referential *ref, const char *id, cz_phase *phase, size_t *index)
{
	return find_in_phases(ref, id, false, phase, index);
}

const cz_ref_indicator *cz_ref_indicator_for(const cz_referential *ref, cz_measure m)
{
	for (size_t i = 0; i < ref->n_indicators; i++)
		if (ref->indicators[i].mesure == m)
			return &ref->indicators[i];
	return NULL;
}

const cz_ref_alert *cz_ref_alert_find(const cz_referential *ref, const char *id)
{
	for (size_t i = 0; i < ref->n_alerts; i++)
		if (ref->alerts[i].id && strcmp(ref->alerts[i].id, id) == 0)
			return &ref->alerts[i];
	return NULL;
}

const char *cz_ref_phase_name(const cz_referential *ref, cz_phase ph)
{
	const char *n = ref->phases[ph].nom;
	return n && *n ? n : cz_enum_label(&cz_enum_phase, ph);
}

double cz_ref_services_min(const cz_referential *ref)
{
	return ref->pillars[CZ_PILIER_ACTIVITE].services_min;
}

const cz_ref_canvas *cz_ref_canvas_find(const cz_referential *ref, const char *id)
{
	for (size_t i = 0; i < ref->n_canvases; i++)
		if (strcmp(ref->canvases[i].id, id) == 0)
			return &ref->canvases[i];
	return NULL;
}
