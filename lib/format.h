/*
 * The table of output formats: for each, its name (the value of -f and the
 * extension of the files written), whether it is text or a workbook, how
 * several results are put together in one output, and how a document is
 * written to a file. Which analysis renders in which format is said by the
 * registry (lib/analysis.h); the commands read both and name no format.
 */
#ifndef CZ_FORMAT_H
#define CZ_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "atomic_file.h"
#include "buf.h"
#include "problems.h"
#include "render.h"
#include "status.h"

struct cz_analysis;

/* One analysis's result, as a part of a document. */
typedef struct {
	const struct cz_analysis *analysis;
	const void *result;
} cz_part;

/* What one output file (or one block of standard output) holds: the result
 * of one analysis, or (combined) every analysis of one project, as `report`
 * writes them. */
typedef struct {
	const cz_part *parts;
	size_t n_parts;
	bool combined;
	const char *title; /* combined: the project's name */
	const char *file;  /* combined: the project's file */
	/* One of several documents on one output (several projects on standard
	 * output), between the format's list_begin and list_end. */
	bool in_list;
	/* Every text the document can hold is safe (lib/text.h): its
	 * project's (cz_project.text_safe) and its referential's; Markdown then
	 * skips its last check (cz_md_finish). False: checked as always. */
	bool text_safe;
} cz_document;

typedef enum {
	CZ_FORMAT_TEXT,     /* rendered into a buffer: standard output or a file */
	CZ_FORMAT_WORKBOOK, /* sheets added to a workbook, always a file */
} cz_format_kind;

typedef struct cz_format_desc {
	const char *name;  /* "md": value of -f, extension of the files written */
	const char *alias; /* another accepted -f value and extension ("markdown", "yml"), or NULL */
	/* Text: several documents on one output (several projects on standard
	 * output): written before, between and after them. */
	const char *list_begin, *list_separator, *list_end;
	/* Text: around a document and each of its parts; NULL writes nothing. */
	void (*doc_begin)(const cz_document *d, cz_buf *out);
	void (*part_begin)(const cz_document *d, size_t i, cz_buf *out);
	void (*part_end)(const cz_document *d, size_t i, cz_buf *out);
	void (*doc_end)(const cz_document *d, cz_buf *out);
	/* The portfolio's file name in a report directory, without the
	 * extension: "portefeuille" when NULL. */
	const char *portfolio_stem;
	/* Write the document to `path` atomically (rc's sink is not used);
	 * `flags` are CZ_WRITE_* of lib/atomic_file.h. */
	cz_status (*write)(const struct cz_format_desc *f, const cz_document *d, const cz_render_ctx *rc,
			   const char *path, unsigned flags, cz_problems *problems);
	cz_format id;
	cz_format_kind kind;
} cz_format_desc;

extern const cz_format_desc cz_formats[CZ_FMT_COUNT];

/* The format named `name` (its name or alias, as given to -f or found as
 * an extension); NULL when none. */
const cz_format_desc *cz_format_find(const char *name);

/* What to tell a user who asked for a format the tool does not write
 * (-o rapport.pdf, .docx, .odt): how to get such a document from one the
 * command writes (html printed from a browser, else a workbook exported
 * from a spreadsheet); NULL when it writes neither. The one place for
 * that sentence. */
const char *cz_format_other_documents_hint(bool html, bool xlsx);

/* The portfolio's file name without the extension, in format `f`. */
const char *cz_format_portfolio_stem(const cz_format_desc *f);

/* Render a document in a text format, appended to rc->out. Every part's
 * analysis must render in `f` (cz_analysis_renders). The renderers see
 * rc->in_document when the document is combined or in a list: a format
 * whose documents have a frame of their own (a page) leaves it to the
 * format's doc_begin/doc_end or list strings then. */
cz_status cz_document_render(const cz_format_desc *f, const cz_document *d, const cz_render_ctx *rc);

#endif
