#!/usr/bin/python3
"""rtp_check.py - check the audio callflow sent in a captured call.

Reads a libpcap file (tshark -F pcap), finds callflow's SDP answer (a SIP
200 with m=audio from the SIP port), takes the UDP stream callflow sent from
the answered RTP port, and checks what a caller would notice: ringing, an
answer with PCMU/telephone-event/ptime 20, G.711 PCMU at a steady 20 ms with
sane sequence numbers/timestamps/marker, enough speech energy, and a BYE. Prints the figures; exits 1 with the reasons on failure."""
import argparse
import statistics
import struct
import sys

import audio


def pcap_packets(path):
    """Yield (time, src_ip, sport, dst_ip, dport, payload) for IPv4/UDP."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit("%s: not a libpcap file (use tshark -F pcap)" % path)
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _orig = struct.unpack(end + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        t = sec + frac / (1e9 if nano else 1e6)
        if linktype == 1:            # Ethernet (Linux lo)
            if pkt[12:14] != b"\x08\x00":
                continue
            ip = pkt[14:]
        elif linktype == 113:        # Linux cooked v1
            if pkt[14:16] != b"\x08\x00":
                continue
            ip = pkt[16:]
        elif linktype == 276:        # Linux cooked v2
            if pkt[0:2] != b"\x08\x00":
                continue
            ip = pkt[20:]
        elif linktype in (0, 108):   # BSD loopback
            ip = pkt[4:]
        elif linktype == 101:        # raw IP
            ip = pkt
        else:
            raise SystemExit("unsupported link type %d" % linktype)
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        ihl = (ip[0] & 15) * 4
        src = ".".join(str(b) for b in ip[12:16])
        dst = ".".join(str(b) for b in ip[16:20])
        sport, dport, ulen = struct.unpack(">HHH", ip[ihl:ihl + 6])
        yield t, src, sport, dst, dport, ip[ihl + 8:ihl + ulen]


def find_answer(pkts, sip_port):
    """The SDP body of callflow's 200 OK to the INVITE."""
    for _t, _s, sport, _d, _dp, pl in pkts:
        if sport != sip_port or not pl.startswith(b"SIP/2.0 200"):
            continue
        head, _, body = pl.partition(b"\r\n\r\n")
        if b"INVITE" in head and b"m=audio" in body:
            return body.decode("latin-1")
    return None


def check_sip_flow(pkts, sip_port, errors):
    """The caller's view of signalling: ringing before the answer, then a
    BYE from callflow that the caller acknowledged with 200."""
    flow = []
    for _t, _s, sport, _d, dport, pl in pkts:
        if sip_port not in (sport, dport) or not pl[:3].isalpha():
            continue
        head = pl.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        first = head.split("\r\n", 1)[0]
        cseq = [l.split(":", 1)[1].strip() for l in head.split("\r\n")
                if l.lower().startswith("cseq:")]
        who = "callflow" if sport == sip_port else "caller"
        flow.append((who, " ".join(first.split()[:2]), cseq[0] if cseq else ""))
    print("sip: " + ", ".join("%s %s (%s)" % f for f in flow))
    from_cf = [(m, c) for w, m, c in flow if w == "callflow"]
    msgs = [m for m, c in from_cf if c.endswith("INVITE")]
    if "SIP/2.0 180" not in msgs:
        errors.append("no 180 Ringing before the answer")
    elif "SIP/2.0 200" in msgs and msgs.index("SIP/2.0 180") > msgs.index("SIP/2.0 200"):
        errors.append("180 came after the 200")
    if not any(m.startswith("BYE ") for m, _c in from_cf):
        errors.append("callflow did not send BYE")
    if not any(w == "caller" and m == "SIP/2.0 200" and c.endswith("BYE")
               for w, m, c in flow):
        errors.append("the caller's 200 to BYE is not in the capture")


def parse_rtp(pl):
    if len(pl) < 12 or pl[0] >> 6 != 2:
        return None
    cc = pl[0] & 15
    hlen = 12 + 4 * cc
    if pl[0] & 0x10:
        if len(pl) < hlen + 4:
            return None
        hlen += 4 + 4 * struct.unpack(">H", pl[hlen + 2:hlen + 4])[0]
    body = pl[hlen:]
    if pl[0] & 0x20 and body:
        body = body[:-body[-1]]
    seq, ts, ssrc = struct.unpack(">HII", pl[2:12])
    return {"marker": pl[1] >> 7, "pt": pl[1] & 0x7F, "seq": seq, "ts": ts,
            "ssrc": ssrc, "payload": body}


def check_answer(sdp, errors):
    media = [l for l in sdp.splitlines() if l.startswith("m=audio")][0].split()
    port, fmts = int(media[1]), media[3:]
    conn = [l.split()[-1] for l in sdp.splitlines() if l.startswith("c=")]
    print("answer: %s c=%s" % (" ".join(media), conn))
    if fmts[0] != "0":
        errors.append("answer's first format is %s, want 0 (PCMU)" % fmts[0])
    if "a=rtpmap:0 PCMU/8000" not in sdp:
        errors.append("answer lacks a=rtpmap:0 PCMU/8000")
    if "telephone-event/8000" not in sdp:
        errors.append("telephone-event was offered but not answered")
    if "a=ptime:20" not in sdp:
        errors.append("answer lacks a=ptime:20")
    return port, conn[0] if conn else None


def check_stream(rtp, times, errors, min_speech):
    n = len(rtp)
    print("rtp: %d packets from ssrc(s) %s" %
          (n, sorted({"%08x" % p["ssrc"] for p in rtp})))
    if n < 100:
        errors.append("only %d RTP packets (want >= 100, i.e. 2 s)" % n)
        return
    if len({p["ssrc"] for p in rtp}) != 1:
        errors.append("more than one SSRC in one stream")
    pts = {p["pt"] for p in rtp}
    if pts != {0}:
        errors.append("payload types %s, want only 0 (PCMU)" % sorted(pts))
    bad_len = [len(p["payload"]) for p in rtp if len(p["payload"]) != 160]
    if bad_len:
        errors.append("%d packets not 160 bytes (ptime 20), e.g. %s"
                      % (len(bad_len), bad_len[:5]))
    seq_bad = ts_bad = jumps = 0
    for a, b in zip(rtp, rtp[1:]):
        if (b["seq"] - a["seq"]) & 0xFFFF != 1:
            seq_bad += 1
        d = (b["ts"] - a["ts"]) & 0xFFFFFFFF
        if d == 0 or d % 160 or d > 8000 * 60:
            ts_bad += 1
        elif d > 160:
            jumps += 1
    markers = sum(p["marker"] for p in rtp[1:])
    print("rtp: seq gaps/dups %d, bad ts steps %d, ts jumps %d, first marker "
          "%d, later markers %d" % (seq_bad, ts_bad, jumps, rtp[0]["marker"],
                                    markers))
    if seq_bad:
        errors.append("%d sequence number steps are not +1" % seq_bad)
    if ts_bad:
        errors.append("%d timestamp steps are not positive multiples of 160"
                      % ts_bad)
    if markers > jumps:
        errors.append("marker bit set on %d packets in mid-stream (only %d "
                      "talkspurt starts)" % (markers, jumps))
    deltas = [(b - a) * 1000 for a, b in zip(times, times[1:])]
    med = statistics.median(deltas)
    dev = sorted(abs(d - 20) for d in deltas)
    p95 = dev[int(0.95 * (len(dev) - 1))]
    span = (times[-1] - times[0]) * 1000
    steps = sum(((b["ts"] - a["ts"]) & 0xFFFFFFFF) // 160
                for a, b in zip(rtp, rtp[1:]))
    print("pacing: median %.2f ms, p95 |delta-20| %.2f ms, span %.0f ms for "
          "%d frames (%.1f%%)" % (med, p95, span, steps,
                                  100.0 * span / (steps * 20)))
    if not 19.0 <= med <= 21.0:
        errors.append("median packet interval %.2f ms, want 20" % med)
    if p95 > 15.0:
        errors.append("p95 interval deviation %.1f ms (want < 15)" % p95)
    if abs(span - steps * 20) > 0.05 * steps * 20:
        errors.append("stream took %.0f ms for %d frames of 20 ms" %
                      (span, steps))
    pcm = audio.ulaw_decode(b"".join(p["payload"] for p in rtp))
    speech = audio.speech_seconds(pcm)
    peak = max(audio.frame_rms(pcm))
    print("audio: %.2f s in total, %.2f s of speech (frame RMS > %.0f), "
          "loudest frame RMS %.0f" % (len(pcm) / 8000, speech,
                                      audio.SPEECH_RMS, peak))
    if speech < min_speech:
        errors.append("%.2f s of speech energy, want >= %.1f s" %
                      (speech, min_speech))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--sip-port", type=int, default=5060)
    ap.add_argument("--min-speech", type=float, default=1.5)
    args = ap.parse_args()
    pkts = list(pcap_packets(args.pcap))
    errors = []
    sdp = find_answer(pkts, args.sip_port)
    if not sdp:
        print("FAIL: no 200 OK with SDP from port %d in %s (%d UDP packets)"
              % (args.sip_port, args.pcap, len(pkts)))
        return 1
    port, addr = check_answer(sdp, errors)
    check_sip_flow(pkts, args.sip_port, errors)
    rtp, times = [], []
    for t, src, sport, _d, _dp, pl in pkts:
        if sport == port and (addr is None or src == addr):
            p = parse_rtp(pl)
            if p and p["pt"] not in (101,):
                rtp.append(p)
                times.append(t)
    check_stream(rtp, times, errors, args.min_speech)
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
