/* event.c - the invocation event, shaped exactly like the PSTN Audio JSON
 * event (events.md §6): envelope, CallDetails, Participants, ActionData. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "call.h"

static const char *leg_status(const struct leg *leg)
{
	/* NEW_INBOUND_CALL already shows "Connected" (events.md §7.1): the
	 * status says whether the leg exists, not whether it was answered. */
	return leg->state == LEG_ENDED ? "Disconnected" : "Connected";
}

static json_t *participant(const struct leg *leg)
{
	char start[24];
	json_t *p;

	snprintf(start, sizeof(start), "%" PRIu64, leg->start_ms);
	p = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		      "CallId", leg->call_id,
		      "ParticipantTag", leg->tag,
		      "To", leg->to ? leg->to : "",
		      "From", leg->from ? leg->from : "",
		      "Direction", leg->direction,
		      "StartTimeInMilliseconds", start,
		      "Status", leg_status(leg));
	if (p && leg->sip_headers && json_object_size(leg->sip_headers))
		json_object_set_new(p, "SipHeaders",
				    json_deep_copy(leg->sip_headers));
	return p;
}

/* The event goes to a worker thread while the loop keeps the call's own
 * objects, so it shares no JSON node with them: everything is copied. */
json_t *event_build(struct call *call, const char *event_type,
		    json_t *action_data)
{
	const struct config *cfg = calls_config();
	json_t *ev, *details, *parts;
	unsigned i;

	parts = json_array();
	for (i = 0; i < call->nlegs; i++)
		json_array_append_new(parts, participant(call->legs[i]));

	details = json_pack("{s:s}", "TransactionId", call->transaction_id);
	if (call->attrs && json_object_size(call->attrs))
		json_object_set_new(details, "TransactionAttributes",
				    json_deep_copy(call->attrs));
	json_object_set_new(details, "AwsAccountId",
			    json_string(cfg->account_id));
	json_object_set_new(details, "AwsRegion",
			    json_string(call->sma->region));
	if (call->rule)
		json_object_set_new(details, "SipRuleId",
				    json_string(call->rule->id));
	json_object_set_new(details, "SipMediaApplicationId",
			    json_string(call->sma->id));
	json_object_set_new(details, "Participants", parts);

	ev = json_pack("{s:s, s:I, s:s}", "SchemaVersion", "1.0",
		       "Sequence", (json_int_t)call->sequence,
		       "InvocationEventType", event_type);
	if (action_data)
		json_object_set_new(ev, "ActionData",
				    json_deep_copy(action_data));
	json_object_set_new(ev, "CallDetails", details);
	/* §7.9: the guide's list puts ErrorType/ErrorMessage in ActionData,
	 * its only full example at the top level: both are filled, so a
	 * handler reading either works. */
	if (!strcmp(event_type, "INVALID_LAMBDA_RESPONSE") && action_data) {
		json_object_set_new(ev, "ErrorType", json_deep_copy(
				    json_object_get(action_data, "ErrorType")));
		json_object_set_new(ev, "ErrorMessage", json_deep_copy(
				    json_object_get(action_data, "ErrorMessage")));
	}
	return ev;
}

json_t *event_action_data(const struct action *a)
{
	json_t *d = json_pack("{s:s, s:O}", "Type", a->ops->type,
			      "Parameters", a->params);

	if (a->result.data)
		json_object_update(d, a->result.data);
	if (a->result.error_type) {
		json_object_set_new(d, "ErrorType",
				    json_string(a->result.error_type));
		json_object_set_new(d, "ErrorMessage",
				    json_string(a->result.error_message));
	}
	return d;
}
