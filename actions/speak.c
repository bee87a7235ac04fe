/* speak.c - the Speak action (actions-2.md §3): synthesised speech on one
 * leg; answers the call first; not interruptible. Synthesis runs on the
 * TTS worker and repeated phrases come from the speech cache. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/action.h"
#include "runtime/audio.h"
#include "runtime/call.h"
#include "runtime/media.h"
#include "runtime/tts.h"

struct speak {
	const char *text, *engine, *language, *text_type, *voice_id;
	struct tts_voice voice;
	uint64_t req_id;
	struct player player;
};

static const char *const engines[] = {"standard", "neural", NULL};
static const char *const text_types[] = {"text", "ssml", NULL};

static const struct param_spec speak_params[] = {
	/* §3.4: a missing or over-long Text is MissingRequiredActionParameter. */
	{.name = "Text", .type = PARAM_STRING, .required = true, .max = 1000,
	 .error_type = "MissingRequiredActionParameter",
	 .error_message = "Text is limited to 1,000 characters",
	 .missing_type = "MissingRequiredActionParameter",
	 .missing_message = "Text is a required parameter.",
	 .off = offsetof(struct speak, text)},
	{.name = "Engine", .type = PARAM_STRING, .enums = engines,
	 .off = offsetof(struct speak, engine)},
	{.name = "LanguageCode", .type = PARAM_STRING,
	 .off = offsetof(struct speak, language)},
	{.name = "TextType", .type = PARAM_STRING, .enums = text_types,
	 .off = offsetof(struct speak, text_type)},
	{.name = "VoiceId", .type = PARAM_STRING,
	 .off = offsetof(struct speak, voice_id)},
	PARAM_END
};

static void speak_played(void *arg)
{
	action_complete(arg, NULL);
}

static void speak_ready(struct audio_clip *clip, const char *err, void *arg)
{
	struct action *a = arg;
	struct speak *s = a->state;
	int e;

	s->req_id = 0;
	if (!clip) {
		action_fail(a, "SystemException",
			    "System error while running action (%s)",
			    err ? err : "synthesis failed");
		return;
	}
	e = player_start(&s->player, a->leg->media, clip, 1, speak_played, a);
	audio_clip_deref(clip);
	if (e)
		action_fail(a, "SystemException",
			    "System error while running action (player: %d)", e);
}

static bool speak_check(struct action *a, struct action_result *res)
{
	struct speak *s = a->state;
	const struct tts_ops *tts = tts_get();

	if (!tts || tts->voice_lookup(s->voice_id, s->language, &s->voice)) {
		res->error_type = "InvalidActionParameter";
		snprintf(res->error_message, sizeof(res->error_message),
			 "Actions[%d].Parameters: VoiceId '%s' with LanguageCode "
			 "'%s' is not a supported voice", a->index,
			 s->voice_id ? s->voice_id : "Joanna",
			 s->language ? s->language : "(default)");
		return false;
	}
	return true;
}

static void speak_start(struct action *a)
{
	struct speak *s = a->state;
	bool ssml = s->text_type && !strcmp(s->text_type, "ssml");

	s->req_id = speech_request(s->text, ssml, &s->voice, speak_ready, a);
	if (!s->req_id)
		action_fail(a, "SystemException",
			    "System error while running action (TTS queue)");
}

static void speak_stop(struct action *a)
{
	struct speak *s = a->state;

	if (s->req_id)
		speech_cancel(s->req_id);
	player_stop(&s->player);
}

const struct action_ops action_speak = {
	.type = "Speak",
	.params = speak_params,
	.state_size = sizeof(struct speak),
	.flags = ACTION_ANSWERS,
	.leg_select = LEG_SELECT_CALLID,
	.check = speak_check,
	.start = speak_start,
	.stop = speak_stop,
};
