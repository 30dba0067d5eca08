/* The one style of every workbook (lib/xlsx_style.c): a tone per meaning,
 * and the page layout a sheet gets once its columns are set, read back
 * from the sheet's XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_file.h"
#include "xlsx_style.h"
#include "zip_read.h"

static void test_tones(void **state)
{
	(void)state;
	/* the same meaning, the same colour, whatever the status */
	assert_int_equal(cz_xlsx_tone_verdict(CZ_VERDICT_GO), cz_xlsx_tone_tp_status(CZ_TP_ATTEINT));
	assert_int_equal(cz_xlsx_tone_verdict(CZ_VERDICT_REAJUSTER), cz_xlsx_tone_tp_status(CZ_TP_PARTIEL));
	assert_int_equal(cz_xlsx_tone_verdict(CZ_VERDICT_NO_GO), cz_xlsx_tone_tp_status(CZ_TP_NON_ATTEINT));
	assert_int_equal(cz_xlsx_tone_verdict(CZ_VERDICT_INCOMPLET), cz_xlsx_tone_tp_status(CZ_TP_NON_RENSEIGNE));
	assert_int_equal(cz_xlsx_tone_verdict(CZ_VERDICT_NON_EVALUE), CZ_TONE_NEUTRAL);
	assert_int_equal(cz_xlsx_tone_step(CZ_STEP_FAIT, true), CZ_TONE_GOOD);
	assert_int_equal(cz_xlsx_tone_step(CZ_STEP_EN_COURS, false), CZ_TONE_MIXED);
	/* a step still to do is a fault only when its phase is due */
	assert_int_equal(cz_xlsx_tone_step(CZ_STEP_A_FAIRE, true), CZ_TONE_BAD);
	assert_int_equal(cz_xlsx_tone_step(CZ_STEP_A_FAIRE, false), CZ_TONE_NEUTRAL);
	assert_int_equal(cz_xlsx_tone_step(CZ_STEP_SANS_OBJET, true), CZ_TONE_NEUTRAL);
	assert_int_equal(cz_xlsx_tone_severity(CZ_SEV_CRITIQUE), CZ_TONE_ALARM);
	assert_int_equal(cz_xlsx_tone_severity(CZ_SEV_ATTENTION), CZ_TONE_MIXED);
	assert_int_equal(cz_xlsx_tone_severity(CZ_SEV_INFO), CZ_TONE_INFO);
	/* Excel's good / neutral / bad fills */
	assert_int_equal(cz_tone_fill[CZ_TONE_GOOD], 0xC6EFCE);
	assert_int_equal(cz_tone_fill[CZ_TONE_BAD], 0xFFC7CE);
}

/* Printable widths of A4 inside 0.4 inch margins: 595 - 57.6 = 537.4 pt
 * portrait, 842 - 57.6 = 784.4 pt landscape; a column of w units is
 * (7w + 5) × 0.75 pt. */
static void test_print_scale(void **state)
{
	(void)state;
	/* 100 units: 528.75 pt, a portrait page at full size */
	assert_true(fabs(cz_xlsx_print_scale(100) - 1) < 1e-12);
	/* 140 units: 738.75 pt, landscape at full size */
	assert_true(fabs(cz_xlsx_print_scale(140) - 1) < 1e-12);
	/* 200 units: 1053.75 pt, 784.4 / 1053.75 */
	assert_true(fabs(cz_xlsx_print_scale(200) - 784.4 / 1053.75) < 1e-9);
}

typedef struct {
	const char *name;
	double widths[3];
	size_t n;
} book_spec;

static cz_status fill(void *ctx, cz_xlsx *x)
{
	const book_spec *b = ctx;
	cz_date d = { 2026, 9, 30, true };
	cz_xlsx_document(x, b->name, &d);
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	lxw_worksheet *ws = cz_xlsx_sheet(x, "Feuille");
	if (!S || !ws)
		return CZ_OK;
	cz_xlsx_columns(x, ws, b->widths, b->n);
	cz_xlsx_repeat(x, ws, 1, 1);
	/* 3 words of 10 letters in a column of 10 units: 3 lines */
	cz_xlsx_text(x, ws, 2, 0, "aaaaaaaaaa bbbbbbbbbb cccccccccc", S->wrap);
	/* not wrapped: no height */
	cz_xlsx_text(x, ws, 3, 0, "aaaaaaaaaa bbbbbbbbbb cccccccccc", S->text);
	return CZ_OK;
}

static char *sheet_xml(const book_spec *b)
{
	cz_buf out;
	cz_buf_init(&out);
	cz_problems pb;
	cz_problems_init(&pb, "t.xlsx");
	assert_int_equal(cz_xlsx_build(1767225600, fill, (void *)b, &out, NULL, &pb), CZ_OK);
	cz_zip *z = NULL;
	assert_int_equal(cz_zip_open(out.data, out.len, &cz_zip_default_limits, &z, &pb), CZ_OK);
	char *xml = NULL;
	size_t len = 0;
	assert_int_equal(cz_zip_read(z, "xl/worksheets/sheet1.xml", &xml, &len, &pb), CZ_OK);
	cz_zip_close(z);
	cz_buf_free(&out);
	cz_problems_free(&pb);
	return xml;
}

static void test_layout(void **state)
{
	(void)state;
	/* narrow: portrait */
	book_spec narrow = { "Conciergerie A & B", { 10, 40, 20 }, 3 };
	char *xml = sheet_xml(&narrow);
	assert_non_null(strstr(xml, "paperSize=\"9\""));
	assert_non_null(strstr(xml, "orientation=\"portrait\""));
	assert_non_null(strstr(xml, "fitToHeight=\"0\""));
	assert_non_null(strstr(xml, "<pageSetUpPr fitToPage=\"1\"/>"));
	/* '&' doubled in the header, the date, the page numbers in the footer */
	assert_non_null(strstr(xml, "<oddHeader>&amp;LConciergerie A &amp;&amp; B&amp;Rsituation au 30/09/2026</oddHeader>"));
	assert_non_null(strstr(xml, "<oddFooter>&amp;L&amp;A&amp;Rpage &amp;P / &amp;N</oddFooter>"));
	/* 3 lines of 15 pt and 2 pt of room on row 3; row 4 keeps the default */
	assert_non_null(strstr(xml, "<row r=\"3\" spans=\"1:1\" ht=\"47\" customHeight=\"1\">"));
	assert_non_null(strstr(xml, "<row r=\"4\" spans=\"1:1\">"));
	free(xml);
	/* wide: landscape */
	book_spec wide = { "x", { 40, 60, 60 }, 3 };
	xml = sheet_xml(&wide);
	assert_non_null(strstr(xml, "orientation=\"landscape\""));
	free(xml);
	/* a long name is cut at 48 characters with an ellipsis */
	book_spec longname = { "0123456789012345678901234567890123456789012345678901234567890123456789", { 10 }, 1 };
	xml = sheet_xml(&longname);
	assert_non_null(strstr(xml, "&amp;L012345678901234567890123456789012345678901234567…&amp;R"));
	free(xml);
}

/* A formula over Excel's limit, in B3 of "Feuille": refused, and the
 * message says where. */
static cz_status fill_bad(void *ctx, cz_xlsx *x)
{
	(void)ctx;
	lxw_worksheet *ws = cz_xlsx_sheet(x, "Feuille");
	cz_xlsx_text(x, ws, 0, 0, "avant", NULL);
	char *f = malloc(CZ_XLSX_FORMULA_MAX + 2);
	if (!f)
		return CZ_ERR_NOMEM;
	memset(f, '1', CZ_XLSX_FORMULA_MAX + 1);
	f[0] = '=';
	f[CZ_XLSX_FORMULA_MAX + 1] = '\0';
	cz_xlsx_formula(x, ws, 2, 1, f, NULL, 1);
	free(f);
	/* later failures do not replace the first */
	cz_xlsx_text(x, ws, 0, 20000, "hors de la feuille", NULL);
	return CZ_OK;
}

static void test_error_says_where(void **state)
{
	(void)state;
	cz_buf out;
	cz_buf_init(&out);
	cz_problems pb;
	cz_problems_init(&pb, "t.xlsx");
	assert_int_equal(cz_xlsx_build(1767225600, fill_bad, NULL, &out, NULL, &pb), CZ_ERR_IO);
	assert_int_equal(pb.count, 1);
	assert_non_null(strstr(pb.items[0].message, "écriture impossible\u00A0: "));
	assert_non_null(strstr(pb.items[0].message, "(feuille «\u00A0Feuille\u00A0», cellule B3)"));
	assert_int_equal(out.len, 0);
	cz_problems_free(&pb);
	cz_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tones),
		cmocka_unit_test(test_print_scale),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_error_says_where),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
