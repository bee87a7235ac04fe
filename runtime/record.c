/* record.c - the recorder's loop side: the media tap that copies each
 * frame into the recorder's ring, pause and its marker tones, the level
 * for silence detection, and done once the writer closed the file. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "media.h"
#include "record_priv.h"

/* Pause and resume marker (§1): 200 ms of 1 kHz at -12 dBFS. At 8 kHz a
 * period is exactly 8 samples, and 200 periods start and end at phase 0,
 * so the tone needs no fade to avoid clicks. */
#define TONE_SAMPLES (MEDIA_RATE / 5u)
#define TONE_PERIOD  8u
#define TONE_DBFS    (-12.0)

static struct {
	bool init;
	struct recorder *live;           /* via lprev/lnext */
	int16_t tone[TONE_PERIOD];
} rec;

static void tone_init(void)
{
	double amp = 32767.0 * pow(10.0, TONE_DBFS / 20.0);
	unsigned i;

	for (i = 0; i < TONE_PERIOD; i++)
		rec.tone[i] = (int16_t)lrint(amp * sin(2.0 * M_PI * i / TONE_PERIOD));
}

int rec_init(void)
{
	int err;

	if (rec.init)
		return EALREADY;
	tone_init();
	err = rec_writer_start();
	if (err)
		return err;
	rec.init = true;
	return 0;
}

/* Recorders still running are stopped like recorder_stop: the writer
 * drains and closes them, and their done is posted to the mailbox, which
 * the caller drains after (loop_drain). Their legs must still exist. */
void rec_close(void)
{
	struct recorder *r;

	if (!rec.init)
		return;
	for (r = rec.live; r; r = r->lnext)
		recorder_stop(r);
	rec_writer_stop();
	rec.init = false;
}

/* ---- the tap (inside the media tick: copy only) ---- */

static int16_t sat16(int32_t v)
{
	return (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : v);
}

static void level_update(struct recorder *r, const int16_t *in)
{
	uint32_t sum = 0;
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++)
		sum += (uint32_t)abs(in[i]);
	r->lvl[r->lvl_pos] = sum;
	r->lvl_pos = (r->lvl_pos + 1) % REC_LEVEL_FRAMES;
}

/* The marker tone is added to whatever is recorded: on the pause it
 * rings over silence; on the resume it overlays the first 200 ms of live
 * audio instead of replacing them, so no word said after resume is lost. */
static void tone_advance(struct recorder *r, unsigned n)
{
	r->tone_left = r->tone_left > n ? r->tone_left - n : 0;
}

static void frame_fill(struct recorder *r, int16_t *slot, const int16_t *in,
		       const int16_t *out)
{
	unsigned i, pos = TONE_SAMPLES - r->tone_left;
	int32_t a, b, t;

	for (i = 0; i < MEDIA_FRAME; i++) {
		a = r->paused ? 0 : in[i];
		b = r->paused ? 0 : out[i];
		if (i < r->tone_left) {
			t = rec.tone[(pos + i) % TONE_PERIOD];
			a += t;
			b += t;
		}
		if (r->track == REC_BOTH) {
			slot[2 * i] = sat16(a);
			slot[2 * i + 1] = sat16(b);
		} else {
			slot[i] = sat16(r->track == REC_INCOMING ? a : b);
		}
	}
	tone_advance(r, MEDIA_FRAME);
}

/* A full ring means the writer is 2.5 s behind: the frame is dropped and
 * counted, never waited for; the writer fills the gap with silence. */
static void recorder_tap(const int16_t *in, const int16_t *out, void *arg)
{
	struct recorder *r = arg;
	uint32_t head, tail, s;

	level_update(r, in);
	r->ticks++;
	head = atomic_load_explicit(&r->head, memory_order_relaxed);
	tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	/* The hold is taken before the flag is seen, so the writer's
	 * release always finds it. */
	if (loop_is_virtual() && head - tail >= REC_RING / 2 &&
	    !atomic_load(&r->drain_hold)) {
		loop_hold();
		atomic_store(&r->drain_hold, true);
		rec_writer_kick();
	}
	if (head - tail >= REC_RING) {
		r->gap++;
		r->dropped++;
		tone_advance(r, MEDIA_FRAME);
		return;
	}
	s = head % REC_RING;
	frame_fill(r, r->ring + (size_t)s * MEDIA_FRAME * r->channels, in, out);
	r->gaps[s] = r->gap;
	r->gap = 0;
	atomic_store_explicit(&r->head, head + 1, memory_order_release);
}

/* ---- recorders ---- */

static void recorder_untap(struct recorder *r)
{
	if (!r->tapped)
		return;
	media_leg_remove_tap(r->ml, recorder_tap, r);
	r->tapped = false;
	/* No tick takes a new hold now; one taken after the writer's last
	 * release (a recorder failing while it runs) goes with the tap. */
	if (atomic_exchange(&r->drain_hold, false))
		loop_release();
}

static void recorder_free(struct recorder *r)
{
	if (!r)
		return;
	free(r->ring);
	free(r->path);
	free(r);
}

/* On a virtual clock, time waits for the writer's notice: a recording
 * started or stopped takes no virtual time, as on a real clock it takes
 * next to none. */
static void recorder_hold(bool *held)
{
	if (!loop_is_virtual() || *held)
		return;
	*held = true;
	loop_hold();
}

static void recorder_unhold(bool *held)
{
	if (!*held)
		return;
	*held = false;
	loop_release();
}

/* Returns 0, EINVAL (bad arguments), ENODEV (rec_init not called),
 * ENOSPC (the leg has MEDIA_TAPS taps already) or ENOMEM. */
int recorder_start(struct recorder **rp, struct media_leg *ml,
		   enum rec_track track, const char *path,
		   rec_done_h *done, void *arg)
{
	struct recorder *r;
	int err = ENOMEM;

	if (!rp || !ml || !path || !*path || strlen(path) >= PATH_MAX ||
	    (track != REC_INCOMING && track != REC_OUTGOING && track != REC_BOTH))
		return EINVAL;
	if (!rec.init)
		return ENODEV;
	r = calloc(1, sizeof(*r));
	if (!r)
		return ENOMEM;
	r->ml = ml;
	r->track = track;
	r->channels = track == REC_BOTH ? 2 : 1;
	r->done = done;
	r->arg = arg;
	r->w.fd = -1;
	r->path = strdup(path);
	r->ring = calloc((size_t)REC_RING * MEDIA_FRAME * r->channels,
			 sizeof(int16_t));
	if (!r->path || !r->ring)
		goto out;
	err = media_leg_add_tap(ml, recorder_tap, r);
	if (err)
		goto out;
	r->tapped = true;
	r->lnext = rec.live;
	if (rec.live)
		rec.live->lprev = r;
	rec.live = r;
	recorder_hold(&r->hold_open);
	rec_writer_add(r);
	*rp = r;
 out:
	if (err)
		recorder_free(r);
	return err;
}

void recorder_pause(struct recorder *r)
{
	if (!r || r->paused || r->stopped)
		return;
	r->paused = true;
	r->tone_left = TONE_SAMPLES;
}

void recorder_resume(struct recorder *r)
{
	if (!r || !r->paused || r->stopped)
		return;
	r->paused = false;
	r->tone_left = TONE_SAMPLES;
}

bool recorder_paused(const struct recorder *r)
{
	return r && r->paused;
}

/* The tap goes first, so once the writer sees stop_req (acquire) head
 * and the trailing gap are final. */
void recorder_stop(struct recorder *r)
{
	if (!r || r->stopped)
		return;
	r->stopped = true;
	recorder_untap(r);
	recorder_hold(&r->hold_stop);
	atomic_store_explicit(&r->stop_req, true, memory_order_release);
	rec_writer_kick();
}

unsigned recorder_level(const struct recorder *r)
{
	uint64_t sum = 0;
	unsigned i;

	if (!r)
		return 0;
	for (i = 0; i < REC_LEVEL_FRAMES; i++)
		sum += r->lvl[i];
	return (unsigned)(sum / (REC_LEVEL_FRAMES * MEDIA_FRAME));
}

double recorder_seconds(const struct recorder *r)
{
	return r ? (double)r->ticks * MEDIA_PTIME_MS / 1000.0 : 0.0;
}

void recorder_on_open(struct recorder *r, rec_open_h *h)
{
	r->open_h = h;
}

/* Loop thread, from the writer's loop_post after creating the file; r is
 * alive: recorder_finish is posted after this, by the same thread. */
void recorder_opened(void *msg)
{
	struct recorder *r = msg;

	recorder_unhold(&r->hold_open);
	if (r->open_h)
		r->open_h(r->arg);
}

/* Loop thread, from the writer's loop_post: the writer no longer touches
 * r. A recorder that failed while still running loses its tap here. */
void recorder_finish(void *msg)
{
	struct recorder *r = msg;

	r->stopped = true;
	recorder_untap(r);
	recorder_unhold(&r->hold_open);
	recorder_unhold(&r->hold_stop);
	if (r->dropped) {
		log_warn("record", "%s: %llu ms of audio lost (disk too slow), "
			 "silence put in their place", r->path,
			 (unsigned long long)r->dropped * MEDIA_PTIME_MS);
		if (r->res.status == REC_OK)
			snprintf(r->res.reason, sizeof(r->res.reason),
				 "%llu ms of audio lost: the disk was too slow",
				 (unsigned long long)r->dropped * MEDIA_PTIME_MS);
	}
	if (r->lprev)
		r->lprev->lnext = r->lnext;
	else
		rec.live = r->lnext;
	if (r->lnext)
		r->lnext->lprev = r->lprev;
	r->res.path = r->path;
	if (r->done)
		r->done(&r->res, r->arg);
	recorder_free(r);
}

int rec_repair(const char *path)
{
	return wav_repair(path, NULL);
}
