/* play_audio.c - the PlayAudio action (actions-1.md §11): plays a WAV from
 * the storage root to one leg, Repeat times; answers the call first;
 * interruptible; a PlaybackTerminators digit cuts it short. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "actions/prompt_src.h"
#include "runtime/call.h"
#include "runtime/collect.h"
#include "runtime/media.h"

struct play_audio {
	struct audio_src src;
	int64_t repeat;
	json_t *terminators;
	uint64_t load_id;
	struct player player;
};

static const struct param_spec audio_source[] = {
	AUDIO_SRC_FIELDS(struct play_audio, src),
	PARAM_END
};

static const struct param_spec play_audio_params[] = {
	AUDIO_SRC_PARAM("AudioSource", audio_source),
	{.name = "Repeat", .type = PARAM_INT, .min = 1, .max = INT32_MAX,
	 .def = 1, .has_def = true, .off = offsetof(struct play_audio, repeat)},
	{.name = "PlaybackTerminators", .type = PARAM_STRING_LIST,
	 .enums = collect_keys, .max = 12,
	 .off = offsetof(struct play_audio, terminators)},
	PARAM_END
};

static void play_audio_played(void *arg)
{
	action_complete(arg, NULL);
}

static void play_audio_loaded(struct audio_clip *clip, int err,
			      const char *reason, void *arg)
{
	struct action *a = arg;
	struct play_audio *p = a->state;

	p->load_id = 0;
	if (!clip) {
		audio_src_fail(a, &p->src, reason);
		return;
	}
	action_play_clip(a, &p->player, clip, (unsigned)p->repeat,
			 play_audio_played, a);
}

static bool play_audio_check(struct action *a, struct action_result *res)
{
	struct play_audio *p = a->state;

	return audio_src_check(a, &p->src, "AudioSource", res);
}

static void play_audio_start(struct action *a)
{
	struct play_audio *p = a->state;

	p->load_id = audio_src_load(a, &p->src, play_audio_loaded, a);
	if (!p->load_id)
		action_fail(a, "SystemException",
			    "System error while running action (prompt queue)");
}

static void play_audio_stop(struct action *a)
{
	struct play_audio *p = a->state;

	if (p->load_id)
		prompt_cancel(p->load_id);
	p->load_id = 0;
	player_stop(&p->player);
}

/* §11: a terminator stops the audio at once, remaining repeats included,
 * and the action succeeds. Other digits pass on to a ReceiveDigits. */
static bool play_audio_digit(struct action *a, char digit)
{
	struct play_audio *p = a->state;

	if (!collect_key_listed(p->terminators, digit))
		return false;
	play_audio_stop(a);
	action_complete(a, NULL);
	return true;
}

const struct action_ops action_play_audio = {
	.type = "PlayAudio",
	.params = play_audio_params,
	.state_size = sizeof(struct play_audio),
	.flags = ACTION_ANSWERS | ACTION_INTERRUPTIBLE,
	.check = play_audio_check,
	.start = play_audio_start,
	.stop = play_audio_stop,
	.digit = play_audio_digit,
};
