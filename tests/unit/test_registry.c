/*
 * The registry of analyses and the table of formats (lib/analysis.h,
 * lib/format.h): each row complete and distinct, formats found by name and
 * alias and never by an unknown one, every renderer an analysis lists
 * producing its format from a real project (a workbook is a zip file, JSON
 * an object), the combined document of a report, and what runs without a
 * project.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "format.h"
#include "loader.h"
#include "xlsx_file.h"

static void test_rows_complete_and_distinct(void **state)
{
	(void)state;
	assert_int_equal(cz_n_project_analyses, 5);
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		const cz_analysis *a = cz_project_analyses[i];
		assert_non_null(a->name);
		assert_non_null(a->key);
		assert_non_null(a->run);
		assert_non_null(a->free);
		assert_true(a->suffix && a->suffix[0] == '-');
		size_t n = 0;
		for (size_t f = 0; f < CZ_FMT_COUNT; f++)
			n += cz_analysis_renders(a, (cz_format)f);
		assert_true(n >= 1);
		for (size_t j = 0; j < i; j++) {
			const cz_analysis *b = cz_project_analyses[j];
			assert_string_not_equal(a->name, b->name);
			assert_string_not_equal(a->key, b->key);
			assert_string_not_equal(a->suffix, b->suffix);
		}
	}
	/* only diag and test-phase call for an exit code */
	assert_non_null(cz_analysis_diag.exit_code);
	assert_non_null(cz_analysis_test_phase.exit_code);
	assert_null(cz_analysis_indicators.exit_code);
	/* results the caller builds: nothing to run or free */
	assert_null(cz_analysis_portfolio.run);
	assert_null(cz_analysis_referential.run);
	assert_true(cz_analysis_renders(&cz_analysis_referential, CZ_FMT_YAML));
	assert_true(cz_analysis_renders(&cz_analysis_referential, CZ_FMT_MD));   /* the guide */
	assert_true(cz_analysis_renders(&cz_analysis_referential, CZ_FMT_JSON));
	assert_false(cz_analysis_renders(&cz_analysis_referential, CZ_FMT_XLSX));
	assert_false(cz_analysis_renders(&cz_analysis_diag, CZ_FMT_YAML));
	assert_false(cz_analysis_renders(&cz_analysis_diag, CZ_FMT_COUNT));
}

static void test_format_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < CZ_FMT_COUNT; i++) {
		const cz_format_desc *f = &cz_formats[i];
		assert_int_equal(f->id, i);
		assert_non_null(f->write);
		assert_ptr_equal(cz_format_find(f->name), f);
		if (f->alias)
			assert_ptr_equal(cz_format_find(f->alias), f);
		if (f->kind == CZ_FORMAT_TEXT) {
			assert_non_null(f->list_begin);
			assert_non_null(f->list_separator);
			assert_non_null(f->list_end);
		}
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(f->name, cz_formats[j].name);
	}
	assert_ptr_equal(cz_format_find("markdown"), &cz_formats[CZ_FMT_MD]);
	assert_ptr_equal(cz_format_find("yml"), &cz_formats[CZ_FMT_YAML]);
	static const char *const unknown[] = { "pdf", "docx", "odt", "", "MD2", "txt" };
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_null(cz_format_find(unknown[i]));
	assert_non_null(cz_format_other_documents_hint(true, false));
	assert_non_null(cz_format_other_documents_hint(false, true));
	assert_null(cz_format_other_documents_hint(false, false));
	assert_string_equal(cz_format_portfolio_stem(&cz_formats[CZ_FMT_MD]), "portefeuille");
	assert_ptr_equal(cz_format_find("htm"), &cz_formats[CZ_FMT_HTML]);
	assert_string_equal(cz_format_portfolio_stem(&cz_formats[CZ_FMT_HTML]), "index");
}

static cz_project *example(void)
{
	cz_problems pb;
	cz_problems_init(&pb, "examples/quartier-test.yaml");
	cz_project *p = NULL;
	assert_int_equal(cz_project_load_file("examples/quartier-test.yaml", ref, &p, &pb), CZ_OK);
	cz_problems_free(&pb);
	return p;
}

static bool file_starts_with(const char *path, const char *magic)
{
	FILE *f = fopen(path, "rb");
	char buf[8] = "";
	size_t n = f ? fread(buf, 1, strlen(magic), f) : 0;
	if (f)
		fclose(f);
	return n == strlen(magic) && memcmp(buf, magic, n) == 0;
}

/* Every renderer of every analysis, on a real project, through the table. */
static void test_every_renderer(void **state)
{
	(void)state;
	cz_project *p = example();
	cz_options opts = { .charts = true };
	char dir[] = "/tmp/cz-registry-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/out", dir);
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		const cz_analysis *a = cz_project_analyses[i];
		cz_status st = CZ_OK;
		void *res = a->run(p, ref, &opts, &st);
		assert_int_equal(st, CZ_OK);
		assert_non_null(res);
		cz_part part = { a, res };
		cz_document doc = { .parts = &part, .n_parts = 1 };
		for (size_t f = 0; f < CZ_FMT_COUNT; f++) {
			if (!cz_analysis_renders(a, (cz_format)f))
				continue;
			const cz_format_desc *fmt = &cz_formats[f];
			cz_render_ctx rc = { .ref = ref, .opts = &opts, .created = 1 };
			cz_problems pb;
			cz_problems_init(&pb, path);
			assert_int_equal(fmt->write(fmt, &doc, &rc, path, 0, &pb), CZ_OK);
			assert_int_equal(pb.count, 0);
			cz_problems_free(&pb);
			if (f == CZ_FMT_XLSX)
				assert_true(file_starts_with(path, "PK"));
			else if (f == CZ_FMT_JSON)
				assert_true(file_starts_with(path, "{"));
			else if (f == CZ_FMT_MD)
				assert_true(file_starts_with(path, "#"));
			assert_int_equal(unlink(path), 0);
		}
		a->free(res);
	}
	assert_int_equal(rmdir(dir), 0);
	cz_project_free(p);
}

/* Every project workbook can be written row after row (libxlsxwriter's
 * constant_memory refuses a cell above a row already written out, and the
 * height of such a row): each part alone, as its command writes it, and
 * the five together, as report does. Only the portfolio is written so
 * today (README "Performances"); this keeps the others able to. */
typedef struct {
	const cz_part *parts;
	size_t n;
	const cz_render_ctx *rc;
} in_order_job;

static cz_status fill_in_order(void *ctx, cz_xlsx *x)
{
	const in_order_job *job = ctx;
	cz_render_ctx rc = *job->rc;
	rc.x = x;
	rc.in_document = job->n > 1;
	for (size_t i = 0; i < job->n; i++) {
		cz_status st = job->parts[i].analysis->render[CZ_FMT_XLSX](job->parts[i].result, &rc);
		if (st != CZ_OK)
			return st;
	}
	return CZ_OK;
}

static void test_workbooks_in_row_order(void **state)
{
	(void)state;
	cz_project *p = example();
	cz_options opts = { .charts = true };
	char dir[] = "/tmp/cz-registry-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/out.xlsx", dir);
	cz_part parts[5];
	void *res[5];
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		cz_status st = CZ_OK;
		res[i] = cz_project_analyses[i]->run(p, ref, &opts, &st);
		assert_int_equal(st, CZ_OK);
		assert_non_null(res[i]);
		parts[i] = (cz_part){ cz_project_analyses[i], res[i] };
	}
	cz_render_ctx rc = { .ref = ref, .opts = &opts, .created = 1 };
	for (size_t i = 0; i <= cz_n_project_analyses; i++) {
		/* i < 5: part i alone; i == 5: the report's five parts */
		in_order_job job = { i < cz_n_project_analyses ? &parts[i] : parts,
				     i < cz_n_project_analyses ? 1 : cz_n_project_analyses, &rc };
		cz_problems pb;
		cz_problems_init(&pb, path);
		assert_int_equal(cz_xlsx_write(path, 1, CZ_XLSX_IN_ORDER, fill_in_order, &job, NULL, &pb), CZ_OK);
		assert_int_equal(pb.count, 0);
		cz_problems_free(&pb);
		assert_true(file_starts_with(path, "PK"));
		assert_int_equal(unlink(path), 0);
	}
	for (size_t i = 0; i < cz_n_project_analyses; i++)
		cz_project_analyses[i]->free(res[i]);
	assert_int_equal(rmdir(dir), 0);
	cz_project_free(p);
}

/* A report: one JSON object, the project, then one key per part. */
static void test_combined_document(void **state)
{
	(void)state;
	cz_project *p = example();
	cz_options opts = { 0 };
	cz_part parts[5];
	void *res[5];
	for (size_t i = 0; i < cz_n_project_analyses; i++) {
		cz_status st;
		res[i] = cz_project_analyses[i]->run(p, ref, &opts, &st);
		assert_non_null(res[i]);
		parts[i] = (cz_part){ cz_project_analyses[i], res[i] };
	}
	cz_document doc = { .parts = parts, .n_parts = 5, .combined = true, .title = "P «\u00A0é\u00A0»",
			    .file = "p.yaml" };
	cz_buf b;
	cz_buf_init(&b);
	cz_render_ctx rc = { .ref = ref, .opts = &opts, .out = &b };
	assert_int_equal(cz_document_render(&cz_formats[CZ_FMT_JSON], &doc, &rc), CZ_OK);
	assert_true(strncmp(b.data, "{\n  \"projet\": \"P «\u00A0é\u00A0»\",\n  \"fichier\": \"p.yaml\",\n  \"diag\": {", 60) == 0);
	const char *keys[] = { "\n  \"test_phase\": {", "\n  \"indicateurs\": {", "\n  \"bmc\": {",
			       "\n  \"competences\": {" };
	const char *at = b.data;
	for (size_t i = 0; i < 4; i++) {
		const char *k = strstr(at, keys[i]);
		assert_non_null(k);
		assert_memory_equal(k - 2, "},", 2); /* the previous part closed, then a comma */
		at = k;
	}
	assert_string_equal(b.data + b.len - 4, "}\n}\n");
	cz_buf_free(&b);
	/* Markdown: the summary first (under the report's title), then each of
	 * the five parts after a rule; the diagnostic leaves its own summary
	 * out, so there is one */
	cz_buf_init(&b);
	rc.out = &b;
	assert_int_equal(cz_document_render(&cz_formats[CZ_FMT_MD], &doc, &rc), CZ_OK);
	assert_true(strncmp(b.data, "# Rapport\u00A0: P", strlen("# Rapport\u00A0: P")) == 0);
	const char *summary = strstr(b.data, "\n## L'essentiel\n");
	const char *first_rule = strstr(b.data, "\n---\n\n");
	assert_non_null(summary);
	assert_true(summary < first_rule);
	assert_null(strstr(summary + 1, "\n## L'essentiel\n"));
	size_t rules = 0;
	for (const char *s = b.data; (s = strstr(s, "\n---\n\n")) != NULL; s++)
		rules++;
	assert_int_equal(rules, 5);
	cz_buf_free(&b);
	/* a part whose analysis has no renderer in the format is refused */
	cz_part bad = { &cz_analysis_diag, res[0] };
	cz_document wrong = { .parts = &bad, .n_parts = 1 };
	cz_buf_init(&b);
	rc.out = &b;
	assert_int_equal(cz_document_render(&cz_formats[CZ_FMT_YAML], &wrong, &rc), CZ_ERR_USAGE);
	cz_buf_free(&b);
	for (size_t i = 0; i < cz_n_project_analyses; i++)
		cz_project_analyses[i]->free(res[i]);
	cz_project_free(p);
}

static void test_without_project(void **state)
{
	(void)state;
	cz_options opts = { 0 };
	cz_status st;
	assert_null(cz_analysis_diag.run(NULL, ref, &opts, &st));
	assert_int_equal(st, CZ_ERR_USAGE);
	assert_null(cz_analysis_test_phase.run(NULL, ref, &opts, &st));
	assert_int_equal(st, CZ_ERR_USAGE);
	assert_null(cz_analysis_indicators.run(NULL, ref, &opts, &st));
	assert_int_equal(st, CZ_ERR_USAGE);
	assert_null(cz_analysis_bmc.run(NULL, ref, &opts, &st));
	assert_int_equal(st, CZ_ERR_USAGE);
	opts.canvas = cz_ref_canvas_find(ref, "rural");
	assert_non_null(opts.canvas);
	void *c = cz_analysis_bmc.run(NULL, ref, &opts, &st);
	assert_non_null(c);
	cz_analysis_bmc.free(c);
	void *s = cz_analysis_skills.run(NULL, ref, &opts, &st);
	assert_non_null(s);
	cz_analysis_skills.free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_complete_and_distinct),
		cmocka_unit_test(test_format_table),
		cmocka_unit_test(test_every_renderer),
		cmocka_unit_test(test_workbooks_in_row_order),
		cmocka_unit_test(test_combined_document),
		cmocka_unit_test(test_without_project),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
