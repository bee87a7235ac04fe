/* collect.h - the DTMF digit collector behind PlayAudioAndGetDigits and
 * SpeakAndGetDigits (actions-1.md §12, actions-2.md §4, docs/compat.md):
 * attempts of prompt + input, barge-in, terminators, Min/Max, the attempt
 * and in-between timers, the regex check, and the failure prompt before a
 * replay. What a prompt is (a file, speech) is a small ops table, so one
 * collector serves both actions. Loop thread only. */
#ifndef CF_COLLECT_H
#define CF_COLLECT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "action.h"
#include "audio.h"
#include "media.h"

#define COLLECT_MAX_DIGITS 128

/* The keys a caller can press that TerminatorDigits and
 * PlaybackTerminators accept: "0"-"9", "#", "*". */
extern const char *const collect_keys[];
/* Is digit one of the single-character strings in list (may be NULL)? */
bool collect_key_listed(const json_t *list, char digit);

enum collect_prompt {
	COLLECT_PROMPT_MAIN,
	COLLECT_PROMPT_FAILURE,
};

struct collect;

struct collect_prompt_ops {
	/* Fetch the clip of prompt `which` and hand it to collect_play().
	 * Returns a request id for cancel(), or 0 when it cannot start. */
	uint64_t (*load)(struct collect *c, enum collect_prompt which);
	void (*cancel)(uint64_t req_id);
};

enum collect_phase {
	COLLECT_IDLE,
	COLLECT_PROMPTING,   /* loading or playing c->which */
	COLLECT_INPUT,       /* waiting for digits */
	COLLECT_DONE,
};

struct collect {
	/* parameters, filled in by the validator (COLLECT_PARAMS) */
	const char *regex;
	int64_t min, max, repeat, repeat_ms, between_ms;
	json_t *terminators;
	/* read-only for the prompt ops */
	struct action *a;
	enum collect_prompt which;
	/* private */
	const struct collect_prompt_ops *ops;
	enum collect_phase phase;
	struct regex *re;
	uint64_t req_id;
	struct player player;
	int64_t attempts;            /* attempts ended so far */
	size_t n;
	char digits[COLLECT_MAX_DIGITS + 1];
	char term;                   /* the terminator that ended input, or 0 */
};

/* The collection parameters of an action whose state st holds a struct
 * collect in member m. Appendix A's wording leads the messages. */
#define COLLECT_PARAMS(st, m) \
	{.name = "InputDigitsRegex", .type = PARAM_STRING, \
	 .off = offsetof(st, m.regex)}, \
	{.name = "MinNumberOfDigits", .type = PARAM_INT, .min = 0, \
	 .max = INT32_MAX, .def = 0, .has_def = true, \
	 .off = offsetof(st, m.min)}, \
	{.name = "MaxNumberOfDigits", .type = PARAM_INT, .min = 0, \
	 .max = COLLECT_MAX_DIGITS, .def = COLLECT_MAX_DIGITS, .has_def = true, \
	 .error_message = "The MaxNumberOfDigits parameter is invalid.", \
	 .off = offsetof(st, m.max)}, \
	{.name = "TerminatorDigits", .type = PARAM_STRING_LIST, \
	 .enums = collect_keys, .max = 12, .off = offsetof(st, m.terminators)}, \
	{.name = "InBetweenDigitsDurationInMilliseconds", .type = PARAM_INT, \
	 .min = 1, .max = INT32_MAX, .off = offsetof(st, m.between_ms)}, \
	{.name = "Repeat", .type = PARAM_INT, .min = 1, .max = INT32_MAX, \
	 .def = 1, .has_def = true, .off = offsetof(st, m.repeat)}, \
	{.name = "RepeatDurationInMilliseconds", .type = PARAM_INT, \
	 .required = true, .min = 1, .max = INT32_MAX, \
	 .error_message = "The RepeatDurationInMilliseconds parameter is " \
	 "invalid.", .off = offsetof(st, m.repeat_ms)}

/* Cross-field rules and defaults taken from other fields (echoed into
 * a->params): Max >= Min, the regex compiles, InBetween defaults to
 * RepeatDuration, TerminatorDigits to ["#"]. For an action's check hook. */
bool collect_check(struct collect *c, struct action *a,
		   struct action_result *res);
/* Does pattern compile? If not, fill res (InvalidActionParameter naming
 * Actions[index].Parameters.InputDigitsRegex). Shared with ReceiveDigits. */
bool collect_regex_valid(const char *pattern, int index,
			 struct action_result *res);

/* Run the attempts; the collector completes a when they are over. */
void collect_start(struct collect *c, struct action *a,
		   const struct collect_prompt_ops *ops);
/* The clip ops->load was asked for (a reference the collector takes).
 * NULL: it could not be had; the collector lets go of everything and the
 * caller then fails the action. */
void collect_play(struct collect *c, struct audio_clip *clip);
/* A digit from the leg; always consumed while the collector runs. */
bool collect_digit(struct collect *c, char digit);
/* Release what the collector holds (the action was cancelled). */
void collect_stop(struct collect *c);

/* Ready-made hooks for an action whose state begins with its struct
 * collect. */
void collect_action_stop(struct action *a);
bool collect_action_digit(struct action *a, char digit);

#endif
