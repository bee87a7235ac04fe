/* cdr.h - the call detail record store (SQLite, WAL) at <data>/cdr.sqlite.
 *
 * A row per call leg is written when the leg starts and completed when it
 * ends, so a crash leaves evidence; cdr_open() closes rows a previous run
 * left open as Failed with a reason. Writers are asynchronous: the cdr_*
 * write calls copy their arguments and queue them to the store's own writer
 * thread, so the loop never waits for disk. Readers (the CLI) use the
 * synchronous query functions on a store opened read-only. */
#ifndef CF_CDR_H
#define CF_CDR_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

#include "media.h"

struct cdr_store;

/* One leg. Field names follow the SMA CDR (sip-cdr-limits.md b.2); the
 * lower-case ones are callflow's additions. Strings may be NULL. */
struct cdr_leg {
	/* SMA CDR fields */
	const char *AwsAccountId;
	const char *TransactionId;
	const char *CallId;
	const char *VoiceConnectorId;
	const char *Status;                 /* "InProgress", "Completed", "Failed" */
	uint64_t    BillableDurationSeconds;
	const char *SchemaVersion;          /* "2.0" */
	const char *SourcePhoneNumber;
	const char *SourcePhoneNumberName;
	const char *DestinationPhoneNumber;
	const char *DestinationPhoneNumberName;
	const char *UsageType;
	const char *ServiceCode;
	const char *Direction;              /* "Inbound" / "Outbound" */
	uint64_t    TimeStampEpochSeconds;  /* leg start */
	const char *Region;
	const char *SipRuleId;
	const char *SipApplicationId;
	const char *CallLegTriggerType;     /* e.g. "ToPhoneNumber" */
	uint64_t    BillableVoiceFocusSeconds;
	/* callflow additions */
	const char *participant_tag;        /* "LEG-A" */
	const char *sip_call_id;
	const char *remote;                 /* transport:addr:port */
	const char *script;                 /* handler script path */
	uint64_t    start_ms, answer_ms, end_ms;   /* epoch ms; 0 = never */
	int         sip_status;             /* final SIP status we sent/received */
	const char *hangup_cause;           /* e.g. "caller-bye", "handler-hangup",
					       "no-route", "handler-error" */
	const char *hangup_by;              /* "caller", "application", "system" */
	const char *reason;                 /* human-readable detail */
	const char *codec;                  /* "PCMU" */
	struct rtp_stats rtp;
};

int  cdr_open(const char *data_dir, bool readonly, struct cdr_store **stp);
void cdr_close(struct cdr_store *st);   /* flushes queued writes */

/* Asynchronous writes (loop thread). Copies everything it needs. */
void cdr_leg_begin(struct cdr_store *st, const struct cdr_leg *leg);
void cdr_leg_update(struct cdr_store *st, const struct cdr_leg *leg);  /* e.g. answered */
void cdr_leg_end(struct cdr_store *st, const struct cdr_leg *leg);

/* One handler invocation of the call's timeline. event/response/results are
 * borrowed (serialised before returning); response may be NULL. */
struct cdr_invocation {
	const char *TransactionId;
	int64_t     sequence;
	const char *event_type;
	uint64_t    invoked_ms, returned_ms;   /* epoch ms */
	uint64_t    handler_us;                /* time inside the handler */
	json_t     *event;
	json_t     *response;
	/* The same, already serialised (preferred: keeps json_dumps off the
	 * loop thread); used instead of event/response when set. */
	const char *event_text, *response_text;
	const char *error;                     /* handler/validation error, or NULL */
};
void cdr_invocation_add(struct cdr_store *st, const struct cdr_invocation *inv);

/* The result of an action (success, failure with ErrorType, interrupted),
 * for the timeline. */
struct cdr_action {
	const char *TransactionId;
	int64_t     sequence;         /* invocation whose list held the action */
	int         index;            /* position in that list */
	const char *type;
	const char *result;           /* "Succeeded", "Failed", "Interrupted", "Cancelled" */
	const char *error_type, *error_message;
	uint64_t    started_ms, ended_ms;
	uint64_t    first_audio_ms;   /* epoch ms its first audio was mixed; 0 = none */
};
void cdr_action_add(struct cdr_store *st, const struct cdr_action *act);

/* One recording (RecordAudio or a leg's call recording, decision 6 of
 * the recording work): begun when the recorder starts (status
 * "Recording"), ended when its file is closed ("Completed") or writing
 * failed ("Failed", with the reason). A row is known by its path: end
 * completes the newest "Recording" row with that path, or adds the row
 * when there is none (a recording that failed at once). */
struct cdr_recording {
	const char *TransactionId;
	const char *CallId;
	const char *kind;             /* "RecordAudio", "CallRecording" */
	const char *track;            /* "INCOMING", "OUTGOING", "BOTH" */
	const char *path;             /* absolute file path */
	const char *bucket, *key;
	const char *status;           /* "Recording", "Completed", "Failed",
					 "Recovered"; NULL = "Recording" at
					 begin, "Completed" at end */
	const char *reason;           /* why it ended or failed; may be NULL */
	uint64_t    started_ms, ended_ms;   /* epoch ms */
	uint64_t    duration_ms;      /* audio in the file */
	uint64_t    bytes;            /* file size */
};
void cdr_recording_begin(struct cdr_store *st, const struct cdr_recording *r);
void cdr_recording_end(struct cdr_store *st, const struct cdr_recording *r);

/* At start, before any call: every recording still "Recording" belongs to
 * a run that stopped while writing it. repair(path) (rec_repair) fixes its
 * file; the row becomes "Recovered" with its size and duration, or
 * "Failed" with the repair error. Runs repair on the calling thread.
 * Returns 0 or errno (the store could not be read or written). */
int cdr_recordings_recover(struct cdr_store *st,
			   int (*repair)(const char *path));

/* Blocks until every queued write is on disk (tests, shutdown). */
void cdr_flush(struct cdr_store *st);

/* ---- queries (synchronous; CLI) ----
 * Legs as JSON objects with the field names above (numbers as JSON numbers,
 * plus "rtp": {...}), newest first. */
int cdr_query_legs(struct cdr_store *st, unsigned limit, json_t **arrp);
/* A whole call: {"Legs": [...], "Timeline": [invocations and actions in
 * time order], "Recordings": [...]}. ENOENT when the transaction is
 * unknown. */
int cdr_query_call(struct cdr_store *st, const char *transaction_id,
		   json_t **callp);

#endif
