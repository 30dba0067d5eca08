/*
 * Writing model data back as project-file YAML (used by `init` to seed a
 * project with one of the referential's example canvases).
 */
#ifndef CZ_YAML_EMIT_H
#define CZ_YAML_EMIT_H

#include "buf.h"
#include "model.h"

/* A double-quoted YAML scalar with the needed escapes. */
void cz_yaml_quote(cz_buf *b, const char *s);
/* A `bmc:` section with its nine blocks (empty ones as []). */
void cz_yaml_emit_bmc(cz_buf *b, const cz_bmc *bmc);

#endif
