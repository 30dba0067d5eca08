/*
 * Charts drawn as inline SVG for the html reports: each is a <figure> with
 * a title, a text alternative holding every value (the SVG's <title> and
 * <desc>, read by screen readers and shown by nothing else) and a
 * caption. Colours read in black and white: one series is dark blue, the
 * second hatched in grey; every bar carries its value as text.
 *
 * Coordinates are whole numbers, written with %d: no locale can change
 * them. Element ids are made unique in one output from the output's
 * length at the time the chart is written, so reruns give the same bytes.
 */
#ifndef CZ_SVG_CHART_H
#define CZ_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct {
	const char *label; /* left of the bar */
	double value;      /* bar length, against the chart's max */
	const char *text;  /* shown right of the bar ("69 %", "12 000 € (45 %)") */
	bool emphasis;     /* bold label (the declared phase) */
} cz_chart_bar;

/* Horizontal bars, one per row, lengths value / max (max <= 0: 1). */
void cz_svg_hbars(cz_buf *b, const char *title, const char *caption, const cz_chart_bar *bars,
		  size_t n, double max);

typedef struct {
	const char *label;   /* on the axis: "09/26" */
	const char *full;    /* in the text alternative: "09/2026" */
	double a, b;
	bool has_a, has_b;   /* false: not recorded that month */
} cz_chart_month;

/* Two series per month as side-by-side columns (a solid, b hatched), a
 * euro axis with round steps, a legend, and month labels thinned out so
 * that they never overlap (at most twelve), whatever the number of months. */
void cz_svg_months(cz_buf *b, const char *title, const char *caption, const char *name_a,
		   const char *name_b, const cz_chart_month *m, size_t n);

#endif
