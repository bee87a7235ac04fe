/* test_cdr.c - the CDR store (write, recover, query) and `callflow cdr`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "runtime/cdr.h"
#include "runtime/cli.h"
#include "runtime/log.h"

static char base[64];
static unsigned ndirs;

/* A fresh data directory per test, two levels deep to exercise mkdir -p. */
static const char *dir_new(char *buf, size_t sz)
{
	snprintf(buf, sz, "%s/t%u/var", base, ++ndirs);
	return buf;
}

static int group_setup(void **state)
{
	(void)state;
	snprintf(base, sizeof(base), "/tmp/test_cdr-XXXXXX");
	log_set_level(LOG_ERROR);
	return mkdtemp(base) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd);
}

static struct cdr_store *store_open(const char *dir)
{
	struct cdr_store *st = NULL;

	assert_int_equal(cdr_open(dir, false, &st), 0);
	assert_non_null(st);
	return st;
}

static json_t *legs_all(struct cdr_store *st)
{
	json_t *legs = NULL;

	assert_int_equal(cdr_query_legs(st, 0, &legs), 0);
	assert_true(json_is_array(legs));
	return legs;
}

static const char *jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t jint(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

static const struct cdr_leg leg_a = {
	.AwsAccountId = "123456789012",
	.TransactionId = "tx-1",
	.CallId = "call-1",
	.VoiceConnectorId = "vc-1",
	.SchemaVersion = "2.0",
	.SourcePhoneNumber = "+12075550155",
	.SourcePhoneNumberName = "North Campus Reception",
	.DestinationPhoneNumber = "+13605551214",
	.DestinationPhoneNumberName = "South Campus Reception",
	.UsageType = "usage-type",
	.ServiceCode = "service-code",
	.Direction = "Inbound",
	.TimeStampEpochSeconds = 1666234046,
	.Region = "local",
	.SipRuleId = "rule-1",
	.SipApplicationId = "sma-1",
	.CallLegTriggerType = "ToPhoneNumber",
	.participant_tag = "LEG-A",
	.sip_call_id = "abc@127.0.0.1",
	.remote = "udp:127.0.0.1:5062",
	.script = "examples/hello.lua",
	.codec = "PCMU",
	.start_ms = 1666234046000,
};

/* b.2: every SMA field is in the record, with the values written. */
static void test_leg_begin_end(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	struct cdr_leg l = leg_a;
	json_t *legs, *row, *rtp;

	(void)state;
	cdr_leg_begin(st, &l);
	l.answer_ms = l.start_ms + 120;
	cdr_leg_update(st, &(struct cdr_leg){.CallId = "call-1",
					      .answer_ms = l.answer_ms});
	cdr_flush(st);
	legs = legs_all(st);
	assert_string_equal(jstr(json_array_get(legs, 0), "Status"), "InProgress");
	json_decref(legs);

	l.end_ms = l.start_ms + 42000;
	l.sip_status = 200;
	l.hangup_cause = "caller-bye";
	l.hangup_by = "caller";
	l.reason = "the caller hung up";
	l.rtp = (struct rtp_stats){.rx_packets = 2094, .tx_packets = 2100,
		.rx_lost = 6, .rx_jitter_ms = 1.25, .dtmf_events = 3};
	cdr_leg_end(st, &l);
	cdr_flush(st);

	legs = legs_all(st);
	assert_int_equal(json_array_size(legs), 1);
	row = json_array_get(legs, 0);
	assert_string_equal(jstr(row, "AwsAccountId"), "123456789012");
	assert_string_equal(jstr(row, "TransactionId"), "tx-1");
	assert_string_equal(jstr(row, "CallId"), "call-1");
	assert_string_equal(jstr(row, "VoiceConnectorId"), "vc-1");
	assert_string_equal(jstr(row, "Status"), "Completed");
	/* 41.88 s answered, rounded up to whole seconds. */
	assert_int_equal(jint(row, "BillableDurationSeconds"), 42);
	assert_string_equal(jstr(row, "SchemaVersion"), "2.0");
	assert_string_equal(jstr(row, "SourcePhoneNumber"), "+12075550155");
	assert_string_equal(jstr(row, "SourcePhoneNumberName"), "North Campus Reception");
	assert_string_equal(jstr(row, "DestinationPhoneNumber"), "+13605551214");
	assert_string_equal(jstr(row, "DestinationPhoneNumberName"), "South Campus Reception");
	assert_string_equal(jstr(row, "UsageType"), "usage-type");
	assert_string_equal(jstr(row, "ServiceCode"), "service-code");
	assert_string_equal(jstr(row, "Direction"), "Inbound");
	assert_int_equal(jint(row, "TimeStampEpochSeconds"), 1666234046);
	assert_string_equal(jstr(row, "Region"), "local");
	assert_string_equal(jstr(row, "SipRuleId"), "rule-1");
	assert_string_equal(jstr(row, "SipApplicationId"), "sma-1");
	assert_string_equal(jstr(row, "CallLegTriggerType"), "ToPhoneNumber");
	assert_int_equal(jint(row, "BillableVoiceFocusSeconds"), 0);
	assert_string_equal(jstr(row, "participant_tag"), "LEG-A");
	assert_string_equal(jstr(row, "remote"), "udp:127.0.0.1:5062");
	assert_int_equal(jint(row, "answer_ms"), 1666234046120);
	assert_int_equal(jint(row, "end_ms"), 1666234088000);
	assert_int_equal(jint(row, "sip_status"), 200);
	assert_string_equal(jstr(row, "hangup_cause"), "caller-bye");
	assert_string_equal(jstr(row, "codec"), "PCMU");
	rtp = json_object_get(row, "rtp");
	assert_int_equal(jint(rtp, "rx_packets"), 2094);
	assert_int_equal(jint(rtp, "rx_lost"), 6);
	assert_int_equal(jint(rtp, "dtmf_events"), 3);
	assert_true(json_real_value(json_object_get(rtp, "rx_jitter_ms")) == 1.25);
	assert_null(json_object_get(row, "rtp_rx_packets"));
	json_decref(legs);
	cdr_close(st);
}

/* A leg never ended (crash) is closed as Failed when the store reopens,
 * at its last known time, and only once. */
static void test_crash_recovery(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	struct cdr_leg l = leg_a;
	json_t *legs, *row;

	(void)state;
	l.answer_ms = l.start_ms + 500;
	cdr_leg_begin(st, &l);
	cdr_invocation_add(st, &(struct cdr_invocation){.TransactionId = "tx-1",
		.sequence = 1, .event_type = "NEW_INBOUND_CALL",
		.invoked_ms = l.start_ms + 10, .returned_ms = l.start_ms + 3200});
	cdr_close(st);

	st = store_open(dir);
	legs = legs_all(st);
	row = json_array_get(legs, 0);
	assert_string_equal(jstr(row, "Status"), "Failed");
	assert_string_equal(jstr(row, "hangup_cause"), "server-restart");
	assert_string_equal(jstr(row, "reason"),
			    "callflow stopped before the call ended (crash or kill)");
	assert_int_equal(jint(row, "end_ms"), l.start_ms + 3200);
	assert_int_equal(jint(row, "BillableDurationSeconds"), 3);
	json_decref(legs);
	cdr_close(st);

	/* A finished row is left alone by the next recovery. */
	st = store_open(dir);
	legs = legs_all(st);
	assert_int_equal(jint(json_array_get(legs, 0), "end_ms"), l.start_ms + 3200);
	json_decref(legs);
	cdr_close(st);
}

/* The timeline merges invocations and action results by time, with the
 * event and response as the JSON that was given. */
static void test_timeline(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *ev1 = json_pack("{s:s, s:i, s:{s:s}}", "InvocationEventType",
				"NEW_INBOUND_CALL", "Sequence", 1, "CallDetails",
				"TransactionId", "tx-t");
	json_t *resp = json_pack("{s:s, s:[{s:s}, {s:s}]}", "SchemaVersion",
				 "1.0", "Actions", "Type", "Speak", "Type", "Hangup");
	json_t *call = NULL, *tl, *e;

	(void)state;
	cdr_leg_begin(st, &(struct cdr_leg){.TransactionId = "tx-t",
		.CallId = "c-t", .start_ms = 1000});
	/* Written out of order on purpose. */
	cdr_action_add(st, &(struct cdr_action){.TransactionId = "tx-t",
		.sequence = 1, .index = 1, .type = "Hangup",
		.result = "Succeeded", .started_ms = 5000, .ended_ms = 5010});
	cdr_invocation_add(st, &(struct cdr_invocation){.TransactionId = "tx-t",
		.sequence = 1, .event_type = "NEW_INBOUND_CALL",
		.invoked_ms = 1100, .returned_ms = 1101, .handler_us = 300,
		.event = ev1, .response = resp});
	cdr_action_add(st, &(struct cdr_action){.TransactionId = "tx-t",
		.sequence = 1, .index = 0, .type = "Speak", .result = "Failed",
		.error_type = "InvalidActionParameter",
		.error_message = "Text is required", .started_ms = 1101,
		.ended_ms = 1102});
	cdr_action_add(st, &(struct cdr_action){.TransactionId = "tx-t",
		.sequence = 1, .index = 0, .type = "PlayAudio",
		.result = "Succeeded", .started_ms = 2000, .ended_ms = 4000,
		.first_audio_ms = 2015});
	cdr_invocation_add(st, &(struct cdr_invocation){.TransactionId = "tx-t",
		.sequence = 2, .event_type = "HANGUP", .invoked_ms = 5020,
		.returned_ms = 5021, .error = "handler.lua:3: boom"});
	/* Caller's objects may change or go away right after the call. */
	json_object_set_new(ev1, "Sequence", json_integer(99));
	cdr_flush(st);

	assert_int_equal(cdr_query_call(st, "tx-t", &call), 0);
	assert_string_equal(jstr(call, "TransactionId"), "tx-t");
	assert_int_equal(json_array_size(json_object_get(call, "Legs")), 1);
	tl = json_object_get(call, "Timeline");
	assert_int_equal(json_array_size(tl), 5);
	e = json_array_get(tl, 0);
	assert_string_equal(jstr(e, "Kind"), "Invocation");
	assert_string_equal(jstr(e, "EventType"), "NEW_INBOUND_CALL");
	assert_int_equal(jint(e, "HandlerUs"), 300);
	assert_true(json_equal(json_object_get(e, "Response"), resp));
	assert_int_equal(jint(json_object_get(e, "Event"), "Sequence"), 1);
	assert_true(json_is_null(json_object_get(e, "Error")));
	e = json_array_get(tl, 1);
	assert_string_equal(jstr(e, "Type"), "Speak");
	assert_string_equal(jstr(e, "ErrorType"), "InvalidActionParameter");
	assert_string_equal(jstr(e, "ErrorMessage"), "Text is required");
	assert_null(json_object_get(e, "FirstAudioMs"));
	e = json_array_get(tl, 2);
	assert_string_equal(jstr(e, "Type"), "PlayAudio");
	assert_int_equal(jint(e, "FirstAudioMs"), 2015);
	assert_string_equal(jstr(json_array_get(tl, 3), "Type"), "Hangup");
	e = json_array_get(tl, 4);
	assert_string_equal(jstr(e, "EventType"), "HANGUP");
	assert_string_equal(jstr(e, "Error"), "handler.lua:3: boom");
	assert_true(json_is_null(json_object_get(e, "Response")));
	json_decref(call);

	assert_int_equal(cdr_query_call(st, "no-such-tx", &call), ENOENT);
	json_decref(ev1);
	json_decref(resp);
	cdr_close(st);
}

/* update and end without a begin still leave one row; an unanswered leg
 * ended without a Status is Failed. */
static void test_update_end_without_begin(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *legs, *row;

	(void)state;
	cdr_leg_update(st, &(struct cdr_leg){.CallId = "u-1",
		.TransactionId = "tx-u", .start_ms = 2000});
	cdr_leg_end(st, &(struct cdr_leg){.CallId = "u-1", .end_ms = 2500,
		.sip_status = 404, .hangup_cause = "no-route"});
	cdr_leg_end(st, &(struct cdr_leg){.CallId = "e-1",
		.TransactionId = "tx-e", .Status = "Completed", .start_ms = 3000,
		.answer_ms = 3100, .end_ms = 4000});
	cdr_flush(st);

	legs = legs_all(st);
	assert_int_equal(json_array_size(legs), 2);
	row = json_array_get(legs, 0);  /* newest start first */
	assert_string_equal(jstr(row, "CallId"), "e-1");
	assert_string_equal(jstr(row, "Status"), "Completed");
	assert_int_equal(jint(row, "BillableDurationSeconds"), 1);
	row = json_array_get(legs, 1);
	assert_string_equal(jstr(row, "CallId"), "u-1");
	assert_string_equal(jstr(row, "TransactionId"), "tx-u");
	assert_string_equal(jstr(row, "Status"), "Failed");
	assert_string_equal(jstr(row, "hangup_cause"), "no-route");
	assert_int_equal(jint(row, "sip_status"), 404);
	assert_int_equal(jint(row, "BillableDurationSeconds"), 0);
	json_decref(legs);
	cdr_close(st);
}

static void test_readonly_missing(void **state)
{
	char dir[128];
	struct cdr_store *st = NULL;
	struct stat sb;

	(void)state;
	assert_int_equal(cdr_open(dir_new(dir, sizeof(dir)), true, &st), ENOENT);
	assert_null(st);
	assert_int_equal(stat(dir, &sb), -1);   /* a reader creates nothing */
}

static void test_many_writes(void **state)
{
	char dir[128], cid[32];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *legs;
	int i;

	(void)state;
	for (i = 0; i < 500; i++) {
		snprintf(cid, sizeof(cid), "m-%d", i);
		cdr_leg_begin(st, &(struct cdr_leg){.CallId = cid,
			.TransactionId = cid, .start_ms = 10000 + i});
		cdr_leg_end(st, &(struct cdr_leg){.CallId = cid,
			.answer_ms = 10000 + i, .end_ms = 20000 + i});
	}
	cdr_flush(st);
	legs = legs_all(st);
	assert_int_equal(json_array_size(legs), 500);
	assert_string_equal(jstr(json_array_get(legs, 0), "CallId"), "m-499");
	assert_string_equal(jstr(json_array_get(legs, 499), "Status"), "Completed");
	json_decref(legs);
	assert_int_equal(cdr_query_legs(st, 7, &legs), 0);
	assert_int_equal(json_array_size(legs), 7);
	json_decref(legs);
	cdr_close(st);
}

static void test_strings(void **state)
{
	static const char name[] = "O'Brien \"the boss\" Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac; DROP TABLE legs;--";
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *legs, *row;

	(void)state;
	cdr_leg_begin(st, &(struct cdr_leg){.CallId = "s-1",
		.SourcePhoneNumberName = name,
		.DestinationPhoneNumberName = "bad \xff\xfe utf8",
		.start_ms = 1});
	cdr_flush(st);
	legs = legs_all(st);
	row = json_array_get(legs, 0);
	assert_string_equal(jstr(row, "SourcePhoneNumberName"), name);
	assert_string_equal(jstr(row, "DestinationPhoneNumberName"), "bad ?? utf8");
	assert_true(json_is_null(json_object_get(row, "Region")));
	json_decref(legs);
	cdr_close(st);
}

static void sql_exec(const char *dir, const char *sql)
{
	char path[160];
	sqlite3 *db = NULL;

	snprintf(path, sizeof(path), "%s/cdr.sqlite", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static unsigned count_of(const char *hay, const char *needle)
{
	unsigned n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static int schema_version_of(const char *dir)
{
	char path[160];
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int v = -1;

	snprintf(path, sizeof(path), "%s/cdr.sqlite", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT MAX(version) FROM schema_version",
			       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void test_schema_newer(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));

	(void)state;
	cdr_close(st);
	sql_exec(dir, "UPDATE schema_version SET version = 99");
	st = NULL;
	assert_int_equal(cdr_open(dir, false, &st), EPROTO);
	assert_null(st);
}

/* A store written by the first release (schema 1, no first_audio_ms) is
 * migrated in place and keeps its rows. */
static void test_schema_migrate_v1(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *call;

	(void)state;
	cdr_leg_begin(st, &(struct cdr_leg){.TransactionId = "tx-old",
		.CallId = "c-old", .start_ms = 1000});
	cdr_close(st);
	sql_exec(dir, "CREATE TABLE a1 AS SELECT id, TransactionId, sequence,"
		 " \"index\", type, result, error_type, error_message,"
		 " started_ms, ended_ms FROM actions; DROP TABLE actions;"
		 " ALTER TABLE a1 RENAME TO actions;"
		 " UPDATE schema_version SET version = 1");
	st = store_open(dir);
	cdr_action_add(st, &(struct cdr_action){.TransactionId = "tx-old",
		.sequence = 1, .type = "Speak", .result = "Succeeded",
		.started_ms = 1100, .ended_ms = 3000, .first_audio_ms = 1140});
	cdr_flush(st);
	assert_int_equal(cdr_query_call(st, "tx-old", &call), 0);
	assert_int_equal(json_array_size(json_object_get(call, "Legs")), 1);
	assert_int_equal(jint(json_array_get(json_object_get(call, "Timeline"), 0),
			      "FirstAudioMs"), 1140);
	json_decref(call);
	cdr_close(st);
	assert_int_equal(schema_version_of(dir), 3);
}

/* A store of schema 2 (no recordings table) gains it in place. */
static void test_schema_migrate_v2(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *call;

	(void)state;
	cdr_leg_begin(st, &(struct cdr_leg){.TransactionId = "tx-2",
		.CallId = "c-2", .start_ms = 1000});
	cdr_close(st);
	sql_exec(dir, "DROP TABLE recordings; UPDATE schema_version SET"
		 " version = 2");
	st = store_open(dir);
	cdr_recording_end(st, &(struct cdr_recording){.TransactionId = "tx-2",
		.CallId = "c-2", .kind = "RecordAudio", .path = "/r/x.wav",
		.status = "Failed", .reason = "disk full"});
	cdr_flush(st);
	assert_int_equal(cdr_query_call(st, "tx-2", &call), 0);
	assert_int_equal(json_array_size(json_object_get(call, "Legs")), 1);
	assert_int_equal(json_array_size(json_object_get(call, "Recordings")), 1);
	json_decref(call);
	cdr_close(st);
	assert_int_equal(schema_version_of(dir), 3);
}

/* ---- recordings (decision 6 of the recording work) ---- */

static const struct cdr_recording rec_a = {
	.TransactionId = "tx-r", .CallId = "call-r", .kind = "CallRecording",
	.track = "BOTH", .path = "/srv/storage/calls/a.wav", .bucket = "calls",
	.key = "a.wav", .started_ms = 1666234046500,
};

static json_t *call_recordings(struct cdr_store *st, const char *tid,
			       json_t **callp)
{
	assert_int_equal(cdr_query_call(st, tid, callp), 0);
	return json_object_get(*callp, "Recordings");
}

/* Begin writes a "Recording" row, end completes it; an end with no begin
 * (a recorder that failed at once) adds its own row. */
static void test_recordings_rows(void **state)
{
	char dir[128];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	struct cdr_recording end = rec_a, fail = rec_a;
	json_t *call, *recs, *r;

	(void)state;
	cdr_recording_begin(st, &rec_a);
	cdr_flush(st);
	recs = call_recordings(st, "tx-r", &call);
	assert_int_equal(json_array_size(recs), 1);
	r = json_array_get(recs, 0);
	assert_string_equal(jstr(r, "Status"), "Recording");
	assert_string_equal(jstr(r, "Kind"), "CallRecording");
	assert_string_equal(jstr(r, "Track"), "BOTH");
	assert_string_equal(jstr(r, "CallId"), "call-r");
	assert_string_equal(jstr(r, "Path"), "/srv/storage/calls/a.wav");
	assert_string_equal(jstr(r, "BucketName"), "calls");
	assert_string_equal(jstr(r, "Key"), "a.wav");
	assert_int_equal(jint(r, "StartedMs"), 1666234046500);
	json_decref(call);

	end.ended_ms = 1666234058800;
	end.duration_ms = 12300;
	end.bytes = 393644;
	end.reason = "stopped by StopCallRecording";
	cdr_recording_end(st, &end);
	fail.path = "/srv/storage/calls/b.wav";
	fail.kind = "RecordAudio";
	fail.track = "INCOMING";
	fail.started_ms = 1666234060000;
	fail.status = "Failed";
	fail.reason = "the recorder could not start: No space left on device";
	cdr_recording_end(st, &fail);
	cdr_flush(st);
	recs = call_recordings(st, "tx-r", &call);
	assert_int_equal(json_array_size(recs), 2);
	r = json_array_get(recs, 0);
	assert_string_equal(jstr(r, "Status"), "Completed");
	assert_int_equal(jint(r, "EndedMs"), 1666234058800);
	assert_int_equal(jint(r, "DurationMs"), 12300);
	assert_int_equal(jint(r, "Bytes"), 393644);
	assert_string_equal(jstr(r, "Reason"), "stopped by StopCallRecording");
	r = json_array_get(recs, 1);
	assert_string_equal(jstr(r, "Status"), "Failed");
	assert_string_equal(jstr(r, "Kind"), "RecordAudio");
	assert_true(jint(r, "EndedMs") > 0);
	json_decref(call);
	cdr_close(st);
}

static const char *repaired[4];
static unsigned nrepaired;

/* The stand-in for rec_repair: the file must exist and is left as is. */
static int repair_file(const char *path)
{
	struct stat sb;

	if (nrepaired < 4)
		repaired[nrepaired] = strdup(path);
	nrepaired++;
	return stat(path, &sb) ? errno : 0;
}

/* At start, rows still "Recording" are repaired: Recovered with the
 * file's size and duration, or Failed with the repair error; finished
 * rows are left alone. */
static void test_recordings_recover(void **state)
{
	char dir[128], path[160], gone[160];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	struct cdr_recording r1 = rec_a, r2 = rec_a, r3 = rec_a;
	json_t *call, *recs, *r;
	FILE *f;
	unsigned i;

	(void)state;
	snprintf(path, sizeof(path), "%s/open.wav", dir);
	snprintf(gone, sizeof(gone), "%s/gone.wav", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	for (i = 0; i < 44 + 16000; i++)     /* 0.5 s of 8 kHz stereo */
		fputc(0, f);
	fclose(f);
	r1.path = path;
	r2.path = gone;
	r2.track = "INCOMING";
	r3.path = "/srv/storage/calls/done.wav";
	cdr_recording_begin(st, &r1);
	cdr_recording_begin(st, &r2);
	cdr_recording_begin(st, &r3);
	cdr_recording_end(st, &r3);
	cdr_close(st);                        /* the server was killed */

	st = store_open(dir);
	nrepaired = 0;
	assert_int_equal(cdr_recordings_recover(st, repair_file), 0);
	assert_int_equal(nrepaired, 2);
	assert_string_equal(repaired[0], path);
	assert_string_equal(repaired[1], gone);
	free((void *)repaired[0]);
	free((void *)repaired[1]);
	recs = call_recordings(st, "tx-r", &call);
	assert_int_equal(json_array_size(recs), 3);
	r = json_array_get(recs, 0);
	assert_string_equal(jstr(r, "Status"), "Recovered");
	assert_string_equal(jstr(r, "Reason"), "callflow stopped while "
			    "recording; file repaired up to its last second");
	assert_int_equal(jint(r, "Bytes"), 44 + 16000);
	assert_int_equal(jint(r, "DurationMs"), 500);
	assert_int_equal(jint(r, "EndedMs"), rec_a.started_ms + 500);
	r = json_array_get(recs, 1);
	assert_string_equal(jstr(r, "Status"), "Failed");
	assert_non_null(strstr(jstr(r, "Reason"), "No such file"));
	r = json_array_get(recs, 2);
	assert_string_equal(jstr(r, "Status"), "Completed");
	json_decref(call);

	/* Nothing is left to recover the next time. */
	nrepaired = 0;
	assert_int_equal(cdr_recordings_recover(st, repair_file), 0);
	assert_int_equal(nrepaired, 0);
	cdr_close(st);
	/* A read-only store cannot be repaired. */
	assert_int_equal(cdr_open(dir, true, &st), 0);
	assert_int_equal(cdr_recordings_recover(st, repair_file), EINVAL);
	cdr_close(st);
}

/* ---- the CLI ---- */

struct capture {
	int o, e, so, se;
};

/* Sends stdout and stderr (the log) to files until capture_end(). */
static void capture_begin(struct capture *c)
{
	char op[160], ep[160];

	snprintf(op, sizeof(op), "%s/stdout", base);
	snprintf(ep, sizeof(ep), "%s/stderr", base);
	fflush(stdout);
	fflush(stderr);
	c->o = open(op, O_RDWR | O_CREAT | O_TRUNC, 0600);
	c->e = open(ep, O_RDWR | O_CREAT | O_TRUNC, 0600);
	c->so = dup(1);
	c->se = dup(2);
	dup2(c->o, 1);
	dup2(c->e, 2);
}

static void capture_end(struct capture *c, char *out, size_t outsz,
			char *err, size_t errsz)
{
	ssize_t n;

	fflush(stdout);
	fflush(stderr);
	dup2(c->so, 1);
	dup2(c->se, 2);
	n = pread(c->o, out, outsz - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	n = pread(c->e, err, errsz - 1, 0);
	err[n > 0 ? n : 0] = '\0';
	close(c->o); close(c->e); close(c->so); close(c->se);
}

static int cli_run(char *out, size_t outsz, char *err, size_t errsz,
		   int argc, char **argv)
{
	struct capture c;
	int rc;

	capture_begin(&c);
	rc = cli_cdr(argc, argv);
	capture_end(&c, out, outsz, err, errsz);
	return rc;
}

#define CLI(out, err, ...) \
	cli_run(out, sizeof(out), err, sizeof(err), \
		(int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)), \
		(char *[]){__VA_ARGS__})

static void fill_call(const char *dir)
{
	struct cdr_store *st = store_open(dir);
	json_t *resp = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}]}",
				 "SchemaVersion", "1.0", "Actions", "Type",
				 "Speak", "Type", "PlayAudio", "Type", "Hangup");
	struct cdr_leg l = leg_a;

	l.answer_ms = l.start_ms + 100;
	l.end_ms = l.start_ms + 9000;
	l.Status = "Completed";
	l.hangup_cause = "handler-hangup";
	cdr_leg_end(st, &l);
	cdr_leg_begin(st, &(struct cdr_leg){.CallId = "old", .TransactionId = "tx-0",
		.start_ms = 1000, .Direction = "Inbound"});
	cdr_invocation_add(st, &(struct cdr_invocation){.TransactionId = "tx-1",
		.sequence = 1, .event_type = "NEW_INBOUND_CALL",
		.invoked_ms = l.start_ms + 120, .returned_ms = l.start_ms + 121,
		.handler_us = 300, .response = resp});
	cdr_action_add(st, &(struct cdr_action){.TransactionId = "tx-1",
		.sequence = 1, .type = "Speak", .result = "Succeeded",
		.started_ms = l.start_ms + 121, .ended_ms = l.start_ms + 2000});
	cdr_recording_end(st, &(struct cdr_recording){.TransactionId = "tx-1",
		.CallId = "call-1", .kind = "RecordAudio", .track = "INCOMING",
		.path = "/srv/storage/vm/tx-1.wav", .bucket = "vm",
		.key = "tx-1.wav", .status = "Completed",
		.reason = "ended by the terminator #",
		.started_ms = l.start_ms + 2000, .ended_ms = l.start_ms + 6500,
		.duration_ms = 4500, .bytes = 72044});
	json_decref(resp);
	cdr_close(st);
}

static void test_cli_list(void **state)
{
	char dir[128], out[8192], err[2048];
	json_t *row;

	(void)state;
	fill_call(dir_new(dir, sizeof(dir)));
	assert_int_equal(CLI(out, err, "cdr", "list", "--data-dir", dir, "--json"), 0);
	/* One compact object per line, newest first. */
	assert_non_null(strchr(out, '\n'));
	*strchr(out, '\n') = '\0';
	row = json_loads(out, 0, NULL);
	assert_non_null(row);
	assert_string_equal(jstr(row, "TransactionId"), "tx-1");
	assert_string_equal(jstr(row, "Status"), "Completed");
	json_decref(row);
	row = json_loads(out + strlen(out) + 1, 0, NULL);
	assert_string_equal(jstr(row, "TransactionId"), "tx-0");
	json_decref(row);

	assert_int_equal(CLI(out, err, "cdr", "list", "-d", dir, "--limit", "1"), 0);
	assert_non_null(strstr(out, "TRANSACTION"));
	assert_non_null(strstr(out, "2022-10-20 02:47:26  tx-1"));
	assert_non_null(strstr(out, "handler-hangup"));
	assert_null(strstr(out, "tx-0"));
}

static void test_cli_show(void **state)
{
	char dir[128], out[8192], err[2048];
	json_t *call;

	(void)state;
	fill_call(dir_new(dir, sizeof(dir)));
	assert_int_equal(CLI(out, err, "cdr", "show", "tx-1", "--data-dir", dir), 0);
	assert_non_null(strstr(out,
		"02:47:26.120  #1 NEW_INBOUND_CALL -> [Speak, PlayAudio, Hangup] (0.3 ms)"));
	assert_non_null(strstr(out, "action Speak: Succeeded"));
	assert_non_null(strstr(out, "codec PCMU"));
	assert_non_null(strstr(out, "script examples/hello.lua"));
	assert_non_null(strstr(out, "RecordAudio INCOMING on call-1: Completed,"
			       " 4.5 s, 72044 bytes, started 02:47:28.000"));
	assert_non_null(strstr(out, "file /srv/storage/vm/tx-1.wav"));
	assert_non_null(strstr(out, "reason: ended by the terminator #"));

	assert_int_equal(CLI(out, err, "cdr", "show", "--json", "-d", dir, "tx-1"), 0);
	call = json_loads(out, 0, NULL);
	assert_non_null(call);
	assert_int_equal(json_array_size(json_object_get(call, "Timeline")), 2);
	assert_string_equal(jstr(json_array_get(json_object_get(call,
				"Recordings"), 0), "Path"),
			    "/srv/storage/vm/tx-1.wav");
	json_decref(call);

	assert_int_equal(CLI(out, err, "cdr", "show", "nope", "-d", dir), 1);
	assert_non_null(strstr(err, "nope"));
}

/* The CLI reads while the server's store is open and writing (WAL). */
static void test_cli_while_writing(void **state)
{
	char dir[128], out[8192], err[2048];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	json_t *row;

	(void)state;
	cdr_leg_begin(st, &(struct cdr_leg){.CallId = "live",
		.TransactionId = "tx-live", .start_ms = 5000});
	cdr_flush(st);
	assert_int_equal(CLI(out, err, "cdr", "list", "--json", "-d", dir), 0);
	row = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	assert_non_null(row);
	assert_string_equal(jstr(row, "Status"), "InProgress");
	json_decref(row);
	cdr_leg_end(st, &(struct cdr_leg){.CallId = "live", .end_ms = 6000});
	cdr_flush(st);
	assert_int_equal(CLI(out, err, "cdr", "list", "--json", "-d", dir), 0);
	row = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	assert_string_equal(jstr(row, "Status"), "Failed");
	json_decref(row);
	cdr_close(st);
}

static void test_cli_usage(void **state)
{
	char dir[128], out[4096], err[4096];

	(void)state;
	assert_int_equal(CLI(out, err, "cdr", "--help"), 0);
	assert_non_null(strstr(out, "usage: callflow cdr list"));
	assert_int_equal(CLI(out, err, "cdr", "list", "-h"), 0);
	assert_non_null(strstr(out, "usage:"));
	assert_int_equal(CLI(out, err, "cdr", "show", "--help"), 0);
	assert_int_equal(CLI(out, err, "cdr"), 2);
	assert_non_null(strstr(err, "usage:"));
	assert_int_equal(CLI(out, err, "cdr", "frob"), 2);
	assert_int_equal(CLI(out, err, "cdr", "list", "--bogus"), 2);
	assert_int_equal(CLI(out, err, "cdr", "list", "--limit", "x"), 2);
	assert_int_equal(CLI(out, err, "cdr", "list", "--data-dir"), 2);
	assert_int_equal(CLI(out, err, "cdr", "show"), 2);
	assert_int_equal(CLI(out, err, "cdr", "show", "a", "b"), 2);
	dir_new(dir, sizeof(dir));
	assert_int_equal(CLI(out, err, "cdr", "list", "--data-dir", dir), 1);
	assert_non_null(strstr(err, "cdr.sqlite not found"));
	assert_int_equal(CLI(out, err, "cdr", "show", "tx", "--data-dir", dir), 1);
}

/* A failing write is logged once, loses only itself, and never crashes. */
static void test_write_error(void **state)
{
	char dir[128], out[1024], err[4096];
	struct cdr_store *st = store_open(dir_new(dir, sizeof(dir)));
	struct cdr_action a = {.TransactionId = "tx-w", .type = "Speak",
			       .result = "Succeeded"};
	struct capture c;
	json_t *legs;

	(void)state;
	sql_exec(dir, "DROP TABLE actions");
	capture_begin(&c);
	cdr_action_add(st, &a);
	cdr_action_add(st, &a);
	cdr_leg_begin(st, &(struct cdr_leg){.CallId = "w-1", .start_ms = 1});
	cdr_flush(st);
	capture_end(&c, out, sizeof(out), err, sizeof(err));
	assert_int_equal(count_of(err, "cannot add action"), 1);
	assert_non_null(strstr(err, "no such table"));
	legs = legs_all(st);
	assert_int_equal(json_array_size(legs), 1);
	json_decref(legs);
	cdr_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leg_begin_end),
		cmocka_unit_test(test_crash_recovery),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_update_end_without_begin),
		cmocka_unit_test(test_readonly_missing),
		cmocka_unit_test(test_many_writes),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_schema_newer),
		cmocka_unit_test(test_schema_migrate_v1),
		cmocka_unit_test(test_schema_migrate_v2),
		cmocka_unit_test(test_recordings_rows),
		cmocka_unit_test(test_recordings_recover),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_cli_list),
		cmocka_unit_test(test_cli_show),
		cmocka_unit_test(test_cli_while_writing),
		cmocka_unit_test(test_cli_usage),
	};

	return cmocka_run_group_tests_name("cdr", tests, group_setup,
					   group_teardown);
}
