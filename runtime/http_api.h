/* http_api.h - the REST API (Chime SDK Voice paths) on the loop's HTTP
 * listener; docs/api.md describes it for users. */
#ifndef CF_HTTP_API_H
#define CF_HTTP_API_H

#include <stdint.h>

struct http_req;

/* Listen on addr:port and serve the routes (loop thread). Returns 0 or an
 * errno value (EADDRINUSE when the address cannot be bound). */
int  http_api_start(const char *addr, uint16_t port);

/* http.c, beyond loop.h's contract: add a response header; call before
 * http_reply(). */
void http_reply_header(struct http_req *req, const char *name,
		       const char *value);

#endif
