/* test_event.c - invocation events built from a call, compared with the
 * shapes of events.md §6-§7, and ActionData for an action's result. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/call.h"

/* ---- test-only stand-in: the call layer's configuration ---- */

/* The account's region differs from the application's, so a test can tell
 * which one an event shows. */
static struct config test_cfg = {.account_id = "123456789012",
				 .region = "eu-west-1"};

const struct config *calls_config(void) { return &test_cfg; }

/* ---- a call with one inbound leg, built by hand ---- */

struct fixture {
	struct cfg_sma sma;
	struct cfg_rule rule;
	struct leg leg_a, leg_b;
	struct call call;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->sma.id = "sip-media-application-id";
	f->sma.name = "Hello";
	f->sma.region = "us-east-1";
	f->rule.id = "sip-rule-id";

	f->leg_a.call = &f->call;
	snprintf(f->leg_a.call_id, sizeof(f->leg_a.call_id), "call-id-1");
	f->leg_a.tag = "LEG-A";
	f->leg_a.direction = "Inbound";
	f->leg_a.from = "+15105550101";
	f->leg_a.to = "+12065551212";
	f->leg_a.state = LEG_OFFERED;
	f->leg_a.start_ms = 1641998241509ull;

	snprintf(f->call.transaction_id, sizeof(f->call.transaction_id),
		 "transaction-id");
	f->call.rule = &f->rule;
	f->call.sma = &f->sma;
	f->call.legs[0] = &f->leg_a;
	f->call.nlegs = 1;
	f->call.sequence = 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	json_decref(f->call.attrs);
	json_decref(f->leg_a.sip_headers);
	json_decref(f->leg_b.sip_headers);
	free(f);
	return 0;
}

/* obj has exactly the members listed (NULL-terminated), no others. */
static void assert_keys(json_t *obj, const char *const *keys)
{
	size_t n = 0;

	assert_true(json_is_object(obj));
	for (; keys[n]; n++)
		if (!json_object_get(obj, keys[n]))
			fail_msg("member %s is missing", keys[n]);
	if (json_object_size(obj) != n) {
		char *s = json_dumps(obj, JSON_SORT_KEYS), msg[512];

		snprintf(msg, sizeof(msg), "%s", s ? s : "?");
		free(s);
		fail_msg("unexpected members in %s", msg);
	}
}

static const char *str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		fail_msg("%s is not a string", key);
	return json_string_value(v);
}

static json_t *details(json_t *ev)
{
	return json_object_get(ev, "CallDetails");
}

static json_t *participant(json_t *ev, size_t i)
{
	return json_array_get(json_object_get(details(ev), "Participants"), i);
}

/* events.md §7.1, field by field. */
static void test_new_inbound_call(void **state)
{
	static const char *const top[] = {
		"SchemaVersion", "Sequence", "InvocationEventType",
		"CallDetails", NULL
	};
	static const char *const cd[] = {
		"TransactionId", "AwsAccountId", "AwsRegion", "SipRuleId",
		"SipMediaApplicationId", "Participants", NULL
	};
	static const char *const part[] = {
		"CallId", "ParticipantTag", "To", "From", "Direction",
		"StartTimeInMilliseconds", "Status", NULL
	};
	struct fixture *f = *state;
	json_t *ev = event_build(&f->call, "NEW_INBOUND_CALL", NULL);
	json_t *p;

	assert_non_null(ev);
	assert_keys(ev, top);
	assert_string_equal(str(ev, "SchemaVersion"), "1.0");
	assert_true(json_is_integer(json_object_get(ev, "Sequence")));
	assert_int_equal(json_integer_value(json_object_get(ev, "Sequence")), 1);
	assert_string_equal(str(ev, "InvocationEventType"), "NEW_INBOUND_CALL");

	assert_keys(details(ev), cd);
	assert_string_equal(str(details(ev), "TransactionId"), "transaction-id");
	assert_string_equal(str(details(ev), "AwsAccountId"), "123456789012");
	assert_string_equal(str(details(ev), "AwsRegion"), "us-east-1");
	assert_string_equal(str(details(ev), "SipRuleId"), "sip-rule-id");
	assert_string_equal(str(details(ev), "SipMediaApplicationId"),
			    "sip-media-application-id");
	assert_int_equal(json_array_size(json_object_get(details(ev),
							 "Participants")), 1);

	p = participant(ev, 0);
	assert_keys(p, part);
	assert_string_equal(str(p, "CallId"), "call-id-1");
	assert_string_equal(str(p, "ParticipantTag"), "LEG-A");
	assert_string_equal(str(p, "To"), "+12065551212");
	assert_string_equal(str(p, "From"), "+15105550101");
	assert_string_equal(str(p, "Direction"), "Inbound");
	/* A string of epoch milliseconds, not a number (§6.3). */
	assert_string_equal(str(p, "StartTimeInMilliseconds"), "1641998241509");
	/* "Connected" already, though not answered yet (§7.1). */
	assert_string_equal(str(p, "Status"), "Connected");
	json_decref(ev);
}

static void test_sequence_and_type(void **state)
{
	struct fixture *f = *state;
	json_t *ev;

	f->call.sequence = 42;
	ev = event_build(&f->call, "CALL_UPDATE_REQUESTED", NULL);
	assert_int_equal(json_integer_value(json_object_get(ev, "Sequence")), 42);
	assert_string_equal(str(ev, "InvocationEventType"),
			    "CALL_UPDATE_REQUESTED");
	json_decref(ev);
}

static void test_status(void **state)
{
	static const struct {
		enum leg_state st;
		const char *status;
	} rows[] = {
		{LEG_OFFERED, "Connected"},
		{LEG_ANSWERED, "Connected"},
		{LEG_CONNECTED, "Connected"},
		{LEG_ENDED, "Disconnected"},
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		json_t *ev;

		f->leg_a.state = rows[i].st;
		ev = event_build(&f->call, "HANGUP", NULL);
		assert_string_equal(str(participant(ev, 0), "Status"),
				    rows[i].status);
		json_decref(ev);
	}
}

static void test_transaction_attributes(void **state)
{
	struct fixture *f = *state;
	json_t *ev;

	/* None stored, or cleared to {}: the member is absent (§6.2). */
	ev = event_build(&f->call, "ACTION_SUCCESSFUL", NULL);
	assert_null(json_object_get(details(ev), "TransactionAttributes"));
	json_decref(ev);
	f->call.attrs = json_object();
	ev = event_build(&f->call, "ACTION_SUCCESSFUL", NULL);
	assert_null(json_object_get(details(ev), "TransactionAttributes"));
	json_decref(ev);

	json_object_set_new(f->call.attrs, "key1", json_string("value1"));
	json_object_set_new(f->call.attrs, "key2", json_string("value2"));
	ev = event_build(&f->call, "ACTION_SUCCESSFUL", NULL);
	assert_true(json_equal(json_object_get(details(ev),
					       "TransactionAttributes"),
			       f->call.attrs));
	json_decref(ev);
}

static void test_sip_headers(void **state)
{
	struct fixture *f = *state;
	json_t *ev, *h;

	f->leg_a.sip_headers = json_object();
	ev = event_build(&f->call, "NEW_INBOUND_CALL", NULL);
	assert_null(json_object_get(participant(ev, 0), "SipHeaders"));
	json_decref(ev);

	json_object_set_new(f->leg_a.sip_headers, "X-Account-Id",
			    json_string("abc"));
	json_object_set_new(f->leg_a.sip_headers, "User-to-User",
			    json_string("6373;encoding=hex"));
	ev = event_build(&f->call, "NEW_INBOUND_CALL", NULL);
	h = json_object_get(participant(ev, 0), "SipHeaders");
	assert_int_equal(json_object_size(h), 2);
	assert_string_equal(str(h, "X-Account-Id"), "abc");
	assert_string_equal(str(h, "User-to-User"), "6373;encoding=hex");
	json_decref(ev);
}

static void test_two_legs_outbound(void **state)
{
	struct fixture *f = *state;
	json_t *ev;

	snprintf(f->leg_b.call_id, sizeof(f->leg_b.call_id), "call-id-2");
	f->leg_b.call = &f->call;
	f->leg_b.tag = "LEG-B";
	f->leg_b.direction = "Outbound";
	f->leg_b.from = "+12065551212";
	f->leg_b.to = "+13335550000";
	f->leg_b.state = LEG_ENDED;
	f->leg_b.start_ms = 1641998250010ull;
	f->call.legs[1] = &f->leg_b;
	f->call.nlegs = 2;
	f->call.rule = NULL;      /* an outbound call has no SIP rule */
	ev = event_build(&f->call, "HANGUP", NULL);
	assert_null(json_object_get(details(ev), "SipRuleId"));
	assert_string_equal(str(participant(ev, 0), "ParticipantTag"), "LEG-A");
	assert_string_equal(str(participant(ev, 1), "ParticipantTag"), "LEG-B");
	assert_string_equal(str(participant(ev, 1), "CallId"), "call-id-2");
	assert_string_equal(str(participant(ev, 1), "Direction"), "Outbound");
	assert_string_equal(str(participant(ev, 1), "Status"), "Disconnected");
	assert_string_equal(str(participant(ev, 1), "StartTimeInMilliseconds"),
			    "1641998250010");
	json_decref(ev);
}

static void test_action_data_included(void **state)
{
	struct fixture *f = *state;
	json_t *ad = json_pack("{s:s, s:{s:s, s:i}}", "Type", "PlayAudio",
			       "Parameters", "CallId", "call-id-1", "Repeat", 1);
	json_t *ev = event_build(&f->call, "ACTION_SUCCESSFUL", ad);

	assert_true(json_equal(json_object_get(ev, "ActionData"), ad));
	/* The caller keeps its reference; the event has its own copy. */
	assert_ptr_not_equal(json_object_get(ev, "ActionData"), ad);
	assert_int_equal(ad->refcount, 1);
	json_decref(ev);
	json_decref(ad);
}

/* The event goes to a worker thread: nothing in it may be a node the call
 * or the caller still holds. */
static void test_no_shared_nodes(void **state)
{
	struct fixture *f = *state;
	json_t *ad = json_pack("{s:s, s:{s:s}}", "Type", "Pause", "Parameters",
			       "CallId", "call-id-1");
	json_t *attrs_before, *headers_before, *ad_before, *ev;

	f->call.attrs = json_pack("{s:s}", "state", "menu");
	f->leg_a.sip_headers = json_pack("{s:s}", "X-Tenant", "t1");
	attrs_before = json_deep_copy(f->call.attrs);
	headers_before = json_deep_copy(f->leg_a.sip_headers);
	ad_before = json_deep_copy(ad);

	ev = event_build(&f->call, "ACTION_SUCCESSFUL", ad);
	json_object_set_new(json_object_get(details(ev), "TransactionAttributes"),
			    "state", json_string("changed"));
	json_object_set_new(json_object_get(participant(ev, 0), "SipHeaders"),
			    "X-Tenant", json_string("changed"));
	json_object_set_new(json_object_get(json_object_get(ev, "ActionData"),
					    "Parameters"),
			    "CallId", json_string("changed"));
	json_decref(ev);

	assert_true(json_equal(f->call.attrs, attrs_before));
	assert_true(json_equal(f->leg_a.sip_headers, headers_before));
	assert_true(json_equal(ad, ad_before));
	json_decref(attrs_before);
	json_decref(headers_before);
	json_decref(ad_before);
	json_decref(ad);
}

/* ---- event_action_data ---- */

static const struct action_ops fake_play = {.type = "PlayAudio"};

static void test_action_data_success(void **state)
{
	struct action a = {.ops = &fake_play};
	json_t *d;

	(void)state;
	a.params = json_pack("{s:s, s:i}", "CallId", "call-id-1", "Repeat", 1);
	d = event_action_data(&a);
	assert_non_null(d);
	assert_int_equal(json_object_size(d), 2);
	assert_string_equal(str(d, "Type"), "PlayAudio");
	assert_true(json_equal(json_object_get(d, "Parameters"), a.params));
	assert_null(json_object_get(d, "ErrorType"));
	json_decref(d);
	json_decref(a.params);
}

static void test_action_data_failure(void **state)
{
	struct action a = {.ops = &fake_play};
	json_t *d;

	(void)state;
	a.params = json_object();
	a.result.error_type = "InvalidAudioSource";
	snprintf(a.result.error_message, sizeof(a.result.error_message),
		 "Audio Source parameter value is invalid.");
	d = event_action_data(&a);
	assert_int_equal(json_object_size(d), 4);
	assert_string_equal(str(d, "Type"), "PlayAudio");
	assert_true(json_is_object(json_object_get(d, "Parameters")));
	assert_string_equal(str(d, "ErrorType"), "InvalidAudioSource");
	assert_string_equal(str(d, "ErrorMessage"),
			    "Audio Source parameter value is invalid.");
	json_decref(d);
	json_decref(a.params);
}

/* Result members (ReceivedDigits, ...) sit next to Type and Parameters. */
static void test_action_data_result_members(void **state)
{
	static const struct action_ops fake_digits = {.type = "ReceiveDigits"};
	struct action a = {.ops = &fake_digits};
	json_t *d;

	(void)state;
	a.params = json_pack("{s:s}", "InputDigitsRegex", "^\\d{3}$");
	a.result.data = json_pack("{s:s}", "ReceivedDigits", "123");
	d = event_action_data(&a);
	assert_int_equal(json_object_size(d), 3);
	assert_string_equal(str(d, "Type"), "ReceiveDigits");
	assert_string_equal(str(d, "ReceivedDigits"), "123");
	json_decref(d);
	json_decref(a.params);
	json_decref(a.result.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_inbound_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequence_and_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_attributes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sip_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_legs_outbound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_action_data_included, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_shared_nodes, setup, teardown),
		cmocka_unit_test(test_action_data_success),
		cmocka_unit_test(test_action_data_failure),
		cmocka_unit_test(test_action_data_result_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
