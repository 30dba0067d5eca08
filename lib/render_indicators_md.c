/* The activity dashboard as Markdown: GFM tables, optional Mermaid charts. */
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "render.h"
#include "format_fr.h"
#include "indicators.h"
#include "md.h"
#include "origin.h"
#include "number.h"
#include "text.h"

typedef enum { F_COUNT, F_EUROS, F_PERCENT, F_RATIO, F_HOURS } fmt_kind;

static void cell(cz_buf *b, cz_num v, fmt_kind k)
{
	char s[64];
	cz_buf_puts(b, " ");
	if (!v.set) {
		cz_buf_puts(b, "—");
	} else {
		switch (k) {
		case F_EUROS:
			cz_ind_euros(s, sizeof(s), v.value);
			break;
		case F_PERCENT:
			cz_fr_percent(s, sizeof(s), v.value);
			break;
		case F_RATIO:
			cz_fr_number(s, sizeof(s), v.value, 2);
			break;
		case F_HOURS:
			cz_fr_compact(s, sizeof(s), v.value, 1);
			break;
		default:
			cz_fr_compact(s, sizeof(s), v.value, 2);
		}
		cz_buf_puts(b, s);
	}
	cz_buf_puts(b, " |");
}

static void month_label(cz_buf *b, cz_date d)
{
	/* "%04d-%02d" without printf, once per month of every dashboard */
	if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99) {
		char s[7] = { (char)('0' + d.year / 1000), (char)('0' + d.year / 100 % 10),
			      (char)('0' + d.year / 10 % 10), (char)('0' + d.year % 10), '-',
			      (char)('0' + d.month / 10), (char)('0' + d.month % 10) };
		cz_buf_add(b, s, sizeof(s));
		return;
	}
	cz_buf_printf(b, "%04d-%02d", d.year, d.month);
}

static const char *pillar_name(const cz_referential *ref, int k)
{
	return ref->pillars[k].nom ? ref->pillars[k].nom : cz_enum_label(&cz_enum_pilier, k);
}

static void summary(cz_buf *b, const cz_indicators *r)
{
	const cz_ind_figures *t = &r->total;
	char s[64];
	cz_buf_puts(b, "## Synthèse de la période\n\n| Indicateur | Total ou ratio de la période |\n|---|---:|\n");
	struct {
		const char *label;
		cz_num v;
		fmt_kind k;
	} rows[] = {
		{ "Demandes reçues", t->demandes, F_COUNT },
		{ "Commandes réalisées", t->commandes, F_COUNT },
		{ "Conversion (commandes / demandes)", t->conversion, F_PERCENT },
		{ "Clients (somme des mois)", t->clients, F_COUNT },
		{ "Clients récurrents (somme des mois)", t->clients_recurrents, F_COUNT },
		{ "Fidélisation (clients récurrents / clients)", t->fidelisation, F_PERCENT },
		{ "Recettes", t->recettes, F_EUROS },
		{ "Charges", t->charges, F_EUROS },
		{ "Résultat (recettes − charges)", t->resultat, F_EUROS },
		{ "Financements acquis des mois relevés (un douzième du montant annuel par mois, hors prêts)",
		  t->financements, F_EUROS },
		{ "Couverture des charges ((recettes + financements acquis) / charges)", t->couverture, F_RATIO },
		{ "Autofinancement (recettes / charges)", t->autofinancement, F_RATIO },
		{ "Heures salariées", t->heures_salariees, F_HOURS },
		{ "Heures bénévoles", t->heures_benevoles, F_HOURS },
		{ "Valeur du bénévolat", t->valeur_benevolat, F_EUROS },
		{ "Kilomètres", t->km, F_COUNT },
		{ "Livraisons", t->livraisons, F_COUNT },
		{ "Kilomètres par livraison", t->km_par_livraison, F_RATIO },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		cz_buf_puts(b, "| ");
		cz_buf_puts(b, rows[i].label);
		cz_buf_puts(b, " |");
		cell(b, rows[i].v, rows[i].k);
		cz_buf_putc(b, '\n');
	}
	cz_buf_puts(b, "\n");
	if (r->taux_benevolat >= 0) {
		cz_buf_printf(b, "Les heures bénévoles sont valorisées à %s de l'heure\u00A0: ",
			      cz_fr_euros(s, sizeof(s), r->taux_benevolat));
		cz_md_text(b, r->taux_source);
		if (!r->taux_given_option)
			cz_buf_puts(b, " C'est un taux par défaut de l'outil, remplaçable par l'option --taux-benevolat "
				       "ou dans le référentiel.");
		cz_buf_puts(b, "\n\n");
	} else {
		cz_buf_puts(b, "Les heures bénévoles ne sont pas valorisées\u00A0: le référentiel ne donne pas de taux "
			       "horaire et l'option --taux-benevolat n'a pas été utilisée.\n\n");
	}
}

static void monthly(cz_buf *b, const cz_indicators *r)
{
	cz_buf_puts(b, "## Mois par mois\n\n"
		       "| Mois | Demandes | Commandes | Conversion | Clients | Fidélisation | Recettes | Charges | "
		       "Résultat | Couverture | Autofinancement | Heures salariées | Heures bénévoles | "
		       "Valeur du bénévolat | Km par livraison |\n"
		       "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_month *m = &r->months[i];
		cz_buf_puts(b, "| ");
		month_label(b, m->periode);
		if (m->gap) {
			cz_buf_puts(b, " | *mois manquant\u00A0: aucun relevé* |");
			cz_buf_repeat(b, " — |", 13);
			cz_buf_putc(b, '\n');
			continue;
		}
		cz_buf_puts(b, " |");
		const cz_ind_figures *f = &m->f;
		cell(b, f->demandes, F_COUNT);
		cell(b, f->commandes, F_COUNT);
		cell(b, f->conversion, F_PERCENT);
		cell(b, f->clients, F_COUNT);
		cell(b, f->fidelisation, F_PERCENT);
		cell(b, f->recettes, F_EUROS);
		cell(b, f->charges, F_EUROS);
		cell(b, f->resultat, F_EUROS);
		cell(b, f->couverture, F_RATIO);
		cell(b, f->autofinancement, F_RATIO);
		cell(b, f->heures_salariees, F_HOURS);
		cell(b, f->heures_benevoles, F_HOURS);
		cell(b, f->valeur_benevolat, F_EUROS);
		cell(b, f->km_par_livraison, F_RATIO);
		cz_buf_putc(b, '\n');
	}
	const cz_ind_figures *t = &r->total;
	cz_buf_puts(b, "| **Total** |");
	cell(b, t->demandes, F_COUNT);
	cell(b, t->commandes, F_COUNT);
	cell(b, t->conversion, F_PERCENT);
	cell(b, t->clients, F_COUNT);
	cell(b, t->fidelisation, F_PERCENT);
	cell(b, t->recettes, F_EUROS);
	cell(b, t->charges, F_EUROS);
	cell(b, t->resultat, F_EUROS);
	cell(b, t->couverture, F_RATIO);
	cell(b, t->autofinancement, F_RATIO);
	cell(b, t->heures_salariees, F_HOURS);
	cell(b, t->heures_benevoles, F_HOURS);
	cell(b, t->valeur_benevolat, F_EUROS);
	cell(b, t->km_par_livraison, F_RATIO);
	cz_buf_puts(b, "\n\n");
	cz_buf_puts(b, "Un ratio n'est calculé que si ses deux termes sont renseignés\u202F; celui de la ligne Total "
		       "rapporte la somme des numérateurs à celle des dénominateurs, sur les mois où les deux "
		       "sont connus. Un financement acquis est réparti sur les douze mois de son année\u00A0: chaque "
		       "mois relevé en reçoit un douzième pour le calcul de la couverture, et les totaux ne "
		       "comptent que les mois relevés (quatre relevés portent quatre douzièmes du financement "
		       "de l'année, pas davantage). Les prêts et avances remboursables n'y figurent pas\u00A0: ils "
		       "seront remboursés, c'est de la trésorerie et non une ressource.\n\n");
}

static void averages(cz_buf *b, const cz_indicators *r)
{
	cz_buf_puts(b, "## Moyennes mobiles sur 3 mois\n\n| Mois | Recettes | Charges | Résultat |\n|---|---:|---:|---:|\n");
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_month *m = &r->months[i];
		cz_buf_puts(b, "| ");
		month_label(b, m->periode);
		cz_buf_puts(b, " |");
		cell(b, m->mm_recettes, F_EUROS);
		cell(b, m->mm_charges, F_EUROS);
		cell(b, m->mm_resultat, F_EUROS);
		cz_buf_putc(b, '\n');
	}
	cz_buf_puts(b, "\nLa moyenne d'un mois porte sur ce mois et les deux précédents\u202F; elle n'est donnée que si "
		       "les trois mois ont un relevé avec la valeur\u00A0: un mois manquant n'est jamais remplacé par "
		       "une estimation.\n\n");
}

static void trend(cz_buf *b, const cz_indicators *r)
{
	const cz_ind_trend *t = &r->trend;
	char s[64];
	cz_buf_puts(b, "## Tendance et point d'équilibre\n\n");
	if (t->kind == CZ_BE_UNKNOWN) {
		cz_buf_printf(b, "Tendance non calculable\u00A0: il faut au moins deux mois où recettes et charges "
				 "sont renseignées (%zu ici).\n\n", t->n_points);
		return;
	}
	cz_buf_printf(b, "- Tendance du résultat mensuel\u00A0: %s par mois (droite des moindres carrés sur %zu mois\u202F; "
			 "un mois manquant allonge l'axe du temps sans être comblé).\n",
		      cz_ind_euros(s, sizeof(s), t->slope), t->n_points);
	cz_buf_printf(b, "- Résultat selon la tendance au dernier mois relevé\u00A0: %s.\n",
		      cz_ind_euros(s, sizeof(s), t->intercept + t->slope * t->x_last));
	cz_buf_puts(b, "- Équilibre (résultat ≥ 0)\u00A0: ");
	switch (t->kind) {
	case CZ_BE_ALREADY:
		cz_buf_puts(b, "déjà à l'équilibre selon la tendance.\n\n");
		break;
	case CZ_BE_NEVER:
		cz_buf_puts(b, "pas d'équilibre en vue\u00A0: le résultat ne progresse pas assez.\n\n");
		break;
	default:
		cz_buf_puts(b, "atteint en ");
		month_label(b, t->month);
		cz_buf_printf(b, " si la tendance se maintient, soit %d mois après le dernier relevé.\n\n",
			      t->months_after_last);
	}
}

static void services(cz_buf *b, const cz_indicators *r)
{
	char s[64];
	cz_buf_puts(b, "## Recettes par service\n\n");
	if (r->n_mois_detailles == 0) {
		cz_buf_puts(b, "Aucun relevé ne détaille ses recettes par service (`recettes` donné par service, "
			       "sous la forme d'une table `{ \"Repassage\": 300, … }`).\n\n");
	} else {
		if (r->n_mois_detailles == 1)
			cz_buf_puts(b, "Sur le seul mois dont les recettes sont détaillées\u00A0:\n\n");
		else
			cz_buf_printf(b, "Sur les %zu mois dont les recettes sont détaillées\u00A0:\n\n", r->n_mois_detailles);
		cz_buf_puts(b, "| Service | Recettes | Mois | Part | Offre récurrente |\n|---|---:|---:|---:|---|\n");
		for (size_t i = 0; i < r->n_services; i++) {
			const cz_ind_service *sv = &r->services[i];
			cz_buf_puts(b, "| ");
			cz_md_text(b, sv->service);
			cz_buf_printf(b, " | %s |", cz_fr_euros(s, sizeof(s), sv->montant));
			cz_buf_printf(b, " %zu |", sv->n_mois);
			cell(b, (cz_num){ r->recettes_detaillees > 0 ? sv->montant / r->recettes_detaillees : 0,
					  r->recettes_detaillees > 0 },
			     F_PERCENT);
			cz_buf_printf(b, " %s |\n", sv->recurrent ? "oui" : "non");
		}
		cz_buf_puts(b, "\n| Mois |");
		for (size_t i = 0; i < r->n_services; i++) {
			cz_buf_putc(b, ' ');
			cz_md_text(b, r->services[i].service);
			cz_buf_puts(b, " |");
		}
		cz_buf_puts(b, "\n|---|");
		cz_buf_repeat(b, "---:|", r->n_services);
		cz_buf_putc(b, '\n');
		for (size_t i = 0; i < r->n_months; i++) {
			const cz_month *mo = r->months[i].src;
			if (!mo || !mo->recettes_services)
				continue;
			cz_buf_puts(b, "| ");
			month_label(b, mo->periode);
			cz_buf_puts(b, " |");
			for (size_t k = 0; k < r->n_services; k++) {
				cz_num v = { 0, false };
				for (size_t j = 0; j < mo->n_recettes_services; j++)
					if (!strcmp(mo->recettes_services[j].service, r->services[k].service))
						v = (cz_num){ mo->recettes_services[j].montant, true };
				cell(b, v, F_EUROS);
			}
			cz_buf_putc(b, '\n');
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "**Part des recettes récurrentes**\u00A0: ");
	if (r->part_recurrente.set) {
		cz_buf_printf(b, "%s (", cz_fr_percent(s, sizeof(s), r->part_recurrente.value));
		cz_buf_printf(b, "%s sur ", cz_fr_euros(s, sizeof(s), r->recettes_recurrentes));
		cz_buf_printf(b, "%s de recettes détaillées par service). ",
			      cz_fr_euros(s, sizeof(s), r->recettes_detaillees));
	} else {
		cz_buf_puts(b, "non calculable, faute de recettes détaillées par service. ");
	}
	cz_buf_printf(b, "Règle\u00A0: sont récurrentes les recettes d'un service dont le nom est exactement celui "
			 "d'une offre marquée `recurrent: true` (%zu offre%s ici).\n\n",
		      r->n_offres_recurrentes, r->n_offres_recurrentes > 1 ? "s" : "");
}

static void mix(cz_buf *b, const cz_indicators *r, const cz_referential *ref)
{
	const cz_ind_mix *m = &r->mix;
	char s[64], t[64], u[64];
	cz_buf_puts(b, "## Ressources par pilier\n\n");
	if (m->year_from)
		cz_buf_puts(b, "Recettes d'activité des relevés, financements acquis attribués aux mois relevés "
			       "(un douzième du montant annuel par mois) et bénévolat valorisé.\n\n");
	else
		cz_buf_puts(b, "Aucun relevé d'activité\u00A0: chaque financement acquis compte pour son année "
			       "entière.\n\n");
	cz_buf_puts(b, "| Pilier | Montant | Part | |\n|---|---:|---:|---|\n");
	for (int k = 0; k < CZ_PILIER_COUNT; k++) {
		cz_buf_puts(b, "| ");
		cz_md_text(b, pillar_name(ref, k));
		cz_buf_puts(b, " | ");
		cz_buf_puts(b, cz_fr_euros(s, sizeof(s), m->montant[k]));
		cz_buf_puts(b, " |");
		cell(b, (cz_num){ m->part[k], m->total > 0 }, F_PERCENT);
		cz_buf_putc(b, ' ');
		cz_md_bar(b, m->part[k], 10);
		cz_buf_puts(b, " |\n");
		if (k == CZ_PILIER_IMPLICATION_CITOYENNE && m->benevolat > 0)
			cz_buf_printf(b, "| dont bénévolat valorisé (%s h à %s) | %s | | |\n",
				      cz_fr_compact(t, sizeof(t), r->total.heures_benevoles.value, 1),
				      cz_fr_euros(s, sizeof(s), r->taux_benevolat),
				      cz_fr_euros(u, sizeof(u), m->benevolat));
	}
	cz_buf_printf(b, "| **Total** | %s | | |\n\n", cz_fr_euros(s, sizeof(s), m->total));
	size_t start = b->len;
	if (m->total > 0) {
		cz_buf_puts(b, "- Pilier principal\u00A0: ");
		cz_md_text(b, pillar_name(ref, m->largest));
		cz_buf_printf(b, ", %s des ressources.\n", cz_fr_percent(s, sizeof(s), m->part[m->largest]));
		cz_buf_printf(b, "- Indice de Herfindahl (somme des carrés des parts)\u00A0: %s — 1 quand un seul "
				 "pilier apporte tout, 0,25 pour quatre parts égales.\n",
			      cz_fr_number(s, sizeof(s), m->herfindahl, 2));
	}
	if (m->benevolat > 0)
		cz_buf_puts(b, "- Le bénévolat valorisé (heures bénévoles × taux horaire) compte dans le pilier "
			       "de l'implication citoyenne\u00A0: c'est une ressource en nature, hors de la couverture "
			       "des charges.\n");
	if (m->hors_mois > 0)
		cz_buf_printf(b, "- Non comptés car attribués aux mois sans relevé des mêmes années\u00A0: %s.\n",
			      cz_fr_euros(s, sizeof(s), m->hors_mois));
	if (m->non_acquis > 0)
		cz_buf_printf(b, "- Non comptés car non acquis\u00A0: %s.\n", cz_fr_euros(s, sizeof(s), m->non_acquis));
	if (m->hors_periode > 0)
		cz_buf_printf(b, "- Non comptés car d'une année sans relevé\u00A0: %s.\n",
			      cz_fr_euros(s, sizeof(s), m->hors_periode));
	if (m->sans_annee > 0)
		cz_buf_printf(b, "- Non comptés faute d'année\u00A0: %s.\n", cz_fr_euros(s, sizeof(s), m->sans_annee));
	if (m->sans_pilier > 0)
		cz_buf_printf(b, "- Non comptés faute de pilier\u00A0: %s.\n", cz_fr_euros(s, sizeof(s), m->sans_pilier));
	const cz_multiactivity *mu = &r->multi;
	if (mu->services_min > 0) {
		cz_buf_printf(b, "- Multiactivité\u00A0: %s — %zu service%s %s, pour au moins %s (",
			      mu->met ? "oui" : "non", mu->n_services, cz_fr_s((double)mu->n_services),
			      mu->from_revenue ? cz_fr_pl((double)mu->n_services, "apporte des recettes",
							  "apportent des recettes")
					       : "à l'offre (les recettes ne sont pas détaillées par service)",
			      cz_fr_compact(t, sizeof(t), mu->services_min, 0));
		cz_origin_md(b, mu->origine);
		cz_buf_puts(b, ").\n");
	}
	if (m->prets > 0 || m->prets_autres > 0) {
		cz_buf_printf(b, "- Trésorerie\u00A0: prêts et avances remboursables acquis, %s", cz_fr_euros(s, sizeof(s), m->prets));
		if (m->prets_autres > 0)
			cz_buf_printf(b, " (et %s non acquis ou d'une autre année)", cz_fr_euros(t, sizeof(t), m->prets_autres));
		cz_buf_puts(b, ". Ils seront remboursés\u00A0: ce n'est pas une ressource, ils ne comptent ni dans les "
			       "piliers, ni dans la couverture des charges, ni dans l'autofinancement.\n");
	}
	if (b->len > start)
		cz_buf_puts(b, "\n");
}

/* A label inside a Mermaid block, on one line between double quotes: a
 * quote would end it, a line break would end the statement (and, at the
 * start of a line, "```" the block), '<' and '>' would be markup to
 * Mermaid's renderer, "#…;" is its entity syntax. They become
 * look-alikes or spaces; what no output may carry is replaced. */
static void mermaid_label(cz_buf *b, const char *s)
{
	cz_buf clean;
	cz_buf_init(&clean);
	cz_text_clean(&clean, s, strlen(s));
	b->log.replaced += clean.log.replaced;
	if (!cz_buf_ok(&clean))
		b->failed = true;
	for (size_t i = 0; cz_buf_ok(&clean) && i < clean.len; i++) {
		switch (clean.data[i]) {
		case '"':
			cz_buf_putc(b, '\'');
			break;
		case '<':
			cz_buf_puts(b, "‹");
			break;
		case '>':
			cz_buf_puts(b, "›");
			break;
		case ';':
			cz_buf_putc(b, ',');
			break;
		case '\n':
		case '\r':
		case '\t':
		case '`':
			cz_buf_putc(b, ' ');
			break;
		default:
			cz_buf_putc(b, clean.data[i]);
		}
	}
	cz_buf_free(&clean);
}

/* Colours that read on screen and in greyscale: the revenue as light bars,
 * the charges as a dark line drawn over them (grey levels about 187 and 63
 * of 255); the pillars from dark to light (about 99, 136, 183 and 225),
 * each pillar always its own colour. Mermaid takes theme variables from
 * its "base" theme only. */
#define REVENUE_COLOUR "#9dc3e6"
#define CHARGES_COLOUR "#8b1e1e"
static const char *const pillar_colours[CZ_PILIER_COUNT] = { "#3d6d99", "#c07a3a", "#93c1e0", "#efe2b8" };

/* Beyond a year of months, the labels (mm/yy) get a smaller type and the
 * chart 40 px per month, so that 36 months stay readable. */
#define MONTHS_AT_DEFAULT_SIZE 12
#define PX_PER_MONTH 40

static bool both_set(const cz_ind_figures *f)
{
	return f->recettes.set && f->charges.set;
}

static void series(cz_buf *b, const cz_indicators *r, const char *kind, bool revenue)
{
	cz_buf_printf(b, "    %s [", kind);
	bool first = true;
	for (size_t i = 0; i < r->n_months; i++) {
		const cz_ind_figures *f = &r->months[i].f;
		if (!both_set(f))
			continue;
		char v[CZ_NUMBER_MAX];
		cz_number_fixed(revenue ? f->recettes.value : f->charges.value, 2, v);
		cz_buf_printf(b, "%s%s", first ? "" : ", ", v);
		first = false;
	}
	cz_buf_puts(b, "]\n");
}

static void charts(cz_buf *b, const cz_indicators *r, const cz_referential *ref)
{
	cz_buf_puts(b, "## Graphiques\n\n");
	size_t n = 0;
	for (size_t i = 0; i < r->n_months; i++)
		n += both_set(&r->months[i].f);
	if (n > 0) {
		/* xychart-beta draws no legend of its own: it is written above. */
		cz_buf_puts(b, "Légende\u00A0: les **recettes** en barres claires, les **charges** en ligne foncée, en euros "
			       "par mois (mois notés mm/aa)");
		cz_buf_puts(b, r->n_gaps ? "\u202F; les mois sans relevé ne figurent pas sur l'axe.\n\n" : ".\n\n");
		cz_buf_puts(b, "```mermaid\n%%{init: {\"theme\": \"base\", ");
		if (n > MONTHS_AT_DEFAULT_SIZE)
			cz_buf_printf(b, "\"xyChart\": {\"width\": %zu, \"xAxis\": {\"labelFontSize\": 11}}, ",
				      n * PX_PER_MONTH);
		cz_buf_puts(b, "\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"" REVENUE_COLOUR ", " CHARGES_COLOUR
			       "\"}}}}%%\nxychart-beta\n    title \"Recettes et charges par mois\"\n    x-axis [");
		bool first = true;
		for (size_t i = 0; i < r->n_months; i++) {
			if (!both_set(&r->months[i].f))
				continue;
			cz_buf_printf(b, "%s\"%02d/%02d\"", first ? "" : ", ", r->months[i].periode.month,
				      r->months[i].periode.year % 100);
			first = false;
		}
		cz_buf_puts(b, "]\n    y-axis \"euros\"\n");
		series(b, r, "bar", true);
		series(b, r, "line", false);
		cz_buf_puts(b, "```\n\n");
	}
	if (r->mix.total > 0) {
		/* Mermaid draws the slices from the largest down and gives pieN to
		 * the N-th: written in that order (ties in pillar order, which its
		 * stable sort keeps), each pillar keeps its colour. */
		int order[CZ_PILIER_COUNT] = { 0 }, m = 0;
		for (int k = 0; k < CZ_PILIER_COUNT; k++) {
			if (!(r->mix.montant[k] > 0))
				continue;
			int j = m++;
			while (j > 0 && r->mix.montant[order[j - 1]] < r->mix.montant[k]) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = k;
		}
		cz_buf_puts(b, "Chaque pilier a sa couleur, du plus foncé au plus clair\u00A0: ");
		for (int k = 0; k < CZ_PILIER_COUNT; k++) {
			cz_buf_puts(b, k ? ", " : "");
			cz_md_text(b, pillar_name(ref, k));
		}
		cz_buf_puts(b, ".\n\n```mermaid\n%%{init: {\"theme\": \"base\", \"themeVariables\": {");
		for (int j = 0; j < m; j++)
			cz_buf_printf(b, "%s\"pie%d\": \"%s\"", j ? ", " : "", j + 1, pillar_colours[order[j]]);
		cz_buf_puts(b, ", \"pieStrokeColor\": \"#333333\", \"pieSectionTextColor\": \"#000000\"}}}%%\n"
			       "pie title Ressources par pilier\n");
		for (int j = 0; j < m; j++) {
			cz_buf_puts(b, "    \"");
			mermaid_label(b, pillar_name(ref, order[j]));
			char v[CZ_NUMBER_MAX];
			cz_number_fixed(r->mix.montant[order[j]], 2, v);
			cz_buf_printf(b, "\" : %s\n", v);
		}
		cz_buf_puts(b, "```\n\n");
	}
	if (n == 0 && !(r->mix.total > 0))
		cz_buf_puts(b, "Pas de donnée à représenter.\n\n");
}

cz_status cz_indicators_render_md(const void *result, const cz_render_ctx *rc)
{
	const cz_indicators *r = result;
	const cz_referential *ref = rc->ref;
	bool with_charts = rc->opts && rc->opts->charts;
	cz_buf *b = rc->out;
	const cz_project *p = r->project;
	size_t start = b->len;
	cz_buf_puts(b, "# Tableau de bord d'activité — ");
	cz_md_text(b, p->projet.nom ? p->projet.nom : "projet sans nom");
	cz_buf_puts(b, "\n\n");
	if (r->n_records == 0) {
		cz_buf_puts(b, "Aucun relevé mensuel (`activite`)\u00A0: les indicateurs d'activité ne peuvent pas être "
			       "calculés. Ajoutez un relevé par mois (demandes, commandes, clients, recettes, "
			       "charges, heures, kilomètres, livraisons) pour obtenir le tableau de bord.\n\n");
	} else {
		cz_buf_printf(b, "%zu relevé%s mensuel%s, de ", r->n_records, r->n_records > 1 ? "s" : "",
			      r->n_records > 1 ? "s" : "");
		month_label(b, r->months[0].periode);
		cz_buf_puts(b, " à ");
		month_label(b, r->months[r->n_months - 1].periode);
		if (r->n_gaps)
			cz_buf_printf(b, "\u202F; %zu mois manquant%s dans cet intervalle", r->n_gaps,
				      r->n_gaps > 1 ? "s" : "");
		cz_buf_puts(b, ".\n\n");
		summary(b, r);
		monthly(b, r);
		averages(b, r);
		trend(b, r);
		services(b, r);
	}
	mix(b, r, ref);
	if (with_charts)
		charts(b, r, ref);
	cz_buf_puts(b, "## Alertes\n\n");
	if (r->n_alerts == 0)
		cz_buf_puts(b, "Aucune alerte.\n");
	for (size_t i = 0; i < r->n_alerts; i++) {
		cz_buf_puts(b, "- **");
		cz_buf_puts(b, cz_enum_label(&cz_enum_severity, (int)r->alerts[i].severity));
		cz_buf_puts(b, "** — ");
		cz_md_text(b, r->alerts[i].message);
		cz_buf_putc(b, '\n');
	}
	cz_md_finish(b, start);
	return cz_buf_ok(b) ? CZ_OK : CZ_ERR_NOMEM;
}
