/* loop_virtual.c - the virtual clock the simulator runs the loop on
 * (loop.h, "virtual time"): timers on a heap, a clock that jumps to the
 * next one, and waits for the work in flight that must finish first. */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>

#include <event2/event.h>

#include "clock.h"
#include "log.h"
#include "loop.h"
#include "loop_priv.h"

/* Timers live on a binary heap ordered by (due, start order), so timers
 * due at the same instant fire in the order they were started. */
#define VT_NONE     SIZE_MAX
#define VT_WAIT_MS  100u      /* a blocking wait re-checks this often (real) */
#define VT_STALL_MS 10000u    /* real time a job may hold the clock */

struct vtmr {
	struct tmr *t;
	uint64_t due_us, seq;
	size_t idx;               /* in the heap, or VT_NONE */
};

static struct {
	bool on, stop;
	_Atomic uint64_t now_us;  /* written by the loop thread only */
	uint64_t mono0_us, wall0_ms;
	struct vtmr **heap;
	size_t n, size;
	uint64_t seq;
	atomic_uint holds;
	atomic_uint progress;     /* jobs finished: a wait is not a stall */
	unsigned ignored;         /* long jobs the clock no longer waits for */
	unsigned stall_ms;        /* VT_STALL_MS, or a test's value */
	uint64_t pace_real_us;    /* while jobs are ignored, virtual time is */
	uint64_t pace_vt_us;      /* at most pace_vt_us + real time since */
	struct event *keep;       /* bounds a blocking wait */
} vt;

static uint64_t vt_flow(void);

/* Workers measure real durations (a handler's wall-time budget, a
 * synthesis): virtual time stands still while they run, unless one runs
 * long (vt_wait). */
static uint64_t vt_mono_us(void)
{
	if (!loop_is_loop_thread())
		return clock_sys_mono_us();
	vt_flow();
	return atomic_load_explicit(&vt.now_us, memory_order_relaxed);
}

static uint64_t vt_wall_ms(void)
{
	uint64_t now;

	if (loop_is_loop_thread())
		vt_flow();
	now = atomic_load_explicit(&vt.now_us, memory_order_relaxed);

	return vt.wall0_ms + (now - vt.mono0_us) / 1000u;
}

static const struct clock_ops vt_clock = {vt_mono_us, vt_wall_ms};

void loop_set_virtual(uint64_t start_wall_ms)
{
	if (vt.on)
		return;
	vt.on = true;
	vt.stall_ms = VT_STALL_MS;
	vt.mono0_us = clock_sys_mono_us();
	atomic_store(&vt.now_us, vt.mono0_us);
	vt.wall0_ms = start_wall_ms;
	loop_own_thread();
	clock_set_ops(&vt_clock);
	if (loop_event_base())
		vt_attach();
}

void loop_set_virtual_stall(unsigned ms)
{
	vt.stall_ms = ms;
}

bool loop_is_virtual(void)
{
	return vt.on;
}

static void vt_keep(evutil_socket_t fd, short what, void *arg)
{
	(void)fd; (void)what; (void)arg;
}

int vt_attach(void)
{
	if (!vt.keep)
		vt.keep = evtimer_new(loop_event_base(), vt_keep, NULL);
	return vt.keep ? 0 : ENOMEM;
}

/* Timers still started lose their place; their owners may close them
 * later without touching the freed heap. */
void vt_detach(void)
{
	size_t i;

	if (!vt.on)
		return;
	if (vt.keep)
		event_free(vt.keep);
	vt.keep = NULL;
	for (i = 0; i < vt.n; i++)
		vt.heap[i]->idx = VT_NONE;
	free(vt.heap);
	vt.heap = NULL;
	vt.n = vt.size = 0;
	vt.on = false;
	clock_set_ops(NULL);
}

static void vt_kick(void)
{
	if (vt.on)
		loop_mbox_kick();
}

void vt_job_finished(void)
{
	atomic_fetch_add(&vt.progress, 1);
	vt_kick();
}

void loop_hold(void)
{
	atomic_fetch_add(&vt.holds, 1);
}

void loop_release(void)
{
	unsigned n = atomic_load(&vt.holds);

	while (n && !atomic_compare_exchange_weak(&vt.holds, &n, n - 1))
		;
	if (n == 1)
		vt_kick();
}

static bool vt_before(const struct vtmr *a, const struct vtmr *b)
{
	return a->due_us < b->due_us ||
	       (a->due_us == b->due_us && a->seq < b->seq);
}

static void vt_put(size_t i, struct vtmr *v)
{
	vt.heap[i] = v;
	v->idx = i;
}

static void vt_up(size_t i)
{
	struct vtmr *v = vt.heap[i];

	while (i && vt_before(v, vt.heap[(i - 1) / 2])) {
		vt_put(i, vt.heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	vt_put(i, v);
}

static void vt_down(size_t i)
{
	struct vtmr *v = vt.heap[i];
	size_t c;

	while ((c = 2 * i + 1) < vt.n) {
		if (c + 1 < vt.n && vt_before(vt.heap[c + 1], vt.heap[c]))
			c++;
		if (!vt_before(vt.heap[c], v))
			break;
		vt_put(i, vt.heap[c]);
		i = c;
	}
	vt_put(i, v);
}

static void vt_remove(struct vtmr *v)
{
	size_t i = v->idx;
	struct vtmr *last;

	if (i == VT_NONE)
		return;
	v->idx = VT_NONE;
	last = vt.heap[--vt.n];
	if (last == v)
		return;
	vt_put(i, last);
	vt_up(i);
	vt_down(last->idx);
}

/* Like evtimer_new, the first start allocates and running out of memory
 * there leaves nothing sane to do. */
void vt_schedule(struct tmr *t, uint64_t due_us)
{
	struct vtmr *v = t->vt;

	if (!v) {
		v = calloc(1, sizeof(*v));
		if (!v)
			abort();
		v->t = t;
		v->idx = VT_NONE;
		t->vt = v;
	}
	vt_remove(v);
	if (vt.n == vt.size) {
		size_t size = vt.size ? vt.size * 2 : 64;
		struct vtmr **h = realloc(vt.heap, size * sizeof(*h));

		if (!h)
			abort();
		vt.heap = h;
		vt.size = size;
	}
	v->due_us = due_us;
	v->seq = ++vt.seq;
	vt_put(vt.n++, v);
	vt_up(v->idx);
}

void vt_unschedule(struct tmr *t)
{
	if (t->vt)
		vt_remove(t->vt);
}

bool vt_scheduled(const struct tmr *t)
{
	const struct vtmr *v = t->vt;

	return v && v->idx != VT_NONE;
}

void vt_forget(struct tmr *t)
{
	if (!t->vt)
		return;
	vt_remove(t->vt);
	free(t->vt);
	t->vt = NULL;
}

/* The clock jumps to the earliest timer, which fires. */
static void vt_fire_next(void)
{
	struct vtmr *v = vt.heap[0];
	struct tmr *t = v->t;

	vt_remove(v);
	if (v->due_us > atomic_load_explicit(&vt.now_us, memory_order_relaxed))
		atomic_store_explicit(&vt.now_us, v->due_us,
				      memory_order_relaxed);
	t->h(t->arg);
}

/* Is something in flight that the clock must wait for? The job count is
 * read before the mailbox: a job posts its result before it stops
 * counting, so no result slips between the two reads. */
static bool vt_waiting(void)
{
	unsigned jobs = loop_jobs_inflight();

	if (jobs < vt.ignored)
		vt.ignored = jobs;
	return jobs > vt.ignored || atomic_load(&vt.holds) || loop_mbox_busy();
}

/* Block (in real time) for at most wait_us, or until something in flight
 * reports back. */
static void vt_block(uint64_t wait_us)
{
	struct timeval tv = {(time_t)(wait_us / 1000000),
			     (suseconds_t)(wait_us % 1000000)};

	evtimer_add(vt.keep, &tv);
	event_base_loop(loop_event_base(), EVLOOP_ONCE);
	evtimer_del(vt.keep);
}

/* Wait for what is in flight. A job that holds the clock for stall_ms
 * without any job finishing is a long one (a slow handler, or one stuck
 * in a C call): the clock stops waiting for it but from then on moves no
 * faster than real time, counted from the start of the wait, so the
 * engine's deadline for it fires when it would on a real clock, and a
 * handler slow but within its budget still returns in time. */
static void vt_wait(uint64_t *since_us, unsigned *progress)
{
	uint64_t now = clock_sys_mono_us();
	unsigned p = atomic_load(&vt.progress);

	if (!*since_us || p != *progress) {
		*since_us = now;
		*progress = p;
	} else if (now - *since_us > vt.stall_ms * 1000ull &&
		   loop_jobs_inflight() > vt.ignored) {
		if (!vt.ignored) {
			vt.pace_real_us = *since_us;
			vt.pace_vt_us = atomic_load(&vt.now_us);
		}
		vt.ignored = loop_jobs_inflight();
		log_warn("loop", "virtual clock: a job is still running after "
			 "%u ms; time now runs at real speed until it ends",
			 vt.stall_ms);
		*since_us = 0;
		return;
	}
	vt_block(VT_WAIT_MS * 1000);
}

/* While long jobs run, virtual time flows as real time does (every read
 * of the clock on the loop thread moves it), up to the next timer's due
 * time. Returns how far (us) that timer still is, 0 when it is due (or
 * when no job is long). */
static uint64_t vt_flow(void)
{
	uint64_t lim, due;

	if (!vt.ignored)
		return 0;
	lim = vt.pace_vt_us + (clock_sys_mono_us() - vt.pace_real_us);
	due = vt.n ? vt.heap[0]->due_us : UINT64_MAX;
	if (lim > due)
		lim = due;
	if (lim > atomic_load_explicit(&vt.now_us, memory_order_relaxed))
		atomic_store_explicit(&vt.now_us, lim, memory_order_relaxed);
	return due - lim;
}

int vt_run(void)
{
	struct event_base *base = loop_event_base();
	uint64_t since = 0, ahead;
	unsigned progress = 0;

	vt.stop = false;
	while (!vt.stop) {
		if (event_base_loop(base, EVLOOP_NONBLOCK) < 0)
			return EIO;
		if (vt.stop)
			break;
		if (event_base_get_num_events(base, EVENT_BASE_COUNT_ACTIVE))
			continue;
		if (vt_waiting()) {
			vt_wait(&since, &progress);
			continue;
		}
		since = 0;
		if (!vt.n)
			break;
		if ((ahead = vt_flow())) {   /* a long job runs: real pace */
			vt_block(ahead < VT_WAIT_MS * 1000 ? ahead :
				 VT_WAIT_MS * 1000);
			continue;
		}
		vt_fire_next();
	}
	return 0;
}

void vt_stop(void)
{
	vt.stop = true;
}

uint64_t vt_now_us(void)
{
	return atomic_load_explicit(&vt.now_us, memory_order_relaxed);
}
