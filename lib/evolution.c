#include "evolution.h"

#include <stdlib.h>
#include <string.h>

void cz_evolution_init(cz_evolution *e, bool by_commit)
{
	memset(e, 0, sizeof(*e));
	e->by_commit = by_commit;
}

static void free_point(cz_evolution_point *p)
{
	free(p->source);
	free(p->row.name);
	free(p->row.file);
}

void cz_evolution_free(cz_evolution *e)
{
	for (size_t i = 0; i < e->count; i++)
		free_point(&e->points[i]);
	free(e->points);
	cz_arena_free(e->arena);
	cz_evolution_init(e, false);
}

cz_status cz_evolution_add(cz_evolution *e, const char *source, const cz_portfolio_row *row)
{
	if (e->count == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		cz_evolution_point *p = realloc(e->points, cap * sizeof(*p));
		if (!p)
			return CZ_ERR_NOMEM;
		e->points = p;
		e->cap = cap;
	}
	cz_evolution_point pt = { .row = *row };
	/* the row's other strings (report, errors) are not kept */
	pt.row.report = pt.row.first_error = pt.row.report_error = NULL;
	pt.source = strdup(source);
	pt.row.name = row->name ? strdup(row->name) : NULL;
	pt.row.file = row->file ? strdup(row->file) : NULL;
	if (!pt.source || (row->name && !pt.row.name) || (row->file && !pt.row.file)) {
		free_point(&pt);
		return CZ_ERR_NOMEM;
	}
	if (e->count && row->name && e->points[0].row.name && strcmp(row->name, e->points[0].row.name) != 0)
		e->names_differ = true;
	e->undated += !row->date.set;
	pt.order = e->count;
	e->points[e->count++] = pt;
	return CZ_OK;
}

static int date_cmp(cz_date a, cz_date b)
{
	if (a.set != b.set)
		return a.set ? -1 : 1; /* undated last */
	if (!a.set)
		return 0;
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

static int point_cmp(const void *x, const void *y)
{
	const cz_evolution_point *a = x, *b = y;
	int c = date_cmp(a->row.date, b->row.date);
	/* the same date (or none): the order given */
	return c ? c : a->order < b->order ? -1 : a->order > b->order;
}

cz_status cz_evolution_finish(cz_evolution *e, const cz_referential *ref)
{
	if (!e->by_commit && e->count > 1)
		qsort(e->points, e->count, sizeof(*e->points), point_cmp);
	e->has_trend = false;
	if (e->count < 2)
		return CZ_OK;
	if (!e->arena && !(e->arena = cz_arena_new()))
		return CZ_ERR_NOMEM;
	cz_status st = cz_diff_figures(&e->points[0].row, &e->points[e->count - 1].row, ref, e->arena, e->trend,
				       &e->n_trend_changed);
	e->has_trend = st == CZ_OK;
	return st;
}
