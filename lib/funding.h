/*
 * Secured funding attributed to a set of calendar months: the one rule
 * behind "secured financements of the period" (SPEC §5) in test-phase's
 * coverage of charges and in the indicators dashboard.
 *
 * A funding counts when it is secured (`acquis: true`) and has a `montant`
 * and an `annee`. The funding of year Y is spread evenly over the twelve
 * calendar months of Y: a set of months holding k months of Y gets
 * montant × k / 12 of it, so four months of activity are compared with four
 * twelfths of the year's funding, never with the whole year. What the set
 * does not get is reported, never silently dropped:
 *
 *   hors_mois     secured funding of the set's years that falls on months
 *                 outside the set (montant × (12 - k) / 12)
 *   hors_periode  secured funding of a year with no month in the set
 *   non_acquis    funding not secured
 *   sans_annee    secured funding without `annee`
 *
 * Loans and repayable advances (`nature: pret`, `avance_remboursable`) are
 * repaid: they are cash, not resources, and never count above. They are
 * reported apart, whole (cash is not spread over months):
 *
 *   prets         secured repayable funding of a year of the set, or
 *                 without `annee`
 *   prets_autres  repayable funding not secured, or of another year
 */
#ifndef CZ_FUNDING_H
#define CZ_FUNDING_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "status.h"

/* Months per year over which a year's funding is spread. */
#define CZ_FUNDING_MONTHS_PER_YEAR 12

typedef struct {
	int annee;
	int n_mois;    /* months of the set in that year, 1 to 12 */
	double acquis; /* secured funding of the year, whole */
	double retenu; /* acquis × n_mois / 12 */
} cz_funding_year;

typedef struct {
	double retenu;                      /* attributed to the months of the set */
	double par_pilier[CZ_PILIER_COUNT]; /* retenu, by pillar */
	double sans_pilier;                 /* part of retenu with no pillar */
	double hors_mois, hors_periode, non_acquis, sans_annee; /* left out, see above */
	double prets, prets_autres;                             /* repayable, see above */
	cz_funding_year *years; /* every year of the set, ascending (arena-owned) */
	size_t n_years;
	size_t n_months; /* distinct months of the set */
} cz_funding_share;

/* Whether a funding is repaid (a loan or a repayable advance): cash, not a resource. */
bool cz_funding_repayable(const cz_funding *f);

/* Attribute p's funding to `months` (calendar months; the day is ignored,
 * duplicates count once). `years` is allocated in `arena`. */
cz_status cz_funding_attribute(const cz_project *p, const cz_date *months, size_t n_months,
			       cz_arena *arena, cz_funding_share *out);

#endif
