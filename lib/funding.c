#include "funding.h"

#include <string.h>

static int popcount12(unsigned mask)
{
	int n = 0;
	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

bool cz_funding_repayable(const cz_funding *f)
{
	return f->nature_set && (f->nature == CZ_NATURE_PRET || f->nature == CZ_NATURE_AVANCE_REMBOURSABLE);
}

cz_status cz_funding_attribute(const cz_project *p, const cz_date *months, size_t n_months,
			       cz_arena *arena, cz_funding_share *out)
{
	memset(out, 0, sizeof(*out));
	/* A set of n months spans at most n years. */
	cz_funding_year *years = cz_arena_calloc(arena, n_months ? n_months : 1, sizeof(*years));
	unsigned *masks = cz_arena_calloc(arena, n_months ? n_months : 1, sizeof(*masks));
	if (!years || !masks)
		return CZ_ERR_NOMEM;
	size_t ny = 0;
	for (size_t i = 0; i < n_months; i++) {
		if (months[i].month < 1 || months[i].month > CZ_FUNDING_MONTHS_PER_YEAR)
			continue;
		size_t k = 0;
		while (k < ny && years[k].annee != months[i].year)
			k++;
		if (k == ny) {
			/* Keep the years ascending as they are inserted. */
			while (k > 0 && years[k - 1].annee > months[i].year) {
				years[k] = years[k - 1];
				masks[k] = masks[k - 1];
				k--;
			}
			years[k] = (cz_funding_year){ months[i].year, 0, 0, 0 };
			masks[k] = 0;
			ny++;
		}
		masks[k] |= 1u << (months[i].month - 1);
	}
	for (size_t k = 0; k < ny; k++) {
		years[k].n_mois = popcount12(masks[k]);
		out->n_months += (size_t)years[k].n_mois;
	}
	out->years = years;
	out->n_years = ny;

	for (size_t i = 0; i < p->n_financements; i++) {
		const cz_funding *f = &p->financements[i];
		if (!f->montant.set)
			continue;
		double v = f->montant.value;
		if (cz_funding_repayable(f)) {
			bool in_set = f->annee == 0;
			for (size_t k = 0; k < ny && !in_set; k++)
				in_set = years[k].annee == f->annee;
			if (f->acquis && in_set)
				out->prets += v;
			else
				out->prets_autres += v;
			continue;
		}
		if (!f->acquis) {
			out->non_acquis += v;
			continue;
		}
		if (f->annee == 0) {
			out->sans_annee += v;
			continue;
		}
		cz_funding_year *y = NULL;
		for (size_t k = 0; k < ny && !y; k++)
			if (years[k].annee == f->annee)
				y = &years[k];
		if (!y) {
			out->hors_periode += v;
			continue;
		}
		/* A whole year gets exactly the amount: no rounding residue left out. */
		double share = y->n_mois == CZ_FUNDING_MONTHS_PER_YEAR
				       ? v
				       : v * (double)y->n_mois / CZ_FUNDING_MONTHS_PER_YEAR;
		y->acquis += v;
		y->retenu += share;
		out->retenu += share;
		out->hors_mois += v - share;
		if (f->pilier_set)
			out->par_pilier[f->pilier] += share;
		else
			out->sans_pilier += share;
	}
	return CZ_OK;
}
