#include "xml_read.h"

#include <expat.h>
#include <limits.h>
#include <string.h>

/* Namespace separator: a byte no XML name contains. */
#define NS_SEP '\x01'

struct cz_xml {
	XML_Parser p;
	const cz_xml_handlers *h;
	void *ctx;
	size_t depth;
	bool doctype, too_deep, failed, nomem;
};

static const char *local(const char *name)
{
	const char *sep = strrchr(name, NS_SEP);
	return sep ? sep + 1 : name;
}

static void stop(cz_xml *x)
{
	XML_StopParser(x->p, XML_FALSE);
}

void cz_xml_fail(cz_xml *x)
{
	if (!x->failed && !x->nomem)
		stop(x);
	x->failed = true;
}

void cz_xml_nomem(cz_xml *x)
{
	if (!x->failed && !x->nomem)
		stop(x);
	x->nomem = true;
}

static bool stopped(const cz_xml *x)
{
	return x->failed || x->nomem || x->doctype || x->too_deep;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	cz_xml *x = ud;
	if (stopped(x))
		return;
	if (++x->depth > CZ_XML_MAX_DEPTH) {
		x->too_deep = true;
		stop(x);
		return;
	}
	/* Attribute names lose their namespace in place: expat's strings are
	 * ours for the duration of the call. */
	const char *local_attrs[2 * 64 + 1];
	size_t k = 0;
	for (size_t i = 0; attrs[i] && attrs[i + 1] && k + 2 < sizeof(local_attrs) / sizeof(*local_attrs); i += 2) {
		local_attrs[k++] = local(attrs[i]);
		local_attrs[k++] = attrs[i + 1];
	}
	local_attrs[k] = NULL;
	if (x->h->start)
		x->h->start(x, x->ctx, local(name), local_attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	cz_xml *x = ud;
	if (stopped(x))
		return;
	x->depth--;
	if (x->h->end)
		x->h->end(x, x->ctx, local(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	cz_xml *x = ud;
	if (stopped(x) || len <= 0)
		return;
	if (x->h->text)
		x->h->text(x, x->ctx, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	cz_xml *x = ud;
	x->doctype = true;
	stop(x);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
			      int value_len, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	cz_xml *x = ud;
	x->doctype = true;
	stop(x);
}

/* expat's messages are English: the usual ones in French. */
static const char *xml_reason(enum XML_Error e)
{
	switch (e) {
	case XML_ERROR_NO_MEMORY:
		return "mémoire insuffisante";
	case XML_ERROR_NO_ELEMENTS:
		return "document vide ou tronqué";
	case XML_ERROR_INVALID_TOKEN:
		return "caractère ou balise invalide";
	case XML_ERROR_UNCLOSED_TOKEN:
	case XML_ERROR_UNCLOSED_CDATA_SECTION:
		return "document tronqué";
	case XML_ERROR_PARTIAL_CHAR:
		return "caractère tronqué ou encodage invalide";
	case XML_ERROR_TAG_MISMATCH:
		return "balises mal imbriquées";
	case XML_ERROR_DUPLICATE_ATTRIBUTE:
		return "attribut en double";
	case XML_ERROR_UNDEFINED_ENTITY:
		return "entité inconnue";
	case XML_ERROR_UNKNOWN_ENCODING:
	case XML_ERROR_INCORRECT_ENCODING:
		return "encodage de caractères inconnu ou faux";
	case XML_ERROR_UNBOUND_PREFIX:
		return "préfixe d'espace de noms non déclaré";
	case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
		return "contenu après la fin du document";
	default:
		return "XML mal formé";
	}
}

cz_status cz_xml_parse(const char *data, size_t len, const char *part, const cz_xml_handlers *h,
		       void *ctx, cz_problems *problems)
{
	if (len > INT_MAX) {
		cz_problems_add(problems, 0, 0, "classeur refusé\u00A0: la partie «\u00A0%s\u00A0» est trop grande", part);
		return CZ_ERR_INVALID;
	}
	cz_xml x = { .h = h, .ctx = ctx };
	x.p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!x.p)
		return CZ_ERR_NOMEM;
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.p, on_text);
	XML_SetStartDoctypeDeclHandler(x.p, on_doctype);
	XML_SetEntityDeclHandler(x.p, on_entity);
	XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
	enum XML_Status xs = XML_Parse(x.p, data, (int)len, XML_TRUE);
	cz_status st = CZ_OK;
	if (x.nomem) {
		st = CZ_ERR_NOMEM;
	} else if (x.failed) {
		st = CZ_ERR_INVALID;
	} else if (x.doctype) {
		cz_problems_add(problems, 0, 0,
				"classeur refusé\u00A0: «\u00A0%s\u00A0» contient une déclaration de type de document "
				"(DOCTYPE), qu'aucun tableur n'écrit et qui peut cacher une bombe d'entités",
				part);
		st = CZ_ERR_INVALID;
	} else if (x.too_deep) {
		cz_problems_add(problems, 0, 0,
				"classeur refusé\u00A0: «\u00A0%s\u00A0» imbrique plus de %d éléments XML", part,
				CZ_XML_MAX_DEPTH);
		st = CZ_ERR_INVALID;
	} else if (xs != XML_STATUS_OK) {
		enum XML_Error e = XML_GetErrorCode(x.p);
		if (e == XML_ERROR_NO_MEMORY) {
			st = CZ_ERR_NOMEM;
		} else {
			cz_problems_add(problems, 0, 0, "classeur illisible\u00A0: «\u00A0%s\u00A0», ligne %lu\u00A0: %s", part,
					(unsigned long)XML_GetCurrentLineNumber(x.p), xml_reason(e));
			st = CZ_ERR_INVALID;
		}
	}
	XML_ParserFree(x.p);
	return st;
}

const char *cz_xml_attr(const char **attrs, const char *name)
{
	for (size_t i = 0; attrs[i]; i += 2)
		if (strcmp(attrs[i], name) == 0)
			return attrs[i + 1];
	return NULL;
}
