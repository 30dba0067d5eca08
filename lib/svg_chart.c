#include "svg_chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format_fr.h"
#include "html.h"
#include "text.h"

#define W 640
#define DARK "#1f4e79"
#define TRACK "#e6e6e6"
#define LABEL_CHARS 34

static int px(double v)
{
	return (int)lround(v);
}

/* A label cut to `max` characters with an ellipsis; the whole text is in
 * the chart's description. */
static void label(cz_buf *b, const char *s, size_t max)
{
	size_t len = strlen(s), chars = cz_utf8_chars(s, len);
	if (chars <= max) {
		cz_html_text(b, s);
		return;
	}
	/* max - 1 characters: walk them */
	size_t i = 0, k = 0;
	while (i < len && k < max - 1) {
		uint32_t cp;
		i += cz_utf8_decode(s + i, len - i, &cp);
		k++;
	}
	cz_html_textn(b, s, i);
	cz_buf_puts(b, "…");
}

static void open_figure(cz_buf *b, const char *title, const char *id, int h)
{
	cz_buf_printf(b, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
			 "height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">\n<title id=\"%s-t\">",
		      W, h, W, h, id, id, id);
	cz_html_text(b, title);
	cz_buf_printf(b, "</title>\n<desc id=\"%s-d\">", id);
}

static void close_figure(cz_buf *b, const char *title, const char *caption)
{
	cz_buf_puts(b, "</svg>\n<figcaption><strong>");
	cz_html_text(b, title);
	cz_buf_puts(b, ".</strong> ");
	cz_html_text(b, caption);
	cz_buf_puts(b, "</figcaption>\n</figure>\n");
}

void cz_svg_hbars(cz_buf *b, const char *title, const char *caption, const cz_chart_bar *bars,
		  size_t n, double max)
{
	char id[32];
	snprintf(id, sizeof(id), "g%zu", b->len);
	if (!(max > 0))
		max = 1;
	/* Labels beside the bars when they are short, above them otherwise. */
	size_t longest = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = cz_utf8_chars(bars[i].label, strlen(bars[i].label));
		longest = c > longest ? c : longest;
	}
	bool above = longest > 28;
	const int row = above ? 40 : 26, top = 6, x0 = above ? 0 : 232, bar_w = above ? 470 : 290;
	const int bar_y = above ? 19 : 5;
	int h = top * 2 + (int)n * row;
	open_figure(b, title, id, h);
	for (size_t i = 0; i < n; i++) {
		cz_buf_puts(b, i ? "\u202F; " : "");
		cz_html_text(b, bars[i].label);
		cz_buf_puts(b, "\xC2\xA0: ");
		cz_html_text(b, bars[i].text);
	}
	cz_buf_puts(b, "</desc>\n");
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row;
		double r = bars[i].value / max;
		if (!(r >= 0))
			r = 0;
		if (r > 1)
			r = 1;
		int len = px(r * bar_w);
		if (above)
			cz_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\"%s>", y + 13,
				      bars[i].emphasis ? " font-weight=\"bold\"" : "");
		else
			cz_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\"%s>", x0 - 8,
				      y + 17, bars[i].emphasis ? " font-weight=\"bold\"" : "");
		label(b, bars[i].label, above ? 2 * LABEL_CHARS + 10 : LABEL_CHARS);
		cz_buf_printf(b, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"" TRACK "\"/>\n",
			      x0, y + bar_y, bar_w);
		if (len > 0)
			cz_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"" DARK "\"/>\n", x0,
				      y + bar_y, len);
		cz_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\">", x0 + bar_w + 8, y + bar_y + 12);
		cz_html_text(b, bars[i].text);
		cz_buf_puts(b, "</text>\n");
	}
	close_figure(b, title, caption);
}

/* A round step for an axis reaching `max` in about four steps: 1, 2, 2.5
 * or 5 times a power of ten. */
static double nice_step(double max)
{
	double raw = max / 4, p = pow(10, floor(log10(raw))), m = raw / p;
	double s = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
	return s * p;
}

static void euros(cz_buf *b, double v)
{
	char t[64];
	cz_html_text(b, cz_fr_euros(t, sizeof(t), v));
}

void cz_svg_months(cz_buf *b, const char *title, const char *caption, const char *name_a,
		   const char *name_b, const cz_chart_month *m, size_t n)
{
	char id[32];
	snprintf(id, sizeof(id), "g%zu", b->len);
	const int h = 280, left = 78, right = 10, top = 34, bottom = 44;
	const int pw = W - left - right, ph = h - top - bottom;
	double max = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].has_a && m[i].a > max)
			max = m[i].a;
		if (m[i].has_b && m[i].b > max)
			max = m[i].b;
	}
	double step = max > 0 && isfinite(max) ? nice_step(max) : 1;
	int ticks = (int)ceil(max / step);
	if (ticks < 1)
		ticks = 1;
	double top_v = step * ticks;

	open_figure(b, title, id, h);
	for (size_t i = 0; i < n; i++) {
		cz_buf_puts(b, i ? "\u202F; " : "");
		cz_html_text(b, m[i].full ? m[i].full : m[i].label);
		cz_buf_puts(b, "\xC2\xA0: ");
		cz_html_text(b, name_a);
		cz_buf_putc(b, ' ');
		if (m[i].has_a)
			euros(b, m[i].a);
		else
			cz_buf_puts(b, "non renseignées");
		cz_buf_puts(b, ", ");
		cz_html_text(b, name_b);
		cz_buf_putc(b, ' ');
		if (m[i].has_b)
			euros(b, m[i].b);
		else
			cz_buf_puts(b, "non renseignées");
	}
	cz_buf_puts(b, "</desc>\n");
	cz_buf_printf(b, "<defs><pattern id=\"%s-h\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
			 "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
			 "<rect width=\"3\" height=\"6\" fill=\"#555\"/></pattern></defs>\n",
		      id);
	/* legend */
	cz_buf_printf(b, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"14\" fill=\"" DARK "\"/>\n"
			 "<text x=\"%d\" y=\"20\" font-size=\"12\">",
		      left, left + 20);
	cz_html_text(b, name_a);
	cz_buf_printf(b, "</text>\n<rect x=\"%d\" y=\"8\" width=\"14\" height=\"14\" fill=\"url(#%s-h)\" "
			 "stroke=\"#333\"/>\n<text x=\"%d\" y=\"20\" font-size=\"12\">",
		      left + 170, id, left + 190);
	cz_html_text(b, name_b);
	cz_buf_puts(b, "</text>\n");
	/* axis and grid */
	for (int t = 0; t <= ticks; t++) {
		int y = top + ph - px((double)ph * t / ticks);
		cz_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", left, y, left + pw, y,
			      t ? "#ccc" : "#333");
		cz_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">", left - 6, y + 4);
		euros(b, step * t);
		cz_buf_puts(b, "</text>\n");
	}
	if (n == 0) {
		close_figure(b, title, caption);
		return;
	}
	double slot = (double)pw / (double)n;
	double bw = slot * 0.36;
	/* a label takes about 36 units at 11 px ("09/26" and a margin) */
	size_t every = (size_t)ceil(36.0 / slot);
	if (every < (n + 11) / 12)
		every = (n + 11) / 12;
	if (every < 1)
		every = 1;
	for (size_t i = 0; i < n; i++) {
		double x = left + slot * (double)i + slot * 0.14;
		if (m[i].has_a && m[i].a > 0) {
			int hh = px(ph * (m[i].a / top_v));
			cz_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"" DARK "\"/>\n", px(x),
				      top + ph - hh, px(bw) > 0 ? px(bw) : 1, hh);
		}
		if (m[i].has_b && m[i].b > 0) {
			int hh = px(ph * (m[i].b / top_v));
			cz_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#%s-h)\" "
					 "stroke=\"#333\" stroke-width=\"0.6\"/>\n",
				      px(x + bw), top + ph - hh, px(bw) > 0 ? px(bw) : 1, hh, id);
		}
		if (i % every == 0) {
			cz_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">",
				      px(left + slot * ((double)i + 0.5)), top + ph + 16);
			cz_html_text(b, m[i].label);
			cz_buf_puts(b, "</text>\n");
		}
	}
	close_figure(b, title, caption);
}
