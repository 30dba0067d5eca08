/*
 * The four-phase diagnostic of a project (SPEC §5, `diag`): where the
 * project stands in each phase, the phase its steps support versus the one
 * it declares, competence coverage of the declared phase, the needs and the
 * offer, alerts with their methodological reason, and the next actions.
 *
 * Definitions (every threshold and label comes from the referential):
 *
 *   progress of a phase = (steps fait + 1/2 en_cours) / applicable steps,
 *     where applicable = every step of the phase except `sans_objet`, and a
 *     step absent from the file counts as à faire. A phase whose steps are
 *     all `sans_objet` has no progress (has_ratio false) and counts as
 *     reached.
 *
 *   supported phase = the furthest phase P such that every phase before P
 *     reaches the threshold (`seuil` of the alert rule diag.phase-en-avance;
 *     every applicable step when the rule has none).
 *
 *   blocking steps = the steps not yet `fait` (nor `sans_objet`) of every
 *     phase before the declared one whose progress is under the threshold;
 *     "left behind" steps are those of every earlier phase.
 *
 *   overlap = the declared phase is ahead only of the phase just before it,
 *     and the referential's rule diag.chevauchement-test-lancement applies
 *     to the declared phase (seed 000: test and launch are often
 *     intertwined). Then that rule (attention) speaks instead of
 *     diag.phase-en-avance (critique), which stays for real jumps.
 *
 *   definition = what the data says of the definition of seed 002: whether
 *     the conciergerie relays local providers (an offer with a
 *     prestataire), also provides services itself (an offer without one),
 *     offers several services (lib/multiactivity.h), works with a network
 *     of actors, has a hybrid model (pillars of revenue and funding, loans
 *     left out) and creates employment (salaried hours or carrier). What
 *     the data cannot tell is said to be so.
 *
 *   The starter's placeholders (lib/starter.h) are shown as such and not
 *   counted: placeholder needs and offers are left out of the ranking, the
 *   priority count, the matching and the definition.
 *
 * The result borrows the project and the referential, which must outlive it.
 */
#ifndef CZ_DIAG_H
#define CZ_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "coverage.h"
#include "model.h"
#include "multiactivity.h"
#include "referential.h"
#include "starter.h"
#include "status.h"
#include "testphase.h"

/* The number of next actions the diagnostic proposes (at most). */
#define CZ_DIAG_ACTIONS 5

typedef struct {
	const cz_ref_item *step;
	cz_phase phase;
	cz_step_status status; /* CZ_STEP_A_FAIRE when absent from the file */
	bool recorded;         /* false: absent from the file */
} cz_diag_step;

typedef struct {
	cz_phase phase;
	cz_diag_step *steps; /* every step of the phase, in referential order */
	size_t n_steps;
	size_t done, in_progress, todo, not_applicable; /* todo includes unrecorded */
	size_t unrecorded;
	size_t applicable; /* n_steps - not_applicable */
	double ratio;      /* progress in [0, 1]; meaningful when has_ratio */
	bool has_ratio;    /* false when no step applies */
	bool reached;      /* ratio >= threshold, or no step applies */
} cz_diag_phase;

/* How the offer answers a need. An offer answers a need when their names
 * match, ignoring case and accents: the words of one name are a run of
 * the words of the other, or they share a significant word (5 letters or
 * more, not a common word such as « pendant »). The best answering offer
 * is the one with the same name, else the one aimed at the need's cible,
 * else a priority one (file order last); its priority gives the answer.
 * Offers that only share the need's cible are a weaker, separate answer. */
typedef enum {
	CZ_DIAG_ANSWER_PRIORITY,   /* the best answering offer is a priority one */
	CZ_DIAG_ANSWER_OTHER,      /* it is not a priority offer */
	CZ_DIAG_ANSWER_SAME_CIBLE, /* no offer of that name; some aim at the same cible */
	CZ_DIAG_ANSWER_NONE,       /* no offer of that name nor for that cible */
	CZ_DIAG_ANSWER_UNKNOWN,    /* no offer of that name, and the need has no cible */
	CZ_DIAG_ANSWER_COUNT
} cz_diag_answer;

extern const char *const cz_diag_answer_keys[CZ_DIAG_ANSWER_COUNT];
extern const char *const cz_diag_answer_labels[CZ_DIAG_ANSWER_COUNT];

typedef struct {
	const cz_need *need;
	cz_diag_answer answer;
	const cz_offer *offer; /* the best answering offer (by name), or NULL */
	size_t n_offers;       /* offers answering by name */
	const cz_offer **same_cible; /* CZ_DIAG_ANSWER_SAME_CIBLE: offers of that cible, priority first */
	size_t n_same_cible;
} cz_diag_need;

/* Whether an offer named `service` answers a need named `besoin` (see above). */
bool cz_diag_names_match(const char *service, const char *besoin);

typedef struct {
	const cz_ref_alert *rule;
	char *detail;        /* what was found in this project, one French sentence */
	const char **steps;  /* step ids to act on (not yet fait), in referential order */
	size_t n_steps;
} cz_diag_alert;

typedef enum {
	CZ_DIAG_ACT_ALERT,    /* a step a critical alert points to */
	CZ_DIAG_ACT_BLOCKING, /* a blocking step of an earlier phase */
	CZ_DIAG_ACT_STEP,     /* a remaining step of the declared phase */
	CZ_DIAG_ACT_SKILL,    /* a competence gap of the declared phase */
	CZ_DIAG_ACT_COUNT
} cz_diag_action_kind;

extern const char *const cz_diag_action_keys[CZ_DIAG_ACT_COUNT];

typedef struct {
	cz_diag_action_kind kind;
	const char *id, *label; /* a step or competence of the referential */
	cz_phase phase;
	const char *status_label; /* the step status or competence level, in French */
	const cz_ref_alert *alert; /* CZ_DIAG_ACT_ALERT only */
} cz_diag_action;

/* The project against the definition (seed 002). */
typedef enum { CZ_DEF_MET, CZ_DEF_MISSED, CZ_DEF_UNKNOWN, CZ_DEF_STATE_COUNT } cz_def_state;

extern const char *const cz_def_state_keys[CZ_DEF_STATE_COUNT];   /* "respecte", "manque", "non_verifiable" */
extern const char *const cz_def_state_labels[CZ_DEF_STATE_COUNT]; /* "oui", "non", "à vérifier" */

typedef struct {
	const char *id;    /* the referential's characteristic or principle, or "definition" */
	const char *nom;   /* its wording; for "definition", the words of the summary it rests on */
	bool principle;    /* a principle (else a characteristic, or the summary) */
	cz_def_state state;
	char *detail;      /* what the data shows, one French sentence */
} cz_diag_definition;

/* An actor of the network carrying competences of the declared phase. */
typedef struct {
	const char *actor;
	const cz_cov_item **items;
	size_t n_items;
} cz_diag_carrier;

typedef struct {
	const cz_project *project;
	const cz_referential *ref;
	cz_phase declared, supported;
	double threshold;
	const cz_ref_source *threshold_origine; /* of the threshold (the rule diag.phase-en-avance) */
	bool ahead;   /* declared > supported */
	bool overlap; /* ahead only of the phase before, where the referential tolerates it (above) */
	cz_diag_phase phases[CZ_PHASE_COUNT];
	const cz_diag_step **blocking; /* see the definitions above */
	size_t n_blocking;
	const cz_diag_step **left_behind;
	size_t n_left_behind;
	const cz_diag_step **remaining; /* declared phase, not fait nor sans_objet */
	size_t n_remaining;

	cz_cov_phase coverage; /* of the declared phase */
	cz_diag_carrier *carriers; /* actors named in porte_par, by name */
	size_t n_carriers;

	cz_diag_need *needs; /* ranked: demandes desc (absent last), then name */
	size_t n_needs;
	const cz_offer **unmatched_offers; /* answering no recorded need by name */
	size_t n_unmatched_offers;
	size_t n_priority_offers;
	double priority_limit; /* the pitfall threshold on priority pairs */
	bool has_priority_limit;

	cz_starter starter;        /* what is still the starter's (lib/starter.h) */
	const cz_need **starter_needs; /* placeholder needs, left out of `needs` */
	size_t n_starter_needs;
	cz_multiactivity multi;
	cz_diag_definition *definition; /* characteristics, then principles, then the summary */
	size_t n_definition;
	size_t definition_missed;

	cz_diag_alert *alerts; /* critique first, then attention, info; referential order within */
	size_t n_alerts;
	size_t alert_counts[CZ_SEV_COUNT];

	cz_diag_action actions[CZ_DIAG_ACTIONS];
	size_t n_actions;

	/* The test-phase decision, for the summary (lib/md_summary.h): set by
	 * the diag analysis (lib/analysis.c) when cz_testphase_applies, owned
	 * by the diagnostic; NULL otherwise and from cz_diag_run alone. */
	cz_testphase *testphase;

	cz_arena *arena; /* owns everything above except `coverage` and `testphase` */
} cz_diag;

/* Run the diagnostic; on CZ_OK *out is the caller's (cz_diag_free). */
cz_status cz_diag_run(const cz_project *p, const cz_referential *ref, cz_diag **out);
void cz_diag_free(cz_diag *d);

/* Whether the diagnostic raised a `critique` alert (for --exit-code). */
bool cz_diag_has_critical(const cz_diag *d);

/* Renderers (lib/render.h): the report, or the "Diag …" sheets. */

#endif
