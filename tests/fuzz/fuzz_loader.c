/*
 * libFuzzer harness for the project loader: any byte string must load or be
 * refused with problems, never crash, hang or leak. The built-in referential
 * is loaded once (as the CLI does) so step and competence references are
 * checked against real ids.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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
	cz_project_free(p);
	cz_problems_free(&pb);
	return 0;
}
