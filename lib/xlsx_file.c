#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): memfd_create */
#include "xlsx_file.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "text.h"
#include "xlsx_style.h"

const char *cz_xlsx_error_str(lxw_error e)
{
	switch (e) {
	case LXW_NO_ERROR:
		return "aucune erreur";
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return "mémoire insuffisante";
	case LXW_ERROR_CREATING_XLSX_FILE:
		return "le fichier du classeur n'a pas pu être créé";
	case LXW_ERROR_CREATING_TMPFILE:
		return "les fichiers temporaires du classeur n'ont pas pu être créés "
		       "(répertoire temporaire plein ou interdit d'écriture\u202F?)";
	case LXW_ERROR_READING_TMPFILE:
		return "les fichiers temporaires du classeur n'ont pas pu être relus";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_PARAMETER_ERROR:
	case LXW_ERROR_ZIP_BAD_ZIP_FILE:
	case LXW_ERROR_ZIP_INTERNAL_ERROR:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return "l'archive du classeur n'a pas pu être écrite";
	default:
		/* Anything else is a value the cell writers let through: a bug. */
		return "erreur interne de l'écriture du classeur (valeur refusée par libxlsxwriter)";
	}
}

/* Where libxlsxwriter writes the workbook: a memory file when the system
 * has them, else a temporary file. */
typedef struct {
	int fd;
	char path[64];
	char *tmp; /* the temporary file's path, to remove; NULL for a memory file */
} sink;

static bool sink_open(sink *s)
{
	s->tmp = NULL;
	s->fd = memfd_create("conciergerie.xlsx", MFD_CLOEXEC);
	if (s->fd >= 0) {
		snprintf(s->path, sizeof(s->path), "/proc/self/fd/%d", s->fd);
		if (access(s->path, W_OK) == 0)
			return true;
		close(s->fd); /* no /proc mounted */
	}
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	static const char name[] = "/conciergerie-XXXXXX";
	s->tmp = malloc(strlen(dir) + sizeof(name));
	if (!s->tmp)
		return false;
	strcpy(s->tmp, dir);
	strcat(s->tmp, name);
	s->fd = mkstemp(s->tmp);
	if (s->fd < 0) {
		free(s->tmp);
		s->tmp = NULL;
		return false;
	}
	snprintf(s->path, sizeof(s->path), "%s", "");
	return true;
}

static const char *sink_path(const sink *s)
{
	return s->tmp ? s->tmp : s->path;
}

static void sink_close(sink *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->tmp) {
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
	}
}

/* The bytes libxlsxwriter wrote (it closed its own stream on them). */
static bool sink_read(const sink *s, cz_buf *out)
{
	struct stat sb;
	if (fstat(s->fd, &sb) != 0 || lseek(s->fd, 0, SEEK_SET) != 0)
		return false;
	/* Straight into the buffer, sized once from the file: no chunk copied
	 * twice, no doubling (a workbook is some 60 KB). */
	cz_buf_reserve(out, sb.st_size > 0 ? (size_t)sb.st_size : 4096);
	for (;;) {
		if (!cz_buf_ok(out))
			return false;
		if (out->cap - out->len < 2) {
			cz_buf_reserve(out, 65536);
			continue;
		}
		ssize_t n = read(s->fd, out->data + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->data[out->len] = '\0';
	return true;
}

/*
 * Where libxlsxwriter writes the parts of a workbook before zipping them
 * (some twenty files per workbook, each removed as soon as it is created,
 * so that nothing is left even if the process is killed): $TMPDIR when the
 * user sets it (libxlsxwriter reads it); else /dev/shm when it can be
 * written, a memory file system where creating, writing and removing them
 * costs a fifth less system time than in a disk's /tmp (make bench); else
 * libxlsxwriter's default, /tmp.
 */
static const char *parts_dir(void)
{
	static const char shm[] = "/dev/shm";
	const char *t = getenv("TMPDIR");
	if (t && *t)
		return NULL;
	struct stat sb;
	return stat(shm, &sb) == 0 && S_ISDIR(sb.st_mode) && access(shm, W_OK | X_OK) == 0 ? shm : NULL;
}

static cz_status build(time_t created, bool in_order, cz_xlsx_fill fill, void *ctx, cz_buf *out,
		       cz_text_log *log, cz_problems *problems)
{
	sink s;
	if (!sink_open(&s)) {
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: pas de fichier temporaire pour le "
				"classeur (répertoire temporaire plein ou interdit d'écriture\u202F?)");
		return CZ_ERR_IO;
	}
	/* Numbers in the sheets' XML must have a '.' whatever the caller's
	 * locale: this thread reads numbers the C way while libxlsxwriter
	 * writes, and goes back to the caller's locale after. */
	locale_t c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!c_numeric) {
		sink_close(&s);
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s",
				cz_xlsx_error_str(LXW_ERROR_MEMORY_MALLOC_FAILED));
		return CZ_ERR_NOMEM;
	}
	locale_t caller = uselocale(c_numeric);

	size_t before = problems->count;
	cz_status st = CZ_OK;
	cz_xlsx x = { 0 };
	cz_buf_init(&x.scratch);
	x.in_order = in_order;
	lxw_workbook_options options = { .constant_memory = in_order ? LXW_TRUE : LXW_FALSE,
					 .tmpdir = (char *)parts_dir(), /* only read */
					 .use_zip64 = LXW_FALSE };
	x.wb = workbook_new_opt(sink_path(&s), &options);
	if (!x.wb) {
		st = CZ_ERR_NOMEM;
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s",
				cz_xlsx_error_str(LXW_ERROR_MEMORY_MALLOC_FAILED));
		goto out;
	}
	lxw_doc_properties props = { 0 };
	/* libxlsxwriter takes 0 as "now": the fixed epoch becomes one second later. */
	props.created = created ? created : 1;
	cz_xlsx_check(&x, workbook_set_properties(x.wb, &props));
	st = fill(ctx, &x);
	if (st == CZ_OK && cz_xlsx_ok(&x))
		cz_xlsx_finish(&x);
	lxw_error closed = workbook_close(x.wb);
	if (x.error != LXW_NO_ERROR) {
		st = x.error == LXW_ERROR_MEMORY_MALLOC_FAILED ? CZ_ERR_NOMEM : CZ_ERR_IO;
		if (x.where[0])
			cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s (%s)", cz_xlsx_error_str(x.error),
					x.where);
		else
			cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s", cz_xlsx_error_str(x.error));
	} else if (x.nomem || st == CZ_ERR_NOMEM) {
		st = CZ_ERR_NOMEM;
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s",
				cz_xlsx_error_str(LXW_ERROR_MEMORY_MALLOC_FAILED));
	} else if (st == CZ_OK && closed != LXW_NO_ERROR) {
		st = closed == LXW_ERROR_MEMORY_MALLOC_FAILED ? CZ_ERR_NOMEM : CZ_ERR_IO;
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s", cz_xlsx_error_str(closed));
	}
	if (st == CZ_OK && !sink_read(&s, out)) {
		st = cz_buf_ok(out) ? CZ_ERR_IO : CZ_ERR_NOMEM;
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: le classeur n'a pas pu être relu%s",
				st == CZ_ERR_NOMEM ? " (mémoire insuffisante)" : "");
	}
	/* Every failure says why. */
	if (st != CZ_OK && problems->count == before && !problems->truncated)
		cz_problems_add(problems, 0, 0, "écriture impossible\u00A0: %s", cz_status_str(st));
	if (log)
		cz_text_log_add(log, &x.log);
out:
	uselocale(caller);
	freelocale(c_numeric);
	cz_xlsx_release(&x);
	cz_buf_free(&x.scratch);
	sink_close(&s);
	return st;
}

cz_status cz_xlsx_build(time_t created, cz_xlsx_fill fill, void *ctx, cz_buf *out,
			cz_text_log *log, cz_problems *problems)
{
	return build(created, false, fill, ctx, out, log, problems);
}

cz_status cz_xlsx_write(const char *target, time_t created, unsigned flags, cz_xlsx_fill fill, void *ctx,
			cz_text_log *log, cz_problems *problems)
{
	/* The temporary file beside the target exists while the workbook is
	 * built (an interruption removes it), and receives it whole. */
	cz_atomic a;
	cz_status st = cz_atomic_open(&a, target, flags & ~(unsigned)(CZ_WRITE_BY_NAME | CZ_XLSX_IN_ORDER), problems);
	if (st != CZ_OK)
		return st;
	cz_buf bytes;
	cz_buf_init(&bytes);
	st = build(created, (flags & CZ_XLSX_IN_ORDER) != 0, fill, ctx, &bytes, log, problems);
	if (st == CZ_OK)
		st = cz_atomic_write(&a, bytes.data ? bytes.data : "", bytes.len, problems);
	else
		cz_atomic_abort(&a);
	cz_buf_free(&bytes);
	return st == CZ_OK ? cz_atomic_commit(&a, problems) : st;
}
