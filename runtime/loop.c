/* loop.c - the runtime loop on libevent: timers, fd watches, the drift-free
 * media tick, the cross-thread mailbox and worker queues. The virtual clock
 * the simulator runs them on is loop_virtual.c. */
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
#include "loop.h"
#include "loop_priv.h"

static struct event_base *base;
static pthread_t loop_thread;

/* workq jobs submitted and not finished: a job with a done handler counts
 * until done has run on the loop, one without until its work returned
 * (after anything it posted itself). */
static atomic_uint inflight;

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

bool loop_mbox_busy(void)
{
	bool busy;

	pthread_mutex_lock(&mbox.lock);
	busy = mbox.head != NULL;
	pthread_mutex_unlock(&mbox.lock);
	return busy;
}

/* The mailbox event does nothing when the mailbox is empty: a wake-up. */
void loop_mbox_kick(void)
{
	if (mbox.ev)
		event_active(mbox.ev, EV_READ, 0);
}

unsigned loop_jobs_inflight(void)
{
	return atomic_load(&inflight);
}

void loop_own_thread(void)
{
	loop_thread = pthread_self();
}

/* ---- signal watches (defined here: loop_close frees them) ---- */
struct sigw {
	struct sigw *next;
	struct event *ev;
	sig_h *h;
	void *arg;
};

static struct sigw *sigws;   /* freed by loop_close */

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
	return loop_is_virtual() ? vt_attach() : 0;
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
		mbox_drain(-1, 0, NULL);
		event_base_loop(base, EVLOOP_NONBLOCK);
		if (!loop_mbox_busy())
			break;
	}
}

int loop_run(void)
{
	loop_thread = pthread_self();
	if (loop_is_virtual())
		return vt_run();
	return event_base_dispatch(base) < 0 ? EIO : 0;
}

void loop_stop(void)
{
	vt_stop();
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

void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	struct timeval tv = {(time_t)(delay_ms / 1000),
			     (suseconds_t)(delay_ms % 1000) * 1000};

	if (loop_is_virtual()) {
		/* A deferred run gives way to the start, as evtimer_add
		 * takes an active timeout off libevent's active list. */
		if (t->ev)
			event_del((struct event *)t->ev);
		t->h = h;
		t->arg = arg;
		vt_schedule(t, vt_now_us() + delay_ms * 1000);
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
	vt_unschedule(t);
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
	vt_unschedule(t);
}

bool tmr_isrunning(const struct tmr *t)
{
	return vt_scheduled(t) ||
	       (t->ev && event_pending((struct event *)t->ev, EV_TIMEOUT, NULL));
}

void tmr_close(struct tmr *t)
{
	if (t->ev)
		event_free((struct event *)t->ev);
	t->ev = NULL;
	vt_forget(t);
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
	if (loop_is_virtual()) {
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
	vt_job_finished();
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

struct event_base *loop_event_base(void)
{
	return base;
}
