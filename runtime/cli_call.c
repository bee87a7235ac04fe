/* cli_call.c - `callflow call update`: ask a running server's REST API for
 * a mid-call update (UpdateSipMediaApplicationCall, docs/api.md). A small
 * blocking HTTP/1.1 client on plain sockets: one request, one reply. */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "serve.h"

#define CALL_DEFAULT_ADDR  "127.0.0.1"
#define CALL_DEFAULT_PORT  8080
#define CALL_TIMEOUT_S     10
#define CALL_REPLY_MAX     (1u << 20)

static const char usage_text[] =
	"usage: callflow call update APP_ID TRANSACTION_ID [KEY=VALUE...]\n"
	"                            [--http ADDR:PORT | -c FILE]\n"
	"\n"
	"Asks a running `callflow serve --http ...` to update a call in\n"
	"progress, as UpdateSipMediaApplicationCall does: the handler of\n"
	"application APP_ID gets CALL_UPDATE_REQUESTED for the call\n"
	"TRANSACTION_ID with the KEY=VALUE pairs (0 to 20) as Arguments, and\n"
	"the actions it returns replace the running ones.\n"
	"  -H, --http ADDR:PORT  the server's REST API address\n"
	"  -c, --config FILE     take the address from FILE's http.listen\n"
	"  -h, --help            this text\n"
	"Without either, the API is looked for on " CALL_DEFAULT_ADDR ":8080.\n"
	"Prints the TransactionId and exits 0 when the update was accepted;\n"
	"prints the error and exits 1 otherwise (2: bad usage).\n";

static int usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

struct http_target {
	char addr[64];
	uint16_t port;
};

/* An IPv6 address is written in brackets before ":port". */
#define V6_OPEN(t)  (strchr((t)->addr, ':') ? "[" : "")
#define V6_CLOSE(t) (strchr((t)->addr, ':') ? "]" : "")

/* The http.listen address of a configuration file, as `serve -c` reads
 * it. Returns 0, or prints why and returns the exit status. */
static int target_from_config(const char *path, struct http_target *t)
{
	struct config cfg;
	int rc;

	if (config_default(&cfg))
		return 1;
	rc = server_config_load(path, &cfg);
	if (rc) {
		config_free(&cfg);      /* safe twice: it clears cfg */
		return rc;
	}
	if (!cfg.http_port) {
		fprintf(stderr, "callflow: %s has no http.listen address (the "
			"REST API is off)\n", path);
		config_free(&cfg);
		return 2;
	}
	snprintf(t->addr, sizeof(t->addr), "%s", cfg.http_addr);
	t->port = cfg.http_port;
	config_free(&cfg);
	return 0;
}

/* Arguments from KEY=VALUE words. Returns 0, or prints why and returns
 * 2. */
static int args_parse(char **words, int n, json_t *args)
{
	int i;

	for (i = 0; i < n; i++) {
		char *eq = strchr(words[i], '=');
		char key[1024];

		if (!eq || eq == words[i] ||
		    (size_t)(eq - words[i]) >= sizeof(key)) {
			fprintf(stderr, "callflow: '%s' is not KEY=VALUE\n",
				words[i]);
			return 2;
		}
		memcpy(key, words[i], (size_t)(eq - words[i]));
		key[eq - words[i]] = '\0';
		if (json_object_get(args, key)) {
			fprintf(stderr, "callflow: argument '%s' given twice\n",
				key);
			return 2;
		}
		if (json_object_set_new(args, key, json_string(eq + 1))) {
			fprintf(stderr, "callflow: argument '%s' is not valid "
				"UTF-8\n", key);
			return 2;
		}
	}
	return 0;
}

/* Percent-encode one path segment (RFC 3986 unreserved pass). */
static void path_append(char *buf, size_t sz, const char *seg)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(buf);

	for (; *seg && n + 4 < sz; seg++) {
		unsigned char c = (unsigned char)*seg;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			buf[n++] = (char)c;
		} else {
			buf[n++] = '%';
			buf[n++] = hex[c >> 4];
			buf[n++] = hex[c & 15];
		}
	}
	buf[n] = '\0';
}

/* A listener on the wildcard address is reached on loopback. */
static const char *connect_addr(const char *addr)
{
	if (!strcmp(addr, "0.0.0.0"))
		return "127.0.0.1";
	if (!strcmp(addr, "::"))
		return "::1";
	return addr;
}

static int http_connect(const struct http_target *t)
{
	struct timeval tv = {.tv_sec = CALL_TIMEOUT_S};
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res, *ai;
	char port[8];
	int fd = -1, err;

	snprintf(port, sizeof(port), "%u", t->port);
	err = getaddrinfo(connect_addr(t->addr), port, &hints, &res);
	if (err) {
		fprintf(stderr, "callflow: %s: %s\n", t->addr,
			gai_strerror(err));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		/* On Linux SO_SNDTIMEO bounds connect() too. */
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (!connect(fd, ai->ai_addr, ai->ai_addrlen))
			break;
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
	}
	freeaddrinfo(res);
	if (fd < 0)
		fprintf(stderr, "callflow: cannot reach the REST API on "
			"%s%s%s:%u: %s (is `callflow serve --http` running?)\n",
			V6_OPEN(t), t->addr, V6_CLOSE(t), t->port,
			strerror(errno));
	return fd;
}

static int send_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return errno ? errno : EIO;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read until the server closes (the request asked it to); returns a
 * NUL-terminated buffer or NULL. */
static char *recv_all(int fd, size_t *lenp)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *nb;
	ssize_t r;

	while (buf) {
		if (len + 1 == cap) {
			if (cap >= CALL_REPLY_MAX)
				break;
			nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		r = recv(fd, buf + len, cap - len - 1, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return NULL;
		}
		if (r == 0) {
			buf[len] = '\0';
			*lenp = len;
			return buf;
		}
		len += (size_t)r;
	}
	free(buf);
	return NULL;
}

/* The value of header name in the head (up to the blank line), copied
 * into out; "" when absent. */
static void header_get(const char *head, const char *name, char *out,
		       size_t sz)
{
	const char *p = strstr(head, "\r\n");
	size_t n = strlen(name);

	*out = '\0';
	while (p && p[2] != '\r' && p[2] != '\0') {
		const char *line = p + 2, *end = strstr(line, "\r\n");

		if (!end)
			return;
		if (!strncasecmp(line, name, n) && line[n] == ':') {
			line += n + 1;
			while (*line == ' ' || *line == '\t')
				line++;
			snprintf(out, sz, "%.*s", (int)(end - line), line);
			return;
		}
		p = end;
	}
}

/* Print the outcome of the reply; returns the exit status. */
static int reply_report(const char *reply)
{
	const char *body = strstr(reply, "\r\n\r\n");
	char type[128];
	json_t *doc;
	int status;

	if (sscanf(reply, "HTTP/%*d.%*d %d", &status) != 1 || !body) {
		fprintf(stderr, "callflow: the server's reply is not HTTP\n");
		return 1;
	}
	doc = json_loads(body + 4, 0, NULL);
	if (status == 202) {
		const char *tid = json_string_value(json_object_get(
			json_object_get(doc, "SipMediaApplicationCall"),
			"TransactionId"));

		printf("%s\n", tid ? tid : "");
		json_decref(doc);
		return tid ? 0 : 1;
	}
	header_get(reply, "x-amzn-ErrorType", type, sizeof(type));
	if (!*type)
		snprintf(type, sizeof(type), "HTTP %d", status);
	fprintf(stderr, "callflow: %s (%s): %s\n", type,
		json_string_value(json_object_get(doc, "Code")) ?
		json_string_value(json_object_get(doc, "Code")) : "-",
		json_string_value(json_object_get(doc, "Message")) ?
		json_string_value(json_object_get(doc, "Message")) :
		"(no message)");
	json_decref(doc);
	return 1;
}

/* POST the update and report; returns the exit status. */
static int update_send(const struct http_target *t, const char *app,
		       const char *tid, json_t *args)
{
	char path[4096] = "/sip-media-applications/", head[4600];
	char *body, *reply;
	json_t *doc;
	size_t len = 0;
	int fd, rc = 1, n;

	path_append(path, sizeof(path), app);
	n = (int)strlen(path);
	snprintf(path + n, sizeof(path) - (size_t)n, "/calls/");
	path_append(path, sizeof(path), tid);
	doc = json_pack("{s:O}", "Arguments", args);
	body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!body)
		return 1;
	n = snprintf(head, sizeof(head), "POST %s HTTP/1.1\r\n"
		     "Host: %s%s%s:%u\r\n"
		     "Content-Type: application/json\r\n"
		     "Content-Length: %zu\r\n"
		     "Connection: close\r\n\r\n", path, V6_OPEN(t),
		     t->addr, V6_CLOSE(t), t->port, strlen(body));
	fd = http_connect(t);
	if (fd < 0)
		goto out;
	if (send_all(fd, head, (size_t)n) ||
	    send_all(fd, body, strlen(body)) ||
	    !(reply = recv_all(fd, &len))) {
		fprintf(stderr, "callflow: REST API on %s%s%s:%u: %s\n",
			V6_OPEN(t), t->addr, V6_CLOSE(t), t->port,
			errno ? strerror(errno) : "no reply");
		close(fd);
		goto out;
	}
	close(fd);
	rc = reply_report(reply);
	free(reply);
out:
	free(body);
	return rc;
}

static int call_update(int argc, char **argv)
{
	static const struct option lopts[] = {
		{"http",   required_argument, NULL, 'H'},
		{"config", required_argument, NULL, 'c'},
		{"help",   no_argument,       NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct http_target t = {.addr = CALL_DEFAULT_ADDR,
				.port = CALL_DEFAULT_PORT};
	const char *http = NULL, *file = NULL;
	json_t *args;
	int c, rc;

	optind = 0;     /* GNU: start afresh */
	while ((c = getopt_long(argc, argv, "H:c:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'H': http = optarg; break;
		case 'c': file = optarg; break;
		case 'h': return usage(stdout, 0);
		default:  return usage(stderr, 2);
		}
	}
	if (argc - optind < 2 || (http && file))
		return usage(stderr, 2);
	if (strlen(argv[optind]) > 1000 || strlen(argv[optind + 1]) > 1000) {
		fprintf(stderr, "callflow: APP_ID and TRANSACTION_ID are "
			"limited to 1000 characters\n");
		return 2;
	}
	if (http && (config_parse_hostport(http, t.addr, sizeof(t.addr),
					   &t.port) || !t.port)) {
		fprintf(stderr, "callflow: --http: '%s' is not ADDR:PORT\n",
			http);
		return 2;
	}
	if (file && (rc = target_from_config(file, &t)))
		return rc;
	args = json_object();
	if (!args)
		return 1;
	rc = args_parse(argv + optind + 2, argc - optind - 2, args);
	if (!rc)
		rc = update_send(&t, argv[optind], argv[optind + 1], args);
	json_decref(args);
	return rc;
}

int cli_call(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	if (!strcmp(argv[1], "update"))
		return call_update(argc - 1, argv + 1);
	fprintf(stderr, "callflow call: unknown command '%s'\n", argv[1]);
	return usage(stderr, 2);
}
