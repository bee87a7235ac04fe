/* receive_digits.c - the ReceiveDigits action (actions-1.md §13, events.md
 * §7.10): arms a digit listener on a leg and succeeds at once. The
 * listener, owned by the leg until the leg ends or another ReceiveDigits
 * replaces it, buffers digits and tests them against InputDigitsRegex
 * when the caller pauses (InBetween) and when the flush interval, started
 * by the first digit, ends: a match is reported as DIGITS_RECEIVED. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime/action.h"
#include "runtime/call.h"
#include "runtime/collect.h"
#include "runtime/log.h"
#include "runtime/regex.h"

struct receive_digits {
	const char *regex;
	int64_t between_ms, flush_ms;
};

struct listener {
	struct digit_listener dl;    /* first: the leg sees only this */
	struct call *call;
	struct regex *re;
	json_t *params;              /* the action's echoed Parameters */
	int64_t between_ms, flush_ms;
	struct tmr between, flush;
	size_t n;
	char digits[COLLECT_MAX_DIGITS + 1];
};

static const struct param_spec receive_digits_params[] = {
	/* Appendix A: an empty or null regex is invalid. */
	{.name = "InputDigitsRegex", .type = PARAM_STRING, .required = true,
	 .error_message = "The InputDigitsRegex parameter is invalid.",
	 .off = offsetof(struct receive_digits, regex)},
	{.name = "InBetweenDigitsDurationInMilliseconds", .type = PARAM_INT,
	 .required = true, .min = 1, .max = INT32_MAX,
	 .error_message = "The InBetweenDigitsDurationInMilliseconds parameter "
	 "is invalid.", .off = offsetof(struct receive_digits, between_ms)},
	{.name = "FlushDigitsDurationInMilliseconds", .type = PARAM_INT,
	 .required = true, .min = 1, .max = INT32_MAX,
	 .error_message = "The FlushDigitsDurationInMilliseconds parameter is "
	 "invalid.", .off = offsetof(struct receive_digits, flush_ms)},
	PARAM_END
};

/* ---- the listener ---- */

static void listener_clear(struct listener *l)
{
	tmr_cancel(&l->between);
	tmr_cancel(&l->flush);
	l->n = 0;
	l->digits[0] = '\0';
}

/* Report the buffer if it matches; returns whether it did. */
static bool listener_test(struct listener *l)
{
	json_t *data;

	if (regex_test(l->re, l->digits) != REGEX_MATCH)
		return false;
	/* A copy: the event travels to a handler worker. */
	data = json_pack("{s:s, s:o, s:s}", "Type", "ReceiveDigits",
			 "Parameters", json_deep_copy(l->params),
			 "ReceivedDigits", l->digits);
	listener_clear(l);
	if (data)
		engine_invoke(l->call, "DIGITS_RECEIVED", data);
	return true;
}

/* The caller paused: report a match, else keep buffering. */
static void listener_pause(void *arg)
{
	listener_test(arg);
}

static void listener_flush(void *arg)
{
	struct listener *l = arg;

	if (listener_test(l))
		return;
	log_info("digits", "%s: '%s' does not match, discarded",
		 l->call->transaction_id, l->digits);
	listener_clear(l);
}

static void listener_digit(struct digit_listener *dl, char digit)
{
	struct listener *l = (struct listener *)dl;

	if (l->n < COLLECT_MAX_DIGITS) {
		l->digits[l->n++] = digit;
		l->digits[l->n] = '\0';
	} else {
		log_warn("digits", "%s: more than %d digits buffered, %c dropped",
			 l->call->transaction_id, COLLECT_MAX_DIGITS, digit);
	}
	if (!tmr_isrunning(&l->flush))
		tmr_start(&l->flush, (uint64_t)l->flush_ms, listener_flush, l);
	tmr_start(&l->between, (uint64_t)l->between_ms, listener_pause, l);
}

static void listener_free(struct digit_listener *dl)
{
	struct listener *l = (struct listener *)dl;

	tmr_close(&l->between);
	tmr_close(&l->flush);
	regex_free(l->re);
	json_decref(l->params);
	free(l);
}

/* ---- the action ---- */

static bool receive_digits_check(struct action *a, struct action_result *res)
{
	struct receive_digits *r = a->state;

	if (!collect_regex_valid(r->regex, a->index, res))
		return false;
	if (r->flush_ms > r->between_ms)
		return true;
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "The FlushDigitsDurationInMilliseconds parameter is invalid. "
		 "(Actions[%d].Parameters.FlushDigitsDurationInMilliseconds "
		 "must be greater than InBetweenDigitsDurationInMilliseconds)",
		 a->index);
	return false;
}

static void receive_digits_start(struct action *a)
{
	struct receive_digits *r = a->state;
	struct action_result res = {0};
	struct listener *l = calloc(1, sizeof(*l));

	if (!l || regex_compile(&l->re, r->regex, NULL, 0, NULL)) {
		free(l);
		action_fail(a, "SystemException",
			    "System error while running action (listener)");
		return;
	}
	l->dl.digit = listener_digit;
	l->dl.free = listener_free;
	l->call = a->call;
	l->params = json_deep_copy(a->params);
	l->between_ms = r->between_ms;
	l->flush_ms = r->flush_ms;
	leg_set_listener(a->leg, &l->dl);
	res.data = json_pack("{s:s}", "ReceivedDigits", "");
	action_complete(a, &res);
	json_decref(res.data);
}

const struct action_ops action_receive_digits = {
	.type = "ReceiveDigits",
	.params = receive_digits_params,
	.state_size = sizeof(struct receive_digits),
	.check = receive_digits_check,
	.start = receive_digits_start,
};
