#!/bin/bash
# unknown_number: a call to a number no SIP rule routes is refused with 404,
# and the CDR records it as a failed leg with hangup_cause no-route.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"

note "call +15559999 (no rule): want 404"
sipp_call unknown "$(scenario_final 404)" +15559999 ||
	die "sipp did not get a 404 (exit $?): $(tail -n 30 "$T/sipp-unknown.log")"
cdr_wait --where DestinationPhoneNumber=+15559999 --count 1 \
	--expect Direction=Inbound --expect Status=Failed \
	--expect hangup_cause=no-route --expect sip_status=404 \
	--expect BillableDurationSeconds=0
server_alive
"$PY" "$HERE/py/siptool.py" options || die "no OPTIONS answer after the 404"
server_stop
