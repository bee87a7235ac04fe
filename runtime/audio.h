/* audio.h - audio clips (decoded, immutable, refcounted PCM shared between
 * the loop and workers), WAV files, resampling and the prompt loader.
 * The media engine runs at MEDIA_RATE; every clip is converted to that rate
 * once, when it is loaded or synthesised, never on the media path. */
#ifndef CF_AUDIO_H
#define CF_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MEDIA_RATE      8000u
#define MEDIA_PTIME_MS  20u
#define MEDIA_FRAME     (MEDIA_RATE * MEDIA_PTIME_MS / 1000u)   /* 160 samples */

struct audio_clip {
	int16_t *pcm;        /* nsamples mono samples at rate */
	size_t   nsamples;
	uint32_t rate;
	/* private */
	int      refs;       /* atomic */
};

/* Allocate a clip with room for nsamples (pcm zeroed); refs = 1. */
struct audio_clip *audio_clip_alloc(size_t nsamples, uint32_t rate);
struct audio_clip *audio_clip_ref(struct audio_clip *c);
void audio_clip_deref(struct audio_clip *c);   /* frees at zero; NULL ok */
uint64_t audio_clip_duration_ms(const struct audio_clip *c);

/* ---- WAV (runtime/wav.c) ---- */
struct wav_info {
	uint16_t format;      /* 1 = PCM, 6 = A-law, 7 = mu-law, 3 = float */
	uint16_t channels;
	uint32_t rate;
	uint16_t bits;
	size_t   frames;      /* sample frames in the data chunk */
};

/* Read a WAV file and return it as a mono s16 clip at MEDIA_RATE: PCM
 * 8/16/24/32-bit, float, A-law and mu-law; channels are averaged; other
 * rates resampled. Returns 0, or ENOENT/EACCES (cannot open), EINVAL (not a
 * WAV or an unsupported format, with a reason in err), EFBIG (over max_bytes). */
int wav_load(const char *path, size_t max_bytes, struct audio_clip **clipp,
	     struct wav_info *info, char *err, size_t errsz);

/* Write a mono s16 WAV file (used by tests and generated prompts). */
int wav_save(const char *path, const int16_t *pcm, size_t n, uint32_t rate);

/* ---- resampling (runtime/resample.c; speexdsp) ---- */
/* Convert n mono samples from in_rate to out_rate into a new clip. */
int audio_resample(const int16_t *in, size_t n, uint32_t in_rate,
		   uint32_t out_rate, struct audio_clip **clipp);

/* ---- prompt loader (runtime/prompt.c) ----
 * Loads a WAV on the disk worker and caches the clip by path, size and
 * mtime. done runs on the loop thread with a reference the callee owns, or
 * NULL and an error reason (ENOENT, EINVAL, ...). */
typedef void (prompt_done_h)(struct audio_clip *clip, int err,
			     const char *reason, void *arg);
int  prompt_init(void);
void prompt_close(void);
uint64_t prompt_load(const char *path, prompt_done_h *done, void *arg);
void prompt_cancel(uint64_t req_id);

#endif
