/*
 * Writing an XLSX workbook atomically and reproducibly: libxlsxwriter writes
 * to a temporary file beside the target, the creation time is fixed by the
 * caller, and the file is renamed over the target only when complete.
 */
#ifndef CZ_XLSX_FILE_H
#define CZ_XLSX_FILE_H

#include <time.h>
#include <xlsxwriter.h>

#include "problems.h"
#include "status.h"

/* Fills the workbook (adds sheets, formats, charts). */
typedef cz_status (*cz_xlsx_fill)(void *ctx, lxw_workbook *wb);

/* `flags`: CZ_WRITE_* (atomic_file.h). */
cz_status cz_xlsx_write(const char *target, time_t created, unsigned flags, cz_xlsx_fill fill, void *ctx,
			cz_problems *problems);

#endif
