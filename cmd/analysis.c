#include "analysis.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "out_names.h"
#include "xlsx_file.h"

typedef struct {
	const cz_analysis *a;
	const void *res;
	const cz_referential *ref;
	const cz_opts *o;
} xlsx_ctx;

static cz_status fill_xlsx(void *ctx, lxw_workbook *wb)
{
	xlsx_ctx *c = ctx;
	return c->a->render_xlsx(c->res, c->ref, c->o, wb);
}

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int cz_emit_result(const cz_opts *o, const cz_analysis *a, const void *res,
		   const cz_referential *ref, const char *label, time_t created, const char *path,
		   cz_buf *stdout_buf)
{
	if (o->format == CZ_FMT_XLSX) {
		xlsx_ctx c = { a, res, ref, o };
		cz_problems pb;
		cz_problems_init(&pb, path);
		cz_status st = cz_xlsx_write(path, created, fill_xlsx, &c, &pb);
		cz_cli_print_problems(&pb);
		cz_problems_free(&pb);
		return cz_cli_exit_code(st);
	}
	cz_buf own;
	cz_buf_init(&own);
	cz_buf *out = stdout_buf ? stdout_buf : &own;
	cz_status st = o->format == CZ_FMT_JSON ? a->render_json(res, ref, o, out)
						: a->render_md(res, ref, o, out);
	int code = st != CZ_OK ? cz_cli_exit_code(st) : stdout_buf ? CZ_EXIT_OK : cz_cli_write(path, &own);
	if (st != CZ_OK)
		fprintf(stderr, "%s : %s\n", label, cz_status_str(st));
	cz_buf_free(&own);
	return code;
}

/* One project's result: to `path`, or appended to `stdout_buf`. */
static int emit(const cz_opts *o, const cz_analysis *a, const void *res, const cz_referential *ref,
		const cz_project *p, const char *path, cz_buf *stdout_buf)
{
	return cz_emit_result(o, a, res, ref, p->file, cz_cli_epoch(p), path, path ? NULL : stdout_buf);
}

/* "rapport.md", "x.json"…: a name meant for one file, not a directory. */
static bool has_report_extension(const char *path)
{
	static const char *const exts[] = { ".md", ".json", ".xlsx", ".yaml", ".yml" };
	size_t l = strlen(path);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i]);
		if (l > e && strcmp(path + l - e, exts[i]) == 0)
			return true;
	}
	return false;
}

int cz_run_analysis(const cz_opts *o, const cz_analysis *a)
{
	if (o->format == CZ_FMT_XLSX && (!o->output || strcmp(o->output, "-") == 0))
		return cz_cli_usage_error(o->spec, "le format xlsx s'écrit dans un fichier : ajoutez -o FICHIER.xlsx");
	bool several = o->argc > 1;
	bool to_dir = o->output && strcmp(o->output, "-") != 0 && (several || is_dir(o->output));
	if (to_dir && !is_dir(o->output) && has_report_extension(o->output))
		return cz_cli_usage_error(o->spec, "avec plusieurs fichiers, -o désigne un répertoire "
						   "(un rapport par projet) : « %s » ressemble à un nom de fichier",
					  o->output);
	if (to_dir && !is_dir(o->output) && mkdir(o->output, 0777) != 0) {
		fprintf(stderr, "%s: création du répertoire impossible (%s)\n", o->output, strerror(errno));
		return CZ_EXIT_IO;
	}
	cz_referential *ref;
	int code = cz_cli_load_referential(o, &ref);
	if (code != CZ_EXIT_OK)
		return code;

	int worst_error = CZ_EXIT_OK, worst_flag = CZ_EXIT_OK;
	cz_names names = { NULL, 0, 0 };
	size_t written = 0;
	cz_buf out;
	cz_buf_init(&out);
	bool json_array = !to_dir && several && o->format == CZ_FMT_JSON &&
			  (!o->output || strcmp(o->output, "-") == 0);
	bool single_file = !to_dir && o->output && strcmp(o->output, "-") != 0;
	if (json_array)
		cz_buf_puts(&out, "[\n");
	for (int i = 0; i < o->argc; i++) {
		cz_project *p;
		code = cz_cli_load_project(o->argv[i], ref, &p);
		if (code != CZ_EXIT_OK) {
			if (code > worst_error)
				worst_error = code;
			continue;
		}
		cz_status st = CZ_OK;
		void *res = a->run(p, ref, o, &st);
		if (!res) {
			fprintf(stderr, "%s : %s\n", o->argv[i], cz_status_str(st));
			code = cz_cli_exit_code(st);
		} else {
			char *path = NULL;
			if (to_dir) {
				/* two inputs named alike never overwrite each other's report */
				const char *name = cz_names_unique(&names, o->argv[i]);
				path = name ? cz_cli_output_path(o->output, name, a->suffix,
								 cz_cli_format_ext(o->format))
					    : NULL;
				code = path ? emit(o, a, res, ref, p, path, NULL) : CZ_EXIT_IO;
			} else if (single_file && o->format == CZ_FMT_XLSX) {
				code = emit(o, a, res, ref, p, o->output, NULL);
			} else {
				if (written > 0)
					cz_buf_puts(&out, json_array ? ",\n" : "\n---\n\n");
				code = emit(o, a, res, ref, p, NULL, &out);
			}
			free(path);
			if (code == CZ_EXIT_OK) {
				written++;
				if (o->exit_code && a->exit_code) {
					int flag = a->exit_code(res);
					if (flag > worst_flag)
						worst_flag = flag;
				}
			}
			a->free_result(res);
		}
		if (code > worst_error)
			worst_error = code;
		cz_project_free(p);
	}
	if (json_array)
		cz_buf_puts(&out, "]\n");
	/* Markdown and JSON for stdout or a single file are written once, whole. */
	if (written > 0 && !to_dir && o->format != CZ_FMT_XLSX) {
		code = cz_cli_write(single_file ? o->output : NULL, &out);
		if (code > worst_error)
			worst_error = code;
	}
	cz_buf_free(&out);
	cz_names_free(&names);
	cz_referential_free(ref);
	return worst_error != CZ_EXIT_OK ? worst_error : worst_flag;
}
