#!/usr/bin/python3
"""baresip_ctrl.py - drive a running baresip through its ctrl_tcp module
(netstrings of JSON on TCP), one step after the other on one connection.

  baresip_ctrl.py [--port 4470] [--timeout S] STEP...
    "wait TYPE"     wait for the event TYPE (e.g. CALL_ESTABLISHED)
    "sleep SECS"    pause
    "COMMAND ARGS"  any menu command, e.g. "dial sip:x@h" or "sndcode 1"
                    (sndcode sends each character as a key press, RFC 4733)
Prints every event and response; exits 1 when a command is refused, a
wait times out, or the call closes while waiting for something else."""
import argparse
import json
import socket
import sys
import time


class Ctrl:
    def __init__(self, port, timeout):
        end = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), 1)
                break
            except OSError:
                if time.monotonic() > end:
                    raise SystemExit("FAIL: baresip's ctrl_tcp on port %d "
                                     "does not answer" % port)
                time.sleep(0.1)
        self.buf = b""
        self.token = 0

    def read(self, deadline):
        """The next message (dict), or None at the deadline."""
        while True:
            colon = self.buf.find(b":")
            if colon > 0:
                n = int(self.buf[:colon])
                if len(self.buf) >= colon + 2 + n:
                    msg = self.buf[colon + 1:colon + 1 + n]
                    self.buf = self.buf[colon + 2 + n:]
                    return json.loads(msg)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not data:
                raise SystemExit("FAIL: baresip closed the control connection")
            self.buf += data

    def command(self, cmd, params, timeout):
        self.token += 1
        tok = "t%d" % self.token
        body = json.dumps({"command": cmd, "params": params, "token": tok})
        self.sock.sendall(b"%d:%s," % (len(body), body.encode()))
        deadline = time.monotonic() + timeout
        while True:
            msg = self.read(deadline)
            if msg is None:
                raise SystemExit("FAIL: no response to %r" % cmd)
            show(msg)
            if msg.get("response") and msg.get("token") == tok:
                if not msg.get("ok"):
                    raise SystemExit("FAIL: baresip refused %r" % cmd)
                return

    def wait(self, typ, timeout):
        deadline = time.monotonic() + timeout
        while True:
            msg = self.read(deadline)
            if msg is None:
                raise SystemExit("FAIL: no %s event within %g s" % (typ, timeout))
            show(msg)
            if msg.get("event") and msg.get("type") == typ:
                return
            if msg.get("event") and msg.get("type") == "CALL_CLOSED":
                raise SystemExit("FAIL: the call closed while waiting for %s"
                                 % typ)


def show(msg):
    if msg.get("event"):
        print("%.3f event %s %s" % (time.time(), msg.get("type"),
                                    msg.get("param", "")), flush=True)
    else:
        print("%.3f response %s ok=%s %s" % (
            time.time(), msg.get("token"), msg.get("ok"),
            str(msg.get("data", "")).strip()[:100]), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=4470)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("steps", nargs="+")
    args = ap.parse_args()
    ctrl = Ctrl(args.port, args.timeout)
    for step in args.steps:
        verb, _, arg = step.partition(" ")
        print("%.3f step %s" % (time.time(), step), flush=True)
        if verb == "wait":
            ctrl.wait(arg, args.timeout)
        elif verb == "sleep":
            time.sleep(float(arg))
        else:
            ctrl.command(verb, arg, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
