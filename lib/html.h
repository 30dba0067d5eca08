/*
 * HTML building blocks shared by the html renderers: escaped text, the
 * page (one self-contained file: inline stylesheet for screen and print,
 * no external resource, no script needed to read it), sections, the
 * Markdown of a renderer turned into HTML by cmark-gfm, and figures.
 *
 * A page prints on A4 portrait with the project's name, its snapshot date
 * and "page x / N" on every page (CSS page margin boxes); a section of
 * class "paysage" prints on its own A4 landscape page (the canvas).
 */
#ifndef CZ_HTML_H
#define CZ_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "model.h"
#include "render.h"
#include "status.h"

/* Text as element content or a double-quoted attribute value: & < > "
 * escaped, what no output may carry replaced (lib/text.h). */
void cz_html_text(cz_buf *b, const char *s);
void cz_html_textn(cz_buf *b, const char *s, size_t n);

/* A date as the reports write it: "30/09/2026", "09/2026" for a month. */
void cz_html_date(cz_buf *b, cz_date d);

typedef struct {
	const char *title;     /* the <title> */
	const char *project;   /* in every printed page's header; NULL: none */
	cz_date date;          /* the snapshot date, in the header when set */
	bool sortable;         /* add the small script that sorts tables of class "triable" */
} cz_html_page;

/* The start of a page up to <body>, and its end. */
void cz_html_page_begin(cz_buf *b, const cz_html_page *pg);
void cz_html_page_end(cz_buf *b, const cz_html_page *pg);

/* The opening of several documents on one output (several projects on
 * standard output) and its close: a page of its own. */
extern const char cz_html_list_begin[], cz_html_list_end[];

/*
 * A section for one analysis. Alone (not rc->in_document) it is a whole
 * page titled `title`, with the project's name and date in the printed
 * header; inside a document it is one part of the project's page, which
 * starts on a new printed page. `cls` is the section's class ("diag",
 * "paysage"…).
 */
void cz_html_section_begin(const cz_render_ctx *rc, const char *cls, const char *heading,
			   const char *name, const cz_project *p);
/* The section's heading alone, for a section that places it itself
 * (cls "bmc": the heading goes on the canvas's landscape page). */
void cz_html_heading(const cz_render_ctx *rc, const char *heading, const char *name);
/* The end of the section (and of the page when alone), the text guard
 * over what the renderer wrote since `start` (lib/text.h), and the
 * renderer's status: `st`, or CZ_ERR_NOMEM when the output ran out of
 * memory. `sortable`: the page's tables of class "triable" (or inside an
 * element of that class) sort by a click on a header. The last step of
 * every html renderer, as cz_md_finish is for Markdown. */
cz_status cz_html_section_close(const cz_render_ctx *rc, size_t start, cz_status st, bool sortable);
/* The heading level of a section's subsections: 2 alone, 3 in a document. */
int cz_html_sub_level(const cz_render_ctx *rc);

/* Markdown written by a renderer, as HTML: GFM tables, task lists and
 * strikethrough; raw HTML is left out. The first level-1 heading is
 * dropped (the section has its own), and the others are moved down so
 * that a "##" becomes a subsection heading of level `sub_level`. */
cz_status cz_html_from_markdown(cz_buf *out, const char *md, size_t len, int sub_level);

/* As cz_html_from_markdown, and links to a sibling report "x.md" become
 * links to "x.html" (the portfolio's links to each project's report). */
cz_status cz_html_from_markdown_links(cz_buf *out, const char *md, size_t len, int sub_level);

/* The detailed part of an analysis: its Markdown renderer's output (with
 * the options of rc but without Mermaid charts), as HTML. */
cz_status cz_html_details(const void *result, const cz_render_ctx *rc, cz_render_fn md);
/* The same, links to "x.md" made "x.html" (the portfolio), the HTML
 * written out as it is produced when rc->out has a sink (lib/buf.h):
 * the text from *start on is cleaned (lib/text.h) before it goes, and
 * *start follows. */
cz_status cz_html_details_links(const void *result, const cz_render_ctx *rc, cz_render_fn md, size_t *start);

#endif
