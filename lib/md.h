/*
 * Markdown building blocks shared by the renderers: escaped text and table
 * cells, progress bars, GitHub task-list items.
 */
#ifndef CZ_MD_H
#define CZ_MD_H

#include "buf.h"

/* Inline text with Markdown specials escaped and newlines folded. */
void cz_md_text(cz_buf *b, const char *s);
/* A link destination: characters outside [A-Za-z0-9._~/-] percent-encoded. */
void cz_md_link_target(cz_buf *b, const char *s);
/* A progress bar of `width` cells for a ratio in [0, 1]: "███████░░░". */
void cz_md_bar(cz_buf *b, double ratio, int width);

#endif
