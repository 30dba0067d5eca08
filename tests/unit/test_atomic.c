/*
 * Atomic output to targets that are not plain files. Renaming over a
 * device or a pipe would replace it with a regular file (as root, -o
 * /dev/stdout or -o /dev/null did exactly that): such targets are written
 * in place from a copy staged in $TMPDIR, and a failing device is an I/O
 * error that leaves the node and no staged file behind. A descriptor link
 * to a regular file is appended to; a link inside an output directory is
 * replaced, never written through; an explicit link is followed; the
 * cleanup table removes what an interrupted run leaves.
 */
/* mknod and S_IFCHR are XSI. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
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


static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void expect_content(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf, text);
}

/* A link planted in an output directory: replaced, its target untouched. */
static void test_link_in_directory_replaced(void **state)
{
	(void)state;
	char victim[128], out[128], planted[160];
	snprintf(victim, sizeof(victim), "%s/notes.txt", dir);
	snprintf(out, sizeof(out), "%s/rapports", dir);
	snprintf(planted, sizeof(planted), "%s/portefeuille.md", out);
	put(victim, "secret\n", 0644);
	assert_int_equal(mkdir(out, 0755), 0);
	assert_int_equal(symlink("../notes.txt", planted), 0);
	cz_problems pb;
	cz_problems_init(&pb, planted);
	assert_int_equal(cz_write_file_atomic(planted, "rapport\n", 8, CZ_WRITE_IN_DIRECTORY, &pb), CZ_OK);
	expect_content(victim, "secret\n");
	struct stat sb;
	assert_int_equal(lstat(planted, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	expect_content(planted, "rapport\n");
	/* a planted FIFO is replaced as well, without waiting for a reader */
	char fifo[160];
	snprintf(fifo, sizeof(fifo), "%s/p.md", out);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(cz_write_file_atomic(fifo, "x", 1, CZ_WRITE_IN_DIRECTORY, &pb), CZ_OK);
	assert_int_equal(lstat(fifo, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(entries(out), 2);
	cz_problems_free(&pb);
}

/* An explicit link: the file it leads to is replaced, the link stays. */
static void test_explicit_link_followed(void **state)
{
	(void)state;
	char real[128], link[128], broken[128];
	snprintf(real, sizeof(real), "%s/vrai.md", dir);
	snprintf(link, sizeof(link), "%s/lien.md", dir);
	snprintf(broken, sizeof(broken), "%s/casse.md", dir);
	put(real, "ancien\n", 0640);
	assert_int_equal(symlink("vrai.md", link), 0);
	cz_problems pb;
	cz_problems_init(&pb, link);
	assert_int_equal(cz_write_file_atomic(link, "nouveau\n", 8, 0, &pb), CZ_OK);
	struct stat sb;
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	expect_content(real, "nouveau\n");
	assert_int_equal(stat(real, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	/* a link that leads nowhere is refused, and nothing is created */
	assert_int_equal(symlink("absent.md", broken), 0);
	assert_int_equal(cz_write_file_atomic(broken, "x", 1, 0, &pb), CZ_ERR_IO);
	assert_non_null(strstr(pb.items[pb.count - 1].message, "lien symbolique cassé"));
	char absent[128];
	snprintf(absent, sizeof(absent), "%s/absent.md", dir);
	assert_int_equal(access(absent, F_OK), -1);
	cz_problems_free(&pb);
}

/* /dev/fd/N and /proc/self/fd/N open on a log: appended, never replaced. */
static void test_descriptor_link_appends(void **state)
{
	(void)state;
	char log[128];
	snprintf(log, sizeof(log), "%s/log.txt", dir);
	put(log, "journal\n", 0644);
	struct stat before, after;
	assert_int_equal(stat(log, &before), 0);
	int fd = open(log, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	char via_dev[64], via_proc[64];
	snprintf(via_dev, sizeof(via_dev), "/dev/fd/%d", fd);
	snprintf(via_proc, sizeof(via_proc), "/proc/self/fd/%d", fd);
	cz_problems pb;
	cz_problems_init(&pb, log);
	assert_int_equal(cz_write_file_atomic(via_dev, "un\n", 3, 0, &pb), CZ_OK);
	assert_int_equal(cz_write_file_atomic(via_proc, "deux\n", 5, 0, &pb), CZ_OK);
	close(fd);
	expect_content(log, "journal\nun\ndeux\n");
	assert_int_equal(stat(log, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(entries(staging), 0);
	cz_problems_free(&pb);
}

/* What a signal handler calls: every temporary still open is removed. */
static void test_cleanup_table(void **state)
{
	(void)state;
	char target[128], other[128];
	snprintf(target, sizeof(target), "%s/a.md", dir);
	snprintf(other, sizeof(other), "%s/b.xlsx", dir);
	cz_problems pb;
	cz_problems_init(&pb, target);
	cz_atomic a, b;
	assert_int_equal(cz_atomic_open(&a, target, 0, &pb), CZ_OK);
	assert_int_equal(cz_atomic_open(&b, other, CZ_WRITE_BY_NAME, &pb), CZ_OK);
	assert_int_equal(access(a.tmp, F_OK), 0);
	assert_int_equal(access(b.tmp_dir, F_OK), 0);
	put(b.tmp, "classeur", 0644); /* as libxlsxwriter would */
	assert_non_null(strstr(a.tmp, "a.md.tmp-"));
	assert_non_null(strstr(b.tmp_dir, "b.xlsx.tmp-"));
	cz_atomic_remove_temporaries();
	assert_int_equal(access(a.tmp, F_OK), -1);
	assert_int_equal(access(b.tmp_dir, F_OK), -1);
	cz_atomic_abort(&a);
	cz_atomic_abort(&b);
	/* a commit leaves only the target */
	size_t n = entries(dir);
	assert_int_equal(cz_atomic_open(&b, other, CZ_WRITE_BY_NAME, &pb), CZ_OK);
	put(b.tmp, "classeur", 0644);
	assert_int_equal(cz_atomic_commit(&b, &pb), CZ_OK);
	assert_int_equal(entries(dir), n + 1);
	expect_content(other, "classeur");
	/* and, once committed, nothing is left for the table to remove */
	cz_atomic_remove_temporaries();
	expect_content(other, "classeur");
	cz_problems_free(&pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_target_written_in_place),
		cmocka_unit_test(test_full_device_is_io_error),
		cmocka_unit_test(test_link_in_directory_replaced),
		cmocka_unit_test(test_explicit_link_followed),
		cmocka_unit_test(test_descriptor_link_appends),
		cmocka_unit_test(test_cleanup_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
