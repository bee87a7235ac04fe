#!/bin/bash
# simulate_cli: `callflow simulate` as a user meets it: the ladder and exit
# 0 for a flow whose expectations hold, exit 1 with a diff that names the
# expectation and what happened instead, exit 2 for a scenario the API
# would refuse or a run that cannot start, JSON lines with --json, and the
# simulated call's timeline in the CDR with --data.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || die "no $ROOT"
HELLO=examples/hello.lua

note "hello.lua with its scenario: ladder, exit 0"
"$BIN" simulate $HELLO --scenario examples/hello.scenario.lua \
	>"$T/ok.out" 2>"$T/ok.err" || die "exit $? (want 0): $(cat "$T/ok.err")"
grep -q "Speak starts on LEG-A (answers: 200 OK)" "$T/ok.out" ||
	die "no Speak in the ladder: $(cat "$T/ok.out")"
grep -q "PlayAudio succeeded" "$T/ok.out" || die "no PlayAudio result"
grep -q "^ *[0-9.]*  end: .*caller saw 200.*expectations met" "$T/ok.out" ||
	die "no end line with the verdict: $(tail -n 2 "$T/ok.out")"

note "a wrong expectation: exit 1 and a diff on stderr"
cat >"$T/wrong.lua" <<'SCEN'
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Speak", "Hangup" } },
  },
  expect_end = { sip_status = 486 },
}
SCEN
"$BIN" simulate $HELLO --scenario "$T/wrong.lua" >"$T/wrong.out" \
	2>"$T/wrong.err"
rc=$?
[ $rc = 1 ] || die "exit $rc (want 1): $(cat "$T/wrong.err")"
grep -q 'expect\[1\] (NEW_INBOUND_CALL): actions' "$T/wrong.err" ||
	die "the diff does not name expect[1]'s actions: $(cat "$T/wrong.err")"
grep -q 'expect_end.sip_status: expected 486, got 200' "$T/wrong.err" ||
	die "the diff does not show the final status: $(cat "$T/wrong.err")"

note "21 update Arguments (the API takes 20): exit 2, the field named"
cat >"$T/args.lua" <<'SCEN'
local a = {}
for i = 1, 21 do a["k" .. i] = "v" end
return { caller = { { at = 500, update = a } } }
SCEN
"$BIN" simulate $HELLO --scenario "$T/args.lua" >"$T/args.out" 2>"$T/args.err"
rc=$?
[ $rc = 2 ] || die "exit $rc (want 2): $(cat "$T/args.err")"
grep -q 'caller\[1\].update: Arguments has 21 key-value pairs' "$T/args.err" ||
	die "no field path in: $(cat "$T/args.err")"
[ -s "$T/args.out" ] && die "a refused scenario still ran: $(cat "$T/args.out")"

note "a data directory that cannot be created: exit 2"
: >"$T/file"
"$BIN" simulate $HELLO --data "$T/file/sub" >/dev/null 2>"$T/data.err"
rc=$?
[ $rc = 2 ] || die "exit $rc (want 2): $(cat "$T/data.err")"
grep -q "cannot" "$T/data.err" || die "no reason given: $(cat "$T/data.err")"

note "--json: one JSON object per line, ending with the verdict"
"$BIN" simulate $HELLO --scenario examples/hello.scenario.lua --json \
	>"$T/json.out" || die "--json: exit $?"
"$PY" - "$T/json.out" <<'PY' || die "--json output is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
kinds = [l["kind"] for l in lines]
assert kinds[0] == "caller" and lines[0]["what"] == "invite", kinds[0]
inv = [l for l in lines if l["kind"] == "invoke"]
assert [i["event_type"] for i in inv] == ["NEW_INBOUND_CALL", "HANGUP"], inv
assert inv[0]["event"]["CallDetails"]["Participants"][0]["From"] == "+15105550101"
end = lines[-1]
assert end["kind"] == "end" and end["expectations"] == "met", end
assert end["sip_status"] == 200 and end["invocations"] == 2, end
PY

note "--data keeps the call: cdr show prints its timeline"
"$BIN" simulate $HELLO --data "$T/data" --json >"$T/kept.out" ||
	die "--data: exit $?"
TID=$(tail -n 1 "$T/kept.out" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["transaction_id"])')
"$BIN" cdr show "$TID" --data-dir "$T/data" >"$T/show.out" 2>&1 ||
	die "cdr show: exit $?: $(cat "$T/show.out")"
for w in NEW_INBOUND_CALL Speak PlayAudio HANGUP; do
	grep -q "$w" "$T/show.out" || die "cdr show lacks $w: $(cat "$T/show.out")"
done
exit 0
