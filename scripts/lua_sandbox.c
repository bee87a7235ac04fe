/* lua_sandbox.c - a Lua state with a memory cap, budgets and a reduced
 * library set (platform.md section 7). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "runtime/clock.h"
#include "runtime/log.h"
#include "scripts/lua_sandbox.h"

/* The count hook runs every HOOK_STEP VM instructions: frequent enough to
 * stop a loop within microseconds, rare enough to cost nothing measurable. */
#define HOOK_STEP 1000
/* Budget for finalizers (__gc) that lua_close() runs. */
#define CLOSE_INSTRUCTIONS 1000000
#define CLOSE_WALL_MS 100

/* A budget error is final: the script's own pcall must not swallow it. */
enum sandbox_fatal { FATAL_NONE, FATAL_TIMEOUT, FATAL_NOMEM };

struct sandbox {
	lua_State *L;
	char *name;            /* basename of the script */
	size_t mem_used;       /* live bytes owned by the state */
	size_t mem_limit;      /* 0 = no cap */
	uint64_t instructions; /* budget, 0 = none */
	uint64_t executed;     /* instructions counted by the hook so far */
	uint64_t wall_ms;
	uint64_t deadline_us;  /* clock_mono_us() deadline, 0 = none */
	int step;              /* hook period in instructions */
	enum sandbox_fatal fatal;
	char fatal_msg[128];   /* the budget error, whatever the script did */
};

static struct sandbox *sandbox_of(lua_State *L)
{
	return *(struct sandbox **)lua_getextraspace(L);
}

/* Lua's allocator contract: ptr NULL means osize is a type tag, nsize 0
 * means free. Only growth is refused, so shrinking and freeing (which Lua
 * assumes cannot fail) always succeed. */
static void *sandbox_realloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	void *p;

	if (!ptr)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		sb->mem_used -= osize;
		return NULL;
	}
	if (sb->mem_limit && nsize > osize &&
	    (sb->mem_used >= sb->mem_limit ||
	     nsize - osize > sb->mem_limit - sb->mem_used))
		return NULL;
	p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	sb->mem_used = sb->mem_used - osize + nsize;
	return p;
}

/* Raises the budget error at the interrupted line ("hello.lua:3: ..."):
 * inside a hook, level 0 is the running Lua function. */
static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
	struct sandbox *sb = sandbox_of(L);

	(void)ar;
	sb->executed += (uint64_t)sb->step;
	if (sb->instructions && sb->executed >= sb->instructions) {
		sb->fatal = FATAL_TIMEOUT;
		luaL_where(L, 0);
		lua_pushfstring(L, "instruction budget of %I exceeded",
				(lua_Integer)sb->instructions);
	}
	else if (sb->deadline_us && clock_mono_us() >= sb->deadline_us) {
		sb->fatal = FATAL_TIMEOUT;
		luaL_where(L, 0);
		lua_pushfstring(L, "time budget of %I ms exceeded",
				(lua_Integer)sb->wall_ms);
	}
	else {
		return;
	}
	lua_concat(L, 2);
	snprintf(sb->fatal_msg, sizeof(sb->fatal_msg), "%s",
		 lua_tostring(L, -1));
	lua_error(L);
}

/* A failed protected call inside the script: budget errors are re-raised
 * so they reach the host whatever the script does. */
static int sandbox_rethrow_fatal(lua_State *L, int status)
{
	struct sandbox *sb = sandbox_of(L);

	if (status == LUA_ERRMEM && sb->fatal == FATAL_NONE)
		sb->fatal = FATAL_NOMEM;
	if (sb->fatal != FATAL_NONE)
		return lua_error(L);
	return 0;
}

static int sandbox_lua_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	status = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
	if (status == LUA_OK)
		return lua_gettop(L);
	sandbox_rethrow_fatal(L, status);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

static int sandbox_lua_xpcall(lua_State *L)
{
	int n = lua_gettop(L), status;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);  /* f, msgh, true, f, args... */
	status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
	if (status == LUA_OK)
		return lua_gettop(L) - 2;
	sandbox_rethrow_fatal(L, status);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

/* print() goes to the callflow log under the script's name: a server has
 * no terminal, and stdout would interleave across worker threads. */
static int sandbox_lua_print(lua_State *L)
{
	int i, n = lua_gettop(L);
	luaL_Buffer b;

	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	log_info(sandbox_of(L)->name, "%s", lua_tostring(L, -1));
	return 0;
}

/* os with only the clock functions: handlers stamp events with them, and
 * none touches the process or the file system. */
static void sandbox_open_os(lua_State *L)
{
	static const char *const keep[] = {"time", "clock", "date"};
	size_t i;

	luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
	lua_createtable(L, 0, 3);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		lua_getfield(L, -2, keep[i]);
		lua_setfield(L, -2, keep[i]);
	}
	lua_setglobal(L, LUA_OSLIBNAME);
	lua_pop(L, 1);
	/* requiref kept the full table in the registry's _LOADED: drop it. */
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_pushnil(L);
	lua_setfield(L, -2, LUA_OSLIBNAME);
	lua_pop(L, 1);
}

/* Globals removed from the base library, and why:
 * - dofile, loadfile, load: reach the file system or compile code
 *   (binary chunks included) behind the text-only loader's back;
 * - collectgarbage: lets a script stop the collector or force full
 *   collections, which turns the memory cap and time budgets into
 *   something the script controls;
 * - warn: writes to stderr, not to the log.
 * Kept on purpose: rawget/rawset/rawequal/rawlen and set/getmetatable
 * only act on values inside this state, which belongs to one script on
 * one thread, so they grant nothing beyond ordinary table code (and
 * handlers use metatables for classes and defaults). __gc finalizers run
 * under the budgets, lua_close() included. pcall and xpcall are replaced
 * by versions that cannot swallow budget errors. */
static int sandbox_open(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{LUA_GNAME, luaopen_base},
		{LUA_TABLIBNAME, luaopen_table},
		{LUA_STRLIBNAME, luaopen_string},
		{LUA_MATHLIBNAME, luaopen_math},
		{LUA_UTF8LIBNAME, luaopen_utf8},
	};
	static const char *const drop[] = {
		"dofile", "loadfile", "load", "require", "collectgarbage", "warn",
	};
	static const luaL_Reg funcs[] = {
		{"print", sandbox_lua_print},
		{"pcall", sandbox_lua_pcall},
		{"xpcall", sandbox_lua_xpcall},
		{NULL, NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(libs) / sizeof(libs[0]); i++) {
		luaL_requiref(L, libs[i].name, libs[i].func, 1);
		lua_pop(L, 1);
	}
	sandbox_open_os(L);

	lua_pushglobaltable(L);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		lua_pushnil(L);
		lua_setfield(L, -2, drop[i]);
	}
	luaL_setfuncs(L, funcs, 0);
	lua_pop(L, 1);

	/* string.dump only produces bytecode, which nothing here may load. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	return 0;
}

static int sandbox_panic(lua_State *L)
{
	log_error("lua", "unprotected error: %s", lua_tostring(L, -1));
	return 0;  /* Lua aborts */
}

enum handler_err sandbox_error(struct handler_error *err,
			       enum handler_err code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

static enum handler_err sandbox_classify(struct sandbox *sb, int status)
{
	if (sb->fatal == FATAL_TIMEOUT)
		return HANDLER_ETIMEOUT;
	if (sb->fatal == FATAL_NOMEM || status == LUA_ERRMEM)
		return HANDLER_ENOMEM;
	return HANDLER_ERUNTIME;
}

/* Message handler: make the error a string (error objects may be any
 * value) and, at debug level, log where it came from. */
static int sandbox_msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") &&
		    lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)",
					      luaL_typename(L, 1));
	}
	if (log_get_level() <= LOG_DEBUG) {
		luaL_traceback(L, L, msg, 1);
		log_debug(sandbox_of(L)->name, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	return 1;
}

enum handler_err sandbox_pcall(struct sandbox *sb, int nargs, int nresults,
			       struct handler_error *err)
{
	lua_State *L = sb->L;
	int base = lua_gettop(L) - nargs;  /* the function */
	enum handler_err code;
	const char *msg;
	int status;

	lua_pushcfunction(L, sandbox_msgh);
	lua_insert(L, base);
	status = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (status == LUA_OK)
		return HANDLER_OK;

	code = sandbox_classify(sb, status);
	msg = lua_tostring(L, -1);
	if (code == HANDLER_ENOMEM)
		sandbox_error(err, code, "%s: memory limit of %zu bytes exceeded",
			      sb->name, sb->mem_limit);
	else if (code == HANDLER_ETIMEOUT)
		sandbox_error(err, code, "%s", sb->fatal_msg);
	else
		sandbox_error(err, code, "%s", msg ? msg : "unknown error");
	lua_pop(L, 1);
	return code;
}

static int sandbox_read(const char *path, char **bufp, size_t *lenp,
			struct stat *st)
{
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, st) < 0) {
		err = errno;
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		err = EISDIR;
		goto out;
	}
	buf = malloc((size_t)st->st_size + 1);
	if (!buf) {
		err = ENOMEM;
		goto out;
	}
	/* Read what is there even if the file shrinks meanwhile. */
	while (len < (size_t)st->st_size) {
		n = read(fd, buf + len, (size_t)st->st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*bufp = buf;
	*lenp = len;
	buf = NULL;
 out:
	free(buf);
	close(fd);
	return err;
}

enum handler_err sandbox_load(struct sandbox *sb, const char *path,
			      struct stat *st, struct handler_error *err)
{
	char chunkname[LUA_IDSIZE + 1];
	struct stat stbuf;
	enum handler_err code = HANDLER_OK;
	char *buf = NULL;
	size_t len = 0;
	int e, status;

	e = sandbox_read(path, &buf, &len, st ? st : &stbuf);
	if (e)
		return sandbox_error(err, HANDLER_ELOAD, "cannot read %s: %s",
				     path, strerror(e));

	/* "@name" makes messages read "hello.lua:12: ..."; mode "t" refuses
	 * precompiled bytecode, which could crash the VM. */
	snprintf(chunkname, sizeof(chunkname), "@%s", sb->name);
	status = luaL_loadbufferx(sb->L, buf, len, chunkname, "t");
	if (status != LUA_OK) {
		if (status == LUA_ERRMEM)
			code = sandbox_error(err, HANDLER_ENOMEM,
					     "%s: memory limit of %zu bytes "
					     "exceeded while compiling",
					     sb->name, sb->mem_limit);
		else
			code = sandbox_error(err, HANDLER_ELOAD, "%s",
					     lua_tostring(sb->L, -1));
		lua_pop(sb->L, 1);
	}
	free(buf);
	return code;
}

void sandbox_arm(struct sandbox *sb, const struct handler_limits *lim)
{
	static const struct handler_limits none;

	if (!lim)
		lim = &none;
	sb->mem_limit = lim->memory_bytes;
	sb->instructions = lim->instructions;
	sb->wall_ms = lim->wall_ms;
	sb->deadline_us = lim->wall_ms ?
		clock_mono_us() + lim->wall_ms * 1000 : 0;
	sb->executed = 0;
	sb->fatal = FATAL_NONE;
	sb->step = HOOK_STEP;
	if (lim->instructions && lim->instructions < HOOK_STEP)
		sb->step = (int)lim->instructions;
	/* lua_sethook also restarts the hook's instruction count. */
	if (sb->instructions || sb->deadline_us)
		lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, sb->step);
	else
		lua_sethook(sb->L, NULL, 0, 0);
}

void sandbox_disarm(struct sandbox *sb)
{
	lua_sethook(sb->L, NULL, 0, 0);
	sb->fatal = FATAL_NONE;
}

lua_State *sandbox_state(const struct sandbox *sb)
{
	return sb->L;
}

const char *sandbox_name(const struct sandbox *sb)
{
	return sb->name;
}

enum handler_err sandbox_alloc(struct sandbox **sbp, const char *path,
			       size_t mem_bytes, struct handler_error *err)
{
	const char *base = strrchr(path, '/');
	struct sandbox *sb;
	enum handler_err code;

	sb = calloc(1, sizeof(*sb));
	if (!sb || !(sb->name = strdup(base ? base + 1 : path))) {
		free(sb);
		return sandbox_error(err, HANDLER_ENOMEM, "out of memory");
	}
	sb->mem_limit = mem_bytes;
	sb->L = lua_newstate(sandbox_realloc, sb);
	if (!sb->L) {
		code = sandbox_error(err, HANDLER_ENOMEM, "%s: memory limit of "
				     "%zu bytes is too small for a Lua state",
				     sb->name, mem_bytes);
		sandbox_free(sb);
		return code;
	}
	*(struct sandbox **)lua_getextraspace(sb->L) = sb;
	lua_atpanic(sb->L, sandbox_panic);

	lua_pushcfunction(sb->L, sandbox_open);
	code = sandbox_pcall(sb, 0, 0, err);
	if (code != HANDLER_OK) {
		sandbox_free(sb);
		return code;
	}
	*sbp = sb;
	return HANDLER_OK;
}

void sandbox_free(struct sandbox *sb)
{
	const struct handler_limits closing = {
		.instructions = CLOSE_INSTRUCTIONS,
		.wall_ms = CLOSE_WALL_MS,
	};

	if (!sb)
		return;
	if (sb->L) {
		/* Finalizers run here; a __gc that loops must not hang the
		 * worker. Their errors become (ignored) warnings. */
		sandbox_arm(sb, &closing);
		lua_close(sb->L);
		if (sb->mem_used)
			log_warn(sb->name, "%zu bytes still counted after close",
				 sb->mem_used);
	}
	free(sb->name);
	free(sb);
}
