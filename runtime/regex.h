/* regex.h - a small PCRE2 wrapper for the digit actions' InputDigitsRegex:
 * compile with a readable error, and test a whole digit string. Loop
 * thread only (a compiled regex keeps its own match buffer). */
#ifndef CF_REGEX_H
#define CF_REGEX_H

#include <stddef.h>

struct regex;

enum regex_result {
	REGEX_NOMATCH,
	REGEX_PARTIAL,   /* not a match yet, but more input could make one */
	REGEX_MATCH,     /* the whole string matches */
};

/* Compile pattern into *rep, owned by the caller (regex_free). Returns 0,
 * EINVAL with PCRE2's message in err and the offset of the problem in
 * *offsetp, or ENOMEM. err and offsetp may be NULL. */
int  regex_compile(struct regex **rep, const char *pattern,
		   char *err, size_t errsz, size_t *offsetp);
void regex_free(struct regex *re);

/* Does the whole of s match (anchored at both ends, as Java's matches())?
 * REGEX_PARTIAL when s is a proper prefix of some match. */
enum regex_result regex_test(struct regex *re, const char *s);

#endif
