#!/bin/bash
# rec_baresip_voicemail: a real softphone (baresip, headless) calls the
# example voicemail line (examples/config.lua and voicemail.lua as they
# are, recordings into this test's own storage). Its microphone (aufile)
# is silence through the greeting and beep, then a known espeak-ng
# sentence; after it baresip presses # on its keypad (ctrl_tcp sndcode,
# RFC 4733). The handler must see RecordAudio end by #; the recording must
# be a complete 8 kHz mono 16-bit WAV holding exactly that sentence, with
# a Completed CDR row; the leg must be Completed, and baresip must have
# heard the message played back.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
mkdir -p "$T/storage"
ln -s "$ROOT/examples/storage/prompts" "$T/storage/prompts"
server_start "$T/config.lua"

# The greeting and beep take about 2.2 s from the answer, as for sipp
# (rec_voicemail); less than 3 s of the lead is left once recording
# starts, or that silence would end it. The sentence goes through u-law
# once here, so baresip's PCMU carries it without loss; the tail keeps
# aufile (which hangs up at its end) going until callflow hangs up.
LEAD=2.7 TAIL=0.5
B=$T/baresip
mkdir -p "$B/rec"
espeak-ng -w "$T/said.wav" "The quick brown fox jumps over the lazy dog." ||
	die "espeak-ng failed"
sox "$T/said.wav" -r 8000 -c 1 -e u-law "$T/sentence.wav" \
	silence 1 0.05 1% reverse silence 1 0.05 1% reverse norm -3 &&
	sox "$T/sentence.wav" -e signed -b 16 "$T/sentence16.wav" &&
	sox "$T/sentence16.wav" "$B/mic.wav" pad $LEAD 20 ||
	die "sox failed"

baresip_config "$B"

baresip -f "$B" -t 40 </dev/null >"$T/baresip.log" 2>&1 &
BS=$!
bg_track $BS

# aufile starts with the call's audio, so # goes TAIL s after the end of
# the sentence counted from CALL_ESTABLISHED; then callflow plays the
# message back, says goodbye and hangs up (CALL_CLOSED).
len=$(soxi -D "$T/sentence.wav") || die "soxi failed"
at=$("$PY" -c "print(round($LEAD + $len + $TAIL, 3))")
note "baresip calls +15550102, leaves a $len s message, presses # at $at s"
"$PY" "$HERE/py/baresip_ctrl.py" --port 4470 --timeout 20 \
	"dial sip:+15550102@127.0.0.1:$SIP_PORT" "wait CALL_ESTABLISHED" \
	"sleep $at" "sndcode #" "wait CALL_CLOSED" >"$T/ctrl.log" 2>&1 ||
	soft "driving baresip failed: $(tail -n 5 "$T/ctrl.log")"
grep -q 'RecordAudio starts' "$T/server.log" ||
	soft "the server log shows no RecordAudio starting"

note "the handler's view"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550102 --from caller --out "$T/show.json" \
	--expect 'ACTION_SUCCESSFUL:RecordAudio:RecordingTerminatorUsed=#' \
	--expect HANGUP --count ACTION_FAILED=0 \
	--action-ms PlayAudio=0:1e9 --action-ms Hangup=0:1e9 ||
	die "the voicemail call did not go as voicemail.lua says"

# The # counts when its RFC 4733 end packets arrive, about 0.2 s after
# baresip starts the press: that much more silence is recorded.
note "the recording"
"$PY" "$HERE/py/rec_softphone.py" voicemail "$T/show.json" \
	--storage "$T/storage" --ref "$T/sentence16.wav" \
	--tail-s "$("$PY" -c "print($TAIL + 0.2)")" --slack 0.25 ||
	soft "the recording is not the message that was left"

note "the leg"
cdr_check --where DestinationPhoneNumber=+15550102 --count 1 \
	--expect Status=Completed --expect hangup_by=application \
	--range rtp.dtmf_events=1:20 ||
	soft "the voicemail leg is not Completed with the # as RFC 4733"

note "what baresip heard"
kill -TERM $BS 2>/dev/null   # baresip closes its recordings on the way out
wait $BS
dec=$(ls "$B"/rec/*dec*.wav 2>/dev/null | head -n 1)
if [ -z "$dec" ]; then
	soft "baresip recorded no decoded audio"
else
	"$PY" "$HERE/py/rec_softphone.py" heard "$dec" \
		--ref "$T/sentence16.wav" ||
		soft "baresip did not hear its message played back"
fi
soft_done
server_stop
