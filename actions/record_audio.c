/* record_audio.c - the RecordAudio action (actions-2.md §1): records what
 * the caller says (the leg's incoming audio, mono) into the storage root
 * until DurationInSeconds, SilenceDurationInSeconds of silence, or a
 * RecordingTerminators digit; answers the call first; interruptible. It
 * reports once the file is closed: ACTION_SUCCESSFUL with its
 * RecordingDestination, or ACTION_FAILED when it could not be written. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "actions/recording.h"
#include "runtime/call.h"
#include "runtime/clock.h"
#include "runtime/collect.h"
#include "runtime/log.h"

#define RECORD_POLL_MS    100     /* recorder_level's window */
#define RECORD_CAP_S      3600    /* without DurationInSeconds */
#define RECORD_PREFIX_MAX 979     /* bytes (§1.2) */
#define RECORD_THRESHOLD  200     /* SilenceThreshold's default */
#define DEST_INVALID      "RecordingDestination parameter value is invalid."
#define UPLOAD_FAILED     "Error occurred while uploading recording to S3 bucket."

struct record_audio {
	const char *type, *bucket, *prefix;
	int64_t duration_s, silence_s, threshold;
	json_t *terminators;
	struct recording *rec;       /* attached while the action runs */
	char key[RECORDING_KEY_MAX];
	double quiet_since;          /* recorder seconds; < 0: not quiet */
	bool ending;                 /* stopped, waiting for the file */
	char term;                   /* the terminator that ended it, or 0 */
};

static const char *const dest_types[] = {"S3", NULL};

static const struct param_spec destination[] = {
	{.name = "Type", .type = PARAM_STRING, .required = true,
	 .enums = dest_types, .off = offsetof(struct record_audio, type)},
	{.name = "BucketName", .type = PARAM_STRING, .required = true,
	 .off = offsetof(struct record_audio, bucket)},
	{.name = "Prefix", .type = PARAM_STRING,
	 .off = offsetof(struct record_audio, prefix)},
	PARAM_END
};

static const struct param_spec record_audio_params[] = {
	{.name = "DurationInSeconds", .type = PARAM_INT, .min = 1,
	 .max = INT32_MAX,
	 .error_message = "DurationInSeconds parameter value is invalid.",
	 .off = offsetof(struct record_audio, duration_s)},
	{.name = "SilenceDurationInSeconds", .type = PARAM_INT, .min = 1,
	 .max = 1000,
	 .error_message = "SilenceDurationInSeconds parameter value is invalid.",
	 .off = offsetof(struct record_audio, silence_s)},
	/* No table default: a null must still be seen by the check. */
	{.name = "SilenceThreshold", .type = PARAM_INT, .min = 1, .max = 1000,
	 .error_message = "SilenceThreshold parameter value is invalid.",
	 .off = offsetof(struct record_audio, threshold)},
	{.name = "RecordingTerminators", .type = PARAM_STRING_LIST,
	 .required = true, .enums = collect_keys, .max = 12,
	 .off = offsetof(struct record_audio, terminators)},
	{.name = "RecordingDestination", .type = PARAM_OBJECT, .required = true,
	 .fields = destination, .error_type = "InvalidActionParameter",
	 .error_message = DEST_INVALID},
	PARAM_END
};

/* ---- checks ---- */

static bool refuse(struct action *a, struct action_result *res,
		   const char *msg, const char *field, const char *why)
{
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "%s (Actions[%d].Parameters.%s %s)", msg, a->index, field, why);
	return false;
}

/* The validator takes a null as absent; Appendix A calls it invalid.
 * The table's integers come first. */
static bool check_nulls(struct action *a, struct action_result *res)
{
	struct record_audio *r = a->state;
	const struct param_spec *p;

	for (p = record_audio_params; p->type == PARAM_INT; p++)
		if (json_is_null(json_object_get(a->params, p->name)))
			return refuse(a, res, p->error_message, p->name,
				      "must not be null");
	if (!r->threshold) {       /* echoed, as every default */
		r->threshold = RECORD_THRESHOLD;
		json_object_set_new(a->params, "SilenceThreshold",
				    json_integer(RECORD_THRESHOLD));
	}
	return true;
}

/* A string with a NUL inside would name another file than it shows. */
static bool has_nul(json_t *obj, const char *name)
{
	json_t *s = json_object_get(obj, name);

	return json_is_string(s) &&
	       strlen(json_string_value(s)) != json_string_length(s);
}

static bool record_audio_check(struct action *a, struct action_result *res)
{
	struct record_audio *r = a->state;
	json_t *dest = json_object_get(a->params, "RecordingDestination");
	char key[RECORDING_KEY_MAX], path[PATH_MAX];
	int err;

	if (!check_nulls(a, res))
		return false;
	if (has_nul(dest, "BucketName") || has_nul(dest, "Prefix"))
		return refuse(a, res, DEST_INVALID, "RecordingDestination",
			      "holds a NUL character");
	if (r->prefix && strlen(r->prefix) > RECORD_PREFIX_MAX)
		return refuse(a, res, DEST_INVALID, "RecordingDestination.Prefix",
			      "is longer than 979 bytes");
	/* The same key with any time and ids stays inside the bucket. */
	err = recording_key_audio(key, sizeof(key), r->prefix,
				  a->call->transaction_id, a->leg->call_id, 0);
	if (!err)
		err = action_storage_path(a, r->bucket, key, path, sizeof(path));
	if (err)
		return refuse(a, res, DEST_INVALID, "RecordingDestination",
			      err == EINVAL ? "leaves the storage root" :
			      "makes a path too long");
	return true;
}

/* ---- running ---- */

static void record_audio_ended(const struct rec_result *res, void *arg)
{
	struct action *a = arg;
	struct record_audio *r = a->state;
	struct action_result out = {0};

	r->rec = NULL;
	tmr_cancel(&a->tmr);
	if (res->status != REC_OK) {
		action_fail(a, "InvalidActionParameter", UPLOAD_FAILED " (%s)",
			    res->reason[0] ? res->reason : strerror(res->err));
		return;
	}
	out.data = json_pack("{s:{s:s, s:s, s:s}}", "RecordingDestination",
			     "Type", "S3", "BucketName", r->bucket,
			     "Key", r->key);
	if (out.data && r->term)
		json_object_set_new(out.data, "RecordingTerminatorUsed",
				    json_stringn(&r->term, 1));
	action_complete(a, &out);
	json_decref(out.data);
}

/* Stop recording; the action reports when the file is closed. */
static void record_audio_end(struct action *a, char term, const char *why)
{
	struct record_audio *r = a->state;

	r->ending = true;
	r->term = term;
	tmr_cancel(&a->tmr);
	recording_stop(r->rec, why);
}

/* Every 100 ms: the duration, in audio captured, and the silence rule
 * (any SilenceDurationInSeconds of continuous silence, from the start). */
static void record_audio_poll(void *arg)
{
	struct action *a = arg;
	struct record_audio *r = a->state;
	double secs = recording_seconds(r->rec);
	char why[64];

	if (secs >= (double)(r->duration_s ? r->duration_s : RECORD_CAP_S)) {
		snprintf(why, sizeof(why), "%llu s reached",
			 (unsigned long long)(r->duration_s ? r->duration_s :
					      RECORD_CAP_S));
		record_audio_end(a, 0, why);
		return;
	}
	if (r->silence_s && recording_level(r->rec) < (unsigned)r->threshold) {
		if (r->quiet_since < 0)
			r->quiet_since = secs > RECORD_POLL_MS / 1000.0 ?
					 secs - RECORD_POLL_MS / 1000.0 : 0;
		if (secs - r->quiet_since >= (double)r->silence_s) {
			snprintf(why, sizeof(why), "%lld s of silence",
				 (long long)r->silence_s);
			record_audio_end(a, 0, why);
			return;
		}
	} else {
		r->quiet_since = -1;
	}
	tmr_start(&a->tmr, RECORD_POLL_MS, record_audio_poll, a);
}

static void record_audio_start(struct action *a)
{
	struct record_audio *r = a->state;
	int err;

	r->quiet_since = -1;
	err = recording_key_audio(r->key, sizeof(r->key), r->prefix,
				  a->call->transaction_id, a->leg->call_id,
				  clock_wall_ms());
	if (!err)
		err = recording_start(&r->rec, a, "RecordAudio", REC_INCOMING,
				      r->bucket, r->key, record_audio_ended, a);
	if (err == ENOMEM) {
		action_fail(a, "SystemException",
			    "System error while running action (recorder)");
		return;
	}
	if (err) {
		action_fail(a, "InvalidActionParameter", UPLOAD_FAILED " (%s/%s: "
			    "%s)", r->bucket, r->key, strerror(err));
		return;
	}
	tmr_start(&a->tmr, RECORD_POLL_MS, record_audio_poll, a);
}

/* Interrupted or its leg went away: the file is kept; the recording
 * finishes its CDR row by itself once the file is closed. */
static void record_audio_stop(struct action *a)
{
	struct record_audio *r = a->state;
	struct recording *rec = r->rec;

	tmr_cancel(&a->tmr);
	r->rec = NULL;
	recording_detach(rec);
	recording_stop(rec, "the action was stopped");
}

static bool record_audio_digit(struct action *a, char digit)
{
	struct record_audio *r = a->state;
	char why[48];

	if (r->ending || !collect_key_listed(r->terminators, digit))
		return false;
	snprintf(why, sizeof(why), "ended by the terminator %c", digit);
	record_audio_end(a, digit, why);
	return true;
}

const struct action_ops action_record_audio = {
	.type = "RecordAudio",
	.params = record_audio_params,
	.state_size = sizeof(struct record_audio),
	.flags = ACTION_ANSWERS | ACTION_INTERRUPTIBLE,
	.check = record_audio_check,
	.start = record_audio_start,
	.stop = record_audio_stop,
	.digit = record_audio_digit,
};
