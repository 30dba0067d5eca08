#include "status.h"

static const char *const status_text[CZ_STATUS_MAX] = {
	[CZ_OK] = "succès",
	[CZ_ERR_INVALID] = "entrée invalide",
	[CZ_ERR_IO] = "erreur d'entrée-sortie",
	[CZ_ERR_NOMEM] = "mémoire insuffisante",
	[CZ_ERR_USAGE] = "utilisation incorrecte",
};

const char *cz_status_str(cz_status status)
{
	if ((unsigned)status >= CZ_STATUS_MAX)
		return "erreur inconnue";
	return status_text[status];
}
