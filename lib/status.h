/* Status codes returned by every fallible function of the library. */
#ifndef CZ_STATUS_H
#define CZ_STATUS_H

typedef enum {
	CZ_OK = 0,
	CZ_ERR_INVALID, /* the input breaks the format; details in a cz_problems list */
	CZ_ERR_IO,      /* a file could not be read or written */
	CZ_ERR_NOMEM,   /* an allocation failed */
	CZ_ERR_USAGE,   /* the caller asked for something impossible */
	CZ_STATUS_MAX
} cz_status;

/* French text for a status; never NULL, clamps unknown values. */
const char *cz_status_str(cz_status status);

/* French text for an errno value ("fichier ou répertoire introuvable"), in
 * place of strerror's English; never NULL. */
const char *cz_errno_str(int err);

#endif
