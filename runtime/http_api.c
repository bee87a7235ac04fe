/* http_api.c - REST routes. Errors use the AWS JSON error shape so SDK
 * clients report them properly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "call.h"
#include "http_api.h"
#include "loop.h"

static void reply_json(struct http_req *req, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT);

	http_reply(req, status, "application/json", s ? s : "{}");
	free(s);
	json_decref(body);
}

static void reply_error(struct http_req *req, int status, const char *code,
			const char *message)
{
	reply_json(req, status, json_pack("{s:s, s:s}", "Code", code,
					  "Message", message));
}

static void api_dispatch(struct http_req *req, void *arg)
{
	const char *method = http_req_method(req);
	const char *path = http_req_path(req);

	(void)arg;
	if (!strcmp(method, "GET") && !strcmp(path, "/health")) {
		reply_json(req, 200, json_pack("{s:s, s:i}", "Status", "ok",
					       "ActiveCalls", (int)calls_active()));
		return;
	}
	reply_error(req, 404, "NotFoundException", "no such resource");
}

int http_api_start(const char *addr, uint16_t port)
{
	return http_listen(addr, port, api_dispatch, NULL);
}
