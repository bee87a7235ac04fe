/* espeak.h - the espeak-ng TTS module and its Polly voice table. */
#ifndef CF_TTS_ESPEAK_H
#define CF_TTS_ESPEAK_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/tts.h"

extern const struct tts_ops espeak_tts_ops;

/* One hosted-service voice (a Polly VoiceId) and how espeak-ng imitates
 * it: the voice's language (and a second one for bilingual voices), its
 * gender and the espeak variant that gives it a distinct timbre. */
struct espeak_voice_map {
	const char *voice_id;      /* Polly VoiceId, e.g. "Joanna" */
	const char *language;      /* Polly LanguageCode, e.g. "en-US" */
	const char *alt_language;  /* bilingual voices only, else NULL */
	bool female;
	const char *variant;       /* espeak variant, e.g. "f3" */
};

/* Polly LanguageCode -> espeak-ng language voice. */
struct espeak_lang_map {
	const char *language;      /* Polly LanguageCode */
	const char *espeak;        /* espeak-ng voice, e.g. "en-us" */
};

const struct espeak_voice_map *espeak_voice_table(size_t *np);
const struct espeak_lang_map *espeak_lang_table(size_t *np);

/* tts_ops.voice_lookup: VoiceId NULL means Joanna; a LanguageCode must be
 * a Polly LanguageCode and picks the language of a bilingual voice (other
 * voices keep their own language). Returns 0 or ENOENT. */
int espeak_voice_lookup(const char *voice_id, const char *language_code,
			struct tts_voice *out);

#endif
