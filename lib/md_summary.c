#include "md_summary.h"

#include <string.h>

#include "enums.h"
#include "format_fr.h"
#include "md.h"
#include "text.h"

const char *cz_md_phase_name(const cz_referential *ref, cz_phase ph)
{
	const char *n = cz_ref_phase_name(ref, ph);
	return n && !strpbrk(n, "\\`*_[]<>|#\n\r\t") && !cz_text_unsafe_count(n, strlen(n))
		       ? n
		       : cz_enum_label(&cz_enum_phase, ph);
}

static void heading(cz_buf *b, int level, const char *text)
{
	for (int i = 0; i < level; i++)
		cz_buf_putc(b, '#');
	cz_buf_printf(b, " %s\n\n", text);
}

static void facts(cz_buf *b, const cz_diag *d, const cz_testphase *tp)
{
	const cz_referential *ref = d->ref;
	const cz_projet *pj = &d->project->projet;
	char t[CZ_FR_SIZE];
	/* The project's name heads the table, so the table says whose it is. */
	cz_buf_puts(b, "| Projet | ");
	cz_md_text(b, pj->nom && *pj->nom ? pj->nom : "projet sans nom");
	cz_buf_puts(b, " |\n|---|---|\n| Date du point | ");
	if (pj->date.set)
		cz_buf_printf(b, "%02d/%02d/%04d", pj->date.day, pj->date.month, pj->date.year);
	else
		cz_buf_puts(b, "non renseignée");
	cz_buf_printf(b, " |\n| Phase déclarée | %s |\n| Phase étayée par les étapes | %s%s |\n",
		      cz_md_phase_name(ref, d->declared), cz_md_phase_name(ref, d->supported),
		      d->ahead ? " (en retard sur la phase déclarée)" : "");
	if (tp) {
		cz_buf_printf(b, "| Verdict de sortie du test | **%s**", cz_verdict_labels[tp->verdict]);
		if (tp->not_assessed)
			cz_buf_puts(b, " (le fichier n'a pas de rubrique «\u00A0test\u00A0»)");
		else
			cz_buf_printf(b, ", score %s\u00A0/\u00A01", cz_fr_number(t, sizeof(t), tp->score, 2));
		cz_buf_puts(b, " |\n");
	}
	cz_buf_printf(b, "| Couverture des compétences | %s (phase %s, %zu compétence%s applicable%s) |\n",
		      cz_fr_percent(t, sizeof(t), d->coverage.total.ratio), cz_md_phase_name(ref, d->declared),
		      d->coverage.total.total, cz_fr_s((double)d->coverage.total.total),
		      cz_fr_s((double)d->coverage.total.total));
	size_t nc = d->alert_counts[CZ_SEV_CRITIQUE], na = d->alert_counts[CZ_SEV_ATTENTION],
	       ni = d->alert_counts[CZ_SEV_INFO];
	cz_buf_printf(b, nc ? "| Alertes | **%zu critique%s**, " : "| Alertes | %zu critique%s, ", nc, nc > 1 ? "s" : "");
	cz_buf_printf(b, "%zu «\u00A0attention\u00A0», %zu «\u00A0info\u00A0» |\n", na, ni);
	if (d->starter.found)
		cz_buf_printf(b, "| Fichier de départ | %s |\n",
			      d->starter.untouched ? "non rempli\u00A0: encore celui de «\u00A0conciergerie init\u00A0»"
						   : "des exemples de «\u00A0conciergerie init\u00A0» restent à remplacer");
	cz_buf_puts(b, "\n");
}

static void critical_alerts(cz_buf *b, const cz_diag *d, int level)
{
	if (!d->alert_counts[CZ_SEV_CRITIQUE])
		return;
	heading(b, level, "Alertes critiques");
	for (size_t i = 0; i < d->n_alerts; i++) {
		const cz_diag_alert *a = &d->alerts[i];
		if (a->rule->severite != CZ_SEV_CRITIQUE)
			continue;
		cz_buf_puts(b, "- **");
		cz_md_text(b, a->rule->nom);
		cz_buf_puts(b, "**\u00A0: ");
		cz_md_text(b, a->detail);
		cz_buf_puts(b, "\n");
	}
	cz_buf_puts(b, "\n");
}

static void actions(cz_buf *b, const cz_diag *d, int level)
{
	const cz_referential *ref = d->ref;
	heading(b, level, "Prochaines actions");
	if (d->n_actions == 0) {
		cz_buf_puts(b, "Rien à signaler\u00A0: les étapes de la phase sont faites et aucune compétence ne manque.\n\n");
		return;
	}
	for (size_t i = 0; i < d->n_actions; i++) {
		const cz_diag_action *a = &d->actions[i];
		cz_buf_printf(b, "%zu. ", i + 1);
		cz_md_code(b, a->id);
		cz_buf_puts(b, " ");
		cz_md_text(b, a->label);
		cz_buf_puts(b, " — ");
		const char *ph = cz_md_phase_name(ref, a->phase);
		switch (a->kind) {
		case CZ_DIAG_ACT_ALERT:
			cz_buf_puts(b, "alerte critique «\u00A0");
			cz_md_text(b, a->alert->nom);
			cz_buf_printf(b, "\u00A0»\u202F; étape de la phase %s (%s)", ph, a->status_label);
			break;
		case CZ_DIAG_ACT_BLOCKING:
			cz_buf_printf(b, "étape bloquante de la phase %s (%s)", ph, a->status_label);
			break;
		case CZ_DIAG_ACT_STEP:
			cz_buf_printf(b, "étape de la phase %s (%s)", ph, a->status_label);
			break;
		default:
			cz_buf_printf(b, "compétence de la phase %s à acquérir ou à confier au réseau", ph);
			break;
		}
		cz_buf_puts(b, "\n");
	}
	cz_buf_printf(b, "\nLe nombre de ces actions (%d au plus) et leur ordre (alertes critiques, étapes bloquantes, "
			 "étapes restantes de la phase, puis compétences à acquérir) sont des choix de l'outil, "
			 "non des critères du groupe de travail.\n\n",
		      CZ_DIAG_ACTIONS);
}

void cz_md_summary(cz_buf *b, const cz_diag *d, const cz_testphase *tp, int level)
{
	heading(b, level, "L'essentiel");
	facts(b, d, tp);
	critical_alerts(b, d, level + 1);
	actions(b, d, level + 1);
}
