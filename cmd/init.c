#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "enums.h"
#include "yaml_emit.h"

extern const char cz_builtin_init[];
extern const size_t cz_builtin_init_len;

const cz_cmd_spec cz_spec_init = {
	.name = "init",
	.summary = "écrire un fichier de projet de départ, commenté",
	.help =
		"usage\u00A0: conciergerie init [--type quartier|rural|entreprise|mixte] [--force] [-q] FICHIER\n"
		"\n"
		"Écrit un fichier de projet de départ, valide tel quel, dont les\n"
		"commentaires présentent chaque rubrique du format. Le modèle économique\n"
		"part du canevas d'exemple du référentiel\u00A0: «\u00A0rural\u00A0» pour une\n"
		"conciergerie rurale, «\u00A0quartier\u00A0» pour les autres types.\n"
		"«\u00A0-\u00A0» écrit le fichier sur la sortie standard.\n"
		"\n"
		"Options\u00A0:\n"
		"  --type TYPE            quartier (par défaut), rural, entreprise ou mixte\n"
		"  --force                remplacer un fichier existant\n"
		"  --referentiel FICHIER  prendre le canevas dans un référentiel amendé\n"
		"  -q, --quiet            ne pas confirmer l'écriture du fichier\n"
		"  -h, --help             afficher cette aide\n"
		"\n"
		"Code de sortie\u00A0: 0 si le fichier est écrit, 2 en cas d'erreur\n"
		"d'utilisation (dont un fichier existant sans --force), 3 si l'écriture\n"
		"est impossible.\n",
	.options = CZ_OPT_TYPE | CZ_OPT_FORCE | CZ_OPT_REF,
	.min_args = 1,
	.max_args = 1,
};

/* Append the template with @TYPE@, @LIEU@ and @CANEVAS@ replaced. */
static void fill_template(cz_buf *b, const char *type, const char *lieu, const char *canvas)
{
	const char *p = cz_builtin_init, *end = cz_builtin_init + cz_builtin_init_len;
	static const char *const marks[] = { "@TYPE@", "@LIEU@", "@CANEVAS@" };
	const char *values[] = { type, lieu, canvas };
	while (p < end) {
		const char *at = memchr(p, '@', (size_t)(end - p));
		if (!at) {
			cz_buf_add(b, p, (size_t)(end - p));
			break;
		}
		cz_buf_add(b, p, (size_t)(at - p));
		size_t k;
		for (k = 0; k < 3; k++) {
			size_t l = strlen(marks[k]);
			if ((size_t)(end - at) >= l && memcmp(at, marks[k], l) == 0) {
				cz_buf_puts(b, values[k]);
				p = at + l;
				break;
			}
		}
		if (k == 3) {
			cz_buf_putc(b, '@');
			p = at + 1;
		}
	}
}

int cmd_init(int argc, char **argv)
{
	cz_opts o;
	int code = cz_cli_parse(&cz_spec_init, argc, argv, &o);
	if (code >= 0)
		return code;
	int type = CZ_TYPE_QUARTIER;
	if (o.type && (type = cz_enum_find(&cz_enum_type, o.type)) < 0)
		return cz_cli_usage_error(&cz_spec_init,
					  "type «\u00A0%s\u00A0» inconnu (quartier, rural, entreprise ou mixte)", o.type);
	const char *path = o.argv[0];
	bool to_stdout = strcmp(path, "-") == 0;
	struct stat sb;
	if (!to_stdout && !o.force && lstat(path, &sb) == 0)
		return cz_cli_usage_error(&cz_spec_init,
					  "«\u00A0%s\u00A0» existe déjà\u00A0: ajoutez --force pour le remplacer", path);
	/* Not even --force writes over the referential being read. */
	struct stat in;
	if (!to_stdout && o.referentiel && stat(o.referentiel, &in) == 0 && stat(path, &sb) == 0 &&
	    in.st_dev == sb.st_dev && in.st_ino == sb.st_ino)
		return cz_cli_usage_error(&cz_spec_init,
					  "«\u00A0%s\u00A0» désigne le référentiel donné à --referentiel\u00A0: il ne sera pas remplacé",
					  path);
	cz_referential *ref;
	if ((code = cz_cli_load_referential(&o, &ref)) != CZ_EXIT_OK)
		return code;
	const char *canvas_id = type == CZ_TYPE_RURAL ? "rural" : "quartier";
	const cz_ref_canvas *canvas = cz_ref_canvas_find(ref, canvas_id);
	cz_buf b;
	cz_buf_init(&b);
	fill_template(&b, cz_enum_type.keys[type],
		      type == CZ_TYPE_RURAL ? "mixte" : "fixe", canvas_id);
	if (canvas)
		cz_yaml_emit_bmc(&b, &canvas->bmc);
	else
		cz_buf_puts(&b, "bmc: {}\n");
	code = cz_cli_write(to_stdout ? NULL : path, &b);
	if (code == CZ_EXIT_OK && !to_stdout && !o.quiet)
		fprintf(stderr, "%s écrit\u202F; vérifiez-le avec «\u00A0conciergerie validate %s\u00A0».\n", path, path);
	cz_buf_free(&b);
	cz_referential_free(ref);
	return code;
}
