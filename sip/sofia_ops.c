/* sofia_ops.c - the runtime's ops, executed on the sofia thread. */
#include "sip/sofia_priv.h"

#include <stdlib.h>
#include <string.h>

#include <sofia-sip/nua_tag.h>
#include <sofia-sip/su_alloc.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>

#include "runtime/log.h"

static const char *const op_names[] = {
	[SOFIA_OP_PROGRESS] = "progress", [SOFIA_OP_ANSWER] = "answer",
	[SOFIA_OP_REJECT] = "reject", [SOFIA_OP_HANGUP] = "hangup",
	[SOFIA_OP_SHUTDOWN] = "shutdown",
};

static void op_progress(struct sofia_leg *leg, int status)
{
	if (leg->answered || status < 101 || status > 199) {
		log_debug("sip", "leg %llu: progress %d ignored",
			  (unsigned long long)leg->id, status);
		return;
	}
	nua_respond(leg->nh, status, sip_status_phrase(status), TAG_END());
}

static void op_answer(struct sofia_leg *leg, const char *sdp)
{
	char *copy;

	if (leg->answered) {
		log_debug("sip", "leg %llu: already answered",
			  (unsigned long long)leg->id);
		return;
	}

	/* Keep our answer: a re-INVITE is answered with it again. */
	copy = *sdp ? strdup(sdp) : NULL;
	if (!copy) {
		log_error("sip", "leg %llu: %s", (unsigned long long)leg->id,
			  *sdp ? "out of memory" : "answer without SDP");
		leg->closing = true;
		nua_respond(leg->nh, SIP_500_INTERNAL_SERVER_ERROR, TAG_END());
		return;
	}
	free(leg->sdp);
	leg->sdp = copy;
	leg->answered = true;
	nua_respond(leg->nh, SIP_200_OK,
		    SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		    SIPTAG_PAYLOAD_STR(leg->sdp), TAG_END());
}

static void op_reject(struct sofia_leg *leg, int status, const char *reason)
{
	const char *phrase;

	if (leg->answered) {
		log_debug("sip", "leg %llu: reject after answer ignored",
			  (unsigned long long)leg->id);
		return;
	}
	if (status < 300 || status > 699)
		status = 500;
	leg->closing = true;

	/* nua copies tags but keeps the phrase pointer until it sends the
	 * response, after this op's message is gone: copy the phrase into
	 * the handle's own memory, which the pending respond keeps alive. */
	phrase = *reason ? su_strdup(nua_handle_home(leg->nh), reason) : NULL;
	nua_respond(leg->nh, status,
		    phrase ? phrase : sip_status_phrase(status), TAG_END());
}

/* hangup on an answered leg sends BYE. Before the answer a UAS cannot
 * send BYE; the runtime rejects with a chosen code when it has one, so
 * hangup there means "we abandon this call attempt", which is what 487
 * Request Terminated says (the same final response a CANCEL produces). */
static void op_hangup(struct sofia_leg *leg)
{
	leg->closing = true;
	if (leg->answered)
		nua_bye(leg->nh, TAG_END());
	else
		nua_respond(leg->nh, SIP_487_REQUEST_TERMINATED, TAG_END());
}

void sofia_op_run(struct sofia_stack *st, const struct sofia_op *op)
{
	struct sofia_leg *leg = sofia_leg_find(st, op->leg_id);

	/* Ops race with the caller: CANCEL or BYE may have ended the leg
	 * while the op was on its way. Nothing to do then. */
	if (!leg || leg->ended || leg->closing) {
		log_debug("sip", "leg %llu: %s ignored: %s",
			  (unsigned long long)op->leg_id, op_names[op->type],
			  !leg ? "unknown leg" : "leg is ending");
		return;
	}

	switch (op->type) {
	case SOFIA_OP_PROGRESS:
		op_progress(leg, op->status);
		break;
	case SOFIA_OP_ANSWER:
		op_answer(leg, op->text);
		break;
	case SOFIA_OP_REJECT:
		op_reject(leg, op->status, op->text);
		break;
	case SOFIA_OP_HANGUP:
		op_hangup(leg);
		break;
	case SOFIA_OP_SHUTDOWN:
		break;
	}
}
