#include <stdio.h>
#include <string.h>

#include "diff.h"
#include "md.h"
#include "render.h"
#include "diff_layout.h"

static void say_side(cz_buf *out, const cz_project *p, const char *file)
{
	char date[64];
	if (p->projet.date.set)
		cz_buf_printf(out, "relevé du %s (", cz_diff_date_fr(date, sizeof(date), p->projet.date));
	else
		cz_buf_puts(out, "relevé sans date (");
	cz_md_code(out, file);
	cz_buf_puts(out, ")");
}

/* Text of a cell: escaped, or a dash when there is none. */
static void cell(cz_buf *out, const char *s)
{
	cz_buf_puts(out, " ");
	if (s && *s)
		cz_md_text(out, s);
	else
		cz_buf_puts(out, "—");
	cz_buf_puts(out, " |");
}

static void figures(cz_buf *out, const cz_diff *d)
{
	cz_buf_puts(out, "## Chiffres, avant → après\n\n| Chiffre | Avant | Après | Écart |\n|---|---:|---:|---|\n");
	for (int i = 0; i < CZ_DIFF_N_FIGURES; i++) {
		const cz_diff_figure *f = &d->figures[i];
		cz_buf_puts(out, "|");
		if (f->changed) {
			cz_buf_puts(out, " **");
			cz_md_text(out, f->label);
			cz_buf_puts(out, "** |");
		} else {
			cell(out, f->label);
		}
		cell(out, f->before);
		cell(out, f->after);
		if (!f->changed) {
			cz_buf_puts(out, " = |\n");
			continue;
		}
		cz_buf_puts(out, " ");
		if (f->delta)
			cz_md_text(out, f->delta);
		if (f->delta && f->sense != CZ_DIFF_NEUTRAL)
			cz_buf_printf(out, " (%s)", cz_diff_sense_labels[f->sense]);
		else if (!f->delta)
			cz_buf_puts(out, f->sense != CZ_DIFF_NEUTRAL ? cz_diff_sense_labels[f->sense] : "changé");
		cz_buf_puts(out, " |\n");
	}
	cz_buf_puts(out, "\n");
}

static void section(cz_buf *out, const cz_diff *d, cz_diff_section sec)
{
	const cz_diff_table *t = &cz_diff_tables[sec];
	cz_buf_printf(out, "### %s\n\n|", cz_diff_section_labels[sec]);
	size_t ncol = 0;
	const char *heads[6];
	heads[ncol++] = t->name;
	bool group = false;
	for (size_t i = 0; i < d->n_changes; i++)
		group |= d->changes[i].section == sec && d->changes[i].group;
	if (t->group && group)
		heads[ncol++] = t->group;
	if (t->kind)
		heads[ncol++] = "Changement";
	if (t->values) {
		heads[ncol++] = "Avant";
		heads[ncol++] = "Après";
	}
	if (t->detail)
		heads[ncol++] = t->detail;
	for (size_t i = 0; i < ncol; i++)
		cz_buf_printf(out, " %s |", heads[i]);
	cz_buf_puts(out, "\n|");
	for (size_t i = 0; i < ncol; i++)
		cz_buf_puts(out, "---|");
	cz_buf_puts(out, "\n");
	for (size_t i = 0; i < d->n_changes; i++) {
		const cz_diff_change *c = &d->changes[i];
		if (c->section != sec)
			continue;
		cz_buf_puts(out, "|");
		cell(out, c->label);
		if (t->group && group)
			cell(out, c->group);
		if (t->kind)
			cell(out, t->kind[c->kind]);
		if (t->values) {
			cell(out, c->before);
			cell(out, c->after);
		}
		if (t->detail) {
			const char *det = cz_diff_detail(c);
			if (t->sense && c->sense != CZ_DIFF_NEUTRAL) {
				cz_buf_puts(out, " ");
				if (det) {
					cz_md_text(out, det);
					cz_buf_puts(out, ", ");
				}
				cz_buf_printf(out, "%s |", cz_diff_sense_labels[c->sense]);
			} else {
				cell(out, det);
			}
		}
		cz_buf_puts(out, "\n");
	}
	cz_buf_puts(out, "\n");
}

cz_status cz_diff_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_diff *d = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_buf_puts(out, "# Ce qui a changé\u00A0: ");
	cz_md_text(out, d->after->projet.nom);
	/* "Du relevé du 30 juin 2026 (`a.yaml`) au relevé du …" */
	cz_buf_puts(out, "\n\nDu ");
	say_side(out, d->before, d->before_file);
	cz_buf_puts(out, " au ");
	say_side(out, d->after, d->after_file);
	cz_buf_puts(out, ".\n\n");
	if (!d->same_name) {
		cz_buf_puts(out, "**Attention**\u00A0: les deux fichiers ne portent pas le même nom de projet («\u00A0");
		cz_md_text(out, d->before->projet.nom);
		cz_buf_puts(out, "\u00A0» avant, «\u00A0");
		cz_md_text(out, d->after->projet.nom);
		cz_buf_puts(out, "\u00A0» après)\u202F; s'agit-il bien du même projet\u202F?\n\n");
	}
	if (cz_diff_empty(d)) {
		cz_buf_puts(out, "Aucun changement\u00A0: les deux relevés donnent les mêmes résultats.\n");
		cz_md_finish(out, start);
		return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
	}
	cz_buf_puts(out, "## En bref\n\n");
	for (size_t i = 0; i < d->n_summary; i++) {
		cz_buf_puts(out, "- ");
		cz_md_text(out, d->summary[i]);
		cz_buf_puts(out, "\n");
	}
	if (d->n_summary == 0)
		cz_buf_puts(out, "- Seuls des chiffres du tableau ci-dessous ont bougé.\n");
	if (cz_diff_worsens(d)) {
		cz_buf_puts(out, "\n**À surveiller**\u00A0: ");
		if (d->verdict_worse)
			cz_buf_puts(out, "le verdict du test a reculé");
		if (d->verdict_worse && d->new_critical)
			cz_buf_puts(out, " et ");
		if (d->new_critical)
			cz_buf_printf(out, "%zu alerte%s critique%s %s apparu%s", d->new_critical,
				      d->new_critical > 1 ? "s" : "", d->new_critical > 1 ? "s" : "",
				      d->new_critical > 1 ? "sont" : "est", d->new_critical > 1 ? "es" : "e");
		cz_buf_puts(out, ".\n");
	}
	cz_buf_puts(out, "\n");
	figures(out, d);
	bool any = false;
	for (int s = 0; s < CZ_DIFF_SECTION_COUNT; s++)
		any |= cz_diff_tables[s].name && d->counts[s] > 0;
	if (any) {
		cz_buf_puts(out, "## Le détail\n\n");
		for (int s = 0; s < CZ_DIFF_SECTION_COUNT; s++)
			if (cz_diff_tables[s].name && d->counts[s])
				section(out, d, (cz_diff_section)s);
	}
	bool first = true;
	for (int s = 0; s < CZ_DIFF_SECTION_COUNT; s++) {
		if (!cz_diff_tables[s].name || d->counts[s])
			continue;
		cz_buf_puts(out, first ? "Sans changement\u00A0: " : ", ");
		cz_buf_puts(out, cz_diff_tables[s].unchanged);
		first = false;
	}
	if (!first)
		cz_buf_puts(out, ".\n\n");
	cz_buf_puts(out, "«\u00A0Mieux\u00A0» et «\u00A0moins bien\u00A0» sont une lecture de l'outil, que les documents de la méthode "
			 "ne donnent pas\u00A0: une étape ou une compétence qui avance, une alerte levée, un indicateur "
			 "dont le statut monte, un verdict meilleur (de NO-GO à INCOMPLET, RÉAJUSTER puis GO). Les "
			 "ressources par pilier sont comptées comme au tableau de bord\u00A0: recettes et financements "
			 "acquis des mois relevés, prêts à part.\n");
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
