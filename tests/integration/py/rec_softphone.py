#!/usr/bin/python3
"""rec_softphone.py - rec_check.py's voicemail checks for a message left
from a softphone (standard library only).

  rec_softphone.py voicemail SHOW --storage DIR --ref SENT.wav --tail-s S
                   [--slack S]
      Everything `rec_check.py voicemail` checks, except that the audio
      recorded after the message may be S +/- slack s long: a softphone's
      key press is timed from its call-established event, not from the
      audio it sends, and counts when the press ends, so it lands within
      a fraction of a second, not 0.02 s.
  rec_softphone.py heard DEC.wav --ref SENT.wav
      The softphone's recording of what it received (DEC.wav, 8 kHz
      16-bit) holds all of SENT: the message was played back to it.
Prints what it measured; exits 1 with the reasons when a check fails."""
import argparse
import sys

import rec_check

TAIL_ERROR = "recorded after the message, want"


def run_voicemail(args):
    """rec_check's own run, its exact-tail verdict swapped for ours."""
    seen = {}
    errors = []
    match = rec_check.check_match

    def spy(name, rec, ref, errs, **kw):
        lag = match(name, rec, ref, errs, **kw)
        seen["tail"] = (len(rec) - lag - len(ref)) / rec_check.RATE
        return lag

    rec_check.check_match = spy
    rec_check.fail = errors.extend
    rec_check.run_voicemail(args)
    errors = [e for e in errors if TAIL_ERROR not in e]
    if "tail" in seen:
        tail = seen["tail"]
        if abs(tail - args.tail_s) > args.slack:
            errors.append("%.3f s recorded after the message, want %.2f "
                          "+/- %.2f s" % (tail, args.tail_s, args.slack))
    return report(errors)


def run_heard(args):
    errors = []
    dec = rec_check.read_pcm(args.dec, errors, 1)
    ref = rec_check.read_pcm(args.ref, errors)[0]
    if not errors:
        rec_check.check_match("heard", dec[0], ref, errors, whole=True)
    return report(errors)


def report(errors):
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
    p.add_argument("--slack", type=float, default=0.3)
    p = sub.add_parser("heard")
    p.add_argument("dec")
    p.add_argument("--ref", required=True)
    args = ap.parse_args()
    return {"voicemail": run_voicemail, "heard": run_heard}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
