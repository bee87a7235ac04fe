/* test_mixer.c - the media engine end to end: legs with real UDP sockets
 * on 127.0.0.1, phones played by plain sockets, ticks driven by hand.
 * Checks who hears whom in a room, players aimed at one leg or a room,
 * repeat and done, RTP headers and timestamps, stats, recording taps, and
 * that the tick and the receive path never allocate. DTMF through the
 * engine is in test_media_dtmf.c. */
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
#include "tests/unit/phone.h"

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
		cmocka_unit_test_setup_teardown(test_taps, setup, teardown),
	};

	return cmocka_run_group_tests_name("mixer", tests, NULL, NULL);
}
