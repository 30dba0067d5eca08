/*
 * Reading a ZIP archive held in memory (an XLSX workbook), with libzip,
 * under hard limits.
 *
 * The archive is never extracted: entries are looked up by name and read
 * into memory, so no entry name is ever used as a file path. Even so, an
 * archive holding a name that would escape a directory ("../x", "/etc/x",
 * "C:\x") is refused as a whole: no spreadsheet writes one. The bounds cover
 * the archive's size, its entry count, the uncompressed size of each entry
 * and of everything read from it; an entry announcing more than its bound is
 * refused before any inflating, and one that lies about its size is cut off
 * as soon as it passes the bound, so a zip bomb costs milliseconds.
 */
#ifndef CZ_ZIP_READ_H
#define CZ_ZIP_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"
#include "status.h"

typedef struct {
	size_t max_archive; /* bytes of the archive itself */
	size_t max_entries; /* entries in the central directory */
	size_t max_entry;   /* uncompressed bytes of one entry */
	size_t max_total;   /* uncompressed bytes read from the archive, in all */
} cz_zip_limits;

/* 16 MiB archive, 1,000 entries, 16 MiB per entry, 48 MiB in all. */
extern const cz_zip_limits cz_zip_default_limits;

typedef struct cz_zip cz_zip;

/*
 * Open the archive in `data` (borrowed: it must outlive the cz_zip). A file
 * that is not a ZIP archive, a truncated or inconsistent one, one over the
 * limits or holding a dangerous entry name is CZ_ERR_INVALID with one
 * French message (without position) in `problems`.
 */
cz_status cz_zip_open(const void *data, size_t len, const cz_zip_limits *limits, cz_zip **out,
		      cz_problems *problems);
void cz_zip_close(cz_zip *z);

/* Whether an entry of that name exists (ASCII case ignored, as OPC does). */
bool cz_zip_has(const cz_zip *z, const char *name);

/*
 * Read entry `name` whole into a malloc'd buffer, NUL-terminated (the NUL
 * is not counted in *len). An absent entry is CZ_ERR_INVALID with a
 * message; so is corrupt data (CRC, inflate error) or an entry over the
 * limits.
 */
cz_status cz_zip_read(cz_zip *z, const char *name, char **data, size_t *len, cz_problems *problems);

#endif
