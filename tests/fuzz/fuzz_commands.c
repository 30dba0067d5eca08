/*
 * libFuzzer harness for a whole command path: any byte string that loads as
 * a project goes through every analysis of the registry (lib/analysis.h) and
 * every text format each renders, alone and as the combined document
 * `report` writes, through the same calls as the commands. Nothing may
 * crash, hang, leak or invoke undefined behaviour. Workbook formats are
 * written too, for one input in eight (chosen by a hash of the input, so a
 * run is reproducible): a workbook per input would slow the search a
 * hundredfold. They go to a file in $TMPDIR, removed at exit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "format.h"
#include "loader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cz_referential *ref;
static char workbook[256];

static void release(void)
{
	cz_referential_free(ref);
	ref = NULL;
	if (workbook[0])
		unlink(workbook);
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
	const char *tmp = getenv("TMPDIR");
	snprintf(workbook, sizeof(workbook), "%s/cz-fuzz-%ld.xlsx", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	atexit(release);
	return 0;
}

static uint32_t fnv(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
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
			cz_document_render(fmt, d, &rc);
			cz_buf_free(&b);
		} else if (workbooks) {
			cz_problems pb;
			cz_problems_init(&pb, workbook);
			fmt->write(fmt, d, &rc, workbook, 0, &pb);
			cz_problems_free(&pb);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_project *p = NULL;
	bool workbooks = fnv(data, size) % 8 == 0;
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
