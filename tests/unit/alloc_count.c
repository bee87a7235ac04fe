/* alloc_count.c - counting allocator for tests (see alloc_count.h): glibc
 * exports its own allocator as __libc_*, so these wrappers can count and
 * forward. */
#include <stdlib.h>

#include "tests/unit/alloc_count.h"

#ifdef ALLOC_COUNTING
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);

unsigned long allocs;

void *malloc(size_t n) { allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { allocs++; return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { allocs++; return __libc_realloc(p, n); }
#endif
