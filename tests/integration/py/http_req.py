#!/usr/bin/python3
"""http_req.py - one HTTP request to callflow's REST API and checks on the
reply (standard library only).

  http_req.py METHOD URL [--body TEXT | --args N] [--status N]
              [--error-type T] [--code C] [--message-has TEXT]
              [--json-has KEY.PATH=VALUE]...

--args N sends {"Arguments": {"k1": "v1", ... "kN": "vN"}}. --error-type
is the x-amzn-ErrorType header; --code and --message-has read the JSON
error body (Code, Message). Prints the reply; exits 1 when a check fails."""
import argparse
import http.client
import json
import sys
import urllib.parse


def get(doc, path):
    for part in path.split("."):
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("method")
    ap.add_argument("url")
    ap.add_argument("--body")
    ap.add_argument("--args", type=int)
    ap.add_argument("--status", type=int)
    ap.add_argument("--error-type")
    ap.add_argument("--code")
    ap.add_argument("--message-has")
    ap.add_argument("--json-has", action="append", default=[])
    a = ap.parse_args()

    body = a.body
    if a.args is not None:
        body = json.dumps({"Arguments": {"k%d" % i: "v%d" % i
                                         for i in range(1, a.args + 1)}})
    u = urllib.parse.urlsplit(a.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(a.method, u.path, body=body, headers=headers)
    r = conn.getresponse()
    text = r.read().decode("utf-8", "replace")
    etype = r.getheader("x-amzn-ErrorType")
    print("%s %s -> %d %s x-amzn-ErrorType=%s %s" % (
        a.method, u.path, r.status, r.reason, etype, text))
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None

    errors = []
    if a.status is not None and r.status != a.status:
        errors.append("status %d, want %d" % (r.status, a.status))
    if a.error_type is not None and etype != a.error_type:
        errors.append("x-amzn-ErrorType %r, want %r" % (etype, a.error_type))
    if r.getheader("Content-Type", "").split(";")[0] != "application/json":
        errors.append("Content-Type %r, want application/json"
                      % r.getheader("Content-Type"))
    if a.code is not None and get(doc, "Code") != a.code:
        errors.append("Code %r, want %r" % (get(doc, "Code"), a.code))
    if a.message_has is not None and \
            a.message_has not in str(get(doc, "Message")):
        errors.append("Message %r does not mention %r"
                      % (get(doc, "Message"), a.message_has))
    for spec in a.json_has:
        k, _, v = spec.partition("=")
        if str(get(doc, k)) != v:
            errors.append("%s is %r, want %r" % (k, get(doc, k), v))
    for e in errors:
        print("FAIL: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
