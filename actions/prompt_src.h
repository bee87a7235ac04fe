/* prompt_src.h - the two kinds of prompt an action can play, shared by the
 * actions that play them: an audio file {Type, BucketName, Key} from the
 * storage root (§0.3), and speech parameters {Text, Engine, LanguageCode,
 * TextType, VoiceId} for the TTS service (actions-2.md §3). Each comes
 * with a parameter-table fragment, a semantic check and a loader. */
#ifndef CF_PROMPT_SRC_H
#define CF_PROMPT_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/action.h"
#include "runtime/audio.h"
#include "runtime/tts.h"

#define AUDIO_SRC_INVALID "Audio Source parameter value is invalid."

struct audio_src {
	const char *type, *bucket, *key;
};

extern const char *const audio_src_types[];

/* The fields of an AudioSource object whose values land in member m (a
 * struct audio_src) of action state st. */
#define AUDIO_SRC_FIELDS(st, m) \
	{.name = "Type", .type = PARAM_STRING, .required = true, \
	 .enums = audio_src_types, .off = offsetof(st, m.type)}, \
	{.name = "BucketName", .type = PARAM_STRING, .required = true, \
	 .off = offsetof(st, m.bucket)}, \
	{.name = "Key", .type = PARAM_STRING, .required = true, \
	 .off = offsetof(st, m.key)}

/* The object's own entry: every problem below it is InvalidAudioSource. */
#define AUDIO_SRC_PARAM(pname, fieldtab) \
	{.name = pname, .type = PARAM_OBJECT, .required = true, \
	 .fields = fieldtab, .error_type = "InvalidAudioSource", \
	 .error_message = AUDIO_SRC_INVALID}

/* Refuse a source whose key leaves its bucket; name is the parameter
 * ("AudioSource"). */
bool audio_src_check(const struct action *a, const struct audio_src *s,
		     const char *name, struct action_result *res);
/* Load the file (prompt_load); returns the request id or 0. */
uint64_t audio_src_load(const struct action *a, const struct audio_src *s,
			prompt_done_h *done, void *arg);
/* Fail a with InvalidAudioSource for a file that could not be loaded. */
void audio_src_fail(struct action *a, const struct audio_src *s,
		    const char *reason);

struct speech_src {
	const char *text, *engine, *language, *text_type, *voice_id;
	struct tts_voice voice;     /* filled by speech_src_check */
};

extern const char *const speech_src_engines[];
extern const char *const speech_src_text_types[];

/* §3.4: a missing or over-long Text is MissingRequiredActionParameter. */
#define SPEECH_SRC_MISSING "Text is a required parameter."

#define SPEECH_SRC_FIELDS(st, m) \
	{.name = "Text", .type = PARAM_STRING, .required = true, .max = 1000, \
	 .error_type = "MissingRequiredActionParameter", \
	 .error_message = "Text is limited to 1,000 characters", \
	 .missing_type = "MissingRequiredActionParameter", \
	 .missing_message = SPEECH_SRC_MISSING, \
	 .off = offsetof(st, m.text)}, \
	{.name = "Engine", .type = PARAM_STRING, .enums = speech_src_engines, \
	 .off = offsetof(st, m.engine)}, \
	{.name = "LanguageCode", .type = PARAM_STRING, \
	 .off = offsetof(st, m.language)}, \
	{.name = "TextType", .type = PARAM_STRING, \
	 .enums = speech_src_text_types, .off = offsetof(st, m.text_type)}, \
	{.name = "VoiceId", .type = PARAM_STRING, \
	 .off = offsetof(st, m.voice_id)}

/* Map VoiceId/LanguageCode to an engine voice. where names the object in
 * messages ("Actions[0].Parameters" or "...Parameters.SpeechParameters"). */
bool speech_src_check(struct speech_src *s, const char *where,
		      struct action_result *res);
/* Start synthesis (speech_request); returns the request id or 0. */
uint64_t speech_src_load(const struct speech_src *s, speech_done_h *done,
			 void *arg);

/* Fail a with SystemException for speech that could not be made. */
void speech_src_fail(struct action *a, const char *err);

#endif
