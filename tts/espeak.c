/* espeak.c - the espeak-ng TTS module: synchronous synthesis on the
 * runtime's single TTS worker, PCM streamed to the caller's sink. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/espeak_ng.h>

#include "runtime/log.h"
#include "tts/espeak.h"

#define ESPEAK_DEFAULT_VOICE "en-us+f3"

struct espeak_run {
	tts_sink_h *sink;
	void *arg;
	size_t n;        /* samples delivered */
	int err;         /* the sink's abort code */
};

/* espeak-ng is a process-wide singleton (platform.md §4): everything here
 * runs on the runtime's one TTS worker thread, so no lock is needed. */
static int espeak_cb(short *wav, int numsamples, espeak_EVENT *ev)
{
	struct espeak_run *run = ev ? ev->user_data : NULL;

	if (!run || !wav || numsamples <= 0)
		return 0;
	if (!run->err)
		run->err = run->sink(wav, (size_t)numsamples, run->arg);
	if (run->err)
		return 1;    /* abort synthesis */
	run->n += (size_t)numsamples;
	return 0;
}

static int espeak_status_err(espeak_ng_STATUS st)
{
	char msg[128];

	if (st == ENS_OK)
		return 0;
	espeak_ng_GetStatusCodeMessage(st, msg, sizeof(msg));
	log_warn("espeak", "%s", msg);
	/* Codes 0-255 are errno values; the rest are espeak's own. */
	if (((unsigned)st & ENS_GROUP_MASK) == ENS_GROUP_ERRNO)
		return (int)st;
	return st == ENS_VOICE_NOT_FOUND ? ENOENT : EIO;
}

/* espeak-ng 1.51 cannot be restarted: after espeak_ng_Terminate a second
 * Initialize works, but the second Terminate never returns (verified).
 * So the engine is initialised once per process and never terminated;
 * the OS reclaims it at exit. */
static bool espeak_ready;

static int espeak_init(void)
{
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	espeak_ng_STATUS st;

	if (espeak_ready)
		return 0;
	espeak_ng_InitializePath(NULL);
	st = espeak_ng_Initialize(&ctx);
	espeak_ng_ClearErrorContext(&ctx);
	if (st != ENS_OK)
		return espeak_status_err(st);
	st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
	if (st != ENS_OK)
		return espeak_status_err(st);
	espeak_SetSynthCallback(espeak_cb);
	espeak_ready = true;
	log_info("espeak", "espeak-ng ready, %d Hz", espeak_ng_GetSampleRate());
	return 0;
}

static void espeak_close(void)
{
	/* Deliberately not espeak_ng_Terminate(): see espeak_ready. */
}

static int espeak_say(const char *text, bool ssml, struct espeak_run *run)
{
	unsigned flags = espeakCHARS_UTF8 | (ssml ? espeakSSML : 0);
	espeak_ng_STATUS st;

	st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
				  flags, NULL, run);
	if (run->err)
		return run->err;
	return espeak_status_err(st);
}

static size_t espeak_entity(const char *p, char *out)
{
	static const struct { const char *name; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
		{"&quot;", '"'}, {"&apos;", '\''},
	};
	size_t i, len;

	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		len = strlen(ents[i].name);
		if (!strncmp(p, ents[i].name, len)) {
			*out = ents[i].c;
			return len;
		}
	}
	*out = *p;
	return 1;
}

/* SSML to plain text: tags become spaces (so words on either side stay
 * apart) and the five XML entities are decoded. */
static char *espeak_strip_tags(const char *ssml)
{
	char *plain = malloc(strlen(ssml) + 1), *o = plain;
	const char *p = ssml;

	if (!plain)
		return NULL;
	while (*p) {
		if (*p == '<') {
			p = strchr(p, '>');
			if (!p)
				break;
			p++;
			*o++ = ' ';
			continue;
		}
		p += espeak_entity(p, o++);
	}
	*o = '\0';
	return plain;
}

/* SSML output is held back until it is known to be audible. */
struct espeak_buf {
	int16_t *pcm;
	size_t n, size;
};

static int espeak_buf_sink(const int16_t *pcm, size_t n, void *arg)
{
	struct espeak_buf *b = arg;
	int16_t *p;

	if (b->n + n > b->size) {
		b->size = (b->n + n) * 2;
		p = realloc(b->pcm, b->size * sizeof(*p));
		if (!p)
			return ENOMEM;
		b->pcm = p;
	}
	memcpy(b->pcm + b->n, pcm, n * sizeof(*pcm));
	b->n += n;
	return 0;
}

/* espeak-ng pads with exact zeros; speech peaks far above -42 dBFS. */
static bool espeak_buf_audible(const struct espeak_buf *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->pcm[i] > 256 || b->pcm[i] < -256)
			return true;
	}
	return false;
}

static int espeak_render(const char *text, bool ssml, struct espeak_buf *b)
{
	struct espeak_run run = {.sink = espeak_buf_sink, .arg = b};
	int err;

	b->n = 0;
	err = espeak_say(text, ssml, &run);
	if (!err && !espeak_buf_audible(b))
		err = ENODATA;
	return err;
}

/* SSML must never turn into silence: if espeak-ng fails on the markup or
 * renders nothing audible (tags it does not know, a document it cannot
 * parse), the text is spoken again with its tags stripped. */
static int espeak_synth_ssml(const char *text, tts_sink_h *sink, void *arg)
{
	struct espeak_buf b = {0};
	char *plain;
	int err;

	err = espeak_render(text, true, &b);
	if (err && err != ENOMEM) {
		log_debug("espeak", "SSML gave no audible speech (%s), "
			  "speaking plain text", strerror(err));
		plain = espeak_strip_tags(text);
		err = plain ? espeak_render(plain, false, &b) : ENOMEM;
		free(plain);
	}
	if (!err)
		err = sink(b.pcm, b.n, arg);
	free(b.pcm);
	return err;
}

static int espeak_synth(const char *text, bool ssml,
			const struct tts_voice *voice, uint32_t *ratep,
			tts_sink_h *sink, void *arg)
{
	struct espeak_run run = {.sink = sink, .arg = arg};
	const char *name = voice && voice->engine_voice[0] ?
			   voice->engine_voice : ESPEAK_DEFAULT_VOICE;
	int err;

	err = espeak_status_err(espeak_ng_SetVoiceByName(name));
	if (err)
		return err;
	*ratep = (uint32_t)espeak_ng_GetSampleRate();
	if (ssml)
		return espeak_synth_ssml(text, sink, arg);

	err = espeak_say(text, false, &run);
	return !err && !run.n ? ENODATA : err;
}

const struct tts_ops espeak_tts_ops = {
	.name         = "espeak-ng",
	.init         = espeak_init,
	.close        = espeak_close,
	.voice_lookup = espeak_voice_lookup,
	.synth        = espeak_synth,
};
