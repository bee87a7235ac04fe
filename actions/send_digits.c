/* send_digits.c - the SendDigits action (actions-2.md §2): sends up to 50
 * DTMF digits to the leg named by CallId (RFC 4733 events or in-band
 * tones, the media engine decides), ',' being a 500 ms pause; answers the
 * call first; succeeds once the last tone was sent. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/action.h"
#include "runtime/call.h"
#include "runtime/media.h"

#define SEND_MAX_DIGITS 50
#define SEND_MAX_CHARS  512      /* commas included */

struct send_digits {
	const char *text;
	int64_t tone_ms;
	char digits[SEND_MAX_CHARS + 1];   /* what is sent: upper case */
};

static const struct param_spec send_digits_params[] = {
	{.name = "Digits", .type = PARAM_STRING, .required = true,
	 .max = SEND_MAX_CHARS, .off = offsetof(struct send_digits, text)},
	/* §2.4 gives the exact message. */
	{.name = "ToneDurationInMilliseconds", .type = PARAM_INT, .min = 50,
	 .max = 24000, .def = 250, .has_def = true,
	 .error_message = "ToneDuration parameter value is invalid.",
	 .off = offsetof(struct send_digits, tone_ms)},
	PARAM_END
};

static bool send_digits_fail(struct action *a, struct action_result *res,
			     const char *why)
{
	res->error_type = "InvalidActionParameter";
	snprintf(res->error_message, sizeof(res->error_message),
		 "Actions[%d].Parameters.Digits %s", a->index, why);
	return false;
}

/* 0-9 * # A-D and ','; a-d are taken as A-D. Commas do not count
 * towards the 50. */
static bool send_digits_check(struct action *a, struct action_result *res)
{
	struct send_digits *s = a->state;
	char why[64];
	size_t i, n = 0;

	for (i = 0; s->text[i]; i++) {
		char c = (char)toupper((unsigned char)s->text[i]);

		if (!c || !strchr("0123456789*#ABCD,", c)) {
			snprintf(why, sizeof(why), "may only hold 0-9 * # A-D "
				 "and ',', not '%c'", s->text[i]);
			return send_digits_fail(a, res, why);
		}
		n += c != ',';
		s->digits[i] = c;
	}
	s->digits[i] = '\0';
	if (n < 1 || n > SEND_MAX_DIGITS)
		return send_digits_fail(a, res, "must hold 1 to 50 digits "
					"(',' not counted)");
	return true;
}

static void send_digits_sent(void *arg)
{
	action_complete(arg, NULL);
}

static void send_digits_start(struct action *a)
{
	struct send_digits *s = a->state;
	int err;

	err = media_leg_send_digits(a->leg->media, s->digits,
				    (unsigned)s->tone_ms, send_digits_sent, a);
	if (err)
		action_fail(a, "SystemException",
			    "System error while running action (send digits: %s)",
			    strerror(err));
}

static void send_digits_stop(struct action *a)
{
	if (a->leg && a->leg->media)
		media_leg_cancel_digits(a->leg->media);
}

const struct action_ops action_send_digits = {
	.type = "SendDigits",
	.params = send_digits_params,
	.state_size = sizeof(struct send_digits),
	.flags = ACTION_ANSWERS,
	.leg_select = LEG_SELECT_CALLID,
	.check = send_digits_check,
	.start = send_digits_start,
	.stop = send_digits_stop,
};
