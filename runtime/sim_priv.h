/* sim_priv.h - the offline call simulator (`callflow simulate`), shared by its
 * parts: the scenario file (sim_scenario.c), the simulated caller's
 * signalling (sim_sig.c), the expectations (sim_expect.c), the timeline
 * output (sim_out.c) and the command (simulate.c). Everything runs on the
 * loop thread, on the loop's virtual clock. */
#ifndef CF_SIM_PRIV_H
#define CF_SIM_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "loop.h"
#include "sig.h"

/* ---- the scenario (sim_scenario.c) ---- */

enum sim_step_kind { SIM_STEP_DIGITS, SIM_STEP_HANGUP, SIM_STEP_UPDATE };

/* One thing the caller does: at a time after the INVITE, or after the
 * nth start of an action type / delivery of an event type. */
struct sim_step {
	unsigned num;              /* 1-based place in `caller` */
	enum sim_step_kind kind;
	bool has_at;
	uint64_t at_ms;
	char on[48];               /* "Speak" or "DIGITS_RECEIVED"; "" with at */
	bool on_event;             /* on names an event type (ALL_CAPS) */
	unsigned nth;              /* default 1 */
	uint64_t after_ms;
	char *digits;
	unsigned gap_ms;           /* between digits, default 100 */
	json_t *update;            /* Arguments object of strings */
	/* run state */
	unsigned seen;
	bool fired;
	const char *next;          /* next digit to send */
	struct tmr tmr;
};

/* One expected invocation of the handler. */
struct sim_expect {
	unsigned num;              /* 1-based place in `expect` */
	char *event;
	char *type, *error, *digits;
	json_t *actions;           /* array of type names, or NULL */
	json_t *fields;            /* object: dotted path -> value, or NULL */
	bool has_at;
	uint64_t at_ms;
};

struct sim_scenario {
	char *path;                /* NULL: the default caller */
	char *from, *to;           /* to NULL: from the configuration */
	json_t *headers;           /* object, or NULL */
	struct sim_step *steps;
	size_t nsteps;
	uint64_t max_duration_ms;
	bool has_expect;
	struct sim_expect *expects;
	size_t nexpects;
	bool has_end;
	int end_sip_status;        /* 0: not checked */
	char *end_hangup_by;       /* "caller" / "server"; NULL: not checked */
	char *end_cause;           /* CDR hangup cause; NULL: not checked */
};

#define SIM_DEFAULT_FROM   "+15105550101"
#define SIM_DEFAULT_TO     "+15550100"
#define SIM_DEFAULT_MAX_MS 3600000u
#define SIM_DEFAULT_GAP_MS 100u
#define SIM_AT_TOLERANCE_MS 20u

/* Load FILE (a Lua file returning a table). On error fills err with
 * "FILE: field: reason" and returns EINVAL (or errno). */
int  sim_scenario_load(struct sim_scenario *sc, const char *path,
		       char *err, size_t errsz);
void sim_scenario_default(struct sim_scenario *sc);
void sim_scenario_free(struct sim_scenario *sc);

/* ---- the caller's signalling (sim_sig.c) ---- */

/* What the caller sees of the server; called on the loop thread from
 * the runtime's signalling ops. */
struct sim_sig_obs {
	void (*progress)(int status);
	void (*answered)(void);
	/* The leg ended from the server's side: a final error response
	 * (answered false) or a BYE. cause/reason are the leg's record. */
	void (*ended)(int status, bool answered, const char *cause,
		      const char *reason);
};

enum sim_leg_state { SIM_LEG_IDLE, SIM_LEG_OFFERED, SIM_LEG_ANSWERED,
		     SIM_LEG_ENDED };

extern const struct sig_ops sim_sig_ops;
void sim_sig_observe(const struct sim_sig_obs *obs);
/* Post the caller's INVITE (headers: object of strings, may be NULL). */
int  sim_sig_invite(const char *from, const char *to, json_t *headers);
enum sim_leg_state sim_sig_state(void);
void sim_sig_dtmf(char digit);
/* BYE when answered, CANCEL before. */
void sim_sig_hangup(void);

/* ---- the timeline (sim_out.c) ---- */

struct action;

/* One handler invocation as the simulator saw it. */
struct sim_inv {
	uint64_t t_ms;
	json_t *event;
	json_t *resp;              /* NULL: nil, or not yet returned */
	char *error;               /* why the response was refused */
	bool returned;
};

void sim_out_init(bool json);
bool sim_out_is_json(void);
void sim_out_invoke(uint64_t t_ms, const json_t *event);
void sim_out_response(uint64_t t_ms, const json_t *event, const json_t *resp,
		      const char *error);
void sim_out_action_start(uint64_t t_ms, const struct action *a,
			  bool answered);
void sim_out_action_end(uint64_t t_ms, const struct action *a,
			const char *outcome);
/* A caller line: what ("INVITE", "BYE", ...), text for the ladder, and
 * extra JSON members (a new reference, may be NULL). */
/* A line the handler printed during the invocation that started at t_ms
 * (any thread). */
void sim_out_print(uint64_t t_ms, const char *script, const char *text);
void sim_out_caller(uint64_t t_ms, const char *what, json_t *extra,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void sim_out_end(uint64_t t_ms, json_t *summary, const char *text);

/* ---- the configuration (sim_config.c) ---- */

struct config;

/* Options of the command that shape the configuration. */
struct sim_setup {
	const char *script;        /* the handler, absolute and resolved */
	const char *config;        /* -c FILE, or NULL */
	const char *storage;       /* --storage DIR, or NULL */
	const char *data_dir;      /* where cdr.sqlite goes (made by caller) */
	const char *to;            /* the scenario's number, or NULL */
};

/* Build cfg for one simulated call: FILE's settings (or the defaults),
 * the application whose Script is the handler (or a new "sim-sma"), and
 * a ToPhoneNumber rule that routes the called number to it. *top gets the
 * called number, *sma_idp the application's id (both owned by cfg or
 * static). Returns 0, or 2 with "FILE: field: reason" in err. */
int sim_config_build(struct config *cfg, const struct sim_setup *su,
		     const char **top, const char **sma_idp,
		     char *err, size_t errsz);

/* ---- expectations (sim_expect.c) ---- */

/* Check the invocations against sc's expectations and the end. Prints a
 * diff on stderr under title and returns false when one does not hold. */
struct sim_end {
	int sip_status;            /* final status the caller saw, 0: none */
	const char *hangup_by;     /* "caller", "server" or NULL */
	const char *cause;
	bool timed_out;
};
bool sim_expect_check(const char *title, const struct sim_scenario *sc,
		      const struct sim_inv *invs, size_t ninvs,
		      const struct sim_end *end);
/* "ACTION_FAILED (PlayAudio: InvalidAudioSource)" for diffs and the
 * ladder; buf is returned. */
const char *sim_event_summary(const json_t *event, char *buf, size_t size);
/* The types of the response's Actions: "[Speak, Hangup]", "[]", or
 * "(no Actions)". */
const char *sim_actions_summary(const json_t *resp, char *buf, size_t size);

#endif
