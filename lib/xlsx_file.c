#include "xlsx_file.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "atomic_file.h"

/*
 * workbook_close() prints its own English "[ERROR]" lines on stderr when the
 * disk is full, before returning the error we report in French. Hold its
 * output back in a temporary file and pass it on only when the close
 * succeeds (a warning then still shows). `*saved_errno` is errno right after
 * the close, for the reason of a failure.
 */
static lxw_error close_quietly(lxw_workbook *wb, int *saved_errno)
{
	fflush(stderr);
	FILE *held = tmpfile();
	int real = held ? dup(STDERR_FILENO) : -1;
	if (real >= 0 && dup2(fileno(held), STDERR_FILENO) < 0) {
		close(real);
		real = -1;
	}
	errno = 0;
	lxw_error err = workbook_close(wb);
	*saved_errno = errno;
	if (real >= 0) {
		fflush(stderr);
		dup2(real, STDERR_FILENO);
		close(real);
		if (err == LXW_NO_ERROR) {
			char chunk[4096];
			size_t n;
			rewind(held);
			while ((n = fread(chunk, 1, sizeof(chunk), held)) > 0)
				fwrite(chunk, 1, n, stderr);
		}
	}
	if (held)
		fclose(held);
	return err;
}

cz_status cz_xlsx_write(const char *target, time_t created, unsigned flags, cz_xlsx_fill fill, void *ctx,
			cz_problems *problems)
{
	cz_atomic a;
	/* libxlsxwriter opens the temporary file by its name itself. */
	cz_status st = cz_atomic_open(&a, target, flags | CZ_WRITE_BY_NAME, problems);
	if (st != CZ_OK)
		return st;
	lxw_workbook *wb = workbook_new(a.tmp);
	if (!wb) {
		cz_problems_add(problems, 0, 0, "écriture impossible : création du classeur refusée");
		cz_atomic_abort(&a);
		return CZ_ERR_IO;
	}
	lxw_doc_properties props = { 0 };
	/* libxlsxwriter takes 0 as "now": the fixed epoch becomes one second later. */
	props.created = created ? created : 1;
	workbook_set_properties(wb, &props);
	st = fill(ctx, wb);
	int close_errno = 0;
	lxw_error err = close_quietly(wb, &close_errno);
	if (st == CZ_OK && err != LXW_NO_ERROR) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s",
				close_errno == ENOSPC || close_errno == EDQUOT
					? "plus de place sur le disque"
					: "le classeur n'a pas pu être enregistré");
		st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CZ_ERR_NOMEM : CZ_ERR_IO;
	}
	if (st != CZ_OK) {
		cz_atomic_abort(&a);
		return st;
	}
	return cz_atomic_commit(&a, problems);
}
