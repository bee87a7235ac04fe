/* action_stubs.c - do-nothing stand-ins for the runtime around the actions
 * (loop timers, engine, media, prompts, speech, recorder, CDR), so a test
 * of the parameter tables links the action files alone. Every stand-in is
 * weak: a test that needs to observe one defines its own. */
#include <errno.h>
#include <stddef.h>

#include "runtime/action.h"
#include "runtime/audio.h"
#include "runtime/call.h"
#include "runtime/cdr.h"
#include "runtime/media.h"
#include "runtime/record.h"
#include "runtime/tts.h"

#define WEAK __attribute__((weak))

WEAK const struct config *calls_config(void) { return NULL; }
WEAK struct cdr_store *calls_cdr(void) { return NULL; }
WEAK void engine_schedule(struct call *call) { (void)call; }
WEAK void engine_invoke(struct call *call, const char *type, json_t *data)
{
	(void)call; (void)type;
	json_decref(data);
}
WEAK void leg_hangup(struct leg *leg, int code, const char *cause,
		     const char *by, const char *reason)
{
	(void)leg; (void)code; (void)cause; (void)by; (void)reason;
}
WEAK void leg_set_listener(struct leg *leg, struct digit_listener *l)
{
	(void)leg; (void)l;
}

WEAK void tmr_start(struct tmr *t, uint64_t delay_ms, tmr_h *h, void *arg)
{
	(void)t; (void)delay_ms; (void)h; (void)arg;
}
WEAK void tmr_cancel(struct tmr *t) { (void)t; }
WEAK bool tmr_isrunning(const struct tmr *t) { (void)t; return false; }
WEAK void tmr_close(struct tmr *t) { (void)t; }

WEAK int player_start(struct player *p, struct media_leg *to,
		      struct audio_clip *clip, unsigned repeat,
		      player_done_h *done, void *arg)
{
	(void)p; (void)to; (void)clip; (void)repeat; (void)done; (void)arg;
	return ENOSYS;
}
WEAK void player_stop(struct player *p) { (void)p; }
WEAK void audio_clip_deref(struct audio_clip *c) { (void)c; }
WEAK int media_leg_send_digits(struct media_leg *ml, const char *digits,
			       unsigned tone_ms, player_done_h *done, void *arg)
{
	(void)ml; (void)digits; (void)tone_ms; (void)done; (void)arg;
	return ENOSYS;
}
WEAK void media_leg_cancel_digits(struct media_leg *ml) { (void)ml; }

WEAK uint64_t prompt_load(const char *path, prompt_done_h *done, void *arg)
{
	(void)path; (void)done; (void)arg;
	return 0;
}
WEAK void prompt_cancel(uint64_t req_id) { (void)req_id; }
WEAK const struct tts_ops *tts_get(void) { return NULL; }
WEAK uint64_t speech_request(const char *text, bool ssml,
			     const struct tts_voice *voice,
			     speech_done_h *done, void *arg)
{
	(void)text; (void)ssml; (void)voice; (void)done; (void)arg;
	return 0;
}
WEAK void speech_cancel(uint64_t req_id) { (void)req_id; }

WEAK int recorder_start(struct recorder **rp, struct media_leg *ml,
			enum rec_track track, const char *path,
			rec_done_h *done, void *arg)
{
	(void)rp; (void)ml; (void)track; (void)path; (void)done; (void)arg;
	return ENOSYS;
}
WEAK void recorder_on_open(struct recorder *r, rec_open_h *h)
{
	(void)r; (void)h;
}
WEAK void recorder_stop(struct recorder *r) { (void)r; }
WEAK void recorder_pause(struct recorder *r) { (void)r; }
WEAK void recorder_resume(struct recorder *r) { (void)r; }
WEAK bool recorder_paused(const struct recorder *r) { (void)r; return false; }
WEAK unsigned recorder_level(const struct recorder *r) { (void)r; return 0; }
WEAK double recorder_seconds(const struct recorder *r) { (void)r; return 0; }
WEAK void cdr_recording_begin(struct cdr_store *st,
			      const struct cdr_recording *r)
{
	(void)st; (void)r;
}
WEAK void cdr_recording_end(struct cdr_store *st,
			    const struct cdr_recording *r)
{
	(void)st; (void)r;
}
