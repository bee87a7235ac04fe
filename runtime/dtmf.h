/* dtmf.h - DTMF as data: the RFC 4733 telephone-event receiver and sender
 * and the schedule of a digit string (tones, gaps, pauses). Pure functions
 * of packets, timestamps and sample counts: no sockets, no clock, no
 * allocation, so the media engine can run them per packet and per tick. */
#ifndef CF_DTMF_H
#define CF_DTMF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DTMF_UNITS_PER_MS 8u         /* telephone-event clock: 8 kHz */
#define DTMF_TIMEOUT_US   200000u    /* no packet and no end bit (§7) */
#define DTMF_GAP_MS       100u       /* between two tones (§5) */
#define DTMF_PAUSE_MS     500u       /* one ',' (§5) */
#define DTMF_STR_MAX      256u       /* characters of one string to send */
#define DTMF_VOLUME       10u        /* -dBm0 of the events we send (§8) */
#define DTMF_SLOT_UNITS   160u       /* one packet per 20 ms */

/* One key press: 0-9 * # A-D and how long it lasted. */
struct dtmf_digit {
	char digit;
	unsigned duration_ms;
};

/* Event code (RFC 4733 3.2: 0-9, 10 '*', 11 '#', 12-15 A-D) to its
 * character, 0 for anything else; and back, -1 for a non-digit. */
char dtmf_event_char(unsigned event);
int  dtmf_char_event(char c);

/* ---- receive ----
 * One digit per event. An event is a new RTP timestamp; its packets repeat
 * that timestamp with a growing duration. It is reported once: on the end
 * bit, when a new event starts, or when its packets stop for
 * DTMF_TIMEOUT_US. A long press (duration past 0xFFFF) arrives as several
 * segments of one event and gives one digit. Zero the struct to start. */
struct dtmf_recv {
	bool     active;       /* an event is sounding, not reported yet */
	bool     done_valid;   /* done_ts holds the last reported event */
	uint8_t  event;
	uint32_t ts;           /* the current segment's timestamp */
	uint32_t done_ts;
	uint32_t base;         /* units in earlier segments of this event */
	uint16_t dur;          /* longest duration seen in this segment */
	uint64_t last_us;      /* arrival of its latest packet */
};

/* Feed one telephone-event payload that arrived at now_us. Returns how
 * many digits were completed (0..2, written to out). Short payloads and
 * events that are not digits are ignored. */
unsigned dtmf_recv_packet(struct dtmf_recv *r, uint32_t ts, bool marker,
			  const uint8_t *payload, size_t len, uint64_t now_us,
			  struct dtmf_digit out[2]);
/* Report an event whose packets stopped (lost end packets). Returns 0/1. */
unsigned dtmf_recv_poll(struct dtmf_recv *r, uint64_t now_us,
			struct dtmf_digit *out);

/* ---- send ----
 * One event as a packet per 20 ms slot: the same timestamp throughout, a
 * duration growing by one slot, the marker on the first packet, and the
 * final packet three times with the end bit (RFC 4733 2.5.1). Events
 * longer than a 16-bit duration are sent as segments, each starting at
 * the timestamp where the previous one stopped. */
struct dtmf_pkt {
	uint32_t ts;
	bool     marker;
	uint8_t  payload[4];
};

struct dtmf_send {
	bool     active, marker;
	uint8_t  event;
	uint32_t ts;           /* the current segment's timestamp */
	uint32_t left;         /* units after the current segment */
	uint32_t seg;          /* units in the current segment */
	uint32_t dur;          /* units sent so far in this segment */
	unsigned ends;         /* end packets sent */
};

/* Start an event lasting units (8 kHz) at RTP timestamp ts. */
void dtmf_send_start(struct dtmf_send *s, char digit, uint32_t units,
		     uint32_t ts);
/* The packet for the next slot; false once the event is over. */
bool dtmf_send_next(struct dtmf_send *s, struct dtmf_pkt *p);
/* End the event now: the next packets are its end packets. */
void dtmf_send_stop(struct dtmf_send *s);

/* ---- the schedule of a string ----
 * "12,3" becomes: tone 1, gap, tone 2, gap, pause, tone 3. The schedule is
 * in samples; quantum rounds each tone up (160 for RFC 4733, whose events
 * start on packet slots; 1 for in-band tones). */
struct dtmf_seg {
	char     digit;        /* 0: silence (a gap or a pause) */
	uint32_t n;            /* samples */
	bool     first;        /* the first samples of this tone */
};

struct dtmf_seq {
	char     str[DTMF_STR_MAX + 1];
	size_t   next;         /* index of the next character */
	uint32_t tone;         /* samples a tone lasts (before rounding) */
	uint32_t quantum;
	char     cur;          /* the sounding digit, 0 in silence */
	uint32_t left;         /* samples left in the current segment */
	bool     active, first;
};

/* Returns 0, or EINVAL for an empty or too long string, a character
 * outside 0-9 * # A-D ',', or tone_ms 0. */
int  dtmf_seq_start(struct dtmf_seq *q, const char *digits, unsigned tone_ms,
		    uint32_t quantum);
/* Take up to max samples of the schedule: one segment, never crossing a
 * tone/silence boundary. Returns false when the string is over. */
bool dtmf_seq_next(struct dtmf_seq *q, uint32_t max, struct dtmf_seg *seg);
void dtmf_seq_stop(struct dtmf_seq *q);
/* True once nothing is left to take: the last segment has been taken. */
bool dtmf_seq_done(const struct dtmf_seq *q);

#endif
