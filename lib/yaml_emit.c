#include "yaml_emit.h"

#include "enums.h"

void cz_yaml_quote(cz_buf *b, const char *s)
{
	cz_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			cz_buf_putc(b, '\\');
			cz_buf_putc(b, (char)*p);
		} else if (*p == '\n') {
			cz_buf_puts(b, "\\n");
		} else if (*p < 0x20 || *p == 0x7f) {
			cz_buf_printf(b, "\\x%02x", *p);
		} else {
			cz_buf_putc(b, (char)*p);
		}
	}
	cz_buf_putc(b, '"');
}

void cz_yaml_emit_bmc(cz_buf *b, const cz_bmc *bmc)
{
	cz_buf_puts(b, "bmc:\n");
	for (int k = 0; k < CZ_BLOC_COUNT; k++) {
		cz_buf_printf(b, "  %s:", cz_enum_bloc.keys[k]);
		if (bmc->count[k] == 0) {
			cz_buf_puts(b, " []\n");
			continue;
		}
		cz_buf_putc(b, '\n');
		for (size_t i = 0; i < bmc->count[k]; i++) {
			const cz_bmc_item *it = &bmc->items[k][i];
			cz_buf_puts(b, "    - ");
			if (it->pilier < 0 && it->cout_type < 0) {
				cz_yaml_quote(b, it->texte);
			} else {
				cz_buf_puts(b, "{ texte: ");
				cz_yaml_quote(b, it->texte);
				if (it->pilier >= 0)
					cz_buf_printf(b, ", pilier: %s", cz_enum_key(&cz_enum_pilier, it->pilier));
				if (it->cout_type >= 0)
					cz_buf_printf(b, ", type: %s", cz_enum_key(&cz_enum_cout_type, it->cout_type));
				cz_buf_puts(b, " }");
			}
			cz_buf_putc(b, '\n');
		}
	}
}
