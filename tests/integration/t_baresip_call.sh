#!/bin/bash
# baresip_call: a real softphone (baresip, headless, no sound card) calls the
# hello line; what it decoded and recorded must contain the spoken greeting,
# and the CDR must show a completed call.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"

# The caller's microphone: 30 s of silence (aufile hangs up at its end).
B=$T/baresip
mkdir -p "$B/rec"
sox -n -r 8000 -c 1 -b 16 "$B/mic.wav" trim 0 30 || die "sox failed"
baresip_config "$B"

note "baresip dials sip:+15550100@127.0.0.1:5060"
baresip -f "$B" -e "/dial sip:+15550100@127.0.0.1:$SIP_PORT" -t 40 \
	</dev/null >"$T/baresip.log" 2>&1 &
BS=$!
bg_track $BS
# The call is over when callflow has written the completed CDR row.
for i in $(seq 1 125); do
	cdr_list "$T/cdr.json" 2>/dev/null &&
		"$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --quiet \
			--where DestinationPhoneNumber=15550100 \
			--where Status=Completed && break
	kill -0 $BS 2>/dev/null || break
	sleep 0.2
done
sleep 1   # let baresip close the call and its recording
kill -TERM $BS 2>/dev/null
wait $BS
cdr_wait --where DestinationPhoneNumber=15550100 --count 1 \
	--expect Status=Completed --expect Direction=Inbound \
	--range BillableDurationSeconds=2:30 --range rtp.rx_packets=50:100000

note "what baresip heard"
ls -l "$B/rec"
dec=$(ls "$B"/rec/*dec*.wav 2>/dev/null | head -n 1)
[ -n "$dec" ] || die "baresip recorded no decoded audio (rec: $(ls "$B/rec"))"
"$PY" "$HERE/py/wav_check.py" "$dec" --min-speech 1.5 ||
	die "baresip did not hear the greeting"
server_stop
