#!/usr/bin/python3
"""analyze.py - the benchmark's measurements (standard library only).

  analyze.py sample PID DB OUT        every 0.25 s until killed: time, VmRSS,
                                      utime+stime, calls in progress
  analyze.py step  [options]          figures of one load step, as JSON
  analyze.py table FILE [--late-floor N]  the steps' JSON lines as a table
"""
import argparse
import json
import os
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "integration", "py"))
import rtp_check  # noqa: E402  (pcap reader shared with the tests)

TCK = os.sysconf("SC_CLK_TCK")


def proc_cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        rest = f.read().rsplit(")", 1)[1].split()
    return int(rest[11]) + int(rest[12])      # utime + stime


def proc_rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def db_open(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=5)
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def udp_drops(seen):
    """Cumulative receive drops of callflow's RTP sockets (ports 20000-39999)
    and of the other UDP sockets (sipp), from /proc/net/udp; seen keeps the
    last count of sockets that have closed since."""
    try:
        with open("/proc/net/udp") as f:
            next(f)
            for line in f:
                c = line.split()
                seen[c[9]] = (int(c[1].split(":")[1], 16), int(c[12]))
    except (OSError, IndexError, ValueError):
        pass
    cf = sum(d for p, d in seen.values() if 20000 <= p <= 39999)
    return cf, sum(d for _p, d in seen.values()) - cf


def cmd_sample(a):
    db = None
    seen = {}
    with open(a.out, "a") as out:
        while True:
            try:
                rss, cpu = proc_rss_kb(a.pid), proc_cpu_ticks(a.pid)
            except OSError:
                return 0
            n = -1
            try:
                db = db or db_open(a.db)
                n = db.execute("SELECT COUNT(*) FROM legs WHERE Status = "
                               "'InProgress' AND answer_ms > 0").fetchone()[0]
            except sqlite3.Error:
                db = None
            cf, other = udp_drops(seen)
            out.write("%.3f %d %d %d %d %d\n" % (time.time(), rss, cpu, n,
                                                cf, other))
            out.flush()
            time.sleep(0.25)


def pct(vals, p):
    if not vals:
        return None
    vals = sorted(vals)
    return vals[min(len(vals) - 1, int(round(p / 100.0 * (len(vals) - 1))))]


def tx_sample(path):
    """Loss and lateness of the streams callflow sent during the capture."""
    streams = {}
    for t, _s, sport, _d, _dp, pl in rtp_check.pcap_packets(path):
        p = rtp_check.parse_rtp(pl)
        if p and p["pt"] in (0, 8):
            streams.setdefault((sport, p["ssrc"]), []).append((t, p))
    pkts = lost = late = 0
    lateness = []
    for pk in streams.values():
        if len(pk) < 10:
            continue
        pkts += len(pk)
        seqs = [p["seq"] for _, p in pk]
        span = (seqs[-1] - seqs[0]) & 0xFFFF
        lost += max(0, span + 1 - len(set(seqs)))
        t0, ts0 = pk[0][0], pk[0][1]["ts"]
        off = [t - t0 - ((p["ts"] - ts0) & 0xFFFFFFFF) / 8000.0 for t, p in pk]
        best = min(off)
        for o in off:
            lateness.append((o - best) * 1000)
            late += (o - best) * 1000 > 20.0
    return {"streams": len(streams), "packets": pkts, "lost": lost,
            "late": late, "late_p99_ms": pct(lateness, 99)}


def sipp_stats(path):
    """Last cumulative line of sipp's -trace_stat CSV."""
    with open(path) as f:
        lines = [l.rstrip("\n").split(";") for l in f if l.strip()]
    head, last = lines[0], lines[-1]
    row = dict(zip(head, last))
    return int(row.get("SuccessfulCall(C)", 0)), int(row.get("FailedCall(C)", 0))


def cmd_step(a):
    db = db_open(a.db)
    legs = db.execute(
        "SELECT TransactionId, Status, start_ms, answer_ms, end_ms,"
        " rtp_rx_lost, rtp_rx_late, rtp_rx_packets, rtp_tx_packets FROM legs"
        " WHERE start_ms >= ? AND start_ms < ?", (a.since_ms, a.until_ms)
    ).fetchall()
    tids = [l[0] for l in legs]
    done = [l for l in legs if l[1] == "Completed" and l[3] and l[4]]
    call_s = sum((l[4] - l[3]) / 1000.0 for l in done)
    starts = sorted(l[2] for l in legs)
    cps = ((len(starts) - 1) * 1000.0 / (starts[-1] - starts[0])
           if len(starts) > 1 and starts[-1] > starts[0] else 0.0)
    hus = []
    for i in range(0, len(tids), 500):
        chunk = tids[i:i + 500]
        hus += [r[0] for r in db.execute(
            "SELECT handler_us FROM invocations WHERE TransactionId IN (%s)"
            % ",".join("?" * len(chunk)), chunk)]
    samples = []
    with open(a.samples) as f:
        for line in f:
            t, rss, cpu, n, cf, other = line.split()
            if a.since_ms / 1000.0 <= float(t) <= a.until_ms / 1000.0:
                samples.append((float(t), int(rss), int(cpu), int(n),
                                int(cf), int(other)))
    peak_n = max((s[3] for s in samples), default=0)
    at_peak = [s[1] for s in samples if s[3] == peak_n]
    rss_per_call = ((max(at_peak) - a.base_rss_kb) / peak_n
                    if peak_n > 0 and at_peak else None)
    ok, failed = sipp_stats(a.stat)
    tx = tx_sample(a.pcap) if a.pcap and os.path.exists(a.pcap) else {}
    res = {
        "level": a.level, "rate": a.rate, "sipp_ok": ok, "sipp_failed": failed,
        "completed": len(done), "legs": len(legs), "peak_concurrent": peak_n,
        "cps": round(cps, 1), "call_seconds": round(call_s, 1),
        "cpu_us_per_call_s": (round(a.cpu_ticks * 1e6 / TCK / call_s, 1)
                              if call_s else None),
        "cpu_percent": round(100.0 * a.cpu_ticks / TCK / a.wall_s, 1),
        "rss_kb_per_call": (round(rss_per_call, 1)
                            if rss_per_call is not None else None),
        "peak_rss_kb": max((s[1] for s in samples), default=0),
        "handler_us_p50": pct(hus, 50), "handler_us_p99": pct(hus, 99),
        "rx_lost": sum(l[5] or 0 for l in legs),
        "rx_late": sum(l[6] or 0 for l in legs),
        "rx_packets": sum(l[7] or 0 for l in legs),
        "tx_packets": sum(l[8] or 0 for l in legs),
        "tx_sample": tx,
        "udp_drops_callflow": (samples[-1][4] - samples[0][4]) if samples else 0,
        "udp_drops_other": (samples[-1][5] - samples[0][5]) if samples else 0,
    }
    print(json.dumps(res))
    return 0


def fmt(v, spec="%s"):
    return "-" if v is None else spec % v


def cmd_table(a):
    rows = [json.loads(l) for l in open(a.file) if l.strip()]
    head = ("calls", "peak", "cps", "ok/fail", "tx lost/late",
            "tx p99 late", "rx lost/late", "drops cf/sipp",
            "CPU%", "CPU us/call-s",
            "RSS KB/call", "handler p50/p99 us")
    out = [head]
    for r in rows:
        tx = r.get("tx_sample") or {}
        out.append((
            str(r["level"]), str(r["peak_concurrent"]), "%.1f" % r["cps"],
            "%d/%d" % (r["sipp_ok"], r["sipp_failed"]),
            ("%d/%d of %d" % (tx["lost"], tx["late"], tx["packets"])
             if tx else "-"),
            fmt(tx.get("late_p99_ms"), "%.1f ms"),
            "%d/%d of %d" % (r["rx_lost"], r["rx_late"], r["rx_packets"]),
            "%d/%d" % (r["udp_drops_callflow"], r["udp_drops_other"]),
            fmt(r["cpu_percent"], "%.0f"),
            fmt(r["cpu_us_per_call_s"], "%.0f"),
            fmt(r["rss_kb_per_call"], "%.0f"),
            "%s/%s" % (fmt(r["handler_us_p50"]), fmt(r["handler_us_p99"])),
        ))
    w = [max(len(row[i]) for row in out) for i in range(len(head))]
    for n, row in enumerate(out):
        print("  ".join(c.rjust(w[i]) for i, c in enumerate(row)))
        if n == 0:
            print("  ".join("-" * x for x in w))
    # Judged on callflow's side: what it sent (the tshark sample), what its
    # own sockets dropped, and rx lateness above the floor an idle call
    # already shows (--late-floor). rx loss is only callflow's when the
    # peer's socket (sipp's RTP echo) dropped nothing.
    def clean(r):
        tx = r.get("tx_sample") or {}
        return (r["sipp_failed"] == 0 and r["completed"] == r["sipp_ok"] and
                tx.get("lost", 0) == 0 and tx.get("late", 0) == 0 and
                r["udp_drops_callflow"] == 0 and
                r["rx_late"] <= a.late_floor * r["completed"] and
                (r["rx_lost"] == 0 or r["udp_drops_other"] > 0))
    good = [r for r in rows if clean(r)]
    print()
    if a.late_floor:
        print("note: one call on an idle server already reports rx_late %d; "
              "steps are judged on late packets above that" % a.late_floor)
    peer = [r for r in rows if r["udp_drops_other"] > 0]
    if peer:
        print("note: from %d calls on, sipp's RTP echo socket dropped packets "
              "(drops cf/sipp): the rx loss there is the load generator's"
              % peer[0]["level"])
    if good:
        best = max(good, key=lambda r: r["peak_concurrent"])
        print("max concurrent calls with no lost/late packets from callflow: "
              "%d (step of %d%s)" % (best["peak_concurrent"], best["level"],
                                    ", the highest run" if best is rows[-1]
                                    else ""))
        print("calls/s sustained at that step: %.1f" % best["cps"])
        print("CPU per call-second: %s us;  RSS per call: %s KB"
              % (fmt(best["cpu_us_per_call_s"], "%.0f"),
                 fmt(best["rss_kb_per_call"], "%.0f")))
    else:
        print("no step ran without failed calls or lost/late packets")
    hs = [r for r in rows if r["handler_us_p50"] is not None]
    if hs:
        print("handler invocation time: p50 %s us, p99 %s us (worst step)"
              % (max(r["handler_us_p50"] for r in hs),
                 max(r["handler_us_p99"] for r in hs)))
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("pid", type=int)
    s.add_argument("db")
    s.add_argument("out")
    s = sub.add_parser("step")
    for k in ("db", "samples", "stat"):
        s.add_argument("--" + k, required=True)
    s.add_argument("--pcap")
    for k in ("level", "since-ms", "until-ms", "cpu-ticks", "base-rss-kb"):
        s.add_argument("--" + k, type=int, required=True)
    s.add_argument("--rate", type=float, required=True)
    s.add_argument("--wall-s", type=float, required=True)
    s = sub.add_parser("table")
    s.add_argument("file")
    s.add_argument("--late-floor", type=int, default=0,
                   help="rx_late of a single call on an idle server")
    a = ap.parse_args()
    return {"sample": cmd_sample, "step": cmd_step, "table": cmd_table}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
