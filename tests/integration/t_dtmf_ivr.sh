#!/bin/bash
# dtmf_ivr: a real softphone (baresip, headless) calls the example IVR
# (examples/config.lua, ivr.lua on +15550101) and uses its keypad through
# ctrl_tcp's sndcode command (RFC 4733 events): 1 during the menu (the time
# is spoken, then the menu again), 2 (the PIN question), then 1 2 3 4. The
# handler must receive "1", "2", "1234" in that order, say the time and
# goodbye, and hang up; baresip must have heard the speech.
# At the same time sipp calls the IVR with SIP INFO key presses for the
# other branches: 0 (menu again), 2 and a wrong PIN 9999 (refused, menu
# again), 2 and 1234 (accepted, goodbye).
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"

B=$T/baresip
mkdir -p "$B/rec"
sox -n -r 8000 -c 1 -b 16 "$B/mic.wav" trim 0 40 || die "sox failed"
baresip_config "$B"

baresip -f "$B" -t 45 </dev/null >"$T/baresip.log" 2>&1 &
BS=$!
bg_track $BS

note "sipp calls +15550101 from 5061 and presses 0, 2, 9999, 2, 1234 (INFO)"
"$PY" "$HERE/py/info_scenario.py" '0,,2,,9999,,,,,,2,,1234' --first-ms 1000 \
	--gap-ms 300 >"$T/info.xml" || die "cannot write the INFO scenario"
sipp_call info "$T/info.xml" +15550101 -p 5061 &
SIPP=$!

note "baresip calls +15550101 and presses 1, 2, 1234"
hour=$(date -u +%H)
"$PY" "$HERE/py/baresip_ctrl.py" --port 4470 --timeout 20 \
	"dial sip:+15550101@127.0.0.1:$SIP_PORT" "wait CALL_ESTABLISHED" \
	"sleep 2" "sndcode 1" "sleep 6" "sndcode 2" "sleep 2" \
	"sndcode 1" "sleep 0.3" "sndcode 2" "sleep 0.3" "sndcode 3" \
	"sleep 0.3" "sndcode 4" "wait CALL_CLOSED" >"$T/ctrl.log" 2>&1 ||
	soft "driving baresip failed: $(tail -n 5 "$T/ctrl.log")"

wait $SIPP || soft "sipp call failed (exit $?): $(tail -n 20 "$T/sipp-info.log")"

note "what the IVR received from sipp"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550101 --from 15551234567 --out "$T/show-sipp.json" \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=0 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=2 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=9999 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=2 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=1234 \
	--expect HANGUP --count ACTION_FAILED=0 \
	--response-has "That PIN is not correct." \
	--response-has "PIN is correct. Goodbye." ||
	soft "the IVR did not get 0, 2, 9999, 2, 1234 in order from sipp"

note "what the IVR received from baresip"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550101 --from caller --out "$T/show.json" \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=1 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=2 \
	--expect ACTION_SUCCESSFUL:SpeakAndGetDigits:ReceivedDigits=1234 \
	--expect HANGUP --count ACTION_FAILED=0 \
	--response-has "PIN is correct. Goodbye." ||
	soft "the IVR did not get 1, 2, 1234 in order"
# The hour may have turned during the call.
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550101 --from caller --out "$T/show.json" --wait 1 \
	--response-has "The time is $hour" >/dev/null ||
	"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" \
		--data-dir "$T/data" --number +15550101 --from caller \
		--out "$T/show.json" \
		--wait 1 --response-has "The time is $(date -u +%H)" >/dev/null ||
	soft "the IVR did not tell the time"

sleep 0.5   # let baresip close its recording
kill -TERM $BS 2>/dev/null
wait $BS
dec=$(ls "$B"/rec/*dec*.wav 2>/dev/null | head -n 1)
if [ -z "$dec" ]; then
	soft "baresip recorded no decoded audio"
else
	"$PY" "$HERE/py/wav_check.py" "$dec" --min-speech 4 ||
		soft "baresip did not hear the IVR speak"
fi
soft_done
server_stop
