/*
 * The snapshots `diff` and `evolution` read: a project file, `-` (standard
 * input), or `REV:path`, the file as git holds it in revision REV of the
 * repository around the current directory. git runs as a child process
 * (never through a shell); its messages are not shown: a failure says in
 * French whether there is no repository, the revision is unknown, or the
 * file is not in it.
 */
#ifndef CZ_SNAPSHOT_H
#define CZ_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "referential.h"

/* Whether `arg` is read from git: not "-", no such file, and of the form
 * REV:path with both parts non-empty. */
bool cz_snapshot_is_git(const char *arg);

/* Load the snapshot `arg` (problems printed, positions in the name `arg`).
 * Returns an exit code: 1 invalid project, 3 unreadable (no repository,
 * unknown revision, file absent from it, git missing). */
int cz_snapshot_load(const char *arg, const cz_referential *ref, cz_project **p);

/* The commits that touch `path` (as `git log --follow` lists them), oldest
 * first, as full hashes in *revs (free with cz_snapshot_free_list). Returns
 * an exit code; a path that no commit touches is an error (3). */
int cz_snapshot_git_commits(const char *path, char ***revs, size_t *n);
void cz_snapshot_free_list(char **list, size_t n);

#endif
