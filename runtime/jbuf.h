/* jbuf.h - a leg's receive jitter buffer: reorders decoded RTP audio and
 * hands out exactly one 20 ms frame per media tick, concealing gaps.
 * Wraps speexdsp's adaptive JitterBuffer with a fixed pool of slots, so
 * nothing is allocated after jbuf_alloc. Loop thread only. */
#ifndef CF_JBUF_H
#define CF_JBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jbuf;

struct jbuf_stats {
	uint64_t put;         /* packets accepted */
	uint64_t late;        /* too late to play, or dropped unplayed */
	uint64_t overflow;    /* resyncs because every slot was in use */
	uint64_t frames;      /* frames handed out with received audio */
	uint64_t concealed;   /* frames that were wholly concealment */
};

/* nslots slots of one frame each (a longer packet takes several);
 * delay_ms is buffered before the first frame is played. */
int  jbuf_alloc(struct jbuf **jbp, unsigned nslots, unsigned delay_ms);
void jbuf_free(struct jbuf *jb);
/* Drop everything buffered and wait for a new stream (SSRC change). */
void jbuf_reset(struct jbuf *jb);

/* Queue n samples that start at RTP timestamp ts (8 kHz units); pcm is
 * copied. Returns 0, ETIME when the audio is too late to be played, or
 * EINVAL for an empty or oversized (> 4 frames) packet. When every slot
 * is in use the buffer resyncs on this packet (counted in overflow). */
int  jbuf_put(struct jbuf *jb, uint32_t ts, const int16_t *pcm, size_t n);

/* Fill out with the next MEDIA_FRAME samples: received audio, or the
 * last frame fading out over four frames where packets are missing,
 * or silence. Returns true when the frame holds any received audio.
 * Call exactly once per media tick. */
bool jbuf_get(struct jbuf *jb, int16_t *out);

void jbuf_stats(const struct jbuf *jb, struct jbuf_stats *st);
unsigned jbuf_slots_free(const struct jbuf *jb);

#endif
