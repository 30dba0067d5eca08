/*
 * libFuzzer harness for the project loader: any byte string must load or be
 * refused with problems, never crash, hang or leak. The built-in referential
 * is loaded once (as the CLI does) so step and competence references are
 * checked against real ids. Every problem message is clean text (valid
 * UTF-8, no control character): a message is printed on a terminal and the
 * first one goes into the portfolio of `report`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "loader.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_project *p = NULL;
	cz_status st = cz_project_load((const char *)data, size, "fuzz.yaml", ref, &p, &pb);
	/* The contract: a project exactly when CZ_OK, problems exactly when invalid. */
	if ((st == CZ_OK) != (p != NULL) || (st == CZ_ERR_INVALID && pb.count == 0 && !pb.nomem))
		abort();
	for (size_t i = 0; i < pb.count; i++) {
		char why[256];
		if (!oc_text(pb.items[i].message, strlen(pb.items[i].message), why, sizeof(why))) {
			fprintf(stderr, "message %zu\u00A0: %s\n", i, why);
			abort();
		}
	}
	cz_project_free(p);
	cz_problems_free(&pb);
	return 0;
}
