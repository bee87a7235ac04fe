#!/usr/bin/python3
"""rec_check.py - what the recording tests observe in the files callflow
wrote (standard library only).

  rec_check.py voicemail SHOW --storage DIR --ref SENT.wav --tail-s S
      The RecordAudio of the call (`cdr show --json` in SHOW): its
      RecordingDestination names a complete mono WAV under DIR that holds
      the whole of SENT (what the caller said), silence before it, and S s
      after it (the caller pressed # S s after the message), ended by #.
  rec_check.py heard PCAP --ref SENT.wav
      The PCMU callflow sent in the captured call holds all of SENT.
  rec_check.py call SHOW --storage DIR --track T [--in SENT.wav]
               [--out PROMPT.wav] [--pause-ms N]
      The call recording of StartCallRecording Track T: channels, the
      CallRecordingDestination, its CDR row, incoming = SENT, outgoing =
      PROMPT, and with --pause-ms the two marker tones with nothing but
      zeros between them, N ms apart.
  rec_check.py crash FILE --ref SENT.wav --min-s S
      FILE, left by a killed server: a valid WAV whose header covers all
      but at most the last second of the data, holding SENT's audio.
  rec_check.py exact FILE
      FILE's RIFF and data sizes match its length exactly.
Prints what it measured; exits 1 with the reasons when a check fails.
SENT/PROMPT are 16-bit WAVs of exactly what went on the wire."""
import argparse
import json
import math
import operator
import os
import re
import struct
import sys
import wave

import audio
import dtmf_check
from dtmf_check import goertzel

RATE = 8000
FRAME = 160
QUIET = 200          # SilenceThreshold's default (mean |x|)
NCC_MIN = 0.8
TONE_RMS = 32767 * 10 ** (-12 / 20) / math.sqrt(2)   # -12 dBFS sine


def header(path):
    """(riff size, data offset, data size in the header, file size)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SystemExit("FAIL: %s is not a RIFF/WAVE file" % path)
    off = 12
    while off + 8 <= len(data):
        cid = data[off:off + 4]
        size = struct.unpack("<I", data[off + 4:off + 8])[0]
        if cid == b"data":
            return (struct.unpack("<I", data[4:8])[0], off + 8, size,
                    len(data))
        off += 8 + size + (size & 1)
    raise SystemExit("FAIL: %s has no data chunk" % path)


def read_pcm(path, errors, channels=None):
    """The channels of a 16-bit 8 kHz WAV (python's wave module, which
    trusts the header), as lists of ints."""
    with wave.open(path, "rb") as w:
        nch, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(w.getnframes())
    print("%s: %d channel(s), %d-bit, %d Hz, %.3f s" %
          (path, nch, width * 8, rate, len(raw) / (2 * nch * rate or 1)))
    if width != 2 or rate != RATE:
        errors.append("%s: %d-bit at %d Hz, want 16-bit at 8000" %
                      (path, width * 8, rate))
    if channels and nch != channels:
        errors.append("%s: %d channels, want %d" % (path, nch, channels))
    vals = struct.unpack("<%dh" % (len(raw) // 2), raw[:len(raw) // 2 * 2])
    return [list(vals[c::nch]) for c in range(nch)]


def dot(a, b):
    return sum(map(operator.mul, a, b))


def ncc(a, b):
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    den = math.sqrt(dot(a, a) * dot(b, b))
    return dot(a, b) / den if den else 0.0


def envelope(x):
    return [sum(map(abs, x[i:i + FRAME])) / FRAME
            for i in range(0, len(x) - FRAME + 1, FRAME)]


def align(rec, ref):
    """The lag L (samples) with rec[i + L] ~ ref[i] and the normalised
    cross-correlation over the overlap: envelopes give the frame, then
    samples around it (a pure-Python search over every lag is too slow)."""
    er, ef = envelope(rec), envelope(ref)
    best, coarse = -2.0, 0
    # Lags where at least half of ref (or of rec) overlaps; normalised per
    # lag, so loud audio around the match does not pull it away.
    need = min(len(er), len(ef)) // 2
    for lag in range(-len(ef) + need, len(er) - need + 1):
        lo, hi = max(0, -lag), min(len(ef), len(er) - lag)
        a, b = er[lo + lag:hi + lag], ef[lo:hi]
        ma, mb = sum(a) / len(a), sum(b) / len(b)
        s = ncc([v - ma for v in a], [v - mb for v in b])
        if s > best:
            best, coarse = s, lag
    # A loud second of ref inside the overlap, matched sample by sample.
    lo = max(0, -coarse * FRAME + 3 * FRAME)
    hi = min(len(ref), len(rec) - coarse * FRAME - 3 * FRAME)
    win = min(RATE, hi - lo)
    if win <= FRAME:
        return coarse * FRAME, 0.0
    starts = range(lo, hi - win + 1, FRAME)
    s0 = max(starts, key=lambda s: sum(map(abs, ref[s:s + win:8])))
    piece = ref[s0:s0 + win]
    best, lag = -1e300, coarse * FRAME
    for cand in range(coarse * FRAME - 3 * FRAME, coarse * FRAME + 3 * FRAME + 1):
        s = dot(rec[s0 + cand:s0 + cand + win], piece)
        if s > best:
            best, lag = s, cand
    lo, hi = max(0, -lag), min(len(ref), len(rec) - lag)
    return lag, ncc(rec[lo + lag:hi + lag], ref[lo:hi])


def check_match(name, rec, ref, errors, whole=False, end=None, late=0):
    """ref must be in rec: every loud 0.5 s chunk of rec found in ref at
    its own best lag, all at the same lag (no frame lost or added inside)
    except for the `late` packets the jitter buffer dropped (the CDR's
    rtp.rx_late): each may move the later chunks by 160 samples (earlier
    when a frame is skipped, later when the buffer grows by concealment
    before it drops the late packet) and spoil the chunk it falls in.
    whole: all of ref inside rec. end: only rec[:end] counts."""
    rec = rec[:end] if end else rec
    lag, c = align(rec, ref)
    lo, hi = max(0, -lag), min(len(ref), len(rec) - lag)
    chunks = []
    for s0 in range(max(0, lag), min(len(rec), lag + len(ref)) - RATE // 4,
                    RATE // 2):
        piece = rec[s0:s0 + RATE // 2]
        if sum(map(abs, piece)) / len(piece) < QUIET:
            continue
        best = max(range(lag - late * FRAME - 2, lag + late * FRAME + 3),
                   key=lambda l:
                   dot(piece, ref[max(0, s0 - l):max(0, s0 - l) + len(piece)]))
        r = ref[max(0, s0 - best):max(0, s0 - best) + len(piece)]
        chunks.append((s0, best, ncc(piece, r)))
    bad = [ch for ch in chunks if ch[2] < NCC_MIN]
    lags = [l for _s, l, x in chunks if x >= NCC_MIN]
    print("%s: lag %d samples (%.3f s), overlap %.2f s, NCC %.3f; %d loud "
          "chunks, lags %s, %d under %.1f" % (name, lag, lag / RATE,
          (hi - lo) / RATE, c, len(chunks), sorted(set(lags)), len(bad),
          NCC_MIN))
    if len(lags) < 2 or len(bad) > late:
        errors.append("%s does not match what was sent (%d of %d chunks "
                      "under NCC %.1f: %s; jitter buffer drops: %d)" %
                      (name, len(bad), len(chunks), NCC_MIN,
                       [(s0 / RATE, round(x, 3)) for s0, _l, x in bad], late))
    elif max(lags) - min(lags) > late * FRAME + 2:
        errors.append("%s: samples lost or added inside (chunk lags %s, "
                      "%d late packets dropped by the jitter buffer)" %
                      (name, lags, late))
    if whole and (lag < 0 or lag + len(ref) > len(rec)):
        errors.append("%s: only %.2f of %.2f s of the message recorded" %
                      (name, (hi - lo) / RATE, len(ref) / RATE))
    return lag


def check_sizes(path, errors, exact=True):
    riff, off, dsize, fsize = header(path)
    real = fsize - off
    print("%s: file %d bytes, RIFF size %d, data at %d, data size %d "
          "(real %d)" % (path, fsize, riff, off, dsize, real))
    if exact and (riff != fsize - 8 or dsize != real):
        errors.append("%s: header sizes RIFF %d / data %d, file says %d / %d"
                      % (path, riff, dsize, fsize - 8, real))
    return dsize, real


def show_of(path):
    with open(path) as f:
        return json.load(f)


def success_data(show, typ, errors):
    for e in sorted(show.get("Timeline") or [], key=lambda e: e.get("Sequence", 0)):
        ev = e.get("Event") if isinstance(e.get("Event"), dict) else {}
        d = ev.get("ActionData") or {}
        if e.get("EventType") == "ACTION_SUCCESSFUL" and d.get("Type") == typ:
            return d
    errors.append("no ACTION_SUCCESSFUL invocation for %s" % typ)
    return None


def call_id(show):
    legs = show.get("Legs") or [{}]
    return legs[0].get("CallId") or ""


def late(show):
    legs = show.get("Legs") or [{}]
    return (legs[0].get("rtp") or {}).get("rx_late") or 0


def check_row(show, kind, track, path, errors):
    """The CDR recordings row of the file: Completed, right size/length."""
    rows = [r for r in show.get("Recordings") or [] if r.get("Kind") == kind]
    print("recordings rows: %s" % json.dumps(rows))
    if len(rows) != 1:
        errors.append("%d %s rows in the CDR, want 1" % (len(rows), kind))
        return
    r = rows[0]
    fsize = os.path.getsize(path)
    _riff, off, _d, _f = header(path)
    with wave.open(path, "rb") as w:
        ms = w.getnframes() * 1000 // RATE
    want = {"Status": "Completed", "Track": track,
            "Path": os.path.realpath(path), "Bytes": fsize}
    for k, v in want.items():
        if r.get(k) != v:
            errors.append("recordings row: %s=%r, want %r" % (k, r.get(k), v))
    if abs((r.get("DurationMs") or 0) - ms) > 20:
        errors.append("recordings row: DurationMs %r, the file holds %d ms"
                      % (r.get("DurationMs"), ms))


def run_voicemail(args):
    errors = []
    show = show_of(args.show)
    d = success_data(show, "RecordAudio", errors)
    if not d:
        return fail(errors)
    dest = d.get("RecordingDestination") or {}
    key = dest.get("Key") or ""
    print("RecordingDestination: %s" % json.dumps(dest))
    pat = r"messages/%s_%s_\d{4}(-\d\d){5}-\d{3}\.wav" % (
        re.escape(show.get("TransactionId", "")), re.escape(call_id(show)))
    if dest.get("Type") != "S3" or dest.get("BucketName") != "voicemail" or \
       not re.fullmatch(pat, key):
        errors.append("RecordingDestination %r, want S3 voicemail %s" %
                      (dest, pat))
    if d.get("RecordingTerminatorUsed") != "#":
        errors.append("RecordingTerminatorUsed %r, want '#'" %
                      d.get("RecordingTerminatorUsed"))
    path = os.path.join(args.storage, "voicemail", key)
    if not os.path.isfile(path):
        errors.append("no file %s" % path)
        return fail(errors)
    check_row(show, "RecordAudio", "INCOMING", path, errors)
    check_sizes(path, errors)
    rec = read_pcm(path, errors, 1)[0]
    ref = read_pcm(args.ref, errors)[0]
    lag = check_match("message", rec, ref, errors, whole=True,
                      late=late(show))
    head = [i for i, v in enumerate(envelope(rec[:max(lag, 0)])) if v >= QUIET]
    if head:
        errors.append("sound in the recording before the message (frames %s):"
                      " it started before the beep ended?" % head[:5])
    # The caller pressed # tail-s after the message; the recording holds
    # what came out of the jitter buffer (60 ms behind) until then.
    tail = (len(rec) - lag - len(ref)) / RATE
    print("recorded after the message: %.3f s (# sent %.3f s after it)" %
          (tail, args.tail_s))
    if not args.tail_s - 0.12 <= tail <= args.tail_s + 0.02:
        errors.append("%.3f s recorded after the message, want %.2f s "
                      "(-0.12, +0.02)" % (tail, args.tail_s))
    return fail(errors)


def run_heard(args):
    """The caller heard the message played back: it is in the PCMU
    callflow sent."""
    errors = []
    _sdp, stream = dtmf_check.callflow_stream(args.pcap)
    pcm = audio.ulaw_decode(b"".join(p["payload"] for _t, p in stream
                                     if p["pt"] == 0))
    print("callflow sent %.2f s of PCMU" % (len(pcm) / RATE))
    check_match("played back", pcm, read_pcm(args.ref, errors)[0], errors,
                whole=True)
    return fail(errors)


def tone_frames(x):
    """Indexes of 20 ms frames that hold the -12 dBFS 1 kHz marker."""
    out = []
    for i in range(0, len(x) - FRAME + 1, FRAME):
        fr = x[i:i + FRAME]
        e = dot(fr, fr)
        rms = math.sqrt(e / FRAME)
        if e and abs(20 * math.log10(rms / TONE_RMS)) < 1.5 and \
           goertzel(fr, 1000) * 2.0 / (FRAME * e) > 0.9:
            out.append(i // FRAME)
    return out


def check_pause(chans, pause_ms, errors):
    """Two 10-frame marker runs; zeros in every channel between them."""
    fr = tone_frames(chans[-1])
    runs = []
    for i in fr:
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    print("marker tones (frames [start, end)): %s" % runs)
    if len(runs) != 2 or any(b - a != 10 for a, b in runs):
        errors.append("marker tones %s, want two of 10 frames (200 ms)" % runs)
        return None
    gap = (runs[1][0] - runs[0][0]) * FRAME * 1000 // RATE
    if abs(gap - pause_ms) > 100:
        errors.append("markers %d ms apart, want %d" % (gap, pause_ms))
    for c, x in enumerate(chans):
        span = x[runs[0][1] * FRAME:runs[1][0] * FRAME]
        nz = sum(1 for v in span if v)
        print("channel %d: %d of %d samples non-zero while paused" %
              (c, nz, len(span)))
        if nz:
            errors.append("channel %d not silent while paused" % c)
        after = envelope(x[runs[1][1] * FRAME:])
        if c == 0 and sum(1 for v in after if v >= QUIET) < 10:
            errors.append("no incoming audio recorded after the resume")
    return runs[0][0] * FRAME


def run_call(args):
    errors = []
    show = show_of(args.show)
    d = success_data(show, "StartCallRecording", errors)
    if not d:
        return fail(errors)
    loc = (d.get("CallRecordingDestination") or {}).get("Location") or ""
    print("CallRecordingDestination: %s" % json.dumps(d["CallRecordingDestination"]))
    pat = r"calls/rec/\d{4}/\d\d/\d\d/\d{4}(-\d\d){5}-\d{3}_%s_%s\.wav" % (
        re.escape(show.get("TransactionId", "")), re.escape(call_id(show)))
    if not re.fullmatch(pat, loc):
        errors.append("Location %r, want %s" % (loc, pat))
    path = os.path.join(args.storage, loc)
    if not os.path.isfile(path):
        errors.append("no file %s" % path)
        return fail(errors)
    check_row(show, "CallRecording", args.track, path, errors)
    check_sizes(path, errors)
    nch = 2 if args.track == "BOTH" else 1
    chans = read_pcm(path, errors, nch)
    if len(chans) != nch:
        return fail(errors)
    end = check_pause(chans, args.pause_ms, errors) if args.pause_ms else None
    names = {"BOTH": [("incoming (left)", args.inp), ("outgoing (right)", args.out)],
             "INCOMING": [("incoming", args.inp)],
             "OUTGOING": [("outgoing", args.out)]}[args.track]
    for (name, ref), x in zip(names, chans):
        check_match(name, x, read_pcm(ref, errors)[0], errors, end=end,
                    late=late(show) if ref == args.inp else 0)
    return fail(errors)


def run_crash(args):
    errors = []
    dsize, real = check_sizes(args.file, errors, exact=False)
    if not 0 < dsize <= real or real - dsize > 2 * RATE:
        errors.append("header covers %d of %d data bytes: more than the "
                      "last second (%d bytes) missing" % (dsize, real, 2 * RATE))
    rec = read_pcm(args.file, errors, 1)[0]
    if len(rec) < args.min_s * RATE:
        errors.append("%.2f s readable, want >= %.1f" % (len(rec) / RATE,
                                                         args.min_s))
    check_match("recording", rec, read_pcm(args.ref, errors)[0], errors)
    return fail(errors)


def run_exact(args):
    errors = []
    check_sizes(args.file, errors)
    read_pcm(args.file, errors, 1)
    return fail(errors)


def fail(errors):
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("voicemail")
    p.add_argument("show")
    p.add_argument("--storage", required=True)
    p.add_argument("--ref", required=True)
    p.add_argument("--tail-s", type=float, required=True)
    p = sub.add_parser("heard")
    p.add_argument("pcap")
    p.add_argument("--ref", required=True)
    p = sub.add_parser("call")
    p.add_argument("show")
    p.add_argument("--storage", required=True)
    p.add_argument("--track", required=True)
    p.add_argument("--in", dest="inp")
    p.add_argument("--out")
    p.add_argument("--pause-ms", type=int, default=0)
    p = sub.add_parser("crash")
    p.add_argument("file")
    p.add_argument("--ref", required=True)
    p.add_argument("--min-s", type=float, default=2.0)
    p = sub.add_parser("exact")
    p.add_argument("file")
    args = ap.parse_args()
    return {"voicemail": run_voicemail, "heard": run_heard, "call": run_call, "crash": run_crash,
            "exact": run_exact}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
