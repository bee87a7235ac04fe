#!/bin/bash
# dtmf_info: sipp (PCMU only, no telephone-event) presses 1 2 3 4 # as SIP
# INFO application/dtmf-relay requests; PlayAudioAndGetDigits (terminator
# "#", 3 s allowed between digits) must hand the handler "1234" as soon as
# "#" arrives, not after the in-between timeout.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$HERE/handlers/digits_get.lua" "$T/"
route_lua +15550142 dtmf-info "$T/digits_get.lua" | write_config "$T/config.lua"
server_start "$T/config.lua"

"$PY" "$HERE/py/info_scenario.py" '1234#' --first-ms 600 >"$T/info.xml" ||
	die "cannot write the INFO scenario"
note "call +15550142: INFO 1 2 3 4 #"
sipp_call info "$T/info.xml" +15550142 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-info.log")"

note "what the handler received"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550142 --out "$T/show.json" \
	--expect ACTION_SUCCESSFUL:PlayAudioAndGetDigits:ReceivedDigits=1234 \
	--count ACTION_FAILED=0 --action-ms PlayAudioAndGetDigits=500:2500 ||
	die "the handler did not receive 1234 ended by #"
server_stop
