#!/bin/bash
# conformance_sip: a few cases of the conformance suite (tests/conformance,
# run there through `callflow simulate`) through real SIP calls from sipp,
# checked in the handler timeline the CDR store keeps (`callflow cdr show
# --json`): that the simulator and a real call agree.
#   invalid_recovery  §7.9/§8.6: a refused reply (TooManyActions) gives
#                     INVALID_LAMBDA_RESPONSE; the reply to that is used
#   failed_drops      §7.6/§8.3: ACTION_FAILED drops the rest of the list
#   attributes        §9: TransactionAttributes set, added to, cleared
#   headers           §6: SipHeaders (X-, User-to-User, Diversion; not
#                     Subject), CallDetails and Participants shape
#   retry             §8.7: a failed invocation is retried, same Sequence
# Every call: Sequence counts every invocation (1, 2, 3, ...).
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

H=$HERE/handlers
sma()
{
	echo "    { SipMediaApplicationId = \"conf-$1\", AwsRegion = \"eu-central-1\","
	echo "      Endpoints = { { Script = \"$H/conf_$1.lua\" } } },"
}
rule()
{
	echo "    { SipRuleId = \"rule-$2\", TriggerType = \"ToPhoneNumber\", TriggerValue = \"$1\","
	echo "      TargetApplications = { { SipMediaApplicationId = \"conf-$2\", Priority = 1 } } },"
}
# One handler worker: conf_retry.lua remembers its first failure in a
# global of its Lua state.
write_config "$T/config.lua" <<EOF
  account = { AwsAccountId = "111122223333", AwsRegion = "eu-central-1" },
  handler = { workers = 1 },
  PhoneNumbers = {
    { E164PhoneNumber = "+15550201" }, { E164PhoneNumber = "+15550202" },
    { E164PhoneNumber = "+15550203" }, { E164PhoneNumber = "+15550204" },
    { E164PhoneNumber = "+15550205" },
  },
  SipMediaApplications = {
$(sma invalid_recovery)
$(sma failed_drops)
$(sma attributes)
$(sma headers)
$(sma retry)
  },
  SipRules = {
$(rule +15550201 invalid_recovery)
$(rule +15550202 failed_drops)
$(rule +15550203 attributes)
$(rule +15550204 headers)
$(rule +15550205 retry)
  },
EOF
server_start "$T/config.lua"

# The INVITE of the headers case: uac_expect_final.xml with custom headers
# (and one, Subject, that must not reach the handler).
UUI="616d617a6f6e5f6368696d655f636f6e6e6563745f696e746567726174696f6e;encoding=hex"
DIV="sip:+11234567891@public.test.com;reason=unconditional"
hdr_sf=$T/uac_headers_486.xml
sed -e 's/@CODE@/486/g' \
    -e "/^      Max-Forwards: 70\$/{
a\\      X-Account-Id: abc
a\\      User-to-User: $UUI
a\\      Diversion: <$DIV>
a\\      Subject: not for the handler
}" "$HERE/scenarios/uac_expect_final.xml" >"$hdr_sf"
# Only the INVITE gets them (the ACK's Max-Forwards is followed by CSeq ACK
# lines too): keep the first block only.
"$PY" - "$hdr_sf" <<'PY' || die "could not build the headers scenario"
import sys
p = sys.argv[1]
s = open(p).read()
block = s[s.index("      X-Account-Id"):s.index("      Subject: not for the handler\n")
          + len("      Subject: not for the handler\n")]
first = s.index(block) + len(block)
s = s[:first] + s[first:].replace(block, "")
open(p, "w").write(s)
PY

# name number final-status [scenario]
call()
{
	local sf=${4:-$(scenario_final "$3")}
	note "call $2 ($1): want $3"
	sipp_call "$1" "$sf" "$2" ||
		die "$1: no $3 (sipp exit $?): $(tail -n 30 "$T/sipp-$1.log")"
	server_alive
}
call invalid_recovery +15550201 486
call failed_drops +15550202 480
call attributes +15550203 486
call headers +15550204 486 "$hdr_sf"
call retry +15550205 486

# show NAME NUMBER STATUS: the call's whole record (legs, timeline) in
# $T/NAME.json, once its CDR row says it ended with STATUS
show()
{
	local tid
	cdr_wait --where DestinationPhoneNumber="$2" --count 1 --expect sip_status="$3" \
		--expect hangup_cause=application-hangup
	tid=$("$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --print-tid \
		--where DestinationPhoneNumber="$2") || die "$1: no TransactionId"
	# The invocations are written asynchronously too: wait for HANGUP's.
	for _ in $(seq 1 50); do
		"$BIN" cdr show "$tid" --data-dir "$T/data" --json >"$T/$1.json" ||
			die "callflow cdr show $tid failed"
		grep -q '"EventType": *"HANGUP"' "$T/$1.json" && break
		sleep 0.2
	done
}
show invalid_recovery +15550201 486
show failed_drops +15550202 480
show attributes +15550203 486
show headers +15550204 486
show retry +15550205 486

note "timelines"
"$PY" - "$T" "$UUI" "$DIV" <<'PY' || die "a timeline does not conform (files in $T)"
import json, sys

T, UUI, DIV = sys.argv[1:4]
fails = []


def check(case, cond, what):
    if not cond:
        fails.append("%s: %s" % (case, what))
    return cond


def get(v, path):
    for p in path.split("."):
        if isinstance(v, list):
            v = v[int(p) - 1] if p.isdigit() and int(p) <= len(v) else None
        elif isinstance(v, dict):
            v = v.get(p)
        else:
            return None
    return v


def load(case):
    call = json.load(open("%s/%s.json" % (T, case)))
    tl = call.get("Timeline") or []
    invs = [e for e in tl if e.get("Kind") == "Invocation"]
    acts = [e for e in tl if e.get("Kind") == "Action"]
    print("%s: invocations %s" % (case, [(i["Sequence"], i["EventType"],
          i.get("Error")) for i in invs]))
    print("%s: actions %s" % (case, [(a["Sequence"], a["Index"], a["Type"],
          a["Result"]) for a in acts]))
    return invs, acts


def expect(case, invs, want):
    """want: (Sequence, EventType, {dotted path in the event: value},
    error substring or None) per invocation, in order."""
    check(case, len(invs) == len(want), "%d invocations, want %d" %
          (len(invs), len(want)))
    for n, (inv, (seq, et, fields, err)) in enumerate(zip(invs, want), 1):
        ev = inv.get("Event") or {}
        check(case, inv["Sequence"] == seq and ev.get("Sequence") == seq,
              "invocation %d: Sequence %s/%s, want %d" % (n, inv["Sequence"],
              ev.get("Sequence"), seq))
        check(case, inv["EventType"] == et and
              ev.get("InvocationEventType") == et,
              "invocation %d: %s, want %s" % (n, inv["EventType"], et))
        for k, v in fields.items():
            got = get(ev, k)
            check(case, got == v, "invocation %d (%s): %s is %r, want %r" %
                  (n, et, k, got, v))
        if err:
            check(case, err in (inv.get("Error") or ""),
                  "invocation %d: error %r does not mention %r" %
                  (n, inv.get("Error"), err))
        else:
            check(case, not inv.get("Error"), "invocation %d: unexpected "
                  "error %r" % (n, inv.get("Error")))


# §7.9, §8.6
invs, acts = load("invalid_recovery")
expect("invalid_recovery", invs, [
    (1, "NEW_INBOUND_CALL", {}, "TooManyActions"),
    (2, "INVALID_LAMBDA_RESPONSE", {"ErrorType": "TooManyActions",
     "ActionData.ErrorType": "TooManyActions"}, None),
    (3, "HANGUP", {"ActionData.Parameters.SipResponseCode": 486}, None),
])
check("invalid_recovery", [(a["Sequence"], a["Type"]) for a in acts] ==
      [(2, "Hangup")], "only the Hangup of the second reply may run")

# §7.6, §8.3
invs, acts = load("failed_drops")
expect("failed_drops", invs, [
    (1, "NEW_INBOUND_CALL", {}, None),
    (2, "ACTION_FAILED", {"ActionData.Type": "Pause",
     "ActionData.ErrorType": "InvalidActionParameter",
     "ActionData.Parameters.DurationInMilliseconds": 50}, None),
    (3, "HANGUP", {"ActionData.Parameters.SipResponseCode": 480}, None),
])
check("failed_drops", [(a["Sequence"], a["Index"], a["Type"], a["Result"])
      for a in acts] == [(1, 0, "Pause", "Succeeded"),
                         (1, 1, "Pause", "Failed"),
                         (2, 0, "Hangup", "Succeeded")],
      "the 486 Hangup after the failed Pause must not run")
ev = invs[1].get("Event") or {} if len(invs) > 1 else {}
check("failed_drops", "Actions[1].Parameters.DurationInMilliseconds" in
      (get(ev, "ActionData.ErrorMessage") or ""),
      "ErrorMessage does not name the field path")

# §9
invs, acts = load("attributes")
expect("attributes", invs, [
    (1, "NEW_INBOUND_CALL", {"CallDetails.TransactionAttributes": None}, None),
    (2, "ACTION_SUCCESSFUL", {"CallDetails.TransactionAttributes": {"a": "1"}},
     None),
    (3, "ACTION_SUCCESSFUL", {"CallDetails.TransactionAttributes":
     {"a": "1", "b": "2"}}, None),
    (4, "HANGUP", {"CallDetails.TransactionAttributes": None}, None),
])

# §6
invs, acts = load("headers")
expect("headers", invs, [
    (1, "NEW_INBOUND_CALL", {
        "CallDetails.AwsAccountId": "111122223333",
        "CallDetails.AwsRegion": "eu-central-1",
        "CallDetails.SipRuleId": "rule-headers",
        "CallDetails.SipMediaApplicationId": "conf-headers",
        "CallDetails.Participants.1.ParticipantTag": "LEG-A",
        "CallDetails.Participants.1.Direction": "Inbound",
        "CallDetails.Participants.1.From": "+15551234567",
        "CallDetails.Participants.1.To": "+15550204",
        "CallDetails.Participants.1.Status": "Connected",
        "CallDetails.Participants.1.SipHeaders": {
            "X-Account-Id": "abc", "User-to-User": UUI,
            "Diversion": "<%s>" % DIV},
    }, None),
    (2, "HANGUP", {"CallDetails.Participants.1.Status": "Disconnected",
     "CallDetails.Participants.1.SipHeaders.X-Account-Id": "abc"}, None),
])
if invs:
    ev = invs[0].get("Event") or {}
    st = get(ev, "CallDetails.Participants.1.StartTimeInMilliseconds")
    check("headers", isinstance(st, str) and st.isdigit() and len(st) >= 13,
          "StartTimeInMilliseconds %r is not epoch ms as a string" % (st,))
    check("headers", "ActionData" not in ev, "NEW_INBOUND_CALL has ActionData")
    tid = get(ev, "CallDetails.TransactionId")
    check("headers", all(get(i.get("Event") or {}, "CallDetails.TransactionId")
          == tid for i in invs), "TransactionId changed during the call")

# §8.7
invs, acts = load("retry")
expect("retry", invs, [
    (1, "NEW_INBOUND_CALL", {}, "first attempt fails on purpose"),
    (1, "NEW_INBOUND_CALL", {}, None),
    (2, "HANGUP", {"ActionData.Parameters.SipResponseCode": 486}, None),
])

for f in fails:
    print("FAIL: " + f)
sys.exit(1 if fails else 0)
PY

server_stop
