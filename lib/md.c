#include "md.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

void cz_md_text(cz_buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		char c = *p;
		switch (c) {
		case '\\': case '`': case '*': case '[': case ']': case '<': case '>': case '|':
			cz_buf_putc(b, '\\');
			cz_buf_putc(b, c);
			break;
		case '_':
			/* intraword underscores are literal in CommonMark */
			if (p > s && word_char(p[-1]) && word_char(p[1]))
				cz_buf_putc(b, c);
			else
				cz_buf_puts(b, "\\_");
			break;
		case '#':
			if (p == s)
				cz_buf_putc(b, '\\');
			cz_buf_putc(b, c);
			break;
		case '\n':
		case '\r':
		case '\t':
			cz_buf_putc(b, ' ');
			break;
		default:
			cz_buf_putc(b, c);
		}
	}
}

void cz_md_bar(cz_buf *b, double ratio, int width)
{
	if (!(ratio >= 0))
		ratio = 0;
	if (ratio > 1)
		ratio = 1;
	int full = (int)lround(ratio * width);
	for (int i = 0; i < width; i++)
		cz_buf_puts(b, i < full ? "█" : "░");
}
