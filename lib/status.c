#include "status.h"

#include <errno.h>

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

const char *cz_errno_str(int err)
{
	switch (err) {
	case 0:
		return "erreur inconnue";
	case ENOENT:
		return "fichier ou répertoire introuvable";
	case EACCES:
	case EPERM:
		return "accès refusé";
	case ENOSPC:
		return "plus de place sur le disque";
	case EDQUOT:
		return "quota disque dépassé";
	case EROFS:
		return "système de fichiers en lecture seule";
	case EISDIR:
		return "c'est un répertoire";
	case ENOTDIR:
		return "un élément du chemin n'est pas un répertoire";
	case ENAMETOOLONG:
		return "nom de fichier trop long";
	case ELOOP:
		return "trop de liens symboliques";
	case EEXIST:
		return "le fichier existe déjà";
	case ENOTEMPTY:
		return "le répertoire n'est pas vide";
	case EBUSY:
	case ETXTBSY:
		return "fichier occupé";
	case EMFILE:
	case ENFILE:
		return "trop de fichiers ouverts";
	case ENOMEM:
		return "mémoire insuffisante";
	case EIO:
		return "erreur d'entrée-sortie du support";
	case EFBIG:
		return "fichier trop volumineux";
	case EPIPE:
		return "le lecteur de la sortie est parti (tube fermé)";
	case EXDEV:
		return "déplacement impossible entre deux systèmes de fichiers";
	case EINVAL:
		return "opération invalide sur ce fichier";
	case EAGAIN:
		return "ressource momentanément indisponible";
	case ENXIO:
		return "périphérique, tube ou socket sans destinataire";
	case ENODEV:
		return "périphérique absent";
	case EBADF:
		return "descripteur de fichier invalide";
	case ESPIPE:
		return "positionnement impossible dans ce fichier";
	case EOVERFLOW:
		return "fichier trop grand pour être lu";
	case EINTR:
		return "opération interrompue";
	default:
		return "erreur du système";
	}
}
