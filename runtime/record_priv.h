/* record_priv.h - the recorder shared by record.c (loop side: the tap,
 * pause, level, done) and rec_writer.c (the writer thread). Which thread
 * owns each field is said beside it; the ring is the only thing both touch
 * while a recorder runs. */
#ifndef CF_RECORD_PRIV_H
#define CF_RECORD_PRIV_H

#include <stdatomic.h>

#include "audio.h"
#include "record.h"
#include "wav_write.h"

#define REC_RING         128u  /* slots of 20 ms: 2.56 s of slack */
#define REC_LEVEL_FRAMES 5u    /* recorder_level's 100 ms */
#define REC_PATCH_MS     500u  /* header rewritten twice a second */
#define REC_WAKE_MS      100u  /* the writer drains every ring this often */

struct recorder {
	/* loop thread */
	struct recorder *lprev, *lnext;  /* every recorder not yet freed */
	struct media_leg *ml;
	bool tapped, stopped, paused;
	unsigned tone_left;              /* marker tone samples still due */
	uint32_t lvl[REC_LEVEL_FRAMES];  /* sum |in| of the last frames */
	unsigned lvl_pos;
	uint64_t ticks;                  /* frames captured, pauses included */
	uint32_t gap;                    /* frames dropped since the last slot */
	uint64_t dropped;
	rec_done_h *done;
	rec_open_h *open_h;
	void *arg;
	/* virtual clock (loop_is_virtual): the clock waits for the writer's
	 * notices (file created, file closed) while these are set */
	bool hold_open, hold_stop;

	/* fixed at start */
	enum rec_track track;
	unsigned channels;
	char *path;

	/* the ring: the tick fills slots and publishes head (release); the
	 * writer reads up to head (acquire) and publishes tail. gaps[s] is
	 * how many frames were dropped just before slot s (a full ring): the
	 * writer puts silence there so the file stays as long as the call. */
	int16_t *ring;                   /* REC_RING * MEDIA_FRAME * channels */
	uint32_t gaps[REC_RING];
	_Atomic uint32_t head, tail;
	atomic_bool stop_req;            /* set after the tap is removed */
	/* virtual clock: the ring is half full and the clock is held until
	 * the writer drained it (virtual time outruns its 100 ms rounds) */
	atomic_bool drain_hold;

	/* writer thread, then (after loop_post) the loop */
	struct recorder *wnext;
	bool opened, gap_logged;
	bool closing;              /* writer: drained, close (and sync) due */
	struct wav_writer w;
	uint64_t patched_ms;
	struct rec_result res;
};

/* ---- rec_writer.c, for record.c (loop thread) ---- */
int  rec_writer_start(void);
/* Hand a new recorder to the writer, which creates its file. */
void rec_writer_add(struct recorder *r);
/* Wake the writer now (a stop), instead of at its next 100 ms round. */
void rec_writer_kick(void);
/* Finish every recorder (all must be stopped), post their results, join. */
void rec_writer_stop(void);

/* ---- record.c, for the writer ----
 * Posted to the loop (loop_post) once r's file is closed or failed: runs
 * done and frees r. */
void recorder_finish(void *msg);
void recorder_opened(void *msg);     /* loop side of the writer's "created" notice */

#endif
