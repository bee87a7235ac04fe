/* http_api.c - the REST routes callflow serves (docs/api.md): the Chime SDK
 * Voice UpdateSipMediaApplicationCall operation and a health check. Replies
 * follow the restJson1 protocol the AWS SDKs speak: JSON bodies, one HTTP
 * status per exception, the exception's name in x-amzn-ErrorType and a
 * {"Code", "Message"} body, so `aws chime-sdk-voice ...` works unchanged.
 * Requests are not authenticated: any SigV4 signature is accepted. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <jansson.h>

#include "call.h"
#include "http_api.h"
#include "log.h"
#include "loop.h"
#include "utf8.h"

#define API_MAX_SEGS   8
#define API_ID_SHOWN   128    /* longest ID quoted back in a message */

/* The exceptions of the service model, plus two for requests that match
 * no operation (no model names those; the names are the usual AWS ones). */
enum api_err {
	API_BAD_REQUEST,
	API_NOT_FOUND,
	API_UNKNOWN_OPERATION,
	API_METHOD_NOT_ALLOWED,
	API_SERVICE_FAILURE,
};

static const struct {
	int status;
	const char *type;     /* x-amzn-ErrorType: what SDKs report */
	const char *code;     /* body "Code": the model's ErrorCode enum */
} api_errors[] = {
	[API_BAD_REQUEST]        = {400, "BadRequestException", "BadRequest"},
	[API_NOT_FOUND]          = {404, "NotFoundException", "NotFound"},
	[API_UNKNOWN_OPERATION]  = {404, "UnknownOperationException",
				    "NotFound"},
	[API_METHOD_NOT_ALLOWED] = {405, "MethodNotAllowedException",
				    "MethodNotAllowed"},
	[API_SERVICE_FAILURE]    = {500, "ServiceFailureException",
				    "ServiceFailure"},
};

/* A fresh UUID per reply, as the hosted API's x-amzn-RequestId; SDKs show
 * it in debug output and error metadata. */
static void request_id(char *buf, size_t sz)
{
	unsigned char b[16] = {0};

	if (getrandom(b, sizeof(b), GRND_NONBLOCK) != (ssize_t)sizeof(b))
		memset(b, 0, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(buf, sz, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4],
		 b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
}

/* Takes the reference on body. */
static void reply_json(struct http_req *req, int status, json_t *body)
{
	char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;
	char rid[40];

	request_id(rid, sizeof(rid));
	http_reply_header(req, "x-amzn-RequestId", rid);
	http_reply(req, status, "application/json", s ? s : "{}");
	free(s);
	json_decref(body);
}

static void reply_error(struct http_req *req, enum api_err e,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reply_error(struct http_req *req, enum api_err e,
			const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* IDs quoted from the path may be any bytes: keep the JSON valid. */
	utf8_clean(msg);
	log_info("api", "%s %s: %d %s: %s", http_req_method(req),
		 http_req_path(req), api_errors[e].status, api_errors[e].type,
		 msg);
	http_reply_header(req, "x-amzn-ErrorType", api_errors[e].type);
	reply_json(req, api_errors[e].status,
		   json_pack("{s:s, s:s}", "Code", api_errors[e].code,
			     "Message", msg));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s[0..n) into a new string; NULL for a malformed escape
 * or an encoded NUL. */
static char *segment_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		if (i + 2 >= n)
			goto bad;
		hi = hexval(s[i + 1]);
		lo = hi < 0 ? -1 : hexval(s[i + 2]);
		if (lo < 0 || (hi == 0 && lo == 0))
			goto bad;
		*o++ = (char)(hi << 4 | lo);
		i += 2;
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/* Split "/a/b%2Fc" into decoded segments. Returns the count, or -1 when
 * the path has too many segments or a bad escape. */
static int path_split(const char *path, char **seg, int max)
{
	const char *p = path, *end;
	int n = 0;

	if (*p != '/')
		return -1;
	while (*p == '/') {
		p++;
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		if (n == max)
			goto bad;
		seg[n] = segment_decode(p, (size_t)(end - p));
		if (!seg[n])
			goto bad;
		n++;
		p = end;
	}
	return n;
bad:
	while (n > 0)
		free(seg[--n]);
	return -1;
}

/* NonEmptyString in the model: at least one non-whitespace character. */
static bool nonblank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n\f\v", *s))
			return true;
	return false;
}

/* The body of UpdateSipMediaApplicationCall; NULL after replying 400. */
static json_t *update_body(struct http_req *req)
{
	const char *text;
	json_error_t jerr;
	json_t *body;
	size_t len = 0;
	char msg[256];

	text = http_req_body(req, &len);
	if (!text) {
		reply_error(req, API_SERVICE_FAILURE, "out of memory");
		return NULL;
	}
	if (!len) {
		reply_error(req, API_BAD_REQUEST, "The request body is empty; "
			    "expected {\"Arguments\": {...}}");
		return NULL;
	}
	body = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!body) {
		reply_error(req, API_BAD_REQUEST, "The request body is not "
			    "valid JSON: %s (line %d, column %d)",
			    json_error_code(&jerr) == json_error_null_character ?
			    "a string contains \\u0000" : jerr.text,
			    jerr.line, jerr.column);
		return NULL;
	}
	if (!json_is_object(body)) {
		reply_error(req, API_BAD_REQUEST,
			    "The request body must be a JSON object");
	} else if (!json_object_get(body, "Arguments") ||
		   json_is_null(json_object_get(body, "Arguments"))) {
		reply_error(req, API_BAD_REQUEST, "Arguments is required");
	} else if (engine_update_check(json_object_get(body, "Arguments"),
				       msg, sizeof(msg))) {
		reply_error(req, API_BAD_REQUEST, "%s", msg);
	} else {
		return body;
	}
	json_decref(body);
	return NULL;
}

/* POST /sip-media-applications/{id}/calls/{transactionId} (events.md §11):
 * 202 once the engine has queued CALL_UPDATE_REQUESTED; the handler runs
 * afterwards, as the hosted service's asynchronous invocation does. */
static void api_update_call(struct http_req *req, char **seg)
{
	const char *sma_id = seg[1], *tid = seg[3];
	json_t *body;
	int err;

	if (!nonblank(sma_id)) {
		reply_error(req, API_BAD_REQUEST,
			    "SipMediaApplicationId must not be empty");
		return;
	}
	if (!nonblank(tid)) {
		reply_error(req, API_BAD_REQUEST,
			    "TransactionId must not be empty");
		return;
	}
	body = update_body(req);
	if (!body)
		return;
	err = engine_update(sma_id, tid, json_object_get(body, "Arguments"));
	switch (err) {
	case 0:
		log_info("api", "UpdateSipMediaApplicationCall %s %s: %zu "
			 "arguments, accepted", sma_id, tid,
			 json_object_size(json_object_get(body, "Arguments")));
		reply_json(req, 202, json_pack("{s:{s:s}}",
					       "SipMediaApplicationCall",
					       "TransactionId", tid));
		break;
	case ENOENT:
		reply_error(req, API_NOT_FOUND, "No SIP media application "
			    "with SipMediaApplicationId '%.*s'", API_ID_SHOWN,
			    sma_id);
		break;
	case ESRCH:
		reply_error(req, API_NOT_FOUND, "No call in progress with "
			    "TransactionId '%.*s' on SIP media application "
			    "'%.*s'", API_ID_SHOWN, tid, API_ID_SHOWN, sma_id);
		break;
	default:
		reply_error(req, API_SERVICE_FAILURE, "The update could not be "
			    "queued: %s", strerror(err));
		break;
	}
	json_decref(body);
}

static void api_health(struct http_req *req, char **seg)
{
	(void)seg;
	reply_json(req, 200, json_pack("{s:s, s:i}", "Status", "ok",
				       "ActiveCalls", (int)calls_active()));
}

/* Path patterns: NULL matches any segment (a path parameter). */
static const struct api_route {
	const char *method;
	int nsegs;
	const char *segs[API_MAX_SEGS];
	void (*h)(struct http_req *req, char **seg);
} api_routes[] = {
	{"GET", 1, {"health"}, api_health},
	{"POST", 4, {"sip-media-applications", NULL, "calls", NULL},
	 api_update_call},
};

static bool route_match(const struct api_route *r, char **seg, int n)
{
	int i;

	if (r->nsegs != n)
		return false;
	for (i = 0; i < n; i++)
		if (r->segs[i] && strcmp(r->segs[i], seg[i]))
			return false;
	return true;
}

static void api_route(struct http_req *req, char **seg, int n)
{
	const char *method = http_req_method(req);
	char allow[64] = "";
	size_t i;

	for (i = 0; i < sizeof(api_routes) / sizeof(api_routes[0]); i++) {
		const struct api_route *r = &api_routes[i];

		if (!route_match(r, seg, n))
			continue;
		/* HEAD is GET without the body (evhttp drops it). */
		if (!strcmp(r->method, method) ||
		    (!strcmp(method, "HEAD") && !strcmp(r->method, "GET"))) {
			r->h(req, seg);
			return;
		}
		snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow),
			 "%s%s", *allow ? ", " : "", r->method);
	}
	if (*allow) {
		http_reply_header(req, "Allow", allow);
		reply_error(req, API_METHOD_NOT_ALLOWED, "%s is not allowed on "
			    "this resource (allowed: %s)", method, allow);
		return;
	}
	reply_error(req, API_UNKNOWN_OPERATION, "No operation matches %s %.*s",
		    method, 2 * API_ID_SHOWN, http_req_path(req));
}

static void api_dispatch(struct http_req *req, void *arg)
{
	char *seg[API_MAX_SEGS];
	int n;

	(void)arg;
	n = path_split(http_req_path(req), seg, API_MAX_SEGS);
	if (n < 0) {
		reply_error(req, API_UNKNOWN_OPERATION, "No operation matches "
			    "%s %.*s", http_req_method(req), 2 * API_ID_SHOWN,
			    http_req_path(req));
		return;
	}
	api_route(req, seg, n);
	while (n > 0)
		free(seg[--n]);
}

int http_api_start(const char *addr, uint16_t port)
{
	int err = http_listen(addr, port, api_dispatch, NULL);

	if (!err)
		log_info("api", "REST API on http://%s:%u", addr, port);
	return err;
}
