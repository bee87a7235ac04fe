/* regex.c - InputDigitsRegex on top of PCRE2 (8-bit code units). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcre2.h>

#include "regex.h"

struct regex {
	pcre2_code *code;
	pcre2_code *tail;            /* "(?:pattern)\z", for partial tests */
	pcre2_match_data *md;
};

/* PCRE2 refuses end anchoring together with partial matching, so partial
 * tests use a copy of the pattern that must reach the end by itself.
 * Patterns that cannot be wrapped (a trailing comment in (?x) mode) just
 * give no partial answers. */
static pcre2_code *regex_wrap(const char *pattern)
{
	size_t n = strlen(pattern);
	char *s = malloc(n + 8);
	pcre2_code *code;
	PCRE2_SIZE off;
	int err;

	if (!s)
		return NULL;
	snprintf(s, n + 8, "(?:%s)\\z", pattern);
	code = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, &err,
			     &off, NULL);
	free(s);
	return code;
}

int regex_compile(struct regex **rep, const char *pattern,
		  char *err, size_t errsz, size_t *offsetp)
{
	struct regex *re;
	PCRE2_SIZE off = 0;
	int code = 0;

	if (!rep || !pattern)
		return EINVAL;
	re = calloc(1, sizeof(*re));
	if (!re)
		return ENOMEM;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0,
				 &code, &off, NULL);
	if (!re->code) {
		if (err && errsz &&
		    pcre2_get_error_message(code, (PCRE2_UCHAR *)err, errsz) < 0)
			snprintf(err, errsz, "error %d", code);
		if (offsetp)
			*offsetp = off;
		free(re);
		return EINVAL;
	}
	re->tail = regex_wrap(pattern);
	re->md = pcre2_match_data_create(1, NULL);
	if (!re->md) {
		regex_free(re);
		return ENOMEM;
	}
	*rep = re;
	return 0;
}

void regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->tail);
	pcre2_code_free(re->code);
	free(re);
}

enum regex_result regex_test(struct regex *re, const char *s)
{
	int rc;

	rc = pcre2_match(re->code, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0,
			 PCRE2_ANCHORED | PCRE2_ENDANCHORED, re->md, NULL);
	if (rc >= 0)
		return REGEX_MATCH;
	if (!re->tail)
		return REGEX_NOMATCH;
	/* Hard partial matching reports running out of input even when a
	 * shorter alternative would complete. */
	rc = pcre2_match(re->tail, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0,
			 PCRE2_ANCHORED | PCRE2_PARTIAL_HARD, re->md, NULL);
	return rc == PCRE2_ERROR_PARTIAL ? REGEX_PARTIAL : REGEX_NOMATCH;
}
