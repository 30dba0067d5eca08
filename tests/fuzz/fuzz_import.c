/*
 * libFuzzer harness for `import`: any bytes go through the workbook reader
 * and, when they make a workbook, through the importer (a form) or the
 * merge into a project (a skills grid, a test-phase workbook). Nothing may
 * crash, hang, leak or invoke undefined behaviour, and the contract holds:
 * text exactly when CZ_OK, problems exactly when invalid.
 *
 * Mutating a whole archive mostly breaks its checksums, so the first byte
 * chooses what the rest is:
 *   0      a whole archive (the seeds: the examples' fiches);
 *   1..4   one XML part — the Projet sheet, the Acteurs sheet, the shared
 *          strings, the workbook — put into a small fiche built here with
 *          libzip, so the XML and the cells are what gets fuzzed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fiche_import.h"
#include "loader.h"
#include "xlsx_read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cz_referential *ref;
static cz_project *base;
static const char base_yaml[] =
	"version: 1\n"
	"projet: { nom: \"Base\", type: quartier, phase: test }\n"
	"acteurs:\n  - { nom: \"Mairie\", type: collectivite }\n"
	"competences:\n  emergence.diagnostic: acquis\n"
	"test:\n  vision: 3\n";

static void release(void)
{
	cz_project_free(base);
	cz_referential_free(ref);
	base = NULL;
	ref = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cz_problems pb;
	cz_problems_init(&pb, "fuzz");
	if (cz_referential_load_builtin(&ref, &pb) != CZ_OK ||
	    cz_project_load(base_yaml, sizeof(base_yaml) - 1, "base.yaml", ref, &base, &pb) != CZ_OK)
		abort();
	cz_problems_free(&pb);
	atexit(release);
	return 0;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" \
	type "\" Target=\"" target "\"/>"

static const char *const skeleton[][2] = {
	{ "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			 REL("rId1", "officeDocument", "xl/workbook.xml") "</Relationships>" },
	{ "xl/worksheets/sheet1.xml",
	  "<worksheet " NS "><sheetData>"
	  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c><c r=\"D3\" t=\"s\"><v>2</v></c></row>"
	  "<row r=\"5\"><c r=\"B5\" t=\"inlineStr\"><is><t>Conciergerie</t></is></c>"
	  "<c r=\"D5\" t=\"inlineStr\"><is><t>nom</t></is></c></row>"
	  "<row r=\"6\"><c r=\"B6\" t=\"inlineStr\"><is><t>quartier</t></is></c>"
	  "<c r=\"D6\" t=\"inlineStr\"><is><t>type</t></is></c></row>"
	  "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>test</t></is></c>"
	  "<c r=\"D7\" t=\"inlineStr\"><is><t>phase</t></is></c></row>"
	  "<row r=\"8\"><c r=\"B8\" s=\"1\"><v>46027</v></c><c r=\"D8\" t=\"inlineStr\"><is><t>date</t></is></c></row>"
	  "</sheetData></worksheet>" },
	{ "xl/worksheets/sheet2.xml",
	  "<worksheet " NS "><sheetData>"
	  "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>nom</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>type</t></is></c>"
	  "<c r=\"C3\" t=\"inlineStr\"><is><t>roles.client</t></is></c></row>"
	  "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>Mairie</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>collectivité</t></is></c>"
	  "<c r=\"C5\" t=\"b\"><v>1</v></c></row>"
	  "<row r=\"6\"><c r=\"A6\"><f>1+2</f></c><c r=\"B6\" t=\"e\"><v>#N/A</v></c></row>"
	  "</sheetData></worksheet>" },
	{ "xl/sharedStrings.xml",
	  "<sst " NS "><si><t>rubrique</t></si><si><t>valeur</t></si><si><t>cle</t></si></sst>" },
	{ "xl/workbook.xml",
	  "<workbook " NS "><sheets><sheet name=\"Projet\" sheetId=\"1\" r:id=\"rId1\"/>"
	  "<sheet name=\"Acteurs\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>" },
	{ "xl/_rels/workbook.xml.rels",
	  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	  REL("rId1", "worksheet", "worksheets/sheet1.xml") REL("rId2", "worksheet", "worksheets/sheet2.xml")
	  REL("rId3", "sharedStrings", "sharedStrings.xml") REL("rId4", "styles", "styles.xml") "</Relationships>" },
	{ "xl/styles.xml", "<styleSheet " NS "><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>" },
};
#define N_PARTS (sizeof(skeleton) / sizeof(skeleton[0]))
/* The parts a mode replaces, by index in `skeleton`. */
static const size_t replaced[] = { 1, 2, 3, 4 };

/* The skeleton with part `which` replaced by data[0..size), as an archive. */
static char *build(size_t which, const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	char *buf = NULL;
	if (!src)
		goto out;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	if (!za)
		goto out;
	for (size_t i = 0; i < N_PARTS; i++) {
		const void *d = i == which ? (const void *)data : skeleton[i][1];
		size_t n = i == which ? size : strlen(skeleton[i][1]);
		zip_source_t *s = zip_source_buffer(za, d, n, 0);
		if (!s || zip_file_add(za, skeleton[i][0], s, 0) < 0) {
			zip_source_free(s);
			zip_discard(za);
			goto out;
		}
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto out;
	}
	if (zip_source_open(src) != 0)
		goto out;
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t n = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	if (n > 0 && (buf = malloc((size_t)n)) && zip_source_read(src, buf, (zip_uint64_t)n) == n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	zip_source_close(src);
out:
	zip_source_free(src);
	zip_error_fini(&err);
	return buf;
}

static void check_contract(cz_status st, const cz_buf *out, const cz_problems *pb)
{
	if (st == CZ_OK && (!cz_buf_ok(out) || out->len == 0))
		abort();
	if (st == CZ_ERR_INVALID && pb->count == 0 && !pb->truncated && !pb->nomem)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t mode = data[0] % 5;
	const uint8_t *rest = data + 1;
	size_t n = size - 1;
	char *built = NULL;
	const void *archive = rest;
	size_t len = n;
	if (mode > 0) {
		built = build(replaced[mode - 1], rest, n, &len);
		if (!built)
			return 0;
		archive = built;
	}
	cz_problems pb, warn;
	cz_problems_init(&pb, "fuzz.xlsx");
	cz_problems_init(&warn, "fuzz.xlsx");
	cz_xbook *book = NULL;
	cz_status st = cz_xlsx_read(archive, len, NULL, &book, &pb);
	if ((st == CZ_OK) != (book != NULL))
		abort();
	if (st == CZ_OK) {
		cz_buf out;
		cz_buf_init(&out);
		cz_book_kind kind = cz_book_kind_of(book);
		if (kind == CZ_BOOK_FICHE) {
			st = cz_fiche_import(book, "fuzz.xlsx", ref, &out, &pb, &warn);
			check_contract(st, &out, &pb);
		} else if (kind == CZ_BOOK_SKILLS || kind == CZ_BOOK_TESTPHASE) {
			bool changed;
			st = cz_book_merge(book, ref, base_yaml, sizeof(base_yaml) - 1, base, &out, &changed, &pb, &warn);
			check_contract(st, &out, &pb);
		}
		cz_buf_free(&out);
	}
	cz_xbook_free(book);
	cz_problems_free(&pb);
	cz_problems_free(&warn);
	free(built);
	return 0;
}
