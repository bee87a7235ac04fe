/* sim_expect.c - the simulator's verdict: the handler's invocations
 * against the scenario's `expect` list (in order, all of them) and the
 * call's end against `expect_end`; a precise diff on stderr when one does
 * not hold. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_priv.h"

static const char *diff_title;
static bool diff_started;

/* One line of the diff; the first one is preceded by the title. */
static void diff(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void diff(const char *fmt, ...)
{
	va_list ap;

	if (!diff_started) {
		diff_started = true;
		fprintf(stderr, "%s: expectations not met:\n", diff_title);
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static const char *str_member(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *event_type(const json_t *ev)
{
	const char *t = str_member(ev, "InvocationEventType");

	return t ? t : "?";
}

/* ErrorType in ActionData, or at the top (INVALID_LAMBDA_RESPONSE). */
static const char *event_error(const json_t *ev)
{
	const char *e = str_member(json_object_get(ev, "ActionData"),
				   "ErrorType");

	return e ? e : str_member(ev, "ErrorType");
}

const char *sim_event_summary(const json_t *ev, char *buf, size_t size)
{
	const json_t *ad = json_object_get(ev, "ActionData");
	const json_t *params = json_object_get(ad, "Parameters");
	const char *type = str_member(ad, "Type"), *err = event_error(ev);
	const char *digits = str_member(ad, "ReceivedDigits");
	char *args;

	if (!strcmp(event_type(ev), "HANGUP")) {
		snprintf(buf, size, "%s, SipResponseCode %lld",
			 str_member(params, "ParticipantTag") ?
			 str_member(params, "ParticipantTag") : "?",
			 (long long)json_integer_value(json_object_get(params,
						"SipResponseCode")));
	} else if (!strcmp(event_type(ev), "CALL_UPDATE_REQUESTED")) {
		args = json_dumps(json_object_get(params, "Arguments"),
				  JSON_COMPACT | JSON_SORT_KEYS);
		snprintf(buf, size, "Arguments %s", args ? args : "{}");
		free(args);
	} else if (type && err) {
		snprintf(buf, size, "%s: %s", type, err);
	} else if (err) {
		snprintf(buf, size, "%s", err);
	} else if (type && digits) {
		snprintf(buf, size, "%s, digits \"%s\"", type, digits);
	} else if (type) {
		snprintf(buf, size, "%s", type);
	} else {
		buf[0] = '\0';
	}
	return buf;
}

const char *sim_actions_summary(const json_t *resp, char *buf, size_t size)
{
	const json_t *acts = json_object_get(resp, "Actions");
	size_t i, n = 0;

	/* An empty Lua table arrives as an empty object. */
	if (json_is_object(acts) && !json_object_size(acts)) {
		snprintf(buf, size, "[]");
		return buf;
	}
	if (!json_is_array(acts)) {
		snprintf(buf, size, "(no Actions)");
		return buf;
	}
	n += (size_t)snprintf(buf, size, "[");
	for (i = 0; i < json_array_size(acts) && n < size; i++) {
		const char *t = str_member(json_array_get(acts, i), "Type");

		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				      t ? t : "?");
	}
	if (n < size)
		snprintf(buf + n, size - n, "]");
	return buf;
}

/* ---- one invocation against one expectation ---- */

/* "Participants.1.Status": object members by name, list items from 1 as
 * in Lua. Returns NULL when the path leads nowhere. */
static const json_t *path_get(const json_t *v, const char *path)
{
	char buf[256], *seg, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (seg = strtok_r(buf, ".", &save); seg && v;
	     seg = strtok_r(NULL, ".", &save)) {
		if (json_is_array(v)) {
			char *end;
			long i = strtol(seg, &end, 10);

			v = *end || i < 1 ? NULL :
			    json_array_get(v, (size_t)i - 1);
		} else {
			v = json_object_get(v, seg);
		}
	}
	return v;
}

static bool value_equal(const json_t *want, const json_t *got)
{
	if (json_is_number(want) && json_is_number(got))
		return json_number_value(want) == json_number_value(got);
	return json_equal((json_t *)want, (json_t *)got);
}

static void show(const json_t *v, char *buf, size_t size)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
				 JSON_SORT_KEYS) : NULL;

	snprintf(buf, size, "%s", v ? (s ? s : "?") : "(absent)");
	free(s);
}

static bool str_check(unsigned num, const char *event, const char *what,
		      const char *want, const char *got)
{
	if (!want || (got && !strcmp(want, got)))
		return true;
	diff("  expect[%u] (%s): %s: expected \"%s\", got %s%s%s\n",
		num, event, what, want, got ? "\"" : "", got ? got : "(none)",
		got ? "\"" : "");
	return false;
}

static bool actions_check(const struct sim_expect *e, const struct sim_inv *inv)
{
	const json_t *acts = json_object_get(inv->resp, "Actions");
	char want[512], got[512];
	size_t i, n = json_array_size(e->actions), k = 0;
	bool ok;

	if (!e->actions)
		return true;
	/* {} stands for "nothing to run": an empty list, no list, nil. */
	ok = json_array_size(acts) == n;
	for (i = 0; ok && i < n; i++)
		ok = !strcmp(json_string_value(json_array_get(e->actions, i)),
			     str_member(json_array_get(acts, i), "Type") ?
			     str_member(json_array_get(acts, i), "Type") : "");
	if (ok)
		return true;
	k += (size_t)snprintf(want, sizeof(want), "[");
	for (i = 0; i < n && k < sizeof(want); i++)
		k += (size_t)snprintf(want + k, sizeof(want) - k, "%s%s",
				      i ? ", " : "", json_string_value(
				      json_array_get(e->actions, i)));
	if (k < sizeof(want))
		snprintf(want + k, sizeof(want) - k, "]");
	diff("  expect[%u] (%s): actions: expected %s, got %s\n",
		e->num, e->event, want,
		sim_actions_summary(inv->resp, got, sizeof(got)));
	return false;
}

static bool fields_check(const struct sim_expect *e, const struct sim_inv *inv)
{
	const char *path;
	json_t *want;
	char w[256], g[256];
	bool ok = true;

	if (!e->fields)
		return true;
	json_object_foreach(e->fields, path, want) {
		const json_t *got = path_get(inv->event, path);

		if (got && value_equal(want, got))
			continue;
		show(want, w, sizeof(w));
		show(got, g, sizeof(g));
		diff("  expect[%u] (%s): fields[\"%s\"]: expected %s, got %s\n",
		     e->num, e->event, path, w, g);
		ok = false;
	}
	return ok;
}

static bool expect_one(const struct sim_expect *e, const struct sim_inv *inv)
{
	const json_t *ad = json_object_get(inv->event, "ActionData");
	bool ok;

	if (!str_check(e->num, e->event, "event", e->event,
		       event_type(inv->event)))
		return false;   /* the rest would only add noise */
	ok = str_check(e->num, e->event, "type", e->type, str_member(ad, "Type"));
	ok &= str_check(e->num, e->event, "error", e->error,
			event_error(inv->event));
	ok &= str_check(e->num, e->event, "digits", e->digits,
			str_member(ad, "ReceivedDigits"));
	ok &= actions_check(e, inv);
	ok &= fields_check(e, inv);
	if (e->has_at && (inv->t_ms + SIM_AT_TOLERANCE_MS < e->at_ms ||
			  inv->t_ms > e->at_ms + SIM_AT_TOLERANCE_MS)) {
		diff("  expect[%u] (%s): at: expected %llu ms (+/- %u), got "
		     "%llu ms\n", e->num, e->event,
			(unsigned long long)e->at_ms, SIM_AT_TOLERANCE_MS,
			(unsigned long long)inv->t_ms);
		ok = false;
	}
	return ok;
}

/* ---- the whole run ---- */

static void got_list(const struct sim_inv *invs, size_t n, const bool *bad)
{
	char detail[256], acts[256];
	size_t i;

	fprintf(stderr, "invocations (got):\n");
	if (!n)
		fprintf(stderr, "  (none)\n");
	for (i = 0; i < n; i++) {
		const struct sim_inv *v = &invs[i];

		sim_event_summary(v->event, detail, sizeof(detail));
		fprintf(stderr, "%s %3zu %9.3f  %s%s%s%s -> %s%s%s\n",
			bad[i] ? ">" : " ", i + 1, v->t_ms / 1000.0,
			event_type(v->event), detail[0] ? " (" : "", detail,
			detail[0] ? ")" : "",
			v->returned ? sim_actions_summary(v->resp, acts,
							  sizeof(acts)) :
			"(no response)", v->error ? " refused: " : "",
			v->error ? v->error : "");
	}
}

static bool end_check(const struct sim_scenario *sc, const struct sim_end *end)
{
	bool ok = true;

	if (end->timed_out) {
		diff("  the call was still up after max_duration (%llu ms): "
		     "the caller hung up\n",
			(unsigned long long)sc->max_duration_ms);
		ok = false;
	}
	if (sc->end_sip_status && sc->end_sip_status != end->sip_status) {
		diff("  expect_end.sip_status: expected %d, got %d\n",
			sc->end_sip_status, end->sip_status);
		ok = false;
	}
	if (sc->end_hangup_by && (!end->hangup_by ||
				  strcmp(sc->end_hangup_by, end->hangup_by))) {
		diff("  expect_end.hangup_by: expected \"%s\", got %s\n",
		     sc->end_hangup_by, end->hangup_by ? end->hangup_by :
		     "(none)");
		ok = false;
	}
	if (sc->end_cause && (!end->cause || strcmp(sc->end_cause, end->cause))) {
		diff("  expect_end.cause: expected \"%s\", got %s\n",
			sc->end_cause, end->cause ? end->cause : "(none)");
		ok = false;
	}
	return ok;
}

bool sim_expect_check(const char *title, const struct sim_scenario *sc,
		      const struct sim_inv *invs, size_t ninvs,
		      const struct sim_end *end)
{
	bool *bad = calloc(ninvs + 1, sizeof(*bad));
	bool ok = true;
	size_t i;

	if (!bad)
		return false;
	diff_title = title;
	diff_started = false;
	for (i = 0; sc->has_expect && i < sc->nexpects && i < ninvs; i++)
		if (!expect_one(&sc->expects[i], &invs[i])) {
			bad[i] = true;
			ok = false;
		}
	for (i = ninvs; sc->has_expect && i < sc->nexpects; i++) {
		diff("  expect[%zu] (%s): missing: the handler was invoked "
		     "%zu time%s\n", i + 1, sc->expects[i].event,
			ninvs, ninvs == 1 ? "" : "s");
		ok = false;
	}
	for (i = sc->nexpects; sc->has_expect && i < ninvs; i++) {
		diff("  invocation %zu (%s) was not expected (expect lists "
		     "%zu)\n", i + 1,
			event_type(invs[i].event), sc->nexpects);
		bad[i] = true;
		ok = false;
	}
	ok &= end_check(sc, end);
	if (!ok)
		got_list(invs, ninvs, bad);
	free(bad);
	return ok;
}
