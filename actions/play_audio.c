/* play_audio.c - the PlayAudio action (actions-1.md §11): plays a WAV from
 * the storage root to one leg, Repeat times; answers the call first;
 * interruptible. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime/action.h"
#include "runtime/audio.h"
#include "runtime/call.h"
#include "runtime/media.h"

struct play_audio {
	const char *type, *bucket, *key;
	int64_t repeat;
	json_t *terminators;
	uint64_t load_id;
	struct player player;
};

static const char *const source_types[] = {"S3", NULL};
static const char *const dtmf_digits[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "#", "*", NULL
};

static const struct param_spec audio_source[] = {
	{.name = "Type", .type = PARAM_STRING, .required = true,
	 .enums = source_types, .off = offsetof(struct play_audio, type)},
	{.name = "BucketName", .type = PARAM_STRING, .required = true,
	 .off = offsetof(struct play_audio, bucket)},
	{.name = "Key", .type = PARAM_STRING, .required = true,
	 .off = offsetof(struct play_audio, key)},
	PARAM_END
};

static const struct param_spec play_audio_params[] = {
	{.name = "AudioSource", .type = PARAM_OBJECT, .required = true,
	 .fields = audio_source, .error_type = "InvalidAudioSource",
	 .error_message = "Audio Source parameter value is invalid."},
	{.name = "Repeat", .type = PARAM_INT, .min = 1, .max = INT32_MAX,
	 .def = 1, .has_def = true, .off = offsetof(struct play_audio, repeat)},
	{.name = "PlaybackTerminators", .type = PARAM_STRING_LIST,
	 .enums = dtmf_digits, .max = 12,
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
		action_fail(a, "InvalidAudioSource",
			    "Audio Source parameter value is invalid. (%s/%s: %s)",
			    p->bucket, p->key, reason ? reason : "cannot be read");
		return;
	}
	err = player_start(&p->player, a->leg->media, clip, (unsigned)p->repeat,
			   play_audio_played, a);
	audio_clip_deref(clip);
	if (err)
		action_fail(a, "SystemException",
			    "System error while running action (player: %d)", err);
}

static bool play_audio_check(struct action *a, struct action_result *res)
{
	struct play_audio *p = a->state;
	char path[4096];

	if (action_storage_path(a, p->bucket, p->key, path, sizeof(path))) {
		res->error_type = "InvalidAudioSource";
		snprintf(res->error_message, sizeof(res->error_message),
			 "Audio Source parameter value is invalid. (Actions[%d]."
			 "Parameters.AudioSource: bucket or key leaves the "
			 "storage root)", a->index);
		return false;
	}
	return true;
}

static void play_audio_start(struct action *a)
{
	struct play_audio *p = a->state;
	char path[4096];

	action_storage_path(a, p->bucket, p->key, path, sizeof(path));
	p->load_id = prompt_load(path, play_audio_loaded, a);
	if (!p->load_id)
		action_fail(a, "SystemException",
			    "System error while running action (prompt queue)");
}

static void play_audio_stop(struct action *a)
{
	struct play_audio *p = a->state;

	if (p->load_id)
		prompt_cancel(p->load_id);
	player_stop(&p->player);
}

const struct action_ops action_play_audio = {
	.type = "PlayAudio",
	.params = play_audio_params,
	.state_size = sizeof(struct play_audio),
	.flags = ACTION_ANSWERS | ACTION_INTERRUPTIBLE,
	.check = play_audio_check,
	.start = play_audio_start,
	.stop = play_audio_stop,
};
