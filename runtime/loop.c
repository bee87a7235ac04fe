/* loop.c - the runtime loop on libevent: timers, fd watches, the drift-free
 * media tick, the cross-thread mailbox and worker queues, and the virtual
 * clock the simulator runs them on. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <event2/thread.h>

#include "clock.h"
#include "log.h"
#include "loop.h"

static struct event_base *base;
static pthread_t loop_thread;

/* ---- virtual time ----
 * Timers live on a binary heap ordered by (due, start order), so timers
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

/* workq jobs submitted and not finished: a job with a done handler counts
 * until done has run on the loop, one without until its work returned
 * (after anything it posted itself). */
static atomic_uint inflight;

static void vt_kick(void);

/* ---- mailbox ---- */
struct mbox_msg {
	struct mbox_msg *next;
	mbox_h *h;
	void *msg;
};

static struct {
	pthread_mutex_t lock;
	struct mbox_msg *head, *tail;
	struct event *ev;
} mbox = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void mbox_drain(evutil_socket_t fd, short what, void *arg)
{
	struct mbox_msg *m;

	(void)fd; (void)what; (void)arg;
	pthread_mutex_lock(&mbox.lock);
	m = mbox.head;
	mbox.head = mbox.tail = NULL;
	pthread_mutex_unlock(&mbox.lock);

	while (m) {
		struct mbox_msg *next = m->next;

		m->h(m->msg);
		free(m);
		m = next;
	}
}

int loop_post(mbox_h *h, void *msg)
{
	struct mbox_msg *m = malloc(sizeof(*m));

	if (!m)
		return ENOMEM;
	m->next = NULL;
	m->h = h;
	m->msg = msg;

	pthread_mutex_lock(&mbox.lock);
	if (mbox.tail)
		mbox.tail->next = m;
	else
		mbox.head = m;
	mbox.tail = m;
	pthread_mutex_unlock(&mbox.lock);

	/* event_active is thread-safe once evthread_use_pthreads() ran. */
	event_active(mbox.ev, EV_READ, 0);
	return 0;
}

/* ---- signal watches (defined here: loop_close frees them) ---- */
struct sigw {
	struct sigw *next;
	struct event *ev;
	sig_h *h;
	void *arg;
};

static struct sigw *sigws;   /* freed by loop_close */

static int vt_attach(void);
static void vt_detach(void);
static int vt_run(void);

/* ---- loop ---- */
int loop_init(void)
{
	struct event_config *cfg;

	if (evthread_use_pthreads() != 0)
		return ENOSYS;
	cfg = event_config_new();
	if (!cfg)
		return ENOMEM;
	/* Without PRECISE_TIMER epoll rounds timeouts to whole milliseconds
	 * and the media tick runs ~2 ms late (platform notes, 3.3). */
	event_config_set_flag(cfg, EVENT_BASE_FLAG_PRECISE_TIMER);
	base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	if (!base)
		return ENOMEM;
	loop_thread = pthread_self();
	mbox.ev = event_new(base, -1, EV_PERSIST, mbox_drain, NULL);
	if (!mbox.ev)
		return ENOMEM;
	return vt.on ? vt_attach() : 0;
}

void loop_close(void)
{
	if (!base)
		return;
	mbox_drain(-1, 0, NULL);
	loop_tick_stop();
	while (sigws) {
		struct sigw *sw = sigws;

		sigws = sw->next;
		event_free(sw->ev);
		free(sw);
	}
	vt_detach();
	event_free(mbox.ev);
	mbox.ev = NULL;
	event_base_free(base);
	base = NULL;
}

void loop_drain(void)
{
	int i;

	if (!base)
		return;
	for (i = 0; i < 100; i++) {
		bool more;

		mbox_drain(-1, 0, NULL);
		event_base_loop(base, EVLOOP_NONBLOCK);
		pthread_mutex_lock(&mbox.lock);
		more = mbox.head != NULL;
		pthread_mutex_unlock(&mbox.lock);
		if (!more)
			break;
	}
}

int loop_run(void)
{
	loop_thread = pthread_self();
	if (vt.on)
		return vt_run();
	return event_base_dispatch(base) < 0 ? EIO : 0;
}

void loop_stop(void)
{
	vt.stop = true;
	event_base_loopbreak(base);
}

bool loop_is_loop_thread(void)
{
	return pthread_equal(pthread_self(), loop_thread);
}

/* ---- timers ---- */
static void tmr_fire(evutil_socket_t fd, short what, void *arg)
{
	struct tmr *t = arg;

	(void)fd; (void)what;
	t->h(t->arg);
}

static void vt_schedule(struct tmr *t, uint64_t due_us);
static void vt_remove(struct vtmr *v);

void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	struct timeval tv = {(time_t)(delay_ms / 1000),
			     (suseconds_t)(delay_ms % 1000) * 1000};

	if (vt.on) {
		/* A deferred run gives way to the start, as evtimer_add
		 * takes an active timeout off libevent's active list. */
		if (t->ev)
			event_del((struct event *)t->ev);
		t->h = h;
		t->arg = arg;
		vt_schedule(t, atomic_load_explicit(&vt.now_us,
			    memory_order_relaxed) + delay_ms * 1000);
		return;
	}
	if (!t->ev)
		t->ev = evtimer_new(base, tmr_fire, t);
	if (!t->ev)
		abort();   /* out of memory at timer creation: nothing sane left */
	t->h = h;
	t->arg = arg;
	evtimer_add((struct event *)t->ev, &tv);
}

void tmr_defer(struct tmr *t, tmr_h *h, void *arg)
{
	/* event_active on a pending timer runs it once and drops its
	 * timeout: the virtual one goes the same way. */
	if (t->vt)
		vt_remove(t->vt);
	if (!t->ev)
		t->ev = evtimer_new(base, tmr_fire, t);
	if (!t->ev)
		abort();
	t->h = h;
	t->arg = arg;
	event_active((struct event *)t->ev, EV_TIMEOUT, 0);
}

void tmr_cancel(struct tmr *t)
{
	if (t->ev)
		event_del((struct event *)t->ev);
	if (t->vt)
		vt_remove(t->vt);
}

bool tmr_isrunning(const struct tmr *t)
{
	const struct vtmr *v = t->vt;

	return (v && v->idx != VT_NONE) ||
	       (t->ev && event_pending((struct event *)t->ev, EV_TIMEOUT, NULL));
}

void tmr_close(struct tmr *t)
{
	if (t->ev)
		event_free((struct event *)t->ev);
	t->ev = NULL;
	if (t->vt) {
		vt_remove(t->vt);
		free(t->vt);
		t->vt = NULL;
	}
}

/* ---- fd watches ---- */
struct fdw {
	struct event *ev;
	fdw_h *h;
	void *arg;
};

static void fdw_fire(evutil_socket_t fd, short what, void *arg)
{
	struct fdw *fw = arg;

	(void)what;
	fw->h(fd, fw->arg);
}

int fdw_alloc(struct fdw **fwp, int fd, fdw_h *h, void *arg)
{
	struct fdw *fw = calloc(1, sizeof(*fw));

	if (!fw)
		return ENOMEM;
	fw->h = h;
	fw->arg = arg;
	fw->ev = event_new(base, fd, EV_READ | EV_PERSIST, fdw_fire, fw);
	if (!fw->ev || event_add(fw->ev, NULL) != 0) {
		if (fw->ev)
			event_free(fw->ev);
		free(fw);
		return ENOMEM;
	}
	*fwp = fw;
	return 0;
}

void fdw_free(struct fdw *fw)
{
	if (!fw)
		return;
	event_free(fw->ev);
	free(fw);
}

/* ---- media tick ----
 * A one-shot timer re-armed for the next absolute deadline. EV_PERSIST
 * would reschedule from "now" and accumulate every bit of lateness. */
static struct {
	struct event *ev;
	struct tmr vtick;         /* on a virtual clock instead of ev */
	bool vrun;
	uint32_t period_us;
	uint64_t next_us;
	tick_h *h;
	void *arg;
	struct tick_stats st;
} tick;

/* Virtual time is never late: each tick fires on its deadline. */
static void tick_vfire(void *arg)
{
	(void)arg;
	tick.st.ticks++;
	tick.h(tick.next_us, tick.arg);
	tick.next_us += tick.period_us;
	if (tick.vrun)
		vt_schedule(&tick.vtick, tick.next_us);
}

static void tick_arm(uint64_t now_us)
{
	uint64_t wait = tick.next_us > now_us ? tick.next_us - now_us : 0;
	struct timeval tv = {(time_t)(wait / 1000000),
			     (suseconds_t)(wait % 1000000)};

	evtimer_add(tick.ev, &tv);
}

static void tick_fire(evutil_socket_t fd, short what, void *arg)
{
	uint64_t now = clock_mono_us();
	uint64_t late = now > tick.next_us ? now - tick.next_us : 0;

	(void)fd; (void)what; (void)arg;
	if (late > tick.st.late_max_us)
		tick.st.late_max_us = late;
	tick.st.ticks++;
	tick.h(now, tick.arg);

	tick.next_us += tick.period_us;
	now = clock_mono_us();
	if (now >= tick.next_us + tick.period_us) {
		/* We fell more than a whole period behind (host stall): skip
		 * the missed deadlines instead of firing a burst. */
		uint64_t missed = (now - tick.next_us) / tick.period_us;

		tick.st.skipped += missed;
		tick.next_us += missed * tick.period_us;
	}
	tick_arm(now);
}

int loop_tick_start(uint32_t period_us, tick_h *h, void *arg)
{
	if (tick.ev || tick.vrun)
		return EALREADY;
	tick.period_us = period_us;
	tick.h = h;
	tick.arg = arg;
	memset(&tick.st, 0, sizeof(tick.st));
	tick.next_us = clock_mono_us() + period_us;
	if (vt.on) {
		tick.vrun = true;
		tick.vtick.h = tick_vfire;
		vt_schedule(&tick.vtick, tick.next_us);
		return 0;
	}
	tick.ev = evtimer_new(base, tick_fire, NULL);
	if (!tick.ev)
		return ENOMEM;
	tick_arm(clock_mono_us());
	return 0;
}

void loop_tick_stop(void)
{
	if (tick.vrun) {
		tick.vrun = false;
		tmr_close(&tick.vtick);
	}
	if (!tick.ev)
		return;
	event_free(tick.ev);
	tick.ev = NULL;
}

void loop_tick_stats(struct tick_stats *st)
{
	*st = tick.st;
}

/* ---- signals ---- */

static void sig_fire(evutil_socket_t signum, short what, void *arg)
{
	struct sigw *sw = arg;

	(void)what;
	sw->h((int)signum, sw->arg);
}

int loop_signal(int signum, sig_h *h, void *arg)
{
	struct sigw *sw = calloc(1, sizeof(*sw));
	struct event *ev;

	if (!sw)
		return ENOMEM;
	sw->h = h;
	sw->arg = arg;
	ev = evsignal_new(base, signum, sig_fire, sw);
	if (!ev || event_add(ev, NULL) != 0) {
		if (ev)
			event_free(ev);
		free(sw);
		return EINVAL;
	}
	sw->ev = ev;
	sw->next = sigws;
	sigws = sw;
	return 0;
}

/* ---- worker queues ---- */
struct job {
	struct job *next;
	work_h *work, *done;
	void *arg;
};

struct workq {
	char name[16];
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, *tail;
	unsigned pending;
	bool stopping;
	unsigned nthreads;
	pthread_t *threads;
	void (*on_exit)(void);
};

static void job_finished(void)
{
	atomic_fetch_sub(&inflight, 1);
	atomic_fetch_add(&vt.progress, 1);
	vt_kick();
}

static void job_done(void *msg)
{
	struct job *j = msg;

	j->done(j->arg);
	free(j);
	job_finished();
}

static void *workq_main(void *arg)
{
	struct workq *wq = arg;
	sigset_t all;

	/* Signals belong to the loop thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_setname_np(pthread_self(), wq->name);

	pthread_mutex_lock(&wq->lock);
	for (;;) {
		struct job *j;

		while (!wq->head && !wq->stopping)
			pthread_cond_wait(&wq->cond, &wq->lock);
		j = wq->head;
		if (!j)
			break;
		wq->head = j->next;
		if (!wq->head)
			wq->tail = NULL;
		pthread_mutex_unlock(&wq->lock);

		j->work(j->arg);
		/* Even when stopping: loop_drain() delivers it, and its owner
		 * frees what the job carried. */
		if (!j->done || !base || loop_post(job_done, j)) {
			free(j);
			job_finished();
		}

		pthread_mutex_lock(&wq->lock);
		wq->pending--;
	}
	pthread_mutex_unlock(&wq->lock);
	if (wq->on_exit)
		wq->on_exit();
	return NULL;
}

int workq_alloc(struct workq **wqp, const char *name, unsigned nthreads)
{
	struct workq *wq = calloc(1, sizeof(*wq));
	unsigned i;

	if (!wq)
		return ENOMEM;
	snprintf(wq->name, sizeof(wq->name), "%s", name);
	pthread_mutex_init(&wq->lock, NULL);
	pthread_cond_init(&wq->cond, NULL);
	wq->threads = calloc(nthreads, sizeof(*wq->threads));
	if (!wq->threads) {
		free(wq);
		return ENOMEM;
	}
	for (i = 0; i < nthreads; i++) {
		if (pthread_create(&wq->threads[i], NULL, workq_main, wq))
			break;
	}
	wq->nthreads = i;
	if (!i) {
		free(wq->threads);
		free(wq);
		return EAGAIN;
	}
	*wqp = wq;
	return 0;
}

int workq_add_thread(struct workq *wq)
{
	pthread_t *t;
	int err;

	pthread_mutex_lock(&wq->lock);
	t = realloc(wq->threads, (wq->nthreads + 1) * sizeof(*t));
	if (!t) {
		pthread_mutex_unlock(&wq->lock);
		return ENOMEM;
	}
	wq->threads = t;
	err = pthread_create(&t[wq->nthreads], NULL, workq_main, wq);
	if (!err)
		wq->nthreads++;
	pthread_mutex_unlock(&wq->lock);
	return err;
}

int workq_submit(struct workq *wq, work_h *work, work_h *done, void *arg)
{
	struct job *j = malloc(sizeof(*j));

	if (!j)
		return ENOMEM;
	j->next = NULL;
	j->work = work;
	j->done = done;
	j->arg = arg;
	atomic_fetch_add(&inflight, 1);

	pthread_mutex_lock(&wq->lock);
	if (wq->tail)
		wq->tail->next = j;
	else
		wq->head = j;
	wq->tail = j;
	wq->pending++;
	pthread_cond_signal(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
	return 0;
}

void workq_on_exit(struct workq *wq, void (*h)(void))
{
	pthread_mutex_lock(&wq->lock);
	wq->on_exit = h;
	pthread_mutex_unlock(&wq->lock);
}

unsigned workq_pending(const struct workq *wq)
{
	return wq->pending;
}

void workq_free(struct workq *wq)
{
	unsigned i;

	if (!wq)
		return;
	pthread_mutex_lock(&wq->lock);
	wq->stopping = true;
	pthread_cond_broadcast(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
	for (i = 0; i < wq->nthreads; i++)
		pthread_join(wq->threads[i], NULL);
	free(wq->threads);
	pthread_mutex_destroy(&wq->lock);
	pthread_cond_destroy(&wq->cond);
	free(wq);
}

/* ---- virtual time ---- */

static uint64_t real_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t vt_flow(void);

/* Workers measure real durations (a handler's wall-time budget, a
 * synthesis): virtual time stands still while they run, unless one runs
 * long (vt_wait). */
static uint64_t vt_mono_us(void)
{
	if (!loop_is_loop_thread())
		return real_mono_us();
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
	vt.mono0_us = real_mono_us();
	atomic_store(&vt.now_us, vt.mono0_us);
	vt.wall0_ms = start_wall_ms;
	loop_thread = pthread_self();
	clock_set_ops(&vt_clock);
	if (base)
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

static int vt_attach(void)
{
	if (!vt.keep)
		vt.keep = evtimer_new(base, vt_keep, NULL);
	return vt.keep ? 0 : ENOMEM;
}

/* Timers still started lose their place; their owners may close them
 * later without touching the freed heap. */
static void vt_detach(void)
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

/* Wake a blocking wait: the mailbox event does nothing when empty. */
static void vt_kick(void)
{
	if (vt.on && mbox.ev)
		event_active(mbox.ev, EV_READ, 0);
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
static void vt_schedule(struct tmr *t, uint64_t due_us)
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

static bool vt_mbox_busy(void)
{
	bool busy;

	pthread_mutex_lock(&mbox.lock);
	busy = mbox.head != NULL;
	pthread_mutex_unlock(&mbox.lock);
	return busy;
}

/* Is something in flight that the clock must wait for? The job count is
 * read before the mailbox: a job posts its result before it stops
 * counting, so no result slips between the two reads. */
static bool vt_waiting(void)
{
	unsigned jobs = atomic_load(&inflight);

	if (jobs < vt.ignored)
		vt.ignored = jobs;
	return jobs > vt.ignored || atomic_load(&vt.holds) || vt_mbox_busy();
}

/* Block (in real time) for at most wait_us, or until something in flight
 * reports back. */
static void vt_block(uint64_t wait_us)
{
	struct timeval tv = {(time_t)(wait_us / 1000000),
			     (suseconds_t)(wait_us % 1000000)};

	evtimer_add(vt.keep, &tv);
	event_base_loop(base, EVLOOP_ONCE);
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
	uint64_t now = real_mono_us();
	unsigned p = atomic_load(&vt.progress);

	if (!*since_us || p != *progress) {
		*since_us = now;
		*progress = p;
	} else if (now - *since_us > vt.stall_ms * 1000ull &&
		   atomic_load(&inflight) > vt.ignored) {
		if (!vt.ignored) {
			vt.pace_real_us = *since_us;
			vt.pace_vt_us = atomic_load(&vt.now_us);
		}
		vt.ignored = atomic_load(&inflight);
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
	lim = vt.pace_vt_us + (real_mono_us() - vt.pace_real_us);
	due = vt.n ? vt.heap[0]->due_us : UINT64_MAX;
	if (lim > due)
		lim = due;
	if (lim > atomic_load_explicit(&vt.now_us, memory_order_relaxed))
		atomic_store_explicit(&vt.now_us, lim, memory_order_relaxed);
	return due - lim;
}

static int vt_run(void)
{
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

/* For http.c, the only other file that may see libevent. */
struct event_base *loop_event_base(void);
struct event_base *loop_event_base(void)
{
	return base;
}
