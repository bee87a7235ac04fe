/* engine.c - the invocation cycle and the action list (events.md §8):
 * events go to the handler one at a time per call, on a worker; responses
 * are checked (a refused one comes back as INVALID_LAMBDA_RESPONSE);
 * actions run in order; the list's outcome becomes the next event
 * (ACTION_SUCCESSFUL with the last action's data, or ACTION_FAILED for the
 * failed one, the rest dropped). A new list replaces the pending actions;
 * one delivered in reply to CALL_UPDATE_REQUESTED also interrupts a
 * running interruptible action (§8.4). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "cdr.h"
#include "clock.h"
#include "handler.h"
#include "log.h"
#include "response.h"
#include "utf8.h"

#define MAX_INVOCATIONS    1000      /* per call (§8.2) */
#define MAX_RESPONSE_BYTES (64u << 10)
/* How long past its wall-time budget a handler may stay in a C function
 * (a pathological string.find) before the call stops waiting for it. */
#define ABANDON_GRACE_MS   2000

struct pending_event {
	struct pending_event *next;
	char type[32];
	json_t *data;                /* ActionData or NULL */
};

struct invocation {
	struct call *call;           /* NULL once abandoned */
	char type[32];
	const char *script;          /* config-owned, immutable */
	struct handler_limits lim;
	json_t *event, *resp;
	/* Serialised on the worker so big documents never cost the loop. */
	char *event_text, *resp_text;
	size_t resp_bytes;
	enum handler_err rc;
	struct handler_error err;
	uint64_t invoked_ms, returned_ms, handler_us;
	struct tmr deadline;
};

static struct {
	struct workq *wq;
	bool stopped;
	unsigned abandoned;
	const struct engine_observer *obs;
} eng;

void engine_observe(const struct engine_observer *obs)
{
	eng.obs = obs;
}

void engine_init(struct workq *wq)
{
	eng.wq = wq;
	eng.stopped = false;
}

void engine_stop(void)
{
	eng.stopped = true;
}

unsigned engine_abandoned(void)
{
	return eng.abandoned;
}

bool engine_idle(const struct call *call)
{
	return !call->invoking && !call->events && !call->cur;
}

/* ---- invocation ---- */
static void invoke_work(void *arg)
{
	struct invocation *inv = arg;
	uint64_t t0 = clock_mono_us();

	inv->rc = handler_get()->invoke(inv->script, inv->event, &inv->lim,
					&inv->resp, &inv->err);
	inv->handler_us = clock_mono_us() - t0;
	free(inv->event_text);
	inv->event_text = json_dumps(inv->event, JSON_COMPACT);
	if (inv->resp) {
		inv->resp_text = json_dumps(inv->resp, JSON_COMPACT);
		inv->resp_bytes = inv->resp_text ? strlen(inv->resp_text) : 0;
	}
}

static void invoke_done(void *arg);
static void invoke_abandon(void *arg);
static void call_fail(struct call *call, const char *cause, const char *reason);

static void invocation_free(struct invocation *inv)
{
	tmr_close(&inv->deadline);
	json_decref(inv->event);
	json_decref(inv->resp);
	free(inv->event_text);
	free(inv->resp_text);
	free(inv);
}

static void invoke_submit(struct call *call, struct invocation *inv)
{
	inv->script = call->sma->script;
	inv->lim = calls_config()->limits;
	inv->invoked_ms = clock_wall_ms();
	json_decref(inv->resp);
	free(inv->resp_text);
	inv->resp = NULL;
	inv->resp_text = NULL;
	inv->resp_bytes = 0;
	memset(&inv->err, 0, sizeof(inv->err));
	call->invoking = true;
	if (eng.obs && eng.obs->invoked)
		eng.obs->invoked(call, inv->event);
	if (workq_submit(eng.wq, invoke_work, invoke_done, inv)) {
		inv->rc = HANDLER_ERUNTIME;
		snprintf(inv->err.message, sizeof(inv->err.message),
			 "out of memory queueing the invocation");
		invoke_done(inv);
		return;
	}
	if (inv->lim.wall_ms)
		tmr_start(&inv->deadline, inv->lim.wall_ms + ABANDON_GRACE_MS,
			  invoke_abandon, inv);
}

static void engine_pump(struct call *call)
{
	struct pending_event *pe = call->events;
	struct invocation *inv;

	if (call->invoking || !pe)
		return;
	call->events = pe->next;

	if (!call->handler_broken && !eng.stopped &&
	    call->sequence >= MAX_INVOCATIONS) {
		char reason[128];

		/* A call whose handler can no longer be asked would hang on
		 * forever: end it. */
		snprintf(reason, sizeof(reason), "%d handler invocations reached;"
			 " %s not delivered", MAX_INVOCATIONS, pe->type);
		call->handler_broken = true;
		call_fail(call, "invocation-limit", reason);
	}
	if (call->handler_broken || eng.stopped) {
		json_decref(pe->data);
		free(pe);
		engine_pump(call);
		return;
	}
	inv = calloc(1, sizeof(*inv));
	if (!inv) {
		json_decref(pe->data);
		free(pe);
		return;
	}
	inv->call = call;
	snprintf(inv->type, sizeof(inv->type), "%s", pe->type);
	call->sequence++;
	inv->event = event_build(call, pe->type, pe->data);
	json_decref(pe->data);
	free(pe);
	invoke_submit(call, inv);
}

void engine_invoke(struct call *call, const char *event_type,
		   json_t *action_data)
{
	struct pending_event *pe = calloc(1, sizeof(*pe)), **pp;

	if (!pe) {
		json_decref(action_data);
		return;
	}
	snprintf(pe->type, sizeof(pe->type), "%s", event_type);
	pe->data = action_data;
	for (pp = &call->events; *pp; pp = &(*pp)->next)
		;
	*pp = pe;
	engine_pump(call);
}

static void record_invocation(struct call *call, struct invocation *inv,
			      const char *error)
{
	struct cdr_invocation r = {
		.TransactionId = call->transaction_id,
		.sequence = json_integer_value(json_object_get(inv->event, "Sequence")),
		.event_type = inv->type,
		.invoked_ms = inv->invoked_ms,
		.returned_ms = inv->returned_ms,
		.handler_us = inv->handler_us,
		.event = inv->event,
		.response = inv->resp,
		.event_text = inv->event_text,
		.response_text = inv->resp_text,
		.error = error,
	};

	cdr_invocation_add(calls_cdr(), &r);
	if (eng.obs && eng.obs->returned)
		eng.obs->returned(call, inv->event, inv->resp, error);
}

/* End every live leg of the call because of an error of the application. */
static void call_fail(struct call *call, const char *cause, const char *reason)
{
	unsigned i;

	log_error("engine", "%s: %s: %s", call->transaction_id, cause, reason);
	call_hold(call);
	for (i = 0; i < call->nlegs; i++) {
		struct leg *leg = call->legs[i];

		if (leg->state == LEG_ENDED)
			continue;
		leg->failed = true;
		/* c.1: when the handler cannot be used the call ends with 480. */
		leg_hangup(leg, 480, cause, "system", reason);
	}
	/* Not freed here: every caller still holds the call. */
	call->hold--;
}

static bool has_live_leg(const struct call *call)
{
	unsigned i;

	for (i = 0; i < call->nlegs; i++)
		if (call->legs[i]->state != LEG_ENDED)
			return true;
	return false;
}

/* Events whose response the service ignores (§8.5). */
static bool response_ignored(const struct call *call, const char *type)
{
	return !strcmp(type, "NEW_OUTBOUND_CALL") || !strcmp(type, "RINGING") ||
	       !strcmp(type, "ACTION_INTERRUPTED") ||
	       (!strcmp(type, "HANGUP") && !has_live_leg(call));
}

/* §9: {} clears, a map updates or adds, absent or null keeps. The limits
 * hold for the stored map, not just for one response. Returns NULL or why
 * the update was refused. */
static bool attrs_apply(struct call *call, json_t *attrs,
			struct response_error *err)
{
	json_t *merged;

	if (!json_is_object(attrs))
		return true;
	if (!json_object_size(attrs)) {
		json_decref(call->attrs);
		call->attrs = NULL;
		return true;
	}
	merged = call->attrs ? json_copy(call->attrs) : json_object();
	json_object_update(merged, attrs);
	if (!response_attrs_check(merged, err)) {
		json_decref(merged);
		return false;
	}
	json_decref(call->attrs);
	call->attrs = merged;
	return true;
}

static void list_set(struct call *call, json_t *acts, int64_t seq)
{
	json_decref(call->list);
	call->list = json_is_array(acts) ? json_incref(acts) : json_array();
	call->list_pos = 0;
	call->list_seq = seq;
	engine_schedule(call);
}

static bool handler_retry(struct call *call, struct invocation *inv)
{
	const struct cfg_rule *rule = call->rule;

	/* §2.2: a handler that cannot be invoked on the first event fails
	 * over to the next target application. */
	if ((inv->rc == HANDLER_ELOAD || inv->rc == HANDLER_ENOFUNC) &&
	    call->state == CALL_ROUTING && rule &&
	    call->target + 1 < rule->ntargets) {
		call->target++;
		call->sma = rule->targets[call->target].sma;
		log_warn("engine", "%s: failing over to %s", call->transaction_id,
			 call->sma->id);
		/* The event names the application: build it anew. */
		json_decref(inv->event);
		inv->event = event_build(call, inv->type, NULL);
		return true;
	}
	/* c.1: one retry of a failed invocation, not of HANGUP. */
	if (inv->rc != HANDLER_ELOAD && inv->rc != HANDLER_ENOFUNC &&
	    !call->retries && strcmp(inv->type, "HANGUP")) {
		call->retries++;
		return true;
	}
	return false;
}

/* The handler is stuck past its budget inside a C function, where the
 * interpreter's hook cannot stop it. Stop waiting: the call ends, a fresh
 * worker takes the stuck one's place, and the invocation is freed when (if)
 * its worker comes back. */
static void invoke_abandon(void *arg)
{
	struct invocation *inv = arg;
	struct call *call = inv->call;
	char reason[160];

	inv->call = NULL;
	eng.abandoned++;
	workq_add_thread(eng.wq);
	snprintf(reason, sizeof(reason), "handler did not return within %llu ms"
		 " (stuck in a library call); worker abandoned",
		 (unsigned long long)inv->lim.wall_ms + ABANDON_GRACE_MS);
	call->invoking = false;
	call->handler_broken = true;
	call_hold(call);
	call_fail(call, "handler-error", reason);
	engine_pump(call);
	call_release(call);
}

/* Returns true when the response can be used (its TransactionAttributes
 * are then stored), else false with err filled. */
static bool invoke_check(struct call *call, struct invocation *inv,
			 struct response_error *err)
{
	if (inv->resp_bytes > MAX_RESPONSE_BYTES) {
		err->type = "ResponseTooLarge";
		snprintf(err->message, sizeof(err->message), "The response "
			 "is %zu bytes (at most %u)", inv->resp_bytes,
			 MAX_RESPONSE_BYTES);
		return false;
	}
	return response_check(inv->resp, inv->type, err) &&
	       attrs_apply(call, json_object_get(inv->resp,
			   "TransactionAttributes"), err);
}

/* §7.9: the refused response comes back to the handler, which may answer
 * with a usable one; a refused answer to that ends the call (§8.6: these
 * conditions hang up). The running list is left as it was. */
static void invoke_refused(struct call *call, struct invocation *inv,
			   const struct response_error *err)
{
	char reason[600];

	log_warn("engine", "%s: invalid response to %s: %s: %s",
		 call->transaction_id, inv->type, err->type, err->message);
	if (!has_live_leg(call))   /* the caller left meanwhile: HANGUP next */
		return;
	if (strcmp(inv->type, "INVALID_LAMBDA_RESPONSE")) {
		engine_invoke(call, "INVALID_LAMBDA_RESPONSE",
			      json_pack("{s:s, s:s}", "ErrorType", err->type,
					"ErrorMessage", err->message));
		return;
	}
	snprintf(reason, sizeof(reason), "invalid handler response to %s: "
		 "%s: %s", inv->type, err->type, err->message);
	call_fail(call, "invalid-response", reason);
}

/* §8.4: stop a running interruptible action for a list that came with a
 * call update; the handler hears of it first, in ACTION_INTERRUPTED. */
static void action_interrupt(struct call *call)
{
	struct action *a = call->cur;

	if (!a || a->completed || !(a->ops->flags & ACTION_INTERRUPTIBLE))
		return;
	if (a->running && a->ops->stop)
		a->ops->stop(a);
	a->running = false;
	a->completed = true;
	a->interrupted = true;
	engine_invoke(call, "ACTION_INTERRUPTED",
		      json_pack("{s:s, s:O}", "Type", a->ops->type,
				"Parameters", a->params));
	engine_schedule(call);
}

/* Run the list of a usable response. Absent or null Actions keep what
 * runs (§8.5). */
static void invoke_apply(struct call *call, struct invocation *inv)
{
	json_t *acts = json_object_get(inv->resp, "Actions");

	if (!acts || json_is_null(acts))
		return;
	if (!strcmp(inv->type, "CALL_UPDATE_REQUESTED"))
		action_interrupt(call);
	/* The action still running belongs to the old list: it finishes,
	 * but its result is no longer reported. */
	if (call->cur && !call->cur->interrupted)
		call->cur->superseded = true;
	list_set(call, acts, json_integer_value(json_object_get(inv->event,
						"Sequence")));
}

static void invoke_done(void *arg)
{
	struct invocation *inv = arg;
	struct call *call = inv->call;
	struct response_error rerr = {0};
	char reason[600];

	if (!call) {                 /* abandoned earlier */
		eng.abandoned--;
		invocation_free(inv);
		return;
	}
	tmr_cancel(&inv->deadline);
	call_hold(call);
	inv->returned_ms = clock_wall_ms();
	if (inv->rc != HANDLER_OK) {
		log_warn("engine", "%s: %s handler %s: %s", call->transaction_id,
			 inv->type, handler_err_name(inv->rc), inv->err.message);
		record_invocation(call, inv, inv->err.message);
		if (!eng.stopped && has_live_leg(call) && handler_retry(call, inv)) {
			invoke_submit(call, inv);
			call_release(call);
			return;
		}
		snprintf(reason, sizeof(reason), "handler %s: %s",
			 handler_err_name(inv->rc), inv->err.message);
		call->handler_broken = true;
		call_fail(call, "handler-error", reason);
		goto out;
	}
	call->retries = 0;
	if (call->state == CALL_ROUTING)
		call->state = CALL_ACTIVE;
	if (response_ignored(call, inv->type)) {
		record_invocation(call, inv, NULL);
		goto out;
	}
	if (!invoke_check(call, inv, &rerr)) {
		snprintf(reason, sizeof(reason), "%s: %s", rerr.type,
			 rerr.message);
		record_invocation(call, inv, reason);
		invoke_refused(call, inv, &rerr);
		goto out;
	}
	record_invocation(call, inv, NULL);
	invoke_apply(call, inv);
out:
	invocation_free(inv);
	call->invoking = false;
	engine_pump(call);
	call_release(call);
}

/* ---- the action list ---- */
static void action_free(struct action *a)
{
	tmr_close(&a->tmr);
	json_decref(a->params);
	json_decref(a->result.data);
	free(a);
}

static const char *action_outcome(const struct action *a)
{
	return a->cancelled ? "Cancelled" : a->interrupted ? "Interrupted" :
	       a->superseded ? "Superseded" :
	       a->result.error_type ? "Failed" : "Succeeded";
}

static void record_action(struct call *call, const struct action *a)
{
	struct cdr_action r = {
		.TransactionId = call->transaction_id,
		.sequence = a->sequence,
		.index = a->index,
		.type = a->ops->type,
		.result = action_outcome(a),
		.error_type = a->result.error_type,
		.error_message = a->result.error_type ? a->result.error_message : NULL,
		.started_ms = a->started_ms,
		.ended_ms = clock_wall_ms(),
		.first_audio_ms = a->first_audio_ms,
	};

	cdr_action_add(calls_cdr(), &r);
	if (eng.obs && eng.obs->action_end)
		eng.obs->action_end(call, a, r.result);
}

static void list_drop(struct call *call)
{
	json_decref(call->list);
	call->list = NULL;
	call->list_pos = 0;
}

/* The current action ended: report it as the spec says (§8.3). */
static void action_finish(struct call *call)
{
	struct action *a = call->cur;
	bool last;

	call->cur = NULL;
	if (a->result.error_type)   /* a bounded print may cut a character */
		utf8_clean(a->result.error_message);
	record_action(call, a);
	last = !call->list || call->list_pos >= json_array_size(call->list);
	if (a->cancelled || !has_live_leg(call)) {
		/* HANGUP reports a leg that went away; no ACTION_* after it. */
	} else if (a->interrupted || a->superseded) {
		/* Reported by ACTION_INTERRUPTED, or replaced by a newer list
		 * (§8.4): the new list goes on. */
	} else if (a->result.error_type) {
		log_info("engine", "%s: %s failed: %s: %s", call->transaction_id,
			 a->ops->type, a->result.error_type, a->result.error_message);
		list_drop(call);
		engine_invoke(call, "ACTION_FAILED", event_action_data(a));
	} else if (last) {
		list_drop(call);
		engine_invoke(call, "ACTION_SUCCESSFUL", event_action_data(a));
	}
	action_free(a);
}

static bool leg_select(struct action *a, const char *path,
		       struct action_result *res)
{
	json_t *cid = json_object_get(a->params, "CallId");
	json_t *tag = json_object_get(a->params, "ParticipantTag");
	struct call *call = a->call;

	res->error_type = "InvalidActionParameter";
	if (cid && !json_is_string(cid)) {
		snprintf(res->error_message, sizeof(res->error_message),
			 "%s.CallId must be a string", path);
		return false;
	}
	if (tag && !json_is_string(tag)) {
		snprintf(res->error_message, sizeof(res->error_message),
			 "%s.ParticipantTag must be a string", path);
		return false;
	}
	if (!cid && a->ops->leg_select == LEG_SELECT_CALLID) {
		snprintf(res->error_message, sizeof(res->error_message),
			 "%s.CallId is required", path);
		return false;
	}
	if (cid) {   /* CallId wins over ParticipantTag (§0.2) */
		a->leg = call_find_leg(call, json_string_value(cid), NULL);
		if (!a->leg)
			snprintf(res->error_message, sizeof(res->error_message),
				 "%s.CallId '%s' is not a participant of this "
				 "call", path, json_string_value(cid));
	} else if (tag) {
		a->leg = call_find_leg(call, NULL, json_string_value(tag));
		if (!a->leg)
			snprintf(res->error_message, sizeof(res->error_message),
				 "%s.ParticipantTag '%s' is not a participant of "
				 "this call", path, json_string_value(tag));
	} else {
		a->leg = call->legs[0];
	}
	if (a->leg && a->leg->state == LEG_ENDED) {
		snprintf(res->error_message, sizeof(res->error_message),
			 "%s: leg %s has hung up", path, a->leg->tag);
		a->leg = NULL;
	}
	if (a->leg)
		res->error_type = NULL;
	return a->leg != NULL;
}

static bool action_prepare(struct action *a, struct action_result *res)
{
	char path[48];
	int err;

	snprintf(path, sizeof(path), "Actions[%d].Parameters", a->index);
	if (!action_params_apply(a->ops, a->params, path, a->state, res))
		return false;
	if (!leg_select(a, path, res))
		return false;
	if (a->ops->check && !a->ops->check(a, res))
		return false;
	if ((a->ops->flags & ACTION_ANSWERS) && a->leg->state == LEG_OFFERED) {
		err = leg_answer(a->leg);
		if (err) {
			res->error_type = "SystemException";
			snprintf(res->error_message, sizeof(res->error_message),
				 "System error while running action: cannot "
				 "answer the call (%s)", strerror(err));
			return false;
		}
	}
	return true;
}

/* Start the next action of the list. Returns false when there is none. */
static bool action_next(struct call *call)
{
	const struct action_ops *ops;
	struct action_result res = {0};
	struct action *a;
	json_t *item, *params;

	if (!call->list)
		return false;
	/* An empty list, or a replaced list run out: nothing is pending,
	 * which the 30 s rule for unanswered calls must see. */
	if (call->list_pos >= json_array_size(call->list)) {
		list_drop(call);
		return false;
	}
	if (!has_live_leg(call)) {
		list_drop(call);
		return false;
	}
	item = json_array_get(call->list, call->list_pos);
	ops = action_find(json_string_value(json_object_get(item, "Type")));
	a = calloc(1, sizeof(*a) + ops->state_size);
	if (!a) {
		list_drop(call);
		return false;
	}
	a->state = a + 1;
	a->ops = ops;
	a->call = call;
	a->index = (int)call->list_pos++;
	a->sequence = call->list_seq;
	params = json_object_get(item, "Parameters");
	a->params = json_is_object(params) ? json_deep_copy(params) :
		    json_is_array(params) && !json_array_size(params) ?
		    json_object() : params ? json_incref(params) : json_object();
	a->started_ms = clock_wall_ms();
	call->cur = a;
	if (eng.obs && eng.obs->action_start)
		eng.obs->action_start(call, a);

	if (!action_prepare(a, &res)) {
		action_complete(a, &res);
		return true;
	}
	log_debug("engine", "%s: %s starts on %s", call->transaction_id,
		  ops->type, a->leg->tag);
	a->running = true;
	ops->start(a);
	return true;
}

static void idle_expired(void *arg)
{
	struct call *call = arg;
	struct leg *leg = call->legs[0];

	if (leg->state != LEG_OFFERED || call->cur || !engine_idle(call))
		return;
	leg->failed = true;
	leg_hangup(leg, 480, "unanswered-timeout", "system",
		   "no action answered the call within 30 seconds");
}

/* §8.2: an inbound call left unanswered with nothing to do times out. */
static void idle_check(struct call *call)
{
	bool idle = !call->cur && !call->invoking && !call->events &&
		    !call->list && call->nlegs &&
		    call->legs[0]->state == LEG_OFFERED;

	if (!idle)
		tmr_cancel(&call->idle_tmr);
	else if (!tmr_isrunning(&call->idle_tmr))
		tmr_start(&call->idle_tmr, calls_config()->unanswered_timeout_ms,
			  idle_expired, call);
}

static void engine_step(void *arg)
{
	struct call *call = arg;

	/* Nothing below frees the call while cur is set; call_maybe_free
	 * runs last. */
	for (;;) {
		if (call->cur) {
			if (!call->cur->completed)
				break;
			action_finish(call);
			continue;
		}
		if (!action_next(call))
			break;
	}
	idle_check(call);
	call_maybe_free(call);
}

void engine_schedule(struct call *call)
{
	tmr_defer(&call->step_tmr, engine_step, call);
}

void engine_cancel(struct call *call)
{
	struct action *a = call->cur;

	list_drop(call);
	if (!a || a->completed)
		return;
	if (a->running && a->ops->stop)
		a->ops->stop(a);
	a->running = false;
	a->completed = true;
	a->cancelled = true;
	engine_schedule(call);
}

void engine_free(struct call *call)
{
	struct pending_event *pe;

	tmr_close(&call->step_tmr);
	tmr_close(&call->idle_tmr);
	while ((pe = call->events)) {
		call->events = pe->next;
		json_decref(pe->data);
		free(pe);
	}
	list_drop(call);
	if (call->cur)
		action_free(call->cur);
	call->cur = NULL;
}

int engine_update_check(const json_t *args, char *msg, size_t sz)
{
	const char *key;
	json_t *v;

	if (!json_is_object(args)) {
		snprintf(msg, sz, "Arguments must be an object of string "
			 "key-value pairs");
		return EINVAL;
	}
	if (json_object_size(args) > UPDATE_ARGS_MAX) {
		snprintf(msg, sz, "Arguments has %zu key-value pairs; at most "
			 "%d are allowed", json_object_size(args),
			 UPDATE_ARGS_MAX);
		return EINVAL;
	}
	json_object_foreach((json_t *)args, key, v) {
		if (!json_is_string(v)) {
			snprintf(msg, sz, "Arguments.%.128s: the value must be "
				 "a string", key);
			utf8_clean(msg);
			return EINVAL;
		}
	}
	return 0;
}

int engine_update(const char *sma_id, const char *transaction_id,
		  json_t *arguments)
{
	struct call *call;
	json_t *data;

	if (!config_find_sma(calls_config(), sma_id))
		return ENOENT;
	call = call_find(transaction_id);
	if (!call || strcmp(call->sma->id, sma_id) || !has_live_leg(call) ||
	    call->handler_broken || eng.stopped)
		return ESRCH;
	data = json_pack("{s:s, s:{s:o}}", "Type", "CallUpdateRequest",
			 "Parameters", "Arguments",
			 json_is_object(arguments) ? json_deep_copy(arguments) :
			 json_object());
	if (!data)
		return ENOMEM;
	engine_invoke(call, "CALL_UPDATE_REQUESTED", data);
	return 0;
}
