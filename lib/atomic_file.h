/*
 * Atomic output: write beside the target under a temporary name, then
 * rename. On any failure the temporary file is removed and an existing
 * target is left exactly as it was.
 *
 * What happens to what is already at the target:
 *
 * - A regular file is replaced by the rename, keeping its permissions.
 * - A character device, a pipe or a socket (-o /dev/null, a FIFO, a
 *   terminal), or a path through a process's descriptors (/dev/stdout,
 *   /dev/fd/N, /proc/self/fd/N, whatever they lead to): written in place,
 *   never replaced; to a regular file reached that way the output is
 *   appended (`>> log.txt` keeps the log). The output is staged in $TMPDIR
 *   and copied in at commit, so a failure writes nothing.
 * - A symbolic link given explicitly (-o lien.md): followed, as the shell's
 *   `>` would: the file it leads to is replaced atomically in its own
 *   directory, and the link stays. A link that leads nowhere is refused.
 * - Inside an output directory (CZ_WRITE_IN_DIRECTORY: the names the run
 *   builds itself, -o DIR, report), anything already there but a directory
 *   is replaced by the rename: a link is replaced, never written through,
 *   and a planted pipe never blocks the run.
 *
 * Interruption: every temporary file (and directory) is listed in a fixed
 * table while it exists (at most CZ_ATOMIC_MAX_OPEN at once, over all
 * threads); cz_atomic_remove_temporaries() removes them and is
 * async-signal-safe (unlink and rmdir only), for the signal handlers of a
 * single-threaded caller. A caller whose threads write (report -j) takes
 * its signals in a thread of its own and calls cz_atomic_stop(). The
 * library installs no handler.
 *
 * Threads: any number of threads may write different targets at once.
 */
#ifndef CZ_ATOMIC_FILE_H
#define CZ_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "problems.h"
#include "status.h"

/* Temporaries listed at once: a writer holds one or two. */
#define CZ_ATOMIC_MAX_OPEN 160

/* How a target is treated (the `flags` of the writers). */
enum {
	/* The target was built inside an output directory (-o DIR, report): an
	 * entry already there, link or not, is replaced, never written through. */
	CZ_WRITE_IN_DIRECTORY = 1u << 0,
	/* The writer opens the temporary file by its name (libxlsxwriter): it is
	 * created later by the writer, in a private directory (mode 0700) that
	 * nobody else can plant a link in. */
	CZ_WRITE_BY_NAME = 1u << 1,
};

typedef struct {
	char *target;  /* where the output goes (the file a followed link leads to) */
	char *tmp;     /* the temporary file */
	char *tmp_dir; /* CZ_WRITE_BY_NAME: the private directory holding it */
	int fd;        /* the open temporary file; -1 with CZ_WRITE_BY_NAME or once closed */
	/* The target is written into at commit, never replaced (a device, a
	 * pipe, a socket, a descriptor link): the temporary is in $TMPDIR. */
	bool in_place;
	bool keep_mode; /* the output gets `mode`, the replaced file's permissions */
	mode_t mode;
	int slots[2];  /* entries of the cleanup table (file, directory), -1 when none */
} cz_atomic;

/* Prepare the temporary file for `target` (flags: CZ_WRITE_*). */
cz_status cz_atomic_open(cz_atomic *a, const char *target, unsigned flags, cz_problems *problems);
/* Append `len` bytes to the open temporary file (not with
 * CZ_WRITE_BY_NAME); on failure the temporary is removed (no commit). */
cz_status cz_atomic_write(cz_atomic *a, const void *data, size_t len, cz_problems *problems);
/* Close (if still open) and rename over the target, or copy into it. */
cz_status cz_atomic_commit(cz_atomic *a, cz_problems *problems);
/* Remove the temporary file; safe after a failed open or a commit. */
void cz_atomic_abort(cz_atomic *a);

/* Write `len` bytes to `target` atomically. */
cz_status cz_write_file_atomic(const char *target, const void *data, size_t len, unsigned flags,
			       cz_problems *problems);

/* Remove every temporary file and directory still listed (an interrupted
 * run). Async-signal-safe: to be called from a signal handler. */
void cz_atomic_remove_temporaries(void);

/* The same for a process whose threads write: once it returns, no
 * temporary exists and none can be created (a writer that tries fails).
 * Not for a signal handler (it takes a lock, and keeps it): call it from a
 * thread that waits for the signals, then end the process. */
void cz_atomic_stop(void);

#endif
