#include <stdio.h>

#include "cmd.h"

const cz_cmd_spec cz_spec_validate = {
	.name = "validate",
	.summary = "vérifier des fichiers de projet (toutes les erreurs, avec leur position)",
	.help =
		"usage\u00A0: conciergerie validate [--referentiel FICHIER] [-q] FICHIER...\n"
		"\n"
		"Vérifie chaque fichier de projet\u00A0: syntaxe YAML, clés connues, types,\n"
		"valeurs permises, dates, montants, doublons, références aux acteurs et aux\n"
		"identifiants du référentiel. Toutes les erreurs d'un fichier sont\n"
		"affichées, chacune sous la forme «\u00A0fichier:ligne:colonne: message\u00A0».\n"
		"«\u00A0-\u00A0» lit le projet sur l'entrée standard.\n"
		"\n"
		"Options\u00A0:\n"
		"  --referentiel FICHIER  valider avec un référentiel amendé\n"
		"  -q, --quiet            ne rien afficher pour les fichiers valides\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Code de sortie\u00A0: 0 si tous les fichiers sont valides, 1 si l'un est\n"
		"invalide, 2 en cas d'erreur d'utilisation, 3 si un fichier est illisible.\n",
	.options = CZ_OPT_REF,
	.min_args = 1,
	.max_args = -1,
};

int cmd_validate(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_validate, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_referential *ref;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK)
		return code;
	int worst = CZ_EXIT_OK;
	for (int i = 0; i < o.argc; i++) {
		cz_project *p;
		code = cz_cli_load_project(o.argv[i], ref, &p);
		if (code == CZ_EXIT_OK) {
			if (!o.quiet)
				printf("%s\u00A0: valide\n", o.argv[i]);
			cz_project_free(p);
		}
		/* An unreadable file (3) outranks an invalid one (1). */
		if (code > worst)
			worst = code;
	}
	cz_referential_free(ref);
	return worst;
}
