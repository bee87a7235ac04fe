/* loop_priv.h - what loop.c shares with loop_virtual.c (the simulator's
 * virtual clock) and http.c: the files allowed to see libevent. */
#ifndef CALLFLOW_LOOP_PRIV_H
#define CALLFLOW_LOOP_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"

struct event_base;

/* ---- loop.c ---- */
struct event_base *loop_event_base(void);
bool loop_mbox_busy(void);         /* any thread */
void loop_mbox_kick(void);         /* any thread: wakes a blocking wait */
/* workq jobs submitted and not finished (any thread) */
unsigned loop_jobs_inflight(void);
void loop_own_thread(void);        /* the calling thread is the loop's */

/* ---- loop_virtual.c: on the loop thread unless said ---- */
uint64_t vt_now_us(void);
int  vt_attach(void);              /* after loop_init created the base */
void vt_detach(void);              /* loop_close: back to the real clock */
int  vt_run(void);
void vt_stop(void);
void vt_schedule(struct tmr *t, uint64_t due_us);
void vt_unschedule(struct tmr *t); /* no-op when not scheduled */
bool vt_scheduled(const struct tmr *t);
void vt_forget(struct tmr *t);     /* tmr_close: frees its place */
void vt_job_finished(void);        /* any thread: a job ended */

#endif
