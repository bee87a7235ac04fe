/* test_recording_params.c - the error rows of RecordAudio (actions-2.md
 * §1.2, §1.4), StartCallRecording and Pause/Resume/StopCallRecording
 * (actions-1.md §2-§5, Appendix A): the parameter tables through the
 * generic validator, then the checks that need the call (Prefix length,
 * null values, paths that leave the storage root, NUL characters), and
 * the object keys the recordings get (actions-1.md §1.2). The
 * actions running are in test_recording_actions.c. Kept apart from
 * test_actions.c, which is near the 900-line limit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/actions.h"
#include "actions/recording.h"
#include "runtime/call.h"
#include "runtime/cdr.h"
#include "runtime/record.h"
#include "tests/unit/params_run.h"

/* ---- the runtime around the actions: validation never reaches it (the
 * rest are action_stubs.c's no-ops) ---- */

static struct config test_cfg = {.storage_root = "/srv/storage"};

const struct config *calls_config(void) { return &test_cfg; }

/* 2019-03-01 17:10:00.010 UTC, the guide's example time. */
#define T_EXAMPLE 1551460200010ull
/* 2024-12-31 23:59:59.999 UTC */
#define T_NOW     1735689599999ull

/* ---- keys (decisions 3 and 4, actions-1.md §1.2) ---- */

static void test_keys(void **state)
{
	char k[RECORDING_KEY_MAX], bucket[24];
	const char *prefix;

	(void)state;
	/* RecordAudio: <Prefix>/<TransactionId>_<CallId>_<time>.wav */
	assert_int_equal(recording_key_audio(k, sizeof(k), "voicemail", "tx",
					     "c1", T_EXAMPLE), 0);
	assert_string_equal(k, "voicemail/tx_c1_2019-03-01-17-10-00-010.wav");
	assert_int_equal(recording_key_audio(k, sizeof(k), "a/b/", "tx", "c1",
					     T_NOW), 0);
	assert_string_equal(k, "a/b/tx_c1_2024-12-31-23-59-59-999.wav");
	/* No Prefix: the bucket's root, no leading "/". */
	recording_key_audio(k, sizeof(k), NULL, "tx", "c1", T_EXAMPLE);
	assert_string_equal(k, "tx_c1_2019-03-01-17-10-00-010.wav");
	recording_key_audio(k, sizeof(k), "", "tx", "c1", T_EXAMPLE);
	assert_string_equal(k, "tx_c1_2019-03-01-17-10-00-010.wav");
	assert_int_equal(recording_key_audio(k, 20, "p", "tx", "c1", T_NOW),
			 ENAMETOOLONG);

	/* StartCallRecording: the guide's own example, default prefix. */
	recording_key_call(k, sizeof(k), NULL,
			   "c4640e3b-1478-40fb-8e38-6f6213adf70b",
			   "7ab7748e-b47d-4620-ae2c-152617d3333c", T_EXAMPLE);
	assert_string_equal(k, "Amazon-Chime-SMA-Call-Recordings/2019/03/01/"
			    "2019-03-01-17-10-00-010_c4640e3b-1478-40fb-8e38-"
			    "6f6213adf70b_7ab7748e-b47d-4620-ae2c-152617d3333c"
			    ".wav");
	recording_key_call(k, sizeof(k), "technicalSupport/english", "t", "c",
			   T_NOW);
	assert_string_equal(k, "technicalSupport/english/2024/12/31/"
			    "2024-12-31-23-59-59-999_t_c.wav");

	/* Location: "bucket" or "bucket/prefix". */
	assert_int_equal(recording_location_split("myRecordingBucket/tech/en",
						  bucket, sizeof(bucket),
						  &prefix), 0);
	assert_string_equal(bucket, "myRecordingBucket");
	assert_string_equal(prefix, "tech/en");
	assert_int_equal(recording_location_split("b//", bucket, sizeof(bucket),
						  &prefix), 0);
	assert_string_equal(bucket, "b");
	assert_null(prefix);                 /* the default prefix then */
	assert_int_equal(recording_location_split("/p", bucket, sizeof(bucket),
						  &prefix), EINVAL);
	assert_int_equal(recording_location_split("a-very-long-bucket-name-"
						  "indeed", bucket,
						  sizeof(bucket), &prefix),
			 ENAMETOOLONG);
}

/* ---- helpers ---- */

static struct call call = {.transaction_id = "tx-1"};
static struct leg leg = {.call = &call, .call_id = "call-1", .tag = "LEG-A",
			 .start_ms = 1551460200010ull};

/* Validate the JSON text `params`; with_check: then the action's check,
 * as the engine runs it once the leg is known. */
static struct run check_run(const struct action_ops *ops, const char *params,
			    bool with_check)
{
	struct action a = {.call = &call, .leg = &leg};

	return run_params(ops, params, with_check ? &a : NULL);
}

static struct run apply(const struct action_ops *ops, const char *params)
{
	return check_run(ops, params, false);
}

/* Refused with error_type; the message starts with msg_prefix and
 * mentions `mention` (either may be NULL). */
static void expect_refused(const struct action_ops *ops, const char *params,
			   bool with_check, const char *error_type,
			   const char *msg_prefix, const char *mention)
{
	struct run r = check_run(ops, params, with_check);

	if (r.ok)
		fail_msg("%s %s was accepted", ops->type, params);
	assert_string_equal(r.res.error_type, error_type);
	if (msg_prefix && strncmp(r.res.error_message, msg_prefix,
				  strlen(msg_prefix)))
		fail_msg("message '%s' does not start with '%s'",
			 r.res.error_message, msg_prefix);
	if (mention && !strstr(r.res.error_message, mention))
		fail_msg("message '%s' does not mention '%s'",
			 r.res.error_message, mention);
	run_free(&r);
}

#define expect_fail(ops, params, type, prefix, mention) \
	expect_refused(ops, params, false, type, prefix, mention)
#define expect_check_fail(ops, params, type, prefix, mention) \
	expect_refused(ops, params, true, type, prefix, mention)

/* ---- RecordAudio (actions-2.md §1.2, §1.4, decision 3) ---- */

#define RA_DEST "\"RecordingDestination\": {\"Type\": \"S3\"," \
	" \"BucketName\": \"b\"}"
#define RA_OK "\"RecordingTerminators\": [\"#\"], " RA_DEST

static void test_record_audio_ok(void **state)
{
	const struct action_ops *ops = &action_record_audio;
	struct run r;

	(void)state;
	r = apply(ops, "{" RA_OK "}");
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	/* Optional and off: no duration, no silence detection. */
	assert_int_equal(state_int(ops, &r, "DurationInSeconds"), 0);
	assert_int_equal(state_int(ops, &r, "SilenceDurationInSeconds"), 0);
	assert_ptr_equal(state_json(ops, &r, "RecordingTerminators"),
			 json_object_get(r.params, "RecordingTerminators"));
	run_free(&r);
	/* The guide's example, DurationInSeconds as a string (§0.5). */
	r = apply(ops, "{\"CallId\": \"call-id-1\", \"DurationInSeconds\":"
		  " \"10\", \"SilenceDurationInSeconds\": 3,"
		  " \"SilenceThreshold\": 100, \"RecordingTerminators\":"
		  " [\"#\"], \"RecordingDestination\": {\"Type\": \"S3\","
		  " \"BucketName\": \"valid-bucket-name\", \"Prefix\":"
		  " \"valid-prefix-name\"}}");
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	assert_int_equal(state_int(ops, &r, "DurationInSeconds"), 10);
	assert_int_equal(state_int(ops, &r, "SilenceDurationInSeconds"), 3);
	assert_int_equal(state_int(ops, &r, "SilenceThreshold"), 100);
	run_free(&r);
	/* Range ends, and every key a caller can press. */
	r = apply(ops, "{\"SilenceDurationInSeconds\": 1, \"SilenceThreshold\":"
		  " 1, \"DurationInSeconds\": 1, \"RecordingTerminators\": [\"0\","
		  " \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\","
		  " \"9\", \"*\", \"#\"], " RA_DEST "}");
	assert_true(r.ok);
	run_free(&r);
	r = apply(ops, "{\"SilenceDurationInSeconds\": 1000,"
		  " \"SilenceThreshold\": 1000, " RA_OK "}");
	assert_true(r.ok);
	run_free(&r);
}

static void test_record_audio_errors(void **state)
{
	const struct action_ops *ops = &action_record_audio;
	const char *dur = "DurationInSeconds parameter value is invalid.";
	const char *sil = "SilenceDurationInSeconds parameter value is invalid.";
	const char *thr = "SilenceThreshold parameter value is invalid.";
	const char *dest = "RecordingDestination parameter value is invalid.";

	(void)state;
	expect_fail(ops, "{\"DurationInSeconds\": 0, " RA_OK "}",
		    "InvalidActionParameter", dur, PATH ".DurationInSeconds");
	expect_fail(ops, "{\"DurationInSeconds\": -5, " RA_OK "}",
		    "InvalidActionParameter", dur, NULL);
	expect_fail(ops, "{\"DurationInSeconds\": \"ten\", " RA_OK "}",
		    "InvalidActionParameter", dur, NULL);
	expect_fail(ops, "{\"DurationInSeconds\": 1.5, " RA_OK "}",
		    "InvalidActionParameter", dur, NULL);
	expect_fail(ops, "{\"SilenceDurationInSeconds\": 0, " RA_OK "}",
		    "InvalidActionParameter", sil,
		    PATH ".SilenceDurationInSeconds");
	expect_fail(ops, "{\"SilenceDurationInSeconds\": 1001, " RA_OK "}",
		    "InvalidActionParameter", sil, NULL);
	expect_fail(ops, "{\"SilenceDurationInSeconds\": \"x\", " RA_OK "}",
		    "InvalidActionParameter", sil, NULL);
	expect_fail(ops, "{\"SilenceThreshold\": 0, " RA_OK "}",
		    "InvalidActionParameter", thr, PATH ".SilenceThreshold");
	expect_fail(ops, "{\"SilenceThreshold\": 1001, " RA_OK "}",
		    "InvalidActionParameter", thr, NULL);
	/* RecordingDestination: any problem below it has its one message. */
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"]}",
		    "InvalidActionParameter", dest, PATH ".RecordingDestination");
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": \"b\"}",
		    "InvalidActionParameter", dest, NULL);
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": {\"Type\": \"HTTP\","
		    " \"BucketName\": \"b\"}}", "InvalidActionParameter", dest,
		    PATH ".RecordingDestination.Type");
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": {\"BucketName\": \"b\"}}",
		    "InvalidActionParameter", dest,
		    PATH ".RecordingDestination.Type");
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": {\"Type\": \"S3\"}}",
		    "InvalidActionParameter", dest,
		    PATH ".RecordingDestination.BucketName");
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": {\"Type\": \"S3\","
		    " \"BucketName\": \"\"}}", "InvalidActionParameter", dest,
		    PATH ".RecordingDestination.BucketName");
	expect_fail(ops, "{\"RecordingTerminators\": [\"#\"],"
		    " \"RecordingDestination\": {\"Type\": \"S3\","
		    " \"BucketName\": \"b\", \"Prefix\": 7}}",
		    "InvalidActionParameter", dest,
		    PATH ".RecordingDestination.Prefix");
	/* RecordingTerminators: required, 0-9 * # only (no A-D). */
	expect_fail(ops, "{" RA_DEST "}", "InvalidActionParameter",
		    PATH ".RecordingTerminators", "required");
	expect_fail(ops, "{\"RecordingTerminators\": [\"A\"], " RA_DEST "}",
		    "InvalidActionParameter", PATH ".RecordingTerminators", NULL);
	expect_fail(ops, "{\"RecordingTerminators\": [\"##\"], " RA_DEST "}",
		    "InvalidActionParameter", PATH ".RecordingTerminators", NULL);
	expect_fail(ops, "{\"RecordingTerminators\": \"#\", " RA_DEST "}",
		    "InvalidActionParameter", PATH ".RecordingTerminators", NULL);
}

/* ---- call recording actions (actions-1.md §2-§5, Appendix A) ---- */

#define SCR_DEST "\"Destination\": {\"Type\": \"S3\", \"Location\": \"b\"}"

static void test_start_call_recording_params(void **state)
{
	const struct action_ops *ops = &action_start_call_recording;
	const char *track = "Invalid recording track; choose INCOMING, "
			    "OUTGOING or BOTH";
	const char *dest = "The Destination parameter is invalid.";
	const char *callid = "The CallId parameter of the action is invalid.";
	static const char *const ok[] = {
		"{\"CallId\": \"c\", \"Track\": \"BOTH\", " SCR_DEST "}",
		"{\"CallId\": \"c\", \"Track\": \"INCOMING\", " SCR_DEST "}",
		"{\"CallId\": \"c\", \"Track\": \"OUTGOING\","
		" \"Destination\": {\"Type\": \"S3\", \"Location\": \"b/p/q\"}}",
	};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		r = apply(ops, ok[i]);
		if (!r.ok)
			fail_msg("%s refused: %s", ok[i], r.res.error_message);
		run_free(&r);
	}
	expect_fail(ops, "{\"Track\": \"BOTH\", " SCR_DEST "}",
		    "InvalidActionParameter", callid, PATH ".CallId");
	expect_fail(ops, "{\"CallId\": 5, \"Track\": \"BOTH\", " SCR_DEST "}",
		    "InvalidActionParameter", callid, NULL);
	expect_fail(ops, "{\"CallId\": \"c\", " SCR_DEST "}",
		    "InvalidActionParameter", track, PATH ".Track");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"LEFT\", " SCR_DEST
		    "}", "InvalidActionParameter", track, NULL);
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"both\", " SCR_DEST
		    "}", "InvalidActionParameter", track, NULL);
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\"}",
		    "InvalidActionParameter", dest, PATH ".Destination");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\","
		    " \"Destination\": {\"Type\": \"HTTP\", \"Location\": \"b\"}}",
		    "InvalidActionParameter", dest, PATH ".Destination.Type");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\","
		    " \"Destination\": {\"Location\": \"b\"}}",
		    "InvalidActionParameter", dest, PATH ".Destination.Type");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\","
		    " \"Destination\": {\"Type\": \"S3\"}}",
		    "InvalidActionParameter", dest, PATH ".Destination.Location");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\","
		    " \"Destination\": {\"Type\": \"S3\", \"Location\": \"\"}}",
		    "InvalidActionParameter", dest, PATH ".Destination.Location");
	expect_fail(ops, "{\"CallId\": \"c\", \"Track\": \"BOTH\","
		    " \"Destination\": \"b\"}",
		    "InvalidActionParameter", dest, NULL);
	assert_int_equal(ops->leg_select, LEG_SELECT_CALLID);
	assert_false(ops->flags & ACTION_INTERRUPTIBLE);
}

/* Pause/Resume/StopCallRecording: CallId, required. */
static void test_call_recording_target_params(void **state)
{
	const struct action_ops *ops[] = {&action_stop_call_recording,
		&action_pause_call_recording, &action_resume_call_recording};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		r = apply(ops[i], "{\"CallId\": \"call-id-1\"}");
		assert_true(r.ok);
		run_free(&r);
		expect_fail(ops[i], "{}", "InvalidActionParameter",
			    PATH ".CallId", "required");
		expect_fail(ops[i], "{\"CallId\": \"\"}",
			    "InvalidActionParameter", PATH ".CallId", NULL);
		expect_fail(ops[i], "{\"CallId\": 1}",
			    "InvalidActionParameter", PATH ".CallId", NULL);
		assert_int_equal(ops[i]->leg_select, LEG_SELECT_CALLID);
	}
	/* Only RecordAudio answers the call and can be interrupted. */
	assert_int_equal(action_record_audio.flags,
			 ACTION_ANSWERS | ACTION_INTERRUPTIBLE);
}

/* ---- what the checks refuse ---- */

static const char *const bad_dest = "RecordingDestination parameter value "
				    "is invalid.";

static void test_record_audio_checks(void **state)
{
	const struct action_ops *ops = &action_record_audio;
	char params[1200], prefix[990];
	struct run r;

	(void)state;
	/* §1.2: Prefix at most 979 bytes, even when fewer characters. */
	memset(prefix, 'p', 979);
	prefix[979] = '\0';
	snprintf(params, sizeof(params), "{\"RecordingTerminators\": [\"#\"],"
		 " \"RecordingDestination\": {\"Type\": \"S3\", \"BucketName\":"
		 " \"b\", \"Prefix\": \"%s\"}}", prefix);
	r = check_run(ops, params, true);
	assert_true(r.ok);
	run_free(&r);
	memcpy(prefix + 978, "\xc3\xa9", 3);
	snprintf(params, sizeof(params), "{\"RecordingTerminators\": [\"#\"],"
		 " \"RecordingDestination\": {\"Type\": \"S3\", \"BucketName\":"
		 " \"b\", \"Prefix\": \"%s\"}}", prefix);
	expect_check_fail(ops, params, "InvalidActionParameter", bad_dest,
			  "Actions[0].Parameters.RecordingDestination.Prefix");
	/* Decision 2: nothing may leave the bucket. */
#define RA(dest) "{\"RecordingTerminators\": [\"#\"], " \
	"\"RecordingDestination\": {\"Type\": \"S3\", " dest "}}"
	expect_check_fail(ops, RA("\"BucketName\": \"b\", \"Prefix\":"
			  " \"../other\""), "InvalidActionParameter", bad_dest,
			  "storage root");
	expect_check_fail(ops, RA("\"BucketName\": \"b\", \"Prefix\": \"/etc\""),
			  "InvalidActionParameter", bad_dest, NULL);
	expect_check_fail(ops, RA("\"BucketName\": \"b\", \"Prefix\": \"a/./b\""),
			  "InvalidActionParameter", bad_dest, NULL);
	expect_check_fail(ops, RA("\"BucketName\": \"..\""),
			  "InvalidActionParameter", bad_dest, NULL);
	expect_check_fail(ops, RA("\"BucketName\": \"b/c\""),
			  "InvalidActionParameter", bad_dest, NULL);
	expect_check_fail(ops, RA("\"BucketName\": \"b\", \"Prefix\":"
			  " \"x\\u0000y\""), "InvalidActionParameter", bad_dest,
			  "NUL");
	r = check_run(ops, RA("\"BucketName\": \"b\", \"Prefix\": \"a/b/\""),
		      true);
	assert_true(r.ok);
	run_free(&r);
#undef RA
	/* §1.4: null is invalid for the three numbers. */
	expect_check_fail(ops, "{\"DurationInSeconds\": null, " RA_OK "}",
			  "InvalidActionParameter",
			  "DurationInSeconds parameter value is invalid.", NULL);
	expect_check_fail(ops, "{\"SilenceDurationInSeconds\": null, " RA_OK "}",
			  "InvalidActionParameter",
			  "SilenceDurationInSeconds parameter value is invalid.",
			  NULL);
	expect_check_fail(ops, "{\"SilenceThreshold\": null, " RA_OK "}",
			  "InvalidActionParameter",
			  "SilenceThreshold parameter value is invalid.", NULL);
	/* SilenceThreshold's default, 200, is echoed. */
	r = check_run(ops, "{" RA_OK "}", true);
	assert_true(r.ok);
	assert_int_equal(json_integer_value(json_object_get(r.params,
				"SilenceThreshold")), 200);
	run_free(&r);
}

#define SCR(loc) "{\"CallId\": \"call-1\", \"Track\": \"BOTH\"," \
	" \"Destination\": {\"Type\": \"S3\", \"Location\": \"" loc "\"}}"

/* Destination: an empty bucket, a prefix leaving the storage root, a NUL;
 * and the once-per-leg rule (§1). */
static void test_start_call_recording_checks(void **state)
{
	const struct action_ops *ops = &action_start_call_recording;
	const char *bad = "The Destination parameter is invalid.";
	struct run r;

	(void)state;
	expect_check_fail(ops, SCR("/prefix"), "InvalidActionParameter", bad,
			  "no bucket");
	expect_check_fail(ops, SCR("b/../x"), "InvalidActionParameter", bad,
			  "storage root");
	expect_check_fail(ops, SCR(".."), "InvalidActionParameter", bad, NULL);
	expect_check_fail(ops, SCR("b\\u0000c"), "InvalidActionParameter", bad,
			  "NUL");
	r = check_run(ops, SCR("b/p/"), true);
	assert_true(r.ok);
	run_free(&r);
	leg.recorded = true;
	expect_check_fail(ops, SCR("b"), "InvalidActionParameter",
			  PATH ".CallId", "can be started only once");
	leg.recorded = false;
}

/* Decision 5: Pause/Resume/Stop on a leg with no call recording. */
static void test_no_call_recording_checks(void **state)
{
	const struct action_ops *ops[] = {&action_stop_call_recording,
		&action_pause_call_recording, &action_resume_call_recording};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		expect_check_fail(ops[i], "{\"CallId\": \"call-1\"}",
				  "InvalidActionParameter", PATH ".CallId",
				  "no call recording on this leg");
}

static void test_registry(void **state)
{
	(void)state;
	action_register(&action_record_audio);
	action_register(&action_start_call_recording);
	action_register(&action_stop_call_recording);
	action_register(&action_pause_call_recording);
	action_register(&action_resume_call_recording);
	assert_ptr_equal(action_find("RecordAudio"), &action_record_audio);
	assert_ptr_equal(action_find("StartCallRecording"),
			 &action_start_call_recording);
	assert_ptr_equal(action_find("StopCallRecording"),
			 &action_stop_call_recording);
	assert_ptr_equal(action_find("PauseCallRecording"),
			 &action_pause_call_recording);
	assert_ptr_equal(action_find("ResumeCallRecording"),
			 &action_resume_call_recording);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_record_audio_ok),
		cmocka_unit_test(test_record_audio_errors),
		cmocka_unit_test(test_start_call_recording_params),
		cmocka_unit_test(test_call_recording_target_params),
		cmocka_unit_test(test_record_audio_checks),
		cmocka_unit_test(test_start_call_recording_checks),
		cmocka_unit_test(test_no_call_recording_checks),
		cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
