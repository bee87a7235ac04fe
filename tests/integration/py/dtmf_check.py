#!/usr/bin/python3
"""dtmf_check.py - what the digits tests observe (standard library only).

  dtmf_check.py timeline --bin BIN --data-dir D --number N [--from M] --out FILE
                [--expect SPEC]... [--count EVENT=N]... [--action-ms T=LO:HI]
                [--response-has TEXT]...
      Polls `callflow cdr list/show` (up to --wait s) until the completed
      call to N (from M) has handler invocations that contain the SPECs in this
      order. SPEC = EVENT[:ActionType][:Key=Value|Key~Substring]..., the
      keys read from the invocation's ActionData, e.g.
      ACTION_SUCCESSFUL:PlayAudioAndGetDigits:ReceivedDigits=1234
  dtmf_check.py rfc4733 PCAP --expect 123# [--tone-ms 100] [--call N]
      The RFC 4733 events callflow sent (telephone-event PT of its answer).
  dtmf_check.py tones PCAP --expect 123# [--tone-ms 100] [--call N]
      The DTMF tones in the PCMU audio callflow sent (Goertzel detector).
Prints what it saw; exits 1 with the reasons when a check fails."""
import argparse
import json
import math
import subprocess
import sys
import time

import audio
import rtp_check

EVENT_CHARS = "0123456789*#ABCD"        # RFC 4733 event codes 0-15
LOW = (697, 770, 852, 941)
HIGH = (1209, 1336, 1477, 1633)
KEYPAD = ("123A", "456B", "789C", "*0#D")


# ---- handler invocations, from the CDR ----

def cli_json(args, lines=False):
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    if out.returncode:
        return None
    if lines:
        return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return json.loads(out.stdout)


def invocations(show):
    """[(EventType, ActionData)] in the order the handler was invoked."""
    inv = [e for e in show.get("Timeline") or [] if e.get("Kind") == "Invocation"]
    inv.sort(key=lambda e: e.get("Sequence", 0))
    out = []
    for e in inv:
        ev = e.get("Event") if isinstance(e.get("Event"), dict) else {}
        out.append((e.get("EventType"), ev.get("ActionData") or {}))
    return out


def spec_match(spec, event_type, data):
    parts = spec.split(":")
    if parts[0] != event_type:
        return False
    if len(parts) > 1 and parts[1] and parts[1] != data.get("Type"):
        return False
    for cond in parts[2:]:
        if "=" in cond:
            k, v = cond.split("=", 1)
            if data.get(k) is None or str(data.get(k)) != v:
                return False
        elif "~" in cond:
            k, v = cond.split("~", 1)
            if v.lower() not in str(data.get(k, "")).lower():
                return False
    return True


def timeline_errors(show, args):
    inv = invocations(show)
    errors = []
    pos = 0
    for spec in args.expect:
        while pos < len(inv) and not spec_match(spec, *inv[pos]):
            pos += 1
        if pos == len(inv):
            errors.append("no invocation %s (in this order)" % spec)
            break
        pos += 1
    for c in args.count:
        ev, n = c.split("=")
        got = sum(1 for t, _d in inv if t == ev)
        if got != int(n):
            errors.append("%d %s invocations, want %s" % (got, ev, n))
    for text in args.response_has:
        if not any(text in json.dumps(e.get("Response"))
                   for e in show.get("Timeline") or []
                   if e.get("Kind") == "Invocation"):
            errors.append("no handler response mentions %r" % text)
    acts = [e for e in show.get("Timeline") or [] if e.get("Kind") == "Action"]
    for c in args.action_ms:
        typ, rng = c.split("=")
        lo, hi = (float(x) for x in rng.split(":"))
        durs = [a["EndedMs"] - a["StartedMs"] for a in acts
                if a.get("Type") == typ and a.get("EndedMs")]
        if not durs:
            errors.append("no finished %s action" % typ)
        elif not all(lo <= d < hi for d in durs):
            errors.append("%s took %s ms, want [%g, %g)" % (typ, durs, lo, hi))
    return errors


def show_call(args):
    rows = cli_json([args.bin, "cdr", "list", "--data-dir", args.data_dir,
                     "--json", "--limit", "1000"], lines=True) or []
    want = args.number.lstrip("+")
    rows = [r for r in rows
            if str(r.get("DestinationPhoneNumber", "")).lstrip("+") == want
            and r.get("Status") in ("Completed", "Failed")
            and (args.source is None or str(r.get("SourcePhoneNumber", ""))
                 .lstrip("+") == args.source.lstrip("+"))]
    if not rows:
        return None
    return cli_json([args.bin, "cdr", "show", rows[-1]["TransactionId"],
                     "--data-dir", args.data_dir, "--json"])


def print_timeline(show):
    for e in sorted(show.get("Timeline") or [], key=lambda e: e.get("TimeMs", 0)):
        if e.get("Kind") == "Invocation":
            d = (e.get("Event") or {}).get("ActionData") or {}
            extra = " ".join("%s=%r" % (k, d[k]) for k in
                             ("ReceivedDigits", "ErrorType", "ErrorMessage")
                             if k in d)
            print("  %d invocation %s %s %s" % (e.get("TimeMs", 0),
                  e.get("EventType"), d.get("Type", ""), extra))
        elif e.get("Kind") == "Action":
            print("  %d   action %s %s %s (%d ms)" % (
                e.get("TimeMs", 0), e.get("Type"), e.get("Result"),
                e.get("ErrorType") or "",
                (e.get("EndedMs") or 0) - (e.get("StartedMs") or 0)))


def run_timeline(args):
    end = time.monotonic() + args.wait
    show, errors = None, ["no completed call to %s in the CDR" % args.number]
    while time.monotonic() < end:
        show = show_call(args)
        if show:
            errors = timeline_errors(show, args)
            if not errors:
                break
        time.sleep(0.2)
    if show:
        with open(args.out, "w") as f:
            json.dump(show, f, indent=1)
        print("timeline of the call to %s:" % args.number)
        print_timeline(show)
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


# ---- what callflow sent, from a capture ----

def callflow_stream(path, nth=1):
    """(answer SDP, [(time, rtp)]) of the RTP callflow sent in the nth call
    of the capture (from its answer up to the next call's answer)."""
    pkts = list(rtp_check.pcap_packets(path))
    answers = []
    for t, _s, sport, _d, _dp, pl in pkts:
        if sport == 5060 and pl.startswith(b"SIP/2.0 200"):
            head, _, body = pl.partition(b"\r\n\r\n")
            body = body.decode("latin-1")
            # A retransmitted 200 repeats the same SDP: not a new call.
            if (b"INVITE" in head and "m=audio" in body and
                    (not answers or answers[-1][1] != body)):
                answers.append((t, body))
    if len(answers) < nth:
        raise SystemExit("FAIL: %d answers from callflow in %s, want call %d"
                         % (len(answers), path, nth))
    t0, sdp = answers[nth - 1]
    t1 = answers[nth][0] if len(answers) > nth else float("inf")
    port = int([l for l in sdp.splitlines() if l.startswith("m=audio")][0].split()[1])
    out = []
    for t, _s, sport, _d, _dp, pl in pkts:
        if sport == port and t0 <= t < t1:
            p = rtp_check.parse_rtp(pl)
            if p:
                out.append((t, p))
    return sdp, out


def te_payload_type(sdp):
    for l in sdp.splitlines():
        if l.startswith("a=rtpmap:") and "telephone-event/8000" in l:
            return int(l[9:].split()[0])
    return None


def run_rfc4733(args):
    sdp, stream = callflow_stream(args.pcap, args.call)
    pt = te_payload_type(sdp)
    if pt is None:
        print("FAIL: callflow's answer has no telephone-event")
        return 1
    events = []                  # one per RTP timestamp, in order
    for _t, p in stream:
        if p["pt"] != pt or len(p["payload"]) < 4:
            continue
        pl = p["payload"]
        if not events or events[-1]["ts"] != p["ts"]:
            events.append({"ts": p["ts"], "ids": set(), "pkts": 0, "ends": 0,
                           "marker": p["marker"], "durs": [], "vol": set()})
        ev = events[-1]
        ev["ids"].add(pl[0])
        ev["pkts"] += 1
        ev["ends"] += pl[1] >> 7
        ev["vol"].add(pl[1] & 0x3F)
        ev["durs"].append(pl[2] << 8 | pl[3])
    errors = []
    got = ""
    for ev in events:
        ids = sorted(ev["ids"])
        got += "".join(EVENT_CHARS[i] if i < 16 else "?" for i in ids)
        print("event ts %d: id %s, %d packets, %d end, marker %d, volume %s, "
              "durations %s" % (ev["ts"], ids, ev["pkts"], ev["ends"],
                                ev["marker"], sorted(ev["vol"]), ev["durs"]))
        if len(ids) != 1:
            errors.append("event ts %d carries ids %s" % (ev["ts"], ids))
        if ev["ends"] != 3:
            errors.append("event ts %d: %d end packets, want 3" %
                          (ev["ts"], ev["ends"]))
        if not ev["marker"]:
            errors.append("event ts %d: no marker on its first packet" % ev["ts"])
        if ev["durs"] != sorted(ev["durs"]):
            errors.append("event ts %d: duration goes back" % ev["ts"])
        want = args.tone_ms * 8
        if abs(ev["durs"][-1] - want) > 8 * 25:
            errors.append("event ts %d lasts %d units, want %d (%d ms)" %
                          (ev["ts"], ev["durs"][-1], want, args.tone_ms))
    # Decision 8 of the digits work: 100 ms of silence between tones.
    steps = [(b["ts"] - a["ts"]) & 0xFFFFFFFF for a, b in zip(events, events[1:])]
    for st in steps:
        if abs(st - (args.tone_ms + 100) * 8) > 8 * 25:
            errors.append("events start %d units apart, want %d (tone + "
                          "100 ms)" % (st, (args.tone_ms + 100) * 8))
    print("rfc4733: callflow sent %r on PT %d, events %s units apart" %
          (got, pt, steps))
    if got != args.expect:
        errors.append("events %r, want %r" % (got, args.expect))
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


def goertzel(block, freq, rate=8000):
    w = 2 * math.pi * freq / rate
    c = 2 * math.cos(w)
    s1 = s2 = 0.0
    for x in block:
        s1, s2 = x + c * s1 - s2, s1
    return s1 * s1 + s2 * s2 - c * s1 * s2


def block_key(block):
    """The keypad key a 20 ms block holds, or None: the strongest low and
    high group tones must carry most of the block's energy."""
    energy = sum(x * x for x in block)
    if energy / len(block) < 300.0 ** 2:          # quieter than -40 dBFS
        return None
    norm = 2.0 / (len(block) * energy)
    lo = [goertzel(block, f) * norm for f in LOW]
    hi = [goertzel(block, f) * norm for f in HIGH]
    i, j = lo.index(max(lo)), hi.index(max(hi))
    if lo[i] < 0.2 or hi[j] < 0.2 or lo[i] + hi[j] < 0.7:
        return None
    return KEYPAD[i][j]


def run_tones(args):
    _sdp, stream = callflow_stream(args.pcap, args.call)
    pcm = audio.ulaw_decode(b"".join(p["payload"] for _t, p in stream
                                     if p["pt"] == 0))
    keys = [block_key(pcm[i:i + 160]) for i in range(0, len(pcm) - 159, 160)]
    runs = []                     # [key, blocks]
    for k in keys:
        if runs and runs[-1][0] == k:
            runs[-1][1] += 1
        else:
            runs.append([k, 1])
    tones = [(k, n) for k, n in runs if k and n >= 2]   # >= 40 ms
    got = "".join(k for k, _n in tones)
    print("tones: %d ms of PCMU; tones %s (key, ms)" %
          (len(pcm) // 8, [(k, n * 20) for k, n in tones]))
    errors = []
    if got != args.expect:
        errors.append("tones %r, want %r" % (got, args.expect))
    for k, n in tones:
        # A 20 ms block straddling a tone edge may not count.
        if not args.tone_ms - 40 <= n * 20 <= args.tone_ms + 20:
            errors.append("tone %s lasts about %d ms, want %d" %
                          (k, n * 20, args.tone_ms))
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("timeline")
    t.add_argument("--bin", required=True)
    t.add_argument("--data-dir", required=True)
    t.add_argument("--number", required=True)
    t.add_argument("--from", dest="source",
                   help="only the call from this SourcePhoneNumber")
    t.add_argument("--out", required=True)
    t.add_argument("--expect", action="append", default=[])
    t.add_argument("--count", action="append", default=[])
    t.add_argument("--action-ms", action="append", default=[])
    t.add_argument("--response-has", action="append", default=[])
    t.add_argument("--wait", type=float, default=10.0)
    for name in ("rfc4733", "tones"):
        p = sub.add_parser(name)
        p.add_argument("pcap")
        p.add_argument("--expect", required=True)
        p.add_argument("--tone-ms", type=int, default=100)
        p.add_argument("--call", type=int, default=1,
                       help="the call's rank in the capture")
    args = ap.parse_args()
    return {"timeline": run_timeline, "rfc4733": run_rfc4733,
            "tones": run_tones}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
