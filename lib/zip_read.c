#include "zip_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "format_fr.h"

const cz_zip_limits cz_zip_default_limits = {
	.max_archive = 16u << 20,
	.max_entries = 1000,
	.max_entry = 16u << 20,
	.max_total = 48u << 20,
};

struct cz_zip {
	zip_t *za;
	cz_zip_limits lim;
	size_t total; /* uncompressed bytes handed out so far */
};

/* libzip's own messages are English: the common cases in French. */
static const char *zip_reason(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP:
		return "ce n'est pas une archive ZIP";
	case ZIP_ER_INCONS:
		return "archive ZIP incohérente (tronquée ou abîmée)";
	case ZIP_ER_CRC:
		return "contrôle d'intégrité (CRC) faux\u00A0: archive abîmée";
	case ZIP_ER_ZLIB:
		return "données compressées abîmées";
	case ZIP_ER_COMPNOTSUPP:
		return "méthode de compression non prise en charge";
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return "archive chiffrée\u00A0: enregistrez le classeur sans mot de passe";
	case ZIP_ER_MEMORY:
		return "mémoire insuffisante";
	case ZIP_ER_EOF:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
		return "archive ZIP tronquée";
	default:
		return "archive ZIP illisible";
	}
}

/* What a file that is not a ZIP archive probably is. */
static const char *not_zip_hint(const unsigned char *d, size_t len)
{
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	if (len >= sizeof(ole) && memcmp(d, ole, sizeof(ole)) == 0)
		return "ce n'est pas un classeur XLSX\u00A0: un classeur Excel 97-2003 (.xls) ou protégé "
		       "par un mot de passe\u202F; enregistrez-le au format .xlsx, sans mot de passe";
	if (len >= 5 && (memcmp(d, "<?xml", 5) == 0 || memcmp(d, "<html", 5) == 0))
		return "ce n'est pas un classeur XLSX\u00A0: un fichier texte XML ou HTML, pas une archive";
	return "ce n'est pas un classeur XLSX (le fichier n'est pas une archive ZIP)";
}

/* A name that would leave the directory it is extracted into, or that no
 * spreadsheet writes: absolute, drive letter, backslash, "..", control
 * characters. */
static bool dangerous_name(const char *name)
{
	if (!*name || name[0] == '/' || name[0] == '\\')
		return true;
	if (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':')
		return true;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return true;
	for (const char *c = name; c;) {
		const char *slash = strchr(c, '/');
		size_t l = slash ? (size_t)(slash - c) : strlen(c);
		if (l == 2 && c[0] == '.' && c[1] == '.')
			return true;
		c = slash ? slash + 1 : NULL;
	}
	return false;
}

static void excerpt_name(const char *name, char *out, size_t size)
{
	size_t j = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p && j + 4 < size; p++) {
		if (*p < 0x20 || *p == 0x7f)
			out[j] = '?';
		else
			memcpy(out + j, p, 1);
		j++;
	}
	out[j] = '\0';
}

cz_status cz_zip_open(const void *data, size_t len, const cz_zip_limits *limits, cz_zip **out,
		      cz_problems *problems)
{
	*out = NULL;
	const cz_zip_limits *lim = limits ? limits : &cz_zip_default_limits;
	if (len == 0) {
		cz_problems_add(problems, 0, 0, "fichier vide\u00A0: ce n'est pas un classeur XLSX");
		return CZ_ERR_INVALID;
	}
	if (len > lim->max_archive) {
		cz_problems_add(problems, 0, 0, "classeur trop volumineux\u00A0: la limite est de %zu Mio",
				lim->max_archive >> 20);
		return CZ_ERR_INVALID;
	}
	if (len < 4 || memcmp(data, "PK", 2) != 0) {
		cz_problems_add(problems, 0, 0, "%s", not_zip_hint(data, len));
		return CZ_ERR_INVALID;
	}
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
	if (!src) {
		zip_error_fini(&err);
		return CZ_ERR_NOMEM;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!za) {
		int code = zip_error_code_zip(&err);
		zip_source_free(src);
		zip_error_fini(&err);
		if (code == ZIP_ER_MEMORY)
			return CZ_ERR_NOMEM;
		if (code == ZIP_ER_NOZIP && len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
			cz_problems_add(problems, 0, 0,
					"classeur illisible\u00A0: archive ZIP tronquée (sa fin manque\u00A0: fichier "
					"incomplet, copie interrompue\u202F?)");
		else if (code == ZIP_ER_NOZIP)
			cz_problems_add(problems, 0, 0, "%s", not_zip_hint(data, len));
		else
			cz_problems_add(problems, 0, 0, "classeur illisible\u00A0: %s", zip_reason(code));
		return CZ_ERR_INVALID;
	}
	zip_error_fini(&err);
	cz_status st = CZ_ERR_INVALID;
	zip_int64_t n = zip_get_num_entries(za, 0);
	if (n < 0 || (uint64_t)n > lim->max_entries) {
		char max[CZ_FR_SIZE];
		cz_problems_add(problems, 0, 0,
				"classeur refusé\u00A0: plus de %s fichiers dans l'archive (un classeur en compte une vingtaine)",
				cz_fr_number(max, sizeof(max), (double)lim->max_entries, 0));
		goto fail;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (!name) {
			cz_problems_add(problems, 0, 0, "classeur illisible\u00A0: %s",
					zip_reason(zip_error_code_zip(zip_get_error(za))));
			goto fail;
		}
		if (dangerous_name(name)) {
			char ex[80];
			excerpt_name(name, ex, sizeof(ex));
			cz_problems_add(problems, 0, 0,
					"classeur refusé\u00A0: l'archive contient un fichier au nom dangereux «\u00A0%s\u00A0» "
					"(chemin absolu ou «\u00A0..\u00A0»), qu'aucun tableur n'écrit",
					ex);
			goto fail;
		}
	}
	cz_zip *z = calloc(1, sizeof(*z));
	if (!z) {
		st = CZ_ERR_NOMEM;
		goto fail;
	}
	z->za = za;
	z->lim = *lim;
	*out = z;
	return CZ_OK;
fail:
	zip_discard(za);
	return st;
}

void cz_zip_close(cz_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z);
}

bool cz_zip_has(const cz_zip *z, const char *name)
{
	return zip_name_locate(z->za, name, ZIP_FL_NOCASE | ZIP_FL_ENC_RAW) >= 0;
}

static cz_status too_big(cz_problems *problems, const char *name, size_t max)
{
	char ex[80];
	excerpt_name(name, ex, sizeof(ex));
	cz_problems_add(problems, 0, 0,
			"classeur refusé\u00A0: «\u00A0%s\u00A0» dépasse %zu Mio une fois décompressé "
			"(bombe de décompression\u202F?)",
			ex, max >> 20);
	return CZ_ERR_INVALID;
}

cz_status cz_zip_read(cz_zip *z, const char *name, char **data, size_t *len, cz_problems *problems)
{
	*data = NULL;
	*len = 0;
	char ex[80];
	excerpt_name(name, ex, sizeof(ex));
	zip_int64_t idx = zip_name_locate(z->za, name, ZIP_FL_NOCASE | ZIP_FL_ENC_RAW);
	if (idx < 0) {
		cz_problems_add(problems, 0, 0, "classeur incomplet\u00A0: «\u00A0%s\u00A0» manque dans l'archive", ex);
		return CZ_ERR_INVALID;
	}
	size_t room = z->lim.max_entry;
	if (z->lim.max_total - z->total < room)
		room = z->lim.max_total - z->total;
	zip_stat_t sb;
	zip_stat_init(&sb);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &sb) == 0 && (sb.valid & ZIP_STAT_SIZE) &&
	    sb.size > room)
		return too_big(problems, name, room == z->lim.max_entry ? z->lim.max_entry : z->lim.max_total);
	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!f) {
		int code = zip_error_code_zip(zip_get_error(z->za));
		if (code == ZIP_ER_MEMORY)
			return CZ_ERR_NOMEM;
		cz_problems_add(problems, 0, 0, "classeur illisible («\u00A0%s\u00A0»)\u00A0: %s", ex, zip_reason(code));
		return CZ_ERR_INVALID;
	}
	/* Grow with what is actually inflated: the announced size may lie. */
	size_t cap = (sb.valid & ZIP_STAT_SIZE) && sb.size < room ? (size_t)sb.size + 1 : 65536;
	if (cap > room + 1)
		cap = room + 1;
	char *buf = malloc(cap + 1);
	size_t n = 0;
	cz_status st = CZ_OK;
	if (!buf) {
		st = CZ_ERR_NOMEM;
		goto out;
	}
	for (;;) {
		if (n == cap) {
			if (cap > room) {
				st = too_big(problems, name,
					     room == z->lim.max_entry ? z->lim.max_entry : z->lim.max_total);
				goto out;
			}
			size_t ncap = cap * 2 > room + 1 ? room + 1 : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				st = CZ_ERR_NOMEM;
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		zip_int64_t r = zip_fread(f, buf + n, cap - n);
		if (r < 0) {
			int code = zip_error_code_zip(zip_file_get_error(f));
			if (code == ZIP_ER_MEMORY) {
				st = CZ_ERR_NOMEM;
			} else {
				cz_problems_add(problems, 0, 0, "classeur illisible («\u00A0%s\u00A0»)\u00A0: %s", ex,
						zip_reason(code));
				st = CZ_ERR_INVALID;
			}
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > room) {
		st = too_big(problems, name, room == z->lim.max_entry ? z->lim.max_entry : z->lim.max_total);
		goto out;
	}
	buf[n] = '\0';
	z->total += n;
	*data = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	zip_fclose(f);
	return st;
}
