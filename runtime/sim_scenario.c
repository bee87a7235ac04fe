/* sim_scenario.c - the simulator's scenario file: a Lua file returning a
 * table (evaluated in the configuration sandbox) that says who calls whom,
 * what the caller does and when, and what the handler should see. Every
 * error names the file and the field, e.g. "caller[2].digits: ...". */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "call.h"
#include "handler.h"
#include "route.h"
#include "sim_priv.h"

struct sctx {
	const char *path;
	char *err;
	size_t errsz;
};

static int fail(struct sctx *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct sctx *c, const char *field, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errsz, "%s: %s: ", c->path, field);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errsz)
		vsnprintf(c->err + n, c->errsz - n, fmt, ap);
	va_end(ap);
	return EINVAL;
}

/* A Lua table converts to an array, or, when empty, to an object. */
static bool is_list(json_t *v)
{
	return json_is_array(v) || (json_is_object(v) && !json_object_size(v));
}

static size_t list_size(json_t *v)
{
	return json_is_array(v) ? json_array_size(v) : 0;
}

static int get_string(struct sctx *c, json_t *v, const char *field,
		      char **out)
{
	if (!json_is_string(v) || !json_string_length(v))
		return fail(c, field, "must be a non-empty string");
	*out = strdup(json_string_value(v));
	return *out ? 0 : ENOMEM;
}

/* Milliseconds: a whole number from 0 to a day's worth of hours. */
static int get_ms(struct sctx *c, json_t *v, const char *field,
		  uint64_t max, uint64_t *out)
{
	double d;

	if (!json_is_number(v))
		return fail(c, field, "must be a number of milliseconds");
	d = json_number_value(v);
	if (d < 0 || d > (double)max || d != floor(d))
		return fail(c, field, "must be a whole number of milliseconds "
			    "from 0 to %llu", (unsigned long long)max);
	*out = (uint64_t)d;
	return 0;
}

static int check_keys(struct sctx *c, json_t *obj, const char *field,
		      const char *const *known)
{
	const char *key;
	json_t *v;
	char f[128];

	json_object_foreach(obj, key, v) {
		unsigned i;

		for (i = 0; known[i] && strcmp(known[i], key); i++)
			;
		if (!known[i]) {
			snprintf(f, sizeof(f), "%s%s%s", field, *field ? "." : "",
				 key);
			return fail(c, f, "unknown field");
		}
	}
	return 0;
}

static int get_number(struct sctx *c, json_t *v, const char *field,
		      char **out)
{
	char e164[32];
	int err = get_string(c, v, field, out);

	if (err)
		return err;
	if (route_normalize_number(*out, e164, sizeof(e164)))
		return fail(c, field, "'%s' is not an E.164 number (+ then 2 "
			    "to 15 digits)", *out);
	free(*out);
	*out = strdup(e164);
	return *out ? 0 : ENOMEM;
}

/* The headers the SIP module passes on (spec: SIP headers a.1). */
static int get_headers(struct sctx *c, json_t *v, json_t **out)
{
	const char *name;
	json_t *h;
	char f[160];

	if (!json_is_object(v))
		return fail(c, "headers", "must be a table of name = value");
	if (json_object_size(v) > SIG_MAX_HEADERS)
		return fail(c, "headers", "at most %d headers", SIG_MAX_HEADERS);
	json_object_foreach(v, name, h) {
		snprintf(f, sizeof(f), "headers[\"%s\"]", name);
		if (strncasecmp(name, "X-", 2) && strcasecmp(name, "User-to-User")
		    && strcasecmp(name, "Diversion"))
			return fail(c, f, "only X-*, User-to-User and Diversion "
				    "headers reach the handler");
		if (!json_is_string(h))
			return fail(c, f, "must be a string");
	}
	*out = json_incref(v);
	return 0;
}

/* ---- caller ---- */

static bool digits_valid(const char *s)
{
	for (; *s; s++)
		if (!strchr("0123456789*#ABCD", *s))
			return false;
	return true;
}

static int step_action(struct sctx *c, json_t *o, const char *p,
		       struct sim_step *st)
{
	json_t *d = json_object_get(o, "digits");
	json_t *h = json_object_get(o, "hangup");
	json_t *u = json_object_get(o, "update");
	json_t *g = json_object_get(o, "gap");
	char f[96];
	uint64_t v;
	int err;

	if (!!d + !!u + (h != NULL) != 1)
		return fail(c, p, "give one of digits, hangup = true or update");
	if (d) {
		snprintf(f, sizeof(f), "%s.digits", p);
		if ((err = get_string(c, d, f, &st->digits)))
			return err;
		if (!digits_valid(st->digits))
			return fail(c, f, "'%s': only 0-9, *, # and A-D",
				    st->digits);
		st->kind = SIM_STEP_DIGITS;
		st->gap_ms = SIM_DEFAULT_GAP_MS;
		if (g) {
			snprintf(f, sizeof(f), "%s.gap", p);
			if ((err = get_ms(c, g, f, 60000, &v)))
				return err;
			st->gap_ms = (unsigned)v;
		}
	} else if (h) {
		if (!json_is_true(h))
			return fail(c, p, "hangup must be true");
		st->kind = SIM_STEP_HANGUP;
	} else {
		char why[256];

		snprintf(f, sizeof(f), "%s.update", p);
		if (!json_is_object(u))
			return fail(c, f, "must be a table of Arguments "
				    "(name = \"value\")");
		/* the API's own rule: a scenario cannot send what it refuses */
		if (engine_update_check(u, why, sizeof(why)))
			return fail(c, f, "%s", why);
		st->kind = SIM_STEP_UPDATE;
		st->update = json_incref(u);
	}
	if (g && !d)
		return fail(c, p, "gap only goes with digits");
	return 0;
}

static bool is_event_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || *s == '_'))
			return false;
	return true;
}

static int step_trigger(struct sctx *c, json_t *o, const char *p,
			struct sim_step *st)
{
	json_t *at = json_object_get(o, "at"), *on = json_object_get(o, "on");
	json_t *nth = json_object_get(o, "nth");
	json_t *after = json_object_get(o, "after");
	char f[96];
	uint64_t v;
	int err;

	if (!!at == !!on)
		return fail(c, p, "give either at (ms after the INVITE) or on "
			    "(an action or event type)");
	if (at) {
		snprintf(f, sizeof(f), "%s.at", p);
		if (nth || after)
			return fail(c, p, "nth and after go with on, not at");
		st->has_at = true;
		return get_ms(c, at, f, SIM_DEFAULT_MAX_MS * 24, &st->at_ms);
	}
	snprintf(f, sizeof(f), "%s.on", p);
	if (!json_is_string(on) || !json_string_length(on) ||
	    json_string_length(on) >= sizeof(st->on))
		return fail(c, f, "must be an action type (\"Speak\") or an "
			    "event type (\"DIGITS_RECEIVED\")");
	snprintf(st->on, sizeof(st->on), "%s", json_string_value(on));
	st->on_event = is_event_name(st->on);
	st->nth = 1;
	if (nth) {
		snprintf(f, sizeof(f), "%s.nth", p);
		if (!json_is_integer(nth) || json_integer_value(nth) < 1 ||
		    json_integer_value(nth) > 100000)
			return fail(c, f, "must be a whole number from 1");
		st->nth = (unsigned)json_integer_value(nth);
	}
	if (after) {
		snprintf(f, sizeof(f), "%s.after", p);
		if ((err = get_ms(c, after, f, SIM_DEFAULT_MAX_MS * 24, &v)))
			return err;
		st->after_ms = v;
	}
	return 0;
}

static int load_caller(struct sctx *c, json_t *v, struct sim_scenario *sc)
{
	static const char *const keys[] = {"at", "on", "nth", "after", "digits",
					   "gap", "hangup", "update", NULL};
	size_t i, n = list_size(v);
	json_t *o;
	char p[32];
	int err;

	if (!is_list(v))
		return fail(c, "caller", "must be a list of steps");
	sc->steps = calloc(n + 1, sizeof(*sc->steps));
	if (!sc->steps)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		struct sim_step *st = &sc->steps[i];

		o = json_array_get(v, i);
		snprintf(p, sizeof(p), "caller[%zu]", i + 1);
		st->num = (unsigned)i + 1;
		sc->nsteps++;
		if (!json_is_object(o))
			return fail(c, p, "must be a table");
		if ((err = check_keys(c, o, p, keys)) ||
		    (err = step_trigger(c, o, p, st)) ||
		    (err = step_action(c, o, p, st)))
			return err;
	}
	return 0;
}

/* ---- expect ---- */

static int expect_actions(struct sctx *c, json_t *v, const char *p,
			  struct sim_expect *e)
{
	size_t i;
	json_t *t;
	char f[96];

	if (!is_list(v))
		return fail(c, p, "must be a list of action types ({} for none)");
	e->actions = json_array();
	if (!e->actions)
		return ENOMEM;
	for (i = 0; i < list_size(v); i++) {
		t = json_array_get(v, i);
		snprintf(f, sizeof(f), "%s[%zu]", p, i + 1);
		if (!json_is_string(t))
			return fail(c, f, "must be an action type");
		json_array_append(e->actions, t);
	}
	return 0;
}

static int load_expect_one(struct sctx *c, json_t *o, const char *p,
			   struct sim_expect *e)
{
	static const char *const keys[] = {"event", "type", "error", "digits",
					   "actions", "fields", "at", NULL};
	json_t *v;
	char f[64];
	int err;

	if (!json_is_object(o))
		return fail(c, p, "must be a table");
	if ((err = check_keys(c, o, p, keys)))
		return err;
	snprintf(f, sizeof(f), "%s.event", p);
	if (!(v = json_object_get(o, "event")))
		return fail(c, f, "is required (the InvocationEventType)");
	if ((err = get_string(c, v, f, &e->event)))
		return err;
	snprintf(f, sizeof(f), "%s.type", p);
	if ((v = json_object_get(o, "type")) &&
	    (err = get_string(c, v, f, &e->type)))
		return err;
	snprintf(f, sizeof(f), "%s.error", p);
	if ((v = json_object_get(o, "error")) &&
	    (err = get_string(c, v, f, &e->error)))
		return err;
	snprintf(f, sizeof(f), "%s.digits", p);
	if ((v = json_object_get(o, "digits"))) {
		if (!json_is_string(v))
			return fail(c, f, "must be a string");
		e->digits = strdup(json_string_value(v));
	}
	snprintf(f, sizeof(f), "%s.actions", p);
	if ((v = json_object_get(o, "actions")) &&
	    (err = expect_actions(c, v, f, e)))
		return err;
	snprintf(f, sizeof(f), "%s.fields", p);
	if ((v = json_object_get(o, "fields"))) {
		if (!json_is_object(v))
			return fail(c, f, "must be a table of [\"Dotted.Path\"] "
				    "= value");
		e->fields = json_incref(v);
	}
	snprintf(f, sizeof(f), "%s.at", p);
	if ((v = json_object_get(o, "at"))) {
		e->has_at = true;
		if ((err = get_ms(c, v, f, SIM_DEFAULT_MAX_MS * 24, &e->at_ms)))
			return err;
	}
	return 0;
}

static int load_expect(struct sctx *c, json_t *v, struct sim_scenario *sc)
{
	size_t i, n = list_size(v);
	char p[32];
	int err;

	if (!is_list(v))
		return fail(c, "expect", "must be a list of invocations");
	sc->has_expect = true;
	sc->expects = calloc(n + 1, sizeof(*sc->expects));
	if (!sc->expects)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "expect[%zu]", i + 1);
		sc->expects[i].num = (unsigned)i + 1;
		sc->nexpects++;
		if ((err = load_expect_one(c, json_array_get(v, i), p,
					   &sc->expects[i])))
			return err;
	}
	return 0;
}

static int load_expect_end(struct sctx *c, json_t *v, struct sim_scenario *sc)
{
	static const char *const keys[] = {"sip_status", "hangup_by", "cause",
					   NULL};
	json_t *s;
	int err;

	if (!json_is_object(v))
		return fail(c, "expect_end", "must be a table");
	if ((err = check_keys(c, v, "expect_end", keys)))
		return err;
	sc->has_end = true;
	if ((s = json_object_get(v, "sip_status"))) {
		if (!json_is_integer(s) || json_integer_value(s) < 100 ||
		    json_integer_value(s) > 699)
			return fail(c, "expect_end.sip_status", "must be a SIP "
				    "status code (200, 486, 603, ...)");
		sc->end_sip_status = (int)json_integer_value(s);
	}
	if ((s = json_object_get(v, "hangup_by"))) {
		if ((err = get_string(c, s, "expect_end.hangup_by",
				      &sc->end_hangup_by)))
			return err;
		if (strcmp(sc->end_hangup_by, "caller") &&
		    strcmp(sc->end_hangup_by, "server"))
			return fail(c, "expect_end.hangup_by", "must be "
				    "\"caller\" or \"server\"");
	}
	if ((s = json_object_get(v, "cause")) &&
	    (err = get_string(c, s, "expect_end.cause", &sc->end_cause)))
		return err;
	return 0;
}

/* ---- the file ---- */

static int load_root(struct sctx *c, json_t *root, struct sim_scenario *sc)
{
	static const char *const keys[] = {"from", "to", "headers", "caller",
					   "max_duration", "expect",
					   "expect_end", NULL};
	json_t *v;
	int err;

	if (!json_is_object(root))
		return fail(c, "(top)", "the file must return a table");
	if ((err = check_keys(c, root, "", keys)))
		return err;
	if ((v = json_object_get(root, "from"))) {
		free(sc->from);
		sc->from = NULL;
		if ((err = get_number(c, v, "from", &sc->from)))
			return err;
	}
	if ((v = json_object_get(root, "to")) &&
	    (err = get_number(c, v, "to", &sc->to)))
		return err;
	if ((v = json_object_get(root, "headers")) &&
	    (err = get_headers(c, v, &sc->headers)))
		return err;
	if ((v = json_object_get(root, "caller")) &&
	    (err = load_caller(c, v, sc)))
		return err;
	if ((v = json_object_get(root, "max_duration")) &&
	    (err = get_ms(c, v, "max_duration", SIM_DEFAULT_MAX_MS * 24,
			  &sc->max_duration_ms)))
		return err;
	if (!sc->max_duration_ms)
		sc->max_duration_ms = SIM_DEFAULT_MAX_MS;
	if ((v = json_object_get(root, "expect")) &&
	    (err = load_expect(c, v, sc)))
		return err;
	if ((v = json_object_get(root, "expect_end")) &&
	    (err = load_expect_end(c, v, sc)))
		return err;
	return 0;
}

void sim_scenario_default(struct sim_scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->from = strdup(SIM_DEFAULT_FROM);
	sc->max_duration_ms = SIM_DEFAULT_MAX_MS;
}

int sim_scenario_load(struct sim_scenario *sc, const char *path,
		      char *err, size_t errsz)
{
	struct sctx c = {path, err, errsz};
	struct handler_error herr;
	json_t *root = NULL;
	int e;

	sim_scenario_default(sc);
	sc->path = strdup(path);
	if (handler_get()->eval_config(path, &root, &herr) != HANDLER_OK) {
		snprintf(err, errsz, "%s", herr.message);
		return EINVAL;
	}
	e = load_root(&c, root, sc);
	json_decref(root);
	if (e == ENOMEM)
		snprintf(err, errsz, "%s: out of memory", path);
	return e;
}

void sim_scenario_free(struct sim_scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->nsteps; i++) {
		tmr_close(&sc->steps[i].tmr);
		free(sc->steps[i].digits);
		json_decref(sc->steps[i].update);
	}
	for (i = 0; i < sc->nexpects; i++) {
		struct sim_expect *e = &sc->expects[i];

		free(e->event);
		free(e->type);
		free(e->error);
		free(e->digits);
		json_decref(e->actions);
		json_decref(e->fields);
	}
	free(sc->steps);
	free(sc->expects);
	free(sc->path);
	free(sc->from);
	free(sc->to);
	free(sc->end_hangup_by);
	free(sc->end_cause);
	json_decref(sc->headers);
	memset(sc, 0, sizeof(*sc));
}
