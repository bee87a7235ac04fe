"""audio.py - G.711 mu-law decoding and speech-energy measurement for the
integration tests (standard library only)."""
import math
import struct

FRAME = 160          # 20 ms at 8 kHz
SPEECH_RMS = 300.0   # 16-bit scale: about -40 dBFS, well above silence


def ulaw_to_linear(b):
    """One G.711 mu-law byte to a 16-bit sample (ITU-T G.711 expansion)."""
    b = ~b & 0xFF
    sign = b & 0x80
    exp = (b >> 4) & 0x07
    mant = b & 0x0F
    mag = ((mant << 3) + 0x84) << exp
    mag -= 0x84
    return -mag if sign else mag


ULAW = [ulaw_to_linear(i) for i in range(256)]


def ulaw_decode(data):
    return [ULAW[b] for b in data]


def frame_rms(samples, rate=8000):
    """RMS of each 20 ms frame."""
    n = rate // 50
    out = []
    for i in range(0, len(samples) - n + 1, n):
        fr = samples[i:i + n]
        out.append(math.sqrt(sum(s * s for s in fr) / n))
    return out


def speech_seconds(samples, rate=8000, threshold=SPEECH_RMS):
    """Seconds of 20 ms frames whose RMS exceeds the threshold."""
    return sum(1 for r in frame_rms(samples, rate) if r > threshold) * 0.02


def read_wav(path):
    """(samples of the first channel as 16-bit ints, rate). Parses RIFF by
    hand: libsndfile may write WAVE_FORMAT_EXTENSIBLE, which the wave module
    of Python 3.11 refuses."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("%s: not a WAV file" % path)
    off, fmt, pcm = 12, None, None
    while off + 8 <= len(data):
        cid, size = data[off:off + 4], struct.unpack("<I", data[off + 4:off + 8])[0]
        body = data[off + 8:off + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            pcm = body
        off += 8 + size + (size & 1)
    if not fmt or pcm is None:
        raise ValueError("%s: no fmt or data chunk" % path)
    tag, ch, rate, _brate, _align, bits = fmt
    if tag not in (1, 0xFFFE) or bits != 16:
        raise ValueError("%s: format %#x, %d bits; want 16-bit PCM" %
                         (path, tag, bits))
    vals = struct.unpack("<%dh" % (len(pcm) // 2), pcm[:len(pcm) // 2 * 2])
    return list(vals[::ch]), rate
