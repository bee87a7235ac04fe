#!/usr/bin/python3
"""siptool.py - raw SIP over UDP for the integration tests (standard library
only): an OPTIONS/REGISTER probe, and a suite of malformed requests that the
server must survive (answer 400, or drop them) while still serving."""
import argparse
import random
import socket
import sys
import time

SERVER = ("127.0.0.1", 5060)


def new_sock():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    return s


def parse_status(data):
    """'SIP/2.0 200 OK' -> 200; None for requests and garbage."""
    line = data.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = line.split(" ", 2)
    if len(parts) >= 2 and parts[0] == "SIP/2.0" and parts[1].isdigit():
        return int(parts[1])
    return None


def header(data, name):
    for line in data.decode("latin-1", "replace").split("\r\n")[1:]:
        if not line:
            break
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None


def collect(sock, call_id, wait, until_final=True):
    """Responses for call_id until a final one (or `wait` seconds)."""
    out = []
    end = time.monotonic() + wait
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return out
        sock.settimeout(left)
        try:
            data, _ = sock.recvfrom(65535)
        except socket.timeout:
            return out
        st = parse_status(data)
        if st is None:
            continue
        if call_id and header(data, "Call-ID") not in (call_id, None):
            continue
        out.append((st, data))
        if until_final and st >= 200:
            return out


def request(method, sock, ruri, call_id, branch, extra="", body=b"",
            content_length=None, ctype=None, aor=None):
    """A request; aor (a REGISTER's address of record) goes in From/To."""
    port = sock.getsockname()[1]
    if content_length is None:
        content_length = str(len(body))
    lines = [
        "%s %s SIP/2.0" % (method, ruri),
        "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=%s;rport" % (port, branch),
        "Max-Forwards: 70",
        "From: <%s>;tag=t%s" % (aor or "sip:tester@127.0.0.1:%d" % port,
                                branch[-6:]),
        "To: <%s>" % (aor or ruri),
        "Call-ID: %s" % call_id,
        "CSeq: 1 %s" % method,
        "Contact: <sip:tester@127.0.0.1:%d>" % port,
    ]
    if ctype:
        lines.append("Content-Type: %s" % ctype)
    if extra:
        lines.append(extra)
    lines.append("Content-Length: %s" % content_length)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def probe(method, timeout, extra=""):
    """Send OPTIONS or REGISTER; return the final status (None: no answer)."""
    s = new_sock()
    cid = "probe-%d-%f" % (random.randrange(1 << 30), time.time())
    ruri = "sip:127.0.0.1:%d" % SERVER[1]
    aor = None
    if method == "REGISTER":
        ruri, aor = "sip:127.0.0.1", "sip:alice@127.0.0.1"
    msg = request(method, s, ruri, cid, "z9hG4bK-%x" % random.randrange(1 << 40),
                  extra=extra, aor=aor)
    # UDP: retransmit like a SIP client would (T1 = 500 ms, shortened).
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s.sendto(msg, SERVER)
        rs = collect(s, cid, min(0.5, max(0.05, end - time.monotonic())))
        finals = [st for st, _ in rs if st >= 200]
        if finals:
            return finals[0]
    return None


SDP_GOOD = (b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            b"t=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def bad_cases(sock):
    """(name, datagram, expectation). Expectations: 'drop-or-4xx' = no
    answer, or a 4xx/5xx, never a 1xx/2xx that starts a call; 'reject' = a
    final 4xx/5xx/6xx must come back."""
    rnd = random.Random(42)
    ruri = "sip:+15550100@127.0.0.1:%d" % SERVER[1]
    inv = lambda cid, **kw: request("INVITE", sock, ruri, cid,
                                    "z9hG4bK-" + cid, **kw)
    full = inv("trunc", body=SDP_GOOD, ctype="application/sdp")
    cases = [
        ("truncated-headers", full[:full.index(b"Call-ID") + 12],
         "drop-or-4xx"),
        ("content-length-too-big",
         inv("cl-big", body=SDP_GOOD, ctype="application/sdp",
             content_length="9999"), "drop-or-4xx"),
        ("content-length-negative",
         inv("cl-neg", body=SDP_GOOD, ctype="application/sdp",
             content_length="-5"), "drop-or-4xx"),
        ("content-length-not-a-number",
         inv("cl-nan", body=SDP_GOOD, ctype="application/sdp",
             content_length="abc"), "drop-or-4xx"),
        ("garbage-bytes", bytes(rnd.randrange(256) for _ in range(700)),
         "drop-or-4xx"),
        ("garbage-after-method",
         b"INVITE " + bytes(rnd.randrange(256) for _ in range(300)),
         "drop-or-4xx"),
        ("no-sip-version", b"INVITE sip:+15550100@127.0.0.1\r\n\r\n",
         "drop-or-4xx"),
        ("missing-call-id-and-cseq",
         ("INVITE %s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-nocid"
          "\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <%s>\r\nContent-Length: 0"
          "\r\n\r\n" % (ruri, sock.getsockname()[1], ruri)).encode(),
         "drop-or-4xx"),
        ("huge-header",
         inv("huge", extra="X-Junk: " + "A" * 20000), "drop-or-4xx"),
        ("nul-bytes", b"\x00" * 200, "drop-or-4xx"),
        ("crlf-keepalive", b"\r\n\r\n", "drop-or-4xx"),
        ("garbage-sdp",
         inv("badsdp", body=b"this is not an SDP body \x01\x02 m=audio x y z\r\n",
             ctype="application/sdp"), "reject"),
        ("sdp-without-audio",
         inv("novideo", body=SDP_GOOD.replace(b"m=audio 6000 RTP/AVP 0",
                                              b"m=video 6000 RTP/AVP 96"),
             ctype="application/sdp"), "reject"),
    ]
    return cases


def send_ack(sock, resp, cid):
    """ACK a non-2xx final response to our INVITE (same branch)."""
    via = header(resp, "Via")
    to = header(resp, "To")
    frm = header(resp, "From")
    ack = ("ACK sip:+15550100@127.0.0.1:%d SIP/2.0\r\nVia: %s\r\n"
           "Max-Forwards: 70\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\n"
           "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"
           % (SERVER[1], via, frm, to, cid)).encode()
    sock.sendto(ack, SERVER)


def run_bad(_args):
    failures = 0
    sock = new_sock()
    for name, data, expect in bad_cases(sock):
        cid = None
        if b"Call-ID: " in data[:4096]:
            cid = header(data, "Call-ID")
        sock.sendto(data, SERVER)
        rs = collect(sock, cid, 3.0 if expect == "reject" else 0.7)
        statuses = [st for st, _ in rs]
        finals = [(st, d) for st, d in rs if st >= 200]
        ok = True
        why = ""
        if any(200 <= st < 300 for st in statuses):
            ok, why = False, "a malformed request was accepted"
        elif expect == "reject":
            if not finals or not 400 <= finals[0][0] < 700:
                ok, why = False, "no final 4xx/5xx/6xx within 3 s"
        elif any(100 <= st < 200 for st in statuses) and not finals:
            ok, why = False, "provisional answer but no final rejection"
        if finals and cid:
            send_ack(sock, finals[0][1], cid)
        alive = probe("OPTIONS", 3.0)
        if alive != 200:
            ok, why = False, "server stopped answering OPTIONS (got %s)" % alive
        print("%-4s %-28s responses=%s %s" % ("ok" if ok else "BAD", name,
                                               statuses or "none", why))
        failures += not ok
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["options", "register", "bad"])
    ap.add_argument("--timeout", type=float, default=3.0)
    ap.add_argument("--port", type=int, default=5060)
    args = ap.parse_args()
    global SERVER
    SERVER = ("127.0.0.1", args.port)
    if args.cmd == "bad":
        return run_bad(args)
    method = args.cmd.upper()
    extra = "Expires: 60" if method == "REGISTER" else ""
    st = probe(method, args.timeout, extra)
    print("%s -> %s" % (method, st))
    return 0 if st == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
