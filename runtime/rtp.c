/* rtp.c - RTP header parsing and building, RFC 3550 receive statistics,
 * and binding a leg's UDP socket to an even port. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rtp.h"

#define RTP_VERSION   2
#define SEQ_MOD       (1u << 16)
#define MAX_DROPOUT   3000u   /* RFC 3550 A.1 defaults */
#define MAX_MISORDER  100u

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Every length below comes from the packet, so each is checked against
 * what is left before it is used: garbage must never read past buf. */
int rtp_hdr_decode(struct rtp_hdr *h, const uint8_t **payload, size_t *plen,
		   const uint8_t *buf, size_t len)
{
	size_t off, cc, pad;

	if (len < RTP_HDR_SIZE || buf[0] >> 6 != RTP_VERSION)
		return EBADMSG;
	cc = buf[0] & 0x0F;
	h->marker = buf[1] >> 7;
	h->pt = buf[1] & 0x7F;
	h->seq = get16(buf + 2);
	h->ts = get32(buf + 4);
	h->ssrc = get32(buf + 8);
	/* PT 72-76 would collide with RTCP SR/RR/SDES/BYE/APP (RFC 5761). */
	if (h->pt >= 72 && h->pt <= 76)
		return EBADMSG;
	off = RTP_HDR_SIZE + 4 * cc;
	if (off > len)
		return EBADMSG;
	if (buf[0] & 0x10) {          /* header extension: 4 bytes + words */
		if (off + 4 > len)
			return EBADMSG;
		off += 4 + 4 * (size_t)get16(buf + off + 2);
		if (off > len)
			return EBADMSG;
	}
	pad = 0;
	if (buf[0] & 0x20) {          /* last byte counts the padding */
		pad = buf[len - 1];
		if (pad == 0 || off + pad > len)
			return EBADMSG;
	}
	*payload = buf + off;
	*plen = len - off - pad;
	return 0;
}

void rtp_hdr_encode(uint8_t *buf, const struct rtp_hdr *h)
{
	buf[0] = RTP_VERSION << 6;
	buf[1] = (uint8_t)((h->marker ? 0x80 : 0) | (h->pt & 0x7F));
	buf[2] = (uint8_t)(h->seq >> 8);
	buf[3] = (uint8_t)h->seq;
	buf[4] = (uint8_t)(h->ts >> 24);
	buf[5] = (uint8_t)(h->ts >> 16);
	buf[6] = (uint8_t)(h->ts >> 8);
	buf[7] = (uint8_t)h->ts;
	buf[8] = (uint8_t)(h->ssrc >> 24);
	buf[9] = (uint8_t)(h->ssrc >> 16);
	buf[10] = (uint8_t)(h->ssrc >> 8);
	buf[11] = (uint8_t)h->ssrc;
}

/* ---- receive statistics ---- */

static void rx_init(struct rtp_rx *rx, const struct rtp_hdr *h)
{
	rx->lost_before = rtp_rx_lost(rx);
	rx->init = true;
	rx->ssrc = h->ssrc;
	rx->base_seq = h->seq;
	rx->max_seq = h->seq;
	rx->bad_seq = SEQ_MOD + 1;   /* no sequence number equals this */
	rx->cycles = 0;
	rx->received = 0;
	rx->have_transit = false;   /* a new clock: transit starts over */
}

/* RFC 3550 A.1 without probation: the peer was negotiated over SIP, so
 * its first packet is trusted; only a jump needs two packets of proof. */
static bool rx_update_seq(struct rtp_rx *rx, const struct rtp_hdr *h,
			  bool *reset)
{
	uint16_t udelta = (uint16_t)(h->seq - rx->max_seq);

	if (udelta < MAX_DROPOUT) {
		if (h->seq < rx->max_seq)
			rx->cycles += SEQ_MOD;
		rx->max_seq = h->seq;
	} else if (udelta <= SEQ_MOD - MAX_MISORDER) {
		if (h->seq != rx->bad_seq) {
			rx->bad_seq = (h->seq + 1u) & (SEQ_MOD - 1);
			return false;
		}
		/* Two sequential packets after a jump: the peer restarted. */
		rx_init(rx, h);
		*reset = true;
	}
	/* else: a duplicate or a reordered packet; count it, keep max_seq */
	rx->received++;
	return true;
}

bool rtp_rx_update(struct rtp_rx *rx, const struct rtp_hdr *h, bool *reset)
{
	*reset = false;
	if (!rx->init || rx->ssrc != h->ssrc) {
		*reset = rx->init;
		rx_init(rx, h);
	}
	return rx_update_seq(rx, h, reset);
}

/* A.8: J += (|D| - J) / 16, D the change in relative transit time. */
void rtp_rx_jitter(struct rtp_rx *rx, uint32_t ts, uint32_t arrival)
{
	uint32_t transit = arrival - ts;
	int32_t d = (int32_t)(transit - rx->transit);

	if (rx->have_transit)
		rx->jitter += ((d < 0 ? -(double)d : (double)d) - rx->jitter) / 16.0;
	rx->transit = transit;
	rx->have_transit = true;
}

uint64_t rtp_rx_lost(const struct rtp_rx *rx)
{
	uint64_t expected;

	if (!rx->init)
		return rx->lost_before;
	expected = (uint64_t)rx->cycles + rx->max_seq - rx->base_seq + 1;
	/* Duplicates can make received exceed expected (A.3): not a loss. */
	return rx->lost_before +
	       (expected > rx->received ? expected - rx->received : 0);
}

double rtp_rx_jitter_ms(const struct rtp_rx *rx, uint32_t clock_rate)
{
	return clock_rate ? rx->jitter * 1000.0 / clock_rate : 0.0;
}

/* ---- socket ---- */

static int sock_addr(struct sockaddr_storage *ss, socklen_t *lenp,
		     const char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		*lenp = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		*lenp = sizeof(*sin6);
		return 0;
	}
	return EINVAL;
}

static void sock_set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

static uint16_t sock_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return 0;
	return ss.ss_family == AF_INET ?
		ntohs(((struct sockaddr_in *)&ss)->sin_port) :
		ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* One socket, many bind attempts: a failed bind leaves it unbound. */
static int sock_bind_range(int fd, struct sockaddr_storage *ss, socklen_t len,
			   uint16_t port_min, uint16_t port_max,
			   uint16_t *cursor)
{
	uint32_t first = (port_min + 1u) & ~1u, n, i, port;

	if (port_min == 0) {
		sock_set_port(ss, 0);
		return bind(fd, (struct sockaddr *)ss, len) ? errno : 0;
	}
	if (first > port_max)
		return EINVAL;
	n = (port_max - first) / 2 + 1;
	port = *cursor < first || *cursor > port_max ? first : (*cursor & ~1u);
	for (i = 0; i < n; i++) {
		sock_set_port(ss, (uint16_t)port);
		if (bind(fd, (struct sockaddr *)ss, len) == 0) {
			*cursor = (uint16_t)(port + 2 > port_max ? first : port + 2);
			return 0;
		}
		if (errno != EADDRINUSE && errno != EACCES)
			return errno;
		port = port + 2 > port_max ? first : port + 2;
	}
	return EADDRINUSE;
}

int rtp_sock_open(int *fdp, uint16_t *portp, const char *addr,
		  uint16_t port_min, uint16_t port_max, uint16_t *cursor)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, err;

	err = sock_addr(&ss, &len, addr);
	if (err)
		return err;
	fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	err = sock_bind_range(fd, &ss, len, port_min, port_max, cursor);
	if (err)
		goto out;
	*portp = sock_port(fd);
	*fdp = fd;
 out:
	if (err)
		close(fd);
	return err;
}
