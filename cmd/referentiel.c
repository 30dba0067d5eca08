#include <stdio.h>

#include "cmd.h"

const cz_cmd_spec cz_spec_referentiel = {
	.name = "referentiel",
	.summary = "afficher le référentiel de la méthode (YAML à amender)",
	.help =
		"usage : conciergerie referentiel [--referentiel FICHIER] [-o FICHIER]\n"
		"\n"
		"Affiche le référentiel intégré de la méthode, au format YAML : les quatre\n"
		"phases avec leurs étapes et compétences, les familles de compétences, les\n"
		"indicateurs de la phase de test avec leurs seuils et poids, la règle de\n"
		"décision, les quatre piliers, les blocs et modèles de canevas, le rôle de\n"
		"concierge et la définition d'une conciergerie de territoire.\n"
		"\n"
		"Pour l'amender : enregistrez-le (-o mon-referentiel.yaml), modifiez-le,\n"
		"puis passez-le aux autres commandes avec --referentiel. Il est vérifié\n"
		"comme un fichier de projet, avec les mêmes messages d'erreur.\n"
		"\n"
		"Options :\n"
		"  --referentiel FICHIER  vérifier puis afficher ce référentiel-là\n"
		"  -o, --output FICHIER   écrire dans un fichier plutôt qu'à l'écran\n"
		"  -h, --help             afficher cette aide\n",
	.options = CZ_OPT_REF | CZ_OPT_OUTPUT,
	.min_args = 0,
	.max_args = 0,
};

int cmd_referentiel(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_referentiel, argc, argv, &o);
	if (code >= 0)
		return code;
	cz_referential *ref;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK)
		return code;
	cz_buf b;
	cz_buf_init(&b);
	cz_buf_add(&b, ref->text, ref->text_len);
	code = cz_cli_write(o.output, &b);
	cz_buf_free(&b);
	cz_referential_free(ref);
	return code;
}
