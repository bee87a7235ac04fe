/* test_recording_actions.c - RecordAudio, StartCallRecording and
 * Pause/Resume/StopCallRecording through their hooks, with the recorder
 * service and the CDR store replaced by recording stand-ins, timers fired
 * by hand and the wall clock fixed: how each recording ends (terminator, duration, silence, interruption, write failure), the
 * once-per-leg rule, the call recording's life on its leg, and the CDR
 * rows each writes. The object keys and the error rows of the parameter
 * tables and checks are in test_recording_params.c; the CDR store's recordings table in
 * test_cdr.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/actions.h"
#include "actions/recording.h"
#include "runtime/cdr.h"
#include "runtime/clock.h"
#include "runtime/log.h"
#include "runtime/media.h"

/* 2019-03-01 17:10:00.010 UTC, the guide's example time. */
#define T_EXAMPLE 1551460200010ull
/* 2024-12-31 23:59:59.999 UTC */
#define T_NOW     1735689599999ull

/* ---- recording stand-ins for the runtime around the actions ---- */

static struct config test_cfg = {.storage_root = "/srv/storage"};
static char fake_media, fake_cdr;

struct recorder {
	rec_done_h *done;
	rec_open_h *open_h;
	void *arg;
	bool stopped, paused;
};

struct row {
	char tid[40], call_id[40], kind[16], track[16], path[PATH_MAX];
	char bucket[64], key[RECORDING_KEY_MAX], status[16], reason[300];
	uint64_t started_ms, duration_ms, bytes;
};

static struct {
	/* recorder */
	struct recorder *rec;        /* the last one started, until done */
	unsigned starts, stops, pauses, resumes;
	int start_err;
	char path[PATH_MAX];
	enum rec_track track;
	struct media_leg *ml;
	unsigned level;
	double seconds;
	/* CDR */
	unsigned begins, ends;
	struct row begin, end;
	/* engine */
	unsigned schedules;
} st;

const struct config *calls_config(void) { return &test_cfg; }
struct cdr_store *calls_cdr(void) { return (struct cdr_store *)&fake_cdr; }
void engine_schedule(struct call *call) { (void)call; st.schedules++; }

/* action.c's player service, unused here. */
int player_start(struct player *p, struct media_leg *to,
		 struct audio_clip *c, unsigned repeat,
		 player_done_h *done, void *arg)
{
	(void)p; (void)to; (void)c; (void)repeat; (void)done; (void)arg;
	return ENOSYS;
}

void player_stop(struct player *p) { (void)p; }
void audio_clip_deref(struct audio_clip *c) { (void)c; }

/* Timers: fired by hand. */
void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	(void)delay_ms;
	t->h = h;
	t->arg = arg;
	t->ev = t;
}

void tmr_cancel(struct tmr *t) { t->ev = NULL; }
bool tmr_isrunning(const struct tmr *t) { return t->ev != NULL; }
void tmr_close(struct tmr *t) { t->ev = NULL; }

static void fire(struct tmr *t)
{
	assert_non_null(t->ev);
	t->ev = NULL;
	t->h(t->arg);
}

static uint64_t fixed_wall_ms(void) { return T_NOW; }
static uint64_t fixed_mono_us(void) { return 1; }
static const struct clock_ops fixed_clock = {.mono_us = fixed_mono_us,
					     .wall_ms = fixed_wall_ms};

int recorder_start(struct recorder **rp, struct media_leg *ml,
		   enum rec_track track, const char *path,
		   rec_done_h *done, void *arg)
{
	st.starts++;
	if (st.start_err)
		return st.start_err;
	assert_null(st.rec);
	st.rec = calloc(1, sizeof(*st.rec));
	assert_non_null(st.rec);
	st.rec->done = done;
	st.rec->arg = arg;
	st.ml = ml;
	st.track = track;
	snprintf(st.path, sizeof(st.path), "%s", path);
	*rp = st.rec;
	return 0;
}

void recorder_on_open(struct recorder *r, rec_open_h *h)
{
	assert_ptr_equal(r, st.rec);
	r->open_h = h;
}

/* The writer has created the file. */
static void rec_open(void)
{
	assert_non_null(st.rec);
	if (st.rec->open_h)
		st.rec->open_h(st.rec->arg);
}

void recorder_stop(struct recorder *r)
{
	assert_ptr_equal(r, st.rec);
	if (!r->stopped)
		st.stops++;
	r->stopped = true;
}

void recorder_pause(struct recorder *r)
{
	assert_ptr_equal(r, st.rec);
	st.pauses++;
	r->paused = true;
}

void recorder_resume(struct recorder *r)
{
	assert_ptr_equal(r, st.rec);
	st.resumes++;
	r->paused = false;
}

unsigned recorder_level(const struct recorder *r)
{
	assert_ptr_equal(r, st.rec);
	return st.level;
}

double recorder_seconds(const struct recorder *r)
{
	assert_ptr_equal(r, st.rec);
	return st.seconds;
}

/* The writer closed the file (or failed): done runs, then the recorder
 * is freed, as record.h says. */
static void rec_finish(enum rec_status status, const char *reason,
		       uint64_t frames)
{
	struct recorder *r = st.rec;
	struct rec_result res = {.status = status, .frames = frames,
				 .bytes = 44 + frames * 2, .path = st.path};

	assert_non_null(r);
	if (reason)
		snprintf(res.reason, sizeof(res.reason), "%s", reason);
	if (status == REC_FAILED)
		res.err = ENOSPC;
	st.rec = NULL;
	r->done(&res, r->arg);
	free(r);
}

static void row_copy(struct row *d, const struct cdr_recording *r)
{
#define C(f) snprintf(d->f, sizeof(d->f), "%s", r->f ? r->f : "")
	C(kind); C(track); C(path); C(bucket); C(key); C(status); C(reason);
#undef C
	snprintf(d->tid, sizeof(d->tid), "%s", r->TransactionId);
	snprintf(d->call_id, sizeof(d->call_id), "%s", r->CallId);
	d->started_ms = r->started_ms;
	d->duration_ms = r->duration_ms;
	d->bytes = r->bytes;
}

void cdr_recording_begin(struct cdr_store *s, const struct cdr_recording *r)
{
	assert_ptr_equal(s, &fake_cdr);
	st.begins++;
	row_copy(&st.begin, r);
}

void cdr_recording_end(struct cdr_store *s, const struct cdr_recording *r)
{
	assert_ptr_equal(s, &fake_cdr);
	st.ends++;
	row_copy(&st.end, r);
}

/* ---- running actions on one call with one leg ---- */

static struct call call;
static struct leg leg;

struct run {
	struct action a;
	struct action_result res;
	bool ok;                     /* validation and check passed */
};

static void run_prepare(struct run *r, const struct action_ops *ops,
			const char *params)
{
	json_error_t jerr;

	memset(r, 0, sizeof(*r));
	r->a.ops = ops;
	r->a.call = &call;
	r->a.leg = &leg;
	r->a.index = 1;
	r->a.params = json_loads(params, JSON_ALLOW_NUL, &jerr);
	if (!r->a.params)
		fail_msg("bad test JSON '%s': %s", params, jerr.text);
	r->a.state = calloc(1, ops->state_size);
	assert_non_null(r->a.state);
	r->ok = action_params_apply(ops, r->a.params, "Actions[1].Parameters",
				    r->a.state, &r->res) &&
		(!ops->check || ops->check(&r->a, &r->res));
}

static void run_start(struct run *r, const struct action_ops *ops,
		      const char *params)
{
	run_prepare(r, ops, params);
	if (!r->ok)
		fail_msg("%s %s refused: %s", ops->type, params,
			 r->res.error_message);
	r->a.running = true;
	ops->start(&r->a);
}

/* What the engine does with an action that ended or was stopped. */
static void run_free(struct run *r)
{
	if (r->a.running && !r->a.completed && r->a.ops->stop)
		r->a.ops->stop(&r->a);
	json_decref(r->a.params);
	json_decref(r->a.result.data);
	free(r->a.state);
}

/* leg_digit's rule: the running action sees the digit first. */
static bool press(struct run *r, char digit)
{
	return r->a.running && r->a.ops->digit && r->a.ops->digit(&r->a, digit);
}

static void expect_refused(const struct action_ops *ops, const char *params,
			   const char *error_type, const char *prefix,
			   const char *mention)
{
	struct run r;

	run_prepare(&r, ops, params);
	if (r.ok)
		fail_msg("%s %s was accepted", ops->type, params);
	assert_string_equal(r.res.error_type, error_type);
	if (prefix && strncmp(r.res.error_message, prefix, strlen(prefix)))
		fail_msg("'%s' does not start with '%s'", r.res.error_message,
			 prefix);
	if (mention && !strstr(r.res.error_message, mention))
		fail_msg("'%s' does not mention '%s'", r.res.error_message,
			 mention);
	run_free(&r);
}

static const char *data_str(const struct run *r, const char *obj,
			    const char *key)
{
	json_t *o = json_object_get(r->a.result.data, obj);

	return json_string_value(key ? json_object_get(o, key) : o);
}

static int reset(void **state)
{
	(void)state;
	memset(&st, 0, sizeof(st));
	memset(&call, 0, sizeof(call));
	memset(&leg, 0, sizeof(leg));
	snprintf(call.transaction_id, sizeof(call.transaction_id),
		 "c4640e3b-1478-40fb-8e38-6f6213adf70b");
	snprintf(leg.call_id, sizeof(leg.call_id),
		 "7ab7748e-b47d-4620-ae2c-152617d3333c");
	leg.call = &call;
	leg.tag = "LEG-A";
	leg.state = LEG_CONNECTED;
	leg.start_ms = T_EXAMPLE;
	leg.media = (struct media_leg *)&fake_media;
	clock_set_ops(&fixed_clock);
	return 0;
}

/* No recorder is left running and no leg keeps a recording. */
static int teardown(void **state)
{
	(void)state;
	clock_set_ops(NULL);
	if (leg.recording)
		leg.recording->leg_gone(leg.recording);
	if (st.rec)
		rec_finish(REC_OK, NULL, 0);
	assert_null(leg.recording);
	return 0;
}

/* ---- RecordAudio ---- */

#define RA_DEST "\"RecordingDestination\": {\"Type\": \"S3\"," \
	" \"BucketName\": \"voicemail\", \"Prefix\": \"inbox\"}"
#define RA_KEY "inbox/c4640e3b-1478-40fb-8e38-6f6213adf70b_" \
	"7ab7748e-b47d-4620-ae2c-152617d3333c_2024-12-31-23-59-59-999.wav"

/* §1.3: a terminator ends it; success waits for the file to be closed and
 * names the destination and the terminator. */
static void test_record_audio_terminator(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_record_audio, "{\"RecordingTerminators\":"
		  " [\"#\", \"*\"], " RA_DEST "}");
	assert_int_equal(st.starts, 1);
	assert_string_equal(st.path, "/srv/storage/voicemail/" RA_KEY);
	assert_int_equal(st.track, REC_INCOMING);
	assert_ptr_equal(st.ml, &fake_media);
	assert_int_equal(st.begins, 1);
	assert_string_equal(st.begin.kind, "RecordAudio");
	assert_string_equal(st.begin.track, "INCOMING");
	assert_string_equal(st.begin.bucket, "voicemail");
	assert_string_equal(st.begin.key, RA_KEY);
	assert_string_equal(st.begin.tid, call.transaction_id);
	assert_string_equal(st.begin.call_id, leg.call_id);
	assert_true(tmr_isrunning(&r.a.tmr));

	/* Other digits pass by to a ReceiveDigits listener. */
	assert_false(press(&r, '5'));
	assert_int_equal(st.stops, 0);
	assert_true(press(&r, '*'));
	assert_int_equal(st.stops, 1);
	assert_false(r.a.completed);         /* the file is not closed yet */
	assert_false(tmr_isrunning(&r.a.tmr));

	rec_finish(REC_OK, NULL, 16000);
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_string_equal(data_str(&r, "RecordingDestination", "Type"), "S3");
	assert_string_equal(data_str(&r, "RecordingDestination", "BucketName"),
			    "voicemail");
	assert_string_equal(data_str(&r, "RecordingDestination", "Key"), RA_KEY);
	assert_string_equal(data_str(&r, "RecordingTerminatorUsed", NULL), "*");
	assert_int_equal(st.ends, 1);
	assert_string_equal(st.end.status, "Completed");
	assert_string_equal(st.end.path, st.path);
	assert_int_equal(st.end.duration_ms, 2000);
	assert_int_equal(st.end.bytes, 44 + 32000);
	assert_non_null(strstr(st.end.reason, "terminator *"));
	run_free(&r);
}

/* DurationInSeconds counts captured audio; no RecordingTerminatorUsed. */
static void test_record_audio_duration(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_record_audio, "{\"DurationInSeconds\": \"3\","
		  " \"RecordingTerminators\": [\"#\"], " RA_DEST "}");
	st.seconds = 2.9;
	fire(&r.a.tmr);
	assert_int_equal(st.stops, 0);
	assert_true(tmr_isrunning(&r.a.tmr));
	st.seconds = 3.0;
	fire(&r.a.tmr);
	assert_int_equal(st.stops, 1);
	assert_false(tmr_isrunning(&r.a.tmr));
	/* Too late for a terminator now. */
	assert_false(press(&r, '#'));
	rec_finish(REC_OK, NULL, 24000);
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_null(json_object_get(r.a.result.data, "RecordingTerminatorUsed"));
	assert_string_equal(data_str(&r, "RecordingDestination", "Key"), RA_KEY);
	assert_string_equal(st.end.reason, "3 s reached");
	run_free(&r);

	/* Without DurationInSeconds it stops at the one-hour cap. */
	run_start(&r, &action_record_audio,
		  "{\"RecordingTerminators\": [\"#\"], " RA_DEST "}");
	st.seconds = 3599.9;
	fire(&r.a.tmr);
	assert_int_equal(st.stops, 1);
	st.seconds = 3600;
	fire(&r.a.tmr);
	assert_int_equal(st.stops, 2);
	rec_finish(REC_OK, NULL, 3600 * 8000);
	assert_null(r.a.result.error_type);
	run_free(&r);
}

/* Poll the recorder at `secs` with `level`. */
static void poll_at(struct run *r, double secs, unsigned level)
{
	st.seconds = secs;
	st.level = level;
	fire(&r->a.tmr);
}

/* SilenceDurationInSeconds of continuous audio below SilenceThreshold
 * ends it, counted from the start; sound in between starts it over. */
static void test_record_audio_silence(void **state)
{
	struct run r;
	double t;

	(void)state;
	run_start(&r, &action_record_audio, "{\"SilenceDurationInSeconds\": 2,"
		  " \"SilenceThreshold\": 100, \"RecordingTerminators\": [\"#\"], "
		  RA_DEST "}");
	for (t = 0.1; t < 1.55; t += 0.1)
		poll_at(&r, t, 99);          /* quiet from the start */
	poll_at(&r, 1.6, 100);               /* the caller speaks */
	for (t = 1.7; t < 3.55; t += 0.1)
		poll_at(&r, t, 20);
	assert_int_equal(st.stops, 0);       /* 1.9 s of silence so far */
	poll_at(&r, 3.7, 20);
	assert_int_equal(st.stops, 1);
	rec_finish(REC_OK, NULL, 3700 * 8);
	assert_null(r.a.result.error_type);
	assert_null(json_object_get(r.a.result.data, "RecordingTerminatorUsed"));
	assert_string_equal(st.end.reason, "2 s of silence");
	run_free(&r);

	/* Silence from the very start; the threshold defaults to 200. */
	reset(NULL);
	run_start(&r, &action_record_audio, "{\"SilenceDurationInSeconds\": 1,"
		  " \"RecordingTerminators\": [\"#\"], " RA_DEST "}");
	assert_int_equal(json_integer_value(json_object_get(r.a.params,
				"SilenceThreshold")), 200);
	for (t = 0.1; t < 0.95; t += 0.1)
		poll_at(&r, t, 199);
	assert_int_equal(st.stops, 0);
	poll_at(&r, 1.0, 199);
	assert_int_equal(st.stops, 1);
	rec_finish(REC_OK, NULL, 8000);
	run_free(&r);
}

/* Without SilenceDurationInSeconds silence never ends it. */
static void test_record_audio_no_silence_rule(void **state)
{
	struct run r;
	int i;

	(void)state;
	run_start(&r, &action_record_audio, "{\"SilenceThreshold\": 1000,"
		  " \"RecordingTerminators\": [\"#\"], " RA_DEST "}");
	for (i = 1; i <= 100; i++)
		poll_at(&r, i * 0.1, 0);
	assert_int_equal(st.stops, 0);
	assert_true(press(&r, '#'));
	rec_finish(REC_OK, NULL, 80000);
	assert_string_equal(data_str(&r, "RecordingTerminatorUsed", NULL), "#");
	run_free(&r);
}

/* A file that cannot be written fails the action as the guide classes
 * it, with the reason, and the CDR row says Failed. */
static void test_record_audio_write_fails(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_record_audio, "{\"RecordingTerminators\": [\"#\"],"
		  " " RA_DEST "}");
	rec_finish(REC_FAILED, "cannot write x.wav: No space left on device", 0);
	assert_true(r.a.completed);
	assert_false(tmr_isrunning(&r.a.tmr));
	assert_string_equal(r.a.result.error_type, "InvalidActionParameter");
	assert_string_equal(r.a.result.error_message, "Error occurred while "
			    "uploading recording to S3 bucket. (cannot write "
			    "x.wav: No space left on device)");
	assert_null(r.a.result.data);
	assert_string_equal(st.end.status, "Failed");
	assert_string_equal(st.end.reason,
			    "cannot write x.wav: No space left on device");
	run_free(&r);

	/* The recorder refuses at once: one Failed row, no begin. */
	reset(NULL);
	st.start_err = ENOSPC;
	run_start(&r, &action_record_audio, "{\"RecordingTerminators\": [\"#\"],"
		  " " RA_DEST "}");
	assert_true(r.a.completed);
	assert_string_equal(r.a.result.error_type, "InvalidActionParameter");
	assert_non_null(strstr(r.a.result.error_message, "Error occurred while "
			       "uploading recording to S3 bucket. (voicemail/"
			       RA_KEY));
	assert_int_equal(st.begins, 0);
	assert_int_equal(st.ends, 1);
	assert_string_equal(st.end.status, "Failed");
	assert_false(tmr_isrunning(&r.a.tmr));
	run_free(&r);

	/* §1.4's SystemException: no memory for the recorder. */
	reset(NULL);
	st.start_err = ENOMEM;
	run_start(&r, &action_record_audio, "{\"RecordingTerminators\": [\"#\"],"
		  " " RA_DEST "}");
	assert_string_equal(r.a.result.error_type, "SystemException");
	run_free(&r);
}

/* Interrupted (or its leg went away): the recorder stops, the file is
 * kept, and the recorder's done, arriving after the action is gone, only
 * completes the CDR row. */
static void test_record_audio_interrupted(void **state)
{
	struct run r;
	unsigned schedules;

	(void)state;
	run_start(&r, &action_record_audio, "{\"RecordingTerminators\": [\"#\"],"
		  " " RA_DEST "}");
	r.a.ops->stop(&r.a);
	assert_int_equal(st.stops, 1);
	assert_false(tmr_isrunning(&r.a.tmr));
	r.a.running = false;
	memset(r.a.state, 0xA5, action_record_audio.state_size);
	run_free(&r);                        /* the engine frees it */
	schedules = st.schedules;
	rec_finish(REC_OK, NULL, 4000);
	assert_int_equal(st.schedules, schedules);
	assert_int_equal(st.ends, 1);
	assert_string_equal(st.end.status, "Completed");
	assert_string_equal(st.end.reason, "the action was stopped");
	assert_int_equal(st.end.duration_ms, 500);
}

/* Where the file goes: a Prefix's trailing "/" is not doubled, and with
 * no Prefix the key is at the bucket's root. */
static void test_record_audio_paths(void **state)
{
	struct run r;

	(void)state;
#define RA(dest) "{\"RecordingTerminators\": [\"#\"], " \
	"\"RecordingDestination\": {\"Type\": \"S3\", " dest "}}"
	run_start(&r, &action_record_audio, RA("\"BucketName\": \"b\","
		  " \"Prefix\": \"a/b/\""));
	assert_string_equal(st.path, "/srv/storage/b/a/b/c4640e3b-1478-40fb-"
			    "8e38-6f6213adf70b_7ab7748e-b47d-4620-ae2c-"
			    "152617d3333c_2024-12-31-23-59-59-999.wav");
	assert_true(press(&r, '#'));
	rec_finish(REC_OK, NULL, 0);
	run_free(&r);
	run_start(&r, &action_record_audio, RA("\"BucketName\": \"b\""));
	assert_true(press(&r, '#'));
	rec_finish(REC_OK, NULL, 0);
	assert_string_equal(data_str(&r, "RecordingDestination", "Key"),
			    "c4640e3b-1478-40fb-8e38-6f6213adf70b_7ab7748e-b47d-"
			    "4620-ae2c-152617d3333c_2024-12-31-23-59-59-999.wav");
	run_free(&r);
#undef RA
}

/* ---- StartCallRecording ---- */

#define SCR(track, loc) "{\"CallId\": \"7ab7748e-b47d-4620-ae2c-152617d3333c\"," \
	" \"Track\": \"" track "\", \"Destination\": {\"Type\": \"S3\"," \
	" \"Location\": \"" loc "\"}}"
#define SCR_KEY "Amazon-Chime-SMA-Call-Recordings/2019/03/01/" \
	"2019-03-01-17-10-00-010_c4640e3b-1478-40fb-8e38-6f6213adf70b_" \
	"7ab7748e-b47d-4620-ae2c-152617d3333c.wav"

/* §2: success once recording has started, the key from the leg's start;
 * the recording then outlives the action and ends with the leg. */
static void test_start_call_recording(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	assert_int_equal(st.starts, 1);
	assert_int_equal(st.track, REC_BOTH);
	assert_string_equal(st.path, "/srv/storage/calls/" SCR_KEY);
	assert_non_null(leg.recording);
	assert_true(leg.recorded);
	assert_string_equal(st.begin.kind, "CallRecording");
	assert_string_equal(st.begin.track, "BOTH");
	assert_false(r.a.completed);          /* the file is being created */
	assert_false(tmr_isrunning(&r.a.tmr)); /* no guessing with a timer */
	rec_open();
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_string_equal(data_str(&r, "CallRecordingDestination", "Type"),
			    "S3");
	assert_string_equal(data_str(&r, "CallRecordingDestination",
				     "Location"), "calls/" SCR_KEY);
	run_free(&r);                         /* the action is gone ... */
	assert_int_equal(st.stops, 0);        /* ... the recording goes on */

	/* The leg ends: its recording stops, the file is then closed. */
	leg.recording->leg_gone(leg.recording);
	assert_null(leg.recording);
	assert_int_equal(st.stops, 1);
	rec_finish(REC_OK, NULL, 80000);
	assert_string_equal(st.end.status, "Completed");
	assert_string_equal(st.end.reason, "the call leg ended");
	assert_int_equal(st.end.duration_ms, 10000);
}

/* Tracks and the Location's prefix (§1.1, §1.2). */
static void test_start_call_recording_tracks(void **state)
{
	static const struct {
		const char *params, *path;
		enum rec_track track;
	} rows[] = {
		{SCR("INCOMING", "b/technicalSupport/english"),
		 "/srv/storage/b/technicalSupport/english/2019/03/01/", REC_INCOMING},
		{SCR("OUTGOING", "b/x/"), "/srv/storage/b/x/2019/03/01/",
		 REC_OUTGOING},
		{SCR("BOTH", "b/"), "/srv/storage/b/Amazon-Chime-SMA-Call-"
		 "Recordings/2019/03/01/", REC_BOTH},
	};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		reset(NULL);
		run_start(&r, &action_start_call_recording, rows[i].params);
		assert_int_equal(st.track, rows[i].track);
		if (strncmp(st.path, rows[i].path, strlen(rows[i].path)))
			fail_msg("%s is not under %s", st.path, rows[i].path);
		rec_open();
		assert_null(r.a.result.error_type);
		run_free(&r);
		teardown(NULL);
	}
}

/* §1: a leg's call recording can be started only once, even after it was
 * stopped. */
static void test_start_call_recording_once(void **state)
{
	struct run r;
	const char *once = "can be started only once";

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	rec_open();
	run_free(&r);
	expect_refused(&action_start_call_recording, SCR("INCOMING", "other"),
		       "InvalidActionParameter", "Actions[1].Parameters.CallId",
		       once);
	run_start(&r, &action_stop_call_recording, "{\"CallId\": \"x\"}");
	assert_true(r.a.completed);
	run_free(&r);
	rec_finish(REC_OK, NULL, 0);
	expect_refused(&action_start_call_recording, SCR("BOTH", "calls"),
		       "InvalidActionParameter", NULL, once);
	assert_int_equal(st.starts, 1);
}

/* A destination that cannot be written, before the success event:
 * NoAccessToDestination, and the leg was never recorded. */
static void test_start_call_recording_no_access(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	rec_finish(REC_FAILED, "cannot create x.wav: Permission denied", 0);
	assert_true(r.a.completed);
	assert_false(tmr_isrunning(&r.a.tmr));
	assert_string_equal(r.a.result.error_type, "NoAccessToDestination");
	assert_string_equal(r.a.result.error_message, "Error while accessing "
			    "destination (cannot create x.wav: Permission "
			    "denied)");
	assert_null(leg.recording);
	assert_false(leg.recorded);
	assert_string_equal(st.end.status, "Failed");
	run_free(&r);

	/* The recorder refuses at once (no free tap on the leg). */
	st.start_err = ENOSPC;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	assert_true(r.a.completed);
	assert_string_equal(r.a.result.error_type, "NoAccessToDestination");
	assert_true(!strncmp(r.a.result.error_message,
			     "Error while accessing destination (", 35));
	assert_null(leg.recording);
	assert_false(leg.recorded);
	assert_string_equal(st.end.status, "Failed");
	run_free(&r);
}

/* Writing fails later (disk full): the call goes on, the CDR row says
 * Failed; pausing has nothing left to do, Stop still takes it away. */
static void test_call_recording_fails_later(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("INCOMING", "calls"));
	rec_open();
	run_free(&r);
	rec_finish(REC_FAILED, "cannot write: No space left on device", 800);
	assert_string_equal(st.end.status, "Failed");
	assert_string_equal(st.end.reason,
			    "cannot write: No space left on device");
	assert_non_null(leg.recording);
	run_start(&r, &action_pause_call_recording, "{\"CallId\": \"x\"}");
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_int_equal(st.pauses, 0);
	run_free(&r);
	run_start(&r, &action_stop_call_recording, "{\"CallId\": \"x\"}");
	assert_null(r.a.result.error_type);
	assert_null(leg.recording);
	run_free(&r);
}

/* The leg ends while StartCallRecording waits to report: the engine stops
 * the action, then the leg stops the recording; the late done touches
 * neither. */
static void test_start_call_recording_cancelled(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	r.a.ops->stop(&r.a);
	r.a.running = false;
	assert_false(tmr_isrunning(&r.a.tmr));
	leg.recording->leg_gone(leg.recording);
	memset(r.a.state, 0xA5, action_start_call_recording.state_size);
	run_free(&r);
	assert_int_equal(st.stops, 1);
	rec_finish(REC_OK, NULL, 160);
	assert_string_equal(st.end.status, "Completed");
}

/* ---- Pause/Resume/StopCallRecording (decision 5) ---- */

static void run_simple(const struct action_ops *ops)
{
	struct run r;

	run_start(&r, ops, "{\"CallId\": \"x\"}");
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_null(r.a.result.data);
	run_free(&r);
}

static void test_pause_resume_stop(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_start_call_recording, SCR("BOTH", "calls"));
	rec_open();
	run_free(&r);

	run_simple(&action_pause_call_recording);
	assert_int_equal(st.pauses, 1);
	assert_true(st.rec->paused);
	run_simple(&action_pause_call_recording);      /* idempotent */
	assert_true(st.rec->paused);
	run_simple(&action_resume_call_recording);
	assert_false(st.rec->paused);
	run_simple(&action_resume_call_recording);     /* idempotent */
	assert_false(st.rec->paused);
	assert_int_equal(st.stops, 0);

	/* Stop succeeds once the recorder is stopped, before the close. */
	run_simple(&action_stop_call_recording);
	assert_int_equal(st.stops, 1);
	assert_null(leg.recording);
	assert_true(leg.recorded);
	assert_int_equal(st.ends, 0);
	rec_finish(REC_OK, NULL, 8000);
	assert_string_equal(st.end.status, "Completed");
	assert_string_equal(st.end.reason, "stopped by StopCallRecording");
	expect_refused(&action_pause_call_recording, "{\"CallId\": \"x\"}",
		       "InvalidActionParameter", NULL,
		       "no call recording on this leg");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(f) cmocka_unit_test_setup_teardown(f, reset, teardown)
		TEST(test_record_audio_terminator),
		TEST(test_record_audio_duration),
		TEST(test_record_audio_silence),
		TEST(test_record_audio_no_silence_rule),
		TEST(test_record_audio_write_fails),
		TEST(test_record_audio_interrupted),
		TEST(test_record_audio_paths),
		TEST(test_start_call_recording),
		TEST(test_start_call_recording_tracks),
		TEST(test_start_call_recording_once),
		TEST(test_start_call_recording_no_access),
		TEST(test_call_recording_fails_later),
		TEST(test_start_call_recording_cancelled),
		TEST(test_pause_resume_stop),
#undef TEST
	};

	log_set_level(LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
