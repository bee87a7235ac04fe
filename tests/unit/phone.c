/* phone.c - test helpers for the media engine (see phone.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/loop.h"
#include "tests/unit/phone.h"

void phone_open(struct phone *ph, enum g711_law law)
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

void phone_send_raw(struct phone *ph, const struct media_leg *ml,
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
void phone_say_pcm(struct phone *ph, const struct media_leg *ml,
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
void phone_say(struct phone *ph, const struct media_leg *ml, int16_t v)
{
	int16_t pcm[MEDIA_FRAME];
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++)
		pcm[i] = v;
	phone_say_pcm(ph, ml, pcm);
}

/* The next packet the engine sent: audio is decoded into pcm, a
 * telephone-event's 4 bytes are left in ev. */
void phone_recv(struct phone *ph, struct heard *hd, uint8_t ev[4])
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

void phone_hear(struct phone *ph, struct heard *hd)
{
	uint8_t ev[4];

	phone_recv(ph, hd, ev);
	assert_int_not_equal(hd->h.pt, DTMF_PT);
}

bool phone_idle(struct phone *ph)
{
	struct pollfd pfd = {ph->fd, POLLIN, 0};

	return poll(&pfd, 1, 50) == 0;
}

/* What a phone hears when a value crosses the engine: decoded from the
 * sender's law, mixed, encoded in the listener's law, decoded again. */
int16_t via(enum g711_law from, int16_t v)
{
	return from == G711_ALAW ? g711_alaw_decode(g711_alaw_encode(v)) :
				   g711_ulaw_decode(g711_ulaw_encode(v));
}

void assert_frame(const struct heard *hd, enum g711_law law, int32_t v)
{
	int16_t want = via(law, (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v));
	unsigned i;

	for (i = 0; i < MEDIA_FRAME; i++) {
		if (hd->pcm[i] != want)
			fail_msg("sample %u: heard %d, want %d", i, hd->pcm[i], want);
	}
}

void neg_for(const struct phone *ph, struct sdp_neg *neg)
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

struct media_leg *leg_for(struct phone *ph)
{
	struct media_leg *ml;
	struct sdp_neg neg;

	neg_for(ph, &neg);
	assert_int_equal(media_leg_alloc(&ml), 0);
	assert_int_equal(media_leg_start(ml, &neg), 0);
	return ml;
}

struct audio_clip *clip_const(size_t n, int16_t v)
{
	struct audio_clip *c = audio_clip_alloc(n, MEDIA_RATE);
	size_t i;

	assert_non_null(c);
	for (i = 0; i < n; i++)
		c->pcm[i] = v;
	return c;
}

unsigned dones;
void on_done(void *arg)
{
	(void)arg;
	dones++;
}

int setup(void **state)
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

int teardown(void **state)
{
	(void)state;
	media_close();
	loop_close();
	return 0;
}

/* One tick: phones talk (v = 0 means silent, no packet), engine drains
 * its sockets and mixes. */
void tick(uint64_t *now, struct phone *pa, struct media_leg *a,
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
