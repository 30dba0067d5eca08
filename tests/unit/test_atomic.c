/*
 * Atomic output to targets that are not regular files. Renaming over a
 * device or a pipe would replace it with a regular file (as root, -o
 * /dev/stdout or -o /dev/null did exactly that): such targets are written
 * in place from a copy staged in $TMPDIR, and a failing device is an I/O
 * error that leaves the node and no staged file behind.
 */
/* mknod and S_IFCHR are XSI. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"

static char dir[64], staging[96];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/cz-atomic-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(staging, sizeof(staging), "%s/staging", dir);
	if (mkdir(staging, 0700) != 0)
		return -1;
	return setenv("TMPDIR", staging, 1);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static size_t entries(const char *path)
{
	DIR *d = opendir(path);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_pipe_target_written_in_place(void **state)
{
	(void)state;
	char fifo[96];
	snprintf(fifo, sizeof(fifo), "%s/tube", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	int counts[2];
	assert_int_equal(pipe(counts), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* The reader: count what comes through the pipe, report it. Should
		 * the pipe never be opened for writing, give up instead of hanging. */
		alarm(20);
		FILE *f = fopen(fifo, "rb");
		size_t n = 0;
		while (f && fgetc(f) != EOF)
			n++;
		if (write(counts[1], &n, sizeof(n)) != (ssize_t)sizeof(n))
			_exit(1);
		_exit(0);
	}
	close(counts[1]);
	cz_problems pb;
	cz_problems_init(&pb, fifo);
	assert_int_equal(cz_write_file_atomic(fifo, "bonjour", 7, 0, &pb), CZ_OK);
	size_t got = 0;
	assert_int_equal(read(counts[0], &got, sizeof(got)), (ssize_t)sizeof(got));
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(got, 7);
	struct stat sb;
	assert_int_equal(stat(fifo, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	assert_int_equal(entries(staging), 0);
	close(counts[0]);
	cz_problems_free(&pb);
}

static void test_full_device_is_io_error(void **state)
{
	(void)state;
	char full[96];
	snprintf(full, sizeof(full), "%s/full", dir);
	/* A private /dev/full: a regression must never replace the real one. */
	if (mknod(full, S_IFCHR | 0600, makedev(1, 7)) != 0)
		skip();
	cz_problems pb;
	cz_problems_init(&pb, full);
	assert_int_equal(cz_write_file_atomic(full, "x", 1, 0, &pb), CZ_ERR_IO);
	assert_int_equal(pb.count, 1);
	assert_non_null(strstr(pb.items[0].message, "plus de place"));
	struct stat sb;
	assert_int_equal(stat(full, &sb), 0);
	assert_true(S_ISCHR(sb.st_mode));
	assert_int_equal(entries(staging), 0);
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_target_written_in_place),
		cmocka_unit_test(test_full_device_is_io_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
