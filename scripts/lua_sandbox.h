/* lua_sandbox.h - a Lua state with a memory cap, instruction and wall-time
 * budgets and a reduced library set. Internal to scripts/. */
#ifndef CF_SCRIPTS_LUA_SANDBOX_H
#define CF_SCRIPTS_LUA_SANDBOX_H

#include <sys/stat.h>
#include <lua.h>

#include "runtime/handler.h"

struct sandbox;

/* A new state for the script at path (its basename names chunks and log
 * lines), capped at mem_bytes (0 = no cap). *sbp is owned by the caller:
 * release with sandbox_free(). One sandbox is used by one thread at a time. */
enum handler_err sandbox_alloc(struct sandbox **sbp, const char *path,
			       size_t mem_bytes, struct handler_error *err);
void sandbox_free(struct sandbox *sb);

lua_State *sandbox_state(const struct sandbox *sb);
const char *sandbox_name(const struct sandbox *sb);

/* Start the budgets of lim (NULL = none) for the calls that follow, and
 * apply its memory cap; sandbox_disarm() removes the hook when idle. */
void sandbox_arm(struct sandbox *sb, const struct handler_limits *lim);
void sandbox_disarm(struct sandbox *sb);

/* Read and compile path in text mode; pushes the chunk. *st (if not NULL)
 * gets the identity of the file that was actually read. */
enum handler_err sandbox_load(struct sandbox *sb, const char *path,
			      struct stat *st, struct handler_error *err);

/* lua_pcall with the sandbox's message handler: the function and nargs
 * arguments on the stack are replaced by nresults results on success, by
 * nothing on failure. Classifies failures (ERUNTIME, ETIMEOUT, ENOMEM) and
 * fills err. */
enum handler_err sandbox_pcall(struct sandbox *sb, int nargs, int nresults,
			       struct handler_error *err);

/* Fill err (message printf-style) and return code. */
enum handler_err sandbox_error(struct handler_error *err,
			       enum handler_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
