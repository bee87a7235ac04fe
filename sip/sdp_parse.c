/* sdp_parse.c - describe the first audio m-line of a received offer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sofia-sip/sdp.h>

#include "runtime/log.h"
#include "sip/sdp_parse.h"

/* Static payload types an offer may list without a=rtpmap (RFC 3551). */
static const struct sdp_codec static_pts[] = {
	{0, "PCMU", 8000, 1}, {3, "GSM", 8000, 1}, {4, "G723", 8000, 1},
	{8, "PCMA", 8000, 1}, {9, "G722", 8000, 1}, {13, "CN", 8000, 1},
	{18, "G729", 8000, 1},
};

static void codec_set(struct sdp_codec *c, unsigned pt, const char *name,
		      unsigned long rate, const char *params)
{
	c->pt = (uint8_t)pt;
	snprintf(c->name, sizeof(c->name), "%s", name ? name : "");
	c->rate = (uint32_t)rate;
	c->channels = 1;
	if (params && *params) {
		long ch = strtol(params, NULL, 10);
		if (ch > 0 && ch < 256)
			c->channels = (uint8_t)ch;
	}
}

static void codec_add(struct sdp_desc *d, unsigned pt, const char *name,
		      unsigned long rate, const char *params)
{
	if (d->ncodecs >= SDP_MAX_CODECS || pt > 127)
		return;
	codec_set(&d->codecs[d->ncodecs++], pt, name, rate, params);
}

/* sofia parses rtpmaps itself for the profiles it knows (RTP/AVP,
 * RTP/SAVP); for the others (RTP/AVPF, UDP/TLS/RTP/SAVPF...) it keeps the
 * format list as text, so look the a=rtpmap lines up by hand. */
static void codec_add_text(struct sdp_desc *d, const sdp_media_t *m,
			   const char *fmt)
{
	const sdp_attribute_t *a;
	char *end;
	unsigned long pt = strtoul(fmt, &end, 10);
	size_t i;

	if (end == fmt || *end || pt > 127)
		return;

	for (a = m->m_attributes; a; a = a->a_next) {
		char name[32] = "", params[8] = "";
		unsigned long apt, rate = 0;

		if (!a->a_name || strcasecmp(a->a_name, "rtpmap") || !a->a_value)
			continue;
		apt = strtoul(a->a_value, &end, 10);
		if (end == a->a_value || apt != pt)
			continue;
		if (sscanf(end, " %31[^/]/%lu/%7s", name, &rate, params) < 1)
			continue;
		codec_add(d, (unsigned)pt, name, rate, params);
		return;
	}

	for (i = 0; i < sizeof(static_pts) / sizeof(static_pts[0]); i++) {
		if (static_pts[i].pt == pt) {
			codec_add(d, (unsigned)pt, static_pts[i].name,
				  static_pts[i].rate, NULL);
			return;
		}
	}

	codec_add(d, (unsigned)pt, "", 0, NULL);
}

static void codecs_fill(struct sdp_desc *d, const sdp_media_t *m)
{
	const sdp_rtpmap_t *rm;
	const sdp_list_t *l;

	/* For RTP profiles sofia lists every format as an rtpmap, in m-line
	 * order, with the well-known static ones filled in. */
	for (rm = m->m_rtpmaps; rm; rm = rm->rm_next)
		codec_add(d, rm->rm_pt, rm->rm_encoding, rm->rm_rate,
			  rm->rm_params);

	if (m->m_rtpmaps)
		return;

	for (l = m->m_format; l; l = l->l_next)
		if (l->l_text)
			codec_add_text(d, m, l->l_text);
}

static enum sdp_dir dir_from_mode(unsigned mode)
{
	switch (mode) {
	case sdp_inactive: return SDP_INACTIVE;
	case sdp_sendonly: return SDP_SENDONLY;
	case sdp_recvonly: return SDP_RECVONLY;
	default:           return SDP_SENDRECV;
	}
}

static unsigned ptime_find(const sdp_session_t *sess, const sdp_media_t *m)
{
	const sdp_attribute_t *a;
	long v;

	a = sdp_attribute_find(m->m_attributes, "ptime");
	if (!a)
		a = sdp_attribute_find(sess->sdp_attributes, "ptime");
	if (!a || !a->a_value)
		return 0;

	v = strtol(a->a_value, NULL, 10);
	return (v > 0 && v <= 1000) ? (unsigned)v : 0;
}

static void media_fill(struct sdp_desc *d, const sdp_session_t *sess,
		       const sdp_media_t *m)
{
	/* A media-level c= overrides the session-level one (RFC 4566 5.7). */
	const sdp_connection_t *c = m->m_connections ? m->m_connections
						     : sess->sdp_connection;

	d->has_audio = true;
	d->port = m->m_port <= 65535 ? (uint16_t)m->m_port : 0;
	snprintf(d->proto, sizeof(d->proto), "%s",
		 m->m_proto_name ? m->m_proto_name : "");
	if (c && c->c_address) {
		snprintf(d->addr, sizeof(d->addr), "%s", c->c_address);
		d->ipv6 = c->c_addrtype == sdp_addr_ip6;
	}
	d->dir = dir_from_mode(m->m_mode);
	d->ptime = ptime_find(sess, m);
	codecs_fill(d, m);
}

int sip_sdp_parse(const char *body, size_t len, struct sdp_desc *out)
{
	const sdp_session_t *sess;
	const sdp_media_t *m;
	sdp_parser_t *p;
	int err = 0;

	if (!out)
		return EINVAL;
	memset(out, 0, sizeof(*out));
	if (!body)
		return EINVAL;

	/* sdp_parse copies the text, so body need not be NUL-terminated. */
	p = sdp_parse(NULL, body, (isize_t)len, 0);
	sess = sdp_session(p);
	if (!sess) {
		log_debug("sip", "bad SDP: %s",
			  p ? sdp_parsing_error(p) : "out of memory");
		err = p ? EBADMSG : ENOMEM;
		goto out;
	}

	for (m = sess->sdp_media; m; m = m->m_next) {
		if (m->m_type == sdp_media_audio) {
			media_fill(out, sess, m);
			break;
		}
	}

 out:
	if (p)
		sdp_parser_free(p);
	return err;
}
