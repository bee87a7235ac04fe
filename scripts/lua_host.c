/* lua_host.c - runs handler(event) of Lua scripts: a per-thread cache of
 * sandboxed states, and the config and check entry points. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "runtime/log.h"
#include "scripts/lua_host.h"
#include "scripts/lua_json.h"
#include "scripts/lua_sandbox.h"

/* Scripts one worker keeps loaded; a deployment has a handful, so the
 * least recently used state is simply closed when a ninth one comes. */
#define CACHE_SLOTS 8

/* Configuration files and compile checks run in a fresh state each time. */
static const struct handler_limits config_limits = {
	.instructions = 10000000,
	.memory_bytes = 16u << 20,
};

struct script {
	char *path;
	struct sandbox *sb;
	struct stat st;        /* identity of the file that was loaded */
	uint64_t used;         /* LRU stamp */
};

/* The runtime calls invoke() from a pool of workers: each thread owns its
 * states, so a lua_State never sees two threads and nothing is locked. */
static _Thread_local struct script *cache[CACHE_SLOTS];
static _Thread_local uint64_t cache_clock;

static void script_free(struct script *s)
{
	if (!s)
		return;
	sandbox_free(s->sb);
	free(s->path);
	free(s);
}

static void cache_drop(int slot)
{
	script_free(cache[slot]);
	cache[slot] = NULL;
}

static int cache_find(const char *path)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++) {
		if (cache[i] && !strcmp(cache[i]->path, path))
			return i;
	}
	return -1;
}

/* A free slot, or the least recently used one emptied. */
static int cache_slot(void)
{
	int i, lru = 0;

	for (i = 0; i < CACHE_SLOTS; i++) {
		if (!cache[i])
			return i;
		if (cache[i]->used < cache[lru]->used)
			lru = i;
	}
	cache_drop(lru);
	return lru;
}

/* Same file as the one loaded: an editor's rename-over changes the inode,
 * an in-place write the size or the modification time. */
static int script_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
		a->st_size == b->st_size &&
		a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
		a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Create a state, compile the script and run its main chunk (which
 * defines handler and any module-level state) under lim. */
static enum handler_err script_load(struct script **sp, const char *path,
				    const struct handler_limits *lim,
				    struct handler_error *err)
{
	struct script *s = NULL;
	enum handler_err code;

	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return sandbox_error(err, HANDLER_ENOMEM, "out of memory");
	}
	code = sandbox_alloc(&s->sb, path, lim ? lim->memory_bytes : 0, err);
	if (code)
		goto out;
	sandbox_arm(s->sb, lim);
	code = sandbox_load(s->sb, path, &s->st, err);
	if (code)
		goto out;
	code = sandbox_pcall(s->sb, 0, 0, err);
 out:
	if (code)
		script_free(s);
	else
		*sp = s;
	return code;
}

/* The cached, up-to-date script for path, loading it when needed. The
 * budgets of lim are armed on return. */
static enum handler_err script_get(struct script **sp, const char *path,
				   const struct handler_limits *lim,
				   struct handler_error *err)
{
	int slot = cache_find(path);
	enum handler_err code;
	struct stat st;

	if (stat(path, &st) < 0) {
		if (slot >= 0)
			cache_drop(slot);
		return sandbox_error(err, HANDLER_ELOAD, "cannot read %s: %s",
				     path, strerror(errno));
	}
	if (slot >= 0 && !script_same_file(&cache[slot]->st, &st)) {
		log_info("lua", "%s changed, reloading", path);
		cache_drop(slot);
		slot = -1;
	}
	if (slot < 0) {
		slot = cache_slot();
		code = script_load(&cache[slot], path, lim, err);
		if (code)
			return code;
	}
	else {
		sandbox_arm(cache[slot]->sb, lim);
	}
	cache[slot]->used = ++cache_clock;
	*sp = cache[slot];
	return HANDLER_OK;
}

struct host_call {
	json_t *event;
	int nofunc;
};

/* Runs in protected mode: building the event table may fail on memory. */
static int host_call(lua_State *L)
{
	struct host_call *hc = lua_touserdata(L, 1);

	if (lua_getglobal(L, "handler") != LUA_TFUNCTION) {
		hc->nofunc = 1;
		return 0;
	}
	script_json_push(L, hc->event);
	lua_call(L, 1, 1);
	return 1;
}

static enum handler_err script_result(struct sandbox *sb, json_t **outp,
				      struct handler_error *err)
{
	lua_State *L = sandbox_state(sb);
	char msg[sizeof(err->message)];

	*outp = NULL;
	if (lua_isnil(L, -1))
		return HANDLER_OK;
	if (script_json_read(L, -1, outp, msg, sizeof(msg)))
		return sandbox_error(err, HANDLER_ERESULT, "%s: %s",
				     sandbox_name(sb), msg);
	return HANDLER_OK;
}

static enum handler_err host_invoke(const char *path, json_t *event,
					const struct handler_limits *lim,
					json_t **respp,
					struct handler_error *err)
{
	struct host_call hc = {.event = event};
	enum handler_err code;
	struct script *s = NULL;
	lua_State *L;

	*respp = NULL;
	code = script_get(&s, path, lim, err);
	if (code)
		return code;
	L = sandbox_state(s->sb);

	lua_pushcfunction(L, host_call);
	lua_pushlightuserdata(L, &hc);
	code = sandbox_pcall(s->sb, 1, 1, err);
	if (!code && hc.nofunc)
		code = sandbox_error(err, HANDLER_ENOFUNC,
				     "%s: no global function 'handler'",
				     sandbox_name(s->sb));
	else if (!code)
		code = script_result(s->sb, respp, err);
	lua_settop(L, 0);
	sandbox_disarm(s->sb);

	/* A state that hit its cap may hold the memory in globals and fail
	 * every later call: start over from the file instead. */
	if (code == HANDLER_ENOMEM && cache_find(path) >= 0)
		cache_drop(cache_find(path));
	return code;
}

static enum handler_err host_check(const char *path,
				       struct handler_error *err)
{
	struct sandbox *sb = NULL;
	enum handler_err code;

	code = sandbox_alloc(&sb, path, config_limits.memory_bytes, err);
	if (code)
		return code;
	sandbox_arm(sb, &config_limits);
	code = sandbox_load(sb, path, NULL, err);
	sandbox_free(sb);
	return code;
}

static enum handler_err host_eval_config(const char *path, json_t **outp,
					     struct handler_error *err)
{
	struct sandbox *sb = NULL;
	enum handler_err code;
	lua_State *L;
	char msg[sizeof(err->message)];

	*outp = NULL;
	code = sandbox_alloc(&sb, path, config_limits.memory_bytes, err);
	if (code)
		return code;
	sandbox_arm(sb, &config_limits);
	code = sandbox_load(sb, path, NULL, err);
	if (code)
		goto out;
	code = sandbox_pcall(sb, 0, 1, err);
	if (code)
		goto out;
	L = sandbox_state(sb);
	if (!lua_istable(L, -1))
		code = sandbox_error(err, HANDLER_ERESULT,
				     "%s: must return a table (got %s)",
				     sandbox_name(sb), luaL_typename(L, -1));
	else if (script_json_read(L, -1, outp, msg, sizeof(msg)))
		code = sandbox_error(err, HANDLER_ERESULT, "%s: %s",
				     sandbox_name(sb), msg);
 out:
	sandbox_free(sb);
	return code;
}

static void host_thread_close(void)
{
	int i;

	for (i = 0; i < CACHE_SLOTS; i++)
		cache_drop(i);
	cache_clock = 0;
}

const struct handler_ops lua_handler_ops = {
	.name = "lua",
	.invoke = host_invoke,
	.check = host_check,
	.eval_config = host_eval_config,
	.thread_close = host_thread_close,
};
