/* start_call_recording.c - the StartCallRecording action (actions-1.md §1,
 * §2): starts the leg's call recording (one or both tracks), which then
 * runs across later actions until StopCallRecording or the leg's end. It
 * succeeds once the file has been created, with CallRecordingDestination;
 * a destination that cannot be written fails it with
 * NoAccessToDestination. A leg is recorded at most once. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "actions/recording.h"
#include "runtime/call.h"
#include "runtime/log.h"

#define CALLID_INVALID "The CallId parameter of the action is invalid."
#define TRACK_INVALID  "Invalid recording track; choose INCOMING, OUTGOING or BOTH"
#define DEST_INVALID   "The Destination parameter is invalid."
#define NO_ACCESS      "Error while accessing destination"

struct start_call_recording {
	const char *call_id, *track, *type, *location;
	char bucket[256];
	char key[RECORDING_KEY_MAX];
	struct call_rec *cr;         /* while the action has not reported */
};

static const char *const tracks[] = {"BOTH", "INCOMING", "OUTGOING", NULL};
static const char *const dest_types[] = {"S3", NULL};

static const struct param_spec destination[] = {
	{.name = "Type", .type = PARAM_STRING, .required = true,
	 .enums = dest_types,
	 .off = offsetof(struct start_call_recording, type)},
	{.name = "Location", .type = PARAM_STRING, .required = true,
	 .off = offsetof(struct start_call_recording, location)},
	PARAM_END
};

static const struct param_spec start_call_recording_params[] = {
	{.name = "CallId", .type = PARAM_STRING, .required = true,
	 .error_message = CALLID_INVALID,
	 .off = offsetof(struct start_call_recording, call_id)},
	{.name = "Track", .type = PARAM_STRING, .required = true,
	 .enums = tracks, .error_message = TRACK_INVALID,
	 .off = offsetof(struct start_call_recording, track)},
	{.name = "Destination", .type = PARAM_OBJECT, .required = true,
	 .fields = destination, .error_type = "InvalidActionParameter",
	 .error_message = DEST_INVALID},
	PARAM_END
};

static bool refuse(struct action *a, struct action_result *res,
		   const char *msg, const char *why)
{
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "%s (Actions[%d].Parameters.%s)", msg, a->index, why);
	return false;
}

/* Location is "bucket" or "bucket/prefix"; the key it makes must stay in
 * the bucket (decision 2). */
static bool check_location(struct action *a, struct action_result *res)
{
	struct start_call_recording *s = a->state;
	json_t *loc = json_object_get(json_object_get(a->params, "Destination"),
				      "Location");
	const char *prefix = NULL;
	char path[PATH_MAX];
	int err;

	if (strlen(s->location) != json_string_length(loc))
		return refuse(a, res, DEST_INVALID, "Destination.Location holds "
			      "a NUL character");
	err = recording_location_split(s->location, s->bucket,
				       sizeof(s->bucket), &prefix);
	if (err)
		return refuse(a, res, DEST_INVALID, err == EINVAL ?
			      "Destination.Location names no bucket" :
			      "Destination.Location has a bucket name too long");
	err = recording_key_call(s->key, sizeof(s->key), prefix,
				 a->call->transaction_id, a->leg->call_id,
				 a->leg->start_ms);
	if (!err)
		err = action_storage_path(a, s->bucket, s->key, path,
					  sizeof(path));
	if (err)
		return refuse(a, res, DEST_INVALID, err == EINVAL ?
			      "Destination.Location leaves the storage root" :
			      "Destination.Location makes a path too long");
	return true;
}

static bool start_call_recording_check(struct action *a,
				       struct action_result *res)
{
	if (!check_location(a, res))
		return false;
	if (!a->leg->recorded && !a->leg->recording)
		return true;
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "Actions[%d].Parameters.CallId: the call recording of %s was "
		 "already started; a leg's call recording can be started only "
		 "once", a->index, a->leg->tag);
	return false;
}

static enum rec_track track_of(const char *name)
{
	return !strcmp(name, "INCOMING") ? REC_INCOMING :
	       !strcmp(name, "OUTGOING") ? REC_OUTGOING : REC_BOTH;
}

/* Before the success event: the file could not be created. */
static void start_failed(void *arg, const char *reason)
{
	struct action *a = arg;
	struct start_call_recording *s = a->state;

	s->cr = NULL;      /* gone already */
	action_fail(a, "NoAccessToDestination", NO_ACCESS " (%s)", reason);
}

static void start_confirmed(void *arg)
{
	struct action *a = arg;
	struct start_call_recording *s = a->state;
	struct action_result res = {0};

	s->cr = NULL;
	res.data = json_pack("{s:{s:s, s:s++}}", "CallRecordingDestination",
			     "Type", "S3", "Location", s->bucket, "/", s->key);
	action_complete(a, &res);
	json_decref(res.data);
}

static void start_call_recording_start(struct action *a)
{
	struct start_call_recording *s = a->state;
	int err;

	err = call_rec_start(&s->cr, a, track_of(s->track), s->bucket, s->key);
	if (err == ENOMEM) {
		action_fail(a, "SystemException",
			    "System error while running action (recorder)");
		return;
	}
	if (err) {
		action_fail(a, "NoAccessToDestination", NO_ACCESS " (%s/%s: %s)",
			    s->bucket, s->key, strerror(err));
		return;
	}
	/* Success only once the writer has created the file, so that an
	 * unwritable destination fails the action (NoAccessToDestination)
	 * however long the writer takes. */
	s->cr->start_failed = start_failed;
	s->cr->start_ok = start_confirmed;
	s->cr->start_arg = a;
}

/* Cancelled before it reported (its leg is ending): the recording stays
 * with the leg, which stops it. */
static void start_call_recording_stop(struct action *a)
{
	struct start_call_recording *s = a->state;

	if (s->cr) {
		s->cr->start_failed = NULL;
		s->cr->start_ok = NULL;
	}
	s->cr = NULL;
}

const struct action_ops action_start_call_recording = {
	.type = "StartCallRecording",
	.params = start_call_recording_params,
	.state_size = sizeof(struct start_call_recording),
	.leg_select = LEG_SELECT_CALLID,
	.check = start_call_recording_check,
	.start = start_call_recording_start,
	.stop = start_call_recording_stop,
};
