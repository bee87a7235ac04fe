/* test_rtp.c - RTP header coding, RFC 3550 loss/jitter statistics and
 * even-port socket binding. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/rtp.h"

static void test_encode_decode(void **state)
{
	struct rtp_hdr h = {true, 8, 0xBEEF, 0xDEADBEEF, 0x01020304}, d;
	uint8_t buf[RTP_HDR_SIZE + 4] = {0};
	const uint8_t *pl;
	size_t plen;

	(void)state;
	rtp_hdr_encode(buf, &h);
	assert_int_equal(buf[0], 0x80);
	assert_int_equal(buf[1], 0x88);
	memcpy(buf + RTP_HDR_SIZE, "abcd", 4);
	assert_int_equal(rtp_hdr_decode(&d, &pl, &plen, buf, sizeof(buf)), 0);
	assert_true(d.marker);
	assert_int_equal(d.pt, 8);
	assert_int_equal(d.seq, 0xBEEF);
	assert_int_equal(d.ts, 0xDEADBEEF);
	assert_int_equal(d.ssrc, 0x01020304);
	assert_int_equal(plen, 4);
	assert_memory_equal(pl, "abcd", 4);
}

/* Two CSRCs, a one-word extension and three bytes of padding. */
static void test_decode_csrc_ext_padding(void **state)
{
	uint8_t buf[64] = {0};
	const uint8_t *pl;
	struct rtp_hdr h;
	size_t plen, len = 0;

	(void)state;
	buf[0] = 0x80 | 0x20 | 0x10 | 2;
	buf[1] = 0;
	len = RTP_HDR_SIZE + 8;              /* CSRCs */
	buf[len + 2] = 0;
	buf[len + 3] = 1;                    /* extension: one word */
	len += 8;
	memcpy(buf + len, "PAYLOAD", 7);
	len += 7;
	buf[len + 2] = 3;                    /* padding count */
	len += 3;
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, len), 0);
	assert_int_equal(plen, 7);
	assert_memory_equal(pl, "PAYLOAD", 7);
}

static void test_decode_garbage(void **state)
{
	uint8_t buf[64];
	const uint8_t *pl;
	struct rtp_hdr h;
	size_t plen, i, len;

	(void)state;
	memset(buf, 0, sizeof(buf));
	buf[0] = 0x80;
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 11), EBADMSG);
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 12), 0);
	assert_int_equal(plen, 0);
	buf[0] = 0x40;                                   /* version 1 */
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	buf[0] = 0x8F;                                   /* 15 CSRCs, 20 bytes */
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	buf[0] = 0x90;                                   /* ext past the end */
	buf[14] = 0xFF;
	buf[15] = 0xFF;
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	buf[0] = 0xA0;                                   /* padding too long */
	buf[19] = 9;
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	buf[19] = 0;                                     /* padding count 0 */
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	buf[0] = 0x80;
	buf[1] = 200;                                    /* RTCP SR */
	assert_int_equal(rtp_hdr_decode(&h, &pl, &plen, buf, 20), EBADMSG);
	/* Random bytes never read out of bounds (run under ASan to see). */
	srand(7);
	for (i = 0; i < 100000; i++) {
		len = (size_t)rand() % sizeof(buf);
		for (size_t j = 0; j < len; j++)
			buf[j] = (uint8_t)rand();
		if (rtp_hdr_decode(&h, &pl, &plen, buf, len) == 0)
			assert_true(pl >= buf && pl + plen <= buf + len);
	}
}

static bool feed(struct rtp_rx *rx, uint16_t seq, uint32_t ssrc, bool *reset)
{
	struct rtp_hdr h = {false, 0, seq, (uint32_t)seq * 160u, ssrc};

	return rtp_rx_update(rx, &h, reset);
}

/* 100 packets across a sequence wrap, 5 missing, two swapped, one
 * duplicated: A.3 counts expected - received, and a duplicate counts as
 * received, so the loss is 5 - 1. */
static void test_loss(void **state)
{
	struct rtp_rx rx;
	bool reset;
	unsigned i;
	uint16_t seq;

	(void)state;
	memset(&rx, 0, sizeof(rx));
	for (i = 0; i < 100; i++) {
		seq = (uint16_t)(65500 + i);
		if (i == 10 || i == 11 || i == 50 || i == 70 || i == 99 - 1)
			continue;
		if (i == 30) {                       /* 30 arrives after 31 */
			assert_true(feed(&rx, (uint16_t)(seq + 1), 1, &reset));
			assert_true(feed(&rx, seq, 1, &reset));
			i++;
			continue;
		}
		assert_true(feed(&rx, seq, 1, &reset));
		assert_false(reset);
		if (i == 40)
			assert_true(feed(&rx, seq, 1, &reset));   /* duplicate */
	}
	assert_int_equal(rtp_rx_lost(&rx), 4);
	assert_int_equal(rx.cycles, 1u << 16);

	/* A jump is dropped until the next packet proves a restart. */
	assert_false(feed(&rx, 20000, 1, &reset));
	assert_true(feed(&rx, 20001, 1, &reset));
	assert_true(reset);
	assert_true(feed(&rx, 20003, 1, &reset));
	assert_int_equal(rtp_rx_lost(&rx), 5);

	/* A new SSRC starts a new count but keeps the old loss. */
	assert_true(feed(&rx, 7, 2, &reset));
	assert_true(reset);
	assert_true(feed(&rx, 9, 2, &reset));
	assert_int_equal(rtp_rx_lost(&rx), 6);
}

/* Arrivals alternately on time and 10 ms late (80 units): |D| is 80
 * every packet, so J converges to 80 units = 10 ms. */
static void test_jitter(void **state)
{
	struct rtp_rx rx;
	uint32_t i;

	(void)state;
	memset(&rx, 0, sizeof(rx));
	for (i = 0; i < 20; i++)
		rtp_rx_jitter(&rx, 1000 + i * 160, 555 + i * 160);
	assert_true(rtp_rx_jitter_ms(&rx, 8000) < 0.001);
	for (i = 20; i < 400; i++)
		rtp_rx_jitter(&rx, 1000 + i * 160, 555 + i * 160 + (i % 2) * 80);
	assert_true(rtp_rx_jitter_ms(&rx, 8000) > 9.9);
	assert_true(rtp_rx_jitter_ms(&rx, 8000) < 10.01);
}

/* A free even port to build a range on: where the kernel's ephemeral
 * choice landed, rounded up, so the test does not depend on fixed ports. */
static uint16_t free_even_port(void)
{
	int fd;
	uint16_t port, cursor = 0;

	assert_int_equal(rtp_sock_open(&fd, &port, "127.0.0.1", 0, 0, &cursor), 0);
	close(fd);
	return (uint16_t)((port + 1u) & ~1u);
}

static void test_sock_even_ports(void **state)
{
	uint16_t base = free_even_port(), lo = (uint16_t)(base - 1);
	uint16_t hi = (uint16_t)(base + 2), port[3], cursor = 0;
	int fd[3];

	(void)state;
	assert_int_equal(rtp_sock_open(&fd[0], &port[0], "127.0.0.1",
				       lo, hi, &cursor), 0);
	assert_int_equal(port[0], base);
	assert_int_equal(rtp_sock_open(&fd[1], &port[1], "127.0.0.1",
				       lo, hi, &cursor), 0);
	assert_int_equal(port[1], base + 2);
	assert_int_equal(rtp_sock_open(&fd[2], &port[2], "127.0.0.1",
				       lo, hi, &cursor), EADDRINUSE);
	close(fd[0]);                         /* a freed port is found again */
	assert_int_equal(rtp_sock_open(&fd[2], &port[2], "127.0.0.1",
				       lo, hi, &cursor), 0);
	assert_int_equal(port[2], base);
	close(fd[1]);
	close(fd[2]);
	assert_int_equal(rtp_sock_open(&fd[0], &port[0], "not-an-ip",
				       lo, hi, &cursor), EINVAL);
	assert_int_equal(rtp_sock_open(&fd[0], &port[0], "::1", 0, 0,
				       &cursor), 0);  /* IPv6 too */
	assert_int_not_equal(port[0], 0);
	close(fd[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_decode),
		cmocka_unit_test(test_decode_csrc_ext_padding),
		cmocka_unit_test(test_decode_garbage),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_jitter),
		cmocka_unit_test(test_sock_even_ports),
	};

	return cmocka_run_group_tests_name("rtp", tests, NULL, NULL);
}
