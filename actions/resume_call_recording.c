/* resume_call_recording.c - the ResumeCallRecording action (actions-1.md
 * §5): a marker tone, then the leg's call recording records the call
 * again. Resuming a recording that is not paused succeeds (decision 5). */
#include "actions/recording.h"
#include "runtime/log.h"

static void resume_call_recording_start(struct action *a)
{
	struct call_rec *cr = call_rec_of(a->leg);

	if (cr->rec)
		recording_resume(cr->rec);
	else
		log_info("record", "%s %s: nothing to resume: %s",
			 a->call->transaction_id, a->leg->tag, cr->reason);
	action_complete(a, NULL);
}

const struct action_ops action_resume_call_recording = {
	.type = "ResumeCallRecording",
	.params = call_rec_target_params,
	.state_size = sizeof(struct call_rec_target),
	.leg_select = LEG_SELECT_CALLID,
	.check = call_rec_check,
	.start = resume_call_recording_start,
};
