/* clip_cache.h - a byte-bounded LRU map from string keys to refcounted
 * clips, shared by the prompt loader and the speech service. Loop thread
 * only: it has no lock. */
#ifndef CF_CLIP_CACHE_H
#define CF_CLIP_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "audio.h"

#define CLIP_CACHE_BUCKETS 1024

/* What the cached clip was made from (a file's size and mtime); a lookup
 * hands it back so the caller can decide whether the entry is stale. */
struct clip_stamp {
	uint64_t size;
	uint64_t mtime_ns;
};

struct clip_cache_entry;

struct clip_cache {
	struct clip_cache_entry *buckets[CLIP_CACHE_BUCKETS];
	struct clip_cache_entry *newest, *oldest;
	size_t bytes, max_bytes;
	unsigned count;
};

void clip_cache_init(struct clip_cache *cc, size_t max_bytes);
/* Drop every entry (clips still referenced elsewhere live on). */
void clip_cache_flush(struct clip_cache *cc);
/* Borrowed pointer (take a ref to keep it) or NULL; a hit becomes the most
 * recently used entry. stamp may be NULL. */
struct audio_clip *clip_cache_find(struct clip_cache *cc, const char *key,
				   struct clip_stamp *stamp);
/* Insert or replace key with a new reference to clip, then evict the least
 * recently used entries until the cache fits. A clip bigger than the whole
 * cache is not stored (returns EFBIG). */
int clip_cache_put(struct clip_cache *cc, const char *key,
		   struct audio_clip *clip, const struct clip_stamp *stamp);
void clip_cache_remove(struct clip_cache *cc, const char *key);

#endif
