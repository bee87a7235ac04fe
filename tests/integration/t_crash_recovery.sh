#!/bin/bash
# crash_recovery: the server is killed (SIGKILL) in the middle of an answered
# call; after a restart the CDR no longer shows the call in progress but as
# a failed leg whose reason says the server stopped/crashed.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

route_lua +15550300 long "$HERE/handlers/long_call.lua" | write_config "$T/config.lua"
server_start "$T/config.lua"

note "a 30 s call"
# Not sipp_call: $! must be sipp itself, to kill it after the crash.
(cd "$T" && exec sipp 127.0.0.1:$SIP_PORT -sf "$HERE/scenarios/uac_wait_bye.xml" \
	-s +15550300 -i 127.0.0.1 -mi 127.0.0.1 -nostdin -m 1 \
	>"$T/sipp-long.log" 2>&1) &
SIPP=$!
bg_track $SIPP
for i in $(seq 1 50); do
	cdr_list "$T/cdr.json" 2>/dev/null &&
		"$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --quiet \
			--where DestinationPhoneNumber=15550300 \
			--expect Status=InProgress --range answer_ms=1:1e15 && break
	sleep 0.2
done
cdr_wait --where DestinationPhoneNumber=15550300 --count 1 \
	--expect Status=InProgress --range answer_ms=1:1e15
sleep 1

note "kill -9 the server mid-call"
kill -9 "$SRV_PID"
wait "$SRV_PID" 2>/dev/null
SRV_PID=""
kill "$SIPP" 2>/dev/null
wait "$SIPP" 2>/dev/null

note "restart"
server_start "$T/config.lua"
cdr_wait --where DestinationPhoneNumber=15550300 --count 1 \
	--expect Status=Failed --matches 'reason=crash|restart|kill'
server_stop
