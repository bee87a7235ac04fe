/* handler.h - the script-host contract. A scripting module (scripts/)
 * registers a const struct handler_ops. The runtime calls invoke() on a
 * worker thread of its handler queue, never on the loop thread; a module
 * must therefore keep one interpreter state per thread (or lock).
 *
 * Values cross this boundary as jansson trees: the runtime builds the event
 * as JSON-shaped data and validates the response as JSON-shaped data, so the
 * rules of the spec live in the runtime, not in the script host. */
#ifndef CF_HANDLER_H
#define CF_HANDLER_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

struct handler_limits {
	uint64_t instructions;   /* VM instruction budget per invocation (0 = none) */
	uint64_t wall_ms;        /* wall-time budget per invocation (0 = none) */
	size_t   memory_bytes;   /* memory cap of the interpreter state */
};

enum handler_err {
	HANDLER_OK = 0,
	HANDLER_ELOAD,      /* script missing, unreadable or does not compile */
	HANDLER_ENOFUNC,    /* script has no global function `handler` */
	HANDLER_ERUNTIME,   /* the handler raised an error */
	HANDLER_ETIMEOUT,   /* instruction or wall-time budget exceeded */
	HANDLER_ENOMEM,     /* memory cap exceeded */
	HANDLER_ERESULT,    /* returned a value that cannot be converted
			       (function, userdata, cyclic table, NaN, ...) */
};

struct handler_error {
	enum handler_err code;
	/* "hello.lua:12: attempt to index a nil value (global 'x')" */
	char message[512];
};

struct handler_ops {
	const char *name;
	/* Run `handler(event)` of the script at path (loading and caching it as
	 * needed; a changed file is reloaded). event is borrowed. On success
	 * returns HANDLER_OK and sets *respp to a new reference (NULL when the
	 * handler returned nil). Lua tables map to JSON objects, except a table
	 * whose keys are exactly 1..n (n >= 1), which maps to an array; an empty
	 * table maps to an empty object. */
	enum handler_err (*invoke)(const char *path, json_t *event,
				   const struct handler_limits *lim,
				   json_t **respp, struct handler_error *err);
	/* Compile-only check of a script (no handler call). */
	enum handler_err (*check)(const char *path, struct handler_error *err);
	/* Evaluate a configuration file that returns a table, in a sandbox with
	 * no I/O; *outp gets the table as JSON (new reference). */
	enum handler_err (*eval_config)(const char *path, json_t **outp,
					struct handler_error *err);
	/* Drop this thread's interpreter states (called when a worker exits). */
	void (*thread_close)(void);
};

void handler_register(const struct handler_ops *ops);
const struct handler_ops *handler_get(void);

const char *handler_err_name(enum handler_err e);

#endif
