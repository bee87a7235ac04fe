/* sim_config.c - the configuration of a simulated call: the settings of a
 * configuration file (or the built-in defaults), the SIP media application
 * that runs the handler, and a ToPhoneNumber rule for the called number,
 * so the events carry SipRuleId, SipMediaApplicationId, AwsAccountId and
 * AwsRegion as a real call's do. Built as JSON and validated by
 * config_from_json, like `callflow serve`'s file. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "handler.h"
#include "sim_priv.h"

#define SIM_SMA_ID  "sim-sma"
#define SIM_RULE_ID "sim-rule"

/* The file's table and the directory its relative paths start from. */
static json_t *file_root(const char *path, char *base, size_t basesz,
			 char *err, size_t errsz)
{
	struct handler_error herr;
	char real[PATH_MAX];
	json_t *root = NULL;

	if (!realpath(path, real)) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (handler_get()->eval_config(real, &root, &herr) != HANDLER_OK) {
		snprintf(err, errsz, "%s", herr.message);
		return NULL;
	}
	if (!json_is_object(root)) {
		snprintf(err, errsz, "%s: (top): the file must return a table",
			 path);
		json_decref(root);
		return NULL;
	}
	snprintf(base, basesz, "%s", dirname(real));
	return root;
}

static const struct cfg_sma *sma_of_script(const struct config *cfg,
					   const char *script)
{
	char real[PATH_MAX];
	unsigned i;

	for (i = 0; i < cfg->nsmas; i++)
		if (realpath(cfg->smas[i].script, real) && !strcmp(real, script))
			return &cfg->smas[i];
	return NULL;
}

static const struct cfg_rule *rule_of_number(const struct config *cfg,
					     const char *e164)
{
	unsigned i;

	for (i = 0; i < cfg->nrules; i++)
		if (cfg->rules[i].trigger == TRIGGER_TO_PHONE_NUMBER &&
		    !strcmp(cfg->rules[i].value, e164))
			return &cfg->rules[i];
	return NULL;
}

/* The number an application's own enabled rule routes to it. */
static const char *number_of_sma(const struct config *cfg, const char *id)
{
	unsigned i;

	for (i = 0; i < cfg->nrules; i++) {
		const struct cfg_rule *r = &cfg->rules[i];

		if (r->trigger == TRIGGER_TO_PHONE_NUMBER && !r->disabled &&
		    !strcmp(r->targets[0].sma->id, id))
			return r->value;
	}
	return NULL;
}

/* Append to the list root[key], creating it. */
static void list_append(json_t *root, const char *key, json_t *item)
{
	json_t *arr = json_object_get(root, key);

	if (!json_is_array(arr)) {
		arr = json_array();
		json_object_set_new(root, key, arr);
	}
	json_array_append_new(arr, item);
}

static void rule_remove(json_t *root, const char *id)
{
	json_t *arr = json_object_get(root, "SipRules"), *r;
	size_t i;

	json_array_foreach(arr, i, r)
		if (json_is_string(json_object_get(r, "SipRuleId")) &&
		    !strcmp(json_string_value(json_object_get(r, "SipRuleId")),
			    id)) {
			json_array_remove(arr, i);
			return;
		}
}

/* The application and the rule: the file's own when they already route
 * the number to the handler, else ones made for the run. */
static void route_add(json_t *root, const struct config *probe,
		      const char *script, const char *sma_id, const char *to)
{
	const struct cfg_rule *r = rule_of_number(probe, to);
	unsigned i;
	bool phone = false;

	if (!sma_of_script(probe, script))
		list_append(root, "SipMediaApplications", json_pack(
			    "{s:s, s:s, s:[{s:s}]}", "SipMediaApplicationId",
			    sma_id, "Name", "simulator", "Endpoints", "Script",
			    script));
	if (r && !r->disabled && !strcmp(r->targets[0].sma->id, sma_id))
		return;
	if (r)
		rule_remove(root, r->id);
	for (i = 0; i < probe->nphones; i++)
		phone |= !strcmp(probe->phones[i].e164, to);
	if (!phone)
		list_append(root, "PhoneNumbers", json_pack("{s:s, s:s}",
			    "E164PhoneNumber", to, "Name", "simulated number"));
	list_append(root, "SipRules", json_pack(
		    "{s:s, s:s, s:s, s:s, s:[{s:s, s:i}]}", "SipRuleId",
		    SIM_RULE_ID, "Name", "simulator", "TriggerType",
		    "ToPhoneNumber", "TriggerValue", to, "TargetApplications",
		    "SipMediaApplicationId", sma_id, "Priority", 1));
}

/* A directory given on the command line, as an absolute path. */
static json_t *abs_dir(const char *dir)
{
	char cwd[PATH_MAX], buf[PATH_MAX * 2];

	if (dir[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return json_string(dir);
	snprintf(buf, sizeof(buf), "%s/%s", cwd, dir);
	return json_string(buf);
}

static void dirs_set(json_t *root, const struct sim_setup *su)
{
	char dir[PATH_MAX], buf[PATH_MAX + 16];

	json_object_del(root, "http");     /* no REST API in a simulation */
	if (su->storage) {
		json_object_set_new(root, "storage_root", abs_dir(su->storage));
	} else if (!su->config) {
		snprintf(dir, sizeof(dir), "%s", su->script);
		snprintf(buf, sizeof(buf), "%s/storage", dirname(dir));
		json_object_set_new(root, "storage_root", json_string(buf));
	}
	json_object_set_new(root, "data_dir", abs_dir(su->data_dir));
}

static int parse(struct config *cfg, json_t *root, const char *base,
		 const char *name, char *err, size_t errsz)
{
	char msg[512];

	config_default(cfg);
	if (!config_from_json(cfg, root, base, msg, sizeof(msg)))
		return 0;
	snprintf(err, errsz, "%s: %s", name, msg);
	return 2;
}

int sim_config_build(struct config *cfg, const struct sim_setup *su,
		     const char **top, const char **sma_idp,
		     char *err, size_t errsz)
{
	struct config probe;
	const struct cfg_sma *sma;
	const char *to;
	char base[PATH_MAX], sma_id[128], to_buf[64];
	json_t *root;
	int rc;

	if (su->config)
		root = file_root(su->config, base, sizeof(base), err, errsz);
	else
		root = json_object();
	if (!root)
		return 2;
	if (!su->config)
		snprintf(base, sizeof(base), "%s", "/");
	if ((rc = parse(&probe, root, base, su->config ? su->config :
			"configuration", err, errsz)))
		goto out;
	sma = sma_of_script(&probe, su->script);
	snprintf(sma_id, sizeof(sma_id), "%s", sma ? sma->id : SIM_SMA_ID);
	to = su->to ? su->to : sma ? number_of_sma(&probe, sma->id) : NULL;
	snprintf(to_buf, sizeof(to_buf), "%s", to ? to : SIM_DEFAULT_TO);
	route_add(root, &probe, su->script, sma_id, to_buf);
	dirs_set(root, su);
	config_free(&probe);
	if ((rc = parse(cfg, root, base, su->config ? su->config :
			"configuration", err, errsz)))
		goto out;
	*sma_idp = config_find_sma(cfg, sma_id)->id;
	*top = rule_of_number(cfg, to_buf)->value;
 out:
	json_decref(root);
	return rc;
}
