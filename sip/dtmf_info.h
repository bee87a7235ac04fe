/* dtmf_info.h - DTMF digits carried in SIP INFO bodies. */
#ifndef CF_SIP_DTMF_INFO_H
#define CF_SIP_DTMF_INFO_H

#include <stddef.h>

/* The body types we read, as an Accept header value for a 415. */
#define SIP_DTMF_INFO_ACCEPT "application/dtmf-relay, application/dtmf"

/* Bodies are a few dozen bytes; anything far larger is not DTMF. */
#define SIP_DTMF_INFO_MAX_BODY 1024

/* Read one digit from an INFO body of content type ctype ("type/subtype",
 * parameters allowed, any case). body need not be NUL-terminated.
 * On success *digit is one of 0-9 * # A-D and *duration_ms the Duration
 * line of application/dtmf-relay (0 when absent or for application/dtmf).
 * Returns 0, EPROTONOSUPPORT for another content type, EMSGSIZE for a body
 * over SIP_DTMF_INFO_MAX_BODY, EBADMSG for a body that does not hold
 * exactly one valid digit, EINVAL for bad arguments. Outputs are written
 * only on success. */
int sip_dtmf_info_parse(const char *ctype, const char *body, size_t len,
			char *digit, unsigned *duration_ms);

#endif
