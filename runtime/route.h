/* route.h - from a Request-URI to a SIP media application: number
 * normalisation and SIP-rule matching with target priorities. */
#ifndef CF_ROUTE_H
#define CF_ROUTE_H

#include <stddef.h>

#include "config.h"

/* "+15550100", "15550100", "tel:+1 555-0100" → "+15550100". Visual
 * separators (space, '-', '.', '(', ')') are dropped. Returns 0 or EINVAL
 * when what remains is not + and 2..15 digits with a non-zero first digit. */
int route_normalize_number(const char *in, char *out, size_t size);
/* Lower-case host, trailing dot dropped; EINVAL on an empty or odd name. */
int route_normalize_host(const char *in, char *out, size_t size);

/* Find the enabled rule for a call: a ToPhoneNumber rule matching the
 * Request-URI user (as a number) wins, then a RequestUriHostname rule
 * matching the host. Returns NULL when nothing matches. */
const struct cfg_rule *route_find(const struct config *cfg,
				  const char *ruri_user, const char *ruri_host);

/* The phone-number entry for a number (for CDR names), or NULL. */
const struct cfg_phone *route_find_phone(const struct config *cfg,
					 const char *e164);

#endif
