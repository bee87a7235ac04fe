/* response.c - checks a handler response against the rules of events.md
 * §8.1 and §8.6 before anything in it runs. */
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "response.h"

#define MAX_ACTIONS    10      /* per response (§8.2) */
#define MAX_ATTRS      100     /* TransactionAttributes pairs (§9) */
#define MAX_ATTR_BYTES 20480   /* TransactionAttributes payload (§9) */

static const char *json_kind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_ARRAY:   return "a list";
	case JSON_STRING:  return "a string";
	case JSON_INTEGER:
	case JSON_REAL:    return "a number";
	case JSON_TRUE:
	case JSON_FALSE:   return "a boolean";
	default:           return "null";
	}
}

const char *response_check(json_t *resp, const char *type,
			   char *buf, size_t size)
{
	json_t *acts, *a, *attrs;
	size_t i;

	if (!resp)
		return "response is null or empty";
	if (!json_is_object(resp)) {
		snprintf(buf, size, "response is %s, not an object with "
			 "SchemaVersion and Actions", json_kind(resp));
		return buf;
	}
	if (!json_is_string(json_object_get(resp, "SchemaVersion")))
		return "response has no SchemaVersion";
	if (strcmp(json_string_value(json_object_get(resp, "SchemaVersion")), "1.0")) {
		snprintf(buf, size, "schema version mismatch: '%s' (expected '1.0')",
			 json_string_value(json_object_get(resp, "SchemaVersion")));
		return buf;
	}
	acts = json_object_get(resp, "Actions");
	if (json_is_object(acts) && !json_object_size(acts))
		acts = NULL;   /* an empty Lua table: an empty list */
	else if (acts && !json_is_null(acts) && !json_is_array(acts))
		return "Actions must be a list";
	if (json_array_size(acts) > MAX_ACTIONS) {
		snprintf(buf, size, "too many actions in a response: %zu (at most %d)",
			 json_array_size(acts), MAX_ACTIONS);
		return buf;
	}
	if (!strcmp(type, "NEW_INBOUND_CALL") && !json_array_size(acts))
		return "action list is empty in reply to NEW_INBOUND_CALL";
	json_array_foreach(acts, i, a) {
		json_t *t = json_object_get(a, "Type");

		if (!json_is_object(a) || !json_is_string(t)) {
			snprintf(buf, size, "Actions[%zu] has no Type", i);
			return buf;
		}
		if (!action_find(json_string_value(t))) {
			snprintf(buf, size, "Actions[%zu]: unsupported action name '%s'",
				 i, json_string_value(t));
			return buf;
		}
	}
	attrs = json_object_get(resp, "TransactionAttributes");
	if (attrs && !json_is_null(attrs))
		return response_attrs_check(attrs, buf, size);
	return NULL;
}

const char *response_attrs_check(json_t *attrs, char *buf, size_t size)
{
	const char *key;
	size_t bytes = 0;
	json_t *v;

	if (!json_is_object(attrs))
		return "TransactionAttributes must be a map of strings";
	if (json_object_size(attrs) > MAX_ATTRS) {
		snprintf(buf, size, "TransactionAttributes has too many "
			 "mappings: %zu (at most %d)",
			 json_object_size(attrs), MAX_ATTRS);
		return buf;
	}
	json_object_foreach(attrs, key, v) {
		if (!json_is_string(v)) {
			snprintf(buf, size, "TransactionAttributes.%s must be "
				 "a string", key);
			return buf;
		}
		bytes += strlen(key) + json_string_length(v);
	}
	if (bytes > MAX_ATTR_BYTES) {
		snprintf(buf, size, "TransactionAttributes is %zu bytes "
			 "(at most %d)", bytes, MAX_ATTR_BYTES);
		return buf;
	}
	return NULL;
}
