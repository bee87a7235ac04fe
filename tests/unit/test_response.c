/* test_response.c - which handler responses are usable (events.md §8.1,
 * §8.5, §8.6, §9) and the reason given for those that are not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "actions/actions.h"
#include "runtime/audio.h"
#include "runtime/call.h"
#include "runtime/media.h"
#include "runtime/response.h"
#include "runtime/tts.h"

/* The runtime around the actions comes from action_stubs.c: response_check
 * only looks actions up by name. */

/* ---- helpers ---- */

static int group_setup(void **state)
{
	(void)state;
	action_register(&action_hangup);
	action_register(&action_pause);
	action_register(&action_play_audio);
	action_register(&action_speak);
	return 0;
}

static char buf[320];

/* "ErrorType: message" for the JSON text as response_check refuses it (the
 * INVALID_LAMBDA_RESPONSE the handler would get), NULL when usable. */
static const char *check(const char *json, const char *event_type)
{
	struct response_error err = {0};
	json_error_t jerr;
	json_t *resp = NULL;
	bool ok;

	if (json) {
		resp = json_loads(json, JSON_DECODE_ANY, &jerr);
		if (!resp)
			fail_msg("bad test JSON '%s': %s", json, jerr.text);
	}
	ok = response_check(resp, event_type, &err);
	json_decref(resp);
	if (ok)
		return NULL;
	assert_non_null(err.type);
	snprintf(buf, sizeof(buf), "%s: %s", err.type, err.message);
	return buf;
}

static void expect_ok(const char *json, const char *event_type)
{
	const char *why = check(json, event_type);

	if (why)
		fail_msg("%s refused: %s", json, why);
}

static void expect_bad(const char *json, const char *event_type,
		       const char *mention)
{
	const char *why = check(json, event_type);

	if (!why)
		fail_msg("%s accepted in reply to %s", json ? json : "NULL",
			 event_type);
	if (mention && !strstr(why, mention))
		fail_msg("reason '%s' does not mention '%s'", why, mention);
}

#define PAUSE "{\"Type\": \"Pause\", \"Parameters\": " \
	"{\"DurationInMilliseconds\": 100}}"

/* ---- tests ---- */

static void test_valid(void **state)
{
	(void)state;
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": ["
		  "{\"Type\": \"PlayAudio\", \"Parameters\": {\"AudioSource\":"
		  " {\"Type\": \"S3\", \"BucketName\": \"b\", \"Key\": \"k.wav\"}}},"
		  "{\"Type\": \"Hangup\", \"Parameters\": {\"SipResponseCode\": \"0\"}}],"
		  " \"TransactionAttributes\": {\"key1\": \"value1\"}}",
		  "NEW_INBOUND_CALL");
	/* Ten actions is the limit, not over it. */
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": [" PAUSE "," PAUSE
		  "," PAUSE "," PAUSE "," PAUSE "," PAUSE "," PAUSE "," PAUSE
		  "," PAUSE "," PAUSE "]}", "NEW_INBOUND_CALL");
	/* Parameters are checked when the action runs, not here. */
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": [{\"Type\": \"Speak\"}]}",
		  "ACTION_SUCCESSFUL");
}

static void test_null_or_not_object(void **state)
{
	(void)state;
	expect_bad(NULL, "NEW_INBOUND_CALL", "NullOrEmptyResponse: ");
	expect_bad("null", "NEW_INBOUND_CALL", "NullOrEmptyResponse: ");
	expect_bad("\"\"", "ACTION_SUCCESSFUL", "NullOrEmptyResponse: ");
	expect_bad("[]", "ACTION_SUCCESSFUL", "NullOrEmptyResponse: ");
	expect_bad("42", "ACTION_SUCCESSFUL", "NullOrEmptyResponse: ");
}

static void test_schema_version(void **state)
{
	(void)state;
	expect_bad("{}", "ACTION_SUCCESSFUL", "SchemaVersion");
	expect_bad("{\"Actions\": [" PAUSE "]}", "ACTION_SUCCESSFUL",
		   "SchemaVersion");
	expect_bad("{\"SchemaVersion\": 1.0, \"Actions\": []}",
		   "ACTION_SUCCESSFUL", "SchemaVersion");
	expect_bad("{\"SchemaVersion\": \"2.0\", \"Actions\": []}",
		   "ACTION_SUCCESSFUL", "2.0");
	expect_bad("{\"SchemaVersion\": \"2.0\", \"Actions\": []}",
		   "ACTION_SUCCESSFUL", "SchemaVersionMismatch: ");
	/* Only SchemaVersion: usable, it keeps the running list (§8.5). */
	expect_ok("{\"SchemaVersion\": \"1.0\"}", "ACTION_SUCCESSFUL");
}

static void test_too_many(void **state)
{
	(void)state;
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [" PAUSE "," PAUSE
		   "," PAUSE "," PAUSE "," PAUSE "," PAUSE "," PAUSE "," PAUSE
		   "," PAUSE "," PAUSE "," PAUSE "]}", "ACTION_SUCCESSFUL",
		   "TooManyActions: Too many actions");
}

static void test_unknown_or_untyped(void **state)
{
	(void)state;
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [" PAUSE ","
		   " {\"Type\": \"Dance\", \"Parameters\": {}}]}",
		   "ACTION_SUCCESSFUL", "UnsupportedAction: Actions[1].Type");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": ["
		   " {\"Type\": \"Dance\"}]}", "ACTION_SUCCESSFUL", "Dance");
	/* Names are case-sensitive (actions-1.md §0.1). */
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": ["
		   " {\"Type\": \"pause\"}]}", "ACTION_SUCCESSFUL", "pause");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": ["
		   " {\"Parameters\": {}}]}", "ACTION_SUCCESSFUL", "Actions[0]");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": ["
		   " {\"Type\": 3}]}", "ACTION_SUCCESSFUL", "Actions[0]");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [\"Pause\"]}",
		   "ACTION_SUCCESSFUL", "InvalidActionList: Actions[0]");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": \"Pause\"}",
		   "ACTION_SUCCESSFUL", "Actions");
	/* A non-empty object is not a list. */
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": {\"a\": 1}}",
		   "ACTION_SUCCESSFUL", "Actions");
}

static void test_empty_list(void **state)
{
	(void)state;
	/* §8.6: an empty list in reply to NEW_INBOUND_CALL is an error. */
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": []}",
		   "NEW_INBOUND_CALL", "EmptyActionList: ");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": {}}",
		   "NEW_INBOUND_CALL", "empty");
	/* ... and "stop here" in reply to anything else (§8.5). */
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": []}",
		  "ACTION_SUCCESSFUL");
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": []}",
		  "ACTION_FAILED");
	/* An empty Lua table arrives as {}: the same empty list. */
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": {}}",
		  "ACTION_SUCCESSFUL");
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": null}",
		  "ACTION_SUCCESSFUL");
}

static void test_transaction_attributes(void **state)
{
	(void)state;
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [],"
		   " \"TransactionAttributes\": {\"a\": \"x\", \"count\": 3}}",
		   "ACTION_SUCCESSFUL",
		   "TransactionAttributesInvalidValue: TransactionAttributes.count");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [],"
		   " \"TransactionAttributes\": [\"a\"]}",
		   "ACTION_SUCCESSFUL", "TransactionAttributes");
	expect_bad("{\"SchemaVersion\": \"1.0\", \"Actions\": [],"
		   " \"TransactionAttributes\": {\"nested\": {\"a\": \"b\"}}}",
		   "ACTION_SUCCESSFUL", "TransactionAttributes.nested");
	/* {} clears, null keeps (§9): both are usable. */
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": [],"
		  " \"TransactionAttributes\": {}}", "ACTION_SUCCESSFUL");
	expect_ok("{\"SchemaVersion\": \"1.0\", \"Actions\": [],"
		  " \"TransactionAttributes\": null}", "ACTION_SUCCESSFUL");
}

/* §8.2/§9: at most 100 pairs by the text (10 by the only example), so 101
 * is over the limit under either reading. */
static void test_transaction_attributes_map_size(void **state)
{
	json_t *resp = json_pack("{s:s, s:[]}", "SchemaVersion", "1.0",
				 "Actions");
	json_t *attrs = json_object();
	struct response_error err = {0};
	char key[16];
	int i;

	(void)state;
	for (i = 0; i < 101; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		json_object_set_new(attrs, key, json_string("v"));
	}
	json_object_set_new(resp, "TransactionAttributes", attrs);
	if (response_check(resp, "ACTION_SUCCESSFUL", &err))
		fail_msg("101 TransactionAttributes accepted");
	json_decref(resp);
	/* The ErrorType of the guide's INVALID_LAMBDA_RESPONSE example. */
	assert_string_equal(err.type, "TransactionAttributesInvalidMapSize");
	assert_non_null(strstr(err.message, "Maximum number of mappings"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_null_or_not_object),
		cmocka_unit_test(test_schema_version),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_unknown_or_untyped),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_transaction_attributes),
		cmocka_unit_test(test_transaction_attributes_map_size),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
