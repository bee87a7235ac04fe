/* action.c - the action registry, the generic parameter validator, and the
 * services action implementations share. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "call.h"
#include "clock.h"
#include "media.h"
#include "log.h"
#include "utf8.h"

#define MAX_ACTION_TYPES 32

static const struct action_ops *registry[MAX_ACTION_TYPES];
static unsigned nregistry;

void action_register(const struct action_ops *ops)
{
	if (nregistry < MAX_ACTION_TYPES)
		registry[nregistry++] = ops;
}

const struct action_ops *action_find(const char *type)
{
	unsigned i;

	for (i = 0; type && i < nregistry; i++)
		if (!strcmp(registry[i]->type, type))
			return registry[i];
	return NULL;
}

/* ---- validation ---- */

struct vctx {
	struct action_result *res;
	void *state;
	const char *error_type;     /* inherited from an enclosing object */
	const char *error_message;
};

static bool vfail(struct vctx *v, const struct param_spec *p, bool missing,
		  const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Fill res with the spec's ErrorType and a message: the spec's exact text
 * where it gives one, always followed by the field path and the reason. */
static bool vfail(struct vctx *v, const struct param_spec *p, bool missing,
		  const char *path, const char *fmt, ...)
{
	const char *type = p->error_type ? p->error_type : v->error_type;
	const char *msg = p->error_message ? p->error_message : v->error_message;
	char why[160];
	va_list ap;

	if (missing && p->missing_type) {
		type = p->missing_type;
		msg = p->missing_message;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	v->res->error_type = type ? type : "InvalidActionParameter";
	if (msg)
		snprintf(v->res->error_message, sizeof(v->res->error_message),
			 "%s (%s %s)", msg, path, why);
	else
		snprintf(v->res->error_message, sizeof(v->res->error_message),
			 "%s %s", path, why);
	return false;
}

static bool parse_int(json_t *j, int64_t *out)
{
	if (json_is_integer(j)) {
		*out = json_integer_value(j);
		return true;
	}
	if (json_is_real(j)) {
		double d = json_real_value(j);

		/* Range first: casting an out-of-range double is undefined. */
		if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) ||
		    d != (double)(int64_t)d)
			return false;
		*out = (int64_t)d;
		return true;
	}
	if (json_is_string(j)) {
		/* The guide's examples send numbers as strings (§0.5). */
		const char *s = json_string_value(j);
		char *end;
		long long x;

		errno = 0;
		x = strtoll(s, &end, 10);
		if (errno || end == s || *end)
			return false;
		*out = x;
		return true;
	}
	return false;
}

static bool in_enum(const char *const *e, const char *s)
{
	for (; *e; e++)
		if (!strcmp(*e, s))
			return true;
	return false;
}

static void enum_list(const char *const *e, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; *e && n < size; e++)
		n += snprintf(buf + n, size - n, "%s%s", n ? ", " : "", *e);
}

static bool check_fields(struct vctx *v, const struct param_spec *fields,
			 json_t *obj, const char *path);

static bool check_string(struct vctx *v, const struct param_spec *p,
			 json_t *j, const char *path)
{
	char list[96];

	if (!json_is_string(j))
		return vfail(v, p, false, path, "must be a string");
	if (p->required && !json_string_length(j))
		return vfail(v, p, true, path, "must not be empty");
	/* limits count characters (Speak's 1,000), not bytes */
	if (p->max && utf8_chars(json_string_value(j)) > (size_t)p->max)
		return vfail(v, p, false, path, "is longer than %lld characters",
			     (long long)p->max);
	if (p->enums && !in_enum(p->enums, json_string_value(j))) {
		enum_list(p->enums, list, sizeof(list));
		return vfail(v, p, false, path, "must be one of: %s", list);
	}
	*(const char **)((char *)v->state + p->off) = json_string_value(j);
	return true;
}

static bool check_list(struct vctx *v, const struct param_spec *p,
		       json_t *j, const char *path)
{
	size_t i;
	json_t *item;
	char list[96];

	/* An empty Lua table arrives as an empty object. */
	if (json_is_object(j) && !json_object_size(j))
		return true;
	if (!json_is_array(j))
		return vfail(v, p, false, path, "must be a list of strings");
	if (p->max && json_array_size(j) > (size_t)p->max)
		return vfail(v, p, false, path, "has more than %lld items",
			     (long long)p->max);
	json_array_foreach(j, i, item) {
		if (!json_is_string(item))
			return vfail(v, p, false, path, "[%zu] must be a string", i);
		if (p->enums && !in_enum(p->enums, json_string_value(item))) {
			enum_list(p->enums, list, sizeof(list));
			return vfail(v, p, false, path, "[%zu] must be one of: %s",
				     i, list);
		}
	}
	*(json_t **)((char *)v->state + p->off) = j;
	return true;
}

static bool check_value(struct vctx *v, const struct param_spec *p,
			json_t *j, const char *path)
{
	int64_t x;
	const char *key;
	json_t *item;

	switch (p->type) {
	case PARAM_STRING:
		return check_string(v, p, j, path);
	case PARAM_INT:
		if (!parse_int(j, &x))
			return vfail(v, p, false, path, "must be an integer");
		if ((p->min || p->max) && (x < p->min || x > p->max))
			return vfail(v, p, false, path,
				     "must be from %lld to %lld", (long long)p->min,
				     (long long)p->max);
		*(int64_t *)((char *)v->state + p->off) = x;
		return true;
	case PARAM_BOOL:
		if (json_is_boolean(j))
			*(bool *)((char *)v->state + p->off) = json_is_true(j);
		else if (json_is_string(j) && (!strcmp(json_string_value(j), "true") ||
					       !strcmp(json_string_value(j), "false")))
			*(bool *)((char *)v->state + p->off) =
				!strcmp(json_string_value(j), "true");
		else
			return vfail(v, p, false, path, "must be true or false");
		return true;
	case PARAM_OBJECT: {
		struct vctx inner = *v;

		if (!json_is_object(j))
			return vfail(v, p, false, path, "must be an object");
		if (p->error_type) {
			inner.error_type = p->error_type;
			inner.error_message = p->error_message;
		}
		return check_fields(&inner, p->fields, j, path);
	}
	case PARAM_STRING_LIST:
		return check_list(v, p, j, path);
	case PARAM_MAP:
		if (!json_is_object(j))
			return vfail(v, p, false, path, "must be an object");
		json_object_foreach(j, key, item)
			if (!json_is_string(item))
				return vfail(v, p, false, path,
					     ".%s must be a string", key);
		*(json_t **)((char *)v->state + p->off) = j;
		return true;
	}
	return vfail(v, p, false, path, "has an unknown type");
}

static bool check_fields(struct vctx *v, const struct param_spec *fields,
			 json_t *obj, const char *path)
{
	const struct param_spec *p;
	char sub[192];

	for (p = fields; p && p->name; p++) {
		json_t *j = json_object_get(obj, p->name);

		snprintf(sub, sizeof(sub), "%s.%s", path, p->name);
		if (json_is_null(j))
			j = NULL;
		if (!j) {
			if (p->required) {
				struct vctx inner = *v;

				/* A missing object takes its own error type
				 * (a missing AudioSource is InvalidAudioSource). */
				if (p->type == PARAM_OBJECT && p->error_type) {
					inner.error_type = p->error_type;
					inner.error_message = p->error_message;
				}
				return vfail(&inner, p, true, sub, "is required");
			}
			if (p->has_def) {
				*(int64_t *)((char *)v->state + p->off) = p->def;
				json_object_set_new(obj, p->name,
						    json_integer(p->def));
			}
			continue;
		}
		if (!check_value(v, p, j, sub))
			return false;
	}
	return true;
}

bool action_params_apply(const struct action_ops *ops, json_t *params,
			 const char *path, void *state,
			 struct action_result *res)
{
	struct vctx v = {.res = res, .state = state};
	static const struct param_spec whole = {.name = "Parameters"};

	if (!json_is_object(params))
		return vfail(&v, &whole, false, path, "must be an object");
	return check_fields(&v, ops->params, params, path);
}

/* ---- services ---- */

void action_complete(struct action *a, struct action_result *res)
{
	if (a->completed)
		return;
	a->completed = true;
	a->running = false;
	if (res) {
		a->result = *res;
		res->data = NULL;   /* the engine owns it now */
	}
	engine_schedule(a->call);
}

void action_fail(struct action *a, const char *error_type, const char *fmt, ...)
{
	struct action_result res = {.error_type = error_type};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res.error_message, sizeof(res.error_message), fmt, ap);
	va_end(ap);
	action_complete(a, &res);
}

int action_play_clip(struct action *a, struct player *p,
		     struct audio_clip *clip, unsigned repeat,
		     void (*done)(void *arg), void *arg)
{
	int err = player_start(p, a->leg->media, clip, repeat, done, arg);

	audio_clip_deref(clip);
	if (err) {
		action_fail(a, "SystemException",
			    "System error while running action (player: %d)", err);
		return err;
	}
	if (!a->first_audio_ms) {
		a->first_audio_ms = clock_wall_ms();
		log_info("action", "%s: %s: first audio after %llu ms",
			 a->call->transaction_id, a->ops->type,
			 (unsigned long long)(a->first_audio_ms - a->started_ms));
	}
	return 0;
}

static bool safe_component(const char *s, size_t n)
{
	return n && !(n == 1 && s[0] == '.') && !(n == 2 && !strncmp(s, "..", 2));
}

int action_storage_path(const struct action *a, const char *bucket,
			const char *key, char *buf, size_t size)
{
	const struct config *cfg = calls_config();
	const char *p = key, *slash;
	int n;

	(void)a;
	if (!bucket || !key || !*bucket || !*key || strchr(bucket, '/') ||
	    !safe_component(bucket, strlen(bucket)) || key[0] == '/')
		return EINVAL;
	/* No "." or ".." component may lead the key outside its bucket. */
	for (;;) {
		slash = strchr(p, '/');
		if (!safe_component(p, slash ? (size_t)(slash - p) : strlen(p)))
			return EINVAL;
		if (!slash)
			break;
		p = slash + 1;
	}
	n = snprintf(buf, size, "%s/%s/%s", cfg->storage_root, bucket, key);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}
