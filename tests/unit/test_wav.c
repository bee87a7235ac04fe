/* test_wav.c - WAV loading in every supported format (files from wav_save
 * and sox), malformed files, resampling, and the prompt loader's cache. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/audio.h"
#include "runtime/loop.h"

static char dir[64];

static int group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_wav.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_in_dir(char *buf, size_t sz, const char *name)
{
	snprintf(buf, sz, "%s/%s", dir, name);
}

static double clip_rms(const struct audio_clip *c)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < c->nsamples; i++)
		sum += (double)c->pcm[i] * c->pcm[i];
	return c->nsamples ? sqrt(sum / c->nsamples) : 0;
}

/* Sign changes per second: twice the frequency of a pure tone. */
static double clip_crossings_per_s(const struct audio_clip *c)
{
	size_t i, n = 0;

	for (i = 1; i < c->nsamples; i++)
		n += (c->pcm[i - 1] < 0) != (c->pcm[i] < 0);
	return (double)n * c->rate / c->nsamples;
}

static int16_t *tone(size_t n, uint32_t rate, double freq, double amp)
{
	int16_t *pcm = malloc(n * sizeof(*pcm));
	size_t i;

	for (i = 0; i < n; i++)
		pcm[i] = (int16_t)lrint(amp * 32767 * sin(2 * M_PI * freq * i / rate));
	return pcm;
}

/* A 1 s, 440 Hz tone at half scale has RMS 32767 * 0.5 / sqrt(2). */
static void assert_tone_clip(const struct audio_clip *c, double seconds)
{
	double expect = 32767 * 0.5 / sqrt(2), rms = clip_rms(c);
	double zc = clip_crossings_per_s(c);
	long want = lrint(seconds * MEDIA_RATE);

	assert_int_equal(c->rate, MEDIA_RATE);
	assert_true(labs((long)c->nsamples - want) <= 1);
	if (fabs(rms - expect) > expect * 0.05)
		fail_msg("rms %.0f, expected %.0f", rms, expect);
	if (fabs(zc - 880) > 20)
		fail_msg("%.0f zero crossings/s, expected 880", zc);
}

static void test_wav_save_load_8k(void **state)
{
	struct audio_clip *c = NULL;
	struct wav_info info;
	int16_t *pcm = tone(8000, 8000, 440, 0.5);
	char path[128], err[256] = "";

	(void)state;
	path_in_dir(path, sizeof(path), "save8k.wav");
	assert_int_equal(wav_save(path, pcm, 8000, 8000), 0);
	assert_int_equal(wav_load(path, 0, &c, &info, err, sizeof(err)), 0);
	assert_int_equal(info.format, 1);
	assert_int_equal(info.channels, 1);
	assert_int_equal(info.rate, 8000);
	assert_int_equal(info.bits, 16);
	assert_int_equal(info.frames, 8000);
	/* Same rate: the samples come back bit for bit. */
	assert_memory_equal(c->pcm, pcm, 8000 * sizeof(*pcm));
	assert_int_equal(audio_clip_duration_ms(c), 1000);
	audio_clip_deref(c);
	free(pcm);
}

struct sox_case {
	const char *name;
	const char *args;     /* sox output options */
	uint32_t rate;
	uint16_t channels, format, bits;
};

static const struct sox_case sox_cases[] = {
	{"s16_8k",    "-r 8000 -c 1 -b 16",                   8000, 1, 1, 16},
	{"s16_16k",   "-r 16000 -c 1 -b 16",                 16000, 1, 1, 16},
	{"s16_22k",   "-r 22050 -c 1 -b 16",                 22050, 1, 1, 16},
	{"s16_44k",   "-r 44100 -c 1 -b 16",                 44100, 1, 1, 16},
	{"s16_8k_st", "-r 8000 -c 2 -b 16",                   8000, 2, 1, 16},
	{"s16_44k_st","-r 44100 -c 2 -b 16",                 44100, 2, 1, 16},
	{"u8_8k",     "-r 8000 -c 1 -b 8 -e unsigned",        8000, 1, 1, 8},
	{"s24_16k",   "-r 16000 -c 1 -b 24",                 16000, 1, 1, 24},
	{"s24_48k_st","-r 48000 -c 2 -b 24",                 48000, 2, 1, 24},
	{"s32_22k",   "-r 22050 -c 1 -b 32 -e signed",       22050, 1, 1, 32},
	{"f32_16k",   "-r 16000 -c 1 -b 32 -e floating-point",16000, 1, 3, 32},
	{"f32_44k_st","-r 44100 -c 2 -b 32 -e floating-point",44100, 2, 3, 32},
	{"alaw_8k",   "-r 8000 -c 1 -e a-law",                8000, 1, 6, 8},
	{"ulaw_8k",   "-r 8000 -c 1 -e u-law",                8000, 1, 7, 8},
	{"ulaw_8k_st","-r 8000 -c 2 -e u-law",                8000, 2, 7, 8},
	{"s16_4ch",   "-r 16000 -c 4 -b 16",                 16000, 4, 1, 16},
};

static void test_wav_sox_formats(void **state)
{
	char path[128], cmd[512], err[256];
	struct wav_info info;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sox_cases) / sizeof(sox_cases[0]); i++) {
		const struct sox_case *sc = &sox_cases[i];
		struct audio_clip *c = NULL;

		snprintf(path, sizeof(path), "%s/%s.wav", dir, sc->name);
		snprintf(cmd, sizeof(cmd), "sox -q -n %s %s synth 1 sine 440 "
			 "vol 0.5", sc->args, path);
		assert_int_equal(system(cmd), 0);
		err[0] = '\0';
		if (wav_load(path, 0, &c, &info, err, sizeof(err)))
			fail_msg("%s: %s", sc->name, err);
		print_message("%s: %zu samples, rms %.0f\n", sc->name,
			      c->nsamples, clip_rms(c));
		assert_int_equal(info.rate, sc->rate);
		assert_int_equal(info.channels, sc->channels);
		assert_int_equal(info.format, sc->format);
		assert_int_equal(info.bits, sc->bits);
		assert_int_equal(info.frames, sc->rate);
		/* G.711 is 8-bit logarithmic: allow its quantisation. */
		assert_tone_clip(c, 1.0);
		audio_clip_deref(c);
	}
}

/* Hand-made file: a LIST chunk with an odd size (so a pad byte follows)
 * and an unknown chunk, both before fmt. */
static void test_wav_chunks_and_padding(void **state)
{
	static const uint8_t list[] = "LIST\x05\0\0\0INFOx\0";   /* 5 + pad */
	static const uint8_t junk[] = "junk\x04\0\0\0abcd";
	static const uint8_t fmt[] = "fmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0"
				     "\x80\x3e\0\0\x02\0\x10\0";
	int16_t *pcm = tone(4000, 8000, 440, 0.5);
	struct audio_clip *c = NULL;
	char path[128], err[256];
	uint32_t dlen = 8000, rlen = 4 + 14 + 12 + 24 + 8 + 8000;
	FILE *fp;

	(void)state;
	path_in_dir(path, sizeof(path), "chunks.wav");
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fwrite("RIFF", 1, 4, fp);
	fwrite(&rlen, 4, 1, fp);
	fwrite("WAVE", 1, 4, fp);
	fwrite(list, 1, 14, fp);
	fwrite(junk, 1, 12, fp);
	fwrite(fmt, 1, 24, fp);
	fwrite("data", 1, 4, fp);
	fwrite(&dlen, 4, 1, fp);
	fwrite(pcm, 2, 4000, fp);
	fclose(fp);

	assert_int_equal(wav_load(path, 0, &c, NULL, err, sizeof(err)), 0);
	assert_int_equal(c->nsamples, 4000);
	assert_memory_equal(c->pcm, pcm, 8000);
	audio_clip_deref(c);
	free(pcm);
}

/* The data chunk claims 1 s but the file stops after ~0.5 s. */
static void test_wav_truncated_data(void **state)
{
	int16_t *pcm = tone(8000, 8000, 440, 0.5);
	struct audio_clip *c = NULL;
	char path[128], err[256];

	(void)state;
	path_in_dir(path, sizeof(path), "trunc.wav");
	assert_int_equal(wav_save(path, pcm, 8000, 8000), 0);
	assert_int_equal(truncate(path, 44 + 4001 * 2 + 1), 0);
	assert_int_equal(wav_load(path, 0, &c, NULL, err, sizeof(err)), 0);
	assert_int_equal(c->nsamples, 4001);
	assert_memory_equal(c->pcm, pcm, 4001 * 2);
	audio_clip_deref(c);
	free(pcm);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void expect_error(const char *path, size_t max, int code,
			 const char *needle)
{
	struct audio_clip *c = NULL;
	char err[256] = "";

	assert_int_equal(wav_load(path, max, &c, NULL, err, sizeof(err)), code);
	assert_null(c);
	if (!strstr(err, needle))
		fail_msg("reason '%s' lacks '%s'", err, needle);
}

static void test_wav_errors(void **state)
{
	static const char garbage[] = "this is not a wave file at all, sorry";
	static const uint8_t nodata[] = "RIFF\x1c\0\0\0WAVEfmt \x10\0\0\0\x01\0"
					"\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0";
	int16_t *pcm = tone(8000, 8000, 440, 0.5);
	char path[128], cmd[512];

	(void)state;
	path_in_dir(path, sizeof(path), "missing.wav");
	expect_error(path, 0, ENOENT, "cannot open");

	path_in_dir(path, sizeof(path), "garbage.wav");
	write_file(path, garbage, sizeof(garbage));
	expect_error(path, 0, EINVAL, "not a RIFF/WAVE");

	path_in_dir(path, sizeof(path), "empty.wav");
	write_file(path, "", 0);
	expect_error(path, 0, EINVAL, "not a RIFF/WAVE");

	path_in_dir(path, sizeof(path), "nodata.wav");
	write_file(path, nodata, sizeof(nodata) - 1);
	expect_error(path, 0, EINVAL, "no data chunk");

	/* A header whose data chunk is cut before the first sample. */
	path_in_dir(path, sizeof(path), "headeronly.wav");
	assert_int_equal(wav_save(path, pcm, 8000, 8000), 0);
	assert_int_equal(truncate(path, 44), 0);
	expect_error(path, 0, EINVAL, "no audio");

	path_in_dir(path, sizeof(path), "big.wav");
	assert_int_equal(wav_save(path, pcm, 8000, 8000), 0);
	expect_error(path, 1000, EFBIG, "limit");

	path_in_dir(path, sizeof(path), "adpcm.wav");
	snprintf(cmd, sizeof(cmd), "sox -q -n -r 8000 -c 1 -e ima-adpcm %s "
		 "synth 1 sine 440", path);
	assert_int_equal(system(cmd), 0);
	expect_error(path, 0, EINVAL, "unsupported");

	expect_error(dir, 0, EINVAL, "not a regular file");
	free(pcm);
}

static void test_resample_length(void **state)
{
	static const uint32_t rates[] = {11025, 16000, 22050, 44100, 48000};
	static const size_t lens[] = {1, 7, 441, 22050, 100003};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
			int16_t *pcm = tone(lens[k], rates[i], 440, 0.5);
			struct audio_clip *c = NULL;
			double want = (double)lens[k] * 8000 / rates[i];

			assert_int_equal(audio_resample(pcm, lens[k], rates[i],
							8000, &c), 0);
			assert_true(fabs((double)c->nsamples - want) <= 1);
			assert_int_equal(c->rate, 8000);
			audio_clip_deref(c);
			free(pcm);
		}
	}
}

/* 1 s at 22050 Hz: the 8 kHz result keeps the tone's level and pitch, and
 * upsampling works too. */
static void test_resample_tone(void **state)
{
	int16_t *pcm = tone(22050, 22050, 440, 0.5);
	struct audio_clip *c = NULL, *up = NULL;

	(void)state;
	assert_int_equal(audio_resample(pcm, 22050, 22050, 8000, &c), 0);
	assert_tone_clip(c, 1.0);
	assert_int_equal(audio_resample(c->pcm, c->nsamples, 8000, 16000, &up),
			 0);
	assert_int_equal(up->nsamples, 16000);
	assert_true(fabs(clip_rms(up) - clip_rms(c)) < clip_rms(c) * 0.05);
	audio_clip_deref(up);
	audio_clip_deref(c);
	free(pcm);
	assert_int_equal(audio_resample(NULL, 10, 8000, 8000, &c), EINVAL);
	assert_int_equal(audio_resample(NULL, 0, 0, 8000, &c), EINVAL);
}

static void test_clip_refcount(void **state)
{
	struct audio_clip *c = audio_clip_alloc(160, 8000);

	(void)state;
	assert_non_null(c);
	assert_int_equal(c->nsamples, 160);
	assert_int_equal(c->pcm[159], 0);
	assert_int_equal(audio_clip_duration_ms(c), 20);
	assert_ptr_equal(audio_clip_ref(c), c);
	audio_clip_deref(c);
	audio_clip_deref(c);    /* freed here; ASan flags a double free */
	audio_clip_deref(NULL);
}

/* ---- prompt loader (needs the loop) ---- */

struct prompt_result {
	struct audio_clip *clip;
	int err;
	char reason[256];
	int calls;
};

static struct tmr guard;
static bool timed_out;

static void on_guard(void *arg)
{
	(void)arg;
	timed_out = true;
	loop_stop();
}

static void on_prompt(struct audio_clip *clip, int err, const char *reason,
		      void *arg)
{
	struct prompt_result *r = arg;

	r->clip = clip;
	r->err = err;
	snprintf(r->reason, sizeof(r->reason), "%s", reason ? reason : "");
	r->calls++;
	loop_stop();
}

static void prompt_wait(const char *path, struct prompt_result *r)
{
	memset(r, 0, sizeof(*r));
	assert_true(prompt_load(path, on_prompt, r) > 0);
	assert_int_equal(r->calls, 0);    /* never synchronous */
	tmr_start(&guard, 10000, on_guard, NULL);
	loop_run();
	tmr_cancel(&guard);
	assert_false(timed_out);
	assert_int_equal(r->calls, 1);
}

static int prompt_setup(void **state)
{
	(void)state;
	return loop_init() || prompt_init();
}

static int prompt_teardown(void **state)
{
	(void)state;
	prompt_close();
	tmr_close(&guard);
	loop_close();
	return 0;
}

static void test_prompt_cache(void **state)
{
	int16_t *pcm = tone(16000, 16000, 440, 0.5);
	struct prompt_result a, b, c, d;
	struct timespec ts[2] = {{0, UTIME_OMIT}, {1000000, 0}};
	char path[128];

	(void)state;
	path_in_dir(path, sizeof(path), "prompt.wav");
	assert_int_equal(wav_save(path, pcm, 16000, 16000), 0);

	prompt_wait(path, &a);
	assert_non_null(a.clip);
	assert_tone_clip(a.clip, 1.0);

	/* Unchanged file: the cached clip itself comes back. */
	prompt_wait(path, &b);
	assert_ptr_equal(b.clip, a.clip);

	/* Same size, new mtime: reloaded. */
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	prompt_wait(path, &c);
	assert_non_null(c.clip);
	assert_ptr_not_equal(c.clip, a.clip);

	/* Deleted: an error, and the stale entry is gone. */
	unlink(path);
	prompt_wait(path, &d);
	assert_null(d.clip);
	assert_int_equal(d.err, ENOENT);
	assert_non_null(strstr(d.reason, "prompt.wav"));

	audio_clip_deref(a.clip);
	audio_clip_deref(b.clip);
	audio_clip_deref(c.clip);
	free(pcm);
}

static void test_prompt_cancel(void **state)
{
	int16_t *pcm = tone(8000, 8000, 440, 0.5);
	struct prompt_result cancelled = {0}, last;
	char path[128], bad[128];
	uint64_t id;

	(void)state;
	path_in_dir(path, sizeof(path), "cancel.wav");
	path_in_dir(bad, sizeof(bad), "garbage.wav");
	assert_int_equal(wav_save(path, pcm, 8000, 8000), 0);

	/* One worker runs jobs in order: once the second request is done,
	 * the cancelled one has finished too. */
	id = prompt_load(path, on_prompt, &cancelled);
	assert_true(id > 0);
	prompt_cancel(id);
	prompt_wait(bad, &last);
	assert_int_equal(last.err, EINVAL);
	assert_non_null(strstr(last.reason, "RIFF"));
	assert_int_equal(cancelled.calls, 0);
	free(pcm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clip_refcount),
		cmocka_unit_test(test_wav_save_load_8k),
		cmocka_unit_test(test_wav_sox_formats),
		cmocka_unit_test(test_wav_chunks_and_padding),
		cmocka_unit_test(test_wav_truncated_data),
		cmocka_unit_test(test_wav_errors),
		cmocka_unit_test(test_resample_length),
		cmocka_unit_test(test_resample_tone),
		cmocka_unit_test_setup_teardown(test_prompt_cache,
						prompt_setup, prompt_teardown),
		cmocka_unit_test_setup_teardown(test_prompt_cancel,
						prompt_setup, prompt_teardown),
	};

	return cmocka_run_group_tests_name("wav", tests, group_setup,
					   group_teardown);
}
