/* The method as a Markdown guide (lib/render.h). */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "render.h"
#include "md.h"
#include "testphase.h"

static void text(cz_buf *b, const char *s)
{
	cz_md_text(b, s ? s : "");
}

/* "*(fiche « … »)*" or "*(réglage par défaut de l'outil)*". */
/* "*Quoi : « Titre »*", or inline (what NULL) "*(« Titre »)*"; the tool's
 * origin reads "réglage par défaut de l'outil". */
static void origin(cz_buf *b, const char *what, const cz_ref_source *o)
{
	cz_buf_puts(b, what ? "*" : "*(");
	if (what) {
		text(b, what);
		cz_buf_puts(b, "\u00A0: ");
	}
	if (!o || o->outil) {
		cz_buf_puts(b, "réglage par défaut de l'outil");
	} else {
		cz_buf_puts(b, "«\u00A0");
		text(b, o->titre);
		cz_buf_puts(b, "\u00A0»");
	}
	cz_buf_puts(b, what ? "*" : ")*");
}

static void code(cz_buf *b, const char *id)
{
	/* an id is any text of the referential: a safe code span */
	cz_md_code(b, id ? id : "?");
}

static void sources(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## Les sources\n\n"
		       "La méthode reprend, reformulés, les documents suivants\u00A0:\n\n");
	for (size_t i = 1; i < ref->n_sources; i++) {
		const cz_ref_source *s = &ref->sources[i];
		cz_buf_puts(b, "- «\u00A0");
		text(b, s->titre);
		cz_buf_puts(b, "\u00A0»");
		if (s->auteur) {
			cz_buf_puts(b, ", ");
			text(b, s->auteur);
		}
		cz_buf_puts(b, " (");
		code(b, s->id);
		cz_buf_puts(b, ").\n");
	}
	if (ref->n_sources == 1)
		cz_buf_puts(b, "- Ce référentiel ne déclare aucune source (rubrique `sources`).\n");
	cz_buf_puts(b, "\nL'outil y ajoute ses propres réglages, que ces documents ne chiffrent pas\u00A0: seuils, "
		       "poids et caractère critique des indicateurs, règle du verdict, règles d'alerte, "
		       "classement des compétences en familles, étiquettes des canevas d'exemple… Chaque élément "
		       "ci-dessous dit d'où il vient\u202F; un «\u00A0réglage par défaut de l'outil\u00A0» n'est pas un critère "
		       "du groupe de travail, et une structure d'accompagnement peut le changer dans son propre "
		       "référentiel («\u00A0conciergerie referentiel -o mon-referentiel.yaml\u00A0», puis "
		       "--referentiel mon-referentiel.yaml).\n\n");
}

static void definition(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## Qu'est-ce qu'une conciergerie de territoire\u202F?\n\n");
	origin(b, "Source", ref->origine_definition);
	cz_buf_puts(b, "\n\n");
	text(b, ref->definition_resume);
	cz_buf_puts(b, "\n\nUne activité peut se dire conciergerie de territoire si\u00A0:\n\n");
	for (size_t i = 0; i < ref->n_caracteristiques; i++) {
		cz_buf_puts(b, "- ");
		text(b, ref->caracteristiques[i].nom);
		cz_buf_puts(b, " (");
		code(b, ref->caracteristiques[i].id);
		cz_buf_puts(b, ")\n");
	}
	cz_buf_puts(b, "\nselon les principes suivants\u00A0:\n\n");
	for (size_t i = 0; i < ref->n_principes; i++) {
		cz_buf_puts(b, "- ");
		text(b, ref->principes[i].nom);
		cz_buf_puts(b, " (");
		code(b, ref->principes[i].id);
		cz_buf_puts(b, ")\n");
	}
	cz_buf_puts(b, "\n`conciergerie diag` confronte un projet à ces caractéristiques et principes quand ses "
		       "données le permettent.\n\n");
}

static const char *family_name(const cz_referential *ref, int f)
{
	return f >= 0 && (size_t)f < ref->n_families ? ref->families[f].nom : "sans famille";
}

static void phases(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## Les quatre phases d'un projet\n\n");
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++) {
		const cz_ref_phase *p = &ref->phases[ph];
		cz_buf_printf(b, "### %d. ", ph + 1);
		text(b, p->nom);
		cz_buf_puts(b, "\n\n");
		origin(b, "Source", p->origine);
		cz_buf_puts(b, "\n\n");
		text(b, p->resume);
		cz_buf_puts(b, "\n\n");
		if (p->point_attention) {
			cz_buf_puts(b, "**Point d'attention.** ");
			text(b, p->point_attention);
			cz_buf_puts(b, "\n\n");
		}
		cz_buf_printf(b, "**Grandes étapes** (%zu)\u00A0:\n\n", p->n_etapes);
		for (size_t i = 0; i < p->n_etapes; i++) {
			cz_buf_puts(b, "- ");
			code(b, p->etapes[i].id);
			cz_buf_puts(b, " ");
			text(b, p->etapes[i].nom);
			if (p->etapes[i].origine != p->origine) {
				cz_buf_puts(b, " ");
				origin(b, NULL, p->etapes[i].origine);
			}
			cz_buf_puts(b, "\n");
		}
		if (p->n_conditions_reussite) {
			bool same_cr = true;
			for (size_t i = 1; i < p->n_conditions_reussite; i++)
				same_cr &= p->conditions_reussite[i].origine == p->conditions_reussite[0].origine;
			cz_buf_puts(b, "\n**Conditions de réussite** ");
			if (same_cr)
				origin(b, NULL, p->conditions_reussite[0].origine);
			cz_buf_puts(b, "\u00A0:\n\n");
			for (size_t i = 0; i < p->n_conditions_reussite; i++) {
				cz_buf_puts(b, "- ");
				text(b, p->conditions_reussite[i].nom);
				if (!same_cr) {
					cz_buf_puts(b, " ");
					origin(b, NULL, p->conditions_reussite[i].origine);
				}
				cz_buf_puts(b, "\n");
			}
		}
		cz_buf_printf(b, "\n**Compétences requises du porteur** (%zu), avec leur famille\u00A0:\n\n", p->n_competences);
		bool family_tool = false;
		for (size_t i = 0; i < p->n_competences; i++) {
			const cz_ref_competence *c = &p->competences[i];
			cz_buf_puts(b, "- ");
			code(b, c->id);
			cz_buf_puts(b, " ");
			text(b, c->nom);
			cz_buf_puts(b, " — *");
			text(b, family_name(ref, c->family));
			cz_buf_puts(b, "*");
			if (c->origine != p->origine) {
				cz_buf_puts(b, " ");
				origin(b, NULL, c->origine);
			}
			cz_buf_puts(b, "\n");
			family_tool |= !c->origine_famille || c->origine_famille->outil;
		}
		if (family_tool)
			cz_buf_puts(b, "\nLe classement de ces compétences en familles est un réglage par défaut de "
				       "l'outil\u00A0: la fiche décrit les familles sans y ranger les compétences une à une.\n");
		cz_buf_puts(b, "\n");
	}
}

static void families(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## Les familles de compétences\n\n");
	for (size_t f = 0; f < ref->n_families; f++) {
		const cz_ref_family *fam = &ref->families[f];
		cz_buf_puts(b, "### ");
		text(b, fam->nom);
		cz_buf_puts(b, "\n\n");
		origin(b, "Source", fam->origine);
		cz_buf_puts(b, "\n\n");
		if (fam->resume) {
			text(b, fam->resume);
			cz_buf_puts(b, "\n\n");
		}
		for (size_t i = 0; i < fam->n_elements; i++) {
			cz_buf_puts(b, "- ");
			text(b, fam->elements[i]);
			cz_buf_puts(b, "\n");
		}
		cz_buf_puts(b, "\n");
	}
}

static void threshold(cz_buf *b, const cz_ref_indicator *ri)
{
	cz_tp_indicator it;
	memset(&it, 0, sizeof(it));
	it.unite = ri->unite;
	it.sens_max = ri->sens_max;
	it.seuil = ri->seuil;
	it.seuil_partiel = ri->seuil_partiel;
	it.has_partiel = ri->has_partiel;
	it.volume_min = ri->mesure == CZ_MES_DEMANDE ? ri->volume_min : 0;
	char s[256];
	text(b, cz_tp_format_threshold(s, sizeof(s), &it));
}

static void test_exit(cz_buf *b, const cz_referential *ref)
{
	char s[64];
	cz_buf_puts(b, "## Sortir de la phase de test\n\n"
		       "`conciergerie test-phase` calcule chaque indicateur, le compare à son seuil et applique la "
		       "règle du verdict.\n\n");
	/* One origin for all (the usual case) is said once; otherwise a column
	 * gives each one's, by the source ids listed at the top. */
	bool same = true;
	for (size_t i = 1; i < ref->n_indicators; i++)
		same &= ref->indicators[i].origine == ref->indicators[0].origine &&
			ref->indicators[i].origine_seuils == ref->indicators[0].origine_seuils;
	if (same && ref->n_indicators) {
		origin(b, "Indicateurs", ref->indicators[0].origine);
		cz_buf_puts(b, "\u202F; ");
		origin(b, "seuils, poids et caractère critique", ref->indicators[0].origine_seuils);
		cz_buf_puts(b, ".\n\n");
	}
	cz_buf_puts(b, same ? "| Indicateur | Nature | Seuil | Poids | Critique |\n|---|---|---|--:|---|\n"
			    : "| Indicateur | Nature | Seuil | Poids | Critique | Origine (indicateur / seuils) |\n"
			      "|---|---|---|--:|---|---|\n");
	for (size_t i = 0; i < ref->n_indicators; i++) {
		const cz_ref_indicator *ri = &ref->indicators[i];
		cz_buf_puts(b, "| ");
		text(b, ri->nom);
		cz_buf_puts(b, " (");
		code(b, cz_measure_keys[ri->mesure]);
		cz_buf_printf(b, ") | %s | ", ri->nature == CZ_IND_QUALITATIF ? "qualitatif" : "quantitatif");
		threshold(b, ri);
		cz_buf_printf(b, " | %s | %s |", cz_fr_compact(s, sizeof(s), ri->poids, 2), ri->critique ? "oui" : "non");
		if (!same) {
			cz_buf_puts(b, " ");
			code(b, ri->origine ? ri->origine->id : CZ_ORIGIN_TOOL);
			cz_buf_puts(b, " / ");
			code(b, ri->origine_seuils ? ri->origine_seuils->id : CZ_ORIGIN_TOOL);
			cz_buf_puts(b, " |");
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\nCe que mesure chaque indicateur\u00A0:\n\n");
	for (size_t i = 0; i < ref->n_indicators; i++) {
		cz_buf_puts(b, "- **");
		text(b, ref->indicators[i].nom);
		cz_buf_puts(b, "**\u00A0: ");
		text(b, ref->indicators[i].explication);
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\nUn projet peut fixer ses propres seuils dans sa rubrique `test.seuils`, par mesure "
		       "(par exemple `couverture_charges: 0.8`).\n\n");

	cz_buf_puts(b, "### Conditions de décision\n\n");
	bool same_cond = true;
	for (size_t i = 1; i < ref->n_conditions; i++)
		same_cond &= ref->conditions[i].origine == ref->conditions[0].origine;
	if (same_cond && ref->n_conditions) {
		origin(b, "Source", ref->conditions[0].origine);
		cz_buf_puts(b, "\u202F; qu'un GO les exige toutes est une règle de l'outil.\n\n");
	}
	for (size_t i = 0; i < ref->n_conditions; i++) {
		const cz_ref_condition *c = &ref->conditions[i];
		cz_buf_puts(b, "- **");
		text(b, c->nom);
		cz_buf_puts(b, "** (`test.conditions.");
		cz_buf_puts(b, c->cle ? c->cle : "?");
		cz_buf_puts(b, "`)\u00A0: ");
		text(b, c->explication);
		if (!same_cond) {
			cz_buf_puts(b, " ");
			origin(b, NULL, c->origine);
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n### Règle du verdict\n\n");
	origin(b, "Origine", ref->rule.origine);
	cz_buf_puts(b, "\n\n");
	text(b, ref->rule.explication);
	char a[CZ_FR_SIZE], c2[CZ_FR_SIZE], d[CZ_FR_SIZE];
	cz_buf_printf(b, "\n\nRéglages\u00A0: INCOMPLET au-delà de %s d'indicateurs non renseignés%s\u202F; GO à partir d'un "
			 "score de %s\u202F; NO-GO sous %s.\n\n",
		      cz_fr_percent(a, sizeof(a), ref->rule.part_max_non_renseignes),
		      ref->rule.critique_non_renseigne_incomplet ? " ou avec un indicateur critique non renseigné" : "",
		      cz_fr_number(c2, sizeof(c2), ref->rule.score_go, 2),
		      cz_fr_number(d, sizeof(d), ref->rule.score_no_go, 2));
	if (ref->n_pitfalls) {
		cz_buf_puts(b, "### Pièges à éviter\n\n");
		for (size_t i = 0; i < ref->n_pitfalls; i++) {
			const cz_ref_pitfall *pf = &ref->pitfalls[i];
			cz_buf_puts(b, "- **");
			text(b, pf->nom);
			cz_buf_printf(b, "** (au plus %s)\u00A0: ", cz_fr_compact(s, sizeof(s), pf->seuil, 2));
			text(b, pf->explication);
			cz_buf_puts(b, " ");
			origin(b, NULL, pf->origine);
			if (pf->origine_seuil != pf->origine) {
				cz_buf_puts(b, " ");
				origin(b, "limite", pf->origine_seuil);
			}
			cz_buf_puts(b, "\n");
		}
		cz_buf_puts(b, "\n");
	}
}

static void model(cz_buf *b, const cz_referential *ref)
{
	char s[64], t[64];
	cz_buf_puts(b, "## Le modèle économique\n\n### Les quatre piliers de la viabilité\n\n");
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		const cz_ref_pillar *pl = &ref->pillars[v];
		cz_buf_puts(b, "- **");
		text(b, pl->nom);
		cz_buf_puts(b, "**\u00A0: ");
		text(b, pl->explication);
		cz_buf_puts(b, " ");
		origin(b, NULL, pl->origine);
		if (pl->services_min > 0) {
			cz_buf_printf(b, " La multiactivité suppose au moins %s services distincts avec des recettes ",
				      cz_fr_compact(s, sizeof(s), pl->services_min, 0));
			origin(b, NULL, pl->origine_seuil);
			cz_buf_puts(b, ".");
		}
		cz_buf_puts(b, "\n");
	}
	if (ref->bmc_checks.present) {
		cz_buf_printf(b, "\nUn modèle hybride réunit au moins %s piliers ",
			      cz_fr_compact(s, sizeof(s), ref->bmc_checks.piliers_min, 0));
		origin(b, NULL, ref->bmc_checks.origine);
		cz_buf_puts(b, ".");
	}
	if (ref->dashboard.present) {
		cz_buf_printf(b, " Au-delà de %s des ressources apportées par un seul pilier, le modèle repose sur lui ",
			      cz_fr_percent(t, sizeof(t), ref->dashboard.part_max_pilier));
		origin(b, NULL, ref->dashboard.origine);
		cz_buf_printf(b, ". Une heure bénévole est valorisée à %s\u00A0: ", cz_fr_euros(s, sizeof(s), ref->dashboard.taux_benevolat));
		text(b, ref->dashboard.source_taux);
	}
	cz_buf_puts(b, "\n\nLes prêts et avances remboursables (`nature: pret`, `avance_remboursable`) sont de la "
		       "trésorerie\u00A0: ils seront remboursés, et ne comptent ni dans les piliers, ni dans l'équilibre "
		       "financier, ni dans l'autofinancement.\n\n");
	if (ref->n_constats) {
		cz_buf_puts(b, "### Constats du groupe de travail\n\n");
		origin(b, "Source", ref->origine_constats);
		cz_buf_puts(b, "\n\n");
		for (size_t i = 0; i < ref->n_constats; i++) {
			cz_buf_puts(b, "- ");
			text(b, ref->constats[i]);
			cz_buf_puts(b, "\n");
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "### Le canevas du modèle économique\n\n");
	origin(b, "Source", ref->origine_bmc);
	cz_buf_puts(b, "\n\n");
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		cz_buf_puts(b, "- **");
		text(b, ref->blocks[k].nom ? ref->blocks[k].nom : cz_enum_label(&cz_enum_bloc, k));
		cz_buf_puts(b, "**\u00A0: ");
		text(b, ref->blocks[k].question);
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n");
	if (ref->bmc_attribution) {
		cz_buf_puts(b, "*");
		text(b, ref->bmc_attribution);
		cz_buf_puts(b, "*\n\n");
	}
	if (ref->n_canvases) {
		cz_buf_puts(b, "Canevas d'exemple (`conciergerie bmc --template ID`)\u00A0:\n\n");
		for (size_t i = 0; i < ref->n_canvases; i++) {
			const cz_ref_canvas *cv = &ref->canvases[i];
			cz_buf_puts(b, "- ");
			code(b, cv->id);
			cz_buf_puts(b, " ");
			text(b, cv->nom);
			cz_buf_puts(b, " ");
			origin(b, NULL, cv->origine);
			cz_buf_puts(b, "\u202F; les piliers des revenus et les types de coûts\u00A0: ");
			cz_buf_puts(b, !cv->origine_etiquettes || cv->origine_etiquettes->outil ? "ajoutés par l'outil"
												  : "repris du document");
			cz_buf_puts(b, "\n");
		}
		cz_buf_puts(b, "\n");
	}
}

static void concierge(cz_buf *b, const cz_referential *ref)
{
	cz_buf_puts(b, "## Le rôle de concierge\n\n");
	origin(b, "Source", ref->origine_concierge);
	cz_buf_puts(b, "\n\n");
	text(b, ref->concierge_role);
	cz_buf_puts(b, "\n\n**Qualités**\u00A0:\n\n");
	for (size_t i = 0; i < ref->n_qualities; i++) {
		cz_buf_puts(b, "- **");
		text(b, ref->qualities[i].nom);
		cz_buf_puts(b, "**\u00A0: ");
		text(b, ref->qualities[i].description);
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n**Missions de la conciergerie**\u00A0:\n\n");
	for (size_t i = 0; i < ref->n_missions; i++) {
		cz_buf_puts(b, "- **");
		text(b, ref->missions[i].nom);
		cz_buf_puts(b, "**\u00A0: ");
		for (size_t k = 0; k < ref->missions[i].n_taches; k++) {
			if (k)
				cz_buf_puts(b, "\u202F; ");
			text(b, ref->missions[i].taches[k]);
		}
		cz_buf_puts(b, ".\n");
	}
	cz_buf_puts(b, "\n");
}

static void alerts(cz_buf *b, const cz_referential *ref)
{
	if (!ref->n_alerts)
		return;
	cz_buf_puts(b, "## Les alertes du diagnostic\n\n"
		       "`conciergerie diag` signale ce qui fragilise un projet. Les règles et leurs gravités sont "
		       "des réglages de l'outil, sauf mention contraire\u202F; leurs raisons s'appuient sur les documents "
		       "ci-dessus.\n\n"
		       "| Alerte | Gravité | Phases | Raison | Origine de la règle |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < ref->n_alerts; i++) {
		const cz_ref_alert *a = &ref->alerts[i];
		cz_buf_puts(b, "| ");
		text(b, a->nom);
		cz_buf_puts(b, " (");
		code(b, a->id);
		cz_buf_printf(b, ") | %s | ", cz_enum_key(&cz_enum_severity, (int)a->severite));
		if (!a->phases) {
			cz_buf_puts(b, "toutes");
		} else {
			size_t k = 0;
			for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
				if (a->phases & (1u << ph)) {
					cz_buf_puts(b, k++ ? ", " : "");
					text(b, ref->phases[ph].nom);
				}
		}
		cz_buf_puts(b, " | ");
		text(b, a->raison);
		cz_buf_puts(b, " | ");
		cz_buf_puts(b, !a->origine || a->origine->outil ? "réglage par défaut de l'outil" : "");
		if (a->origine && !a->origine->outil) {
			cz_buf_puts(b, "«\u00A0");
			text(b, a->origine->titre);
			cz_buf_puts(b, "\u00A0»");
		}
		cz_buf_puts(b, " |\n");
	}
	cz_buf_puts(b, "\n");
}

cz_status cz_referential_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_referential *ref = result;
	cz_buf *out = rc->out;
	size_t start = out->len;
	cz_buf_puts(out, "# La méthode des conciergeries de territoire\n\n"
			 "Ce guide présente la méthode intégrée à `conciergerie`\u00A0: ce qu'est une conciergerie de "
			 "territoire, les quatre phases d'un projet avec leurs étapes et les compétences attendues "
			 "du porteur, les critères pour sortir de la phase de test, les piliers du modèle "
			 "économique et le rôle de concierge.");
	if (!ref->builtin)
		cz_buf_puts(out, " Il est tiré du référentiel amendé donné par --referentiel.");
	cz_buf_puts(out, "\n\n");
	sources(out, ref);
	definition(out, ref);
	phases(out, ref);
	families(out, ref);
	test_exit(out, ref);
	model(out, ref);
	concierge(out, ref);
	alerts(out, ref);
	cz_md_finish(out, start);
	return cz_buf_ok(out) ? CZ_OK : CZ_ERR_NOMEM;
}
