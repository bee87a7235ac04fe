/* media.c - the media engine: legs (RTP over UDP, jitter buffer, G.711,
 * DTMF in and out), the 20 ms tick that mixes (mixer.c) and sends, and
 * engine counters. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "clock.h"
#include "inband.h"
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
	uint64_t tick_mono_us;        /* clock_mono_us() of this tick */
	struct media_leg *evhead, *evtail;
} eng;

static void legs_run_events(void);
static void leg_event_queue(struct media_leg *ml);
static void leg_event_unqueue(struct media_leg *ml);

/* ---- the tick ---- */

void media_tick_run(uint64_t now_us)
{
	uint64_t t0 = clock_mono_us();

	eng.tick_mono_us = t0;
	eng.frames_mixed += mixer_run(now_us);
	mixer_run_dones();
	legs_run_events();
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
	/* Start small and let the buffer grow with the jitter it meets: one
	 * that starts deep shrinks by skipping audio, which a recording of
	 * the first second would then miss. */
	if (!eng.cfg.jitter_ms)
		eng.cfg.jitter_ms = 20;
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

/* Offline legs take the next even port of the range, bound to nothing:
 * their SDP looks like a real leg's. */
static uint16_t offline_port(void)
{
	uint32_t first = (eng.cfg.port_min + 1u) & ~1u, port;

	if (!eng.cfg.port_min || first > eng.cfg.port_max)
		return 0;
	port = eng.port_cursor < first || eng.port_cursor > eng.cfg.port_max ?
	       first : (eng.port_cursor & ~1u);
	eng.port_cursor = (uint16_t)(port + 2 > eng.cfg.port_max ? first :
				     port + 2);
	return (uint16_t)port;
}

static int leg_open_socket(struct media_leg *ml)
{
	int err;

	if (eng.cfg.offline) {
		ml->local_port = offline_port();
		return 0;
	}
	err = rtp_sock_open(&ml->fd, &ml->local_port, eng.cfg.rtp_addr,
			    eng.cfg.port_min, eng.cfg.port_max,
			    &eng.port_cursor);
	if (err)
		return err;
	return fdw_alloc(&ml->fdw, ml->fd, fd_readable, ml);
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
	err = leg_open_socket(ml);
	if (err)
		goto out;
	/* Both DTMF engines up front: start may switch between them and the
	 * tick must not allocate. */
	err = inband_det_alloc(&ml->det);
	if (err)
		goto out;
	err = inband_gen_alloc(&ml->gen);
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
		fdw_free(ml->fdw);
		inband_det_free(ml->det);
		inband_gen_free(ml->gen);
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
	leg_event_unqueue(ml);
	fdw_free(ml->fdw);
	if (ml->fd >= 0)
		close(ml->fd);
	jbuf_free(ml->jb);
	inband_det_free(ml->det);
	inband_gen_free(ml->gen);
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

	/* Offline, the family is the one our address would be bound to. */
	memset(&local, 0, sizeof(local));
	if (ml->fd < 0)
		local.ss_family = strchr(eng.cfg.rtp_addr, ':') ? AF_INET6 :
				  AF_INET;
	else if (getsockname(ml->fd, (struct sockaddr *)&local, &len) != 0)
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
	inband_det_reset(ml->det);
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

/* ---- digits received ---- */

void media_leg_set_digit_handler(struct media_leg *ml, media_digit_h *h,
				 void *arg)
{
	if (!ml)
		return;
	ml->digit_h = h;
	ml->digit_arg = arg;
}

static void leg_push_digits(struct media_leg *ml, const struct dtmf_digit *d,
			    unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (ml->npend == MEDIA_DIGITS_PENDING) {
			log_warn("media", "digit '%c' dropped: %u waiting",
				 d[i].digit, ml->npend);
			continue;
		}
		ml->pend[ml->npend++] = d[i];
	}
}

/* Hand found digits to the handler, oldest first. Each is taken off
 * the list before the call: the handler may re-enter the engine. */
static void leg_deliver_digits(struct media_leg *ml)
{
	struct dtmf_digit d;

	while (ml->npend) {
		d = ml->pend[0];
		ml->npend--;
		memmove(ml->pend, ml->pend + 1, ml->npend * sizeof(d));
		if (ml->digit_h)
			ml->digit_h(d.digit, d.duration_ms, ml->digit_arg);
	}
}

/* Per tick, after the jitter buffer: an RFC 4733 event whose packets
 * stopped is due (§7), or, without telephone-event, the in-band
 * detector hears this frame. Digits wait for the end of the tick. */
static void leg_detect_digits(struct media_leg *ml)
{
	struct dtmf_digit d[2];
	unsigned n;

	if (ml->dtmf)
		n = dtmf_recv_poll(&ml->ev_rx, eng.tick_mono_us, d);
	else
		n = inband_det_feed(ml->det, ml->in, MEDIA_FRAME, d, 2);
	if (!n)
		return;
	leg_push_digits(ml, d, n);
	leg_event_queue(ml);
}

/* ---- receive ---- */

/* Telephone events (RFC 4733) are counted, one per event: its packets
 * repeat the event's start timestamp. The digits they carry are only
 * collected here; media_leg_recv hands them on once its loop is done. */
static void leg_rx_dtmf(struct media_leg *ml, const struct rtp_hdr *h,
			const uint8_t *payload, size_t len)
{
	struct dtmf_digit d[2];
	unsigned n;

	if (len < 4)
		return;
	if (!ml->dtmf_seen || h->ts != ml->dtmf_ts)
		ml->st.dtmf_events++;
	ml->dtmf_seen = true;
	ml->dtmf_ts = h->ts;
	n = dtmf_recv_packet(&ml->ev_rx, h->ts, h->marker, payload, len,
			     clock_mono_us(), d);
	leg_push_digits(ml, d, n);
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

/* Only the host the SDP named may feed the leg: anyone else who finds the
 * port could inject audio and reset the stream's statistics. The port is
 * not compared, so a phone that sends from another port still works. */
static bool leg_rx_from_peer(const struct media_leg *ml,
			     const struct sockaddr_storage *src)
{
	if (!ml->remote_len || src->ss_family != ml->remote.ss_family)
		return !ml->remote_len;
	if (src->ss_family == AF_INET)
		return ((const struct sockaddr_in *)src)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)&ml->remote)->sin_addr.s_addr;
	return !memcmp(&((const struct sockaddr_in6 *)src)->sin6_addr,
		       &((const struct sockaddr_in6 *)&ml->remote)->sin6_addr,
		       sizeof(struct in6_addr));
}

void media_leg_recv(struct media_leg *ml)
{
	struct sockaddr_storage src;
	socklen_t srclen;
	uint8_t buf[RX_BUF];
	ssize_t n;
	unsigned i;

	for (i = 0; i < RX_BATCH; i++) {
		srclen = sizeof(src);
		n = recvfrom(ml->fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&src, &srclen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;   /* EAGAIN: drained; anything else: next time */
		}
		if (!leg_rx_from_peer(ml, &src)) {
			ml->st.rx_foreign++;
			continue;
		}
		leg_rx_packet(ml, buf, (size_t)n);
	}
	leg_deliver_digits(ml);
}

/* ---- digits sent ---- */

/* Validated up front for both transports, so EINVAL never depends on
 * what was negotiated. */
int media_leg_send_digits(struct media_leg *ml, const char *digits,
			  unsigned tone_ms, player_done_h *done, void *arg)
{
	int err;

	if (!ml || !digits)
		return EINVAL;
	if (ml->tx_digits || ml->tx_done_due)
		return EBUSY;
	err = dtmf_seq_start(&ml->tx_seq, digits, tone_ms, MEDIA_FRAME);
	if (err)
		return err;
	ml->tx_inband = !ml->dtmf;
	if (ml->tx_inband) {
		dtmf_seq_stop(&ml->tx_seq);
		err = inband_gen_start(ml->gen, digits, tone_ms);
		if (err)
			return err;
	}
	ml->tx_digits = true;
	ml->tx_done = done;
	ml->tx_arg = arg;
	return 0;
}

/* An RFC 4733 event under way still gets its end packets (in the next
 * three slots); done is forgotten. */
void media_leg_cancel_digits(struct media_leg *ml)
{
	if (!ml)
		return;
	dtmf_seq_stop(&ml->tx_seq);
	dtmf_send_stop(&ml->tx_ev);
	inband_gen_stop(ml->gen);
	ml->tx_digits = false;
	ml->tx_done_due = false;
	ml->tx_done = NULL;
	ml->tx_arg = NULL;
}

/* The last digit is out: done runs at the end of the tick. */
static void leg_digits_end(struct media_leg *ml)
{
	ml->tx_digits = false;
	ml->tx_done_due = true;
	leg_event_queue(ml);
}

/* In-band: while a string is sent the leg hears its tones and the
 * silence between them instead of the room, so a detector at the far
 * end gets clean tones (no prompt or voice under them). */
static const int16_t *leg_digits_tones(struct media_leg *ml, int16_t *buf)
{
	inband_gen_fill(ml->gen, buf, MEDIA_FRAME);
	if (inband_gen_done(ml->gen))
		leg_digits_end(ml);
	return buf;
}

/* RFC 4733: the schedule advances one slot; a tone starting in it
 * starts an event at this slot's timestamp. Returns true when this slot
 * carries an event packet instead of audio. */
static bool leg_digits_event(struct media_leg *ml, uint32_t ts,
			     struct dtmf_pkt *p)
{
	struct dtmf_seg seg;
	bool event;

	if (ml->tx_digits && dtmf_seq_next(&ml->tx_seq, MEDIA_FRAME, &seg) &&
	    seg.digit && seg.first)
		dtmf_send_start(&ml->tx_ev, seg.digit, ml->tx_seq.tone, ts);
	event = dtmf_send_next(&ml->tx_ev, p);
	if (ml->tx_digits && dtmf_seq_done(&ml->tx_seq) && !ml->tx_ev.active)
		leg_digits_end(ml);
	return event;
}

/* ---- events at the end of the tick ----
 * Digits found and digit dones wait here until the mixing pass is over,
 * like player dones: handlers may stop players or start sending. */

static void leg_event_queue(struct media_leg *ml)
{
	if (ml->evqueued)
		return;
	ml->evqueued = true;
	ml->evnext = NULL;
	if (eng.evtail)
		eng.evtail->evnext = ml;
	else
		eng.evhead = ml;
	eng.evtail = ml;
}

static void leg_event_unqueue(struct media_leg *ml)
{
	struct media_leg **pp, *prev = NULL;

	if (!ml->evqueued)
		return;
	for (pp = &eng.evhead; *pp && *pp != ml; pp = &(*pp)->evnext)
		prev = *pp;
	if (*pp)
		*pp = ml->evnext;
	if (eng.evtail == ml)
		eng.evtail = prev;
	ml->evnext = NULL;
	ml->evqueued = false;
}

/* A digit handler must not free its leg; a done may (it is the last
 * thing that touches ml). */
static void legs_run_events(void)
{
	struct media_leg *ml;
	player_done_h *done;
	void *arg;

	while ((ml = eng.evhead)) {
		leg_event_unqueue(ml);
		leg_deliver_digits(ml);
		if (!ml->tx_done_due)
			continue;
		ml->tx_done_due = false;
		done = ml->tx_done;
		arg = ml->tx_arg;
		ml->tx_done = NULL;
		if (done)
			done(arg);
	}
}

/* ---- recording taps ---- */

int media_leg_add_tap(struct media_leg *ml, media_tap_h *h, void *arg)
{
	if (!ml || !h)
		return EINVAL;
	if (ml->ntaps == MEDIA_TAPS)
		return ENOSPC;
	ml->taps[ml->ntaps].h = h;
	ml->taps[ml->ntaps].arg = arg;
	ml->ntaps++;
	return 0;
}

void media_leg_remove_tap(struct media_leg *ml, media_tap_h *h, void *arg)
{
	unsigned i;

	if (!ml)
		return;
	for (i = 0; i < ml->ntaps; i++) {
		if (ml->taps[i].h != h || ml->taps[i].arg != arg)
			continue;
		ml->ntaps--;
		memmove(&ml->taps[i], &ml->taps[i + 1],
			(ml->ntaps - i) * sizeof(ml->taps[0]));
		return;
	}
}

/* ---- send ---- */

void media_leg_read(struct media_leg *ml)
{
	if (ml->recv) {
		jbuf_get(ml->jb, ml->in);
		leg_detect_digits(ml);
	} else {
		memset(ml->in, 0, sizeof(ml->in));
	}
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

/* One datagram of the leg's stream; the sequence moves on even if it
 * was lost locally. An offline leg counts what it would have sent. */
static void leg_sendto(struct media_leg *ml, const uint8_t *pkt, size_t len)
{
	ssize_t n;

	n = ml->fd < 0 ? (ssize_t)len :
	    sendto(ml->fd, pkt, len, 0, (const struct sockaddr *)&ml->remote,
		   ml->remote_len);
	if (n == (ssize_t)len) {
		ml->st.tx_packets++;
		ml->st.tx_bytes += len - RTP_HDR_SIZE;
	} else if (!ml->tx_err_logged) {
		ml->tx_err_logged = true;   /* once per leg, not 50 a second */
		log_warn("media", "RTP send to port %u failed: %s",
			 ntohs(((struct sockaddr_in *)&ml->remote)->sin_port),
			 n < 0 ? strerror(errno) : "short write");
	}
	ml->seq++;
	ml->marker = false;
}

/* ts is this slot's audio timestamp; an RFC 4733 event packet carries
 * its event's start timestamp instead, but the audio clock moves on. */
void media_leg_send(struct media_leg *ml, const int16_t *frame,
		    uint64_t now_us)
{
	uint8_t pkt[RTP_HDR_SIZE + MEDIA_FRAME];
	int16_t tones[MEDIA_FRAME];
	struct dtmf_pkt ev;
	struct rtp_hdr h;
	uint32_t ts = 0;
	unsigned i;
	bool event;

	if (ml->send)
		ts = leg_next_ts(ml, now_us);
	if (ml->tx_digits && ml->tx_inband)
		frame = leg_digits_tones(ml, tones);
	/* Taps hear what the leg hears, sent or not (held, event slots), so
	 * a recording stays as long as the call. */
	for (i = 0; i < ml->ntaps; i++)
		ml->taps[i].h(ml->in, frame, ml->taps[i].arg);
	event = !ml->tx_inband && leg_digits_event(ml, ts, &ev);
	if (!ml->send)
		return;
	h.marker = ml->marker || (event && ev.marker);
	h.pt = event ? ml->dtmf_pt : ml->pt;
	h.seq = ml->seq;
	h.ts = event ? ev.ts : ts;
	h.ssrc = ml->ssrc;
	rtp_hdr_encode(pkt, &h);
	if (event) {
		memcpy(pkt + RTP_HDR_SIZE, ev.payload, sizeof(ev.payload));
		leg_sendto(ml, pkt, RTP_HDR_SIZE + sizeof(ev.payload));
	} else {
		g711_encode(ml->law, pkt + RTP_HDR_SIZE, frame, MEDIA_FRAME);
		leg_sendto(ml, pkt, sizeof(pkt));
	}
	ml->ts_last = ts;
	ml->sent_any = true;
}
