/* test_config.c - the configuration tree: every field of the example
 * config, and an EINVAL naming the field path for each kind of mistake. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/config.h"

static char dir[64];

/* The example configuration (examples/config.lua) as the script host
 * hands it over; each error test breaks one thing in it. */
static const char full_json[] =
	"{\"sip\": {\"listen\": \"127.0.0.1:5070\"},"
	" \"http\": {\"listen\": \"127.0.0.1:8080\"},"
	" \"rtp\": {\"address\": \"127.0.0.2\", \"port_min\": 20000,"
	"          \"port_max\": 29999},"
	" \"data_dir\": \"../var\","
	" \"storage_root\": \"storage\","
	" \"account\": {\"AwsAccountId\": \"123456789012\","
	"              \"AwsRegion\": \"eu-west-1\"},"
	" \"handler\": {\"workers\": 3, \"time_budget_ms\": 15000,"
	"              \"memory_mb\": 32, \"instruction_budget\": 2000000},"
	" \"PhoneNumbers\": ["
	"   {\"E164PhoneNumber\": \"+15550100\", \"Name\": \"Hello line\"}],"
	" \"SipMediaApplications\": ["
	"   {\"SipMediaApplicationId\": \"hello-sma\", \"Name\": \"Hello\","
	"    \"AwsRegion\": \"us-east-1\","
	"    \"Endpoints\": [{\"Script\": \"hello.lua\"}]}],"
	" \"SipRules\": ["
	"   {\"SipRuleId\": \"hello-rule\", \"Name\": \"Hello number\","
	"    \"TriggerType\": \"ToPhoneNumber\", \"TriggerValue\": \"+15550100\","
	"    \"TargetApplications\": [{\"SipMediaApplicationId\": \"hello-sma\","
	"      \"Priority\": 1, \"AwsRegion\": \"us-east-1\"}]}]}";

static int group_setup(void **state)
{
	char path[128];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_config-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/hello.lua", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("return {}\n", f);
	return fclose(f);
}

static int group_teardown(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/hello.lua", dir);
	unlink(path);
	return rmdir(dir);
}

static json_t *full(void)
{
	json_error_t jerr;
	json_t *root = json_loads(full_json, 0, &jerr);

	if (!root)
		fail_msg("full_json: %s", jerr.text);
	return root;
}

static int load(json_t *root, struct config *cfg, char *err, size_t errsz)
{
	int rc;

	err[0] = '\0';
	assert_int_equal(config_default(cfg), 0);
	rc = config_from_json(cfg, root, dir, err, errsz);
	json_decref(root);
	return rc;
}

/* The configuration must be refused with an error that starts with the
 * field path, then ": ", and mentions `why` (if given). */
static void expect_error(json_t *root, const char *path, const char *why)
{
	struct config cfg;
	char err[512];

	assert_int_equal(load(root, &cfg, err, sizeof(err)), EINVAL);
	if (strncmp(err, path, strlen(path)) || strncmp(err + strlen(path), ": ", 2))
		fail_msg("error '%s' does not start with '%s: '", err, path);
	if (why && !strstr(err, why))
		fail_msg("error '%s' does not mention '%s'", err, why);
	/* config_from_json freed it on failure. */
	assert_int_equal(cfg.nsmas, 0);
	assert_null(cfg.smas);
}

static json_t *sma0(json_t *root)
{
	return json_array_get(json_object_get(root, "SipMediaApplications"), 0);
}

static json_t *rule0(json_t *root)
{
	return json_array_get(json_object_get(root, "SipRules"), 0);
}

static json_t *targets0(json_t *root)
{
	return json_object_get(rule0(root), "TargetApplications");
}

static void test_full(void **state)
{
	struct config cfg;
	char err[512], want[128];

	(void)state;
	assert_int_equal(load(full(), &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.sip_addr, "127.0.0.1");
	assert_int_equal(cfg.sip_port, 5070);
	assert_string_equal(cfg.http_addr, "127.0.0.1");
	assert_int_equal(cfg.http_port, 8080);
	assert_string_equal(cfg.rtp_addr, "127.0.0.2");
	assert_int_equal(cfg.rtp_port_min, 20000);
	assert_int_equal(cfg.rtp_port_max, 29999);
	/* Relative paths are relative to the config file's directory. */
	snprintf(want, sizeof(want), "%s/../var", dir);
	assert_string_equal(cfg.data_dir, want);
	snprintf(want, sizeof(want), "%s/storage", dir);
	assert_string_equal(cfg.storage_root, want);
	assert_string_equal(cfg.account_id, "123456789012");
	assert_string_equal(cfg.region, "eu-west-1");
	assert_int_equal(cfg.handler_workers, 3);
	assert_int_equal(cfg.limits.wall_ms, 15000);
	assert_int_equal(cfg.limits.memory_bytes, 32u << 20);
	assert_int_equal(cfg.limits.instructions, 2000000);

	assert_int_equal(cfg.nphones, 1);
	assert_string_equal(cfg.phones[0].e164, "+15550100");
	assert_string_equal(cfg.phones[0].name, "Hello line");

	assert_int_equal(cfg.nsmas, 1);
	assert_string_equal(cfg.smas[0].id, "hello-sma");
	assert_string_equal(cfg.smas[0].name, "Hello");
	assert_string_equal(cfg.smas[0].region, "us-east-1");
	snprintf(want, sizeof(want), "%s/hello.lua", dir);
	assert_string_equal(cfg.smas[0].script, want);
	assert_ptr_equal(config_find_sma(&cfg, "hello-sma"), &cfg.smas[0]);
	assert_null(config_find_sma(&cfg, "nope"));

	assert_int_equal(cfg.nrules, 1);
	assert_string_equal(cfg.rules[0].id, "hello-rule");
	assert_string_equal(cfg.rules[0].name, "Hello number");
	assert_int_equal(cfg.rules[0].trigger, TRIGGER_TO_PHONE_NUMBER);
	assert_string_equal(cfg.rules[0].value, "+15550100");
	assert_false(cfg.rules[0].disabled);
	assert_int_equal(cfg.rules[0].ntargets, 1);
	assert_ptr_equal(cfg.rules[0].targets[0].sma, &cfg.smas[0]);
	assert_int_equal(cfg.rules[0].targets[0].priority, 1);
	assert_string_equal(cfg.rules[0].targets[0].region, "us-east-1");
	config_free(&cfg);
}

/* Keys left out keep config_default()'s values; names default to ids and
 * the application's region to the account's. */
static void test_minimal(void **state)
{
	struct config cfg;
	char err[512];
	json_t *root = full();

	(void)state;
	json_object_del(root, "sip");
	json_object_del(root, "http");
	json_object_del(root, "rtp");
	json_object_del(root, "handler");
	json_object_del(sma0(root), "Name");
	json_object_del(sma0(root), "AwsRegion");
	json_object_del(rule0(root), "Name");
	assert_int_equal(load(root, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.sip_addr, "127.0.0.1");
	assert_int_equal(cfg.sip_port, 5060);
	assert_int_equal(cfg.http_port, 0);
	assert_int_equal(cfg.rtp_port_min, 20000);
	assert_int_equal(cfg.rtp_port_max, 39999);
	assert_int_equal(cfg.handler_workers, 2);
	assert_string_equal(cfg.smas[0].name, "hello-sma");
	assert_string_equal(cfg.smas[0].region, "eu-west-1");
	assert_string_equal(cfg.rules[0].name, "hello-rule");
	config_free(&cfg);
}

static void test_err_top_level(void **state)
{
	json_t *root = full();

	(void)state;
	json_object_set_new(root, "sipp", json_object());
	expect_error(root, "sipp", "unknown");
	expect_error(json_array(), "(top)", NULL);
}

static void test_err_sma(void **state)
{
	json_t *root;

	(void)state;
	root = full();
	json_object_del(sma0(root), "SipMediaApplicationId");
	expect_error(root, "SipMediaApplications[0].SipMediaApplicationId",
		     "required");

	root = full();
	json_array_append_new(json_object_get(sma0(root), "Endpoints"),
			      json_pack("{s:s}", "Script", "hello.lua"));
	expect_error(root, "SipMediaApplications[0].Endpoints", "one endpoint");

	root = full();
	json_array_clear(json_object_get(sma0(root), "Endpoints"));
	expect_error(root, "SipMediaApplications[0].Endpoints", "one endpoint");

	root = full();
	json_object_set_new(json_array_get(json_object_get(sma0(root),
							   "Endpoints"), 0),
			    "Script", json_string("missing.lua"));
	expect_error(root, "SipMediaApplications[0].Endpoints[0]", "missing.lua");

	root = full();
	json_array_append(json_object_get(root, "SipMediaApplications"),
			  sma0(root));
	expect_error(root, "SipMediaApplications[1]", "twice");
}

static void test_err_rule(void **state)
{
	json_t *root;

	(void)state;
	root = full();
	json_object_set_new(rule0(root), "TriggerType", json_string("bogus"));
	expect_error(root, "SipRules[0].TriggerType", "bogus");

	root = full();
	json_object_set_new(rule0(root), "TriggerValue", json_string("+15550111"));
	expect_error(root, "SipRules[0].TriggerValue", "PhoneNumbers");

	root = full();
	json_object_set_new(rule0(root), "TriggerValue", json_string("hello"));
	expect_error(root, "SipRules[0].TriggerValue", NULL);

	root = full();
	json_object_set_new(rule0(root), "Disabled", json_string("yes"));
	expect_error(root, "SipRules[0].Disabled", NULL);

	root = full();
	json_object_del(rule0(root), "SipRuleId");
	expect_error(root, "SipRules[0].SipRuleId", "required");

	/* Two rules on the same trigger. */
	root = full();
	json_array_append(json_object_get(root, "SipRules"), rule0(root));
	expect_error(root, "SipRules[1]", "already used");
}

static void test_err_targets(void **state)
{
	json_t *root;

	(void)state;
	root = full();
	json_object_set_new(json_array_get(targets0(root), 0),
			    "SipMediaApplicationId", json_string("nope-sma"));
	expect_error(root, "SipRules[0].TargetApplications[0]", "nope-sma");

	root = full();
	json_array_append_new(targets0(root),
			      json_pack("{s:s, s:i}", "SipMediaApplicationId",
					"hello-sma", "Priority", 1));
	expect_error(root, "SipRules[0].TargetApplications[1]",
		     "Priority 1 is used twice");

	root = full();
	json_array_clear(targets0(root));
	expect_error(root, "SipRules[0].TargetApplications", NULL);

	root = full();
	json_object_del(rule0(root), "TargetApplications");
	expect_error(root, "SipRules[0].TargetApplications", NULL);

	root = full();
	json_object_del(json_array_get(targets0(root), 0), "Priority");
	expect_error(root, "SipRules[0].TargetApplications[0]", "Priority");

	root = full();
	json_object_set_new(json_array_get(targets0(root), 0), "Priority",
			    json_integer(0));
	expect_error(root, "SipRules[0].TargetApplications[0].Priority", NULL);
}

static void test_err_phone(void **state)
{
	json_t *root = full();

	(void)state;
	json_object_set_new(json_array_get(json_object_get(root, "PhoneNumbers"),
					   0),
			    "E164PhoneNumber", json_string("+0123"));
	expect_error(root, "PhoneNumbers[0]", "+0123");
}

static void test_err_settings(void **state)
{
	json_t *root;

	(void)state;
	root = full();
	json_object_set_new(json_object_get(root, "sip"), "listen",
			    json_string("localhost"));
	expect_error(root, "sip.listen", "localhost");

	root = full();
	json_object_set_new(json_object_get(root, "sip"), "listen",
			    json_string("127.0.0.1:70000"));
	expect_error(root, "sip.listen", NULL);

	root = full();
	json_object_set_new(json_object_get(root, "rtp"), "port_max",
			    json_integer(20000));
	expect_error(root, "rtp.port_max", NULL);

	root = full();
	json_object_set_new(json_object_get(root, "rtp"), "port_min",
			    json_integer(100));
	expect_error(root, "rtp.port_min", NULL);

	root = full();
	json_object_set_new(json_object_get(root, "handler"), "workers",
			    json_integer(0));
	expect_error(root, "handler.workers", NULL);

	root = full();
	json_object_set_new(json_object_get(root, "handler"), "workers",
			    json_string("2"));
	expect_error(root, "handler.workers", NULL);

	root = full();
	json_object_set_new(root, "data_dir", json_string(""));
	expect_error(root, "data_dir", NULL);
}

static void test_hostport(void **state)
{
	char addr[64];
	uint16_t port = 0;

	(void)state;
	assert_int_equal(config_parse_hostport("127.0.0.1:5060", addr,
					       sizeof(addr), &port), 0);
	assert_string_equal(addr, "127.0.0.1");
	assert_int_equal(port, 5060);
	assert_int_equal(config_parse_hostport("[::1]:5061", addr, sizeof(addr),
					       &port), 0);
	assert_string_equal(addr, "::1");
	assert_int_equal(port, 5061);
	assert_int_equal(config_parse_hostport("0.0.0.0:0", addr, sizeof(addr),
					       &port), 0);
	assert_int_equal(port, 0);

	assert_int_equal(config_parse_hostport("127.0.0.1", addr, sizeof(addr),
					       &port), EINVAL);
	assert_int_equal(config_parse_hostport("127.0.0.1:", addr, sizeof(addr),
					       &port), EINVAL);
	assert_int_equal(config_parse_hostport(":5060", addr, sizeof(addr),
					       &port), EINVAL);
	assert_int_equal(config_parse_hostport("127.0.0.1:65536", addr,
					       sizeof(addr), &port), EINVAL);
	assert_int_equal(config_parse_hostport("127.0.0.1:50x", addr,
					       sizeof(addr), &port), EINVAL);
	assert_int_equal(config_parse_hostport("[::1]5060", addr, sizeof(addr),
					       &port), EINVAL);
	assert_int_equal(config_parse_hostport("[::1:5060", addr, sizeof(addr),
					       &port), EINVAL);
	assert_int_equal(config_parse_hostport("127.0.0.1:5060", addr, 9,
					       &port), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_err_top_level),
		cmocka_unit_test(test_err_sma),
		cmocka_unit_test(test_err_rule),
		cmocka_unit_test(test_err_targets),
		cmocka_unit_test(test_err_phone),
		cmocka_unit_test(test_err_settings),
		cmocka_unit_test(test_hostport),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
