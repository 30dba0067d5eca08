/*
 * Writing an XLSX workbook reproducibly and atomically, with every failure
 * said in French and nothing printed by libxlsxwriter.
 *
 * libxlsxwriter writes the workbook into a memory file (a Linux memfd it
 * reopens through /proc/self/fd), so a full disk or an unwritable target can
 * only fail in our own atomic write, with our message: libxlsxwriter prints
 * English lines on stderr when its own writes fail. Where no memory file
 * can be had, it writes to a temporary file in $TMPDIR instead (removed
 * once read; an interrupted run may leave it there). The parts of the
 * workbook, which libxlsxwriter writes to files of its own before zipping
 * them (removed as soon as created), go to $TMPDIR, or to /dev/shm when
 * TMPDIR is not set and /dev/shm can be written. The creation time is
 * fixed by the caller. libxlsxwriter prints numbers with
 * printf (the locale's decimal point): while it runs, the calling thread
 * uses the C locale for numbers (uselocale, restored after; the process's
 * locale is never changed), so a caller under fr_FR still gets "0.5" in the
 * sheets, never "0,5".
 */
#ifndef CZ_XLSX_FILE_H
#define CZ_XLSX_FILE_H

#include <time.h>
#include <xlsxwriter.h>

#include "buf.h"
#include "problems.h"
#include "status.h"
#include "xlsx_util.h"

/* Fills the workbook (adds sheets, formats, charts) through x. */
typedef cz_status (*cz_xlsx_fill)(void *ctx, cz_xlsx *x);

/*
 * Build a workbook in memory: its bytes are appended to `out`; what the
 * cell writers changed to keep it valid is added to *log (may be NULL).
 * Failures are French messages in `problems`: CZ_ERR_NOMEM, or CZ_ERR_IO
 * for anything libxlsxwriter could not do.
 */
cz_status cz_xlsx_build(time_t created, cz_xlsx_fill fill, void *ctx, cz_buf *out,
			cz_text_log *log, cz_problems *problems);

/* With cz_xlsx_write's flags: every sheet is written row after row, in row
 * order, and within a row in any order (a cell above the row being written
 * is an error). libxlsxwriter then keeps one row a sheet in memory
 * (constant_memory), not every cell: memory stays flat however many rows;
 * text goes inline in the cells, without a shared-string table. */
#define CZ_XLSX_IN_ORDER (1u << 8)

/* Build, then write to `target` atomically (lib/atomic_file.h; `flags`:
 * CZ_WRITE_*, CZ_XLSX_IN_ORDER). */
cz_status cz_xlsx_write(const char *target, time_t created, unsigned flags, cz_xlsx_fill fill, void *ctx,
			cz_text_log *log, cz_problems *problems);

/* French text for a libxlsxwriter error. */
const char *cz_xlsx_error_str(lxw_error e);

#endif
