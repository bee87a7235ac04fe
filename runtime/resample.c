/* resample.c - one-shot sample-rate conversion of a whole clip with the
 * speexdsp resampler (never used on the media path). */
#include <errno.h>
#include <string.h>

#include <speex/speex_resampler.h>

#include "audio.h"

/* Quality 5 rejects aliases by ~97 dB at ~1 ms per second of 22 kHz audio
 * (platform.md §4): cheap enough for a worker, clean enough for 8 kHz. */
#define RESAMPLE_QUALITY 5
#define RESAMPLE_CHUNK   (1u << 16)

/* Push up to n input samples, writing at most room output samples.
 * Returns the number of output samples produced. */
static size_t resample_feed(SpeexResamplerState *st, const int16_t *in,
			    size_t n, int16_t *out, size_t room)
{
	size_t produced = 0;

	while (n > 0 && room > 0) {
		spx_uint32_t ilen = n > RESAMPLE_CHUNK ? RESAMPLE_CHUNK : n;
		spx_uint32_t olen = room > RESAMPLE_CHUNK ? RESAMPLE_CHUNK
							  : room;

		speex_resampler_process_int(st, 0, in, &ilen, out, &olen);
		if (!ilen && !olen)
			break;
		in += ilen;
		n -= ilen;
		out += olen;
		room -= olen;
		produced += olen;
	}
	return produced;
}

/* The filter delays its output by half its length. skip_zeros drops that
 * leading delay and zero input pushes the tail out, so the result is time
 * aligned with the input and round(n * out / in) samples long. */
static int resample_run(const int16_t *in, size_t n, uint32_t in_rate,
			struct audio_clip *clip)
{
	static const int16_t zeros[512];
	SpeexResamplerState *st;
	size_t got, tries;
	int rerr = 0;

	st = speex_resampler_init(1, in_rate, clip->rate, RESAMPLE_QUALITY,
				  &rerr);
	if (!st)
		return ENOMEM;
	speex_resampler_skip_zeros(st);
	got = resample_feed(st, in, n, clip->pcm, clip->nsamples);

	tries = (size_t)speex_resampler_get_input_latency(st) / 512 + 4;
	while (got < clip->nsamples && tries--)
		got += resample_feed(st, zeros, 512, clip->pcm + got,
				     clip->nsamples - got);
	speex_resampler_destroy(st);
	/* Anything still missing stays zero (calloc'd): silence, not garbage. */
	return 0;
}

int audio_resample(const int16_t *in, size_t n, uint32_t in_rate,
		   uint32_t out_rate, struct audio_clip **clipp)
{
	struct audio_clip *clip;
	uint64_t nout;
	int err;

	if (!clipp || !in_rate || !out_rate || (n && !in))
		return EINVAL;
	nout = ((uint64_t)n * out_rate + in_rate / 2) / in_rate;
	clip = audio_clip_alloc((size_t)nout, out_rate);
	if (!clip)
		return ENOMEM;

	if (in_rate == out_rate) {
		if (n)
			memcpy(clip->pcm, in, n * sizeof(*in));
		err = 0;
	}
	else {
		err = nout ? resample_run(in, n, in_rate, clip) : 0;
	}
	if (err) {
		audio_clip_deref(clip);
		return err;
	}
	*clipp = clip;
	return 0;
}
