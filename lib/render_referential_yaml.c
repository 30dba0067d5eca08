#include "render.h"

/* The referential as it was read (built in, or the amended file given):
 * the YAML a user saves to amend it. */
cz_status cz_referential_render_yaml(const void *result, const cz_render_ctx *rc)
{
	const cz_referential *ref = result;
	cz_buf_add(rc->out, ref->text, ref->text_len);
	return cz_buf_ok(rc->out) ? CZ_OK : CZ_ERR_NOMEM;
}
