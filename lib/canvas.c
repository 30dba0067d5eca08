#include "canvas.h"

#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "fold.h"
#include "format_fr.h"
#include "funding.h"
#include "starter.h"

const char *const cz_canvas_check_keys[CZ_CHECK_COUNT] = {
	"bmc_absent", "bloc_vide", "hybridite", "recurrent",
	"cible_absente", "acteur_absent", "salaires", "revenu_sans_pilier",
	"multiactivite", "modele_exemple",
};

/* At most: bmc_absent, 9 empty blocks, one per cible, and one each of the others. */
#define MAX_CHECKS (1 + CZ_BLOC_COUNT + CZ_CIBLE_COUNT + 7)

static bool match_any(const char *text, const char *const *words, size_t n)
{
	return cz_fold_match_any(text, words, n, false);
}

/* ---- building the result ------------------------------------------------ */

typedef struct {
	cz_canvas *c;
	const cz_referential *ref;
	bool nomem;
} builder;

static const char *bloc_name(const cz_referential *ref, int b)
{
	return ref->blocks[b].nom ? ref->blocks[b].nom : cz_enum_label(&cz_enum_bloc, b);
}

static void add_check(builder *bd, cz_canvas_check_kind kind, cz_severity sev, int bloc,
		      cz_buf *message, const char *reason)
{
	cz_canvas *c = bd->c;
	if (!cz_buf_ok(message) || c->n_checks >= MAX_CHECKS) {
		bd->nomem = bd->nomem || !cz_buf_ok(message);
		return;
	}
	const char *m = cz_arena_strndup(c->arena, message->data, message->len);
	if (!m) {
		bd->nomem = true;
		return;
	}
	c->checks[c->n_checks++] = (cz_canvas_check){ kind, sev, bloc, m, reason };
	c->n_by_severity[sev]++;
}

/* Lay out the blocks: items as written, costs grouped by type. */
static bool layout(builder *bd, const cz_bmc *bmc)
{
	cz_canvas *c = bd->c;
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		cz_canvas_block *bl = &c->blocks[b];
		size_t n = bmc->count[b];
		bl->items = cz_arena_calloc(c->arena, n ? n : 1, sizeof(*bl->items));
		if (!bl->items)
			return false;
		if (b != CZ_BLOC_COUTS) {
			for (size_t i = 0; i < n; i++)
				bl->items[bl->n++] = &bmc->items[b][i];
			continue;
		}
		/* -1 (no type) comes last. */
		for (int t = 0; t <= CZ_COUT_COUNT; t++) {
			int want = t < CZ_COUT_COUNT ? t : -1;
			for (size_t i = 0; i < n; i++) {
				if (bmc->items[b][i].cout_type != want)
					continue;
				bl->items[bl->n++] = &bmc->items[b][i];
				if (want >= 0)
					bl->typed = true;
			}
		}
	}
	return true;
}

static void list_pillars(cz_buf *m, const cz_canvas *c)
{
	size_t k = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++) {
		if (!cz_canvas_has_pillar(c, v))
			continue;
		cz_buf_printf(m, "%s%s", k++ ? ", " : "", cz_enum_label(&cz_enum_pilier, v));
	}
}

static void check_empty_blocks(builder *bd)
{
	for (int b = 0; b < CZ_BLOC_COUNT; b++) {
		if (bd->c->blocks[b].n)
			continue;
		cz_buf m;
		cz_buf_init(&m);
		cz_buf_printf(&m, "Le bloc «\u00A0%s\u00A0» est vide", bloc_name(bd->ref, b));
		if (bd->ref->blocks[b].question)
			cz_buf_printf(&m, "\u00A0: %s", bd->ref->blocks[b].question);
		else
			cz_buf_putc(&m, '.');
		add_check(bd, CZ_CHECK_BLOC_VIDE, CZ_SEV_ATTENTION, b, &m,
			  "Chaque bloc répond à une question du modèle économique\u00A0: tant qu'il reste vide, "
			  "cette question n'a pas encore été travaillée.");
		cz_buf_free(&m);
	}
}

static void check_pillars(builder *bd, bool with_funding)
{
	cz_canvas *c = bd->c;
	if (c->piliers_min < 0 || c->n_pillars >= (size_t)c->piliers_min)
		return;
	cz_buf m;
	cz_buf_init(&m);
	const char *where = with_funding ? "revenus du canevas et les financements" : "revenus du canevas";
	if (c->n_pillars == 0) {
		cz_buf_printf(&m, "Aucun des %d piliers de viabilité n'apparaît dans les %s.", CZ_PILIER_COUNT, where);
	} else {
		if (c->n_pillars == 1)
			cz_buf_printf(&m, "Les %s ne couvrent qu'un seul pilier de viabilité sur %d (", where,
				      CZ_PILIER_COUNT);
		else
			cz_buf_printf(&m, "Les %s ne couvrent que %zu piliers de viabilité sur %d (", where,
				      c->n_pillars, CZ_PILIER_COUNT);
		list_pillars(&m, c);
		cz_buf_printf(&m, ")\u00A0: il en faut au moins %d pour un modèle hybride (%s).", c->piliers_min,
			      c->piliers_min_origine && !c->piliers_min_origine->outil
				      ? "critère du groupe de travail"
				      : "seuil par défaut de l'outil");
	}
	if ((c->pillar_revenue[CZ_PILIER_ACTIVITE] || c->pillar_funding[CZ_PILIER_ACTIVITE]) && !c->multi.met)
		cz_buf_puts(&m, " Les recettes d'activité ne comptent pas comme pilier tant qu'il n'y a pas "
				"multiactivité.");
	size_t untagged = 0;
	const cz_canvas_block *rev = &c->blocks[CZ_BLOC_REVENUS];
	for (size_t i = 0; i < rev->n; i++)
		untagged += rev->items[i]->pilier < 0;
	if (untagged == 1)
		cz_buf_puts(&m, " Une source de revenus sans pilier n'est pas comptée.");
	else if (untagged > 1)
		cz_buf_printf(&m, " %zu sources de revenus sans pilier ne sont pas comptées.", untagged);
	add_check(bd, CZ_CHECK_HYBRIDITE, CZ_SEV_CRITIQUE, CZ_BLOC_REVENUS, &m,
		  "Une conciergerie ne tient que si ses ressources sont hybrides\u00A0: recettes d'activité, "
		  "soutien public, soutien privé et implication citoyenne se relaient, et dépendre d'une "
		  "seule source met le projet à la merci de son retrait.");
	cz_buf_free(&m);
}

static void list_words(cz_buf *m, const char *const *words, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++)
		cz_buf_printf(m, "%s%s", i ? ", " : "", words[i]);
	if (n > max)
		cz_buf_puts(m, "…");
}

static void check_recurring(builder *bd, const cz_project *p)
{
	const cz_ref_bmc_checks *k = &bd->ref->bmc_checks;
	if (!k->present)
		return;
	if (p) {
		for (size_t i = 0; i < p->n_offre; i++) {
			const cz_offer *o = &p->offre[i];
			if (o->recurrent && o->cible_set && (k->cibles_recurrentes & (1u << o->cible)))
				return;
		}
	}
	const cz_canvas_block *rev = &bd->c->blocks[CZ_BLOC_REVENUS];
	for (size_t i = 0; i < rev->n; i++)
		if (match_any(rev->items[i]->texte, k->mots_recurrents, k->n_mots_recurrents) &&
		    match_any(rev->items[i]->texte, k->mots_payeurs, k->n_mots_payeurs))
			return;
	cz_buf m;
	cz_buf_init(&m);
	cz_buf_puts(&m, "Aucune recette récurrente d'entreprise ou de collectivité n'est prévue\u00A0: ");
	if (p && k->cibles_recurrentes) {
		size_t n = 0, total = 0;
		for (int v = 0; v < CZ_CIBLE_COUNT; v++)
			total += (k->cibles_recurrentes >> v) & 1u;
		cz_buf_puts(&m, "pas d'offre «\u00A0recurrent\u00A0» destinée aux ");
		for (int v = 0; v < CZ_CIBLE_COUNT; v++)
			if (k->cibles_recurrentes & (1u << v)) {
				cz_buf_printf(&m, "%s%s", !n ? "" : n + 1 == total ? " ou " : ", ",
					      cz_enum_label(&cz_enum_cible, v));
				n++;
			}
		cz_buf_puts(&m, ", ni de");
	} else {
		cz_buf_puts(&m, "pas de");
	}
	cz_buf_puts(&m, " source de revenus qui associe une forme récurrente (");
	list_words(&m, k->mots_recurrents, k->n_mots_recurrents, 6);
	cz_buf_puts(&m, ") à un payeur nommé (");
	list_words(&m, k->mots_payeurs, k->n_mots_payeurs, 3);
	cz_buf_puts(&m, ").");
	add_check(bd, CZ_CHECK_RECURRENT, CZ_SEV_ATTENTION, CZ_BLOC_REVENUS, &m,
		  "Un contrat récurrent avec une entreprise, une collectivité ou un bailleur assure des "
		  "recettes annuelles connues d'avance, ce qui rend le budget prévisible.");
	cz_buf_free(&m);
}

static void check_targets(builder *bd, const cz_project *p)
{
	const cz_canvas_block *cl = &bd->c->blocks[CZ_BLOC_CLIENTS];
	if (!cl->n)
		return; /* already an empty block */
	for (int v = 0; v < CZ_CIBLE_COUNT; v++) {
		if (v == CZ_CIBLE_AUTRE)
			continue; /* "autre" names no segment to look for */
		const char *label = cz_enum_label(&cz_enum_cible, v);
		size_t n_offers = 0;
		bool found = false;
		for (size_t i = 0; i < p->n_offre; i++)
			if (p->offre[i].prioritaire && p->offre[i].cible_set && (int)p->offre[i].cible == v &&
			    !cz_starter_offer(&p->offre[i]))
				n_offers++;
		if (!n_offers)
			continue;
		for (size_t i = 0; i < cl->n && !found; i++)
			found = cz_fold_match(cl->items[i]->texte, label, true);
		if (found)
			continue;
		cz_buf m;
		cz_buf_init(&m);
		cz_buf_printf(&m, "La cible «\u00A0%s\u00A0» de l'offre prioritaire%s ", label, n_offers > 1 ? "s" : "");
		size_t k = 0;
		for (size_t i = 0; i < p->n_offre; i++)
			if (p->offre[i].prioritaire && p->offre[i].cible_set && (int)p->offre[i].cible == v &&
			    !cz_starter_offer(&p->offre[i]))
				cz_buf_printf(&m, "%s«\u00A0%s\u00A0»", k++ ? ", " : "", p->offre[i].service);
		cz_buf_printf(&m, " ne figure pas dans le bloc «\u00A0%s\u00A0».", bloc_name(bd->ref, CZ_BLOC_CLIENTS));
		add_check(bd, CZ_CHECK_CIBLE_ABSENTE, CZ_SEV_ATTENTION, CZ_BLOC_CLIENTS, &m,
			  "Les couples produit / marché prioritaires doivent se retrouver parmi les segments "
			  "de clientèle, sans quoi le canevas ne décrit pas l'activité réellement testée.");
		cz_buf_free(&m);
	}
}

/* The actor's name in an item, or the item (without a trailing remark in
 * parentheses: "Communauté de communes (portage de repas)") in the name. */
static bool actor_listed(const cz_canvas_block *pb, const char *nom)
{
	for (size_t i = 0; i < pb->n; i++) {
		const char *t = pb->items[i]->texte;
		const char *paren = strstr(t, " (");
		if (cz_fold_match(t, nom, false) || cz_fold_match_span(nom, t, paren, false))
			return true;
	}
	return false;
}

/* actor_listed for every actor against the same items: the items folded
 * once (whole, and up to " ("), each name once, the same comparisons.
 * NULL items (no memory): actor_listed. */
static char **fold_items(const cz_canvas_block *pb)
{
	char **f = calloc(2 * pb->n, sizeof(*f));
	if (!f)
		return NULL;
	for (size_t i = 0; i < pb->n; i++) {
		const char *t = pb->items[i]->texte;
		f[2 * i] = cz_fold_dup(t, NULL, false);
		f[2 * i + 1] = cz_fold_dup(t, strstr(t, " ("), false);
		if (!f[2 * i] || !f[2 * i + 1]) {
			for (size_t j = 0; j <= 2 * i + 1; j++)
				free(f[j]);
			free(f);
			return NULL;
		}
	}
	return f;
}

static void free_items(char **f, size_t n)
{
	if (!f)
		return;
	for (size_t i = 0; i < 2 * n; i++)
		free(f[i]);
	free(f);
}

static bool actor_listed_folded(const cz_canvas_block *pb, char *const *items, const char *nom)
{
	char *fn = items && nom ? cz_fold_dup(nom, NULL, false) : NULL;
	if (!fn)
		return actor_listed(pb, nom);
	bool found = false;
	for (size_t i = 0; i < pb->n && !found; i++)
		found = cz_folded_match(items[2 * i], fn) || cz_folded_match(fn, items[2 * i + 1]);
	free(fn);
	return found;
}

static void check_actors(builder *bd, const cz_project *p)
{
	const cz_canvas_block *pb = &bd->c->blocks[CZ_BLOC_PARTENAIRES];
	const unsigned roles = 1u << CZ_ROLE_PARTENAIRE | 1u << CZ_ROLE_PRESTATAIRE |
			       1u << CZ_ROLE_FINANCEUR | 1u << CZ_ROLE_FOURNISSEUR;
	if (!pb->n)
		return; /* already an empty block */
	cz_buf m;
	cz_buf_init(&m);
	size_t n = 0;
	char **items = fold_items(pb);
	for (size_t i = 0; i < p->n_acteurs; i++) {
		const cz_actor *a = &p->acteurs[i];
		if (!(a->roles & roles) || actor_listed_folded(pb, items, a->nom))
			continue;
		cz_buf_printf(&m, "%s«\u00A0%s\u00A0» (", n++ ? ", " : "", a->nom);
		size_t r = 0;
		for (int v = 0; v < CZ_ROLE_COUNT; v++)
			if ((roles & a->roles) & (1u << v))
				cz_buf_printf(&m, "%s%s", r++ ? ", " : "", cz_enum_label(&cz_enum_role, v));
		cz_buf_putc(&m, ')');
	}
	free_items(items, pb->n);
	if (n) {
		cz_buf full;
		cz_buf_init(&full);
		cz_buf_printf(&full, "%zu acteur%s du maillage n'apparai%s pas dans le bloc «\u00A0%s\u00A0»\u00A0: ", n,
			      n > 1 ? "s" : "", n > 1 ? "ssent" : "t", bloc_name(bd->ref, CZ_BLOC_PARTENAIRES));
		cz_buf_add(&full, m.data, m.len);
		cz_buf_putc(&full, '.');
		if (!cz_buf_ok(&m))
			full.failed = true;
		add_check(bd, CZ_CHECK_ACTEUR_ABSENT, CZ_SEV_INFO, CZ_BLOC_PARTENAIRES, &full,
			  "Le bloc des partenaires gagne à refléter le réseau d'acteurs sur lequel l'offre "
			  "et son financement reposent\u00A0: le comparer à la liste des acteurs évite d'en oublier.");
		cz_buf_free(&full);
	}
	cz_buf_free(&m);
}

static void check_salaries(builder *bd)
{
	const cz_ref_bmc_checks *k = &bd->ref->bmc_checks;
	const cz_canvas_block *co = &bd->c->blocks[CZ_BLOC_COUTS];
	if (!k->present || !co->n)
		return;
	for (size_t i = 0; i < co->n; i++)
		if (match_any(co->items[i]->texte, k->mots_salaires, k->n_mots_salaires))
			return;
	cz_buf m;
	cz_buf_init(&m);
	cz_buf_printf(&m, "Aucun salaire ne figure dans le bloc «\u00A0%s\u00A0».", bloc_name(bd->ref, CZ_BLOC_COUTS));
	add_check(bd, CZ_CHECK_SALAIRES, CZ_SEV_ATTENTION, CZ_BLOC_COUTS, &m,
		  "La rémunération du travail est le point épineux des conciergeries\u00A0: un modèle qui "
		  "compte sur le bénévolat ou sur un poste financé par une autre structure doit l'écrire "
		  "et prévoir comment il tiendra dans la durée.");
	cz_buf_free(&m);
}

static void check_revenue_pillars(builder *bd)
{
	const cz_canvas_block *rev = &bd->c->blocks[CZ_BLOC_REVENUS];
	cz_buf m;
	cz_buf_init(&m);
	size_t n = 0;
	for (size_t i = 0; i < rev->n; i++)
		if (rev->items[i]->pilier < 0)
			cz_buf_printf(&m, "%s«\u00A0%s\u00A0»", n++ ? ", " : "", rev->items[i]->texte);
	if (n) {
		cz_buf full;
		cz_buf_init(&full);
		cz_buf_printf(&full, "%zu source%s de revenus sans pilier\u00A0: ", n, n > 1 ? "s" : "");
		cz_buf_add(&full, m.data, m.len);
		cz_buf_putc(&full, '.');
		if (!cz_buf_ok(&m))
			full.failed = true;
		add_check(bd, CZ_CHECK_REVENU_SANS_PILIER, CZ_SEV_INFO, CZ_BLOC_REVENUS, &full,
			  "Rattacher chaque source de revenus à son pilier (clé «\u00A0pilier\u00A0») permet de "
			  "mesurer l'hybridité du modèle.");
		cz_buf_free(&full);
	}
	cz_buf_free(&m);
}

static void check_multiactivity(builder *bd)
{
	const cz_canvas *c = bd->c;
	const cz_multiactivity *mu = &c->multi;
	if (mu->met || !(c->pillar_revenue[CZ_PILIER_ACTIVITE] || c->pillar_funding[CZ_PILIER_ACTIVITE]))
		return;
	char n[CZ_FR_SIZE];
	cz_buf m;
	cz_buf_init(&m);
	cz_buf_printf(&m, "Multiactivité non atteinte\u00A0: %zu service%s ", mu->n_services, cz_fr_s((double)mu->n_services));
	if (mu->from_revenue)
		cz_buf_puts(&m, cz_fr_pl((double)mu->n_services, "apporte des recettes", "apportent des recettes"));
	else if (mu->from_canvas)
		cz_buf_puts(&m, "parmi les sources de revenus d'activité du canevas");
	else
		cz_buf_puts(&m, "à l'offre");
	cz_buf_printf(&m, ", pour au moins %s (%s)\u00A0: les recettes d'activité ne comptent pas encore comme le pilier "
			  "de la multiactivité.",
		      cz_fr_compact(n, sizeof(n), mu->services_min, 0),
		      mu->origine && !mu->origine->outil ? "critère du groupe de travail" : "seuil par défaut de l'outil");
	add_check(bd, CZ_CHECK_MULTIACTIVITE, CZ_SEV_ATTENTION, CZ_BLOC_REVENUS, &m,
		  "La multiactivité est un impératif économique des conciergeries de territoire\u00A0: vendre "
		  "plusieurs services à des clients variés répartit les risques qu'un seul service ferait "
		  "porter au projet.");
	cz_buf_free(&m);
}

static void check_example(builder *bd)
{
	const cz_ref_canvas *ex = bd->c->example;
	if (!ex)
		return;
	cz_buf m;
	cz_buf_init(&m);
	cz_buf_printf(&m, "Le canevas est encore le modèle d'exemple «\u00A0%s\u00A0» du référentiel, recopié tel quel (par "
			  "«\u00A0conciergerie init\u00A0»)\u00A0: ce n'est pas encore le modèle économique du projet, et les "
			  "contrôles ci-dessous portent sur l'exemple.",
		      ex->nom ? ex->nom : ex->id);
	add_check(bd, CZ_CHECK_MODELE_EXEMPLE, CZ_SEV_ATTENTION, -1, &m,
		  "Le canevas d'exemple est un point de départ\u00A0: chaque bloc est à réécrire avec les "
		  "partenaires, les activités, les clients et les revenus propres au projet.");
	cz_buf_free(&m);
}

/* Critique first, then attention, then info; stable within a severity. */
static void sort_checks(cz_canvas *c)
{
	for (size_t i = 1; i < c->n_checks; i++) {
		cz_canvas_check x = c->checks[i];
		size_t j = i;
		for (; j > 0 && c->checks[j - 1].severity < x.severity; j--)
			c->checks[j] = c->checks[j - 1];
		c->checks[j] = x;
	}
}

static cz_status begin(const cz_referential *ref, builder *bd, cz_canvas **out)
{
	*out = NULL;
	cz_arena *arena = cz_arena_new();
	if (!arena)
		return CZ_ERR_NOMEM;
	cz_canvas *c = cz_arena_alloc(arena, sizeof(*c));
	if (!c || !(c->checks = cz_arena_calloc(arena, MAX_CHECKS, sizeof(*c->checks)))) {
		cz_arena_free(arena);
		return CZ_ERR_NOMEM;
	}
	c->arena = arena;
	c->piliers_min = ref->bmc_checks.present ? (int)ref->bmc_checks.piliers_min : -1;
	c->piliers_min_origine = ref->bmc_checks.origine;
	*bd = (builder){ c, ref, false };
	return CZ_OK;
}

static cz_status finish(builder *bd, cz_canvas **out)
{
	if (bd->nomem) {
		cz_canvas_free(bd->c);
		return CZ_ERR_NOMEM;
	}
	sort_checks(bd->c);
	*out = bd->c;
	return CZ_OK;
}

/* Without records nor offers: one service per activity revenue item. */
static void count_canvas_services(cz_canvas *c)
{
	const cz_canvas_block *rev = &c->blocks[CZ_BLOC_REVENUS];
	c->multi.n_services = 0;
	c->multi.from_canvas = true;
	for (size_t i = 0; i < rev->n; i++)
		c->multi.n_services += rev->items[i]->pilier == CZ_PILIER_ACTIVITE;
	c->multi.met = (double)c->multi.n_services >= c->multi.services_min;
}

static void count_revenue_pillars(cz_canvas *c)
{
	const cz_canvas_block *rev = &c->blocks[CZ_BLOC_REVENUS];
	for (size_t i = 0; i < rev->n; i++)
		if (rev->items[i]->pilier >= 0 && rev->items[i]->pilier < CZ_PILIER_COUNT)
			c->pillar_revenue[rev->items[i]->pilier] = true;
	c->n_pillars = 0;
	for (int v = 0; v < CZ_PILIER_COUNT; v++)
		c->n_pillars += cz_canvas_has_pillar(c, v);
}

cz_status cz_canvas_run(const cz_project *p, const cz_referential *ref, cz_canvas **out)
{
	builder bd;
	cz_status st = begin(ref, &bd, out);
	if (st != CZ_OK)
		return st;
	cz_canvas *c = bd.c;
	c->nom = p->projet.nom;
	c->project = p;
	c->file = p->file;
	c->has_bmc = p->bmc.present;
	if (!layout(&bd, &p->bmc)) {
		cz_canvas_free(c);
		return CZ_ERR_NOMEM;
	}
	/* A loan is repaid: it supports no pillar. */
	for (size_t i = 0; i < p->n_financements; i++)
		if (p->financements[i].pilier_set && !cz_funding_repayable(&p->financements[i]))
			c->pillar_funding[p->financements[i].pilier] = true;
	if (cz_multiactivity_count(p, ref, &c->multi) != CZ_OK) {
		cz_canvas_free(c);
		return CZ_ERR_NOMEM;
	}
	if (!c->multi.from_revenue && c->multi.n_services == 0)
		count_canvas_services(c);
	c->example = cz_starter_canvas(p, ref);
	count_revenue_pillars(c);

	if (!c->has_bmc) {
		cz_buf m;
		cz_buf_init(&m);
		cz_buf_puts(&m, "Le fichier n'a pas de section «\u00A0bmc\u00A0»\u00A0: le canevas est vide.");
		add_check(&bd, CZ_CHECK_BMC_ABSENT, CZ_SEV_ATTENTION, -1, &m,
			  "Le canevas résume le modèle économique sur une page\u202F; «\u00A0conciergerie init\u00A0» en "
			  "propose un de départ, tiré des exemples du référentiel.");
		cz_buf_free(&m);
	} else {
		check_example(&bd);
		check_empty_blocks(&bd);
	}
	check_pillars(&bd, true);
	check_multiactivity(&bd);
	check_recurring(&bd, p);
	if (c->has_bmc) {
		check_targets(&bd, p);
		check_actors(&bd, p);
		check_salaries(&bd);
		check_revenue_pillars(&bd);
	}
	return finish(&bd, out);
}

cz_status cz_canvas_run_template(const cz_ref_canvas *t, const cz_referential *ref, cz_canvas **out)
{
	builder bd;
	cz_status st = begin(ref, &bd, out);
	if (st != CZ_OK)
		return st;
	cz_canvas *c = bd.c;
	c->nom = t->nom;
	c->template_id = t->id;
	c->has_bmc = true;
	if (!layout(&bd, &t->bmc)) {
		cz_canvas_free(c);
		return CZ_ERR_NOMEM;
	}
	c->multi.services_min = cz_ref_services_min(ref);
	c->multi.origine = ref->pillars[CZ_PILIER_ACTIVITE].origine_seuil;
	count_canvas_services(c);
	count_revenue_pillars(c);
	check_empty_blocks(&bd);
	check_pillars(&bd, false);
	check_multiactivity(&bd);
	check_recurring(&bd, NULL);
	check_salaries(&bd);
	check_revenue_pillars(&bd);
	return finish(&bd, out);
}

void cz_canvas_free(cz_canvas *c)
{
	if (c)
		cz_arena_free(c->arena);
}

const int cz_canvas_reading_order[CZ_BLOC_COUNT] = {
	CZ_BLOC_PARTENAIRES, CZ_BLOC_ACTIVITES, CZ_BLOC_RESSOURCES, CZ_BLOC_PROPOSITION_VALEUR,
	CZ_BLOC_DISTRIBUTION, CZ_BLOC_CLIENTS, CZ_BLOC_BENEFICIAIRES, CZ_BLOC_COUTS, CZ_BLOC_REVENUS,
};

const char *cz_canvas_block_name(const cz_referential *ref, int bloc)
{
	return ref->blocks[bloc].nom ? ref->blocks[bloc].nom : cz_enum_label(&cz_enum_bloc, bloc);
}

void cz_canvas_capitalized(cz_buf *b, const char *s, void (*text)(cz_buf *, const char *))
{
	if (*s >= 'a' && *s <= 'z') {
		cz_buf_putc(b, (char)(*s - 'a' + 'A'));
		s++;
	}
	text(b, s);
}
