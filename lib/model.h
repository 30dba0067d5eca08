/*
 * The typed model of a project file (format version 1, SPEC §3).
 *
 * Everything here is owned by the project's arena and released by
 * cz_project_free(). Optional values carry a `set` flag (or a NULL pointer):
 * analyses must say "non renseigné" rather than treat absence as zero.
 */
#ifndef CZ_MODEL_H
#define CZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Enumerations. Each has a *_COUNT sentinel; the French keywords used in
 * the file are in enums.c (cz_enum_*). */
typedef enum { CZ_TYPE_QUARTIER, CZ_TYPE_RURAL, CZ_TYPE_ENTREPRISE, CZ_TYPE_MIXTE, CZ_TYPE_COUNT } cz_project_type;
typedef enum { CZ_PHASE_EMERGENCE, CZ_PHASE_TEST, CZ_PHASE_LANCEMENT, CZ_PHASE_FONCTIONNEMENT, CZ_PHASE_COUNT } cz_phase;
typedef enum { CZ_LIEU_FIXE, CZ_LIEU_ITINERANT, CZ_LIEU_MIXTE, CZ_LIEU_COUNT } cz_lieu;
typedef enum { CZ_STATUT_BENEVOLE, CZ_STATUT_SALARIE, CZ_STATUT_ENTREPRENEUR, CZ_STATUT_COUNT } cz_statut;
typedef enum { CZ_STEP_FAIT, CZ_STEP_EN_COURS, CZ_STEP_A_FAIRE, CZ_STEP_SANS_OBJET, CZ_STEP_COUNT } cz_step_status;
/* sans_objet: a competence the project does not need (seed 000: a list to pick from). */
typedef enum { CZ_LEVEL_ACQUIS, CZ_LEVEL_EN_COURS, CZ_LEVEL_A_ACQUERIR, CZ_LEVEL_SANS_OBJET, CZ_LEVEL_COUNT } cz_level;
typedef enum {
	CZ_ACTOR_COLLECTIVITE, CZ_ACTOR_ENTREPRISE, CZ_ACTOR_ASSOCIATION, CZ_ACTOR_COMMERCE,
	CZ_ACTOR_PRODUCTEUR, CZ_ACTOR_PRESTATAIRE, CZ_ACTOR_FINANCEUR, CZ_ACTOR_BAILLEUR,
	CZ_ACTOR_HABITANT, CZ_ACTOR_ACCOMPAGNEMENT, CZ_ACTOR_AUTRE, CZ_ACTOR_COUNT
} cz_actor_type;
typedef enum {
	CZ_ROLE_PARTENAIRE, CZ_ROLE_FINANCEUR, CZ_ROLE_CLIENT, CZ_ROLE_PRESTATAIRE,
	CZ_ROLE_AMBASSADEUR, CZ_ROLE_FOURNISSEUR, CZ_ROLE_COUNT
} cz_role;
typedef enum {
	CZ_CIBLE_HABITANTS, CZ_CIBLE_SALARIES, CZ_CIBLE_ENTREPRISES, CZ_CIBLE_COLLECTIVITES,
	CZ_CIBLE_BAILLEURS, CZ_CIBLE_PERSONNES_AGEES, CZ_CIBLE_COMMERCES, CZ_CIBLE_ASSOCIATIONS,
	CZ_CIBLE_AUTRE, CZ_CIBLE_COUNT
} cz_cible;
typedef enum { CZ_UNITE_PRESTATION, CZ_UNITE_HEURE, CZ_UNITE_MOIS, CZ_UNITE_AN, CZ_UNITE_COUNT } cz_unite;
typedef enum {
	CZ_PILIER_ACTIVITE, CZ_PILIER_SOUTIEN_PUBLIC, CZ_PILIER_SOUTIEN_PRIVE,
	CZ_PILIER_IMPLICATION_CITOYENNE, CZ_PILIER_COUNT
} cz_pilier;
typedef enum {
	CZ_NATURE_SUBVENTION, CZ_NATURE_MISE_A_DISPOSITION, CZ_NATURE_DON, CZ_NATURE_MECENAT,
	CZ_NATURE_FINANCEMENT_PARTICIPATIF, CZ_NATURE_ADHESION, CZ_NATURE_PRET,
	CZ_NATURE_AVANCE_REMBOURSABLE, CZ_NATURE_AUTRE, CZ_NATURE_COUNT
} cz_nature;
typedef enum { CZ_COUT_FIXE, CZ_COUT_VARIABLE, CZ_COUT_INVESTISSEMENT, CZ_COUT_COUNT } cz_cout_type;
/* How serious an alert or a check is (diag, indicators, bmc): one scale, one
 * label table (cz_enum_severity: "info", "attention", "critique"). */
typedef enum { CZ_SEV_INFO, CZ_SEV_ATTENTION, CZ_SEV_CRITIQUE, CZ_SEV_COUNT } cz_severity;
typedef enum {
	CZ_BLOC_PARTENAIRES, CZ_BLOC_ACTIVITES, CZ_BLOC_RESSOURCES, CZ_BLOC_PROPOSITION_VALEUR,
	CZ_BLOC_DISTRIBUTION, CZ_BLOC_CLIENTS, CZ_BLOC_BENEFICIAIRES, CZ_BLOC_COUTS,
	CZ_BLOC_REVENUS, CZ_BLOC_COUNT
} cz_bloc;

/* Where an item was written, for messages that point back into the file. */
typedef struct {
	unsigned line, column;
} cz_pos;

typedef struct {
	double value;
	bool set;
} cz_num;

typedef struct {
	int year, month, day; /* day is 0 for a month (YYYY-MM) */
	bool set;
} cz_date;

typedef struct {
	const char *nom;
	cz_statut statut;
	bool statut_set;
} cz_porteur;

typedef struct {
	const char *nom;
	cz_num population, entreprises, salaries;
} cz_territoire;

typedef struct {
	const char *nom;
	cz_project_type type;
	cz_phase phase;
	cz_date date;
	cz_lieu lieu;
	bool lieu_set;
	bool porteur_set, territoire_set;
	cz_porteur porteur;
	cz_territoire territoire;
} cz_projet;

/* `etapes:` and `competences:` entries; ids are checked against the
 * referential at load time. */
typedef struct {
	const char *id;
	cz_step_status status;
	cz_pos pos;
} cz_step_entry;

typedef struct {
	const char *id;
	cz_level niveau;
	const char *porte_par; /* actor name, or NULL when held by the carrier */
	cz_pos pos;
} cz_skill_entry;

typedef struct {
	const char *nom;
	cz_actor_type type;
	bool type_set;
	unsigned roles; /* bit (1u << cz_role) */
	bool charte, charte_set;
	cz_pos pos;
} cz_actor;

typedef struct {
	const char *besoin;
	cz_cible cible;
	bool cible_set;
	cz_num demandes;
	const char *source;
	cz_pos pos;
} cz_need;

typedef struct {
	const char *service;
	cz_cible cible;
	bool cible_set;
	cz_num prix;
	cz_unite unite;
	bool unite_set;
	bool prioritaire, recurrent;
	const char *prestataire; /* actor name; NULL = the conciergerie itself */
	cz_pos pos;
} cz_offer;

typedef struct {
	const char *service;
	double montant;
} cz_service_amount;

typedef struct {
	cz_date periode; /* a month: day == 0 */
	cz_num demandes, commandes, clients, clients_recurrents;
	cz_num recettes; /* total; when given as a map, the sum of its lines */
	cz_service_amount *recettes_services; /* NULL unless recettes is a map */
	size_t n_recettes_services;
	cz_num charges, heures_salariees, heures_benevoles, km, livraisons;
	cz_pos pos;
} cz_month;

typedef struct {
	const char *source;
	cz_pilier pilier;
	bool pilier_set;
	cz_nature nature;
	bool nature_set;
	cz_num montant;
	int annee; /* 0 when absent */
	bool acquis;
	cz_pos pos;
} cz_funding;

/* `test.seuils`: overrides of the referential's thresholds, by measure key. */
typedef struct {
	const char *mesure;
	double value;
	cz_pos pos;
} cz_threshold;

typedef struct {
	bool present; /* the `test:` section exists */
	cz_date debut, fin;
	cz_num carnet_commandes, tresorerie_mois, charge_travail;
	int sollicitations_suivies; /* -1 absent, 0 false, 1 true */
	int cahier_des_charges;     /* -1 absent, 0 false, 1 true */
	cz_num satisfaction_beneficiaires, satisfaction_partenaires, satisfaction_equipe;
	cz_num impact_social, vision, energie, montee_competences;
	int condition_statut_structure;    /* -1 absent, 0 false, 1 true */
	int condition_calendrier_financeurs;
	int condition_strategie;
	cz_threshold *seuils;
	size_t n_seuils;
} cz_test;

typedef struct {
	const char *texte;
	int pilier;    /* cz_pilier, or -1 when not given */
	int cout_type; /* cz_cout_type, or -1 when not given */
	cz_pos pos;
} cz_bmc_item;

typedef struct {
	bool present; /* the `bmc:` section exists */
	cz_bmc_item *items[CZ_BLOC_COUNT];
	size_t count[CZ_BLOC_COUNT];
} cz_bmc;

typedef struct {
	cz_arena *arena;
	const char *file; /* display name given at load time */
	/* The file's bytes and its name hold nothing an output must not carry,
	 * nor any escape that could make it (cz_text_source_safe): no text
	 * of this project needs the outputs' last check (lib/md.h). */
	bool text_safe;
	int version;
	cz_projet projet;
	cz_step_entry *etapes;
	size_t n_etapes;
	cz_skill_entry *competences;
	size_t n_competences;
	/* The referential's id lists the two maps above were read against
	 * (their ids are its strings; NULL when not read so), and for each id
	 * of a list the entry holding it (NULL: absent from the project): a
	 * look-up by the id's position there, without comparing. */
	const char *const *step_ids;
	size_t n_step_ids;
	const cz_step_entry **step_at;
	const char *const *skill_ids;
	size_t n_skill_ids;
	const cz_skill_entry **skill_at;
	cz_actor *acteurs;
	size_t n_acteurs;
	cz_need *besoins;
	size_t n_besoins;
	cz_offer *offre;
	size_t n_offre;
	cz_month *activite; /* sorted by period at load time */
	size_t n_activite;
	cz_funding *financements;
	size_t n_financements;
	cz_test test;
	cz_bmc bmc;
} cz_project;

void cz_project_free(cz_project *project);

/* Look-ups; NULL when absent. */
const cz_actor *cz_project_actor(const cz_project *p, const char *nom);
const cz_step_entry *cz_project_step(const cz_project *p, const char *id);
const cz_skill_entry *cz_project_skill(const cz_project *p, const char *id);
/* The same look-ups for the id at `rank` in the referential's list `ids`
 * (its step_ids or competence_ids): by position when the project was read
 * against that list, else as above. */
const cz_step_entry *cz_project_step_at(const cz_project *p, const char *const *ids, size_t rank,
					const char *id);
const cz_skill_entry *cz_project_skill_at(const cz_project *p, const char *const *ids, size_t rank,
					  const char *id);

/* Months from a to b (b - a), for periods. */
int cz_month_diff(cz_date a, cz_date b);

#endif
