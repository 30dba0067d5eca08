/* The test-phase decision as Markdown: verdict, reasons, levers, tables. */
#include <stdio.h>
#include <string.h>

#include "format_fr.h"
#include "render.h"
#include "md.h"
#include "origin.h"
#include "testphase.h"

static const char *const verdict_meaning[CZ_VERDICT_COUNT] = {
	"lancer l'activité",
	"prolonger ou ajuster le test",
	"repenser le projet avant d'aller plus loin",
	"les données ne suffisent pas pour décider",
	"le projet a dépassé la phase de test sans que sa sortie soit évaluée",
};

static const char *const status_mark[CZ_TP_STATUS_COUNT] = { "✔", "◐", "✘", "?" };

static void status_cell(cz_buf *b, cz_tp_status s)
{
	cz_buf_putc(b, ' ');
	cz_buf_puts(b, status_mark[s]);
	cz_buf_putc(b, ' ');
	cz_buf_puts(b, cz_tp_status_labels[s]);
	cz_buf_puts(b, " |");
}

static void value_cell(cz_buf *b, const cz_tp_indicator *it)
{
	char s[64];
	if (it->value.set) {
		cz_buf_putc(b, ' ');
		cz_buf_puts(b, cz_tp_format_value(s, sizeof(s), it->unite, it->value.value));
		cz_buf_puts(b, " |");
	} else {
		cz_buf_puts(b, " — |");
	}
}

static void threshold_cell(cz_buf *b, const cz_tp_indicator *it)
{
	char s[160], d[64];
	cz_buf_putc(b, ' ');
	cz_buf_puts(b, cz_tp_format_threshold(s, sizeof(s), it));
	if (it->seuil_override)
		cz_buf_printf(b, " *(seuil du projet\u202F; référentiel\u00A0: %s)*",
			      cz_tp_format_value(d, sizeof(d), it->unite, it->seuil_defaut));
	cz_buf_puts(b, " |");
}

static void bullet(cz_buf *b, const char *s)
{
	cz_buf_puts(b, "- ");
	cz_md_text(b, s);
	cz_buf_putc(b, '\n');
}

static void period(cz_buf *b, const cz_testphase *r)
{
	if (r->from.set && r->to.set)
		cz_buf_printf(b, "Période du test\u00A0: de %04d-%02d à %04d-%02d", r->from.year, r->from.month,
			      r->to.year, r->to.month);
	else if (r->from.set)
		cz_buf_printf(b, "Période du test\u00A0: à partir de %04d-%02d", r->from.year, r->from.month);
	else if (r->to.set)
		cz_buf_printf(b, "Période du test\u00A0: jusqu'à %04d-%02d", r->to.year, r->to.month);
	else
		cz_buf_puts(b, "Période du test\u00A0: non précisée (test.debut et test.fin absents), tous les relevés "
			       "d'activité sont pris en compte");
	cz_buf_printf(b, "\u202F; %zu relevé%s mensuel%s dans la période.", r->n_months, r->n_months > 1 ? "s" : "",
		      r->n_months > 1 ? "s" : "");
	const cz_project *p = r->project;
	if (r->n_months == 0 && p->n_activite > 0) {
		/* Records exist but none falls in the test: most likely a wrong test date. */
		cz_date f = p->activite[0].periode, t = p->activite[p->n_activite - 1].periode;
		if (p->n_activite > 1)
			cz_buf_printf(b, " Les %zu relevés du fichier vont de %04d-%02d à %04d-%02d, hors de cette "
					 "période\u00A0: vérifier test.debut et test.fin.",
				      p->n_activite, f.year, f.month, t.year, t.month);
		else
			cz_buf_printf(b, " Le seul relevé du fichier (%04d-%02d) est hors de cette période\u00A0: vérifier "
					 "test.debut et test.fin.",
				      f.year, f.month);
	}
	cz_buf_puts(b, "\n\n");
}

/* "réglage par défaut de l'outil, ajustable avec --referentiel" or the
 * document's title; an amended referential is said to be one. */
static void rule_origin(cz_buf *b, const cz_ref_source *o, const cz_referential *ref)
{
	if (!o || o->outil) {
		cz_buf_puts(b, "réglage par défaut de l'outil, et non critère du groupe de travail, ajustable avec "
			       "--referentiel");
		if (!ref->builtin)
			cz_buf_puts(b, "\u202F; le référentiel utilisé ici est un référentiel amendé");
	} else {
		cz_buf_puts(b, "critère repris du document «\u00A0");
		cz_md_text(b, o->titre);
		cz_buf_puts(b, "\u00A0»");
	}
}

/* The distinct origins of the items [from, to) (their own, or of their
 * thresholds), in order of first use. */
static size_t distinct_origins(const cz_testphase *r, size_t from, size_t to, bool thresholds,
			       const cz_ref_source **out, size_t cap)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		const cz_ref_source *o = thresholds ? r->items[i].origine_seuils : r->items[i].origine;
		size_t k = 0;
		while (k < n && out[k] != o)
			k++;
		if (k == n && n < cap)
			out[n++] = o;
	}
	return n;
}

/* Names of the items [from, to) whose origin (or thresholds' origin) is o. */
static void names_with_origin(cz_buf *b, const cz_testphase *r, size_t from, size_t to, bool thresholds,
			      const cz_ref_source *o)
{
	size_t k = 0, total = 0;
	for (size_t i = from; i < to; i++)
		total += (thresholds ? r->items[i].origine_seuils : r->items[i].origine) == o;
	for (size_t i = from; i < to; i++) {
		if ((thresholds ? r->items[i].origine_seuils : r->items[i].origine) != o)
			continue;
		cz_buf_puts(b, k == 0 ? "«\u00A0" : k + 1 == total ? "\u00A0» et «\u00A0" : "\u00A0», «\u00A0");
		cz_md_text(b, r->items[i].nom);
		k++;
	}
	if (k)
		cz_buf_puts(b, "\u00A0»");
}

/* "du document « Titre » (auteur)", after "viennent". */
static void source_text(cz_buf *b, const cz_ref_source *o)
{
	cz_buf_puts(b, "du document «\u00A0");
	cz_md_text(b, o->titre);
	cz_buf_puts(b, "\u00A0»");
	if (o->auteur) {
		cz_buf_puts(b, " (");
		cz_md_text(b, o->auteur);
		cz_buf_putc(b, ')');
	}
}

/* Where the criteria come from: the working group's documents name the
 * indicators; the tool sets thresholds, weights and the rule. */
static void origins(cz_buf *b, const cz_testphase *r, const cz_referential *ref)
{
	const cz_ref_source *src[16];
	cz_buf_puts(b, "## D'où viennent ces critères\n\n");
	size_t n = distinct_origins(r, 0, r->n_indicators, false, src, 16);
	for (size_t k = 0; k < n; k++) {
		cz_buf_puts(b, n == 1 ? "- Les indicateurs" : "- Les indicateurs ");
		if (n > 1)
			names_with_origin(b, r, 0, r->n_indicators, false, src[k]);
		if (src[k] && !src[k]->outil) {
			cz_buf_puts(b, " viennent ");
			source_text(b, src[k]);
		} else {
			cz_buf_puts(b, " sont des choix de l'outil, qu'aucun document du groupe de travail ne propose");
		}
		cz_buf_puts(b, ".\n");
	}
	n = distinct_origins(r, 0, r->n_indicators, true, src, 16);
	for (size_t k = 0; k < n; k++) {
		cz_buf_puts(b, "- Les seuils, les poids et le caractère critique ");
		if (n > 1) {
			cz_buf_puts(b, "de ");
			names_with_origin(b, r, 0, r->n_indicators, true, src[k]);
		} else {
			cz_buf_puts(b, "des indicateurs");
		}
		if (src[k] && !src[k]->outil) {
			cz_buf_puts(b, " sont repris du document «\u00A0");
			cz_md_text(b, src[k]->titre);
			cz_buf_puts(b, "\u00A0».\n");
		} else {
			cz_buf_puts(b, " sont des réglages par défaut de l'outil, et non des critères du groupe de "
				       "travail, qui nomme les indicateurs sans les chiffrer. Une structure "
				       "d'accompagnement peut les ajuster dans son référentiel («\u00A0conciergerie "
				       "referentiel -o mon-referentiel.yaml\u00A0», puis --referentiel), et un projet peut "
				       "fixer ses propres seuils dans sa rubrique `test.seuils`.\n");
		}
	}
	for (size_t i = 0; i < r->n_conditions; i++) {
		if (i == 0)
			cz_buf_puts(b, "- Les conditions de décision ");
		if (i > 0)
			continue;
		const cz_ref_source *o = r->conditions[0].ref->origine;
		bool same_doc = r->n_indicators && r->items[0].origine == o;
		if (o && !o->outil && same_doc) {
			cz_buf_puts(b, "viennent du même document");
			cz_buf_puts(b, "\u202F; qu'un GO les exige toutes est une règle de l'outil.\n");
		} else if (o && !o->outil) {
			cz_buf_puts(b, "viennent ");
			source_text(b, o);
			cz_buf_puts(b, "\u202F; qu'un GO les exige toutes est une règle de l'outil.\n");
		} else {
			cz_buf_puts(b, "sont un réglage par défaut de l'outil.\n");
		}
	}
	cz_buf_puts(b, "- La règle du verdict\u00A0: ");
	rule_origin(b, ref->rule.origine, ref);
	cz_buf_puts(b, ".\n");
	for (size_t i = r->n_indicators; i < r->n_items; i++) {
		const cz_tp_indicator *it = &r->items[i];
		cz_buf_puts(b, "- Le piège «\u00A0");
		cz_md_text(b, it->nom);
		cz_buf_puts(b, "\u00A0»");
		if (it->origine && !it->origine->outil) {
			cz_buf_puts(b, " vient ");
			source_text(b, it->origine);
		} else {
			cz_buf_puts(b, " est un choix de l'outil");
		}
		if (it->origine_seuils == it->origine)
			cz_buf_puts(b, ", avec sa limite");
		else if (!it->origine_seuils || it->origine_seuils->outil)
			cz_buf_puts(b, "\u202F; sa limite est un réglage par défaut de l'outil");
		cz_buf_puts(b, ".\n");
	}
	cz_buf_puts(b, "\n");
}

/* Loans and repayable advances, on their own line: cash, not a resource. */
static void cash(cz_buf *b, const cz_testphase *r)
{
	const cz_test *t = &r->project->test;
	if (!(r->prets > 0) && !(r->prets_autres > 0) && !t->tresorerie_mois.set)
		return;
	char a[64];
	cz_buf_puts(b, "## Trésorerie\n\n");
	if (t->tresorerie_mois.set)
		cz_buf_printf(b, "- Mois de charges que la trésorerie couvre (test.tresorerie_mois)\u00A0: %s mois.\n",
			      cz_fr_compact(a, sizeof(a), t->tresorerie_mois.value, 1));
	if (r->prets > 0)
		cz_buf_printf(b, "- Prêts et avances remboursables acquis\u00A0: %s. C'est de la trésorerie, pas une "
				 "ressource\u00A0: ils seront remboursés, ils ne comptent donc ni dans l'équilibre financier "
				 "ni dans l'autofinancement.\n",
			      cz_fr_euros(a, sizeof(a), r->prets));
	if (r->prets_autres > 0)
		cz_buf_printf(b, "- Prêts et avances remboursables non acquis ou d'une autre année\u00A0: %s, hors "
				 "équilibre de la même façon.\n",
			      cz_fr_euros(a, sizeof(a), r->prets_autres));
	cz_buf_puts(b, "\n");
}

static void indicator_rows(cz_buf *b, const cz_testphase *r, size_t from, size_t to)
{
	char s[64];
	for (size_t i = from; i < to; i++) {
		const cz_tp_indicator *it = &r->items[i];
		cz_buf_puts(b, "| ");
		cz_md_text(b, it->nom);
		if (it->critique)
			cz_buf_puts(b, " **(critique)**");
		if (!it->is_pitfall)
			cz_buf_puts(b, it->qualitatif ? " | qualitatif |" : " | quantitatif |");
		else
			cz_buf_puts(b, " |");
		value_cell(b, it);
		threshold_cell(b, it);
		status_cell(b, it->status);
		if (!it->is_pitfall) {
			cz_buf_putc(b, ' ');
			cz_buf_puts(b, cz_fr_compact(s, sizeof(s), it->poids, 2));
			cz_buf_puts(b, " |");
		}
		cz_buf_putc(b, '\n');
	}
}

cz_status cz_testphase_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_testphase *r = result;
	const cz_referential *ref = rc->ref;
	cz_buf *b = rc->out;
	const cz_project *p = r->project;
	size_t start = b->len;
	char s[160];
	cz_buf_puts(b, "# Sortie de la phase de test — ");
	cz_md_text(b, p->projet.nom ? p->projet.nom : "projet sans nom");
	cz_buf_puts(b, "\n\n");
	cz_buf_printf(b, "**Verdict\u00A0: %s** — %s.\n\n", cz_verdict_labels[r->verdict], verdict_meaning[r->verdict]);
	if (!r->has_test && !r->not_assessed)
		cz_buf_puts(b, "Le fichier n'a pas de section `test:`\u00A0: les indicateurs qualitatifs, le carnet de "
			       "commandes, la charge de travail et les conditions de décision ne sont pas renseignés. "
			       "La liste des données à saisir figure en fin de rapport.\n\n");
	period(b, r);

	cz_buf_puts(b, "## Pourquoi ce verdict\n\n");
	for (size_t i = 0; i < r->n_raisons; i++)
		bullet(b, r->raisons[i]);
	if (!r->not_assessed) {
		cz_buf_puts(b, "\nRègle appliquée (");
		rule_origin(b, ref->rule.origine, ref);
		cz_buf_puts(b, ")\u00A0: ");
		cz_md_text(b, ref->rule.explication ? ref->rule.explication : "");
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n");

	cz_buf_puts(b, "## Ce qui changerait le verdict\n\n");
	if (r->n_leviers == 0)
		cz_buf_puts(b, "Tous les indicateurs sont atteints.\n");
	for (size_t i = 0; i < r->n_leviers; i++) {
		if (r->leviers_niveau[i])
			cz_buf_puts(b, "  ");
		bullet(b, r->leviers[i]);
	}
	cz_buf_puts(b, "\n");

	cz_buf_printf(b, "## Indicateurs\n\n%zu atteint%s, %zu partiel%s, %zu non atteint%s, %zu non renseigné%s\u202F; "
			 "score %s.\n\n",
		      r->counts[CZ_TP_ATTEINT], r->counts[CZ_TP_ATTEINT] > 1 ? "s" : "",
		      r->counts[CZ_TP_PARTIEL], r->counts[CZ_TP_PARTIEL] > 1 ? "s" : "",
		      r->counts[CZ_TP_NON_ATTEINT], r->counts[CZ_TP_NON_ATTEINT] > 1 ? "s" : "",
		      r->counts[CZ_TP_NON_RENSEIGNE], r->counts[CZ_TP_NON_RENSEIGNE] > 1 ? "s" : "",
		      cz_fr_number(s, sizeof(s), r->score, 2));
	cz_buf_puts(b, "| Indicateur | Nature | Valeur | Seuil | Statut | Poids |\n|---|---|---:|---|---|---:|\n");
	indicator_rows(b, r, 0, r->n_indicators);
	cz_buf_puts(b, "\n### Comment chaque valeur est obtenue\n\n");
	for (size_t i = 0; i < r->n_indicators; i++) {
		const cz_tp_indicator *it = &r->items[i];
		cz_buf_puts(b, "- **");
		cz_md_text(b, it->nom);
		cz_buf_puts(b, "** (");
		cz_buf_puts(b, cz_tp_status_labels[it->status]);
		cz_buf_puts(b, ")\u00A0: ");
		cz_md_text(b, it->calcul ? it->calcul : "");
		if (it->cible) {
			cz_buf_puts(b, " Pour l'atteindre\u00A0: ");
			cz_md_text(b, it->cible);
		}
		cz_buf_putc(b, '\n');
	}
	cz_buf_puts(b, "\n");

	cz_buf_puts(b, "## Conditions de décision\n\n| Condition | Valeur | Attendu | Statut |\n|---|---|---|---|\n");
	for (size_t i = 0; i < r->n_conditions; i++) {
		const cz_tp_condition *cd = &r->conditions[i];
		cz_buf_puts(b, "| ");
		cz_md_text(b, cd->ref->nom);
		cz_buf_printf(b, " | %s | oui |", cd->value < 0 ? "—" : cd->value ? "oui" : "non");
		status_cell(b, cd->status);
		cz_buf_putc(b, '\n');
	}
	cz_buf_puts(b, "\nChaque condition est déclarée dans `test.conditions`\u202F; elles ne pèsent pas dans le score "
		       "mais un GO exige qu'elles soient toutes réunies.\n\n");

	if (r->n_items > r->n_indicators) {
		cz_buf_puts(b, "## Pièges à éviter (hors score)\n\n| Piège | Valeur | Seuil | Statut |\n|---|---:|---|---|\n");
		indicator_rows(b, r, r->n_indicators, r->n_items);
		cz_buf_puts(b, "\n");
		for (size_t i = r->n_indicators; i < r->n_items; i++) {
			const cz_tp_indicator *it = &r->items[i];
			cz_buf_puts(b, "- **");
			cz_md_text(b, it->nom);
			cz_buf_puts(b, "**\u00A0: ");
			cz_md_text(b, it->calcul ? it->calcul : "");
			cz_buf_putc(b, ' ');
			cz_md_text(b, it->explication ? it->explication : "");
			cz_buf_putc(b, '\n');
		}
		cz_buf_puts(b, "\n");
	}

	/* The test phase's conditions of success (seed 001), as the working group wrote them. */
	const cz_ref_phase *tp = &ref->phases[CZ_PHASE_TEST];
	if (tp->n_conditions_reussite) {
		cz_buf_puts(b, "## Conditions de réussite du test\n\nCe que le groupe de travail retient pour qu'un test "
			       "réussisse (à apprécier avec le porteur, hors score)\u00A0:\n\n");
		for (size_t i = 0; i < tp->n_conditions_reussite; i++)
			bullet(b, tp->conditions_reussite[i].nom);
		cz_buf_puts(b, "\n");
	}
	cash(b, r);
	origins(b, r, ref);
	cz_buf_puts(b, "## Seuils propres au projet\n\n");
	size_t n_over = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const cz_tp_indicator *it = &r->items[i];
		if (!it->seuil_override)
			continue;
		char a[64], d[64];
		n_over++;
		cz_buf_puts(b, "- «\u00A0");
		cz_md_text(b, it->nom);
		cz_buf_printf(b, "\u00A0»\u00A0: seuil %s au lieu de %s (test.seuils.%s).\n",
			      cz_tp_format_value(a, sizeof(a), it->unite, it->seuil),
			      cz_tp_format_value(d, sizeof(d), it->unite, it->seuil_defaut),
			      cz_measure_keys[it->mesure]);
	}
	if (n_over == 0)
		cz_buf_puts(b, "Aucun\u00A0: les seuils du référentiel s'appliquent (rubrique `test.seuils` pour fixer les "
			       "siens).\n");
	cz_buf_puts(b, "\n");

	if (r->n_a_saisir > 0) {
		cz_buf_puts(b, "## Données à saisir\n\n");
		for (size_t i = 0; i < r->n_a_saisir; i++)
			bullet(b, r->a_saisir[i]);
		cz_buf_puts(b, "\n");
	}
	cz_md_finish(b, start);
	return cz_buf_ok(b) ? CZ_OK : CZ_ERR_NOMEM;
}
