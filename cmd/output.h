/*
 * The one output path of every command that writes documents (the analyses,
 * bmc --template, skills without a project, report, referentiel): where the
 * documents go, in which format, under which names. The rules, written once:
 *
 * - Format: -f, else the extension of -o FILE, else Markdown (YAML for
 *   referentiel). An -o FILE whose extension is no known format (.pdf,
 *   .docx, .odt…), or a format the command does not write, is a usage
 *   error naming the formats it writes; so is -f disagreeing with -o's
 *   extension.
 * - Where: no -o or "-o -": standard output (several documents follow each
 *   other, or form one JSON array); a workbook format needs -o. -o DIR (an
 *   existing directory, or any -o when there are several documents or for
 *   report; created with its parents) gets one file per document, named by
 *   lib/out_names.h; such a DIR whose name ends like a file (.md, .pdf…) is
 *   a usage error. Otherwise -o FILE.
 * - Never an input: an -o FILE, or a file to write in DIR, that is one of the
 *   inputs (same device and inode: a link or another spelling of the same
 *   file) is refused, exit 2.
 * - Existing files: replaced atomically (lib/atomic_file.h says how links,
 *   devices and pipes are treated); with `keep_existing` (referentiel) an
 *   existing file is refused without --force, exit 2.
 *
 * Every failure prints one French line naming the file on stderr; the
 * functions return exit codes (CZ_EXIT_*).
 */
#ifndef CZ_OUTPUT_H
#define CZ_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "analysis.h"
#include "cli.h"
#include "format.h"
#include "out_names.h"

typedef struct {
	const cz_analysis *const *analyses; /* what will be written (each must render the format) */
	size_t n_analyses;
	size_t n_documents;  /* documents the run means to write; more than one: a directory */
	bool directory;      /* always a directory (report) */
	bool keep_existing;  /* refuse to replace an existing file without --force */
	cz_format fallback;  /* format without -f nor a telling -o */
} cz_output_plan;

typedef struct {
	dev_t dev;
	ino_t ino;
} cz_file_id;

typedef enum { CZ_TO_STDOUT, CZ_TO_FILE, CZ_TO_DIR } cz_output_kind;

typedef struct {
	const cz_opts *o;
	const cz_output_plan *plan;
	const cz_format_desc *fmt;
	cz_output_kind kind;
	const char *path; /* FILE or DIR */
	cz_names names;   /* DIR: the names given so far */
	cz_buf text;      /* STDOUT and text FILE: the documents so far */
	size_t n_written;
	cz_file_id *inputs; /* the inputs, by identity */
	size_t n_inputs, cap_inputs;
	char *last_error; /* why the last write into a file failed (French), or NULL */
} cz_output;

/*
 * Decide where the documents go (the rules above) and prepare it (create
 * DIR). `inputs` are the files the run reads besides --referentiel, which
 * is added: none of them may be written. Returns CZ_EXIT_OK or an exit code,
 * the reason printed; cz_output_free is needed either way.
 */
int cz_output_open(cz_output *out, const cz_opts *o, const cz_output_plan *plan, char *const *inputs,
		   size_t n_inputs);
/* One more input that must not be written (a file found in an input directory). */
int cz_output_add_input(cz_output *out, const char *path);

/*
 * Write one document: into DIR under the name derived from `input` (its
 * path, or a name such as "quartier" for an example canvas) and `suffix`,
 * or, with `reserved` true, under exactly `input` + "." + ext (the
 * portfolio: reserve it first with cz_output_reserve); into the FILE; or
 * kept for standard output. `created` is the document's creation time.
 * `*file_name`, when given, gets the file name used in DIR (owned by out).
 */
int cz_output_write(cz_output *out, const char *input, const char *suffix, bool reserved,
		    const cz_document *d, const cz_referential *ref, const cz_options *opts,
		    time_t created, const char **file_name);
/*
 * The same in two steps, for workers writing at the same time (report -j):
 * cz_output_take_name gives `input`'s file name in DIR (owned by out; NULL,
 * said, when out of memory), to call in input order, one thread at a time;
 * cz_output_write_as then writes under it and only reads `out`, so any
 * number of threads may call it at once. Why a write failed goes to
 * *error (malloc'd, NULL on success) instead of out->last_error.
 */
const char *cz_output_take_name(cz_output *out, const char *input, const char *suffix);
int cz_output_write_as(const cz_output *out, const char *input, const char *name, const cz_document *d,
		       const cz_referential *ref, const cz_options *opts, time_t created, char **error);
/* Keep `stem` + "." + ext for a later cz_output_write(..., reserved = true). */
int cz_output_reserve(cz_output *out, const char *stem);
/* Write what was kept for standard output or a text FILE. */
int cz_output_close(cz_output *out);
void cz_output_free(cz_output *out);

#endif
