#!/bin/bash
# hello_sipp: sipp calls the example hello line (examples/config.lua and
# the scripts it names, copied as they are); the caller must be answered with PCMU, hear
# the spoken greeting as a steady 20 ms RTP stream, and be hung up on; the
# CDR must record a completed inbound call with its handler timeline.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

for f in thanks.wav beep.wav; do
	[ -f "$ROOT/examples/storage/prompts/$f" ] ||
		die "examples/storage/prompts/$f is missing (run 'make prompts')"
done
cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"

# Capture everything on lo from before the call to after it.
tshark -i lo -F pcap -w "$T/cap.pcap" -f udp -q >"$T/tshark.log" 2>&1 &
TSHARK=$!
bg_track $TSHARK
for i in $(seq 1 50); do
	grep -q "Capturing on" "$T/tshark.log" && break
	kill -0 $TSHARK 2>/dev/null || die "tshark failed: $(cat "$T/tshark.log")"
	sleep 0.1
done
grep -q "Capturing on" "$T/tshark.log" || die "tshark did not start capturing"

note "call +15550100 (sipp waits for callflow's BYE)"
sipp_call hello uac_wait_bye.xml +15550100 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-hello.log")"
sleep 0.5
kill -INT $TSHARK
wait $TSHARK

note "RTP sent by callflow"
"$PY" "$HERE/py/rtp_check.py" "$T/cap.pcap" --min-speech 1.5 ||
	die "the RTP stream is not what a caller should hear"

note "CDR"
cdr_wait --where DestinationPhoneNumber=+15550100 --count 1 \
	--expect Direction=Inbound --expect Status=Completed \
	--expect codec=PCMU --expect sip_status=200 \
	--range BillableDurationSeconds=2:30 --range rtp.tx_packets=100:1500
tid=$("$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --print-tid \
	--where DestinationPhoneNumber=+15550100)
"$BIN" cdr show "$tid" --data-dir "$T/data" --json >"$T/show.json" ||
	die "callflow cdr show $tid failed"
"$PY" - "$T/show.json" <<'PY' || die "cdr show: timeline check failed"
import json, sys
call = json.load(open(sys.argv[1]))
tl = call.get("Timeline") or []
kinds = [(e.get("Kind"), e.get("EventType") or e.get("Type")) for e in tl]
print("timeline:", kinds)
assert ("Invocation", "NEW_INBOUND_CALL") in kinds, "no NEW_INBOUND_CALL invocation"
acts = [t for k, t in kinds if k == "Action"]
for want in ("Speak", "PlayAudio", "Hangup"):
    assert want in acts, "no %s action in the timeline" % want
legs = call.get("Legs") or []
assert len(legs) == 1 and legs[0].get("Status") == "Completed", legs
PY
server_stop
