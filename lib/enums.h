/*
 * The keywords of the file format for each enumeration, and French labels
 * for reports. Arrays are indexed by the enum value of model.h.
 */
#ifndef CZ_ENUMS_H
#define CZ_ENUMS_H

#include <stddef.h>

#include "model.h"

typedef struct {
	const char *const *keys;   /* as written in the YAML file */
	const char *const *labels; /* as shown in reports */
	size_t count;
} cz_enum;

extern const cz_enum cz_enum_type, cz_enum_phase, cz_enum_lieu, cz_enum_statut,
	cz_enum_step_status, cz_enum_level, cz_enum_actor_type, cz_enum_role, cz_enum_cible,
	cz_enum_unite, cz_enum_pilier, cz_enum_nature, cz_enum_cout_type, cz_enum_bloc,
	cz_enum_severity;

/* Index of `key` in the enumeration, or -1. */
int cz_enum_find(const cz_enum *e, const char *key);
/* Label of value v, or "?" when out of range. */
const char *cz_enum_label(const cz_enum *e, int v);
const char *cz_enum_key(const cz_enum *e, int v);

#endif
