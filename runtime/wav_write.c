/* wav_write.c - streaming WAV writer with an always-valid header, and the
 * repair of WAV files a crash left open. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wav_write.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "wav_write.c writes native s16 samples: little-endian hosts only"
#endif

#define WAV_RATE_REPAIR 8000u              /* the only rate we record at */
#define WAV_DATA_MAX    (UINT32_MAX - 36u) /* RIFF size must fit 32 bits */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static void hdr_build(uint8_t *h, unsigned channels, uint32_t rate,
		      uint32_t data_bytes)
{
	memcpy(h, "RIFF", 4);
	put32(h + 4, 36u + data_bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	put16(h + 20, 1);                          /* PCM */
	put16(h + 22, (uint16_t)channels);
	put32(h + 24, rate);
	put32(h + 28, rate * 2u * channels);       /* byte rate */
	put16(h + 32, (uint16_t)(2u * channels));  /* block align */
	put16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put32(h + 40, data_bytes);
}

/* pwrite all of buf at off, retrying short writes and EINTR. */
static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	const uint8_t *p = buf;
	ssize_t n;

	while (len) {
		n = pwrite(fd, p, len, off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return 0;
}

int wav_writer_open(struct wav_writer *w, const char *path,
		    unsigned channels, uint32_t rate)
{
	uint8_t h[WAV_HDR_SIZE];
	int err;

	if (!w || !path || (channels != 1 && channels != 2) || !rate)
		return EINVAL;
	memset(w, 0, sizeof(*w));
	w->channels = channels;
	w->rate = rate;
	w->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (w->fd < 0)
		return errno;
	hdr_build(h, channels, rate, 0);
	err = pwrite_all(w->fd, h, sizeof(h), 0);
	if (err) {
		close(w->fd);
		w->fd = -1;
		unlink(path);
	}
	return err;
}

/* A short write leaves data_bytes at what reached the file, so the
 * header patched after an error still matches the audio on disk. */
int wav_writer_append(struct wav_writer *w, const int16_t *pcm, size_t frames)
{
	size_t len = frames * 2u * w->channels;
	const uint8_t *p = (const uint8_t *)pcm;
	ssize_t n;

	if (w->data_bytes + len > WAV_DATA_MAX)
		return EFBIG;
	/* Positioned writes: the file offset never matters, so the header
	 * and the audio cannot step on each other. */
	while (len) {
		n = pwrite(w->fd, p, len, (off_t)(WAV_HDR_SIZE + w->data_bytes));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return EIO;
		p += n;
		len -= (size_t)n;
		w->data_bytes += (uint64_t)n;
	}
	return 0;
}

/* The header is rewritten whole (44 bytes, one syscall) rather than the
 * two size fields apart: the same cost, and a header damaged by anything
 * else is made whole again. A torn sample at the end (a short write) is
 * left out of the sizes. */
int wav_writer_patch(struct wav_writer *w)
{
	uint8_t h[WAV_HDR_SIZE];
	uint32_t block = 2u * w->channels;
	uint32_t data = (uint32_t)(w->data_bytes / block * block);
	int err;

	if (w->fd < 0)
		return EBADF;
	if (data == w->hdr_bytes)
		return 0;
	hdr_build(h, w->channels, w->rate, data);
	err = pwrite_all(w->fd, h, sizeof(h), 0);
	if (!err)
		w->hdr_bytes = data;
	return err;
}

int wav_writer_close(struct wav_writer *w, bool sync)
{
	int err, e;

	if (!w || w->fd < 0)
		return EBADF;
	err = wav_writer_patch(w);
	if (sync && fdatasync(w->fd) && !err)
		err = errno;
	e = close(w->fd) ? errno : 0;
	w->fd = -1;
	return err ? err : e;
}

/* Our recordings only: the canonical header, PCM s16, 8 kHz, 1-2 ch. */
static bool hdr_is_ours(const uint8_t *h, unsigned *channels)
{
	unsigned ch = get16(h + 22);

	if (memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVEfmt ", 8) ||
	    memcmp(h + 36, "data", 4))
		return false;
	if (get32(h + 16) != 16 || get16(h + 20) != 1 || get16(h + 34) != 16)
		return false;
	if ((ch != 1 && ch != 2) || get32(h + 24) != WAV_RATE_REPAIR ||
	    get32(h + 28) != WAV_RATE_REPAIR * 2u * ch ||
	    get16(h + 32) != 2u * ch)
		return false;
	*channels = ch;
	return true;
}

static int repair_fd(int fd, bool *fixed)
{
	uint8_t h[WAV_HDR_SIZE];
	unsigned ch;
	uint64_t data;
	struct stat st;
	ssize_t n;
	int err;

	if (fstat(fd, &st))
		return errno;
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)WAV_HDR_SIZE)
		return EINVAL;
	n = pread(fd, h, sizeof(h), 0);
	if (n < 0)
		return errno;
	if (n != (ssize_t)sizeof(h) || !hdr_is_ours(h, &ch))
		return EINVAL;
	data = ((uint64_t)st.st_size - WAV_HDR_SIZE) / (2u * ch) * (2u * ch);
	if (data > WAV_DATA_MAX)
		data = WAV_DATA_MAX / (2u * ch) * (2u * ch);
	if ((uint64_t)st.st_size != WAV_HDR_SIZE + data) {
		if (ftruncate(fd, (off_t)(WAV_HDR_SIZE + data)))
			return errno;
		*fixed = true;
	}
	if (get32(h + 4) != 36u + data || get32(h + 40) != data) {
		hdr_build(h, ch, WAV_RATE_REPAIR, (uint32_t)data);
		err = pwrite_all(fd, h, sizeof(h), 0);
		if (err)
			return err;
		*fixed = true;
	}
	/* Repairs are rare (start-up after a crash): make them durable. */
	if (*fixed && fdatasync(fd))
		return errno;
	return 0;
}

int wav_repair(const char *path, bool *fixedp)
{
	bool fixed = false;
	struct stat st;
	int fd, err;

	if (!path)
		return EINVAL;
	if (stat(path, &st))
		return errno;
	if (!S_ISREG(st.st_mode))
		return EINVAL;   /* before open: O_RDWR on a directory is EISDIR */
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return errno;
	err = repair_fd(fd, &fixed);
	close(fd);
	if (fixedp)
		*fixedp = fixed;
	return err;
}
