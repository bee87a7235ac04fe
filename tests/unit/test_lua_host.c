/* test_lua_host.c - the Lua script host: events in, responses out, the
 * sandbox, budgets, reloads, threads and configuration files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/clock.h"
#include "scripts/lua_host.h"

static const struct handler_ops *ops = &lua_handler_ops;

static const struct handler_limits lim = {
	.instructions = 1000000,
	.wall_ms = 10000,
	.memory_bytes = 4u << 20,
};

/* Every jansson allocation is counted, so a missed json_decref anywhere
 * (host or test) shows up as a live block after the test. */
static atomic_long json_live;

static void *count_malloc(size_t n)
{
	void *p = malloc(n);

	if (p)
		atomic_fetch_add(&json_live, 1);
	return p;
}

static void count_free(void *p)
{
	if (p)
		atomic_fetch_sub(&json_live, 1);
	free(p);
}

static char fixture_dir[256];
static char tmp_dir[256];

static const char *fx(const char *name)
{
	static _Thread_local char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	return path;
}

static enum handler_err run(const char *path, const char *event_json,
			    json_t **respp, struct handler_error *err)
{
	json_error_t jerr;
	json_t *event = json_loads(event_json, 0, &jerr);
	enum handler_err code;

	assert_non_null(event);
	memset(err, 0, sizeof(*err));
	code = ops->invoke(path, event, &lim, respp, err);
	json_decref(event);
	if (code == HANDLER_OK)
		assert_int_equal(err->code, 0);
	else
		assert_int_equal(err->code, code);
	return code;
}

static json_t *shape(const char *name, enum handler_err expect,
		     struct handler_error *err)
{
	char ev[128];
	json_t *resp = NULL;

	snprintf(ev, sizeof(ev), "{\"Shape\": \"%s\"}", name);
	assert_int_equal(run(fx("actions.lua"), ev, &resp, err), expect);
	return resp;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static const char *str_at(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	assert_non_null(s);
	return s;
}

static int teardown(void **state)
{
	(void)state;
	ops->thread_close();
	assert_int_equal(atomic_load(&json_live), 0);
	return 0;
}

static const char event_call[] =
	"{\"SchemaVersion\": \"1.0\", \"Sequence\": 3, \"Ratio\": 0.5,"
	" \"Answered\": false, \"ActionData\": null,"
	" \"InvocationEventType\": \"NEW_INBOUND_CALL\","
	" \"CallDetails\": {\"TransactionId\": \"t-1\", \"Participants\": ["
	"  {\"CallId\": \"c-1\", \"ParticipantTag\": \"LEG-A\"},"
	"  {\"CallId\": \"c-2\", \"ParticipantTag\": \"LEG-B\"}]}}";

static void test_event_fields_reach_lua(void **state)
{
	struct handler_error err;
	json_t *resp = NULL;

	(void)state;
	assert_int_equal(run(fx("echo.lua"), event_call, &resp, &err),
			 HANDLER_OK);
	assert_string_equal(str_at(resp, "CallId"), "c-1");
	assert_string_equal(str_at(resp, "SecondTag"), "LEG-B");
	assert_int_equal(json_integer_value(json_object_get(resp,
					    "Participants")), 2);
	assert_true(json_is_integer(json_object_get(resp, "Sequence")));
	assert_int_equal(json_integer_value(json_object_get(resp,
					    "Sequence")), 3);
	assert_string_equal(str_at(resp, "SequenceType"), "integer");
	assert_string_equal(str_at(resp, "RatioType"), "float");
	assert_true(json_real_value(json_object_get(resp, "Ratio")) == 0.5);
	assert_true(json_is_false(json_object_get(resp, "Answered")));
	/* null in the event is nil in Lua: the key is absent. */
	assert_true(json_is_false(json_object_get(resp, "HasActionData")));
	json_decref(resp);

	/* The state is cached: module-level locals survive between calls. */
	assert_int_equal(run(fx("echo.lua"), event_call, &resp, &err),
			 HANDLER_OK);
	assert_int_equal(json_integer_value(json_object_get(resp, "Calls")), 2);
	json_decref(resp);
}

static void test_response_actions(void **state)
{
	struct handler_error err;
	json_t *resp, *actions, *params, *attrs;

	(void)state;
	resp = shape("speak", HANDLER_OK, &err);
	actions = json_object_get(resp, "Actions");
	assert_true(json_is_array(actions));
	assert_int_equal(json_array_size(actions), 2);
	assert_string_equal(str_at(json_array_get(actions, 0), "Type"), "Speak");
	params = json_object_get(json_array_get(actions, 0), "Parameters");
	assert_true(json_is_object(params));
	assert_int_equal(json_object_size(params), 3);
	assert_string_equal(str_at(params, "Text"), "Hello");
	assert_string_equal(str_at(params, "Engine"), "neural");
	params = json_object_get(json_array_get(actions, 1), "Parameters");
	assert_string_equal(str_at(params, "SipResponseCode"), "0");
	attrs = json_object_get(resp, "TransactionAttributes");
	assert_true(json_is_object(attrs));
	assert_string_equal(str_at(attrs, "Caller"), "+14155550100");
	assert_int_equal(json_integer_value(json_object_get(attrs,
					    "Attempts")), 2);
	json_decref(resp);
}

static void test_response_shapes(void **state)
{
	struct handler_error err;
	json_t *resp, *v;

	(void)state;
	/* Actions = {} is an empty object, not an array. */
	resp = shape("empty", HANDLER_OK, &err);
	v = json_object_get(resp, "Actions");
	assert_true(json_is_object(v));
	assert_int_equal(json_object_size(v), 0);
	json_decref(resp);

	/* 1.0 stays a real, 3 an integer. */
	resp = shape("numbers", HANDLER_OK, &err);
	assert_true(json_is_integer(json_object_get(resp, "Int")));
	assert_true(json_is_real(json_object_get(resp, "Float")));
	assert_true(json_real_value(json_object_get(resp, "Float")) == 1.0);
	assert_true(json_real_value(json_object_get(resp, "Half")) == 0.5);
	json_decref(resp);

	/* Keys 1, 2, 5 are not a sequence: an object with decimal keys. */
	resp = shape("sparse", HANDLER_OK, &err);
	assert_true(json_is_object(resp));
	assert_string_equal(str_at(resp, "1"), "a");
	assert_string_equal(str_at(resp, "2"), "b");
	assert_string_equal(str_at(resp, "5"), "e");
	json_decref(resp);

	/* The same table twice is not a cycle. */
	resp = shape("shared", HANDLER_OK, &err);
	assert_string_equal(str_at(json_object_get(resp, "A"), "Text"), "same");
	assert_string_equal(str_at(json_object_get(resp, "B"), "Text"), "same");
	json_decref(resp);

	resp = shape("none", HANDLER_OK, &err);
	assert_null(resp);
	resp = shape("nothing", HANDLER_OK, &err);
	assert_null(resp);
}

static void test_response_errors(void **state)
{
	struct handler_error err;

	(void)state;
	assert_null(shape("function_inside", HANDLER_ERESULT, &err));
	assert_string_equal(err.message, "actions.lua: Actions[1].Parameters."
			    "Text: cannot convert a function");
	assert_null(shape("cycle", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "Self: table contains itself"));
	assert_null(shape("nan", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "Volume: cannot convert NaN"));
	assert_null(shape("float_key", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "float 1.5 as a key"));
	assert_null(shape("dup_key", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "1: key used both as a number"));
	assert_null(shape("deep", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "nests deeper than 32"));
	/* Shared subtables must not expand outside the memory cap. */
	assert_null(shape("explode", HANDLER_ERESULT, &err));
	assert_non_null(strstr(err.message, "more than 50000 values"));

	/* The state is unharmed by a result it could not convert. */
	json_decref(shape("speak", HANDLER_OK, &err));
}

static void test_sandbox_blocks(void **state)
{
	static const struct { const char *probe, *text; } rows[] = {
		{"io", "global 'io'"},
		{"os_execute", "field 'execute'"},
		{"os_getenv", "field 'getenv'"},
		{"require", "global 'require'"},
		{"load", "global 'load'"},
		{"dofile", "global 'dofile'"},
		{"loadfile", "global 'loadfile'"},
		{"collectgarbage", "global 'collectgarbage'"},
		{"string_dump", "field 'dump'"},
	};
	struct handler_error err;
	json_t *resp = NULL;
	char ev[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(ev, sizeof(ev), "{\"Probe\": \"%s\"}", rows[i].probe);
		assert_int_equal(run(fx("sandbox.lua"), ev, &resp, &err),
				 HANDLER_ERUNTIME);
		assert_null(resp);
		assert_non_null(strstr(err.message, "sandbox.lua:"));
		assert_non_null(strstr(err.message, "nil value"));
		assert_non_null(strstr(err.message, rows[i].text));
	}
}

static void test_sandbox_allows(void **state)
{
	struct handler_error err;
	json_t *resp = NULL;

	(void)state;
	assert_int_equal(run(fx("sandbox.lua"), "{\"Probe\": \"allowed\"}",
			     &resp, &err), HANDLER_OK);
	assert_string_equal(str_at(resp, "Time"), "integer");
	assert_string_equal(str_at(resp, "Date"), "1970");
	assert_string_equal(str_at(resp, "Clock"), "number");
	assert_string_equal(str_at(resp, "Default"), "dflt");
	assert_string_equal(str_at(resp, "Upper"), "ABC");
	assert_string_equal(str_at(resp, "Joined"), "a,b");
	assert_int_equal(json_integer_value(json_object_get(resp, "Len")), 2);
	assert_int_equal(json_integer_value(json_object_get(resp, "Ok")), 2);
	json_decref(resp);
}

static void expect_budget_ok(int hog_zero)
{
	struct handler_error err;
	json_t *resp = NULL;

	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"normal\"}",
			     &resp, &err), HANDLER_OK);
	assert_true(json_is_true(json_object_get(resp, "Ok")));
	if (hog_zero)
		assert_int_equal(json_integer_value(json_object_get(resp,
						    "Hog")), 0);
	json_decref(resp);
}

static void test_instruction_budget(void **state)
{
	struct handler_error err;
	json_t *resp = NULL;

	(void)state;
	expect_budget_ok(1);
	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"spin\"}",
			     &resp, &err), HANDLER_ETIMEOUT);
	assert_null(resp);
	assert_non_null(strstr(err.message, "budget.lua:"));
	assert_non_null(strstr(err.message,
			       "instruction budget of 1000000 exceeded"));
	expect_budget_ok(1);

	/* The script's own pcall cannot catch the budget error. */
	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"spin_in_pcall\"}",
			     &resp, &err), HANDLER_ETIMEOUT);
	assert_non_null(strstr(err.message, "instruction budget"));
	expect_budget_ok(1);
	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"spin_in_xpcall\"}",
			     &resp, &err), HANDLER_ETIMEOUT);
	assert_non_null(strstr(err.message, "budget.lua:"));
	assert_non_null(strstr(err.message, "instruction budget"));
	assert_null(resp);
	expect_budget_ok(1);
}

/* A virtual clock that moves 1 ms each time it is read. */
static uint64_t fake_us;
static uint64_t fake_mono_us(void) { return fake_us += 1000; }
static uint64_t fake_wall_ms(void) { return fake_us / 1000; }

static void test_time_budget(void **state)
{
	static const struct clock_ops fake = {fake_mono_us, fake_wall_ms};
	const struct handler_limits wall = {.wall_ms = 50,
					    .memory_bytes = 4u << 20};
	struct handler_error err = {0};
	json_t *event = json_pack("{s:s}", "Mode", "spin"), *resp = NULL;

	(void)state;
	clock_set_ops(&fake);
	assert_int_equal(ops->invoke(fx("budget.lua"), event, &wall, &resp,
				     &err), HANDLER_ETIMEOUT);
	clock_set_ops(NULL);
	json_decref(event);
	assert_null(resp);
	assert_non_null(strstr(err.message, "time budget of 50 ms exceeded"));
	expect_budget_ok(1);
}

static void test_memory_cap(void **state)
{
	struct handler_error err;
	json_t *resp = NULL;

	(void)state;
	/* Table growth kept in a global: only a fresh state recovers. */
	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"table_bomb\"}",
			     &resp, &err), HANDLER_ENOMEM);
	assert_null(resp);
	assert_non_null(strstr(err.message,
			       "budget.lua: memory limit of 4194304 bytes"));
	expect_budget_ok(1);

	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"string_bomb\"}",
			     &resp, &err), HANDLER_ENOMEM);
	expect_budget_ok(1);

	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"bomb_in_pcall\"}",
			     &resp, &err), HANDLER_ENOMEM);
	assert_null(resp);
	expect_budget_ok(1);
}

static void test_load_errors(void **state)
{
	struct handler_error err;
	json_t *resp = NULL;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(run(fx("syntax.lua"), "{}", &resp, &err),
			 HANDLER_ELOAD);
	assert_non_null(strstr(err.message, "syntax.lua:3:"));

	assert_int_equal(run(fx("missing.lua"), "{}", &resp, &err),
			 HANDLER_ELOAD);
	assert_non_null(strstr(err.message, "missing.lua"));
	assert_non_null(strstr(err.message, "No such file"));

	assert_int_equal(run(fx("nofunc.lua"), "{}", &resp, &err),
			 HANDLER_ENOFUNC);
	assert_string_equal(err.message,
			    "nofunc.lua: no global function 'handler'");

	assert_int_equal(run(fx("toplevel_error.lua"), "{}", &resp, &err),
			 HANDLER_ERUNTIME);
	assert_non_null(strstr(err.message, "toplevel_error.lua:2: boom"));

	/* Long messages are cut to fit, never overflow. */
	assert_int_equal(run(fx("budget.lua"), "{\"Mode\": \"long_error\"}",
			     &resp, &err), HANDLER_ERUNTIME);
	assert_int_equal(strlen(err.message), sizeof(err.message) - 1);
	assert_memory_equal(err.message, "budget.lua:", 11);

	/* Precompiled chunks are refused: text mode only. */
	snprintf(path, sizeof(path), "%s/binary.lua", tmp_dir);
	write_file(path, "\x1bLua\x54");
	assert_int_equal(run(path, "{}", &resp, &err), HANDLER_ELOAD);
	assert_non_null(strstr(err.message, "binary chunk"));
	assert_null(resp);
}

static void test_check(void **state)
{
	struct handler_error err = {0};

	(void)state;
	assert_int_equal(ops->check(fx("echo.lua"), &err), HANDLER_OK);
	/* Compiles only: the failing main chunk is not run. */
	assert_int_equal(ops->check(fx("toplevel_error.lua"), &err),
			 HANDLER_OK);
	assert_int_equal(ops->check(fx("syntax.lua"), &err), HANDLER_ELOAD);
	assert_non_null(strstr(err.message, "syntax.lua:3:"));
	assert_int_equal(ops->check(fx("missing.lua"), &err), HANDLER_ELOAD);
}

static int version_of(const char *path)
{
	struct handler_error err;
	json_t *resp = NULL;
	int v;

	assert_int_equal(run(path, "{}", &resp, &err), HANDLER_OK);
	v = (int)json_integer_value(json_object_get(resp, "V"));
	json_decref(resp);
	return v;
}

static void test_reload_on_change(void **state)
{
	struct timespec times[2] = {{0, 0}, {0, 0}};
	struct handler_error err;
	json_t *resp = NULL;
	char path[PATH_MAX];

	(void)state;
	snprintf(path, sizeof(path), "%s/change.lua", tmp_dir);
	write_file(path, "function handler() return { V = 1 } end\n");
	assert_int_equal(version_of(path), 1);
	write_file(path, "function handler() return { V = 22 } end\n");
	assert_int_equal(version_of(path), 22);

	/* Same size: the modification time tells. */
	write_file(path, "function handler() return { V = 33 } end\n");
	times[0].tv_sec = times[1].tv_sec = 1000000000;
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	assert_int_equal(version_of(path), 33);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(run(path, "{}", &resp, &err), HANDLER_ELOAD);
}

static void test_many_scripts(void **state)
{
	char path[PATH_MAX], text[128];
	int i;

	(void)state;
	/* More scripts than one thread caches: the oldest are evicted and
	 * reloaded transparently. */
	for (i = 0; i < 12; i++) {
		snprintf(path, sizeof(path), "%s/many%d.lua", tmp_dir, i);
		snprintf(text, sizeof(text),
			 "function handler() return { V = %d } end\n", i);
		write_file(path, text);
	}
	for (i = 0; i < 24; i++) {
		snprintf(path, sizeof(path), "%s/many%d.lua", tmp_dir, i % 12);
		assert_int_equal(version_of(path), i % 12);
	}
}

static void test_print_to_log(void **state)
{
	struct handler_error err;
	char path[PATH_MAX], buf[4096];
	json_t *resp = (json_t *)1;
	int fd, saved;
	ssize_t n;

	(void)state;
	snprintf(path, sizeof(path), "%s/stderr.txt", tmp_dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	run(fx("print.lua"), "{\"Who\": \"test\"}", &resp, &err);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_null(resp);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "print.lua: hello from\ttest\t42\n"));
}

#define THREAD_CALLS 200

static void *thread_main(void *arg)
{
	long id = (long)arg, bad = 0;
	struct handler_error err;
	json_t *event, *resp;
	int i;

	for (i = 0; i < THREAD_CALLS; i++) {
		event = json_loads(event_call, 0, NULL);
		json_object_set_new(event, "Sequence", json_integer(id * 1000 + i));
		resp = NULL;
		if (ops->invoke(fx("echo.lua"), event, &lim, &resp, &err) ||
		    json_integer_value(json_object_get(resp, "Sequence")) !=
		    id * 1000 + i ||
		    /* Each thread has its own state: its own call count. */
		    json_integer_value(json_object_get(resp, "Calls")) != i + 1)
			bad++;
		json_decref(resp);
		json_decref(event);
	}
	ops->thread_close();
	return (void *)bad;
}

static void test_threads(void **state)
{
	pthread_t t[2];
	void *bad;
	long i;

	(void)state;
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, thread_main,
						(void *)(i + 1)), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(t[i], &bad), 0);
		assert_int_equal((long)bad, 0);
	}
}

static void test_eval_config(void **state)
{
	struct handler_error err = {0};
	json_t *cfg = NULL, *v;

	(void)state;
	assert_int_equal(ops->eval_config(fx("config.lua"), &cfg, &err),
			 HANDLER_OK);
	v = json_object_get(cfg, "sip");
	assert_string_equal(str_at(v, "listen"), "127.0.0.1");
	assert_int_equal(json_integer_value(json_object_get(v, "port")), 5060);
	v = json_object_get(v, "transports");
	assert_int_equal(json_array_size(v), 2);
	assert_string_equal(json_string_value(json_array_get(v, 1)), "tcp");
	v = json_object_get(json_object_get(cfg, "media"), "rtp_ports");
	assert_int_equal(json_integer_value(json_object_get(v, "last")), 31999);
	v = json_object_get(cfg, "limits");
	assert_int_equal(json_integer_value(json_object_get(v, "memory_bytes")),
			 8 << 20);
	v = json_array_get(json_object_get(cfg, "applications"), 0);
	assert_string_equal(str_at(v, "handler"), "examples/hello.lua");
	assert_true(json_is_object(json_object_get(v, "tags")));
	assert_true(json_is_false(json_object_get(cfg, "debug")));
	json_decref(cfg);

	assert_int_equal(ops->eval_config(fx("config_noreturn.lua"), &cfg,
					  &err), HANDLER_ERESULT);
	assert_null(cfg);
	assert_non_null(strstr(err.message,
			       "config_noreturn.lua: must return a table"));
	assert_int_equal(ops->eval_config(fx("config_syntax.lua"), &cfg,
					  &err), HANDLER_ELOAD);
	assert_non_null(strstr(err.message, "config_syntax.lua:2:"));
	assert_int_equal(ops->eval_config(fx("missing.lua"), &cfg, &err),
			 HANDLER_ELOAD);
}

static int group_setup(void **state)
{
	char *slash;

	(void)state;
	json_set_alloc_funcs(count_malloc, count_free);
	/* Fixtures live beside this file; tests run from the repo root. */
	snprintf(fixture_dir, sizeof(fixture_dir), "%s", __FILE__);
	slash = strrchr(fixture_dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(fixture_dir, sizeof(fixture_dir), ".");
	strncat(fixture_dir, "/lua", sizeof(fixture_dir) - strlen(fixture_dir) - 1);
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/test_lua_host.XXXXXX");
	return mkdtemp(tmp_dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	char cmd[sizeof(tmp_dir) + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_event_fields_reach_lua, teardown),
		cmocka_unit_test_teardown(test_response_actions, teardown),
		cmocka_unit_test_teardown(test_response_shapes, teardown),
		cmocka_unit_test_teardown(test_response_errors, teardown),
		cmocka_unit_test_teardown(test_sandbox_blocks, teardown),
		cmocka_unit_test_teardown(test_sandbox_allows, teardown),
		cmocka_unit_test_teardown(test_instruction_budget, teardown),
		cmocka_unit_test_teardown(test_time_budget, teardown),
		cmocka_unit_test_teardown(test_memory_cap, teardown),
		cmocka_unit_test_teardown(test_load_errors, teardown),
		cmocka_unit_test_teardown(test_check, teardown),
		cmocka_unit_test_teardown(test_reload_on_change, teardown),
		cmocka_unit_test_teardown(test_many_scripts, teardown),
		cmocka_unit_test_teardown(test_print_to_log, teardown),
		cmocka_unit_test_teardown(test_threads, teardown),
		cmocka_unit_test_teardown(test_eval_config, teardown),
	};

	return cmocka_run_group_tests_name("lua_host", tests, group_setup,
					   group_teardown);
}
