/* media.c - the media engine: legs (RTP over UDP, jitter buffer, G.711),
 * the 20 ms tick that mixes (mixer.c) and sends, and engine counters. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "media_priv.h"

#define RX_BUF      2048u   /* bigger than any G.711 packet we accept */
#define RX_BATCH    64u     /* per readable event: other legs get a turn */
#define RX_MAX_PKT  (4u * MEDIA_FRAME)

static struct {
	bool init;
	struct media_config cfg;
	struct media_leg *legs;
	unsigned nlegs;
	uint16_t port_cursor;
	uint64_t frames_mixed, tick_cpu_us;
} eng;

/* ---- the tick ---- */

void media_tick_run(uint64_t now_us)
{
	uint64_t t0 = clock_mono_us();

	eng.frames_mixed += mixer_run(now_us);
	mixer_run_dones();
	eng.tick_cpu_us += clock_mono_us() - t0;
}

static void tick_handler(uint64_t now_us, void *arg)
{
	(void)arg;
	media_tick_run(now_us);
}

int media_init(const struct media_config *cfg)
{
	int err;

	if (!cfg || !cfg->rtp_addr[0] || cfg->port_min > cfg->port_max)
		return EINVAL;
	if (eng.init)
		return EALREADY;
	memset(&eng, 0, sizeof(eng));
	eng.cfg = *cfg;
	eng.cfg.rtp_addr[sizeof(eng.cfg.rtp_addr) - 1] = '\0';
	if (!eng.cfg.jitter_ms)
		eng.cfg.jitter_ms = 60;
	eng.port_cursor = cfg->port_min;
	err = loop_tick_start(MEDIA_TICK_US, tick_handler, NULL);
	if (err)
		return err;
	eng.init = true;
	return 0;
}

/* Legs and rooms still allocated are freed: their pointers die here. */
void media_close(void)
{
	if (!eng.init)
		return;
	loop_tick_stop();
	if (eng.legs)
		log_warn("media", "closing with %u legs still allocated",
			 eng.nlegs);
	while (eng.legs)
		media_leg_free(eng.legs);
	mixer_close();
	eng.init = false;
}

void media_stats(struct media_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->legs = eng.nlegs;
	mixer_counts(&st->rooms, &st->players);
	st->frames_mixed = eng.frames_mixed;
	st->tick_cpu_us_total = eng.tick_cpu_us;
}

/* ---- legs ---- */

static uint32_t rand32(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) == (ssize_t)sizeof(v))
		return v;
	/* No entropy yet (early boot): unique enough for SSRC/seq/ts. */
	v = (uint32_t)(clock_mono_us() * 2654435761u) ^ (uint32_t)getpid();
	return v;
}

static void fd_readable(int fd, void *arg)
{
	(void)fd;
	media_leg_recv(arg);
}

static void leg_unlink(struct media_leg *ml)
{
	if (ml->prev)
		ml->prev->next = ml->next;
	else if (eng.legs == ml)
		eng.legs = ml->next;
	if (ml->next)
		ml->next->prev = ml->prev;
	ml->prev = ml->next = NULL;
}

int media_leg_alloc(struct media_leg **mlp)
{
	struct media_leg *ml;
	int err;

	if (!mlp)
		return EINVAL;
	if (!eng.init)
		return ENODEV;
	ml = calloc(1, sizeof(*ml));
	if (!ml)
		return ENOMEM;
	ml->fd = -1;
	mixer_room_init_own(ml);
	err = jbuf_alloc(&ml->jb, MEDIA_JB_SLOTS, eng.cfg.jitter_ms);
	if (err)
		goto out;
	err = rtp_sock_open(&ml->fd, &ml->local_port, eng.cfg.rtp_addr,
			    eng.cfg.port_min, eng.cfg.port_max,
			    &eng.port_cursor);
	if (err)
		goto out;
	err = fdw_alloc(&ml->fdw, ml->fd, fd_readable, ml);
	if (err)
		goto out;
	ml->ssrc = rand32();
	ml->seq = (uint16_t)rand32();
	ml->ts0 = rand32();
	ml->next = eng.legs;
	if (eng.legs)
		eng.legs->prev = ml;
	eng.legs = ml;
	eng.nlegs++;
	*mlp = ml;
 out:
	if (err) {
		if (err == EADDRINUSE)
			log_warn("media", "no free RTP port in %u-%u",
				 eng.cfg.port_min, eng.cfg.port_max);
		mixer_leg_detach(ml);
		jbuf_free(ml->jb);
		if (ml->fd >= 0)
			close(ml->fd);
		free(ml);
	}
	return err;
}

void media_leg_free(struct media_leg *ml)
{
	if (!ml)
		return;
	mixer_leg_detach(ml);
	fdw_free(ml->fdw);
	close(ml->fd);
	jbuf_free(ml->jb);
	leg_unlink(ml);
	eng.nlegs--;
	free(ml);
}

uint16_t media_leg_local_port(const struct media_leg *ml)
{
	return ml ? ml->local_port : 0;
}

const char *media_leg_local_addr(const struct media_leg *ml)
{
	(void)ml;
	return eng.cfg.rtp_addr;
}

/* The remote must be the socket's family; "0.0.0.0" or port 0 is a held
 * stream (RFC 3264 8.4): *send is cleared and nothing is sent. */
static int leg_set_remote(struct media_leg *ml, const struct sdp_neg *neg,
			  bool *send)
{
	struct sockaddr_storage local;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ml->remote;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ml->remote;
	socklen_t len = sizeof(local);

	if (getsockname(ml->fd, (struct sockaddr *)&local, &len) != 0)
		return errno;
	memset(&ml->remote, 0, sizeof(ml->remote));
	if (local.ss_family == AF_INET &&
	    inet_pton(AF_INET, neg->remote_addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(neg->remote_port);
		ml->remote_len = sizeof(*sin);
		if (sin->sin_addr.s_addr == htonl(INADDR_ANY))
			*send = false;
	} else if (local.ss_family == AF_INET6 &&
		   inet_pton(AF_INET6, neg->remote_addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(neg->remote_port);
		ml->remote_len = sizeof(*sin6);
		if (IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
			*send = false;
	} else {
		return EAFNOSUPPORT;
	}
	if (!neg->remote_port)
		*send = false;
	return 0;
}

/* We send to the address in the SDP, never to where packets come from:
 * symmetric-RTP latching would help phones behind NAT but lets anyone
 * who can reach the port steal the stream. */
int media_leg_start(struct media_leg *ml, const struct sdp_neg *neg)
{
	bool send, recv;
	int err;

	if (!ml || !neg)
		return EINVAL;
	if (neg->codec.pt != 0 && neg->codec.pt != 8)
		return ENOTSUP;
	/* Directions are the peer's: its sendonly is our recvonly. */
	send = neg->remote_dir == SDP_SENDRECV || neg->remote_dir == SDP_RECVONLY;
	recv = neg->remote_dir == SDP_SENDRECV || neg->remote_dir == SDP_SENDONLY;
	err = leg_set_remote(ml, neg, &send);
	if (err)
		return err;
	ml->law = neg->codec.pt == 8 ? G711_ALAW : G711_ULAW;
	ml->pt = neg->codec.pt;
	ml->dtmf = neg->dtmf;
	ml->dtmf_pt = neg->dtmf_pt;
	/* A re-start (re-INVITE) continues the same stream: same SSRC and
	 * sequence, timestamps carry on from the last packet, marker set. */
	if (ml->sent_any)
		ml->ts0 = ml->ts_last + MEDIA_FRAME;
	ml->clock_set = false;
	ml->send = send;
	ml->recv = recv;
	ml->started = true;
	return 0;
}

void media_leg_stop(struct media_leg *ml)
{
	if (!ml)
		return;
	ml->started = ml->send = ml->recv = false;
	jbuf_reset(ml->jb);
}

void media_leg_stats(const struct media_leg *ml, struct rtp_stats *st)
{
	struct jbuf_stats js;

	if (!ml) {
		memset(st, 0, sizeof(*st));
		return;
	}
	jbuf_stats(ml->jb, &js);
	*st = ml->st;
	st->rx_lost = rtp_rx_lost(&ml->rx);
	st->rx_late = js.late;
	st->rx_jitter_ms = rtp_rx_jitter_ms(&ml->rx, MEDIA_RATE);
}

/* ---- receive ---- */

/* Telephone events (RFC 4733) are counted, one per event: its packets
 * repeat the event's start timestamp. Decoding digits hooks in here; a
 * digit handler may end the call, so deliver digits deferred (after
 * media_leg_recv returns), never by calling out from this loop. */
static void leg_rx_dtmf(struct media_leg *ml, const struct rtp_hdr *h,
			const uint8_t *payload, size_t len)
{
	(void)payload;
	if (len < 4)
		return;
	if (!ml->dtmf_seen || h->ts != ml->dtmf_ts)
		ml->st.dtmf_events++;
	ml->dtmf_seen = true;
	ml->dtmf_ts = h->ts;
}

static void leg_rx_packet(struct media_leg *ml, const uint8_t *buf, size_t len)
{
	int16_t pcm[RX_MAX_PKT];
	struct rtp_hdr h;
	const uint8_t *pl;
	size_t plen;
	bool reset, audio;

	if (!ml->recv || rtp_hdr_decode(&h, &pl, &plen, buf, len) != 0)
		return;
	audio = h.pt == ml->pt;
	if (!audio && !(ml->dtmf && h.pt == ml->dtmf_pt))
		return;
	if (!rtp_rx_update(&ml->rx, &h, &reset))
		return;
	if (reset)
		jbuf_reset(ml->jb);
	ml->st.rx_packets++;
	ml->st.rx_bytes += plen;
	if (!audio) {
		leg_rx_dtmf(ml, &h, pl, plen);
		return;
	}
	/* Arrival in 8 kHz units: 1 unit = 125 us. */
	rtp_rx_jitter(&ml->rx, h.ts, (uint32_t)(clock_mono_us() / 125u));
	if (plen == 0 || plen > RX_MAX_PKT)
		return;
	g711_decode(ml->law, pcm, pl, plen);
	jbuf_put(ml->jb, h.ts, pcm, plen);
}

void media_leg_recv(struct media_leg *ml)
{
	uint8_t buf[RX_BUF];
	ssize_t n;
	unsigned i;

	for (i = 0; i < RX_BATCH; i++) {
		n = recvfrom(ml->fd, buf, sizeof(buf), 0, NULL, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;   /* EAGAIN: drained; anything else: next time */
		}
		leg_rx_packet(ml, buf, (size_t)n);
	}
}

/* ---- send ---- */

void media_leg_read(struct media_leg *ml)
{
	if (ml->recv)
		jbuf_get(ml->jb, ml->in);
	else
		memset(ml->in, 0, sizeof(ml->in));
}

/* The timestamp is elapsed monotonic time since the first tick, rounded
 * to the 160-sample grid, so a stalled tick shows up as a timestamp gap
 * (platform notes 3.3) while the sequence number stays contiguous. */
static uint32_t leg_next_ts(struct media_leg *ml, uint64_t now_us)
{
	uint64_t elapsed, frames;
	uint32_t ts;

	if (!ml->clock_set) {
		ml->t0_us = now_us;
		ml->clock_set = true;
		ml->marker = true;
	}
	elapsed = now_us > ml->t0_us ? now_us - ml->t0_us : 0;
	frames = (elapsed + MEDIA_TICK_US / 2) / MEDIA_TICK_US;
	ts = ml->ts0 + (uint32_t)(frames * MEDIA_FRAME);
	/* Two ticks rounding to one slot must still get distinct stamps. */
	if (ml->sent_any && (int32_t)(ts - ml->ts_last) <= 0)
		ts = ml->ts_last + MEDIA_FRAME;
	return ts;
}

void media_leg_send(struct media_leg *ml, const int16_t *frame,
		    uint64_t now_us)
{
	uint8_t pkt[RTP_HDR_SIZE + MEDIA_FRAME];
	struct rtp_hdr h;
	ssize_t n;

	if (!ml->send)
		return;
	h.ts = leg_next_ts(ml, now_us);
	h.marker = ml->marker;
	h.pt = ml->pt;
	h.seq = ml->seq;
	h.ssrc = ml->ssrc;
	rtp_hdr_encode(pkt, &h);
	g711_encode(ml->law, pkt + RTP_HDR_SIZE, frame, MEDIA_FRAME);
	n = sendto(ml->fd, pkt, sizeof(pkt), 0,
		   (const struct sockaddr *)&ml->remote, ml->remote_len);
	if (n == (ssize_t)sizeof(pkt)) {
		ml->st.tx_packets++;
		ml->st.tx_bytes += MEDIA_FRAME;
	} else if (!ml->tx_err_logged) {
		ml->tx_err_logged = true;   /* once per leg, not 50 a second */
		log_warn("media", "RTP send to port %u failed: %s",
			 ntohs(((struct sockaddr_in *)&ml->remote)->sin_port),
			 n < 0 ? strerror(errno) : "short write");
	}
	/* The stream moves on even if this packet was lost locally. */
	ml->seq++;
	ml->ts_last = h.ts;
	ml->sent_any = true;
	ml->marker = false;
}
