/* sim_sig.c - the simulator's signalling: a struct sig_ops with one
 * simulated caller behind it, no SIP. The caller's INVITE, digits and
 * hang-up reach the call layer as the SIP module's events would (through
 * sig_event_post); the call layer's answer, rejection and BYE reach the
 * caller at once, and it ACKs an answer right away. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_priv.h"
#include "log.h"
#include "sim_priv.h"

#define SIM_REMOTE_ADDR "192.0.2.1"     /* TEST-NET-1: never routed */
#define SIM_REMOTE_PORT 40000
#define SIM_DTMF_PT     101

static struct {
	const struct sim_sig_obs *obs;
	uint64_t leg_id;
	enum sim_leg_state state;
} ss;

void sim_sig_observe(const struct sim_sig_obs *obs)
{
	ss.obs = obs;
}

enum sim_leg_state sim_sig_state(void)
{
	return ss.state;
}

static void post(enum sig_event_type type, int status, const char *reason,
		 char digit)
{
	struct sig_event *ev = calloc(1, sizeof(*ev));

	if (!ev) {
		log_error("sim", "out of memory: caller event dropped");
		return;
	}
	ev->type = type;
	ev->leg_id = ss.leg_id;
	ev->status = status;
	if (reason)
		snprintf(ev->reason, sizeof(ev->reason), "%s", reason);
	ev->digit = digit;
	ev->duration_ms = digit ? SIM_DEFAULT_GAP_MS : 0;
	sig_event_post(ev);
}

/* ---- the runtime's side ---- */

static int op_start(const struct sig_config *cfg)
{
	(void)cfg;
	return 0;
}

static void op_stop(void)
{
}

static void op_progress(uint64_t leg_id, int status)
{
	if (leg_id == ss.leg_id && ss.obs && ss.obs->progress)
		ss.obs->progress(status);
}

static void op_answer(uint64_t leg_id, const char *sdp)
{
	(void)sdp;
	if (leg_id != ss.leg_id || ss.state != SIM_LEG_OFFERED)
		return;
	ss.state = SIM_LEG_ANSWERED;
	if (ss.obs && ss.obs->answered)
		ss.obs->answered();
	post(SIG_EV_ACK, 0, NULL, 0);
}

/* The leg's record says why it ends; a call refused before it had a
 * leg (no route) has none yet. */
static void leg_end(uint64_t leg_id, int status, const char *reason)
{
	const struct leg *leg = call_leg_by_sig(leg_id);
	bool answered = ss.state == SIM_LEG_ANSWERED;

	if (leg_id != ss.leg_id || ss.state == SIM_LEG_ENDED)
		return;
	ss.state = SIM_LEG_ENDED;
	if (ss.obs && ss.obs->ended)
		ss.obs->ended(status, answered, leg ? leg->hangup_cause : NULL,
			      leg && leg->reason[0] ? leg->reason : reason);
	/* As the SIP module reports a leg whose dialog is over. */
	post(SIG_EV_GONE, status, reason, 0);
}

static void op_reject(uint64_t leg_id, int status, const char *reason)
{
	leg_end(leg_id, status, reason);
}

/* Before the answer the runtime abandons the attempt (487). */
static void op_hangup(uint64_t leg_id)
{
	leg_end(leg_id, ss.state == SIM_LEG_OFFERED ? 487 : 200, NULL);
}

const struct sig_ops sim_sig_ops = {
	.name = "simulator",
	.start = op_start,
	.stop = op_stop,
	.progress = op_progress,
	.answer = op_answer,
	.reject = op_reject,
	.hangup = op_hangup,
};

/* ---- the caller's side ---- */

static void offer_fill(struct sdp_desc *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->addr, sizeof(o->addr), "%s", SIM_REMOTE_ADDR);
	o->port = SIM_REMOTE_PORT;
	snprintf(o->proto, sizeof(o->proto), "RTP/AVP");
	o->codecs[0] = (struct sdp_codec){.pt = 0, .name = "PCMU",
					  .rate = 8000, .channels = 1};
	o->codecs[1] = (struct sdp_codec){.pt = SIM_DTMF_PT,
					  .name = "telephone-event",
					  .rate = 8000, .channels = 1};
	o->ncodecs = 2;
	o->ptime = 20;
	o->dir = SDP_SENDRECV;
	o->has_audio = true;
}

/* "sip:NUMBER@callflow.invalid" style strings. */
static char *dup_at(const char *prefix, const char *user)
{
	char *p = NULL;

	if (asprintf(&p, "%s%s@callflow.invalid", prefix, user) < 0)
		return NULL;
	return p;
}

static int headers_fill(struct sig_invite *inv, json_t *headers)
{
	const char *name;
	json_t *v;

	json_object_foreach(headers, name, v) {
		struct sig_header *h;

		if (inv->nheaders >= SIG_MAX_HEADERS)
			return E2BIG;
		h = &inv->headers[inv->nheaders++];
		h->name = strdup(name);
		h->value = strdup(json_is_string(v) ? json_string_value(v) :
				  "");
		if (!h->name || !h->value)
			return ENOMEM;
	}
	return 0;
}

int sim_sig_invite(const char *from, const char *to, json_t *headers)
{
	struct sig_invite *inv = calloc(1, sizeof(*inv));
	struct sig_event *ev = calloc(1, sizeof(*ev));
	int err = ENOMEM;

	if (!inv || !ev)
		goto out;
	inv->call_id = dup_at("sim-", to);
	inv->from_user = strdup(from);
	inv->from_display = strdup("");
	inv->from_uri = dup_at("sip:", from);
	inv->to_user = strdup(to);
	inv->ruri_user = strdup(to);
	inv->ruri_host = strdup("callflow.invalid");
	inv->remote = strdup("sim:" SIM_REMOTE_ADDR);
	if (!inv->call_id || !inv->from_user || !inv->from_display ||
	    !inv->from_uri || !inv->to_user || !inv->ruri_user ||
	    !inv->ruri_host || !inv->remote)
		goto out;
	inv->has_sdp = true;
	offer_fill(&inv->offer);
	if (headers && (err = headers_fill(inv, headers)))
		goto out;
	ss.leg_id++;
	ss.state = SIM_LEG_OFFERED;
	ev->type = SIG_EV_INVITE;
	ev->leg_id = ss.leg_id;
	ev->invite = inv;
	sig_event_post(ev);
	return 0;
 out:
	sig_invite_free(inv);
	free(ev);
	return err;
}

void sim_sig_dtmf(char digit)
{
	if (ss.state == SIM_LEG_OFFERED || ss.state == SIM_LEG_ANSWERED)
		post(SIG_EV_DTMF, 0, NULL, digit);
}

void sim_sig_hangup(void)
{
	if (ss.state == SIM_LEG_OFFERED)
		post(SIG_EV_CANCEL, 487, "Request Terminated", 0);
	else if (ss.state == SIM_LEG_ANSWERED)
		post(SIG_EV_BYE, 200, "BYE received", 0);
	else
		return;
	ss.state = SIM_LEG_ENDED;
}
