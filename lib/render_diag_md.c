/*
 * The diagnostic as Markdown (GFM tables), meant to read well both on a
 * forge and in a terminal: short sentences, bars of ten cells, ids in code
 * spans so that a carrier can copy them into the project file.
 */
#include "diag.h"
#include "render.h"

#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "md.h"
#include "md_summary.h"
#include "origin.h"
#include "text.h"

#define BAR_WIDTH 10

static const char *phase_name(const cz_diag *d, cz_phase ph)
{
	return cz_md_phase_name(d->ref, ph);
}

static void md_code(cz_buf *b, const char *id)
{
	cz_md_code(b, id);
}

static void num_or_dash(cz_buf *b, cz_num n)
{
	char s[64];
	cz_buf_puts(b, n.set ? cz_fr_compact(s, sizeof(s), n.value, 2) : "—");
}

static void step_status(cz_buf *b, const cz_diag_step *s)
{
	cz_buf_puts(b, cz_enum_label(&cz_enum_step_status, s->status));
	if (!s->recorded)
		cz_buf_puts(b, ", non renseignée");
}

static void step_line(cz_buf *b, const cz_diag_step *s, const char *prefix)
{
	cz_buf_puts(b, prefix);
	md_code(b, s->step->id);
	cz_buf_puts(b, " ");
	cz_md_text(b, s->step->nom);
	cz_buf_puts(b, " (");
	step_status(b, s);
	cz_buf_puts(b, ")\n");
}

static void identity(const cz_diag *d, cz_buf *b)
{
	const cz_projet *pj = &d->project->projet;
	char s1[64], s2[64], s3[64];
	cz_buf_puts(b, "## Le projet\n\n| Identité | |\n|---|---|\n| Type | ");
	cz_md_text(b, cz_enum_label(&cz_enum_type, pj->type));
	cz_buf_puts(b, " |\n| Lieu | ");
	cz_buf_puts(b, pj->lieu_set ? cz_enum_label(&cz_enum_lieu, pj->lieu) : "non renseigné");
	cz_buf_puts(b, " |\n| Porteur | ");
	if (pj->porteur_set && pj->porteur.nom) {
		cz_md_text(b, pj->porteur.nom);
		if (pj->porteur.statut_set)
			cz_buf_printf(b, " (%s)", cz_enum_label(&cz_enum_statut, pj->porteur.statut));
	} else {
		cz_buf_puts(b, "non renseigné");
	}
	cz_buf_puts(b, " |\n| Territoire | ");
	if (d->starter.territoire) {
		cz_buf_puts(b, "non renseigné (le nom et les effectifs sont encore ceux du fichier de départ)");
	} else if (pj->territoire_set && pj->territoire.nom) {
		const cz_territoire *t = &pj->territoire;
		cz_md_text(b, t->nom);
		/* A zero is the starter file's placeholder, not a count: leave it out. */
		const char *sep = "\u00A0: ";
		if (t->population.set && t->population.value > 0) {
			cz_buf_printf(b, "%s%s habitant%s", sep, cz_fr_number(s1, sizeof(s1), t->population.value, 0),
				      cz_fr_s(t->population.value));
			sep = ", ";
		}
		if (t->entreprises.set && t->entreprises.value > 0) {
			cz_buf_printf(b, "%s%s entreprise%s", sep, cz_fr_number(s2, sizeof(s2), t->entreprises.value, 0),
				      cz_fr_s(t->entreprises.value));
			sep = ", ";
		}
		if (t->salaries.set && t->salaries.value > 0) {
			cz_buf_printf(b, "%s%s salarié%s", sep, cz_fr_number(s3, sizeof(s3), t->salaries.value, 0),
				      cz_fr_s(t->salaries.value));
			sep = ", ";
		}
		if (sep[0] == ' ')
			cz_buf_puts(b, " (population, entreprises et salariés non renseignés)");
	} else {
		cz_buf_puts(b, "non renseigné");
	}
	cz_buf_puts(b, " |\n\n");
	const cz_starter *st = &d->starter;
	if (st->found) {
		cz_buf_puts(b, st->untouched ? "> **Fichier de départ non rempli.** Ce fichier est encore celui qu'écrit "
					      "«\u00A0conciergerie init\u00A0»\u00A0: "
					    : "> **Exemples du fichier de départ.** Restent dans ce fichier, tels que les "
					      "écrit «\u00A0conciergerie init\u00A0»\u00A0: ");
		cz_buf tmp;
		cz_buf_init(&tmp);
		cz_starter_describe(st, &tmp);
		cz_md_text(b, tmp.data ? tmp.data : "");
		cz_buf_free(&tmp);
		cz_buf_puts(b, ". Ces exemples ne sont pas comptés comme des données du projet\u00A0: remplacez-les par les "
			       "vôtres.\n\n");
	}
}

static void phases(const cz_diag *d, cz_buf *b)
{
	char pct[CZ_FR_SIZE];
	cz_buf_puts(b, "## Avancement des quatre phases\n\n"
		       "| Phase | Avancement | % | Faites | En cours | À faire | dont non renseignées | Sans objet |\n"
		       "|---|---|--:|--:|--:|--:|--:|--:|\n");
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		cz_buf_puts(b, "| ");
		if (ph == (int)d->declared)
			cz_buf_printf(b, "**%s** (déclarée)", phase_name(d, (cz_phase)ph));
		else
			cz_buf_puts(b, phase_name(d, (cz_phase)ph));
		cz_buf_puts(b, " | ");
		if (dp->has_ratio) {
			cz_md_bar(b, dp->ratio, BAR_WIDTH);
			cz_buf_puts(b, " | ");
			cz_buf_puts(b, cz_fr_percent(pct, sizeof(pct), dp->ratio));
		} else {
			cz_buf_puts(b, "sans objet | —");
		}
		const size_t counts[] = { dp->done, dp->in_progress, dp->todo, dp->unrecorded, dp->not_applicable };
		for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
			cz_buf_puts(b, " | ");
			cz_buf_put_size(b, counts[k]);
		}
		cz_buf_puts(b, " |\n");
	}
	cz_buf_printf(b, "\nAvancement = (étapes faites + ½ étapes en cours) / étapes applicables "
			 "(hors «\u00A0sans objet\u00A0»)\u202F; une étape absente du fichier compte comme à faire. "
			 "La phase étayée est la plus avancée dont chaque phase précédente atteint %s (",
		      cz_fr_percent(pct, sizeof(pct), d->threshold));
	cz_origin_md(b, d->threshold_origine);
	cz_buf_puts(b, "). Les étapes et les compétences viennent de la fiche «\u00A0");
	const cz_ref_source *so = d->ref->phases[d->declared].origine;
	cz_md_text(b, so && !so->outil ? so->titre : "référentiel");
	cz_buf_puts(b, "\u00A0».\n\n");

	if (d->overlap) {
		cz_buf_printf(b, "> **Test et lancement se chevauchent.** Le projet se déclare en phase %s alors que la "
				 "phase %s n'est pas terminée\u00A0: c'est fréquent, les deux phases sont souvent "
				 "articulées. ",
			      phase_name(d, d->declared), phase_name(d, d->supported));
		cz_buf_printf(b, "Étape%s de la phase %s à mener à bien en parallèle\u00A0:\n>\n", d->n_blocking > 1 ? "s" : "",
			      phase_name(d, d->supported));
		for (size_t i = 0; i < d->n_blocking; i++)
			step_line(b, d->blocking[i], "> - ");
		cz_buf_puts(b, "\n");
	} else if (d->ahead) {
		cz_buf_printf(b, "> **⚠ Phase déclarée en avance.** Le projet se déclare en phase %s, "
				 "mais ses étapes n'étayent que la phase %s. ",
			      phase_name(d, d->declared), phase_name(d, d->supported));
		cz_buf_printf(b, "Étape%s à terminer d'abord\u00A0:\n>\n", d->n_blocking > 1 ? "s" : "");
		for (size_t i = 0; i < d->n_blocking; i++)
			step_line(b, d->blocking[i], "> - ");
		cz_buf_puts(b, "\n");
	}

	const cz_ref_phase *rp = &d->ref->phases[d->declared];
	cz_buf_printf(b, "### Étapes restantes de la phase %s\n\n", phase_name(d, d->declared));
	if (d->n_remaining == 0)
		cz_buf_puts(b, "Toutes les étapes de la phase sont faites ou sans objet.\n\n");
	for (size_t i = 0; i < d->n_remaining; i++)
		step_line(b, d->remaining[i], "- ");
	if (d->n_remaining)
		cz_buf_puts(b, "\n");
	if (rp->point_attention) {
		cz_buf_puts(b, "Point d'attention de la phase\u00A0: ");
		cz_md_text(b, rp->point_attention);
		cz_buf_puts(b, "\n\n");
	}
	/* The blocking steps are already listed in the warning above. */
	size_t others = d->n_left_behind - d->n_blocking;
	if (others) {
		cz_buf_puts(b, "### Étapes laissées en arrière\n\n"
			       "Encore ouvertes dans des phases précédentes, sans bloquer (leur phase atteint le seuil)\u00A0:\n\n");
		for (size_t i = 0; i < d->n_left_behind; i++) {
			const cz_diag_step *s = d->left_behind[i];
			bool blocking = false;
			for (size_t k = 0; k < d->n_blocking && !blocking; k++)
				blocking = d->blocking[k] == s;
			if (blocking)
				continue;
			cz_buf_printf(b, "- %s\u00A0: ", phase_name(d, s->phase));
			step_line(b, s, "");
		}
		cz_buf_puts(b, "\n");
	}
}

static void tally_row(cz_buf *b, const cz_cov_tally *t)
{
	char pct[CZ_FR_SIZE];
	const size_t counts[] = { t->counts[CZ_COV_CARRIER],	 t->counts[CZ_COV_NETWORK],
				  t->counts[CZ_COV_IN_PROGRESS], t->counts[CZ_COV_GAP],
				  t->counts[CZ_COV_UNASSESSED],	 t->counts[CZ_COV_NOT_APPLICABLE],
				  t->total };
	cz_buf_puts(b, " | ");
	cz_buf_puts(b, cz_fr_percent(pct, sizeof(pct), t->ratio));
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		cz_buf_puts(b, " | ");
		cz_buf_put_size(b, counts[k]);
	}
	cz_buf_puts(b, " |\n");
}

static void skill_list(const cz_diag *d, cz_buf *b, cz_cov_state state, const char *title)
{
	const cz_cov_phase *c = &d->coverage;
	if (c->total.counts[state] == 0)
		return;
	cz_buf_puts(b, title);
	cz_buf_puts(b, "\u00A0:\n\n");
	for (size_t i = 0; i < c->n_items; i++) {
		if (c->items[i].state != state)
			continue;
		cz_buf_puts(b, "- ");
		md_code(b, c->items[i].competence->id);
		cz_buf_puts(b, " ");
		cz_md_text(b, c->items[i].competence->nom);
		if (c->items[i].porte_par) {
			cz_buf_puts(b, " (avec ");
			cz_md_text(b, c->items[i].porte_par);
			cz_buf_puts(b, ")");
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n");
}

static void skills(const cz_diag *d, cz_buf *b)
{
	const cz_cov_phase *c = &d->coverage;
	char pct[CZ_FR_SIZE];
	cz_buf_printf(b, "## Compétences de la phase %s\n\n", phase_name(d, d->declared));
	size_t na = c->total.counts[CZ_COV_NOT_APPLICABLE];
	if (c->total.total == 0 && na == 0) {
		cz_buf_puts(b, "Le référentiel n'attend aucune compétence pour cette phase.\n\n");
		return;
	}
	if (c->total.total == 0) {
		cz_buf_puts(b, "Toutes les compétences de la phase sont déclarées sans objet pour le projet.\n\n");
	} else {
		cz_buf_puts(b, "Couverture\u00A0: ");
		cz_md_bar(b, c->total.ratio, BAR_WIDTH);
		cz_buf_printf(b, " %s (acquises par le porteur ou portées par le réseau, plus ½ en cours, "
				 "sur %zu compétence%s applicable%s",
			      cz_fr_percent(pct, sizeof(pct), c->total.ratio), c->total.total,
			      cz_fr_s((double)c->total.total), cz_fr_s((double)c->total.total));
		if (na)
			cz_buf_printf(b, "\u202F; %zu sans objet pour le projet, hors du calcul", na);
		cz_buf_puts(b, ").\n\n");
	}
	/* The families come from the competence sheet; which competence goes
	 * in which family is the tool's choice (origine_famille). */
	const cz_ref_phase *rp = &d->ref->phases[d->declared];
	if (rp->n_competences && rp->competences[0].origine_famille && rp->competences[0].origine_famille->outil)
		cz_buf_puts(b, "Le classement de chaque compétence dans une famille est un choix de l'outil\u00A0: la fiche "
			       "du groupe de travail décrit les familles sans y ranger les compétences.\n\n");
	cz_buf_puts(b, "| Famille | Couverture | Porteur | Réseau | En cours | À acquérir | Non évaluées | Sans objet | "
		       "Total applicable |\n"
		       "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (size_t f = 0; f < c->n_families; f++) {
		if (c->by_family[f].total == 0 && c->by_family[f].counts[CZ_COV_NOT_APPLICABLE] == 0)
			continue;
		cz_buf_puts(b, "| ");
		cz_md_text(b, d->ref->families[f].nom);
		tally_row(b, &c->by_family[f]);
	}
	cz_buf_puts(b, "| **Ensemble**");
	tally_row(b, &c->total);
	cz_buf_puts(b, "\n");
	if (d->n_carriers) {
		cz_buf_puts(b, "Portées par un acteur du réseau\u00A0:\n\n");
		for (size_t k = 0; k < d->n_carriers; k++) {
			cz_buf_puts(b, "- **");
			cz_md_text(b, d->carriers[k].actor);
			cz_buf_puts(b, "**\u00A0: ");
			for (size_t i = 0; i < d->carriers[k].n_items; i++) {
				if (i)
					cz_buf_puts(b, ", ");
				md_code(b, d->carriers[k].items[i]->competence->id);
			}
			cz_buf_puts(b, "\n");
		}
		cz_buf_puts(b, "\n");
	}
	skill_list(d, b, CZ_COV_GAP, "Lacunes (à acquérir ou à confier à un acteur du réseau)");
	skill_list(d, b, CZ_COV_IN_PROGRESS, "En cours d'acquisition");
	skill_list(d, b, CZ_COV_UNASSESSED, "Non évaluées (absentes de la rubrique «\u00A0competences\u00A0»)");
	skill_list(d, b, CZ_COV_NOT_APPLICABLE, "Sans objet pour le projet (hors de la couverture)");
}

static void offer_name(cz_buf *b, const cz_offer *o)
{
	cz_buf_puts(b, "«\u00A0");
	cz_md_text(b, o->service ? o->service : "?");
	cz_buf_puts(b, "\u00A0»");
}

static void answer(cz_buf *b, const cz_diag_need *dn)
{
	switch (dn->answer) {
	case CZ_DIAG_ANSWER_PRIORITY:
	case CZ_DIAG_ANSWER_OTHER:
		cz_buf_puts(b, dn->answer == CZ_DIAG_ANSWER_PRIORITY ? "**oui**\u00A0: " : "offre non prioritaire\u00A0: ");
		offer_name(b, dn->offer);
		if (dn->offer->cible_set && (!dn->need->cible_set || dn->offer->cible != dn->need->cible)) {
			cz_buf_puts(b, " (cible de l'offre\u00A0: ");
			cz_buf_puts(b, cz_enum_label(&cz_enum_cible, dn->offer->cible));
			cz_buf_putc(b, ')');
		}
		if (dn->n_offers > 1)
			cz_buf_printf(b, " (+ %zu autre%s offre%s de nom proche)", dn->n_offers - 1,
				      dn->n_offers > 2 ? "s" : "", dn->n_offers > 2 ? "s" : "");
		break;
	case CZ_DIAG_ANSWER_SAME_CIBLE:
		cz_buf_puts(b, "pas d'offre de ce nom\u202F; même cible\u00A0: ");
		for (size_t k = 0; k < dn->n_same_cible; k++) {
			if (k)
				cz_buf_puts(b, ", ");
			offer_name(b, dn->same_cible[k]);
		}
		break;
	default:
		cz_buf_printf(b, "non, %s", cz_diag_answer_labels[dn->answer]);
	}
}

static void needs(const cz_diag *d, cz_buf *b)
{
	char n[CZ_FR_SIZE];
	cz_buf_puts(b, "## Besoins et offre\n\n");
	if (d->n_starter_needs) {
		cz_buf_puts(b, "Non compté, car exemple du fichier de départ\u00A0: ");
		for (size_t i = 0; i < d->n_starter_needs; i++) {
			cz_buf_puts(b, i ? ", «\u00A0" : "«\u00A0");
			cz_md_text(b, d->starter_needs[i]->besoin);
			cz_buf_puts(b, "\u00A0»");
		}
		cz_buf_puts(b, ".\n\n");
	}
	if (d->n_needs == 0) {
		cz_buf_puts(b, "Aucun besoin recensé (rubrique «\u00A0besoins\u00A0»).\n\n");
	} else {
		cz_buf_puts(b, "| Rang | Besoin | Cible | Demandes | Réponse de l'offre |\n|--:|---|---|--:|---|\n");
		for (size_t i = 0; i < d->n_needs; i++) {
			const cz_diag_need *dn = &d->needs[i];
			cz_buf_puts(b, "| ");
			cz_buf_put_size(b, i + 1);
			cz_buf_puts(b, " | ");
			cz_md_text(b, dn->need->besoin);
			cz_buf_puts(b, " | ");
			cz_buf_puts(b, dn->need->cible_set ? cz_enum_label(&cz_enum_cible, dn->need->cible) : "—");
			cz_buf_puts(b, " | ");
			num_or_dash(b, dn->need->demandes);
			cz_buf_puts(b, " | ");
			answer(b, dn);
			cz_buf_puts(b, " |\n");
		}
		cz_buf_puts(b, "\nUne offre répond à un besoin quand leurs noms se correspondent, sans tenir compte "
			       "des majuscules ni des accents\u00A0: l'un contient l'autre, ou ils partagent un mot "
			       "significatif d'au moins 5 lettres. Le besoin est servi («\u00A0oui\u00A0») quand la meilleure "
			       "de ces offres (même nom, puis même cible) est prioritaire. «\u00A0Même cible\u00A0» signale "
			       "seulement des offres destinées au même public, sans offre de ce nom\u00A0: une réponse "
			       "plus faible, à vérifier.\n\n");
	}
	cz_buf_printf(b, "Couples produit / marché prioritaires\u00A0: %zu", d->n_priority_offers);
	if (d->has_priority_limit)
		cz_buf_printf(b, " (le référentiel en conseille %s au plus pendant le test)",
			      cz_fr_compact(n, sizeof(n), d->priority_limit, 2));
	cz_buf_puts(b, ".\n\n");
	if (d->n_unmatched_offers) {
		cz_buf_puts(b, "Offres qui ne répondent à aucun besoin recensé (aucun besoin ne porte un nom proche)\u00A0:\n\n");
		for (size_t i = 0; i < d->n_unmatched_offers; i++) {
			const cz_offer *o = d->unmatched_offers[i];
			cz_buf_puts(b, "- ");
			cz_md_text(b, o->service);
			cz_buf_printf(b, " (cible\u00A0: %s%s)\n",
				      o->cible_set ? cz_enum_label(&cz_enum_cible, o->cible) : "non renseignée",
				      o->prioritaire ? ", prioritaire" : "");
		}
		cz_buf_puts(b, "\n");
	}
}

static void alerts(const cz_diag *d, cz_buf *b)
{
	cz_buf_puts(b, "## Alertes\n\n");
	if (d->n_alerts == 0) {
		cz_buf_puts(b, "Aucune alerte.\n\n");
		return;
	}
	cz_buf_puts(b, "| Gravité | Alerte | Constat | Pourquoi | Étapes |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->n_alerts; i++) {
		const cz_diag_alert *a = &d->alerts[i];
		cz_severity s = a->rule->severite;
		cz_buf_puts(b, s == CZ_SEV_CRITIQUE ? "| **" : "| ");
		cz_buf_puts(b, cz_enum_label(&cz_enum_severity, (int)s));
		cz_buf_puts(b, s == CZ_SEV_CRITIQUE ? "** | " : " | ");
		cz_md_text(b, a->rule->nom);
		cz_buf_puts(b, " (");
		md_code(b, a->rule->id);
		cz_buf_puts(b, ") | ");
		cz_md_text(b, a->detail);
		cz_buf_puts(b, " | ");
		cz_md_text(b, a->rule->raison);
		cz_buf_puts(b, " | ");
		for (size_t k = 0; k < a->n_steps; k++) {
			if (k)
				cz_buf_puts(b, ", ");
			md_code(b, a->steps[k]);
		}
		if (a->n_steps == 0)
			cz_buf_puts(b, "—");
		cz_buf_puts(b, " |\n");
	}
	/* Say whose rules these are: each alert's origin, grouped. */
	size_t tool = 0;
	for (size_t i = 0; i < d->n_alerts; i++)
		tool += !d->alerts[i].rule->origine || d->alerts[i].rule->origine->outil;
	if (tool == d->n_alerts)
		cz_buf_puts(b, "\nCes règles d'alerte et leurs gravités sont des réglages par défaut de l'outil, et non "
			       "des critères du groupe de travail\u00A0: leurs raisons s'appuient sur ses documents, mais le "
			       "choix de ce qui déclenche une alerte et de sa gravité appartient à l'outil, et se règle "
			       "avec --referentiel.\n");
	else if (tool > 0)
		cz_buf_printf(b, "\n%zu de ces règles d'alerte, avec leur gravité, sont des réglages par défaut de l'outil "
				 "(ajustables avec --referentiel)\u202F; les autres reprennent un critère du groupe de "
				 "travail.\n",
			      tool);
	cz_buf_puts(b, "\n");
}

static void definition(const cz_diag *d, cz_buf *b)
{
	cz_buf_puts(b, "## Au regard de la définition d'une conciergerie de territoire\n\n");
	const cz_ref_source *o = d->ref->origine_definition;
	if (o && !o->outil) {
		cz_buf_puts(b, "Définition reprise du document «\u00A0");
		cz_md_text(b, o->titre);
		cz_buf_puts(b, "\u00A0»\u00A0: ce que les données du fichier en disent.\n\n");
	}
	cz_buf_puts(b, "| | Caractéristique ou principe | D'après le fichier | Constat |\n|---|---|---|---|\n");
	for (size_t i = 0; i < d->n_definition; i++) {
		const cz_diag_definition *df = &d->definition[i];
		cz_buf_puts(b, df->principle ? "| principe | " : strcmp(df->id, "definition") == 0 ? "| définition | "
												    : "| caractéristique | ");
		cz_md_text(b, df->nom);
		cz_buf_puts(b, df->state == CZ_DEF_MISSED ? " | **" : " | ");
		cz_buf_puts(b, cz_def_state_labels[df->state]);
		cz_buf_puts(b, df->state == CZ_DEF_MISSED ? "** | " : " | ");
		cz_md_text(b, df->detail);
		cz_buf_puts(b, " |\n");
	}
	cz_buf_puts(b, "\n");
}

cz_status cz_diag_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_diag *d = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_buf_puts(out, "# Diagnostic\u00A0: ");
	cz_md_text(out, d->project->projet.nom);
	cz_buf_puts(out, "\n\n");
	/* A report gives the summary at its head (and the html page in its
	 * card): the diagnostic alone gives it before its details. */
	if (!rc->summary_given)
		cz_md_summary(out, d, d->testphase, 2);
	identity(d, out);
	phases(d, out);
	skills(d, out);
	needs(d, out);
	definition(d, out);
	alerts(d, out);
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
