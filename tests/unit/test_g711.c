/* test_g711.c - G.711 against ITU-T vectors and exhaustive properties. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "runtime/g711.h"

/* Reference points of G.711 tables 1a/2a as G.191 scales them. */
static void test_ulaw_vectors(void **state)
{
	(void)state;
	assert_int_equal(g711_ulaw_encode(0), 0xFF);
	assert_int_equal(g711_ulaw_encode(-1), 0x7F);     /* negative zero */
	assert_int_equal(g711_ulaw_decode(0xFF), 0);
	assert_int_equal(g711_ulaw_decode(0x7F), 0);
	assert_int_equal(g711_ulaw_encode(32767), 0x80);
	assert_int_equal(g711_ulaw_encode(-32768), 0x00);
	assert_int_equal(g711_ulaw_decode(0x80), 32124);
	assert_int_equal(g711_ulaw_decode(0x00), -32124);
	assert_int_equal(g711_ulaw_decode(0xFE), 8);
	assert_int_equal(g711_ulaw_decode(0xF0), 120);     /* top of segment 0 */
	assert_int_equal(g711_ulaw_decode(0xEF), 132);     /* segment 1 */
	assert_int_equal(g711_ulaw_decode(0xDF), 396);
	assert_int_equal(g711_ulaw_decode(0xCE), 988);
	assert_int_equal(g711_ulaw_encode(1000), 0xCE);
	assert_int_equal(g711_ulaw_encode(-1000), 0x4E);
}

static void test_alaw_vectors(void **state)
{
	(void)state;
	assert_int_equal(g711_alaw_encode(0), 0xD5);
	assert_int_equal(g711_alaw_encode(-1), 0x55);
	assert_int_equal(g711_alaw_decode(0xD5), 8);
	assert_int_equal(g711_alaw_decode(0x55), -8);
	assert_int_equal(g711_alaw_encode(32767), 0xAA);
	assert_int_equal(g711_alaw_encode(-32768), 0x2A);
	assert_int_equal(g711_alaw_decode(0xAA), 32256);
	assert_int_equal(g711_alaw_decode(0x2A), -32256);
	assert_int_equal(g711_alaw_encode(1000), 0xFA);
	assert_int_equal(g711_alaw_decode(0xFA), 1008);
}

/* Re-encoding a decoded value gives the same code word, for all 256
 * (mu-law's negative zero comes back as positive zero). */
static void test_tables_invert_encoders(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		if (c != 0x7F)
			assert_int_equal(g711_ulaw_encode(g711_ulaw_decode((uint8_t)c)), c);
		assert_int_equal(g711_alaw_encode(g711_alaw_decode((uint8_t)c)), c);
	}
	assert_int_equal(g711_ulaw_encode(g711_ulaw_decode(0x7F)), 0xFF);
}

/* Quantisation step of the segment a decoded value lies in. */
static int ulaw_step(int v)
{
	int a = abs(v) + 132, seg = 0;

	while (a >= 256 << seg && seg < 7)
		seg++;
	return 8 << seg;
}

static int alaw_step(int v)
{
	int a = abs(v), seg = 1;

	while (a >= 512 << seg && seg < 7)
		seg++;
	return 16 << (seg - 1);
}

/* Every 16-bit input: the error stays within one step of its segment
 * (half a step of rounding plus the bits below the 14/13-bit input),
 * sign is kept, and the codec is monotonic. */
static void test_round_trip_all_inputs(void **state)
{
	int x, u, a, prev_u = -40000, prev_a = -40000;

	(void)state;
	for (x = -32768; x <= 32767; x++) {
		u = g711_ulaw_decode(g711_ulaw_encode((int16_t)x));
		a = g711_alaw_decode(g711_alaw_encode((int16_t)x));
		if (abs(x) <= 32124)
			assert_true(abs(u - x) <= ulaw_step(u));
		else
			assert_int_equal(abs(u), 32124);
		if (abs(x) <= 32256)
			assert_true(abs(a - x) <= alaw_step(a));
		else
			assert_int_equal(abs(a), 32256);
		assert_true(u >= prev_u);
		assert_true(a >= prev_a);
		assert_true((x >= 0 && u >= 0) || (x < 0 && u <= 0));
		assert_true((x >= 0 && a > 0) || (x < 0 && a < 0));
		prev_u = u;
		prev_a = a;
	}
}

static void test_buffers(void **state)
{
	int16_t in[5] = {0, 1000, -1000, 32767, -32768}, out[5];
	uint8_t enc[5];
	int i;

	(void)state;
	g711_encode(G711_ULAW, enc, in, 5);
	g711_decode(G711_ULAW, out, enc, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(enc[i], g711_ulaw_encode(in[i]));
		assert_int_equal(out[i], g711_ulaw_decode(enc[i]));
	}
	g711_encode(G711_ALAW, enc, in, 5);
	g711_decode(G711_ALAW, out, enc, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(enc[i], g711_alaw_encode(in[i]));
		assert_int_equal(out[i], g711_alaw_decode(enc[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ulaw_vectors),
		cmocka_unit_test(test_alaw_vectors),
		cmocka_unit_test(test_tables_invert_encoders),
		cmocka_unit_test(test_round_trip_all_inputs),
		cmocka_unit_test(test_buffers),
	};

	return cmocka_run_group_tests_name("g711", tests, NULL, NULL);
}
