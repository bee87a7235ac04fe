/* test_sip_sdp.c - received SDP offers parsed into struct sdp_desc. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "runtime/log.h"
#include "sip/sdp_parse.h"

static int parse(const char *text, struct sdp_desc *d)
{
	return sip_sdp_parse(text, strlen(text), d);
}

static void assert_codec(const struct sdp_codec *c, unsigned pt,
			 const char *name, unsigned rate, unsigned channels)
{
	assert_int_equal(c->pt, pt);
	assert_string_equal(c->name, name);
	assert_int_equal(c->rate, rate);
	assert_int_equal(c->channels, channels);
}

/* What `sipp -sn uac` sends. */
static void test_sipp_default(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\n"
		"o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n"
		"s=-\r\n"
		"c=IN IP4 127.0.0.1\r\n"
		"t=0 0\r\n"
		"m=audio 6000 RTP/AVP 0\r\n"
		"a=rtpmap:0 PCMU/8000\r\n", &d), 0);
	assert_true(d.has_audio);
	assert_string_equal(d.addr, "127.0.0.1");
	assert_false(d.ipv6);
	assert_int_equal(d.port, 6000);
	assert_string_equal(d.proto, "RTP/AVP");
	assert_int_equal(d.ncodecs, 1);
	assert_codec(&d.codecs[0], 0, "PCMU", 8000, 1);
	assert_int_equal(d.ptime, 0);
	assert_int_equal(d.dir, SDP_SENDRECV);
}

static void test_baresip_like(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\n"
		"o=- 1239425711 3594174917 IN IP4 192.168.1.10\r\n"
		"s=-\r\n"
		"c=IN IP4 192.168.1.10\r\n"
		"t=0 0\r\n"
		"m=audio 10000 RTP/AVP 96 0 8 101\r\n"
		"b=AS:64\r\n"
		"a=rtpmap:96 opus/48000/2\r\n"
		"a=fmtp:96 stereo=1;sprop-stereo=1\r\n"
		"a=rtpmap:0 PCMU/8000\r\n"
		"a=rtpmap:8 PCMA/8000\r\n"
		"a=rtpmap:101 telephone-event/8000\r\n"
		"a=fmtp:101 0-15\r\n"
		"a=sendrecv\r\n"
		"a=label:1\r\n"
		"a=ssrc:1806153617 cname:a1b2c3\r\n"
		"a=rtcp-rsize\r\n"
		"a=ptime:20\r\n", &d), 0);
	assert_true(d.has_audio);
	assert_int_equal(d.port, 10000);
	assert_int_equal(d.ncodecs, 4);
	assert_codec(&d.codecs[0], 96, "opus", 48000, 2);
	assert_codec(&d.codecs[1], 0, "PCMU", 8000, 1);
	assert_codec(&d.codecs[2], 8, "PCMA", 8000, 1);
	assert_codec(&d.codecs[3], 101, "telephone-event", 8000, 1);
	assert_int_equal(d.ptime, 20);
	assert_int_equal(d.dir, SDP_SENDRECV);
}

/* Linphone offers many codecs, fmtp for a static type without rtpmap,
 * several telephone-event rates and a video stream after the audio. */
static void test_linphone_like(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\n"
		"o=alice 1234 5678 IN IP4 10.0.0.5\r\n"
		"s=Talk\r\n"
		"c=IN IP4 10.0.0.5\r\n"
		"t=0 0\r\n"
		"a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL\r\n"
		"m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\r\n"
		"a=rtpmap:96 opus/48000/2\r\n"
		"a=fmtp:96 useinbandfec=1\r\n"
		"a=rtpmap:97 speex/16000\r\n"
		"a=fmtp:97 vbr=on\r\n"
		"a=rtpmap:98 speex/8000\r\n"
		"a=fmtp:98 vbr=on\r\n"
		"a=fmtp:18 annexb=yes\r\n"
		"a=rtpmap:101 telephone-event/48000\r\n"
		"a=rtpmap:99 telephone-event/16000\r\n"
		"a=rtpmap:100 telephone-event/8000\r\n"
		"a=rtcp-fb:* trr-int 1000\r\n"
		"m=video 9078 RTP/AVP 96\r\n"
		"a=rtpmap:96 VP8/90000\r\n", &d), 0);
	assert_int_equal(d.port, 7078);
	assert_int_equal(d.ncodecs, 9);
	assert_codec(&d.codecs[0], 96, "opus", 48000, 2);
	assert_codec(&d.codecs[1], 97, "speex", 16000, 1);
	assert_codec(&d.codecs[2], 98, "speex", 8000, 1);
	assert_codec(&d.codecs[3], 0, "PCMU", 8000, 1);
	assert_codec(&d.codecs[4], 8, "PCMA", 8000, 1);
	assert_codec(&d.codecs[5], 18, "G729", 8000, 1);
	assert_codec(&d.codecs[6], 101, "telephone-event", 48000, 1);
	assert_codec(&d.codecs[7], 99, "telephone-event", 16000, 1);
	assert_codec(&d.codecs[8], 100, "telephone-event", 8000, 1);
}

static void test_static_without_rtpmap(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\n"
		"c=IN IP4 10.1.1.1\r\nt=0 0\r\n"
		"m=audio 4000 RTP/AVP 8 0\r\n", &d), 0);
	assert_int_equal(d.ncodecs, 2);
	assert_codec(&d.codecs[0], 8, "PCMA", 8000, 1);
	assert_codec(&d.codecs[1], 0, "PCMU", 8000, 1);
}

static void test_media_level_c_wins(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=audio 4000 RTP/AVP 0\r\n"
		"c=IN IP4 10.0.0.99\r\n", &d), 0);
	assert_string_equal(d.addr, "10.0.0.99");

	/* Only a session-level c=: the stream uses it. */
	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.7\r\nt=0 0\r\n"
		"m=audio 4000 RTP/AVP 0\r\n", &d), 0);
	assert_string_equal(d.addr, "10.0.0.7");

	/* Only a media-level c=. */
	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"t=0 0\r\n"
		"m=audio 4000 RTP/AVP 0\r\n"
		"c=IN IP4 10.0.0.8\r\n", &d), 0);
	assert_string_equal(d.addr, "10.0.0.8");
}

static void test_no_audio(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=video 5000 RTP/AVP 96\r\n"
		"a=rtpmap:96 H264/90000\r\n", &d), 0);
	assert_false(d.has_audio);
	assert_int_equal(d.ncodecs, 0);
	assert_int_equal(d.port, 0);
}

/* The first audio m-line counts, even after a video one. */
static void test_audio_after_video(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=video 5000 RTP/AVP 96\r\n"
		"m=audio 5002 RTP/AVP 8\r\n"
		"m=audio 5004 RTP/AVP 0\r\n", &d), 0);
	assert_true(d.has_audio);
	assert_int_equal(d.port, 5002);
	assert_int_equal(d.ncodecs, 1);
	assert_codec(&d.codecs[0], 8, "PCMA", 8000, 1);
}

static void test_port_zero(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=audio 0 RTP/AVP 0\r\n", &d), 0);
	assert_true(d.has_audio);
	assert_int_equal(d.port, 0);
}

static void test_ipv6(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\n"
		"c=IN IP6 2001:db8::1\r\nt=0 0\r\n"
		"m=audio 30000 RTP/AVP 0 101\r\n"
		"a=rtpmap:101 telephone-event/8000\r\n", &d), 0);
	assert_true(d.ipv6);
	assert_string_equal(d.addr, "2001:db8::1");
	assert_int_equal(d.port, 30000);
	assert_int_equal(d.ncodecs, 2);
}

static void test_savp(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=audio 4000 RTP/SAVP 0 8\r\n"
		"a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
		"inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32\r\n",
		&d), 0);
	assert_string_equal(d.proto, "RTP/SAVP");
	assert_int_equal(d.ncodecs, 2);
}

/* sofia does not know UDP/TLS/RTP/SAVPF, so rtpmaps are read by hand. */
static void test_webrtc_profile(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\n"
		"c=IN IP4 10.0.0.1\nt=0 0\n"
		"m=audio 9 UDP/TLS/RTP/SAVPF 111 0 126\n"
		"a=rtpmap:111 opus/48000/2\n"
		"a=rtpmap:126 telephone-event/8000\n"
		"a=recvonly\n", &d), 0);
	assert_string_equal(d.proto, "UDP/TLS/RTP/SAVPF");
	assert_int_equal(d.ncodecs, 3);
	assert_codec(&d.codecs[0], 111, "opus", 48000, 2);
	assert_codec(&d.codecs[1], 0, "PCMU", 8000, 1);
	assert_codec(&d.codecs[2], 126, "telephone-event", 8000, 1);
	assert_int_equal(d.dir, SDP_RECVONLY);
}

static void test_ptime(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=audio 4000 RTP/AVP 8\r\na=ptime:30\r\n", &d), 0);
	assert_int_equal(d.ptime, 30);

	/* Session-level ptime applies when the media has none. */
	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\na=ptime:40\r\n"
		"m=audio 4000 RTP/AVP 8\r\n", &d), 0);
	assert_int_equal(d.ptime, 40);
}

static enum sdp_dir dir_of(const char *media_attr, const char *sess_attr)
{
	char text[512];
	struct sdp_desc d;

	snprintf(text, sizeof(text), "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		 "c=IN IP4 10.0.0.1\r\nt=0 0\r\n%sm=audio 4000 RTP/AVP 0\r\n%s",
		 sess_attr, media_attr);
	assert_int_equal(parse(text, &d), 0);
	return d.dir;
}

static void test_direction(void **state)
{
	(void)state;

	assert_int_equal(dir_of("", ""), SDP_SENDRECV);
	assert_int_equal(dir_of("a=sendrecv\r\n", ""), SDP_SENDRECV);
	assert_int_equal(dir_of("a=sendonly\r\n", ""), SDP_SENDONLY);
	assert_int_equal(dir_of("a=recvonly\r\n", ""), SDP_RECVONLY);
	assert_int_equal(dir_of("a=inactive\r\n", ""), SDP_INACTIVE);
	assert_int_equal(dir_of("", "a=sendonly\r\n"), SDP_SENDONLY);
	/* Media level overrides session level. */
	assert_int_equal(dir_of("a=recvonly\r\n", "a=sendonly\r\n"),
			 SDP_RECVONLY);
}

static void test_too_many_codecs(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\n"
		"m=audio 4000 RTP/AVP 96 97 98 99 100 101 102 103 104 105 106 "
		"107 108 109 110 111 0 8\r\n", &d), 0);
	assert_int_equal(d.ncodecs, SDP_MAX_CODECS);
	assert_int_equal(d.codecs[15].pt, 111);
}

/* The body comes from a SIP message and is not NUL-terminated: only len
 * bytes count. */
static void test_length_bounded(void **state)
{
	static const char text[] = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"c=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
		"m=audio 4002 RTP/AVP 8\r\n";
	size_t len = strlen(text) - strlen("m=audio 4002 RTP/AVP 8\r\n");
	struct sdp_desc d;
	(void)state;

	assert_int_equal(sip_sdp_parse(text, len, &d), 0);
	assert_int_equal(d.ncodecs, 1);
	assert_int_equal(d.codecs[0].pt, 0);
}

static void test_garbage(void **state)
{
	struct sdp_desc d;
	(void)state;

	assert_int_equal(parse("hello world, this is not SDP", &d), EBADMSG);
	assert_false(d.has_audio);
	assert_int_equal(parse("", &d), EBADMSG);
	assert_int_equal(parse("v=0\r\nm=audio nonsense\r\n", &d), EBADMSG);
	/* An audio stream with no c= anywhere has no address: invalid. */
	assert_int_equal(parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
		"t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", &d), EBADMSG);
	assert_int_equal(sip_sdp_parse(NULL, 10, &d), EINVAL);
	assert_int_equal(sip_sdp_parse("v=0", 3, NULL), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sipp_default),
		cmocka_unit_test(test_baresip_like),
		cmocka_unit_test(test_linphone_like),
		cmocka_unit_test(test_static_without_rtpmap),
		cmocka_unit_test(test_media_level_c_wins),
		cmocka_unit_test(test_no_audio),
		cmocka_unit_test(test_audio_after_video),
		cmocka_unit_test(test_port_zero),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_savp),
		cmocka_unit_test(test_webrtc_profile),
		cmocka_unit_test(test_ptime),
		cmocka_unit_test(test_direction),
		cmocka_unit_test(test_too_many_codecs),
		cmocka_unit_test(test_length_bounded),
		cmocka_unit_test(test_garbage),
	};

	log_set_level(LOG_ERROR);
	return cmocka_run_group_tests_name("sip_sdp", tests, NULL, NULL);
}
