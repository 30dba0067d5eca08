/*
 * The property every harness checks on what the library wrote from a valid
 * input: text outputs are valid UTF-8 without forbidden characters, JSON is
 * well-formed, a workbook is a zip of well-formed XML with finite numbers
 * (tests/common/output_check.h, written apart from lib/). A violation
 * aborts, so libFuzzer keeps the input.
 */
#ifndef CZ_FUZZ_CHECK_H
#define CZ_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include "../common/output_check.h"
#include "buf.h"
#include "xlsx_file.h"

static inline void fuzz_check_text(const cz_buf *b, const char *what)
{
	char why[256];
	if (cz_buf_ok(b) && !oc_text(b->data ? b->data : "", b->len, why, sizeof(why))) {
		fprintf(stderr, "%s : sortie invalide : %s\n", what, why);
		abort();
	}
}

static inline void fuzz_check_json(const cz_buf *b, const char *what)
{
	char why[256];
	if (cz_buf_ok(b) && !oc_json(b->data ? b->data : "", b->len, why, sizeof(why))) {
		fprintf(stderr, "%s : JSON invalide : %s\n", what, why);
		abort();
	}
}

/* Build the workbook in memory and check it; a failure to build is fine
 * (out of memory), a workbook written but invalid is not. */
static inline void fuzz_check_xlsx(cz_xlsx_fill fill, void *ctx, const char *what)
{
	cz_buf bytes;
	cz_buf_init(&bytes);
	cz_problems pb;
	cz_problems_init(&pb, what);
	if (cz_xlsx_build(1, fill, ctx, &bytes, NULL, &pb) == CZ_OK) {
		char why[256];
		if (!oc_xlsx(bytes.data, bytes.len, why, sizeof(why))) {
			fprintf(stderr, "%s : classeur invalide : %s\n", what, why);
			abort();
		}
	}
	cz_problems_free(&pb);
	cz_buf_free(&bytes);
}

/* One input in eight writes workbooks (chosen by a hash, reproducible): a
 * workbook per input would slow the search tenfold. */
static inline int fuzz_one_in_eight(const unsigned char *data, size_t size)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h % 8 == 0;
}

#endif
