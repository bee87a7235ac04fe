/* sofia_invite.c - copy what the runtime needs out of a received INVITE
 * into a heap struct sig_invite (sip_t is only valid in the callback). */
#include "sip/sofia_priv.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/url.h>

#include "runtime/log.h"
#include "sip/sdp_parse.h"

/* Duplicate s (NULL reads as ""); a NULL result means out of memory. */
static char *inv_str_dup(const char *s)
{
	return strdup(s ? s : "");
}

/* A display name may be a quoted-string: drop the quotes and escapes. */
static char *inv_display_dup(const char *s)
{
	size_t len, i, o = 0;
	char *out;

	if (!s)
		return inv_str_dup(NULL);
	len = strlen(s);
	out = malloc(len + 1);
	if (!out)
		return NULL;
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		for (i = 1; i < len - 1; i++) {
			if (s[i] == '\\' && i + 1 < len - 1)
				i++;
			out[o++] = s[i];
		}
		out[o] = '\0';
		return out;
	}
	memcpy(out, s, len + 1);
	return out;
}

static char *inv_url_dup(const url_t *url)
{
	su_home_t home[1] = { SU_HOME_INIT(home) };
	char *s, *out;

	if (!url)
		return inv_str_dup(NULL);
	s = url_as_string(home, url);
	out = inv_str_dup(s);
	su_home_deinit(home);
	return out;
}

/* "udp:127.0.0.1:5070" from the address the request came from. */
static char *inv_remote_dup(nua_t *nua)
{
	msg_t *msg = nua_current_request(nua);
	su_addrinfo_t *ai = msg ? msg_addrinfo(msg) : NULL;
	char host[64], serv[16], buf[96];
	const char *tp;

	if (!ai || !ai->ai_addr ||
	    getnameinfo(ai->ai_addr, (socklen_t)ai->ai_addrlen, host,
			sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		return inv_str_dup("unknown");

	tp = ai->ai_protocol == IPPROTO_TCP ? "tcp"
	   : ai->ai_protocol == IPPROTO_UDP ? "udp" : "other";
	snprintf(buf, sizeof(buf), strchr(host, ':') ? "%s:[%s]:%s"
		 : "%s:%s:%s", tp, host, serv);
	return inv_str_dup(buf);
}

/* The headers a handler may read (spec: SIP headers a.1): custom X-*,
 * User-to-User and Diversion. sofia parses none of them, so they are all
 * in the unknown-header list, in message order. */
static bool header_wanted(const char *name)
{
	return !strncasecmp(name, "X-", 2) ||
	       !strcasecmp(name, "User-to-User") ||
	       !strcasecmp(name, "Diversion");
}

static int headers_copy(struct sig_invite *inv, const sip_t *sip)
{
	const sip_unknown_t *un;

	for (un = sip->sip_unknown; un; un = un->un_next) {
		struct sig_header *h;

		if (!un->un_name || !header_wanted(un->un_name))
			continue;
		if (inv->nheaders >= SIG_MAX_HEADERS) {
			log_warn("sip", "INVITE: more than %d headers, "
				 "dropping %s", SIG_MAX_HEADERS, un->un_name);
			continue;
		}
		h = &inv->headers[inv->nheaders];
		h->name = inv_str_dup(un->un_name);
		h->value = inv_str_dup(un->un_value);
		inv->nheaders++;
		if (!h->name || !h->value)
			return ENOMEM;
	}
	return 0;
}

static bool content_is_sdp(const sip_t *sip)
{
	const sip_content_type_t *ct = sip->sip_content_type;

	/* No Content-Type with a body: assume SDP, as most UAs would. */
	return !ct || !ct->c_type || !strcasecmp(ct->c_type, "application/sdp");
}

static void offer_parse(struct sig_invite *inv, const sip_t *sip)
{
	const sip_payload_t *pl = sip->sip_payload;

	inv->has_sdp = pl && pl->pl_data && pl->pl_len > 0;
	if (!inv->has_sdp)
		return;
	if (!content_is_sdp(sip)) {
		inv->sdp_err = EPROTONOSUPPORT;
		return;
	}
	inv->sdp_err = sip_sdp_parse(pl->pl_data, pl->pl_len, &inv->offer);
}

static int strings_copy(struct sig_invite *inv, nua_t *nua, const sip_t *sip)
{
	const sip_from_t *from = sip->sip_from;
	const sip_to_t *to = sip->sip_to;
	const url_t *ruri = sip->sip_request ? sip->sip_request->rq_url : NULL;

	inv->call_id = inv_str_dup(sip->sip_call_id ? sip->sip_call_id->i_id : NULL);
	inv->from_user = inv_str_dup(from ? from->a_url->url_user : NULL);
	inv->from_display = inv_display_dup(from ? from->a_display : NULL);
	inv->from_uri = inv_url_dup(from ? from->a_url : NULL);
	inv->to_user = inv_str_dup(to ? to->a_url->url_user : NULL);
	inv->ruri_user = inv_str_dup(ruri ? ruri->url_user : NULL);
	inv->ruri_host = inv_str_dup(ruri ? ruri->url_host : NULL);
	inv->remote = inv_remote_dup(nua);

	if (!inv->call_id || !inv->from_user || !inv->from_display ||
	    !inv->from_uri || !inv->to_user || !inv->ruri_user ||
	    !inv->ruri_host || !inv->remote)
		return ENOMEM;
	return 0;
}

int sofia_invite_build(struct sig_invite **invp, nua_t *nua, const sip_t *sip)
{
	struct sig_invite *inv;
	int err;

	if (!invp || !sip)
		return EINVAL;

	inv = calloc(1, sizeof(*inv));
	if (!inv)
		return ENOMEM;

	err = strings_copy(inv, nua, sip);
	if (err)
		goto out;
	err = headers_copy(inv, sip);
	if (err)
		goto out;
	offer_parse(inv, sip);

 out:
	if (err)
		sig_invite_free(inv);
	else
		*invp = inv;
	return err;
}
