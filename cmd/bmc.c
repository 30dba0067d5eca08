#include <stdlib.h>

#include "cmd.h"
#include "run.h"
#include "schema.h"

static const cz_analysis *const writes[] = { &cz_analysis_bmc, NULL };

const cz_cmd_spec cz_spec_bmc = {
	.name = "bmc",
	.summary = "canevas du modèle économique (business model canvas), avec contrôles",
	.help =
		"usage\u00A0: conciergerie bmc [-f @FORMATS@] [-o CHEMIN] [--referentiel FICHIER] [-q] FICHIER...\n"
		"        conciergerie bmc --template quartier|rural [-f @FORMATS@] [-o CHEMIN]\n"
		"\n"
		"Présente les neuf blocs du modèle économique (section «\u00A0bmc\u00A0» du fichier\n"
		"de projet) disposés comme le canevas\u00A0: partenaires, activités et\n"
		"ressources clés, proposition de valeur, distribution, clients et\n"
		"bénéficiaires, puis structure des coûts et sources de revenus. Chaque bloc\n"
		"porte sa question guide\u202F; les coûts sont regroupés par type (fixe,\n"
		"variable, investissement) et chaque revenu est marqué de son pilier.\n"
		"\n"
		"Avec --template, présente l'un des deux canevas d'exemple du référentiel\n"
		"(conciergerie de quartier, conciergerie rurale), sans fichier de projet.\n"
		"\n"
		"Contrôles, chacun avec sa gravité (info, attention, critique) et sa raison\u00A0:\n"
		"  - bloc vide (ou section «\u00A0bmc\u00A0» absente)\u202F;\n"
		"  - revenus et financements couvrant moins de deux des quatre piliers de\n"
		"    viabilité\u00A0: le modèle n'est pas hybride (critique)\u202F;\n"
		"  - aucune recette récurrente d'entreprise ou de collectivité\u00A0: ni offre\n"
		"    «\u00A0recurrent: true\u00A0» destinée aux entreprises, collectivités ou\n"
		"    bailleurs, ni revenu associant abonnement, contrat, forfait ou\n"
		"    convention à un payeur nommé\u202F;\n"
		"  - cible d'une offre prioritaire absente du bloc des clients\u202F;\n"
		"  - partenaire, prestataire, fournisseur ou financeur de «\u00A0acteurs\u00A0»\n"
		"    absent du bloc des partenaires\u202F;\n"
		"  - aucun salaire dans la structure des coûts\u202F;\n"
		"  - revenus sans pilier.\n"
		"Les comparaisons ignorent majuscules et accents\u202F; seuils et mots cherchés\n"
		"viennent de la section «\u00A0bmc.controles\u00A0» du référentiel. Pour un canevas\n"
		"d'exemple, seuls les contrôles qui se passent du projet s'appliquent.\n"
		"\n"
		"Formats\u00A0:\n"
		"  md    tableau HTML disposé comme le canevas, puis les blocs en listes,\n"
		"        les piliers et les contrôles (par défaut)\n"
		"  xlsx  feuille «\u00A0Canevas\u00A0» en cellules fusionnées, imprimable sur une page\n"
		"        en paysage\u202F; feuilles «\u00A0Canevas blocs\u00A0» (un élément par ligne\u00A0:\n"
		"        bloc, élément, pilier, type de coût) et «\u00A0Canevas contrôles\u00A0».\n"
		"        Toutes s'impriment en paysage, sur une page de large. Le PDF du\n"
		"        classeur (impression ou conversion par un tableur) donne une page\n"
		"        par feuille, le canevas sur la première\u00A0: imprimez cette page, ou\n"
		"        la seule feuille «\u00A0Canevas\u00A0», pour n'avoir que le canevas. Un\n"
		"        tableau trop long pour une page se poursuit sur les suivantes.\n"
		"  json  blocs, piliers et contrôles\n"
		"La mention de licence du canevas (CC BY-SA) accompagne chaque format.\n"
		"\n"
		"Options\u00A0:\n"
		"  -f, --format FORMAT    @FORMATS@ (sinon déduit de l'extension de -o)\n"
		"  -o, --output CHEMIN    fichier de sortie, ou répertoire pour plusieurs\n"
		"                         projets (obligatoire pour xlsx)\u202F; avec --template,\n"
		"                         un répertoire reçoit MODELE-bmc.EXT\n"
		"  --template MODELE      canevas d'exemple du référentiel\u00A0: quartier ou rural\n"
		"  --referentiel FICHIER  utiliser un référentiel amendé\n"
		"  -q, --quiet            accepté\u202F; la commande n'affiche que les erreurs\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"«\u00A0-\u00A0» lit le projet sur l'entrée standard. Plusieurs fichiers\u00A0: les\n"
		"rapports Markdown se suivent à l'écran, les JSON forment un tableau\u202F; avec\n"
		"-o RÉPERTOIRE, chaque projet donne RÉPERTOIRE/<nom>-bmc.<ext>.\n"
		"Règles de sortie (noms dans un répertoire, fichiers existants, liens,\n"
		"périphériques, entrées jamais remplacées)\u00A0: «\u00A0man conciergerie\u00A0», SORTIES.\n"

		"\n"
		"Code de sortie\u00A0: 0 en cas de succès, 1 si un fichier de projet est\n"
		"invalide, 2 en cas d'erreur d'utilisation (dont un modèle inconnu), 3 en\n"
		"cas d'erreur d'entrée-sortie.\n",
	.options = CZ_OPT_FORMAT | CZ_OPT_OUTPUT | CZ_OPT_REF | CZ_OPT_TEMPLATE,
	.min_args = 0,
	.max_args = -1,
	.writes = writes,
};

/* An unknown template: name the known ones, and the closest. */
static int unknown_template(const cz_opts *o, const cz_referential *ref)
{
	const char **ids = calloc(ref->n_canvases ? ref->n_canvases : 1, sizeof(*ids));
	cz_buf list;
	cz_buf_init(&list);
	for (size_t i = 0; i < ref->n_canvases; i++) {
		if (ids)
			ids[i] = ref->canvases[i].id;
		cz_buf_printf(&list, "%s%s", i ? ", " : "", ref->canvases[i].id);
	}
	const char *close = ids ? cz_suggest(o->template_name, ids, ref->n_canvases) : NULL;
	int code;
	if (close)
		code = cz_cli_usage_error(o->spec, "modèle de canevas «\u00A0%s\u00A0» inconnu — vouliez-vous dire «\u00A0%s\u00A0»\u202F? (modèles\u00A0: %s)",
					  o->template_name, close, cz_buf_ok(&list) && list.data ? list.data : "");
	else
		code = cz_cli_usage_error(o->spec, "modèle de canevas «\u00A0%s\u00A0» inconnu (modèles\u00A0: %s)",
					  o->template_name, cz_buf_ok(&list) && list.data ? list.data : "");
	cz_buf_free(&list);
	free(ids);
	return code;
}

/* --template ID: the example canvas of the referential. */
static int find_template(const cz_opts *o, const cz_referential *ref, cz_options *opts)
{
	opts->canvas = cz_ref_canvas_find(ref, o->template_name);
	return opts->canvas ? CZ_EXIT_OK : unknown_template(o, ref);
}

int cmd_bmc(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_bmc, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_options opts = cz_cli_options(&o);
	if (o.template_name) {
		if (o.argc > 0)
			return cz_cli_usage_error(&cz_spec_bmc, "--template présente un exemple du référentiel\u00A0: ne donnez pas de fichier de projet («\u00A0%s\u00A0» en trop)",
						  o.argv[0]);
		/* in -o DIR, the canvas is named after the template: quartier-bmc.md */
		return cz_run_alone(&o, &cz_analysis_bmc, &opts, find_template, o.template_name);
	}
	if (o.argc == 0)
		return cz_cli_usage_error(&cz_spec_bmc, "il manque au moins un fichier (ou --template quartier|rural)");
	return cz_run_analysis(&o, &cz_analysis_bmc, &opts, NULL);
}
