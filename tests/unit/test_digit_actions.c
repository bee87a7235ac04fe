/* test_digit_actions.c - the digit actions through their hooks, with the
 * runtime around them replaced by recording stand-ins and timers fired by
 * hand: ReceiveDigits' listener (DIGITS_RECEIVED at a pause or at the
 * flush, discarding, replacement, freeing), PlayAudio's terminators,
 * SendDigits, and the two *GetDigits actions wired to their prompts
 * (which file or text each prompt plays, failure defaults, load errors),
 * plus their cross-field checks. The parameter tables' error rows are in
 * test_actions.c. */
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
#include "runtime/call.h"
#include "runtime/log.h"
#include "runtime/media.h"
#include "runtime/tts.h"

/* ---- recording stand-ins for the runtime around the actions ---- */

static struct config test_cfg = {.storage_root = "/srv/storage"};
static struct audio_clip clip;
static char fake_media;         /* stands for the leg's media */

static struct {
	int clip_refs;
	/* prompts and speech */
	prompt_done_h *load_done;
	speech_done_h *speech_done;
	void *load_arg;
	char load_what[256];         /* path, or "voice:text" */
	unsigned loads, cancels;
	/* player */
	player_done_h *play_done;
	void *play_arg;
	bool playing;
	unsigned repeat;
	/* sent digits */
	char sent[600];
	unsigned tone_ms, send_cancels;
	int send_err;
	player_done_h *sent_done;
	void *sent_arg;
	/* events */
	unsigned invokes;
	char event[32];
	json_t *event_data;
	unsigned timers_closed;
} st;

const struct config *calls_config(void) { return &test_cfg; }
void engine_schedule(struct call *call) { (void)call; }

void engine_invoke(struct call *call, const char *event_type, json_t *data)
{
	(void)call;
	st.invokes++;
	snprintf(st.event, sizeof(st.event), "%s", event_type);
	json_decref(st.event_data);
	st.event_data = data;
}

/* Timers are fired by hand: ev marks a running one; each timer is
 * known by the delay it was last started with. */
static struct started {
	struct tmr *t;
	uint64_t delay_ms;
	unsigned starts;
} timers[8];

void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	size_t i;

	t->ev = t;
	t->h = h;
	t->arg = arg;
	for (i = 0; i < 8 && timers[i].t && timers[i].t != t; i++)
		;
	assert_true(i < 8);
	timers[i].t = t;
	timers[i].delay_ms = delay_ms;
	timers[i].starts++;
}

static bool timer_started(uint64_t delay_ms)
{
	size_t i;

	for (i = 0; i < 8 && timers[i].t; i++)
		if (timers[i].delay_ms == delay_ms)
			return true;
	return false;
}

static struct started *timer_with(uint64_t delay_ms)
{
	size_t i;

	for (i = 0; i < 8 && timers[i].t; i++)
		if (timers[i].delay_ms == delay_ms)
			return &timers[i];
	fail_msg("no timer was started for %llu ms",
		 (unsigned long long)delay_ms);
	return NULL;
}

void tmr_cancel(struct tmr *t) { t->ev = NULL; }
bool tmr_isrunning(const struct tmr *t) { return t->ev != NULL; }

void tmr_close(struct tmr *t)
{
	t->ev = NULL;
	st.timers_closed++;
}

static void fire(struct tmr *t)
{
	assert_non_null(t->ev);
	t->ev = NULL;
	t->h(t->arg);
}

void leg_set_listener(struct leg *leg, struct digit_listener *l)
{
	if (leg->listener)
		leg->listener->free(leg->listener);
	leg->listener = l;
}

uint64_t prompt_load(const char *path, prompt_done_h *done, void *arg)
{
	snprintf(st.load_what, sizeof(st.load_what), "%s", path);
	st.load_done = done;
	st.load_arg = arg;
	return ++st.loads;
}

void prompt_cancel(uint64_t id) { (void)id; st.cancels++; }

uint64_t speech_request(const char *text, bool ssml,
			const struct tts_voice *voice,
			speech_done_h *done, void *arg)
{
	snprintf(st.load_what, sizeof(st.load_what), "%s:%s%s",
		 voice->engine_voice, ssml ? "ssml:" : "", text);
	st.speech_done = done;
	st.load_arg = arg;
	return ++st.loads;
}

void speech_cancel(uint64_t id) { (void)id; st.cancels++; }

int player_start(struct player *p, struct media_leg *to,
		 struct audio_clip *c, unsigned repeat,
		 player_done_h *done, void *arg)
{
	(void)p; (void)to;
	assert_ptr_equal(c, &clip);
	assert_false(st.playing);
	st.playing = true;
	st.clip_refs++;
	st.repeat = repeat;
	st.play_done = done;
	st.play_arg = arg;
	return 0;
}

void player_stop(struct player *p)
{
	(void)p;
	if (st.playing)
		st.clip_refs--;
	st.playing = false;
}

void audio_clip_deref(struct audio_clip *c)
{
	if (c == &clip)
		st.clip_refs--;
}

int media_leg_send_digits(struct media_leg *ml, const char *digits,
			  unsigned tone_ms, player_done_h *done, void *arg)
{
	(void)ml;
	if (st.send_err)
		return st.send_err;
	snprintf(st.sent, sizeof(st.sent), "%s", digits);
	st.tone_ms = tone_ms;
	st.sent_done = done;
	st.sent_arg = arg;
	return 0;
}

void media_leg_cancel_digits(struct media_leg *ml) { (void)ml; st.send_cancels++; }

/* One voice: Joanna, en-US (the defaults); Hans speaks de-DE. */
static int voice_lookup(const char *voice_id, const char *lang,
			struct tts_voice *out)
{
	const char *v = voice_id ? voice_id : "Joanna";

	if (strcmp(v, "Joanna") && strcmp(v, "Hans"))
		return ENOENT;
	if (lang && strcmp(lang, !strcmp(v, "Hans") ? "de-DE" : "en-US"))
		return ENOENT;
	snprintf(out->engine_voice, sizeof(out->engine_voice), "%s", v);
	return 0;
}

static const struct tts_ops test_tts = {.name = "test",
					.voice_lookup = voice_lookup};

const struct tts_ops *tts_get(void) { return &test_tts; }

/* ---- running actions ---- */

struct run {
	struct call call;
	struct leg leg;
	struct action a;
	struct action_result res;
	bool ok;                     /* validation and check passed */
};

/* Validate and check params as the engine does (index 1). */
static void run_prepare(struct run *r, const struct action_ops *ops,
			const char *params)
{
	json_error_t jerr;

	memset(r, 0, sizeof(*r));
	memset(&st.load_what, 0, sizeof(st.load_what));
	snprintf(r->call.transaction_id, sizeof(r->call.transaction_id), "tx");
	r->leg.call = &r->call;
	r->leg.media = (struct media_leg *)&fake_media;
	r->a.ops = ops;
	r->a.call = &r->call;
	r->a.leg = &r->leg;
	r->a.index = 1;
	r->a.params = json_loads(params, 0, &jerr);
	if (!r->a.params)
		fail_msg("bad test JSON '%s': %s", params, jerr.text);
	r->a.state = calloc(1, ops->state_size);
	assert_non_null(r->a.state);
	r->ok = action_params_apply(ops, r->a.params, "Actions[1].Parameters",
				    r->a.state, &r->res) &&
		(!ops->check || ops->check(&r->a, &r->res));
}

static void run_go(struct run *r)
{
	assert_true(r->ok);
	r->a.running = true;
	r->a.ops->start(&r->a);
}

static void run_start(struct run *r, const struct action_ops *ops,
		      const char *params)
{
	run_prepare(r, ops, params);
	if (r->ok)
		run_go(r);
}

/* leg_digit's rule: the running action first, then the listener. */
static void press(struct run *r, const char *keys)
{
	for (; *keys; keys++) {
		if (r->a.running && r->a.ops->digit &&
		    r->a.ops->digit(&r->a, *keys))
			continue;
		if (r->a.leg->listener)
			r->a.leg->listener->digit(r->a.leg->listener, *keys);
	}
}

static void run_free(struct run *r)
{
	if (r->a.running && r->a.ops->stop)
		r->a.ops->stop(&r->a);
	leg_set_listener(&r->leg, NULL);
	json_decref(r->a.params);
	json_decref(r->a.result.data);
	free(r->a.state);
}

static void deliver_clip(void)
{
	st.clip_refs++;
	if (st.load_done)
		st.load_done(&clip, 0, NULL, st.load_arg);
	else
		st.speech_done(&clip, NULL, st.load_arg);
	st.load_done = NULL;
	st.speech_done = NULL;
}

static void prompt_finished(void)
{
	assert_true(st.playing);
	st.playing = false;
	st.clip_refs--;
	st.play_done(st.play_arg);
}

static const char *result_digits(const struct run *r)
{
	return json_string_value(json_object_get(r->a.result.data,
						 "ReceivedDigits"));
}

static void expect_refused(const struct action_ops *ops, const char *params,
			   const char *error_type, const char *prefix)
{
	struct run r;

	run_start(&r, ops, params);
	if (r.ok)
		fail_msg("%s %s was accepted", ops->type, params);
	assert_string_equal(r.res.error_type, error_type);
	if (strncmp(r.res.error_message, prefix, strlen(prefix)))
		fail_msg("'%s' does not start with '%s'", r.res.error_message,
			 prefix);
	run_free(&r);
}

static int reset(void **state)
{
	(void)state;
	json_decref(st.event_data);
	memset(&st, 0, sizeof(st));
	memset(timers, 0, sizeof(timers));
	return 0;
}

static int check_clips(void **state)
{
	(void)state;
	assert_int_equal(st.clip_refs, 0);
	json_decref(st.event_data);
	st.event_data = NULL;
	return 0;
}

/* ---- ReceiveDigits ---- */

#define RD_PARAMS "{\"InputDigitsRegex\": \"^\\\\d{2}#$\"," \
	" \"InBetweenDigitsDurationInMilliseconds\": 1000," \
	" \"FlushDigitsDurationInMilliseconds\": 10000}"
#define BETWEEN (timer_with(1000)->t)
#define FLUSH   (timer_with(10000)->t)

static const char *event_digits(void)
{
	return json_string_value(json_object_get(st.event_data,
						 "ReceivedDigits"));
}

static void test_receive_digits_arms_and_succeeds(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_receive_digits, RD_PARAMS);
	assert_true(r.ok);
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_string_equal(result_digits(&r), "");
	assert_non_null(r.leg.listener);
	assert_int_equal(st.invokes, 0);
	run_free(&r);
}

static void test_receive_digits_match_at_pause(void **state)
{
	struct run r;
	json_t *d;

	(void)state;
	run_start(&r, &action_receive_digits, RD_PARAMS);
	press(&r, "11#");
	/* The first key started the flush interval, every key the pause. */
	assert_int_equal(timer_with(10000)->starts, 1);
	assert_int_equal(timer_with(1000)->starts, 3);
	assert_int_equal(st.invokes, 0);
	fire(BETWEEN);
	assert_int_equal(st.invokes, 1);
	assert_string_equal(st.event, "DIGITS_RECEIVED");
	d = st.event_data;
	assert_string_equal(json_string_value(json_object_get(d, "Type")),
			    "ReceiveDigits");
	assert_string_equal(event_digits(), "11#");
	assert_true(json_equal(json_object_get(d, "Parameters"), r.a.params));
	/* Reported once: timers stopped, buffer emptied. */
	assert_false(tmr_isrunning(BETWEEN));
	assert_false(tmr_isrunning(FLUSH));
	press(&r, "2");
	assert_int_equal(timer_with(10000)->starts, 2);   /* a new interval */
	fire(BETWEEN);
	assert_int_equal(st.invokes, 1);                  /* "2" alone */
	run_free(&r);
}

static void test_receive_digits_keeps_buffering(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_receive_digits, RD_PARAMS);
	press(&r, "1");
	fire(BETWEEN);               /* "1" does not match: keep it */
	assert_int_equal(st.invokes, 0);
	assert_true(tmr_isrunning(FLUSH));
	press(&r, "1#");
	fire(BETWEEN);
	assert_int_equal(st.invokes, 1);
	assert_string_equal(event_digits(), "11#");
	run_free(&r);
}

static void test_receive_digits_flush(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_receive_digits, RD_PARAMS);
	/* No match at the pause nor at the flush: discarded. */
	press(&r, "55");
	fire(BETWEEN);
	fire(FLUSH);
	assert_int_equal(st.invokes, 0);
	assert_false(tmr_isrunning(BETWEEN));
	/* The next input starts from an empty buffer, and a match when the
	 * flush interval ends (the caller never paused) is reported. */
	press(&r, "12#");
	fire(FLUSH);
	assert_int_equal(st.invokes, 1);
	assert_string_equal(event_digits(), "12#");
	assert_false(tmr_isrunning(BETWEEN));
	run_free(&r);
}

static void test_receive_digits_replaced_and_freed(void **state)
{
	struct run r1, r2;

	(void)state;
	run_start(&r1, &action_receive_digits, RD_PARAMS);
	press(&r1, "1");
	/* A second ReceiveDigits on the same leg replaces the listener; the
	 * old one is freed with its running timers. */
	run_prepare(&r2, &action_receive_digits,
		    "{\"InputDigitsRegex\": \"^\\\\*9$\","
		    " \"InBetweenDigitsDurationInMilliseconds\": 500,"
		    " \"FlushDigitsDurationInMilliseconds\": 3000}");
	r2.a.leg = &r1.leg;
	st.timers_closed = 0;
	run_go(&r2);
	assert_int_equal(st.timers_closed, 2);
	press(&r2, "*9");
	fire(timer_with(500)->t);
	assert_int_equal(st.invokes, 1);
	assert_string_equal(event_digits(), "*9");
	/* The leg ending frees the listener (call.c calls free()). */
	st.timers_closed = 0;
	press(&r2, "3");
	leg_set_listener(&r1.leg, NULL);
	assert_int_equal(st.timers_closed, 2);
	run_free(&r1);
	run_free(&r2);
}

/* A digit a running GetDigits action takes never reaches the listener. */
static void test_receive_digits_behind_get_digits(void **state)
{
	struct run rd, get;

	(void)state;
	run_start(&rd, &action_receive_digits, RD_PARAMS);
	run_prepare(&get, &action_play_audio_and_get_digits,
		    "{\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": \"p\","
		    " \"Key\": \"a.wav\"}, \"FailureAudioSource\": {\"Type\":"
		    " \"S3\", \"BucketName\": \"p\", \"Key\": \"f.wav\"},"
		    " \"RepeatDurationInMilliseconds\": 2000}");
	get.a.leg = &rd.leg;
	run_go(&get);
	press(&get, "11#");
	assert_true(get.a.completed);
	assert_string_equal(result_digits(&get), "11");
	assert_false(timer_started(10000));   /* the listener saw nothing */
	/* Once it has ended, digits reach the listener again. */
	press(&get, "1");
	assert_true(timer_started(10000));
	run_free(&rd);
	run_free(&get);
}

/* ---- PlayAudio PlaybackTerminators (decision 4) ---- */

#define PA_SRC "\"AudioSource\": {\"Type\": \"S3\", \"BucketName\": " \
	"\"prompts\", \"Key\": \"menu.wav\"}"

static void test_play_audio_terminator(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_play_audio, "{" PA_SRC ", \"Repeat\": 5,"
		  " \"PlaybackTerminators\": [\"#\", \"5\"]}");
	assert_string_equal(st.load_what, "/srv/storage/prompts/menu.wav");
	deliver_clip();
	assert_true(st.playing);
	assert_int_equal(st.repeat, 5);
	/* Not a terminator: passed on, playback goes on. */
	press(&r, "1");
	assert_true(st.playing);
	assert_false(r.a.completed);
	/* A terminator: stopped at once, remaining repeats included, and
	 * the action succeeds without extra fields. */
	press(&r, "5");
	assert_false(st.playing);
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	assert_null(r.a.result.data);
	run_free(&r);

	/* Before the file is even loaded: the load is cancelled. */
	run_start(&r, &action_play_audio, "{" PA_SRC ","
		  " \"PlaybackTerminators\": [\"*\"]}");
	press(&r, "*");
	assert_true(r.a.completed);
	assert_int_equal(st.cancels, 1);
	run_free(&r);

	/* Without terminators digits pass by. */
	run_start(&r, &action_play_audio, "{" PA_SRC "}");
	deliver_clip();
	assert_false(action_play_audio.digit(&r.a, '#'));
	assert_true(st.playing);
	prompt_finished();
	assert_true(r.a.completed);
	run_free(&r);
}

/* ---- SendDigits (decision 5) ---- */

static void test_send_digits_run(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_send_digits, "{\"CallId\": \"c\", \"Digits\":"
		  " \",,*1234,56,7890abcD#\"}");
	assert_true(r.ok);
	/* Sent upper-case, commas kept for the media engine's pauses, with
	 * the default tone length, which the echo shows. */
	assert_string_equal(st.sent, ",,*1234,56,7890ABCD#");
	assert_int_equal(st.tone_ms, 250);
	assert_int_equal(json_integer_value(json_object_get(r.a.params,
				"ToneDurationInMilliseconds")), 250);
	assert_false(r.a.completed);
	st.sent_done(st.sent_arg);      /* the last tone went out */
	assert_true(r.a.completed);
	assert_null(r.a.result.error_type);
	run_free(&r);

	/* Cancelled (leg gone): the sending stops. */
	run_start(&r, &action_send_digits, "{\"Digits\": \"1\","
		  " \"ToneDurationInMilliseconds\": \"100\"}");
	assert_int_equal(st.tone_ms, 100);
	action_send_digits.stop(&r.a);
	assert_int_equal(st.send_cancels, 1);
	r.a.running = false;
	run_free(&r);

	st.send_err = EBUSY;
	run_start(&r, &action_send_digits, "{\"Digits\": \"1\"}");
	assert_true(r.a.completed);
	assert_string_equal(r.a.result.error_type, "SystemException");
	run_free(&r);
}

/* Digits: 1 to 50 of 0-9 * # A-D (a-d taken as A-D); commas do not
 * count. */
static void test_send_digits_check(void **state)
{
	struct run r;
	char buf[256];
	int i;

	(void)state;
	expect_refused(&action_send_digits, "{\"Digits\": \"12E\"}",
		       "InvalidActionParameter", "Actions[1].Parameters.Digits");
	expect_refused(&action_send_digits, "{\"Digits\": \"1 2\"}",
		       "InvalidActionParameter", "Actions[1].Parameters.Digits");
	expect_refused(&action_send_digits, "{\"Digits\": \",,,\"}",
		       "InvalidActionParameter", "Actions[1].Parameters.Digits");
	/* 50 digits with a comma after each pass; a 51st does not. */
	strcpy(buf, "{\"Digits\": \"");
	for (i = 0; i < 50; i++)
		strcat(buf, i % 2 ? "d," : "7,");
	strcat(buf, "\"}");
	run_start(&r, &action_send_digits, buf);
	if (!r.ok)
		fail_msg("50 digits refused: %s", r.res.error_message);
	assert_int_equal(strlen(st.sent), 100);
	assert_string_equal(st.sent + 96, "7,D,");
	run_free(&r);
	strcpy(strrchr(buf, '"'), "9\"}");
	expect_refused(&action_send_digits, buf, "InvalidActionParameter",
		       "Actions[1].Parameters.Digits must hold 1 to 50 digits");
}

/* ---- PlayAudioAndGetDigits and SpeakAndGetDigits ---- */

#define PG_SRCS PA_SRC ", \"FailureAudioSource\": {\"Type\": \"S3\"," \
	" \"BucketName\": \"prompts\", \"Key\": \"again.wav\"}"

static void test_play_and_get_prompts(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_play_audio_and_get_digits, "{" PG_SRCS ","
		  " \"RepeatDurationInMilliseconds\": 3000, \"Repeat\": 2,"
		  " \"MinNumberOfDigits\": 2}");
	/* Defaults from elsewhere are echoed. */
	assert_int_equal(json_integer_value(json_object_get(r.a.params,
			 "InBetweenDigitsDurationInMilliseconds")), 3000);
	assert_string_equal(json_string_value(json_array_get(json_object_get(
			    r.a.params, "TerminatorDigits"), 0)), "#");
	assert_string_equal(st.load_what, "/srv/storage/prompts/menu.wav");
	deliver_clip();
	prompt_finished();
	/* Attempt timer, then the failure file, then the main one again. */
	fire(timer_with(3000)->t);
	assert_string_equal(st.load_what, "/srv/storage/prompts/again.wav");
	deliver_clip();
	prompt_finished();
	assert_string_equal(st.load_what, "/srv/storage/prompts/menu.wav");
	deliver_clip();
	press(&r, "42#");
	assert_false(st.playing);
	assert_true(r.a.completed);
	assert_string_equal(result_digits(&r), "42");
	run_free(&r);
}

static void test_play_and_get_missing_file(void **state)
{
	struct run r;

	(void)state;
	run_start(&r, &action_play_audio_and_get_digits, "{" PG_SRCS ","
		  " \"RepeatDurationInMilliseconds\": 3000}");
	st.load_done(NULL, ENOENT, "no such file", st.load_arg);
	assert_true(r.a.completed);
	assert_string_equal(r.a.result.error_type, "InvalidAudioSource");
	assert_non_null(strstr(r.a.result.error_message,
			       "Audio Source parameter value is invalid."));
	assert_non_null(strstr(r.a.result.error_message, "menu.wav"));
	run_free(&r);

	/* A key leaving its bucket is refused before anything plays. */
	expect_refused(&action_play_audio_and_get_digits, "{" PA_SRC ","
		       " \"FailureAudioSource\": {\"Type\": \"S3\", \"BucketName\":"
		       " \"prompts\", \"Key\": \"../x.wav\"},"
		       " \"RepeatDurationInMilliseconds\": 3000}",
		       "InvalidAudioSource",
		       "Audio Source parameter value is invalid. "
		       "(Actions[1].Parameters.FailureAudioSource");
}

#define SG_SPEECH "\"SpeechParameters\": {\"Text\": \"Your PIN?\"," \
	" \"VoiceId\": \"Hans\", \"LanguageCode\": \"de-DE\"," \
	" \"Engine\": \"neural\"}, \"FailureSpeechParameters\": {\"Text\":" \
	" \"<speak>No.</speak>\", \"TextType\": \"ssml\"}"

static void test_speak_and_get_prompts(void **state)
{
	struct run r;
	json_t *fail;

	(void)state;
	run_start(&r, &action_speak_and_get_digits, "{\"CallId\": \"c\", "
		  SG_SPEECH ", \"RepeatDurationInMilliseconds\": 3000,"
		  " \"InBetweenDigitsDurationInMilliseconds\": 700,"
		  " \"Repeat\": 2, \"MaxNumberOfDigits\": 4,"
		  " \"InputDigitsRegex\": \"1\\\\d*\"}");
	if (!r.ok)
		fail_msg("refused: %s", r.res.error_message);
	/* Decision 6: failure fields default to SpeechParameters', and
	 * the echo shows them; TextType stays its own. */
	fail = json_object_get(r.a.params, "FailureSpeechParameters");
	assert_string_equal(json_string_value(json_object_get(fail, "VoiceId")),
			    "Hans");
	assert_string_equal(json_string_value(json_object_get(fail,
					      "LanguageCode")), "de-DE");
	assert_string_equal(json_string_value(json_object_get(fail, "Engine")),
			    "neural");
	assert_string_equal(json_string_value(json_object_get(fail,
					      "TextType")), "ssml");
	assert_string_equal(st.load_what, "Hans:Your PIN?");
	deliver_clip();
	press(&r, "2");                 /* barge-in */
	assert_false(st.playing);
	fire(timer_with(700)->t);       /* "2" fails the regex */
	assert_string_equal(st.load_what, "Hans:ssml:<speak>No.</speak>");
	deliver_clip();
	prompt_finished();
	assert_string_equal(st.load_what, "Hans:Your PIN?");
	deliver_clip();
	prompt_finished();
	press(&r, "1234");              /* MaxNumberOfDigits ends input */
	assert_true(r.a.completed);
	if (r.a.result.error_type)
		fail_msg("%s", r.a.result.error_message);
	assert_string_equal(result_digits(&r), "1234");
	run_free(&r);

	/* Synthesis failure. */
	run_start(&r, &action_speak_and_get_digits, "{\"CallId\": \"c\", "
		  SG_SPEECH ", \"RepeatDurationInMilliseconds\": 3000}");
	st.speech_done(NULL, "engine died", st.load_arg);
	assert_string_equal(r.a.result.error_type, "SystemException");
	run_free(&r);
}

static void test_get_digits_checks(void **state)
{
	struct run r;

	(void)state;
	expect_refused(&action_play_audio_and_get_digits, "{" PG_SRCS ","
		       " \"RepeatDurationInMilliseconds\": 3000,"
		       " \"MinNumberOfDigits\": 5, \"MaxNumberOfDigits\": 4}",
		       "InvalidActionParameter",
		       "The MaxNumberOfDigits parameter is invalid. "
		       "(Actions[1].Parameters.MaxNumberOfDigits");
	expect_refused(&action_speak_and_get_digits, "{" SG_SPEECH ","
		       " \"RepeatDurationInMilliseconds\": 3000,"
		       " \"InputDigitsRegex\": \"(12\"}",
		       "InvalidActionParameter",
		       "The InputDigitsRegex parameter is invalid: missing "
		       "closing parenthesis at offset 3 "
		       "(Actions[1].Parameters.InputDigitsRegex)");
	/* A voice the failure speech inherits must exist for its language. */
	expect_refused(&action_speak_and_get_digits, "{\"SpeechParameters\":"
		       " {\"Text\": \"a\", \"LanguageCode\": \"de-DE\","
		       " \"VoiceId\": \"Hans\"}, \"FailureSpeechParameters\":"
		       " {\"Text\": \"b\", \"VoiceId\": \"Joanna\"},"
		       " \"RepeatDurationInMilliseconds\": 3000}",
		       "InvalidActionParameter",
		       "Actions[1].Parameters.FailureSpeechParameters: VoiceId "
		       "'Joanna'");
	/* Min == Max is a PIN, and an empty TerminatorDigits means none. */
	run_start(&r, &action_play_audio_and_get_digits, "{" PG_SRCS ","
		  " \"RepeatDurationInMilliseconds\": 3000,"
		  " \"MinNumberOfDigits\": 4, \"MaxNumberOfDigits\": 4,"
		  " \"TerminatorDigits\": []}");
	assert_true(r.ok);
	deliver_clip();
	press(&r, "12#4");
	assert_true(r.a.completed);
	assert_string_equal(result_digits(&r), "12#4");
	run_free(&r);
}

static void test_receive_digits_checks(void **state)
{
	(void)state;
	expect_refused(&action_receive_digits, "{\"InputDigitsRegex\": \"[0-\","
		       " \"InBetweenDigitsDurationInMilliseconds\": 1000,"
		       " \"FlushDigitsDurationInMilliseconds\": 5000}",
		       "InvalidActionParameter",
		       "The InputDigitsRegex parameter is invalid: ");
	expect_refused(&action_receive_digits, "{\"InputDigitsRegex\": \"1\","
		       " \"InBetweenDigitsDurationInMilliseconds\": 1000,"
		       " \"FlushDigitsDurationInMilliseconds\": 1000}",
		       "InvalidActionParameter",
		       "The FlushDigitsDurationInMilliseconds parameter is "
		       "invalid. (Actions[1].Parameters."
		       "FlushDigitsDurationInMilliseconds");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(f) cmocka_unit_test_setup_teardown(f, reset, check_clips)
		TEST(test_receive_digits_arms_and_succeeds),
		TEST(test_receive_digits_match_at_pause),
		TEST(test_receive_digits_keeps_buffering),
		TEST(test_receive_digits_flush),
		TEST(test_receive_digits_replaced_and_freed),
		TEST(test_receive_digits_behind_get_digits),
		TEST(test_receive_digits_checks),
		TEST(test_play_audio_terminator),
		TEST(test_send_digits_run),
		TEST(test_send_digits_check),
		TEST(test_play_and_get_prompts),
		TEST(test_play_and_get_missing_file),
		TEST(test_speak_and_get_prompts),
		TEST(test_get_digits_checks),
#undef TEST
	};

	log_set_level(LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
