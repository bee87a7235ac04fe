/* prompt_src.c - audio-file and speech prompt sources shared by PlayAudio,
 * Speak and the *GetDigits actions. */
#include <stdio.h>
#include <string.h>

#include "prompt_src.h"

const char *const audio_src_types[] = {"S3", NULL};
const char *const speech_src_engines[] = {"standard", "neural", NULL};
const char *const speech_src_text_types[] = {"text", "ssml", NULL};

bool audio_src_check(const struct action *a, const struct audio_src *s,
		     const char *name, struct action_result *res)
{
	char path[4096];

	if (!action_storage_path(a, s->bucket, s->key, path, sizeof(path)))
		return true;
	res->error_type = "InvalidAudioSource";
	snprintf(res->error_message, sizeof(res->error_message),
		 AUDIO_SRC_INVALID " (Actions[%d].Parameters.%s: bucket or key "
		 "leaves the storage root)", a->index, name);
	return false;
}

uint64_t audio_src_load(const struct action *a, const struct audio_src *s,
			prompt_done_h *done, void *arg)
{
	char path[4096];

	if (action_storage_path(a, s->bucket, s->key, path, sizeof(path)))
		return 0;
	return prompt_load(path, done, arg);
}

void audio_src_fail(struct action *a, const struct audio_src *s,
		    const char *reason)
{
	action_fail(a, "InvalidAudioSource", AUDIO_SRC_INVALID " (%s/%s: %s)",
		    s->bucket, s->key, reason ? reason : "cannot be read");
}

bool speech_src_check(struct speech_src *s, const char *where,
		      struct action_result *res)
{
	const struct tts_ops *tts = tts_get();

	if (tts && !tts->voice_lookup(s->voice_id, s->language, &s->voice))
		return true;
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "%s: VoiceId '%s' with LanguageCode '%s' is not a supported "
		 "voice", where, s->voice_id ? s->voice_id : "Joanna",
		 s->language ? s->language : "(default)");
	return false;
}

uint64_t speech_src_load(const struct speech_src *s, speech_done_h *done,
			 void *arg)
{
	bool ssml = s->text_type && !strcmp(s->text_type, "ssml");

	return speech_request(s->text, ssml, &s->voice, done, arg);
}

void speech_src_fail(struct action *a, const char *err)
{
	action_fail(a, "SystemException", "System error while running action "
		    "(%s)", err ? err : "synthesis failed");
}
