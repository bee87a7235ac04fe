/* media.h - the real-time media engine: RTP legs, mixing rooms and players.
 *
 * One shared, drift-free 20 ms tick (loop_tick_start) drives everything:
 * on each tick every room pulls one frame from each member's jitter buffer
 * and from each active player, mixes, and each member is sent what it
 * should hear (everything in its room except its own voice, plus players
 * aimed at it or at the whole room). Every leg is in a room from the start;
 * a bridge or a meeting is a room with more members.
 *
 * All functions run on the loop thread. Nothing here allocates per packet
 * or per tick, blocks, or waits for another thread. */
#ifndef CF_MEDIA_H
#define CF_MEDIA_H

#include <stdbool.h>
#include <stdint.h>

#include "audio.h"
#include "sdp.h"

struct media_leg;
struct room;

/* Completion callback of players and digit senders (loop thread). */
typedef void (player_done_h)(void *arg);

struct media_config {
	char     rtp_addr[64];      /* local address to bind and advertise */
	uint16_t port_min, port_max;/* even ports from this range */
	unsigned jitter_ms;         /* initial jitter buffer delay (default 20) */
	/* The simulator: legs bind no socket and send nothing (the SDP
	 * still shows a port from the range); rooms, players, taps and
	 * digit senders run on the tick as usual; legs hear silence. */
	bool     offline;
};

struct rtp_stats {
	uint64_t rx_packets, tx_packets;
	uint64_t rx_bytes, tx_bytes;
	uint64_t rx_lost;          /* from sequence gaps (RFC 3550 A.3) */
	uint64_t rx_late;          /* dropped by the jitter buffer as too late */
	uint64_t rx_foreign;       /* dropped: not from the SDP's address */
	double   rx_jitter_ms;     /* interarrival jitter, RFC 3550 A.8 */
	uint64_t dtmf_events;
};

int  media_init(const struct media_config *cfg);   /* starts the tick */
void media_close(void);

/* Bind an RTP socket for a new leg. Returns 0 or errno (EADDRINUSE when the
 * port range is exhausted). The leg starts in a room of its own. */
int  media_leg_alloc(struct media_leg **mlp);
void media_leg_free(struct media_leg *ml);    /* leaves its room, closes */
uint16_t media_leg_local_port(const struct media_leg *ml);
const char *media_leg_local_addr(const struct media_leg *ml);

/* Apply a negotiated SDP (codec, remote address, DTMF PT) and start
 * sending and receiving on the next tick. */
int  media_leg_start(struct media_leg *ml, const struct sdp_neg *neg);
void media_leg_stop(struct media_leg *ml);   /* stop sending/receiving */
void media_leg_stats(const struct media_leg *ml, struct rtp_stats *st);
struct room *media_leg_room(const struct media_leg *ml);

/* ---- DTMF ----
 * Digits the leg's caller presses arrive through h on the loop thread,
 * once per key press, whatever the transport: RFC 4733 telephone-event
 * when it was negotiated (end bit, repeated end packets and retransmits
 * give one digit), otherwise in-band tones found by a detector in the
 * decoded audio. digit is one of 0-9 * # A-D. h may be called from the
 * receive path or the tick; it must not free the leg (defer that). */
typedef void (media_digit_h)(char digit, unsigned duration_ms, void *arg);
void media_leg_set_digit_handler(struct media_leg *ml, media_digit_h *h,
				 void *arg);

/* Send digits (0-9 * # A-D; ',' is a 500 ms pause) to the leg, each lasting
 * tone_ms, with a gap between tones: as RFC 4733 events when telephone-event
 * was negotiated, else as in-band tones mixed into what the leg hears.
 * done(arg) runs on the loop thread after the last digit (never after
 * media_leg_cancel_digits). Returns 0, EBUSY while a previous string is
 * still being sent, or EINVAL for a character outside the alphabet. */
int  media_leg_send_digits(struct media_leg *ml, const char *digits,
			   unsigned tone_ms, player_done_h *done, void *arg);
void media_leg_cancel_digits(struct media_leg *ml);

/* ---- recording taps ----
 * Every tick, once the leg's frame is mixed, h(in, out, arg) gets the
 * leg's decoded incoming frame (silence when nothing arrived) and the
 * frame it is being sent (MEDIA_FRAME samples each). It runs inside the
 * tick: it may only copy, never block, allocate or call back into the
 * engine. A leg has at most MEDIA_TAPS taps; media_leg_free drops them
 * (stop recorders before freeing the leg). */
#define MEDIA_TAPS 2
typedef void (media_tap_h)(const int16_t *in, const int16_t *out, void *arg);
int  media_leg_add_tap(struct media_leg *ml, media_tap_h *h, void *arg);  /* ENOSPC when full */
void media_leg_remove_tap(struct media_leg *ml, media_tap_h *h, void *arg);

/* Rooms: media_room_join moves a leg into another room (bridging). */
int  media_room_alloc(struct room **rp);
void media_room_free(struct room *r);        /* members go back to own rooms */
int  media_room_join(struct room *r, struct media_leg *ml);
unsigned media_room_members(const struct room *r);

/* Players: play a clip to one leg (to != NULL; the player follows the
 * leg between rooms) or to every member of a room (to == NULL, with
 * p->room set by the owner before the call). The struct is embedded in its
 * owner (an action), so starting a player allocates nothing. repeat 0
 * loops until player_stop(). done(arg) runs on the loop thread, after the
 * mixing pass, once the last frame was mixed; never after player_stop(),
 * or when the leg or room goes away first. done must not free the player;
 * defer that (tmr_defer). */

struct player {
	/* private */
	struct player *next;
	struct room *room;
	struct media_leg *to;
	struct audio_clip *clip;
	size_t pos;
	unsigned repeat_left;
	player_done_h *done;
	void *arg;
	bool active;
};

int  player_start(struct player *p, struct media_leg *to,
		  struct audio_clip *clip, unsigned repeat,
		  player_done_h *done, void *arg);   /* takes a clip ref */
void player_stop(struct player *p);                /* drops the clip ref */
bool player_active(const struct player *p);

/* Engine-wide counters for benchmarks and logs. */
struct media_stats {
	unsigned legs, rooms, players;
	uint64_t frames_mixed;
	uint64_t tick_cpu_us_total;   /* time spent inside the tick */
};
void media_stats(struct media_stats *st);

#endif
