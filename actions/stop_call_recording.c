/* stop_call_recording.c - the StopCallRecording action (actions-1.md §3):
 * stops the leg's call recording for good (it cannot be started again) and
 * succeeds at once; the recorder closes the file and its CDR row. */
#include "actions/recording.h"

static void stop_call_recording_start(struct action *a)
{
	call_rec_stop(call_rec_of(a->leg), "stopped by StopCallRecording");
	action_complete(a, NULL);
}

const struct action_ops action_stop_call_recording = {
	.type = "StopCallRecording",
	.params = call_rec_target_params,
	.state_size = sizeof(struct call_rec_target),
	.leg_select = LEG_SELECT_CALLID,
	.check = call_rec_check,
	.start = stop_call_recording_start,
};
