/* The canvas as Markdown: an HTML table with the canvas's spans (GitHub and
 * cmark-gfm render it), then the blocks as plain lists, pillars and checks. */
#include <string.h>

#include "canvas.h"
#include "render.h"
#include "enums.h"
#include "format_fr.h"
#include "md.h"
#include "origin.h"
#include "text.h"

/* Text inside the HTML table: escaped, and kept on one line, because a
 * blank line would end the HTML block in CommonMark. */
static void html_text(cz_buf *b, const char *s)
{
	for (const char *p = s;; p++) {
		size_t run = strcspn(p, "&<>\n\r\t");
		cz_buf_add(b, p, run);
		p += run;
		switch (*p) {
		case '\0':
			return;
		case '&':
			cz_buf_puts(b, "&amp;");
			break;
		case '<':
			cz_buf_puts(b, "&lt;");
			break;
		case '>':
			cz_buf_puts(b, "&gt;");
			break;
		case '\n':
		case '\r':
		case '\t':
			cz_buf_putc(b, ' ');
			break;
		}
	}
}

/* Markdown text with "&" written as an entity too, so that "&amp;" in an
 * item shows as typed. cz_md_text adds only backslashes, so every "&" of
 * its output comes from the text. */
static void md_item(cz_buf *b, const char *s)
{
	if (!strchr(s, '&')) {
		cz_md_text(b, s);
		return;
	}
	cz_buf t;
	cz_buf_init(&t);
	cz_md_text(&t, s);
	if (!cz_buf_ok(&t))
		b->failed = true;
	cz_text_log_add(&b->log, &t.log);
	for (size_t i = 0; i < t.len; i++) {
		if (t.data[i] == '&')
			cz_buf_puts(b, "&amp;");
		else
			cz_buf_putc(b, t.data[i]);
	}
	cz_buf_free(&t);
}

static void html_items(cz_buf *b, const cz_canvas_block *bl)
{
	if (!bl->n) {
		cz_buf_puts(b, "<p>—</p>");
		return;
	}
	int group = -2;
	for (size_t i = 0; i < bl->n; i++) {
		const cz_bmc_item *it = bl->items[i];
		if (bl->typed && it->cout_type != group) {
			if (i)
				cz_buf_puts(b, "</ul>");
			group = it->cout_type;
			cz_buf_puts(b, "<p><strong>");
			if (group >= 0)
				cz_canvas_capitalized(b, cz_enum_label(&cz_enum_cout_type, group), html_text);
			else
				cz_buf_puts(b, "Type non précisé");
			cz_buf_puts(b, "</strong></p><ul>");
		} else if (i == 0) {
			cz_buf_puts(b, "<ul>");
		}
		cz_buf_puts(b, "<li>");
		html_text(b, it->texte);
		if (it->pilier >= 0) {
			cz_buf_puts(b, " <em>[");
			html_text(b, cz_enum_label(&cz_enum_pilier, it->pilier));
			cz_buf_puts(b, "]</em>");
		}
		cz_buf_puts(b, "</li>");
	}
	cz_buf_puts(b, "</ul>");
}

static void html_cell(cz_buf *b, const cz_canvas *c, const cz_referential *ref, int bloc,
		      int rowspan, int colspan)
{
	cz_buf_puts(b, "<td");
	if (rowspan > 1) {
		cz_buf_puts(b, " rowspan=\"");
		cz_buf_put_ll(b, rowspan);
		cz_buf_putc(b, '"');
	}
	if (colspan > 1) {
		cz_buf_puts(b, " colspan=\"");
		cz_buf_put_ll(b, colspan);
		cz_buf_putc(b, '"');
	}
	cz_buf_puts(b, " valign=\"top\"><strong>");
	html_text(b, cz_canvas_block_name(ref, bloc));
	cz_buf_puts(b, "</strong>");
	if (ref->blocks[bloc].question) {
		cz_buf_puts(b, "<br><em>");
		html_text(b, ref->blocks[bloc].question);
		cz_buf_puts(b, "</em>");
	}
	html_items(b, &c->blocks[bloc]);
	cz_buf_puts(b, "</td>\n");
}

/*
 * Ten grid columns, so that the two bottom blocks each take half the width:
 *   Partenaires | Activités    | Proposition | Distribution | Clients
 *               | Ressources   |             |              | Bénéficiaires
 *   Structure des coûts               | Sources de revenus
 */
static void html_table(cz_buf *b, const cz_canvas *c, const cz_referential *ref)
{
	cz_buf_puts(b, "<table>\n<tr>\n");
	html_cell(b, c, ref, CZ_BLOC_PARTENAIRES, 2, 2);
	html_cell(b, c, ref, CZ_BLOC_ACTIVITES, 1, 2);
	html_cell(b, c, ref, CZ_BLOC_PROPOSITION_VALEUR, 2, 2);
	html_cell(b, c, ref, CZ_BLOC_DISTRIBUTION, 2, 2);
	html_cell(b, c, ref, CZ_BLOC_CLIENTS, 1, 2);
	cz_buf_puts(b, "</tr>\n<tr>\n");
	html_cell(b, c, ref, CZ_BLOC_RESSOURCES, 1, 2);
	html_cell(b, c, ref, CZ_BLOC_BENEFICIAIRES, 1, 2);
	cz_buf_puts(b, "</tr>\n<tr>\n");
	html_cell(b, c, ref, CZ_BLOC_COUTS, 1, 5);
	html_cell(b, c, ref, CZ_BLOC_REVENUS, 1, 5);
	cz_buf_puts(b, "</tr>\n</table>\n\n");
}

static void md_lists(cz_buf *b, const cz_canvas *c, const cz_referential *ref)
{
	cz_buf_puts(b, "## Les blocs en listes\n\n");
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		int bloc = cz_canvas_reading_order[k];
		const cz_canvas_block *bl = &c->blocks[bloc];
		cz_buf_puts(b, "### ");
		cz_md_text(b, cz_canvas_block_name(ref, bloc));
		cz_buf_puts(b, "\n\n");
		if (ref->blocks[bloc].question) {
			cz_buf_putc(b, '*');
			cz_md_text(b, ref->blocks[bloc].question);
			cz_buf_puts(b, "*\n\n");
		}
		if (!bl->n) {
			cz_buf_puts(b, "(bloc vide)\n\n");
			continue;
		}
		int group = -2;
		for (size_t i = 0; i < bl->n; i++) {
			const cz_bmc_item *it = bl->items[i];
			if (bl->typed && it->cout_type != group) {
				if (i)
					cz_buf_putc(b, '\n');
				group = it->cout_type;
				cz_buf_puts(b, "**");
				if (group >= 0)
					cz_canvas_capitalized(b, cz_enum_label(&cz_enum_cout_type, group), cz_md_text);
				else
					cz_buf_puts(b, "Type non précisé");
				cz_buf_puts(b, "**\n\n");
			}
			cz_buf_puts(b, "- ");
			md_item(b, it->texte);
			if (it->pilier >= 0) {
				cz_buf_puts(b, " — *");
				cz_md_text(b, cz_enum_label(&cz_enum_pilier, it->pilier));
				cz_buf_putc(b, '*');
			}
			cz_buf_putc(b, '\n');
		}
		cz_buf_putc(b, '\n');
	}
}

static void md_pillars(cz_buf *b, const cz_canvas *c, const cz_referential *ref)
{
	bool project = c->template_id == NULL;
	cz_buf_puts(b, "## Piliers de viabilité\n\n");
	cz_buf_puts(b, project ? "| Pilier | Présent | Dans les revenus | Dans les financements |\n|---|---|---|---|\n"
			       : "| Pilier | Présent dans les revenus |\n|---|---|\n");
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		cz_buf_puts(b, "| ");
		cz_md_text(b, ref->pillars[v].nom ? ref->pillars[v].nom : cz_enum_label(&cz_enum_pilier, v));
		/* Activity revenue without multiactivity is there, but not the pillar. */
		bool held_back = v == CZ_PILIER_ACTIVITE && !c->multi.met &&
				 (c->pillar_revenue[v] || c->pillar_funding[v]);
		cz_buf_puts(b, " | ");
		cz_buf_puts(b, cz_canvas_has_pillar(c, v) ? "oui" : held_back ? "non (un seul service)" : "non");
		if (project) {
			cz_buf_puts(b, c->pillar_revenue[v] ? " | oui" : " | non");
			cz_buf_puts(b, c->pillar_funding[v] ? " | oui" : " | non");
		}
		cz_buf_puts(b, " |\n");
	}
	cz_buf_printf(b, "\n%zu pilier%s présent%s sur %d", c->n_pillars, cz_fr_s((double)c->n_pillars),
		      cz_fr_s((double)c->n_pillars), CZ_PILIER_COUNT);
	if (c->piliers_min >= 0) {
		cz_buf_printf(b, "\u202F; un modèle hybride en réunit au moins %d (", c->piliers_min);
		cz_origin_md(b, c->piliers_min_origine);
		cz_buf_putc(b, ')');
	}
	cz_buf_puts(b, ".\n");
	const cz_multiactivity *mu = &c->multi;
	if (mu->services_min > 0) {
		char n[CZ_FR_SIZE];
		cz_buf_printf(b, "\nMultiactivité\u00A0: %s — %zu service%s ", mu->met ? "oui" : "non", mu->n_services,
			      cz_fr_s((double)mu->n_services));
		if (mu->from_revenue)
			cz_buf_puts(b, cz_fr_pl((double)mu->n_services, "apporte des recettes", "apportent des recettes"));
		else if (mu->from_canvas)
			cz_buf_puts(b, "parmi les sources de revenus d'activité du canevas");
		else
			cz_buf_puts(b, "à l'offre (les recettes ne sont pas détaillées par service)");
		cz_buf_printf(b, ", pour au moins %s (", cz_fr_compact(n, sizeof(n), mu->services_min, 0));
		cz_origin_md(b, mu->origine);
		cz_buf_puts(b, ").\n");
	}
	cz_buf_putc(b, '\n');
}

static void md_checks(cz_buf *b, const cz_canvas *c)
{
	cz_buf_puts(b, "## Contrôles\n\n");
	if (!c->n_checks) {
		cz_buf_puts(b, "Aucun point à signaler.\n");
		return;
	}
	size_t nc = c->n_by_severity[CZ_SEV_CRITIQUE], na = c->n_by_severity[CZ_SEV_ATTENTION],
	       ni = c->n_by_severity[CZ_SEV_INFO];
	cz_buf_printf(b, "%zu point%s critique%s, %zu point%s d'attention, %zu information%s.\n\n", nc,
		      cz_fr_s((double)nc), cz_fr_s((double)nc), na, cz_fr_s((double)na), ni, cz_fr_s((double)ni));
	for (size_t i = 0; i < c->n_checks; i++) {
		const cz_canvas_check *k = &c->checks[i];
		cz_buf_puts(b, "- **");
		cz_buf_puts(b, cz_enum_label(&cz_enum_severity, (int)k->severity));
		cz_buf_puts(b, "** — ");
		md_item(b, k->message);
		cz_buf_puts(b, "\n  ");
		cz_md_text(b, k->reason);
		cz_buf_putc(b, '\n');
	}
}

cz_status cz_canvas_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_canvas *c = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_buf_puts(out, "# Canevas du modèle économique\u00A0: ");
	md_item(out, c->nom ? c->nom : "");
	cz_buf_puts(out, "\n\n");
	if (c->template_id) {
		cz_buf_puts(out, "Exemple de canevas du référentiel (modèle «\u00A0");
		cz_md_text(out, c->template_id);
		cz_buf_puts(out, "\u00A0»), à adapter à votre projet.\n\n");
	} else if (!c->has_bmc) {
		cz_buf_puts(out, "Le fichier n'a pas encore de section `bmc`\u00A0: le canevas ci-dessous est vide.\n\n");
	}
	html_table(out, c, ref);
	if (ref->bmc_attribution) {
		cz_buf_putc(out, '*');
		cz_md_text(out, ref->bmc_attribution);
		cz_buf_puts(out, "*\n\n");
	}
	md_lists(out, c, ref);
	md_pillars(out, c, ref);
	md_checks(out, c);
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
