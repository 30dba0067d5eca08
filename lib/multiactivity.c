#include "multiactivity.h"

#include <stdlib.h>
#include <string.h>

#include "starter.h"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

cz_status cz_multiactivity_count(const cz_project *p, const cz_referential *ref, cz_multiactivity *out)
{
	memset(out, 0, sizeof(*out));
	out->services_min = cz_ref_services_min(ref);
	out->origine = ref->pillars[CZ_PILIER_ACTIVITE].origine_seuil;
	size_t n = 0;
	for (size_t i = 0; i < p->n_activite; i++) {
		n += p->activite[i].n_recettes_services;
		out->from_revenue |= p->activite[i].recettes_services != NULL;
	}
	if (out->from_revenue) {
		/* Distinct names with a positive amount: sorted, then counted once each. */
		const char **names = malloc((n ? n : 1) * sizeof(*names));
		if (!names)
			return CZ_ERR_NOMEM;
		size_t k = 0;
		for (size_t i = 0; i < p->n_activite; i++) {
			const cz_month *m = &p->activite[i];
			for (size_t j = 0; m->recettes_services && j < m->n_recettes_services; j++)
				if (m->recettes_services[j].montant > 0)
					names[k++] = m->recettes_services[j].service;
		}
		if (k > 1)
			qsort(names, k, sizeof(*names), cmp_name);
		for (size_t i = 0; i < k; i++)
			out->n_services += i == 0 || strcmp(names[i - 1], names[i]) != 0;
		free(names);
	} else {
		for (size_t i = 0; i < p->n_offre; i++)
			out->n_services += !cz_starter_offer(&p->offre[i]);
	}
	out->met = (double)out->n_services >= out->services_min;
	return CZ_OK;
}
