/* test_jbuf.c - the jitter buffer: order, loss, duplicates, packet sizes,
 * and that a burst larger than the slot pool neither allocates nor
 * breaks the stream. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/audio.h"
#include "runtime/jbuf.h"

/* The put/get path must not allocate: alloc_count.c counts. */
#include "tests/unit/alloc_count.h"

#define RAMP 20000

/* A sender: sample k of the stream has value k % RAMP at ts0 + k. */
struct src {
	uint32_t ts0;
	uint32_t pos;
};

static int put_at(struct jbuf *jb, const struct src *s, uint32_t at, size_t n)
{
	int16_t pcm[4 * MEDIA_FRAME + 1];
	size_t k;

	for (k = 0; k < n; k++)
		pcm[k] = (int16_t)((at + k) % RAMP);
	return jbuf_put(jb, s->ts0 + at, pcm, n);
}

static int put_next(struct jbuf *jb, struct src *s, size_t n)
{
	int err = put_at(jb, s, s->pos, n);

	s->pos += (uint32_t)n;
	return err;
}

/* What the receiver heard: frames that carry on the ramp exactly, and
 * skips: frames that carry on a whole number of frames later, which is
 * how speexdsp sheds delay it no longer needs. Anything else (repeated,
 * reordered or mangled audio) is a break. */
struct sink {
	bool started;
	int next;            /* expected value of the next sample */
	unsigned frames, continuous, skips, breaks, silent;
};

static bool is_ramp(const int16_t *out)
{
	unsigned i;

	for (i = 1; i < MEDIA_FRAME; i++) {
		if (out[i] != (out[0] + (int)i) % RAMP)
			return false;
	}
	return true;
}

static void sink_get(struct jbuf *jb, struct sink *k)
{
	int16_t out[MEDIA_FRAME];
	int jump;

	jbuf_get(jb, out);
	k->frames++;
	if (!k->started && !is_ramp(out)) {
		k->silent++;
		return;
	}
	jump = (out[0] - k->next + RAMP) % RAMP;
	if (!k->started)
		k->started = true;
	else if (!is_ramp(out))
		k->breaks++;
	else if (jump == 0)
		k->continuous++;
	else if (jump % MEDIA_FRAME == 0 && jump <= 3 * (int)MEDIA_FRAME)
		k->skips++;
	else
		k->breaks++;
	k->next = (out[MEDIA_FRAME - 1] + 1) % RAMP;
}

static struct jbuf *new_jb(unsigned delay_ms)
{
	struct jbuf *jb;

	assert_int_equal(jbuf_alloc(&jb, 32, delay_ms), 0);
	return jb;
}

/* Every slot must come home on a reset: none leaked to speexdsp. */
static void jb_done(struct jbuf *jb)
{
	jbuf_reset(jb);
	assert_int_equal(jbuf_slots_free(jb), 32);
	jbuf_free(jb);
}

/* Steady 20 ms packets: after the initial delay every frame is the
 * stream's next 160 samples. The delay is what was asked for. */
static void test_in_order(void **state)
{
	struct jbuf *jb = new_jb(60);
	struct src s = {123456, 0};
	struct sink k = {0};
	struct jbuf_stats st;
	unsigned t;

	(void)state;
	for (t = 0; t < 30; t++) {
		assert_int_equal(put_next(jb, &s, MEDIA_FRAME), 0);
		sink_get(jb, &k);
	}
	assert_int_equal(k.silent, 2);        /* 3 packets = 60 ms buffered */
	assert_int_equal(k.breaks, 0);
	assert_int_equal(k.continuous, 27);
	assert_int_equal(k.skips, 0);
	jbuf_stats(jb, &st);
	assert_int_equal(st.put, 30);
	assert_int_equal(st.concealed, 0);
	assert_int_equal(jbuf_slots_free(jb), 32 - 2);
	jb_done(jb);
}

/* Packets arrive in swapped pairs: 1 0 3 2 5 4 ... The buffer puts them
 * back in order; the stream never breaks. */
static void test_reordered(void **state)
{
	struct jbuf *jb = new_jb(60);
	struct src s = {0xFFFFF000u, 0};     /* timestamps wrap on the way */
	struct sink k = {0};
	struct jbuf_stats st;
	unsigned t;

	(void)state;
	for (t = 0; t < 200; t++) {
		put_at(jb, &s, (t ^ 1) * MEDIA_FRAME, MEDIA_FRAME);
		sink_get(jb, &k);
	}
	assert_int_equal(k.breaks, 0);
	assert_true(k.skips <= 2);
	assert_true(k.continuous >= 190);
	jbuf_stats(jb, &st);
	assert_int_equal(st.concealed, 0);
	jb_done(jb);
}

/* Every packet twice: each is played once, the copies are dropped. */
static void test_duplicates(void **state)
{
	struct jbuf *jb = new_jb(60);
	struct src s = {1000, 0};
	struct sink k = {0};
	unsigned t;

	(void)state;
	for (t = 0; t < 100; t++) {
		put_at(jb, &s, s.pos, MEDIA_FRAME);
		put_next(jb, &s, MEDIA_FRAME);
		sink_get(jb, &k);
	}
	assert_int_equal(k.breaks, 0);
	assert_true(k.skips <= 2);
	assert_true(k.continuous >= 94);
	assert_true(jbuf_slots_free(jb) >= 32 - 6);   /* copies came back */
	jb_done(jb);
}

/* A lost packet is concealed by the last frame at 3/4 gain; the next
 * packet plays on time. Four losses in a row fade to silence. */
static void test_lost(void **state)
{
	struct jbuf *jb = new_jb(20);
	int16_t pcm[MEDIA_FRAME], out[MEDIA_FRAME];
	struct jbuf_stats st;
	unsigned t, i;

	(void)state;
	for (t = 0; t < 40; t++) {
		for (i = 0; i < MEDIA_FRAME; i++)
			pcm[i] = (int16_t)(1000 + t);
		if (t != 10 && (t < 20 || t > 25))
			jbuf_put(jb, 5000 + t * MEDIA_FRAME, pcm, MEDIA_FRAME);
		assert_int_equal(jbuf_get(jb, out), t != 10 && (t < 20 || t > 25));
		if (t == 10)
			assert_int_equal(out[0], 1009 * 3 / 4);
		else if (t >= 20 && t <= 25)
			assert_int_equal(out[5], t - 20 < 3 ? 1019 * (3 - (int)(t - 20)) / 4 : 0);
		else
			assert_int_equal(out[MEDIA_FRAME - 1], 1000 + (int)t);
	}
	jbuf_stats(jb, &st);
	assert_int_equal(st.concealed, 7);
	assert_int_equal(st.frames, 33);
	jb_done(jb);
}

/* 10 ms packets (two per frame) and 30 ms packets (a frame and a half)
 * both come out as a seamless stream of 20 ms frames. */
static void test_packet_sizes(void **state)
{
	struct jbuf *jb = new_jb(40);
	struct src s = {77, 0};
	struct sink k = {0};
	unsigned t;

	(void)state;
	for (t = 0; t < 100; t++) {
		put_next(jb, &s, 80);
		put_next(jb, &s, 80);
		sink_get(jb, &k);
	}
	assert_int_equal(k.breaks, 0);
	assert_true(k.skips <= 2);
	assert_true(k.continuous >= 94);
	jb_done(jb);

	jb = new_jb(60);
	memset(&k, 0, sizeof(k));
	s.pos = 0;
	for (t = 0; t < 120; t++) {
		if (t % 3 != 2)                   /* 2 packets per 3 ticks */
			put_next(jb, &s, 240);
		sink_get(jb, &k);
	}
	assert_int_equal(k.breaks, 0);
	assert_true(k.skips <= 2);
	assert_true(k.continuous >= 110);
	assert_int_equal(put_next(jb, &s, 4 * MEDIA_FRAME + 1), EINVAL);
	jb_done(jb);
}

/* 100 packets at once into a 32-slot pool: the buffer resyncs instead
 * of allocating, keeps every slot accounted for, and the stream plays
 * on afterwards. Late packets are refused without touching the pool. */
static void test_burst_exhausts_pool(void **state)
{
	struct jbuf *jb = new_jb(60);
	struct src s = {42, 0};
	struct sink k = {0};
	struct jbuf_stats st;
	unsigned t, free_before;

	(void)state;
	for (t = 0; t < 20; t++) {
		put_next(jb, &s, MEDIA_FRAME);
		sink_get(jb, &k);
	}
#ifdef ALLOC_COUNTING
	allocs = 0;
#endif
	for (t = 0; t < 100; t++)
		assert_int_equal(put_next(jb, &s, MEDIA_FRAME), 0);
	jbuf_stats(jb, &st);
	assert_true(st.overflow >= 2);
	assert_true(jbuf_slots_free(jb) <= 32);
	memset(&k, 0, sizeof(k));
	for (t = 0; t < 200; t++) {
		put_next(jb, &s, MEDIA_FRAME);
		sink_get(jb, &k);
	}
	assert_true(k.continuous >= 150);
	assert_true(k.breaks <= 1);   /* the resync itself */
	free_before = jbuf_slots_free(jb);
	assert_int_equal(put_at(jb, &s, s.pos - 50 * MEDIA_FRAME, MEDIA_FRAME),
			 ETIME);
	assert_int_equal(jbuf_slots_free(jb), free_before);
#ifdef ALLOC_COUNTING
	assert_int_equal(allocs, 0);
#endif
	jbuf_stats(jb, &st);
	assert_true(st.late >= 1);
	jb_done(jb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_reordered),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_packet_sizes),
		cmocka_unit_test(test_burst_exhausts_pool),
	};

	return cmocka_run_group_tests_name("jbuf", tests, NULL, NULL);
}
