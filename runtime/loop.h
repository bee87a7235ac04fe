/* loop.h - the runtime's single event loop: timers, fd watches, the
 * drift-free media tick, a thread-safe mailbox into the loop, and worker
 * queues for blocking work. libevent stays behind this header.
 *
 * Threading: everything here except loop_post() and workq_submit() must be
 * called on the loop thread. Handlers always run on the loop thread, except
 * a workq job's work function, which runs on a worker. */
#ifndef CF_LOOP_H
#define CF_LOOP_H

#include <stdbool.h>
#include <stdint.h>

int  loop_init(void);
void loop_close(void);
/* Runs until loop_stop(); returns 0 or an errno value. On a virtual clock
 * it also returns when nothing is left to do (no timer, nothing in
 * flight). */
int  loop_run(void);
void loop_stop(void);
/* After loop_run returned: run what is still queued (mailbox messages,
 * deferred work) until nothing is left, so shutdown frees everything. */
void loop_drain(void);
bool loop_is_loop_thread(void);

/* ---- virtual time (the simulator) ----
 * loop_set_virtual, called before loop_init, puts the loop on a virtual
 * clock starting at start_wall_ms (Unix epoch ms): timers and the media
 * tick go on a virtual timer list, and clock_wall_ms(), and
 * clock_mono_us() on the loop thread, return virtual time (worker threads
 * keep real monotonic time, so their budgets and measurements stay
 * real). loop_run then never sleeps for a timer: it runs what is ready,
 * waits for work in flight (workq jobs, mailbox messages, holds), and
 * otherwise jumps the clock to the earliest timer. tmr_defer and fd
 * watches work as usual. */
void loop_set_virtual(uint64_t start_wall_ms);
bool loop_is_virtual(void);
/* A job that keeps the virtual clock waiting this long (real time, 10 s
 * by default) no longer stops it, but time then runs no faster than real
 * time until it ends, so deadlines meant for it fire as on a real clock.
 * For tests; call after loop_set_virtual. */
void loop_set_virtual_stall(unsigned ms);
/* Thread-safe: an asynchronous completion that is neither a workq job nor
 * a mailbox message yet (a file another thread is creating) is pending;
 * the virtual clock does not move on until the matching loop_release.
 * No effect on the real clock. */
void loop_hold(void);
void loop_release(void);

/* ---- timers (one-shot; embed in the owner, no allocation per start) ---- */
typedef void (tmr_h)(void *arg);

struct tmr {
	void *ev;     /* private: allocated on first start, freed by tmr_close */
	void *vt;     /* private: its place on the virtual timer list */
	tmr_h *h;
	void *arg;
};

void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg);
void tmr_cancel(struct tmr *t);
bool tmr_isrunning(const struct tmr *t);
void tmr_close(struct tmr *t);   /* cancel and release; safe on a never-started tmr */

/* Run h(arg) on the loop thread soon, after the current callback returns.
 * Uses the same embedded timer, so an owner can defer work without
 * freeing itself inside its own callback. */
void tmr_defer(struct tmr *t, tmr_h *h, void *arg);

/* ---- fd readability watches ---- */
typedef void (fdw_h)(int fd, void *arg);
struct fdw;
int  fdw_alloc(struct fdw **fwp, int fd, fdw_h *h, void *arg);
void fdw_free(struct fdw *fw);

/* ---- the media tick ----
 * h is called every period_us on absolute deadlines (start + n*period), so
 * the tick never drifts; missed deadlines are skipped, not bunched, and
 * counted in loop_tick_stats(). */
typedef void (tick_h)(uint64_t now_us, void *arg);
int  loop_tick_start(uint32_t period_us, tick_h *h, void *arg);
void loop_tick_stop(void);

struct tick_stats {
	uint64_t ticks;
	uint64_t skipped;       /* deadlines missed by more than one period */
	uint64_t late_max_us;   /* worst lateness of a tick against its deadline */
};
void loop_tick_stats(struct tick_stats *st);

/* ---- mailbox: thread-safe; h(msg) runs on the loop thread ---- */
typedef void (mbox_h)(void *msg);
int loop_post(mbox_h *h, void *msg);

/* ---- signals: h runs on the loop thread when signum arrives ---- */
typedef void (sig_h)(int signum, void *arg);
int loop_signal(int signum, sig_h *h, void *arg);

/* ---- worker queues for blocking work (disk, Lua, TTS) ----
 * work(arg) runs on one of the queue's threads; then done(arg) runs on the
 * loop thread (done may be NULL). Jobs run in FIFO order; with one thread
 * they are serialised, which is what the SQLite writer and espeak-ng need. */
typedef void (work_h)(void *arg);
struct workq;
int  workq_alloc(struct workq **wqp, const char *name, unsigned nthreads);
int  workq_submit(struct workq *wq, work_h *work, work_h *done, void *arg);
/* Add one thread, e.g. to replace a worker stuck in a job. */
int  workq_add_thread(struct workq *wq);
/* h runs on each worker thread as it exits (e.g. to free per-thread
 * interpreter states). Set it right after workq_alloc. */
void workq_on_exit(struct workq *wq, void (*h)(void));
/* Finish queued jobs (their done handlers are dropped), join, free. */
void workq_free(struct workq *wq);
unsigned workq_pending(const struct workq *wq);

/* ---- HTTP: an evhttp server with a tiny routing contract ---- */
struct http_req;
typedef void (http_h)(struct http_req *req, void *arg);
int  http_listen(const char *addr, uint16_t port, http_h *h, void *arg);
void http_close(void);
const char *http_req_method(const struct http_req *req);
const char *http_req_path(const struct http_req *req);
/* Request body as a NUL-terminated string (owned by req; valid in h). */
const char *http_req_body(struct http_req *req, size_t *lenp);
void http_reply(struct http_req *req, int status, const char *content_type,
		const char *body);

#endif
