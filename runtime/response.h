/* response.h - validation of a handler's response. */
#ifndef CF_RESPONSE_H
#define CF_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

/* Why a response cannot be used: the ErrorType and ErrorMessage the
 * handler then receives in INVALID_LAMBDA_RESPONSE. */
struct response_error {
	const char *type;          /* static, e.g. "TooManyActions" */
	char message[256];         /* names the field path */
};

/* Check resp, the reply to an event of type event_type: an object with
 * SchemaVersion "1.0", at most 10 Actions of registered types (an empty
 * object counts as an empty list; absent or null keeps the running list),
 * a non-empty list in reply to NEW_INBOUND_CALL, and TransactionAttributes
 * as a map of strings within its limits. Returns true when usable, else
 * false with err filled. */
bool response_check(json_t *resp, const char *event_type,
		    struct response_error *err);

/* The TransactionAttributes limits (§9: 100 pairs, 20 KB, string values)
 * on a map, e.g. the stored map after an update. */
bool response_attrs_check(json_t *attrs, struct response_error *err);

#endif
