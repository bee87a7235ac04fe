/* test_actions.c - the generic parameter validator driven by the Hangup,
 * Pause, PlayAudio, Speak and digit actions' tables: typed values, echoed
 * defaults, and the spec's ErrorType/ErrorMessage for each bad parameter;
 * plus the storage path check that keeps a Key inside its bucket. The
 * digit actions' cross-field checks are in test_digit_actions.c. */
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
#include "runtime/audio.h"
#include "runtime/call.h"
#include "runtime/media.h"
#include "runtime/tts.h"
#include "tests/unit/params_run.h"

/* ---- the runtime around the actions: what these tests observe; the
 * rest are action_stubs.c's no-ops ---- */

static struct config test_cfg = {.storage_root = "/srv/storage"};
static unsigned schedules;
static int hangup_code = -1;
static uint64_t tmr_delay_ms;

const struct config *calls_config(void) { return &test_cfg; }
void engine_schedule(struct call *call) { (void)call; schedules++; }

void leg_hangup(struct leg *leg, int code, const char *cause,
		const char *by, const char *reason)
{
	(void)leg; (void)cause; (void)by; (void)reason;
	hangup_code = code;
}

void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	t->h = h;
	t->arg = arg;
	tmr_delay_ms = delay_ms;
}

void tmr_cancel(struct tmr *t) { t->h = NULL; }
bool tmr_isrunning(const struct tmr *t) { return t->h != NULL; }
void tmr_close(struct tmr *t) { t->h = NULL; }

/* A TTS engine that knows one voice, Joanna (the default), in en-US. */
static int voice_lookup(const char *voice_id, const char *lang,
			struct tts_voice *out)
{
	if ((voice_id && strcmp(voice_id, "Joanna")) ||
	    (lang && strcmp(lang, "en-US")))
		return ENOENT;
	snprintf(out->engine_voice, sizeof(out->engine_voice), "en-us");
	return 0;
}

static const struct tts_ops test_tts = {.name = "test",
					.voice_lookup = voice_lookup};

const struct tts_ops *tts_get(void) { return &test_tts; }

/* ---- helpers ---- */

/* Validate the JSON text `params` (or NULL for no Parameters). */
static struct run apply(const struct action_ops *ops, const char *params)
{
	return run_params(ops, params, NULL);
}

static const struct param_spec *audio_fields(void)
{
	return spec_find(action_play_audio.params, "AudioSource")->fields;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The validation must fail with error_type, and the message must start
 * with msg_prefix (if given) and mention `mention` (if given). */
static void expect_fail(const struct action_ops *ops, const char *params,
			const char *error_type, const char *msg_prefix,
			const char *mention)
{
	struct run r = apply(ops, params);

	if (r.ok)
		fail_msg("%s %s was accepted", ops->type, params);
	assert_non_null(r.res.error_type);
	assert_string_equal(r.res.error_type, error_type);
	if (msg_prefix && !starts_with(r.res.error_message, msg_prefix))
		fail_msg("message '%s' does not start with '%s'",
			 r.res.error_message, msg_prefix);
	if (mention && !strstr(r.res.error_message, mention))
		fail_msg("message '%s' does not mention '%s'",
			 r.res.error_message, mention);
	run_free(&r);
}

static const char *const bad_audio = "Audio Source parameter value is invalid.";

#define SRC_OK "\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": " \
	"\"prompts\", \"Key\": \"beep.wav\"}"

/* ---- Pause ---- */

static void test_pause_ok(void **state)
{
	static const struct {
		const char *json;
		int64_t want;
	} rows[] = {
		{"{\"DurationInMilliseconds\": 3000}", 3000},
		{"{\"DurationInMilliseconds\": \"3000\"}", 3000},  /* §0.5 */
		{"{\"DurationInMilliseconds\": 100}", 100},
		{"{\"DurationInMilliseconds\": 30000}", 30000},
		{"{\"DurationInMilliseconds\": 250.0}", 250},     /* Lua float */
		{"{\"DurationInMilliseconds\": 500, \"CallId\": \"x\"}", 500},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct run r = apply(&action_pause, rows[i].json);

		if (!r.ok)
			fail_msg("%s refused: %s", rows[i].json,
				 r.res.error_message);
		assert_int_equal(state_int(&action_pause, &r,
					   "DurationInMilliseconds"),
				 rows[i].want);
		run_free(&r);
	}
}

static void test_pause_errors(void **state)
{
	(void)state;
	expect_fail(&action_pause, "{}", "InvalidActionParameter", NULL,
		    PATH ".DurationInMilliseconds");
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": 99}",
		    "InvalidActionParameter", NULL, "DurationInMilliseconds");
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": 30001}",
		    "InvalidActionParameter", NULL, "DurationInMilliseconds");
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": \"abc\"}",
		    "InvalidActionParameter", NULL, "DurationInMilliseconds");
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": \"3000ms\"}",
		    "InvalidActionParameter", NULL, NULL);
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": 250.5}",
		    "InvalidActionParameter", NULL, NULL);
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": 1e300}",
		    "InvalidActionParameter", NULL, NULL);
	expect_fail(&action_pause, "{\"DurationInMilliseconds\": true}",
		    "InvalidActionParameter", NULL, NULL);
	/* Parameters that are not an object at all. */
	expect_fail(&action_pause, NULL, "InvalidActionParameter", PATH, NULL);
	expect_fail(&action_pause, "[1]", "InvalidActionParameter", PATH, NULL);
}

static void test_pause_start(void **state)
{
	struct run r = apply(&action_pause, "{\"DurationInMilliseconds\": 1200}");
	struct action a = {.ops = &action_pause, .state = r.state};

	(void)state;
	assert_true(r.ok);
	action_pause.start(&a);
	assert_int_equal(tmr_delay_ms, 1200);
	assert_false(a.completed);
	/* When the timer fires, the action succeeds. */
	schedules = 0;
	a.tmr.h(a.tmr.arg);
	assert_true(a.completed);
	assert_null(a.result.error_type);
	assert_int_equal(schedules, 1);
	run_free(&r);
}

/* ---- PlayAudio ---- */

static void test_play_audio_ok(void **state)
{
	struct run r = apply(&action_play_audio, "{" SRC_OK "}");

	(void)state;
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	assert_string_equal(state_str(audio_fields(), &r, "Type"), "S3");
	assert_string_equal(state_str(audio_fields(), &r, "BucketName"),
			    "prompts");
	assert_string_equal(state_str(audio_fields(), &r, "Key"), "beep.wav");
	/* Repeat defaults to 1, and the echo shows it (events.md §7.5). */
	assert_int_equal(state_int(&action_play_audio, &r, "Repeat"), 1);
	assert_true(json_is_integer(json_object_get(r.params, "Repeat")));
	assert_int_equal(json_integer_value(json_object_get(r.params, "Repeat")),
			 1);
	assert_null(state_json(&action_play_audio, &r, "PlaybackTerminators"));
	run_free(&r);

	r = apply(&action_play_audio, "{" SRC_OK ", \"Repeat\": \"5\","
		  " \"PlaybackTerminators\": [\"1\", \"8\", \"#\", \"*\"]}");
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	assert_int_equal(state_int(&action_play_audio, &r, "Repeat"), 5);
	/* What the handler sent is echoed as sent. */
	assert_string_equal(json_string_value(json_object_get(r.params, "Repeat")),
			    "5");
	assert_ptr_equal(state_json(&action_play_audio, &r, "PlaybackTerminators"),
			 json_object_get(r.params, "PlaybackTerminators"));
	run_free(&r);

	/* An empty Lua table arrives as {}: no terminators. */
	r = apply(&action_play_audio, "{" SRC_OK ", \"PlaybackTerminators\": {}}");
	assert_true(r.ok);
	run_free(&r);
}

static void test_play_audio_source_errors(void **state)
{
	(void)state;
	expect_fail(&action_play_audio, "{\"Repeat\": 1}", "InvalidAudioSource",
		    bad_audio, PATH ".AudioSource");
	expect_fail(&action_play_audio, "{\"AudioSource\": \"beep.wav\"}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"HTTP\", \"BucketName\": \"b\","
		    " \"Key\": \"k.wav\"}}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource.Type");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"BucketName\": \"b\", \"Key\": \"k\"}}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource.Type");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"Key\": \"k.wav\"}}",
		    "InvalidAudioSource", bad_audio,
		    PATH ".AudioSource.BucketName");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": \"b\"}}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource.Key");
	/* Appendix A: an empty BucketName or Key is the same error. */
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": \"b\","
		    " \"Key\": \"\"}}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource.Key");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": \"\","
		    " \"Key\": \"k\"}}",
		    "InvalidAudioSource", bad_audio,
		    PATH ".AudioSource.BucketName");
	expect_fail(&action_play_audio,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": \"b\","
		    " \"Key\": 7}}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource.Key");
}

static void test_play_audio_param_errors(void **state)
{
	(void)state;
	expect_fail(&action_play_audio, "{" SRC_OK ", \"Repeat\": 0}",
		    "InvalidActionParameter", PATH ".Repeat", NULL);
	expect_fail(&action_play_audio, "{" SRC_OK ", \"Repeat\": -3}",
		    "InvalidActionParameter", PATH ".Repeat", NULL);
	expect_fail(&action_play_audio, "{" SRC_OK ", \"Repeat\": \"twice\"}",
		    "InvalidActionParameter", PATH ".Repeat", NULL);
	expect_fail(&action_play_audio,
		    "{" SRC_OK ", \"PlaybackTerminators\": [\"1\", \"x\"]}",
		    "InvalidActionParameter", PATH ".PlaybackTerminators", NULL);
	expect_fail(&action_play_audio,
		    "{" SRC_OK ", \"PlaybackTerminators\": \"#\"}",
		    "InvalidActionParameter", PATH ".PlaybackTerminators", NULL);
	expect_fail(&action_play_audio,
		    "{" SRC_OK ", \"PlaybackTerminators\": [1]}",
		    "InvalidActionParameter", PATH ".PlaybackTerminators", NULL);
	expect_fail(&action_play_audio,
		    "{" SRC_OK ", \"PlaybackTerminators\": [\"0\", \"1\", \"2\","
		    " \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"#\", \"*\","
		    " \"#\"]}",
		    "InvalidActionParameter", PATH ".PlaybackTerminators", NULL);
}

/* The table check passes, the storage check refuses a key that climbs out
 * of its bucket. */
static void test_play_audio_check(void **state)
{
	struct run r = apply(&action_play_audio,
			     "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\":"
			     " \"prompts\", \"Key\": \"../../etc/passwd\"}}");
	struct action a = {.ops = &action_play_audio, .state = r.state,
			   .index = 2};
	struct action_result res;

	(void)state;
	assert_true(r.ok);
	memset(&res, 0, sizeof(res));
	assert_false(action_play_audio.check(&a, &res));
	assert_string_equal(res.error_type, "InvalidAudioSource");
	assert_true(starts_with(res.error_message, bad_audio));
	assert_non_null(strstr(res.error_message, "Actions[2]"));
	run_free(&r);

	r = apply(&action_play_audio, "{" SRC_OK "}");
	a.state = r.state;
	memset(&res, 0, sizeof(res));
	assert_true(action_play_audio.check(&a, &res));
	run_free(&r);
}

/* ---- Speak ---- */

static char *text_param(const char *fill, size_t times)
{
	static const char head[] = "{\"Text\": \"", tail[] = "\"}";
	size_t n = strlen(fill), i;
	char *s = malloc(sizeof(head) + n * times + sizeof(tail)), *p;

	if (!s)
		fail_msg("out of memory");
	memcpy(s, head, sizeof(head) - 1);
	p = s + sizeof(head) - 1;
	for (i = 0; i < times; i++, p += n)
		memcpy(p, fill, n);
	memcpy(p, tail, sizeof(tail));
	return s;
}

static void test_speak_ok(void **state)
{
	const struct param_spec *t = action_speak.params;
	struct run r = apply(&action_speak,
			     "{\"Text\": \"Hello, World!\", \"CallId\": \"c1\","
			     " \"Engine\": \"neural\", \"LanguageCode\": \"en-US\","
			     " \"TextType\": \"text\", \"VoiceId\": \"Joanna\"}");
	char *s;

	(void)state;
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	assert_string_equal(state_str(t, &r, "Text"), "Hello, World!");
	assert_string_equal(state_str(t, &r, "Engine"), "neural");
	assert_string_equal(state_str(t, &r, "LanguageCode"), "en-US");
	assert_string_equal(state_str(t, &r, "TextType"), "text");
	assert_string_equal(state_str(t, &r, "VoiceId"), "Joanna");
	run_free(&r);

	r = apply(&action_speak, "{\"Text\": \"<speak>Hi</speak>\","
		  " \"TextType\": \"ssml\", \"Engine\": \"standard\"}");
	assert_true(r.ok);
	assert_null(state_str(t, &r, "VoiceId"));
	run_free(&r);

	s = text_param("a", 1000);
	r = apply(&action_speak, s);
	assert_true(r.ok);
	run_free(&r);
	free(s);
}

static void test_speak_errors(void **state)
{
	char *s;

	(void)state;
	expect_fail(&action_speak, "{\"CallId\": \"c1\"}",
		    "MissingRequiredActionParameter",
		    "Text is a required parameter.", PATH ".Text");
	expect_fail(&action_speak, "{\"Text\": \"\"}",
		    "MissingRequiredActionParameter",
		    "Text is a required parameter.", NULL);
	expect_fail(&action_speak, "{\"Text\": null}",
		    "MissingRequiredActionParameter",
		    "Text is a required parameter.", NULL);
	s = text_param("a", 1001);
	expect_fail(&action_speak, s, "MissingRequiredActionParameter",
		    "Text is limited to 1,000 characters", PATH ".Text");
	free(s);
	expect_fail(&action_speak, "{\"Text\": \"Hi\", \"Engine\": \"turbo\"}",
		    "InvalidActionParameter", PATH ".Engine", "standard");
	expect_fail(&action_speak, "{\"Text\": \"Hi\", \"TextType\": \"html\"}",
		    "InvalidActionParameter", PATH ".TextType", "ssml");
	expect_fail(&action_speak, "{\"Text\": \"Hi\", \"VoiceId\": 3}",
		    "InvalidActionParameter", PATH ".VoiceId", NULL);
}

/* actions-2.md §3.2: the limit is 1,000 characters, not bytes: 600
 * accented letters (1,200 bytes of UTF-8) are within it. */
static void test_speak_limit_counts_characters(void **state)
{
	char *s = text_param("\xc3\xa9", 600);
	struct run r = apply(&action_speak, s);

	(void)state;
	run_free(&r);
	free(s);
	if (!r.ok)
		fail_msg("600 characters refused: %s", r.res.error_message);
}

static void test_speak_check_voice(void **state)
{
	struct run r = apply(&action_speak, "{\"Text\": \"Hi\", \"VoiceId\":"
			     " \"Hans\"}");
	struct action a = {.ops = &action_speak, .state = r.state};
	struct action_result res;

	(void)state;
	assert_true(r.ok);
	memset(&res, 0, sizeof(res));
	assert_false(action_speak.check(&a, &res));
	assert_string_equal(res.error_type, "InvalidActionParameter");
	assert_non_null(strstr(res.error_message, "Hans"));
	run_free(&r);

	r = apply(&action_speak, "{\"Text\": \"Hi\"}");   /* default: Joanna */
	a.state = r.state;
	memset(&res, 0, sizeof(res));
	assert_true(action_speak.check(&a, &res));
	run_free(&r);
}

/* ---- PlayAudioAndGetDigits, SpeakAndGetDigits (decision 2) ---- */

#define GET_OK SRC_OK ", \"FailureAudioSource\": {\"Type\": \"S3\"," \
	" \"BucketName\": \"prompts\", \"Key\": \"again.wav\"}," \
	" \"RepeatDurationInMilliseconds\": 5000"

static void test_get_digits_defaults(void **state)
{
	struct run r = apply(&action_play_audio_and_get_digits, "{" GET_OK "}");

	(void)state;
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	assert_int_equal(json_integer_value(json_object_get(r.params,
				"MinNumberOfDigits")), 0);
	assert_int_equal(json_integer_value(json_object_get(r.params,
				"MaxNumberOfDigits")), 128);
	assert_int_equal(json_integer_value(json_object_get(r.params,
				"Repeat")), 1);
	run_free(&r);
	r = apply(&action_play_audio_and_get_digits, "{" GET_OK ","
		  " \"MinNumberOfDigits\": 4, \"MaxNumberOfDigits\": \"4\","
		  " \"TerminatorDigits\": [\"*\", \"#\"], \"Repeat\": 3,"
		  " \"InBetweenDigitsDurationInMilliseconds\": 1000,"
		  " \"InputDigitsRegex\": \"^\\\\d{4}$\"}");
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	run_free(&r);
}

static void test_get_digits_errors(void **state)
{
	const struct action_ops *ops = &action_play_audio_and_get_digits;

	(void)state;
	expect_fail(ops, "{" SRC_OK ", \"FailureAudioSource\": {\"Type\":"
		    " \"S3\", \"BucketName\": \"b\", \"Key\": \"k\"}}",
		    "InvalidActionParameter",
		    "The RepeatDurationInMilliseconds parameter is invalid.",
		    PATH ".RepeatDurationInMilliseconds");
	expect_fail(ops, "{" GET_OK ", \"RepeatDurationInMilliseconds\": 0}",
		    "InvalidActionParameter",
		    "The RepeatDurationInMilliseconds parameter is invalid.",
		    PATH ".RepeatDurationInMilliseconds");
	expect_fail(ops, "{" GET_OK ", \"MaxNumberOfDigits\": 129}",
		    "InvalidActionParameter",
		    "The MaxNumberOfDigits parameter is invalid.",
		    PATH ".MaxNumberOfDigits");
	expect_fail(ops, "{" GET_OK ", \"MaxNumberOfDigits\": -1}",
		    "InvalidActionParameter",
		    "The MaxNumberOfDigits parameter is invalid.", NULL);
	expect_fail(ops, "{" GET_OK ", \"MinNumberOfDigits\": -1}",
		    "InvalidActionParameter", PATH ".MinNumberOfDigits", NULL);
	expect_fail(ops, "{" GET_OK ", \"InBetweenDigitsDurationInMilliseconds\":"
		    " 0}", "InvalidActionParameter",
		    PATH ".InBetweenDigitsDurationInMilliseconds", NULL);
	expect_fail(ops, "{" GET_OK ", \"Repeat\": 0}",
		    "InvalidActionParameter", PATH ".Repeat", NULL);
	expect_fail(ops, "{" GET_OK ", \"TerminatorDigits\": [\"A\"]}",
		    "InvalidActionParameter", PATH ".TerminatorDigits", NULL);
	expect_fail(ops, "{" GET_OK ", \"InputDigitsRegex\": 12}",
		    "InvalidActionParameter", PATH ".InputDigitsRegex", NULL);
	expect_fail(ops, "{\"RepeatDurationInMilliseconds\": 5000}",
		    "InvalidAudioSource", bad_audio, PATH ".AudioSource");
	expect_fail(ops, "{" SRC_OK ", \"RepeatDurationInMilliseconds\": 5000}",
		    "InvalidAudioSource", bad_audio, PATH ".FailureAudioSource");
	expect_fail(ops, "{" SRC_OK ", \"RepeatDurationInMilliseconds\": 5000,"
		    " \"FailureAudioSource\": {\"Type\": \"S3\", \"BucketName\":"
		    " \"b\", \"Key\": \"\"}}", "InvalidAudioSource", bad_audio,
		    PATH ".FailureAudioSource.Key");
}

static void test_speak_get_digits_errors(void **state)
{
	const struct action_ops *ops = &action_speak_and_get_digits;
	char *s, *p;

	(void)state;
	expect_fail(ops, "{\"RepeatDurationInMilliseconds\": 5000,"
		    " \"FailureSpeechParameters\": {\"Text\": \"No\"}}",
		    "MissingRequiredActionParameter",
		    "Text is a required parameter.", PATH ".SpeechParameters");
	expect_fail(ops, "{\"RepeatDurationInMilliseconds\": 5000,"
		    " \"SpeechParameters\": {\"Text\": \"PIN?\"},"
		    " \"FailureSpeechParameters\": {\"VoiceId\": \"Joanna\"}}",
		    "MissingRequiredActionParameter",
		    "Text is a required parameter.",
		    PATH ".FailureSpeechParameters.Text");
	expect_fail(ops, "{\"RepeatDurationInMilliseconds\": 5000,"
		    " \"SpeechParameters\": {\"Text\": \"PIN?\"},"
		    " \"FailureSpeechParameters\": {\"Text\": \"No\","
		    " \"Engine\": \"turbo\"}}", "InvalidActionParameter",
		    PATH ".FailureSpeechParameters.Engine", NULL);
	expect_fail(ops, "{\"SpeechParameters\": {\"Text\": \"PIN?\"},"
		    " \"FailureSpeechParameters\": {\"Text\": \"No\"}}",
		    "InvalidActionParameter",
		    "The RepeatDurationInMilliseconds parameter is invalid.", NULL);
	/* 1,001 characters of speech. */
	s = text_param("a", 1001);
	p = malloc(strlen(s) + 128);
	assert_non_null(p);
	sprintf(p, "{\"SpeechParameters\": %s, \"FailureSpeechParameters\":"
		" {\"Text\": \"No\"}, \"RepeatDurationInMilliseconds\": 5}", s);
	expect_fail(ops, p, "MissingRequiredActionParameter",
		    "Text is limited to 1,000 characters",
		    PATH ".SpeechParameters.Text");
	free(p);
	free(s);
}

/* ---- ReceiveDigits (decision 3, Appendix A) ---- */

static void test_receive_digits_errors(void **state)
{
	const struct action_ops *ops = &action_receive_digits;
	const char *bad_regex = "The InputDigitsRegex parameter is invalid.";

	(void)state;
	expect_fail(ops, "{\"InBetweenDigitsDurationInMilliseconds\": 1000,"
		    " \"FlushDigitsDurationInMilliseconds\": 5000}",
		    "InvalidActionParameter", bad_regex, PATH ".InputDigitsRegex");
	expect_fail(ops, "{\"InputDigitsRegex\": \"\","
		    " \"InBetweenDigitsDurationInMilliseconds\": 1000,"
		    " \"FlushDigitsDurationInMilliseconds\": 5000}",
		    "InvalidActionParameter", bad_regex, PATH ".InputDigitsRegex");
	expect_fail(ops, "{\"InputDigitsRegex\": null,"
		    " \"InBetweenDigitsDurationInMilliseconds\": 1000,"
		    " \"FlushDigitsDurationInMilliseconds\": 5000}",
		    "InvalidActionParameter", bad_regex, NULL);
	expect_fail(ops, "{\"InputDigitsRegex\": \"1\","
		    " \"FlushDigitsDurationInMilliseconds\": 5000}",
		    "InvalidActionParameter",
		    "The InBetweenDigitsDurationInMilliseconds parameter is "
		    "invalid.", PATH ".InBetweenDigitsDurationInMilliseconds");
	expect_fail(ops, "{\"InputDigitsRegex\": \"1\","
		    " \"InBetweenDigitsDurationInMilliseconds\": 0,"
		    " \"FlushDigitsDurationInMilliseconds\": 5000}",
		    "InvalidActionParameter",
		    "The InBetweenDigitsDurationInMilliseconds parameter is "
		    "invalid.", NULL);
	expect_fail(ops, "{\"InputDigitsRegex\": \"1\","
		    " \"InBetweenDigitsDurationInMilliseconds\": 1000}",
		    "InvalidActionParameter",
		    "The FlushDigitsDurationInMilliseconds parameter is invalid.",
		    PATH ".FlushDigitsDurationInMilliseconds");
}

/* ---- SendDigits (decision 5) ---- */

static const char *const bad_tone = "ToneDuration parameter value is invalid.";

static void test_send_digits(void **state)
{
	struct run r;
	int i;

	(void)state;
	r = apply(&action_send_digits, "{\"Digits\": \"1\"}");
	assert_true(r.ok);
	assert_int_equal(json_integer_value(json_object_get(r.params,
				"ToneDurationInMilliseconds")), 250);
	run_free(&r);
	for (i = 0; i < 2; i++) {
		r = apply(&action_send_digits, i ? "{\"Digits\": \"1\","
			  " \"ToneDurationInMilliseconds\": 24000}" :
			  "{\"Digits\": \"1\", \"ToneDurationInMilliseconds\": 50}");
		assert_true(r.ok);
		run_free(&r);
	}
	expect_fail(&action_send_digits, "{\"Digits\": \"1\","
		    " \"ToneDurationInMilliseconds\": 49}",
		    "InvalidActionParameter", bad_tone,
		    PATH ".ToneDurationInMilliseconds");
	expect_fail(&action_send_digits, "{\"Digits\": \"1\","
		    " \"ToneDurationInMilliseconds\": 24001}",
		    "InvalidActionParameter", bad_tone, NULL);
	expect_fail(&action_send_digits, "{\"Digits\": \"1\","
		    " \"ToneDurationInMilliseconds\": \"abc\"}",
		    "InvalidActionParameter", bad_tone, NULL);
	expect_fail(&action_send_digits, "{\"Digits\": \"1,2A#\","
		    " \"ToneDurationInMilliseconds\": 20000000}",
		    "InvalidActionParameter", bad_tone, NULL);
	expect_fail(&action_send_digits, "{\"CallId\": \"c\"}",
		    "InvalidActionParameter", PATH ".Digits", NULL);

}

/* ---- Hangup ---- */

static void test_hangup_params(void **state)
{
	struct run r;

	(void)state;
	r = apply(&action_hangup, "{\"SipResponseCode\": \"486\"}");
	assert_true(r.ok);
	assert_int_equal(state_int(&action_hangup, &r, "SipResponseCode"), 486);
	run_free(&r);
	r = apply(&action_hangup, "{\"SipResponseCode\": 480}");
	assert_true(r.ok);
	assert_int_equal(state_int(&action_hangup, &r, "SipResponseCode"), 480);
	run_free(&r);
	/* §7: the default is 0, normal termination. */
	r = apply(&action_hangup, "{}");
	assert_true(r.ok);
	assert_int_equal(state_int(&action_hangup, &r, "SipResponseCode"), 0);
	run_free(&r);

	expect_fail(&action_hangup, "{\"SipResponseCode\": \"abc\"}",
		    "InvalidActionParameter", PATH ".SipResponseCode", NULL);
	expect_fail(&action_hangup, "{\"SipResponseCode\": 700}",
		    "InvalidActionParameter", PATH ".SipResponseCode", NULL);
	expect_fail(&action_hangup, "{\"SipResponseCode\": -1}",
		    "InvalidActionParameter", PATH ".SipResponseCode", NULL);
}

static void hangup_run(const char *params, struct action *a)
{
	struct run r = apply(&action_hangup, params);

	assert_true(r.ok);
	memset(a, 0, sizeof(*a));
	a->ops = &action_hangup;
	a->state = r.state;
	hangup_code = -1;
	action_hangup.start(a);
	json_decref(r.params);
	free(r.state);
	a->state = NULL;
}

static void test_hangup_start(void **state)
{
	struct action a;

	(void)state;
	hangup_run("{\"SipResponseCode\": \"486\"}", &a);
	assert_int_equal(hangup_code, 486);
	assert_true(a.completed);
	assert_null(a.result.error_type);

	hangup_run("{}", &a);
	assert_int_equal(hangup_code, 0);
	assert_true(a.completed);

	/* 200 is not a way to end a call: the action fails, the leg stays. */
	hangup_run("{\"SipResponseCode\": 200}", &a);
	assert_int_equal(hangup_code, -1);
	assert_true(a.completed);
	assert_string_equal(a.result.error_type, "InvalidActionParameter");
	assert_non_null(strstr(a.result.error_message, "SipResponseCode"));
}

/* ---- storage paths ---- */

static void test_storage_path(void **state)
{
	struct action a = {.ops = &action_play_audio};
	char buf[256];

	(void)state;
	assert_int_equal(action_storage_path(&a, "prompts", "x/y.wav", buf,
					     sizeof(buf)), 0);
	assert_string_equal(buf, "/srv/storage/prompts/x/y.wav");
	assert_int_equal(action_storage_path(&a, "prompts", "a..b.wav", buf,
					     sizeof(buf)), 0);
	assert_string_equal(buf, "/srv/storage/prompts/a..b.wav");
	assert_int_equal(action_storage_path(&a, "prompts", ".hidden", buf,
					     sizeof(buf)), 0);

	assert_int_equal(action_storage_path(&a, "prompts", "../x", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "a/../../b", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "a/..", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "./x", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "/etc/passwd", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "a//b", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "a/b", "x.wav", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "..", "x.wav", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, ".", "x.wav", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "", "x.wav", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, NULL, "x.wav", buf,
					     sizeof(buf)), EINVAL);
	assert_int_equal(action_storage_path(&a, "prompts", "x/y.wav", buf, 16),
			 ENAMETOOLONG);
}

/* ---- registry ---- */

static void test_registry(void **state)
{
	(void)state;
	action_register(&action_hangup);
	action_register(&action_pause);
	action_register(&action_play_audio);
	action_register(&action_speak);
	action_register(&action_send_digits);
	assert_ptr_equal(action_find("PlayAudio"), &action_play_audio);
	assert_ptr_equal(action_find("Speak"), &action_speak);
	assert_ptr_equal(action_find("Hangup"), &action_hangup);
	assert_ptr_equal(action_find("Pause"), &action_pause);
	assert_ptr_equal(action_find("SendDigits"), &action_send_digits);
	assert_null(action_find("playaudio"));   /* names are case-sensitive */
	assert_null(action_find("Dance"));
	assert_null(action_find(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pause_ok),
		cmocka_unit_test(test_pause_errors),
		cmocka_unit_test(test_pause_start),
		cmocka_unit_test(test_play_audio_ok),
		cmocka_unit_test(test_play_audio_source_errors),
		cmocka_unit_test(test_play_audio_param_errors),
		cmocka_unit_test(test_play_audio_check),
		cmocka_unit_test(test_speak_ok),
		cmocka_unit_test(test_speak_errors),
		cmocka_unit_test(test_speak_limit_counts_characters),
		cmocka_unit_test(test_speak_check_voice),
		cmocka_unit_test(test_get_digits_defaults),
		cmocka_unit_test(test_get_digits_errors),
		cmocka_unit_test(test_speak_get_digits_errors),
		cmocka_unit_test(test_receive_digits_errors),
		cmocka_unit_test(test_send_digits),
		cmocka_unit_test(test_hangup_params),
		cmocka_unit_test(test_hangup_start),
		cmocka_unit_test(test_storage_path),
		cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
