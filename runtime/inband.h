/* inband.h - DTMF as audio: a detector for the tones a caller's phone
 * sends inside the voice, and a generator of tones for what a leg hears.
 * Wraps spandsp's dtmf_rx/dtmf_tx; the only file that includes spandsp.
 * State is allocated once (per leg); feeding and filling never allocate. */
#ifndef CF_INBAND_H
#define CF_INBAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dtmf.h"

struct inband_det;
struct inband_gen;

int  inband_det_alloc(struct inband_det **dp);
void inband_det_free(struct inband_det *d);
/* Forget any tone in progress (a new stream starts). */
void inband_det_reset(struct inband_det *d);
/* Feed n samples of 8 kHz audio. Returns how many key presses ended in
 * them (written to out, at most max): a digit is reported when its tone
 * stops, with the time it sounded. */
unsigned inband_det_feed(struct inband_det *d, const int16_t *pcm, size_t n,
			 struct dtmf_digit *out, unsigned max);

int  inband_gen_alloc(struct inband_gen **gp);
void inband_gen_free(struct inband_gen *g);
/* Schedule digits (0-9 * # A-D, ',' = 500 ms pause), tone_ms per tone,
 * DTMF_GAP_MS between tones. Returns 0 or EINVAL (see dtmf_seq_start). */
int  inband_gen_start(struct inband_gen *g, const char *digits,
		      unsigned tone_ms);
/* Write the next n samples of the schedule to out (silence between and
 * after tones). Returns false if nothing was scheduled any more. */
bool inband_gen_fill(struct inband_gen *g, int16_t *out, size_t n);
/* True once the last tone has been written out. */
bool inband_gen_done(const struct inband_gen *g);
void inband_gen_stop(struct inband_gen *g);

#endif
