/* speech.c - the TTS registry and the speech service: text to a cached,
 * refcounted 8 kHz clip, synthesised on one TTS worker thread. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip_cache.h"
#include "clock.h"
#include "log.h"
#include "loop.h"
#include "tts.h"

/* A job is one synthesis; identical requests made while it runs wait on
 * it instead of synthesising again. */
enum speech_state { SPEECH_QUEUED, SPEECH_POSTED };

struct speech_job {
	struct speech_job *next;      /* in-flight list, loop thread */
	bool ssml;
	bool detached;                /* service closed; free on delivery */
	int state;                    /* enum speech_state, atomic */
	struct tts_voice voice;
	struct audio_clip *clip;      /* out: owned reference */
	char err[128];
	char *text;                   /* points into key */
	char key[];
};

/* A request is one caller waiting, on a job or on a deferred cache hit. */
struct speech_req {
	struct speech_req *next;      /* live list, loop thread */
	uint64_t id;
	speech_done_h *done;
	void *arg;
	struct speech_job *job;       /* NULL for a cache hit */
	struct audio_clip *clip;      /* cache hit: owned reference */
	bool cancelled;
	bool detached;
};

struct synth_buf {
	int16_t *pcm;
	size_t n, size;
};

static const struct tts_ops *tts_engine;

static struct {
	struct workq *wq;
	struct clip_cache cache;
	struct speech_job *jobs;
	struct speech_req *reqs;
	uint64_t next_id;
	int closing;                  /* atomic: workers stop posting */
	int init_err;
} sp;

void tts_register(const struct tts_ops *ops)
{
	tts_engine = ops;
}

const struct tts_ops *tts_get(void)
{
	return tts_engine;
}

/* Key: voice, text type and text, joined by a unit separator that cannot
 * appear in a voice name. */
static char *speech_key(const char *text, bool ssml,
			const struct tts_voice *voice, size_t *lenp)
{
	const char *v = voice ? voice->engine_voice : "";
	size_t len = strlen(v) + strlen(text) + 4;
	char *key = malloc(len + 1);

	if (key)
		*lenp = (size_t)snprintf(key, len + 1, "%s\x1f%c\x1f%s", v,
					 ssml ? 'S' : 'T', text);
	return key;
}

static void speech_unlink_req(struct speech_req *r)
{
	struct speech_req **pp = &sp.reqs;

	while (*pp && *pp != r)
		pp = &(*pp)->next;
	if (*pp)
		*pp = r->next;
}

static void speech_unlink_job(struct speech_job *j)
{
	struct speech_job **pp = &sp.jobs;

	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
}

/* ---- synthesis on the TTS worker ---- */

static int speech_sink(const int16_t *pcm, size_t n, void *arg)
{
	struct synth_buf *b = arg;

	if (b->n + n > b->size) {
		size_t size = b->size ? b->size * 2 : 32768;
		int16_t *p;

		while (size < b->n + n)
			size *= 2;
		p = realloc(b->pcm, size * sizeof(*p));
		if (!p)
			return ENOMEM;
		b->pcm = p;
		b->size = size;
	}
	memcpy(b->pcm + b->n, pcm, n * sizeof(*pcm));
	b->n += n;
	return 0;
}

static int speech_synth(struct speech_job *j)
{
	const struct tts_ops *ops = tts_engine;
	struct synth_buf b = {0};
	uint32_t rate = 0;
	uint64_t t0 = clock_mono_us();
	int err;

	if (!ops || sp.init_err) {
		snprintf(j->err, sizeof(j->err), "no speech engine");
		return ENOSYS;
	}
	err = ops->synth(j->text, j->ssml, &j->voice, &rate, speech_sink, &b);
	if (!err && (!b.n || !rate))
		err = ENODATA;
	if (!err)
		err = audio_resample(b.pcm, b.n, rate, MEDIA_RATE, &j->clip);
	if (err)
		snprintf(j->err, sizeof(j->err), "speech synthesis failed: %s",
			 strerror(err));
	else
		log_debug("speech", "synthesised %zu samples at %u Hz in %llu ms"
			  " (%s)", b.n, rate, (unsigned long long)
			  (clock_mono_us() - t0) / 1000, j->voice.engine_voice);
	free(b.pcm);
	return err;
}

static void speech_job_done(void *msg);

static void speech_work(void *arg)
{
	struct speech_job *j = arg;

	speech_synth(j);
	/* Posting ourselves (not via workq's done) lets speech_close know
	 * exactly which jobs are already in the mailbox. */
	if (__atomic_load_n(&sp.closing, __ATOMIC_ACQUIRE))
		return;
	__atomic_store_n(&j->state, SPEECH_POSTED, __ATOMIC_RELEASE);
	if (loop_post(speech_job_done, j)) {
		__atomic_store_n(&j->state, SPEECH_QUEUED, __ATOMIC_RELEASE);
		log_error("speech", "cannot deliver a synthesis result");
	}
}

/* ---- delivery on the loop thread ---- */

static void speech_deliver(struct speech_req *r, struct audio_clip *clip,
			   const char *err)
{
	speech_unlink_req(r);
	if (!r->cancelled)
		r->done(audio_clip_ref(clip), clip ? NULL : err, r->arg);
	audio_clip_deref(r->clip);
	free(r);
}

static void speech_job_free(struct speech_job *j)
{
	audio_clip_deref(j->clip);
	free(j);
}

static void speech_job_done(void *msg)
{
	struct speech_job *j = msg;
	struct speech_req *r, *next;

	if (j->detached) {
		speech_job_free(j);
		return;
	}
	speech_unlink_job(j);
	if (j->clip)
		clip_cache_put(&sp.cache, j->key, j->clip, NULL);

	/* done may start a new request, which prepends to the list: the
	 * entries after next are untouched, so this walk stays valid. */
	for (r = sp.reqs; r; r = next) {
		next = r->next;
		if (r->job == j)
			speech_deliver(r, j->clip, j->err);
	}
	speech_job_free(j);
}

static void speech_hit_done(void *msg)
{
	struct speech_req *r = msg;

	if (r->detached) {
		audio_clip_deref(r->clip);
		free(r);
		return;
	}
	speech_deliver(r, r->clip, NULL);
}

/* ---- service ---- */

struct speech_call {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool finished;
	int err;
};

static void speech_init_work(void *arg)
{
	struct speech_call *c = arg;
	int err = tts_engine->init ? tts_engine->init() : 0;

	pthread_mutex_lock(&c->lock);
	c->err = err;
	c->finished = true;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
}

static void speech_close_work(void *arg)
{
	(void)arg;
	if (tts_engine && tts_engine->close && !sp.init_err)
		tts_engine->close();
}

/* The engine must be initialised on the thread that will synthesise (it
 * may keep thread-bound state), so init runs on the worker while the
 * caller waits: a few ms, once, at start-up. */
static int speech_init_engine(void)
{
	struct speech_call c = {.lock = PTHREAD_MUTEX_INITIALIZER,
				.cond = PTHREAD_COND_INITIALIZER};
	int err;

	err = workq_submit(sp.wq, speech_init_work, NULL, &c);
	if (err)
		return err;
	pthread_mutex_lock(&c.lock);
	while (!c.finished)
		pthread_cond_wait(&c.cond, &c.lock);
	pthread_mutex_unlock(&c.lock);
	return c.err;
}

int speech_init(size_t cache_bytes)
{
	int err;

	if (sp.wq)
		return EALREADY;
	if (!tts_engine)
		return ENOSYS;
	err = workq_alloc(&sp.wq, "tts", 1);
	if (err)
		return err;
	clip_cache_init(&sp.cache, cache_bytes);
	sp.jobs = NULL;
	sp.reqs = NULL;
	__atomic_store_n(&sp.closing, 0, __ATOMIC_RELEASE);
	sp.init_err = speech_init_engine();
	if (sp.init_err) {
		log_error("speech", "%s: init failed: %s", tts_engine->name,
			  strerror(sp.init_err));
		err = sp.init_err;
		speech_close();
	}
	return err;
}

void speech_close(void)
{
	struct speech_job *j, *jnext;
	struct speech_req *r, *rnext;

	if (!sp.wq)
		return;
	__atomic_store_n(&sp.closing, 1, __ATOMIC_RELEASE);
	workq_submit(sp.wq, speech_close_work, NULL, NULL);
	workq_free(sp.wq);   /* joins: every job state is now final */
	sp.wq = NULL;

	for (j = sp.jobs; j; j = jnext) {
		jnext = j->next;
		if (__atomic_load_n(&j->state, __ATOMIC_ACQUIRE) == SPEECH_POSTED)
			j->detached = true;
		else
			speech_job_free(j);
	}
	/* Cache hits are always in the mailbox; job waiters never are. */
	for (r = sp.reqs; r; r = rnext) {
		rnext = r->next;
		if (!r->job) {
			r->detached = true;
			continue;
		}
		free(r);
	}
	sp.jobs = NULL;
	sp.reqs = NULL;
	clip_cache_flush(&sp.cache);
}

static struct speech_job *speech_job_find(const char *key)
{
	struct speech_job *j;

	for (j = sp.jobs; j; j = j->next) {
		if (!strcmp(j->key, key))
			return j;
	}
	return NULL;
}

/* Find the in-flight job for key, or start one (with a copy of key). */
static struct speech_job *speech_job_start(char *key, size_t keylen,
					   bool ssml,
					   const struct tts_voice *voice)
{
	struct speech_job *j = speech_job_find(key);

	if (j)
		return j;
	j = calloc(1, sizeof(*j) + keylen + 1);
	if (!j)
		return NULL;
	memcpy(j->key, key, keylen + 1);
	j->text = strchr(strchr(j->key, '\x1f') + 1, '\x1f') + 1;
	j->ssml = ssml;
	if (voice)
		j->voice = *voice;
	if (workq_submit(sp.wq, speech_work, NULL, j)) {
		free(j);
		return NULL;
	}
	j->next = sp.jobs;
	sp.jobs = j;
	return j;
}

uint64_t speech_request(const char *text, bool ssml,
			const struct tts_voice *voice,
			speech_done_h *done, void *arg)
{
	struct speech_req *r = NULL;
	struct audio_clip *clip;
	size_t keylen;
	char *key;

	if (!sp.wq || !text || !done)
		return 0;
	key = speech_key(text, ssml, voice, &keylen);
	if (!key)
		return 0;
	r = calloc(1, sizeof(*r));
	if (!r)
		goto fail;
	r->done = done;
	r->arg = arg;

	/* A hit is still delivered through the mailbox: callers may rely on
	 * done never running inside speech_request. */
	clip = clip_cache_find(&sp.cache, key, NULL);
	if (clip) {
		r->clip = audio_clip_ref(clip);
		if (loop_post(speech_hit_done, r))
			goto fail;
	}
	else {
		r->job = speech_job_start(key, keylen, ssml, voice);
		if (!r->job)
			goto fail;
	}
	free(key);
	r->id = ++sp.next_id;
	r->next = sp.reqs;
	sp.reqs = r;
	return r->id;

 fail:
	if (r)
		audio_clip_deref(r->clip);
	free(r);
	free(key);
	return 0;
}

void speech_cancel(uint64_t req_id)
{
	struct speech_req *r;

	for (r = sp.reqs; r; r = r->next) {
		if (r->id == req_id) {
			r->cancelled = true;
			return;
		}
	}
}
