#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "enums.h"
#include "run.h"
#include "schema.h"

static const cz_analysis *const writes[] = { &cz_analysis_skills, NULL };

const cz_cmd_spec cz_spec_skills = {
	.name = "skills",
	.summary = "grille de compétences, auto-évaluation, profil du concierge",
	.help =
		"usage\u00A0: conciergerie skills [--phase PHASE] [options] [FICHIER...]\n"
		"        conciergerie skills --role concierge [options]\n"
		"\n"
		"Sans fichier, donne la grille des compétences que le référentiel attend du\n"
		"porteur de projet, pour une phase (--phase) ou pour les quatre\u00A0: des cases à\n"
		"cocher regroupées par phase puis par famille de savoir-faire, suivies du\n"
		"résumé des quatre familles.\n"
		"\n"
		"Avec un ou plusieurs fichiers de projet, l'auto-évaluation du projet\n"
		"(rubrique competences) remplit la grille\u00A0: case cochée pour une compétence\n"
		"acquise par le porteur ou portée par un acteur nommé, sinon «\u00A0en cours\n"
		"d'acquisition\u00A0», «\u00A0à acquérir\u00A0» ou «\u00A0non évaluée\u00A0»\u202F; puis la couverture par\n"
		"phase et par famille et la liste des compétences à acquérir. Sans --phase,\n"
		"les quatre phases sont montrées et la phase actuelle du projet est signalée.\n"
		"La couverture compte 1 pour une compétence acquise (par le porteur ou par un\n"
		"partenaire), ½ pour une compétence en cours, 0 pour les autres, rapporté au\n"
		"nombre de compétences attendues.\n"
		"\n"
		"Avec --role concierge, donne le profil du concierge décrit par le\n"
		"référentiel (rôle, qualités, missions et leurs tâches) en cases à cocher,\n"
		"pour rédiger une fiche de poste.\n"
		"\n"
		"En xlsx, la grille est une feuille «\u00A0Compétences\u00A0» à remplir dans un tableur\u00A0:\n"
		"une ligne par compétence, une liste déroulante pour le niveau (acquis, en\n"
		"cours, à acquérir, porté par un partenaire), une colonne «\u00A0Porté par\u00A0», et\n"
		"une feuille «\u00A0Compétences synthèse\u00A0» dont les formules recalculent la\n"
		"couverture au fil de la saisie. Avec un projet, une feuille «\u00A0Compétences\n"
		"lacunes\u00A0» reprend les compétences à acquérir, avec pour chacune la suite\n"
		"à donner\u00A0: l'acquérir, ou la confier à un acteur du réseau. Le profil du\n"
		"concierge va dans une feuille «\u00A0Concierge\u00A0». Les feuilles s'impriment en\n"
		"paysage, sur une page de large.\n"
		"\n"
		"Options\u00A0:\n"
		"  --phase PHASE          emergence, test, lancement ou fonctionnement\n"
		"  --role concierge       profil du concierge (sans fichier ni --phase)\n"
		"  -f, --format FORMAT    @FORMATS@ (md par défaut)\u202F; sinon déduit de\n"
		"                         l'extension donnée à -o\n"
		"  -o, --output CHEMIN    fichier à écrire (obligatoire en xlsx), ou répertoire\n"
		"                         qui reçoit un rapport par fichier de projet\n"
		"                         (NOM-competences.EXT)\u202F; absent ou «\u00A0-\u00A0»\u00A0: sortie\n"
		"                         standard (plusieurs rapports Markdown y sont séparés\n"
		"                         par «\u00A0---\u00A0», plusieurs rapports JSON forment une liste)\u202F;\n"
		"                         sans projet, un répertoire reçoit grille-competences.EXT\n"
		"                         (grille-PHASE-competences, concierge-competences)\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  -q, --quiet            accepté\u202F; la commande n'affiche déjà que les erreurs\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"FICHIER peut valoir «\u00A0-\u00A0» (entrée standard). Un fichier invalide est\n"
		"signalé et les autres sont quand même traités.\n"
		"Règles de sortie (noms dans un répertoire, fichiers existants, liens,\n"
		"périphériques, entrées jamais remplacées)\u00A0: «\u00A0man conciergerie\u00A0», SORTIES.\n"

		"\n"
		"Code de sortie\u00A0: 0 en cas de succès, 1 si un fichier de projet est invalide,\n"
		"2 en cas d'erreur d'utilisation, 3 en cas d'erreur d'entrée-sortie.\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_PHASE | CZ_OPT_ROLE,
	.min_args = 0,
	.max_args = -1,
	.writes = writes,
};

static const char *const roles[] = { "concierge" };

int cmd_skills(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_skills, argc, argv, &o);
	if (code >= 0)
		return code;
	if (o.phase && cz_enum_find(&cz_enum_phase, o.phase) < 0) {
		const char *hint = cz_suggest(o.phase, cz_enum_phase.keys, cz_enum_phase.count);
		if (hint)
			return cz_cli_usage_error(&cz_spec_skills,
						  "phase «\u00A0%s\u00A0» inconnue — vouliez-vous dire «\u00A0%s\u00A0»\u202F? "
						  "(emergence, test, lancement ou fonctionnement)",
						  o.phase, hint);
		return cz_cli_usage_error(&cz_spec_skills,
					  "phase «\u00A0%s\u00A0» inconnue (emergence, test, lancement ou "
					  "fonctionnement)",
					  o.phase);
	}
	if (o.role) {
		if (strcmp(o.role, roles[0]) != 0) {
			if (cz_suggest(o.role, roles, 1))
				return cz_cli_usage_error(&cz_spec_skills,
							  "rôle «\u00A0%s\u00A0» inconnu — vouliez-vous dire «\u00A0%s\u00A0»\u202F?",
							  o.role, roles[0]);
			return cz_cli_usage_error(&cz_spec_skills,
						  "rôle «\u00A0%s\u00A0» inconnu — le seul rôle décrit est «\u00A0%s\u00A0»",
						  o.role, roles[0]);
		}
		if (o.phase)
			return cz_cli_usage_error(&cz_spec_skills,
						  "--role et --phase ne vont pas ensemble\u00A0: le profil du "
						  "concierge ne dépend pas de la phase");
		if (o.argc > 0)
			return cz_cli_usage_error(&cz_spec_skills,
						  "--role concierge ne prend pas de fichier de projet "
						  "(«\u00A0%s\u00A0» en trop)",
						  o.argv[0]);
	}
	cz_options opts = cz_cli_options(&o);
	opts.role = o.role != NULL;
	opts.one_phase = o.phase != NULL;
	if (o.phase)
		opts.phase = (cz_phase)cz_enum_find(&cz_enum_phase, o.phase);
	if (o.argc > 0)
		return cz_run_analysis(&o, &cz_analysis_skills, &opts, NULL);
	/* Without a project: the blank grid or the profile, named in -o DIR
	 * "grille-competences", "grille-test-competences", "concierge-competences". */
	char name[64];
	snprintf(name, sizeof(name), "%s%s%s", o.role ? "concierge" : "grille", o.phase ? "-" : "",
		 o.phase ? cz_enum_phase.keys[opts.phase] : "");
	return cz_run_alone(&o, &cz_analysis_skills, &opts, NULL, name);
}
