/* config.c - validates the configuration tree and resolves its objects:
 * phone numbers, SIP media applications and SIP rules with priorities. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "route.h"

struct cfgctx {
	const char *base_dir;
	char *err;
	size_t errsz;
};

static int fail(struct cfgctx *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct cfgctx *c, const char *path, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errsz, "%s: ", path);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errsz)
		vsnprintf(c->err + n, c->errsz - n, fmt, ap);
	va_end(ap);
	return EINVAL;
}

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Optional string member; *out stays untouched when absent. */
static int get_str(struct cfgctx *c, json_t *obj, const char *key,
		   const char *path, bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	char p[320];

	snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
	if (!v) {
		if (required)
			return fail(c, p, "is required");
		return 0;
	}
	if (!json_is_string(v) || !json_string_length(v))
		return fail(c, p, "must be a non-empty string");
	*out = json_string_value(v);
	return 0;
}

static int get_uint(struct cfgctx *c, json_t *obj, const char *key,
		    const char *path, long long min, long long max,
		    unsigned long long *out)
{
	json_t *v = json_object_get(obj, key);
	char p[320];

	snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return fail(c, p, "must be an integer from %lld to %lld",
			    min, max);
	*out = (unsigned long long)json_integer_value(v);
	return 0;
}

static char *resolve_path(const char *base, const char *p)
{
	char buf[PATH_MAX];

	if (p[0] == '/' || !base)
		return strdup(p);
	snprintf(buf, sizeof(buf), "%s/%s", base, p);
	return strdup(buf);
}

int config_parse_hostport(const char *s, char *addr, size_t addrsz,
			  uint16_t *port)
{
	const char *colon;
	char *end;
	unsigned long v;
	size_t alen;

	if (s[0] == '[') {
		const char *rb = strchr(s, ']');

		if (!rb || rb[1] != ':')
			return EINVAL;
		alen = (size_t)(rb - s - 1);
		s++;
		colon = rb + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return EINVAL;
		alen = (size_t)(colon - s);
	}
	if (!alen || alen >= addrsz)
		return EINVAL;
	errno = 0;
	v = strtoul(colon + 1, &end, 10);
	if (errno || *end || v > 65535 || end == colon + 1)
		return EINVAL;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	*port = (uint16_t)v;
	return 0;
}

static int get_hostport(struct cfgctx *c, json_t *obj, const char *key,
			const char *path, char *addr, size_t addrsz,
			uint16_t *port)
{
	const char *s = NULL;
	char p[320];
	int err = get_str(c, obj, key, path, false, &s);

	if (err || !s)
		return err;
	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (config_parse_hostport(s, addr, addrsz, port))
		return fail(c, p, "'%s' is not ADDRESS:PORT", s);
	return 0;
}

int config_default(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->sip_addr, sizeof(cfg->sip_addr), "127.0.0.1");
	cfg->sip_port = 5060;
	snprintf(cfg->rtp_addr, sizeof(cfg->rtp_addr), "127.0.0.1");
	cfg->rtp_port_min = 20000;
	cfg->rtp_port_max = 39999;
	cfg->data_dir = strdup("var");
	cfg->storage_root = strdup("storage");
	cfg->account_id = strdup("000000000000");
	cfg->region = strdup("us-east-1");
	cfg->handler_workers = 2;
	cfg->limits.instructions = 50000000;
	cfg->limits.wall_ms = 20000;
	cfg->limits.memory_bytes = 16u << 20;
	cfg->unanswered_timeout_ms = 30000;
	return cfg->data_dir && cfg->storage_root && cfg->account_id &&
	       cfg->region ? 0 : ENOMEM;
}

static int load_settings(struct cfgctx *c, struct config *cfg, json_t *root)
{
	json_t *o;
	const char *s = NULL;
	unsigned long long v;
	int err;

	if ((o = json_object_get(root, "sip")) &&
	    (err = get_hostport(c, o, "listen", "sip", cfg->sip_addr,
				sizeof(cfg->sip_addr), &cfg->sip_port)))
		return err;
	if ((o = json_object_get(root, "http")) &&
	    (err = get_hostport(c, o, "listen", "http", cfg->http_addr,
				sizeof(cfg->http_addr), &cfg->http_port)))
		return err;
	if ((o = json_object_get(root, "rtp"))) {
		s = NULL;
		if ((err = get_str(c, o, "address", "rtp", false, &s)))
			return err;
		if (s)
			snprintf(cfg->rtp_addr, sizeof(cfg->rtp_addr), "%s", s);
		v = cfg->rtp_port_min;
		if ((err = get_uint(c, o, "port_min", "rtp", 1024, 65534, &v)))
			return err;
		cfg->rtp_port_min = (uint16_t)v;
		v = cfg->rtp_port_max;
		if ((err = get_uint(c, o, "port_max", "rtp", 1025, 65535, &v)))
			return err;
		cfg->rtp_port_max = (uint16_t)v;
		if (cfg->rtp_port_max <= cfg->rtp_port_min)
			return fail(c, "rtp.port_max", "must be above rtp.port_min");
	}
	s = NULL;
	if ((err = get_str(c, root, "data_dir", "", false, &s)))
		return err;
	if (s) {
		free(cfg->data_dir);
		cfg->data_dir = resolve_path(c->base_dir, s);
	}
	s = NULL;
	if ((err = get_str(c, root, "storage_root", "", false, &s)))
		return err;
	if (s) {
		free(cfg->storage_root);
		cfg->storage_root = resolve_path(c->base_dir, s);
	}
	if ((o = json_object_get(root, "account"))) {
		s = NULL;
		if ((err = get_str(c, o, "AwsAccountId", "account", false, &s)))
			return err;
		if (s) {
			free(cfg->account_id);
			cfg->account_id = strdup(s);
		}
		s = NULL;
		if ((err = get_str(c, o, "AwsRegion", "account", false, &s)))
			return err;
		if (s) {
			free(cfg->region);
			cfg->region = strdup(s);
		}
	}
	if ((o = json_object_get(root, "handler"))) {
		v = cfg->handler_workers;
		if ((err = get_uint(c, o, "workers", "handler", 1, 64, &v)))
			return err;
		cfg->handler_workers = (unsigned)v;
		v = cfg->limits.wall_ms;
		if ((err = get_uint(c, o, "time_budget_ms", "handler", 10,
				    600000, &v)))
			return err;
		cfg->limits.wall_ms = v;
		v = cfg->limits.instructions;
		if ((err = get_uint(c, o, "instruction_budget", "handler",
				    1000, LLONG_MAX, &v)))
			return err;
		cfg->limits.instructions = v;
		v = cfg->limits.memory_bytes >> 20;
		if ((err = get_uint(c, o, "memory_mb", "handler", 1, 4096, &v)))
			return err;
		cfg->limits.memory_bytes = (size_t)v << 20;
	}
	return 0;
}

static int load_phones(struct cfgctx *c, struct config *cfg, json_t *arr)
{
	size_t i;
	json_t *o;
	char p[64], e164[32];

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return fail(c, "PhoneNumbers", "must be a list");
	cfg->phones = calloc(json_array_size(arr) + 1, sizeof(*cfg->phones));
	if (!cfg->phones)
		return ENOMEM;
	json_array_foreach(arr, i, o) {
		const char *num = NULL, *name = NULL;
		int err;

		snprintf(p, sizeof(p), "PhoneNumbers[%zu]", i);
		if (!json_is_object(o))
			return fail(c, p, "must be a table");
		if ((err = get_str(c, o, "E164PhoneNumber", p, true, &num)) ||
		    (err = get_str(c, o, "Name", p, false, &name)))
			return err;
		if (route_normalize_number(num, e164, sizeof(e164)))
			return fail(c, p, "E164PhoneNumber '%s' is not an E.164 "
				    "number (+ then 2 to 15 digits)", num);
		cfg->phones[cfg->nphones].e164 = strdup(e164);
		cfg->phones[cfg->nphones].name = xstrdup(name);
		cfg->nphones++;
	}
	return 0;
}

static int load_smas(struct cfgctx *c, struct config *cfg, json_t *arr)
{
	size_t i;
	json_t *o;
	char p[96];

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return fail(c, "SipMediaApplications", "must be a list");
	cfg->smas = calloc(json_array_size(arr) + 1, sizeof(*cfg->smas));
	if (!cfg->smas)
		return ENOMEM;
	json_array_foreach(arr, i, o) {
		const char *id = NULL, *name = NULL, *region = NULL, *script = NULL;
		struct cfg_sma *sma = &cfg->smas[cfg->nsmas];
		json_t *eps;
		int err;

		snprintf(p, sizeof(p), "SipMediaApplications[%zu]", i);
		if (!json_is_object(o))
			return fail(c, p, "must be a table");
		if ((err = get_str(c, o, "SipMediaApplicationId", p, true, &id)) ||
		    (err = get_str(c, o, "Name", p, false, &name)) ||
		    (err = get_str(c, o, "AwsRegion", p, false, &region)))
			return err;
		if (config_find_sma(cfg, id))
			return fail(c, p, "SipMediaApplicationId '%s' is "
				    "declared twice", id);
		eps = json_object_get(o, "Endpoints");
		snprintf(p, sizeof(p), "SipMediaApplications[%zu].Endpoints", i);
		if (!json_is_array(eps) || json_array_size(eps) != 1)
			return fail(c, p, "must list exactly one endpoint");
		snprintf(p, sizeof(p), "SipMediaApplications[%zu].Endpoints[0]", i);
		if ((err = get_str(c, json_array_get(eps, 0), "Script", p, true,
				   &script)))
			return err;
		sma->id = strdup(id);
		sma->name = xstrdup(name ? name : id);
		sma->region = strdup(region ? region : cfg->region);
		sma->script = resolve_path(c->base_dir, script);
		cfg->nsmas++;
		if (access(sma->script, R_OK) != 0)
			return fail(c, p, "Script '%s' cannot be read: %s",
				    sma->script, strerror(errno));
	}
	return 0;
}

static int cmp_target(const void *a, const void *b)
{
	const struct cfg_target *x = a, *y = b;

	return (int)x->priority - (int)y->priority;
}

static int load_targets(struct cfgctx *c, struct config *cfg,
			struct cfg_rule *r, json_t *arr, const char *path)
{
	size_t i, j;
	json_t *o;
	char p[192];

	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > 25)
		return fail(c, path, "must list 1 to 25 target applications");
	r->targets = calloc(json_array_size(arr), sizeof(*r->targets));
	if (!r->targets)
		return ENOMEM;
	json_array_foreach(arr, i, o) {
		struct cfg_target *t = &r->targets[i];
		const char *id = NULL, *region = NULL;
		unsigned long long prio = 0;
		int err;

		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (!json_is_object(o))
			return fail(c, p, "must be a table");
		if ((err = get_str(c, o, "SipMediaApplicationId", p, true, &id)) ||
		    (err = get_str(c, o, "AwsRegion", p, false, &region)) ||
		    (err = get_uint(c, o, "Priority", p, 1, 1000, &prio)))
			return err;
		if (!prio)
			return fail(c, p, "Priority is required (1 is tried first)");
		t->sma = config_find_sma(cfg, id);
		if (!t->sma)
			return fail(c, p, "no SIP media application '%s' "
				    "(declare it in SipMediaApplications)", id);
		t->priority = (unsigned)prio;
		t->region = strdup(region ? region : t->sma->region);
		r->ntargets++;
		for (j = 0; j < i; j++)
			if (r->targets[j].priority == t->priority)
				return fail(c, p, "Priority %u is used twice",
					    t->priority);
	}
	qsort(r->targets, r->ntargets, sizeof(*r->targets), cmp_target);
	return 0;
}

static bool has_phone(const struct config *cfg, const char *e164)
{
	unsigned i;

	for (i = 0; i < cfg->nphones; i++)
		if (!strcmp(cfg->phones[i].e164, e164))
			return true;
	return false;
}

static int load_rule(struct cfgctx *c, struct config *cfg, json_t *o,
		     const char *p)
{
	struct cfg_rule *r = &cfg->rules[cfg->nrules];
	const char *id = NULL, *name = NULL, *type = NULL, *value = NULL;
	json_t *dis;
	char pp[128], norm[256];
	int err;

	if (!json_is_object(o))
		return fail(c, p, "must be a table");
	if ((err = get_str(c, o, "SipRuleId", p, true, &id)) ||
	    (err = get_str(c, o, "Name", p, false, &name)) ||
	    (err = get_str(c, o, "TriggerType", p, true, &type)) ||
	    (err = get_str(c, o, "TriggerValue", p, true, &value)))
		return err;
	snprintf(pp, sizeof(pp), "%s.TriggerValue", p);
	if (!strcmp(type, "ToPhoneNumber")) {
		r->trigger = TRIGGER_TO_PHONE_NUMBER;
		if (route_normalize_number(value, norm, sizeof(norm)))
			return fail(c, pp, "'%s' is not an E.164 number", value);
		if (!has_phone(cfg, norm))
			return fail(c, pp, "%s is not in PhoneNumbers", norm);
	} else if (!strcmp(type, "RequestUriHostname")) {
		r->trigger = TRIGGER_REQUEST_URI_HOSTNAME;
		if (route_normalize_host(value, norm, sizeof(norm)))
			return fail(c, pp, "'%s' is not a host name", value);
	} else {
		snprintf(pp, sizeof(pp), "%s.TriggerType", p);
		return fail(c, pp, "must be ToPhoneNumber or RequestUriHostname,"
			    " not '%s'", type);
	}
	dis = json_object_get(o, "Disabled");
	if (dis && !json_is_boolean(dis)) {
		snprintf(pp, sizeof(pp), "%s.Disabled", p);
		return fail(c, pp, "must be true or false");
	}
	r->id = strdup(id);
	r->name = xstrdup(name ? name : id);
	r->value = strdup(norm);
	r->disabled = json_is_true(dis);
	cfg->nrules++;
	snprintf(pp, sizeof(pp), "%s.TargetApplications", p);
	return load_targets(c, cfg, r, json_object_get(o, "TargetApplications"),
			    pp);
}

static int load_rules(struct cfgctx *c, struct config *cfg, json_t *arr)
{
	size_t i, j;
	json_t *o;
	char p[64];
	int err;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return fail(c, "SipRules", "must be a list");
	cfg->rules = calloc(json_array_size(arr) + 1, sizeof(*cfg->rules));
	if (!cfg->rules)
		return ENOMEM;
	json_array_foreach(arr, i, o) {
		snprintf(p, sizeof(p), "SipRules[%zu]", i);
		if ((err = load_rule(c, cfg, o, p)))
			return err;
		for (j = 0; j < i; j++) {
			const struct cfg_rule *a = &cfg->rules[j], *b = &cfg->rules[i];

			if (a->trigger == b->trigger && !strcmp(a->value, b->value))
				return fail(c, p, "trigger %s is already used by "
					    "SipRules[%zu]", b->value, j);
		}
	}
	return 0;
}

static const char *const known_keys[] = {
	"sip", "http", "rtp", "data_dir", "storage_root", "account", "handler",
	"PhoneNumbers", "SipMediaApplications", "SipRules", NULL
};

int config_from_json(struct config *cfg, json_t *root, const char *base_dir,
		     char *err, size_t errsz)
{
	struct cfgctx c = {base_dir, err, errsz};
	const char *key;
	json_t *v;
	int e;

	if (!json_is_object(root)) {
		e = fail(&c, "(top)", "the file must return a table");
		goto out;
	}
	json_object_foreach(root, key, v) {
		unsigned i;

		for (i = 0; known_keys[i] && strcmp(known_keys[i], key); i++)
			;
		if (!known_keys[i]) {
			e = fail(&c, key, "unknown setting");
			goto out;
		}
	}
	if ((e = load_settings(&c, cfg, root)) ||
	    (e = load_phones(&c, cfg, json_object_get(root, "PhoneNumbers"))) ||
	    (e = load_smas(&c, cfg, json_object_get(root, "SipMediaApplications"))) ||
	    (e = load_rules(&c, cfg, json_object_get(root, "SipRules"))))
		goto out;
	return 0;
out:
	config_free(cfg);
	return e;
}

const struct cfg_sma *config_find_sma(const struct config *cfg, const char *id)
{
	unsigned i;

	for (i = 0; i < cfg->nsmas; i++)
		if (!strcmp(cfg->smas[i].id, id))
			return &cfg->smas[i];
	return NULL;
}

void config_free(struct config *cfg)
{
	unsigned i, j;

	for (i = 0; i < cfg->nphones; i++) {
		free(cfg->phones[i].e164);
		free(cfg->phones[i].name);
	}
	for (i = 0; i < cfg->nsmas; i++) {
		free(cfg->smas[i].id);
		free(cfg->smas[i].name);
		free(cfg->smas[i].region);
		free(cfg->smas[i].script);
	}
	for (i = 0; i < cfg->nrules; i++) {
		for (j = 0; j < cfg->rules[i].ntargets; j++)
			free(cfg->rules[i].targets[j].region);
		free(cfg->rules[i].targets);
		free(cfg->rules[i].id);
		free(cfg->rules[i].name);
		free(cfg->rules[i].value);
	}
	free(cfg->phones);
	free(cfg->smas);
	free(cfg->rules);
	free(cfg->path);
	free(cfg->data_dir);
	free(cfg->storage_root);
	free(cfg->account_id);
	free(cfg->region);
	memset(cfg, 0, sizeof(*cfg));
}
