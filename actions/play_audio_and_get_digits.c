/* play_audio_and_get_digits.c - the PlayAudioAndGetDigits action
 * (actions-1.md §12): collects DTMF digits after an audio-file prompt,
 * with a failure prompt between attempts; answers the call first; not
 * interruptible. The collection itself is runtime/collect.c. */
#include <stdint.h>

#include "actions/prompt_src.h"
#include "runtime/call.h"
#include "runtime/collect.h"

struct play_get {
	struct collect c;            /* first: the collect_action_* hooks */
	struct audio_src main, failure;
};

static const struct param_spec main_source[] = {
	AUDIO_SRC_FIELDS(struct play_get, main),
	PARAM_END
};

static const struct param_spec failure_source[] = {
	AUDIO_SRC_FIELDS(struct play_get, failure),
	PARAM_END
};

static const struct param_spec play_get_params[] = {
	AUDIO_SRC_PARAM("AudioSource", main_source),
	AUDIO_SRC_PARAM("FailureAudioSource", failure_source),
	COLLECT_PARAMS(struct play_get, c),
	PARAM_END
};

static struct audio_src *play_get_src(struct play_get *p,
				      enum collect_prompt which)
{
	return which == COLLECT_PROMPT_MAIN ? &p->main : &p->failure;
}

static void play_get_loaded(struct audio_clip *clip, int err,
			    const char *reason, void *arg)
{
	struct collect *c = arg;

	(void)err;
	collect_play(c, clip);
	if (!clip)
		audio_src_fail(c->a, play_get_src(c->a->state, c->which), reason);
}

static uint64_t play_get_load(struct collect *c, enum collect_prompt which)
{
	return audio_src_load(c->a, play_get_src(c->a->state, which),
			      play_get_loaded, c);
}

static const struct collect_prompt_ops play_get_prompts = {
	.load = play_get_load,
	.cancel = prompt_cancel,
};

static bool play_get_check(struct action *a, struct action_result *res)
{
	struct play_get *p = a->state;

	return collect_check(&p->c, a, res) &&
	       audio_src_check(a, &p->main, "AudioSource", res) &&
	       audio_src_check(a, &p->failure, "FailureAudioSource", res);
}

static void play_get_start(struct action *a)
{
	struct play_get *p = a->state;

	collect_start(&p->c, a, &play_get_prompts);
}

const struct action_ops action_play_audio_and_get_digits = {
	.type = "PlayAudioAndGetDigits",
	.params = play_get_params,
	.state_size = sizeof(struct play_get),
	.flags = ACTION_ANSWERS,
	.check = play_get_check,
	.start = play_get_start,
	.stop = collect_action_stop,
	.digit = collect_action_digit,
};
