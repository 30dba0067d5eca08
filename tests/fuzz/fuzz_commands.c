/*
 * libFuzzer harness for a whole command path: any byte string that loads as
 * a project goes through every analysis of the registry (lib/analysis.h) and
 * every text format each renders, alone and as the combined document
 * `report` writes, through the same calls as the commands. Nothing may
 * crash, hang, leak or invoke undefined behaviour, and every output must
 * pass the independent checks of tests/common/output_check.h: valid UTF-8
 * without forbidden characters, well-formed JSON, a workbook of well-formed
 * XML with finite numbers. Workbook formats are built too, in memory, for
 * one input in eight (chosen by a hash of the input, so a run is
 * reproducible): a workbook per input would slow the search tenfold.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "format.h"
#include "fuzz_check.h"
#include "loader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cz_referential *ref;

static void release(void)
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
	atexit(release);
	return 0;
}

/* A document's parts into a workbook, as lib/format.c does for a file. */
typedef struct {
	const cz_document *d;
	cz_render_ctx rc;
	cz_format f;
} workbook_job;

static cz_status fill(void *ctx, cz_xlsx *x)
{
	workbook_job *job = ctx;
	job->rc.x = x;
	for (size_t i = 0; i < job->d->n_parts; i++) {
		const cz_part *p = &job->d->parts[i];
		cz_status st = p->analysis->render[job->f](p->result, &job->rc);
		if (st != CZ_OK)
			return st;
	}
	return CZ_OK;
}

/* One document in every format its parts render. */
static void render_all(const cz_document *d, const cz_options *opts, bool workbooks)
{
	for (size_t f = 0; f < CZ_FMT_COUNT; f++) {
		bool all = true;
		for (size_t i = 0; i < d->n_parts; i++)
			all &= cz_analysis_renders(d->parts[i].analysis, (cz_format)f);
		if (!all)
			continue;
		const cz_format_desc *fmt = &cz_formats[f];
		cz_render_ctx rc = { .ref = ref, .opts = opts, .created = 1 };
		if (fmt->kind == CZ_FORMAT_TEXT) {
			cz_buf b;
			cz_buf_init(&b);
			rc.out = &b;
			if (cz_document_render(fmt, d, &rc) == CZ_OK) {
				if (fmt->id == CZ_FMT_JSON)
					fuzz_check_json(&b, fmt->name);
				else
					fuzz_check_text(&b, fmt->name);
			}
			cz_buf_free(&b);
		} else if (workbooks) {
			workbook_job job = { d, rc, fmt->id };
			job.rc.in_document = d->combined;
			fuzz_check_xlsx(fill, &job, fmt->name);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_project *p = NULL;
	bool workbooks = fuzz_one_in_eight(data, size);
	if (cz_project_load((const char *)data, size, "fuzz.yaml", ref, &p, &pb) == CZ_OK) {
		/* the referential's rate, all phases, Mermaid charts: what report does, and more */
		cz_options opts = { .charts = true };
		void *res[16] = { NULL };
		cz_part parts[16];
		size_t n = 0;
		for (size_t i = 0; i < cz_n_project_analyses && i < 16; i++) {
			const cz_analysis *a = cz_project_analyses[i];
			cz_status st = CZ_OK;
			res[i] = a->run(p, ref, &opts, &st);
			if (!res[i])
				continue;
			cz_part one = { a, res[i] };
			cz_document d = { .parts = &one, .n_parts = 1 };
			render_all(&d, &opts, workbooks);
			cz_analysis_exit_code(a, res[i]);
			parts[n++] = one;
		}
		cz_document report = { .parts = parts, .n_parts = n, .combined = true,
				       .title = p->projet.nom, .file = p->file };
		render_all(&report, &opts, false);
		for (size_t i = 0; i < cz_n_project_analyses && i < 16; i++)
			if (res[i])
				cz_project_analyses[i]->free(res[i]);
	}
	cz_project_free(p);
	cz_problems_free(&pb);
	return 0;
}
