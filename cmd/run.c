#include "run.h"

#include <stdio.h>

#include "output.h"

/* One result, as a one-part document, to the output. */
static int emit(cz_output *out, const char *input, const cz_analysis *a, const void *res,
		const cz_referential *ref, const cz_options *opts, time_t created)
{
	cz_part part = { a, res };
	cz_document doc = { .parts = &part, .n_parts = 1 };
	return cz_output_write(out, input, a->suffix, false, &doc, ref, opts, created, NULL);
}

static int start(cz_output *out, const cz_opts *o, const cz_output_plan *plan, cz_referential **ref,
		 cz_options *opts, cz_prepare_fn prepare)
{
	*ref = NULL;
	int code = cz_output_open(out, o, plan, o->argv, (size_t)o->argc);
	if (code == CZ_EXIT_OK)
		code = cz_cli_load_referential(o, ref);
	if (code == CZ_EXIT_OK && prepare)
		code = prepare(o, *ref, opts);
	return code;
}

int cz_run_analysis(const cz_opts *o, const cz_analysis *a, cz_options *opts, cz_prepare_fn prepare)
{
	const cz_analysis *writes[] = { a };
	cz_output_plan plan = { writes, 1, (size_t)o->argc, false, false, CZ_FMT_MD };
	cz_output out;
	cz_referential *ref;
	int code = start(&out, o, &plan, &ref, opts, prepare);
	if (code != CZ_EXIT_OK)
		goto done;
	int worst_error = CZ_EXIT_OK, worst_flag = CZ_EXIT_OK;
	for (int i = 0; i < o->argc; i++) {
		cz_project *p;
		code = cz_cli_load_project(o->argv[i], ref, &p);
		if (code == CZ_EXIT_OK) {
			cz_status st = CZ_OK;
			void *res = a->run(p, ref, opts, &st);
			if (!res) {
				cz_cli_errorf(o->argv[i], "%s", cz_status_str(st));
				code = cz_cli_exit_code(st);
			} else {
				code = emit(&out, o->argv[i], a, res, ref, opts, cz_cli_epoch(p));
				if (code == CZ_EXIT_OK && o->exit_code) {
					int flag = cz_analysis_exit_code(a, res);
					if (flag > worst_flag)
						worst_flag = flag;
				}
				a->free(res);
			}
			cz_project_free(p);
		}
		if (code > worst_error)
			worst_error = code;
	}
	/* Markdown and JSON for stdout or a single file are written once, whole. */
	code = cz_output_close(&out);
	if (code > worst_error)
		worst_error = code;
	code = worst_error != CZ_EXIT_OK ? worst_error : worst_flag;
done:
	cz_referential_free(ref);
	cz_output_free(&out);
	return code;
}

int cz_run_alone(const cz_opts *o, const cz_analysis *a, cz_options *opts, cz_prepare_fn prepare,
		 const char *name)
{
	const cz_analysis *writes[] = { a };
	cz_output_plan plan = { writes, 1, 1, false, false, CZ_FMT_MD };
	cz_output out;
	cz_referential *ref;
	int code = start(&out, o, &plan, &ref, opts, prepare);
	if (code == CZ_EXIT_OK) {
		cz_status st = CZ_OK;
		void *res = a->run(NULL, ref, opts, &st);
		if (!res) {
			cz_cli_errorf(NULL, "%s\u00A0: %s", o->spec->name, cz_status_str(st));
			code = cz_cli_exit_code(st);
		} else {
			code = emit(&out, name, a, res, ref, opts, cz_cli_epoch(NULL));
			a->free(res);
		}
		if (code == CZ_EXIT_OK)
			code = cz_output_close(&out);
	}
	cz_referential_free(ref);
	cz_output_free(&out);
	return code;
}
