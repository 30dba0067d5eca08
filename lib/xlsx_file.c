#include "xlsx_file.h"

#include <unistd.h>

#include "atomic_file.h"

cz_status cz_xlsx_write(const char *target, time_t created, cz_xlsx_fill fill, void *ctx,
			cz_problems *problems)
{
	cz_atomic a;
	cz_status st = cz_atomic_open(&a, target, problems);
	if (st != CZ_OK)
		return st;
	/* libxlsxwriter reopens the path itself. */
	close(a.fd);
	a.fd = -1;
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
	lxw_error err = workbook_close(wb);
	if (st == CZ_OK && err != LXW_NO_ERROR) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", lxw_strerror(err));
		st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CZ_ERR_NOMEM : CZ_ERR_IO;
	}
	if (st != CZ_OK) {
		cz_atomic_abort(&a);
		return st;
	}
	return cz_atomic_commit(&a, problems);
}
