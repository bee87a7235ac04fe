/* inband.c - in-band DTMF: spandsp's detector run over a leg's decoded
 * audio, and its tone generator driven by a dtmf_seq schedule. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include "inband.h"

#define SAMPLES_PER_MS 8u

struct inband_det {
	dtmf_rx_state_t *rx;
	uint64_t samples;          /* fed so far */
	uint64_t start;            /* where the sounding digit was confirmed */
	char cur;                  /* the sounding digit, 0 for none */
	/* where tone_report writes during one inband_det_feed */
	struct dtmf_digit *out;
	unsigned n, max;
};

struct inband_gen {
	dtmf_tx_state_t *tx;
	struct dtmf_seq seq;
	unsigned tone_ms;
};

/* ---- detector ---- */

/* spandsp buffers digits for dtmf_rx_get unless a callback takes them;
 * we only use the real-time reports, which also give us the duration. */
static void det_digits(void *arg, const char *digits, int len)
{
	(void)arg;
	(void)digits;
	(void)len;
}

/* A confirmed change of state: code is the new digit, or 0 when the tone
 * stopped. Either way the previous digit (if any) is over. Positions are
 * those of the block being fed, so durations are within one frame. */
static void det_tone(void *arg, int code, int level, int delay)
{
	struct inband_det *d = arg;

	(void)level;
	(void)delay;
	if (d->cur && d->n < d->max) {
		d->out[d->n].digit = d->cur;
		d->out[d->n].duration_ms =
			(unsigned)((d->samples - d->start) / SAMPLES_PER_MS);
		d->n++;
	}
	d->cur = code > 0 && dtmf_char_event((char)code) >= 0 ? (char)code : 0;
	d->start = d->samples;
}

static void det_init(struct inband_det *d)
{
	/* Default thresholds: spandsp's pass the Q.24 twist, frequency
	 * deviation and talk-off tests (see tests/unit/test_inband.c). */
	dtmf_rx_init(d->rx, det_digits, d);
	dtmf_rx_set_realtime_callback(d->rx, det_tone, d);
	d->samples = d->start = 0;
	d->cur = 0;
}

int inband_det_alloc(struct inband_det **dp)
{
	struct inband_det *d;

	if (!dp)
		return EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return ENOMEM;
	d->rx = dtmf_rx_init(NULL, det_digits, d);
	if (!d->rx) {
		free(d);
		return ENOMEM;
	}
	det_init(d);
	*dp = d;
	return 0;
}

void inband_det_free(struct inband_det *d)
{
	if (!d)
		return;
	dtmf_rx_free(d->rx);
	free(d);
}

void inband_det_reset(struct inband_det *d)
{
	if (d)
		det_init(d);
}

unsigned inband_det_feed(struct inband_det *d, const int16_t *pcm, size_t n,
			 struct dtmf_digit *out, unsigned max)
{
	d->out = out;
	d->n = 0;
	d->max = max;
	dtmf_rx(d->rx, pcm, (int)n);
	d->samples += n;
	d->out = NULL;
	return d->n;
}

/* ---- generator ---- */

int inband_gen_alloc(struct inband_gen **gp)
{
	struct inband_gen *g;

	if (!gp)
		return EINVAL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return ENOMEM;
	g->tx = dtmf_tx_init(NULL);
	if (!g->tx) {
		free(g);
		return ENOMEM;
	}
	*gp = g;
	return 0;
}

void inband_gen_free(struct inband_gen *g)
{
	if (!g)
		return;
	dtmf_tx_free(g->tx);
	free(g);
}

int inband_gen_start(struct inband_gen *g, const char *digits,
		     unsigned tone_ms)
{
	int err;

	err = dtmf_seq_start(&g->seq, digits, tone_ms, 1);
	if (err)
		return err;
	g->tone_ms = tone_ms;
	/* The schedule times the gaps itself: spandsp plays one digit at a
	 * time, tone_ms long, with no silence of its own. */
	dtmf_tx_init(g->tx);
	dtmf_tx_set_timing(g->tx, (int)tone_ms, 0);
	return 0;
}

/* One segment: the tone (started on its first samples) or silence. */
static void gen_segment(struct inband_gen *g, const struct dtmf_seg *seg,
			int16_t *out)
{
	int got = 0;

	if (seg->digit) {
		if (seg->first)
			dtmf_tx_put(g->tx, &seg->digit, 1);
		got = dtmf_tx(g->tx, out, (int)seg->n);
		if (got < 0)
			got = 0;
	}
	if ((uint32_t)got < seg->n)
		memset(out + got, 0, (seg->n - (uint32_t)got) * sizeof(*out));
}

bool inband_gen_fill(struct inband_gen *g, int16_t *out, size_t n)
{
	struct dtmf_seg seg;
	size_t i = 0;

	if (dtmf_seq_done(&g->seq))
		return false;
	while (i < n && dtmf_seq_next(&g->seq, (uint32_t)(n - i), &seg)) {
		gen_segment(g, &seg, out + i);
		i += seg.n;
	}
	if (i < n)
		memset(out + i, 0, (n - i) * sizeof(*out));
	return true;
}

bool inband_gen_done(const struct inband_gen *g)
{
	return dtmf_seq_done(&g->seq);
}

void inband_gen_stop(struct inband_gen *g)
{
	if (g)
		dtmf_seq_stop(&g->seq);
}
