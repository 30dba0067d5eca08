/* The canvas as html: the nine blocks laid out as a business model canvas
 * on one A4 landscape page, then the pillars and the checks. */
#include <string.h>

#include "canvas.h"
#include "enums.h"
#include "format_fr.h"
#include "html.h"
#include "render.h"
#include "text.h"

static const char *const block_class[CZ_BLOC_COUNT] = {
	[CZ_BLOC_PARTENAIRES] = "partenaires", [CZ_BLOC_ACTIVITES] = "activites",
	[CZ_BLOC_RESSOURCES] = "ressources", [CZ_BLOC_PROPOSITION_VALEUR] = "proposition_valeur",
	[CZ_BLOC_DISTRIBUTION] = "distribution", [CZ_BLOC_CLIENTS] = "clients",
	[CZ_BLOC_BENEFICIAIRES] = "beneficiaires", [CZ_BLOC_COUTS] = "couts", [CZ_BLOC_REVENUS] = "revenus",
};

static void block(cz_buf *b, const cz_canvas *c, const cz_referential *ref, int bloc, int level)
{
	const cz_canvas_block *bl = &c->blocks[bloc];
	cz_buf_printf(b, "<div class=\"b-%s\">\n<h%d>", block_class[bloc], level);
	cz_html_text(b, cz_canvas_block_name(ref, bloc));
	cz_buf_printf(b, "</h%d>\n", level);
	if (ref->blocks[bloc].question) {
		cz_buf_puts(b, "<p class=\"q\">");
		cz_html_text(b, ref->blocks[bloc].question);
		cz_buf_puts(b, "</p>\n");
	}
	if (!bl->n) {
		cz_buf_puts(b, "<p>(bloc vide)</p>\n</div>\n");
		return;
	}
	int group = -2;
	bool open = false;
	for (size_t i = 0; i < bl->n; i++) {
		const cz_bmc_item *it = bl->items[i];
		if (bl->typed && it->cout_type != group) {
			if (open)
				cz_buf_puts(b, "</ul>\n");
			open = false;
			group = it->cout_type;
			cz_buf_puts(b, "<p><strong>");
			if (group >= 0)
				cz_canvas_capitalized(b, cz_enum_label(&cz_enum_cout_type, group), cz_html_text);
			else
				cz_buf_puts(b, "Type non précisé");
			cz_buf_puts(b, "</strong></p>\n");
		}
		if (!open)
			cz_buf_puts(b, "<ul>\n");
		open = true;
		cz_buf_puts(b, "<li>");
		cz_html_text(b, it->texte);
		if (it->pilier >= 0) {
			cz_buf_puts(b, " <em>[");
			cz_html_text(b, cz_enum_label(&cz_enum_pilier, it->pilier));
			cz_buf_puts(b, "]</em>");
		}
		cz_buf_puts(b, "</li>\n");
	}
	cz_buf_puts(b, "</ul>\n</div>\n");
}

static void pillars(cz_buf *b, const cz_canvas *c, const cz_referential *ref, int level)
{
	bool project = c->template_id == NULL;
	cz_buf_printf(b, "<h%d>Piliers de viabilité</h%d>\n<table>\n<thead><tr><th>Pilier</th>", level, level);
	cz_buf_puts(b, project ? "<th>Présent</th><th>Dans les revenus</th><th>Dans les financements</th>"
			       : "<th>Présent dans les revenus</th>");
	cz_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		cz_buf_puts(b, "<tr><td>");
		cz_html_text(b, ref->pillars[v].nom ? ref->pillars[v].nom : cz_enum_label(&cz_enum_pilier, v));
		bool held_back = v == CZ_PILIER_ACTIVITE && !c->multi.met &&
				 (c->pillar_revenue[v] || c->pillar_funding[v]);
		const char *present = cz_canvas_has_pillar(c, v) ? "oui" : held_back ? "non (un seul service)" : "non";
		if (project)
			cz_buf_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", present,
				      c->pillar_revenue[v] ? "oui" : "non", c->pillar_funding[v] ? "oui" : "non");
		else
			cz_buf_printf(b, "</td><td>%s</td></tr>\n", present);
	}
	cz_buf_printf(b, "</tbody>\n</table>\n<p>%zu pilier%s présent%s sur %d", c->n_pillars,
		      cz_fr_s((double)c->n_pillars), cz_fr_s((double)c->n_pillars), CZ_PILIER_COUNT);
	if (c->piliers_min >= 0)
		cz_buf_printf(b, "\xC2\xA0; un modèle hybride en réunit au moins %d", c->piliers_min);
	cz_buf_puts(b, ".</p>\n");
}

static void checks(cz_buf *b, const cz_canvas *c, int level)
{
	cz_buf_printf(b, "<h%d>Contrôles</h%d>\n", level, level);
	if (!c->n_checks) {
		cz_buf_puts(b, "<p>Aucun point à signaler.</p>\n");
		return;
	}
	cz_buf_puts(b, "<ul class=\"alertes\">\n");
	for (size_t i = 0; i < c->n_checks; i++) {
		const cz_canvas_check *k = &c->checks[i];
		cz_buf_printf(b, "<li><span class=\"badge s-%s\">", cz_enum_key(&cz_enum_severity, (int)k->severity));
		cz_html_text(b, cz_enum_label(&cz_enum_severity, (int)k->severity));
		cz_buf_puts(b, "</span> ");
		cz_html_text(b, k->message);
		cz_buf_puts(b, "<br><span class=\"note\">");
		cz_html_text(b, k->reason);
		cz_buf_puts(b, "</span></li>\n");
	}
	cz_buf_puts(b, "</ul>\n");
}

/*
 * The printed canvas must hold on one A4 landscape page. Its height is that
 * of its tallest column of blocks (partners; activities over resources;
 * value proposition; distribution; clients over beneficiaries) plus the
 * taller of the two wide bottom blocks. That height is estimated for each
 * type size, from the characters of each item against the characters a
 * line holds, and the largest size that fits is kept (the block questions
 * are left out from the third size on). The widths and heights are those
 * of the print stylesheet (lib/html.c) with DejaVu Sans, whose characters
 * average about 0.56 em; the estimate keeps a tenth of the page spare.
 */
static const double density_pt[] = { 7.5, 6.6, 5.8, 5.0, 4.4 };
#define N_DENSITIES (sizeof(density_pt) / sizeof(density_pt[0]))

static double text_lines(const char *s, double per_line)
{
	double n = (double)cz_utf8_chars(s, strlen(s)) + 2;
	double lines = 0;
	while (n > 0) { /* ceil without libm */
		lines += 1;
		n -= per_line;
	}
	return lines;
}

/* Height in points of one block at `pt` points, `width` points wide. */
static double block_height(const cz_canvas *c, const cz_referential *ref, int bloc, double pt, double width,
			   bool questions)
{
	const double line = 1.45 * pt, per_line = (width - 1.2 * pt) / (0.56 * pt);
	double h = 1.15 * line * text_lines(cz_canvas_block_name(ref, bloc), width / (0.62 * 1.15 * pt)) + 0.6 * pt;
	if (questions && ref->blocks[bloc].question)
		h += 0.9 * line * text_lines(ref->blocks[bloc].question, width / (0.56 * 0.9 * pt)) + 0.3 * pt;
	const cz_canvas_block *bl = &c->blocks[bloc];
	int group = -2;
	for (size_t i = 0; i < bl->n; i++) {
		if (bl->typed && bl->items[i]->cout_type != group) {
			group = bl->items[i]->cout_type;
			h += line + 0.4 * pt;
		}
		h += line * text_lines(bl->items[i]->texte, per_line);
	}
	if (!bl->n)
		h += line;
	return h + 2 * 0.4 * pt + 2; /* padding and borders */
}

static int print_density(const cz_canvas *c, const cz_referential *ref)
{
	/* A4 landscape less the page margins: 277 x 188 mm; less the title,
	 * the licence line below the canvas and a tenth spare. */
	const double mm = 72 / 25.4, page_w = 277 * mm, page_h = 188 * mm;
	const double available = 0.9 * (page_h - 2 * 14 * 1.45 - 2 * 10 * 1.45 - 6 * mm);
	const double narrow = page_w / 5, wide = page_w / 2;
	for (size_t d = 0; d < N_DENSITIES; d++) {
		double pt = density_pt[d];
		bool q = d < 2;
		double col[5] = {
			block_height(c, ref, CZ_BLOC_PARTENAIRES, pt, narrow, q),
			block_height(c, ref, CZ_BLOC_ACTIVITES, pt, narrow, q) +
				block_height(c, ref, CZ_BLOC_RESSOURCES, pt, narrow, q),
			block_height(c, ref, CZ_BLOC_PROPOSITION_VALEUR, pt, narrow, q),
			block_height(c, ref, CZ_BLOC_DISTRIBUTION, pt, narrow, q),
			block_height(c, ref, CZ_BLOC_CLIENTS, pt, narrow, q) +
				block_height(c, ref, CZ_BLOC_BENEFICIAIRES, pt, narrow, q),
		};
		double top = 0;
		for (int k = 0; k < 5; k++)
			top = col[k] > top ? col[k] : top;
		double a = block_height(c, ref, CZ_BLOC_COUTS, pt, wide, q),
		       b = block_height(c, ref, CZ_BLOC_REVENUS, pt, wide, q);
		if (top + (a > b ? a : b) <= available)
			return (int)d;
	}
	return (int)N_DENSITIES - 1;
}

cz_status cz_canvas_render_html(const void *result, const cz_render_ctx *rc)
{
	const cz_canvas *c = result;
	const cz_referential *ref = rc->ref;
	cz_buf *out = rc->out;
	size_t start = out->len;
	const char *nom = c->nom ? c->nom : "";
	int density = print_density(c, ref);
	cz_html_section_begin(rc, "bmc", "Canevas du modèle économique", nom, c->project);
	cz_buf_printf(out, "<div class=\"paysage densite-%d\">\n", density);
	cz_html_heading(rc, "Canevas du modèle économique", nom);
	if (c->template_id) {
		cz_buf_puts(out, "<p class=\"note\">Exemple de canevas du référentiel (modèle «\xC2\xA0");
		cz_html_text(out, c->template_id);
		cz_buf_puts(out, "\xC2\xA0»), à adapter à votre projet.</p>\n");
	} else if (!c->has_bmc) {
		cz_buf_puts(out, "<p class=\"note\">Le fichier n'a pas encore de section <code>bmc</code>\xC2\xA0: le "
				 "canevas ci-dessous est vide.</p>\n");
	}
	int level = cz_html_sub_level(rc) + 1;
	cz_buf_puts(out, "<div class=\"canevas\">\n");
	for (int k = 0; k < CZ_BLOC_COUNT; k++)
		block(out, c, ref, cz_canvas_reading_order[k], level);
	cz_buf_puts(out, "</div>\n");
	if (ref->bmc_attribution) {
		cz_buf_puts(out, "<p class=\"note\">");
		cz_html_text(out, ref->bmc_attribution);
		cz_buf_puts(out, "</p>\n");
	}
	cz_buf_puts(out, "</div>\n<div class=\"suite\">\n");
	pillars(out, c, ref, cz_html_sub_level(rc));
	checks(out, c, cz_html_sub_level(rc));
	cz_buf_puts(out, "</div>\n");
	return cz_html_section_close(rc, start, CZ_OK, false);
}
