#include "format.h"

#include <string.h>

#include "analysis.h"
#include "atomic_file.h"
#include "html.h"
#include "html_summary.h"
#include "json.h"
#include "md.h"
#include "md_summary.h"
#include "text.h"
#include "xlsx_file.h"

/* --- how documents are put together ---------------------------------------- */

static const void *find_part(const cz_document *d, const struct cz_analysis *a);

/* Markdown: a report opens on its summary (lib/md_summary.h), then the
 * parts follow each other, separated by a rule. */
static void md_doc_begin(const cz_document *d, cz_buf *out)
{
	const cz_diag *dg = d->combined ? find_part(d, &cz_analysis_diag) : NULL;
	if (!dg)
		return;
	size_t start = out->len;
	cz_buf_puts(out, "# Rapport\u00A0: ");
	cz_md_text(out, d->title);
	cz_buf_puts(out, "\n\nRapport du fichier ");
	cz_md_code(out, d->file);
	cz_buf_puts(out, "\u00A0: l'essentiel, puis le diagnostic, la sortie de la phase de test, le tableau de bord, "
			 "le canevas et les compétences, selon ce que le projet renseigne.\n\n");
	cz_md_summary(out, dg, find_part(d, &cz_analysis_test_phase), 2);
	cz_md_finish(out, start);
}

static void md_part_begin(const cz_document *d, size_t i, cz_buf *out)
{
	/* after the summary, which ends with a blank line */
	if (i == 0 && d->combined && find_part(d, &cz_analysis_diag))
		cz_buf_puts(out, "---\n\n");
	else if (i > 0)
		cz_buf_puts(out, "\n---\n\n");
}

/* JSON: a report is one object, the project, its file, then one key per part. */
static void json_doc_begin(const cz_document *d, cz_buf *out)
{
	if (!d->combined)
		return;
	cz_json j;
	cz_json_init(&j, out);
	cz_buf_puts(out, "{\n  \"projet\": ");
	cz_json_string(&j, d->title);
	cz_buf_puts(out, ",\n  \"fichier\": ");
	cz_json_string(&j, d->file);
}

static void json_part_begin(const cz_document *d, size_t i, cz_buf *out)
{
	if (d->combined)
		cz_buf_printf(out, ",\n  \"%s\": ", d->parts[i].analysis->key);
}

static void json_part_end(const cz_document *d, size_t i, cz_buf *out)
{
	(void)i;
	/* each part is a whole JSON document ending with a newline */
	while (d->combined && cz_buf_ok(out) && out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

static void json_doc_end(const cz_document *d, cz_buf *out)
{
	if (d->combined)
		cz_buf_puts(out, "\n}\n");
}

/* html: a report is one page per project, its summary card first; several
 * documents on one output are articles of one page. */
static const void *find_part(const cz_document *d, const cz_analysis *a)
{
	for (size_t i = 0; i < d->n_parts; i++)
		if (d->parts[i].analysis == a)
			return d->parts[i].result;
	return NULL;
}

static void html_doc_begin(const cz_document *d, cz_buf *out)
{
	if (d->in_list)
		cz_buf_puts(out, "<article class=\"projet\">\n");
	if (!d->combined)
		return;
	const cz_diag *dg = find_part(d, &cz_analysis_diag);
	const cz_project *p = dg ? dg->project : NULL;
	if (!d->in_list) {
		cz_html_page pg = { .title = d->title, .project = d->title };
		if (p)
			pg.date = p->projet.date;
		cz_html_page_begin(out, &pg);
	}
	cz_buf_puts(out, "<header>\n<h1>");
	cz_html_text(out, d->title);
	cz_buf_puts(out, "</h1>\n<p class=\"note\">Rapport du fichier <code>");
	cz_html_text(out, d->file);
	cz_buf_puts(out, "</code>\u00A0: diagnostic, sortie de la phase de test, tableau de bord, canevas et "
			 "compétences.</p>\n</header>\n");
	if (dg)
		cz_html_summary(out, dg, find_part(d, &cz_analysis_test_phase), 2);
}

static void html_doc_end(const cz_document *d, cz_buf *out)
{
	if (d->in_list)
		cz_buf_puts(out, "</article>\n");
	else if (d->combined)
		cz_buf_puts(out, "</body>\n</html>\n");
}

/* --- how documents are written ---------------------------------------------- */

typedef struct {
	cz_atomic *a;
	cz_problems *problems;
} text_sink;

static bool to_temporary(void *ctx, const void *data, size_t len)
{
	text_sink *s = ctx;
	return cz_atomic_write(s->a, data, len, s->problems) == CZ_OK;
}

/* The text goes to the temporary file as the renderers drain their buffer
 * (a portfolio of many projects), else whole at the end; renamed over the
 * target once complete. */
static cz_status write_text(const cz_format_desc *f, const cz_document *d, const cz_render_ctx *rc,
			    const char *path, unsigned flags, cz_problems *problems)
{
	cz_atomic a;
	cz_status st = cz_atomic_open(&a, path, flags & ~(unsigned)CZ_WRITE_BY_NAME, problems);
	if (st != CZ_OK)
		return st;
	cz_buf b;
	cz_buf_init(&b);
	cz_buf_reserve(&b, (size_t)64 * 1024); /* a project's report: 30 to 60 KB of Markdown */
	text_sink sink = { &a, problems };
	cz_buf_set_sink(&b, to_temporary, &sink);
	cz_render_ctx text = *rc;
	text.out = &b;
	text.x = NULL;
	st = cz_document_render(f, d, &text);
	if (st == CZ_OK && !cz_buf_flush(&b))
		st = CZ_ERR_NOMEM;
	if (b.sink_failed) /* said in problems, the temporary removed */
		st = CZ_ERR_IO;
	if (st == CZ_OK)
		st = cz_atomic_commit(&a, problems);
	else
		cz_atomic_abort(&a);
	if (st == CZ_OK && rc->log)
		cz_text_log_add(rc->log, &b.log);
	cz_buf_free(&b);
	return st;
}

typedef struct {
	const cz_document *d;
	const cz_render_ctx *rc;
	cz_format f;
} workbook_job;

static cz_status fill_workbook(void *ctx, cz_xlsx *x)
{
	const workbook_job *job = ctx;
	cz_render_ctx rc = *job->rc;
	rc.out = NULL;
	rc.x = x;
	rc.in_document = job->d->combined || job->d->in_list;
	for (size_t i = 0; i < job->d->n_parts; i++) {
		const cz_part *p = &job->d->parts[i];
		if (!cz_analysis_renders(p->analysis, job->f))
			return CZ_ERR_USAGE;
		cz_status st = p->analysis->render[job->f](p->result, &rc);
		if (st != CZ_OK)
			return st;
	}
	return CZ_OK;
}

static cz_status write_workbook(const cz_format_desc *f, const cz_document *d, const cz_render_ctx *rc,
				const char *path, unsigned flags, cz_problems *problems)
{
	workbook_job job = { d, rc, f->id };
	bool in_order = d->n_parts > 0;
	for (size_t i = 0; i < d->n_parts; i++)
		in_order = in_order && d->parts[i].analysis->xlsx_in_order;
	return cz_xlsx_write(path, rc->created, flags | (in_order ? CZ_XLSX_IN_ORDER : 0u), fill_workbook, &job,
			     rc->log, problems);
}

/* --- the table --------------------------------------------------------------- */

const cz_format_desc cz_formats[CZ_FMT_COUNT] = {
	[CZ_FMT_MD] = {
		.id = CZ_FMT_MD, .name = "md", .alias = "markdown", .kind = CZ_FORMAT_TEXT,
		.list_begin = "", .list_separator = "\n---\n\n", .list_end = "",
		.doc_begin = md_doc_begin, .part_begin = md_part_begin,
		.write = write_text,
	},
	[CZ_FMT_JSON] = {
		.id = CZ_FMT_JSON, .name = "json", .kind = CZ_FORMAT_TEXT,
		.list_begin = "[\n", .list_separator = ",\n", .list_end = "]\n",
		.doc_begin = json_doc_begin, .part_begin = json_part_begin,
		.part_end = json_part_end, .doc_end = json_doc_end,
		.write = write_text,
	},
	[CZ_FMT_XLSX] = {
		.id = CZ_FMT_XLSX, .name = "xlsx", .kind = CZ_FORMAT_WORKBOOK,
		.write = write_workbook,
	},
	[CZ_FMT_HTML] = {
		.id = CZ_FMT_HTML, .name = "html", .alias = "htm", .kind = CZ_FORMAT_TEXT,
		.list_begin = cz_html_list_begin, .list_separator = "", .list_end = cz_html_list_end,
		.doc_begin = html_doc_begin, .doc_end = html_doc_end,
		.portfolio_stem = "index",
		.write = write_text,
	},
	[CZ_FMT_YAML] = {
		.id = CZ_FMT_YAML, .name = "yaml", .alias = "yml", .kind = CZ_FORMAT_TEXT,
		.list_begin = "", .list_separator = "---\n", .list_end = "",
		.write = write_text,
	},
};

const char *cz_format_other_documents_hint(bool html, bool xlsx)
{
	if (html)
		return "pour un PDF, écrivez le rapport en html (-o rapport.html) et imprimez-le en PDF depuis "
		       "un navigateur";
	if (xlsx)
		return "pour un PDF, ouvrez le classeur xlsx dans un tableur et exportez-le en PDF";
	return NULL;
}

const cz_format_desc *cz_format_find(const char *name)
{
	for (size_t i = 0; i < CZ_FMT_COUNT; i++) {
		const cz_format_desc *f = &cz_formats[i];
		if (strcmp(name, f->name) == 0 || (f->alias && strcmp(name, f->alias) == 0))
			return f;
	}
	return NULL;
}

const char *cz_format_portfolio_stem(const cz_format_desc *f)
{
	return f->portfolio_stem ? f->portfolio_stem : "portefeuille";
}

cz_status cz_document_render(const cz_format_desc *f, const cz_document *d, const cz_render_ctx *rc)
{
	if (f->kind != CZ_FORMAT_TEXT || !rc->out)
		return CZ_ERR_USAGE;
	cz_render_ctx part = *rc;
	part.in_document = d->combined || d->in_list;
	/* A report's head holds the summary (the format's doc_begin). */
	part.summary_given = rc->summary_given || d->combined;
	cz_buf *out = rc->out;
	/* Markdown only: html turns Markdown into HTML, whose entities
	 * ("&#1;") can make what the source did not hold. */
	bool was_safe = out->text_safe;
	out->text_safe = f->id == CZ_FMT_MD && d->text_safe;
	if (f->doc_begin)
		f->doc_begin(d, out);
	cz_status st = CZ_OK;
	for (size_t i = 0; i < d->n_parts && st == CZ_OK; i++) {
		const cz_part *p = &d->parts[i];
		if (!cz_analysis_renders(p->analysis, f->id)) {
			out->text_safe = was_safe;
			return CZ_ERR_USAGE;
		}
		if (f->part_begin)
			f->part_begin(d, i, out);
		st = p->analysis->render[f->id](p->result, &part);
		if (f->part_end)
			f->part_end(d, i, out);
	}
	if (st == CZ_OK && f->doc_end)
		f->doc_end(d, out);
	out->text_safe = was_safe;
	if (st == CZ_OK && !cz_buf_ok(out))
		st = CZ_ERR_NOMEM;
	return st;
}
