#!/bin/bash
# dtmf_inband: sipp offers PCMU only (no telephone-event) and its voice is a
# WAV made with sox: 1 s of silence, then the DTMF tones 4, 2, # (100 ms
# each, 100 ms apart). The in-band detector must give PlayAudioAndGetDigits
# "42", ended by "#" (not by the 3 s in-between timeout).
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$HERE/handlers/digits_get.lua" "$T/"
route_lua +15550145 dtmf-inband "$T/digits_get.lua" | write_config "$T/config.lua"
server_start "$T/config.lua"

# One key: the sum of its two keypad frequencies, 100 ms, each at -12 dBFS.
key()
{
	sox -n -r 8000 -b 16 -c 1 "$T/key-$1.wav" synth 0.1 sine "$2" \
		synth 0.1 sine mix "$3" gain -6 || die "sox failed"
}
key 4 770 1209
key 2 697 1336
key pound 941 1477
sox -n -r 8000 -b 16 -c 1 "$T/lead.wav" trim 0 1 &&
	sox -n -r 8000 -b 16 -c 1 "$T/gap.wav" trim 0 0.1 &&
	sox -n -r 8000 -b 16 -c 1 "$T/tail.wav" trim 0 3 &&
	sox "$T/lead.wav" "$T/key-4.wav" "$T/gap.wav" "$T/key-2.wav" \
		"$T/gap.wav" "$T/key-pound.wav" "$T/tail.wav" \
		-r 8000 -c 1 -e u-law "$T/caller_audio.wav" ||
	die "sox failed"

note "call +15550145 and play the tones 4 2 # in the audio"
sipp_call inband uac_rtp_stream.xml +15550145 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-inband.log")"

note "what the handler received"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550145 --out "$T/show.json" \
	--expect ACTION_SUCCESSFUL:PlayAudioAndGetDigits:ReceivedDigits=42 \
	--count ACTION_FAILED=0 --action-ms PlayAudioAndGetDigits=1000:2800 ||
	die "the handler did not receive 42 ended by #"
server_stop
