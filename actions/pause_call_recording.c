/* pause_call_recording.c - the PauseCallRecording action (actions-1.md
 * §4): the leg's call recording records silence, after a marker tone,
 * until resumed. Pausing a paused recording succeeds (decision 5). */
#include "actions/recording.h"
#include "runtime/log.h"

static void pause_call_recording_start(struct action *a)
{
	struct call_rec *cr = call_rec_of(a->leg);

	/* A recording that already ended on its own (disk full) has
	 * nothing left to pause; its CDR row says why. */
	if (cr->rec)
		recording_pause(cr->rec);
	else
		log_info("record", "%s %s: nothing to pause: %s",
			 a->call->transaction_id, a->leg->tag, cr->reason);
	action_complete(a, NULL);
}

const struct action_ops action_pause_call_recording = {
	.type = "PauseCallRecording",
	.params = call_rec_target_params,
	.state_size = sizeof(struct call_rec_target),
	.leg_select = LEG_SELECT_CALLID,
	.check = call_rec_check,
	.start = pause_call_recording_start,
};
