/* clip_cache.c - byte-bounded LRU cache of clips keyed by string (prompt
 * files by path, synthesised speech by text and voice). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clip_cache.h"

struct clip_cache_entry {
	struct clip_cache_entry *hnext;          /* bucket chain */
	struct clip_cache_entry *newer, *older;  /* LRU list */
	struct audio_clip *clip;
	struct clip_stamp stamp;
	size_t bytes;
	uint32_t hash;
	char key[];
};

/* FNV-1a: keys are short paths or sentences; spread is all we need. */
static uint32_t cc_hash(const char *key)
{
	uint32_t h = 2166136261u;

	while (*key)
		h = (h ^ (uint8_t)*key++) * 16777619u;
	return h;
}

static struct clip_cache_entry **cc_slot(struct clip_cache *cc,
					 const char *key, uint32_t hash)
{
	struct clip_cache_entry **pp = &cc->buckets[hash % CLIP_CACHE_BUCKETS];

	while (*pp && ((*pp)->hash != hash || strcmp((*pp)->key, key)))
		pp = &(*pp)->hnext;
	return pp;
}

static void cc_lru_unlink(struct clip_cache *cc, struct clip_cache_entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		cc->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		cc->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void cc_lru_push(struct clip_cache *cc, struct clip_cache_entry *e)
{
	e->older = cc->newest;
	e->newer = NULL;
	if (cc->newest)
		cc->newest->newer = e;
	cc->newest = e;
	if (!cc->oldest)
		cc->oldest = e;
}

/* Unlink an entry found at *pp and release the cache's reference. */
static void cc_drop(struct clip_cache *cc, struct clip_cache_entry **pp)
{
	struct clip_cache_entry *e = *pp;

	*pp = e->hnext;
	cc_lru_unlink(cc, e);
	cc->bytes -= e->bytes;
	cc->count--;
	audio_clip_deref(e->clip);
	free(e);
}

void clip_cache_init(struct clip_cache *cc, size_t max_bytes)
{
	memset(cc, 0, sizeof(*cc));
	cc->max_bytes = max_bytes;
}

void clip_cache_flush(struct clip_cache *cc)
{
	while (cc->oldest)
		clip_cache_remove(cc, cc->oldest->key);
}

struct audio_clip *clip_cache_find(struct clip_cache *cc, const char *key,
				   struct clip_stamp *stamp)
{
	struct clip_cache_entry *e = *cc_slot(cc, key, cc_hash(key));

	if (!e)
		return NULL;
	cc_lru_unlink(cc, e);
	cc_lru_push(cc, e);
	if (stamp)
		*stamp = e->stamp;
	return e->clip;
}

void clip_cache_remove(struct clip_cache *cc, const char *key)
{
	struct clip_cache_entry **pp = cc_slot(cc, key, cc_hash(key));

	if (*pp)
		cc_drop(cc, pp);
}

int clip_cache_put(struct clip_cache *cc, const char *key,
		   struct audio_clip *clip, const struct clip_stamp *stamp)
{
	size_t klen = strlen(key);
	size_t bytes = sizeof(struct clip_cache_entry) + klen + 1 +
		       clip->nsamples * sizeof(*clip->pcm);
	struct clip_cache_entry *e;

	clip_cache_remove(cc, key);
	if (bytes > cc->max_bytes)
		return EFBIG;
	e = malloc(sizeof(*e) + klen + 1);
	if (!e)
		return ENOMEM;
	memcpy(e->key, key, klen + 1);
	e->hash = cc_hash(key);
	e->clip = audio_clip_ref(clip);
	e->stamp = stamp ? *stamp : (struct clip_stamp){0, 0};
	e->bytes = bytes;

	/* Eviction only drops the cache's reference: a clip being played
	 * keeps its other references and stays alive. */
	while (cc->oldest && cc->bytes + bytes > cc->max_bytes)
		clip_cache_remove(cc, cc->oldest->key);

	e->hnext = cc->buckets[e->hash % CLIP_CACHE_BUCKETS];
	cc->buckets[e->hash % CLIP_CACHE_BUCKETS] = e;
	cc_lru_push(cc, e);
	cc->bytes += bytes;
	cc->count++;
	return 0;
}
