/* call.h - calls (one TransactionId) and their legs, with explicit state
 * machines, and the engine that talks to the handler and runs action lists.
 * Everything here lives on the loop thread. */
#ifndef CF_CALL_H
#define CF_CALL_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

#include "action.h"
#include "config.h"
#include "loop.h"
#include "media.h"
#include "sdp.h"

struct cdr_store;
struct sig_event;

enum leg_state {
	LEG_OFFERED,     /* INVITE received, not answered */
	LEG_ANSWERED,    /* 200 OK sent, waiting for ACK */
	LEG_CONNECTED,   /* ACKed: media flows */
	LEG_ENDED,       /* gone: rejected, cancelled or hung up */
};

struct leg {
	struct call *call;
	struct leg *hnext;           /* in the sig_id hash */
	uint64_t sig_id;             /* signalling module's id */
	char call_id[40];            /* CallId (UUID) */
	const char *tag;             /* "LEG-A" / "LEG-B" */
	const char *direction;       /* "Inbound" / "Outbound" */
	char *from, *to;             /* numbers as shown in events */
	char *sip_call_id, *remote;
	json_t *sip_headers;         /* SipHeaders object, or NULL */
	enum leg_state state;
	uint64_t start_ms, answer_ms, end_ms;
	int sip_status;              /* final status sent/received */
	const char *hangup_cause;    /* static strings */
	const char *hangup_by;
	char reason[256];
	struct sdp_neg neg;
	struct media_leg *media;
	struct rtp_stats rtp;        /* snapshot at end */
	bool failed;                 /* ended by an error (CDR Status Failed) */
	struct digit_listener *listener;   /* armed by ReceiveDigits, or NULL */
	struct leg_recording *recording;   /* StartCallRecording's, or NULL */
	bool recorded;               /* a call recording was started once (§1:
					a leg is recorded at most once) */
};

/* The call recording of a leg (StartCallRecording): it outlives the action
 * that started it and ends with the leg. leg_gone runs before the leg's
 * media is freed; it must stop the recorder and detach (set
 * leg->recording to NULL, now or when the file is closed). */
struct leg_recording {
	void (*leg_gone)(struct leg_recording *lr);
};

/* A background digit listener on a leg (ReceiveDigits): it outlives the
 * action that armed it and lasts until replaced or the leg ends. The leg
 * owns it and calls free() then. */
struct digit_listener {
	void (*digit)(struct digit_listener *l, char digit);
	void (*free)(struct digit_listener *l);
};

/* Install l on the leg (the previous listener is freed). */
void leg_set_listener(struct leg *leg, struct digit_listener *l);
/* A digit from any transport: to the running action on this leg first,
 * then, if it did not consume it, to the leg's listener. */
void leg_digit(struct leg *leg, char digit);

enum call_state {
	CALL_ROUTING,     /* handler not yet invoked successfully */
	CALL_ACTIVE,
	CALL_ENDING,      /* all legs ended; final HANGUP pending */
	CALL_DONE,
};

struct pending_event;

struct call {
	struct call *next;            /* in the call table */
	char transaction_id[40];
	enum call_state state;
	const struct cfg_rule *rule;
	const struct cfg_sma *sma;
	unsigned target;              /* index into rule->targets (failover) */
	struct leg *legs[2];
	unsigned nlegs;
	int64_t sequence;             /* invocations so far */
	json_t *attrs;                /* TransactionAttributes, or NULL */

	/* engine */
	bool invoking;                /* a handler invocation is in flight */
	unsigned retries;             /* of the invocation in flight */
	struct pending_event *events; /* FIFO of events not yet delivered */
	struct action *cur;           /* running action */
	json_t *list;                 /* pending actions (array) */
	size_t list_pos;
	int64_t list_seq;             /* invocation that produced the list */
	unsigned invalid_responses;   /* consecutive */
	struct tmr step_tmr;          /* deferred engine step */
	struct tmr idle_tmr;          /* 30 s rule for unanswered calls */
	bool handler_broken;          /* stop invoking: the handler keeps failing */
	unsigned hold;                /* call_hold() count: not freed while > 0 */
};

/* ---- the call layer (call.c) ---- */
int  calls_init(const struct config *cfg, struct cdr_store *cdr,
		struct workq *handler_wq);
void calls_close(void);         /* hangs up everything, frees */
unsigned calls_active(void);
struct call *call_find(const char *transaction_id);

const struct config *calls_config(void);
struct cdr_store *calls_cdr(void);

const char *leg_state_name(enum leg_state s);
const char *call_state_name(enum call_state s);

/* Answer an offered leg: 200 OK with our SDP and start media. */
int  leg_answer(struct leg *leg);
/* End a leg from our side. code: the Hangup action's SipResponseCode
 * (0, 480, 486, ...) — mapped to a rejection before answer, a BYE after. */
void leg_hangup(struct leg *leg, int code, const char *cause,
		const char *by, const char *reason);
struct leg *call_find_leg(struct call *call, const char *call_id,
			  const char *tag);
/* A leg ended (any side): record it, and let the engine report HANGUP. */
void leg_ended(struct leg *leg);
/* Free the call when nothing refers to it any more. */
void call_maybe_free(struct call *call);
/* Keep the call alive across code that may end its last leg; release
 * frees it if it became unused meanwhile. */
void call_hold(struct call *call);
void call_release(struct call *call);
/* Shutdown: free every call left, finishing its CDR rows. */
void calls_free_all(void);

/* ---- the engine (engine.c) ---- */
void engine_init(struct workq *handler_wq);
/* Shutdown: deliver no more events. */
void engine_stop(void);
/* Invocations given up on (a handler stuck inside a C call) whose worker
 * has not come back yet: their threads cannot be joined. */
unsigned engine_abandoned(void);
/* Queue an invocation of the handler; action_data is a new reference or
 * NULL; error_* are top-level members for INVALID_LAMBDA_RESPONSE. */
void engine_invoke(struct call *call, const char *event_type,
		   json_t *action_data);
/* UpdateSipMediaApplicationCall (events.md §11): queue a
 * CALL_UPDATE_REQUESTED invocation carrying arguments (an object of
 * strings, borrowed) for the live call transaction_id of application
 * sma_id. Returns 0; ENOENT when no application has that id; ESRCH when it
 * has no live call with that TransactionId. */
int  engine_update(const char *sma_id, const char *transaction_id,
		   json_t *arguments);
/* Arguments of an update (SMAUpdateCallArgumentsMap): an object of at most
 * UPDATE_ARGS_MAX string values. Returns 0, or EINVAL with the reason,
 * naming the field, in msg. */
#define UPDATE_ARGS_MAX 20
int  engine_update_check(const json_t *args, char *msg, size_t sz);
/* Watch the engine (the simulator's ladder, tests): every hook optional,
 * called on the loop thread. One observer at a time; NULL removes it.
 *  invoked:  an event goes to the handler (event is the full document);
 *  returned: its response was taken (resp may be NULL), error is why it
 *            was refused or the handler failed, NULL when it was used;
 *  action_start / action_end: outcome is "Succeeded", "Failed",
 *            "Interrupted", "Superseded" or "Cancelled". */
struct engine_observer {
	void (*invoked)(const struct call *call, const json_t *event);
	void (*returned)(const struct call *call, const json_t *event,
			 const json_t *resp, const char *error);
	void (*action_start)(const struct call *call, const struct action *a);
	void (*action_end)(const struct call *call, const struct action *a,
			   const char *outcome);
};
void engine_observe(const struct engine_observer *obs);
/* Stop the running action and forget the list (leg gone). */
void engine_cancel(struct call *call);
/* Make progress: start the next action or report the list's result. */
void engine_schedule(struct call *call);
void engine_free(struct call *call);
bool engine_idle(const struct call *call);

/* ---- events (event.c) ---- */
/* Build the invocation event (new reference). */
json_t *event_build(struct call *call, const char *event_type,
		    json_t *action_data);
/* ActionData for an action: {"Type", "Parameters"} plus result members. */
json_t *event_action_data(const struct action *a);

#endif
