/* test_dtmf.c - the RFC 4733 receiver on packet sequences a phone sends
 * (presses, losses, retransmissions, long presses), the sender's packets,
 * and the schedule of a digit string. Time is passed in explicitly. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "runtime/dtmf.h"

#define T0 5000000000ull
#define SLOT_US 20000ull

struct feed {
	struct dtmf_recv r;
	struct dtmf_digit got[16];
	unsigned ngot;
	uint64_t now;
};

/* One packet: event, end bit, duration; arrives 20 ms after the last. */
static unsigned feed_pkt(struct feed *f, uint32_t ts, bool marker,
			 uint8_t ev, bool end, uint16_t dur)
{
	uint8_t pl[4] = {ev, (uint8_t)((end ? 0x80 : 0) | 10),
			 (uint8_t)(dur >> 8), (uint8_t)dur};
	struct dtmf_digit d[2];
	unsigned n, i;

	f->now += SLOT_US;
	n = dtmf_recv_packet(&f->r, ts, marker, pl, sizeof(pl), f->now, d);
	assert_true(n <= 2);
	for (i = 0; i < n; i++)
		f->got[f->ngot++] = d[i];
	return n;
}

static unsigned feed_poll(struct feed *f, uint64_t after_us)
{
	struct dtmf_digit d;
	unsigned n = dtmf_recv_poll(&f->r, f->now + after_us, &d);

	if (n)
		f->got[f->ngot++] = d;
	return n;
}

/* A whole press as a phone sends it: start with marker, a packet per
 * 20 ms with growing duration, then the end packet `ends` times. */
static void feed_press(struct feed *f, uint32_t ts, uint8_t ev, uint16_t units,
		       unsigned ends)
{
	uint16_t dur;
	unsigned i;

	for (dur = 160; dur < units; dur += 160)
		feed_pkt(f, ts, dur == 160, ev, false, dur);
	for (i = 0; i < ends; i++)
		feed_pkt(f, ts, false, ev, true, units);
}

static void feed_init(struct feed *f)
{
	memset(f, 0, sizeof(*f));
	f->now = T0;
}

/* Normal press: nothing until the end bit, exactly one digit on the first
 * end packet with the duration it carries, nothing for the repeats. */
static void test_rx_normal_press(void **state)
{
	struct feed f;
	uint16_t dur;

	(void)state;
	feed_init(&f);
	for (dur = 160; dur < 2000; dur += 160)
		assert_int_equal(feed_pkt(&f, 1000, dur == 160, 5, false, dur), 0);
	assert_int_equal(feed_pkt(&f, 1000, false, 5, true, 2000), 1);
	assert_int_equal(feed_pkt(&f, 1000, false, 5, true, 2000), 0);
	assert_int_equal(feed_pkt(&f, 1000, false, 5, true, 2000), 0);
	assert_int_equal(feed_poll(&f, 10 * 1000000ull), 0);
	assert_int_equal(f.ngot, 1);
	assert_int_equal(f.got[0].digit, '5');
	assert_int_equal(f.got[0].duration_ms, 250);
}

/* All end packets lost: the digit comes once the packets have stopped
 * for 200 ms, with the last duration seen; a late end packet adds none. */
static void test_rx_end_lost(void **state)
{
	struct feed f;

	(void)state;
	feed_init(&f);
	feed_press(&f, 7000, 9, 1920, 0);
	feed_pkt(&f, 7000, false, 9, false, 1920);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US - 1), 0);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 1);
	assert_int_equal(feed_poll(&f, 2 * DTMF_TIMEOUT_US), 0);
	f.now += DTMF_TIMEOUT_US;
	assert_int_equal(feed_pkt(&f, 7000, false, 9, true, 2000), 0);
	assert_int_equal(f.ngot, 1);
	assert_int_equal(f.got[0].digit, '9');
	assert_int_equal(f.got[0].duration_ms, 240);
}

/* The start packet retransmitted (RFC 4733 2.5.1.2), and a late start
 * packet after the end: still one digit. */
static void test_rx_retransmitted_start(void **state)
{
	struct feed f;

	(void)state;
	feed_init(&f);
	feed_pkt(&f, 320, true, 1, false, 0);
	feed_pkt(&f, 320, true, 1, false, 0);
	feed_pkt(&f, 320, true, 1, false, 0);
	feed_press(&f, 320, 1, 800, 3);
	feed_pkt(&f, 320, true, 1, false, 0);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 0);
	assert_int_equal(f.ngot, 1);
	assert_int_equal(f.got[0].digit, '1');
	assert_int_equal(f.got[0].duration_ms, 100);
}

/* The same key twice in a row (new timestamps) is two digits; a new
 * event also ends one whose end packets were all lost. */
static void test_rx_same_digit_twice(void **state)
{
	struct feed f;

	(void)state;
	feed_init(&f);
	feed_press(&f, 10000, 3, 800, 3);
	feed_press(&f, 11600, 3, 800, 3);
	assert_int_equal(f.ngot, 2);
	feed_press(&f, 13200, 3, 800, 0);            /* end lost */
	assert_int_equal(f.ngot, 2);
	/* The next press, its first (marker) packet lost too. */
	feed_pkt(&f, 14800, false, 3, false, 320);
	assert_int_equal(f.ngot, 3);
	feed_pkt(&f, 14800, false, 3, true, 480);
	assert_int_equal(f.ngot, 4);
	assert_int_equal(f.got[0].digit, '3');
	assert_int_equal(f.got[1].digit, '3');
	assert_int_equal(f.got[2].digit, '3');
	assert_int_equal(f.got[2].duration_ms, 640 / 8);
	assert_int_equal(f.got[3].duration_ms, 60);
	/* A late packet of an older event is not a new press. */
	feed_pkt(&f, 13200, false, 3, false, 800);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 0);
	assert_int_equal(f.ngot, 4);
}

/* A press longer than a 16-bit duration: two segments (the second at the
 * timestamp where the first stopped, no marker) are one digit. */
static void test_rx_long_press_segments(void **state)
{
	struct feed f;
	uint32_t dur;

	(void)state;
	feed_init(&f);
	for (dur = 160; dur <= 0xFFFF; dur += 160)
		feed_pkt(&f, 50000, dur == 160, 0, false, (uint16_t)dur);
	feed_pkt(&f, 50000, false, 0, false, 0xFFFF);
	assert_int_equal(f.ngot, 0);
	for (dur = 160; dur < 8000; dur += 160)
		feed_pkt(&f, 50000 + 0xFFFF, false, 0, false, (uint16_t)dur);
	feed_pkt(&f, 50000 + 0xFFFF, false, 0, true, 8000);
	feed_pkt(&f, 50000 + 0xFFFF, false, 0, true, 8000);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 0);
	assert_int_equal(f.ngot, 1);
	assert_int_equal(f.got[0].digit, '0');
	assert_int_equal(f.got[0].duration_ms, (0xFFFF + 8000) / 8);
}

/* Event codes: 10/11 are * and #, 12-15 A-D; 16 and up (flash, tones)
 * and short or empty payloads give nothing. */
static void test_rx_event_codes_and_garbage(void **state)
{
	static const char want[] = "*#ABCD";
	struct feed f;
	struct dtmf_digit d[2];
	uint8_t shortpl[3] = {5, 0x80, 0};
	unsigned ev;

	(void)state;
	feed_init(&f);
	for (ev = 10; ev <= 15; ev++)
		feed_press(&f, 1000 * ev, (uint8_t)ev, 480, 3);
	assert_int_equal(f.ngot, 6);
	for (ev = 0; ev < 6; ev++)
		assert_int_equal(f.got[ev].digit, want[ev]);
	feed_press(&f, 20000, 16, 480, 3);
	feed_press(&f, 21000, 255, 480, 0);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 0);
	assert_int_equal(dtmf_recv_packet(&f.r, 22000, true, shortpl, 3, f.now, d), 0);
	assert_int_equal(dtmf_recv_packet(&f.r, 22000, true, shortpl, 0, f.now, d), 0);
	assert_int_equal(feed_poll(&f, DTMF_TIMEOUT_US), 0);
	assert_int_equal(f.ngot, 6);
	assert_int_equal(dtmf_event_char(16), 0);
	assert_int_equal(dtmf_char_event('D'), 15);
	assert_int_equal(dtmf_char_event('d'), -1);
}

/* "1" for 250 ms: 2000 units in 20 ms packets with one timestamp, the
 * marker on the first, durations 160..1920 then 2000 three times with the
 * end bit, volume 10. Then nothing. */
static void test_tx_packets_for_250ms(void **state)
{
	struct dtmf_send s;
	struct dtmf_pkt p;
	unsigned i;
	uint16_t dur;

	(void)state;
	dtmf_send_start(&s, '1', 250 * DTMF_UNITS_PER_MS, 0xFFFFFF00u);
	for (i = 0; i < 15; i++) {
		assert_true(dtmf_send_next(&s, &p));
		dur = (uint16_t)(p.payload[2] << 8 | p.payload[3]);
		assert_int_equal(p.ts, 0xFFFFFF00u);
		assert_int_equal(p.marker, i == 0);
		assert_int_equal(p.payload[0], 1);
		assert_int_equal(p.payload[1] & 0x3F, 10);
		assert_int_equal(!!(p.payload[1] & 0x80), i >= 12);
		assert_int_equal(dur, i < 12 ? 160 * (i + 1) : 2000);
	}
	assert_false(dtmf_send_next(&s, &p));
}

/* Stopping mid-event sends the end packets at the duration reached. */
static void test_tx_stop_sends_end(void **state)
{
	struct dtmf_send s;
	struct dtmf_pkt p;
	unsigned i;

	(void)state;
	dtmf_send_start(&s, '#', 2000, 77);
	for (i = 0; i < 4; i++)
		assert_true(dtmf_send_next(&s, &p));
	dtmf_send_stop(&s);
	for (i = 0; i < 3; i++) {
		assert_true(dtmf_send_next(&s, &p));
		assert_int_equal(p.payload[0], 11);
		assert_true(p.payload[1] & 0x80);
		assert_int_equal(p.payload[2] << 8 | p.payload[3], 640);
	}
	assert_false(dtmf_send_next(&s, &p));
}

/* Sender into receiver: a 10 s tone (past 0xFFFF units) goes out in
 * segments and comes back as one digit of 10 s; every packet repeats. */
static void test_tx_long_tone_roundtrip(void **state)
{
	struct dtmf_send s;
	struct dtmf_pkt p;
	struct feed f;
	struct dtmf_digit d[2], dup[2];
	unsigned n = 0, pkts = 0, markers = 0;

	(void)state;
	feed_init(&f);
	dtmf_send_start(&s, '7', 10000 * DTMF_UNITS_PER_MS, 123456);
	while (dtmf_send_next(&s, &p)) {
		f.now += SLOT_US;
		markers += p.marker;
		pkts++;
		n += dtmf_recv_packet(&f.r, p.ts, p.marker, p.payload, 4, f.now, d);
		/* A duplicate of every packet (network duplication) too. */
		n += dtmf_recv_packet(&f.r, p.ts, p.marker, p.payload, 4, f.now, dup);
		if (n) {
			assert_int_equal(d[0].digit, '7');
			assert_int_equal(d[0].duration_ms, 10000);
		}
	}
	n += feed_poll(&f, DTMF_TIMEOUT_US);
	assert_int_equal(n, 1);
	assert_int_equal(markers, 1);
	assert_int_equal(pkts, 80000 / 160 + 2);
}

/* "1,2" in 20 ms slots: tone 1 (250 ms rounds up to 13 slots), a 100 ms
 * gap, a 500 ms pause, tone 2, then the end; bad strings are refused. */
static void test_seq_schedule(void **state)
{
	struct dtmf_seq q;
	struct dtmf_seg seg;
	char slots[64];
	unsigned n = 0, firsts = 0;

	(void)state;
	assert_int_equal(dtmf_seq_start(&q, "1,2", 250, 160), 0);
	while (dtmf_seq_next(&q, 160, &seg)) {
		assert_int_equal(seg.n, 160);
		assert_true(n < sizeof(slots));
		slots[n++] = seg.digit ? seg.digit : '.';
		firsts += seg.first;
	}
	assert_int_equal(n, 13 + 5 + 25 + 13);
	assert_int_equal(slots[0], '1');
	assert_int_equal(slots[12], '1');
	assert_int_equal(slots[13], '.');
	assert_int_equal(slots[42], '.');
	assert_int_equal(slots[43], '2');
	assert_int_equal(slots[55], '2');
	assert_int_equal(firsts, 2);
	assert_true(dtmf_seq_done(&q));
	/* In samples (in-band): the tone is exactly 250 ms. */
	assert_int_equal(dtmf_seq_start(&q, "D#", 250, 1), 0);
	assert_true(dtmf_seq_next(&q, 5000, &seg));
	assert_int_equal(seg.digit, 'D');
	assert_int_equal(seg.n, 2000);
	assert_true(dtmf_seq_next(&q, 5000, &seg));
	assert_int_equal(seg.digit, 0);
	assert_int_equal(seg.n, 800);
	assert_int_equal(dtmf_seq_start(&q, "12x", 250, 160), EINVAL);
	assert_int_equal(dtmf_seq_start(&q, "a", 250, 160), EINVAL);
	assert_int_equal(dtmf_seq_start(&q, "", 250, 160), EINVAL);
	assert_int_equal(dtmf_seq_start(&q, "1", 0, 160), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rx_normal_press),
		cmocka_unit_test(test_rx_end_lost),
		cmocka_unit_test(test_rx_retransmitted_start),
		cmocka_unit_test(test_rx_same_digit_twice),
		cmocka_unit_test(test_rx_long_press_segments),
		cmocka_unit_test(test_rx_event_codes_and_garbage),
		cmocka_unit_test(test_tx_packets_for_250ms),
		cmocka_unit_test(test_tx_stop_sends_end),
		cmocka_unit_test(test_tx_long_tone_roundtrip),
		cmocka_unit_test(test_seq_schedule),
	};

	return cmocka_run_group_tests_name("dtmf", tests, NULL, NULL);
}
