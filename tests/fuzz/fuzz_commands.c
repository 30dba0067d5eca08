/*
 * libFuzzer harness for a whole command path: any byte string that loads as
 * a project goes through every analysis (diag, test-phase, indicators, bmc,
 * skills) and its Markdown and JSON renderers, as `report` does. Nothing may
 * crash, hang, leak or invoke undefined behaviour. XLSX renderers are left to
 * the golden, hostile and valgrind suites: writing a workbook per input
 * would slow the search a hundredfold.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "diag.h"
#include "indicators.h"
#include "loader.h"
#include "skills.h"
#include "testphase.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cz_referential *ref;

static void release_ref(void)
{
	cz_referential_free(ref);
	ref = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cz_problems pb;
	cz_problems_init(&pb, "referentiel interne");
	cz_status st = cz_referential_load_builtin(&ref, &pb);
	cz_problems_free(&pb);
	if (st != CZ_OK)
		abort();
	atexit(release_ref);
	return 0;
}

static void render(cz_status (*md)(const void *, cz_buf *), cz_status (*json)(const void *, cz_buf *),
		   const void *res)
{
	cz_buf b;
	cz_buf_init(&b);
	md(res, &b);
	cz_buf_free(&b);
	cz_buf_init(&b);
	json(res, &b);
	cz_buf_free(&b);
}

/* Adapters to one signature. */
static cz_status diag_md(const void *r, cz_buf *b) { return cz_diag_render_md(r, b); }
static cz_status diag_json(const void *r, cz_buf *b) { return cz_diag_render_json(r, b); }
static cz_status tp_md(const void *r, cz_buf *b) { return cz_testphase_render_md(r, ref, b); }
static cz_status tp_json(const void *r, cz_buf *b) { return cz_testphase_render_json(r, ref, b); }
static cz_status ind_md(const void *r, cz_buf *b) { return cz_indicators_render_md(r, ref, true, b); }
static cz_status ind_json(const void *r, cz_buf *b) { return cz_indicators_render_json(r, ref, b); }
static cz_status bmc_md(const void *r, cz_buf *b) { return cz_canvas_render_md(r, ref, b); }
static cz_status bmc_json(const void *r, cz_buf *b) { return cz_canvas_render_json(r, ref, b); }
static cz_status sk_md(const void *r, cz_buf *b) { return cz_skills_render_md(r, ref, b); }
static cz_status sk_json(const void *r, cz_buf *b) { return cz_skills_render_json(r, ref, b); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_project *p = NULL;
	if (cz_project_load((const char *)data, size, "fuzz.yaml", ref, &p, &pb) == CZ_OK) {
		cz_diag *d = NULL;
		if (cz_diag_run(p, ref, &d) == CZ_OK)
			render(diag_md, diag_json, d);
		cz_diag_free(d);
		cz_testphase *t = NULL;
		if (cz_testphase_run(p, ref, &t) == CZ_OK)
			render(tp_md, tp_json, t);
		cz_testphase_free(t);
		cz_ind_options opt = { 0, false }; /* the referential's rate, as the CLI */
		cz_indicators *ind = NULL;
		if (cz_indicators_run(p, ref, &opt, &ind) == CZ_OK)
			render(ind_md, ind_json, ind);
		cz_indicators_free(ind);
		cz_canvas *c = NULL;
		if (cz_canvas_run(p, ref, &c) == CZ_OK)
			render(bmc_md, bmc_json, c);
		cz_canvas_free(c);
		cz_skills_request rq = { CZ_SKILLS_CHECKLIST, true, CZ_PHASE_EMERGENCE };
		cz_skills *s = NULL;
		if (cz_skills_run(p, ref, &rq, &s) == CZ_OK)
			render(sk_md, sk_json, s);
		cz_skills_free(s);
	}
	cz_project_free(p);
	cz_problems_free(&pb);
	return 0;
}
