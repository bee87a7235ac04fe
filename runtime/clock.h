/* clock.h - the one source of time; replaceable so tests and the simulator
 * can run on virtual time. */
#ifndef CF_CLOCK_H
#define CF_CLOCK_H

#include <stdint.h>

struct clock_ops {
	uint64_t (*mono_us)(void);  /* monotonic microseconds */
	uint64_t (*wall_ms)(void);  /* Unix epoch milliseconds */
};

uint64_t clock_mono_us(void);
uint64_t clock_wall_ms(void);
/* The system's monotonic clock, whatever the time source (a virtual clock
 * measures real time with it). */
uint64_t clock_sys_mono_us(void);

/* Replace the time source (NULL restores the system clock). */
void clock_set_ops(const struct clock_ops *ops);

#endif
