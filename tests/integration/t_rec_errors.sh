#!/bin/bash
# rec_errors: the bucket "blocked" is a regular file in the storage root,
# so nothing can be written under it. RecordAudio must fail with
# InvalidActionParameter "Error occurred while uploading recording to S3
# bucket.", StartCallRecording with NoAccessToDestination, and the call
# must go on: the Speak and Hangup after them happen (handlers/rec_errors.lua).
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

route_lua +15550220 rec-errors "$HERE/handlers/rec_errors.lua" |
	write_config "$T/config.lua"
sed -i "s|storage_root = .*|storage_root = \"$T/storage\",|" "$T/config.lua"
mkdir -p "$T/storage"
echo "not a directory" >"$T/storage/blocked"
server_start "$T/config.lua"

note "call +15550220"
sipp_call err uac_wait_bye.xml +15550220 ||
	die "sipp call failed (exit $?): $(tail -n 30 "$T/sipp-err.log")"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550220 --out "$T/show.json" \
	--expect "ACTION_FAILED:RecordAudio:ErrorType=InvalidActionParameter:ErrorMessage~Error occurred while uploading recording to S3 bucket." \
	--expect ACTION_FAILED:StartCallRecording:ErrorType=NoAccessToDestination \
	--count ACTION_FAILED=2 --action-ms Speak=0:1e9 --action-ms Hangup=0:1e9 ||
	die "the recording errors are not what the handler was told"
[ -f "$T/storage/blocked" ] || die "the file in the bucket's place changed"
cdr_wait --where DestinationPhoneNumber=+15550220 --count 1 \
	--expect Status=Completed
server_stop
