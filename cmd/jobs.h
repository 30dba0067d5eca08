/*
 * One function over a list of inputs on several threads (report -j), the
 * results handed back in input order, so that whatever the number of
 * threads the run prints and writes the same bytes as one thread would.
 *
 * - work(i) runs in a worker thread; what it prints through the cz_cli_*
 *   printers is kept (cmd/cli.h, cz_cli_capture) and given to deliver(i).
 * - deliver(i) runs in the calling thread, for i = 0, 1, 2… in order, once
 *   work(i) is done: it prints the messages and keeps the result.
 * - cz_jobs_in_turn(j, i, …), called at most once by work(i), runs a
 *   function after the turns of every input before i have been taken or
 *   passed (a name given in input order); a work that does not call it
 *   passes its turn when it returns.
 * - At most 4 results per worker wait for their delivery: a slow input holds
 *   the others back rather than letting results pile up, so memory stays
 *   flat in the number of inputs.
 * - Interruption: while the workers run, SIGINT, SIGTERM and SIGHUP (those
 *   the caller does not ignore) are taken by a thread of their own, which
 *   removes every temporary file (lib/atomic_file.h, cz_atomic_stop) and
 *   ends the process by the same signal, as main's handler does for one
 *   thread.
 */
#ifndef CZ_JOBS_H
#define CZ_JOBS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cz_jobs cz_jobs;

typedef struct {
	size_t n;          /* inputs 0..n-1 */
	unsigned workers;  /* threads (1 or more; no more than n are started) */
	size_t slot_size;  /* bytes of one result, zeroed before work() */
	void *ctx;
	void (*work)(cz_jobs *j, void *ctx, size_t i, void *slot);
	/* `messages` (len bytes, maybe 0) are what work(i) printed. */
	void (*deliver)(void *ctx, size_t i, void *slot, const char *messages, size_t len);
} cz_jobs_spec;

/* Run every input; false only when memory for the bookkeeping is lacking
 * (nothing has run then). Threads that cannot be started are done
 * without: with none, the calling thread does the work itself. */
bool cz_jobs_run(const cz_jobs_spec *spec);

/* In work(i): wait for i's turn, run fn(arg), pass the turn. */
void cz_jobs_in_turn(cz_jobs *j, size_t i, void (*fn)(void *arg), void *arg);

/* The number of online processors (at least 1, at most `max`). */
unsigned cz_jobs_online_cpus(unsigned max);

#endif
