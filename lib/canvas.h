/*
 * The business model canvas (`bmc`, SPEC §5): the nine blocks of a project,
 * or of one of the referential's example canvases, laid out for the
 * renderers, and checks on the economic model with a severity.
 *
 * Display order: items keep the order of the file, except costs, grouped by
 * type (fixe, variable, investissement, then those without a type).
 *
 * Checks (words and thresholds come from the referential's `bmc.controles`;
 * matching ignores case and accents):
 *   bmc_absent          the project has no `bmc:` section                attention
 *   bloc_vide           a block without items                            attention
 *   hybridite           fewer than `piliers_min` of the four pillars,     critique
 *                       counted over revenue items AND `financements`
 *   recurrent           no recurring revenue from companies or            attention
 *                       authorities: no offer with `recurrent: true`
 *                       whose cible is in `cibles_recurrentes`, and no
 *                       revenue item naming both a recurring form
 *                       (`mots_recurrents`) and a payer (`mots_payeurs`)
 *   cible_absente       the cible of a priority offer is not found in the attention
 *                       clients block (its label as a substring of an
 *                       item, plural `s` ignored on both sides)
 *   acteur_absent       an actor with role partenaire, prestataire,       info
 *                       financeur or fournisseur is not found in the
 *                       partners block (either name contains the other)
 *   salaires            no cost item mentions `mots_salaires`             attention
 *   revenu_sans_pilier  revenue items without a `pilier`                  info
 *   multiactivite       activity revenue, but fewer services than the     attention
 *                       multiactivity pillar's services_min
 *                       (lib/multiactivity.h): the pillar is not counted
 *   modele_exemple      the canvas is an example canvas of the           attention
 *                       referential copied as it was (lib/starter.h):
 *                       not yet the project's model
 * Funding that is repaid (loans, repayable advances) is no pillar.
 * An example canvas has no project data: only bloc_vide, hybridite (revenue
 * items only), recurrent (revenue items only), salaires and
 * revenu_sans_pilier apply. Checks whose words the referential lacks are
 * skipped.
 *
 * The result borrows the project (or the example canvas) and the
 * referential: both must outlive it. Everything else is owned by the result,
 * freed by cz_canvas_free().
 */
#ifndef CZ_CANVAS_H
#define CZ_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "arena.h"
#include "buf.h"
#include "model.h"
#include "multiactivity.h"
#include "referential.h"
#include "status.h"

typedef enum {
	CZ_CHECK_BMC_ABSENT, CZ_CHECK_BLOC_VIDE, CZ_CHECK_HYBRIDITE, CZ_CHECK_RECURRENT,
	CZ_CHECK_CIBLE_ABSENTE, CZ_CHECK_ACTEUR_ABSENT, CZ_CHECK_SALAIRES,
	CZ_CHECK_REVENU_SANS_PILIER, CZ_CHECK_MULTIACTIVITE, CZ_CHECK_MODELE_EXEMPLE, CZ_CHECK_COUNT
} cz_canvas_check_kind;

/* Stable keys of the checks, for JSON: "bloc_vide", "hybridite"… */
extern const char *const cz_canvas_check_keys[CZ_CHECK_COUNT];

typedef struct {
	cz_canvas_check_kind kind;
	cz_severity severity;
	int bloc;            /* cz_bloc concerned, or -1 */
	const char *message; /* what was found, one sentence */
	const char *reason;  /* why it matters, one sentence */
} cz_canvas_check;

typedef struct {
	const cz_bmc_item **items; /* display order (see above) */
	size_t n;
	bool typed; /* costs: at least one item has a type, so groups are shown */
} cz_canvas_block;

typedef struct {
	cz_arena *arena;
	const char *nom;         /* project name, or the example canvas's name */
	const char *file;        /* project file; NULL for an example canvas */
	const cz_project *project; /* NULL for an example canvas */
	const char *template_id; /* example canvas id; NULL for a project */
	bool has_bmc;            /* false: the project has no `bmc:` section */
	cz_canvas_block blocks[CZ_BLOC_COUNT];
	/* The four pillars, where each was found (the activity pillar counts
	 * only with multiactivity: see cz_canvas_has_pillar). */
	bool pillar_revenue[CZ_PILIER_COUNT];
	bool pillar_funding[CZ_PILIER_COUNT];
	size_t n_pillars;
	int piliers_min; /* -1 when the referential sets no threshold */
	const cz_ref_source *piliers_min_origine;
	cz_multiactivity multi;
	const cz_ref_canvas *example; /* the example canvas this one still is (lib/starter.h), or NULL */
	/* Critique first, then attention, then info; found order within. */
	cz_canvas_check *checks;
	size_t n_checks;
	size_t n_by_severity[CZ_SEV_COUNT];
} cz_canvas;

/* The canvas of a project, or of an example canvas of the referential. */
cz_status cz_canvas_run(const cz_project *p, const cz_referential *ref, cz_canvas **out);
cz_status cz_canvas_run_template(const cz_ref_canvas *t, const cz_referential *ref,
				 cz_canvas **out);
void cz_canvas_free(cz_canvas *c);

/* Whether the canvas has a pillar (from revenue or funding). */
static inline bool cz_canvas_has_pillar(const cz_canvas *c, int pilier)
{
	return (c->pillar_revenue[pilier] || c->pillar_funding[pilier]) &&
	       (pilier != CZ_PILIER_ACTIVITE || c->multi.met);
}

/* The blocks in canvas reading order: left to right, top to bottom
 * (partners … value proposition … clients, then costs and revenue). */
extern const int cz_canvas_reading_order[CZ_BLOC_COUNT];

/* A block's name as the renderers show it: the referential's `nom`, or the
 * built-in label. */
const char *cz_canvas_block_name(const cz_referential *ref, int bloc);

/* `s` written by `text` with its first (ASCII) letter in upper case: the
 * cost types' labels as group headings ("coût fixe" -> "Coût fixe"). */
void cz_canvas_capitalized(cz_buf *b, const char *s, void (*text)(cz_buf *, const char *));

/* Renderers (lib/render.h): XLSX adds the sheets "Canevas" (the printable
 * canvas), "Canevas blocs" (one row per item) and "Canevas contrôles"
 * (pillars and checks). */

#endif
