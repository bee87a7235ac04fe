/* speak_and_get_digits.c - the SpeakAndGetDigits action (actions-2.md §4):
 * collects DTMF digits after a synthesised prompt, with failure speech
 * between attempts; answers the call first; not interruptible. The
 * collection itself is runtime/collect.c. */
#include <stdint.h>
#include <stdio.h>

#include "actions/prompt_src.h"
#include "runtime/call.h"
#include "runtime/collect.h"

struct speak_get {
	struct collect c;            /* first: the collect_action_* hooks */
	struct speech_src main, failure;
};

static const struct param_spec main_speech[] = {
	SPEECH_SRC_FIELDS(struct speak_get, main),
	PARAM_END
};

static const struct param_spec failure_speech[] = {
	SPEECH_SRC_FIELDS(struct speak_get, failure),
	PARAM_END
};

#define SPEECH_OBJECT(pname, fieldtab) \
	{.name = pname, .type = PARAM_OBJECT, .required = true, \
	 .fields = fieldtab, \
	 .missing_type = "MissingRequiredActionParameter", \
	 .missing_message = SPEECH_SRC_MISSING}

static const struct param_spec speak_get_params[] = {
	SPEECH_OBJECT("SpeechParameters", main_speech),
	SPEECH_OBJECT("FailureSpeechParameters", failure_speech),
	COLLECT_PARAMS(struct speak_get, c),
	PARAM_END
};

static struct speech_src *speak_get_src(struct speak_get *s,
					enum collect_prompt which)
{
	return which == COLLECT_PROMPT_MAIN ? &s->main : &s->failure;
}

static void speak_get_ready(struct audio_clip *clip, const char *err,
			    void *arg)
{
	struct collect *c = arg;

	collect_play(c, clip);
	if (!clip)
		speech_src_fail(c->a, err);
}

static uint64_t speak_get_load(struct collect *c, enum collect_prompt which)
{
	return speech_src_load(speak_get_src(c->a->state, which),
			       speak_get_ready, c);
}

static const struct collect_prompt_ops speak_get_prompts = {
	.load = speak_get_load,
	.cancel = speech_cancel,
};

/* decision 6: a failure field left out takes SpeechParameters' value,
 * and the echo shows it. */
static void failure_default(json_t *echo, const char *name,
			    const char **field, const char *main)
{
	if (*field || !main)
		return;
	*field = main;
	json_object_set_new(echo, name, json_string(main));
}

static bool speak_get_check(struct action *a, struct action_result *res)
{
	struct speak_get *s = a->state;
	json_t *echo = json_object_get(a->params, "FailureSpeechParameters");
	char where[96];

	if (!collect_check(&s->c, a, res))
		return false;
	failure_default(echo, "Engine", &s->failure.engine, s->main.engine);
	failure_default(echo, "LanguageCode", &s->failure.language,
			s->main.language);
	failure_default(echo, "TextType", &s->failure.text_type,
			s->main.text_type);
	failure_default(echo, "VoiceId", &s->failure.voice_id,
			s->main.voice_id);
	snprintf(where, sizeof(where), "Actions[%d].Parameters.SpeechParameters",
		 a->index);
	if (!speech_src_check(&s->main, where, res))
		return false;
	snprintf(where, sizeof(where),
		 "Actions[%d].Parameters.FailureSpeechParameters", a->index);
	return speech_src_check(&s->failure, where, res);
}

static void speak_get_start(struct action *a)
{
	struct speak_get *s = a->state;

	collect_start(&s->c, a, &speak_get_prompts);
}

const struct action_ops action_speak_and_get_digits = {
	.type = "SpeakAndGetDigits",
	.params = speak_get_params,
	.state_size = sizeof(struct speak_get),
	.flags = ACTION_ANSWERS,
	.leg_select = LEG_SELECT_CALLID,
	.check = speak_get_check,
	.start = speak_get_start,
	.stop = collect_action_stop,
	.digit = collect_action_digit,
};
