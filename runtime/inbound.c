/* inbound.c - signalling events to calls: an INVITE becomes a routed call
 * (number or host → SIP rule → SIP media application → handler), and ACK,
 * CANCEL and BYE move its leg through its states. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_priv.h"
#include "cdr.h"
#include "clock.h"
#include "log.h"
#include "route.h"
#include "sig.h"
#include "utf8.h"


/* Number as the handler sees it: E.164 when the user part is a number,
 * otherwise the user part as sent (a softphone may call "alice"). */
static char *display_number(const char *user)
{
	char e164[32];

	if (user && !route_normalize_number(user, e164, sizeof(e164)))
		return strdup(e164);
	return utf8_clean(strdup(user ? user : ""));
}

static json_t *sip_headers_json(const struct sig_invite *inv)
{
	json_t *h = json_object();
	unsigned i;

	for (i = 0; i < inv->nheaders; i++) {
		const char *v = inv->headers[i].value;

		/* sip-cdr-limits.md a.2: 2,048 characters at most. */
		if (strlen(v) > 2048)
			continue;
		utf8_clean(inv->headers[i].name);
		utf8_clean(inv->headers[i].value);
		json_object_set_new(h, inv->headers[i].name, json_string(v));
	}
	return h;
}

static struct leg *leg_new(struct call *call, uint64_t sig_id,
			   const struct sig_invite *inv)
{
	struct leg *leg = calloc(1, sizeof(*leg));

	if (!leg)
		return NULL;
	leg->call = call;
	leg->sig_id = sig_id;
	call_uuid(leg->call_id);
	leg->tag = "LEG-A";
	leg->direction = "Inbound";
	leg->from = display_number(inv->from_user);
	leg->to = display_number(inv->ruri_user && *inv->ruri_user ?
				 inv->ruri_user : inv->to_user);
	leg->sip_call_id = utf8_clean(strdup(inv->call_id ? inv->call_id : ""));
	leg->remote = utf8_clean(strdup(inv->remote ? inv->remote : ""));
	leg->sip_headers = sip_headers_json(inv);
	leg->start_ms = clock_wall_ms();
	leg->state = LEG_OFFERED;
	leg->hangup_cause = "none";
	leg->hangup_by = "none";
	return leg;
}

/* Refuse a call before it reaches a handler, and leave a CDR row that says
 * why: a user dialling the wrong number should find it in `cdr list`. */
static void refuse(uint64_t sig_id, const struct sig_invite *inv,
		   const struct cfg_rule *rule, int status, const char *cause,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void refuse(uint64_t sig_id, const struct sig_invite *inv,
		   const struct cfg_rule *rule, int status, const char *cause,
		   const char *fmt, ...)
{
	struct call *call = calloc(1, sizeof(*call));
	struct leg *leg;
	va_list ap;

	sig_get()->reject(sig_id, status, NULL);
	if (!call || !(leg = leg_new(call, sig_id, inv))) {
		free(call);
		return;
	}
	call_uuid(call->transaction_id);
	call->rule = rule;
	call->sma = rule ? rule->targets[0].sma : NULL;
	call->legs[call->nlegs++] = leg;
	leg->failed = true;
	leg->sip_status = status;
	leg->hangup_cause = cause;
	leg->hangup_by = "system";
	va_start(ap, fmt);
	vsnprintf(leg->reason, sizeof(leg->reason), fmt, ap);
	va_end(ap);
	log_warn("call", "%s from %s to %s refused with %d: %s",
		 inv->call_id ? inv->call_id : "?", leg->from, leg->to, status,
		 leg->reason);
	call_link(call);
	call_leg_track(leg);
	call_leg_cdr_begin(leg);
	leg_ended(leg);
}

static void incoming(uint64_t sig_id, struct sig_invite *inv)
{
	const struct config *cfg = calls_config();
	const struct cfg_rule *rule;
	struct sdp_neg neg;
	struct call *call;
	struct leg *leg;
	int err;

	rule = route_find(cfg, inv->ruri_user, inv->ruri_host);
	if (!rule) {
		refuse(sig_id, inv, NULL, 404, "no-route",
		       "no SIP rule matches %s@%s", inv->ruri_user ? inv->ruri_user : "",
		       inv->ruri_host ? inv->ruri_host : "");
		return;
	}
	if (!inv->has_sdp) {
		refuse(sig_id, inv, rule, 488, "no-sdp",
		       "INVITE without an SDP offer (late offer is not supported)");
		return;
	}
	if (inv->sdp_err) {
		refuse(sig_id, inv, rule, 400, "bad-sdp", "SDP offer cannot be parsed");
		return;
	}
	err = sdp_negotiate(&inv->offer, &neg);
	if (err) {
		refuse(sig_id, inv, rule, 488, "no-common-codec", "%s",
		       err == ENOTSUP ? "no common codec (PCMU or PCMA required)" :
		       "no usable RTP/AVP audio stream in the offer");
		return;
	}

	call = calloc(1, sizeof(*call));
	leg = call ? leg_new(call, sig_id, inv) : NULL;
	if (!leg) {
		free(call);
		sig_get()->reject(sig_id, 503, NULL);
		return;
	}
	call_uuid(call->transaction_id);
	call->rule = rule;
	call->sma = rule->targets[0].sma;
	call->state = CALL_ROUTING;
	call->legs[call->nlegs++] = leg;
	leg->neg = neg;
	call_link(call);
	call_leg_track(leg);

	err = media_leg_alloc(&leg->media);
	if (err) {
		call_leg_cdr_begin(leg);
		leg->failed = true;
		leg_hangup(leg, 503, "no-media-port", "system",
			   "no RTP port available");
		return;
	}
	log_info("call", "%s: %s -> %s (%s) routed by %s to %s",
		 call->transaction_id, leg->from, leg->to, leg->remote,
		 rule->id, call->sma->id);
	call_leg_cdr_begin(leg);
	sig_get()->progress(sig_id, 180);
	engine_invoke(call, "NEW_INBOUND_CALL", NULL);
}

static void remote_ended(struct leg *leg, const struct sig_event *ev,
			 const char *cause)
{
	leg->hangup_cause = cause;
	leg->hangup_by = ev->type == SIG_EV_GONE ? "system" : "caller";
	leg->sip_status = ev->status;
	if (ev->type == SIG_EV_GONE) {
		leg->failed = leg->state == LEG_OFFERED;
		snprintf(leg->reason, sizeof(leg->reason), "%s", ev->reason);
	}
	leg_ended(leg);
}

static void sig_event(struct sig_event *ev)
{
	struct leg *leg = NULL;

	if (ev->type == SIG_EV_INVITE) {
		incoming(ev->leg_id, ev->invite);
		goto out;
	}
	leg = call_leg_by_sig(ev->leg_id);
	if (!leg) {
		log_debug("call", "event %d for unknown leg %llu", ev->type,
			  (unsigned long long)ev->leg_id);
		goto out;
	}
	switch (ev->type) {
	case SIG_EV_ACK:
		if (leg->state == LEG_ANSWERED) {
			leg->state = LEG_CONNECTED;
			log_debug("call", "%s %s: ANSWERED -> CONNECTED",
				  leg->call->transaction_id, leg->tag);
		}
		break;
	case SIG_EV_CANCEL:
		remote_ended(leg, ev, "caller-cancel");
		break;
	case SIG_EV_BYE:
		remote_ended(leg, ev, "caller-bye");
		break;
	case SIG_EV_GONE:
		remote_ended(leg, ev, "signalling-ended");
		break;
	case SIG_EV_DTMF:
		leg_digit(leg, ev->digit);
		break;
	default:
		break;
	}
out:
	if (ev->invite)
		sig_invite_free(ev->invite);
	free(ev);
}

void calls_sig_attach(void)
{
	sig_set_handler(sig_event);
}
