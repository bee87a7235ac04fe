/* utf8.c - see utf8.h. */
#include "utf8.h"

char *utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (p && *p) {
		size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 :
			   (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
		size_t i;

		for (i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				n = 0;
		if (!n) {
			*p++ = '?';
			continue;
		}
		p += n;
	}
	return s;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
