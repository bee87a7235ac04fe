/* recording.c - the recording actions' shared parts: object keys, a
 * recording that owns itself and keeps its CDR row, and the leg's call
 * recording behind StartCallRecording. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions/recording.h"
#include "runtime/cdr.h"
#include "runtime/clock.h"
#include "runtime/log.h"

struct recording {
	struct recorder *r;          /* valid until done has run */
	struct cdr_store *cdr;
	recording_end_h *end;        /* the owner, while attached */
	void (*opened)(void *arg);   /* the owner, told the file exists */
	void *arg;
	bool stopped;
	enum rec_track track;
	const char *kind;            /* static */
	uint64_t started_ms;
	char why[96];                /* how a completed recording ended */
	char tid[40], call_id[40];
	char bucket[256];
	char key[RECORDING_KEY_MAX];
	char path[PATH_MAX];
};

/* ---- keys ---- */

/* A prefix's trailing slashes are dropped: "voicemail/" is "voicemail". */
static int prefix_len(const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;

	while (n && prefix[n - 1] == '/')
		n--;
	return n > INT_MAX ? INT_MAX : (int)n;
}

static int key_done(int n, size_t size)
{
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

static void utc(uint64_t ms, struct tm *tm)
{
	time_t t = (time_t)(ms / 1000);

	gmtime_r(&t, tm);
}

int recording_key_audio(char *buf, size_t size, const char *prefix,
			const char *tid, const char *call_id, uint64_t start_ms)
{
	int pn = prefix_len(prefix);
	struct tm tm;

	utc(start_ms, &tm);
	return key_done(snprintf(buf, size, "%.*s%s%s_%s_%04d-%02d-%02d-%02d-"
				 "%02d-%02d-%03u.wav", pn, pn ? prefix : "",
				 pn ? "/" : "", tid, call_id,
				 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
				 tm.tm_hour, tm.tm_min, tm.tm_sec,
				 (unsigned)(start_ms % 1000)), size);
}

int recording_key_call(char *buf, size_t size, const char *prefix,
		       const char *tid, const char *call_id,
		       uint64_t leg_start_ms)
{
	int pn = prefix_len(prefix);
	int y, mo, d;
	struct tm tm;

	if (!pn) {
		prefix = RECORDING_CALL_PREFIX;
		pn = (int)strlen(prefix);
	}
	utc(leg_start_ms, &tm);
	y = tm.tm_year + 1900;
	mo = tm.tm_mon + 1;
	d = tm.tm_mday;
	return key_done(snprintf(buf, size, "%.*s/%04d/%02d/%02d/%04d-%02d-%02d-"
				 "%02d-%02d-%02d-%03u_%s_%s.wav", pn, prefix,
				 y, mo, d, y, mo, d, tm.tm_hour, tm.tm_min,
				 tm.tm_sec, (unsigned)(leg_start_ms % 1000),
				 tid, call_id), size);
}

int recording_location_split(const char *loc, char *bucket, size_t size,
			     const char **prefixp)
{
	const char *slash = strchr(loc, '/');
	size_t n = slash ? (size_t)(slash - loc) : strlen(loc);

	if (!n)
		return EINVAL;
	if (n >= size)
		return ENAMETOOLONG;
	memcpy(bucket, loc, n);
	bucket[n] = '\0';
	*prefixp = slash && prefix_len(slash + 1) ? slash + 1 : NULL;
	return 0;
}

const char *recording_track_name(enum rec_track track)
{
	switch (track) {
	case REC_INCOMING: return "INCOMING";
	case REC_OUTGOING: return "OUTGOING";
	default:           return "BOTH";
	}
}

/* ---- a recording ---- */

/* The CDR keeps absolute paths, whatever the storage root is. */
static int path_absolute(char *path, size_t size)
{
	char cwd[PATH_MAX], rel[PATH_MAX];
	const char *p = path;
	int n;

	if (path[0] == '/')
		return 0;
	while (!strncmp(p, "./", 2))
		p += 2;
	if (!getcwd(cwd, sizeof(cwd)))
		return errno;
	snprintf(rel, sizeof(rel), "%s", p);
	n = snprintf(path, size, "%s/%s", cwd, rel);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

static void recording_row(const struct recording *rec,
			  struct cdr_recording *row)
{
	memset(row, 0, sizeof(*row));
	row->TransactionId = rec->tid;
	row->CallId = rec->call_id;
	row->kind = rec->kind;
	row->track = recording_track_name(rec->track);
	row->path = rec->path;
	row->bucket = rec->bucket;
	row->key = rec->key;
	row->started_ms = rec->started_ms;
}

/* The recorder's done: the row is completed, the owner told, and the
 * recording freed; nothing else refers to it by then. */
static void recording_done(const struct rec_result *res, void *arg)
{
	struct recording *rec = arg;
	struct cdr_recording row;
	char reason[288];
	bool ok = res->status == REC_OK;

	if (ok)
		snprintf(reason, sizeof(reason), "%s%s%s", rec->why,
			 rec->why[0] && res->reason[0] ? "; " : "", res->reason);
	else
		snprintf(reason, sizeof(reason), "%s", res->reason[0] ?
			 res->reason : strerror(res->err ? res->err : EIO));
	recording_row(rec, &row);
	row.status = ok ? "Completed" : "Failed";
	row.reason = reason[0] ? reason : NULL;
	row.duration_ms = res->frames / 8;      /* 8 kHz frames */
	row.bytes = res->bytes;
	cdr_recording_end(rec->cdr, &row);
	log_info("record", "%s %s: %s %s (%s)", rec->tid, rec->kind, rec->path,
		 row.status, reason[0] ? reason : "closed");
	rec->r = NULL;
	if (rec->end)
		rec->end(res, rec->arg);
	free(rec);
}

static void recording_refused(struct recording *rec, int err)
{
	struct cdr_recording row;
	char reason[160];

	snprintf(reason, sizeof(reason), "the recorder could not start: %s",
		 strerror(err));
	recording_row(rec, &row);
	row.status = "Failed";
	row.reason = reason;
	cdr_recording_end(rec->cdr, &row);
	log_warn("record", "%s %s: %s: %s", rec->tid, rec->kind, rec->path,
		 reason);
}

int recording_start(struct recording **recp, struct action *a,
		    const char *kind, enum rec_track track,
		    const char *bucket, const char *key,
		    recording_end_h *end, void *arg)
{
	struct recording *rec;
	struct cdr_recording row;
	int err;

	if (!a->leg->media || strlen(bucket) >= sizeof(rec->bucket) ||
	    strlen(key) >= sizeof(rec->key))
		return EINVAL;
	rec = calloc(1, sizeof(*rec));
	if (!rec)
		return ENOMEM;
	err = action_storage_path(a, bucket, key, rec->path, sizeof(rec->path));
	if (!err)
		err = path_absolute(rec->path, sizeof(rec->path));
	if (err) {
		free(rec);
		return err;
	}
	rec->kind = kind;
	rec->track = track;
	rec->end = end;
	rec->arg = arg;
	rec->cdr = calls_cdr();
	rec->started_ms = clock_wall_ms();
	snprintf(rec->tid, sizeof(rec->tid), "%s", a->call->transaction_id);
	snprintf(rec->call_id, sizeof(rec->call_id), "%s", a->leg->call_id);
	snprintf(rec->bucket, sizeof(rec->bucket), "%s", bucket);
	snprintf(rec->key, sizeof(rec->key), "%s", key);
	/* done is posted to the loop, never run inside recorder_start. */
	err = recorder_start(&rec->r, a->leg->media, track, rec->path,
			     recording_done, rec);
	if (err) {
		recording_refused(rec, err);
		free(rec);
		return err;
	}
	recording_row(rec, &row);
	cdr_recording_begin(rec->cdr, &row);
	log_info("record", "%s %s of %s (%s) into %s", rec->tid, kind,
		 rec->call_id, recording_track_name(track), rec->path);
	*recp = rec;
	return 0;
}

void recording_detach(struct recording *rec)
{
	if (!rec)
		return;
	rec->end = NULL;
	rec->opened = NULL;
	rec->arg = NULL;
}

static void recording_opened(void *arg)
{
	struct recording *rec = arg;

	if (rec->opened)
		rec->opened(rec->arg);
}

void recording_on_open(struct recording *rec, void (*h)(void *arg))
{
	rec->opened = h;
	recorder_on_open(rec->r, recording_opened);
}

void recording_stop(struct recording *rec, const char *why)
{
	if (!rec || rec->stopped)
		return;
	rec->stopped = true;
	if (why)
		snprintf(rec->why, sizeof(rec->why), "%s", why);
	recorder_stop(rec->r);
}

void recording_pause(struct recording *rec)
{
	if (rec && !rec->stopped)
		recorder_pause(rec->r);
}

void recording_resume(struct recording *rec)
{
	if (rec && !rec->stopped)
		recorder_resume(rec->r);
}

unsigned recording_level(const struct recording *rec)
{
	return rec ? recorder_level(rec->r) : 0;
}

double recording_seconds(const struct recording *rec)
{
	return rec ? recorder_seconds(rec->r) : 0.0;
}

const char *recording_key(const struct recording *rec)
{
	return rec->key;
}

/* ---- the leg's call recording ---- */

static void call_rec_detach_leg(struct call_rec *cr)
{
	if (cr->leg->recording == &cr->lr)
		cr->leg->recording = NULL;
}

/* The file ended on its own: it could not be written (disk full), or the
 * recorder service shut down. Before StartCallRecording reported, that is
 * its failure and the leg was never recorded (§1: it may try again). */
static void call_rec_ended(const struct rec_result *res, void *arg)
{
	struct call_rec *cr = arg;
	void (*failed)(void *, const char *) = cr->start_failed;
	void *farg = cr->start_arg;

	cr->rec = NULL;
	snprintf(cr->reason, sizeof(cr->reason), "%s",
		 res->status == REC_OK ? "the recorder was shut down" :
		 res->reason[0] ? res->reason : strerror(res->err));
	if (!failed) {
		log_warn("record", "%s %s: call recording ended: %s",
			 cr->leg->call->transaction_id, cr->leg->tag, cr->reason);
		return;
	}
	call_rec_detach_leg(cr);
	cr->leg->recorded = false;
	failed(farg, cr->reason);
	free(cr);
}

static void call_rec_leg_gone(struct leg_recording *lr)
{
	call_rec_stop((struct call_rec *)lr, "the call leg ended");
}

/* The file exists: StartCallRecording, if still waiting, succeeds. */
static void call_rec_opened(void *arg)
{
	struct call_rec *cr = arg;
	void (*ok)(void *) = cr->start_ok;

	cr->start_ok = NULL;
	cr->start_failed = NULL;
	if (ok)
		ok(cr->start_arg);
}

int call_rec_start(struct call_rec **crp, struct action *a,
		   enum rec_track track, const char *bucket, const char *key)
{
	struct call_rec *cr = calloc(1, sizeof(*cr));
	int err;

	if (!cr)
		return ENOMEM;
	cr->lr.leg_gone = call_rec_leg_gone;
	cr->leg = a->leg;
	err = recording_start(&cr->rec, a, "CallRecording", track, bucket, key,
			      call_rec_ended, cr);
	if (err) {
		free(cr);
		return err;
	}
	recording_on_open(cr->rec, call_rec_opened);
	a->leg->recording = &cr->lr;
	a->leg->recorded = true;
	*crp = cr;
	return 0;
}

/* Only call_rec_start installs leg recordings, so the cast is safe. */
struct call_rec *call_rec_of(const struct leg *leg)
{
	return (struct call_rec *)leg->recording;
}

void call_rec_stop(struct call_rec *cr, const char *why)
{
	if (!cr)
		return;
	call_rec_detach_leg(cr);
	if (cr->rec) {
		recording_detach(cr->rec);
		recording_stop(cr->rec, why);
	}
	free(cr);
}

const struct param_spec call_rec_target_params[] = {
	{.name = "CallId", .type = PARAM_STRING, .required = true,
	 .off = offsetof(struct call_rec_target, call_id)},
	PARAM_END
};

bool call_rec_check(struct action *a, struct action_result *res)
{
	if (call_rec_of(a->leg))
		return true;
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "Actions[%d].Parameters.CallId: no call recording on this leg "
		 "(%s)", a->index, a->leg->tag);
	return false;
}
