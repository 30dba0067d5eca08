/*
 * libFuzzer harness for the referential loader (`--referentiel FILE`): an
 * amended referential written by hand must load or be refused with
 * problems, never crash, hang or leak. Its problem messages are clean text.
 * One that loads is put to work: a small project goes through every
 * analysis of the registry, rendered in every text format, and for one
 * input in eight in XLSX, each output checked (tests/common/output_check.h):
 * the referential's names reach every report.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "fuzz_check.h"
#include "loader.h"
#include "referential.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char project[] = "version: 1\nprojet: { nom: \"Essai\", type: quartier, phase: test }\n"
			      "besoins: [{ besoin: \"Repassage\", cible: habitants, demandes: 3 }]\n";

typedef struct {
	const cz_analysis *a;
	const void *res;
	cz_render_ctx rc;
} fill_ctx;

static cz_status fill(void *ctx, cz_xlsx *x)
{
	fill_ctx *c = ctx;
	c->rc.x = x;
	return c->a->render[CZ_FMT_XLSX](c->res, &c->rc);
}

/* The project through every analysis of the registry, every format. */
static void put_to_work(const cz_referential *ref, bool workbooks)
{
	cz_problems pb;
	cz_problems_init(&pb, "essai.yaml");
	cz_project *p = NULL;
	if (cz_project_load(project, sizeof(project) - 1, "essai.yaml", ref, &p, &pb) != CZ_OK) {
		cz_problems_free(&pb);
		return;
	}
	cz_options opts = { .charts = true };
	cz_render_ctx rc = { .ref = ref, .opts = &opts, .created = 1 };
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		const cz_analysis *a = cz_project_analyses[i];
		cz_status st = CZ_OK;
		void *res = a->run(p, ref, &opts, &st);
		if (!res)
			continue;
		for (int f = 0; f < CZ_FMT_COUNT; f++) {
			if (!cz_analysis_renders(a, (cz_format)f))
				continue;
			if (f == CZ_FMT_XLSX) {
				if (workbooks) {
					fill_ctx c = { a, res, rc };
					fuzz_check_xlsx(fill, &c, a->name);
				}
				continue;
			}
			cz_buf b;
			cz_buf_init(&b);
			cz_render_ctx text = rc;
			text.out = &b;
			if (a->render[f](res, &text) == CZ_OK) {
				if (f == CZ_FMT_JSON)
					fuzz_check_json(&b, a->name);
				else
					fuzz_check_text(&b, a->name);
			}
			cz_buf_free(&b);
		}
		a->free(res);
	}
	cz_project_free(p);
	cz_problems_free(&pb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_referential *ref = NULL;
	cz_status st = cz_referential_load((const char *)data, size, &ref, &pb);
	if ((st == CZ_OK) != (ref != NULL) || (st == CZ_ERR_INVALID && pb.count == 0 && !pb.nomem))
		abort();
	for (size_t i = 0; i < pb.count; i++) {
		char why[256];
		if (!oc_text(pb.items[i].message, strlen(pb.items[i].message), why, sizeof(why))) {
			fprintf(stderr, "message %zu\u00A0: %s\n", i, why);
			abort();
		}
	}
	if (ref)
		put_to_work(ref, fuzz_one_in_eight(data, size));
	cz_referential_free(ref);
	cz_problems_free(&pb);
	return 0;
}
