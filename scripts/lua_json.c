/* lua_json.c - converts jansson trees to Lua values and back. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "scripts/lua_json.h"

/* JSON -> Lua */

static void push_value(lua_State *L, json_t *v, int depth);

static void push_object(lua_State *L, json_t *obj, int depth)
{
	const char *key;
	size_t klen;
	json_t *v;

	lua_createtable(L, 0, (int)json_object_size(obj));
	json_object_keylen_foreach(obj, key, klen, v) {
		if (json_is_null(v))
			continue;
		lua_pushlstring(L, key, klen);
		push_value(L, v, depth + 1);
		lua_rawset(L, -3);
	}
}

static void push_array(lua_State *L, json_t *arr, int depth)
{
	size_t i;
	json_t *v;

	lua_createtable(L, (int)json_array_size(arr), 0);
	json_array_foreach(arr, i, v) {
		/* A null element leaves a hole, as nil does in a Lua sequence. */
		if (json_is_null(v))
			continue;
		push_value(L, v, depth + 1);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static void push_value(lua_State *L, json_t *v, int depth)
{
	if (depth > SCRIPT_JSON_DEPTH_MAX)
		luaL_error(L, "event nests deeper than %d levels",
			   SCRIPT_JSON_DEPTH_MAX);
	luaL_checkstack(L, 3, "event nests too deep");

	switch (json_typeof(v)) {
	case JSON_OBJECT:  push_object(L, v, depth); break;
	case JSON_ARRAY:   push_array(L, v, depth); break;
	case JSON_STRING:
		lua_pushlstring(L, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(v));
		break;
	case JSON_REAL:    lua_pushnumber(L, json_real_value(v)); break;
	case JSON_TRUE:    lua_pushboolean(L, 1); break;
	case JSON_FALSE:   lua_pushboolean(L, 0); break;
	case JSON_NULL:
	default:           lua_pushnil(L); break;
	}
}

void script_json_push(lua_State *L, json_t *v)
{
	if (!v)
		lua_pushnil(L);
	else
		push_value(L, v, 0);
}

/* Lua -> JSON */

struct jread {
	lua_State *L;
	const void *open[SCRIPT_JSON_DEPTH_MAX];  /* tables on the current path */
	int depth;
	size_t nodes, bytes;                      /* converted so far */
	char path[256];
	size_t plen;
	char *msg;
	size_t msgsz;
};

static int read_value(struct jread *r, int idx, json_t **outp);

static int read_fail(struct jread *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int read_fail(struct jread *r, int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(r->msg, r->msgsz, "%s: ", r->plen ? r->path : "result");
	if (n < 0 || (size_t)n >= r->msgsz)
		return err;
	va_start(ap, fmt);
	vsnprintf(r->msg + n, r->msgsz - n, fmt, ap);
	va_end(ap);
	return err;
}

/* Appends to the path and returns the old length for path_pop(). */
static size_t path_push(struct jread *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static size_t path_push(struct jread *r, const char *fmt, ...)
{
	size_t old = r->plen;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->path + old, sizeof(r->path) - old, fmt, ap);
	va_end(ap);
	if (n > 0)
		r->plen = old + (size_t)n < sizeof(r->path) ?
			old + (size_t)n : sizeof(r->path) - 1;
	return old;
}

static void path_pop(struct jread *r, size_t old)
{
	r->plen = old;
	r->path[old] = '\0';
}

/* n >= 1 when the keys of the table at idx are exactly 1..n, else 0. */
static lua_Integer table_seq_len(lua_State *L, int idx)
{
	lua_Integer count = 0, max = 0, k;
	int seq = 1;

	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		count++;
		if (!lua_isinteger(L, -1)) {
			seq = 0;
			continue;
		}
		k = lua_tointeger(L, -1);
		if (k < 1)
			seq = 0;
		else if (k > max)
			max = k;
	}
	/* Distinct integer keys, all in 1..max, as many as max: 1..n. */
	return seq && count == max ? count : 0;
}

static int read_array(struct jread *r, int idx, lua_Integer n, json_t **outp)
{
	json_t *arr = json_array(), *v;
	lua_Integer i;
	size_t old;
	int err = 0;

	if (!arr)
		return read_fail(r, ENOMEM, "out of memory");
	for (i = 1; i <= n && !err; i++) {
		lua_rawgeti(r->L, idx, i);
		old = path_push(r, "[%" PRId64 "]", (int64_t)(i - 1));
		err = read_value(r, lua_gettop(r->L), &v);
		path_pop(r, old);
		lua_pop(r->L, 1);
		if (!err && json_array_append_new(arr, v))
			err = read_fail(r, ENOMEM, "out of memory");
	}
	if (err)
		json_decref(arr);
	else
		*outp = arr;
	return err;
}

/* The key at the top of the stack as object-member text; NULL if refused. */
static const char *read_key(struct jread *r, char *buf, size_t bufsz,
			    size_t *lenp)
{
	lua_State *L = r->L;

	switch (lua_type(L, -1)) {
	case LUA_TSTRING:
		return lua_tolstring(L, -1, lenp);
	case LUA_TNUMBER:
		if (lua_isinteger(L, -1)) {
			*lenp = (size_t)snprintf(buf, bufsz, "%" PRId64,
						 (int64_t)lua_tointeger(L, -1));
			return buf;
		}
		read_fail(r, EINVAL, "cannot use the float %.14g as a key",
			  lua_tonumber(L, -1));
		return NULL;
	default:
		read_fail(r, EINVAL, "cannot use a %s as a key",
			  luaL_typename(L, -1));
		return NULL;
	}
}

static int read_object(struct jread *r, int idx, json_t **outp)
{
	lua_State *L = r->L;
	json_t *obj = json_object(), *v;
	const char *key;
	char buf[32];
	size_t klen, old;
	int err = 0;

	if (!obj)
		return read_fail(r, ENOMEM, "out of memory");
	lua_pushnil(L);
	while (!err && lua_next(L, idx)) {
		lua_pushvalue(L, -2);  /* read_key looks at a copy on top */
		key = read_key(r, buf, sizeof(buf), &klen);
		if (!key) {
			err = EINVAL;
			break;
		}
		old = path_push(r, "%s%.*s", r->plen ? "." : "", (int)klen, key);
		/* [1] and ["1"] in one table would silently collapse. */
		if (json_object_getn(obj, key, klen))
			err = read_fail(r, EINVAL, "key used both as a number "
					"and as a string");
		else
			err = read_value(r, lua_gettop(L) - 1, &v);
		if (!err && json_object_setn_new(obj, key, klen, v))
			err = read_fail(r, EINVAL, "key is not valid UTF-8");
		path_pop(r, old);
		lua_pop(L, 2);  /* key copy and value; the key stays for next */
	}
	/* On error the stack is left as is: script_json_read() resets it. */
	if (err)
		json_decref(obj);
	else
		*outp = obj;
	return err;
}

static int read_table(struct jread *r, int idx, json_t **outp)
{
	const void *p = lua_topointer(r->L, idx);
	lua_Integer n;
	int i, err;

	for (i = 0; i < r->depth; i++) {
		if (r->open[i] == p)
			return read_fail(r, EINVAL, "table contains itself");
	}
	if (r->depth == SCRIPT_JSON_DEPTH_MAX)
		return read_fail(r, EINVAL, "nests deeper than %d levels",
				 SCRIPT_JSON_DEPTH_MAX);
	if (!lua_checkstack(r->L, 4))
		return read_fail(r, ENOMEM, "out of Lua stack");

	r->open[r->depth++] = p;
	n = table_seq_len(r->L, idx);
	err = n ? read_array(r, idx, n, outp) : read_object(r, idx, outp);
	r->depth--;
	return err;
}

static int read_number(struct jread *r, int idx, json_t **outp)
{
	lua_Number d;

	if (lua_isinteger(r->L, idx)) {
		*outp = json_integer((json_int_t)lua_tointeger(r->L, idx));
	}
	else {
		d = lua_tonumber(r->L, idx);
		if (!isfinite(d))
			return read_fail(r, EINVAL, "cannot convert %s",
					 isnan(d) ? "NaN" : "an infinite number");
		*outp = json_real(d);
	}
	return *outp ? 0 : read_fail(r, ENOMEM, "out of memory");
}

static int read_value(struct jread *r, int idx, json_t **outp)
{
	const char *s;
	size_t len;

	if (++r->nodes > SCRIPT_JSON_NODES_MAX)
		return read_fail(r, EINVAL, "result has more than %d values",
				 SCRIPT_JSON_NODES_MAX);

	switch (lua_type(r->L, idx)) {
	case LUA_TNIL:
		*outp = json_null();
		return 0;
	case LUA_TBOOLEAN:
		*outp = json_boolean(lua_toboolean(r->L, idx));
		return 0;
	case LUA_TNUMBER:
		return read_number(r, idx, outp);
	case LUA_TSTRING:
		s = lua_tolstring(r->L, idx, &len);
		r->bytes += len;
		if (r->bytes > SCRIPT_JSON_BYTES_MAX)
			return read_fail(r, EINVAL, "result has more than %u "
					 "bytes of text", SCRIPT_JSON_BYTES_MAX);
		*outp = json_stringn(s, len);
		return *outp ? 0 : read_fail(r, EINVAL, "string is not valid UTF-8");
	case LUA_TTABLE:
		return read_table(r, idx, outp);
	default:
		return read_fail(r, EINVAL, "cannot convert a %s",
				 luaL_typename(r->L, idx));
	}
}

int script_json_read(lua_State *L, int idx, json_t **outp,
		     char *msg, size_t msgsz)
{
	struct jread r = {.L = L, .msg = msg, .msgsz = msgsz};
	int top = lua_gettop(L);
	json_t *v = NULL;
	int err;

	err = read_value(&r, lua_absindex(L, idx), &v);
	lua_settop(L, top);
	if (!err)
		*outp = v;
	return err;
}
