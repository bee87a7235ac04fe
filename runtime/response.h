/* response.h - validation of a handler's response. */
#ifndef CF_RESPONSE_H
#define CF_RESPONSE_H

#include <stddef.h>
#include <jansson.h>

/* Check resp, the reply to an event of type event_type: an object with
 * SchemaVersion "1.0", at most 10 Actions of registered types (an empty
 * object counts as an empty list; absent or null keeps the running list),
 * a non-empty list in reply to NEW_INBOUND_CALL, and TransactionAttributes
 * as a map of strings. Returns NULL when usable, else the reason (static
 * text or written into buf). */
const char *response_check(json_t *resp, const char *event_type,
			   char *buf, size_t size);

/* The TransactionAttributes limits (§9: 100 pairs, 20 KB, string values)
 * on a map, e.g. the stored map after an update. NULL if within them. */
const char *response_attrs_check(json_t *attrs, char *buf, size_t size);

#endif
