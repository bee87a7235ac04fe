/* sdp_parse.h - received SDP text to struct sdp_desc, with sofia's parser. */
#ifndef CF_SIP_SDP_PARSE_H
#define CF_SIP_SDP_PARSE_H

#include <stddef.h>

#include "runtime/sdp.h"

/* Parse an SDP body (len bytes, need not be NUL-terminated) and describe
 * its first audio m-line in *out. Returns 0 (out->has_audio says whether an
 * audio m-line was found), EINVAL for bad arguments or EBADMSG for text
 * that is not a valid session description. *out is always reset. */
int sip_sdp_parse(const char *body, size_t len, struct sdp_desc *out);

#endif
