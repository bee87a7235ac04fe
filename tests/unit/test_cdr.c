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

	assert_int_equal(CLI(out, err, "cdr", "show", "--json", "-d", dir, "tx-1"), 0);
	call = json_loads(out, 0, NULL);
	assert_non_null(call);
	assert_int_equal(json_array_size(json_object_get(call, "Timeline")), 2);
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
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_cli_list),
		cmocka_unit_test(test_cli_show),
		cmocka_unit_test(test_cli_while_writing),
		cmocka_unit_test(test_cli_usage),
	};

	return cmocka_run_group_tests_name("cdr", tests, group_setup,
					   group_teardown);
}
