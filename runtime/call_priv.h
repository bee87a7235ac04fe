/* call_priv.h - what the two halves of the call layer (call.c, inbound.c)
 * share; nothing outside them includes this. */
#ifndef CF_CALL_PRIV_H
#define CF_CALL_PRIV_H

#include "call.h"

void call_link(struct call *call);            /* into the call table */
void call_leg_track(struct leg *leg);          /* into the sig_id hash */
struct leg *call_leg_by_sig(uint64_t sig_id);
void call_uuid(char *buf);                     /* 37 bytes */
void call_leg_cdr_begin(struct leg *leg);
void calls_sig_attach(void);                   /* inbound.c */

#endif
