/* test_mixer.c - the media engine end to end: legs with real UDP sockets
 * on 127.0.0.1, phones played by plain sockets, ticks driven by hand.
 * Checks who hears whom in a room, players aimed at one leg or a room,
 * repeat and done, RTP headers and timestamps, stats, DTMF in and out
 * (RFC 4733 and in-band), recording taps, and that the tick and the
 * receive path never allocate. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/clock.h"
#include "runtime/inband.h"
#include "runtime/loop.h"
#include "runtime/media_priv.h"

#ifndef __SANITIZE_ADDRESS__
#define ALLOC_COUNTING 1
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
static unsigned long allocs;
void *malloc(size_t n) { allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { allocs++; return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { allocs++; return __libc_realloc(p, n); }
#endif

#define T0_US 1000000000ull
#define DTMF_PT 101

/* A remote phone: a UDP socket that sends G.711 frames and reads back
 * what the engine sends it. */
struct phone {
	int fd;
	uint16_t port;
	enum g711_law law;
	uint16_t seq;
	uint32_t ts;
};

struct heard {
	struct rtp_hdr h;
	int16_t pcm[MEDIA_FRAME];
	size_t n;
};

static void phone_open(struct phone *ph, enum g711_law law)
{
	struct sockaddr_in sin = {0};
	socklen_t len = sizeof(sin);

	memset(ph, 0, sizeof(*ph));
	ph->law = law;
	ph->ts = 90000;
	ph->fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(ph->fd >= 0);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(ph->fd, (struct sockaddr *)&sin, len), 0);
	assert_int_equal(getsockname(ph->fd, (struct sockaddr *)&sin, &len), 0);
	ph->port = ntohs(sin.sin_port);
}

static void phone_send_raw(struct phone *ph, const struct media_leg *ml,
			   const uint8_t *buf, size_t len)
{
	struct sockaddr_in to = {0};

	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons(media_leg_local_port(ml));
	assert_int_equal(sendto(ph->fd, buf, len, 0, (struct sockaddr *)&to,
				sizeof(to)), (ssize_t)len);
}

/* Send one 20 ms frame of audio. */
static void phone_say_pcm(struct phone *ph, const struct media_leg *ml,
			  const int16_t *pcm)
{
	uint8_t pkt[RTP_HDR_SIZE + MEDIA_FRAME];
	struct rtp_hdr h = {false, ph->law == G711_ALAW ? 8 : 0, ph->seq++,
			    ph->ts, 0x1234};

	ph->ts += MEDIA_FRAME;
	rtp_hdr_encode(pkt, &h);
	g711_encode(ph->law, pkt + RTP_HDR_SIZE, pcm, MEDIA_FRAME);
	phone_send_raw(ph, ml, pkt, sizeof(pkt));
}

/* Send one 20 ms frame of a constant value ("voice"). */
static void phone_say(struct phone *ph, const struct media_leg *ml, int16_t v)
{
	int16_t pcm[MEDIA_FRAME];
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++)
		pcm[i] = v;
	phone_say_pcm(ph, ml, pcm);
}

/* The next packet the engine sent: audio is decoded into pcm, a
 * telephone-event's 4 bytes are left in ev. */
static void phone_recv(struct phone *ph, struct heard *hd, uint8_t ev[4])
{
	struct pollfd pfd = {ph->fd, POLLIN, 0};
	uint8_t buf[512];
	const uint8_t *pl;
	ssize_t n;

	assert_int_equal(poll(&pfd, 1, 2000), 1);
	n = recv(ph->fd, buf, sizeof(buf), 0);
	assert_true(n > 0);
	assert_int_equal(rtp_hdr_decode(&hd->h, &pl, &hd->n, buf, (size_t)n), 0);
	if (hd->h.pt == DTMF_PT) {
		assert_int_equal(hd->n, 4);
		memcpy(ev, pl, 4);
		return;
	}
	assert_int_equal(hd->n, MEDIA_FRAME);
	g711_decode(ph->law, hd->pcm, pl, hd->n);
}

static void phone_hear(struct phone *ph, struct heard *hd)
{
	uint8_t ev[4];

	phone_recv(ph, hd, ev);
	assert_int_not_equal(hd->h.pt, DTMF_PT);
}

static bool phone_idle(struct phone *ph)
{
	struct pollfd pfd = {ph->fd, POLLIN, 0};

	return poll(&pfd, 1, 50) == 0;
}

/* What a phone hears when a value crosses the engine: decoded from the
 * sender's law, mixed, encoded in the listener's law, decoded again. */
static int16_t via(enum g711_law from, int16_t v)
{
	return from == G711_ALAW ? g711_alaw_decode(g711_alaw_encode(v)) :
				   g711_ulaw_decode(g711_ulaw_encode(v));
}

static void assert_frame(const struct heard *hd, enum g711_law law, int32_t v)
{
	int16_t want = via(law, (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v));
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++) {
		if (hd->pcm[i] != want)
			fail_msg("sample %u: heard %d, want %d", i, hd->pcm[i], want);
	}
}

static void neg_for(const struct phone *ph, struct sdp_neg *neg)
{
	memset(neg, 0, sizeof(*neg));
	neg->codec.pt = ph->law == G711_ALAW ? 8 : 0;
	strcpy(neg->codec.name, ph->law == G711_ALAW ? "PCMA" : "PCMU");
	neg->codec.rate = 8000;
	neg->dtmf = true;
	neg->dtmf_pt = DTMF_PT;
	strcpy(neg->remote_addr, "127.0.0.1");
	neg->remote_port = ph->port;
	neg->remote_dir = SDP_SENDRECV;
}

static struct media_leg *leg_for(struct phone *ph)
{
	struct media_leg *ml;
	struct sdp_neg neg;

	neg_for(ph, &neg);
	assert_int_equal(media_leg_alloc(&ml), 0);
	assert_int_equal(media_leg_start(ml, &neg), 0);
	return ml;
}

static struct audio_clip *clip_const(size_t n, int16_t v)
{
	struct audio_clip *c = audio_clip_alloc(n, MEDIA_RATE);
	size_t i;

	assert_non_null(c);
	for (i = 0; i < n; i++)
		c->pcm[i] = v;
	return c;
}

static unsigned dones;
static void on_done(void *arg)
{
	(void)arg;
	dones++;
}

static int setup(void **state)
{
	struct media_config cfg;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	strcpy(cfg.rtp_addr, "127.0.0.1");
	cfg.jitter_ms = 20;              /* play each packet on arrival */
	dones = 0;
	if (loop_init() != 0)
		return -1;
	return media_init(&cfg) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	media_close();
	loop_close();
	return 0;
}

/* One tick: phones talk (v = 0 means silent, no packet), engine drains
 * its sockets and mixes. */
static void tick(uint64_t *now, struct phone *pa, struct media_leg *a,
		 int16_t va, struct phone *pb, struct media_leg *b, int16_t vb)
{
	if (va)
		phone_say(pa, a, va);
	if (vb)
		phone_say(pb, b, vb);
	usleep(1000);   /* loopback delivery is immediate; be generous */
	media_leg_recv(a);
	if (b)
		media_leg_recv(b);
	media_tick_run(*now);
	*now += MEDIA_TICK_US;
}

/* A (PCMU) and B (PCMA) bridged in a room, a prompt aimed at A only: A
 * hears B plus the prompt, B hears A alone; after the prompt ends its
 * done runs once and A hears just B; when both stop talking, silence
 * keeps flowing. Nothing in the tick or receive path allocates. */
static void test_room_two_legs_and_aimed_player(void **state)
{
	struct phone pa, pb;
	struct media_leg *a, *b;
	struct room *r;
	static struct player p;   /* outlives a failed test's frame */
	struct audio_clip *clip = clip_const(5 * MEDIA_FRAME, 4000);
	struct heard ha, hb;
	uint64_t now = T0_US;
	struct media_stats ms;
	unsigned t;

	(void)state;
	phone_open(&pa, G711_ULAW);
	phone_open(&pb, G711_ALAW);
	a = leg_for(&pa);
	b = leg_for(&pb);
	assert_int_equal(media_room_alloc(&r), 0);
	assert_int_equal(media_room_join(r, a), 0);
	assert_int_equal(media_room_join(r, b), 0);
	assert_int_equal(media_room_members(r), 2);
	assert_ptr_equal(media_leg_room(a), r);
	assert_int_equal(player_start(&p, a, clip, 1, on_done, NULL), 0);
	audio_clip_deref(clip);           /* the player holds its own ref */

#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	for (t = 0; t < 8; t++) {
		tick(&now, &pa, a, 1000, &pb, b, -3000);
		phone_hear(&pa, &ha);
		phone_hear(&pb, &hb);
		/* A hears B's voice as it crossed A-law, plus the prompt. */
		assert_frame(&ha, G711_ULAW, via(G711_ALAW, -3000) + (t < 5 ? 4000 : 0));
		assert_frame(&hb, G711_ALAW, via(G711_ULAW, 1000));
		assert_int_equal(dones, t < 4 ? 0 : 1);
		assert_int_equal(player_active(&p), t < 4);
	}
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	/* Nobody talks: after the jitter buffers' fade, pure silence. */
	for (t = 0; t < 6; t++) {
		tick(&now, &pa, a, 0, &pb, b, 0);
		phone_hear(&pa, &ha);
		phone_hear(&pb, &hb);
	}
	assert_frame(&ha, G711_ULAW, 0);
	assert_frame(&hb, G711_ALAW, 0);
	media_stats(&ms);
	assert_int_equal(ms.legs, 2);
	assert_int_equal(ms.players, 0);
	assert_int_equal(ms.frames_mixed, 28);

	/* Freeing the room sends both home: they no longer hear each other. */
	media_room_free(r);
	assert_int_equal(media_room_members(media_leg_room(a)), 1);
	tick(&now, &pa, a, 1000, &pb, b, -3000);
	phone_hear(&pa, &ha);
	phone_hear(&pb, &hb);
	assert_frame(&ha, G711_ULAW, 0);
	assert_frame(&hb, G711_ALAW, 0);
	media_leg_free(a);
	media_leg_free(b);
	close(pa.fd);
	close(pb.fd);
}

/* A leg alone in its own room hears room-wide players but never its own
 * voice. A 2.5-frame clip played twice runs seamlessly over 5 frames,
 * then done runs once. */
static void test_alone_hears_only_players(void **state)
{
	struct phone pc;
	struct media_leg *c;
	static struct player p;   /* outlives a failed test's frame */
	struct audio_clip *clip = audio_clip_alloc(400, MEDIA_RATE);
	struct heard hc;
	uint64_t now = T0_US;
	int16_t want;
	unsigned t, i, s = 0;

	(void)state;
	for (i = 0; i < 400; i++)
		clip->pcm[i] = (int16_t)(i < 200 ? 2000 : -5000);
	phone_open(&pc, G711_ULAW);
	c = leg_for(&pc);
	p.room = media_leg_room(c);       /* to == NULL: the room hears it */
	assert_int_equal(player_start(&p, NULL, clip, 2, on_done, NULL), 0);
	assert_int_equal(player_start(&p, NULL, clip, 2, on_done, NULL), EBUSY);
	for (t = 0; t < 7; t++) {
		tick(&now, &pc, c, 7000, NULL, NULL, 0);
		phone_hear(&pc, &hc);
		for (i = 0; i < MEDIA_FRAME; i++, s++) {
			want = s >= 800 ? 0 : via(G711_ULAW, s % 400 < 200 ? 2000 : -5000);
			if (hc.pcm[i] != want)
				fail_msg("t=%u i=%u: heard %d want %d", t, i, hc.pcm[i], want);
		}
		assert_int_equal(dones, t < 4 ? 0 : 1);
	}
	/* A stopped player's done never runs; stopping twice is harmless. */
	assert_int_equal(player_start(&p, NULL, clip, 0, on_done, NULL), 0);
	tick(&now, &pc, c, 7000, NULL, NULL, 0);
	player_stop(&p);
	player_stop(&p);
	assert_false(player_active(&p));
	audio_clip_deref(clip);
	tick(&now, &pc, c, 7000, NULL, NULL, 0);
	assert_int_equal(dones, 1);
	media_leg_free(c);
	close(pc.fd);
}

/* Headers of what the engine sends: PT, one SSRC, sequence +1 per packet,
 * marker on the first only, timestamps on the 160 grid that follow the
 * clock, so a stalled tick shows as a timestamp gap. */
static void test_rtp_headers_and_timestamps(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct heard h[4];
	uint64_t now = T0_US;
	struct rtp_stats st;
	struct sdp_neg neg;

	(void)state;
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	phone_hear(&pa, &h[0]);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	phone_hear(&pa, &h[1]);
	now += 3 * MEDIA_TICK_US + 4000;     /* the loop stalled 64 ms */
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	phone_hear(&pa, &h[2]);
	now -= 6000;                         /* this tick is 6 ms early */
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	phone_hear(&pa, &h[3]);
	assert_int_equal(h[0].h.pt, 0);
	assert_true(h[0].h.marker);
	assert_false(h[1].h.marker || h[2].h.marker || h[3].h.marker);
	assert_int_equal(h[1].h.ssrc, h[0].h.ssrc);
	assert_int_equal((uint16_t)(h[1].h.seq - h[0].h.seq), 1);
	assert_int_equal((uint16_t)(h[2].h.seq - h[1].h.seq), 1);
	assert_int_equal((uint16_t)(h[3].h.seq - h[2].h.seq), 1);
	assert_int_equal(h[1].h.ts - h[0].h.ts, 160);
	assert_int_equal(h[2].h.ts - h[1].h.ts, 4 * 160);
	assert_int_equal(h[3].h.ts - h[2].h.ts, 160);
	assert_frame(&h[0], G711_ULAW, 0);   /* silence is still sent */
	media_leg_stats(a, &st);
	assert_int_equal(st.tx_packets, 4);
	assert_int_equal(st.tx_bytes, 4 * 160);

	/* Stopped: nothing sent. Restarted: same stream, marker again. */
	media_leg_stop(a);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	assert_true(phone_idle(&pa));
	neg_for(&pa, &neg);
	assert_int_equal(media_leg_start(a, &neg), 0);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	phone_hear(&pa, &h[0]);
	assert_true(h[0].h.marker);
	assert_int_equal(h[0].h.ssrc, h[3].h.ssrc);
	assert_int_equal((uint16_t)(h[0].h.seq - h[3].h.seq), 1);
	assert_int_equal(h[0].h.ts - h[3].h.ts, 160);

	/* On hold (c=0.0.0.0) or sendonly from the phone: nothing sent. */
	strcpy(neg.remote_addr, "0.0.0.0");
	assert_int_equal(media_leg_start(a, &neg), 0);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	neg_for(&pa, &neg);
	neg.remote_dir = SDP_SENDONLY;
	assert_int_equal(media_leg_start(a, &neg), 0);
	tick(&now, &pa, a, 0, NULL, NULL, 0);
	assert_true(phone_idle(&pa));
	neg.codec.pt = 18;
	assert_int_equal(media_leg_start(a, &neg), ENOTSUP);
	media_leg_free(a);
	close(pa.fd);
}

/* Receive path: counts audio and DTMF events, drops unknown payload
 * types and garbage, and counts loss from sequence gaps. */
static void test_receive_stats(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct rtp_stats st;
	uint8_t pkt[RTP_HDR_SIZE + 4] = {0};
	struct rtp_hdr h = {false, DTMF_PT, 0, 5555, 0x1234};
	uint64_t now = T0_US;
	unsigned i;

	(void)state;
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	for (i = 0; i < 10; i++) {
		if (i == 4)
			pa.seq++, pa.ts += MEDIA_FRAME;     /* one lost */
		tick(&now, &pa, a, 500, NULL, NULL, 0);
	}
	/* Two DTMF events, the first sent three times (RFC 4733 repeats). */
	for (i = 0; i < 4; i++) {
		h.seq = pa.seq++;
		h.ts = i < 3 ? 5555 : 9999;
		rtp_hdr_encode(pkt, &h);
		phone_send_raw(&pa, a, pkt, sizeof(pkt));
	}
	h.pt = 18;                                  /* G.729: not ours */
	h.seq = pa.seq++;
	rtp_hdr_encode(pkt, &h);
	phone_send_raw(&pa, a, pkt, sizeof(pkt));
	phone_send_raw(&pa, a, (const uint8_t *)"garbage!", 8);
	usleep(2000);
	media_leg_recv(a);
	media_leg_stats(a, &st);
	assert_int_equal(st.rx_packets, 10 + 4);
	assert_int_equal(st.rx_bytes, 10 * 160 + 4 * 4);
	assert_int_equal(st.rx_lost, 1);
	assert_int_equal(st.dtmf_events, 2);
	assert_true(st.rx_jitter_ms >= 0.0);
	assert_int_equal(st.rx_foreign, 0);
	media_leg_free(a);
	close(pa.fd);
}

/* Audio from a host other than the one in the SDP is dropped and counted:
 * it must neither be heard nor disturb the real stream's statistics. */
static void test_receive_only_from_peer(void **state)
{
	struct phone pa, intruder;
	struct sockaddr_in sin = {0};
	struct media_leg *a;
	struct rtp_stats st;
	uint64_t now = T0_US;
	unsigned i;

	(void)state;
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	memset(&intruder, 0, sizeof(intruder));
	intruder.ts = 777;
	intruder.fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(intruder.fd >= 0);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(0x7f000002);    /* 127.0.0.2: another host */
	assert_int_equal(bind(intruder.fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	for (i = 0; i < 5; i++) {
		phone_say(&intruder, a, 9000);
		tick(&now, &pa, a, 500, NULL, NULL, 0);
	}
	media_leg_stats(a, &st);
	assert_int_equal(st.rx_packets, 5);
	assert_int_equal(st.rx_foreign, 5);
	assert_int_equal(st.rx_lost, 0);
	media_leg_free(a);
	close(pa.fd);
	close(intruder.fd);
}

/* Freeing a leg stops players aimed at it (no done), and another leg
 * that had joined its own room goes home. */
static void test_leg_free_cleans_up(void **state)
{
	struct phone pa, pb;
	struct media_leg *a, *b;
	static struct player p;   /* outlives a failed test's frame */
	struct audio_clip *clip = clip_const(10 * MEDIA_FRAME, 100);
	struct media_stats ms;

	(void)state;
	phone_open(&pa, G711_ULAW);
	phone_open(&pb, G711_ULAW);
	a = leg_for(&pa);
	b = leg_for(&pb);
	assert_int_equal(media_room_join(media_leg_room(a), b), 0);
	assert_int_equal(media_room_members(media_leg_room(a)), 2);
	assert_int_equal(player_start(&p, a, clip, 1, on_done, NULL), 0);
	media_leg_free(a);
	assert_false(player_active(&p));
	player_stop(&p);
	assert_int_equal(media_room_members(media_leg_room(b)), 1);
	media_stats(&ms);
	assert_int_equal(ms.legs, 1);
	assert_int_equal(ms.rooms, 1);
	assert_int_equal(ms.players, 0);
	audio_clip_deref(clip);
	assert_int_equal(dones, 0);
	media_leg_free(b);
	close(pa.fd);
	close(pb.fd);
}

static void stop_loop(void *arg)
{
	(void)arg;
	loop_stop();
}

/* The real loop: the fd watch drains the leg's socket and media_init's
 * 20 ms tick sends to the phone (how many times is not asserted). */
static void test_real_loop(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct tmr t = {0};
	struct rtp_stats st;
	struct heard h;
	unsigned i;

	(void)state;
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	for (i = 0; i < 5; i++)
		phone_say(&pa, a, 1234);
	tmr_start(&t, 200, stop_loop, NULL);
	assert_int_equal(loop_run(), 0);
	tmr_close(&t);
	media_leg_stats(a, &st);
	assert_int_equal(st.rx_packets, 5);
	assert_true(st.tx_packets >= 1);
	phone_hear(&pa, &h);
	assert_int_equal(h.h.pt, 0);
	media_leg_free(a);
	close(pa.fd);
}

/* ---- DTMF ---- */

static char digits_got[32];
static unsigned digits_n, digits_ms[32];

static void on_digit(char digit, unsigned duration_ms, void *arg)
{
	(void)arg;
	assert_true(digits_n + 1 < sizeof(digits_got));
	digits_ms[digits_n] = duration_ms;
	digits_got[digits_n++] = digit;
	digits_got[digits_n] = '\0';
}

/* Virtual monotonic time, so the 200 ms end-packet timeout is driven by
 * the test's ticks and not by the wall clock. */
static uint64_t fake_us;
static uint64_t fake_mono_us(void) { return fake_us; }
static uint64_t fake_wall_ms(void) { return fake_us / 1000; }
static const struct clock_ops fake_clock = {fake_mono_us, fake_wall_ms};

/* One tick with nothing said; what the engine sent is dropped. */
static void tick_quiet(uint64_t *now, struct phone *ph, struct media_leg *ml)
{
	uint8_t buf[512];

	usleep(1000);
	media_leg_recv(ml);
	media_tick_run(*now);
	*now += MEDIA_TICK_US;
	fake_us += MEDIA_TICK_US;
	while (recv(ph->fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static void phone_event(struct phone *ph, const struct media_leg *ml,
			uint32_t ts, bool marker, uint8_t ev, bool end,
			uint16_t dur)
{
	uint8_t pkt[RTP_HDR_SIZE + 4];
	struct rtp_hdr h = {marker, DTMF_PT, ph->seq++, ts, 0x1234};

	rtp_hdr_encode(pkt, &h);
	pkt[12] = ev;
	pkt[13] = (uint8_t)((end ? 0x80 : 0) | 10);
	pkt[14] = (uint8_t)(dur >> 8);
	pkt[15] = (uint8_t)dur;
	phone_send_raw(ph, ml, pkt, sizeof(pkt));
}

/* A key press as a phone sends it: a packet per tick (no voice), then
 * `ends` end packets. */
static void phone_press(struct phone *ph, struct media_leg *ml, uint64_t *now,
			uint8_t ev, uint16_t units, unsigned ends)
{
	uint32_t ts = ph->ts;
	uint16_t dur;
	unsigned i;

	for (dur = 160; dur < units; dur += 160) {
		phone_event(ph, ml, ts, dur == 160, ev, false, dur);
		tick_quiet(now, ph, ml);
	}
	for (i = 0; i < ends; i++) {
		phone_event(ph, ml, ts, false, ev, true, units);
		tick_quiet(now, ph, ml);
	}
	ph->ts += (units + 159u) / 160u * 160u;
}

/* Two sines of a key, continuing from sample *t. */
static void key_frame(int16_t *pcm, char key, unsigned *t)
{
	static const char keys[] = "123A456B789C*0#D";
	static const double lo[] = {697, 770, 852, 941};
	static const double hi[] = {1209, 1336, 1477, 1633};
	int k = (int)(strchr(keys, key) - keys);
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++, (*t)++)
		pcm[i] = (int16_t)(5000 * sin(2 * M_PI * lo[k / 4] * *t / 8000) +
				   5000 * sin(2 * M_PI * hi[k % 4] * *t / 8000));
}

/* The phone keys "keys" in-band: 100 ms tones, 100 ms silences. */
static void phone_key_inband(struct phone *ph, struct media_leg *ml,
			     uint64_t *now, const char *keys)
{
	int16_t pcm[MEDIA_FRAME];
	unsigned t = 0, f;

	for (; *keys; keys++) {
		for (f = 0; f < 10; f++) {
			if (f < 5)
				key_frame(pcm, *keys, &t);
			else
				memset(pcm, 0, sizeof(pcm));
			phone_say_pcm(ph, ml, pcm);
			tick_quiet(now, ph, ml);
		}
	}
}

/* RFC 4733 from the phone: a press with its three end packets is one
 * digit; a press whose end packets are all lost is one digit once its
 * packets stopped for 200 ms; in-band tones on a leg that negotiated
 * telephone-event are not digits. Nothing allocates. */
static void test_dtmf_rfc4733_in(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct rtp_stats st;
	uint64_t now = T0_US;
	unsigned i;

	(void)state;
	digits_n = 0;
	fake_us = T0_US;
	clock_set_ops(&fake_clock);
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	media_leg_set_digit_handler(a, on_digit, NULL);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	phone_press(&pa, a, &now, 1, 800, 3);
	assert_string_equal(digits_got, "1");
	phone_press(&pa, a, &now, 11, 1920, 0);
	assert_string_equal(digits_got, "1");
	for (i = 0; i < 9; i++)                    /* up to 180 ms later */
		tick_quiet(&now, &pa, a);
	assert_string_equal(digits_got, "1");
	tick_quiet(&now, &pa, a);                  /* 200 ms after the last */
	assert_string_equal(digits_got, "1#");
	phone_key_inband(&pa, a, &now, "55");
	for (i = 0; i < 20; i++)
		tick_quiet(&now, &pa, a);
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	assert_string_equal(digits_got, "1#");
	assert_int_equal(digits_ms[0], 100);
	assert_int_equal(digits_ms[1], 1760 / 8);
	media_leg_stats(a, &st);
	assert_int_equal(st.dtmf_events, 2);
	clock_set_ops(NULL);
	media_leg_free(a);
	close(pa.fd);
}

struct sent {
	struct heard hd;
	uint8_t ev[4];
};

/* Tick and read the one packet the engine sent. */
static void tick_read(uint64_t *now, struct phone *ph, struct media_leg *ml,
		      struct sent *s)
{
	usleep(1000);
	media_leg_recv(ml);
	media_tick_run(*now);
	*now += MEDIA_TICK_US;
	phone_recv(ph, &s->hd, s->ev);
}

#define ev_dur(s) ((unsigned)((s)->ev[2] << 8 | (s)->ev[3]))

/* RFC 4733 to the phone: "1#" at 100 ms is, in the leg's one stream
 * (SSRC, sequence), 7 event packets for '1' (durations 160..800, the last
 * three with the end bit) in place of audio, audio for the rest of the
 * 100 ms gap, then 7 for '#'; each event carries the timestamp of the
 * slot it started in, the marker on its first packet. done runs once,
 * after the last end packet. Cancel ends an event with end packets and
 * no done. */
static void test_dtmf_rfc4733_out(void **state)
{
	struct phone pa;
	struct media_leg *a;
	static struct sent s[24];
	uint64_t now = T0_US;
	unsigned i;
	bool ev;

	(void)state;
	phone_open(&pa, G711_ULAW);
	a = leg_for(&pa);
	assert_int_equal(media_leg_send_digits(a, "1x", 100, on_done, NULL), EINVAL);
	assert_int_equal(media_leg_send_digits(a, "", 100, on_done, NULL), EINVAL);
	assert_int_equal(media_leg_send_digits(a, "1#", 100, on_done, NULL), 0);
	assert_int_equal(media_leg_send_digits(a, "2", 100, on_done, NULL), EBUSY);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	for (i = 0; i < 20; i++) {
		tick_read(&now, &pa, a, &s[i]);
		assert_int_equal(dones, i < 16 ? 0 : 1);
	}
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	for (i = 0; i < 20; i++) {
		ev = (i <= 6) || (i >= 10 && i <= 16);
		assert_int_equal(s[i].hd.h.pt, ev ? DTMF_PT : 0);
		assert_int_equal(s[i].hd.h.ssrc, s[0].hd.h.ssrc);
		assert_int_equal((uint16_t)(s[i].hd.h.seq - s[0].hd.h.seq), i);
		assert_int_equal(s[i].hd.h.marker, i == 0 || i == 10);
		if (!ev) {
			assert_int_equal(s[i].hd.h.ts - s[0].hd.h.ts, 160 * i);
			continue;
		}
		assert_int_equal(s[i].hd.h.ts - s[0].hd.h.ts, i < 10 ? 0 : 1600);
		assert_int_equal(s[i].ev[0], i < 10 ? 1 : 11);
		assert_int_equal(s[i].ev[1] & 0x3F, 10);
		assert_int_equal(!!(s[i].ev[1] & 0x80), i % 10 >= 4);
		assert_int_equal(ev_dur(&s[i]), i % 10 < 4 ? 160 * (i % 10 + 1) : 800);
	}

	/* Cancelled after three packets: three end packets at 480, audio. */
	dones = 0;
	assert_int_equal(media_leg_send_digits(a, "123", 200, on_done, NULL), 0);
	for (i = 0; i < 3; i++)
		tick_read(&now, &pa, a, &s[i]);
	media_leg_cancel_digits(a);
	for (i = 3; i < 10; i++)
		tick_read(&now, &pa, a, &s[i]);
	for (i = 3; i < 6; i++) {
		assert_int_equal(s[i].hd.h.pt, DTMF_PT);
		assert_int_equal(s[i].hd.h.ts, s[0].hd.h.ts);
		assert_true(s[i].ev[1] & 0x80);
		assert_int_equal(ev_dur(&s[i]), 480);
	}
	for (i = 6; i < 10; i++)
		assert_int_equal(s[i].hd.h.pt, 0);
	assert_int_equal(dones, 0);
	assert_int_equal(media_leg_send_digits(a, "4", 100, on_done, NULL), 0);
	media_leg_free(a);
	assert_int_equal(dones, 0);
	close(pa.fd);
}

/* In-band from the phone (no telephone-event): key tones inside its
 * PCMU audio come out of the jitter buffer as digits, once each. */
static void test_dtmf_inband_in(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct sdp_neg neg;
	uint64_t now = T0_US;
	unsigned i;

	(void)state;
	digits_n = 0;
	phone_open(&pa, G711_ULAW);
	neg_for(&pa, &neg);
	neg.dtmf = false;
	assert_int_equal(media_leg_alloc(&a), 0);
	assert_int_equal(media_leg_start(a, &neg), 0);
	media_leg_set_digit_handler(a, on_digit, NULL);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	phone_key_inband(&pa, a, &now, "2#9");
	for (i = 0; i < 10; i++)
		tick_quiet(&now, &pa, a);
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	assert_string_equal(digits_got, "2#9");
	for (i = 0; i < 3; i++) {
		if (digits_ms[i] < 60 || digits_ms[i] > 140)
			fail_msg("digit %u lasted %u ms", i, digits_ms[i]);
	}
	media_leg_free(a);
	close(pa.fd);
}

/* In-band to the phone: while "159#" is sent the phone hears the tones
 * instead of the prompt playing to it; decoding its PCMU and detecting
 * gives "159#"; no event packets; done runs once after the last tone;
 * then the prompt is heard again. */
static void test_dtmf_inband_out(void **state)
{
	struct phone pa;
	struct media_leg *a;
	struct sdp_neg neg;
	struct inband_det *det;
	struct dtmf_digit dg[1];
	static struct player p;
	struct audio_clip *clip = clip_const(MEDIA_FRAME, 3000);
	struct sent s;
	uint64_t now = T0_US;
	char got[16] = "";
	unsigned i, len = 0;

	(void)state;
	phone_open(&pa, G711_ULAW);
	neg_for(&pa, &neg);
	neg.dtmf = false;
	assert_int_equal(media_leg_alloc(&a), 0);
	assert_int_equal(media_leg_start(a, &neg), 0);
	assert_int_equal(inband_det_alloc(&det), 0);
	assert_int_equal(player_start(&p, a, clip, 0, NULL, NULL), 0);
	audio_clip_deref(clip);
	assert_int_equal(media_leg_send_digits(a, "159#", 100, on_done, NULL), 0);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	/* 4 tones of 100 ms and 3 gaps of 100 ms: 35 frames, then 10 more. */
	for (i = 0; i < 45; i++) {
		tick_read(&now, &pa, a, &s);
		assert_int_equal(s.hd.h.pt, 0);
		assert_int_equal(dones, i < 34 ? 0 : 1);
		if (i >= 35)
			assert_frame(&s.hd, G711_ULAW, 3000);
		if (inband_det_feed(det, s.hd.pcm, MEDIA_FRAME, dg, 1) && len < 8)
			got[len++] = dg[0].digit;
	}
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	/* The last tone ends into the prompt's constant: flush with silence. */
	memset(s.hd.pcm, 0, sizeof(s.hd.pcm));
	for (i = 0; i < 10; i++) {
		if (inband_det_feed(det, s.hd.pcm, MEDIA_FRAME, dg, 1) && len < 8)
			got[len++] = dg[0].digit;
	}
	assert_string_equal(got, "159#");
	player_stop(&p);
	inband_det_free(det);
	media_leg_free(a);
	close(pa.fd);
}

/* ---- recording taps ---- */

struct tap_log {
	unsigned n;
	int16_t in[MEDIA_FRAME], out[MEDIA_FRAME];
};

static void on_tap(const int16_t *in, const int16_t *out, void *arg)
{
	struct tap_log *t = arg;

	t->n++;
	memcpy(t->in, in, sizeof(t->in));
	memcpy(t->out, out, sizeof(t->out));
}

static void assert_pcm(const int16_t *pcm, int32_t v)
{
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++) {
		if (pcm[i] != v)
			fail_msg("sample %u: %d, want %d", i, pcm[i], v);
	}
}

/* A's taps see, each tick, what A said (decoded) and the frame A is sent
 * (B's voice plus the prompt aimed at A, before encoding). Two taps per
 * leg, a third is refused; a removed tap is not called again; a stopped
 * leg is still tapped, with silence coming in. Nothing allocates. */
static void test_taps(void **state)
{
	static struct tap_log t1, t2;
	static struct player p;
	struct audio_clip *clip = clip_const(MEDIA_FRAME, 4000);
	struct phone pa, pb;
	struct media_leg *a, *b;
	struct room *r;
	struct heard ha, hb;
	uint64_t now = T0_US;

	(void)state;
	memset(&t1, 0, sizeof(t1));
	memset(&t2, 0, sizeof(t2));
	phone_open(&pa, G711_ULAW);
	phone_open(&pb, G711_ALAW);
	a = leg_for(&pa);
	b = leg_for(&pb);
	assert_int_equal(media_room_alloc(&r), 0);
	assert_int_equal(media_room_join(r, a), 0);
	assert_int_equal(media_room_join(r, b), 0);
	assert_int_equal(player_start(&p, a, clip, 0, NULL, NULL), 0);
	audio_clip_deref(clip);
	assert_int_equal(media_leg_add_tap(a, on_tap, &t1), 0);
	assert_int_equal(media_leg_add_tap(a, on_tap, &t2), 0);
	assert_int_equal(media_leg_add_tap(a, on_tap, NULL), ENOSPC);
	assert_int_equal(media_leg_add_tap(NULL, on_tap, NULL), EINVAL);
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	tick(&now, &pa, a, 1000, &pb, b, -3000);
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	phone_hear(&pa, &ha);
	phone_hear(&pb, &hb);
	assert_int_equal(t1.n, 1);
	assert_pcm(t1.in, via(G711_ULAW, 1000));
	assert_pcm(t1.out, via(G711_ALAW, -3000) + 4000);
	assert_memory_equal(&t1, &t2, sizeof(t1));
	media_leg_remove_tap(a, on_tap, &t1);
	media_leg_remove_tap(a, on_tap, NULL);   /* not there: no-op */
	media_leg_stop(a);
	tick(&now, &pa, a, 1000, &pb, b, -3000);
	assert_int_equal(t1.n, 1);
	assert_int_equal(t2.n, 2);
	assert_pcm(t2.in, 0);
	player_stop(&p);
	media_room_free(r);
	media_leg_free(a);
	media_leg_free(b);
	close(pa.fd);
	close(pb.fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_room_two_legs_and_aimed_player, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alone_hears_only_players, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rtp_headers_and_timestamps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receive_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receive_only_from_peer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leg_free_cleans_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_loop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_rfc4733_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_rfc4733_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_inband_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_inband_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_taps, setup, teardown),
	};

	return cmocka_run_group_tests_name("mixer", tests, NULL, NULL);
}
