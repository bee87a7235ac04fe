#!/bin/bash
# concurrent_50: 50 callers at once (50 calls/s, up to 50 simultaneous) to a
# line that beeps, pauses 2 s and hangs up: every call must be answered and
# hung up by callflow, and the CDR must hold 50 completed legs.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

route_lua +15550200 pause "$HERE/handlers/pause_hangup.lua" |
	write_config "$T/config.lua"
server_start "$T/config.lua"

note "50 calls"
sipp_call c50 uac_wait_bye.xml +15550200 -r 50 -l 50 -m 50 \
	-trace_stat -stf "$T/sipp-c50-stat.csv" ||
	die "not all 50 calls succeeded (sipp exit $?): $(tail -n 40 "$T/sipp-c50.log")"
cdr_wait --where DestinationPhoneNumber=15550200 --count 50 \
	--expect Direction=Inbound --expect Status=Completed \
	--expect codec=PCMU --range BillableDurationSeconds=2:10 \
	--range rtp.tx_packets=20:100000
server_stop
