/* rtp.h - RTP (RFC 3550) header coding, receive statistics and the UDP
 * socket of one leg. Pure functions of their arguments: no engine state. */
#ifndef CF_RTP_H
#define CF_RTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RTP_HDR_SIZE 12u

struct rtp_hdr {
	bool     marker;
	uint8_t  pt;
	uint16_t seq;
	uint32_t ts;
	uint32_t ssrc;
};

/* Parse one datagram. On success *payload and *plen point into buf past the
 * CSRC list and header extension, with padding removed. Returns 0, or
 * EBADMSG for anything that is not a well-formed RTP version 2 packet. */
int rtp_hdr_decode(struct rtp_hdr *h, const uint8_t **payload, size_t *plen,
		   const uint8_t *buf, size_t len);

/* Write a 12-byte header (no CSRCs, no extension) into buf. */
void rtp_hdr_encode(uint8_t *buf, const struct rtp_hdr *h);

/* Receive statistics of one source: extended sequence numbers and loss
 * (RFC 3550 A.1/A.3) and interarrival jitter (A.8). Zero it to start. */
struct rtp_rx {
	bool     init;
	bool     have_transit;
	uint32_t ssrc;
	uint16_t max_seq;
	uint32_t cycles;         /* wrap count << 16 */
	uint32_t base_seq;
	uint32_t bad_seq;
	uint64_t received;
	uint64_t lost_before;    /* loss of earlier sources (SSRC changes) */
	uint32_t transit;
	double   jitter;         /* in timestamp units */
};

/* Account for one packet's sequence number. Returns false when it should
 * be dropped: a large jump that is not (yet) a proven restart. *reset is
 * set when the source restarted or changed SSRC, so the caller can flush
 * what it buffered from the old stream. */
bool rtp_rx_update(struct rtp_rx *rx, const struct rtp_hdr *h, bool *reset);
/* Feed the jitter estimate with a packet's timestamp and its arrival time
 * (in timestamp units, from any monotonic clock). Only packets whose
 * timestamp tracks their sampling instant belong here: not DTMF events,
 * which repeat their start timestamp. */
void rtp_rx_jitter(struct rtp_rx *rx, uint32_t ts, uint32_t arrival);
uint64_t rtp_rx_lost(const struct rtp_rx *rx);
double rtp_rx_jitter_ms(const struct rtp_rx *rx, uint32_t clock_rate);

/* Open a non-blocking UDP socket bound to addr (IPv4 or IPv6 literal) on
 * the first free even port at or after *cursor in [port_min, port_max]
 * (wrapping); port_min == 0 means an ephemeral port. On success *fdp and
 * *portp are set and *cursor moves past the port. Returns 0, EINVAL for a
 * bad address, EADDRINUSE when every port is taken, or another errno. */
int rtp_sock_open(int *fdp, uint16_t *portp, const char *addr,
		  uint16_t port_min, uint16_t port_max, uint16_t *cursor);

#endif
