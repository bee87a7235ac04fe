/* response.c - checks a handler response against the rules of events.md
 * §8.1, §8.6 and §9 before anything in it runs. The ErrorType names are
 * callflow's (the guide names only TransactionAttributesInvalidMapSize);
 * docs/compat.md lists them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "response.h"
#include "utf8.h"

#define MAX_ACTIONS    10      /* per response (§8.2) */
#define MAX_ATTRS      100     /* TransactionAttributes pairs (§9) */
#define MAX_ATTR_BYTES 20480   /* TransactionAttributes payload (§9) */

static const char *json_kind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:  return "a map";
	case JSON_ARRAY:   return "a list";
	case JSON_STRING:  return "a string";
	case JSON_INTEGER:
	case JSON_REAL:    return "a number";
	case JSON_TRUE:
	case JSON_FALSE:   return "a boolean";
	default:           return "null";
	}
}

__attribute__((format(printf, 3, 4)))
static bool refuse(struct response_error *err, const char *type,
		   const char *fmt, ...)
{
	va_list ap;

	err->type = type;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	utf8_clean(err->message);   /* a '%.64s' may cut a character */
	return false;
}

static bool actions_check(json_t *acts, const char *event_type,
			  struct response_error *err)
{
	json_t *a;
	size_t i;

	if (json_is_object(acts) && !json_object_size(acts))
		acts = NULL;   /* an empty Lua table: an empty list */
	else if (acts && !json_is_null(acts) && !json_is_array(acts))
		return refuse(err, "InvalidActionList",
			      "Actions must be a list, not %s", json_kind(acts));
	if (json_array_size(acts) > MAX_ACTIONS)
		return refuse(err, "TooManyActions",
			      "Too many actions specified in the response: "
			      "%zu (at most %d)", json_array_size(acts),
			      MAX_ACTIONS);
	if (!strcmp(event_type, "NEW_INBOUND_CALL") && !json_array_size(acts))
		return refuse(err, "EmptyActionList", "The action list is "
			      "empty in reply to NEW_INBOUND_CALL");
	json_array_foreach(acts, i, a) {
		json_t *t = json_object_get(a, "Type");

		if (!json_is_object(a))
			return refuse(err, "InvalidActionList", "Actions[%zu] "
				      "must be a map with Type and Parameters, "
				      "not %s", i, json_kind(a));
		if (!json_is_string(t))
			return refuse(err, "InvalidActionList",
				      "Actions[%zu].Type is %s", i,
				      t ? json_kind(t) : "missing");
		if (!action_find(json_string_value(t)))
			return refuse(err, "UnsupportedAction",
				      "Actions[%zu].Type: unsupported action "
				      "name '%.64s'", i, json_string_value(t));
	}
	return true;
}

bool response_check(json_t *resp, const char *event_type,
		    struct response_error *err)
{
	json_t *v, *attrs;

	if (!resp || (json_is_string(resp) && !json_string_length(resp)))
		return refuse(err, "NullOrEmptyResponse", "The response is "
			      "null or empty; it must contain at least "
			      "SchemaVersion");
	if (!json_is_object(resp))
		return refuse(err, "NullOrEmptyResponse", "The response is "
			      "%s, not a map with SchemaVersion and Actions",
			      json_kind(resp));
	v = json_object_get(resp, "SchemaVersion");
	if (!v)
		return refuse(err, "NullOrEmptyResponse", "The response has "
			      "no SchemaVersion");
	if (!json_is_string(v) || strcmp(json_string_value(v), "1.0"))
		return refuse(err, "SchemaVersionMismatch", "SchemaVersion "
			      "'%.32s' does not match the event's '1.0'",
			      json_is_string(v) ? json_string_value(v) :
			      json_kind(v));
	if (!actions_check(json_object_get(resp, "Actions"), event_type, err))
		return false;
	attrs = json_object_get(resp, "TransactionAttributes");
	if (attrs && !json_is_null(attrs))
		return response_attrs_check(attrs, err);
	return true;
}

bool response_attrs_check(json_t *attrs, struct response_error *err)
{
	const char *key;
	size_t bytes = 0;
	json_t *v;

	if (!json_is_object(attrs))
		return refuse(err, "TransactionAttributesInvalidValue",
			      "TransactionAttributes must be a map of strings, "
			      "not %s", json_kind(attrs));
	if (json_object_size(attrs) > MAX_ATTRS)
		return refuse(err, "TransactionAttributesInvalidMapSize",
			      "Transaction Attributes has too many mappings "
			      "(%zu). Maximum number of mappings is %d",
			      json_object_size(attrs), MAX_ATTRS);
	json_object_foreach(attrs, key, v) {
		if (!json_is_string(v))
			return refuse(err, "TransactionAttributesInvalidValue",
				      "TransactionAttributes.%.64s must be a "
				      "string, not %s", key, json_kind(v));
		bytes += strlen(key) + json_string_length(v);
	}
	if (bytes > MAX_ATTR_BYTES)
		return refuse(err, "TransactionAttributesInvalidSize",
			      "Transaction Attributes is %zu bytes. Maximum "
			      "size is %d bytes", bytes, MAX_ATTR_BYTES);
	return true;
}
