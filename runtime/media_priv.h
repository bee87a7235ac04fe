/* media_priv.h - media engine internals shared by media.c (legs, RTP, the
 * tick) and mixer.c (rooms, players); unit tests include it to drive the
 * tick by hand. Nothing outside runtime/media*.c, mixer.c and tests. */
#ifndef CF_MEDIA_PRIV_H
#define CF_MEDIA_PRIV_H

#include <sys/socket.h>

#include "dtmf.h"
#include "g711.h"
#include "jbuf.h"
#include "loop.h"
#include "media.h"
#include "rtp.h"

#define MEDIA_TICK_US   (MEDIA_PTIME_MS * 1000u)
#define MEDIA_JB_SLOTS  32u      /* 640 ms of 20 ms packets per leg */
#define MEDIA_DIGITS_PENDING 8u  /* digits found before they are handed on */

struct inband_det;
struct inband_gen;

struct media_tap {
	media_tap_h *h;
	void *arg;
};

struct room {
	struct room *prev, *next;        /* every room in the engine */
	struct media_leg *members;       /* via media_leg.mprev/mnext */
	unsigned nmembers;
	struct player *players;          /* aimed at every member */
	struct media_leg *owner;         /* set for a leg's own room */
	int32_t sum[MEDIA_FRAME];        /* all members' voices, this tick */
	int32_t all[MEDIA_FRAME];        /* room-wide players, this tick */
};

struct media_leg {
	struct media_leg *prev, *next;   /* every leg in the engine */
	struct media_leg *mprev, *mnext; /* members of the same room */
	struct room *room;               /* where it is now */
	struct room own;                 /* where it lives when not bridged */
	struct player *players;          /* aimed at this leg only */

	int fd;
	struct fdw *fdw;
	uint16_t local_port;

	/* what was negotiated (media_leg_start) */
	bool started, send, recv;
	enum g711_law law;
	uint8_t pt;
	bool dtmf;
	uint8_t dtmf_pt;
	struct sockaddr_storage remote;
	socklen_t remote_len;

	/* send side: the timestamp follows the monotonic clock (see send) */
	bool clock_set, sent_any, marker;
	uint64_t t0_us;
	uint32_t ssrc, ts0, ts_last;
	uint16_t seq;
	bool tx_err_logged;

	/* receive side */
	struct rtp_rx rx;
	struct jbuf *jb;
	bool dtmf_seen;
	uint32_t dtmf_ts;
	struct rtp_stats st;

	/* digits received: RFC 4733, or in-band when it was not negotiated;
	 * found in the receive path or the tick, handed to digit_h after */
	media_digit_h *digit_h;
	void *digit_arg;
	struct dtmf_recv ev_rx;
	struct inband_det *det;
	struct dtmf_digit pend[MEDIA_DIGITS_PENDING];
	unsigned npend;

	/* digits sent: a schedule of RFC 4733 events, or in-band tones that
	 * replace what the leg hears while the string lasts */
	bool tx_digits, tx_inband, tx_done_due;
	struct dtmf_seq tx_seq;
	struct dtmf_send tx_ev;
	struct inband_gen *gen;
	player_done_h *tx_done;
	void *tx_arg;

	/* legs with digits or a digit done waiting for the end of the tick */
	struct media_leg *evnext;
	bool evqueued;

	/* recording taps: called each tick once the leg's frame is mixed */
	struct media_tap taps[MEDIA_TAPS];
	unsigned ntaps;

	int16_t in[MEDIA_FRAME];         /* what it said this tick */
};

/* ---- media.c, for the mixer ---- */
/* Fill ml->in with this tick's received frame (silence if not receiving). */
void media_leg_read(struct media_leg *ml);
/* Encode and send what ml hears this tick (nothing if not sending). */
void media_leg_send(struct media_leg *ml, const int16_t *frame,
		    uint64_t now_us);

/* ---- mixer.c, for media.c ---- */
void mixer_room_init_own(struct media_leg *ml);
/* Before a leg dies: stop its players, take it out of its room, send
 * whoever joined its own room home, and unlink its own room. */
void mixer_leg_detach(struct media_leg *ml);
/* One mixing pass over every room; returns frames mixed. Player dones
 * are queued, not called: see mixer_run_dones. */
unsigned mixer_run(uint64_t now_us);
/* Call the dones of players that finished in the last mixer_run. They run
 * after mixing, so a done may start/stop players or free legs and rooms
 * without pulling a list out from under the mixer. */
void mixer_run_dones(void);
void mixer_counts(unsigned *rooms, unsigned *players);
void mixer_close(void);   /* free rooms left over at shutdown */

/* ---- for unit tests ---- */
/* One media tick at now_us, exactly as the loop's 20 ms tick runs it. */
void media_tick_run(uint64_t now_us);
/* Drain ml's socket now, as its fd watch does when it is readable. */
void media_leg_recv(struct media_leg *ml);

#endif
