#define _XOPEN_SOURCE 700 /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): realpath */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text.h"

/* --- the cleanup table ------------------------------------------------------- */

/* Temporary files and directories that exist now, for an interruption.
 * Threads (report -j) fill and free entries under `table_lock`, and create
 * a temporary while holding it, so that cz_atomic_stop(), which sweeps the
 * table under the same lock and keeps it, leaves no temporary behind: none
 * can be created once the sweep has begun. A signal handler of a
 * single-threaded program (cz_atomic_remove_temporaries) only reads the
 * table: an entry is filled before its kind is set, and freed by clearing
 * its kind first, so a handler never sees a half-written path. */
#define SLOTS CZ_ATOMIC_MAX_OPEN
#define SLOT_PATH 4096
enum { SLOT_FREE, SLOT_FILE, SLOT_DIR };
static char slot_path[SLOTS][SLOT_PATH];
static volatile sig_atomic_t slot_kind[SLOTS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static bool stopped; /* under table_lock: the process is ending */

/* With table_lock held. */
static int track(const char *path, int kind)
{
	size_t len = strlen(path);
	if (len >= SLOT_PATH || stopped)
		return -1;
	for (int i = 0; i < SLOTS; i++) {
		if (slot_kind[i] != SLOT_FREE)
			continue;
		memcpy(slot_path[i], path, len + 1);
		slot_kind[i] = kind;
		return i;
	}
	return -1;
}

static void untrack_locked(int *slot)
{
	if (*slot >= 0)
		slot_kind[*slot] = SLOT_FREE;
	*slot = -1;
}

static void untrack(int *slot)
{
	if (*slot < 0)
		return;
	pthread_mutex_lock(&table_lock);
	untrack_locked(slot);
	pthread_mutex_unlock(&table_lock);
}

void cz_atomic_remove_temporaries(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (slot_kind[i] == SLOT_FILE)
			unlink(slot_path[i]);
	for (int i = 0; i < SLOTS; i++)
		if (slot_kind[i] == SLOT_DIR)
			rmdir(slot_path[i]);
}

void cz_atomic_stop(void)
{
	pthread_mutex_lock(&table_lock);
	stopped = true;
	cz_atomic_remove_temporaries();
	/* table_lock stays taken: no thread creates a temporary any more */
}

/* --- messages ------------------------------------------------------------------ */

static const char *io_reason(int err)
{
	switch (err) {
	case ENOENT:
		return "le répertoire n'existe pas";
	case EISDIR:
		return "la cible est un répertoire";
	default:
		return cz_errno_str(err);
	}
}

static cz_status fail(cz_atomic *a, cz_problems *problems, int err)
{
	cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s", io_reason(err));
	cz_atomic_abort(a);
	return err == ENOMEM ? CZ_ERR_NOMEM : CZ_ERR_IO;
}

/* --- where the output goes ------------------------------------------------------ */

/* Whether `path` goes through a process's file descriptors (/dev/stdout,
 * /dev/fd/1, /proc/self/fd/1, or a link to one of them): the directory of
 * the path, or of a link on the way, lies in /proc. Such a path names an
 * open file, which may be the caller's own standard output. */
static bool through_descriptors(const char *path)
{
	char *p = strdup(path);
	bool found = false;
	for (int hops = 0; p && hops < 40; hops++) {
		const char *slash = strrchr(p, '/');
		size_t dl = slash ? (slash == p ? 1 : (size_t)(slash - p)) : 0;
		char *dir = dl ? strndup(p, dl) : strdup(".");
		char *real = dir ? realpath(dir, NULL) : NULL;
		found = real && (strcmp(real, "/proc") == 0 || strncmp(real, "/proc/", 6) == 0);
		free(dir);
		free(real);
		struct stat lsb;
		char link[PATH_MAX];
		ssize_t n;
		if (found || lstat(p, &lsb) != 0 || !S_ISLNK(lsb.st_mode) ||
		    (n = readlink(p, link, sizeof(link) - 1)) <= 0)
			break;
		link[n] = '\0';
		size_t base = link[0] == '/' || !slash ? 0 : (size_t)(slash - p) + 1;
		char *next = malloc(base + (size_t)n + 1);
		if (next) {
			memcpy(next, p, base);
			memcpy(next + base, link, (size_t)n + 1);
		}
		free(p);
		p = next;
	}
	free(p);
	return found;
}

/* Six characters of a temporary name, different at each call. */
static void random_tail(char *x)
{
	static atomic_uint_fast64_t counter;
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 42) ^
		     ((uint64_t)(atomic_fetch_add(&counter, 1) + 1) * 0x9E3779B97F4A7C15u);
	for (int i = 0; i < 6; i++) {
		v = v * 6364136223846793005u + 1442695040888963407u;
		x[i] = alphabet[(v >> 33) % 62];
	}
}

/* The temporary's name: beside the target ("rapport.md.tmp-XXXXXX"), or in
 * $TMPDIR for a target written in place. The target's own name is kept to
 * 200 bytes (cut on a character boundary) so the name fits in NAME_MAX. */
static char *temporary_name(const cz_atomic *a)
{
	const char *dir, *name;
	size_t dir_len, name_len;
	if (a->in_place) {
		dir = getenv("TMPDIR");
		if (!dir || !*dir)
			dir = "/tmp";
		dir_len = strlen(dir);
		name = "conciergerie";
		name_len = strlen(name);
	} else {
		const char *slash = strrchr(a->target, '/');
		dir = a->target;
		dir_len = slash ? (size_t)(slash - a->target) + (slash == a->target) : 0;
		name = slash ? slash + 1 : a->target;
		name_len = strlen(name);
		name_len = cz_utf8_prefix(name, name_len, 200);
	}
	static const char suffix[] = ".tmp-XXXXXX";
	char *tmp = malloc(dir_len + 1 + name_len + sizeof(suffix));
	if (!tmp)
		return NULL;
	size_t o = 0;
	if (dir_len) {
		memcpy(tmp, dir, dir_len);
		o = dir_len;
		if (tmp[o - 1] != '/')
			tmp[o++] = '/';
	}
	memcpy(tmp + o, name, name_len);
	memcpy(tmp + o + name_len, suffix, sizeof(suffix));
	return tmp;
}

/* Create the temporary file (or, by name, its private directory). */
static cz_status create_temporary(cz_atomic *a, unsigned flags, cz_problems *problems)
{
	char *name = temporary_name(a);
	if (!name)
		return fail(a, problems, ENOMEM);
	size_t len = strlen(name);
	bool by_name = (flags & CZ_WRITE_BY_NAME) != 0;
	for (int tries = 0; tries < 100; tries++) {
		random_tail(name + len - 6);
		/* listed before it exists, and created under the table's lock: an
		 * interruption from now on removes it */
		pthread_mutex_lock(&table_lock);
		bool was_stopped = stopped;
		int slot = track(name, by_name ? SLOT_DIR : SLOT_FILE);
		int err = 0;
		if (slot < 0) {
			err = was_stopped ? EINTR : ENAMETOOLONG;
		} else if (by_name) {
			if (mkdir(name, 0700) != 0)
				err = errno;
		} else {
			a->fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
			if (a->fd < 0)
				err = errno;
		}
		if (err)
			untrack_locked(&slot);
		pthread_mutex_unlock(&table_lock);
		if (err == EEXIST)
			continue;
		if (err) {
			free(name);
			return fail(a, problems, err);
		}
		if (!by_name) {
			a->tmp = name;
			a->slots[0] = slot;
			return CZ_OK;
		}
		a->tmp_dir = name;
		a->slots[1] = slot;
		static const char file[] = "/document";
		a->tmp = malloc(len + sizeof(file));
		if (!a->tmp)
			return fail(a, problems, ENOMEM);
		memcpy(a->tmp, name, len);
		memcpy(a->tmp + len, file, sizeof(file));
		pthread_mutex_lock(&table_lock);
		a->slots[0] = track(a->tmp, SLOT_FILE);
		pthread_mutex_unlock(&table_lock);
		if (a->slots[0] < 0)
			return fail(a, problems, ENAMETOOLONG);
		return CZ_OK;
	}
	free(name);
	return fail(a, problems, EEXIST);
}

cz_status cz_atomic_open(cz_atomic *a, const char *target, unsigned flags, cz_problems *problems)
{
	*a = (cz_atomic){ .fd = -1, .slots = { -1, -1 } };
	struct stat lsb, sb;
	bool exists = lstat(target, &lsb) == 0;
	char *resolved = NULL;
	if (flags & CZ_WRITE_IN_DIRECTORY) {
		/* a name the run built: whatever is there is replaced, never followed */
		if (exists && S_ISDIR(lsb.st_mode))
			return fail(a, problems, EISDIR);
		a->keep_mode = exists && S_ISREG(lsb.st_mode);
		a->mode = lsb.st_mode & 07777;
	} else if (through_descriptors(target)) {
		a->in_place = true;
		if (stat(target, &sb) == 0 && S_ISDIR(sb.st_mode))
			return fail(a, problems, EISDIR);
	} else if (exists) {
		bool link = S_ISLNK(lsb.st_mode);
		if (link && stat(target, &sb) != 0) {
			cz_problems_add(problems, 0, 0,
					"écriture impossible\u00A0: lien symbolique cassé (il ne mène à aucun fichier)");
			return CZ_ERR_IO;
		}
		const struct stat *st = link ? &sb : &lsb;
		if (S_ISDIR(st->st_mode))
			return fail(a, problems, EISDIR);
		if (S_ISREG(st->st_mode)) {
			a->keep_mode = true;
			a->mode = st->st_mode & 07777;
			/* an explicit link: replace the file it leads to, keep the link */
			if (link && !(resolved = realpath(target, NULL)))
				return fail(a, problems, errno);
		} else {
			a->in_place = true; /* a device, a pipe, a socket */
		}
	}
	a->target = strdup(resolved ? resolved : target);
	free(resolved);
	if (!a->target)
		return fail(a, problems, ENOMEM);
	cz_status st = create_temporary(a, flags, problems);
	if (st != CZ_OK)
		return st;
	if (a->keep_mode && a->fd >= 0 && !a->in_place && fchmod(a->fd, a->mode) != 0)
		return fail(a, problems, errno);
	return CZ_OK;
}

/* Copy the staged file into the device, pipe or open file `a->target`:
 * appended, never truncated. */
static cz_status copy_to_target(cz_atomic *a, cz_problems *problems)
{
	int in = open(a->tmp, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(a->target, O_WRONLY | O_APPEND | O_CLOEXEC);
	int err = in < 0 || out < 0 ? errno : 0;
	char chunk[65536];
	while (!err) {
		ssize_t r = read(in, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? errno : 0;
			break;
		}
		for (ssize_t done = 0; done < r && !err;) {
			ssize_t w = write(out, chunk + done, (size_t)(r - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				err = w < 0 ? errno : ENOSPC;
			else
				done += w;
		}
	}
	if (out >= 0 && close(out) != 0 && !err)
		err = errno;
	if (in >= 0)
		close(in);
	if (err)
		return fail(a, problems, err);
	cz_atomic_abort(a); /* removes the staged copy */
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
		if (close(fd) != 0)
			return fail(a, problems, errno);
	}
	if (a->in_place)
		return copy_to_target(a, problems);
	if (a->tmp_dir && a->keep_mode && chmod(a->tmp, a->mode) != 0)
		return fail(a, problems, errno);
	if (rename(a->tmp, a->target) != 0)
		return fail(a, problems, errno);
	untrack(&a->slots[0]);
	free(a->tmp);
	a->tmp = NULL;
	cz_atomic_abort(a); /* the private directory, now empty */
	return CZ_OK;
}

void cz_atomic_abort(cz_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	if (a->tmp)
		unlink(a->tmp);
	untrack(&a->slots[0]);
	if (a->tmp_dir)
		rmdir(a->tmp_dir);
	untrack(&a->slots[1]);
	free(a->tmp);
	free(a->tmp_dir);
	free(a->target);
	a->tmp = a->tmp_dir = a->target = NULL;
}

cz_status cz_atomic_write(cz_atomic *a, const void *data, size_t len, cz_problems *problems)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(a->fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return fail(a, problems, errno);
		}
		p += w;
		len -= (size_t)w;
	}
	return CZ_OK;
}

cz_status cz_write_file_atomic(const char *target, const void *data, size_t len, unsigned flags,
			       cz_problems *problems)
{
	cz_atomic a;
	cz_status st = cz_atomic_open(&a, target, flags & ~(unsigned)CZ_WRITE_BY_NAME, problems);
	if (st == CZ_OK)
		st = cz_atomic_write(&a, data, len, problems);
	return st == CZ_OK ? cz_atomic_commit(&a, problems) : st;
}
