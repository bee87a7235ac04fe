/* test_speech.c - the espeak-ng module (speech, SSML, the Polly voice
 * table) and the speech service (cache hits, coalescing, cancel). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/loop.h"
#include "runtime/tts.h"
#include "tts/espeak.h"

/* ---- the engine, called directly (this thread acts as the worker) ---- */

struct pcm_buf {
	int16_t *pcm;
	size_t n;
};

static int collect(const int16_t *pcm, size_t n, void *arg)
{
	struct pcm_buf *b = arg;

	b->pcm = realloc(b->pcm, (b->n + n) * sizeof(*pcm));
	memcpy(b->pcm + b->n, pcm, n * sizeof(*pcm));
	b->n += n;
	return 0;
}

static int abort_sink(const int16_t *pcm, size_t n, void *arg)
{
	(void)pcm;
	*(size_t *)arg += n;
	return ECANCELED;
}

static double rms(const int16_t *pcm, size_t n)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (double)pcm[i] * pcm[i];
	return n ? sqrt(sum / n) : 0;
}

/* Speech is bursty: count 20 ms windows louder than a quiet floor. */
static double voiced_seconds(const int16_t *pcm, size_t n, uint32_t rate)
{
	size_t win = rate / 50, i, loud = 0;

	for (i = 0; i + win <= n; i += win)
		loud += rms(pcm + i, win) > 300;
	return loud * 0.02;
}

static void synth(const char *text, bool ssml, const char *voice_id,
		  struct pcm_buf *b, uint32_t *rate)
{
	struct tts_voice v;

	memset(b, 0, sizeof(*b));
	assert_int_equal(espeak_voice_lookup(voice_id, NULL, &v), 0);
	assert_int_equal(espeak_tts_ops.synth(text, ssml, &v, rate, collect,
					      b), 0);
}

static int engine_setup(void **state)
{
	(void)state;
	return espeak_tts_ops.init();
}

static int engine_teardown(void **state)
{
	(void)state;
	espeak_tts_ops.close();
	return 0;
}

static void test_espeak_plain(void **state)
{
	struct pcm_buf b;
	uint32_t rate = 0;

	(void)state;
	synth("Hello, thank you for calling", false, "Joanna", &b, &rate);
	assert_int_equal(rate, 22050);
	print_message("%zu samples, %.2f s voiced, rms %.0f\n", b.n,
		      voiced_seconds(b.pcm, b.n, rate), rms(b.pcm, b.n));
	assert_true(b.n > rate);                         /* > 1 s */
	assert_true(voiced_seconds(b.pcm, b.n, rate) > 0.6);
	assert_true(rms(b.pcm, b.n) > 500);
	free(b.pcm);
}

/* A break adds its silence; without the SSML flag the tags would have
 * been read aloud and made the result much longer still. */
static void test_espeak_ssml_break(void **state)
{
	struct pcm_buf plain, brk, literal;
	uint32_t rate;

	(void)state;
	synth("<speak>Hello world</speak>", true, NULL, &plain, &rate);
	synth("<speak>Hello <break time=\"500ms\"/> world</speak>", true,
	      NULL, &brk, &rate);
	synth("<speak>Hello <break time=\"500ms\"/> world</speak>", false,
	      NULL, &literal, &rate);
	print_message("plain %zu, break %zu, literal %zu\n", plain.n, brk.n,
		      literal.n);
	assert_true(brk.n > plain.n + rate * 3 / 10);
	assert_true(brk.n < plain.n + rate);
	assert_true(voiced_seconds(brk.pcm, brk.n, rate) > 0.4);
	assert_true(literal.n > brk.n + rate);
	free(plain.pcm);
	free(brk.pcm);
	free(literal.pcm);
}

/* Polly-only and broken markup must still be heard. */
static void test_espeak_ssml_unsupported(void **state)
{
	static const char *const texts[] = {
		"<speak><amazon:effect name=\"whispered\">Please hold the "
		"line</amazon:effect></speak>",
		"<speak>Please hold <unclosed the line",
		"<speak><prosody rate=\"slow\">Please hold</prosody> &amp; "
		"wait</speak>",
		/* espeak renders this as pure silence: spoken as plain text */
		"<speak><prosody volume=\"-100dB\">Please hold</prosody>"
		"</speak>",
	};
	struct pcm_buf b;
	uint32_t rate;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		synth(texts[i], true, "Matthew", &b, &rate);
		print_message("%zu: %zu samples, %.2f s voiced\n", i, b.n,
			      voiced_seconds(b.pcm, b.n, rate));
		assert_true(voiced_seconds(b.pcm, b.n, rate) > 0.3);
		free(b.pcm);
	}
}

/* Markup with nothing to say is an error, not a silent clip. */
static void test_espeak_ssml_nothing(void **state)
{
	struct tts_voice v;
	struct pcm_buf b = {0};
	uint32_t rate;

	(void)state;
	assert_int_equal(espeak_voice_lookup(NULL, NULL, &v), 0);
	assert_int_equal(espeak_tts_ops.synth("<speak><mark name=\"a\"/>"
					      "</speak>", true, &v, &rate,
					      collect, &b), ENODATA);
	assert_int_equal(b.n, 0);
	free(b.pcm);
}

static void test_espeak_sink_abort(void **state)
{
	struct tts_voice v;
	uint32_t rate;
	size_t got = 0;

	(void)state;
	assert_int_equal(espeak_voice_lookup("Joanna", NULL, &v), 0);
	assert_int_equal(espeak_tts_ops.synth("This sentence is long enough "
					      "to arrive in many chunks.",
					      false, &v, &rate, abort_sink,
					      &got), ECANCELED);
	assert_true(got > 0);
	assert_true(got < rate);   /* stopped after the first chunk */
}

/* Every mapped voice loads in espeak-ng and speaks. */
static void test_espeak_every_voice(void **state)
{
	const struct espeak_voice_map *tab;
	struct tts_voice v;
	struct pcm_buf b;
	uint32_t rate;
	size_t n, i;
	int err;

	(void)state;
	tab = espeak_voice_table(&n);
	assert_int_equal(n, 106);   /* botocore 1.43's Polly VoiceId enum */
	for (i = 0; i < n; i++) {
		const char *langs[2] = {tab[i].language, tab[i].alt_language};
		int k;

		for (k = 0; k < 2 && langs[k]; k++) {
			assert_int_equal(espeak_voice_lookup(tab[i].voice_id,
							     langs[k], &v), 0);
			memset(&b, 0, sizeof(b));
			err = espeak_tts_ops.synth("12", false, &v, &rate,
						   collect, &b);
			if (err || !b.n)
				fail_msg("%s (%s): err %d, %zu samples",
					 tab[i].voice_id, v.engine_voice, err,
					 b.n);
			free(b.pcm);
		}
	}
}

static void expect_voice(const char *id, const char *lang, const char *want)
{
	struct tts_voice v = {{0}};

	assert_int_equal(espeak_voice_lookup(id, lang, &v), 0);
	assert_string_equal(v.engine_voice, want);
}

static void test_voice_lookup(void **state)
{
	struct tts_voice v;
	size_t n;

	(void)state;
	expect_voice("Joanna", NULL, "en-us+f3");
	expect_voice(NULL, NULL, "en-us+f3");
	expect_voice("Joanna", "en-US", "en-us+f3");
	expect_voice("Matthew", NULL, "en-us+m3");
	expect_voice("Lea", NULL, "fr+f2");
	expect_voice("Hans", NULL, "de+m3");
	expect_voice("Mizuki", NULL, "ja+f3");
	expect_voice("Amy", NULL, "en+f3");
	expect_voice("Mia", "es-MX", "es-419+f3");
	/* Bilingual: the language code picks the language. */
	expect_voice("Aditi", NULL, "en+f3");
	expect_voice("Aditi", "hi-IN", "hi+f3");
	/* Other voices keep their language whatever the code says. */
	expect_voice("Joanna", "fr-FR", "en-us+f3");

	assert_int_equal(espeak_voice_lookup("Bogus", NULL, &v), ENOENT);
	assert_int_equal(espeak_voice_lookup("joanna", NULL, &v), ENOENT);
	assert_int_equal(espeak_voice_lookup("", NULL, &v), ENOENT);
	assert_int_equal(espeak_voice_lookup("Joanna", "en-us", &v), ENOENT);
	assert_int_equal(espeak_voice_lookup("Joanna", "xx-XX", &v), ENOENT);
	assert_int_equal(espeak_voice_lookup(NULL, "klingon", &v), ENOENT);
	assert_ptr_equal(espeak_tts_ops.voice_lookup, espeak_voice_lookup);
	espeak_lang_table(&n);
	assert_int_equal(n, 42);    /* Polly LanguageCode enum */
}

/* ---- the speech service on the loop ---- */

struct result {
	struct audio_clip *clip;
	char err[128];
	int calls;
	bool stop;          /* stop the loop when this one arrives */
};

static struct tmr guard;
static bool timed_out;
static bool in_request;

static void on_guard(void *arg)
{
	(void)arg;
	timed_out = true;
	loop_stop();
}

static void on_speech(struct audio_clip *clip, const char *err, void *arg)
{
	struct result *r = arg;

	assert_false(in_request);   /* never inside speech_request */
	r->clip = clip;
	snprintf(r->err, sizeof(r->err), "%s", err ? err : "");
	r->calls++;
	if (r->stop)
		loop_stop();
}

static uint64_t request(const char *text, bool ssml, const char *voice_id,
			struct result *r, bool stop)
{
	struct tts_voice v;
	uint64_t id;

	memset(r, 0, sizeof(*r));
	r->stop = stop;
	assert_int_equal(espeak_voice_lookup(voice_id, NULL, &v), 0);
	in_request = true;
	id = speech_request(text, ssml, &v, on_speech, r);
	in_request = false;
	assert_true(id > 0);
	return id;
}

static void run_loop(void)
{
	tmr_start(&guard, 20000, on_guard, NULL);
	loop_run();
	tmr_cancel(&guard);
	assert_false(timed_out);
}

static int service_setup(void **state)
{
	(void)state;
	tts_register(&espeak_tts_ops);
	if (loop_init())
		return -1;
	return speech_init(*state ? (size_t)(uintptr_t)*state
			   : 16u * 1024 * 1024);
}

static int service_teardown(void **state)
{
	(void)state;
	speech_close();
	tmr_close(&guard);
	loop_close();
	return 0;
}

static void test_service_cache_hit(void **state)
{
	struct result a, b;

	(void)state;
	assert_ptr_equal(tts_get(), &espeak_tts_ops);
	request("Hello, thank you for calling", false, "Joanna", &a, true);
	run_loop();
	assert_int_equal(a.calls, 1);
	assert_non_null(a.clip);
	assert_int_equal(a.clip->rate, MEDIA_RATE);
	assert_true(audio_clip_duration_ms(a.clip) > 1000);
	assert_true(voiced_seconds(a.clip->pcm, a.clip->nsamples,
				   MEDIA_RATE) > 0.6);

	request("Hello, thank you for calling", false, "Joanna", &b, true);
	assert_int_equal(b.calls, 0);
	run_loop();
	assert_int_equal(b.calls, 1);
	assert_ptr_equal(b.clip, a.clip);    /* served from the cache */
	audio_clip_deref(a.clip);
	audio_clip_deref(b.clip);
}

/* The key includes the voice and the text type. */
static void test_service_key(void **state)
{
	struct result a, b, c;

	(void)state;
	request("Good morning", false, "Joanna", &a, false);
	request("Good morning", false, "Matthew", &b, false);
	request("Good morning", true, "Joanna", &c, true);
	run_loop();
	assert_int_equal(a.calls + b.calls + c.calls, 3);
	assert_ptr_not_equal(a.clip, b.clip);
	assert_ptr_not_equal(a.clip, c.clip);
	audio_clip_deref(a.clip);
	audio_clip_deref(b.clip);
	audio_clip_deref(c.clip);
}

/* Identical requests in flight share one synthesis. */
static void test_service_coalesce(void **state)
{
	struct result a, b;

	(void)state;
	request("Your call is important to us", false, "Joanna", &a, false);
	request("Your call is important to us", false, "Joanna", &b, true);
	run_loop();
	assert_int_equal(a.calls, 1);
	assert_int_equal(b.calls, 1);
	assert_non_null(a.clip);
	assert_ptr_equal(a.clip, b.clip);
	audio_clip_deref(a.clip);
	audio_clip_deref(b.clip);
}

static void test_service_cancel(void **state)
{
	struct result gone, hit, last, first;
	uint64_t id;

	(void)state;
	request("Cached sentence", false, "Joanna", &first, true);
	run_loop();

	/* A pending synthesis and a pending cache hit, both cancelled. The
	 * single worker runs in order, so once "last" is delivered the
	 * cancelled synthesis has completed too. */
	id = request("Nobody will hear this", false, "Joanna", &gone, false);
	speech_cancel(id);
	id = request("Cached sentence", false, "Joanna", &hit, false);
	speech_cancel(id);
	request("The last one", false, "Joanna", &last, true);
	run_loop();
	assert_int_equal(last.calls, 1);
	assert_int_equal(gone.calls, 0);
	assert_int_equal(hit.calls, 0);
	speech_cancel(id);               /* unknown ids are ignored */
	speech_cancel(987654);
	audio_clip_deref(first.clip);
	audio_clip_deref(last.clip);
}

/* A cache that holds about one clip evicts the older one; the evicted
 * clip stays valid for whoever holds it. */
static void test_service_eviction(void **state)
{
	struct result a, b, a2;

	(void)state;
	request("First sentence for the cache", false, "Joanna", &a, true);
	run_loop();
	request("Second sentence for the cache", false, "Joanna", &b, true);
	run_loop();
	request("First sentence for the cache", false, "Joanna", &a2, true);
	run_loop();
	assert_non_null(a2.clip);
	assert_ptr_not_equal(a2.clip, a.clip);    /* re-synthesised */
	assert_true(a.clip->nsamples > 8000);     /* still ours to read */
	audio_clip_deref(a.clip);
	audio_clip_deref(b.clip);
	audio_clip_deref(a2.clip);
}

int main(void)
{
	const struct CMUnitTest engine[] = {
		cmocka_unit_test(test_voice_lookup),
		cmocka_unit_test(test_espeak_plain),
		cmocka_unit_test(test_espeak_ssml_break),
		cmocka_unit_test(test_espeak_ssml_unsupported),
		cmocka_unit_test(test_espeak_ssml_nothing),
		cmocka_unit_test(test_espeak_sink_abort),
		cmocka_unit_test(test_espeak_every_voice),
	};
	const struct CMUnitTest service[] = {
		cmocka_unit_test_setup_teardown(test_service_cache_hit,
						service_setup, service_teardown),
		cmocka_unit_test_setup_teardown(test_service_key,
						service_setup, service_teardown),
		cmocka_unit_test_setup_teardown(test_service_coalesce,
						service_setup, service_teardown),
		cmocka_unit_test_setup_teardown(test_service_cancel,
						service_setup, service_teardown),
		/* ~40 KB: room for one 2 s clip at 8 kHz, not two */
		cmocka_unit_test_prestate_setup_teardown(
			test_service_eviction, service_setup, service_teardown,
			(void *)(uintptr_t)40000),
	};
	int failed;

	failed = cmocka_run_group_tests_name("espeak", engine, engine_setup,
					     engine_teardown);
	failed += cmocka_run_group_tests_name("speech", service, NULL, NULL);
	return failed;
}
