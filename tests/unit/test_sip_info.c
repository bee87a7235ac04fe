/* test_sip_info.c - DTMF digits read from SIP INFO bodies (what decides
 * 200 + a digit, 400 or 415 for an in-dialog INFO). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sip/dtmf_info.h"

#define RELAY "application/dtmf-relay"
#define DTMF  "application/dtmf"

struct good_case {
	const char *ctype;
	const char *body;
	char digit;
	unsigned duration_ms;
};

struct bad_case {
	const char *ctype;
	const char *body;
	int err;
};

static const struct good_case good_cases[] = {
	{ RELAY, "Signal=5\r\nDuration=160\r\n", '5', 160 },
	{ RELAY, "Signal=5\r\n", '5', 0 },
	{ RELAY, "Signal=5", '5', 0 },                      /* no line end */
	{ RELAY, "Duration=250\r\nSignal=0\r\n", '0', 250 }, /* any order */
	{ RELAY, "  Signal =  5 \r\n Duration=\t160\t\r\n", '5', 160 },
	{ RELAY, "Signal= 8\r\nDuration= 100\r\n", '8', 100 },
	{ RELAY, "signal=9\nduration=100\n", '9', 100 },    /* LF, lower */
	{ RELAY, "SIGNAL=#\r\nDURATION=40", '#', 40 },
	{ RELAY, "Signal=4\rDuration=80\r", '4', 80 },      /* lone CR */
	{ RELAY, "\r\n\r\nSignal=6\r\n\r\n", '6', 0 },      /* blank lines */
	{ RELAY, "Signal=*\r\n", '*', 0 },
	{ RELAY, "Signal=10\r\nDuration=160\r\n", '*', 160 },
	{ RELAY, "Signal=11\r\nDuration=160\r\n", '#', 160 },
	{ RELAY, "Signal=A\r\n", 'A', 0 },
	{ RELAY, "Signal=d\r\n", 'D', 0 },                  /* upper-cased */
	{ RELAY, "Volume=10\r\nSignal=3\r\nX-Foo=bar\r\n", '3', 0 },
	{ RELAY, "Signal=1\r\nDuration=0\r\n", '1', 0 },
	{ "Application/DTMF-Relay", "Signal=2", '2', 0 },
	{ "application/dtmf-relay;charset=utf-8", "Signal=7", '7', 0 },
	{ " application/dtmf-relay ; x=y", "Signal=7", '7', 0 },
	{ DTMF, "5", '5', 0 },
	{ DTMF, "#", '#', 0 },
	{ DTMF, "*", '*', 0 },
	{ DTMF, "11", '#', 0 },
	{ DTMF, "10", '*', 0 },
	{ DTMF, "b", 'B', 0 },
	{ DTMF, "5\r\n", '5', 0 },
	{ DTMF, "  9  ", '9', 0 },
	{ "APPLICATION/DTMF", "0", '0', 0 },
};

static const struct bad_case bad_cases[] = {
	{ "text/plain", "Signal=5", EPROTONOSUPPORT },
	{ "application/sdp", "5", EPROTONOSUPPORT },
	{ "application/dtmf-relayx", "Signal=5", EPROTONOSUPPORT },
	{ "application/dtmfx", "5", EPROTONOSUPPORT },
	{ "application/dtm", "5", EPROTONOSUPPORT },
	{ "", "Signal=5", EPROTONOSUPPORT },
	{ RELAY, "", EBADMSG },
	{ RELAY, "\r\n\r\n", EBADMSG },
	{ RELAY, "Duration=160\r\n", EBADMSG },             /* no Signal */
	{ RELAY, "Signal=X\r\n", EBADMSG },
	{ RELAY, "Signal=E\r\n", EBADMSG },
	{ RELAY, "Signal=\r\n", EBADMSG },
	{ RELAY, "Signal=55\r\n", EBADMSG },
	{ RELAY, "Signal=12\r\n", EBADMSG },
	{ RELAY, "Signal=01\r\n", EBADMSG },
	{ RELAY, "Signal=5 5\r\n", EBADMSG },
	{ RELAY, "Signal=1\r\nSignal=2\r\n", EBADMSG },     /* ambiguous */
	{ RELAY, "Signal=1\r\nsignal=1\r\n", EBADMSG },
	{ RELAY, "Signal=1\r\nDuration=1\r\nDuration=2", EBADMSG },
	{ RELAY, "Signal=5\r\nDuration=abc\r\n", EBADMSG },
	{ RELAY, "Signal=5\r\nDuration=-5\r\n", EBADMSG },
	{ RELAY, "Signal=5\r\nDuration=\r\n", EBADMSG },
	{ RELAY, "Signal=5\r\nDuration=99999999999999999999\r\n", EBADMSG },
	{ RELAY, "Signal 5\r\n", EBADMSG },                 /* no '=' */
	{ RELAY, "=5\r\nSignal=5\r\n", EBADMSG },           /* no key */
	{ RELAY, "Signal=5\x01\r\n", EBADMSG },
	{ RELAY, "5", EBADMSG },                            /* dtmf body */
	{ DTMF, "", EBADMSG },
	{ DTMF, "  \r\n", EBADMSG },
	{ DTMF, "X", EBADMSG },
	{ DTMF, "55", EBADMSG },
	{ DTMF, "12", EBADMSG },
	{ DTMF, "Signal=5", EBADMSG },                      /* relay body */
	{ DTMF, "5 5", EBADMSG },
};

/* Outputs hold these until a parse succeeds. */
#define UNTOUCHED_DIGIT 'z'
#define UNTOUCHED_MS    12345u

static int parse_n(const char *ctype, const char *body, size_t len,
		   char *digit, unsigned *ms)
{
	*digit = UNTOUCHED_DIGIT;
	*ms = UNTOUCHED_MS;
	return sip_dtmf_info_parse(ctype, body, len, digit, ms);
}

static void test_good_bodies(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case *c = &good_cases[i];
		unsigned ms;
		char digit;

		int err = parse_n(c->ctype, c->body, strlen(c->body), &digit,
				  &ms);

		if (err || digit != c->digit || ms != c->duration_ms)
			print_error("case %zu: %s \"%s\"\n", i, c->ctype,
				    c->body);
		assert_int_equal(err, 0);
		assert_int_equal(digit, c->digit);
		assert_int_equal(ms, c->duration_ms);
	}
}

static void test_bad_bodies(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		unsigned ms;
		char digit;

		int err = parse_n(c->ctype, c->body, strlen(c->body), &digit,
				  &ms);

		if (err != c->err)
			print_error("case %zu: %s \"%s\"\n", i, c->ctype,
				    c->body);
		assert_int_equal(err, c->err);
		assert_int_equal(digit, UNTOUCHED_DIGIT);
		assert_int_equal(ms, UNTOUCHED_MS);
	}
}

/* A NUL inside the body is binary junk, not the end of the body. */
static void test_nul_in_body(void **state)
{
	static const char relay[] = "Signal=5\0\r\nDuration=160\r\n";
	static const char dtmf[] = "5\0";
	unsigned ms;
	char digit;
	(void)state;

	assert_int_equal(parse_n(RELAY, relay, sizeof(relay) - 1, &digit,
				 &ms), EBADMSG);
	assert_int_equal(parse_n(DTMF, dtmf, sizeof(dtmf) - 1, &digit, &ms),
			 EBADMSG);
	assert_int_equal(digit, UNTOUCHED_DIGIT);
}

/* Only len bytes are read: sofia's payload is not NUL-terminated. */
static void test_body_not_terminated(void **state)
{
	static const char buf[] = { 'S', 'i', 'g', 'n', 'a', 'l', '=', '7',
				    'X', 'X' };
	unsigned ms;
	char digit;
	(void)state;

	assert_int_equal(parse_n(RELAY, buf, 8, &digit, &ms), 0);
	assert_int_equal(digit, '7');
	assert_int_equal(parse_n(DTMF, buf + 7, 1, &digit, &ms), 0);
	assert_int_equal(digit, '7');
	assert_int_equal(parse_n(RELAY, buf, 9, &digit, &ms), EBADMSG);
}

/* A valid digit padded with blank lines up to the limit is read; one
 * byte more is refused before any parsing. */
static void test_huge_body(void **state)
{
	size_t max = SIP_DTMF_INFO_MAX_BODY;
	char *big = malloc(max + 4096);
	unsigned ms;
	char digit;
	(void)state;

	assert_non_null(big);
	memset(big, '\n', max + 4096);
	memcpy(big, "Signal=3\r\n", 10);
	assert_int_equal(parse_n(RELAY, big, max, &digit, &ms), 0);
	assert_int_equal(digit, '3');
	assert_int_equal(parse_n(RELAY, big, max + 1, &digit, &ms), EMSGSIZE);
	assert_int_equal(parse_n(RELAY, big, max + 4096, &digit, &ms),
			 EMSGSIZE);
	assert_int_equal(parse_n(DTMF, big, max + 4096, &digit, &ms),
			 EMSGSIZE);
	/* The content type is judged first: a huge foreign body is a 415. */
	assert_int_equal(parse_n("text/plain", big, max + 4096, &digit, &ms),
			 EPROTONOSUPPORT);
	assert_int_equal(digit, UNTOUCHED_DIGIT);
	free(big);
}

static void test_bad_arguments(void **state)
{
	unsigned ms;
	char digit;
	(void)state;

	assert_int_equal(sip_dtmf_info_parse(NULL, "5", 1, &digit, &ms),
			 EINVAL);
	assert_int_equal(sip_dtmf_info_parse(DTMF, NULL, 1, &digit, &ms),
			 EINVAL);
	assert_int_equal(sip_dtmf_info_parse(DTMF, "5", 1, NULL, &ms),
			 EINVAL);
	assert_int_equal(sip_dtmf_info_parse(DTMF, "5", 1, &digit, NULL),
			 EINVAL);
	assert_int_equal(sip_dtmf_info_parse(DTMF, NULL, 0, &digit, &ms),
			 EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_bodies),
		cmocka_unit_test(test_bad_bodies),
		cmocka_unit_test(test_nul_in_body),
		cmocka_unit_test(test_body_not_terminated),
		cmocka_unit_test(test_huge_body),
		cmocka_unit_test(test_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
