#include "diff_layout.h"

#include <stdio.h>

static const char *const masc[CZ_DIFF_KIND_COUNT] = { "ajouté", "retiré", "modifié" };
static const char *const fem[CZ_DIFF_KIND_COUNT] = { "ajoutée", "retirée", "modifiée" };
static const char *const alert_words[CZ_DIFF_KIND_COUNT] = { "apparue", "levée", "modifiée" };
static const char *const month_words[CZ_DIFF_KIND_COUNT] = { "ajouté", "retiré", "corrigé" };

const cz_diff_table cz_diff_tables[CZ_DIFF_SECTION_COUNT] = {
	[CZ_DIFF_PHASE] = { 0 },
	[CZ_DIFF_PROGRESS] = { .name = "Phase", .values = true, .detail = "Écart", .sense = true,
			       .unchanged = "avancement des phases" },
	[CZ_DIFF_STEPS] = { .name = "Étape", .group = "Phase", .values = true, .sense = true, .detail = "Sens",
			    .unchanged = "étapes" },
	[CZ_DIFF_SKILLS] = { .name = "Compétence", .group = "Phase", .values = true, .sense = true,
			     .detail = "Bilan", .unchanged = "compétences" },
	[CZ_DIFF_ALERTS] = { .name = "Alerte", .group = "Gravité", .kind = alert_words, .detail = "Constat",
			     .unchanged = "alertes" },
	[CZ_DIFF_VERDICT] = { 0 },
	[CZ_DIFF_INDICATORS] = { .name = "Indicateur", .group = "Nature", .values = true, .sense = true,
				 .detail = "Sens", .unchanged = "indicateurs du test" },
	[CZ_DIFF_ACTIVITY] = { .name = "Mois", .kind = month_words, .detail = "Détail", .unchanged = "activité" },
	[CZ_DIFF_PILLARS] = { .name = "Pilier", .values = true, .detail = "Écart",
			      .unchanged = "ressources par pilier" },
	[CZ_DIFF_OFFERS] = { .name = "Offre", .kind = fem, .detail = "Détail", .unchanged = "offres" },
	[CZ_DIFF_NEEDS] = { .name = "Besoin", .kind = masc, .detail = "Détail", .unchanged = "besoins" },
	[CZ_DIFF_ACTORS] = { .name = "Acteur", .kind = masc, .detail = "Détail", .unchanged = "acteurs" },
	[CZ_DIFF_CANVAS] = { .name = "Élément", .group = "Bloc", .kind = masc, .unchanged = "canevas" },
};

const char *cz_diff_detail(const cz_diff_change *c)
{
	if (c->detail)
		return c->detail;
	if (c->section == CZ_DIFF_ACTIVITY || c->section == CZ_DIFF_OFFERS || c->section == CZ_DIFF_NEEDS ||
	    c->section == CZ_DIFF_ACTORS)
		return c->after ? c->after : c->before;
	return NULL;
}

static const char *const months[12] = { "janvier", "février", "mars", "avril", "mai", "juin",
					"juillet", "août", "septembre", "octobre", "novembre", "décembre" };

char *cz_diff_date_fr(char *out, size_t size, cz_date d)
{
	if (!d.set || d.month < 1 || d.month > 12)
		snprintf(out, size, "?");
	else if (d.day)
		snprintf(out, size, "%d%s %s %d", d.day, d.day == 1 ? "er" : "", months[d.month - 1], d.year);
	else
		snprintf(out, size, "%s %d", months[d.month - 1], d.year);
	return out;
}

char *cz_diff_date_iso(char *out, size_t size, cz_date d)
{
	if (!d.set)
		snprintf(out, size, "%s", "");
	else if (d.day)
		snprintf(out, size, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
	else
		snprintf(out, size, "%04d-%02d", d.year % 10000, d.month % 100);
	return out;
}
