#define _XOPEN_SOURCE 700 /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): realpath */
#include "atomic_file.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <fcntl.h>
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
	case ENAMETOOLONG:
		return "nom de fichier trop long";
	default:
		return strerror(err);
	}
}

cz_status cz_atomic_open(cz_atomic *a, const char *target, cz_problems *problems)
{
	a->target = a->tmp = NULL;
	a->fd = -1;
	a->copy = false;
	struct stat sb, lsb;
	bool exists = stat(target, &sb) == 0;
	char *resolved = NULL;
	if (exists) {
		if (S_ISDIR(sb.st_mode)) {
			cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(EISDIR));
			return CZ_ERR_IO;
		}
		a->copy = !S_ISREG(sb.st_mode);
		/* A symbolic link to a report: replace the file it points to and
		 * keep the link, rather than turning the link into a file. */
		if (!a->copy && lstat(target, &lsb) == 0 && S_ISLNK(lsb.st_mode))
			resolved = realpath(target, NULL);
	}
	a->target = strdup(resolved ? resolved : target);
	free(resolved);
	if (!a->target)
		return CZ_ERR_NOMEM;
	target = a->target;
	const char *base = target;
	if (a->copy) {
		base = getenv("TMPDIR");
		if (!base || !*base)
			base = "/tmp";
	}
	static const char suffix[] = ".tmp-XXXXXX", staged[] = "/conciergerie-XXXXXX";
	const char *tail = a->copy ? staged : suffix;
	size_t l = strlen(base);
	/* The temporary name must fit in a file name (255 bytes) even when the
	 * target's own name is near that limit: keep at most 200 of its bytes. */
	const char *slash = strrchr(base, '/');
	size_t dir_len = slash ? (size_t)(slash - base) + 1 : 0;
	if (!a->copy && l - dir_len > 200)
		l = dir_len + 200;
	a->tmp = malloc(l + sizeof(staged));
	if (!a->tmp) {
		cz_atomic_abort(a);
		return CZ_ERR_NOMEM;
	}
	memcpy(a->tmp, base, l);
	memcpy(a->tmp + l, tail, strlen(tail) + 1);
	a->fd = mkstemp(a->tmp);
	if (a->fd < 0) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
		free(a->tmp);
		a->tmp = NULL;
		cz_atomic_abort(a);
		return CZ_ERR_IO;
	}
	/* mkstemp creates 0600: a new report is an ordinary file (0666 &
	 * ~umask), a rewritten one keeps the permissions it had. */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = exists && !a->copy ? sb.st_mode & 07777 : 0666 & ~mask;
	if (!a->copy && fchmod(a->fd, mode) != 0) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(errno));
		cz_atomic_abort(a);
		return CZ_ERR_IO;
	}
	return CZ_OK;
}

/* Copy the staged file into the device or pipe `a->target`. */
static cz_status copy_to_target(cz_atomic *a, cz_problems *problems)
{
	int in = open(a->tmp, O_RDONLY);
	int out = in < 0 ? -1 : open(a->target, O_WRONLY);
	int err = 0;
	char chunk[65536];
	while (in >= 0 && out >= 0 && !err) {
		ssize_t r = read(in, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? errno : 0;
			break;
		}
		for (ssize_t done = 0; done < r;) {
			ssize_t w = write(out, chunk + done, (size_t)(r - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				err = w < 0 ? errno : ENOSPC;
				break;
			}
			done += w;
		}
	}
	if (in < 0 || out < 0)
		err = errno;
	if (out >= 0 && close(out) != 0 && !err)
		err = errno;
	if (in >= 0)
		close(in);
	cz_atomic_abort(a);
	if (err) {
		cz_problems_add(problems, 0, 0, "écriture impossible : %s", io_reason(err));
		return CZ_ERR_IO;
	}
	return CZ_OK;
}

cz_status cz_atomic_commit(cz_atomic *a, cz_problems *problems)
{
	if (a->copy) {
		if (a->fd >= 0)
			close(a->fd);
		a->fd = -1;
		return copy_to_target(a, problems);
	}
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

cz_status cz_write_file_atomic(const char *target, const void *data, size_t len, unsigned flags,
			       cz_problems *problems)
{
	(void)flags;
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
