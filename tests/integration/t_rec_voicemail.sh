#!/bin/bash
# rec_voicemail: sipp calls the example voicemail line (examples/config.lua
# and voicemail.lua, copied as they are, recordings into this test's own
# storage), says a known sentence after the beep and presses # (SIP INFO)
# 0.5 s later. The recording named by RecordAudio's RecordingDestination
# must be a complete 8 kHz mono 16-bit WAV holding exactly that sentence
# (normalised cross-correlation, no frame lost) and the 0.5 s after it,
# ended by #; its CDR row says Completed; the caller hears it played back.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
mkdir -p "$T/storage"
ln -s "$ROOT/examples/storage/prompts" "$T/storage/prompts"
server_start "$T/config.lua"

# The caller: silence through the greeting and beep (about 2.2 s; less
# than 3 s of it is left once recording starts, or that silence would end
# it), the sentence, then silence until callflow hangs up.
LEAD=2.7 TAIL=0.5
espeak-ng -w "$T/said.wav" "The quick brown fox jumps over the lazy dog." ||
	die "espeak-ng failed"
sox "$T/said.wav" -r 8000 -c 1 -e u-law "$T/sentence.wav" \
	silence 1 0.05 1% reverse silence 1 0.05 1% reverse norm -3 &&
	sox "$T/sentence.wav" -e signed -b 16 "$T/sentence16.wav" &&
	sox -n -r 8000 -c 1 -e u-law "$T/lead.wav" trim 0 $LEAD &&
	sox -n -r 8000 -c 1 -e u-law "$T/tail.wav" trim 0 10 &&
	sox "$T/lead.wav" "$T/sentence.wav" "$T/tail.wav" -e u-law \
		"$T/caller_audio.wav" || die "sox failed"

tshark -i lo -F pcap -w "$T/cap.pcap" -f udp -q >"$T/tshark.log" 2>&1 &
TSHARK=$!
bg_track $TSHARK
for i in $(seq 1 50); do
	grep -q "Capturing on" "$T/tshark.log" && break
	sleep 0.1
done
grep -q "Capturing on" "$T/tshark.log" || die "tshark did not start capturing"

# sipp presses # TAIL s after the end of the sentence.
len=$(soxi -D "$T/sentence.wav") || die "soxi failed"
ms=$("$PY" -c "print(round(($LEAD + $len + $TAIL) * 1000))")
sed "s/@PAUSE_MS@/$ms/" "$HERE/scenarios/rec_uac_stream_info.xml" \
	>"$T/uac_vm.xml"
note "call +15550102, leave a $len s message, press # after $ms ms"
sipp_call vm "$T/uac_vm.xml" +15550102 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-vm.log")"
sleep 0.5
kill -INT $TSHARK
wait $TSHARK

note "the handler's view"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550102 --out "$T/show.json" \
	--expect ACTION_SUCCESSFUL:RecordAudio --count ACTION_FAILED=0 \
	--action-ms PlayAudio=0:1e9 --action-ms Hangup=0:1e9 ||
	die "the voicemail call did not go as voicemail.lua says"

note "the recording"
"$PY" "$HERE/py/rec_check.py" voicemail "$T/show.json" --storage "$T/storage" \
	--ref "$T/sentence16.wav" --tail-s $TAIL ||
	soft "the recording is not the message that was left"

note "the playback"
"$PY" "$HERE/py/rec_check.py" heard "$T/cap.pcap" --ref "$T/sentence16.wav" ||
	soft "the caller did not hear the message played back"
cdr_wait --where DestinationPhoneNumber=+15550102 --count 1 \
	--expect Status=Completed
soft_done
server_stop
