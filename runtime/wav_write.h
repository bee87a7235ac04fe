/* wav_write.h - a streaming 16-bit PCM WAV writer whose header stays valid
 * while it grows (the sizes are patched in place), and the repair of a file
 * that a crash left with stale sizes. Blocking I/O: the recorder's writer
 * thread and start-up code only, never the loop. */
#ifndef CF_WAV_WRITE_H
#define CF_WAV_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WAV_HDR_SIZE 44u   /* RIFF + "fmt " (16) + "data": the canonical form */

struct wav_writer {
	int fd;
	unsigned channels;
	uint32_t rate;
	uint64_t data_bytes;   /* PCM bytes appended so far */
	uint64_t hdr_bytes;    /* data size the header on disk says */
};

/* Create path (O_EXCL: EEXIST rather than overwrite an earlier recording)
 * and write a header with zero sizes. channels is 1 or 2. Returns 0 or
 * errno; on error nothing is left open. */
int  wav_writer_open(struct wav_writer *w, const char *path,
		     unsigned channels, uint32_t rate);
/* Append frames sample frames of interleaved native s16 (little-endian
 * hosts only). Returns 0, errno from write(), or EFBIG past the 4 GiB
 * limit of WAV sizes. */
int  wav_writer_append(struct wav_writer *w, const int16_t *pcm,
		       size_t frames);
/* Rewrite the header so its sizes cover everything appended (one pwrite
 * of the header, into the page cache). */
int  wav_writer_patch(struct wav_writer *w);
/* Patch, fdatasync when sync, close. The fd is closed even on error. */
int  wav_writer_close(struct wav_writer *w, bool sync);

/* Fix the sizes of a canonical 44-byte-header WAV (PCM s16, 8 kHz, mono or
 * stereo) from the file's real size, truncating a torn last frame.
 * *fixedp (may be NULL) says whether anything was changed. Returns 0, an
 * errno from open/read/write, or EINVAL when it is not such a file. */
int  wav_repair(const char *path, bool *fixedp);

#endif
