/*
 * The methodology referential (SPEC §4): phases with their steps and
 * competences, competence families, test-phase indicators, conditions and
 * verdict rule, pitfalls, viability pillars, canvas blocks and example
 * canvases, the concierge role and the definition.
 *
 * The built-in one is templates/referentiel.yaml compiled into the binary,
 * already loaded at build time; an amended file goes through the same
 * validating loader at run time. All strings are owned by the referential's
 * arena, released by cz_referential_free(), except the built-in one's,
 * which are static.
 *
 * Origins: every item says where it comes from (`origine`), one of the
 * documents of `sources` or the reserved "outil", a default of the tool
 * that the working group's documents do not give (a threshold, a weight,
 * a rule, a classification). Items inherit the origin of what holds them
 * (a phase's steps and competences, a section's items) unless they give
 * their own; an absent origin is "outil". Values the tool adds to an item
 * taken from a document have an origin of their own (an indicator's
 * thresholds: `origine_seuils`; a competence's family: `origine_famille`).
 */
#ifndef CZ_REFERENTIAL_H
#define CZ_REFERENTIAL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "status.h"

/* A document the method is drawn from, or the tool itself (`outil`). */
typedef struct {
	const char *id;
	const char *titre;  /* the document's title; for the tool, "réglage par défaut de l'outil" */
	const char *auteur; /* who wrote it, when; NULL for the tool */
	bool outil;         /* a default of the tool, adjustable */
} cz_ref_source;

/* The id of the tool's own source. */
#define CZ_ORIGIN_TOOL "outil"

typedef struct {
	const char *id, *nom;
	const cz_ref_source *origine;
} cz_ref_item;

typedef struct {
	const char *id, *nom;
	int family; /* index in cz_referential.families */
	const cz_ref_source *origine;         /* the wording */
	const cz_ref_source *origine_famille; /* the classification in a family */
} cz_ref_competence;

typedef struct {
	const char *id, *nom, *resume;
	const char *point_attention; /* NULL when the phase has none */
	const cz_ref_source *origine; /* of the phase, its summary and point of attention */
	cz_ref_item *etapes;
	size_t n_etapes;
	cz_ref_competence *competences;
	size_t n_competences;
	cz_ref_item *conditions_reussite; /* success conditions of the phase (optional) */
	size_t n_conditions_reussite;
} cz_ref_phase;

typedef struct {
	const char *id, *nom, *resume;
	const char **elements;
	size_t n_elements;
	const cz_ref_source *origine;
} cz_ref_family;

typedef enum { CZ_IND_QUANTITATIF, CZ_IND_QUALITATIF, CZ_IND_NATURE_COUNT } cz_ind_nature;
/* pour_mille: a monthly count per 1,000 people of the territory. */
typedef enum {
	CZ_UNIT_MOIS, CZ_UNIT_RATIO, CZ_UNIT_PART, CZ_UNIT_NOTE, CZ_UNIT_BOOLEEN, CZ_UNIT_POUR_MILLE,
	CZ_UNIT_COUNT
} cz_ind_unit;

/* The computations the code knows; an indicator's `mesure` names one. */
typedef enum {
	CZ_MES_CARNET_COMMANDES, CZ_MES_DEMANDE, CZ_MES_COUVERTURE_CHARGES,
	CZ_MES_RESEAU_PRESTATAIRES, CZ_MES_SOLLICITATIONS, CZ_MES_CHARGE_TRAVAIL,
	CZ_MES_SATISFACTION, CZ_MES_CAHIER_DES_CHARGES, CZ_MES_IMPACT_SOCIAL, CZ_MES_VISION,
	CZ_MES_ENERGIE, CZ_MES_MONTEE_COMPETENCES, CZ_MES_COUPLES_PRIORITAIRES, CZ_MES_COUNT
} cz_measure;

extern const char *const cz_measure_keys[CZ_MES_COUNT];

typedef struct {
	const char *id, *nom, *explication;
	cz_ind_nature nature;
	cz_measure mesure;
	cz_ind_unit unite;
	bool sens_max;      /* true: lower is better (value <= seuil) */
	double seuil;       /* "atteint" threshold */
	double seuil_partiel;
	bool has_partiel;
	double poids;
	bool critique;
	/* `volume_min` (demande only): monthly requests, on average, below
	 * which the indicator cannot be atteint; 0 when absent. */
	double volume_min;
	const cz_ref_source *origine;        /* the indicator itself */
	const cz_ref_source *origine_seuils; /* seuil, seuil_partiel, volume_min, poids, critique */
} cz_ref_indicator;

typedef struct {
	const char *id, *cle, *nom, *explication;
	const cz_ref_source *origine;
} cz_ref_condition;

typedef struct {
	double part_max_non_renseignes; /* above: INCOMPLET */
	double score_go;                /* at or above (and no critical miss, conditions met): GO */
	double score_no_go;             /* below: NO-GO */
	bool critique_non_renseigne_incomplet; /* a critical indicator non renseigné: INCOMPLET */
	const char *explication;
	const cz_ref_source *origine;
} cz_ref_verdict_rule;

typedef struct {
	const char *id, *nom, *explication;
	cz_measure mesure;
	double seuil;
	const cz_ref_source *origine;       /* the pitfall */
	const cz_ref_source *origine_seuil; /* its threshold */
} cz_ref_pitfall;

typedef struct {
	const char *id, *nom, *explication;
	/* `services_min` (multiactivity pillar): distinct services with revenue
	 * or orders for the pillar to count; 0 when absent. */
	double services_min;
	const cz_ref_source *origine;
	const cz_ref_source *origine_seuil; /* of services_min */
} cz_ref_pillar;

/* Activity dashboard settings (optional `tableau_de_bord:`); `present` is
 * false when the section is absent, and `indicators` then values no
 * volunteer hour unless asked to and only flags a single-pillar model. */
typedef struct {
	bool present;
	double taux_benevolat;     /* euros per volunteer hour */
	const char *source_taux;   /* where that rate comes from */
	double part_max_pilier;    /* above this share, the model rests on one pillar */
	const char *explication;   /* why diversification matters */
	const cz_ref_source *origine;
} cz_ref_dashboard;

typedef struct {
	const char *id, *nom, *question;
} cz_ref_block;

typedef struct {
	const char *id, *nom;
	cz_bmc bmc;
	const cz_ref_source *origine;            /* the canvas's items */
	const cz_ref_source *origine_etiquettes; /* the pillar and cost-type tags on them */
} cz_ref_canvas;

/* Optional `bmc.controles`: what the canvas checks look for (bmc command).
 * Words are matched as substrings, ignoring case and accents. */
typedef struct {
	bool present;
	double piliers_min;          /* fewer pillars than this: the model is not hybrid */
	unsigned cibles_recurrentes; /* bit (1u << cz_cible): clients whose recurring contracts count */
	const char **mots_recurrents, **mots_payeurs, **mots_salaires;
	size_t n_mots_recurrents, n_mots_payeurs, n_mots_salaires;
	const cz_ref_source *origine;
} cz_ref_bmc_checks;

typedef struct {
	const char *id, *nom, *description;
} cz_ref_quality;

typedef struct {
	const char *id, *nom;
	const char **taches;
	size_t n_taches;
} cz_ref_mission;

/* Diagnostic alerts (optional `alertes:`): the data of each rule; `diag`
 * holds the detection logic, keyed by id. */
typedef struct {
	const char *id, *nom, *raison;
	cz_severity severite;
	const char **etapes; /* related step ids, checked against the phases */
	size_t n_etapes;
	unsigned phases; /* declared phases where the rule applies: bit (1u << cz_phase); 0 = all */
	double seuil;    /* a rule's own threshold, when it has one */
	bool has_seuil;
	const cz_ref_source *origine; /* of the rule: detection, severity, threshold */
} cz_ref_alert;

typedef struct {
	cz_arena *arena;
	const char *text; /* the YAML source, as loaded (printed by `referentiel`) */
	size_t text_len;
	bool builtin;     /* the referential compiled in, not an amended file */
	/* Its text holds nothing an output must not carry, nor any escape
	 * that could make it (cz_text_source_safe). */
	bool text_safe;
	cz_ref_source *sources; /* sources[0] is the tool ("outil"), then `sources` */
	size_t n_sources;
	cz_ref_phase phases[CZ_PHASE_COUNT]; /* indexed by cz_phase */
	cz_ref_family *families;
	size_t n_families;
	cz_ref_indicator *indicators;
	size_t n_indicators;
	cz_ref_condition *conditions;
	size_t n_conditions;
	cz_ref_verdict_rule rule;
	cz_ref_pitfall *pitfalls;
	size_t n_pitfalls;
	cz_ref_pillar pillars[CZ_PILIER_COUNT]; /* indexed by cz_pilier */
	cz_ref_dashboard dashboard;
	const char **constats;
	size_t n_constats;
	const cz_ref_source *origine_constats;
	const char *bmc_attribution;
	const cz_ref_source *origine_bmc; /* the nine blocks and their questions */
	cz_ref_bmc_checks bmc_checks;
	cz_ref_block blocks[CZ_BLOC_COUNT]; /* indexed by cz_bloc */
	cz_ref_canvas *canvases;
	size_t n_canvases;
	const char *concierge_role;
	const cz_ref_source *origine_concierge;
	cz_ref_quality *qualities;
	size_t n_qualities;
	cz_ref_mission *missions;
	size_t n_missions;
	const char *definition_resume;
	const cz_ref_source *origine_definition;
	cz_ref_item *caracteristiques;
	size_t n_caracteristiques;
	cz_ref_item *principes;
	size_t n_principes;
	/* Every step id and every competence id, for look-ups and suggestions. */
	const char **step_ids;
	size_t n_step_ids;
	const char **competence_ids;
	size_t n_competence_ids;
	cz_ref_alert *alerts; /* optional section; NULL when absent */
	size_t n_alerts;
} cz_referential;

/* The referential compiled into the binary. */
cz_status cz_referential_load_builtin(cz_referential **out, cz_problems *problems);
/* Parse and validate a referential from memory (`file` names it in messages). */
cz_status cz_referential_load(const char *data, size_t len, cz_referential **out,
			      cz_problems *problems);
void cz_referential_free(cz_referential *ref);

/* Phase and index of a step / competence id; false when unknown. */
bool cz_ref_find_step(const cz_referential *ref, const char *id, cz_phase *phase, size_t *index);
bool cz_ref_find_competence(const cz_referential *ref, const char *id, cz_phase *phase,
			    size_t *index);
/* The indicator computing `m`, or NULL. */
const cz_ref_indicator *cz_ref_indicator_for(const cz_referential *ref, cz_measure m);
const cz_ref_canvas *cz_ref_canvas_find(const cz_referential *ref, const char *id);
/* The alert rule `id`, or NULL when the referential does not define it. */
const cz_ref_alert *cz_ref_alert_find(const cz_referential *ref, const char *id);
/* A phase's name as the reports show it: the referential's `nom`, or the
 * built-in label when it has none. */
const char *cz_ref_phase_name(const cz_referential *ref, cz_phase ph);
/* The pillar's minimum of services for multiactivity (services_min of the
 * `activite` pillar), 0 when the referential sets none. */
double cz_ref_services_min(const cz_referential *ref);

/* The built-in referential's YAML text (templates/referentiel.yaml). */
extern const char cz_builtin_referentiel[];
extern const size_t cz_builtin_referentiel_len;
/* The same, as cz_referential_load() reads it, written out as static data at
 * build time (tools/gen_referential.c): what cz_referential_load_builtin()
 * returns a copy of. Its arena is NULL; its text is cz_builtin_referentiel. */
extern const cz_referential cz_builtin_referential_data;

#endif
