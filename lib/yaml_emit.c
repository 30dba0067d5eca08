#include "yaml_emit.h"

#include <stdint.h>
#include <string.h>

#include "enums.h"
#include "text.h"

void cz_yaml_quote(cz_buf *b, const char *s)
{
	/* What YAML cannot hold as is (controls, C1 controls, non-characters,
	 * which the reader refuses raw) is written as an escape, so the file
	 * reads back; a byte that is no UTF-8 (none from a loaded file) becomes
	 * U+FFFD. */
	cz_buf_putc(b, '"');
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t l = c < 0x80 ? 1 : cz_utf8_decode(s + i, len - i, &cp);
		if (c == '"' || c == '\\') {
			cz_buf_putc(b, '\\');
			cz_buf_putc(b, (char)c);
		} else if (c == '\n') {
			cz_buf_puts(b, "\\n");
		} else if (cp == CZ_UTF8_INVALID) {
			cz_buf_puts(b, CZ_TEXT_REPLACEMENT);
			b->log.replaced++;
		} else if (cz_text_unsafe(cp) || cp == '\t' || cp == '\r') {
			if (cp <= 0xFF)
				cz_buf_printf(b, "\\x%02x", (unsigned)cp);
			else if (cp <= 0xFFFF)
				cz_buf_printf(b, "\\u%04x", (unsigned)cp);
			else
				cz_buf_printf(b, "\\U%08x", (unsigned)cp);
		} else {
			cz_buf_add(b, s + i, l);
		}
		i += l;
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
