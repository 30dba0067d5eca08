/*
 * Markdown building blocks shared by the renderers: escaped text and table
 * cells, progress bars, GitHub task-list items.
 */
#ifndef CZ_MD_H
#define CZ_MD_H

#include "buf.h"

/* Inline text with Markdown specials escaped and newlines folded. What no
 * output may carry (controls, invalid UTF-8: lib/text.h) is copied as is,
 * for cz_md_finish() to replace: the text is checked once, with the rest
 * of the document. */
void cz_md_text(cz_buf *b, const char *s);
/* Text as a code span (an id to copy into a file), whatever backticks or
 * newlines it holds; cleaned by cz_md_finish() too. */
void cz_md_code(cz_buf *b, const char *s);
/* The last step of every Markdown renderer: what it wrote from `start` on
 * (texts through cz_md_text() or cz_md_code(), labels printed as is) is
 * cleaned of anything no output may carry, so no control character or
 * invalid UTF-8 ever reaches a report or a terminal. Skipped when
 * b->text_safe says every source of the text is safe already (the
 * document's: lib/format.h); the checking builds (CZ_CHECK_TEXT_SAFE)
 * then scan anyway and abort() on anything found. */
void cz_md_finish(cz_buf *b, size_t start);
/* A link destination: characters outside [A-Za-z0-9._~/-] percent-encoded. */
void cz_md_link_target(cz_buf *b, const char *s);
/* A progress bar of `width` cells for a ratio in [0, 1]: "███████░░░". */
void cz_md_bar(cz_buf *b, double ratio, int width);

#endif
