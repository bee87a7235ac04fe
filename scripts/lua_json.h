/* lua_json.h - jansson trees to Lua values and back, by the rules of
 * runtime/handler.h. Internal to scripts/. */
#ifndef CF_SCRIPTS_LUA_JSON_H
#define CF_SCRIPTS_LUA_JSON_H

#include <stddef.h>
#include <jansson.h>
#include <lua.h>

/* Deepest nesting either direction accepts; deeper means a runaway or a
 * cyclic structure, never a real event or action list. */
#define SCRIPT_JSON_DEPTH_MAX 32
/* A result converts to at most this many JSON values and string bytes: a
 * table referenced from many places would otherwise expand without bound,
 * outside the interpreter's memory cap. */
#define SCRIPT_JSON_NODES_MAX 50000
#define SCRIPT_JSON_BYTES_MAX (1u << 20)

/* Push v (borrowed; NULL pushes nil) as a Lua value. JSON null becomes nil,
 * so an object member that is null is simply absent from the table. Raises
 * Lua errors (memory, nesting), so call it in protected mode only. */
void script_json_push(lua_State *L, json_t *v);

/* Convert the Lua value at idx into a new JSON reference in *outp. Uses
 * raw, non-allocating API calls only (no metamethods run, no Lua error can
 * be raised), so it is safe outside protected mode. On failure returns
 * EINVAL (or ENOMEM) and writes "<path>: <reason>" into msg, where path
 * looks like "Actions[0].Parameters.Text" ("result" for the value itself). */
int script_json_read(lua_State *L, int idx, json_t **outp,
		     char *msg, size_t msgsz);

#endif
