/*
 * Build-time tool: load the built-in referential (templates/referentiel.yaml,
 * compiled in as cz_builtin_referentiel) with the real loader and write it
 * out as static C data, so the binary starts with it already read instead
 * of parsing 56 KB of YAML at every run.
 *   gen_referential OUTPUT.c
 *
 * The output defines cz_builtin_referential_data, the loaded cz_referential
 * field for field: every string, array and pointer. The pointer graph is
 * kept: a string the loader shares between two fields (a step id in
 * `etapes` and in `step_ids`, which project files then point at) is one
 * object here too, and an origin points into the emitted `sources` array.
 * Arrays the loader allocated with no element (it never returns NULL for
 * an empty list) get one zeroed element, so NULL stays NULL and non-NULL
 * non-NULL. tests/unit/test_referential_data.c compares the result with a
 * run-time load, every field.
 *
 * Linked with the library's objects but not with the data it generates:
 * it defines the symbol itself, empty (cz_referential_load_builtin, the
 * only user, is never called here).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "referential.h"

const cz_referential cz_builtin_referential_data = { .arena = NULL };

#define NONE SIZE_MAX

static FILE *body;     /* the arrays, written after the strings they use */
static size_t n_arrays;
static const char **strs; /* every distinct string pointer met, in order */
static size_t n_strs, cap_strs;
static const cz_ref_source *sources;
static size_t n_sources;
static int failed;

static void fail(const char *what)
{
	fprintf(stderr, "gen_referential: %s\n", what);
	failed = 1;
}

/* The name of string `s` (the same pointer always gets the same name). */
static void str(FILE *f, const char *s)
{
	if (!s) {
		fputs("NULL", f);
		return;
	}
	size_t i = 0;
	while (i < n_strs && strs[i] != s)
		i++;
	if (i == n_strs) {
		if (n_strs == cap_strs) {
			size_t cap = cap_strs ? cap_strs * 2 : 1024;
			const char **v = realloc(strs, cap * sizeof(*v));
			if (!v) {
				fail("out of memory");
				fputs("NULL", f);
				return;
			}
			strs = v;
			cap_strs = cap;
		}
		strs[n_strs++] = s;
	}
	fprintf(f, "s%zu", i);
}

static void origin(FILE *f, const cz_ref_source *o)
{
	if (!o)
		fputs("NULL", f);
	else if (o >= sources && o < sources + n_sources)
		fprintf(f, "&src[%td]", o - sources);
	else
		fail("an origin outside the sources");
}

static void num(FILE *f, double v)
{
	if (!isfinite(v))
		fail("a number that is not finite");
	fprintf(f, "%a", v);
}

static const char *boolean(bool b)
{
	return b ? "true" : "false";
}

/* An array's name cast to the field's type, or NULL. */
static void ptr(FILE *f, const char *type, size_t id)
{
	if (id == NONE)
		fputs("NULL", f);
	else
		fprintf(f, "(%s)a%zu", type, id);
}

/* Open the definition of an array of `n` elements (one when the loader
 * allocated it empty); NONE when `p` is NULL. */
static size_t open_array(const void *p, const char *type, size_t n)
{
	if (!p)
		return NONE;
	fprintf(body, "static const %s a%zu[%zu] = {\n", type, n_arrays, n ? n : 1);
	return n_arrays++;
}

static void close_array(void)
{
	fputs("};\n", body);
}

static size_t strings(const char *const *v, size_t n)
{
	size_t id = open_array(v, "char *const", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < n; i++) {
		fputs("\t", body);
		str(body, v[i]);
		fputs(",\n", body);
	}
	if (!n)
		fputs("\tNULL,\n", body);
	close_array();
	return id;
}

static size_t items(const cz_ref_item *v, size_t n)
{
	static const cz_ref_item zero;
	size_t id = open_array(v, "cz_ref_item", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_item *it = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, it->id);
		fputs(", .nom = ", body);
		str(body, it->nom);
		fputs(", .origine = ", body);
		origin(body, it->origine);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static size_t competences(const cz_ref_competence *v, size_t n)
{
	static const cz_ref_competence zero;
	size_t id = open_array(v, "cz_ref_competence", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_competence *c = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, c->id);
		fputs(", .nom = ", body);
		str(body, c->nom);
		fprintf(body, ", .family = %d, .origine = ", c->family);
		origin(body, c->origine);
		fputs(", .origine_famille = ", body);
		origin(body, c->origine_famille);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static void phase(FILE *f, const cz_ref_phase *p)
{
	size_t etapes = items(p->etapes, p->n_etapes);
	size_t comps = competences(p->competences, p->n_competences);
	size_t success = items(p->conditions_reussite, p->n_conditions_reussite);
	fputs("\t\t{ .id = ", f);
	str(f, p->id);
	fputs(", .nom = ", f);
	str(f, p->nom);
	fputs(", .resume = ", f);
	str(f, p->resume);
	fputs(", .point_attention = ", f);
	str(f, p->point_attention);
	fputs(", .origine = ", f);
	origin(f, p->origine);
	fputs(",\n\t\t  .etapes = ", f);
	ptr(f, "cz_ref_item *", etapes);
	fprintf(f, ", .n_etapes = %zu, .competences = ", p->n_etapes);
	ptr(f, "cz_ref_competence *", comps);
	fprintf(f, ", .n_competences = %zu, .conditions_reussite = ", p->n_competences);
	ptr(f, "cz_ref_item *", success);
	fprintf(f, ", .n_conditions_reussite = %zu },\n", p->n_conditions_reussite);
}

static size_t families(const cz_ref_family *v, size_t n)
{
	static const cz_ref_family zero;
	size_t *el = calloc(n ? n : 1, sizeof(*el));
	if (!el) {
		fail("out of memory");
		return NONE;
	}
	for (size_t i = 0; i < n; i++)
		el[i] = strings(v[i].elements, v[i].n_elements);
	size_t id = open_array(v, "cz_ref_family", n);
	for (size_t i = 0; id != NONE && i < (n ? n : 1); i++) {
		const cz_ref_family *fm = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, fm->id);
		fputs(", .nom = ", body);
		str(body, fm->nom);
		fputs(", .resume = ", body);
		str(body, fm->resume);
		fputs(", .elements = ", body);
		ptr(body, "const char **", n ? el[i] : NONE);
		fprintf(body, ", .n_elements = %zu, .origine = ", fm->n_elements);
		origin(body, fm->origine);
		fputs(" },\n", body);
	}
	if (id != NONE)
		close_array();
	free(el);
	return id;
}

static size_t indicators(const cz_ref_indicator *v, size_t n)
{
	static const cz_ref_indicator zero;
	size_t id = open_array(v, "cz_ref_indicator", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_indicator *d = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, d->id);
		fputs(", .nom = ", body);
		str(body, d->nom);
		fputs(", .explication = ", body);
		str(body, d->explication);
		fprintf(body, ",\n\t  .nature = %d, .mesure = %d, .unite = %d, .sens_max = %s, .seuil = ",
			(int)d->nature, (int)d->mesure, (int)d->unite, boolean(d->sens_max));
		num(body, d->seuil);
		fputs(", .seuil_partiel = ", body);
		num(body, d->seuil_partiel);
		fprintf(body, ", .has_partiel = %s, .poids = ", boolean(d->has_partiel));
		num(body, d->poids);
		fprintf(body, ", .critique = %s, .volume_min = ", boolean(d->critique));
		num(body, d->volume_min);
		fputs(",\n\t  .origine = ", body);
		origin(body, d->origine);
		fputs(", .origine_seuils = ", body);
		origin(body, d->origine_seuils);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static size_t conditions(const cz_ref_condition *v, size_t n)
{
	static const cz_ref_condition zero;
	size_t id = open_array(v, "cz_ref_condition", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_condition *c = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, c->id);
		fputs(", .cle = ", body);
		str(body, c->cle);
		fputs(", .nom = ", body);
		str(body, c->nom);
		fputs(", .explication = ", body);
		str(body, c->explication);
		fputs(", .origine = ", body);
		origin(body, c->origine);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static size_t pitfalls(const cz_ref_pitfall *v, size_t n)
{
	static const cz_ref_pitfall zero;
	size_t id = open_array(v, "cz_ref_pitfall", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_pitfall *p = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, p->id);
		fputs(", .nom = ", body);
		str(body, p->nom);
		fputs(", .explication = ", body);
		str(body, p->explication);
		fprintf(body, ", .mesure = %d, .seuil = ", (int)p->mesure);
		num(body, p->seuil);
		fputs(", .origine = ", body);
		origin(body, p->origine);
		fputs(", .origine_seuil = ", body);
		origin(body, p->origine_seuil);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static size_t bmc_items(const cz_bmc_item *v, size_t n)
{
	static const cz_bmc_item zero;
	size_t id = open_array(v, "cz_bmc_item", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_bmc_item *it = n ? &v[i] : &zero;
		fputs("\t{ .texte = ", body);
		str(body, it->texte);
		fprintf(body, ", .pilier = %d, .cout_type = %d, .pos = { .line = %uu, .column = %uu } },\n",
			it->pilier, it->cout_type, it->pos.line, it->pos.column);
	}
	close_array();
	return id;
}

static size_t canvases(const cz_ref_canvas *v, size_t n)
{
	static const cz_ref_canvas zero;
	size_t *bl = calloc((n ? n : 1) * CZ_BLOC_COUNT, sizeof(*bl));
	if (!bl) {
		fail("out of memory");
		return NONE;
	}
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < CZ_BLOC_COUNT; b++)
			bl[i * CZ_BLOC_COUNT + (size_t)b] = bmc_items(v[i].bmc.items[b], v[i].bmc.count[b]);
	size_t id = open_array(v, "cz_ref_canvas", n);
	for (size_t i = 0; id != NONE && i < (n ? n : 1); i++) {
		const cz_ref_canvas *c = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, c->id);
		fputs(", .nom = ", body);
		str(body, c->nom);
		fprintf(body, ",\n\t  .bmc = { .present = %s, .items = { ", boolean(c->bmc.present));
		for (int b = 0; b < CZ_BLOC_COUNT; b++) {
			ptr(body, "cz_bmc_item *", n ? bl[i * CZ_BLOC_COUNT + (size_t)b] : NONE);
			fputs(", ", body);
		}
		fputs("}, .count = { ", body);
		for (int b = 0; b < CZ_BLOC_COUNT; b++)
			fprintf(body, "%zu, ", c->bmc.count[b]);
		fputs("} },\n\t  .origine = ", body);
		origin(body, c->origine);
		fputs(", .origine_etiquettes = ", body);
		origin(body, c->origine_etiquettes);
		fputs(" },\n", body);
	}
	if (id != NONE)
		close_array();
	free(bl);
	return id;
}

static size_t qualities(const cz_ref_quality *v, size_t n)
{
	static const cz_ref_quality zero;
	size_t id = open_array(v, "cz_ref_quality", n);
	if (id == NONE)
		return id;
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const cz_ref_quality *q = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, q->id);
		fputs(", .nom = ", body);
		str(body, q->nom);
		fputs(", .description = ", body);
		str(body, q->description);
		fputs(" },\n", body);
	}
	close_array();
	return id;
}

static size_t missions(const cz_ref_mission *v, size_t n)
{
	static const cz_ref_mission zero;
	size_t *t = calloc(n ? n : 1, sizeof(*t));
	if (!t) {
		fail("out of memory");
		return NONE;
	}
	for (size_t i = 0; i < n; i++)
		t[i] = strings(v[i].taches, v[i].n_taches);
	size_t id = open_array(v, "cz_ref_mission", n);
	for (size_t i = 0; id != NONE && i < (n ? n : 1); i++) {
		const cz_ref_mission *m = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, m->id);
		fputs(", .nom = ", body);
		str(body, m->nom);
		fputs(", .taches = ", body);
		ptr(body, "const char **", n ? t[i] : NONE);
		fprintf(body, ", .n_taches = %zu },\n", m->n_taches);
	}
	if (id != NONE)
		close_array();
	free(t);
	return id;
}

static size_t alerts(const cz_ref_alert *v, size_t n)
{
	static const cz_ref_alert zero;
	size_t *e = calloc(n ? n : 1, sizeof(*e));
	if (!e) {
		fail("out of memory");
		return NONE;
	}
	for (size_t i = 0; i < n; i++)
		e[i] = strings(v[i].etapes, v[i].n_etapes);
	size_t id = open_array(v, "cz_ref_alert", n);
	for (size_t i = 0; id != NONE && i < (n ? n : 1); i++) {
		const cz_ref_alert *a = n ? &v[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, a->id);
		fputs(", .nom = ", body);
		str(body, a->nom);
		fputs(", .raison = ", body);
		str(body, a->raison);
		fprintf(body, ",\n\t  .severite = %d, .etapes = ", (int)a->severite);
		ptr(body, "const char **", n ? e[i] : NONE);
		fprintf(body, ", .n_etapes = %zu, .phases = %uu, .seuil = ", a->n_etapes, a->phases);
		num(body, a->seuil);
		fprintf(body, ", .has_seuil = %s, .origine = ", boolean(a->has_seuil));
		origin(body, a->origine);
		fputs(" },\n", body);
	}
	if (id != NONE)
		close_array();
	free(e);
	return id;
}

/* The sources come first: every origin points into them. */
static void emit_sources(const cz_referential *r)
{
	sources = r->sources;
	n_sources = r->n_sources;
	fprintf(body, "static const cz_ref_source src[%zu] = {\n", n_sources ? n_sources : 1);
	for (size_t i = 0; i < (n_sources ? n_sources : 1); i++) {
		static const cz_ref_source zero;
		const cz_ref_source *s = n_sources ? &sources[i] : &zero;
		fputs("\t{ .id = ", body);
		str(body, s->id);
		fputs(", .titre = ", body);
		str(body, s->titre);
		fputs(", .auteur = ", body);
		str(body, s->auteur);
		fprintf(body, ", .outil = %s },\n", boolean(s->outil));
	}
	close_array();
}

static void emit(const cz_referential *r)
{
	FILE *f = body;
	emit_sources(r);
	size_t fam = families(r->families, r->n_families);
	size_t ind = indicators(r->indicators, r->n_indicators);
	size_t cond = conditions(r->conditions, r->n_conditions);
	size_t pit = pitfalls(r->pitfalls, r->n_pitfalls);
	size_t cons = strings(r->constats, r->n_constats);
	size_t rec = strings(r->bmc_checks.mots_recurrents, r->bmc_checks.n_mots_recurrents);
	size_t pay = strings(r->bmc_checks.mots_payeurs, r->bmc_checks.n_mots_payeurs);
	size_t sal = strings(r->bmc_checks.mots_salaires, r->bmc_checks.n_mots_salaires);
	size_t can = canvases(r->canvases, r->n_canvases);
	size_t qual = qualities(r->qualities, r->n_qualities);
	size_t mis = missions(r->missions, r->n_missions);
	size_t car = items(r->caracteristiques, r->n_caracteristiques);
	size_t pri = items(r->principes, r->n_principes);
	size_t sid = strings(r->step_ids, r->n_step_ids);
	size_t cid = strings(r->competence_ids, r->n_competence_ids);
	size_t ale = alerts(r->alerts, r->n_alerts);

	/* Phases are held inline: their arrays are written first. */
	char *phases_text = NULL;
	size_t phases_len = 0;
	FILE *ph = open_memstream(&phases_text, &phases_len);
	if (!ph) {
		fail("out of memory");
		return;
	}
	for (int p = 0; p < CZ_PHASE_COUNT; p++)
		phase(ph, &r->phases[p]);
	if (fclose(ph) != 0 || !phases_text) {
		fail("out of memory");
		free(phases_text);
		return;
	}

	fputs("const cz_referential cz_builtin_referential_data = {\n", f);
	/* The arena is the copy's (cz_referential_load_builtin); the text is the
	 * compiled-in YAML itself. */
	fprintf(f, "\t.arena = NULL,\n\t.text = cz_builtin_referentiel,\n\t.text_len = %zu,\n", r->text_len);
	fprintf(f, "\t.builtin = true,\n\t.sources = (cz_ref_source *)src,\n\t.n_sources = %zu,\n", r->n_sources);
	fprintf(f, "\t.text_safe = %s,\n", r->text_safe ? "true" : "false");
	fprintf(f, "\t.phases = {\n%s\t},\n", phases_text);
	free(phases_text);
	fputs("\t.families = ", f);
	ptr(f, "cz_ref_family *", fam);
	fprintf(f, ",\n\t.n_families = %zu,\n\t.indicators = ", r->n_families);
	ptr(f, "cz_ref_indicator *", ind);
	fprintf(f, ",\n\t.n_indicators = %zu,\n\t.conditions = ", r->n_indicators);
	ptr(f, "cz_ref_condition *", cond);
	fprintf(f, ",\n\t.n_conditions = %zu,\n", r->n_conditions);

	const cz_ref_verdict_rule *ru = &r->rule;
	fputs("\t.rule = { .part_max_non_renseignes = ", f);
	num(f, ru->part_max_non_renseignes);
	fputs(", .score_go = ", f);
	num(f, ru->score_go);
	fputs(", .score_no_go = ", f);
	num(f, ru->score_no_go);
	fprintf(f, ",\n\t\t  .critique_non_renseigne_incomplet = %s, .explication = ",
		boolean(ru->critique_non_renseigne_incomplet));
	str(f, ru->explication);
	fputs(", .origine = ", f);
	origin(f, ru->origine);
	fputs(" },\n\t.pitfalls = ", f);
	ptr(f, "cz_ref_pitfall *", pit);
	fprintf(f, ",\n\t.n_pitfalls = %zu,\n\t.pillars = {\n", r->n_pitfalls);
	for (int p = 0; p < CZ_PILIER_COUNT; p++) {
		const cz_ref_pillar *pl = &r->pillars[p];
		fputs("\t\t{ .id = ", f);
		str(f, pl->id);
		fputs(", .nom = ", f);
		str(f, pl->nom);
		fputs(", .explication = ", f);
		str(f, pl->explication);
		fputs(", .services_min = ", f);
		num(f, pl->services_min);
		fputs(", .origine = ", f);
		origin(f, pl->origine);
		fputs(", .origine_seuil = ", f);
		origin(f, pl->origine_seuil);
		fputs(" },\n", f);
	}
	const cz_ref_dashboard *d = &r->dashboard;
	fprintf(f, "\t},\n\t.dashboard = { .present = %s, .taux_benevolat = ", boolean(d->present));
	num(f, d->taux_benevolat);
	fputs(", .source_taux = ", f);
	str(f, d->source_taux);
	fputs(", .part_max_pilier = ", f);
	num(f, d->part_max_pilier);
	fputs(",\n\t\t       .explication = ", f);
	str(f, d->explication);
	fputs(", .origine = ", f);
	origin(f, d->origine);
	fputs(" },\n\t.constats = ", f);
	ptr(f, "const char **", cons);
	fprintf(f, ",\n\t.n_constats = %zu,\n\t.origine_constats = ", r->n_constats);
	origin(f, r->origine_constats);
	fputs(",\n\t.bmc_attribution = ", f);
	str(f, r->bmc_attribution);
	fputs(",\n\t.origine_bmc = ", f);
	origin(f, r->origine_bmc);

	const cz_ref_bmc_checks *k = &r->bmc_checks;
	fprintf(f, ",\n\t.bmc_checks = { .present = %s, .piliers_min = ", boolean(k->present));
	num(f, k->piliers_min);
	fprintf(f, ", .cibles_recurrentes = %uu,\n\t\t\t.mots_recurrents = ", k->cibles_recurrentes);
	ptr(f, "const char **", rec);
	fputs(", .mots_payeurs = ", f);
	ptr(f, "const char **", pay);
	fputs(", .mots_salaires = ", f);
	ptr(f, "const char **", sal);
	fprintf(f, ",\n\t\t\t.n_mots_recurrents = %zu, .n_mots_payeurs = %zu, .n_mots_salaires = %zu, .origine = ",
		k->n_mots_recurrents, k->n_mots_payeurs, k->n_mots_salaires);
	origin(f, k->origine);
	fputs(" },\n\t.blocks = {\n", f);
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		fputs("\t\t{ .id = ", f);
		str(f, r->blocks[b].id);
		fputs(", .nom = ", f);
		str(f, r->blocks[b].nom);
		fputs(", .question = ", f);
		str(f, r->blocks[b].question);
		fputs(" },\n", f);
	}
	fputs("\t},\n\t.canvases = ", f);
	ptr(f, "cz_ref_canvas *", can);
	fprintf(f, ",\n\t.n_canvases = %zu,\n\t.concierge_role = ", r->n_canvases);
	str(f, r->concierge_role);
	fputs(",\n\t.origine_concierge = ", f);
	origin(f, r->origine_concierge);
	fputs(",\n\t.qualities = ", f);
	ptr(f, "cz_ref_quality *", qual);
	fprintf(f, ",\n\t.n_qualities = %zu,\n\t.missions = ", r->n_qualities);
	ptr(f, "cz_ref_mission *", mis);
	fprintf(f, ",\n\t.n_missions = %zu,\n\t.definition_resume = ", r->n_missions);
	str(f, r->definition_resume);
	fputs(",\n\t.origine_definition = ", f);
	origin(f, r->origine_definition);
	fputs(",\n\t.caracteristiques = ", f);
	ptr(f, "cz_ref_item *", car);
	fprintf(f, ",\n\t.n_caracteristiques = %zu,\n\t.principes = ", r->n_caracteristiques);
	ptr(f, "cz_ref_item *", pri);
	fprintf(f, ",\n\t.n_principes = %zu,\n\t.step_ids = ", r->n_principes);
	ptr(f, "const char **", sid);
	fprintf(f, ",\n\t.n_step_ids = %zu,\n\t.competence_ids = ", r->n_step_ids);
	ptr(f, "const char **", cid);
	fprintf(f, ",\n\t.n_competence_ids = %zu,\n\t.alerts = ", r->n_competence_ids);
	ptr(f, "cz_ref_alert *", ale);
	fprintf(f, ",\n\t.n_alerts = %zu,\n};\n", r->n_alerts);
}

/* A C string literal: printable ASCII as is, every other byte in octal
 * (three digits, so a following digit is never taken in; `?` too, against
 * trigraphs under -std=c11). */
static void literal(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '?')
			fputc(*p, f);
		else
			fprintf(f, "\\%03o", *p);
	}
	fputc('"', f);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_referential OUTPUT.c\n");
		return 2;
	}
	cz_problems pb;
	cz_problems_init(&pb, "templates/referentiel.yaml");
	cz_referential *r = NULL;
	cz_status st = cz_referential_load(cz_builtin_referentiel, cz_builtin_referentiel_len, &r, &pb);
	if (st != CZ_OK) {
		fprintf(stderr, "gen_referential: the built-in referential does not load (%s)\n",
			cz_status_str(st));
		for (size_t i = 0; i < pb.count; i++)
			fprintf(stderr, "templates/referentiel.yaml:%u:%u: %s\n", pb.items[i].line,
				pb.items[i].column, pb.items[i].message);
		cz_problems_free(&pb);
		return 1;
	}
	cz_problems_free(&pb);
	char *body_text = NULL;
	size_t body_len = 0;
	body = open_memstream(&body_text, &body_len);
	if (body)
		emit(r);
	else
		fail("out of memory");
	int bad = failed;
	if (body && fclose(body) != 0)
		bad = 1;
	FILE *out = bad ? NULL : fopen(argv[1], "w");
	if (!bad && !out) {
		perror(argv[1]);
		bad = 1;
	}
	if (out) {
		fputs("/* Generated by tools/gen_referential.c from templates/referentiel.yaml. Do not edit. */\n"
		      "#include <stddef.h>\n\n#include \"referential.h\"\n\n", out);
		for (size_t i = 0; i < n_strs; i++) {
			fprintf(out, "static const char s%zu[] = ", i);
			literal(out, strs[i]);
			fputs(";\n", out);
		}
		fputs(body_text, out);
		if (ferror(out))
			bad = 1;
		if (fclose(out) != 0)
			bad = 1;
		if (bad) {
			fprintf(stderr, "gen_referential: write error\n");
			remove(argv[1]);
		}
	}
	free(body_text);
	free(strs);
	cz_referential_free(r);
	return bad ? 1 : 0;
}
