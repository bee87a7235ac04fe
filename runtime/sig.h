/* sig.h - the signalling contract. A signalling module (sip/) registers a
 * const struct sig_ops; the runtime calls the ops on the loop thread and the
 * module marshals them onto its own thread. The module reports events by
 * calling sig_event_post() from any thread; the runtime handles them on the
 * loop thread. Legs are named by a 64-bit id the module assigns: no pointer
 * ever crosses between the threads. */
#ifndef CF_SIG_H
#define CF_SIG_H

#include <stdbool.h>
#include <stdint.h>

#include "sdp.h"

#define SIG_MAX_HEADERS 16

struct sig_header {
	char *name;    /* as received, e.g. "X-Account-Id", "User-to-User" */
	char *value;
};

/* A new inbound call. All strings are owned by the struct (heap copies). */
struct sig_invite {
	char *call_id;          /* SIP Call-ID */
	char *from_user;        /* user part of From (may be "" ) */
	char *from_display;
	char *from_uri;
	char *to_user;          /* user part of To */
	char *ruri_user;        /* user part of the Request-URI */
	char *ruri_host;        /* host part of the Request-URI */
	char *remote;           /* "udp:127.0.0.1:5070" for logs */
	bool has_sdp;
	int  sdp_err;           /* 0, or errno when the body could not be parsed */
	struct sdp_desc offer;
	struct sig_header headers[SIG_MAX_HEADERS];  /* X-*, User-to-User, Diversion */
	unsigned nheaders;
};

enum sig_event_type {
	SIG_EV_INVITE,      /* invite != NULL; runtime must answer/reject */
	SIG_EV_ACK,         /* our 2xx was ACKed */
	SIG_EV_CANCEL,      /* caller cancelled before answer */
	SIG_EV_BYE,         /* remote hung up (BYE received) */
	SIG_EV_GONE,        /* leg ended for another reason (timeout, transport
			       error, our BYE completed) */
	SIG_EV_DTMF,        /* a digit arrived by SIP INFO (application/dtmf-relay
			       or application/dtmf) */
};

struct sig_event {
	enum sig_event_type type;
	uint64_t leg_id;
	int  status;                /* SIP status tied to the event, if any */
	char reason[96];
	struct sig_invite *invite;  /* SIG_EV_INVITE only; freed by receiver */
	char digit;                 /* SIG_EV_DTMF: 0-9 * # A-D */
	unsigned duration_ms;       /* SIG_EV_DTMF: 0 if not given */
};

struct sig_config {
	const char *listen_addr;   /* e.g. "127.0.0.1" */
	uint16_t    listen_port;   /* UDP and TCP */
	const char *user_agent;
};

struct sig_ops {
	const char *name;
	int  (*start)(const struct sig_config *cfg);
	void (*stop)(void);         /* graceful: returns when the stack is down */
	/* Provisional response (e.g. 180) to an INVITE. */
	void (*progress)(uint64_t leg_id, int status);
	/* 200 OK carrying our SDP answer. */
	void (*answer)(uint64_t leg_id, const char *sdp);
	/* Final error response to an unanswered INVITE. */
	void (*reject)(uint64_t leg_id, int status, const char *reason);
	/* BYE on an answered leg (or CANCEL-equivalent when not answered). */
	void (*hangup)(uint64_t leg_id);
};

/* Registered by the composition root before start. */
void sig_register(const struct sig_ops *ops);
const struct sig_ops *sig_get(void);

/* Loop thread: who receives signalling events (the call layer). */
void sig_set_handler(void (*h)(struct sig_event *ev));

/* Thread-safe: hand an event to the runtime (takes ownership of ev). */
void sig_event_post(struct sig_event *ev);
/* Frees an invite and its strings. */
void sig_invite_free(struct sig_invite *inv);

#endif
