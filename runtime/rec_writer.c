/* rec_writer.c - the one thread that writes every recording: creates the
 * files, drains the recorders' rings into them, keeps their headers valid
 * and closes them, then hands each result back to the loop.
 *
 * Durability: audio is write()n within ~100 ms of being heard and the
 * header is rewritten every REC_PATCH_MS, both into the page cache, which
 * belongs to the kernel: a crash of callflow (kill -9, a segfault) loses
 * nothing written, and the header covers all but the last half second
 * (rec_repair recovers the rest). Only a crash of the machine can lose
 * what the kernel had not yet flushed (its writeback runs every few
 * seconds); an fdatasync per recording per second would close that
 * window at the price of a journal commit per file per second, stalling
 * this one thread behind slow disks. So fdatasync runs once, at close,
 * before done reports the file complete. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "log.h"
#include "loop.h"
#include "record_priv.h"

/* Silence for gaps, written a few frames per call. */
#define ZERO_FRAMES 25u
static const int16_t zeros[ZERO_FRAMES * MEDIA_FRAME * 2];

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct recorder *incoming;       /* handed over, not yet taken */
	struct recorder *list;           /* the writer's own */
	bool kicked, quit, running;
} wr;

/* ---- one recorder ---- */

/* The reason done reports; a long path is cut, never overflowed. */
static void writer_reason(struct recorder *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void writer_reason(struct recorder *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->res.reason, sizeof(r->res.reason), fmt, ap);
	va_end(ap);
}

/* mkdir -p of path's directory. Components that exist are fine; one that
 * is a file makes the next mkdir (or the open) fail with ENOTDIR. */
static int writer_mkdirs(struct recorder *r)
{
	char dir[PATH_MAX];
	char *p, c;
	int err;

	snprintf(dir, sizeof(dir), "%s", r->path);
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST) {
			err = errno;
			writer_reason(r, "cannot create directory %s: %s",
				      dir, strerror(err));
			return err;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

static int writer_open(struct recorder *r)
{
	int err;

	err = writer_mkdirs(r);
	if (err)
		return err;
	err = wav_writer_open(&r->w, r->path, r->channels, MEDIA_RATE);
	if (err) {
		writer_reason(r, "cannot create %s: %s", r->path,
			      strerror(err));
		return err;
	}
	r->opened = true;
	return 0;
}

static int writer_silence(struct recorder *r, uint32_t frames)
{
	uint32_t k;
	int err;

	if (frames && !r->gap_logged) {
		r->gap_logged = true;   /* once per recording, not per gap */
		log_warn("record", "%s: writer behind, %u frames dropped",
			 r->path, frames);
	}
	for (; frames; frames -= k) {
		k = frames < ZERO_FRAMES ? frames : ZERO_FRAMES;
		err = wav_writer_append(&r->w, zeros, (size_t)k * MEDIA_FRAME);
		if (err)
			return err;
	}
	return 0;
}

/* Write every published slot: runs of contiguous slots go out in one
 * write, straight from the ring. Bounded by the ring's size. */
static int writer_drain(struct recorder *r)
{
	uint32_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	uint32_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	uint32_t s, run;
	int err;

	while (tail != head) {
		s = tail % REC_RING;
		err = writer_silence(r, r->gaps[s]);
		if (err)
			return err;
		for (run = 1; tail + run != head && s + run < REC_RING &&
			      !r->gaps[s + run]; run++)
			;
		err = wav_writer_append(&r->w, r->ring + (size_t)s *
					MEDIA_FRAME * r->channels,
					(size_t)run * MEDIA_FRAME);
		if (err)
			return err;
		tail += run;
		atomic_store_explicit(&r->tail, tail, memory_order_release);
	}
	return 0;
}

/* A virtual clock held for this ring (record.c) may move on. */
static void writer_unhold(struct recorder *r)
{
	if (atomic_exchange(&r->drain_hold, false))
		loop_release();
}

/* The result goes to the loop; the writer forgets r before posting. */
static void writer_post(struct recorder *r)
{
	unsigned tries = 0;

	writer_unhold(r);
	r->res.frames = r->w.hdr_bytes / (2u * r->channels);
	r->res.bytes = r->opened ? WAV_HDR_SIZE + r->w.hdr_bytes : 0;
	while (loop_post(recorder_finish, r)) {
		if (!tries++)
			log_error("record", "%s: cannot post the result, retrying",
				  r->path);
		nanosleep(&(struct timespec){0, 10 * 1000000L}, NULL);
	}
}

static void writer_fail(struct recorder *r, int err)
{
	if (!r->res.reason[0])
		writer_reason(r, "cannot write %s: %s", r->path,
			      strerror(err));
	log_warn("record", "recording failed: %s", r->res.reason);
	r->res.status = REC_FAILED;
	r->res.err = err;
	/* Keep what was written: its header matches the audio on disk. */
	if (r->opened)
		wav_writer_close(&r->w, false);
}

/* Returns true when r is finished (closed or failed). */
static bool writer_serve(struct recorder *r, bool quit, uint64_t now_ms)
{
	bool stop_req = atomic_load_explicit(&r->stop_req, memory_order_acquire);
	int err;

	if (!r->opened) {
		err = writer_open(r);
		if (err)
			goto fail;
		r->patched_ms = now_ms;
		if (loop_post(recorder_opened, r))
			log_warn("record", "%s: created, but the notice was lost",
				 r->path);
	}
	err = writer_drain(r);
	writer_unhold(r);
	if (!err && stop_req)
		err = writer_silence(r, r->gap);   /* frames dropped at the end */
	if (err)
		goto fail;
	if (stop_req || quit) {
		r->closing = true;        /* closed by writer_close_due */
		return true;
	}
	if (now_ms - r->patched_ms >= REC_PATCH_MS) {
		err = wav_writer_patch(&r->w);
		if (err)
			goto fail;
		r->patched_ms = now_ms;
	}
	return false;
 fail:
	writer_fail(r, err);
	return true;
}

/* ---- the thread ---- */

/* Close finished recordings. fdatasync can take long on a slow disk, so
 * every live ring is drained again before each one: a burst of hang-ups
 * must not stall the recordings still running until their rings overflow. */
static void writer_close_due(struct recorder *done)
{
	struct recorder *r, *live;
	int err;

	while ((r = done)) {
		done = r->wnext;
		r->wnext = NULL;
		if (r->closing) {
			err = wav_writer_close(&r->w, true);
			if (err)
				writer_fail(r, err);
			else
				r->res.status = REC_OK;
		}
		writer_post(r);
		for (live = wr.list; done && live; live = live->wnext)
			if (live->opened && writer_drain(live))
				break;    /* its error surfaces next round */
	}
}

static void writer_serve_all(bool quit)
{
	struct recorder **pp = &wr.list, *r, *done = NULL, **tail = &done;
	uint64_t now_ms = clock_mono_us() / 1000u;

	while ((r = *pp)) {
		if (!writer_serve(r, quit, now_ms)) {
			pp = &r->wnext;
			continue;
		}
		*pp = r->wnext;
		r->wnext = NULL;
		*tail = r;
		tail = &r->wnext;
	}
	writer_close_due(done);
}

/* Take what the loop handed over, keeping the order of arrival. */
static bool writer_wait(void)
{
	struct timespec ts;
	struct recorder **pp;
	bool quit;

	pthread_mutex_lock(&wr.lock);
	/* Nothing to write: sleep until a recorder arrives. */
	while (!wr.list && !wr.incoming && !wr.quit)
		pthread_cond_wait(&wr.cond, &wr.lock);
	if (!wr.kicked && !wr.quit && wr.list) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += REC_WAKE_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&wr.cond, &wr.lock, &ts);
	}
	wr.kicked = false;
	quit = wr.quit;
	for (pp = &wr.list; *pp; pp = &(*pp)->wnext)
		;
	*pp = wr.incoming;
	wr.incoming = NULL;
	pthread_mutex_unlock(&wr.lock);
	return quit;
}

static void *writer_main(void *arg)
{
	bool quit;

	(void)arg;
	do {
		quit = writer_wait();
		writer_serve_all(quit);
	} while (!quit || wr.list);
	return NULL;
}

/* The writer blocks every signal: they belong to the loop thread. */
int rec_writer_start(void)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	int err;

	memset(&wr, 0, sizeof(wr));
	pthread_mutex_init(&wr.lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wr.cond, &ca);
	pthread_condattr_destroy(&ca);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&wr.thread, NULL, writer_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		pthread_cond_destroy(&wr.cond);
		pthread_mutex_destroy(&wr.lock);
		return err;
	}
	pthread_setname_np(wr.thread, "cf-rec");
	wr.running = true;
	return 0;
}

void rec_writer_add(struct recorder *r)
{
	struct recorder **pp;

	pthread_mutex_lock(&wr.lock);
	for (pp = &wr.incoming; *pp; pp = &(*pp)->wnext)
		;
	*pp = r;
	wr.kicked = true;   /* create the file now, not in 100 ms */
	pthread_cond_signal(&wr.cond);
	pthread_mutex_unlock(&wr.lock);
}

void rec_writer_kick(void)
{
	pthread_mutex_lock(&wr.lock);
	wr.kicked = true;
	pthread_cond_signal(&wr.cond);
	pthread_mutex_unlock(&wr.lock);
}

void rec_writer_stop(void)
{
	if (!wr.running)
		return;
	pthread_mutex_lock(&wr.lock);
	wr.quit = true;
	pthread_cond_signal(&wr.cond);
	pthread_mutex_unlock(&wr.lock);
	pthread_join(wr.thread, NULL);
	pthread_cond_destroy(&wr.cond);
	pthread_mutex_destroy(&wr.lock);
	wr.running = false;
}
