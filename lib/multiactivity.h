/*
 * Multiactivity, the first viability pillar of seed 004 (« multiactivité »):
 * several activities, not one. The pillar holds when at least the
 * referential's `services_min` distinct services (pillar `activite`) bring
 * revenue. Services are counted from per-service revenue (`recettes` given
 * as a map, amount > 0, over every record); when no record itemises its
 * revenue, from the project's offers (`offre`, starter placeholders left
 * out), and the reports say the count comes from the catalogue. The canvas
 * (bmc) falls back, without records nor offers, on its revenue items tagged
 * `pilier: activite`, one service each.
 */
#ifndef CZ_MULTIACTIVITY_H
#define CZ_MULTIACTIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "referential.h"
#include "status.h"

typedef struct {
	size_t n_services;   /* distinct services counted */
	bool from_revenue;   /* counted from per-service revenue; false: from the offers */
	bool from_canvas;    /* counted from the canvas's activity revenue items (bmc, no data) */
	double services_min; /* the referential's minimum; 0 when it sets none */
	bool met;            /* n_services >= services_min (always true without a minimum) */
	const cz_ref_source *origine; /* of services_min */
} cz_multiactivity;

cz_status cz_multiactivity_count(const cz_project *p, const cz_referential *ref, cz_multiactivity *out);

#endif
