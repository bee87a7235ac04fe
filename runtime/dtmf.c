/* dtmf.c - RFC 4733 telephone-event receive and send state machines and
 * the tone/gap/pause schedule of a digit string. */
#include <errno.h>
#include <string.h>

#include "dtmf.h"

#define END_PACKETS  3u
/* Segments end on the packet grid, so the next one starts on a slot. */
#define SEG_MAX      ((0xFFFFu / DTMF_SLOT_UNITS) * DTMF_SLOT_UNITS)
/* A segment that reached at least this long may be followed by another
 * segment of the same press (RFC 4733 2.5.1.3). */
#define TIMEOUT_UNITS (DTMF_TIMEOUT_US / 125u)   /* 125 us per unit */
#define SEG_LONG     (0xFFFFu - 2u * TIMEOUT_UNITS)
#define SAMPLES_PER_MS 8u

static const char events[] = "0123456789*#ABCD";

char dtmf_event_char(unsigned event)
{
	return event < 16 ? events[event] : 0;
}

int dtmf_char_event(char c)
{
	const char *p;

	if (!c)
		return -1;
	p = strchr(events, c);
	return p ? (int)(p - events) : -1;
}

/* ---- receive ---- */

static unsigned recv_report(struct dtmf_recv *r, struct dtmf_digit *out)
{
	out->digit = dtmf_event_char(r->event);
	out->duration_ms = (unsigned)((r->base + r->dur) / DTMF_UNITS_PER_MS);
	r->active = false;
	r->done_valid = true;
	r->done_ts = r->ts;
	return 1;
}

/* The next segment of a long press: same event, no marker, and it starts
 * where the previous, nearly full segment stopped (a few of its last
 * packets may have been lost). Two presses of one key never match: a
 * press is not 8 s long. */
static bool recv_continues(const struct dtmf_recv *r, uint32_t ts,
			   bool marker, uint8_t event)
{
	uint32_t d = ts - r->ts;

	return !marker && event == r->event && r->dur >= SEG_LONG &&
	       d >= r->dur && d <= (uint32_t)r->dur + TIMEOUT_UNITS;
}

unsigned dtmf_recv_packet(struct dtmf_recv *r, uint32_t ts, bool marker,
			  const uint8_t *payload, size_t len, uint64_t now_us,
			  struct dtmf_digit out[2])
{
	uint8_t event;
	uint16_t dur;
	bool end;
	unsigned n = 0;

	if (len < 4 || !dtmf_event_char(payload[0]))
		return 0;
	event = payload[0];
	end = payload[1] & 0x80;
	dur = (uint16_t)(payload[2] << 8 | payload[3]);
	/* Retransmitted end packets of an event already reported. */
	if (r->done_valid && ts == r->done_ts)
		return 0;
	if (r->active && ts != r->ts) {
		if (recv_continues(r, ts, marker, event)) {
			r->base += ts - r->ts;
			r->ts = ts;
			r->dur = 0;
		} else if ((int32_t)(ts - r->ts) < 0) {
			return 0;          /* a late packet of an older event */
		} else {
			n += recv_report(r, &out[n]);   /* its end was lost */
		}
	}
	if (!r->active) {
		if (r->done_valid && (int32_t)(ts - r->done_ts) < 0)
			return n;
		r->active = true;
		r->event = event;
		r->ts = ts;
		r->base = 0;
		r->dur = 0;
	}
	if (dur > r->dur)
		r->dur = dur;
	r->last_us = now_us;
	if (end)
		n += recv_report(r, &out[n]);
	return n;
}

unsigned dtmf_recv_poll(struct dtmf_recv *r, uint64_t now_us,
			struct dtmf_digit *out)
{
	if (!r->active || now_us - r->last_us < DTMF_TIMEOUT_US)
		return 0;
	return recv_report(r, out);
}

/* ---- send ---- */

void dtmf_send_start(struct dtmf_send *s, char digit, uint32_t units,
		     uint32_t ts)
{
	int ev = dtmf_char_event(digit);

	memset(s, 0, sizeof(*s));
	if (ev < 0 || !units)
		return;
	s->active = true;
	s->marker = true;
	s->event = (uint8_t)ev;
	s->ts = ts;
	s->seg = units < SEG_MAX ? units : SEG_MAX;
	s->left = units - s->seg;
}

bool dtmf_send_next(struct dtmf_send *s, struct dtmf_pkt *p)
{
	bool last;

	if (!s->active)
		return false;
	if (s->dur < s->seg)
		s->dur = s->dur + DTMF_SLOT_UNITS < s->seg ?
			 s->dur + DTMF_SLOT_UNITS : s->seg;
	last = s->dur == s->seg && !s->left;
	p->ts = s->ts;
	p->marker = s->marker;
	p->payload[0] = s->event;
	p->payload[1] = (uint8_t)((last ? 0x80 : 0) | DTMF_VOLUME);
	p->payload[2] = (uint8_t)(s->dur >> 8);
	p->payload[3] = (uint8_t)s->dur;
	s->marker = false;
	if (last) {
		if (++s->ends == END_PACKETS)
			s->active = false;
	} else if (s->dur == s->seg) {
		/* The next segment starts where this one stopped. */
		s->ts += s->seg;
		s->seg = s->left < SEG_MAX ? s->left : SEG_MAX;
		s->left -= s->seg;
		s->dur = 0;
	}
	return true;
}

void dtmf_send_stop(struct dtmf_send *s)
{
	if (!s->active || s->ends)
		return;
	if (!s->dur) {
		s->active = false;       /* nothing of it was sent */
		return;
	}
	s->seg = s->dur;
	s->left = 0;
}

/* ---- the schedule of a string ---- */

int dtmf_seq_start(struct dtmf_seq *q, const char *digits, unsigned tone_ms,
		   uint32_t quantum)
{
	size_t i, len;

	if (!digits || !tone_ms || !quantum)
		return EINVAL;
	len = strlen(digits);
	if (!len || len > DTMF_STR_MAX)
		return EINVAL;
	for (i = 0; i < len; i++) {
		if (digits[i] != ',' && dtmf_char_event(digits[i]) < 0)
			return EINVAL;
	}
	memset(q, 0, sizeof(*q));
	memcpy(q->str, digits, len + 1);
	q->tone = tone_ms * SAMPLES_PER_MS;
	q->quantum = quantum;
	q->active = true;
	return 0;
}

/* Move to the next segment once the current one is used up: a gap after
 * a tone that is not the last character, then the next character. */
static bool seq_advance(struct dtmf_seq *q)
{
	char c;

	while (!q->left) {
		if (q->cur) {
			q->cur = 0;
			if (q->str[q->next]) {
				q->left = DTMF_GAP_MS * SAMPLES_PER_MS;
				break;
			}
		}
		c = q->str[q->next];
		if (!c)
			return false;
		q->next++;
		if (c == ',') {
			q->left = DTMF_PAUSE_MS * SAMPLES_PER_MS;
		} else {
			q->cur = c;
			q->left = (q->tone + q->quantum - 1) / q->quantum *
				  q->quantum;
			q->first = true;
		}
	}
	return true;
}

bool dtmf_seq_next(struct dtmf_seq *q, uint32_t max, struct dtmf_seg *seg)
{
	if (!q->active || !max)
		return false;
	if (!seq_advance(q)) {
		q->active = false;
		return false;
	}
	seg->digit = q->cur;
	seg->n = q->left < max ? q->left : max;
	seg->first = q->first;
	q->first = false;
	q->left -= seg->n;
	return true;
}

void dtmf_seq_stop(struct dtmf_seq *q)
{
	q->active = false;
	q->left = 0;
	q->cur = 0;
}

bool dtmf_seq_done(const struct dtmf_seq *q)
{
	return !q->active || (!q->left && !q->str[q->next]);
}
