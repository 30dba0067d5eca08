#include "origin.h"

#include <stdio.h>

#include "md.h"

void cz_origin_phrase_md(cz_buf *b, const cz_ref_source *s)
{
	if (!s || s->outil) {
		cz_buf_puts(b, "un réglage par défaut de l'outil");
	} else {
		cz_buf_puts(b, "le document «\u00A0");
		cz_md_text(b, s->titre);
		cz_buf_puts(b, "\u00A0»");
	}
}

void cz_origin_md(cz_buf *b, const cz_ref_source *s)
{
	if (!s || s->outil) {
		cz_buf_puts(b, "réglage par défaut de l'outil, ajustable avec --referentiel");
	} else {
		/* a referential's title: Markdown text, whatever it holds */
		cz_buf_puts(b, "repris du document «\u00A0");
		cz_md_text(b, s->titre);
		cz_buf_puts(b, "\u00A0»");
	}
}

void cz_origin_json(cz_json *j, const char *key, const cz_ref_source *s)
{
	if (key)
		cz_json_key(j, key);
	cz_json_object_begin(j);
	cz_json_kv_string(j, "source", s ? s->id : CZ_ORIGIN_TOOL);
	cz_json_kv_string(j, "titre", s ? s->titre : "réglage par défaut de l'outil");
	cz_json_kv_string(j, "auteur", s ? s->auteur : NULL);
	cz_json_kv_bool(j, "reglage_outil", !s || s->outil);
	cz_json_object_end(j);
}

void cz_origin_json_project(cz_json *j, const char *key, const char *field)
{
	char t[160];
	if (key)
		cz_json_key(j, key);
	snprintf(t, sizeof(t), "seuil propre au projet (%s)", field);
	cz_json_object_begin(j);
	cz_json_kv_string(j, "source", "projet");
	cz_json_kv_string(j, "titre", t);
	cz_json_kv_string(j, "auteur", NULL);
	cz_json_kv_bool(j, "reglage_outil", false);
	cz_json_object_end(j);
}
