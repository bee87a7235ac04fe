/* test_collect.c - the digit collector (docs/compat.md, digit collection)
 * on the real loop and its timers: terminators, MaxNumberOfDigits, the
 * in-between and attempt timeouts, barge-in, retries with the failure
 * prompt, the regex with and without the terminator, exhausted attempts;
 * plus the PCRE2 wrapper. Prompts are scripted: a fake prompt source
 * "plays" each prompt for PROMPT_MS and a script presses keys while (or
 * after) it plays. Outcomes are asserted, never timings: every gap a
 * script leaves inside an attempt is far shorter than the timeouts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/call.h"
#include "runtime/collect.h"
#include "runtime/log.h"
#include "runtime/loop.h"
#include "runtime/regex.h"

#define PROMPT_MS   40     /* how long a fake prompt plays */
#define KEY_GAP_MS  5      /* between scripted key presses */
#define BARGE_MS    10     /* keys start this long into a prompt */
#define LATE_MS     120    /* ... or this long: after the prompt ended */
#define WAIT_MS     "300"  /* RepeatDuration / InBetween in the tests */

/* ---- the harness: one action, a fake prompt source and player ---- */

struct harness {
	struct action a;
	struct leg leg;
	struct collect c;
	json_t *params;
	char played[16];             /* 'M' main, 'F' failure, in order */
	const char *const *scripts;  /* keys to press during prompt i */
	int start_ms;                /* when a prompt's keys begin */
	const char *keys;            /* keys still to press */
	int cut;                     /* prompts stopped while playing */
	int clip_refs;               /* clip references held */
	uint64_t next_id, load_id;
	struct tmr load_tmr, play_tmr, key_tmr, guard_tmr;
	player_done_h *done;
	void *done_arg;
	bool playing;
};

static struct harness h;
static struct audio_clip clip;

static struct config test_cfg = {.storage_root = "/srv/storage"};

const struct config *calls_config(void) { return &test_cfg; }

/* The engine would run its next step; here the test is over. */
void engine_schedule(struct call *call)
{
	(void)call;
	loop_stop();
}

void audio_clip_deref(struct audio_clip *c)
{
	if (c == &clip)
		h.clip_refs--;
}

static void key_press(void *arg)
{
	(void)arg;
	/* leg_digit's rule: only a running action sees digits. */
	if (!h.keys || !*h.keys || !h.a.running)
		return;
	h.a.ops->digit(&h.a, *h.keys++);
	if (*h.keys)
		tmr_start(&h.key_tmr, KEY_GAP_MS, key_press, NULL);
}

static void prompt_end(void *arg)
{
	(void)arg;
	h.playing = false;
	h.clip_refs--;
	h.done(h.done_arg);
}

/* The keys to press during the i-th prompt ("" past the script's end). */
static const char *script(size_t i)
{
	size_t n;

	for (n = 0; h.scripts[n]; n++)
		if (n == i)
			return h.scripts[n];
	return "";
}

int player_start(struct player *p, struct media_leg *to,
		 struct audio_clip *c, unsigned repeat,
		 player_done_h *done, void *arg)
{
	const char *keys = script(strlen(h.played) - 1);

	(void)p; (void)to; (void)repeat;
	assert_ptr_equal(c, &clip);
	assert_false(h.playing);
	h.playing = true;
	h.clip_refs++;
	h.done = done;
	h.done_arg = arg;
	tmr_start(&h.play_tmr, PROMPT_MS, prompt_end, NULL);
	if (*keys) {
		h.keys = keys;
		tmr_start(&h.key_tmr, (uint64_t)h.start_ms, key_press, NULL);
	}
	return 0;
}

void player_stop(struct player *p)
{
	(void)p;
	if (!h.playing)
		return;
	tmr_cancel(&h.play_tmr);
	h.playing = false;
	h.clip_refs--;
	h.cut++;
}

static void loaded(void *arg)
{
	h.load_id = 0;
	h.clip_refs++;
	collect_play(arg, &clip);
}

static uint64_t fake_load(struct collect *c, enum collect_prompt which)
{
	size_t n = strlen(h.played);

	assert_true(n + 1 < sizeof(h.played));
	h.played[n] = which == COLLECT_PROMPT_MAIN ? 'M' : 'F';
	h.load_id = ++h.next_id;
	tmr_start(&h.load_tmr, 1, loaded, c);
	return h.load_id;
}

static void fake_cancel(uint64_t id)
{
	if (id == h.load_id)
		tmr_cancel(&h.load_tmr);
	h.load_id = 0;
}

static const struct collect_prompt_ops fake_prompts = {
	.load = fake_load,
	.cancel = fake_cancel,
};

struct test_state {
	struct collect c;
};

static const struct param_spec test_params[] = {
	COLLECT_PARAMS(struct test_state, c),
	PARAM_END
};

static const struct action_ops test_ops = {
	.type = "TestGetDigits",
	.params = test_params,
	.state_size = sizeof(struct test_state),
	.stop = collect_action_stop,
	.digit = collect_action_digit,
};

static void guard_expired(void *arg)
{
	(void)arg;
	loop_stop();
}

/* Validate params, start the collector, run the loop until the action
 * completes. Keys of scripts[i] are pressed during the i-th prompt. */
static void prepare(const char *params, const char *const *scripts,
		    int start_ms)
{
	struct action_result res = {0};
	json_error_t jerr;

	memset(&h, 0, sizeof(h));
	h.scripts = scripts;
	h.start_ms = start_ms;
	h.params = json_loads(params, 0, &jerr);
	if (!h.params)
		fail_msg("bad test JSON '%s': %s", params, jerr.text);
	h.a.ops = &test_ops;
	h.a.leg = &h.leg;
	h.a.params = h.params;
	h.a.state = &h.c;
	if (!action_params_apply(&test_ops, h.params, "Actions[0].Parameters",
				 &h.c, &res) || !collect_check(&h.c, &h.a, &res))
		fail_msg("%s refused: %s", params, res.error_message);
	h.a.running = true;
}

static void run(const char *params, const char *const *scripts, int start_ms)
{
	prepare(params, scripts, start_ms);
	collect_start(&h.c, &h.a, &fake_prompts);
	tmr_start(&h.guard_tmr, 10000, guard_expired, NULL);
	assert_int_equal(loop_run(), 0);
	if (!h.a.completed)
		fail_msg("the collector never completed (prompts %s)", h.played);
	assert_false(h.playing);
	assert_int_equal(h.clip_refs, 0);
	tmr_close(&h.load_tmr);
	tmr_close(&h.play_tmr);
	tmr_close(&h.key_tmr);
	tmr_close(&h.guard_tmr);
	tmr_close(&h.a.tmr);
}

static void done(void)
{
	json_decref(h.a.result.data);
	json_decref(h.params);
}

static const char *received(void)
{
	json_t *d = json_object_get(h.a.result.data, "ReceivedDigits");

	assert_true(json_is_string(d));
	return json_string_value(d);
}

static void expect_success(const char *digits)
{
	if (h.a.result.error_type)
		fail_msg("failed: %s: %s", h.a.result.error_type,
			 h.a.result.error_message);
	assert_string_equal(received(), digits);
}

static void expect_failure(const char *digits, const char *mention)
{
	assert_non_null(h.a.result.error_type);
	assert_string_equal(h.a.result.error_type, "DigitCollectionFailed");
	assert_string_equal(received(), digits);
	if (mention && !strstr(h.a.result.error_message, mention))
		fail_msg("'%s' does not mention '%s'", h.a.result.error_message,
			 mention);
}

#define T(...) ((const char *const []){__VA_ARGS__, NULL})

/* ---- ends of input ---- */

static void test_terminator_ends_input(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS "}", T("12#9"),
	    BARGE_MS);
	/* "#" is the default terminator; it is not part of the digits, and
	 * the key after it belongs to nobody. */
	expect_success("12");
	assert_string_equal(h.played, "M");
	assert_int_equal(h.cut, 1);     /* barge-in: the first key cut it */
	done();

	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ","
	    " \"TerminatorDigits\": [\"*\", \"0\"]}", T("#5*"), LATE_MS);
	expect_success("#5");           /* "#" is a plain key here */
	assert_int_equal(h.cut, 0);     /* pressed after the prompt ended */
	done();
}

static void test_max_digits_ends_input(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ","
	    " \"MaxNumberOfDigits\": 3}", T("12345"), BARGE_MS);
	expect_success("123");
	done();

	/* A 4-digit PIN: Min == Max. */
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ","
	    " \"MinNumberOfDigits\": 4, \"MaxNumberOfDigits\": 4}", T("2580"),
	    LATE_MS);
	expect_success("2580");
	done();
}

static void test_in_between_timeout_ends_input(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ","
	    " \"InBetweenDigitsDurationInMilliseconds\": 200}", T("42"),
	    BARGE_MS);
	expect_success("42");
	done();
	/* Without InBetween the wait after a digit is RepeatDuration. */
	run("{\"RepeatDurationInMilliseconds\": 200}", T("7"), LATE_MS);
	expect_success("7");
	done();
}

/* Decision 1: a zero-digit attempt is valid when nothing more is asked. */
static void test_attempt_timeout_without_digits(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS "}", T(""), BARGE_MS);
	expect_success("");
	assert_string_equal(h.played, "M");
	done();

	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ","
	    " \"MinNumberOfDigits\": 1}", T(""), BARGE_MS);
	expect_failure("", "after 1 attempt (last input: '')");
	done();
}

/* ---- attempts ---- */

static void test_retry_plays_failure_then_prompt(void **state)
{
	(void)state;
	/* 1st attempt too short (in-between timeout), 2nd silent (attempt
	 * timeout), 3rd good. */
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ", \"Repeat\": 3,"
	    " \"MinNumberOfDigits\": 2}", T("1", "", "", "", "77#"), LATE_MS);
	expect_success("77");
	assert_string_equal(h.played, "MFMFM");
	done();
}

static void test_exhausted_attempts_fail(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ", \"Repeat\": 2,"
	    " \"MinNumberOfDigits\": 3}", T("12#", "", "45#"), BARGE_MS);
	expect_failure("45", "after 2 attempts (last input: '45')");
	assert_string_equal(h.played, "MFM");
	done();
}

/* A key pressed during the failure prompt stops it and is the start of
 * the next attempt's input (the main prompt is not replayed). */
static void test_barge_in_failure_prompt(void **state)
{
	(void)state;
	run("{\"RepeatDurationInMilliseconds\": " WAIT_MS ", \"Repeat\": 2,"
	    " \"MinNumberOfDigits\": 2}", T("5#", "83#"), BARGE_MS);
	expect_success("83");
	assert_string_equal(h.played, "MF");
	assert_int_equal(h.cut, 2);
	done();
}

/* ---- the regex ---- */

#define REGEX_ROW(re) "{\"RepeatDurationInMilliseconds\": " WAIT_MS "," \
	" \"Repeat\": 2, \"InputDigitsRegex\": \"" re "\"}"

/* Two attempts: the keys of the first, then "9#" (never valid). */
static void test_regex(void **state)
{
	static const struct {
		const char *params, *keys;
		bool ok;
		const char *digits;
	} rows[] = {
		/* The regex asks for the terminator: "12" + "#" matches... */
		{REGEX_ROW("^\\\\d{2}#$"), "12#", true, "12"},
		/* ... but not the same digits ended by a pause. */
		{REGEX_ROW("^\\\\d{2}#$"), "12", false, "9"},
		{REGEX_ROW("^\\\\d{2}#$"), "123#", false, "9"},
		/* Digits alone, ended by a pause or by the terminator. */
		{REGEX_ROW("^[1-3]{3}$"), "321", true, "321"},
		{REGEX_ROW("[1-3]{3}"), "321#", true, "321"},
		/* The whole input must match, not a part of it. */
		{REGEX_ROW("[1-3]{3}"), "3214", false, "9"},
		{REGEX_ROW("[1-3]{3}"), "32", false, "9"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		run(rows[i].params, T(rows[i].keys, "", "9#"), LATE_MS);
		if (rows[i].ok)
			expect_success(rows[i].digits);
		else
			expect_failure(rows[i].digits, "after 2 attempts");
		done();
	}
}

/* ---- stop and load failures ---- */

static void test_stop_releases_everything(void **state)
{
	(void)state;
	prepare("{\"RepeatDurationInMilliseconds\": " WAIT_MS "}", T(""), 0);
	collect_start(&h.c, &h.a, &fake_prompts);
	assert_int_not_equal(h.load_id, 0);
	/* Cancelled while the prompt loads: the load is cancelled, and the
	 * collector never completes the action. */
	collect_action_stop(&h.a);
	assert_int_equal(h.load_id, 0);
	tmr_start(&h.guard_tmr, 100, guard_expired, NULL);
	assert_int_equal(loop_run(), 0);
	assert_false(h.a.completed);
	assert_int_equal(h.clip_refs, 0);
	tmr_close(&h.load_tmr);
	tmr_close(&h.guard_tmr);
	tmr_close(&h.a.tmr);
	json_decref(h.params);
}

static uint64_t broken_load(struct collect *c, enum collect_prompt which)
{
	(void)c; (void)which;
	return 0;
}

static void test_prompt_queue_failure(void **state)
{
	static const struct collect_prompt_ops broken = {
		.load = broken_load, .cancel = fake_cancel};
	(void)state;
	prepare("{\"RepeatDurationInMilliseconds\": " WAIT_MS "}", T(""), 0);
	collect_start(&h.c, &h.a, &broken);
	assert_true(h.a.completed);
	assert_string_equal(h.a.result.error_type, "SystemException");
	tmr_close(&h.a.tmr);
	json_decref(h.params);
}

/* ---- the PCRE2 wrapper ---- */

static void test_regex_wrapper(void **state)
{
	struct regex *re = NULL;
	char err[128] = "";
	size_t off = 0;

	(void)state;
	assert_int_equal(regex_compile(&re, "^\\d{2}#$", err, sizeof(err),
				       &off), 0);
	assert_int_equal(regex_test(re, "12#"), REGEX_MATCH);
	assert_int_equal(regex_test(re, "1"), REGEX_PARTIAL);
	assert_int_equal(regex_test(re, "12"), REGEX_PARTIAL);
	assert_int_equal(regex_test(re, "123#"), REGEX_NOMATCH);
	assert_int_equal(regex_test(re, "a"), REGEX_NOMATCH);
	regex_free(re);

	/* Unanchored patterns still have to match the whole string. */
	assert_int_equal(regex_compile(&re, "\\d{2}", NULL, 0, NULL), 0);
	assert_int_equal(regex_test(re, "12"), REGEX_MATCH);
	assert_int_equal(regex_test(re, "123"), REGEX_NOMATCH);
	assert_int_equal(regex_test(re, "x12"), REGEX_NOMATCH);
	regex_free(re);

	/* A shorter alternative does not hide a longer one. */
	assert_int_equal(regex_compile(&re, "12|1234", NULL, 0, NULL), 0);
	assert_int_equal(regex_test(re, "123"), REGEX_PARTIAL);
	assert_int_equal(regex_test(re, "1234"), REGEX_MATCH);
	assert_int_equal(regex_test(re, "12345"), REGEX_NOMATCH);
	regex_free(re);

	re = NULL;
	assert_int_equal(regex_compile(&re, "12(3", err, sizeof(err), &off),
			 EINVAL);
	assert_null(re);
	assert_int_equal(off, 4);
	assert_non_null(strstr(err, "parenthesis"));
	assert_int_equal(regex_compile(&re, "[", err, sizeof(err), &off),
			 EINVAL);
	assert_int_equal(off, 1);
	regex_free(NULL);
}

static void test_key_listed(void **state)
{
	json_t *l = json_pack("[s, s, s]", "#", "*", "12");

	(void)state;
	assert_true(collect_key_listed(l, '#'));
	assert_true(collect_key_listed(l, '*'));
	assert_false(collect_key_listed(l, '1'));   /* not a single key */
	assert_false(collect_key_listed(l, '0'));
	assert_false(collect_key_listed(NULL, '#'));
	json_decref(l);
}

static int setup(void **state)
{
	(void)state;
	log_set_level(LOG_WARN);
	return loop_init();
}

static int teardown(void **state)
{
	(void)state;
	loop_close();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terminator_ends_input),
		cmocka_unit_test(test_max_digits_ends_input),
		cmocka_unit_test(test_in_between_timeout_ends_input),
		cmocka_unit_test(test_attempt_timeout_without_digits),
		cmocka_unit_test(test_retry_plays_failure_then_prompt),
		cmocka_unit_test(test_exhausted_attempts_fail),
		cmocka_unit_test(test_barge_in_failure_prompt),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_stop_releases_everything),
		cmocka_unit_test(test_prompt_queue_failure),
		cmocka_unit_test(test_regex_wrapper),
		cmocka_unit_test(test_key_listed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
