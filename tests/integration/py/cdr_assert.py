#!/usr/bin/python3
"""cdr_assert.py - assertions on `callflow cdr list --json` output (one JSON
object per line).

  cdr_assert.py FILE [--where K=V]... [--count N] [--expect K=V]...
                [--one-of K=V1|V2] [--contains K=TEXT]... [--matches K=RE]...
                [--range K=LO:HI]

--where selects rows (phone numbers compare without the '+'); --count is the
exact number of selected rows; every other check must hold on every selected
row. Dotted keys reach into objects (rtp.tx_packets). Exit 1 on failure."""
import argparse
import json
import re
import sys


def get(row, key):
    v = row
    for part in key.split("."):
        if not isinstance(v, dict) or part not in v:
            return None
        v = v[part]
    return v


def norm(key, v):
    s = "" if v is None else str(v)
    if key.endswith("PhoneNumber"):
        s = s.lstrip("+")
    return s


def kv(s):
    k, sep, v = s.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("want KEY=VALUE, got %r" % s)
    return k, v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--where", type=kv, action="append", default=[])
    ap.add_argument("--count", type=int)
    ap.add_argument("--expect", type=kv, action="append", default=[])
    ap.add_argument("--one-of", type=kv, action="append", default=[])
    ap.add_argument("--contains", type=kv, action="append", default=[])
    ap.add_argument("--matches", type=kv, action="append", default=[])
    ap.add_argument("--range", type=kv, action="append", default=[])
    ap.add_argument("--print-tid", action="store_true",
                    help="print the TransactionId of the first row")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    rows = []
    with open(args.file) as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as e:
                    print("FAIL: line %d is not JSON: %s" % (n, e))
                    return 1
    sel = [r for r in rows
           if all(norm(k, get(r, k)) == norm(k, v) for k, v in args.where)]
    errors = []
    if args.count is not None and len(sel) != args.count:
        errors.append("%d rows match %s, want %d" %
                      (len(sel), args.where, args.count))
    if not sel:
        errors.append("no row matches %s (of %d rows)" % (args.where, len(rows)))
    for r in sel:
        tid = r.get("TransactionId")
        for k, v in args.expect:
            if norm(k, get(r, k)) != norm(k, v):
                errors.append("%s: %s is %r, want %r" % (tid, k, get(r, k), v))
        for k, vs in args.one_of:
            if norm(k, get(r, k)) not in [norm(k, v) for v in vs.split("|")]:
                errors.append("%s: %s is %r, want one of %s" %
                              (tid, k, get(r, k), vs))
        for k, v in args.contains:
            if v.lower() not in norm(k, get(r, k)).lower():
                errors.append("%s: %s is %r, want it to mention %r" %
                              (tid, k, get(r, k), v))
        for k, v in args.matches:
            if not re.search(v, norm(k, get(r, k)), re.I):
                errors.append("%s: %s is %r, want it to match /%s/" %
                              (tid, k, get(r, k), v))
        for k, v in args.range:
            lo, _, hi = v.partition(":")
            x = get(r, k)
            if not isinstance(x, (int, float)) or not float(lo) <= x < float(hi):
                errors.append("%s: %s is %r, want [%s, %s)" % (tid, k, x, lo, hi))
    if errors:
        if not args.quiet:
            for e in errors[:20]:
                print("FAIL: " + e)
            print("rows selected:")
            for r in sel[:5]:
                print("  " + json.dumps(r, sort_keys=True))
        return 1
    if args.print_tid:
        print(sel[0].get("TransactionId"))
    elif not args.quiet:
        print("cdr ok: %d row(s) match %s" % (len(sel), args.where or "all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
