/* test_record.c - the recorder end to end without SIP: a media leg fed by
 * a phone on a 127.0.0.1 UDP socket, a player for what it hears, ticks
 * driven by hand, the writer thread for real. Checks each track's audio
 * and length, pause silence and marker tones, the level, a destination
 * that cannot be created, a write error mid-call, what a kill -9 leaves on
 * disk and its repair, rec_close with recorders running, and that the
 * tap path never allocates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "runtime/media_priv.h"
#include "runtime/record.h"

#include "tests/unit/alloc_count.h"

#define TONE_PEAK 8231   /* 32767 at -12 dBFS */

static char dir[64];
static uint64_t now_us;

/* ---- a phone and its leg ---- */

struct phone {
	int fd;
	uint16_t port, seq;
	uint32_t ts;
	struct media_leg *ml;
};

static void phone_open(struct phone *ph)
{
	struct sockaddr_in sin = {0};
	socklen_t len = sizeof(sin);
	struct sdp_neg neg = {0};

	memset(ph, 0, sizeof(*ph));
	ph->fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(ph->fd >= 0);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(ph->fd, (struct sockaddr *)&sin, len), 0);
	assert_int_equal(getsockname(ph->fd, (struct sockaddr *)&sin, &len), 0);
	ph->port = ntohs(sin.sin_port);
	neg.codec.pt = 0;
	strcpy(neg.codec.name, "PCMU");
	neg.codec.rate = 8000;
	strcpy(neg.remote_addr, "127.0.0.1");
	neg.remote_port = ph->port;
	neg.remote_dir = SDP_SENDRECV;
	assert_int_equal(media_leg_alloc(&ph->ml), 0);
	assert_int_equal(media_leg_start(ph->ml, &neg), 0);
}

static void phone_close(struct phone *ph)
{
	media_leg_free(ph->ml);
	close(ph->fd);
}

/* Send one frame of constant v; every packet the engine sent is read
 * and dropped; returns how many there were. */
static unsigned phone_say(struct phone *ph, int16_t v)
{
	uint8_t pkt[RTP_HDR_SIZE + MEDIA_FRAME];
	struct rtp_hdr h = {false, 0, ph->seq++, ph->ts, 0x1234};
	struct sockaddr_in to = {0};
	int16_t pcm[MEDIA_FRAME];
	unsigned i, n = 0;

	for (i = 0; i < MEDIA_FRAME; i++)
		pcm[i] = v;
	ph->ts += MEDIA_FRAME;
	rtp_hdr_encode(pkt, &h);
	g711_encode(G711_ULAW, pkt + RTP_HDR_SIZE, pcm, MEDIA_FRAME);
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons(media_leg_local_port(ph->ml));
	assert_int_equal(sendto(ph->fd, pkt, sizeof(pkt), 0,
				(struct sockaddr *)&to, sizeof(to)), sizeof(pkt));
	while (recv(ph->fd, pkt, sizeof(pkt), MSG_DONTWAIT) > 0)
		n++;
	return n;
}

/* One engine tick in which each of n phones says v (v = 0: a silent
 * frame, still sent). */
static void tick_n(struct phone *ph, unsigned n, int16_t v)
{
	unsigned i;

	for (i = 0; i < n; i++)
		phone_say(&ph[i], v);
	usleep(1000);
	for (i = 0; i < n; i++)
		media_leg_recv(ph[i].ml);
	media_tick_run(now_us);
	now_us += MEDIA_TICK_US;
}

static void tick(struct phone *ph, int16_t v)
{
	tick_n(ph, 1, v);
}

static int16_t via(int16_t v)
{
	return g711_ulaw_decode(g711_ulaw_encode(v));
}

/* What the phone says in frame k, and what the player plays in it. */
static int16_t in_val(unsigned k) { return (int16_t)(1000 + 150 * (k % 30)); }
static int16_t out_val(unsigned k) { return (int16_t)(-2000 - 70 * (k % 30)); }

static struct audio_clip *clip_out(unsigned frames)
{
	struct audio_clip *c = audio_clip_alloc(frames * MEDIA_FRAME, MEDIA_RATE);
	unsigned i;

	assert_non_null(c);
	for (i = 0; i < frames * MEDIA_FRAME; i++)
		c->pcm[i] = out_val(i / MEDIA_FRAME);
	return c;
}

/* ---- results and files ---- */

static struct done_rec {
	unsigned n;
	unsigned opened;
	struct rec_result res;
} dones[4];

static void on_open(void *arg)
{
	((struct done_rec *)arg)->opened++;
}

/* Until the writer's "created" notice was delivered (recorder_on_open
 * must be set right after recorder_start): after it the writer posts
 * nothing more until the end, so allocations can be counted. */
static void wait_open(struct done_rec *d)
{
	unsigned i;

	for (i = 0; i < 500 && !d->opened; i++) {
		loop_drain();
		usleep(10000);
	}
	assert_int_equal(d->opened, 1);
}

static void on_done(const struct rec_result *res, void *arg)
{
	struct done_rec *d = arg;

	d->n++;
	d->res = *res;
	d->res.path = NULL;
}

static void wait_done(struct done_rec *d)
{
	unsigned i;

	for (i = 0; i < 500 && !d->n; i++) {
		loop_drain();
		usleep(10000);
	}
	assert_int_equal(d->n, 1);
}

struct wavf {
	uint8_t *buf;
	size_t len;
	unsigned ch;
	uint32_t hdr_data;     /* data size the header says */
	const int16_t *pcm;
	size_t frames;         /* whole frames on disk */
};

static void wav_read(const char *path, struct wavf *f)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;

	assert_non_null(fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	f->len = (size_t)st.st_size;
	f->buf = malloc(f->len + 1);
	assert_non_null(f->buf);
	assert_int_equal(fread(f->buf, 1, f->len, fp), f->len);
	fclose(fp);
	assert_true(f->len >= 44);
	assert_memory_equal(f->buf, "RIFF", 4);
	assert_memory_equal(f->buf + 8, "WAVEfmt ", 8);
	assert_memory_equal(f->buf + 36, "data", 4);
	f->ch = f->buf[22];
	assert_int_equal(f->buf[24] | f->buf[25] << 8, 8000);
	assert_int_equal(f->buf[34], 16);
	memcpy(&f->hdr_data, f->buf + 40, 4);
	assert_int_equal(f->buf[4] | f->buf[5] << 8 | f->buf[6] << 16 |
			 (uint32_t)f->buf[7] << 24, 36 + f->hdr_data);
	f->pcm = (const int16_t *)(f->buf + 44);
	f->frames = (f->len - 44) / (2 * f->ch);
}

/* Sample i of recorded frame k, channel c. */
static int16_t at(const struct wavf *f, unsigned k, unsigned i, unsigned c)
{
	return f->pcm[((size_t)k * MEDIA_FRAME + i) * f->ch + c];
}

static void path_in(char *buf, size_t sz, const char *name)
{
	snprintf(buf, sz, "%s/%s", dir, name);
}

/* ---- setup ---- */

static int setup(void **state)
{
	struct media_config cfg = {0};

	(void)state;
	strcpy(cfg.rtp_addr, "127.0.0.1");
	cfg.jitter_ms = 20;     /* each packet plays on the tick it arrives */
	memset(dones, 0, sizeof(dones));
	now_us = 1000000000ull;
	strcpy(dir, "/tmp/test_record.XXXXXX");
	if (!mkdtemp(dir) || loop_init() || media_init(&cfg))
		return -1;
	loop_tick_stop();       /* the test drives every tick */
	return rec_init();
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	rec_close();
	loop_drain();
	media_close();
	loop_close();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests ---- */

static void assert_track(const char *path, enum rec_track track,
			 unsigned frames)
{
	struct wavf f;
	unsigned k, i;

	wav_read(path, &f);
	assert_int_equal(f.ch, track == REC_BOTH ? 2 : 1);
	assert_int_equal(f.frames, frames * MEDIA_FRAME);
	assert_int_equal(f.hdr_data, f.len - 44);
	for (k = 0; k < frames; k++) {
		for (i = 0; i < MEDIA_FRAME; i++) {
			if (track != REC_OUTGOING)
				assert_int_equal(at(&f, k, i, 0), via(in_val(k)));
			if (track == REC_OUTGOING)
				assert_int_equal(at(&f, k, i, 0), out_val(k));
			if (track == REC_BOTH)
				assert_int_equal(at(&f, k, i, 1), out_val(k));
		}
	}
	free(f.buf);
}

/* INCOMING and OUTGOING on one leg at once (a third tap is refused), BOTH
 * on another, into directories that do not exist yet: each file holds
 * exactly the frames of the recorded time, what the phone said in the
 * incoming channel and what it heard in the outgoing one, frame by frame.
 * With the files open, ticks allocate nothing. */
static void test_tracks(void **state)
{
	static const enum rec_track tracks[] = {REC_INCOMING, REC_OUTGOING, REC_BOTH};
	struct recorder *r[3], *extra;
	static struct player p[2];
	struct phone ph[2];
	char path[3][128];
	unsigned k, t;

	(void)state;
	phone_open(&ph[0]);
	phone_open(&ph[1]);
	for (t = 0; t < 3; t++) {
		snprintf(path[t], sizeof(path[t]), "%s/b%u/x/y/t%u.wav", dir, t, t);
		assert_int_equal(recorder_start(&r[t], ph[t / 2].ml, tracks[t],
						 path[t], on_done, &dones[t]), 0);
		recorder_on_open(r[t], on_open);
	}
	assert_int_equal(recorder_start(&extra, ph[0].ml, REC_BOTH, path[0],
					on_done, &dones[3]), ENOSPC);
	assert_int_equal(recorder_start(&extra, ph[1].ml, 4, path[0], on_done,
					NULL), EINVAL);
	assert_int_equal(recorder_start(&extra, ph[1].ml, REC_BOTH, "", on_done,
					NULL), EINVAL);
	for (t = 0; t < 2; t++) {
		struct audio_clip *c = clip_out(40);

		assert_int_equal(player_start(&p[t], ph[t].ml, c, 1, NULL, NULL), 0);
		audio_clip_deref(c);
	}
	for (t = 0; t < 3; t++)
		wait_open(&dones[t]);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	for (k = 0; k < 30; k++)
		tick_n(ph, 2, in_val(k));
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	for (t = 0; t < 3; t++) {
		assert_true(fabs(recorder_seconds(r[t]) - 0.6) < 1e-9);
		recorder_stop(r[t]);
	}
	for (t = 0; t < 3; t++) {
		wait_done(&dones[t]);
		assert_int_equal(dones[t].res.status, REC_OK);
		assert_int_equal(dones[t].res.frames, 30 * MEDIA_FRAME);
		assert_int_equal(dones[t].res.bytes,
				 44 + 30 * MEDIA_FRAME * 2 * (t == 2 ? 2 : 1));
		assert_track(path[t], tracks[t], 30);
	}
	assert_int_equal(ph[0].ml->ntaps, 0);
	player_stop(&p[0]);
	player_stop(&p[1]);
	phone_close(&ph[0]);
	phone_close(&ph[1]);
}

/* n samples of a marker tone, every stride-th sample of x: a 1 kHz sine
 * (period 8 samples at 8 kHz) whose peak is -12 dBFS. */
static void assert_tone(const int16_t *x, size_t n, size_t stride)
{
	int peak = 0;
	size_t j;

	for (j = 0; j + 8 < n; j++) {
		assert_int_equal(x[(j + 8) * stride], x[j * stride]);
		assert_true(abs(x[(j + 4) * stride] + x[j * stride]) <= 1);
		if (abs(x[j * stride]) > peak)
			peak = abs(x[j * stride]);
	}
	assert_true(abs(peak - TONE_PEAK) <= 10);
}

/* BOTH, 10 frames live, pause (twice: the second is a no-op), 20 frames,
 * resume (twice), 15 frames. The file: live audio, then 200 ms of tone
 * on silence in both channels, silence, then the resume tone over the
 * live audio for 200 ms, then live audio; 45 frames long, like the call.
 * Pausing and resuming allocate nothing. */
static void test_pause_tones(void **state)
{
	int16_t x[2][MEDIA_FRAME * 10];
	static struct player p;
	struct recorder *r;
	struct audio_clip *c;
	struct phone ph;
	struct wavf f;
	char path[128];
	unsigned k, i, ch;

	(void)state;
	phone_open(&ph);
	path_in(path, sizeof(path), "pause.wav");
	c = clip_out(1);    /* outgoing: a constant, looped */
	assert_int_equal(player_start(&p, ph.ml, c, 0, NULL, NULL), 0);
	audio_clip_deref(c);
	assert_int_equal(recorder_start(&r, ph.ml, REC_BOTH, path, on_done,
					&dones[0]), 0);
	recorder_on_open(r, on_open);
	wait_open(&dones[0]);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	for (k = 0; k < 45; k++) {
		if (k == 10 || k == 15)
			recorder_pause(r);
		if (k == 30 || k == 35)
			recorder_resume(r);
		assert_int_equal(recorder_paused(r), k >= 10 && k < 30);
		tick(&ph, 3000);
	}
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	assert_true(fabs(recorder_seconds(r) - 0.9) < 1e-9);
	recorder_stop(r);
	wait_done(&dones[0]);
	assert_int_equal(dones[0].res.status, REC_OK);
	wav_read(path, &f);
	assert_int_equal(f.frames, 45 * MEDIA_FRAME);
	for (k = 0; k < 45; k++) {
		for (i = 0; i < MEDIA_FRAME; i++) {
			int16_t live[2] = {via(3000), out_val(0)};

			for (ch = 0; ch < 2; ch++) {
				int16_t v = at(&f, k, i, ch);

				if (k < 10 || k >= 40)
					assert_int_equal(v, live[ch]);
				else if (k >= 20 && k < 30)
					assert_int_equal(v, 0);
				else /* a tone, alone or over live audio */
					x[ch][(k % 10) * MEDIA_FRAME + i] =
						(int16_t)(v - (k >= 30 ? live[ch] : 0));
			}
		}
		if (k == 19 || k == 39) {
			assert_tone(x[0], MEDIA_FRAME * 10, 1);
			assert_memory_equal(x[0], x[1], sizeof(x[0]));
		}
	}
	free(f.buf);
	player_stop(&p);
	phone_close(&ph);
}

/* recorder_level follows the incoming audio over the last 100 ms: loud
 * speech gives its mean absolute value, five silent frames bring it to 0,
 * and in between it is in between. */
static void test_level(void **state)
{
	struct recorder *r;
	struct phone ph;
	char path[128];
	unsigned k, mid;

	(void)state;
	phone_open(&ph);
	path_in(path, sizeof(path), "level.wav");
	assert_int_equal(recorder_start(&r, ph.ml, REC_INCOMING, path, on_done,
					&dones[0]), 0);
	assert_int_equal(recorder_level(r), 0);
	for (k = 0; k < 10; k++)
		tick(&ph, -8000);
	assert_int_equal(recorder_level(r), -via(-8000));
	for (k = 0; k < 2; k++)
		tick(&ph, 0);
	mid = recorder_level(r);
	assert_true(mid > 1000 && mid < (unsigned)-via(-8000));
	for (k = 0; k < 3; k++)
		tick(&ph, 0);
	assert_int_equal(recorder_level(r), 0);
	recorder_stop(r);
	wait_done(&dones[0]);
	assert_int_equal(dones[0].res.status, REC_OK);
	phone_close(&ph);
}

static void stop_loop(void *arg)
{
	(void)arg;
	loop_stop();
}

/* A destination under a regular file (mkdir fails with ENOTDIR) and one
 * that already exists (never overwritten): both end in REC_FAILED with
 * the errno and a reason naming the path, their taps are gone, the leg
 * keeps sending audio and the loop keeps running. */
static void test_cannot_create(void **state)
{
	struct recorder *r[2];
	struct tmr t = {0};
	struct phone ph;
	char file[128], bad[160];
	struct stat st;
	unsigned k, heard = 0;
	FILE *fp;

	(void)state;
	phone_open(&ph);
	path_in(file, sizeof(file), "plain");
	fp = fopen(file, "w");
	assert_non_null(fp);
	fputs("keep me", fp);
	fclose(fp);
	snprintf(bad, sizeof(bad), "%s/sub/rec.wav", file);
	assert_int_equal(recorder_start(&r[0], ph.ml, REC_BOTH, bad, on_done,
					&dones[0]), 0);
	assert_int_equal(recorder_start(&r[1], ph.ml, REC_INCOMING, file,
					on_done, &dones[1]), 0);
	for (k = 0; k < 5; k++)
		tick(&ph, 500);
	wait_done(&dones[0]);
	wait_done(&dones[1]);
	assert_int_equal(dones[0].res.status, REC_FAILED);
	assert_int_equal(dones[0].res.err, ENOTDIR);
	assert_non_null(strstr(dones[0].res.reason, "plain/sub"));
	assert_int_equal(dones[1].res.status, REC_FAILED);
	assert_int_equal(dones[1].res.err, EEXIST);
	assert_non_null(strstr(dones[1].res.reason, file));
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, 7);
	assert_int_equal(ph.ml->ntaps, 0);
	for (k = 0; k < 5; k++) {
		tick(&ph, 500);
		heard += phone_say(&ph, 0) > 0;
	}
	assert_true(heard > 0);
	tmr_start(&t, 20, stop_loop, NULL);
	assert_int_equal(loop_run(), 0);
	tmr_close(&t);
	phone_close(&ph);
}

/* The disk fills up mid-call (RLIMIT_FSIZE makes write() fail with
 * EFBIG): the recorder ends with REC_FAILED and the reason, the file
 * keeps a valid header over the audio it holds, and the call goes on. */
static void test_write_error(void **state)
{
	struct rlimit old, lim;
	struct recorder *r;
	struct phone ph;
	struct wavf f;
	char path[128];
	unsigned k, i;

	(void)state;
	phone_open(&ph);
	path_in(path, sizeof(path), "full.wav");
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 44 + 20 * MEDIA_FRAME * 2 + 100;   /* 20.3 frames */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(recorder_start(&r, ph.ml, REC_INCOMING, path, on_done,
					&dones[0]), 0);
	for (k = 0; k < 40; k++)
		tick(&ph, in_val(k));
	wait_done(&dones[0]);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_equal(dones[0].res.status, REC_FAILED);
	assert_int_equal(dones[0].res.err, EFBIG);
	assert_non_null(strstr(dones[0].res.reason, path));
	wav_read(path, &f);
	assert_int_equal(f.hdr_data, f.frames * 2);
	assert_true(f.frames >= 20 * MEDIA_FRAME && f.frames < 21 * MEDIA_FRAME);
	assert_int_equal(dones[0].res.frames, f.frames);
	for (i = 0; i < f.frames; i++)
		assert_int_equal(f.pcm[i], via(in_val(i / MEDIA_FRAME)));
	free(f.buf);
	assert_int_equal(ph.ml->ntaps, 0);
	tick(&ph, 1);
	assert_true(phone_say(&ph, 0) > 0);
	phone_close(&ph);
}

static void copy_file(const char *to, const struct wavf *f)
{
	FILE *fp = fopen(to, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(f->buf, 1, f->len, fp), f->len);
	fclose(fp);
}

/* kill -9: 2.5 s of BOTH at the real pace of the media clock, then the
 * file is read from disk while the recorder still runs, as a crash would
 * leave it. Its header already covers all but the last second, the audio
 * past the header is there too, and rec_repair on that copy makes the
 * header exact, over the right audio. */
static void test_crash_leaves_valid_file(void **state)
{
	static struct player p;
	struct audio_clip *c;
	struct recorder *r;
	struct timespec next;
	struct phone ph;
	struct wavf f, g;
	char path[128], copy[128];
	unsigned k, i, total = 125;

	(void)state;
	phone_open(&ph);
	path_in(path, sizeof(path), "crash/rec.wav");
	path_in(copy, sizeof(copy), "crash-copy.wav");
	c = clip_out(200);
	assert_int_equal(player_start(&p, ph.ml, c, 1, NULL, NULL), 0);
	audio_clip_deref(c);
	assert_int_equal(recorder_start(&r, ph.ml, REC_BOTH, path, on_done,
					&dones[0]), 0);
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (k = 0; k < total; k++) {
		tick(&ph, in_val(k));
		next.tv_nsec += MEDIA_TICK_US * 1000L;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	wav_read(path, &f);
	assert_int_equal(f.ch, 2);
	assert_int_equal(f.hdr_data % 4, 0);
	assert_true(f.hdr_data <= f.len - 44);
	assert_true(f.hdr_data >= (total - 50) * MEDIA_FRAME * 4);
	assert_true(f.frames <= total * MEDIA_FRAME);
	copy_file(copy, &f);
	assert_int_equal(rec_repair(copy), 0);
	wav_read(copy, &g);
	assert_int_equal(g.hdr_data, g.len - 44);
	assert_int_equal(g.frames, f.frames);
	for (i = 0; i < g.frames; i++) {
		assert_int_equal(g.pcm[2 * i], via(in_val(i / MEDIA_FRAME)));
		assert_int_equal(g.pcm[2 * i + 1], out_val(i / MEDIA_FRAME));
	}
	free(f.buf);
	free(g.buf);
	recorder_stop(r);
	wait_done(&dones[0]);
	assert_int_equal(dones[0].res.frames, total * MEDIA_FRAME);
	player_stop(&p);
	phone_close(&ph);
}

/* rec_close with a recorder still running: the writer drains it, closes
 * the file with its final header, removes the tap, and done arrives with
 * REC_OK once the mailbox is drained. */
static void test_rec_close_flushes(void **state)
{
	struct recorder *r;
	struct phone ph;
	struct wavf f;
	char path[128];
	unsigned k;

	(void)state;
	phone_open(&ph);
	path_in(path, sizeof(path), "close.wav");
	assert_int_equal(recorder_start(&r, ph.ml, REC_INCOMING, path, on_done,
					&dones[0]), 0);
	for (k = 0; k < 12; k++)
		tick(&ph, in_val(k));
	rec_close();
	assert_int_equal(ph.ml->ntaps, 0);
	loop_drain();
	assert_int_equal(dones[0].n, 1);
	assert_int_equal(dones[0].res.status, REC_OK);
	assert_int_equal(dones[0].res.frames, 12 * MEDIA_FRAME);
	wav_read(path, &f);
	assert_int_equal(f.hdr_data, 12 * MEDIA_FRAME * 2);
	assert_int_equal(f.frames, 12 * MEDIA_FRAME);
	free(f.buf);
	assert_int_equal(recorder_start(&r, ph.ml, REC_INCOMING, path, on_done,
					&dones[1]), ENODEV);
	phone_close(&ph);
}

/* rec_repair refuses what is not one of our recordings. */
static void test_repair_not_wav(void **state)
{
	char path[128];
	FILE *fp;
	int i;

	(void)state;
	path_in(path, sizeof(path), "notes.wav");
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < 10; i++)
		fputs("RIFF? no, just some text in a file.\n", fp);
	fclose(fp);
	assert_int_equal(rec_repair(path), EINVAL);
	path_in(path, sizeof(path), "none.wav");
	assert_int_equal(rec_repair(path), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tracks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_tones, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cannot_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_leaves_valid_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rec_close_flushes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_not_wav, setup, teardown),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
