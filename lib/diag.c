#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "fold.h"
#include "format_fr.h"
#include "funding.h"

const char *const cz_diag_answer_keys[CZ_DIAG_ANSWER_COUNT] = {
	"prioritaire", "non_prioritaire", "meme_cible", "aucune", "cible_inconnue",
};
const char *const cz_diag_answer_labels[CZ_DIAG_ANSWER_COUNT] = {
	"offre prioritaire",
	"offre non prioritaire seulement",
	"pas d'offre de ce nom, offres de même cible",
	"aucune offre",
	"aucune offre de ce nom, cible non renseignée",
};
const char *const cz_diag_action_keys[CZ_DIAG_ACT_COUNT] = {
	"alerte", "etape_bloquante", "etape", "competence",
};
const char *const cz_def_state_keys[CZ_DEF_STATE_COUNT] = { "respecte", "manque", "non_verifiable" };
const char *const cz_def_state_labels[CZ_DEF_STATE_COUNT] = { "oui", "non", "à vérifier" };

bool cz_diag_has_critical(const cz_diag *d)
{
	return d->alert_counts[CZ_SEV_CRITIQUE] > 0;
}

/* The rule owning the supported-phase threshold. */
#define RULE_AHEAD "diag.phase-en-avance"
/* The rule tolerating a declared phase ahead only of the one before it. */
#define RULE_OVERLAP "diag.chevauchement-test-lancement"

static bool undone(const cz_diag_step *s)
{
	return s->status != CZ_STEP_FAIT && s->status != CZ_STEP_SANS_OBJET;
}

static const cz_diag_step *find_step(const cz_diag *d, const char *id)
{
	/* A rule's steps are the referential's own strings (read with
	 * cz_read_ref) and its ids unique: the very pointer is looked for
	 * first, texts compared when none holds it. */
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		for (size_t i = 0; i < d->phases[ph].n_steps; i++)
			if (d->phases[ph].steps[i].step->id == id)
				return &d->phases[ph].steps[i];
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		for (size_t i = 0; i < d->phases[ph].n_steps; i++)
			if (strcmp(d->phases[ph].steps[i].step->id, id) == 0)
				return &d->phases[ph].steps[i];
	return NULL;
}

static cz_status compute_phases(cz_diag *d)
{
	const cz_referential *ref = d->ref;
	size_t base = 0; /* the phase's steps follow the earlier ones' in ref->step_ids */
	for (int ph = 0; ph < CZ_PHASE_COUNT; base += ref->phases[ph].n_etapes, ph++) {
		const cz_ref_phase *rp = &ref->phases[ph];
		cz_diag_phase *dp = &d->phases[ph];
		dp->phase = (cz_phase)ph;
		dp->steps = cz_arena_calloc(d->arena, rp->n_etapes ? rp->n_etapes : 1, sizeof(*dp->steps));
		if (!dp->steps)
			return CZ_ERR_NOMEM;
		dp->n_steps = rp->n_etapes;
		for (size_t i = 0; i < rp->n_etapes; i++) {
			cz_diag_step *s = &dp->steps[i];
			const cz_step_entry *e = cz_project_step_at(
				d->project, (const char *const *)ref->step_ids, base + i, rp->etapes[i].id);
			s->step = &rp->etapes[i];
			s->phase = (cz_phase)ph;
			s->recorded = e != NULL;
			s->status = e ? e->status : CZ_STEP_A_FAIRE;
			switch (s->status) {
			case CZ_STEP_FAIT: dp->done++; break;
			case CZ_STEP_EN_COURS: dp->in_progress++; break;
			case CZ_STEP_SANS_OBJET: dp->not_applicable++; break;
			default: dp->todo++; break;
			}
			if (!e)
				dp->unrecorded++;
		}
		dp->applicable = dp->n_steps - dp->not_applicable;
		dp->has_ratio = dp->applicable > 0;
		dp->ratio = dp->has_ratio ? ((double)dp->done + (double)dp->in_progress / 2.0) /
						    (double)dp->applicable
					  : 0.0;
		/* A tiny tolerance so that 3/4 meets a threshold written 0.75. */
		dp->reached = !dp->has_ratio || dp->ratio + 1e-9 >= d->threshold;
	}
	int supported = 0;
	while (supported < CZ_PHASE_COUNT - 1 && d->phases[supported].reached)
		supported++;
	d->supported = (cz_phase)supported;
	d->ahead = d->declared > d->supported;
	/* Ahead of the phase before only, where the referential says the two overlap. */
	const cz_ref_alert *ov = cz_ref_alert_find(ref, RULE_OVERLAP);
	d->overlap = d->ahead && d->supported + 1 == d->declared && ov &&
		     (!ov->phases || (ov->phases & (1u << d->declared)));

	size_t total = 0;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		total += d->phases[ph].n_steps;
	d->blocking = cz_arena_calloc(d->arena, total ? total : 1, sizeof(*d->blocking));
	d->left_behind = cz_arena_calloc(d->arena, total ? total : 1, sizeof(*d->left_behind));
	d->remaining = cz_arena_calloc(d->arena, total ? total : 1, sizeof(*d->remaining));
	if (!d->blocking || !d->left_behind || !d->remaining)
		return CZ_ERR_NOMEM;
	for (int ph = 0; ph <= (int)d->declared; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		for (size_t i = 0; i < dp->n_steps; i++) {
			const cz_diag_step *s = &dp->steps[i];
			if (!undone(s))
				continue;
			if (ph == (int)d->declared) {
				d->remaining[d->n_remaining++] = s;
				continue;
			}
			d->left_behind[d->n_left_behind++] = s;
			if (!dp->reached)
				d->blocking[d->n_blocking++] = s;
		}
	}
	return CZ_OK;
}

static int carrier_cmp(const void *a, const void *b)
{
	const cz_diag_carrier *x = a, *y = b;
	return strcmp(x->actor, y->actor);
}

static cz_status compute_coverage(cz_diag *d)
{
	cz_status st = cz_coverage_phase(d->project, d->ref, d->declared, &d->coverage);
	if (st != CZ_OK)
		return st;
	const cz_cov_phase *c = &d->coverage;
	d->carriers = cz_arena_calloc(d->arena, c->n_items ? c->n_items : 1, sizeof(*d->carriers));
	if (!d->carriers)
		return CZ_ERR_NOMEM;
	for (size_t i = 0; i < c->n_items; i++) {
		const cz_cov_item *it = &c->items[i];
		if (it->state != CZ_COV_NETWORK)
			continue;
		cz_diag_carrier *k = NULL;
		for (size_t j = 0; j < d->n_carriers; j++)
			if (strcmp(d->carriers[j].actor, it->porte_par) == 0)
				k = &d->carriers[j];
		if (!k) {
			k = &d->carriers[d->n_carriers++];
			k->actor = it->porte_par;
			k->items = cz_arena_calloc(d->arena, c->n_items, sizeof(*k->items));
			if (!k->items)
				return CZ_ERR_NOMEM;
		}
		k->items[k->n_items++] = it;
	}
	if (d->n_carriers > 1)
		qsort(d->carriers, d->n_carriers, sizeof(*d->carriers), carrier_cmp);
	return CZ_OK;
}

static int need_cmp(const void *a, const void *b)
{
	const cz_need *x = ((const cz_diag_need *)a)->need, *y = ((const cz_diag_need *)b)->need;
	if (x->demandes.set != y->demandes.set)
		return x->demandes.set ? -1 : 1;
	if (x->demandes.set && x->demandes.value != y->demandes.value)
		return x->demandes.value > y->demandes.value ? -1 : 1;
	int c = strcmp(x->besoin ? x->besoin : "", y->besoin ? y->besoin : "");
	if (c)
		return c;
	/* the file order, so that qsort's instability never shows */
	return x < y ? -1 : x > y;
}

/* ---- matching needs and offers by name ------------------------------ */

#define NAME_WORDS 32
#define WORD_BYTES 64
/* A significant word has at least this many letters. */
#define SIGNIFICANT_LETTERS 5

typedef struct {
	char w[NAME_WORDS][WORD_BYTES];
	size_t n;
} name_words;

/* Common words long enough to look significant but saying nothing of a service. */
static const char *const common_words[] = { "entre", "pendant", "depuis", "votre", "notre", "leurs",
					    "aupres", "autour", "apres", "avant", "contre", "selon",
					    "service", "services", "toute", "toutes" };

/* Length in bytes of a separator at s (0: part of a word). */
static size_t separator(const unsigned char *s)
{
	if (s[0] < 0x80)
		return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')
			       ? 0
			       : 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2; /* no-break space */
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x93 || s[2] == 0xAF))
		return 3; /* typographic apostrophes, en dash, narrow no-break space */
	return 0;
}

static void split_words(const char *s, name_words *out)
{
	out->n = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t sep = separator(p);
		if (sep) {
			p += sep;
			continue;
		}
		size_t len = 0;
		char *w = out->w[out->n < NAME_WORDS ? out->n : NAME_WORDS - 1];
		while (*p && !separator(p)) {
			if (len + 1 < WORD_BYTES)
				w[len++] = (char)*p;
			p++;
		}
		w[len] = '\0';
		if (out->n < NAME_WORDS)
			out->n++;
	}
}

/* Whether word `w`, folded as `folded` (case, accents and a final "s"
 * ignored), is long enough and not a common word. Two words are the same
 * when their folded forms are: a common word (lowercase ASCII) folds to
 * itself but for a final "s", so only those that start with the same
 * letter are folded and compared. */
static bool significant(const char *w, const char *folded)
{
	size_t letters = 0;
	for (const unsigned char *p = (const unsigned char *)w; *p; p++)
		letters += (*p & 0xC0) != 0x80;
	if (letters < SIGNIFICANT_LETTERS)
		return false;
	for (size_t i = 0; i < sizeof(common_words) / sizeof(common_words[0]); i++) {
		if (common_words[i][0] != folded[0])
			continue;
		char c[WORD_BYTES];
		cz_fold(common_words[i], true, c, sizeof(c));
		if (strcmp(c, folded) == 0)
			return false;
	}
	return true;
}

/* A name's words folded once (case, accents, final "s"), so that comparing
 * two names is plain strcmp: needs × offers pairs stay cheap even at the
 * format's limits. */
typedef struct {
	name_words w;
	bool sig[NAME_WORDS];
} folded_name;

static void fold_name(const char *s, folded_name *f)
{
	name_words raw;
	split_words(s, &raw);
	f->w.n = raw.n;
	for (size_t i = 0; i < raw.n; i++) {
		cz_fold(raw.w[i], true, f->w.w[i], WORD_BYTES);
		f->sig[i] = significant(raw.w[i], f->w.w[i]);
	}
}

/* Whether the words of `small` are a run of the words of `big`. */
static bool contains_run(const name_words *big, const name_words *small)
{
	if (small->n == 0 || small->n > big->n)
		return false;
	for (size_t i = 0; i + small->n <= big->n; i++) {
		size_t k = 0;
		while (k < small->n && strcmp(big->w[i + k], small->w[k]) == 0)
			k++;
		if (k == small->n)
			return true;
	}
	return false;
}

static bool folded_match(const folded_name *service, const folded_name *besoin)
{
	if (contains_run(&service->w, &besoin->w) || contains_run(&besoin->w, &service->w))
		return true;
	for (size_t i = 0; i < besoin->w.n; i++) {
		if (!besoin->sig[i])
			continue;
		for (size_t k = 0; k < service->w.n; k++)
			if (strcmp(service->w.w[k], besoin->w.w[i]) == 0)
				return true;
	}
	return false;
}

bool cz_diag_names_match(const char *service, const char *besoin)
{
	if (!service || !besoin)
		return false;
	folded_name a, b;
	fold_name(service, &a);
	fold_name(besoin, &b);
	return folded_match(&a, &b);
}

/* Rank of an answering offer: same name, then same cible, then priority. */
static int fit(const cz_offer *o, const folded_name *fo, const cz_need *n, const folded_name *fn)
{
	bool same_name = fo->w.n == fn->w.n && contains_run(&fo->w, &fn->w);
	bool cible = n->cible_set && o->cible_set && o->cible == n->cible;
	return (same_name ? 4 : 0) + (cible ? 2 : 0) + (o->prioritaire ? 1 : 0);
}

static cz_status compute_needs(cz_diag *d)
{
	const cz_project *p = d->project;
	d->needs = cz_arena_calloc(d->arena, p->n_besoins ? p->n_besoins : 1, sizeof(*d->needs));
	d->starter_needs = cz_arena_calloc(d->arena, p->n_besoins ? p->n_besoins : 1, sizeof(*d->starter_needs));
	d->unmatched_offers = cz_arena_calloc(d->arena, p->n_offre ? p->n_offre : 1,
					      sizeof(*d->unmatched_offers));
	bool *answers = cz_arena_calloc(d->arena, p->n_offre ? p->n_offre : 1, sizeof(*answers));
	folded_name *fo = cz_arena_calloc(d->arena, p->n_offre ? p->n_offre : 1, sizeof(*fo));
	folded_name *fn = cz_arena_alloc(d->arena, sizeof(*fn));
	if (!d->needs || !d->starter_needs || !d->unmatched_offers || !answers || !fo || !fn)
		return CZ_ERR_NOMEM;
	for (size_t k = 0; k < p->n_offre; k++)
		if (p->offre[k].service)
			fold_name(p->offre[k].service, &fo[k]);
	for (size_t i = 0; i < p->n_besoins; i++) {
		const cz_need *n = &p->besoins[i];
		if (cz_starter_need(n)) {
			d->starter_needs[d->n_starter_needs++] = n;
			continue;
		}
		cz_diag_need *dn = &d->needs[d->n_needs++];
		dn->need = n;
		int best = -1;
		fn->w.n = 0;
		if (n->besoin)
			fold_name(n->besoin, fn);
		for (size_t k = 0; k < p->n_offre; k++) {
			const cz_offer *o = &p->offre[k];
			if (!o->service || !n->besoin || cz_starter_offer(o) || !folded_match(&fo[k], fn))
				continue;
			answers[k] = true;
			dn->n_offers++;
			int f = fit(o, &fo[k], n, fn);
			if (f > best) {
				best = f;
				dn->offer = o;
			}
		}
		if (dn->offer) {
			dn->answer = dn->offer->prioritaire ? CZ_DIAG_ANSWER_PRIORITY : CZ_DIAG_ANSWER_OTHER;
			continue;
		}
		if (!n->cible_set) {
			dn->answer = CZ_DIAG_ANSWER_UNKNOWN;
			continue;
		}
		size_t same = 0;
		for (size_t k = 0; k < p->n_offre; k++)
			same += p->offre[k].cible_set && p->offre[k].cible == n->cible && !cz_starter_offer(&p->offre[k]);
		dn->same_cible = cz_arena_calloc(d->arena, same ? same : 1, sizeof(*dn->same_cible));
		if (!dn->same_cible)
			return CZ_ERR_NOMEM;
		for (int prio = 1; prio >= 0; prio--)
			for (size_t k = 0; k < p->n_offre; k++)
				if (p->offre[k].cible_set && p->offre[k].cible == n->cible &&
				    p->offre[k].prioritaire == (prio == 1) && !cz_starter_offer(&p->offre[k]))
					dn->same_cible[dn->n_same_cible++] = &p->offre[k];
		dn->answer = dn->n_same_cible ? CZ_DIAG_ANSWER_SAME_CIBLE : CZ_DIAG_ANSWER_NONE;
	}
	if (d->n_needs > 1)
		qsort(d->needs, d->n_needs, sizeof(*d->needs), need_cmp);
	for (size_t k = 0; k < p->n_offre; k++) {
		if (cz_starter_offer(&p->offre[k]))
			continue;
		if (p->offre[k].prioritaire)
			d->n_priority_offers++;
		if (!answers[k])
			d->unmatched_offers[d->n_unmatched_offers++] = &p->offre[k];
	}
	for (size_t i = 0; i < d->ref->n_pitfalls; i++) {
		if (d->ref->pitfalls[i].mesure == CZ_MES_COUPLES_PRIORITAIRES) {
			d->priority_limit = d->ref->pitfalls[i].seuil;
			d->has_priority_limit = true;
			break;
		}
	}
	return CZ_OK;
}

/* ---- the definition (seed 002) --------------------------------------- */

static bool real_offer(const cz_offer *o)
{
	return !cz_starter_offer(o);
}

static cz_def_state def_relay(const cz_diag *d, cz_buf *b)
{
	const cz_project *p = d->project;
	size_t offers = 0, relayed = 0;
	for (size_t i = 0; i < p->n_offre; i++) {
		if (!real_offer(&p->offre[i]))
			continue;
		offers++;
		relayed += p->offre[i].prestataire != NULL;
	}
	if (offers == 0) {
		cz_buf_puts(b, "aucune offre décrite (rubrique «\u00A0offre\u00A0»)");
		return CZ_DEF_UNKNOWN;
	}
	if (relayed == 0) {
		if (offers == 1)
			cz_buf_puts(b, "la seule offre ne passe pas par un prestataire");
		else
			cz_buf_printf(b, "aucune des %zu offres ne passe par un prestataire", offers);
		cz_buf_puts(b, "\u00A0: la conciergerie ne relaie encore aucun service ni produit local");
		return CZ_DEF_MISSED;
	}
	cz_buf_printf(b, "%zu offre%s sur %zu %s un prestataire", relayed, cz_fr_s((double)relayed), offers,
		      cz_fr_pl((double)relayed, "relaie", "relaient"));
	return CZ_DEF_MET;
}

static cz_def_state def_direct(const cz_diag *d, cz_buf *b)
{
	const cz_project *p = d->project;
	size_t offers = 0, own = 0;
	for (size_t i = 0; i < p->n_offre; i++) {
		if (!real_offer(&p->offre[i]))
			continue;
		offers++;
		own += p->offre[i].prestataire == NULL;
	}
	if (offers == 0) {
		cz_buf_puts(b, "aucune offre décrite (rubrique «\u00A0offre\u00A0»)");
		return CZ_DEF_UNKNOWN;
	}
	if (own == 0) {
		cz_buf_puts(b, "toutes les offres passent par un prestataire\u00A0: la conciergerie ne rend elle-même aucun "
			       "service qui complète l'existant");
		return CZ_DEF_MISSED;
	}
	cz_buf_printf(b, "%zu offre%s sur %zu %s par la conciergerie elle-même", own, cz_fr_s((double)own), offers,
		      cz_fr_pl((double)own, "est assurée", "sont assurées"));
	return CZ_DEF_MET;
}

static cz_def_state def_network(const cz_diag *d, cz_buf *b)
{
	const cz_project *p = d->project;
	size_t partners = 0;
	for (size_t i = 0; i < p->n_acteurs; i++)
		partners += (p->acteurs[i].roles & (1u << CZ_ROLE_PARTENAIRE)) != 0;
	if (p->n_acteurs == 0) {
		cz_buf_puts(b, "aucun acteur du territoire dans la rubrique «\u00A0acteurs\u00A0»");
		return CZ_DEF_MISSED;
	}
	cz_buf_printf(b, "%zu acteur%s du territoire, dont %zu partenaire%s", p->n_acteurs,
		      cz_fr_s((double)p->n_acteurs), partners, cz_fr_s((double)partners));
	return CZ_DEF_MET;
}

static cz_def_state def_hybrid(const cz_diag *d, cz_buf *b)
{
	const cz_project *p = d->project;
	bool pillar[CZ_PILIER_COUNT] = { false };
	bool any = false;
	/* Funding (loans are repaid: no pillar), the canvas's revenue, and the
	 * activity pillar only with multiactivity. */
	for (size_t i = 0; i < p->n_financements; i++) {
		const cz_funding *f = &p->financements[i];
		if (cz_funding_repayable(f))
			continue;
		any = true;
		if (f->pilier_set)
			pillar[f->pilier] = true;
	}
	for (size_t i = 0; i < p->bmc.count[CZ_BLOC_REVENUS]; i++) {
		int v = p->bmc.items[CZ_BLOC_REVENUS][i].pilier;
		if (v >= 0 && v < CZ_PILIER_COUNT && !d->starter.canvas) {
			pillar[v] = true;
			any = true;
		}
	}
	double revenue = 0;
	for (size_t i = 0; i < p->n_activite; i++)
		if (p->activite[i].recettes.set)
			revenue += p->activite[i].recettes.value;
	if (revenue > 0) {
		pillar[CZ_PILIER_ACTIVITE] = true;
		any = true;
	}
	if (!d->multi.met)
		pillar[CZ_PILIER_ACTIVITE] = false;
	if (!any) {
		cz_buf_puts(b, "ni recettes, ni financements, ni revenus au canevas pour en juger");
		return CZ_DEF_UNKNOWN;
	}
	size_t n = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		n += pillar[v];
	double min = d->ref->bmc_checks.present ? d->ref->bmc_checks.piliers_min : 2;
	cz_buf_printf(b, "%zu pilier%s de viabilité sur %d", n, cz_fr_s((double)n), CZ_PILIER_COUNT);
	size_t k = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		if (pillar[v])
			cz_buf_printf(b, "%s%s", k++ ? ", " : " (", cz_enum_label(&cz_enum_pilier, v));
	if (k)
		cz_buf_putc(b, ')');
	if ((double)n >= min)
		return CZ_DEF_MET;
	char m[CZ_FR_SIZE];
	cz_buf_printf(b, ", pour %s au moins", cz_fr_compact(m, sizeof(m), min, 0));
	return CZ_DEF_MISSED;
}

static cz_def_state def_employment(const cz_diag *d, cz_buf *b)
{
	const cz_project *p = d->project;
	double hours = 0;
	for (size_t i = 0; i < p->n_activite; i++)
		if (p->activite[i].heures_salariees.set)
			hours += p->activite[i].heures_salariees.value;
	char h[CZ_FR_SIZE];
	if (hours > 0) {
		cz_buf_printf(b, "%s heure%s salariée%s relevée%s", cz_fr_compact(h, sizeof(h), hours, 1), cz_fr_s(hours),
			      cz_fr_s(hours), cz_fr_s(hours));
		return CZ_DEF_MET;
	}
	if (p->projet.porteur_set && p->projet.porteur.statut_set && p->projet.porteur.statut != CZ_STATUT_BENEVOLE) {
		cz_buf_printf(b, "porteur %s", cz_enum_label(&cz_enum_statut, p->projet.porteur.statut));
		return CZ_DEF_MET;
	}
	cz_buf_puts(b, "aucune heure salariée relevée ni porteur salarié\u00A0: l'emploi créé ou maintenu ne se lit pas "
		       "dans le fichier");
	return CZ_DEF_UNKNOWN;
}

static const struct {
	const char *id;
	cz_def_state (*check)(const cz_diag *d, cz_buf *b);
} def_checks[] = {
	{ "definition.relais", def_relay },
	{ "definition.apport-direct", def_direct },
	{ "definition.maillage", def_network },
	{ "definition.modele-hybride", def_hybrid },
	{ "definition.emploi", def_employment },
};

static cz_status add_definition(cz_diag *d, const char *id, const char *nom, bool principle, cz_def_state st,
				cz_buf *b)
{
	if (!cz_buf_ok(b))
		return CZ_ERR_NOMEM;
	cz_diag_definition *df = &d->definition[d->n_definition++];
	df->id = id;
	df->nom = nom;
	df->principle = principle;
	df->state = st;
	df->detail = cz_arena_strdup(d->arena, b->data ? b->data : "");
	d->definition_missed += st == CZ_DEF_MISSED;
	return df->detail ? CZ_OK : CZ_ERR_NOMEM;
}

static cz_status compute_definition(cz_diag *d)
{
	const cz_referential *ref = d->ref;
	size_t n = ref->n_caracteristiques + ref->n_principes + 1;
	d->definition = cz_arena_calloc(d->arena, n, sizeof(*d->definition));
	if (!d->definition)
		return CZ_ERR_NOMEM;
	cz_status st = CZ_OK;
	for (size_t i = 0; i < ref->n_caracteristiques + ref->n_principes && st == CZ_OK; i++) {
		bool principle = i >= ref->n_caracteristiques;
		const cz_ref_item *it = principle ? &ref->principes[i - ref->n_caracteristiques] : &ref->caracteristiques[i];
		cz_buf b;
		cz_buf_init(&b);
		cz_def_state state = CZ_DEF_UNKNOWN;
		bool checked = false;
		for (size_t k = 0; k < sizeof(def_checks) / sizeof(def_checks[0]) && !checked; k++)
			if (it->id && strcmp(it->id, def_checks[k].id) == 0) {
				state = def_checks[k].check(d, &b);
				checked = true;
			}
		if (!checked)
			cz_buf_puts(&b, "ne se lit pas dans les données du fichier\u00A0: à apprécier avec le porteur");
		st = add_definition(d, it->id, it->nom, principle, state, &b);
		cz_buf_free(&b);
	}
	if (st != CZ_OK)
		return st;
	/* The summary's "multitude of services": several services, not one. */
	cz_buf b;
	cz_buf_init(&b);
	const cz_multiactivity *mu = &d->multi;
	double min = mu->services_min > 0 ? mu->services_min : 2;
	cz_def_state state;
	if (mu->n_services == 0) {
		cz_buf_puts(&b, "aucun service décrit ni aucune recette détaillée par service");
		state = CZ_DEF_UNKNOWN;
	} else {
		cz_buf_printf(&b, "%zu service%s %s", mu->n_services, cz_fr_s((double)mu->n_services),
			      mu->from_revenue ? cz_fr_pl((double)mu->n_services, "apporte des recettes", "apportent des recettes")
					       : "à l'offre");
		state = (double)mu->n_services >= min ? CZ_DEF_MET : CZ_DEF_MISSED;
		if (state == CZ_DEF_MISSED)
			cz_buf_puts(&b, "\u00A0: un seul service ne fait pas une conciergerie, ni le pilier de la multiactivité");
	}
	st = add_definition(d, "definition", "une multitude de services et de produits", false, state, &b);
	cz_buf_free(&b);
	return st;
}

/* ---- alerts ---------------------------------------------------------- */

typedef struct {
	cz_diag *d;
	const cz_ref_alert *rule;
	cz_buf detail;
	const char **steps;
	size_t n_steps;
} alert_ctx;

static void add_step(alert_ctx *a, const char *id)
{
	for (size_t i = 0; i < a->n_steps; i++)
		if (strcmp(a->steps[i], id) == 0)
			return;
	a->steps[a->n_steps++] = id;
}

/* The rule's steps that are not yet fait (sans_objet excluded). */
static void rule_steps_undone(alert_ctx *a)
{
	for (size_t i = 0; i < a->rule->n_etapes; i++) {
		const cz_diag_step *s = find_step(a->d, a->rule->etapes[i]);
		if (s && undone(s))
			add_step(a, s->step->id);
	}
}

static bool detect_ahead(alert_ctx *a)
{
	cz_diag *d = a->d;
	if (!d->ahead || d->overlap)
		return false;
	cz_buf_printf(&a->detail, "La phase déclarée est «\u00A0%s\u00A0» mais les étapes accomplies n'étayent que la phase «\u00A0%s\u00A0»\u00A0:",
		      cz_ref_phase_name(d->ref, d->declared), cz_ref_phase_name(d->ref, d->supported));
	bool first = true;
	for (int ph = 0; ph < (int)d->declared; ph++) {
		const cz_diag_phase *dp = &d->phases[ph];
		if (dp->reached)
			continue;
		char pct[CZ_FR_SIZE], th[CZ_FR_SIZE];
		cz_buf_printf(&a->detail, "%s %s avance à %s (seuil %s)", first ? "" : "\u202F;",
			      cz_ref_phase_name(d->ref, (cz_phase)ph), cz_fr_percent(pct, sizeof(pct), dp->ratio),
			      cz_fr_percent(th, sizeof(th), d->threshold));
		first = false;
	}
	cz_buf_printf(&a->detail, ". %zu étape%s à terminer d'abord.", d->n_blocking,
		      d->n_blocking > 1 ? "s" : "");
	for (size_t i = 0; i < d->n_blocking; i++)
		add_step(a, d->blocking[i]->step->id);
	return true;
}

/* Lancement declared while test steps are still open: the two phases
 * overlap (seed 000), a point of attention rather than a jump. */
static bool detect_overlap(alert_ctx *a)
{
	cz_diag *d = a->d;
	if (!d->overlap)
		return false;
	const cz_diag_phase *dp = &d->phases[d->supported];
	char pct[CZ_FR_SIZE], th[CZ_FR_SIZE];
	cz_buf_printf(&a->detail, "La phase déclarée est «\u00A0%s\u00A0» alors que la phase «\u00A0%s\u00A0» avance à %s (seuil %s)\u00A0: "
				  "les deux se chevauchent, comme souvent\u202F; %zu étape%s de la phase «\u00A0%s\u00A0» à mener "
				  "à bien en parallèle.",
		      cz_ref_phase_name(d->ref, d->declared), cz_ref_phase_name(d->ref, d->supported), cz_fr_percent(pct, sizeof(pct), dp->ratio),
		      cz_fr_percent(th, sizeof(th), d->threshold), d->n_blocking, cz_fr_s((double)d->n_blocking),
		      cz_ref_phase_name(d->ref, d->supported));
	for (size_t i = 0; i < d->n_blocking; i++)
		add_step(a, d->blocking[i]->step->id);
	return true;
}

static bool detect_definition(alert_ctx *a)
{
	cz_diag *d = a->d;
	if (d->definition_missed == 0)
		return false;
	cz_buf_puts(&a->detail, d->definition_missed > 1 ? "D'après le fichier, le projet s'écarte de la définition sur "
							     "ces points\u00A0: "
							   : "D'après le fichier, le projet s'écarte de la définition sur ce "
							     "point\u00A0: ");
	size_t k = 0;
	for (size_t i = 0; i < d->n_definition; i++) {
		const cz_diag_definition *df = &d->definition[i];
		if (df->state != CZ_DEF_MISSED)
			continue;
		cz_buf_printf(&a->detail, "%s«\u00A0%s\u00A0»\u00A0: %s", k++ ? "\u202F; " : "", df->nom, df->detail);
	}
	cz_buf_putc(&a->detail, '.');
	rule_steps_undone(a);
	return true;
}

/* Seed 001's condition of success: users mobilised around exchanges of
 * services and objects, barter, events — « ne rien faire seul ». */
static bool detect_users(alert_ctx *a)
{
	const cz_project *p = a->d->project;
	double hours = 0;
	for (size_t i = 0; i < p->n_activite; i++)
		if (p->activite[i].heures_benevoles.set)
			hours += p->activite[i].heures_benevoles.value;
	bool people = false, citizen = false;
	for (size_t i = 0; i < p->n_acteurs; i++)
		people |= (p->acteurs[i].type_set && p->acteurs[i].type == CZ_ACTOR_HABITANT) ||
			  (p->acteurs[i].roles & (1u << CZ_ROLE_AMBASSADEUR)) != 0;
	for (size_t i = 0; i < p->n_financements; i++)
		citizen |= p->financements[i].pilier_set && p->financements[i].pilier == CZ_PILIER_IMPLICATION_CITOYENNE &&
			   !cz_funding_repayable(&p->financements[i]);
	if (hours > 0 || people || citizen)
		return false;
	cz_buf_puts(&a->detail, "Rien dans le fichier ne montre des usagers mobilisés\u00A0: aucune heure bénévole relevée, "
				"aucun habitant ni ambassadeur parmi les acteurs, aucune ressource d'implication "
				"citoyenne.");
	rule_steps_undone(a);
	return true;
}

static bool detect_starter(alert_ctx *a)
{
	const cz_starter *s = &a->d->starter;
	if (s->found == 0)
		return false;
	cz_buf_puts(&a->detail, s->untouched ? "Le fichier est encore le fichier de départ de «\u00A0conciergerie init\u00A0»\u00A0: "
					     : "Restent du fichier de départ de «\u00A0conciergerie init\u00A0»\u00A0: ");
	cz_starter_describe(s, &a->detail);
	cz_buf_puts(&a->detail, s->untouched ? ". Les analyses ne les comptent pas comme des données du projet."
					     : ". Ces exemples ne sont pas comptés comme des données du projet.");
	return true;
}

static bool detect_next(alert_ctx *a)
{
	cz_diag *d = a->d;
	if (d->supported <= d->declared)
		return false;
	cz_buf_printf(&a->detail, "Les étapes accomplies étayent la phase «\u00A0%s\u00A0», au-delà de la phase déclarée «\u00A0%s\u00A0».",
		      cz_ref_phase_name(d->ref, d->supported), cz_ref_phase_name(d->ref, d->declared));
	return true;
}

static bool detect_spread(alert_ctx *a)
{
	cz_diag *d = a->d;
	double limit = d->has_priority_limit ? d->priority_limit : a->rule->seuil;
	if (!d->has_priority_limit && !a->rule->has_seuil)
		return false;
	if ((double)d->n_priority_offers <= limit)
		return false;
	char n[CZ_FR_SIZE];
	cz_buf_printf(&a->detail, "%zu offre%s %s marquée%s prioritaire%s, pour %s au plus.",
		      d->n_priority_offers, cz_fr_s((double)d->n_priority_offers),
		      cz_fr_pl((double)d->n_priority_offers, "est", "sont"), cz_fr_s((double)d->n_priority_offers),
		      cz_fr_s((double)d->n_priority_offers), cz_fr_compact(n, sizeof(n), limit, 2));
	rule_steps_undone(a);
	return true;
}

static bool detect_no_funding(alert_ctx *a)
{
	if (a->d->project->n_financements > 0)
		return false;
	cz_buf_puts(&a->detail, "La rubrique «\u00A0financements\u00A0» ne contient aucune ressource.");
	rule_steps_undone(a);
	return true;
}

static bool detect_no_relays(alert_ctx *a)
{
	const cz_project *p = a->d->project;
	bool amb = false, part = false;
	for (size_t i = 0; i < p->n_acteurs; i++) {
		amb |= (p->acteurs[i].roles & (1u << CZ_ROLE_AMBASSADEUR)) != 0;
		part |= (p->acteurs[i].roles & (1u << CZ_ROLE_PARTENAIRE)) != 0;
	}
	if (amb && part)
		return false;
	const char *ra = cz_enum_label(&cz_enum_role, CZ_ROLE_AMBASSADEUR);
	const char *rp = cz_enum_label(&cz_enum_role, CZ_ROLE_PARTENAIRE);
	if (!amb && !part)
		cz_buf_printf(&a->detail, "Aucun acteur n'a le rôle «\u00A0%s\u00A0» ni le rôle «\u00A0%s\u00A0».", ra, rp);
	else
		cz_buf_printf(&a->detail, "Aucun acteur n'a le rôle «\u00A0%s\u00A0».", amb ? rp : ra);
	rule_steps_undone(a);
	return true;
}

static bool is_provider(const cz_project *p, const cz_actor *ac)
{
	if (ac->roles & (1u << CZ_ROLE_PRESTATAIRE))
		return true;
	for (size_t k = 0; k < p->n_offre; k++)
		if (p->offre[k].prestataire && strcmp(p->offre[k].prestataire, ac->nom) == 0)
			return true;
	return false;
}

static bool detect_no_charter(alert_ctx *a)
{
	const cz_project *p = a->d->project;
	size_t n = 0;
	for (size_t i = 0; i < p->n_acteurs; i++) {
		const cz_actor *ac = &p->acteurs[i];
		if (!is_provider(p, ac) || (ac->charte_set && ac->charte))
			continue;
		cz_buf_printf(&a->detail, "%s%s", n ? ", " : "Charte non signée ou non renseignée\u00A0: ", ac->nom);
		n++;
	}
	if (n == 0)
		return false;
	cz_buf_puts(&a->detail, ".");
	rule_steps_undone(a);
	return true;
}

/* The rule's steps must each be fait or en_cours. */
static bool detect_not_under_way(alert_ctx *a)
{
	for (size_t i = 0; i < a->rule->n_etapes; i++) {
		const cz_diag_step *s = find_step(a->d, a->rule->etapes[i]);
		if (s && s->status != CZ_STEP_FAIT && s->status != CZ_STEP_EN_COURS)
			add_step(a, s->step->id);
	}
	if (a->n_steps == 0)
		return false;
	cz_buf_puts(&a->detail, a->n_steps > 1 ? "Ni faites ni en cours\u00A0: " : "Ni faite ni en cours\u00A0: ");
	for (size_t i = 0; i < a->n_steps; i++) {
		const cz_diag_step *s = find_step(a->d, a->steps[i]);
		cz_buf_printf(&a->detail, "%s%s — %s", i ? "\u202F; " : "", a->steps[i],
			      s && s->step->nom ? s->step->nom : "?");
	}
	cz_buf_puts(&a->detail, ".");
	return true;
}

static bool detect_no_activity(alert_ctx *a)
{
	if (a->d->project->n_activite > 0)
		return false;
	cz_buf_puts(&a->detail, "La rubrique «\u00A0activite\u00A0» ne contient aucun relevé mensuel.");
	rule_steps_undone(a);
	return true;
}

static bool detect_no_needs(alert_ctx *a)
{
	if (a->d->project->n_besoins > 0)
		return false;
	cz_buf_puts(&a->detail, "La rubrique «\u00A0besoins\u00A0» est absente ou vide.");
	rule_steps_undone(a);
	return true;
}

static bool detect_unassessed(alert_ctx *a)
{
	const cz_cov_tally *t = &a->d->coverage.total;
	size_t n = t->counts[CZ_COV_UNASSESSED];
	if (n == 0)
		return false;
	cz_buf_printf(&a->detail, "%zu compétence%s sur %zu de la phase «\u00A0%s\u00A0» %s pas évaluée%s.", n,
		      cz_fr_s((double)n), t->total, cz_ref_phase_name(a->d->ref, a->d->declared),
		      cz_fr_pl((double)n, "n'est", "ne sont"), cz_fr_s((double)n));
	rule_steps_undone(a);
	return true;
}

static const struct {
	const char *id;
	bool (*detect)(alert_ctx *a);
} detectors[] = {
	{ RULE_AHEAD, detect_ahead },
	{ RULE_OVERLAP, detect_overlap },
	{ "diag.definition", detect_definition },
	{ "diag.usagers-non-mobilises", detect_users },
	{ "diag.fichier-de-depart", detect_starter },
	{ "diag.phase-suivante", detect_next },
	{ "diag.eparpillement", detect_spread },
	{ "diag.test-sans-financement", detect_no_funding },
	{ "diag.reseau-sans-relais", detect_no_relays },
	{ "diag.prestataires-sans-charte", detect_no_charter },
	{ "diag.lancement-sans-structuration", detect_not_under_way },
	{ "diag.fonctionnement-sans-evaluation", detect_not_under_way },
	{ "diag.activite-absente", detect_no_activity },
	{ "diag.besoins-absents", detect_no_needs },
	{ "diag.competences-non-evaluees", detect_unassessed },
};

static cz_status compute_alerts(cz_diag *d)
{
	const cz_referential *ref = d->ref;
	size_t total_steps = 0;
	for (int ph = 0; ph < CZ_PHASE_COUNT; ph++)
		total_steps += d->phases[ph].n_steps;
	cz_diag_alert *found = cz_arena_calloc(d->arena, ref->n_alerts ? ref->n_alerts : 1, sizeof(*found));
	d->alerts = cz_arena_calloc(d->arena, ref->n_alerts ? ref->n_alerts : 1, sizeof(*d->alerts));
	if (!found || !d->alerts)
		return CZ_ERR_NOMEM;
	size_t n_found = 0;
	for (size_t i = 0; i < ref->n_alerts; i++) {
		const cz_ref_alert *rule = &ref->alerts[i];
		if (rule->phases && !(rule->phases & (1u << d->declared)))
			continue;
		bool (*detect)(alert_ctx *) = NULL;
		for (size_t k = 0; k < sizeof(detectors) / sizeof(detectors[0]); k++)
			if (strcmp(detectors[k].id, rule->id) == 0)
				detect = detectors[k].detect;
		/* A rule an amended referential adds without code behind it stays silent. */
		if (!detect)
			continue;
		alert_ctx a = { d, rule, { 0 }, NULL, 0 };
		cz_buf_init(&a.detail);
		a.steps = cz_arena_calloc(d->arena, total_steps + rule->n_etapes + 1, sizeof(*a.steps));
		if (!a.steps) {
			cz_buf_free(&a.detail);
			return CZ_ERR_NOMEM;
		}
		bool fired = detect(&a);
		if (fired) {
			if (!cz_buf_ok(&a.detail)) {
				cz_buf_free(&a.detail);
				return CZ_ERR_NOMEM;
			}
			cz_diag_alert *al = &found[n_found++];
			al->rule = rule;
			al->detail = cz_arena_strdup(d->arena, a.detail.data ? a.detail.data : "");
			al->steps = a.steps;
			al->n_steps = a.n_steps;
			if (!al->detail) {
				cz_buf_free(&a.detail);
				return CZ_ERR_NOMEM;
			}
		}
		cz_buf_free(&a.detail);
	}
	/* Most severe first; the referential's order within a severity. */
	for (int sev = CZ_SEV_CRITIQUE; sev >= 0; sev--)
		for (size_t i = 0; i < n_found; i++)
			if ((int)found[i].rule->severite == sev) {
				d->alerts[d->n_alerts++] = found[i];
				d->alert_counts[sev]++;
			}
	return CZ_OK;
}

/* ---- next actions ---------------------------------------------------- */

static bool action_taken(const cz_diag *d, const char *id)
{
	for (size_t i = 0; i < d->n_actions; i++)
		if (strcmp(d->actions[i].id, id) == 0)
			return true;
	return false;
}

static void add_step_action(cz_diag *d, cz_diag_action_kind kind, const cz_diag_step *s,
			    const cz_ref_alert *alert)
{
	if (d->n_actions >= CZ_DIAG_ACTIONS || action_taken(d, s->step->id))
		return;
	cz_diag_action *a = &d->actions[d->n_actions++];
	a->kind = kind;
	a->id = s->step->id;
	a->label = s->step->nom;
	a->phase = s->phase;
	a->status_label = s->recorded ? cz_enum_label(&cz_enum_step_status, s->status)
				      : "à faire, non renseignée";
	a->alert = alert;
}

static void compute_actions(cz_diag *d)
{
	/* Order of urgency: what a critical alert points to, what blocks the
	 * declared phase, what it still asks, then the skills to acquire. The
	 * first pass takes one step per critical alert, so that each of them is
	 * represented; the second takes their other steps. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < d->n_alerts; i++) {
			const cz_diag_alert *al = &d->alerts[i];
			if (al->rule->severite != CZ_SEV_CRITIQUE)
				continue;
			for (size_t k = 0; k < al->n_steps; k++) {
				const cz_diag_step *s = find_step(d, al->steps[k]);
				if (s && !action_taken(d, s->step->id)) {
					add_step_action(d, CZ_DIAG_ACT_ALERT, s, al->rule);
					if (pass == 0)
						break;
				}
			}
		}
	}
	for (size_t i = 0; i < d->n_blocking; i++)
		add_step_action(d, CZ_DIAG_ACT_BLOCKING, d->blocking[i], NULL);
	for (size_t i = 0; i < d->n_remaining; i++)
		add_step_action(d, CZ_DIAG_ACT_STEP, d->remaining[i], NULL);
	for (size_t i = 0; i < d->coverage.n_items && d->n_actions < CZ_DIAG_ACTIONS; i++) {
		const cz_cov_item *it = &d->coverage.items[i];
		if (it->state != CZ_COV_GAP || action_taken(d, it->competence->id))
			continue;
		cz_diag_action *a = &d->actions[d->n_actions++];
		a->kind = CZ_DIAG_ACT_SKILL;
		a->id = it->competence->id;
		a->label = it->competence->nom;
		a->phase = d->declared;
		a->status_label = cz_enum_label(&cz_enum_level, CZ_LEVEL_A_ACQUERIR);
	}
}

cz_status cz_diag_run(const cz_project *p, const cz_referential *ref, cz_diag **out)
{
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_diag *d = cz_arena_alloc(arena, sizeof(*d));
	if (!d) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	d->arena = arena;
	d->project = p;
	d->ref = ref;
	d->declared = p->projet.phase;
	const cz_ref_alert *ahead = cz_ref_alert_find(ref, RULE_AHEAD);
	/* Without the rule's threshold, a phase counts as done when all of it is. */
	d->threshold = ahead && ahead->has_seuil ? ahead->seuil : 1.0;
	d->threshold_origine = ahead ? ahead->origine : ref->sources;
	cz_starter_scan(p, ref, &d->starter);
	cz_status st;
	if ((st = cz_multiactivity_count(p, ref, &d->multi)) != CZ_OK || (st = compute_phases(d)) != CZ_OK ||
	    (st = compute_coverage(d)) != CZ_OK || (st = compute_needs(d)) != CZ_OK ||
	    (st = compute_definition(d)) != CZ_OK || (st = compute_alerts(d)) != CZ_OK) {
		cz_diag_free(d);
		return st;
	}
	compute_actions(d);
	*out = d;
	return CZ_OK;
}

void cz_diag_free(cz_diag *d)
{
	if (!d)
		return;
	cz_coverage_free(&d->coverage);
	cz_testphase_free(d->testphase);
	cz_arena_free(d->arena);
}
