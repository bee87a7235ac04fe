/* prompt.c - the prompt loader: WAV files read on a disk worker, cached by
 * path and validated by size and mtime, delivered on the loop thread. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clip_cache.h"
#include "log.h"
#include "loop.h"

#define PROMPT_MAX_FILE    (50u * 1024 * 1024)   /* spec: 50 MB per file */
#define PROMPT_CACHE_BYTES (64u * 1024 * 1024)

/* Where a request is, as seen by prompt_close after the worker joined:
 * POSTED requests sit in the loop's mailbox and must be freed there. */
enum prompt_state { PROMPT_QUEUED, PROMPT_POSTED };

struct prompt_req {
	struct prompt_req *next;      /* live list, loop thread */
	uint64_t id;
	prompt_done_h *done;
	void *arg;
	bool cancelled;
	bool detached;                /* service closed; free on delivery */
	int state;                    /* enum prompt_state, atomic */
	struct audio_clip *cached;    /* in: candidate from the cache */
	struct clip_stamp cached_stamp;
	struct audio_clip *clip;      /* out: owned reference */
	struct clip_stamp stamp;
	int err;
	char reason[256];
	char path[];
};

static struct {
	struct workq *wq;
	struct clip_cache cache;
	struct prompt_req *reqs;
	uint64_t next_id;
	int closing;                  /* atomic: workers stop posting */
} pr;

static void prompt_req_free(struct prompt_req *r)
{
	audio_clip_deref(r->cached);
	audio_clip_deref(r->clip);
	free(r);
}

static void prompt_unlink(struct prompt_req *r)
{
	struct prompt_req **pp = &pr.reqs;

	while (*pp && *pp != r)
		pp = &(*pp)->next;
	if (*pp)
		*pp = r->next;
}

/* Loop thread: cache the result, then hand it to the requester. */
static void prompt_finish(void *msg)
{
	struct prompt_req *r = msg;
	struct audio_clip *clip;

	if (r->detached) {
		prompt_req_free(r);
		return;
	}
	prompt_unlink(r);
	/* Re-put on a hit too: the entry may have been evicted meanwhile. */
	if (r->clip)
		clip_cache_put(&pr.cache, r->path, r->clip, &r->stamp);
	else
		clip_cache_remove(&pr.cache, r->path);

	if (!r->cancelled) {
		clip = r->clip;
		r->clip = NULL;     /* the reference passes to done */
		r->done(clip, r->err, clip ? NULL : r->reason, r->arg);
	}
	prompt_req_free(r);
}

/* Worker: stat is disk I/O too, so even a cache hit is validated here. */
static void prompt_work(void *arg)
{
	struct prompt_req *r = arg;
	struct stat st;

	if (stat(r->path, &st)) {
		r->err = errno;
		snprintf(r->reason, sizeof(r->reason), "cannot open %s: %s",
			 r->path, strerror(errno));
		goto post;
	}
	r->stamp.size = (uint64_t)st.st_size;
	r->stamp.mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000u +
			    (uint64_t)st.st_mtim.tv_nsec;
	if (r->cached && !memcmp(&r->stamp, &r->cached_stamp,
				 sizeof(r->stamp))) {
		r->clip = r->cached;
		r->cached = NULL;
		goto post;
	}
	r->err = wav_load(r->path, PROMPT_MAX_FILE, &r->clip, NULL,
			  r->reason, sizeof(r->reason));
	log_debug("prompt", "loaded %s: %s", r->path,
		  r->err ? r->reason : "ok");
 post:
	/* Posting ourselves (not via workq's done) lets prompt_close know
	 * exactly which requests are already in the mailbox. */
	if (__atomic_load_n(&pr.closing, __ATOMIC_ACQUIRE))
		return;
	__atomic_store_n(&r->state, PROMPT_POSTED, __ATOMIC_RELEASE);
	if (loop_post(prompt_finish, r)) {
		__atomic_store_n(&r->state, PROMPT_QUEUED, __ATOMIC_RELEASE);
		log_error("prompt", "cannot deliver %s: out of memory",
			  r->path);
	}
}

int prompt_init(void)
{
	int err;

	if (pr.wq)
		return EALREADY;
	err = workq_alloc(&pr.wq, "prompt", 1);
	if (err)
		return err;
	clip_cache_init(&pr.cache, PROMPT_CACHE_BYTES);
	pr.reqs = NULL;
	__atomic_store_n(&pr.closing, 0, __ATOMIC_RELEASE);
	return 0;
}

void prompt_close(void)
{
	struct prompt_req *r, *next;

	if (!pr.wq)
		return;
	__atomic_store_n(&pr.closing, 1, __ATOMIC_RELEASE);
	workq_free(pr.wq);   /* joins: every request state is now final */
	pr.wq = NULL;

	for (r = pr.reqs; r; r = next) {
		next = r->next;
		if (__atomic_load_n(&r->state, __ATOMIC_ACQUIRE) == PROMPT_POSTED)
			r->detached = true;
		else
			prompt_req_free(r);
	}
	pr.reqs = NULL;
	clip_cache_flush(&pr.cache);
}

uint64_t prompt_load(const char *path, prompt_done_h *done, void *arg)
{
	struct prompt_req *r;
	size_t len;

	if (!pr.wq || !path || !done)
		return 0;
	len = strlen(path);
	r = calloc(1, sizeof(*r) + len + 1);
	if (!r)
		return 0;
	memcpy(r->path, path, len + 1);
	r->id = ++pr.next_id;
	r->done = done;
	r->arg = arg;
	r->cached = audio_clip_ref(clip_cache_find(&pr.cache, path,
						   &r->cached_stamp));
	if (workq_submit(pr.wq, prompt_work, NULL, r)) {
		prompt_req_free(r);
		return 0;
	}
	r->next = pr.reqs;
	pr.reqs = r;
	return r->id;
}

void prompt_cancel(uint64_t req_id)
{
	struct prompt_req *r;

	for (r = pr.reqs; r; r = r->next) {
		if (r->id == req_id) {
			r->cancelled = true;
			return;
		}
	}
}
