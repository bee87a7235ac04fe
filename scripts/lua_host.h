/* lua_host.h - the Lua 5.4 script host: handler_ops for *.lua handlers. */
#ifndef CF_SCRIPTS_LUA_HOST_H
#define CF_SCRIPTS_LUA_HOST_H

#include "runtime/handler.h"

/* Keeps one sandboxed lua_State per (worker thread, script path), reloaded
 * when the file changes; a memory-limit failure discards the state. A
 * memory_bytes of 0 in handler_limits means no cap. */
extern const struct handler_ops lua_handler_ops;

#endif
