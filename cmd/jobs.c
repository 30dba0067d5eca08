#include "jobs.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "cli.h"

/* Results waiting for their delivery, per worker. */
#define WINDOW_PER_WORKER 4

typedef struct {
	bool done, turn_done;
	char *messages;
	size_t len;
} slot_state;

struct cz_jobs {
	const cz_jobs_spec *spec;
	pthread_mutex_t lock;
	/* One condition per kind of waiter, so that a change wakes only those
	 * it concerns (one for all cost about ten futex calls a project at -j 2,
	 * mostly wake-ups that found nothing to do). */
	pthread_cond_t turn;  /* next_turn moved: cz_jobs_in_turn */
	pthread_cond_t ready; /* the input to deliver next is done: the calling thread */
	pthread_cond_t room;  /* delivered moved: workers waiting for a slot */
	size_t window;          /* slots in the ring */
	slot_state *state;      /* ring: input i is at i % window */
	unsigned char *slots;   /* the results, slot_size each */
	size_t next_claim;      /* the next input a worker takes */
	size_t next_turn;       /* the input whose turn it is */
	size_t delivered;       /* inputs delivered so far */
};

static void *slot_of(cz_jobs *j, size_t i)
{
	return j->slots + (i % j->window) * j->spec->slot_size;
}

/* With the lock held: mark i's turn taken or passed; move on. */
static void pass_turn(cz_jobs *j, size_t i)
{
	j->state[i % j->window].turn_done = true;
	while (j->next_turn < j->next_claim && j->state[j->next_turn % j->window].turn_done)
		j->next_turn++;
	pthread_cond_broadcast(&j->turn);
}

void cz_jobs_in_turn(cz_jobs *j, size_t i, void (*fn)(void *arg), void *arg)
{
	pthread_mutex_lock(&j->lock);
	while (j->next_turn != i)
		pthread_cond_wait(&j->turn, &j->lock);
	fn(arg);
	pass_turn(j, i);
	pthread_mutex_unlock(&j->lock);
}

/* Work on input i, its messages kept for the delivery. */
static void run_one(cz_jobs *j, size_t i)
{
	slot_state *s = &j->state[i % j->window];
	char *messages = NULL;
	size_t len = 0;
	FILE *capture = open_memstream(&messages, &len);
	/* without memory for a capture, messages go straight to stderr */
	cz_cli_capture(capture);
	j->spec->work(j, j->spec->ctx, i, slot_of(j, i));
	cz_cli_capture(NULL);
	if (capture && fclose(capture) != 0) {
		free(messages);
		messages = NULL;
		len = 0;
	}
	pthread_mutex_lock(&j->lock);
	if (!s->turn_done)
		pass_turn(j, i);
	s->messages = messages;
	s->len = len;
	s->done = true;
	if (i == j->delivered)
		pthread_cond_signal(&j->ready);
	pthread_mutex_unlock(&j->lock);
}

static void *worker(void *arg)
{
	cz_jobs *j = arg;
	pthread_mutex_lock(&j->lock);
	for (;;) {
		while (j->next_claim < j->spec->n && j->next_claim >= j->delivered + j->window)
			pthread_cond_wait(&j->room, &j->lock);
		if (j->next_claim >= j->spec->n)
			break;
		size_t i = j->next_claim++;
		slot_state *s = &j->state[i % j->window];
		*s = (slot_state){ 0 };
		memset(slot_of(j, i), 0, j->spec->slot_size);
		/* the turn may already be i's (its predecessors all passed) */
		if (j->next_turn == i)
			pthread_cond_broadcast(&j->turn);
		pthread_mutex_unlock(&j->lock);
		run_one(j, i);
		pthread_mutex_lock(&j->lock);
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* In the calling thread: deliver every finished input, in order. With
 * `wait`, until all are delivered. */
static void deliver_ready(cz_jobs *j, bool wait)
{
	pthread_mutex_lock(&j->lock);
	while (j->delivered < j->spec->n) {
		slot_state *s = &j->state[j->delivered % j->window];
		if (j->delivered >= j->next_claim || !s->done) {
			if (!wait)
				break;
			pthread_cond_wait(&j->ready, &j->lock);
			continue;
		}
		size_t i = j->delivered;
		char *messages = s->messages;
		size_t len = s->len;
		s->messages = NULL;
		pthread_mutex_unlock(&j->lock);
		j->spec->deliver(j->spec->ctx, i, slot_of(j, i), messages ? messages : "", len);
		free(messages);
		pthread_mutex_lock(&j->lock);
		j->delivered++;
		pthread_cond_broadcast(&j->room);
	}
	pthread_mutex_unlock(&j->lock);
}

/* --- signals ------------------------------------------------------------------ */

/* Waits for the signals the workers block; removes the temporaries and ends
 * the process by the signal that came. */
static void *signal_thread(void *arg)
{
	const sigset_t *set = arg;
	int sig = 0;
	while (sigwait(set, &sig) != 0 || sig == 0)
		;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	cz_atomic_stop();
	signal(sig, SIG_DFL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	/* the default action ends the process inside raise(); should it
	 * ever return, end the process with the status a shell would show */
	// cppcheck-suppress unreachableCode
	_exit(128 + sig);
}

/* The signals main's handler takes (those the caller does not ignore). */
static void handled_signals(sigset_t *set)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa;
		if (sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
			sigaddset(set, sigs[i]);
	}
}

/* --- the run -------------------------------------------------------------------- */

bool cz_jobs_run(const cz_jobs_spec *spec)
{
	if (spec->n == 0)
		return true;
	cz_jobs j = { .spec = spec };
	unsigned workers = spec->workers ? spec->workers : 1;
	if (workers > spec->n)
		workers = (unsigned)spec->n;
	j.window = (size_t)workers * WINDOW_PER_WORKER;
	j.state = calloc(j.window, sizeof(*j.state));
	j.slots = calloc(j.window, spec->slot_size ? spec->slot_size : 1);
	pthread_t *threads = calloc(workers, sizeof(*threads));
	if (!j.state || !j.slots || !threads) {
		free(j.state);
		free(j.slots);
		free(threads);
		return false;
	}
	pthread_mutex_init(&j.lock, NULL);
	pthread_cond_init(&j.turn, NULL);
	pthread_cond_init(&j.ready, NULL);
	pthread_cond_init(&j.room, NULL);

	sigset_t set, old;
	handled_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	pthread_t sigs;
	bool sig_started = pthread_create(&sigs, NULL, signal_thread, &set) == 0;
	unsigned started = 0;
	/* without its signal thread, a blocked Ctrl-C would wait for the end:
	 * the calling thread then works alone, under main's handler */
	if (!sig_started)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (; sig_started && started < workers; started++)
		if (pthread_create(&threads[started], NULL, worker, &j) != 0)
			break;
	if (started == 0) {
		/* no thread: the same work, in this thread */
		while (j.delivered < spec->n) {
			pthread_mutex_lock(&j.lock);
			size_t i = j.next_claim++;
			j.state[i % j.window] = (slot_state){ 0 };
			memset(slot_of(&j, i), 0, spec->slot_size);
			pthread_mutex_unlock(&j.lock);
			run_one(&j, i);
			deliver_ready(&j, false);
		}
	} else {
		deliver_ready(&j, true);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	if (sig_started) {
		pthread_cancel(sigs);
		pthread_join(sigs, NULL);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	pthread_cond_destroy(&j.turn);
	pthread_cond_destroy(&j.ready);
	pthread_cond_destroy(&j.room);
	pthread_mutex_destroy(&j.lock);
	free(threads);
	free(j.state);
	free(j.slots);
	return true;
}

unsigned cz_jobs_online_cpus(unsigned max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > (long)max ? max : (unsigned)n;
}

/*
 * libxlsxwriter 1.1 prints a workbook's dates (docProps/core.xml) through
 * gmtime(), whose result lives in one buffer for the whole process: two
 * workbooks closed at the same time could swap their dates. This program's
 * own gmtime, which the dynamic linker binds libxlsxwriter's calls to
 * before the C library's, gives each thread its own buffer (nothing else
 * in the program calls gmtime).
 */
struct tm *gmtime(const time_t *t) // NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
{
	static _Thread_local struct tm tm;
	return gmtime_r(t, &tm);
}
