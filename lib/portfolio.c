#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): O_TMPFILE */
#include "portfolio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enums.h"
#include "format_fr.h"
#include "json.h"
#include "md.h"
#include "origin.h"
#include "xlsx_style.h"
#include "render.h"

/* Verdicts are counted in their enum order (GO, RÉAJUSTER, NO-GO, INCOMPLET,
 * non évalué: past the test without a `test` section), then one more
 * bucket, "avant le test", for the projects still in émergence; labels
 * come from testphase.h. */
#define N_VERDICTS CZ_VERDICT_COUNT
#define BEFORE_TEST "avant le test"
static const char *const pillar_short[CZ_PILIER_COUNT] = { "activité", "public", "privé", "citoyen" };

void cz_portfolio_init(cz_portfolio *pf)
{
	memset(pf, 0, sizeof(*pf));
}

void cz_portfolio_free(cz_portfolio *pf)
{
	if (pf->spool)
		fclose(pf->spool);
	cz_portfolio_init(pf);
}

void cz_portfolio_row_free(cz_portfolio_row *r)
{
	free(r->file);
	free(r->report);
	free(r->first_error);
	free(r->report_error);
	free(r->name);
	r->file = r->report = r->first_error = r->report_error = r->name = NULL;
}

static bool dup_into(char **dst, const char *src)
{
	if (!src)
		return true;
	*dst = strdup(src);
	return *dst != NULL;
}

cz_status cz_portfolio_row_copy(cz_portfolio_row *dst, const cz_portfolio_row *src)
{
	*dst = *src;
	/* every string pointer is reset before any copy, so a failure frees safely */
	dst->file = dst->report = dst->first_error = dst->report_error = dst->name = NULL;
	bool ok = dup_into(&dst->file, src->file) && dup_into(&dst->report, src->report) &&
		  dup_into(&dst->first_error, src->first_error) && dup_into(&dst->name, src->name) &&
		  dup_into(&dst->report_error, src->report_error);
	if (!ok) {
		cz_portfolio_row_free(dst);
		return CZ_ERR_NOMEM;
	}
	return CZ_OK;
}

/* --- the spool ------------------------------------------------------------
 * A row on the spool: its fields but the strings (a copy of the row with
 * every string pointer NULL, zeroed first so no padding byte is left
 * undefined), the strings' lengths (NO_STRING for NULL), then the strings,
 * each with its NUL. Read back by the same process: no portability needed. */
#define N_STRINGS 5
#define NO_STRING SIZE_MAX

static char **string_field(cz_portfolio_row *r, int i)
{
	char **f[N_STRINGS] = { &r->file, &r->report, &r->first_error, &r->report_error, &r->name };
	return f[i];
}

static cz_status spool_failed(cz_portfolio *pf, int err)
{
	if (!pf->error)
		pf->error = err ? err : EIO;
	return CZ_ERR_IO;
}

static void add_totals(cz_portfolio_totals *t, const cz_portfolio_row *r);

/* A file without a name in `dir` (Linux's O_TMPFILE), else tmpfile();
 * NULL with errno set when neither can be made. */
static FILE *open_spool(const char *dir)
{
	if (dir) {
		int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (fd >= 0) {
			FILE *f = fdopen(fd, "w+b");
			if (f)
				return f;
			close(fd);
		}
	}
	return tmpfile();
}

cz_status cz_portfolio_add(cz_portfolio *pf, const cz_portfolio_row *row)
{
	if (pf->error)
		return CZ_ERR_IO;
	if (!pf->spool) {
		errno = 0;
		pf->spool = open_spool(pf->spool_dir);
		if (!pf->spool)
			return spool_failed(pf, errno);
	}
	cz_portfolio_row fixed;
	memset(&fixed, 0, sizeof(fixed));
	fixed.valid = row->valid;
	fixed.unreadable = row->unreadable;
	fixed.type = row->type;
	fixed.phase = row->phase;
	fixed.date = row->date;
	fixed.progress = row->progress;
	fixed.supported_phase = row->supported_phase;
	fixed.has_verdict = row->has_verdict;
	fixed.verdict = row->verdict;
	fixed.skills_coverage = row->skills_coverage;
	fixed.charges_coverage = row->charges_coverage;
	fixed.self_financing = row->self_financing;
	memcpy(fixed.pillar_shares, row->pillar_shares, sizeof(fixed.pillar_shares));
	fixed.has_pillars = row->has_pillars;
	fixed.loans = row->loans;
	fixed.starter_values = row->starter_values;
	fixed.starter_untouched = row->starter_untouched;
	fixed.critical_alerts = row->critical_alerts;
	fixed.score = row->score;
	fixed.months = row->months;
	fixed.recettes = row->recettes;
	fixed.charges = row->charges;
	/* in the order of string_field */
	const char *const strs[N_STRINGS] = { row->file, row->report, row->first_error, row->report_error, row->name };
	size_t lens[N_STRINGS];
	for (int i = 0; i < N_STRINGS; i++)
		lens[i] = strs[i] ? strlen(strs[i]) : NO_STRING;
	errno = 0;
	bool ok = fwrite(&fixed, sizeof(fixed), 1, pf->spool) == 1 && fwrite(lens, sizeof(lens), 1, pf->spool) == 1;
	for (int i = 0; i < N_STRINGS && ok; i++)
		if (lens[i] != NO_STRING)
			ok = fwrite(strs[i], 1, lens[i] + 1, pf->spool) == lens[i] + 1;
	if (!ok)
		return spool_failed(pf, errno);
	pf->count++;
	add_totals(&pf->totals, row);
	return CZ_OK;
}

void cz_portfolio_read_begin(cz_portfolio_reader *rd, const cz_portfolio *pf)
{
	memset(rd, 0, sizeof(*rd));
	rd->pf = pf;
	rd->status = pf->error ? CZ_ERR_IO : CZ_OK;
	/* the rows written so far, from the first */
	if (rd->status == CZ_OK && pf->spool && (fflush(pf->spool) != 0 || fseek(pf->spool, 0, SEEK_SET) != 0))
		rd->status = CZ_ERR_IO;
}

const cz_portfolio_row *cz_portfolio_read_next(cz_portfolio_reader *rd)
{
	if (rd->status != CZ_OK || rd->next >= rd->pf->count)
		return NULL;
	FILE *f = rd->pf->spool;
	size_t lens[N_STRINGS], total = 0;
	if (fread(&rd->row, sizeof(rd->row), 1, f) != 1 || fread(lens, sizeof(lens), 1, f) != 1) {
		rd->status = CZ_ERR_IO;
		return NULL;
	}
	for (int i = 0; i < N_STRINGS; i++) {
		if (lens[i] == NO_STRING)
			continue;
		if (lens[i] >= SIZE_MAX / 2 - total) {
			rd->status = CZ_ERR_IO;
			return NULL;
		}
		total += lens[i] + 1;
	}
	if (total > rd->cap) {
		char *s = realloc(rd->strings, total);
		if (!s) {
			rd->status = CZ_ERR_NOMEM;
			return NULL;
		}
		rd->strings = s;
		rd->cap = total;
	}
	if (total && fread(rd->strings, 1, total, f) != total) {
		rd->status = CZ_ERR_IO;
		return NULL;
	}
	char *s = rd->strings;
	for (int i = 0; i < N_STRINGS; i++) {
		char **field = string_field(&rd->row, i);
		*field = NULL;
		if (lens[i] == NO_STRING)
			continue;
		if (s[lens[i]] != '\0') {
			rd->status = CZ_ERR_IO;
			return NULL;
		}
		*field = s;
		s += lens[i] + 1;
	}
	rd->next++;
	return &rd->row;
}

void cz_portfolio_read_end(cz_portfolio_reader *rd)
{
	free(rd->strings);
	rd->strings = NULL;
	rd->cap = 0;
}

void cz_portfolio_row_fill(cz_portfolio_row *row, const cz_project *p, const cz_diag *d,
			   const cz_testphase *t, const cz_indicators *ind)
{
	row->name = (char *)p->projet.nom;
	row->date = p->projet.date;
	row->type = p->projet.type;
	row->phase = p->projet.phase;
	row->progress = d->phases[d->declared].has_ratio ? d->phases[d->declared].ratio : 1.0;
	row->supported_phase = d->supported;
	row->skills_coverage = d->coverage.total.ratio;
	row->critical_alerts = (unsigned)d->alert_counts[CZ_SEV_CRITIQUE];
	row->starter_values = d->starter.found;
	row->starter_untouched = d->starter.untouched;
	row->has_verdict = t != NULL;
	row->months = p->n_activite;
	if (t) {
		row->verdict = t->verdict;
		row->score = (cz_num){ t->score, !t->not_assessed };
	}
	if (ind) {
		row->charges_coverage = ind->total.couverture;
		row->self_financing = ind->total.autofinancement;
		row->recettes = ind->total.recettes;
		row->charges = ind->total.charges;
		row->has_pillars = ind->mix.total > 0;
		row->loans = ind->mix.prets;
		for (int k = 0; k < CZ_PILIER_COUNT; k++)
			row->pillar_shares[k] = ind->mix.part[k];
	}
}

/* Counts shown under the table. */
typedef cz_portfolio_totals totals;
/* The verdict's label, or NULL before the test. */
static const char *verdict_label(const cz_portfolio_row *r)
{
	return r->has_verdict && (unsigned)r->verdict < CZ_VERDICT_COUNT ? cz_verdict_labels[r->verdict] : NULL;
}

/* Label and JSON key of a bucket of the totals. */
static const char *bucket_label(int v)
{
	return v < N_VERDICTS ? cz_verdict_labels[v] : BEFORE_TEST;
}

static const char *bucket_key(int v)
{
	/* the four verdicts by their label, as the reports show them (kept
	 * from earlier versions); the two others by a key */
	return v < CZ_VERDICT_NON_EVALUE ? cz_verdict_labels[v] : v < N_VERDICTS ? cz_verdict_keys[v] : "avant_test";
}

static void add_totals(totals *t, const cz_portfolio_row *r)
{
	if (!r->valid) {
		if (r->unreadable)
			t->unreadable++;
		else
			t->invalid++;
		return;
	}
	t->valid++;
	t->unwritten += r->report_error != NULL;
	t->per_phase[r->phase]++;
	t->per_verdict[verdict_label(r) ? r->verdict : N_VERDICTS]++;
	t->critical_alerts += r->critical_alerts;
	t->critical_projects += r->critical_alerts > 0;
	t->starters += r->starter_values > 0;
	t->with_loans += r->loans > 0;
}

static void md_percent(cz_buf *b, double v)
{
	char s[CZ_FR_SIZE];
	cz_buf_puts(b, cz_fr_percent(s, sizeof(s), v));
}

/* " | 30/09/2026" (a month: "09/2026"), as the workbook shows it; a dash
 * when the file gives no date. Two snapshots of a project are told apart by it. */
static void md_date(cz_buf *b, cz_date d)
{
	if (!d.set)
		cz_buf_puts(b, " | —");
	else if (d.day)
		cz_buf_printf(b, " | %02d/%02d/%04d", d.day % 100, d.month % 100, d.year % 10000);
	else
		cz_buf_printf(b, " | %02d/%04d", d.month % 100, d.year % 10000);
}

static void md_ratio(cz_buf *b, cz_num v)
{
	char s[CZ_FR_SIZE];
	if (!v.set)
		cz_buf_puts(b, "—");
	else
		cz_buf_puts(b, cz_fr_number(s, sizeof(s), v.value, 2));
}

static void md_pillars(cz_buf *b, const cz_portfolio_row *r)
{
	if (!r->has_pillars) {
		cz_buf_puts(b, "—");
		return;
	}
	bool first = true;
	for (int p = 0; p < CZ_PILIER_COUNT; p++) {
		if (r->pillar_shares[p] <= 0)
			continue;
		cz_buf_puts(b, first ? "" : ", ");
		cz_buf_printf(b, "%s ", pillar_short[p]);
		md_percent(b, r->pillar_shares[p]);
		first = false;
	}
	if (first)
		cz_buf_puts(b, "—");
}

/* What of the file is still the starter's, in a few words; NULL when nothing. */
static const char *starter_note(const cz_portfolio_row *r, char *out, size_t size)
{
	if (r->starter_untouched)
		return "fichier de départ non rempli";
	if (!r->starter_values)
		return NULL;
	snprintf(out, size, "%zu valeur%s d'exemple du fichier de départ", r->starter_values,
		 cz_fr_s((double)r->starter_values));
	return out;
}

/* The referential's phase names, as the reports show them. */
static void phase_names(const cz_referential *ref, const char *labels[CZ_PHASE_COUNT])
{
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		labels[ph] = cz_ref_phase_name(ref, (cz_phase)ph);
}

/* The text since *start is final: cleaned (lib/text.h: replacing, one
 * character at a time, what no output may hold, the same in pieces as
 * whole), then written out if the buffer is full (cz_buf_drain). */
static void md_final(cz_buf *out, size_t *start)
{
	cz_md_finish(out, *start);
	cz_buf_drain(out);
	*start = out->len;
}

/* The end of a pass over the rows: why it stopped, when early. */
static cz_status pass_end(cz_portfolio_reader *rd, cz_status st)
{
	cz_portfolio_read_end(rd);
	return st != CZ_OK ? st : rd->status;
}

cz_status cz_portfolio_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_portfolio *pf = result;
	const char *phase_labels[CZ_PHASE_COUNT];
	phase_names(rc->ref, phase_labels);
	cz_buf *out = rc->out;
	size_t start = out->len;
	if (pf->error)
		return CZ_ERR_IO; /* rows were lost: no portfolio without them */
	const totals t = pf->totals;
	cz_status st = CZ_OK;
	cz_portfolio_reader rd;
	cz_buf_puts(out, "# Portefeuille de projets\n\n");
	cz_buf_printf(out, "%zu projet%s analysé%s, %zu fichier%s invalide%s", t.valid,
		      t.valid > 1 ? "s" : "", t.valid > 1 ? "s" : "", t.invalid,
		      t.invalid > 1 ? "s" : "", t.invalid > 1 ? "s" : "");
	if (t.unreadable)
		cz_buf_printf(out, ", %zu illisible%s", t.unreadable, t.unreadable > 1 ? "s" : "");
	if (t.unwritten)
		cz_buf_printf(out, "\u202F; %zu rapport%s n'%s pas pu être écrit%s", t.unwritten,
			      t.unwritten > 1 ? "s" : "", t.unwritten > 1 ? "ont" : "a",
			      t.unwritten > 1 ? "s" : "");
	cz_buf_puts(out, ".\n\n");
	if (t.valid) {
		cz_buf_puts(out, "| Projet | Date du point | Type | Phase déclarée | Avancement | Phase étayée | "
				 "Verdict du test | Compétences | Couverture des charges | Autofinancement | "
				 "Prêts (trésorerie) | Piliers | Alertes critiques |\n"
				 "|---|---|---|---|---:|---|---|---:|---:|---:|---:|---|---:|\n");
		cz_portfolio_read_begin(&rd, pf);
		for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL;) {
			md_final(out, &start);
			if (!r->valid)
				continue;
			if (r->report_error) {
				/* no report to link to, and no figures to show */
				cz_buf_puts(out, "| ");
				cz_md_text(out, r->name ? r->name : r->file);
				md_date(out, r->date);
				cz_buf_printf(out, " | %s | ", cz_enum_label(&cz_enum_type, (int)r->type));
				cz_md_text(out, phase_labels[r->phase]);
				cz_buf_puts(out, " | — | — | rapport non écrit | — | — | — | — | — |\n");
				continue;
			}
			/* link to the project's report, which sits beside the portfolio */
			cz_buf_puts(out, "| [");
			cz_md_text(out, r->name);
			cz_buf_puts(out, "](");
			cz_md_link_target(out, r->report);
			cz_buf_puts(out, ".md)");
			char note[96];
			const char *sn = starter_note(r, note, sizeof(note));
			if (sn)
				cz_buf_printf(out, " *(%s)*", sn);
			md_date(out, r->date);
			cz_buf_printf(out, " | %s | ", cz_enum_label(&cz_enum_type, (int)r->type));
			/* phase names come from a referential, maybe amended */
			cz_md_text(out, phase_labels[r->phase]);
			cz_buf_puts(out, " | ");
			md_percent(out, r->progress);
			cz_buf_puts(out, " | ");
			cz_md_text(out, phase_labels[r->supported_phase]);
			cz_buf_printf(out, " | %s | ", verdict_label(r) ? verdict_label(r) : BEFORE_TEST);
			md_percent(out, r->skills_coverage);
			cz_buf_puts(out, " | ");
			md_ratio(out, r->charges_coverage);
			cz_buf_puts(out, " | ");
			md_ratio(out, r->self_financing);
			cz_buf_puts(out, " | ");
			if (r->loans > 0) {
				char e[CZ_FR_SIZE];
				cz_buf_puts(out, cz_fr_euros(e, sizeof(e), r->loans));
			} else {
				cz_buf_puts(out, "—");
			}
			cz_buf_puts(out, " | ");
			md_pillars(out, r);
			cz_buf_printf(out, " | %u |\n", r->critical_alerts);
		}
		st = pass_end(&rd, st);
		cz_buf_puts(out, "\nAvancement\u00A0: de la phase déclarée. Couverture des charges ((recettes + "
				 "financements acquis) / charges), autofinancement (recettes / charges) et "
				 "piliers\u00A0: sur tous les relevés d'activité du projet, comme dans son tableau "
				 "de bord\u202F; les prêts et avances remboursables n'y entrent pas\u00A0: ils seront "
				 "remboursés, c'est de la trésorerie, montrée à part. Le verdict vient du bilan "
				 "de la phase de test");
		if (t.per_verdict[CZ_VERDICT_NON_EVALUE])
			cz_buf_puts(out, "\u202F; «\u00A0non évalué\u00A0»\u00A0: projet déclaré au-delà du test dont le fichier n'a "
					 "pas de section `test`, ses indicateurs n'ont donc pas été renseignés "
					 "(ce n'est pas un bilan incomplet)");
		if (t.per_verdict[N_VERDICTS])
			cz_buf_puts(out, "\u202F; «\u00A0" BEFORE_TEST "\u00A0»\u00A0: projet en émergence");
		cz_buf_puts(out, ". La règle du verdict est ");
		cz_origin_phrase_md(out, rc->ref->rule.origine);
		cz_buf_puts(out, ", ajustable avec `--referentiel`\u202F; le rapport de chaque projet dit d'où vient "
				 "chacun de ses seuils.");
		if (t.starters)
			cz_buf_puts(out, " Un fichier de départ (`conciergerie init`) encore à remplir est signalé "
					 "après le nom du projet\u00A0: ses valeurs d'exemple ne comptent pas.");
		cz_buf_puts(out, "\n\n");
	}
	if (t.unwritten) {
		cz_buf_puts(out, "## Rapports non écrits\n\nCes projets ont été lus, mais leur rapport "
				 "n'a pas pu être écrit.\n\n| Fichier | Raison |\n|---|---|\n");
		cz_portfolio_read_begin(&rd, pf);
		for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL;) {
			md_final(out, &start);
			if (!r->valid || !r->report_error)
				continue;
			cz_buf_puts(out, "| ");
			cz_md_text(out, r->file);
			cz_buf_puts(out, " | ");
			cz_md_text(out, r->report_error);
			cz_buf_puts(out, " |\n");
		}
		st = pass_end(&rd, st);
		cz_buf_puts(out, "\n");
	}
	if (t.invalid || t.unreadable) {
		cz_buf_puts(out, t.unreadable ? "## Fichiers invalides ou illisibles\n\n" : "## Fichiers invalides\n\n");
		cz_buf_puts(out, "Ces fichiers n'ont pas été analysés\u202F; "
				 "«\u00A0conciergerie validate\u00A0» donne toutes leurs erreurs.\n\n"
				 "| Fichier | Première erreur |\n|---|---|\n");
		cz_portfolio_read_begin(&rd, pf);
		for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL;) {
			md_final(out, &start);
			if (r->valid)
				continue;
			cz_buf_puts(out, "| ");
			cz_md_text(out, r->file);
			cz_buf_puts(out, " | ");
			cz_md_text(out, r->first_error ? r->first_error : "");
			cz_buf_puts(out, " |\n");
		}
		st = pass_end(&rd, st);
		cz_buf_puts(out, "\n");
	}
	cz_buf_puts(out, "## Totaux\n\n| Phase déclarée | Projets |\n|---|---:|\n");
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		cz_buf_puts(out, "| ");
		cz_md_text(out, phase_labels[ph]);
		cz_buf_printf(out, " | %zu |\n", t.per_phase[ph]);
	}
	cz_buf_printf(out, "| **Total** | **%zu** |\n\n| Verdict du test | Projets |\n|---|---:|\n", t.valid);
	for (int v = 0; v <= N_VERDICTS; v++)
		cz_buf_printf(out, "| %s | %zu |\n", bucket_label(v), t.per_verdict[v]);
	cz_buf_printf(out, "\n%zu projet%s avec au moins une alerte critique (%u alerte%s en tout).\n",
		      t.critical_projects, t.critical_projects > 1 ? "s" : "", t.critical_alerts,
		      t.critical_alerts > 1 ? "s" : "");
	cz_md_finish(out, start);
	if (st != CZ_OK)
		return st;
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}

static void json_num(cz_json *j, const char *key, cz_num v)
{
	cz_json_key(j, key);
	if (v.set)
		cz_json_number(j, v.value);
	else
		cz_json_null(j);
}

cz_status cz_portfolio_render_json(const void *result, const cz_render_ctx *rc)
{
	const cz_portfolio *pf = result;
	cz_buf *out = rc->out;
	if (pf->error)
		return CZ_ERR_IO;
	const totals t = pf->totals;
	cz_json j;
	cz_json_init(&j, out);
	cz_json_object_begin(&j);
	cz_json_key(&j, "projets");
	cz_json_array_begin(&j);
	cz_portfolio_reader rd;
	cz_portfolio_read_begin(&rd, pf);
	for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL;) {
		cz_buf_drain(out); /* the rows before are final (the JSON writer never looks back) */
		cz_json_object_begin(&j);
		cz_json_kv_string(&j, "fichier", r->file);
		cz_json_kv_bool(&j, "valide", r->valid);
		if (!r->valid) {
			cz_json_kv_bool(&j, "illisible", r->unreadable);
			cz_json_kv_string(&j, "premiere_erreur", r->first_error);
			cz_json_object_end(&j);
			continue;
		}
		cz_json_kv_string(&j, "rapport", r->report_error ? NULL : r->report);
		if (r->report_error)
			cz_json_kv_string(&j, "rapport_erreur", r->report_error);
		cz_json_kv_string(&j, "nom", r->name);
		if (r->date.set) {
			char date[16];
			if (r->date.day)
				snprintf(date, sizeof(date), "%04d-%02d-%02d", r->date.year % 10000, r->date.month % 100,
					 r->date.day % 100);
			else
				snprintf(date, sizeof(date), "%04d-%02d", r->date.year % 10000, r->date.month % 100);
			cz_json_kv_string(&j, "date", date);
		} else {
			cz_json_kv_string(&j, "date", NULL);
		}
		cz_json_kv_string(&j, "type", cz_enum_key(&cz_enum_type, (int)r->type));
		cz_json_kv_string(&j, "phase", cz_enum_key(&cz_enum_phase, (int)r->phase));
		cz_json_kv_number(&j, "avancement_phase", r->progress);
		cz_json_kv_string(&j, "phase_etayee", cz_enum_key(&cz_enum_phase, (int)r->supported_phase));
		cz_json_kv_string(&j, "verdict_test", verdict_label(r));
		cz_json_kv_number(&j, "couverture_competences", r->skills_coverage);
		json_num(&j, "couverture_charges", r->charges_coverage);
		json_num(&j, "autofinancement", r->self_financing);
		cz_json_kv_number(&j, "prets_tresorerie", r->loans);
		cz_json_key(&j, "piliers");
		if (r->has_pillars) {
			cz_json_object_begin(&j);
			for (int p = 0; p < CZ_PILIER_COUNT; p++)
				cz_json_kv_number(&j, cz_enum_pilier.keys[p], r->pillar_shares[p]);
			cz_json_object_end(&j);
		} else {
			cz_json_null(&j);
		}
		cz_json_kv_int(&j, "alertes_critiques", r->critical_alerts);
		cz_json_kv_bool(&j, "fichier_de_depart_non_rempli", r->starter_untouched);
		cz_json_kv_int(&j, "valeurs_fichier_de_depart", (long long)r->starter_values);
		cz_json_object_end(&j);
	}
	cz_status st = pass_end(&rd, CZ_OK);
	if (st != CZ_OK)
		return st;
	cz_json_array_end(&j);
	cz_json_key(&j, "totaux");
	cz_json_object_begin(&j);
	cz_json_kv_int(&j, "valides", (long long)t.valid);
	cz_json_kv_int(&j, "invalides", (long long)t.invalid);
	cz_json_kv_int(&j, "illisibles", (long long)t.unreadable);
	if (t.unwritten)
		cz_json_kv_int(&j, "rapports_non_ecrits", (long long)t.unwritten);
	cz_json_key(&j, "par_phase");
	cz_json_object_begin(&j);
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		cz_json_kv_int(&j, cz_enum_phase.keys[ph], (long long)t.per_phase[ph]);
	cz_json_object_end(&j);
	cz_json_key(&j, "par_verdict");
	cz_json_object_begin(&j);
	for (int v = 0; v <= N_VERDICTS; v++)
		cz_json_kv_int(&j, bucket_key(v), (long long)t.per_verdict[v]);
	cz_json_object_end(&j);
	cz_json_kv_int(&j, "projets_avec_alerte_critique", (long long)t.critical_projects);
	cz_json_kv_int(&j, "alertes_critiques", t.critical_alerts);
	cz_json_kv_int(&j, "projets_fichier_de_depart", (long long)t.starters);
	cz_json_object_end(&j);
	cz_origin_json(&j, "origine_regle_verdict", rc->ref->rule.origine);
	cz_json_object_end(&j);
	cz_json_finish(&j);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}

/* XLSX: a summary sheet of live counts first, then the portfolio as two
 * tables one above the other, each printable across a landscape page: the
 * projects (name first, snapshot date, phase, verdict, alerts, status),
 * sortable and filterable, then their money and files. Every sheet is
 * written row after row (the summary once the table is), so the workbook
 * keeps one row in memory, not every cell (xlsx_in_order). */
enum {
	COL_NAME, COL_DATE, COL_TYPE, COL_PHASE, COL_PROGRESS, COL_SUPPORTED, COL_VERDICT, COL_SKILLS,
	COL_ALERTS, COL_STATUS, COL_NOTE, N_COLS
};
/* The second table, on the same columns. */
enum {
	COL2_NAME, COL2_COVERAGE, COL2_SELF, COL2_LOANS, COL2_PILLAR0,
	COL2_MONTHS = COL2_PILLAR0 + CZ_PILIER_COUNT, COL2_FILE, COL2_FILE_END, N_COLS2
};

/* SUMPRODUCT(--EXACT(range, cell)): how many cells of `range` hold exactly
 * the text of `cell`. COUNTIF would read the text as a criterion
 * ("<5", "a*", "=x" mean something there); an exact comparison against a
 * cell keeps referential text out of the formula altogether. */
static void count_exact(char *f, size_t size, const char *range, lxw_row_t row)
{
	snprintf(f, size, "=SUMPRODUCT(--EXACT(%s,$A$%u))", range, (unsigned)row + 1);
}

static void count_literal(char *f, size_t size, const char *range, const char *literal)
{
	snprintf(f, size, "=SUMPRODUCT(--EXACT(%s,\"%s\"))", range, literal);
}

/* A date (dd/mm/yyyy) or a month (mm/yyyy). */
static void date_cell(cz_xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, cz_date d,
		      const cz_xlsx_styles *S)
{
	if (!d.set)
		return;
	lxw_datetime dt = { d.year, d.month, d.day ? d.day : 1, 0, 0, 0 };
	cz_xlsx_reach(x, ws, row);
	cz_xlsx_check_at(x, worksheet_write_datetime(ws, row, col, &dt, d.day ? S->date : S->month), ws, row, col);
}

cz_status cz_portfolio_render_xlsx(const void *result, const cz_render_ctx *rc)
{
	const cz_portfolio *pf = result;
	const char *phase_labels[CZ_PHASE_COUNT];
	phase_names(rc->ref, phase_labels);
	cz_xlsx *x = rc->x;
	if (pf->error)
		return CZ_ERR_IO;
	static const char *const headers[N_COLS] = {
		"Projet", "Date du point", "Type", "Phase déclarée", "Avancement de la phase", "Phase étayée",
		"Verdict du test", "Couverture des compétences", "Alertes critiques", "Statut", "Remarque",
	};
	static const char *const headers2[N_COLS2] = {
		"Projet", "Couverture des charges (hors prêts)", "Autofinancement",
		"Prêts et avances remboursables (trésorerie)", "Part activité", "Part soutien public",
		"Part soutien privé", "Part implication citoyenne", "Mois relevés (base des ratios)", "Fichier", "",
	};
	static const double widths[N_COLS] = { 28, 11, 16, 14, 12, 14, 12, 12, 11, 11, 24 };
	/* The status column's words (compared by the counts below). */
	static const char *const st_valid = "valide", *const st_invalid = "invalide",
			  *const st_unreadable = "illisible", *const st_unwritten = "rapport non écrit";
	char docname[64];
	snprintf(docname, sizeof(docname), "Portefeuille de %zu projet%s", pf->count, pf->count > 1 ? "s" : "");
	cz_xlsx_document(x, docname, NULL);
	const cz_xlsx_styles *S = cz_xlsx_styles_get(x);
	lxw_worksheet *sum = cz_xlsx_sheet(x, "Portefeuille synthèse");
	lxw_worksheet *ws = cz_xlsx_sheet(x, "Portefeuille");
	if (!S || !ws || !sum)
		return CZ_OK; /* the error is in x */
	lxw_format *head = S->header, *pct = S->percent, *ratio = S->ratio, *euros = S->money, *text = S->wrap;

	/* Counts by live formulas over the table, with cached results. Each
	 * label counted is a cell of column A, compared exactly. Written
	 * first, as a spreadsheet writes its sheets: the formats are then
	 * numbered in the same order. */
	const totals t = pf->totals;
	static const double sum_widths[] = { 34, 12 };
	cz_xlsx_columns(x, sum, sum_widths, 2);
	cz_xlsx_text(x, sum, 0, 0, "Phase déclarée", head);
	cz_xlsx_text(x, sum, 0, 1, "Projets", head);
	char formula[256], r_phase[64], r_verdict[64], r_status[64], r_alerts[64], col[8];
	/* the table's last row (a header alone: its first), 1-based */
	unsigned end = (unsigned)(pf->count ? pf->count : 1) + 1;
	lxw_col_to_name(col, COL_PHASE, false);
	snprintf(r_phase, sizeof(r_phase), "Portefeuille!$%s$2:$%s$%u", col, col, end);
	lxw_col_to_name(col, COL_VERDICT, false);
	snprintf(r_verdict, sizeof(r_verdict), "Portefeuille!$%s$2:$%s$%u", col, col, end);
	lxw_col_to_name(col, COL_STATUS, false);
	snprintf(r_status, sizeof(r_status), "Portefeuille!$%s$2:$%s$%u", col, col, end);
	lxw_col_to_name(col, COL_ALERTS, false);
	snprintf(r_alerts, sizeof(r_alerts), "Portefeuille!$%s$2:$%s$%u", col, col, end);
	lxw_row_t s = 1;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++, s++) {
		cz_xlsx_text(x, sum, s, 0, phase_labels[ph], text);
		count_exact(formula, sizeof(formula), r_phase, s);
		cz_xlsx_formula(x, sum, s, 1, formula, S->integer, (double)t.per_phase[ph]);
	}
	/* valid = reported + report not written */
	cz_xlsx_text(x, sum, s, 0, "Projets valides", head);
	snprintf(formula, sizeof(formula), "=SUMPRODUCT(--EXACT(%s,\"%s\"))+SUMPRODUCT(--EXACT(%s,\"%s\"))",
		 r_status, st_valid, r_status, st_unwritten);
	cz_xlsx_formula(x, sum, s++, 1, formula, S->integer_bold, (double)t.valid);
	cz_xlsx_text(x, sum, s, 0, "dont rapports non écrits", text);
	count_literal(formula, sizeof(formula), r_status, st_unwritten);
	cz_xlsx_formula(x, sum, s++, 1, formula, S->integer, (double)t.unwritten);
	cz_xlsx_text(x, sum, s, 0, "Fichiers invalides", text);
	count_literal(formula, sizeof(formula), r_status, st_invalid);
	cz_xlsx_formula(x, sum, s++, 1, formula, S->integer, (double)t.invalid);
	cz_xlsx_text(x, sum, s, 0, "Fichiers illisibles", text);
	count_literal(formula, sizeof(formula), r_status, st_unreadable);
	cz_xlsx_formula(x, sum, s++, 1, formula, S->integer, (double)t.unreadable);
	s++;
	cz_xlsx_text(x, sum, s, 0, "Verdict du test", head);
	cz_xlsx_text(x, sum, s++, 1, "Projets", head);
	for (int v = 0; v <= N_VERDICTS; v++, s++) {
		const char *label = bucket_label(v);
		cz_xlsx_text(x, sum, s, 0, label, text);
		count_exact(formula, sizeof(formula), r_verdict, s);
		cz_xlsx_formula(x, sum, s, 1, formula, S->integer, (double)t.per_verdict[v]);
	}
	s++;
	cz_xlsx_text(x, sum, s, 0, "Alertes critiques (total)", head);
	snprintf(formula, sizeof(formula), "=SUM(%s)", r_alerts);
	cz_xlsx_formula(x, sum, s, 1, formula, S->integer_bold, (double)t.critical_alerts);

	/* The table. */
	cz_xlsx_columns(x, ws, widths, N_COLS);
	cz_xlsx_repeat(x, ws, 0, 0);
	for (lxw_col_t c = 0; c < (lxw_col_t)N_COLS; c++)
		cz_xlsx_text(x, ws, 0, c, headers[c], head);
	worksheet_freeze_panes(ws, 1, 1);
	lxw_row_t row = 1;
	cz_portfolio_reader rd;
	cz_portfolio_read_begin(&rd, pf);
	for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL; row++) {
		cz_xlsx_text(x, ws, row, COL_STATUS,
			     r->valid ? (r->report_error ? st_unwritten : st_valid)
				      : r->unreadable ? st_unreadable : st_invalid,
			     text);
		if (!r->valid) {
			/* no name to show: the file says which one */
			cz_xlsx_text(x, ws, row, COL_NAME, r->file, S->gap);
			cz_xlsx_text(x, ws, row, COL_NOTE, r->unreadable ? "fichier illisible" : "fichier invalide",
				     text);
			continue;
		}
		cz_xlsx_text(x, ws, row, COL_NAME, r->name, text);
		date_cell(x, ws, row, COL_DATE, r->date, S);
		cz_xlsx_text(x, ws, row, COL_TYPE, cz_enum_label(&cz_enum_type, (int)r->type), text);
		cz_xlsx_text(x, ws, row, COL_PHASE, phase_labels[r->phase], text);
		if (r->report_error) {
			cz_xlsx_text(x, ws, row, COL_NOTE, "rapport non écrit", text);
			continue;
		}
		cz_xlsx_number(x, ws, row, COL_PROGRESS, r->progress, pct);
		cz_xlsx_text(x, ws, row, COL_SUPPORTED, phase_labels[r->supported_phase], text);
		cz_xlsx_text(x, ws, row, COL_VERDICT, verdict_label(r) ? verdict_label(r) : BEFORE_TEST, text);
		cz_xlsx_number(x, ws, row, COL_SKILLS, r->skills_coverage, pct);
		char note[96];
		const char *sn = starter_note(r, note, sizeof(note));
		if (sn)
			cz_xlsx_text(x, ws, row, COL_NOTE, sn, text);
		else if (r->has_verdict && r->verdict == CZ_VERDICT_NON_EVALUE)
			cz_xlsx_text(x, ws, row, COL_NOTE, "au-delà du test, sans section test", text);
		cz_xlsx_number(x, ws, row, COL_ALERTS, r->critical_alerts, S->integer);
	}
	cz_status st = pass_end(&rd, CZ_OK);
	if (st != CZ_OK)
		return st;
	lxw_row_t last = row > 1 ? row - 1 : 1;
	cz_xlsx_check_at(x, worksheet_autofilter(ws, 0, 0, last, N_COLS - 1), ws, 0, 0);
	if (row > 1) {
		for (int v = 0; v < N_VERDICTS; v++) {
			lxw_conditional_format cf = { 0 };
			cf.type = LXW_CONDITIONAL_TYPE_CELL;
			cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
			char value[32];
			snprintf(value, sizeof(value), "\"%s\"", cz_verdict_labels[v]);
			cf.value_string = value;
			cf.format = S->tone_cf[cz_xlsx_tone_verdict((cz_verdict)v)];
			cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, 1, COL_VERDICT, last, COL_VERDICT, &cf),
					 ws, 1, COL_VERDICT);
		}
		lxw_conditional_format alert = { 0 };
		alert.type = LXW_CONDITIONAL_TYPE_CELL;
		alert.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
		alert.value = 0;
		alert.format = S->tone_cf[cz_xlsx_tone_severity(CZ_SEV_CRITIQUE)];
		cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, 1, COL_ALERTS, last, COL_ALERTS, &alert), ws,
				 1, COL_ALERTS);
		/* every status but "valide" is red */
		lxw_conditional_format invalid = { 0 };
		invalid.type = LXW_CONDITIONAL_TYPE_CELL;
		invalid.criteria = LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO;
		invalid.value_string = "\"valide\"";
		invalid.format = S->tone_cf[CZ_TONE_BAD];
		cz_xlsx_check_at(x, worksheet_conditional_format_range(ws, 1, COL_STATUS, last, COL_STATUS, &invalid), ws,
				 1, COL_STATUS);
	}

	/* The money and the files, below. */
	lxw_row_t r2 = row + 1;
	cz_xlsx_text(x, ws, r2++, 0, "Finances et fichiers", S->bold);
	for (lxw_col_t c = 0; c < (lxw_col_t)N_COLS2; c++) {
		if (c == COL2_FILE_END)
			continue;
		if (c == COL2_FILE)
			cz_xlsx_merge(x, ws, r2, c, r2, COL2_FILE_END, headers2[c], head);
		else
			cz_xlsx_text(x, ws, r2, c, headers2[c], head);
	}
	r2++;
	cz_portfolio_read_begin(&rd, pf);
	for (const cz_portfolio_row *r; (r = cz_portfolio_read_next(&rd)) != NULL; r2++) {
		cz_xlsx_text(x, ws, r2, COL2_NAME, r->valid ? r->name : r->file, r->valid ? text : S->gap);
		cz_xlsx_merge(x, ws, r2, COL2_FILE, r2, COL2_FILE_END, r->file, text);
		/* no figures: the reason, over their columns */
		const char *why = !r->valid ? (r->first_error ? r->first_error : "") : r->report_error;
		if (why) {
			cz_buf b;
			cz_buf_init(&b);
			cz_buf_puts(&b, r->valid ? "Rapport non écrit\u00A0: " : "Première erreur\u00A0: ");
			cz_buf_puts(&b, why);
			if (cz_buf_ok(&b))
				cz_xlsx_merge(x, ws, r2, COL2_COVERAGE, r2, COL2_MONTHS, b.data, text);
			else
				x->nomem = true;
			cz_buf_free(&b);
			continue;
		}
		if (r->charges_coverage.set)
			cz_xlsx_number(x, ws, r2, COL2_COVERAGE, r->charges_coverage.value, ratio);
		if (r->self_financing.set)
			cz_xlsx_number(x, ws, r2, COL2_SELF, r->self_financing.value, ratio);
		cz_xlsx_number(x, ws, r2, COL2_LOANS, r->loans, euros);
		for (int p = 0; p < CZ_PILIER_COUNT && r->has_pillars; p++)
			cz_xlsx_number(x, ws, r2, (lxw_col_t)(COL2_PILLAR0 + p), r->pillar_shares[p], pct);
		cz_xlsx_number(x, ws, r2, COL2_MONTHS, (double)r->months, S->integer);
	}
	return pass_end(&rd, CZ_OK);
}
