#include "enums.h"

#include <string.h>

/* Kept as two parallel arrays, written out for constness and readability. */
static const char *const type_keys[] = { "quartier", "rural", "entreprise", "mixte" };
static const char *const type_labels[] = { "conciergerie de quartier", "conciergerie rurale",
					   "conciergerie d'entreprise", "conciergerie mixte" };
static const char *const phase_keys[] = { "emergence", "test", "lancement", "fonctionnement" };
static const char *const phase_labels[] = { "Émergence", "Test", "Lancement", "Fonctionnement" };
static const char *const lieu_keys[] = { "fixe", "itinerant", "mixte" };
static const char *const lieu_labels[] = { "lieu fixe", "itinérant", "fixe et itinérant" };
static const char *const statut_keys[] = { "benevole", "salarie", "entrepreneur" };
static const char *const statut_labels[] = { "bénévole", "salarié", "entrepreneur" };
static const char *const step_keys[] = { "fait", "en_cours", "a_faire", "sans_objet" };
static const char *const step_labels[] = { "fait", "en cours", "à faire", "sans objet" };
static const char *const level_keys[] = { "acquis", "en_cours", "a_acquerir", "sans_objet" };
static const char *const level_labels[] = { "acquis", "en cours", "à acquérir", "sans objet" };
static const char *const actor_keys[] = { "collectivite", "entreprise", "association", "commerce",
					  "producteur", "prestataire", "financeur", "bailleur",
					  "habitant", "accompagnement", "autre" };
static const char *const actor_labels[] = { "collectivité", "entreprise", "association", "commerce",
					    "producteur", "prestataire", "financeur", "bailleur",
					    "habitant", "structure d'accompagnement", "autre" };
static const char *const role_keys[] = { "partenaire", "financeur", "client", "prestataire",
					 "ambassadeur", "fournisseur" };
static const char *const role_labels[] = { "partenaire", "financeur", "client", "prestataire",
					   "ambassadeur", "fournisseur" };
static const char *const cible_keys[] = { "habitants", "salaries", "entreprises", "collectivites",
					  "bailleurs", "personnes_agees", "commerces", "associations",
					  "autre" };
static const char *const cible_labels[] = { "habitants", "salariés", "entreprises", "collectivités",
					    "bailleurs", "personnes âgées", "commerces", "associations",
					    "autre" };
static const char *const unite_keys[] = { "prestation", "heure", "mois", "an" };
static const char *const unite_labels[] = { "prestation", "heure", "mois", "an" };
static const char *const pilier_keys[] = { "activite", "soutien_public", "soutien_prive",
					   "implication_citoyenne" };
static const char *const pilier_labels[] = { "recettes d'activité", "soutien public", "soutien privé",
					     "implication citoyenne" };
static const char *const nature_keys[] = { "subvention", "mise_a_disposition", "don", "mecenat",
					   "financement_participatif", "adhesion", "pret", "avance_remboursable",
					   "autre" };
static const char *const nature_labels[] = { "subvention", "mise à disposition", "don", "mécénat",
					     "financement participatif", "adhésion", "prêt", "avance remboursable",
					     "autre" };
static const char *const cout_keys[] = { "fixe", "variable", "investissement" };
static const char *const cout_labels[] = { "coût fixe", "coût variable", "investissement" };
static const char *const bloc_keys[] = { "partenaires", "activites", "ressources", "proposition_valeur",
					 "distribution", "clients", "beneficiaires", "couts", "revenus" };
static const char *const bloc_labels[] = { "Partenaires stratégiques", "Activités clés", "Ressources clés",
					   "Proposition de valeur", "Distribution", "Clients",
					   "Bénéficiaires", "Structure des coûts", "Sources de revenus" };

/* Keys (referential `severite`, JSON `gravite`) and labels are the same words. */
static const char *const severity_keys[] = { "info", "attention", "critique" };
#define severity_labels severity_keys

#define DEFINE(name, prefix, count)                                            \
	_Static_assert(sizeof(prefix##_keys) / sizeof(prefix##_keys[0]) == (count), #name); \
	_Static_assert(sizeof(prefix##_labels) / sizeof(prefix##_labels[0]) == (count), #name); \
	const cz_enum name = { prefix##_keys, prefix##_labels, (count) };

DEFINE(cz_enum_type, type, CZ_TYPE_COUNT)
DEFINE(cz_enum_phase, phase, CZ_PHASE_COUNT)
DEFINE(cz_enum_lieu, lieu, CZ_LIEU_COUNT)
DEFINE(cz_enum_statut, statut, CZ_STATUT_COUNT)
DEFINE(cz_enum_step_status, step, CZ_STEP_COUNT)
DEFINE(cz_enum_level, level, CZ_LEVEL_COUNT)
DEFINE(cz_enum_actor_type, actor, CZ_ACTOR_COUNT)
DEFINE(cz_enum_role, role, CZ_ROLE_COUNT)
DEFINE(cz_enum_cible, cible, CZ_CIBLE_COUNT)
DEFINE(cz_enum_unite, unite, CZ_UNITE_COUNT)
DEFINE(cz_enum_pilier, pilier, CZ_PILIER_COUNT)
DEFINE(cz_enum_nature, nature, CZ_NATURE_COUNT)
DEFINE(cz_enum_cout_type, cout, CZ_COUT_COUNT)
DEFINE(cz_enum_bloc, bloc, CZ_BLOC_COUNT)
DEFINE(cz_enum_severity, severity, CZ_SEV_COUNT)

int cz_enum_find(const cz_enum *e, const char *key)
{
	for (size_t i = 0; i < e->count; i++) /* the first byte first: most keys differ there */
		if (e->keys[i][0] == key[0] && strcmp(e->keys[i], key) == 0)
			return (int)i;
	return -1;
}

const char *cz_enum_label(const cz_enum *e, int v)
{
	return v >= 0 && (size_t)v < e->count ? e->labels[v] : "?";
}

const char *cz_enum_key(const cz_enum *e, int v)
{
	return v >= 0 && (size_t)v < e->count ? e->keys[v] : "?";
}
