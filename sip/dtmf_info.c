/* dtmf_info.c - parse application/dtmf-relay and application/dtmf INFO
 * bodies into one digit. Pure string work: no sofia, no allocation. */
#include "sip/dtmf_info.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Durations above this are not a key press; also keeps the sum in range. */
#define DTMF_DURATION_MAX_MS 600000u

/* A slice of the body: bodies are not NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return is_blank(c) || c == '\r' || c == '\n';
}

static struct span span_trim(struct span s)
{
	while (s.n && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

static bool span_eq(struct span s, const char *word)
{
	size_t n = strlen(word);

	return s.n == n && !strncasecmp(s.p, word, n);
}

/* "application/dtmf" must not match "application/dtmf-relay": the type
 * ends at the string's end, a parameter ';' or blank space. */
static bool ctype_is(const char *ctype, const char *want)
{
	size_t n = strlen(want);
	char end;

	while (is_blank(*ctype))
		ctype++;
	if (strncasecmp(ctype, want, n))
		return false;
	end = ctype[n];
	return end == '\0' || end == ';' || is_blank(end);
}

/* One digit: 0-9 * # A-D (a-d accepted), or the RFC 4733 event codes
 * 10 and 11 that some phones put in Signal= for * and #. */
static int digit_parse(struct span s, char *digit)
{
	char c;

	if (span_eq(s, "10")) {
		*digit = '*';
		return 0;
	}
	if (span_eq(s, "11")) {
		*digit = '#';
		return 0;
	}
	if (s.n != 1)
		return EBADMSG;

	c = s.p[0];
	if (c >= 'a' && c <= 'd')
		c = (char)(c - 'a' + 'A');
	if (!strchr("0123456789*#ABCD", c) || c == '\0')
		return EBADMSG;
	*digit = c;
	return 0;
}

static int duration_parse(struct span s, unsigned *ms)
{
	unsigned long v = 0;
	size_t i;

	if (!s.n)
		return EBADMSG;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return EBADMSG;
		v = v * 10 + (unsigned long)(s.p[i] - '0');
		if (v > DTMF_DURATION_MAX_MS)
			return EBADMSG;
	}
	*ms = (unsigned)v;
	return 0;
}

/* What the relay parser has seen so far. */
struct relay {
	bool has_signal;
	bool has_duration;
	char digit;
	unsigned duration_ms;
};

/* "Key = value" with blanks anywhere around the parts. Unknown keys are
 * skipped (some phones add their own); Signal and Duration may appear
 * once each, since two Signal lines leave the digit ambiguous. */
static int relay_line(struct relay *r, struct span line)
{
	const char *eq = memchr(line.p, '=', line.n);
	struct span key, val;

	if (!eq)
		return EBADMSG;
	key = span_trim((struct span){ line.p, (size_t)(eq - line.p) });
	val = span_trim((struct span){ eq + 1,
				       line.n - (size_t)(eq - line.p) - 1 });
	if (!key.n)
		return EBADMSG;

	if (span_eq(key, "Signal")) {
		if (r->has_signal)
			return EBADMSG;
		r->has_signal = true;
		return digit_parse(val, &r->digit);
	}
	if (span_eq(key, "Duration")) {
		if (r->has_duration)
			return EBADMSG;
		r->has_duration = true;
		return duration_parse(val, &r->duration_ms);
	}
	return 0;
}

/* Lines end in CRLF, LF or a lone CR; blank lines are skipped. */
static int relay_parse(struct span body, char *digit, unsigned *duration_ms)
{
	struct relay r = { 0 };
	size_t i = 0;
	int err;

	while (i < body.n) {
		size_t start = i;
		struct span line;

		while (i < body.n && body.p[i] != '\r' && body.p[i] != '\n')
			i++;
		line = span_trim((struct span){ body.p + start, i - start });
		if (i < body.n)
			i++;
		if (!line.n)
			continue;
		err = relay_line(&r, line);
		if (err)
			return err;
	}
	if (!r.has_signal)
		return EBADMSG;

	*digit = r.digit;
	*duration_ms = r.duration_ms;
	return 0;
}

/* Text only: a NUL or another control byte means a binary or broken
 * body, whatever else it holds. */
static bool body_is_text(struct span body)
{
	size_t i;

	for (i = 0; i < body.n; i++) {
		unsigned char c = (unsigned char)body.p[i];

		if ((c < 0x20 && !is_space((char)c)) || c == 0x7f)
			return false;
	}
	return true;
}

int sip_dtmf_info_parse(const char *ctype, const char *body, size_t len,
			char *digit, unsigned *duration_ms)
{
	struct span s = { body, len };
	bool relay;

	if (!ctype || (!body && len) || !digit || !duration_ms)
		return EINVAL;

	relay = ctype_is(ctype, "application/dtmf-relay");
	if (!relay && !ctype_is(ctype, "application/dtmf"))
		return EPROTONOSUPPORT;
	if (len > SIP_DTMF_INFO_MAX_BODY)
		return EMSGSIZE;
	if (!body_is_text(s))
		return EBADMSG;

	if (relay)
		return relay_parse(s, digit, duration_ms);

	/* application/dtmf: the whole body is the digit. */
	if (digit_parse(span_trim(s), digit))
		return EBADMSG;
	*duration_ms = 0;
	return 0;
}
