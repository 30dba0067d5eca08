#include "md.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

/* The text may start a line (a list item, a paragraph): what would open a
 * block there (heading, list item, rule, setext underline, fence, "1." or
 * "1)"), even after blanks folded from newlines, is escaped. Harmless when
 * the text goes mid-line. */
static const char *block_start(cz_buf *b, const char *s)
{
	for (; *s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'; s++)
		cz_buf_putc(b, ' ');
	if (*s == '#' || *s == '-' || *s == '+' || *s == '=' || *s == '~') {
		cz_buf_putc(b, '\\');
		cz_buf_putc(b, *s);
		return s + 1;
	}
	if (*s < '0' || *s > '9')
		return s; /* most texts: no call to look for digits */
	size_t k = strspn(s, "0123456789");
	if (k <= 9 && (s[k] == '.' || s[k] == ')')) {
		cz_buf_add(b, s, k);
		cz_buf_putc(b, '\\');
		cz_buf_putc(b, s[k]);
		return s + k + 1;
	}
	return s;
}

void cz_md_text(cz_buf *b, const char *s)
{
	s = block_start(b, s);
	const char *p = s;
	for (;;) {
		/* Copy the run of ordinary characters in one go: reports are
		 * mostly plain text, and this is on every report's hot path. */
		size_t run = strcspn(p, "\\`*[]<>|_\n\r\t");
		cz_buf_add(b, p, run);
		p += run;
		char c = *p;
		if (!c)
			break;
		switch (c) {
		case '_':
			/* intraword underscores are literal in CommonMark */
			if (p > s && word_char(p[-1]) && word_char(p[1]))
				cz_buf_putc(b, c);
			else
				cz_buf_add(b, "\\_", 2);
			break;
		case '\n':
		case '\r':
		case '\t':
			cz_buf_putc(b, ' ');
			break;
		default:
			cz_buf_putc(b, '\\');
			cz_buf_putc(b, c);
		}
		p++;
	}
}

void cz_md_code(cz_buf *b, const char *s)
{
	/* A code span's delimiter is a run of backticks longer than any run
	 * inside; a space pads text that starts or ends with one (CommonMark
	 * strips one space each side). Newlines would be folded by a reader
	 * anyway: write them as spaces. */
	size_t plain = strcspn(s, "`\n\r\t");
	if (!s[plain] && plain > 0) {
		/* the usual text (an id, a file name): none of these, one
		 * backtick each side, no padding */
		cz_buf_putc(b, '`');
		cz_buf_add(b, s, plain);
		cz_buf_putc(b, '`');
		return;
	}
	size_t longest = 0;
	for (const char *p = strchr(s, '`'); p; p = strchr(p, '`')) {
		size_t run = strspn(p, "`");
		if (run > longest)
			longest = run;
		p += run;
	}
	size_t n = strlen(s);
	bool pad = n == 0 || s[0] == '`' || s[n - 1] == '`';
	cz_buf_repeat(b, "`", longest + 1);
	if (pad)
		cz_buf_putc(b, ' ');
	for (const char *p = s;;) {
		size_t run = strcspn(p, "\n\r\t");
		cz_buf_add(b, p, run);
		p += run;
		if (!*p)
			break;
		cz_buf_putc(b, ' ');
		p++;
	}
	if (pad)
		cz_buf_putc(b, ' ');
	cz_buf_repeat(b, "`", longest + 1);
}

void cz_md_finish(cz_buf *b, size_t start)
{
	if (!b->text_safe) {
		cz_text_guard(b, start);
		return;
	}
#ifdef CZ_CHECK_TEXT_SAFE
	/* The checking builds (make SANITIZE=1, FUZZ=1) scan anyway: a source
	 * said safe that is not (one its flag missed) stops the run there. */
	if (cz_buf_ok(b) && start < b->len && cz_text_unsafe_count(b->data + start, b->len - start))
		abort();
#endif
}

void cz_md_link_target(cz_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("._~/-", *p))
			cz_buf_putc(b, (char)*p);
		else
			cz_buf_printf(b, "%%%02X", *p);
	}
}

void cz_md_bar(cz_buf *b, double ratio, int width)
{
	if (!(ratio >= 0))
		ratio = 0;
	if (ratio > 1)
		ratio = 1;
	int full = (int)lround(ratio * width);
	char cells[3 * 64]; /* each cell 3 bytes of UTF-8 */
	size_t n = 0;
	for (int i = 0; i < width; i++) {
		memcpy(cells + n, i < full ? "█" : "░", 3);
		n += 3;
		if (n == sizeof(cells) || i == width - 1) {
			cz_buf_add(b, cells, n);
			n = 0;
		}
	}
}
