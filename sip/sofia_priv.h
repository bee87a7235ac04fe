/* sofia_priv.h - state shared by the sofia-sip module's files. Everything
 * here belongs to the sofia thread, except sofia_op_send() and the
 * registrar lookup. */
#ifndef CF_SIP_SOFIA_PRIV_H
#define CF_SIP_SOFIA_PRIV_H

#include <stdbool.h>
#include <stdint.h>

struct sofia_stack;
struct sofia_leg;
struct sofia_op;

/* sofia's magic types must be named before its headers are included. */
#define SU_ROOT_MAGIC_T struct sofia_stack
#define SU_MSG_ARG_T    struct sofia_op
#define NUA_MAGIC_T     struct sofia_stack
#define NUA_HMAGIC_T    struct sofia_leg

#include <sofia-sip/su_wait.h>
#include <sofia-sip/nua.h>
#include <sofia-sip/sip.h>

#include "runtime/sig.h"

#define SOFIA_LEG_BUCKETS 256

/* One inbound INVITE dialog. Lives from the INVITE until nua reports the
 * call terminated; the leg id is what the runtime knows it by. */
struct sofia_leg {
	struct sofia_leg *next;      /* hash chain */
	uint64_t id;
	nua_handle_t *nh;
	bool answered;               /* we sent 200 */
	bool closing;                /* we sent a final error or BYE */
	bool acked;                  /* SIG_EV_ACK posted */
	bool ended;                  /* terminal event posted (or suppressed) */
	char *sdp;                   /* our last answer, reused on re-INVITE */
};

struct sofia_stack {
	su_root_t *root;
	nua_t *nua;
	struct sofia_leg *legs[SOFIA_LEG_BUCKETS];
	unsigned nlegs;
	uint64_t next_leg_id;
};

/* An op marshalled from the loop thread; text is copied inline. */
enum sofia_op_type { SOFIA_OP_PROGRESS, SOFIA_OP_ANSWER, SOFIA_OP_REJECT,
		     SOFIA_OP_HANGUP, SOFIA_OP_SHUTDOWN };

struct sofia_op {
	enum sofia_op_type type;
	uint64_t leg_id;
	int status;
	char text[];                 /* SDP or reason phrase, NUL-terminated */
};

/* sofia.c */
int  sofia_op_send(enum sofia_op_type type, uint64_t leg_id, int status,
		   const char *text);
void sofia_event_post(enum sig_event_type type, uint64_t leg_id, int status,
		      const char *reason, struct sig_invite *inv);
void sofia_event_post_dtmf(uint64_t leg_id, char digit, unsigned duration_ms);

/* sofia_leg.c */
struct sofia_leg *sofia_leg_find(struct sofia_stack *st, uint64_t id);
void sofia_leg_invite(struct sofia_stack *st, nua_handle_t *nh,
		      struct sofia_leg *leg, const sip_t *sip);
void sofia_leg_ack(struct sofia_leg *leg);
void sofia_leg_end(struct sofia_leg *leg, enum sig_event_type type,
		   int status, const char *reason);
void sofia_leg_state(struct sofia_stack *st, nua_handle_t *nh,
		     struct sofia_leg *leg, int status, const char *phrase,
		     tagi_t tags[]);
void sofia_leg_close_all(struct sofia_stack *st);

/* sofia_ops.c */
void sofia_op_run(struct sofia_stack *st, const struct sofia_op *op);

/* sofia_invite.c */
int sofia_invite_build(struct sig_invite **invp, nua_t *nua, const sip_t *sip);

/* sofia_reg.c */
void sofia_reg_request(nua_t *nua, nua_handle_t *nh, int status,
		       const sip_t *sip);
void sofia_reg_clear(void);

/* sofia_info.c */
void sofia_info_request(nua_t *nua, nua_handle_t *nh, struct sofia_leg *leg,
			int status, const sip_t *sip);

#endif
