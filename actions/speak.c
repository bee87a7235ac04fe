/* speak.c - the Speak action (actions-2.md §3): synthesised speech on one
 * leg; answers the call first; not interruptible. Synthesis runs on the
 * TTS worker and repeated phrases come from the speech cache. */
#include <stdint.h>
#include <stdio.h>

#include "actions/prompt_src.h"
#include "runtime/call.h"
#include "runtime/media.h"

struct speak {
	struct speech_src speech;
	uint64_t req_id;
	struct player player;
};

static const struct param_spec speak_params[] = {
	SPEECH_SRC_FIELDS(struct speak, speech),
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

	s->req_id = 0;
	if (!clip) {
		speech_src_fail(a, err);
		return;
	}
	action_play_clip(a, &s->player, clip, 1, speak_played, a);
}

static bool speak_check(struct action *a, struct action_result *res)
{
	struct speak *s = a->state;
	char where[48];

	snprintf(where, sizeof(where), "Actions[%d].Parameters", a->index);
	return speech_src_check(&s->speech, where, res);
}

static void speak_start(struct action *a)
{
	struct speak *s = a->state;

	s->req_id = speech_src_load(&s->speech, speak_ready, a);
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
