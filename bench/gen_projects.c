/*
 * Benchmark input: N realistic synthetic project files, deterministic for a
 * given N (a fixed-seed generator), using the built-in referential's ids so
 * every file is valid.
 *   gen_projects N DIR
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "enums.h"
#include "referential.h"

static unsigned long long state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	/* xorshift64*: small, fast, reproducible */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return n ? (unsigned)((state * 0x2545F4914F6CDD1Dull) >> 33) % n : 0;
}

static const char *const places[] = { "Tilleuls", "Vaurenne", "Parc des Érables", "Bourg-Neuf",
				      "Les Coteaux", "Saint-Aubin", "La Gare", "Val d'Orge" };
static const char *const services[] = { "Repassage", "Dépôt pressing", "Paniers de légumes",
					"Cordonnerie", "Retouches", "Livraison de courses",
					"Relais colis", "Lavage auto", "Petits travaux",
					"Garde d'animaux", "Aide administrative", "Atelier vélo" };
static const char *const actor_names[] = { "Mairie", "Communauté de communes", "Bailleur social",
					   "Association des habitants", "Épicerie du centre",
					   "Ferme des Prés", "Pressing Martin", "CRESS", "Fondation locale",
					   "Boulangerie", "Entreprise Alpha", "Entreprise Beta",
					   "Maison de santé", "Centre social", "Cave coopérative" };

static void write_project(FILE *f, const cz_referential *ref, unsigned i)
{
	int type = (int)rnd(CZ_TYPE_COUNT);
	int phase = (int)rnd(CZ_PHASE_COUNT);
	fprintf(f, "# Projet synthétique %u (banc d'essai)\nversion: 1\nprojet:\n", i);
	fprintf(f, "  nom: \"Conciergerie %s n°%u\"\n", places[rnd(8)], i);
	fprintf(f, "  type: %s\n  phase: %s\n  date: 2026-%02u-%02u\n", cz_enum_type.keys[type],
		cz_enum_phase.keys[phase], 1 + rnd(12), 1 + rnd(28));
	fprintf(f, "  lieu: %s\n", cz_enum_lieu.keys[rnd(CZ_LIEU_COUNT)]);
	fprintf(f, "  porteur: { nom: \"Association porteuse %u\", statut: %s }\n", i,
		cz_enum_statut.keys[rnd(CZ_STATUT_COUNT)]);
	fprintf(f, "  territoire: { nom: \"%s\", population: %u, entreprises: %u, salaries: %u }\n",
		places[rnd(8)], 500 + rnd(20000), rnd(200), rnd(5000));

	fputs("etapes:\n", f);
	for (int ph = 0; ph <= phase; ph++)
		for (size_t s = 0; s < ref->phases[ph].n_etapes; s++)
			fprintf(f, "  %s: %s\n", ref->phases[ph].etapes[s].id,
				ph < phase ? (rnd(10) ? "fait" : "en_cours")
					   : cz_enum_step_status.keys[rnd(CZ_STEP_COUNT)]);

	unsigned n_actors = 4 + rnd(10);
	fputs("acteurs:\n", f);
	for (unsigned a = 0; a < n_actors; a++)
		fprintf(f, "  - { nom: \"%s %u\", type: %s, roles: [%s, %s], charte: %s }\n",
			actor_names[a % 15], a, cz_enum_actor_type.keys[rnd(CZ_ACTOR_COUNT)],
			cz_enum_role.keys[rnd(CZ_ROLE_COUNT)], cz_enum_role.keys[rnd(CZ_ROLE_COUNT)],
			rnd(2) ? "true" : "false");

	fputs("competences:\n", f);
	for (int ph = 0; ph <= phase; ph++)
		for (size_t c = 0; c < ref->phases[ph].n_competences; c++) {
			if (rnd(4) == 0)
				continue;
			if (rnd(5) == 0)
				fprintf(f, "  %s: { niveau: acquis, porte_par: \"%s %u\" }\n",
					ref->phases[ph].competences[c].id, actor_names[0], 0u);
			else
				fprintf(f, "  %s: %s\n", ref->phases[ph].competences[c].id,
					cz_enum_level.keys[rnd(CZ_LEVEL_COUNT)]);
		}

	unsigned n_needs = 2 + rnd(6), first = rnd(12);
	fputs("besoins:\n", f);
	for (unsigned b = 0; b < n_needs; b++)
		fprintf(f, "  - { besoin: \"%s\", cible: %s, demandes: %u, source: \"enquête 2026\" }\n",
			services[(first + b) % 12], cz_enum_cible.keys[rnd(CZ_CIBLE_COUNT)], rnd(80));
	unsigned n_offers = 2 + rnd(6);
	fputs("offre:\n", f);
	for (unsigned o = 0; o < n_offers; o++) {
		fprintf(f, "  - { service: \"%s\", cible: %s, prix: %u, unite: %s, prioritaire: %s, recurrent: %s",
			services[(first + o) % 12], cz_enum_cible.keys[rnd(CZ_CIBLE_COUNT)], 5 + rnd(400),
			cz_enum_unite.keys[rnd(CZ_UNITE_COUNT)], rnd(2) ? "true" : "false",
			rnd(3) ? "false" : "true");
		if (rnd(2))
			fprintf(f, ", prestataire: \"%s %u\"", actor_names[o % n_actors % 15], o % n_actors);
		fputs(" }\n", f);
	}

	unsigned months = phase == CZ_PHASE_EMERGENCE ? 0 : 3 + rnd(22);
	if (months) {
		fputs("activite:\n", f);
		unsigned demand = 10 + rnd(40);
		for (unsigned m = 0; m < months; m++) {
			unsigned year = 2024 + m / 12, month = 1 + m % 12;
			unsigned orders = demand * (60 + rnd(35)) / 100, clients = orders * 3 / 4 + 1;
			fprintf(f, "  - periode: %u-%02u\n    demandes: %u\n    commandes: %u\n"
				   "    clients: %u\n    clients_recurrents: %u\n",
				year, month, demand, orders, clients, clients / 2);
			if (rnd(3) == 0)
				fprintf(f, "    recettes: { \"%s\": %u, \"%s\": %u }\n", services[first % 12],
					orders * 9, services[(first + 1) % 12], orders * 4);
			else
				fprintf(f, "    recettes: %u\n", orders * 13);
			fprintf(f, "    charges: %u\n    heures_salariees: %u\n    heures_benevoles: %u\n"
				   "    km: %u\n    livraisons: %u\n",
				1500 + rnd(2500), 40 + rnd(120), rnd(60), rnd(800), orders / 2);
			demand += rnd(7);
		}
	}
	fputs("financements:\n", f);
	unsigned n_fund = 1 + rnd(5);
	for (unsigned k = 0; k < n_fund; k++)
		fprintf(f, "  - { source: \"Financeur %u\", pilier: %s, nature: %s, montant: %u, annee: %u, acquis: %s }\n",
			k, cz_enum_pilier.keys[rnd(CZ_PILIER_COUNT)], cz_enum_nature.keys[rnd(CZ_NATURE_COUNT)],
			1000 + rnd(30000), 2024 + rnd(3), rnd(4) ? "true" : "false");
	if (phase >= CZ_PHASE_TEST) {
		fprintf(f, "test:\n  debut: 2024-01-01\n  fin: 2025-06-30\n  carnet_commandes: %u\n"
			   "  tresorerie_mois: %u\n  charge_travail: %u.%u\n  sollicitations_suivies: %s\n"
			   "  cahier_des_charges: %s\n"
			   "  satisfaction: { beneficiaires: %u.%u, partenaires: %u, equipe: %u }\n"
			   "  impact_social: %u\n  vision: %u\n  energie: %u\n  montee_competences: %u\n"
			   "  conditions: { statut_structure: %s, calendrier_financeurs: %s, strategie: %s }\n",
			rnd(8), rnd(6), rnd(2), rnd(10), rnd(2) ? "true" : "false", rnd(2) ? "true" : "false",
			2 + rnd(3), rnd(10), 1 + rnd(5), 1 + rnd(5), 1 + rnd(5), 1 + rnd(5), 1 + rnd(5),
			1 + rnd(5), rnd(3) ? "true" : "false", rnd(2) ? "true" : "false", rnd(3) ? "true" : "false");
	}
	fputs("bmc:\n", f);
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		unsigned n = rnd(5);
		fprintf(f, "  %s:%s\n", cz_enum_bloc.keys[b], n ? "" : " []");
		for (unsigned k = 0; k < n; k++) {
			if (b == CZ_BLOC_REVENUS && rnd(2))
				fprintf(f, "    - { texte: \"Revenu %u\", pilier: %s }\n", k,
					cz_enum_pilier.keys[rnd(CZ_PILIER_COUNT)]);
			else if (b == CZ_BLOC_COUTS && rnd(2))
				fprintf(f, "    - { texte: \"%s\", type: %s }\n", k ? "Loyer" : "Salaires",
					cz_enum_cout_type.keys[rnd(CZ_COUT_COUNT)]);
			else
				fprintf(f, "    - \"Élément %u du bloc %s\"\n", k, cz_enum_bloc.labels[b]);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen_projects N DIR\n");
		return 2;
	}
	unsigned long n = strtoul(argv[1], NULL, 10);
	if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
		perror(argv[2]);
		return 1;
	}
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_referential *ref;
	if (cz_referential_load_builtin(&ref, &pb) != CZ_OK) {
		fprintf(stderr, "gen_projects: built-in referential does not load\n");
		return 1;
	}
	cz_problems_free(&pb);
	int rc = 0;
	for (unsigned long i = 0; i < n && rc == 0; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/projet-%06lu.yaml", argv[2], i);
		FILE *f = fopen(path, "w");
		if (!f) {
			perror(path);
			rc = 1;
			break;
		}
		write_project(f, ref, (unsigned)i);
		if (fclose(f) != 0) {
			perror(path);
			rc = 1;
		}
	}
	cz_referential_free(ref);
	return rc;
}
