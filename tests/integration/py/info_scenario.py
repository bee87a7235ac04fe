#!/usr/bin/python3
"""info_scenario.py DIGITS [--first-ms N] [--gap-ms N] > scenario.xml

Writes a runnable sipp scenario from scenarios/uac_info_digits.xml: after
the call is answered and --first-ms have passed, one SIP INFO
(application/dtmf-relay) per digit of DIGITS, --gap-ms apart; a "," in
DIGITS waits 500 ms more (as SendDigits does). DIGITS may be empty. Then
it waits for the server's BYE."""
import argparse
import os
import re
import sys

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "scenarios", "uac_info_digits.xml")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("digits")
    ap.add_argument("--first-ms", type=int, default=500)
    ap.add_argument("--gap-ms", type=int, default=100)
    args = ap.parse_args()
    with open(TEMPLATE) as f:
        xml = f.read()
    m = re.search(r"  <!-- info: begin -->\n(.*?)  <!-- info: end -->\n",
                  xml, re.S)
    if not m or not re.fullmatch(r"[0-9*#A-D,]*", args.digits):
        raise SystemExit("bad template or digits")
    out = ['  <pause milliseconds="%d"/>\n' % args.first_ms]
    cseq = 2
    for i, d in enumerate(args.digits):
        if d == ",":
            out.append('  <pause milliseconds="500"/>\n')
            continue
        if i:
            out.append('  <pause milliseconds="%d"/>\n' % args.gap_ms)
        out.append(m.group(1).replace("@SIGNAL@", d)
                   .replace("@CSEQ@", str(cseq)))
        cseq += 1
    sys.stdout.write(xml[:m.start()] + "".join(out) + xml[m.end():])
    return 0


if __name__ == "__main__":
    sys.exit(main())
