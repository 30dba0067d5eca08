/*
 * The methodology referential (SPEC §4): phases with their steps and
 * competences, competence families, test-phase indicators, conditions and
 * verdict rule, pitfalls, viability pillars, canvas blocks and example
 * canvases, the concierge role and the definition.
 *
 * The built-in one is templates/referentiel.yaml compiled into the binary; an
 * amended file goes through the same validating loader. All strings are
 * owned by the referential's arena, released by cz_referential_free().
 */
#ifndef CZ_REFERENTIAL_H
#define CZ_REFERENTIAL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "status.h"

typedef struct {
	const char *id, *nom;
} cz_ref_item;

typedef struct {
	const char *id, *nom;
	int family; /* index in cz_referential.families */
} cz_ref_competence;

typedef struct {
	const char *id, *nom, *resume;
	const char *point_attention; /* NULL when the phase has none */
	cz_ref_item *etapes;
	size_t n_etapes;
	cz_ref_competence *competences;
	size_t n_competences;
} cz_ref_phase;

typedef struct {
	const char *id, *nom, *resume;
	const char **elements;
	size_t n_elements;
} cz_ref_family;

typedef enum { CZ_IND_QUANTITATIF, CZ_IND_QUALITATIF, CZ_IND_NATURE_COUNT } cz_ind_nature;
typedef enum { CZ_UNIT_MOIS, CZ_UNIT_RATIO, CZ_UNIT_PART, CZ_UNIT_NOTE, CZ_UNIT_BOOLEEN, CZ_UNIT_COUNT } cz_ind_unit;

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
} cz_ref_indicator;

typedef struct {
	const char *id, *cle, *nom, *explication;
} cz_ref_condition;

typedef struct {
	double part_max_non_renseignes; /* above: INCOMPLET */
	double score_go;                /* at or above (and no critical miss, conditions met): GO */
	double score_no_go;             /* below: NO-GO */
	bool critique_non_renseigne_incomplet; /* a critical indicator non renseigné: INCOMPLET */
	const char *explication;
} cz_ref_verdict_rule;

typedef struct {
	const char *id, *nom, *explication;
	cz_measure mesure;
	double seuil;
} cz_ref_pitfall;

typedef struct {
	const char *id, *nom, *explication;
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
} cz_ref_dashboard;

typedef struct {
	const char *id, *nom, *question;
} cz_ref_block;

typedef struct {
	const char *id, *nom;
	cz_bmc bmc;
} cz_ref_canvas;

/* Optional `bmc.controles`: what the canvas checks look for (bmc command).
 * Words are matched as substrings, ignoring case and accents. */
typedef struct {
	bool present;
	double piliers_min;          /* fewer pillars than this: the model is not hybrid */
	unsigned cibles_recurrentes; /* bit (1u << cz_cible): clients whose recurring contracts count */
	const char **mots_recurrents, **mots_payeurs, **mots_salaires;
	size_t n_mots_recurrents, n_mots_payeurs, n_mots_salaires;
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
} cz_ref_alert;

typedef struct {
	cz_arena *arena;
	const char *text; /* the YAML source, as loaded (printed by `referentiel`) */
	size_t text_len;
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
	const char *bmc_attribution;
	cz_ref_bmc_checks bmc_checks;
	cz_ref_block blocks[CZ_BLOC_COUNT]; /* indexed by cz_bloc */
	cz_ref_canvas *canvases;
	size_t n_canvases;
	const char *concierge_role;
	cz_ref_quality *qualities;
	size_t n_qualities;
	cz_ref_mission *missions;
	size_t n_missions;
	const char *definition_resume;
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

/* The built-in referential's YAML text (templates/referentiel.yaml). */
extern const char cz_builtin_referentiel[];
extern const size_t cz_builtin_referentiel_len;

#endif
