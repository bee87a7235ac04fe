/* hangup.c - the Hangup action (actions-1.md §7): ends the target leg with
 * a SipResponseCode; before answer the call is rejected, never answered. */
#include <stdint.h>

#include "runtime/action.h"
#include "runtime/call.h"

struct hangup {
	int64_t sip_response_code;
};

static const struct param_spec hangup_params[] = {
	/* §7: 0 (normal), 480 (unavailable), 486 (busy); other final codes
	 * are accepted too, a trunk may want 603 or 404. */
	{.name = "SipResponseCode", .type = PARAM_INT, .min = 0, .max = 699,
	 .off = offsetof(struct hangup, sip_response_code)},
	PARAM_END
};

static void hangup_start(struct action *a)
{
	struct hangup *h = a->state;
	int code = (int)h->sip_response_code;

	if (code && code < 300) {
		action_fail(a, "InvalidActionParameter",
			    "Actions[%d].Parameters.SipResponseCode %d is not a "
			    "final error code (0, or 300 to 699)", a->index, code);
		return;
	}
	/* Complete first, so the record says Succeeded; the leg's end is
	 * then reported by HANGUP, not ACTION_SUCCESSFUL. */
	action_complete(a, NULL);
	leg_hangup(a->leg, code, "application-hangup", "application", NULL);
}

const struct action_ops action_hangup = {
	.type = "Hangup",
	.params = hangup_params,
	.state_size = sizeof(struct hangup),
	.start = hangup_start,
};
