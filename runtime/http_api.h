/* http_api.h - the REST API (Chime SDK Voice paths) on the loop's HTTP
 * listener. */
#ifndef CF_HTTP_API_H
#define CF_HTTP_API_H

#include <stdint.h>

int http_api_start(const char *addr, uint16_t port);

#endif
