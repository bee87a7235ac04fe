/* clock.c - system time behind a replaceable ops table. */
#include <stddef.h>
#include <time.h>

#include "clock.h"

uint64_t clock_sys_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t sys_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static const struct clock_ops sys_clock = {clock_sys_mono_us, sys_wall_ms};
static const struct clock_ops *cur = &sys_clock;

uint64_t clock_mono_us(void) { return cur->mono_us(); }
uint64_t clock_wall_ms(void) { return cur->wall_ms(); }

void clock_set_ops(const struct clock_ops *ops)
{
	cur = ops ? ops : &sys_clock;
}
