/* phone.h - test helpers for the media engine: a "phone" is a plain UDP
 * socket on 127.0.0.1 that sends G.711 frames to a leg and reads back what
 * the engine sends; ticks are driven by hand. Shared by the media tests. */
#ifndef CF_TEST_PHONE_H
#define CF_TEST_PHONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/g711.h"
#include "runtime/media_priv.h"
#include "runtime/rtp.h"

#define T0_US 1000000000ull
#define DTMF_PT 101

#include "tests/unit/alloc_count.h"

/* A remote phone: a UDP socket that sends G.711 frames and reads back
 * what the engine sends it. */
struct phone {
	int fd;
	uint16_t port;
	enum g711_law law;
	uint16_t seq;
	uint32_t ts;
};

struct heard {
	struct rtp_hdr h;
	int16_t pcm[MEDIA_FRAME];
	size_t n;
};

void phone_open(struct phone *ph, enum g711_law law);
void phone_send_raw(struct phone *ph, const struct media_leg *ml,
		    const uint8_t *buf, size_t len);
/* Send one 20 ms frame of audio / of a constant value ("voice"). */
void phone_say_pcm(struct phone *ph, const struct media_leg *ml,
		   const int16_t *pcm);
void phone_say(struct phone *ph, const struct media_leg *ml, int16_t v);
/* The next packet the engine sent: audio decoded into hd, an RFC 4733
 * event's payload into ev (may be NULL). */
void phone_recv(struct phone *ph, struct heard *hd, uint8_t ev[4]);
void phone_hear(struct phone *ph, struct heard *hd);
bool phone_idle(struct phone *ph);
/* What a phone hears when v crosses the engine through law `from`. */
int16_t via(enum g711_law from, int16_t v);
void assert_frame(const struct heard *hd, enum g711_law law, int32_t v);
void neg_for(const struct phone *ph, struct sdp_neg *neg);
struct media_leg *leg_for(struct phone *ph);
struct audio_clip *clip_const(size_t n, int16_t v);

extern unsigned dones;
void on_done(void *arg);

int setup(void **state);
int teardown(void **state);
/* One tick: phones talk (v = 0: silent, no packet), the engine drains its
 * sockets and mixes. */
void tick(uint64_t *now, struct phone *pa, struct media_leg *a,
	  int16_t va, struct phone *pb, struct media_leg *b, int16_t vb);

#endif
