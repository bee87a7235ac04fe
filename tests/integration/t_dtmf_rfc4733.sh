#!/bin/bash
# dtmf_rfc4733: sipp offers telephone-event and presses 1, then 5, as RFC
# 4733 events: 1 is sipp's pcap, whose end packet is sent 3 times; 5 lost
# all its end packets. The handler must get "1" from PlayAudioAndGetDigits
# and then "5" from an armed ReceiveDigits: each key press exactly once,
# whatever the repeated or missing end packets.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$HERE/handlers/digits_rfc4733.lua" "$T/"
route_lua +15550141 dtmf-4733 "$T/digits_rfc4733.lua" | write_config "$T/config.lua"
server_start "$T/config.lua"
"$PY" "$HERE/py/pcap_noend.py" /usr/share/sip-tester/dtmf_2833_5.pcap \
	"$T/key5_noend.pcap" || die "cannot write key5_noend.pcap"

note "call +15550141: press 1, then 5 without end packets (RFC 4733)"
sipp_call rfc4733 uac_dtmf_rfc4733.xml +15550141 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-rfc4733.log")"

note "what the handler received"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550141 --out "$T/show.json" \
	--expect ACTION_SUCCESSFUL:PlayAudioAndGetDigits:ReceivedDigits=1 \
	--expect ACTION_SUCCESSFUL:ReceiveDigits:ReceivedDigits= \
	--expect DIGITS_RECEIVED:ReceiveDigits:ReceivedDigits=5 \
	--count DIGITS_RECEIVED=1 --count ACTION_FAILED=0 ||
	die "the handler did not receive 1 then 5, each once"
server_stop
