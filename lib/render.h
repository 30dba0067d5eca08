/*
 * One renderer signature for every analysis and every format: a result and
 * one render context (the referential, the options, the creation time and
 * the sink: a text buffer or an open workbook). Renderers live in
 * lib/render_<analysis>_<format>.c and are wired to their analysis and
 * format in the registry (lib/analysis.c); the formats are described in
 * lib/format.c.
 *
 * Adding a format: a value below, a row in lib/format.c, one renderer per
 * analysis declared here and written in its own file, and the renderers'
 * names in the registry rows of lib/analysis.c. Nothing in cmd/.
 */
#ifndef CZ_RENDER_H
#define CZ_RENDER_H

#include <stdbool.h>
#include <time.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "model.h"
#include "referential.h"
#include "status.h"
#include "xlsx_util.h"

/* The formats, in the order of the format table (lib/format.c). */
typedef enum { CZ_FMT_MD, CZ_FMT_JSON, CZ_FMT_XLSX, CZ_FMT_YAML, CZ_FMT_HTML, CZ_FMT_COUNT } cz_format;

/* What the user asked for beyond the project: read by the analyses that
 * need it when they run, and by the renderers. */
typedef struct {
	bool charts;           /* indicators: Mermaid charts in Markdown */
	double taux_benevolat; /* indicators: euros per volunteer hour, when taux_given */
	bool taux_given;
	bool one_phase;        /* skills: only `phase`, not the four */
	cz_phase phase;
	bool role;             /* skills: the concierge profile instead of the checklist */
	const cz_ref_canvas *canvas; /* bmc: an example canvas instead of a project */
} cz_options;

typedef struct {
	const cz_referential *ref;
	const cz_options *opts;
	time_t created;   /* creation time of the output (workbook properties) */
	bool in_document; /* the result is one part of a larger document (report) */
	/* The document's summary is written already (a report's head, the
	 * html card above the details): the diagnostic leaves its own out. */
	bool summary_given;
	cz_buf *out;      /* text formats: append here */
	cz_xlsx *x;       /* workbook formats: add sheets here, through its cell writers */
	/* When set, the format writers (lib/format.h) add to it what they
	 * changed in the text to keep the file valid (lib/text.h), for the
	 * command to say; text rendered into `out` logs in out->log. */
	cz_text_log *log;
} cz_render_ctx;

/* Render `result` (the analysis's own result type) into rc's sink. */
typedef cz_status (*cz_render_fn)(const void *result, const cz_render_ctx *rc);

/* diag (result: cz_diag) */
cz_status cz_diag_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_diag_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_diag_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_diag_render_html(const void *result, const cz_render_ctx *rc);
/* test-phase (cz_testphase) */
cz_status cz_testphase_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_testphase_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_testphase_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_testphase_render_html(const void *result, const cz_render_ctx *rc);
/* indicators (cz_indicators); Markdown charts with opts->charts */
cz_status cz_indicators_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_indicators_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_indicators_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_indicators_render_html(const void *result, const cz_render_ctx *rc);
/* bmc (cz_canvas) */
cz_status cz_canvas_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_canvas_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_canvas_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_canvas_render_html(const void *result, const cz_render_ctx *rc);
/* skills (cz_skills) */
cz_status cz_skills_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_skills_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_skills_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_skills_render_html(const void *result, const cz_render_ctx *rc);
/* the portfolio of a report run (cz_portfolio) */
cz_status cz_portfolio_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_portfolio_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_portfolio_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_portfolio_render_html(const void *result, const cz_render_ctx *rc);
/* diff (cz_diff, lib/diff.h): what changed between two snapshots */
cz_status cz_diff_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_diff_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_diff_render_xlsx(const void *result, const cz_render_ctx *rc);
cz_status cz_diff_render_html(const void *result, const cz_render_ctx *rc);
/* evolution (cz_evolution, lib/evolution.h): a project snapshot after snapshot */
cz_status cz_evolution_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_evolution_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_evolution_render_xlsx(const void *result, const cz_render_ctx *rc);
/* html: one inline SVG chart per figure of the trend, then the tables */
cz_status cz_evolution_render_html(const void *result, const cz_render_ctx *rc);
/* the referential itself (cz_referential): its YAML text, to amend */
cz_status cz_referential_render_yaml(const void *result, const cz_render_ctx *rc);
/* the method as a readable guide, from the same referential
 * (lib/render_guide_md.c, lib/render_guide_json.c): sources, definition,
 * phases with their steps, competences and success conditions, families,
 * indicators with thresholds, conditions, verdict rule, pitfalls, pillars,
 * observations, canvas, concierge role and alert rules, each with its
 * origin (referential.h, "Origins") */
cz_status cz_referential_render_md(const void *result, const cz_render_ctx *rc);
cz_status cz_referential_render_json(const void *result, const cz_render_ctx *rc);
cz_status cz_referential_render_html(const void *result, const cz_render_ctx *rc);

/* fiche (cz_fiche_source, fiche_write.h): the project as a form to fill */
cz_status cz_fiche_render_xlsx(const void *result, const cz_render_ctx *rc);
/* import (cz_buf: the project file read from a workbook, already checked) */
cz_status cz_import_render_yaml(const void *result, const cz_render_ctx *rc);

#endif
