/* collect.c - DTMF digit collection with prompts (docs/compat.md, digit
 * collection): each attempt plays the main prompt, which the first digit
 * stops; input ends on a terminator, on MaxNumberOfDigits, after
 * InBetween ms of silence following a digit, or RepeatDuration ms after
 * the prompt with no digit. An invalid attempt plays the failure prompt,
 * then the next attempt begins. The action's own timer a->tmr is the one
 * input timer: the attempt and in-between waits never overlap. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "collect.h"
#include "log.h"
#include "regex.h"

const char *const collect_keys[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "#", "*", NULL
};

bool collect_key_listed(const json_t *list, char digit)
{
	size_t i;

	for (i = 0; i < json_array_size(list); i++) {
		const char *s = json_string_value(json_array_get(list, i));

		if (s && s[0] == digit && !s[1])
			return true;
	}
	return false;
}

/* ---- validation ---- */

bool collect_regex_valid(const char *pattern, int index,
			 struct action_result *res)
{
	struct regex *re = NULL;
	char why[128] = "";
	size_t off = 0;
	int err;

	err = regex_compile(&re, pattern, why, sizeof(why), &off);
	regex_free(re);
	if (!err)
		return true;
	res->error_type = err == EINVAL ? "InvalidActionParameter" :
			  "SystemException";
	snprintf(res->error_message, sizeof(res->error_message),
		 "The InputDigitsRegex parameter is invalid: %s at offset %zu "
		 "(Actions[%d].Parameters.InputDigitsRegex)",
		 err == EINVAL ? why : strerror(err), off, index);
	return false;
}

bool collect_check(struct collect *c, struct action *a,
		   struct action_result *res)
{
	if (c->max < c->min) {
		res->error_type = "InvalidActionParameter";
		snprintf(res->error_message, sizeof(res->error_message),
			 "The MaxNumberOfDigits parameter is invalid. "
			 "(Actions[%d].Parameters.MaxNumberOfDigits %lld is less "
			 "than MinNumberOfDigits %lld)", a->index,
			 (long long)c->max, (long long)c->min);
		return false;
	}
	if (c->regex && *c->regex && !collect_regex_valid(c->regex, a->index, res))
		return false;
	/* Defaults that come from elsewhere are echoed like the others. */
	if (!c->between_ms) {
		c->between_ms = c->repeat_ms;
		json_object_set_new(a->params, "InBetweenDigitsDurationInMilliseconds",
				    json_integer(c->between_ms));
	}
	if (json_is_null(json_object_get(a->params, "TerminatorDigits")) ||
	    !json_object_get(a->params, "TerminatorDigits")) {
		c->terminators = json_pack("[s]", "#");
		json_object_set_new(a->params, "TerminatorDigits", c->terminators);
	}
	return true;
}

/* ---- the attempts ---- */

static void prompt_begin(struct collect *c, enum collect_prompt which);

static void collect_finish(struct collect *c, bool valid)
{
	struct action_result res = {0};
	char s[] = "s";

	c->phase = COLLECT_DONE;
	collect_stop(c);
	res.data = json_pack("{s:s}", "ReceivedDigits", c->digits);
	if (!valid) {
		if (c->attempts == 1)
			s[0] = '\0';
		res.error_type = "DigitCollectionFailed";
		snprintf(res.error_message, sizeof(res.error_message),
			 "no valid digits after %lld attempt%s (last input: '%s')",
			 (long long)c->attempts, s, c->digits);
	}
	action_complete(c->a, &res);
	json_decref(res.data);
}

static bool attempt_valid(struct collect *c)
{
	char with_term[COLLECT_MAX_DIGITS + 2];

	if ((int64_t)c->n < c->min || (int64_t)c->n > c->max)
		return false;
	if (!c->re || regex_test(c->re, c->digits) == REGEX_MATCH)
		return true;
	/* A terminator the regex asks for ("^\d{2}#$") counts as input. */
	if (!c->term)
		return false;
	snprintf(with_term, sizeof(with_term), "%s%c", c->digits, c->term);
	return regex_test(c->re, with_term) == REGEX_MATCH;
}

static void attempt_end(struct collect *c)
{
	tmr_cancel(&c->a->tmr);
	c->attempts++;
	if (attempt_valid(c)) {
		collect_finish(c, true);
		return;
	}
	if (c->attempts >= c->repeat) {
		collect_finish(c, false);
		return;
	}
	log_info("collect", "attempt %lld of %lld not valid ('%s'), replaying",
		 (long long)c->attempts, (long long)c->repeat, c->digits);
	c->n = 0;
	c->digits[0] = '\0';
	c->term = 0;
	prompt_begin(c, COLLECT_PROMPT_FAILURE);
}

static void input_timeout(void *arg)
{
	attempt_end(arg);
}

/* The attempt timer waits for a first digit, the in-between timer for
 * the next one. */
static void input_wait(struct collect *c)
{
	tmr_start(&c->a->tmr, (uint64_t)(c->n ? c->between_ms : c->repeat_ms),
		  input_timeout, c);
}

static void input_begin(struct collect *c)
{
	c->phase = COLLECT_INPUT;
	if ((int64_t)c->n >= c->max)
		attempt_end(c);
	else
		input_wait(c);
}

static void prompt_played(void *arg)
{
	struct collect *c = arg;

	if (c->which == COLLECT_PROMPT_FAILURE)
		prompt_begin(c, COLLECT_PROMPT_MAIN);
	else
		input_begin(c);
}

static void prompt_begin(struct collect *c, enum collect_prompt which)
{
	c->phase = COLLECT_PROMPTING;
	c->which = which;
	c->req_id = c->ops->load(c, which);
	if (!c->req_id) {
		collect_stop(c);
		action_fail(c->a, "SystemException",
			    "System error while running action (prompt queue)");
	}
}

/* Stop whatever prompt is loading or playing. */
static void prompt_halt(struct collect *c)
{
	if (c->req_id)
		c->ops->cancel(c->req_id);
	c->req_id = 0;
	player_stop(&c->player);
}

void collect_play(struct collect *c, struct audio_clip *clip)
{
	c->req_id = 0;
	if (!clip) {
		collect_stop(c);
		return;
	}
	if (action_play_clip(c->a, &c->player, clip, 1, prompt_played, c))
		collect_stop(c);
}

void collect_start(struct collect *c, struct action *a,
		   const struct collect_prompt_ops *ops)
{
	char why[128];

	c->a = a;
	c->ops = ops;
	if (c->regex && *c->regex &&
	    regex_compile(&c->re, c->regex, why, sizeof(why), NULL)) {
		action_fail(a, "SystemException",
			    "System error while running action (regex)");
		return;
	}
	prompt_begin(c, COLLECT_PROMPT_MAIN);
}

bool collect_digit(struct collect *c, char digit)
{
	if (c->phase == COLLECT_PROMPTING) {
		/* Barge-in: a digit during either prompt is input for the
		 * attempt the prompt leads to. */
		prompt_halt(c);
		c->phase = COLLECT_INPUT;
	}
	if (c->phase != COLLECT_INPUT)
		return true;
	if (collect_key_listed(c->terminators, digit)) {
		c->term = digit;
		attempt_end(c);
		return true;
	}
	if ((int64_t)c->n < c->max) {
		c->digits[c->n++] = digit;
		c->digits[c->n] = '\0';
	}
	if ((int64_t)c->n >= c->max)
		attempt_end(c);
	else
		input_wait(c);
	return true;
}

void collect_stop(struct collect *c)
{
	if (c->a)
		tmr_cancel(&c->a->tmr);
	if (c->ops)
		prompt_halt(c);
	regex_free(c->re);
	c->re = NULL;
	if (c->phase != COLLECT_DONE)
		c->phase = COLLECT_IDLE;
}

void collect_action_stop(struct action *a)
{
	collect_stop(a->state);
}

bool collect_action_digit(struct action *a, char digit)
{
	return collect_digit(a->state, digit);
}
