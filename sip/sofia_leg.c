/* sofia_leg.c - inbound INVITE legs: the leg id map and the events each
 * leg reports to the runtime (sofia thread only). */
#include "sip/sofia_priv.h"

#include <stdlib.h>
#include <string.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>

#include "runtime/log.h"

static unsigned leg_bucket(uint64_t id)
{
	return (unsigned)(id % SOFIA_LEG_BUCKETS);
}

static struct sofia_leg *leg_alloc(struct sofia_stack *st, nua_handle_t *nh)
{
	struct sofia_leg *leg = calloc(1, sizeof(*leg));
	unsigned b;

	if (!leg)
		return NULL;

	/* A counter never repeats within a process, so an op aimed at an
	 * ended leg can never reach a new one. */
	leg->id = ++st->next_leg_id;
	leg->nh = nh;
	b = leg_bucket(leg->id);
	leg->next = st->legs[b];
	st->legs[b] = leg;
	st->nlegs++;
	nua_handle_bind(nh, leg);
	return leg;
}

static void leg_free(struct sofia_stack *st, struct sofia_leg *leg)
{
	struct sofia_leg **pp = &st->legs[leg_bucket(leg->id)];

	while (*pp && *pp != leg)
		pp = &(*pp)->next;
	if (*pp) {
		*pp = leg->next;
		st->nlegs--;
	}
	free(leg->sdp);
	free(leg);
}

struct sofia_leg *sofia_leg_find(struct sofia_stack *st, uint64_t id)
{
	struct sofia_leg *leg;

	for (leg = st->legs[leg_bucket(id)]; leg; leg = leg->next)
		if (leg->id == id)
			return leg;
	return NULL;
}

/* A re-INVITE (hold, refresh, codec change) keeps our side as it was: we
 * answer with the SDP we sent last, or 488 before we ever sent one. */
static void leg_reinvite(struct sofia_leg *leg)
{
	log_debug("sip", "leg %llu: re-INVITE, %s",
		  (unsigned long long)leg->id,
		  leg->sdp ? "repeating our SDP" : "no SDP yet: 488");
	if (leg->sdp)
		nua_respond(leg->nh, SIP_200_OK,
			    SIPTAG_CONTENT_TYPE_STR("application/sdp"),
			    SIPTAG_PAYLOAD_STR(leg->sdp), TAG_END());
	else
		nua_respond(leg->nh, SIP_488_NOT_ACCEPTABLE, TAG_END());
}

void sofia_leg_invite(struct sofia_stack *st, nua_handle_t *nh,
		      struct sofia_leg *leg, const sip_t *sip)
{
	struct sig_invite *inv = NULL;
	int err;

	if (leg) {
		leg_reinvite(leg);
		return;
	}

	leg = leg_alloc(st, nh);
	if (!leg) {
		log_error("sip", "INVITE: out of memory");
		nua_respond(nh, SIP_500_INTERNAL_SERVER_ERROR, TAG_END());
		nua_handle_destroy(nh);
		return;
	}

	err = sofia_invite_build(&inv, st->nua, sip);
	if (err) {
		log_warn("sip", "leg %llu: cannot read INVITE: %s",
			 (unsigned long long)leg->id, strerror(err));
		/* The runtime never saw this leg: it gets no events. */
		leg->ended = true;
		leg->closing = true;
		nua_respond(nh, SIP_500_INTERNAL_SERVER_ERROR, TAG_END());
		return;
	}

	log_info("sip", "leg %llu: INVITE %s@%s from <%s> via %s%s",
		 (unsigned long long)leg->id, inv->ruri_user, inv->ruri_host,
		 inv->from_uri, inv->remote,
		 !inv->has_sdp ? " (no SDP)" : inv->sdp_err ? " (bad SDP)" : "");
	sofia_event_post(SIG_EV_INVITE, leg->id, 0, NULL, inv);
}

void sofia_leg_ack(struct sofia_leg *leg)
{
	/* Only the ACK to the first 2xx matters; re-INVITEs are ours. */
	if (leg->acked || leg->ended)
		return;
	leg->acked = true;
	sofia_event_post(SIG_EV_ACK, leg->id, 200, "ACK", NULL);
}

/* CANCEL and BYE from the caller: the leg's terminal event. nua's
 * following "terminated" state then only cleans up. */
void sofia_leg_end(struct sofia_leg *leg, enum sig_event_type type,
		   int status, const char *reason)
{
	if (leg->ended)
		return;
	leg->ended = true;
	leg->closing = true;
	log_info("sip", "leg %llu: %s", (unsigned long long)leg->id,
		 type == SIG_EV_CANCEL ? "CANCEL" : "BYE");
	sofia_event_post(type, leg->id, status, reason, NULL);
}

void sofia_leg_state(struct sofia_stack *st, nua_handle_t *nh,
		     struct sofia_leg *leg, int status, const char *phrase,
		     tagi_t tags[])
{
	int state = nua_callstate_init;

	if (!leg)
		return;

	tl_gets(tags, NUTAG_CALLSTATE_REF(state), TAG_END());
	log_debug("sip", "leg %llu: %s (%d %s)", (unsigned long long)leg->id,
		  nua_callstate_name(state), status, phrase ? phrase : "");
	if (state != nua_callstate_terminated)
		return;

	/* Any end not announced by CANCEL or BYE (our BYE completed, our
	 * final error, ACK timeout, transport error) is GONE: exactly one
	 * terminal event per leg. */
	if (!leg->ended) {
		leg->ended = true;
		sofia_event_post(SIG_EV_GONE, leg->id, status, phrase, NULL);
	}
	log_debug("sip", "leg %llu: closed", (unsigned long long)leg->id);
	nua_handle_bind(nh, NULL);
	leg_free(st, leg);
	nua_handle_destroy(nh);
}

/* After nua_destroy: legs nua did not report terminated (a shutdown that
 * timed out) still owe the runtime their GONE. */
void sofia_leg_close_all(struct sofia_stack *st)
{
	unsigned b;

	for (b = 0; b < SOFIA_LEG_BUCKETS; b++) {
		while (st->legs[b]) {
			struct sofia_leg *leg = st->legs[b];

			if (!leg->ended)
				sofia_event_post(SIG_EV_GONE, leg->id, 503,
						 "SIP stack stopped", NULL);
			leg_free(st, leg);
		}
	}
}
