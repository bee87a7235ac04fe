#!/bin/bash
# update_api: the mid-call update API (UpdateSipMediaApplicationCall,
# events.md §11, docs/api.md) on a real call. sipp calls a handler that
# holds the caller with a minute-long PlayAudio; while it plays:
#  - plain HTTP: bad JSON, 21 arguments, a non-string value, no Arguments,
#    an unknown application or transaction, a wrong method or path get the
#    AWS error status, x-amzn-ErrorType and {"Code", "Message"} body;
#  - `callflow call update` (default address, then -c CONFIG) fails with
#    NotFoundException for an unknown call and succeeds for this one
#    (next=replay: the handler plays the hold music again);
#  - the AWS CLI reports the hosted service's error message for an unknown
#    transaction, then updates the call (next=hangup: Pause, Hangup).
# The caller must be hung up by that update, and the CDR timeline must show
# each CALL_UPDATE_REQUESTED with its Arguments, followed by
# ACTION_INTERRUPTED for the running PlayAudio, and the new list running.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

AWS=/usr/bin/aws
API=127.0.0.1:8080
SMA=sma-update
NUM=+15550170
[ -x "$AWS" ] || die "$AWS is missing (Debian package awscli; make deps)"
[ -f "$ROOT/examples/storage/prompts/thanks.wav" ] ||
	die "examples/storage/prompts/thanks.wav is missing (run 'make prompts')"

# Any credentials are accepted; nothing may come from the host's ~/.aws.
export AWS_ACCESS_KEY_ID=AKIDCALLFLOWTEST AWS_SECRET_ACCESS_KEY=not-checked \
	AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null \
	AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
	AWS_EC2_METADATA_DISABLED=true HOME=$T
aws_update()
{
	"$AWS" chime-sdk-voice update-sip-media-application-call \
		--endpoint-url "http://$API" --region us-east-1 "$@"
}
req()
{
	"$PY" "$HERE/py/http_req.py" "$@" >>"$T/http.log" 2>&1 ||
		soft "HTTP check failed: $(tail -n 3 "$T/http.log")"
}

cp "$HERE/handlers/update_call.lua" "$T/"
write_config "$T/config.lua" <<EOF
  http = { listen = "$API" },
$(route_lua $NUM $SMA "$T/update_call.lua")
EOF
server_start "$T/config.lua" --http $API

note "the API answers before any call"
req GET "http://$API/health" --status 200 --json-has Status=ok
req POST "http://$API/sip-media-applications/$SMA/calls/no-such-call" \
	--body '{"Arguments": {}}' --status 404 \
	--error-type NotFoundException --code NotFound \
	--message-has no-such-call

note "sipp calls $NUM and waits to be hung up"
sipp_call update uac_wait_bye.xml $NUM &
SIPP=$!
bg_track $SIPP

tid=""
for i in $(seq 1 50); do
	if cdr_list "$T/cdr.json" && tid=$("$PY" "$HERE/py/cdr_assert.py" \
		"$T/cdr.json" --print-tid --where DestinationPhoneNumber=$NUM \
		--where Status=InProgress 2>/dev/null) && [ -n "$tid" ]; then
		break
	fi
	tid=""
	sleep 0.2
done
[ -n "$tid" ] || die "no call in progress to $NUM in the CDR"
note "call in progress: TransactionId $tid"
sleep 1   # the greeting is playing
URL=http://$API/sip-media-applications/$SMA/calls/$tid

note "plain HTTP: malformed requests for this live call"
req POST "$URL" --body '{"Arguments": {"next": "hangup"' --status 400 \
	--error-type BadRequestException --code BadRequest \
	--message-has "not valid JSON"
req POST "$URL" --args 21 --status 400 --error-type BadRequestException \
	--code BadRequest --message-has "at most 20"
req POST "$URL" --body '{"Arguments": {"next": 1}}' --status 400 \
	--error-type BadRequestException --message-has "Arguments.next"
req POST "$URL" --body '{"Arguments": ["next", "hangup"]}' --status 400 \
	--error-type BadRequestException --message-has "Arguments"
req POST "$URL" --body '{}' --status 400 --error-type BadRequestException \
	--message-has "Arguments is required"
req POST "$URL" --status 400 --error-type BadRequestException
req POST "$URL" --body '[1, 2]' --status 400 \
	--error-type BadRequestException
req POST "http://$API/sip-media-applications/no-such-sma/calls/$tid" \
	--body '{"Arguments": {"next": "hangup"}}' --status 404 \
	--error-type NotFoundException --code NotFound --message-has no-such-sma
req POST "http://$API/sip-media-applications/$SMA/calls/00000000-0000-4000-8000-000000000001" \
	--body '{"Arguments": {"next": "hangup"}}' --status 404 \
	--error-type NotFoundException --code NotFound \
	--message-has "No call in progress"
req GET "$URL" --status 405 --error-type MethodNotAllowedException
req DELETE "$URL" --status 405
req POST "http://$API/sip-media-applications/$SMA" --body '{}' \
	--status 404 --error-type UnknownOperationException
req POST "http://$API/sip-media-applications/%20/calls/$tid" \
	--body '{"Arguments": {}}' --status 400 --message-has "must not be empty"

note "callflow call update: unknown call (default address), then this one"
"$BIN" call update $SMA 00000000-0000-4000-8000-000000000000 next=hangup \
	>"$T/cli-bad.out" 2>"$T/cli-bad.err"
rc=$?
[ $rc = 1 ] || soft "callflow call update of an unknown call exited $rc (want 1)"
grep -q "NotFoundException (NotFound): No call in progress" "$T/cli-bad.err" ||
	soft "callflow call update printed: $(cat "$T/cli-bad.err")"
"$BIN" call update $SMA "$tid" --http 127.0.0.1:1 >/dev/null 2>"$T/cli-refused.err"
[ $? = 1 ] || soft "callflow call update to a closed port did not exit 1"
"$BIN" call update $SMA >/dev/null 2>&1
[ $? = 2 ] || soft "callflow call update without TRANSACTION_ID did not exit 2"
"$BIN" call update $SMA "$tid" novalue >/dev/null 2>&1
[ $? = 2 ] || soft "callflow call update with 'novalue' did not exit 2"
"$BIN" call --help | grep -q "call update APP_ID TRANSACTION_ID" ||
	soft "callflow call --help does not show the usage"
out=$("$BIN" call update -c "$T/config.lua" $SMA "$tid" next=replay \
	by=callflow 2>"$T/cli.err")
rc=$?
[ $rc = 0 ] || soft "callflow call update exited $rc: $(cat "$T/cli.err")"
[ "$out" = "$tid" ] || soft "callflow call update printed '$out', want $tid"
sleep 1   # the replacement PlayAudio runs

note "AWS CLI: unknown transaction, then the update that hangs up"
aws_update --sip-media-application-id $SMA \
	--transaction-id 11111111-2222-4333-8444-555555555555 \
	--arguments next=hangup >"$T/aws-bad.out" 2>"$T/aws-bad.err"
rc=$?
[ $rc != 0 ] || soft "the AWS CLI succeeded for an unknown transaction"
grep -q "An error occurred (NotFoundException) when calling the UpdateSipMediaApplicationCall operation: No call in progress" \
	"$T/aws-bad.err" || soft "AWS CLI error: $(cat "$T/aws-bad.err")"
aws_update --sip-media-application-id $SMA --transaction-id "$tid" \
	--arguments next=hangup,by=aws >"$T/aws.out" 2>"$T/aws.err" ||
	soft "the AWS CLI update failed: $(cat "$T/aws.err")"
"$PY" - "$T/aws.out" "$tid" <<'PY' || soft "AWS CLI output: $(cat "$T/aws.out")"
import json, sys
out = json.load(open(sys.argv[1]))
print("aws printed", out)
assert out == {"SipMediaApplicationCall": {"TransactionId": sys.argv[2]}}
PY

note "the update hangs up the caller"
wait $SIPP || soft "sipp call failed (exit $?): $(tail -n 20 "$T/sipp-update.log")"

cdr_wait --where DestinationPhoneNumber=$NUM --count 1 \
	--expect Status=Completed --range BillableDurationSeconds=0:30
req POST "$URL" --body '{"Arguments": {}}' --status 404 \
	--error-type NotFoundException --message-has "No call in progress"

note "CDR timeline"
"$BIN" cdr show "$tid" --data-dir "$T/data" --json >"$T/show.json" ||
	die "callflow cdr show $tid failed"
"$PY" - "$T/show.json" <<'PY' || soft "the timeline is not the spec's (events.md §8.4, §11.3)"
import json, sys
tl = json.load(open(sys.argv[1])).get("Timeline") or []
inv = sorted((e for e in tl if e.get("Kind") == "Invocation"),
             key=lambda e: e.get("Sequence", 0))
acts = sorted((e for e in tl if e.get("Kind") == "Action"),
              key=lambda e: (e.get("StartedMs") or 0, e.get("TimeMs") or 0))
for e in inv:
    d = (e.get("Event") or {}).get("ActionData") or {}
    print("  invocation %s %s %s %s" % (e.get("Sequence"), e.get("EventType"),
          d.get("Type", ""), json.dumps(d.get("Parameters", {}).get("Arguments", ""))))
for a in acts:
    print("  action %s %s %s-%s" % (a.get("Type"), a.get("Result"),
          a.get("StartedMs"), a.get("EndedMs")))

def data(e):
    return (e.get("Event") or {}).get("ActionData") or {}

types = [e.get("EventType") for e in inv]
errors = []
want = [("CALL_UPDATE_REQUESTED", {"next": "replay", "by": "callflow"}),
        ("CALL_UPDATE_REQUESTED", {"next": "hangup", "by": "aws"})]
pos = 0
for n, (ev, args) in enumerate(want):
    while pos < len(inv) and inv[pos].get("EventType") != ev:
        pos += 1
    if pos == len(inv):
        errors.append("update %d: no %s" % (n + 1, ev))
        break
    d = data(inv[pos])
    if d.get("Type") != "CallUpdateRequest" or \
            (d.get("Parameters") or {}).get("Arguments") != args:
        errors.append("update %d: ActionData %s, want CallUpdateRequest "
                      "with Arguments %s" % (n + 1, json.dumps(d), args))
    nxt = inv[pos + 1] if pos + 1 < len(inv) else {}
    if nxt.get("EventType") != "ACTION_INTERRUPTED" or \
            data(nxt).get("Type") != "PlayAudio":
        errors.append("update %d: next invocation is %s %s, want "
                      "ACTION_INTERRUPTED for the PlayAudio" % (
                          n + 1, nxt.get("EventType"), data(nxt).get("Type")))
    pos += 1
if types.count("ACTION_INTERRUPTED") != 2:
    errors.append("%d ACTION_INTERRUPTED, want 2" % types.count("ACTION_INTERRUPTED"))
for e in inv:
    if e.get("EventType") in ("ACTION_SUCCESSFUL", "ACTION_FAILED",
                              "INVALID_LAMBDA_RESPONSE"):
        errors.append("unexpected %s %s" % (e.get("EventType"), data(e).get("Type")))
kinds = [a.get("Type") for a in acts]
if kinds[-2:] != ["Pause", "Hangup"]:
    errors.append("actions %s, want the update's Pause, Hangup last" % kinds)
plays = [a for a in acts if a.get("Type") == "PlayAudio"]
if len(plays) != 2:
    errors.append("%d PlayAudio actions, want 2 (hold, replay)" % len(plays))
for a in plays:
    if a.get("Result") != "Interrupted":
        errors.append("a PlayAudio ended %s, want Interrupted" % a.get("Result"))
    if a.get("EndedMs") and a.get("StartedMs") is not None and \
            a["EndedMs"] - a["StartedMs"] > 20000:
        errors.append("a PlayAudio ran %d ms: not interrupted"
                      % (a["EndedMs"] - a["StartedMs"]))
for e in errors:
    print("FAIL: " + e)
sys.exit(1 if errors else 0)
PY

soft_done
server_stop
