/* tts.h - the speech-synthesis contract and the runtime's speech service.
 *
 * A TTS module (tts/) registers a const struct tts_ops. The engine may be a
 * process-wide singleton (espeak-ng is), so the runtime calls synth() only
 * from its single TTS worker thread. The speech service turns text into a
 * refcounted 8 kHz clip, resampling once, and caches clips by
 * (text, voice, text type) with a size bound. */
#ifndef CF_TTS_H
#define CF_TTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio.h"

struct tts_voice {
	char engine_voice[64];   /* engine-specific, e.g. "en-us+f3" */
};

/* PCM sink: called repeatedly from synth() with mono s16 samples at the
 * rate synth() reported. Return non-zero to abort synthesis. */
typedef int (tts_sink_h)(const int16_t *pcm, size_t n, void *arg);

struct tts_ops {
	const char *name;
	int  (*init)(void);    /* called once on the TTS worker */
	void (*close)(void);   /* called once on the TTS worker */
	/* Map a hosted-service VoiceId / LanguageCode (either may be NULL) to an
	 * engine voice. Returns 0, or ENOENT for an unknown voice or language.
	 * Pure and thread-safe: used by action validation on the loop thread. */
	int  (*voice_lookup)(const char *voice_id, const char *language_code,
			     struct tts_voice *out);
	/* Blocking synthesis on the TTS worker. ssml: text is SSML. */
	int  (*synth)(const char *text, bool ssml, const struct tts_voice *voice,
		      uint32_t *ratep, tts_sink_h *sink, void *arg);
};

void tts_register(const struct tts_ops *ops);
const struct tts_ops *tts_get(void);

/* ---- speech service (runtime/speech.c) ---- */

/* Called on the loop thread with a clip reference the callee now owns
 * (audio_clip_deref when done), or NULL and an error message. */
typedef void (speech_done_h)(struct audio_clip *clip, const char *err,
			     void *arg);

int  speech_init(size_t cache_bytes);
void speech_close(void);
/* Start synthesis (or serve from cache). Returns a request id (> 0) that
 * speech_cancel() accepts; done is never called after a cancel. */
uint64_t speech_request(const char *text, bool ssml,
			const struct tts_voice *voice,
			speech_done_h *done, void *arg);
void speech_cancel(uint64_t req_id);

#endif
