/* utf8.h - the little UTF-8 handling JSON strings need. */
#ifndef CALLFLOW_UTF8_H
#define CALLFLOW_UTF8_H

#include <stddef.h>

/* Replace every byte that does not start a complete UTF-8 sequence with
 * '?', in place: a caller's header, or a message whose bounded print cut a
 * character in two, still makes a JSON string. Returns s. */
char *utf8_clean(char *s);

/* Characters (not bytes) in a UTF-8 string. */
size_t utf8_chars(const char *s);

#endif
