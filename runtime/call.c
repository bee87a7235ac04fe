/* call.c - calls and legs: inbound INVITE to routed call, answer, hang-up,
 * the leg state machine and the call detail record of each leg. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "call_priv.h"
#include "cdr.h"
#include "clock.h"
#include "log.h"
#include "route.h"
#include "sig.h"

#define LEG_HASH_SIZE 4096

static struct {
	const struct config *cfg;
	struct cdr_store *cdr;
	struct call *calls;
	unsigned ncalls;
	struct leg *by_sig[LEG_HASH_SIZE];
} g;

const struct config *calls_config(void) { return g.cfg; }
struct cdr_store *calls_cdr(void) { return g.cdr; }
unsigned calls_active(void) { return g.ncalls; }

const char *leg_state_name(enum leg_state s)
{
	static const char *const names[] = {"OFFERED", "ANSWERED", "CONNECTED",
					    "ENDED"};
	return s <= LEG_ENDED ? names[s] : "?";
}

const char *call_state_name(enum call_state s)
{
	static const char *const names[] = {"ROUTING", "ACTIVE", "ENDING", "DONE"};
	return s <= CALL_DONE ? names[s] : "?";
}

static void leg_set_state(struct leg *leg, enum leg_state st)
{
	log_debug("call", "%s %s: %s -> %s", leg->call->transaction_id,
		  leg->tag, leg_state_name(leg->state), leg_state_name(st));
	leg->state = st;
}

void call_uuid(char *buf)
{
	uint8_t b[16];

	if (getrandom(b, sizeof(b), 0) != sizeof(b)) {
		uint64_t t = clock_mono_us() ^ (uintptr_t)buf;

		memcpy(b, &t, 8);
		memcpy(b + 8, &t, 8);
	}
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);   /* version 4 */
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(buf, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
		 b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* ---- the sig_id → leg hash ---- */
static struct leg **hash_slot(uint64_t id)
{
	return &g.by_sig[(id * 0x9E3779B97F4A7C15ull) >> 52];
}

void call_leg_track(struct leg *leg)
{
	struct leg **slot = hash_slot(leg->sig_id);

	leg->hnext = *slot;
	*slot = leg;
}

static void hash_del(struct leg *leg)
{
	struct leg **pp;

	for (pp = hash_slot(leg->sig_id); *pp; pp = &(*pp)->hnext)
		if (*pp == leg) {
			*pp = leg->hnext;
			return;
		}
}

struct leg *call_leg_by_sig(uint64_t id)
{
	struct leg *leg;

	for (leg = *hash_slot(id); leg; leg = leg->hnext)
		if (leg->sig_id == id)
			return leg;
	return NULL;
}

/* ---- CDR ---- */
static const char *strip_plus(const char *n)
{
	/* The SMA CDR writes numbers without the leading '+' (b.3). */
	return n && n[0] == '+' ? n + 1 : n;
}

static void leg_cdr(const struct leg *leg, void (*write)(struct cdr_store *,
		    const struct cdr_leg *))
{
	const struct call *call = leg->call;
	const struct cfg_phone *src = route_find_phone(g.cfg, leg->from ? leg->from : "");
	const struct cfg_phone *dst = route_find_phone(g.cfg, leg->to ? leg->to : "");
	struct cdr_leg r = {0};

	r.AwsAccountId = g.cfg->account_id;
	r.TransactionId = call->transaction_id;
	r.CallId = leg->call_id;
	r.VoiceConnectorId = "";
	r.Status = leg->state != LEG_ENDED ? "InProgress" :
		   leg->failed ? "Failed" : "Completed";
	if (leg->answer_ms && leg->end_ms > leg->answer_ms)
		r.BillableDurationSeconds = (leg->end_ms - leg->answer_ms + 999) / 1000;
	r.SchemaVersion = "2.0";
	r.SourcePhoneNumber = strip_plus(leg->from);
	r.SourcePhoneNumberName = src ? src->name : NULL;
	r.DestinationPhoneNumber = strip_plus(leg->to);
	r.DestinationPhoneNumberName = dst ? dst->name : NULL;
	r.UsageType = "callflow-inbound-minutes";
	r.ServiceCode = "callflow";
	r.Direction = leg->direction;
	r.TimeStampEpochSeconds = leg->start_ms / 1000;
	r.Region = call->sma ? call->sma->region : g.cfg->region;
	r.SipRuleId = call->rule ? call->rule->id : NULL;
	r.SipApplicationId = call->sma ? call->sma->id : NULL;
	r.CallLegTriggerType = !call->rule ? NULL :
		call->rule->trigger == TRIGGER_TO_PHONE_NUMBER ?
		"ToPhoneNumber" : "RequestUriHostname";
	r.participant_tag = leg->tag;
	r.sip_call_id = leg->sip_call_id;
	r.remote = leg->remote;
	r.script = call->sma ? call->sma->script : NULL;
	r.start_ms = leg->start_ms;
	r.answer_ms = leg->answer_ms;
	r.end_ms = leg->end_ms;
	r.sip_status = leg->sip_status;
	r.hangup_cause = leg->hangup_cause;
	r.hangup_by = leg->hangup_by;
	r.reason = leg->reason[0] ? leg->reason : NULL;
	r.codec = leg->neg.codec.name[0] ? leg->neg.codec.name : NULL;
	r.rtp = leg->rtp;
	write(g.cdr, &r);
}

/* ---- lifetime ---- */
static void leg_free(struct leg *leg)
{
	if (!leg)
		return;
	media_leg_free(leg->media);
	leg_set_listener(leg, NULL);
	json_decref(leg->sip_headers);
	free(leg->from);
	free(leg->to);
	free(leg->sip_call_id);
	free(leg->remote);
	free(leg);
}

void call_maybe_free(struct call *call)
{
	struct call **pp;
	unsigned i;

	if (call->hold)
		return;
	for (i = 0; i < call->nlegs; i++)
		if (call->legs[i]->state != LEG_ENDED)
			return;
	if (!engine_idle(call))
		return;

	for (pp = &g.calls; *pp; pp = &(*pp)->next)
		if (*pp == call) {
			*pp = call->next;
			g.ncalls--;
			break;
		}
	log_info("call", "%s: ended", call->transaction_id);
	engine_free(call);
	for (i = 0; i < call->nlegs; i++)
		leg_free(call->legs[i]);
	json_decref(call->attrs);
	free(call);
}

void call_hold(struct call *call)
{
	call->hold++;
}

void call_release(struct call *call)
{
	if (call->hold)
		call->hold--;
	call_maybe_free(call);
}

struct call *call_find(const char *transaction_id)
{
	struct call *c;

	for (c = g.calls; c; c = c->next)
		if (!strcmp(c->transaction_id, transaction_id))
			return c;
	return NULL;
}

struct leg *call_find_leg(struct call *call, const char *call_id,
			  const char *tag)
{
	unsigned i;

	for (i = 0; i < call->nlegs; i++) {
		struct leg *leg = call->legs[i];

		if (call_id ? !strcmp(leg->call_id, call_id) :
		    (tag && !strcmp(leg->tag, tag)))
			return leg;
	}
	return NULL;
}

/* ---- digits ---- */
void leg_set_listener(struct leg *leg, struct digit_listener *l)
{
	if (leg->listener)
		leg->listener->free(leg->listener);
	leg->listener = l;
}

void leg_digit(struct leg *leg, char digit)
{
	struct action *a = leg->call->cur;

	if (leg->state == LEG_ENDED)
		return;
	log_info("call", "%s %s: digit %c", leg->call->transaction_id,
		 leg->tag, digit);
	if (a && a->leg == leg && a->running && a->ops->digit &&
	    a->ops->digit(a, digit))
		return;
	/* Outside an armed ReceiveDigits digits are dropped (§13). */
	if (leg->listener)
		leg->listener->digit(leg->listener, digit);
}

static void leg_media_digit(char digit, unsigned duration_ms, void *arg)
{
	(void)duration_ms;
	leg_digit(arg, digit);
}

/* ---- ending ---- */
void leg_ended(struct leg *leg)
{
	struct call *call = leg->call;
	json_t *data;

	leg->end_ms = clock_wall_ms();
	leg_set_state(leg, LEG_ENDED);
	/* What uses the leg's media (the running action's player, recorders)
	 * lets go of it before it is freed. */
	engine_cancel(call);
	if (leg->recording)
		leg->recording->leg_gone(leg->recording);
	if (leg->media) {
		media_leg_stats(leg->media, &leg->rtp);
		media_leg_free(leg->media);
		leg->media = NULL;
	}
	hash_del(leg);
	leg_set_listener(leg, NULL);
	log_info("call", "%s %s: ended (%s by %s, SIP %d)%s%s",
		 call->transaction_id, leg->tag, leg->hangup_cause,
		 leg->hangup_by, leg->sip_status, leg->reason[0] ? ": " : "",
		 leg->reason);
	leg_cdr(leg, cdr_leg_end);

	if (call->state == CALL_ACTIVE && !call->handler_broken) {
		data = json_pack("{s:s, s:{s:i, s:s, s:s}}", "Type", "Hangup",
				 "Parameters",
				 "SipResponseCode", leg->sip_status >= 300 &&
				 leg->sip_status != 487 ? leg->sip_status : 0,
				 "CallId", leg->call_id,
				 "ParticipantTag", leg->tag);
		engine_invoke(call, "HANGUP", data);
	}
	call_maybe_free(call);
}

/* A Hangup's SipResponseCode before answer becomes the rejection status:
 * 480 and 486 as given, 0 ("normal") as 603 Decline. */
static int reject_status(int code)
{
	return code >= 400 && code <= 699 ? code : 603;
}

void leg_hangup(struct leg *leg, int code, const char *cause,
		const char *by, const char *reason)
{
	const struct sig_ops *sig = sig_get();

	if (leg->state == LEG_ENDED)
		return;
	leg->hangup_cause = cause;
	leg->hangup_by = by;
	if (reason)
		snprintf(leg->reason, sizeof(leg->reason), "%s", reason);
	if (leg->state == LEG_OFFERED) {
		leg->sip_status = reject_status(code);
		sig->reject(leg->sig_id, leg->sip_status, NULL);
	} else {
		leg->sip_status = code;
		sig->hangup(leg->sig_id);
	}
	leg_ended(leg);
}

int leg_answer(struct leg *leg)
{
	char sdp[1024];
	int n, err;

	if (leg->state != LEG_OFFERED)
		return leg->state == LEG_ENDED ? ENOTCONN : 0;
	n = sdp_render_answer(sdp, sizeof(sdp), &leg->neg,
			      media_leg_local_addr(leg->media),
			      media_leg_local_port(leg->media),
			      leg->start_ms, 1);
	if (n < 0)
		return ENOSPC;
	err = media_leg_start(leg->media, &leg->neg);
	if (err)
		return err;
	media_leg_set_digit_handler(leg->media, leg_media_digit, leg);
	sig_get()->answer(leg->sig_id, sdp);
	leg->sip_status = 200;
	leg->answer_ms = clock_wall_ms();
	leg_set_state(leg, LEG_ANSWERED);
	leg_cdr(leg, cdr_leg_update);
	return 0;
}

void call_leg_cdr_begin(struct leg *leg)
{
	leg_cdr(leg, cdr_leg_begin);
}

void call_link(struct call *call)
{
	call->next = g.calls;
	g.calls = call;
	g.ncalls++;
}

int calls_init(const struct config *cfg, struct cdr_store *cdr,
	       struct workq *handler_wq)
{
	g.cfg = cfg;
	g.cdr = cdr;
	engine_init(handler_wq);
	calls_sig_attach();
	return 0;
}

/* Shutdown: hang up every leg so each call leaves a finished CDR row. */
void calls_close(void)
{
	struct call *call, *next;
	unsigned i;

	for (call = g.calls; call; call = next) {
		call_hold(call);
		call->handler_broken = true;    /* no more invocations */
		for (i = 0; i < call->nlegs; i++) {
			if (call->legs[i]->state == LEG_ENDED)
				continue;
			call->legs[i]->failed = true;
			leg_hangup(call->legs[i], 480, "server-shutdown",
				   "system", "callflow was stopped");
		}
		next = call->next;
		call_release(call);
	}
}

/* After the loop stopped: what is left is waiting for a step or a worker
 * that will never run again. */
void calls_free_all(void)
{
	struct call *call;
	unsigned i;

	while ((call = g.calls)) {
		g.calls = call->next;
		g.ncalls--;
		engine_cancel(call);     /* the running action lets go first */
		for (i = 0; i < call->nlegs; i++) {
			struct leg *leg = call->legs[i];

			if (leg->recording)
				leg->recording->leg_gone(leg->recording);
			if (leg->state == LEG_ENDED)
				continue;
			leg->state = LEG_ENDED;
			leg->end_ms = clock_wall_ms();
			leg->failed = true;
			leg->hangup_cause = "server-shutdown";
			leg->hangup_by = "system";
			leg_cdr(leg, cdr_leg_end);
		}
		engine_free(call);
		for (i = 0; i < call->nlegs; i++)
			leg_free(call->legs[i]);
		json_decref(call->attrs);
		free(call);
	}
}
