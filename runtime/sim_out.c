/* sim_out.c - the simulator's timeline on stdout: a readable ladder, one
 * line per thing with the virtual time first, or JSON lines (--json) that
 * carry the full events, responses and action data. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "call.h"
#include "sim_priv.h"

static bool as_json;

void sim_out_init(bool json)
{
	as_json = json;
}

bool sim_out_is_json(void)
{
	return as_json;
}

/* Prints obj (a new reference) as one JSON line with t_ms and kind. */
static void json_line(uint64_t t_ms, const char *kind, json_t *obj)
{
	json_t *line = json_pack("{s:I, s:s}", "t_ms", (json_int_t)t_ms,
				 "kind", kind);
	char *s;

	if (line && obj)
		json_object_update(line, obj);
	json_decref(obj);
	s = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (s)
		printf("%s\n", s);
	free(s);
	json_decref(line);
}

static void ladder(uint64_t t_ms, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void ladder(uint64_t t_ms, const char *fmt, ...)
{
	va_list ap;

	/* One line at a time: handler print() lines come from workers. */
	flockfile(stdout);
	printf("%8.3f  ", t_ms / 1000.0);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	funlockfile(stdout);
}

static json_int_t sequence(const json_t *event)
{
	return json_integer_value(json_object_get(event, "Sequence"));
}

void sim_out_invoke(uint64_t t_ms, const json_t *event)
{
	const char *type = json_string_value(json_object_get(event,
						"InvocationEventType"));
	char detail[256];

	if (as_json) {
		json_line(t_ms, "invoke", json_pack("{s:I, s:s, s:O}",
			  "sequence", sequence(event), "event_type",
			  type ? type : "?", "event", event));
		return;
	}
	sim_event_summary(event, detail, sizeof(detail));
	ladder(t_ms, "-> %s #%lld%s%s%s", type ? type : "?",
	       (long long)sequence(event), detail[0] ? " (" : "", detail,
	       detail[0] ? ")" : "");
}

void sim_out_response(uint64_t t_ms, const json_t *event, const json_t *resp,
		      const char *error)
{
	const json_t *attrs = json_object_get(resp, "TransactionAttributes");
	char acts[512], *a = NULL;

	if (as_json) {
		json_line(t_ms, "response", json_pack("{s:I, s:O?, s:s?}",
			  "sequence", sequence(event), "response", resp,
			  "error", error));
		return;
	}
	if (attrs)
		a = json_dumps(attrs, JSON_COMPACT | JSON_SORT_KEYS |
			       JSON_ENCODE_ANY);
	if (!resp && error)
		ladder(t_ms, "<- handler failed: %s", error);
	else
		ladder(t_ms, "<- %s%s%s%s%s", resp ? sim_actions_summary(resp,
		       acts, sizeof(acts)) : "nil", a ? " TransactionAttributes "
		       : "", a ? a : "", error ? " refused: " : "",
		       error ? error : "");
	free(a);
}

/* The leg is unknown when the action failed its checks before it got
 * one. */
void sim_out_action_start(uint64_t t_ms, const struct action *a,
			  bool answered)
{
	const char *tag = a->leg ? a->leg->tag : NULL;

	if (as_json) {
		json_line(t_ms, "action_start", json_pack(
			  "{s:I, s:i, s:s, s:s?, s:b, s:O?}", "sequence",
			  (json_int_t)a->sequence, "index", a->index, "type",
			  a->ops->type, "leg", tag, "answered", answered,
			  "parameters", a->params));
		return;
	}
	ladder(t_ms, "   %s starts%s%s%s", a->ops->type, tag ? " on " : "",
	       tag ? tag : "", answered ? " (answers: 200 OK)" : "");
}

static const char *outcome_verb(const char *outcome)
{
	static const char *const map[][2] = {
		{"Succeeded", "succeeded"}, {"Failed", "failed"},
		{"Interrupted", "interrupted"}, {"Superseded", "superseded"},
		{"Cancelled", "cancelled"},
	};
	size_t i;

	for (i = 0; outcome && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], outcome))
			return map[i][1];
	return outcome ? outcome : "ended";
}

void sim_out_action_end(uint64_t t_ms, const struct action *a,
			const char *outcome)
{
	const struct action_result *r = &a->result;
	const char *digits = json_string_value(json_object_get(r->data,
						"ReceivedDigits"));

	if (as_json) {
		json_line(t_ms, "action_end", json_pack(
			  "{s:I, s:i, s:s, s:s, s:s?, s:s?, s:O?}", "sequence",
			  (json_int_t)a->sequence, "index", a->index, "type",
			  a->ops->type, "outcome", outcome ? outcome : "?",
			  "error_type", r->error_type, "error_message",
			  r->error_type ? r->error_message : NULL, "data",
			  r->data));
		return;
	}
	if (r->error_type && outcome && !strcmp(outcome, "Failed"))
		ladder(t_ms, "   %s failed: %s: %s", a->ops->type,
		       r->error_type, r->error_message);
	else if (digits)
		ladder(t_ms, "   %s %s (digits \"%s\")", a->ops->type,
		       outcome_verb(outcome), digits);
	else
		ladder(t_ms, "   %s %s", a->ops->type, outcome_verb(outcome));
}

void sim_out_caller(uint64_t t_ms, const char *what, json_t *extra,
		    const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (as_json) {
		json_t *o = json_pack("{s:s, s:s}", "what", what, "text", text);

		if (o && extra)
			json_object_update(o, extra);
		json_decref(extra);
		json_line(t_ms, "caller", o);
		return;
	}
	json_decref(extra);
	ladder(t_ms, "caller %s", text);
}

void sim_out_end(uint64_t t_ms, json_t *summary, const char *text)
{
	if (as_json) {
		json_line(t_ms, "end", summary);
		return;
	}
	json_decref(summary);
	ladder(t_ms, "end: %s", text);
}

void sim_out_print(uint64_t t_ms, const char *script, const char *text)
{
	if (as_json) {
		json_line(t_ms, "print", json_pack("{s:s, s:s}", "script",
						   script, "text", text));
		return;
	}
	ladder(t_ms, "   %s: %s", script, text);
}
