#!/bin/bash
# bad_sip: OPTIONS and REGISTER get 200; malformed datagrams (truncated
# headers, bad Content-Length, garbage bytes, garbage SDP...) are answered
# with an error or dropped, never with a call; after each one the server
# still answers OPTIONS, and a normal call still works at the end.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"

"$PY" "$HERE/py/siptool.py" options || die "OPTIONS: want 200"
"$PY" "$HERE/py/siptool.py" register || die "REGISTER: want 200"
note "malformed requests"
"$PY" "$HERE/py/siptool.py" bad || die "the server mishandled a malformed request"
server_alive

note "a good call afterwards"
sipp_call good uac_wait_bye.xml +15550100 ||
	die "the good call failed (sipp exit $?): $(tail -n 30 "$T/sipp-good.log")"
cdr_wait --where DestinationPhoneNumber=15550100 --where Status=Completed --count 1
"$PY" "$HERE/py/siptool.py" options || die "OPTIONS after the call: want 200"
server_stop
