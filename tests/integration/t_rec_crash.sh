#!/bin/bash
# rec_crash: the server is killed (SIGKILL) 3 s into a RecordAudio while
# sipp talks. The file on disk must already be a valid WAV whose header
# covers all but at most the last second of what was written, holding what
# sipp said; after a restart the CDR recording row says Recovered (reason:
# the server stopped), the header matches the file exactly, and the leg
# row is Failed.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

route_lua +15550230 rec-long "$HERE/handlers/rec_long.lua" |
	write_config "$T/config.lua"
sed -i "s|storage_root = .*|storage_root = \"$T/storage\",|" "$T/config.lua"
mkdir -p "$T/storage"
espeak-ng -w "$T/in.wav" "One, two, three. Recording tests are running now. \
Four, five, six. Seven, eight, nine, ten. Eleven, twelve." ||
	die "espeak-ng failed"
# 1 s of silence first: the jitter buffer's start-up (it drops "late"
# packets in the first second of sipp's stream) is t_rec_call_recording's
# business, not this test's.
sox "$T/in.wav" -r 8000 -c 1 -e u-law "$T/said.wav" norm -3 &&
	sox -n -r 8000 -c 1 -e u-law "$T/lead.wav" trim 0 1 &&
	sox "$T/lead.wav" "$T/said.wav" -e u-law "$T/caller_audio.wav" &&
	sox "$T/said.wav" -e signed -b 16 "$T/in16.wav" ||
	die "sox failed"
server_start "$T/config.lua"

note "a 30 s RecordAudio"
# Not sipp_call: $! must be sipp itself, to kill it after the crash.
(cd "$T" && exec sipp 127.0.0.1:$SIP_PORT -sf "$HERE/scenarios/uac_rtp_stream.xml" \
	-s +15550230 -i 127.0.0.1 -mi 127.0.0.1 -nostdin -m 1 \
	>"$T/sipp-rec.log" 2>&1) &
SIPP=$!
bg_track $SIPP
f=""
for i in $(seq 1 50); do
	f=$(find "$T/storage/vm/crash" -name '*.wav' 2>/dev/null | head -n 1)
	[ -n "$f" ] && break
	sleep 0.1
done
[ -n "$f" ] || die "no recording file under $T/storage/vm/crash"
sleep 3.5

note "kill -9 the server while recording $f"
kill -9 "$SRV_PID"
wait "$SRV_PID" 2>/dev/null
SRV_PID=""
kill "$SIPP" 2>/dev/null
wait "$SIPP" 2>/dev/null
cp "$f" "$T/at-crash.wav"
"$PY" "$HERE/py/rec_check.py" crash "$T/at-crash.wav" --ref "$T/in16.wav" \
	--min-s 2 || soft "the file left by the crash is not a valid WAV of the call"

note "restart"
server_start "$T/config.lua"
cdr_wait --where DestinationPhoneNumber=15550230 --count 1 \
	--expect Status=Failed --matches 'reason=crash|restart|kill|stop'
tid=$("$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --print-tid \
	--where DestinationPhoneNumber=15550230)
"$BIN" cdr show "$tid" --data-dir "$T/data" --json >"$T/show.json" ||
	die "callflow cdr show $tid failed"
"$PY" - "$T/show.json" "$f" <<'PY' || soft "the recording row is not Recovered"
import json, os, sys
recs = json.load(open(sys.argv[1])).get("Recordings") or []
print("recordings:", json.dumps(recs))
assert len(recs) == 1, "want one recording row"
r = recs[0]
assert r.get("Status") == "Recovered", r.get("Status")
assert any(w in (r.get("Reason") or "") for w in ("stop", "crash")), r
assert r.get("Path") == os.path.realpath(sys.argv[2]), r.get("Path")
assert r.get("Bytes") == os.path.getsize(sys.argv[2]), "Bytes != file size"
PY
"$PY" "$HERE/py/rec_check.py" exact "$f" ||
	soft "the file was not repaired at restart"
soft_done
server_stop
