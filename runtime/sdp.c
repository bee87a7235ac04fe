/* sdp.c - offer/answer for G.711 audio with telephone-event (RFC 3264),
 * and the text of our answer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sdp.h"

const char *sdp_dir_name(enum sdp_dir dir)
{
	switch (dir) {
	case SDP_SENDRECV: return "sendrecv";
	case SDP_SENDONLY: return "sendonly";
	case SDP_RECVONLY: return "recvonly";
	case SDP_INACTIVE: return "inactive";
	}
	return "sendrecv";
}

/* Static payload types need no rtpmap; a dynamic one is only known by
 * name. */
static bool codec_is(const struct sdp_codec *c, const char *name,
		     uint8_t static_pt)
{
	/* G.711 on its static payload type only: the media engine keys the
	 * codec on it, and phones do not move G.711 elsewhere in practice. */
	if (c->pt != static_pt)
		return false;
	return !c->name[0] ||
	       (!strcasecmp(c->name, name) && (!c->rate || c->rate == 8000));
}

int sdp_negotiate(const struct sdp_desc *offer, struct sdp_neg *neg)
{
	unsigned i;
	bool have = false;

	memset(neg, 0, sizeof(*neg));
	if (!offer->has_audio || !offer->port || !offer->addr[0])
		return EPROTO;
	/* Plain RTP only for now; SRTP profiles arrive with SDES support. */
	if (strcasecmp(offer->proto, "RTP/AVP") != 0)
		return EPROTO;

	for (i = 0; i < offer->ncodecs; i++) {
		const struct sdp_codec *c = &offer->codecs[i];

		if (!have && (codec_is(c, "PCMU", 0) || codec_is(c, "PCMA", 8))) {
			neg->codec = *c;
			neg->codec.rate = 8000;
			neg->codec.channels = 1;
			if (!neg->codec.name[0])
				snprintf(neg->codec.name, sizeof(neg->codec.name),
					 "%s", c->pt == 0 ? "PCMU" : "PCMA");
			have = true;
		} else if (!neg->dtmf && c->name[0] &&
			   !strcasecmp(c->name, "telephone-event") &&
			   c->rate == 8000) {
			neg->dtmf = true;
			neg->dtmf_pt = c->pt;
		}
	}
	if (!have)
		return ENOTSUP;
	snprintf(neg->remote_addr, sizeof(neg->remote_addr), "%s", offer->addr);
	neg->remote_port = offer->port;
	neg->ipv6 = offer->ipv6;
	neg->remote_dir = offer->dir;
	return 0;
}

/* Our direction mirrors the offer's (RFC 3264 §6.1). */
static enum sdp_dir answer_dir(enum sdp_dir offered)
{
	switch (offered) {
	case SDP_SENDONLY: return SDP_RECVONLY;
	case SDP_RECVONLY: return SDP_SENDONLY;
	case SDP_INACTIVE: return SDP_INACTIVE;
	default:           return SDP_SENDRECV;
	}
}

int sdp_render_answer(char *buf, size_t size, const struct sdp_neg *neg,
		      const char *local_addr, uint16_t local_port,
		      uint64_t sess_id, uint64_t sess_ver)
{
	const char *ip = strchr(local_addr, ':') ? "IP6" : "IP4";
	char dtmf_fmt[8] = "";
	size_t n = 0;
	int r;

	if (neg->dtmf)
		snprintf(dtmf_fmt, sizeof(dtmf_fmt), " %u", neg->dtmf_pt);

	r = snprintf(buf, size,
		     "v=0\r\n"
		     "o=callflow %llu %llu IN %s %s\r\n"
		     "s=callflow\r\n"
		     "c=IN %s %s\r\n"
		     "t=0 0\r\n"
		     "m=audio %u RTP/AVP %u%s\r\n"
		     "a=rtpmap:%u %s/8000\r\n",
		     (unsigned long long)sess_id, (unsigned long long)sess_ver,
		     ip, local_addr, ip, local_addr, local_port,
		     neg->codec.pt, dtmf_fmt, neg->codec.pt, neg->codec.name);
	if (r < 0 || (size_t)r >= size)
		return -1;
	n = (size_t)r;
	if (neg->dtmf) {
		r = snprintf(buf + n, size - n,
			     "a=rtpmap:%u telephone-event/8000\r\n"
			     "a=fmtp:%u 0-16\r\n", neg->dtmf_pt, neg->dtmf_pt);
		if (r < 0 || (size_t)r >= size - n)
			return -1;
		n += (size_t)r;
	}
	r = snprintf(buf + n, size - n, "a=ptime:20\r\na=%s\r\n",
		     sdp_dir_name(answer_dir(neg->remote_dir)));
	if (r < 0 || (size_t)r >= size - n)
		return -1;
	return (int)(n + (size_t)r);
}
