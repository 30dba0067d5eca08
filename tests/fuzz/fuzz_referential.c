/*
 * libFuzzer harness for the referential loader (`--referentiel FILE`): an
 * amended referential written by hand must load or be refused with
 * problems, never crash, hang or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "referential.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cz_problems pb;
	cz_problems_init(&pb, "fuzz.yaml");
	cz_referential *ref = NULL;
	cz_status st = cz_referential_load((const char *)data, size, &ref, &pb);
	if ((st == CZ_OK) != (ref != NULL) || (st == CZ_ERR_INVALID && pb.count == 0 && !pb.nomem))
		abort();
	cz_referential_free(ref);
	cz_problems_free(&pb);
	return 0;
}
