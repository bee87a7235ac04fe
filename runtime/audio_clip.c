/* audio_clip.c - refcounted immutable PCM clips shared between the loop
 * thread and workers. */
#include <stdlib.h>

#include "audio.h"

/* Clips are created on workers and released on the loop thread (or the
 * other way round), so the count is atomic; the PCM itself is never
 * written after the creator hands the clip out. */
struct audio_clip *audio_clip_alloc(size_t nsamples, uint32_t rate)
{
	struct audio_clip *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	/* calloc(0) may return NULL; keep pcm valid for empty clips. */
	c->pcm = calloc(nsamples ? nsamples : 1, sizeof(*c->pcm));
	if (!c->pcm) {
		free(c);
		return NULL;
	}
	c->nsamples = nsamples;
	c->rate = rate;
	__atomic_store_n(&c->refs, 1, __ATOMIC_RELAXED);
	return c;
}

struct audio_clip *audio_clip_ref(struct audio_clip *c)
{
	if (c)
		__atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED);
	return c;
}

void audio_clip_deref(struct audio_clip *c)
{
	if (!c)
		return;
	/* acq_rel: the last owner must see every other owner's reads done. */
	if (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	free(c->pcm);
	free(c);
}

uint64_t audio_clip_duration_ms(const struct audio_clip *c)
{
	if (!c || !c->rate)
		return 0;
	return (uint64_t)c->nsamples * 1000u / c->rate;
}
