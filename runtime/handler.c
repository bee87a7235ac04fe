/* handler.c - the script-host registry. */
#include <stddef.h>

#include "handler.h"

static const struct handler_ops *handler_ops;

void handler_register(const struct handler_ops *ops) { handler_ops = ops; }
const struct handler_ops *handler_get(void) { return handler_ops; }

const char *handler_err_name(enum handler_err e)
{
	switch (e) {
	case HANDLER_OK:       return "ok";
	case HANDLER_ELOAD:    return "load-error";
	case HANDLER_ENOFUNC:  return "no-handler-function";
	case HANDLER_ERUNTIME: return "runtime-error";
	case HANDLER_ETIMEOUT: return "budget-exceeded";
	case HANDLER_ENOMEM:   return "memory-exceeded";
	case HANDLER_ERESULT:  return "unconvertible-result";
	}
	return "unknown";
}
