/* recording.h - what the recording actions share: the object keys
 * (RecordAudio's and StartCallRecording's formats), a recording that owns
 * itself from recorder start to file close and keeps its CDR row, and the
 * leg's call recording (struct leg_recording) behind StartCallRecording,
 * Pause/Resume/StopCallRecording. Loop thread only. */
#ifndef CF_ACTIONS_RECORDING_H
#define CF_ACTIONS_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/action.h"
#include "runtime/call.h"
#include "runtime/record.h"

#define RECORDING_KEY_MAX     1200   /* a 979-byte Prefix and the name */
#define RECORDING_CALL_PREFIX "Amazon-Chime-SMA-Call-Recordings"

/* ---- object keys (UTC times; a Prefix's trailing '/' is not doubled) ----
 * Both return 0, or ENAMETOOLONG when buf is too small. */

/* RecordAudio: <Prefix>/<TransactionId>_<CallId>_<yyyy-mm-dd-hh-mm-ss-mmm>.wav,
 * the time being the recording's start; no Prefix (NULL or "") puts the
 * file at the bucket's root. */
int recording_key_audio(char *buf, size_t size, const char *prefix,
			const char *tid, const char *call_id, uint64_t start_ms);
/* StartCallRecording (actions-1.md §1.2): <prefix or the default>/YYYY/MM/DD/
 * YYYY-MM-DD-hh-mm-ss-mmm_<TransactionId>_<CallId>.wav, from the leg's
 * start. */
int recording_key_call(char *buf, size_t size, const char *prefix,
		       const char *tid, const char *call_id,
		       uint64_t leg_start_ms);
/* Split a Destination.Location "bucket" or "bucket/prefix": *prefixp
 * points into loc (NULL when there is none). Returns 0, or EINVAL for an
 * empty bucket, ENAMETOOLONG when it does not fit bucket. */
int recording_location_split(const char *loc, char *bucket, size_t size,
			     const char **prefixp);
const char *recording_track_name(enum rec_track track);

/* ---- a recording ----
 * Created by recording_start; frees itself once its recorder's done has
 * run, after completing its CDR row. Its owner hears about that end
 * through end (while attached), and must detach before it forgets the
 * recording, so the end never reaches an owner that is gone. */
struct recording;

/* The file is closed (REC_OK) or could not be written (REC_FAILED); the
 * recording is freed as soon as this returns. */
typedef void (recording_end_h)(const struct rec_result *res, void *arg);

/* Record a's leg (track) into bucket/key under the storage root. Returns
 * 0; EINVAL when bucket/key leave the storage root or the leg has no
 * media; or recorder_start's error (the CDR row then says Failed). */
int  recording_start(struct recording **recp, struct action *a,
		     const char *kind, enum rec_track track,
		     const char *bucket, const char *key,
		     recording_end_h *end, void *arg);
void recording_detach(struct recording *rec);
/* h(arg) once the file exists (before any end); only while attached. */
void recording_on_open(struct recording *rec, void (*h)(void *arg));
/* Stop the recorder once; why goes into the CDR row of a completed file.
 * The end runs later, when the file is closed. */
void recording_stop(struct recording *rec, const char *why);
void recording_pause(struct recording *rec);
void recording_resume(struct recording *rec);
unsigned recording_level(const struct recording *rec);
double recording_seconds(const struct recording *rec);
const char *recording_key(const struct recording *rec);

/* ---- a leg's call recording (StartCallRecording) ----
 * Owned by the leg through leg->recording until the leg ends
 * (leg_gone: stops the recorder) or StopCallRecording (call_rec_stop). */
struct call_rec {
	struct leg_recording lr;     /* first: leg->recording points here */
	struct leg *leg;
	struct recording *rec;       /* NULL once its file ended */
	char reason[160];            /* why it ended on its own */
	/* While StartCallRecording has not reported yet: told when the file
	 * cannot be written; the call recording is gone by then. */
	void (*start_failed)(void *arg, const char *reason);
	/* ... and when the file exists: StartCallRecording reports then. */
	void (*start_ok)(void *arg);
	void *start_arg;
};

/* Pause/Resume/StopCallRecording take only CallId (required). */
struct call_rec_target {
	const char *call_id;
};
extern const struct param_spec call_rec_target_params[];
/* Their check: fails with InvalidActionParameter when a's leg has no call
 * recording (decision 5). */
bool call_rec_check(struct action *a, struct action_result *res);

/* Start a's leg's call recording and install it on the leg. Returns 0 or
 * recording_start's error. */
int  call_rec_start(struct call_rec **crp, struct action *a,
		    enum rec_track track, const char *bucket, const char *key);
/* The leg's call recording, or NULL. */
struct call_rec *call_rec_of(const struct leg *leg);
/* Stop it, take it off its leg, free it. */
void call_rec_stop(struct call_rec *cr, const char *why);

#endif
