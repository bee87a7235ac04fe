/* test_wav_write.c - the streaming WAV writer and the repair of files a
 * crash left open: mono and stereo round trips through wav_load and a
 * plain parser, the header kept in step while writing, torn and
 * never-patched files repaired, and foreign files refused. */
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

#include "runtime/audio.h"
#include "runtime/wav_write.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/test_wav_write.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *buf, size_t sz, const char *name)
{
	snprintf(buf, sz, "%s/%s", dir, name);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The whole file: its size and bytes (caller frees). */
static uint8_t *slurp(const char *path, size_t *lenp)
{
	struct stat st;
	uint8_t *buf;
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	*lenp = (size_t)st.st_size;
	return buf;
}

static void spit(const char *path, const void *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	fclose(fp);
}

/* RIFF size, data size, channels as the header says. */
static void hdr_sizes(const char *path, uint32_t *riff, uint32_t *data,
		      unsigned *ch)
{
	size_t len;
	uint8_t *b = slurp(path, &len);

	assert_true(len >= 44);
	assert_memory_equal(b, "RIFF", 4);
	assert_memory_equal(b + 8, "WAVEfmt ", 8);
	assert_memory_equal(b + 36, "data", 4);
	*riff = le32(b + 4);
	*data = le32(b + 40);
	*ch = (unsigned)(b[22] | b[23] << 8);
	free(b);
}

static void ramp(int16_t *pcm, size_t n, int16_t start, int16_t step)
{
	size_t i;

	for (i = 0; i < n; i++)
		pcm[i] = (int16_t)(start + (int16_t)(i * (size_t)step));
}

/* Mono: written in three appends, closed, read back by wav_load sample
 * for sample; the file cannot be created twice (O_EXCL). */
static void test_mono_round_trip(void **state)
{
	struct wav_writer w;
	struct audio_clip *clip;
	struct wav_info info;
	int16_t pcm[1000];
	char path[128], err[128];

	(void)state;
	ramp(pcm, 1000, -500, 7);
	path_in(path, sizeof(path), "mono.wav");
	assert_int_equal(wav_writer_open(&w, path, 1, 8000), 0);
	assert_int_equal(wav_writer_append(&w, pcm, 160), 0);
	assert_int_equal(wav_writer_append(&w, pcm + 160, 640), 0);
	assert_int_equal(wav_writer_append(&w, pcm + 800, 200), 0);
	assert_int_equal(wav_writer_close(&w, true), 0);
	assert_int_equal(wav_load(path, 1 << 20, &clip, &info, err, sizeof(err)), 0);
	assert_int_equal(info.channels, 1);
	assert_int_equal(info.rate, 8000);
	assert_int_equal(info.bits, 16);
	assert_int_equal(info.frames, 1000);
	assert_memory_equal(clip->pcm, pcm, sizeof(pcm));
	audio_clip_deref(clip);
	assert_int_equal(wav_writer_open(&w, path, 1, 8000), EEXIST);
}

/* Stereo: left and right come back interleaved where they were put
 * (parsed by hand: wav_load would average the channels). */
static void test_stereo_round_trip(void **state)
{
	struct wav_writer w;
	int16_t frames[2 * 500];
	uint32_t riff, data;
	unsigned ch, i;
	char path[128];
	uint8_t *b;
	size_t len;

	(void)state;
	for (i = 0; i < 500; i++) {
		frames[2 * i] = (int16_t)(1000 + i);       /* left */
		frames[2 * i + 1] = (int16_t)(-2000 - (int)i);  /* right */
	}
	path_in(path, sizeof(path), "stereo.wav");
	assert_int_equal(wav_writer_open(&w, path, 2, 8000), 0);
	assert_int_equal(wav_writer_append(&w, frames, 500), 0);
	assert_int_equal(wav_writer_close(&w, false), 0);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(ch, 2);
	assert_int_equal(data, 2000);
	assert_int_equal(riff, 36 + 2000);
	b = slurp(path, &len);
	assert_int_equal(len, 44 + 2000);
	assert_int_equal(le32(b + 24), 8000);
	assert_int_equal(le32(b + 28), 32000);
	assert_memory_equal(b + 44, frames, sizeof(frames));
	free(b);
}

/* While a file is being written its header says what was last patched:
 * 0 before the first patch, then exactly the bytes appended. */
static void test_header_patched_while_writing(void **state)
{
	struct wav_writer w;
	int16_t pcm[2 * 800] = {0};
	uint32_t riff, data;
	unsigned ch;
	char path[128];

	(void)state;
	path_in(path, sizeof(path), "grow.wav");
	assert_int_equal(wav_writer_open(&w, path, 2, 8000), 0);
	assert_int_equal(wav_writer_append(&w, pcm, 800), 0);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(data, 0);
	assert_int_equal(riff, 36);
	assert_int_equal(wav_writer_patch(&w), 0);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(data, 800 * 4);
	assert_int_equal(riff, 36 + 800 * 4);
	assert_int_equal(wav_writer_append(&w, pcm, 400), 0);
	assert_int_equal(wav_writer_patch(&w), 0);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(data, 1200 * 4);
	assert_int_equal(wav_writer_close(&w, false), 0);
}

/* A stereo file killed mid-frame (2 bytes of a 4-byte frame) whose header
 * was patched earlier: repair truncates the torn frame and fixes both
 * sizes; a second repair changes nothing. */
static void test_repair_torn_frame(void **state)
{
	struct wav_writer w;
	int16_t pcm[2 * 300];
	uint32_t riff, data;
	unsigned ch;
	char path[128];
	struct stat st;
	bool fixed;
	uint8_t *b;
	size_t len;
	int fd;

	(void)state;
	ramp(pcm, 600, 3, 11);
	path_in(path, sizeof(path), "torn.wav");
	assert_int_equal(wav_writer_open(&w, path, 2, 8000), 0);
	assert_int_equal(wav_writer_append(&w, pcm, 100), 0);
	assert_int_equal(wav_writer_patch(&w), 0);
	assert_int_equal(wav_writer_append(&w, pcm + 200, 200), 0);
	close(w.fd);   /* the process dies: no final patch */
	fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\x01\x02", 2), 2);   /* half a frame */
	close(fd);

	assert_int_equal(wav_repair(path, &fixed), 0);
	assert_true(fixed);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 44 + 300 * 4);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(data, 300 * 4);
	assert_int_equal(riff, 36 + 300 * 4);
	b = slurp(path, &len);
	assert_memory_equal(b + 44, pcm, sizeof(pcm));
	free(b);
	assert_int_equal(wav_repair(path, &fixed), 0);
	assert_false(fixed);
}

/* A mono file whose header was never patched (still 0 bytes). */
static void test_repair_header_zero(void **state)
{
	struct wav_writer w;
	int16_t pcm[480];
	uint32_t riff, data;
	unsigned ch;
	char path[128];
	bool fixed;

	(void)state;
	ramp(pcm, 480, 100, -3);
	path_in(path, sizeof(path), "zero.wav");
	assert_int_equal(wav_writer_open(&w, path, 1, 8000), 0);
	assert_int_equal(wav_writer_append(&w, pcm, 480), 0);
	close(w.fd);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(data, 0);
	assert_int_equal(wav_repair(path, &fixed), 0);
	assert_true(fixed);
	hdr_sizes(path, &riff, &data, &ch);
	assert_int_equal(ch, 1);
	assert_int_equal(data, 960);
	assert_int_equal(riff, 36 + 960);
}

/* Not ours: text, a short file, a 16 kHz WAV, a directory: EINVAL; a
 * missing file: ENOENT. Nothing is changed. */
static void test_repair_refuses_foreign(void **state)
{
	static const char text[] = "this is not a wav file at all, just text "
				   "long enough to have 44 bytes";
	int16_t pcm[100] = {0};
	char path[128];
	struct stat st;
	uint8_t *b;
	size_t len;

	(void)state;
	path_in(path, sizeof(path), "text.wav");
	spit(path, text, sizeof(text));
	assert_int_equal(wav_repair(path, NULL), EINVAL);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, sizeof(text));
	path_in(path, sizeof(path), "short.wav");
	spit(path, "RIFF", 4);
	assert_int_equal(wav_repair(path, NULL), EINVAL);
	path_in(path, sizeof(path), "16k.wav");
	assert_int_equal(wav_save(path, pcm, 100, 16000), 0);
	b = slurp(path, &len);
	spit(path, b, len - 10);    /* stale sizes, but not our rate */
	free(b);
	assert_int_equal(wav_repair(path, NULL), EINVAL);
	assert_int_equal(wav_repair(dir, NULL), EINVAL);
	path_in(path, sizeof(path), "missing.wav");
	assert_int_equal(wav_repair(path, NULL), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mono_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stereo_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_patched_while_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_torn_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_header_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_refuses_foreign, setup, teardown),
	};

	return cmocka_run_group_tests_name("wav_write", tests, NULL, NULL);
}
