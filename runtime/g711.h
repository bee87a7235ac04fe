/* g711.h - ITU-T G.711 mu-law (PCMU) and A-law (PCMA) companding. */
#ifndef CF_G711_H
#define CF_G711_H

#include <stddef.h>
#include <stdint.h>

enum g711_law { G711_ULAW, G711_ALAW };

/* Decoded value of every code word, as the G.191 reference expander
 * gives it, scaled to 16-bit linear PCM. */
extern const int16_t g711_ulaw_table[256];
extern const int16_t g711_alaw_table[256];

/* Encode one 16-bit linear sample. Negative inputs are taken as their
 * one's complement, as G.191 does, so -1 encodes as negative zero. */
uint8_t g711_ulaw_encode(int16_t x);
uint8_t g711_alaw_encode(int16_t x);

static inline int16_t g711_ulaw_decode(uint8_t c) { return g711_ulaw_table[c]; }
static inline int16_t g711_alaw_decode(uint8_t c) { return g711_alaw_table[c]; }

/* Whole buffers: n samples in, n bytes out (and back). */
void g711_encode(enum g711_law law, uint8_t *out, const int16_t *in, size_t n);
void g711_decode(enum g711_law law, int16_t *out, const uint8_t *in, size_t n);

#endif
