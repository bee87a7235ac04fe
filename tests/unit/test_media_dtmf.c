/* test_media_dtmf.c - DTMF through the media engine, with phones on real
 * UDP sockets and a virtual clock: RFC 4733 presses in (lost end packets
 * included) and out, in-band tones in and out, digit dones, and no
 * allocation on any of these paths. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dtmf_rfc4733_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_rfc4733_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_inband_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dtmf_inband_out, setup, teardown),
	};

	return cmocka_run_group_tests_name("media_dtmf", tests, NULL, NULL);
}
