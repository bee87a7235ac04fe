/* jbuf.c - jitter buffer: speexdsp's adaptive JitterBuffer over a fixed
 * pool of one-frame slots, with carry-over and fade-out concealment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <speex/speex_jitter.h>

#include "audio.h"
#include "jbuf.h"

#define JBUF_MAX_PKT   (4 * MEDIA_FRAME)  /* longest packet we split */
#define JBUF_FADE      4                  /* frames to fade out over */
#define JBUF_MAX_MISS  20                 /* speexdsp resyncs after 20 */

/* speexdsp stores our pointer (DESTROY_CALLBACK mode) and gives it back
 * from get() or through the destroy callback, which has no context
 * argument: so a slot knows its owner. */
struct jslot {
	struct jbuf *jb;
	struct jslot *next;
	uint16_t n;
	int16_t pcm[MEDIA_FRAME];
};

struct jbuf {
	JitterBuffer *spx;
	struct jslot *slots;
	struct jslot *free;
	unsigned nslots, nfree;
	size_t queued;            /* samples held by speexdsp */
	size_t prefill;           /* samples to hold before the first get */
	bool synced;
	bool resetting;           /* destroy callbacks are flushes, not late */
	unsigned misses;          /* consecutive gets that found nothing */
	unsigned lost_run;        /* consecutive frames without audio */
	int16_t carry[MEDIA_FRAME];   /* rest of a packet longer than asked */
	size_t carry_n;
	int16_t last[MEDIA_FRAME];    /* last frame, for concealment */
	struct jbuf_stats st;
};

static void slot_release(struct jslot *s)
{
	struct jbuf *jb = s->jb;

	jb->queued -= s->n;
	s->next = jb->free;
	jb->free = s;
	jb->nfree++;
}

static void slot_destroy(void *data)
{
	struct jslot *s = data;

	if (!s->jb->resetting)
		s->jb->st.late++;
	slot_release(s);
}

int jbuf_alloc(struct jbuf **jbp, unsigned nslots, unsigned delay_ms)
{
	struct jbuf *jb;
	spx_int32_t one = 1;
	unsigned i;

	if (nslots < 2)
		return EINVAL;
	jb = calloc(1, sizeof(*jb));
	if (!jb)
		return ENOMEM;
	jb->slots = calloc(nslots, sizeof(*jb->slots));
	jb->spx = jitter_buffer_init(MEDIA_FRAME);
	if (!jb->slots || !jb->spx) {
		jbuf_free(jb);
		return ENOMEM;
	}
	jitter_buffer_ctl(jb->spx, JITTER_BUFFER_SET_DESTROY_CALLBACK,
			  (void *)slot_destroy);
	/* Concealment in units of one sample: a MISSING answer then always
	 * spans what we asked for, and speexdsp never sees (and warns about)
	 * negative buffering. */
	jitter_buffer_ctl(jb->spx, JITTER_BUFFER_SET_CONCEALMENT_SIZE, &one);
	jb->nslots = nslots;
	for (i = 0; i < nslots; i++) {
		jb->slots[i].jb = jb;
		slot_release(&jb->slots[i]);
	}
	/* Never wait for more than half the pool, or prefill could starve. */
	jb->prefill = (size_t)delay_ms * MEDIA_RATE / 1000u;
	if (jb->prefill > (size_t)nslots * MEDIA_FRAME / 2)
		jb->prefill = (size_t)nslots * MEDIA_FRAME / 2;
	*jbp = jb;
	return 0;
}

void jbuf_free(struct jbuf *jb)
{
	if (!jb)
		return;
	if (jb->spx) {
		jb->resetting = true;
		jitter_buffer_destroy(jb->spx);
	}
	free(jb->slots);
	free(jb);
}

void jbuf_reset(struct jbuf *jb)
{
	jb->resetting = true;
	jitter_buffer_reset(jb->spx);
	jb->resetting = false;
	jb->synced = false;
	jb->misses = 0;
	jb->carry_n = 0;
}

/* Whether speexdsp's put() will keep a packet: it drops (without calling
 * the destroy callback) audio that ends a step before its read pointer. We
 * must know, or the slot would leak. Its own resync (after more than 20
 * misses) would change the answer, so we resync first (jbuf_put). */
static bool spx_accepts(struct jbuf *jb, uint32_t ts, size_t n)
{
	uint32_t ptr = (uint32_t)jitter_buffer_get_pointer_timestamp(jb->spx);

	return !jb->synced || (int32_t)(ts + n + MEDIA_FRAME - ptr) >= 0;
}

static void spx_put(struct jbuf *jb, uint32_t ts, const int16_t *pcm,
		    size_t n)
{
	struct jslot *s = jb->free;
	JitterBufferPacket pkt;

	jb->free = s->next;
	jb->nfree--;
	s->n = (uint16_t)n;
	memcpy(s->pcm, pcm, n * sizeof(*pcm));
	jb->queued += n;
	memset(&pkt, 0, sizeof(pkt));
	pkt.data = (char *)s;
	pkt.len = (spx_uint32_t)(n * sizeof(*pcm));
	pkt.timestamp = ts;
	pkt.span = (spx_uint32_t)n;
	jitter_buffer_put(jb->spx, &pkt);
}

int jbuf_put(struct jbuf *jb, uint32_t ts, const int16_t *pcm, size_t n)
{
	size_t off, k;
	bool any = false;

	if (n == 0 || n > JBUF_MAX_PKT)
		return EINVAL;
	if (jb->misses > JBUF_MAX_MISS)
		jbuf_reset(jb);
	if (jb->nfree < (n + MEDIA_FRAME - 1) / MEDIA_FRAME) {
		/* 32 slots is 640 ms of audio: a deeper backlog is a burst
		 * or a clock gone wrong, and starting afresh beats stalling. */
		jb->st.overflow++;
		jbuf_reset(jb);
	}
	/* Each slot is one packet to speexdsp, checked on its own: the
	 * head of a long packet can be late while its tail is not. */
	for (off = 0; off < n; off += k) {
		k = n - off < MEDIA_FRAME ? n - off : MEDIA_FRAME;
		if (!spx_accepts(jb, ts + (uint32_t)off, k))
			continue;
		spx_put(jb, ts + (uint32_t)off, pcm + off, k);
		any = true;
	}
	if (!any) {
		jb->st.late++;
		return ETIME;
	}
	jb->st.put++;
	return 0;
}

/* Fade the last frame out: gains 3/4, 2/4, 1/4, then silence. */
static void conceal(struct jbuf *jb, int16_t *out, size_t at, size_t n)
{
	int gain = JBUF_FADE - 1 - (int)jb->lost_run;
	size_t i;

	if (gain <= 0) {
		memset(out + at, 0, n * sizeof(*out));
		return;
	}
	for (i = at; i < at + n; i++)
		out[i] = (int16_t)(jb->last[i] * gain / JBUF_FADE);
}

/* Copy a packet speexdsp returned into out at have; what does not fit is
 * kept for the next tick. off is where the packet starts relative to
 * the read position (a gap before it, or audio already played). */
static size_t take(struct jbuf *jb, int16_t *out, size_t have,
		   struct jslot *s, spx_int32_t off)
{
	size_t need = MEDIA_FRAME - have, skip = 0, gap = 0, n;

	if (off > 0)
		gap = (size_t)off < need ? (size_t)off : need;
	else if (off < 0)
		skip = (size_t)-off < s->n ? (size_t)-off : s->n;
	conceal(jb, out, have, gap);
	have += gap;
	need -= gap;
	n = s->n - skip < need ? s->n - skip : need;
	memcpy(out + have, s->pcm + skip, n * sizeof(*out));
	jb->carry_n = s->n - skip - n;
	memcpy(jb->carry, s->pcm + skip + n, jb->carry_n * sizeof(*out));
	slot_release(s);
	return gap + n;
}

/* Ask speexdsp for what is still missing from this frame until it is
 * full; a 10 ms stream needs two packets per frame. */
static bool fill(struct jbuf *jb, int16_t *out, size_t have)
{
	JitterBufferPacket pkt;
	spx_int32_t off;
	bool real = false;
	unsigned i;
	int ret;

	for (i = 0; have < MEDIA_FRAME && i < 8; i++) {
		memset(&pkt, 0, sizeof(pkt));
		off = 0;
		ret = jitter_buffer_get(jb->spx, &pkt,
					(spx_int32_t)(MEDIA_FRAME - have), &off);
		jb->synced = true;
		if (ret == JITTER_BUFFER_OK && pkt.data) {
			have += take(jb, out, have, (struct jslot *)pkt.data, off);
			jb->misses = 0;
			real = true;
			continue;
		}
		jb->misses++;
		/* MISSING or INSERTION: conceal what it spans (0 = give up). */
		if (ret < 0 || pkt.span == 0)
			break;
		if (pkt.span > MEDIA_FRAME - have)
			pkt.span = (spx_uint32_t)(MEDIA_FRAME - have);
		conceal(jb, out, have, pkt.span);
		have += pkt.span;
	}
	if (have < MEDIA_FRAME)
		conceal(jb, out, have, MEDIA_FRAME - have);
	return real;
}

bool jbuf_get(struct jbuf *jb, int16_t *out)
{
	size_t have = jb->carry_n;
	bool real = have > 0;

	if (!jb->synced && jb->queued < (jb->prefill ? jb->prefill : 1)) {
		memset(out, 0, MEDIA_FRAME * sizeof(*out));
		return false;
	}
	memcpy(out, jb->carry, have * sizeof(*out));
	jb->carry_n = 0;
	if (fill(jb, out, have))
		real = true;
	jitter_buffer_tick(jb->spx);
	if (real) {
		memcpy(jb->last, out, sizeof(jb->last));
		jb->lost_run = 0;
		jb->st.frames++;
	} else {
		jb->lost_run++;
		jb->st.concealed++;
	}
	return real;
}

void jbuf_stats(const struct jbuf *jb, struct jbuf_stats *st)
{
	*st = jb->st;
}

unsigned jbuf_slots_free(const struct jbuf *jb)
{
	return jb->nfree;
}
