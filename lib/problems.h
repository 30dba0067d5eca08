/*
 * The problems found in one input file. Library code never prints: it
 * appends positioned messages here and returns CZ_ERR_INVALID; the command
 * layer prints them as "file:line:column: message".
 */
#ifndef CZ_PROBLEMS_H
#define CZ_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

/* Beyond this many problems in one file, one last "too many" line is kept. */
#define CZ_PROBLEMS_MAX 100

typedef struct {
	unsigned line, column; /* 1-based; 0 when the problem has no position */
	char *message;         /* French, owned */
	/* A position that is not a line and column, such as a workbook cell
	 * ("Activité!C14"); owned, NULL for text files. line and column then
	 * only order the problems. */
	char *where;
} cz_problem;

typedef struct {
	const char *file; /* borrowed display name, e.g. "projet.yaml" or "-" */
	cz_problem *items;
	size_t count, cap;
	bool truncated; /* more than CZ_PROBLEMS_MAX were found */
	bool nomem;     /* a message could not be stored */
} cz_problems;

void cz_problems_init(cz_problems *p, const char *file);
void cz_problems_free(cz_problems *p);
void cz_problems_add(cz_problems *p, unsigned line, unsigned column,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same, positioned at `where` ("Feuille!B7"); line and column order
 * the list (cz_problems_sort). */
void cz_problems_add_at(cz_problems *p, const char *where, unsigned line, unsigned column,
			const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Order by position (stable), as a reader walks the file. */
void cz_problems_sort(cz_problems *p);

#endif
