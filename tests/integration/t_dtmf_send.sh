#!/bin/bash
# dtmf_send: a handler answers and sends "123#" (SendDigits, 100 ms tones).
# (a) The caller offered telephone-event: what callflow sent must be four
#     RFC 4733 events with ids 1, 2, 3, 11, each with its end packets (read
#     both by our parser and by tshark's rtpevent dissector).
# (b) The caller offered PCMU only: the audio callflow sent must hold the
#     tones 1, 2, 3, # (found by a Goertzel detector on the decoded PCMU).
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$HERE/handlers/send_digits.lua" "$T/"
route_lua +15550146 dtmf-send "$T/send_digits.lua" | write_config "$T/config.lua"
server_start "$T/config.lua"

tshark -i lo -F pcap -w "$T/cap.pcap" -f udp -q >"$T/tshark.log" 2>&1 &
TSHARK=$!
bg_track $TSHARK
for i in $(seq 1 50); do
	grep -q "Capturing on" "$T/tshark.log" && break
	kill -0 $TSHARK 2>/dev/null || die "tshark failed: $(cat "$T/tshark.log")"
	sleep 0.1
done
grep -q "Capturing on" "$T/tshark.log" || die "tshark did not start capturing"

note "call 1: offers PCMU + telephone-event"
sipp_call rfc4733 uac_wait_bye.xml +15550146 ||
	die "sipp call 1 failed (exit $?): $(tail -n 30 "$T/sipp-rfc4733.log")"
note "call 2: offers PCMU only"
"$PY" "$HERE/py/info_scenario.py" '' >"$T/pcmu.xml" ||
	die "cannot write the PCMU-only scenario"
sipp_call inband "$T/pcmu.xml" +15550146 ||
	die "sipp call 2 failed (exit $?): $(tail -n 30 "$T/sipp-inband.log")"
sleep 0.3
kill -INT $TSHARK
wait $TSHARK

note "(a) RFC 4733 events callflow sent"
"$PY" "$HERE/py/dtmf_check.py" rfc4733 "$T/cap.pcap" --call 1 \
	--expect '123#' --tone-ms 100 ||
	soft "callflow did not send the events 1 2 3 # as RFC 4733"
# tshark's view: the event ids, in order, each seen with its end bit.
tshark -r "$T/cap.pcap" -o rtp.heuristic_rtp:TRUE -Y rtpevent -T fields \
	-e rtpevent.event_id -e rtpevent.end_of_event >"$T/rtpevent.txt" 2>/dev/null
ids=$(awk '$1 != last { printf "%s%s", sep, $1; sep = ","; last = $1 }' "$T/rtpevent.txt")
ended=$(awk '$2 == 1 && $1 != last { printf "%s%s", sep, $1; sep = ","; last = $1 }' \
	"$T/rtpevent.txt")
echo "tshark rtpevent ids: $ids; ended: $ended"
[ "$ids" = "1,2,3,11" ] && [ "$ended" = "1,2,3,11" ] ||
	soft "tshark sees rtpevent ids '$ids' (ended '$ended'), want 1,2,3,11"

# With telephone-event negotiated the digits must not also be tones.
"$PY" "$HERE/py/dtmf_check.py" tones "$T/cap.pcap" --call 1 --expect '' ||
	soft "callflow sent in-band tones although telephone-event was negotiated"

note "(b) in-band tones callflow sent"
"$PY" "$HERE/py/dtmf_check.py" tones "$T/cap.pcap" --call 2 \
	--expect '123#' --tone-ms 100 ||
	soft "callflow did not send the tones 1 2 3 # in its audio"

cdr_check --where DestinationPhoneNumber=+15550146 --count 2 \
	--expect Status=Completed >/dev/null || soft "CDR: the two calls are not Completed"
soft_done
server_stop
