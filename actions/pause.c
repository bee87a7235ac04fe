/* pause.c - the Pause action (actions-1.md §10): the leg hears nothing for
 * DurationInMilliseconds; interruptible. */
#include <stdint.h>

#include "runtime/action.h"

struct pause {
	int64_t duration_ms;
};

static const struct param_spec pause_params[] = {
	/* Appendix A: 100 to 30000 ms. */
	{.name = "DurationInMilliseconds", .type = PARAM_INT, .required = true,
	 .min = 100, .max = 30000, .off = offsetof(struct pause, duration_ms)},
	PARAM_END
};

static void pause_done(void *arg)
{
	action_complete(arg, NULL);
}

static void pause_start(struct action *a)
{
	struct pause *p = a->state;

	tmr_start(&a->tmr, (uint64_t)p->duration_ms, pause_done, a);
}

static void pause_stop(struct action *a)
{
	tmr_cancel(&a->tmr);
}

const struct action_ops action_pause = {
	.type = "Pause",
	.params = pause_params,
	.state_size = sizeof(struct pause),
	.flags = ACTION_INTERRUPTIBLE,
	.start = pause_start,
	.stop = pause_stop,
};
