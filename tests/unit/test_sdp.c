/* test_sdp.c - G.711 offer/answer (RFC 3264) and the text of our answer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/sdp.h"

/* An offer from 192.0.2.10:4000 over RTP/AVP with no codecs yet. */
static void offer_init(struct sdp_desc *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->addr, sizeof(d->addr), "192.0.2.10");
	d->port = 4000;
	snprintf(d->proto, sizeof(d->proto), "RTP/AVP");
	d->has_audio = true;
	d->dir = SDP_SENDRECV;
}

static void offer_add(struct sdp_desc *d, unsigned pt, const char *name,
		      unsigned rate)
{
	struct sdp_codec *c = &d->codecs[d->ncodecs++];

	c->pt = (uint8_t)pt;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->rate = rate;
	c->channels = 1;
}

static void test_pcmu_first(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	offer_add(&d, 8, "PCMA", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_int_equal(n.codec.pt, 0);
	assert_string_equal(n.codec.name, "PCMU");
	assert_int_equal(n.codec.rate, 8000);
	assert_false(n.dtmf);
	assert_string_equal(n.remote_addr, "192.0.2.10");
	assert_int_equal(n.remote_port, 4000);
	assert_int_equal(n.remote_dir, SDP_SENDRECV);
}

static void test_pcma_first(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 8, "PCMA", 8000);
	offer_add(&d, 0, "PCMU", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_int_equal(n.codec.pt, 8);
	assert_string_equal(n.codec.name, "PCMA");
}

/* An unsupported codec ahead of ours is skipped, not chosen. */
static void test_pcma_only(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 111, "opus", 48000);
	offer_add(&d, 9, "G722", 8000);
	offer_add(&d, 8, "PCMA", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_int_equal(n.codec.pt, 8);
	assert_string_equal(n.codec.name, "PCMA");
}

/* "m=audio 4000 RTP/AVP 0" with no a=rtpmap: the static table applies. */
static void test_static_pt_without_rtpmap(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "", 0);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_int_equal(n.codec.pt, 0);
	assert_string_equal(n.codec.name, "PCMU");
	assert_int_equal(n.codec.rate, 8000);

	offer_init(&d);
	offer_add(&d, 18, "", 0);    /* G729, static: not ours */
	offer_add(&d, 8, "", 0);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_int_equal(n.codec.pt, 8);
	assert_string_equal(n.codec.name, "PCMA");
}

static void test_telephone_event(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	offer_add(&d, 101, "telephone-event", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_true(n.dtmf);
	assert_int_equal(n.dtmf_pt, 101);

	/* Wideband events do not go with an 8 kHz codec. */
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	offer_add(&d, 100, "telephone-event", 16000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_false(n.dtmf);

	/* Both offered, in either order: the 8 kHz one. */
	offer_init(&d);
	offer_add(&d, 100, "telephone-event", 16000);
	offer_add(&d, 96, "telephone-event", 8000);
	offer_add(&d, 8, "PCMA", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	assert_true(n.dtmf);
	assert_int_equal(n.dtmf_pt, 96);
	assert_int_equal(n.codec.pt, 8);
}

static void test_no_common_codec(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 111, "opus", 48000);
	assert_int_equal(sdp_negotiate(&d, &n), ENOTSUP);

	/* telephone-event alone is no audio codec. */
	offer_init(&d);
	offer_add(&d, 101, "telephone-event", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), ENOTSUP);

	/* "PCMU/16000" is not G.711. */
	offer_init(&d);
	offer_add(&d, 97, "PCMU", 16000);
	assert_int_equal(sdp_negotiate(&d, &n), ENOTSUP);
}

static void test_unusable_offer(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	d.has_audio = false;
	assert_int_equal(sdp_negotiate(&d, &n), EPROTO);

	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	d.port = 0;
	assert_int_equal(sdp_negotiate(&d, &n), EPROTO);

	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	snprintf(d.proto, sizeof(d.proto), "RTP/SAVP");
	assert_int_equal(sdp_negotiate(&d, &n), EPROTO);

	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	d.addr[0] = '\0';
	assert_int_equal(sdp_negotiate(&d, &n), EPROTO);
}

/* ---- the answer text ---- */

/* Is `line` one of the CRLF-terminated lines of sdp? */
static bool has_line(const char *sdp, const char *line)
{
	size_t n = strlen(line);
	const char *p = sdp;

	while (*p) {
		const char *eol = strstr(p, "\r\n");

		if (!eol)
			return false;
		if ((size_t)(eol - p) == n && !strncmp(p, line, n))
			return true;
		p = eol + 2;
	}
	return false;
}

static unsigned count_prefix(const char *sdp, const char *prefix)
{
	unsigned n = 0;
	const char *p = sdp;

	for (; (p = strstr(p, prefix)); p++)
		if (p == sdp || p[-1] == '\n')
			n++;
	return n;
}

static int answer_for(struct sdp_desc *d, char *buf, size_t size,
		      const char *local)
{
	struct sdp_neg n;

	assert_int_equal(sdp_negotiate(d, &n), 0);
	return sdp_render_answer(buf, size, &n, local, 30000, 42, 7);
}

static void test_answer_pcmu_dtmf(void **state)
{
	struct sdp_desc d;
	char buf[1024];
	int len;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	offer_add(&d, 8, "PCMA", 8000);
	offer_add(&d, 101, "telephone-event", 8000);
	len = answer_for(&d, buf, sizeof(buf), "127.0.0.1");
	assert_true(len > 0);
	assert_int_equal((size_t)len, strlen(buf));
	assert_true(!strncmp(buf, "v=0\r\n", 5));
	assert_true(has_line(buf, "o=callflow 42 7 IN IP4 127.0.0.1"));
	assert_true(has_line(buf, "c=IN IP4 127.0.0.1"));
	assert_true(has_line(buf, "t=0 0"));
	/* One codec in the answer, plus the events. */
	assert_true(has_line(buf, "m=audio 30000 RTP/AVP 0 101"));
	assert_int_equal(count_prefix(buf, "m="), 1);
	assert_true(has_line(buf, "a=rtpmap:0 PCMU/8000"));
	assert_true(has_line(buf, "a=rtpmap:101 telephone-event/8000"));
	assert_true(has_line(buf, "a=fmtp:101 0-16"));
	assert_int_equal(count_prefix(buf, "a=rtpmap:"), 2);
	assert_true(has_line(buf, "a=ptime:20"));
	assert_true(has_line(buf, "a=sendrecv"));
	/* Every line ends in CRLF, the last one too. */
	assert_true(len >= 2 && !strcmp(buf + len - 2, "\r\n"));
}

static void test_answer_pcma_no_dtmf(void **state)
{
	struct sdp_desc d;
	char buf[1024];

	(void)state;
	offer_init(&d);
	offer_add(&d, 8, "", 0);
	assert_true(answer_for(&d, buf, sizeof(buf), "127.0.0.1") > 0);
	assert_true(has_line(buf, "m=audio 30000 RTP/AVP 8"));
	assert_true(has_line(buf, "a=rtpmap:8 PCMA/8000"));
	assert_int_equal(count_prefix(buf, "a=rtpmap:"), 1);
	assert_null(strstr(buf, "telephone-event"));
	assert_null(strstr(buf, "a=fmtp"));
}

static void test_answer_direction(void **state)
{
	static const struct {
		enum sdp_dir offer;
		const char *answer;
	} rows[] = {
		{SDP_SENDRECV, "a=sendrecv"},
		{SDP_SENDONLY, "a=recvonly"},
		{SDP_RECVONLY, "a=sendonly"},
		{SDP_INACTIVE, "a=inactive"},
	};
	struct sdp_desc d;
	char buf[1024];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		offer_init(&d);
		offer_add(&d, 0, "PCMU", 8000);
		d.dir = rows[i].offer;
		assert_true(answer_for(&d, buf, sizeof(buf), "127.0.0.1") > 0);
		assert_true(has_line(buf, rows[i].answer));
		assert_int_equal(count_prefix(buf, "a=sendrecv") +
				 count_prefix(buf, "a=sendonly") +
				 count_prefix(buf, "a=recvonly") +
				 count_prefix(buf, "a=inactive"), 1);
	}
}

static void test_answer_ipv6(void **state)
{
	struct sdp_desc d;
	char buf[1024];

	(void)state;
	offer_init(&d);
	snprintf(d.addr, sizeof(d.addr), "2001:db8::10");
	d.ipv6 = true;
	offer_add(&d, 0, "PCMU", 8000);
	assert_true(answer_for(&d, buf, sizeof(buf), "::1") > 0);
	assert_true(has_line(buf, "c=IN IP6 ::1"));
	assert_true(has_line(buf, "o=callflow 42 7 IN IP6 ::1"));
}

/* A buffer too small by even one byte is -1, at every cut point. */
static void test_answer_small_buffer(void **state)
{
	struct sdp_desc d;
	struct sdp_neg n;
	char full[1024], *buf;
	int len;
	size_t sz;

	(void)state;
	offer_init(&d);
	offer_add(&d, 0, "PCMU", 8000);
	offer_add(&d, 101, "telephone-event", 8000);
	assert_int_equal(sdp_negotiate(&d, &n), 0);
	len = sdp_render_answer(full, sizeof(full), &n, "127.0.0.1", 30000, 1, 1);
	assert_true(len > 0);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	for (sz = 1; sz <= (size_t)len; sz++)
		assert_int_equal(sdp_render_answer(buf, sz, &n, "127.0.0.1",
						   30000, 1, 1), -1);
	assert_int_equal(sdp_render_answer(buf, (size_t)len + 1, &n,
					   "127.0.0.1", 30000, 1, 1), len);
	assert_string_equal(buf, full);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pcmu_first),
		cmocka_unit_test(test_pcma_first),
		cmocka_unit_test(test_pcma_only),
		cmocka_unit_test(test_static_pt_without_rtpmap),
		cmocka_unit_test(test_telephone_event),
		cmocka_unit_test(test_no_common_codec),
		cmocka_unit_test(test_unusable_offer),
		cmocka_unit_test(test_answer_pcmu_dtmf),
		cmocka_unit_test(test_answer_pcma_no_dtmf),
		cmocka_unit_test(test_answer_direction),
		cmocka_unit_test(test_answer_ipv6),
		cmocka_unit_test(test_answer_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
