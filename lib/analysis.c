#include "analysis.h"

#include "canvas.h"
#include "diag.h"
#include "diff.h"
#include "indicators.h"
#include "portfolio.h"
#include "skills.h"
#include "testphase.h"

/* --- diag ------------------------------------------------------------------ */

static void *diag_run(const cz_project *p, const cz_referential *ref, const cz_options *o, cz_status *st)
{
	(void)o;
	cz_diag *d = NULL;
	*st = p ? cz_diag_run(p, ref, &d) : CZ_ERR_USAGE;
	/* The summary at the head of the diagnostic gives the test verdict. */
	if (*st == CZ_OK && cz_testphase_applies(p))
		*st = cz_testphase_run(p, ref, &d->testphase);
	if (*st != CZ_OK) {
		cz_diag_free(d);
		return NULL;
	}
	return d;
}

static void diag_free(void *result)
{
	cz_diag_free(result);
}

static int diag_exit_code(const void *result)
{
	return cz_diag_has_critical(result) ? CZ_CODE_CRITICAL_ALERT : CZ_CODE_NONE;
}

const cz_analysis cz_analysis_diag = {
	.name = "diag",
	.key = "diag",
	.suffix = "-diag",
	.run = diag_run,
	.free = diag_free,
	.exit_code = diag_exit_code,
	.render = {
		[CZ_FMT_MD] = cz_diag_render_md,
		[CZ_FMT_JSON] = cz_diag_render_json,
		[CZ_FMT_XLSX] = cz_diag_render_xlsx,
		[CZ_FMT_HTML] = cz_diag_render_html,
	},
};

/* --- test-phase ------------------------------------------------------------ */

static void *testphase_run(const cz_project *p, const cz_referential *ref, const cz_options *o,
			   cz_status *st)
{
	(void)o;
	cz_testphase *r = NULL;
	*st = p ? cz_testphase_run(p, ref, &r) : CZ_ERR_USAGE;
	return *st == CZ_OK ? r : NULL;
}

static void testphase_free(void *result)
{
	cz_testphase_free(result);
}

static int testphase_exit_code(const void *result)
{
	switch (((const cz_testphase *)result)->verdict) {
	case CZ_VERDICT_REAJUSTER:
		return CZ_CODE_REAJUSTER;
	case CZ_VERDICT_NO_GO:
		return CZ_CODE_NO_GO;
	case CZ_VERDICT_INCOMPLET:
		return CZ_CODE_INCOMPLET;
	default:
		return CZ_CODE_NONE;
	}
}

const cz_analysis cz_analysis_test_phase = {
	.name = "test-phase",
	.key = "test_phase",
	.suffix = "-test",
	.run = testphase_run,
	.free = testphase_free,
	.exit_code = testphase_exit_code,
	.render = {
		[CZ_FMT_MD] = cz_testphase_render_md,
		[CZ_FMT_JSON] = cz_testphase_render_json,
		[CZ_FMT_XLSX] = cz_testphase_render_xlsx,
		[CZ_FMT_HTML] = cz_testphase_render_html,
	},
};

/* --- indicators ------------------------------------------------------------ */

static void *indicators_run(const cz_project *p, const cz_referential *ref, const cz_options *o,
			    cz_status *st)
{
	cz_ind_options opt = { o->taux_benevolat, o->taux_given };
	cz_indicators *r = NULL;
	*st = p ? cz_indicators_run(p, ref, &opt, &r) : CZ_ERR_USAGE;
	return *st == CZ_OK ? r : NULL;
}

static void indicators_free(void *result)
{
	cz_indicators_free(result);
}

const cz_analysis cz_analysis_indicators = {
	.name = "indicators",
	.key = "indicateurs",
	.suffix = "-indicateurs",
	.run = indicators_run,
	.free = indicators_free,
	.render = {
		[CZ_FMT_MD] = cz_indicators_render_md,
		[CZ_FMT_JSON] = cz_indicators_render_json,
		[CZ_FMT_XLSX] = cz_indicators_render_xlsx,
		[CZ_FMT_HTML] = cz_indicators_render_html,
	},
};

/* --- bmc ------------------------------------------------------------------- */

static void *canvas_run(const cz_project *p, const cz_referential *ref, const cz_options *o, cz_status *st)
{
	cz_canvas *c = NULL;
	if (p)
		*st = cz_canvas_run(p, ref, &c);
	else
		*st = o->canvas ? cz_canvas_run_template(o->canvas, ref, &c) : CZ_ERR_USAGE;
	return *st == CZ_OK ? c : NULL;
}

static void canvas_free(void *result)
{
	cz_canvas_free(result);
}

const cz_analysis cz_analysis_bmc = {
	.name = "bmc",
	.key = "bmc",
	.suffix = "-bmc",
	.run = canvas_run,
	.free = canvas_free,
	.render = {
		[CZ_FMT_MD] = cz_canvas_render_md,
		[CZ_FMT_JSON] = cz_canvas_render_json,
		[CZ_FMT_XLSX] = cz_canvas_render_xlsx,
		[CZ_FMT_HTML] = cz_canvas_render_html,
	},
};

/* --- skills ---------------------------------------------------------------- */

static void *skills_run(const cz_project *p, const cz_referential *ref, const cz_options *o, cz_status *st)
{
	cz_skills_request rq = { .mode = o->role ? CZ_SKILLS_ROLE : CZ_SKILLS_CHECKLIST,
				 .all_phases = !o->one_phase,
				 .phase = o->phase };
	cz_skills *s = NULL;
	*st = cz_skills_run(p, ref, &rq, &s);
	return *st == CZ_OK ? s : NULL;
}

static void skills_free(void *result)
{
	cz_skills_free(result);
}

const cz_analysis cz_analysis_skills = {
	.name = "skills",
	.key = "competences",
	.suffix = "-competences",
	.run = skills_run,
	.free = skills_free,
	.render = {
		[CZ_FMT_MD] = cz_skills_render_md,
		[CZ_FMT_JSON] = cz_skills_render_json,
		[CZ_FMT_XLSX] = cz_skills_render_xlsx,
		[CZ_FMT_HTML] = cz_skills_render_html,
	},
};

/* --- results the caller builds --------------------------------------------- */

const cz_analysis cz_analysis_portfolio = {
	.name = "portefeuille",
	.key = "portefeuille",
	.suffix = "",
	.render = {
		[CZ_FMT_MD] = cz_portfolio_render_md,
		[CZ_FMT_JSON] = cz_portfolio_render_json,
		[CZ_FMT_XLSX] = cz_portfolio_render_xlsx,
		[CZ_FMT_HTML] = cz_portfolio_render_html,
	},
	.xlsx_in_order = true,
};

const cz_analysis cz_analysis_referential = {
	.name = "referentiel",
	.key = "referentiel",
	.suffix = "",
	.render = {
		[CZ_FMT_MD] = cz_referential_render_md,
		[CZ_FMT_JSON] = cz_referential_render_json,
		[CZ_FMT_HTML] = cz_referential_render_html,
		[CZ_FMT_YAML] = cz_referential_render_yaml,
	},
};

/* The form of `fiche` and the project file of `import`: results the
 * commands build themselves. */
const cz_analysis cz_analysis_fiche = {
	.name = "fiche",
	.key = "fiche",
	.suffix = "-fiche",
	.render = {
		[CZ_FMT_XLSX] = cz_fiche_render_xlsx,
	},
};

const cz_analysis cz_analysis_import = {
	.name = "import",
	.key = "import",
	.suffix = "",
	.render = {
		[CZ_FMT_YAML] = cz_import_render_yaml,
	},
};

/* The comparison of two snapshots (`diff`): its result takes two projects,
 * so the command builds it (cz_diff_run). */
static int diff_exit_code(const void *result)
{
	return cz_diff_worsens(result) ? CZ_CODE_WORSE : CZ_CODE_NONE;
}

const cz_analysis cz_analysis_diff = {
	.name = "diff",
	.key = "diff",
	.suffix = "-diff",
	.exit_code = diff_exit_code,
	.render = {
		[CZ_FMT_MD] = cz_diff_render_md,
		[CZ_FMT_JSON] = cz_diff_render_json,
		[CZ_FMT_XLSX] = cz_diff_render_xlsx,
		[CZ_FMT_HTML] = cz_diff_render_html,
	},
};

/* A project over its snapshots (`evolution`): rows the command builds. */
const cz_analysis cz_analysis_evolution = {
	.name = "evolution",
	.key = "evolution",
	.suffix = "-evolution",
	.render = {
		[CZ_FMT_MD] = cz_evolution_render_md,
		[CZ_FMT_JSON] = cz_evolution_render_json,
		[CZ_FMT_XLSX] = cz_evolution_render_xlsx,
		[CZ_FMT_HTML] = cz_evolution_render_html,
	},
};

const cz_analysis *const cz_project_analyses[] = {
	&cz_analysis_diag, &cz_analysis_test_phase, &cz_analysis_indicators, &cz_analysis_bmc,
	&cz_analysis_skills,
};
const size_t cz_n_project_analyses = sizeof(cz_project_analyses) / sizeof(cz_project_analyses[0]);
