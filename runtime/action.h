/* action.h - the action contract. Each action type is one file under
 * actions/ exporting a const struct action_ops: its parameter table (data,
 * checked by one generic validator that produces the spec's ErrorType and
 * an ErrorMessage naming the field path), its flags, and its hooks. The
 * engine owns action instances; an action reports how it ended through
 * action_complete(), never by freeing itself. */
#ifndef CF_ACTION_H
#define CF_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "loop.h"

struct call;
struct leg;
struct action;

enum param_type {
	PARAM_STRING,      /* const char * */
	PARAM_INT,         /* int64_t; a JSON number or a numeric string (§0.5) */
	PARAM_BOOL,        /* bool */
	PARAM_OBJECT,      /* nested object described by .fields */
	PARAM_STRING_LIST, /* json_t * array of strings (borrowed) */
	PARAM_MAP,         /* json_t * object of string values (borrowed) */
};

struct param_spec {
	const char *name;
	enum param_type type;
	bool required;
	size_t off;                /* where the value goes in the action state */
	int64_t min, max;          /* PARAM_INT range; PARAM_STRING max length
				      (max 0 = unlimited); list max items */
	int64_t def;               /* PARAM_INT default (echoed) if has_def */
	bool has_def;
	const char *const *enums;  /* allowed strings, NULL-terminated */
	const struct param_spec *fields;   /* PARAM_OBJECT; {NULL} ends */
	/* ErrorType/ErrorMessage when this parameter (or anything below it) is
	 * missing or invalid; NULL = InvalidActionParameter and a message
	 * naming the path. */
	const char *error_type;
	const char *error_message;
	/* ErrorType/ErrorMessage when a required parameter is absent, where
	 * the spec gives a different one (Speak: MissingRequiredActionParameter). */
	const char *missing_type;
	const char *missing_message;
};

#define PARAM_END {.name = NULL}

enum action_flags {
	ACTION_ANSWERS       = 1 << 0,  /* answers an unanswered inbound leg first */
	ACTION_INTERRUPTIBLE = 1 << 1,  /* stopped at once by a call update */
};

/* How the action picks its leg (actions-1.md §0.2). */
enum leg_select {
	LEG_SELECT_DEFAULT,      /* CallId, else ParticipantTag, else invoked leg */
	LEG_SELECT_CALLID,       /* CallId required */
};

/* How an action ended. error_type NULL = success. data: extra ActionData
 * members (e.g. ReceivedDigits), a reference the engine takes; may be NULL. */
struct action_result {
	const char *error_type;
	char error_message[256];
	json_t *data;
};

struct action_ops {
	const char *type;                  /* "PlayAudio" */
	const struct param_spec *params;   /* {NULL}-terminated */
	size_t state_size;                 /* bytes of typed state, zeroed */
	unsigned flags;                    /* enum action_flags */
	enum leg_select leg_select;
	/* Semantic checks beyond the table (e.g. a file key that escapes its
	 * bucket). Return false and fill res to fail the action. */
	bool (*check)(struct action *a, struct action_result *res);
	/* Begin. The action ends later (or right away) by action_complete(). */
	void (*start)(struct action *a);
	/* Interrupted, cancelled, or its leg went away: release what start
	 * took. No action_complete() afterwards. Optional. */
	void (*stop)(struct action *a);
	/* A digit from the action's leg while it runs. Return true when the
	 * action consumed it (a ReceiveDigits listener then does not see it).
	 * Optional: without it digits pass by. */
	bool (*digit)(struct action *a, char digit);
};

struct action {
	const struct action_ops *ops;
	struct call *call;
	struct leg *leg;            /* the target leg */
	json_t *params;             /* echoed Parameters, defaults filled in */
	int64_t sequence;           /* invocation whose list held this action */
	int index;                  /* position in that list */
	uint64_t started_ms;
	uint64_t first_audio_ms;    /* set when its audio starts; CDR timeline */
	struct tmr tmr;             /* free for the action's own use */
	bool running, completed;
	bool cancelled;             /* stopped by the engine: no event */
	bool interrupted;           /* stopped by a call update (§8.4) */
	bool superseded;            /* its list was replaced while it ran */
	struct action_result result;
	void *state;                /* ops->state_size bytes, zeroed */
};

/* ---- registry ---- */
void action_register(const struct action_ops *ops);
const struct action_ops *action_find(const char *type);

/* ---- generic validation ----
 * Check params (may be NULL) against ops->params, fill typed values into
 * state and defaults into params. path prefixes field names in messages
 * ("Actions[2].Parameters"). On failure fills res and returns false. */
bool action_params_apply(const struct action_ops *ops, json_t *params,
			 const char *path,
			 void *state, struct action_result *res);

/* ---- services for action implementations ---- */
void action_complete(struct action *a, struct action_result *res);   /* res NULL = success */
void action_fail(struct action *a, const char *error_type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Play a loaded clip (whose reference this takes) to the action's leg:
 * on success the time from the action's start to its first audio (at most
 * one 20 ms frame away) is logged and kept for the CDR timeline; on
 * failure the action fails with SystemException. Returns 0 or errno. */
struct player;
struct audio_clip;
int action_play_clip(struct action *a, struct player *p,
		     struct audio_clip *clip, unsigned repeat,
		     void (*done)(void *arg), void *arg);

/* Resolve an S3-style source {BucketName, Key} to a file under the storage
 * root. Refuses keys that would leave the bucket. Returns 0 or EINVAL. */
int action_storage_path(const struct action *a, const char *bucket,
			const char *key, char *buf, size_t size);

#endif
