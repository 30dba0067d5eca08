#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "text.h"

/* Extensions that name a document, not a directory (besides the formats'). */
static const char *const document_exts[] = { "pdf", "doc", "docx", "odt", "ods", "odp", "xls",
					     "rtf", "txt", "html", "htm", "csv", "tex" };

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The extension of the last component of `path` ("pdf"), or NULL. */
static const char *extension(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base && dot[1] ? dot + 1 : NULL;
}

static bool ext_is(const char *ext, const char *name)
{
	for (; *ext && *name; ext++, name++) {
		int c = (unsigned char)*ext;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)*name)
			return false;
	}
	return !*ext && !*name;
}

static bool looks_like_file(const char *ext)
{
	for (size_t i = 0; i < CZ_FMT_COUNT; i++)
		if (ext_is(ext, cz_formats[i].name) || (cz_formats[i].alias && ext_is(ext, cz_formats[i].alias)))
			return true;
	for (size_t i = 0; i < sizeof(document_exts) / sizeof(document_exts[0]); i++)
		if (ext_is(ext, document_exts[i]))
			return true;
	return false;
}

/* A format given by -f or an extension, ignoring case. */
static const cz_format_desc *find_format(const char *name)
{
	for (size_t i = 0; i < CZ_FMT_COUNT; i++)
		if (ext_is(name, cz_formats[i].name) || (cz_formats[i].alias && ext_is(name, cz_formats[i].alias)))
			return &cz_formats[i];
	return NULL;
}

static bool plan_renders(const cz_output_plan *plan, cz_format f)
{
	for (size_t i = 0; i < plan->n_analyses; i++)
		if (!cz_analysis_renders(plan->analyses[i], f))
			return false;
	return true;
}

/* "md, json ou xlsx": the formats the plan writes, into `b`. */
static const char *format_list(const cz_output_plan *plan, cz_buf *b)
{
	size_t n = 0, total = 0;
	for (size_t f = 0; f < CZ_FMT_COUNT; f++)
		total += plan_renders(plan, (cz_format)f);
	for (size_t f = 0; f < CZ_FMT_COUNT; f++) {
		if (!plan_renders(plan, (cz_format)f))
			continue;
		cz_buf_printf(b, "%s%s", n == 0 ? "" : n + 1 == total ? " ou " : ", ", cz_formats[f].name);
		n++;
	}
	return cz_buf_ok(b) && b->data ? b->data : "";
}

__attribute__((format(printf, 2, 3))) static int usage(const cz_output *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int code = cz_cli_usage_verror(out->o->spec, fmt, ap);
	va_end(ap);
	return code;
}

static bool same_file(const struct stat *sb, const cz_file_id *id)
{
	return sb->st_dev == id->dev && sb->st_ino == id->ino;
}

int cz_output_add_input(cz_output *out, const char *path)
{
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0)
		return CZ_EXIT_OK; /* standard input, or a file that will fail to load */
	if (out->n_inputs == out->cap_inputs) {
		size_t cap = out->cap_inputs ? out->cap_inputs * 2 : 16;
		cz_file_id *ids = realloc(out->inputs, cap * sizeof(*ids));
		if (!ids) {
			cz_cli_errorf(NULL, "mémoire insuffisante");
			return CZ_EXIT_IO;
		}
		out->inputs = ids;
		out->cap_inputs = cap;
	}
	out->inputs[out->n_inputs++] = (cz_file_id){ sb.st_dev, sb.st_ino };
	return CZ_EXIT_OK;
}

/* Whether `path` is one of the inputs (the same file, however it is spelt). */
static bool is_input(const cz_output *out, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return false;
	for (size_t i = 0; i < out->n_inputs; i++)
		if (same_file(&sb, &out->inputs[i]))
			return true;
	return false;
}

/* A file --force would replace: anything but a device, a pipe or a socket,
 * which are written into, not replaced. */
static bool replaceable_exists(const char *path)
{
	struct stat lsb, sb;
	if (lstat(path, &lsb) != 0)
		return false;
	if (stat(path, &sb) == 0 && (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode)))
		return false;
	return true;
}

/* mkdir -p: each missing component of `path`. */
static int make_dirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return ENOMEM;
	int err = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			err = errno;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (!err && !is_dir(path))
		err = ENOTDIR;
	free(p);
	return err;
}

int cz_output_open(cz_output *out, const cz_opts *o, const cz_output_plan *plan, char *const *inputs,
		   size_t n_inputs)
{
	memset(out, 0, sizeof(*out));
	out->o = o;
	out->plan = plan;
	cz_names_init(&out->names);
	cz_buf_init(&out->text);
	int code;
	for (size_t i = 0; i < n_inputs; i++)
		if ((code = cz_output_add_input(out, inputs[i])) != CZ_EXIT_OK)
			return code;
	if (o->referentiel && (code = cz_output_add_input(out, o->referentiel)) != CZ_EXIT_OK)
		return code;

	cz_buf list;
	cz_buf_init(&list);
	const char *formats = format_list(plan, &list);
	const cz_format_desc *by_flag = NULL;
	code = CZ_EXIT_OK;
	const char *hint = cz_format_other_documents_hint(plan_renders(plan, CZ_FMT_HTML),
							 plan_renders(plan, CZ_FMT_XLSX));
	if (o->format_arg && !(by_flag = find_format(o->format_arg))) {
		code = usage(out, "format «\u00A0%s\u00A0» inconnu (formats\u00A0: %s)%s%s", o->format_arg, formats,
			     hint ? "\u202F; " : "", hint ? hint : "");
		goto out;
	}
	bool to_stdout = !o->output || strcmp(o->output, "-") == 0;
	if (to_stdout && plan->directory) {
		code = usage(out, "indiquez le répertoire des rapports avec -o RÉPERTOIRE");
		goto out;
	}
	const char *ext = to_stdout ? NULL : extension(o->output);
	bool existing_dir = !to_stdout && is_dir(o->output);
	out->path = to_stdout ? NULL : o->output;
	out->kind = to_stdout ? CZ_TO_STDOUT
		    : existing_dir || plan->directory || plan->n_documents > 1 ? CZ_TO_DIR
									     : CZ_TO_FILE;
	if (out->kind == CZ_TO_FILE && is_input(out, o->output)) {
		code = usage(out, "«\u00A0%s\u00A0» désigne un fichier d'entrée\u00A0: il ne sera pas remplacé, choisissez un autre nom pour -o",
			     o->output);
		goto out;
	}
	if (out->kind == CZ_TO_DIR && !existing_dir && ext && looks_like_file(ext)) {
		code = usage(out,
			     "-o désigne ici un répertoire (un fichier par document)\u00A0: «\u00A0%s\u00A0» ressemble à un "
			     "nom de fichier (créez d'abord le répertoire si c'en est bien un)",
			     o->output);
		goto out;
	}
	const cz_format_desc *by_ext = NULL;
	if (out->kind == CZ_TO_FILE && ext && !(by_ext = find_format(ext))) {
		cz_buf msg;
		cz_buf_init(&msg);
		cz_buf_printf(&msg, "«\u00A0%s\u00A0»\u00A0: l'extension «\u00A0.%s\u00A0» n'est pas un format connu (formats\u00A0: %s)",
			      o->output, ext, formats);
		if (hint)
			cz_buf_printf(&msg, "\u202F; %s", hint);
		code = usage(out, "%s", cz_buf_ok(&msg) && msg.data ? msg.data : "extension inconnue");
		cz_buf_free(&msg);
		goto out;
	}
	if (by_flag && by_ext && by_flag != by_ext) {
		code = usage(out, "-f %s ne correspond pas à l'extension de «\u00A0%s\u00A0»", by_flag->name, o->output);
		goto out;
	}
	out->fmt = by_flag ? by_flag : by_ext ? by_ext : &cz_formats[plan->fallback];
	if (!plan_renders(plan, out->fmt->id)) {
		code = usage(out, "cette commande n'écrit pas le format %s (formats\u00A0: %s)", out->fmt->name, formats);
		goto out;
	}
	if (out->fmt->kind == CZ_FORMAT_WORKBOOK && out->kind == CZ_TO_STDOUT) {
		code = usage(out, "le format %s s'écrit dans un fichier\u00A0: ajoutez -o FICHIER.%s", out->fmt->name,
			     out->fmt->name);
		goto out;
	}
	if (out->kind == CZ_TO_FILE && plan->keep_existing && !o->force && replaceable_exists(o->output)) {
		code = usage(out, "«\u00A0%s\u00A0» existe déjà\u00A0: ajoutez --force pour le remplacer", o->output);
		goto out;
	}
	if (out->kind == CZ_TO_DIR && !existing_dir) {
		int err = make_dirs(o->output);
		if (err) {
			cz_cli_errorf(o->output, "création du répertoire impossible (%s)",
				      err == ENOTDIR ? "un élément du chemin n'est pas un répertoire"
						     : cz_errno_str(err));
			code = CZ_EXIT_IO;
		}
	}
out:
	cz_buf_free(&list);
	return code;
}

int cz_output_reserve(cz_output *out, const char *stem)
{
	size_t len = strlen(stem) + strlen(out->fmt->name) + 2;
	char *name = malloc(len);
	bool ok = name != NULL;
	if (ok) {
		snprintf(name, len, "%s.%s", stem, out->fmt->name);
		ok = cz_names_reserve(&out->names, name);
	}
	free(name);
	if (!ok) {
		cz_cli_errorf(NULL, "mémoire insuffisante");
		return CZ_EXIT_IO;
	}
	return CZ_EXIT_OK;
}

/* `input` names the document in a warning about its text. Why it failed
 * goes to *error (malloc'd, NULL on success). Reads `out` only: workers of
 * report -j call it at the same time. */
static int write_file(const cz_output *out, const char *input, const cz_document *d, const cz_render_ctx *rc,
		      const char *path, unsigned flags, char **error)
{
	cz_problems pb;
	cz_problems_init(&pb, path);
	cz_text_log log = { 0, 0 };
	cz_render_ctx logged = *rc;
	logged.log = &log;
	cz_status st = out->fmt->write(out->fmt, d, &logged, path, flags, &pb);
	cz_cli_print_problems(&pb);
	*error = st != CZ_OK ? strdup(pb.count ? pb.items[0].message : cz_status_str(st)) : NULL;
	if (st != CZ_OK && pb.count == 0)
		cz_cli_errorf(path, "écriture impossible\u00A0: %s", cz_status_str(st));
	if (st == CZ_OK)
		cz_cli_print_text_log(input, out->fmt->kind == CZ_FORMAT_TEXT ? "le rapport" : "le classeur", &log);
	cz_problems_free(&pb);
	return cz_cli_exit_code(st);
}

static void keep_error(cz_output *out, char *error)
{
	free(out->last_error);
	out->last_error = error;
}

const char *cz_output_take_name(cz_output *out, const char *input, const char *suffix)
{
	const char *name = cz_names_unique(&out->names, input, suffix, out->fmt->name);
	if (!name)
		cz_cli_errorf(input, "mémoire insuffisante");
	return name;
}

/* Into the output directory under `name`: its path, the checks. */
static int write_named(const cz_output *out, const char *input, const char *name, const cz_document *d,
		       const cz_render_ctx *rc, char **error)
{
	*error = NULL;
	size_t len = strlen(out->path) + strlen(name) + 2;
	char *path = malloc(len);
	if (!path) {
		cz_cli_errorf(input, "mémoire insuffisante");
		return CZ_EXIT_IO;
	}
	size_t dl = strlen(out->path);
	snprintf(path, len, "%s%s%s", out->path, dl && out->path[dl - 1] == '/' ? "" : "/", name);
	int code;
	if (is_input(out, path)) {
		cz_cli_errorf(path, "fichier d'entrée\u00A0: il ne sera pas remplacé par le rapport de «\u00A0%s\u00A0»", input);
		code = CZ_EXIT_USAGE;
	} else if (out->plan->keep_existing && !out->o->force && replaceable_exists(path)) {
		cz_cli_errorf(path, "existe déjà\u00A0: ajoutez --force pour le remplacer");
		code = CZ_EXIT_USAGE;
	} else {
		code = write_file(out, input, d, rc, path, CZ_WRITE_IN_DIRECTORY, error);
	}
	free(path);
	return code;
}

int cz_output_write_as(const cz_output *out, const char *input, const char *name, const cz_document *d,
		       const cz_referential *ref, const cz_options *opts, time_t created, char **error)
{
	cz_render_ctx rc = { .ref = ref, .opts = opts, .created = created };
	return write_named(out, input, name, d, &rc, error);
}

/* Into the output directory: the file's name, then the document. */
static int write_in_dir(cz_output *out, const char *input, const char *suffix, bool reserved,
			const cz_document *d, const cz_render_ctx *rc, const char **file_name)
{
	char *own = NULL;
	const char *name;
	if (reserved) {
		size_t len = strlen(input) + strlen(out->fmt->name) + 2;
		if ((own = malloc(len)) != NULL)
			snprintf(own, len, "%s.%s", input, out->fmt->name);
		else
			cz_cli_errorf(input, "mémoire insuffisante");
		name = own;
	} else {
		name = cz_output_take_name(out, input, suffix);
	}
	if (!name)
		return CZ_EXIT_IO;
	char *error = NULL;
	int code = write_named(out, input, name, d, rc, &error);
	keep_error(out, error);
	if (file_name)
		*file_name = reserved ? NULL : name;
	free(own);
	return code;
}

int cz_output_write(cz_output *out, const char *input, const char *suffix, bool reserved,
		    const cz_document *d, const cz_referential *ref, const cz_options *opts,
		    time_t created, const char **file_name)
{
	cz_render_ctx rc = { .ref = ref, .opts = opts, .created = created };
	if (file_name)
		*file_name = NULL;
	if (out->kind == CZ_TO_DIR)
		return write_in_dir(out, input, suffix, reserved, d, &rc, file_name);
	if (out->fmt->kind != CZ_FORMAT_TEXT) { /* a workbook into -o FILE */
		char *error = NULL;
		int code = write_file(out, input, d, &rc, out->path, 0, &error);
		keep_error(out, error);
		return code;
	}
	/* Kept for standard output or the FILE, written whole at close. */
	size_t mark = out->text.len;
	cz_document doc = *d;
	doc.in_list = out->plan->n_documents > 1;
	if (doc.in_list)
		cz_buf_puts(&out->text, out->n_written == 0 ? out->fmt->list_begin : out->fmt->list_separator);
	rc.out = &out->text;
	cz_text_log before = out->text.log;
	cz_status st = cz_document_render(out->fmt, &doc, &rc);
	if (st != CZ_OK) {
		if (cz_buf_ok(&out->text)) {
			out->text.len = mark;
			if (out->text.data)
				out->text.data[mark] = '\0';
		}
		cz_cli_errorf(input, "%s", st == CZ_ERR_NOMEM ? "mémoire insuffisante pour produire le rapport"
							   : cz_status_str(st));
		return cz_cli_exit_code(st);
	}
	cz_text_log log = cz_cli_log_since(&out->text, before);
	cz_cli_print_text_log(input, "le rapport", &log);
	out->n_written++;
	return CZ_EXIT_OK;
}

int cz_output_close(cz_output *out)
{
	if (out->kind == CZ_TO_DIR || out->fmt->kind != CZ_FORMAT_TEXT || out->n_written == 0)
		return CZ_EXIT_OK;
	if (out->plan->n_documents > 1)
		cz_buf_puts(&out->text, out->fmt->list_end);
	return cz_cli_write(out->kind == CZ_TO_FILE ? out->path : NULL, &out->text);
}

void cz_output_free(cz_output *out)
{
	free(out->last_error);
	out->last_error = NULL;
	cz_names_free(&out->names);
	cz_buf_free(&out->text);
	free(out->inputs);
	out->inputs = NULL;
	out->n_inputs = out->cap_inputs = 0;
}
