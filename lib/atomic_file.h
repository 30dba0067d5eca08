/*
 * Atomic output: write beside the target under a temporary name, then
 * rename. On any failure the temporary file is removed and an existing
 * target is left exactly as it was.
 */
#ifndef CZ_ATOMIC_FILE_H
#define CZ_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"
#include "status.h"

/* How a target is treated (the `flags` of the writers). */
enum {
	/* The target was built inside an output directory (-o DIR, report): an
	 * entry already there, link or not, is replaced, never written through. */
	CZ_WRITE_IN_DIRECTORY = 1u << 0,
};

typedef struct {
	char *target;
	char *tmp; /* path of the temporary file while open */
	int fd;    /* -1 once closed */
	/* The target is a device, pipe or socket (-o /dev/stdout, /dev/null):
	 * rename would replace it with a regular file, so the output is staged
	 * in $TMPDIR and copied into it at commit instead. */
	bool copy;
} cz_atomic;

/* Create the temporary file next to `target`. */
cz_status cz_atomic_open(cz_atomic *a, const char *target, cz_problems *problems);
/* Close (if still open) and rename over the target. */
cz_status cz_atomic_commit(cz_atomic *a, cz_problems *problems);
/* Remove the temporary file; safe after a failed open or a commit. */
void cz_atomic_abort(cz_atomic *a);

/* Write `len` bytes to `target` atomically. */
cz_status cz_write_file_atomic(const char *target, const void *data, size_t len, unsigned flags,
			       cz_problems *problems);

#endif
