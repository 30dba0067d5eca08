#include <string.h>

#include "fiche.h"
#include "loader.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char cz_fiche_guide_sheet[] = "Mode d'emploi";
const char *const cz_form_column_keys[CZ_FORM_COLS] = { "rubrique", "valeur", "aide", "cle" };

/* Shorthands for the tables below. */
#define FIELD(k, l, h, t, e, lo, hi, w, f) \
	{ .key = (k), .label = (l), .help = (h), .values = (e), .min = (lo), .max = (hi), .width = (w), \
	  .type = (t), .flags = (f) }
#define TEXT(k, l, h, w, f) FIELD(k, l, h, CZ_FF_TEXT, NULL, 0, 0, w, f)
#define INT(k, l, h, lo, hi, w) FIELD(k, l, h, CZ_FF_INT, NULL, lo, hi, w, 0)
#define NUM(k, l, h, lo, hi, w, f) FIELD(k, l, h, CZ_FF_NUM, NULL, lo, hi, w, f)
#define ENUM(k, l, h, e, w, f) FIELD(k, l, h, CZ_FF_ENUM, &(e), 0, 0, w, f)
#define BOOL(k, l, h, w) FIELD(k, l, h, CZ_FF_BOOL, NULL, 0, 0, w, 0)
#define DATE(k, l, h, w) FIELD(k, l, h, CZ_FF_DATE, NULL, 0, 0, w, 0)
#define MONTH(k, l, h, w, f) FIELD(k, l, h, CZ_FF_MONTH, NULL, 0, 0, w, f)
#define ACTOR(k, l, h, w) FIELD(k, l, h, CZ_FF_ACTOR, NULL, 0, 0, w, 0)
#define INFO(k, l, w) FIELD(k, l, NULL, CZ_FF_INFO, NULL, 0, 0, w, CZ_FF_LOCKED)

static const cz_fiche_field projet[] = {
	TEXT("nom", "Nom du projet", "Le nom de la conciergerie (obligatoire).", 0, CZ_FF_REQUIRED),
	ENUM("type", "Type de conciergerie", "Obligatoire\u00A0: quartier, rurale, d'entreprise ou mixte.",
	     cz_enum_type, 0, CZ_FF_REQUIRED),
	ENUM("phase", "Phase actuelle", "Obligatoire\u00A0: émergence, test, lancement ou fonctionnement.",
	     cz_enum_phase, 0, CZ_FF_REQUIRED),
	DATE("date", "Date de cet état des lieux", "Une date (jour/mois/année).", 0),
	ENUM("lieu", "Lieu", "Un lieu fixe, itinérant, ou les deux.", cz_enum_lieu, 0, 0),
	TEXT("porteur.nom", "Structure porteuse", "La structure ou la personne qui porte le projet.", 0, 0),
	ENUM("porteur.statut", "Statut du porteur", "Bénévole, salarié ou entrepreneur.", cz_enum_statut, 0, 0),
	TEXT("territoire.nom", "Territoire", "Le quartier, la commune ou la zone d'activités servie.", 0, 0),
	INT("territoire.population", "Habitants du territoire", "Un nombre entier.", 0, CZ_MAX_POPULATION, 0),
	INT("territoire.entreprises", "Entreprises du territoire", "Un nombre entier.", 0, CZ_MAX_COUNT, 0),
	INT("territoire.salaries", "Salariés du territoire", "Un nombre entier.", 0, CZ_MAX_COUNT, 0),
};

static const cz_fiche_field etapes[] = {
	INFO("phase", "Phase", 16),
	FIELD("id", "Identifiant", NULL, CZ_FF_INFO, NULL, 0, 0, 30, CZ_FF_LOCKED | CZ_FF_REQUIRED),
	INFO("nom", "Étape", 70),
	ENUM("statut", "Statut", "Fait, en cours, à faire, ou sans objet pour ce projet\u202F; vide si non évaluée.",
	     cz_enum_step_status, 14, CZ_FF_ANCHOR),
};

static const cz_fiche_field competences[] = {
	INFO("phase", "Phase", 16),
	INFO("famille", "Famille", 24),
	FIELD("id", "Identifiant", NULL, CZ_FF_INFO, NULL, 0, 0, 30, CZ_FF_LOCKED | CZ_FF_REQUIRED),
	INFO("nom", "Compétence", 60),
	ENUM("niveau", "Niveau", "Le niveau du porteur, ou de l'acteur nommé dans «\u00A0Porté par\u00A0»\u202F; vide si non évaluée.",
	     cz_enum_level, 14, CZ_FF_ANCHOR),
	ACTOR("porte_par", "Porté par", "Un acteur de la feuille Acteurs qui apporte cette compétence\u202F; vide si c'est le porteur.", 28),
};

static const cz_fiche_field acteurs[] = {
	TEXT("nom", "Nom", "Le nom de l'acteur, unique dans la liste.", 32, CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	ENUM("type", "Type", "Collectivité, entreprise, association, commerce…", cz_enum_actor_type, 18, 0),
	BOOL("roles.partenaire", "Partenaire", "oui si l'acteur est partenaire du projet.", 11),
	BOOL("roles.financeur", "Financeur", "oui s'il finance le projet.", 11),
	BOOL("roles.client", "Client", "oui s'il achète des services.", 9),
	BOOL("roles.prestataire", "Prestataire", "oui s'il rend des services au nom de la conciergerie.", 11),
	BOOL("roles.ambassadeur", "Ambassadeur", "oui s'il fait connaître la conciergerie.", 12),
	BOOL("roles.fournisseur", "Fournisseur", "oui s'il fournit des produits.", 11),
	BOOL("charte", "Charte signée", "oui quand un prestataire a signé la charte d'intervention.", 10),
};

static const cz_fiche_field besoins[] = {
	TEXT("besoin", "Besoin", "Le besoin repéré, en quelques mots.", 40, CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	ENUM("cible", "Cible", "Qui exprime ce besoin.", cz_enum_cible, 18, 0),
	INT("demandes", "Demandes", "Le nombre de demandes recueillies (entier).", 0, CZ_MAX_COUNT, 11),
	TEXT("source", "Source", "D'où vient le chiffre\u00A0: enquête, permanence…", 40, 0),
};

static const cz_fiche_field offre[] = {
	TEXT("service", "Service", "Le produit ou service proposé.", 34, CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	ENUM("cible", "Cible", "À qui il s'adresse.", cz_enum_cible, 17, 0),
	NUM("prix", "Prix (€)", "En euros, par unité.", 0, CZ_MAX_EUROS, 10, 0),
	ENUM("unite", "Unité", "Par prestation, heure, mois ou an.", cz_enum_unite, 12, 0),
	BOOL("prioritaire", "Prioritaire", "oui pour un couple produit / marché prioritaire (deux ou trois au plus pendant le test).", 11),
	BOOL("recurrent", "Récurrent", "oui pour un contrat récurrent\u00A0: abonnement, forfait.", 10),
	ACTOR("prestataire", "Prestataire", "Un acteur de la feuille Acteurs\u202F; vide si la conciergerie rend le service elle-même.", 28),
};

static const cz_fiche_field activite[] = {
	MONTH("periode", "Mois", "Le mois du relevé (par exemple 2026-01), une ligne par mois.", 10,
	      CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	INT("demandes", "Demandes", "Sollicitations reçues dans le mois.", 0, CZ_MAX_COUNT, 11),
	INT("commandes", "Commandes", "Commandes honorées.", 0, CZ_MAX_COUNT, 12),
	INT("clients", "Clients", "Clients servis.", 0, CZ_MAX_COUNT, 10),
	INT("clients_recurrents", "Clients récurrents", "Parmi eux, les clients déjà servis auparavant (au plus Clients).", 0,
	    CZ_MAX_COUNT, 10),
	NUM("recettes", "Recettes (€)", "Les ventes du mois\u202F; laissez vide si vous les détaillez dans la feuille «\u00A0Recettes par service\u00A0».",
	    0, CZ_MAX_EUROS, 11, 0),
	NUM("charges", "Charges (€)", "Toutes les dépenses du mois.", 0, CZ_MAX_EUROS, 11, 0),
	NUM("heures_salariees", "Heures salariées", "Heures de travail salarié.", 0, CZ_MAX_HOURS, 10, 0),
	NUM("heures_benevoles", "Heures bénévoles", "Heures données par les bénévoles.", 0, CZ_MAX_HOURS, 10, 0),
	NUM("km", "Km parcourus", "Kilomètres de collecte et de livraison.", 0, CZ_MAX_COUNT, 10, 0),
	INT("livraisons", "Livraisons", "Nombre de livraisons.", 0, CZ_MAX_COUNT, 10),
};

static const cz_fiche_field services[] = {
	MONTH("periode", "Mois", "Un mois de la feuille Activité.", 10, CZ_FF_REQUIRED),
	TEXT("service", "Service", "Le service vendu.", 34, CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	NUM("montant", "Recettes (€)", "Les ventes de ce service dans le mois.", 0, CZ_MAX_EUROS, 12, 0),
};

static const cz_fiche_field financements[] = {
	TEXT("source", "Source", "Le financeur ou l'origine de la ressource.", 34, CZ_FF_REQUIRED),
	ENUM("pilier", "Pilier", "Lequel des quatre piliers de la viabilité elle renforce.", cz_enum_pilier, 20, 0),
	ENUM("nature", "Nature", "Subvention, mise à disposition, don, mécénat…", cz_enum_nature, 22, 0),
	NUM("montant", "Montant (€)", "En euros (obligatoire).", 0, CZ_MAX_EUROS, 12, CZ_FF_ANCHOR),
	INT("annee", "Année", "L'année concernée.", CZ_YEAR_MIN, CZ_YEAR_MAX, 8),
	BOOL("acquis", "Acquis", "oui quand le financement est décidé.", 8),
};

static const cz_fiche_field test[] = {
	DATE("debut", "Début du test", "Date de début de la phase de test.", 0),
	DATE("fin", "Fin du test", "Date de fin (ou du bilan).", 0),
	NUM("carnet_commandes", "Carnet de commandes (mois)", "Mois d'activité déjà assurés par des commandes et contrats signés.",
	    0, CZ_MAX_MONTHS, 0, 0),
	NUM("tresorerie_mois", "Trésorerie (mois de charges)", "Combien de mois de charges la trésorerie couvre.", 0,
	    CZ_MAX_MONTHS, 0, 0),
	NUM("charge_travail", "Charge de travail / capacité", "1 = l'équipe travaille à pleine capacité\u202F; au-delà, elle est débordée.",
	    0, CZ_MAX_WORKLOAD, 0, 0),
	BOOL("sollicitations_suivies", "Sollicitations enregistrées et suivies", "oui ou non.", 0),
	BOOL("cahier_des_charges", "Cahier des charges des prestataires", "oui si un cahier des charges encadre le choix des prestataires.", 0),
	NUM("satisfaction.beneficiaires", "Satisfaction des bénéficiaires", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("satisfaction.partenaires", "Satisfaction des partenaires", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("satisfaction.equipe", "Satisfaction de l'équipe", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("impact_social", "Impact social", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("vision", "Vision à moyen et long terme", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("energie", "Énergie du porteur et de l'équipe", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	NUM("montee_competences", "Montée en compétences", "Note de 1 à 5.", CZ_SCORE_MIN, CZ_SCORE_MAX, 0, 0),
	BOOL("conditions.statut_structure", "Condition\u00A0: statut de la structure", "oui si la condition est réunie.", 0),
	BOOL("conditions.calendrier_financeurs", "Condition\u00A0: calendrier des financeurs", "oui si la condition est réunie.", 0),
	BOOL("conditions.strategie", "Condition\u00A0: stratégie et prospective", "oui si la condition est réunie.", 0),
};

static const cz_fiche_field canevas[] = {
	ENUM("bloc", "Bloc du canevas", "L'un des neuf blocs du modèle économique.", cz_enum_bloc, 26, CZ_FF_REQUIRED),
	TEXT("texte", "Élément", "Un élément du bloc, une ligne par élément.", 60, CZ_FF_REQUIRED | CZ_FF_ANCHOR),
	ENUM("pilier", "Pilier (revenus)", "Pour une source de revenus\u00A0: le pilier qu'elle renforce.", cz_enum_pilier, 20, 0),
	ENUM("type", "Type (coûts)", "Pour un coût\u00A0: fixe, variable ou investissement.", cz_enum_cout_type, 15, 0),
};

#define FITS(a) _Static_assert(N(a) <= CZ_FICHE_MAX_FIELDS, #a " has too many fields")
FITS(projet);
FITS(etapes);
FITS(competences);
FITS(acteurs);
FITS(besoins);
FITS(offre);
FITS(activite);
FITS(services);
FITS(financements);
FITS(test);
FITS(canevas);

const cz_fiche_sheet cz_fiche_sheets[CZ_FICHE_PART_COUNT] = {
	{ .part = CZ_FICHE_PROJET, .sheet = "Projet", .form = true, .title = "Le projet, son porteur et son territoire",
	  .instruction = "Remplissez la colonne Valeur\u202F; le nom, le type et la phase sont obligatoires. La colonne Aide dit ce qui est attendu.",
	  .fields = projet, .n_fields = N(projet) },
	{ .part = CZ_FICHE_ETAPES, .sheet = "Étapes", .form = false, .title = "Avancement des grandes étapes du référentiel",
	  .instruction = "Choisissez le statut de chaque étape dans la liste déroulante\u202F; laissez vide une étape que vous n'avez pas encore évaluée.",
	  .fields = etapes, .n_fields = N(etapes) },
	{ .part = CZ_FICHE_COMPETENCES, .sheet = "Compétences", .form = false, .title = "Auto-évaluation des compétences du porteur",
	  .instruction = "Choisissez le niveau de chaque compétence\u202F; quand un acteur du réseau l'apporte, choisissez-le dans «\u00A0Porté par\u00A0».",
	  .fields = competences, .n_fields = N(competences) },
	{ .part = CZ_FICHE_ACTEURS, .sheet = "Acteurs", .form = false, .title = "Le maillage d'acteurs du territoire",
	  .instruction = "Une ligne par acteur, chacun sous un nom unique\u202F; répondez oui dans la colonne de chacun de ses rôles.",
	  .fields = acteurs, .n_fields = N(acteurs) },
	{ .part = CZ_FICHE_BESOINS, .sheet = "Besoins", .form = false, .title = "Le diagnostic des besoins",
	  .instruction = "Une ligne par besoin repéré, avec sa cible et le nombre de demandes recueillies.", .fields = besoins, .n_fields = N(besoins) },
	{ .part = CZ_FICHE_OFFRE, .sheet = "Offre", .form = false, .title = "L'offre\u00A0: couples produit / marché",
	  .instruction = "Une ligne par service\u202F; le prestataire est un acteur de la feuille Acteurs, ou rien si la conciergerie rend le service elle-même.",
	  .fields = offre, .n_fields = N(offre) },
	{ .part = CZ_FICHE_ACTIVITE, .sheet = "Activité", .form = false, .title = "L'activité, mois par mois",
	  .instruction = "Une ligne par mois, à partir de la phase de test\u202F; les montants sont en euros, une cellule vide veut dire «\u00A0non relevé\u00A0».",
	  .fields = activite, .n_fields = N(activite) },
	{ .part = CZ_FICHE_SERVICES, .sheet = "Recettes par service", .form = false, .title = "Les recettes détaillées par service (facultatif)",
	  .instruction = "Pour détailler les recettes d'un mois\u00A0: une ligne par service et par mois\u202F; la colonne Recettes de la feuille Activité reste alors vide.",
	  .fields = services, .n_fields = N(services) },
	{ .part = CZ_FICHE_FINANCEMENTS, .sheet = "Financements", .form = false, .title = "Les ressources hors ventes",
	  .instruction = "Une ligne par financement\u00A0: subventions, mises à disposition, dons, mécénat, adhésions, prêts…",
	  .fields = financements, .n_fields = N(financements) },
	{ .part = CZ_FICHE_TEST, .sheet = "Bilan du test", .form = true, .title = "Le bilan de la phase de test",
	  .instruction = "À remplir en fin de test\u00A0: chaque valeur alimente un indicateur de sortie\u202F; un seuil propre au projet remplace celui du référentiel.",
	  .fields = test, .n_fields = N(test) },
	{ .part = CZ_FICHE_CANEVAS, .sheet = "Canevas", .form = false, .title = "Le modèle économique (canevas en neuf blocs)",
	  .instruction = "Une ligne par élément\u00A0: choisissez son bloc, écrivez-le\u202F; un revenu peut porter son pilier, un coût son type.",
	  .fields = canevas, .n_fields = N(canevas) },
};

const cz_fiche_example cz_fiche_examples[] = {
	{ CZ_FICHE_ACTEURS, { { "nom", "Mairie" }, { "type", "collectivite" }, { "roles.partenaire", "true" },
			      { "roles.financeur", "true" } } },
	{ CZ_FICHE_ACTEURS, { { "nom", "Atelier de repassage" }, { "type", "prestataire" },
			      { "roles.prestataire", "true" }, { "charte", "true" } } },
	{ CZ_FICHE_BESOINS, { { "besoin", "Repassage" }, { "cible", "habitants" }, { "demandes", "24" },
			      { "source", "questionnaire aux habitants" } } },
	{ CZ_FICHE_OFFRE, { { "service", "Repassage" }, { "cible", "habitants" }, { "prix", "12" },
			    { "unite", "prestation" }, { "prioritaire", "true" }, { "recurrent", "false" },
			    { "prestataire", "Atelier de repassage" } } },
	{ CZ_FICHE_ACTIVITE, { { "periode", "2026-01" }, { "demandes", "40" }, { "commandes", "32" },
			       { "clients", "25" }, { "recettes", "1200" }, { "charges", "2100" } } },
	{ CZ_FICHE_SERVICES, { { "periode", "2026-01" }, { "service", "Repassage" }, { "montant", "300" } } },
	{ CZ_FICHE_FINANCEMENTS, { { "source", "Région" }, { "pilier", "soutien_public" },
				   { "nature", "subvention" }, { "montant", "15000" }, { "annee", "2026" },
				   { "acquis", "true" } } },
	{ CZ_FICHE_CANEVAS, { { "bloc", "proposition_valeur" },
			      { "texte", "Des services du quotidien près de chez soi" } } },
	{ CZ_FICHE_CANEVAS, { { "bloc", "revenus" }, { "texte", "Abonnements des entreprises" },
			      { "pilier", "activite" } } },
};
const size_t cz_fiche_n_examples = N(cz_fiche_examples);

const cz_fiche_field *cz_fiche_field_find(const cz_fiche_sheet *s, const char *key)
{
	for (size_t i = 0; i < s->n_fields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return &s->fields[i];
	return NULL;
}
