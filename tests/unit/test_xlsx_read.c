/*
 * The workbook reader: what each writer puts in a workbook (archives built
 * here with libzip, part by part, so every variant is exact), its limits,
 * dates, cell references and the small formula evaluator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "xlsx_formula.h"
#include "xlsx_read.h"

typedef struct {
	const char *name, *data;
} part;

/* A ZIP archive of `parts` (NULL name ends), in memory. */
static char *make_zip(const part *parts, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (const part *p = parts; p->name; p++) {
		zip_source_t *s = zip_source_buffer(za, p->data, strlen(p->data), 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	zip_int64_t n = zip_source_tell(src);
	assert_true(n > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	char *buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)n), n);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	*len = (size_t)n;
	return buf;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
	type "\" Target=\"" target "\"/>"

static const char root_rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	REL("rId1", "officeDocument", "xl/workbook.xml") "</Relationships>";

typedef struct {
	cz_xbook *book;
	cz_problems pb;
	cz_status st;
} read_result;

static void read_parts(read_result *r, const part *parts, const cz_xlsx_limits *lim)
{
	size_t len;
	char *zip = make_zip(parts, &len);
	cz_problems_init(&r->pb, "t.xlsx");
	r->book = NULL;
	r->st = cz_xlsx_read(zip, len, lim, &r->book, &r->pb);
	free(zip);
}

static void done(read_result *r)
{
	cz_xbook_free(r->book);
	cz_problems_free(&r->pb);
}

/* A workbook of one sheet with `sheet` as its XML, plus strings and styles. */
static void read_sheet(read_result *r, const char *sheet, const char *sst, const char *styles,
		       const char *wbpr)
{
	char wb[1024];
	snprintf(wb, sizeof(wb),
		 "<?xml version=\"1.0\"?><workbook " NS ">%s<sheets>"
		 "<sheet name=\"Activité\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
		 wbpr ? wbpr : "");
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		REL("rId1", "worksheet", "worksheets/sheet1.xml") REL("rId2", "sharedStrings", "sharedStrings.xml")
		REL("rId3", "styles", "/xl/styles.xml") "</Relationships>";
	part parts[] = {
		{ "_rels/.rels", root_rels },
		{ "xl/workbook.xml", wb },
		{ "xl/_rels/workbook.xml.rels", rels },
		{ "xl/worksheets/sheet1.xml", sheet },
		{ sst ? "xl/sharedStrings.xml" : NULL, sst },
		{ styles && sst ? "xl/styles.xml" : NULL, styles },
		{ NULL, NULL },
	};
	read_parts(r, parts, NULL);
}

static const cz_xcell *cell(const read_result *r, const char *ref)
{
	unsigned col = (unsigned)(ref[0] - 'A'), row = (unsigned)atoi(ref + 1) - 1;
	return cz_xsheet_cell(&r->book->sheets[0], row, col);
}

static void test_cells_of_every_kind(void **state)
{
	(void)state;
	static const char sst[] =
		"<sst " NS "><si><t>Repassage</t></si>"
		"<si><r><rPr><b/></rPr><t>Dépôt </t></r><r><t xml:space=\"preserve\">pressing</t></r>"
		"<rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
		"<si><t>ligne_x000D_\nsuivante _x005F_x</t></si><si><t></t></si></sst>";
	static const char styles[] =
		"<styleSheet " NS "><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm\"/>"
		"<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ &quot;€&quot;\"/></numFmts>"
		"<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
		"<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
	static const char sheet[] =
		"<worksheet " NS "><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" s=\"1\"><v>46023</v></c><c r=\"B2\" s=\"2\"><v>1200.5</v></c>"
		"<c r=\"C2\" s=\"3\"><v>46027</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>"
		/* Cells and a row without references, a formula with and without its value. */
		"<row><c><v>7</v></c><c t=\"str\"><f>A1&amp;\"x\"</f><v>Repassagex</v></c>"
		"<c><f>1+2</f></c><c t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
		/* A gap, an inline string with runs, an ISO date, an empty formatted cell. */
		"<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><r><t>en </t></r><r><t>ligne</t></r></is></c>"
		"<c r=\"B9\" t=\"d\"><v>2026-09-30T00:00:00</v></c><c r=\"C9\" s=\"2\"/>"
		"<c r=\"D9\" t=\"n\"><v>pas un nombre</v></c></row>"
		"</sheetData></worksheet>";
	read_result r;
	read_sheet(&r, sheet, sst, styles, NULL);
	assert_int_equal(r.st, CZ_OK);
	assert_int_equal(r.book->n_sheets, 1);
	assert_string_equal(r.book->sheets[0].name, "Activité");
	assert_string_equal(cell(&r, "A1")->text, "Repassage");
	assert_string_equal(cell(&r, "B1")->text, "Dépôt pressing"); /* runs joined, phonetic left out */
	assert_string_equal(cell(&r, "C1")->text, "ligne\r\nsuivante _x");
	assert_null(cell(&r, "D1")); /* an empty string is an empty cell */
	assert_int_equal(cell(&r, "A2")->kind, CZ_XV_NUMBER);
	assert_true(cell(&r, "A2")->date);             /* yyyy-mm */
	assert_false(cell(&r, "B2")->date);            /* a money format is no date */
	assert_true(cell(&r, "C2")->date);             /* built-in format 14 */
	assert_int_equal(cell(&r, "D2")->kind, CZ_XV_BOOL);
	assert_true(cell(&r, "D2")->number == 1);
	assert_true(cell(&r, "A3")->number == 7);
	assert_string_equal(cell(&r, "B3")->text, "Repassagex");
	assert_string_equal(cell(&r, "B3")->formula, "A1&\"x\"");
	assert_int_equal(cell(&r, "C3")->kind, CZ_XV_NONE); /* formula without its value */
	assert_string_equal(cell(&r, "C3")->formula, "1+2");
	assert_int_equal(cell(&r, "D3")->kind, CZ_XV_ERROR);
	assert_string_equal(cell(&r, "D3")->text, "#DIV/0!");
	assert_null(cz_xsheet_cell(&r.book->sheets[0], 3, 0)); /* rows 4 to 8 are empty */
	assert_string_equal(cell(&r, "A9")->text, "en ligne");
	assert_true(cell(&r, "B9")->date);
	assert_true(cell(&r, "B9")->number == 46295); /* 2026-09-30 */
	assert_null(cell(&r, "C9"));
	assert_int_equal(cell(&r, "D9")->kind, CZ_XV_TEXT);
	assert_int_equal(r.book->sheets[0].n_rows, 4);
	done(&r);
}

static void test_prefixes_order_and_chart_sheets(void **state)
{
	(void)state;
	/* Namespace prefixes, sheets listed out of their file order, a chart
	 * sheet, an absolute target, no _rels/.rels. */
	static const char wb[] =
		"<?xml version=\"1.0\"?><x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"Deux\" sheetId=\"2\" r:id=\"rId2\"/>"
		"<x:sheet name=\"Graphique\" sheetId=\"3\" r:id=\"rId3\"/>"
		"<x:sheet name=\"Un\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		REL("rId1", "worksheet", "/xl/worksheets/sheet1.xml") REL("rId2", "worksheet", "./worksheets/../worksheets/sheet2.xml")
		REL("rId3", "chartsheet", "chartsheets/sheet1.xml") "</Relationships>";
	static const char s1[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
		"<x:row r=\"1\"><x:c r=\"B1\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>";
	static const char s2[] =
		"<worksheet " NS "><sheetData><row r=\"2\"><c r=\"A2\"><v>1</v></c>"
		"<c r=\"A2\"><v>2</v></c></row><row r=\"1\"><c r=\"C1\"><v>3</v></c></row></sheetData></worksheet>";
	part parts[] = { { "xl/workbook.xml", wb }, { "xl/_rels/workbook.xml.rels", rels },
			 { "xl/worksheets/sheet1.xml", s1 }, { "xl/worksheets/sheet2.xml", s2 },
			 { "xl/chartsheets/sheet1.xml", "<chartsheet/>" }, { NULL, NULL } };
	read_result r;
	read_parts(&r, parts, NULL);
	assert_int_equal(r.st, CZ_OK);
	assert_int_equal(r.book->n_sheets, 3);
	assert_true(r.book->date1904);
	assert_string_equal(r.book->sheets[0].name, "Deux");
	assert_true(r.book->sheets[1].chart);
	assert_int_equal(r.book->sheets[1].n_cells, 0);
	assert_string_equal(r.book->sheets[2].name, "Un");
	assert_non_null(cz_xsheet_cell(&r.book->sheets[2], 0, 1));
	/* Written out of order, and twice at A2: sorted, the last one kept. */
	const cz_xsheet *two = &r.book->sheets[0];
	assert_int_equal(two->n_cells, 2);
	assert_int_equal(two->cells[0].row, 0);
	assert_true(cz_xsheet_cell(two, 1, 0)->number == 2);
	done(&r);
}

static void expect_refused(const part *parts, const cz_xlsx_limits *lim, const char *needle)
{
	read_result r;
	read_parts(&r, parts, lim);
	assert_int_equal(r.st, CZ_ERR_INVALID);
	assert_null(r.book);
	assert_int_equal(r.pb.count, 1);
	if (!strstr(r.pb.items[0].message, needle))
		fail_msg("«\u00A0%s\u00A0» ne contient pas «\u00A0%s\u00A0»", r.pb.items[0].message, needle);
	done(&r);
}

static void test_refused(void **state)
{
	(void)state;
	static const char wb[] = "<workbook " NS "><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				   REL("rId1", "worksheet", "worksheets/sheet1.xml") "</Relationships>";
	static const char rows[] =
		"<worksheet " NS "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
		"<row r=\"2\"><c><v>1</v></c><c><v>2</v></c></row><row r=\"3\"><c><v>1</v></c></row></sheetData></worksheet>";
	part ok[] = { { "xl/workbook.xml", wb }, { "xl/_rels/workbook.xml.rels", rels },
		      { "xl/worksheets/sheet1.xml", rows }, { NULL, NULL } };
	cz_xlsx_limits lim = cz_xlsx_default_limits;
	lim.max_rows = 2;
	expect_refused(ok, &lim, "plus de 2 lignes remplies");
	lim = cz_xlsx_default_limits;
	lim.max_cells = 3;
	expect_refused(ok, &lim, "plus de 3 cellules");
	lim = cz_xlsx_default_limits;
	lim.zip.max_entry = 64;
	expect_refused(ok, &lim, "une fois décompressé");
	lim = cz_xlsx_default_limits;
	lim.zip.max_entries = 2;
	expect_refused(ok, &lim, "fichiers dans l'archive");

	part doctype[] = { { "xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"b\">]><workbook>&a;</workbook>" },
			   { NULL, NULL } };
	expect_refused(doctype, NULL, "DOCTYPE");
	part dotdot[] = { { "xl/workbook.xml", wb }, { "xl/../../x", "y" }, { NULL, NULL } };
	expect_refused(dotdot, NULL, "nom dangereux");
	part malformed[] = { { "xl/workbook.xml", "<workbook><sheets>" }, { NULL, NULL } };
	expect_refused(malformed, NULL, "xl/workbook.xml");
	part missing[] = { { "xl/workbook.xml", wb }, { "xl/_rels/workbook.xml.rels", rels }, { NULL, NULL } };
	expect_refused(missing, NULL, "manque");
	part ods[] = { { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" }, { "content.xml", "<x/>" },
		       { NULL, NULL } };
	expect_refused(ods, NULL, "OpenDocument");
	static const char bad_index[] = "<worksheet " NS "><sheetData><row><c t=\"s\"><v>4</v></c></row></sheetData></worksheet>";
	part sst[] = { { "xl/workbook.xml", wb }, { "xl/_rels/workbook.xml.rels", rels },
		       { "xl/worksheets/sheet1.xml", bad_index }, { NULL, NULL } };
	expect_refused(sst, NULL, "texte partagé");

	cz_problems pb;
	cz_problems_init(&pb, "t.xlsx");
	cz_xbook *b = NULL;
	assert_int_equal(cz_xlsx_read("", 0, NULL, &b, &pb), CZ_ERR_INVALID);
	assert_int_equal(cz_xlsx_read("version: 1\n", 11, NULL, &b, &pb), CZ_ERR_INVALID);
	assert_int_equal(cz_xlsx_read("PK\3\4abcdef", 10, NULL, &b, &pb), CZ_ERR_INVALID);
	assert_int_equal(pb.count, 3);
	assert_non_null(strstr(pb.items[0].message, "vide"));
	assert_non_null(strstr(pb.items[1].message, "pas une archive ZIP"));
	assert_non_null(strstr(pb.items[2].message, "tronquée"));
	cz_problems_free(&pb);
}

static void test_dates(void **state)
{
	(void)state;
	int y, m, d;
	assert_true(cz_xlsx_serial_date(1, false, &y, &m, &d));
	assert_true(y == 1900 && m == 1 && d == 1);
	assert_true(cz_xlsx_serial_date(59, false, &y, &m, &d));
	assert_true(y == 1900 && m == 2 && d == 28);
	assert_false(cz_xlsx_serial_date(60, false, &y, &m, &d)); /* Excel's 1900-02-29 */
	assert_true(cz_xlsx_serial_date(61, false, &y, &m, &d));
	assert_true(y == 1900 && m == 3 && d == 1);
	/* 2026-01-05 is 46027 days after 1899-12-30. */
	assert_true(cz_xlsx_serial_date(46027.75, false, &y, &m, &d));
	assert_true(y == 2026 && m == 1 && d == 5);
	assert_true(cz_xlsx_date_serial(2026, 1, 5) == 46027);
	assert_true(cz_xlsx_date_serial(1900, 3, 1) == 61);
	/* The 1904 system counts from 1904-01-01 = 0: 46027 - 1462. */
	assert_true(cz_xlsx_serial_date(44565, true, &y, &m, &d));
	assert_true(y == 2026 && m == 1 && d == 5);
	assert_true(cz_xlsx_serial_date(0, true, &y, &m, &d));
	assert_true(y == 1904 && m == 1 && d == 1);
	assert_false(cz_xlsx_serial_date(0, false, &y, &m, &d));
	assert_false(cz_xlsx_serial_date(-3, false, &y, &m, &d));
	assert_false(cz_xlsx_serial_date(1e12, false, &y, &m, &d));
	char ref[16];
	assert_string_equal(cz_xlsx_cell_ref(ref, 0, 0), "A1");
	assert_string_equal(cz_xlsx_cell_ref(ref, 13, 2), "C14");
	assert_string_equal(cz_xlsx_cell_ref(ref, 0, 25), "Z1");
	assert_string_equal(cz_xlsx_cell_ref(ref, 0, 26), "AA1");
	assert_string_equal(cz_xlsx_cell_ref(ref, 1048575, 16383), "XFD1048576");
}

static void test_formulas(void **state)
{
	(void)state;
	cz_xcell cells[] = {
		{ 0, 0, CZ_XV_NUMBER, false, 2, NULL, NULL },      /* A1 = 2 */
		{ 1, 0, CZ_XV_NUMBER, false, 3, NULL, NULL },      /* A2 = 3 */
		{ 2, 0, CZ_XV_TEXT, false, 0, "texte", NULL },     /* A3 */
		{ 3, 0, CZ_XV_NONE, false, 0, NULL, "A1*A2" },     /* A4 = 6, uncached */
		{ 4, 0, CZ_XV_NONE, false, 0, NULL, "A6+1" },      /* A5 -> A6 -> A5: a cycle */
		{ 5, 0, CZ_XV_NONE, false, 0, NULL, "A5+1" },
	};
	cz_xsheet s = { "F", false, cells, sizeof(cells) / sizeof(cells[0]), 6 };
	double v;
	assert_true(cz_xlsx_eval(&s, "=120*3", &v) && v == 360);
	assert_true(cz_xlsx_eval(&s, "1000+200-50/2", &v) && v == 1175);
	assert_true(cz_xlsx_eval(&s, "-(1+2)*$A$1", &v) && v == -6);
	assert_true(cz_xlsx_eval(&s, "A4+1", &v) && v == 7);
	assert_true(cz_xlsx_eval(&s, "SUM(A1:A4)", &v) && v == 11); /* text skipped */
	assert_true(cz_xlsx_eval(&s, "SOMME(A1;A2;10)", &v) && v == 15);
	assert_true(cz_xlsx_eval(&s, "50%*A1", &v) && v == 1);
	assert_true(cz_xlsx_eval(&s, "B7+1", &v) && v == 1); /* an empty cell is 0 */
	assert_false(cz_xlsx_eval(&s, "A3+1", &v));          /* text in arithmetic */
	assert_false(cz_xlsx_eval(&s, "1/0", &v));
	assert_false(cz_xlsx_eval(&s, "A5", &v)); /* the cycle ends at the depth bound */
	assert_false(cz_xlsx_eval(&s, "VLOOKUP(A1,A1:A2,1)", &v));
	assert_false(cz_xlsx_eval(&s, "Feuil2!A1", &v));
	assert_false(cz_xlsx_eval(&s, "1+", &v));
	assert_false(cz_xlsx_eval(&s, "0x10", &v));
	assert_false(cz_xlsx_eval(&s, "SUM(A1:XFD1048576)", &v)); /* a range too large to add */
	assert_true(cz_xlsx_cell_number(&s, &cells[3], &v) && v == 6);
	assert_false(cz_xlsx_cell_number(&s, &cells[2], &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_of_every_kind),
		cmocka_unit_test(test_prefixes_order_and_chart_sheets),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_formulas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
