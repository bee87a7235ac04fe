/* http.c - the HTTP listener (libevent evhttp) behind loop.h's small
 * request/reply contract; the REST API routes on top of it. Every method
 * reaches the handler (it answers 405 itself), and the path is given
 * still percent-encoded so that an encoded '/' inside an ID cannot split
 * a path segment; the router decodes each segment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "log.h"
#include "http_api.h"
#include "loop.h"
#include "loop_priv.h"

struct http_req {
	struct evhttp_request *r;
	char *body;
	char *path;
};

static struct {
	struct evhttp *http;
	http_h *h;
	void *arg;
} srv;

static void http_dispatch(struct evhttp_request *r, void *arg)
{
	struct http_req req = {.r = r};
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(r);
	const char *p = uri ? evhttp_uri_get_path(uri) : NULL;

	(void)arg;
	req.path = strdup(p && *p ? p : "/");
	if (!req.path) {
		evhttp_send_error(r, 500, NULL);
		return;
	}
	srv.h(&req, srv.arg);
	free(req.body);
	free(req.path);
}

int http_listen(const char *addr, uint16_t port, http_h *h, void *arg)
{
	srv.http = evhttp_new(loop_event_base());
	if (!srv.http)
		return ENOMEM;
	evhttp_set_allowed_methods(srv.http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
				   EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
				   EVHTTP_REQ_PATCH | EVHTTP_REQ_HEAD |
				   EVHTTP_REQ_OPTIONS);
	evhttp_set_max_body_size(srv.http, 1 << 20);
	srv.h = h;
	srv.arg = arg;
	evhttp_set_gencb(srv.http, http_dispatch, NULL);
	if (evhttp_bind_socket(srv.http, addr, port) != 0) {
		evhttp_free(srv.http);
		srv.http = NULL;
		return EADDRINUSE;
	}
	return 0;
}

void http_close(void)
{
	if (srv.http)
		evhttp_free(srv.http);
	srv.http = NULL;
}

const char *http_req_method(const struct http_req *req)
{
	switch (evhttp_request_get_command(req->r)) {
	case EVHTTP_REQ_GET:    return "GET";
	case EVHTTP_REQ_POST:   return "POST";
	case EVHTTP_REQ_PUT:    return "PUT";
	case EVHTTP_REQ_DELETE: return "DELETE";
	case EVHTTP_REQ_PATCH:  return "PATCH";
	case EVHTTP_REQ_HEAD:   return "HEAD";
	case EVHTTP_REQ_OPTIONS: return "OPTIONS";
	default:                return "OTHER";
	}
}

const char *http_req_path(const struct http_req *req)
{
	return req->path;
}

const char *http_req_body(struct http_req *req, size_t *lenp)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req->r);
	size_t len = evbuffer_get_length(in);

	if (!req->body) {
		req->body = malloc(len + 1);
		if (!req->body)
			return NULL;
		evbuffer_copyout(in, req->body, len);
		req->body[len] = '\0';
	}
	if (lenp)
		*lenp = len;
	return req->body;
}

void http_reply_header(struct http_req *req, const char *name,
		       const char *value)
{
	evhttp_add_header(evhttp_request_get_output_headers(req->r), name,
			  value);
}

void http_reply(struct http_req *req, int status, const char *content_type,
		const char *body)
{
	struct evbuffer *out = evbuffer_new();
	struct evkeyvalq *hdrs = evhttp_request_get_output_headers(req->r);

	if (content_type)
		evhttp_add_header(hdrs, "Content-Type", content_type);
	if (out && body)
		evbuffer_add(out, body, strlen(body));
	evhttp_send_reply(req->r, status, NULL, out);
	if (out)
		evbuffer_free(out);
}
