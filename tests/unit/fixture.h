/*
 * Shared fixture of the unit tests: the built-in referential loaded once per
 * group (setup/teardown), and projects loaded from YAML text against it.
 * Include after cmocka.h. Inline so a test using only part of it builds
 * without unused-function warnings.
 */
#ifndef CZ_TEST_FIXTURE_H
#define CZ_TEST_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "format.h"
#include "loader.h"
#include "referential.h"

static cz_referential *ref;

static inline int setup(void **state)
{
	(void)state;
	cz_problems pb;
	cz_problems_init(&pb, "ref");
	cz_status st = cz_referential_load_builtin(&ref, &pb);
	cz_problems_free(&pb);
	return st == CZ_OK ? 0 : -1;
}

static inline int teardown(void **state)
{
	(void)state;
	cz_referential_free(ref);
	return 0;
}

/* A project that must load: its problems are printed before failing. */
static inline cz_project *load_with(const cz_referential *r, const char *yaml)
{
	cz_problems pb;
	cz_problems_init(&pb, "p.yaml");
	cz_project *p = NULL;
	cz_status st = cz_project_load(yaml, strlen(yaml), "p.yaml", r, &p, &pb);
	for (size_t i = 0; i < pb.count; i++)
		fprintf(stderr, "p.yaml:%u:%u: %s\n", pb.items[i].line, pb.items[i].column,
			pb.items[i].message);
	cz_problems_free(&pb);
	assert_int_equal(st, CZ_OK);
	return p;
}

static inline cz_project *load(const char *yaml)
{
	return load_with(ref, yaml);
}

/* Render `result` of analysis `a` in the text format `f`, appended to `b`,
 * through the registry as the commands do (opts NULL: the defaults). */
static inline cz_status render_text(const cz_analysis *a, cz_format f, const void *result,
				    const cz_options *opts, cz_buf *b)
{
	static const cz_options defaults = { 0 };
	cz_part part = { a, result };
	cz_document doc = { .parts = &part, .n_parts = 1 };
	cz_render_ctx rc = { .ref = ref, .opts = opts ? opts : &defaults, .out = b };
	return cz_document_render(&cz_formats[f], &doc, &rc);
}

#endif
