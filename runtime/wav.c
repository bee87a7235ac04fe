/* wav.c - RIFF/WAVE reader (PCM, float, A-law, mu-law; any rate and channel
 * count, converted to a mono MEDIA_RATE clip) and a 16-bit mono writer. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio.h"
#include "g711.h"

#define WAV_MAX_SECONDS 3600u

#define WAV_TAG_PCM        1
#define WAV_TAG_FLOAT      3
#define WAV_TAG_ALAW       6
#define WAV_TAG_MULAW      7
#define WAV_TAG_EXTENSIBLE 0xfffe
#define WAV_MAX_CHANNELS   32

struct wav_fmt {
	uint16_t tag;        /* effective tag (EXTENSIBLE resolved) */
	uint16_t channels;
	uint32_t rate;
	uint16_t bits;       /* container bits per sample */
	uint16_t width;      /* container bytes per sample */
};

static int wav_fail(char *err, size_t errsz, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int wav_fail(char *err, size_t errsz, int code, const char *fmt, ...)
{
	va_list ap;

	if (err && errsz) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return code;
}

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Whole-file read: prompts are small (max_bytes bounds them; 0 means no
 * bound) and parsing a buffer is simpler and safer than seeking around. */
static int wav_read_file(const char *path, size_t max_bytes, uint8_t **bufp,
			 size_t *lenp, char *err, size_t errsz)
{
	struct stat st;
	uint8_t *buf = NULL;
	size_t len = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return wav_fail(err, errsz, errno, "cannot open %s: %s", path,
				strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		rc = wav_fail(err, errsz, EINVAL, "%s is not a regular file",
			      path);
		goto out;
	}
	if (max_bytes && (uint64_t)st.st_size > max_bytes) {
		rc = wav_fail(err, errsz, EFBIG, "%s is %lld bytes, over the "
			      "%zu byte limit", path, (long long)st.st_size,
			      max_bytes);
		goto out;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		rc = wav_fail(err, errsz, ENOMEM, "out of memory");
		goto out;
	}
	while (len < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + len, (size_t)st.st_size - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = wav_fail(err, errsz, EIO, "read %s: %s", path,
				      strerror(errno));
			goto out;
		}
		if (r == 0)
			break;     /* shrank under us: parse what we have */
		len += (size_t)r;
	}
 out:
	close(fd);
	if (rc) {
		free(buf);
		return rc;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

static int wav_check_fmt(struct wav_fmt *f, char *err, size_t errsz)
{
	bool ok;

	if (!f->channels || f->channels > WAV_MAX_CHANNELS)
		return wav_fail(err, errsz, EINVAL, "unsupported channel "
				"count %u", f->channels);
	if (f->rate < 1000 || f->rate > 768000)
		return wav_fail(err, errsz, EINVAL, "unsupported sample rate "
				"%u Hz", f->rate);
	f->width = (uint16_t)((f->bits + 7) / 8);

	switch (f->tag) {
	case WAV_TAG_PCM:
		ok = f->width >= 1 && f->width <= 4;
		break;
	case WAV_TAG_FLOAT:
		ok = f->bits == 32 || f->bits == 64;
		break;
	case WAV_TAG_ALAW:
	case WAV_TAG_MULAW:
		ok = f->bits == 8;
		break;
	default:
		return wav_fail(err, errsz, EINVAL, "unsupported WAV format "
				"tag 0x%04x (only PCM, float, A-law, mu-law)",
				f->tag);
	}
	if (!ok)
		return wav_fail(err, errsz, EINVAL, "unsupported %u-bit "
				"samples for format tag %u", f->bits, f->tag);
	return 0;
}

static int wav_parse_fmt(const uint8_t *p, uint32_t size, struct wav_fmt *f,
			 char *err, size_t errsz)
{
	if (size < 16)
		return wav_fail(err, errsz, EINVAL, "fmt chunk too short "
				"(%u bytes)", size);
	f->tag      = le16(p);
	f->channels = le16(p + 2);
	f->rate     = le32(p + 4);
	f->bits     = le16(p + 14);

	/* WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the
	 * SubFormat GUID (cbSize 22 at offset 16, GUID at offset 24). */
	if (f->tag == WAV_TAG_EXTENSIBLE) {
		if (size < 40)
			return wav_fail(err, errsz, EINVAL, "extensible fmt "
					"chunk too short (%u bytes)", size);
		f->tag = le16(p + 24);
	}
	return wav_check_fmt(f, err, errsz);
}

/* Walk the chunk list: unknown chunks (LIST, fact, cue, ...) are skipped,
 * odd sizes carry a pad byte, and a data chunk that claims more than the
 * file holds is a truncated file: keep what is there. */
static int wav_parse(const uint8_t *buf, size_t len, struct wav_fmt *f,
		     const uint8_t **datap, size_t *datalenp,
		     char *err, size_t errsz)
{
	const uint8_t *data = NULL;
	bool have_fmt = false;
	uint64_t pos = 12;
	size_t datalen = 0;
	int rc;

	if (len < 12 || memcmp(buf, "RIFF", 4) || memcmp(buf + 8, "WAVE", 4))
		return wav_fail(err, errsz, EINVAL, "not a RIFF/WAVE file");

	while (pos + 8 <= len) {
		const uint8_t *id = buf + pos;
		uint32_t size = le32(buf + pos + 4);
		size_t avail = len - (size_t)pos - 8;

		if (!memcmp(id, "fmt ", 4)) {
			if (size > avail)
				return wav_fail(err, errsz, EINVAL,
						"truncated fmt chunk");
			rc = wav_parse_fmt(id + 8, size, f, err, errsz);
			if (rc)
				return rc;
			have_fmt = true;
		}
		else if (!memcmp(id, "data", 4) && !data) {
			data = id + 8;
			datalen = size > avail ? avail : size;
		}
		if (have_fmt && data)
			break;
		pos += 8 + (uint64_t)size + (size & 1);
	}
	if (!have_fmt)
		return wav_fail(err, errsz, EINVAL, "no fmt chunk");
	if (!data)
		return wav_fail(err, errsz, EINVAL, "no data chunk");
	*datap = data;
	*datalenp = datalen;
	return 0;
}

static int32_t wav_float(double v)
{
	if (v > 1.0)
		v = 1.0;
	else if (!(v >= -1.0))     /* also NaN, which must not reach the cast */
		v = v != v ? 0.0 : -1.0;
	return (int32_t)(v * 8388607.0);
}

/* One sample scaled to 24-bit range, so 24/32-bit sources keep precision
 * until the channels are averaged. */
static int32_t wav_sample(const struct wav_fmt *f, const uint8_t *p)
{
	union { uint32_t u; float f; } v32;
	union { uint64_t u; double d; } v64;

	switch (f->tag) {
	case WAV_TAG_ALAW:  return g711_alaw_decode(p[0]) * 256;
	case WAV_TAG_MULAW: return g711_ulaw_decode(p[0]) * 256;
	case WAV_TAG_FLOAT:
		if (f->width == 4) {
			v32.u = le32(p);
			return wav_float(v32.f);
		}
		v64.u = le32(p) | (uint64_t)le32(p + 4) << 32;
		return wav_float(v64.d);
	default:
		break;
	}
	switch (f->width) {
	case 1:  return ((int32_t)p[0] - 128) * 65536;
	case 2:  return (int16_t)le16(p) * 256;
	case 3:  return (int32_t)(le32((const uint8_t[4]){0, p[0], p[1], p[2]}))
			>> 8;
	default: return (int32_t)le32(p) >> 8;
	}
}

/* Average the channels of each frame into one s16 sample. */
static void wav_decode(const struct wav_fmt *f, const uint8_t *data,
		       size_t frames, int16_t *out)
{
	size_t i;
	unsigned c;

	for (i = 0; i < frames; i++) {
		int64_t sum = 0, v;

		for (c = 0; c < f->channels; c++, data += f->width)
			sum += wav_sample(f, data);
		v = sum / f->channels;
		v = (v + 128) >> 8;
		out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
}

static int wav_convert(const struct wav_fmt *f, const uint8_t *data,
		       size_t frames, struct audio_clip **clipp)
{
	struct audio_clip *clip;
	int16_t *mono;
	int err;

	/* Already at the media rate: decode straight into the clip. */
	if (f->rate == MEDIA_RATE) {
		clip = audio_clip_alloc(frames, MEDIA_RATE);
		if (!clip)
			return ENOMEM;
		wav_decode(f, data, frames, clip->pcm);
		*clipp = clip;
		return 0;
	}
	mono = malloc(frames * sizeof(*mono));
	if (!mono)
		return ENOMEM;
	wav_decode(f, data, frames, mono);
	err = audio_resample(mono, frames, f->rate, MEDIA_RATE, clipp);
	free(mono);
	return err;
}

int wav_load(const char *path, size_t max_bytes, struct audio_clip **clipp,
	     struct wav_info *info, char *err, size_t errsz)
{
	struct wav_fmt f = {0};
	const uint8_t *data = NULL;
	uint8_t *buf = NULL;
	size_t len = 0, datalen = 0, frames;
	int rc;

	if (!path || !clipp)
		return wav_fail(err, errsz, EINVAL, "no path");
	rc = wav_read_file(path, max_bytes, &buf, &len, err, errsz);
	if (rc)
		return rc;
	rc = wav_parse(buf, len, &f, &data, &datalen, err, errsz);
	if (rc)
		goto out;

	frames = datalen / ((size_t)f.width * f.channels);
	if (!frames) {
		rc = wav_fail(err, errsz, EINVAL, "no audio in the data chunk");
		goto out;
	}
	/* A small file at a tiny rate would still expand to gigabytes at
	 * 8 kHz; an hour is far beyond any prompt. */
	if (frames / f.rate > WAV_MAX_SECONDS) {
		rc = wav_fail(err, errsz, EFBIG, "%zu s of audio (at most %u s)",
			      frames / f.rate, WAV_MAX_SECONDS);
		goto out;
	}
	if (info) {
		info->format = f.tag;
		info->channels = f.channels;
		info->rate = f.rate;
		info->bits = f.bits;
		info->frames = frames;
	}
	rc = wav_convert(&f, data, frames, clipp);
	if (rc)
		wav_fail(err, errsz, rc, "cannot convert audio: %s",
			 strerror(rc));
 out:
	free(buf);
	return rc;
}

static void wav_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

static void wav_put32(uint8_t *p, uint32_t v)
{
	wav_put16(p, (uint16_t)v);
	wav_put16(p + 2, (uint16_t)(v >> 16));
}

int wav_save(const char *path, const int16_t *pcm, size_t n, uint32_t rate)
{
	uint8_t hdr[44], chunk[2 * 1024];
	uint32_t bytes;
	size_t i, k;
	FILE *fp;
	int err = 0;

	if (!path || (n && !pcm) || !rate || n > (UINT32_MAX - 36) / 2)
		return EINVAL;
	bytes = (uint32_t)(n * 2);
	memcpy(hdr, "RIFF", 4);
	wav_put32(hdr + 4, 36 + bytes);
	memcpy(hdr + 8, "WAVEfmt ", 8);
	wav_put32(hdr + 16, 16);
	wav_put16(hdr + 20, WAV_TAG_PCM);
	wav_put16(hdr + 22, 1);
	wav_put32(hdr + 24, rate);
	wav_put32(hdr + 28, rate * 2);
	wav_put16(hdr + 32, 2);
	wav_put16(hdr + 34, 16);
	memcpy(hdr + 36, "data", 4);
	wav_put32(hdr + 40, bytes);

	fp = fopen(path, "wbe");
	if (!fp)
		return errno;
	if (fwrite(hdr, sizeof(hdr), 1, fp) != 1)
		err = errno ? errno : EIO;
	for (i = 0; !err && i < n; i += k) {
		for (k = 0; k < sizeof(chunk) / 2 && i + k < n; k++)
			wav_put16(chunk + 2 * k, (uint16_t)pcm[i + k]);
		if (fwrite(chunk, 2, k, fp) != k)
			err = errno ? errno : EIO;
	}
	if (fclose(fp) && !err)
		err = errno ? errno : EIO;
	return err;
}
