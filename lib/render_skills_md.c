/* The competency checklist as Markdown: GitHub task lists, coverage tables. */
#include <string.h>

#include "format_fr.h"
#include "render.h"
#include "md.h"
#include "skills.h"

/* An id as a code span (an amended referential's id may hold backticks:
 * cz_md_code copes). */
static void code(cz_buf *b, const char *s)
{
	cz_md_code(b, s);
}

static void tally_cells(cz_buf *b, const cz_cov_tally *t)
{
	/* the row's figures, in the header's order */
	static const cz_cov_state order[] = { CZ_COV_CARRIER,	 CZ_COV_NETWORK,    CZ_COV_IN_PROGRESS,
					      CZ_COV_GAP,	 CZ_COV_UNASSESSED, CZ_COV_NOT_APPLICABLE };
	char pct[CZ_FR_SIZE];
	cz_buf_putc(b, ' ');
	cz_buf_puts(b, cz_fr_percent(pct, sizeof(pct), t->ratio));
	cz_buf_puts(b, " | ");
	cz_md_bar(b, t->ratio, 10);
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		cz_buf_puts(b, " | ");
		cz_buf_put_size(b, t->counts[order[k]]);
	}
	cz_buf_puts(b, " | ");
	cz_buf_put_size(b, t->total);
	cz_buf_puts(b, " |\n");
}

/* The cells of a phase's whole tally: the coverage table's row of the
 * phase, then the same cells again at the foot of the phase's section,
 * copied from here instead of being formatted twice. */
typedef struct {
	char text[256];
	size_t len;
	bool set;
} cells_memo;

/* tally_cells, keeping what it wrote in `m` (when it fits). */
static void tally_cells_kept(cz_buf *b, const cz_cov_tally *t, cells_memo *m)
{
	size_t at = b->len;
	tally_cells(b, t);
	if (cz_buf_ok(b) && b->len - at < sizeof(m->text)) {
		memcpy(m->text, b->data + at, b->len - at);
		m->len = b->len - at;
		m->set = true;
	}
}

static void tally_header(cz_buf *b, const char *first)
{
	cz_buf_puts(b, "| ");
	cz_buf_puts(b, first);
	cz_buf_puts(b, " | Couverture | | Acquises (porteur) | Portées (réseau) | En cours "
		       "| À acquérir | Non évaluées | Sans objet | Total applicable |\n"
		       "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
}

static void item_line(cz_buf *b, const cz_cov_item *it, bool assessed)
{
	bool done = it->state == CZ_COV_CARRIER || it->state == CZ_COV_NETWORK;
	cz_buf_puts(b, done ? "- [x] " : "- [ ] ");
	cz_md_text(b, it->competence->nom);
	cz_buf_puts(b, " (");
	code(b, it->competence->id);
	cz_buf_putc(b, ')');
	if (!assessed) {
		cz_buf_putc(b, '\n');
		return;
	}
	switch (it->state) {
	case CZ_COV_CARRIER:
		cz_buf_puts(b, " — acquise par le porteur");
		break;
	case CZ_COV_NETWORK:
		cz_buf_puts(b, " — portée par ");
		cz_md_text(b, it->porte_par);
		break;
	case CZ_COV_IN_PROGRESS:
		cz_buf_puts(b, " — **en cours d'acquisition**");
		if (it->porte_par) {
			cz_buf_puts(b, ", portée par ");
			cz_md_text(b, it->porte_par);
		}
		break;
	case CZ_COV_GAP:
		cz_buf_puts(b, " — **à acquérir**");
		break;
	case CZ_COV_NOT_APPLICABLE:
		cz_buf_puts(b, " — sans objet pour le projet");
		break;
	default:
		cz_buf_puts(b, " — *non évaluée*");
	}
	cz_buf_putc(b, '\n');
}

static void phase_section(cz_buf *b, const cz_skills *s, const cz_referential *ref, size_t i,
			  const cells_memo *memo)
{
	const cz_ref_phase *rp = &ref->phases[s->phases[i]];
	const cz_cov_phase *cov = &s->cov[i];
	bool assessed = s->project != NULL;
	cz_buf_puts(b, "## Phase ");
	cz_md_text(b, rp->nom);
	if ((int)i == s->current)
		cz_buf_puts(b, " — phase actuelle du projet");
	cz_buf_puts(b, "\n\n");
	cz_md_text(b, rp->resume);
	cz_buf_puts(b, "\n\n");
	if (rp->point_attention) {
		cz_buf_puts(b, "> **Point d'attention\u00A0:** ");
		cz_md_text(b, rp->point_attention);
		cz_buf_puts(b, "\n\n");
	}
	if (assessed) {
		tally_header(b, "Famille");
		for (size_t f = 0; f < s->n_families; f++) {
			if (!cov->by_family[f].total && !cov->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
				continue;
			cz_buf_puts(b, "| ");
			cz_md_text(b, ref->families[f].nom);
			cz_buf_puts(b, " |");
			tally_cells(b, &cov->by_family[f]);
		}
		cz_buf_puts(b, "| **Toute la phase** |");
		if (memo->set)
			cz_buf_add(b, memo->text, memo->len);
		else
			tally_cells(b, &cov->total);
		cz_buf_putc(b, '\n');
	}
	/* the items of each family, counted in one pass (up to 64 families;
	 * beyond, family by family) */
	size_t per_family[64] = { 0 };
	bool counted = s->n_families <= sizeof(per_family) / sizeof(per_family[0]);
	if (counted)
		for (size_t k = 0; k < cov->n_items; k++) {
			int fam = cov->items[k].competence->family;
			if (fam >= 0 && (size_t)fam < s->n_families)
				per_family[fam]++;
		}
	for (size_t f = 0; f < s->n_families; f++) {
		size_t n = 0;
		if (counted)
			n = per_family[f];
		else
			for (size_t k = 0; k < cov->n_items; k++)
				n += cov->items[k].competence->family == (int)f;
		if (!n)
			continue;
		cz_buf_puts(b, "### ");
		cz_md_text(b, ref->families[f].nom);
		cz_buf_puts(b, " (");
		cz_buf_put_size(b, n);
		cz_buf_puts(b, ")\n\n*");
		cz_md_text(b, ref->families[f].resume);
		cz_buf_puts(b, "*\n\n");
		for (size_t k = 0; k < cov->n_items; k++)
			if (cov->items[k].competence->family == (int)f)
				item_line(b, &cov->items[k], assessed);
		cz_buf_putc(b, '\n');
	}
}

static void coverage_section(cz_buf *b, const cz_skills *s, const cz_referential *ref, cells_memo *memo)
{
	cz_buf_puts(b, "## Couverture des compétences\n\n"
		       "Une compétence acquise compte pour 1, qu'elle soit tenue par le porteur ou "
		       "portée par un acteur du réseau\u202F; en cours d'acquisition, pour ½\u202F; à acquérir "
		       "ou non évaluée, pour 0. La couverture rapporte ce total au nombre de "
		       "compétences attendues, hors celles que le projet déclare sans objet "
		       "(`sans_objet`\u00A0: la liste est un répertoire où chacun puise selon son projet).\n\n");
	tally_header(b, "Phase");
	for (size_t i = 0; i < s->n_phases; i++) {
		cz_buf_puts(b, "| ");
		cz_md_text(b, ref->phases[s->phases[i]].nom);
		if ((int)i == s->current)
			cz_buf_puts(b, " (phase actuelle)");
		cz_buf_puts(b, " |");
		tally_cells_kept(b, &s->cov[i].total, &memo[i]);
	}
	if (s->n_phases > 1) {
		cz_buf_puts(b, "| **Ensemble** |");
		tally_cells(b, &s->total);
		cz_buf_puts(b, "\n");
		tally_header(b, "Famille (toutes phases)");
		for (size_t f = 0; f < s->n_families; f++) {
			if (!s->by_family[f].total && !s->by_family[f].counts[CZ_COV_NOT_APPLICABLE])
				continue;
			cz_buf_puts(b, "| ");
			cz_md_text(b, ref->families[f].nom);
			cz_buf_puts(b, " |");
			tally_cells(b, &s->by_family[f]);
		}
	}
	cz_buf_putc(b, '\n');
}

static void gaps_section(cz_buf *b, const cz_skills *s, const cz_referential *ref)
{
	cz_buf_puts(b, "## Lacunes à combler\n\n");
	if (!s->n_gaps)
		cz_buf_puts(b, "Aucune compétence n'est marquée «\u00A0à acquérir\u00A0».\n\n");
	for (size_t g = 0; g < s->n_gaps; g++) {
		const cz_ref_competence *c = s->gaps[g]->competence;
		cz_phase ph;
		size_t idx;
		cz_buf_puts(b, "- ");
		cz_md_text(b, c->nom);
		cz_buf_puts(b, " (");
		code(b, c->id);
		cz_buf_puts(b, ")");
		if (cz_ref_find_competence(ref, c->id, &ph, &idx)) {
			cz_buf_puts(b, " — phase ");
			cz_md_text(b, ref->phases[ph].nom);
		}
		if (c->family >= 0 && (size_t)c->family < ref->n_families) {
			cz_buf_puts(b, ", ");
			cz_md_text(b, ref->families[c->family].nom);
		}
		cz_buf_putc(b, '\n');
	}
	if (s->n_gaps)
		cz_buf_putc(b, '\n');
	size_t unassessed = s->total.counts[CZ_COV_UNASSESSED];
	if (unassessed == 1)
		cz_buf_puts(b, "1 compétence n'est pas évaluée dans le fichier (rubrique "
			       "`competences`)\u00A0: elle compte comme non couverte.\n\n");
	else if (unassessed > 1)
		cz_buf_printf(b, "%zu compétences ne sont pas évaluées dans le fichier (rubrique "
				 "`competences`)\u00A0: elles comptent comme non couvertes.\n\n",
			      unassessed);
}

static void families_summary(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## En résumé\u00A0: les familles de compétences\n\n");
	for (size_t f = 0; f < ref->n_families; f++) {
		const cz_ref_family *fam = &ref->families[f];
		cz_buf_puts(b, "### ");
		cz_md_text(b, fam->nom);
		cz_buf_puts(b, "\n\n");
		cz_md_text(b, fam->resume);
		cz_buf_puts(b, "\n\n");
		for (size_t e = 0; e < fam->n_elements; e++) {
			cz_buf_puts(b, "- ");
			cz_md_text(b, fam->elements[e]);
			cz_buf_putc(b, '\n');
		}
		if (fam->n_elements)
			cz_buf_putc(b, '\n');
	}
}

static void render_role(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "# Profil du concierge\n\n");
	if (ref->concierge_role) {
		cz_md_text(b, ref->concierge_role);
		cz_buf_puts(b, "\n\n");
	}
	cz_buf_puts(b, "Grille pour rédiger une fiche de poste\u00A0: cochez les qualités et les "
		       "tâches que le poste retient.\n\n## Qualités attendues\n\n");
	if (!ref->n_qualities)
		cz_buf_puts(b, "Le référentiel ne décrit aucune qualité.\n\n");
	for (size_t q = 0; q < ref->n_qualities; q++) {
		const cz_ref_quality *qu = &ref->qualities[q];
		cz_buf_puts(b, "- [ ] **");
		cz_md_text(b, qu->nom);
		cz_buf_puts(b, "** (");
		code(b, qu->id);
		cz_buf_puts(b, ")");
		if (qu->description) {
			cz_buf_puts(b, "\u00A0: ");
			cz_md_text(b, qu->description);
		}
		cz_buf_putc(b, '\n');
	}
	if (ref->n_qualities)
		cz_buf_putc(b, '\n');
	cz_buf_puts(b, "## Missions d'une conciergerie\n\n");
	if (!ref->n_missions)
		cz_buf_puts(b, "Le référentiel ne décrit aucune mission.\n\n");
	for (size_t m = 0; m < ref->n_missions; m++) {
		const cz_ref_mission *mi = &ref->missions[m];
		cz_buf_puts(b, "### ");
		cz_md_text(b, mi->nom);
		cz_buf_puts(b, " (");
		code(b, mi->id);
		cz_buf_puts(b, ")\n\n");
		for (size_t t = 0; t < mi->n_taches; t++) {
			cz_buf_puts(b, "- [ ] ");
			cz_md_text(b, mi->taches[t]);
			cz_buf_putc(b, '\n');
		}
		if (mi->n_taches)
			cz_buf_putc(b, '\n');
	}
}

cz_status cz_skills_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_skills *s = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	size_t start = out->len;
	if (s->mode == CZ_SKILLS_ROLE) {
		render_role(out, ref);
		goto done;
	}
	const cz_project *p = s->project;
	cells_memo memo[CZ_PHASE_COUNT];
	for (size_t i = 0; i < CZ_PHASE_COUNT; i++)
		memo[i].set = false;
	if (p) {
		cz_buf_puts(out, "# Compétences — ");
		cz_md_text(out, p->projet.nom);
		cz_buf_puts(out, "\n\nAuto-évaluation du projet");
		if (p->file && strcmp(p->file, "-") == 0) {
			cz_buf_puts(out, " lue sur l'entrée standard");
		} else if (p->file) {
			cz_buf_puts(out, " tirée de ");
			cz_md_text(out, p->file);
		}
		cz_buf_puts(out, "\u202F; phase déclarée\u00A0: **");
		cz_md_text(out, ref->phases[p->projet.phase].nom);
		cz_buf_puts(out, "**. Une case cochée est une compétence acquise, par le porteur "
				 "ou par un acteur du réseau qui la porte.\n\n");
		coverage_section(out, s, ref, memo);
	} else {
		cz_buf_puts(out, "# Grille de compétences du porteur de projet — ");
		if (s->n_phases == 1) {
			cz_buf_puts(out, "phase ");
			cz_md_text(out, ref->phases[s->phases[0]].nom);
		} else {
			cz_buf_puts(out, "les quatre phases");
		}
		cz_buf_puts(out, "\n\nLes compétences que le référentiel attend du porteur de projet, "
				 "regroupées par famille de savoir-faire. Cochez celles qui sont "
				 "acquises\u202F; une compétence peut aussi être portée par un partenaire du "
				 "réseau, à nommer à côté.\n\n");
	}
	for (size_t i = 0; i < s->n_phases; i++)
		phase_section(out, s, ref, i, &memo[i]);
	if (p)
		gaps_section(out, s, ref);
	families_summary(out, ref);
done:
	/* One trailing newline, whatever the last section left. */
	while (cz_buf_ok(out) && out->len > start + 1 && out->data[out->len - 1] == '\n' &&
	       out->data[out->len - 2] == '\n')
		out->data[--out->len] = '\0';
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
