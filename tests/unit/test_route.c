/* test_route.c - number and host normalisation, and which SIP rule (and
 * which target order) a Request-URI selects (events.md §2). */
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
#include "runtime/route.h"

static char dir[64];
static struct config cfg;

static void norm_ok(const char *in, const char *want)
{
	char out[32];

	assert_int_equal(route_normalize_number(in, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void norm_bad(const char *in)
{
	char out[32];

	assert_int_equal(route_normalize_number(in, out, sizeof(out)), EINVAL);
}

static void test_number_forms(void **state)
{
	(void)state;
	norm_ok("+15550100", "+15550100");
	norm_ok("15550100", "+15550100");
	norm_ok("tel:+1-555-0100", "+15550100");
	norm_ok("TEL:+1 555 0100", "+15550100");
	norm_ok("+1 (555) 010.0", "+15550100");
	/* Separators only, no country-code check: "(555) 0100" is 7 digits. */
	norm_ok("(555) 0100", "+5550100");
	norm_ok("+12", "+12");                       /* 2 digits: the minimum */
	norm_ok("+123456789012345", "+123456789012345");   /* 15: the maximum */
}

static void test_number_rejects(void **state)
{
	char small[4];

	(void)state;
	norm_bad("+05550100");             /* leading zero */
	norm_bad("05550100");
	norm_bad("+1234567890123456");     /* 16 digits */
	norm_bad("+1");                    /* 1 digit */
	norm_bad("+");
	norm_bad("");
	norm_bad("alice");
	norm_bad("+1555O100");             /* letter O, not zero */
	norm_bad("+1555+0100");
	norm_bad("tel:+15550100;phone-context=x");
	/* A buffer too small for the result is an error, not a truncation. */
	assert_int_equal(route_normalize_number("+15550100", small,
						sizeof(small)), EINVAL);
}

static void test_host(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(route_normalize_host("PBX.Example.COM.", out,
					      sizeof(out)), 0);
	assert_string_equal(out, "pbx.example.com");
	assert_int_equal(route_normalize_host("pbx.example.com", out,
					      sizeof(out)), 0);
	assert_string_equal(out, "pbx.example.com");
	assert_int_equal(route_normalize_host("127.0.0.1", out, sizeof(out)), 0);
	assert_string_equal(out, "127.0.0.1");
	assert_int_equal(route_normalize_host("", out, sizeof(out)), EINVAL);
	assert_int_equal(route_normalize_host(".", out, sizeof(out)), EINVAL);
	assert_int_equal(route_normalize_host("pbx example.com", out,
					      sizeof(out)), EINVAL);
	assert_int_equal(route_normalize_host("pbx/example", out, sizeof(out)),
			 EINVAL);
	assert_int_equal(route_normalize_host("pbx.example.com", out, 8),
			 EINVAL);
}

/* Rule 1 lists its targets with priority 2 first, so only config.c's sort
 * can put "sma-a" first. */
static const char config_json[] =
	"{\"PhoneNumbers\": ["
	"  {\"E164PhoneNumber\": \"+15550100\", \"Name\": \"Main\"},"
	"  {\"E164PhoneNumber\": \"tel:+1-555-0199\"}],"
	" \"SipMediaApplications\": ["
	"  {\"SipMediaApplicationId\": \"sma-a\", \"AwsRegion\": \"us-east-1\","
	"   \"Endpoints\": [{\"Script\": \"h.lua\"}]},"
	"  {\"SipMediaApplicationId\": \"sma-b\", \"AwsRegion\": \"us-west-2\","
	"   \"Endpoints\": [{\"Script\": \"h.lua\"}]}],"
	" \"SipRules\": ["
	"  {\"SipRuleId\": \"r-phone\", \"TriggerType\": \"ToPhoneNumber\","
	"   \"TriggerValue\": \"+15550100\", \"TargetApplications\": ["
	"     {\"SipMediaApplicationId\": \"sma-b\", \"Priority\": 2},"
	"     {\"SipMediaApplicationId\": \"sma-a\", \"Priority\": 1}]},"
	"  {\"SipRuleId\": \"r-off\", \"TriggerType\": \"ToPhoneNumber\","
	"   \"TriggerValue\": \"+15550199\", \"Disabled\": true,"
	"   \"TargetApplications\": [{\"SipMediaApplicationId\": \"sma-a\","
	"     \"Priority\": 1}]},"
	"  {\"SipRuleId\": \"r-host\", \"TriggerType\": \"RequestUriHostname\","
	"   \"TriggerValue\": \"PBX.Example.com.\", \"TargetApplications\": ["
	"     {\"SipMediaApplicationId\": \"sma-b\", \"Priority\": 1}]}]}";

static int group_setup(void **state)
{
	char path[128], err[256];
	json_error_t jerr;
	json_t *root;
	FILE *f;
	int rc;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_route-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/h.lua", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("return {}\n", f);
	fclose(f);
	root = json_loads(config_json, 0, &jerr);
	if (!root) {
		fprintf(stderr, "config_json: %s\n", jerr.text);
		return -1;
	}
	config_default(&cfg);
	rc = config_from_json(&cfg, root, dir, err, sizeof(err));
	json_decref(root);
	if (rc)
		fprintf(stderr, "config_from_json: %s\n", err);
	return rc ? -1 : 0;
}

static int group_teardown(void **state)
{
	char path[128];

	(void)state;
	config_free(&cfg);
	snprintf(path, sizeof(path), "%s/h.lua", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

static const char *rule_id(const char *user, const char *host)
{
	const struct cfg_rule *r = route_find(&cfg, user, host);

	return r ? r->id : "(none)";
}

static void test_find_by_number(void **state)
{
	(void)state;
	assert_string_equal(rule_id("+15550100", "10.0.0.1"), "r-phone");
	assert_string_equal(rule_id("15550100", "10.0.0.1"), "r-phone");
	assert_string_equal(rule_id("+1-555-0100", NULL), "r-phone");
	assert_string_equal(rule_id("+15550101", "10.0.0.1"), "(none)");
}

static void test_find_disabled(void **state)
{
	(void)state;
	/* The phone number is configured, but its rule is disabled. */
	assert_string_equal(rule_id("+15550199", "10.0.0.1"), "(none)");
	/* ... so a host rule can still take the call. */
	assert_string_equal(rule_id("+15550199", "pbx.example.com"), "r-host");
}

static void test_find_by_host(void **state)
{
	(void)state;
	assert_string_equal(rule_id("alice", "pbx.example.com"), "r-host");
	assert_string_equal(rule_id("alice", "PBX.EXAMPLE.COM."), "r-host");
	assert_string_equal(rule_id(NULL, "pbx.example.com"), "r-host");
	assert_string_equal(rule_id("alice", "other.example.com"), "(none)");
	assert_string_equal(rule_id("alice", NULL), "(none)");
	/* The phone rule wins over the host rule. */
	assert_string_equal(rule_id("+15550100", "pbx.example.com"), "r-phone");
}

static void test_targets_sorted(void **state)
{
	const struct cfg_rule *r = route_find(&cfg, "+15550100", NULL);

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->ntargets, 2);
	assert_int_equal(r->targets[0].priority, 1);
	assert_string_equal(r->targets[0].sma->id, "sma-a");
	assert_string_equal(r->targets[0].region, "us-east-1");
	assert_int_equal(r->targets[1].priority, 2);
	assert_string_equal(r->targets[1].sma->id, "sma-b");
	/* No AwsRegion on the target: the application's region. */
	assert_string_equal(r->targets[1].region, "us-west-2");
	assert_string_equal(r->value, "+15550100");
}

static void test_rule_values_normalised(void **state)
{
	const struct cfg_phone *ph;

	(void)state;
	assert_int_equal(cfg.nrules, 3);
	assert_string_equal(cfg.rules[2].value, "pbx.example.com");
	assert_true(cfg.rules[1].disabled);
	assert_false(cfg.rules[0].disabled);
	ph = route_find_phone(&cfg, "+15550199");
	assert_non_null(ph);
	assert_null(ph->name);
	ph = route_find_phone(&cfg, "+15550100");
	assert_non_null(ph);
	assert_string_equal(ph->name, "Main");
	assert_null(route_find_phone(&cfg, "+15550000"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_forms),
		cmocka_unit_test(test_number_rejects),
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_find_by_number),
		cmocka_unit_test(test_find_disabled),
		cmocka_unit_test(test_find_by_host),
		cmocka_unit_test(test_targets_sorted),
		cmocka_unit_test(test_rule_values_normalised),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
