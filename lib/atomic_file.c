#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *io_reason(int err)
{
	switch (err) {
	case ENOENT:
		return "le répertoire n'existe pas";
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
		return "la cible est un répertoire";
	case ENOTDIR:
		return "un élément du chemin n'est pas un répertoire";
	default:
		return strerror(err);
	}
}

cz_status cz_atomic_open(cz_atomic *a, const char *target, cz_problems *problems)
{
	a->target = a->tmp = NULL;
	a->fd = -1;
	struct stat sb;
	if (stat(target, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(EISDIR));
		return CZ_ERR_IO;
	}
	size_t l = strlen(target);
	a->target = strdup(target);
	a->tmp = malloc(l + sizeof(".tmp-XXXXXX"));
	if (!a->target || !a->tmp) {
		cz_atomic_abort(a);
		return CZ_ERR_NOMEM;
	}
	memcpy(a->tmp, target, l);
	memcpy(a->tmp + l, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	a->fd = mkstemp(a->tmp);
	if (a->fd < 0) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
		free(a->tmp);
		a->tmp = NULL;
		cz_atomic_abort(a);
		return CZ_ERR_IO;
	}
	/* mkstemp creates 0600; a report is an ordinary file (0666 & ~umask). */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(a->fd, 0666 & ~mask) != 0) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
		cz_atomic_abort(a);
		return CZ_ERR_IO;
	}
	return CZ_OK;
}

cz_status cz_atomic_commit(cz_atomic *a, cz_problems *problems)
{
	if (a->fd >= 0) {
		int fd = a->fd;
		a->fd = -1;
		/* No fsync: rename already guarantees that readers see the old
		 * report or the whole new one, whatever happens to this process;
		 * durability across a power cut would cost a disk flush per report
		 * (half the run time of `report` on thousands of projects). close()
		 * still reports late write errors (quota, network file systems). */
		if (close(fd) != 0) {
			cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
			cz_atomic_abort(a);
			return CZ_ERR_IO;
		}
	}
	if (rename(a->tmp, a->target) != 0) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
		cz_atomic_abort(a);
		return CZ_ERR_IO;
	}
	free(a->tmp);
	free(a->target);
	a->tmp = a->target = NULL;
	return CZ_OK;
}

void cz_atomic_abort(cz_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->target);
	a->tmp = a->target = NULL;
}

cz_status cz_write_file_atomic(const char *target, const void *data, size_t len,
			       cz_problems *problems)
{
	cz_atomic a;
	cz_status st = cz_atomic_open(&a, target, problems);
	if (st != CZ_OK)
		return st;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(a.fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
			cz_atomic_abort(&a);
			return CZ_ERR_IO;
		}
		p += w;
		len -= (size_t)w;
	}
	return cz_atomic_commit(&a, problems);
}
