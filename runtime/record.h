/* record.h - recording a leg's audio to WAV, without ever losing what was
 * heard (actions-1.md §1, actions-2.md §1).
 *
 * A recorder taps one leg: INCOMING is what the far party sends us,
 * OUTGOING what it hears from us (prompts, the other side of a bridge),
 * BOTH a stereo file with incoming on the left and outgoing on the right.
 * The media tick copies each 20 ms frame into the recorder's preallocated
 * ring (no allocation, no I/O on the media path); one writer thread drains
 * every ring into its file in bounded chunks and rewrites the WAV header's
 * sizes at least once a second, so a file killed mid-call (kill -9) is a
 * valid WAV holding everything up to the last second. rec_repair() fixes
 * the header of any file a crash left open.
 *
 * All functions run on the loop thread unless said otherwise. */
#ifndef CF_RECORD_H
#define CF_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct media_leg;
struct recorder;

enum rec_track {
	REC_INCOMING = 1,
	REC_OUTGOING = 2,
	REC_BOTH     = 3,
};

enum rec_status {
	REC_OK,          /* stopped and closed: the file is complete */
	REC_FAILED,      /* could not create or write the file (err, reason) */
};

struct rec_result {
	enum rec_status status;
	int err;                 /* errno when failed (ENOSPC, EACCES, ...) */
	char reason[160];
	const char *path;        /* valid during the callback */
	uint64_t frames;         /* 8 kHz sample frames written */
	uint64_t bytes;          /* file size */
};

/* Runs once on the loop thread when the file is closed (after
 * recorder_stop or rec_close), or when writing failed; the recorder is
 * freed right after it returns. Nothing notices a leg going away: stop its
 * recorders before freeing it (the tap would point at freed memory). */
typedef void (rec_done_h)(const struct rec_result *res, void *arg);

int  rec_init(void);        /* starts the writer thread */
void rec_close(void);       /* stops every recorder, flushes, joins */

/* Start recording leg ml into path (its directories are created). The
 * file is created by the writer; failure to create or write it is reported
 * through done with REC_FAILED, and the call goes on. Returns 0, or ENOMEM
 * / EINVAL at once. *rp stays valid until done has run. */
int  recorder_start(struct recorder **rp, struct media_leg *ml,
		    enum rec_track track, const char *path,
		    rec_done_h *done, void *arg);
/* h(arg) runs once on the loop thread when the writer has created the
 * file, before done; never when creation failed. Set it right after
 * recorder_start (the notice is posted, never run inside it). */
typedef void (rec_open_h)(void *arg);
void recorder_on_open(struct recorder *r, rec_open_h *h);
/* While paused the file gets silence, so its length still matches the
 * call; a short tone marks the pause and the resume (§1). */
void recorder_pause(struct recorder *r);
void recorder_resume(struct recorder *r);
bool recorder_paused(const struct recorder *r);
/* Stop: the rest is written, the header fixed, then done runs. */
void recorder_stop(struct recorder *r);
/* Mean absolute level (16-bit linear units) of the INCOMING audio over the
 * last 100 ms, for silence detection. */
unsigned recorder_level(const struct recorder *r);
/* Seconds of audio captured so far (including paused spans). */
double recorder_seconds(const struct recorder *r);

/* Fix the RIFF and data sizes of a WAV file left open by a crash from its
 * real size (any thread). Returns 0, or errno; EINVAL when it is not one of
 * our recordings. */
int  rec_repair(const char *path);

#endif
