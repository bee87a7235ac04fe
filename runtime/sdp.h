/* sdp.h - session descriptions as plain structs, offer/answer negotiation,
 * and rendering of our answer. Parsing of received SDP text happens in the
 * signalling module (with its SIP stack's parser); it fills struct sdp_desc. */
#ifndef CF_SDP_H
#define CF_SDP_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define SDP_MAX_CODECS 16

enum sdp_dir { SDP_SENDRECV, SDP_SENDONLY, SDP_RECVONLY, SDP_INACTIVE };

struct sdp_codec {
	uint8_t  pt;          /* RTP payload type */
	char     name[16];    /* encoding name as sent, e.g. "PCMU", "telephone-event" */
	uint32_t rate;        /* clock rate */
	uint8_t  channels;
};

/* The audio part of one session description (first audio m-line). */
struct sdp_desc {
	char     addr[64];    /* connection address (media-level c= wins) */
	uint16_t port;        /* 0 = stream rejected/disabled */
	bool     ipv6;
	char     proto[24];   /* "RTP/AVP", "RTP/SAVP", ... */
	struct sdp_codec codecs[SDP_MAX_CODECS];  /* in offer order */
	unsigned ncodecs;
	unsigned ptime;       /* 0 = not given */
	enum sdp_dir dir;
	bool     has_audio;   /* an audio m-line was present */
};

/* What we negotiated for one leg. */
struct sdp_neg {
	struct sdp_codec codec;     /* PCMU (0) or PCMA (8) */
	bool     dtmf;              /* telephone-event agreed */
	uint8_t  dtmf_pt;
	char     remote_addr[64];
	uint16_t remote_port;
	bool     ipv6;
	enum sdp_dir remote_dir;
};

/* Choose an answer for an offer: the first of the offer's codecs that we
 * support (PCMU, PCMA), plus telephone-event/8000 if offered.
 * Returns 0, EPROTO for an offer with no usable audio m-line or an
 * unsupported transport profile, ENOTSUP for no common codec (488). */
int sdp_negotiate(const struct sdp_desc *offer, struct sdp_neg *neg);

/* Render our answer into buf: o=/s=/c=/t=/m=/a=rtpmap/a=ptime:20 and the
 * direction that mirrors the offer's. Returns length or -1 if buf is small. */
int sdp_render_answer(char *buf, size_t size, const struct sdp_neg *neg,
		      const char *local_addr, uint16_t local_port,
		      uint64_t sess_id, uint64_t sess_ver);

const char *sdp_dir_name(enum sdp_dir dir);

#endif
