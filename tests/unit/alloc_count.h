/* alloc_count.h - tests that prove a path allocates nothing link
 * alloc_count.c, which counts malloc/calloc/realloc calls in `allocs`.
 * Sanitizers bring their own allocators, so there is no counting under
 * them (ALLOC_COUNTING is then undefined and the checks compile out). */
#ifndef CF_TEST_ALLOC_COUNT_H
#define CF_TEST_ALLOC_COUNT_H

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define ALLOC_COUNTING 1
extern unsigned long allocs;
#endif

#endif
