#!/bin/bash
# rec_call_recording: StartCallRecording (handlers/rec_call.lua) while sipp
# streams known speech and callflow plays a known prompt. Track BOTH: a
# stereo WAV whose left channel is what sipp sent and right channel the
# prompt; PauseCallRecording for 1 s leaves two 200 ms 1 kHz marker tones
# 1 s apart with only zeros between them. INCOMING and OUTGOING: mono files
# of one side each. Each file is where CallRecordingDestination says, and
# its CDR recordings row says Completed with the file's size and length.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

{
	route_lua +15550210 rec-call "$HERE/handlers/rec_call.lua"
	cat <<LUA
  PhoneNumbers = { { E164PhoneNumber = "+15550210" },
    { E164PhoneNumber = "+15550211" }, { E164PhoneNumber = "+15550212" } },
  SipRules = {
LUA
	for n in 0 1 2; do
		cat <<LUA
    { SipRuleId = "rule-$n", TriggerType = "ToPhoneNumber",
      TriggerValue = "+1555021$n", TargetApplications = {
        { SipMediaApplicationId = "rec-call", Priority = 1 } } },
LUA
	done
	echo '  },'
} | write_config "$T/config.lua"
# Later fields win in a Lua table constructor; recordings stay in $T.
sed -i "s|storage_root = .*|storage_root = \"$T/storage\",|" "$T/config.lua"
mkdir -p "$T/storage/testprompts"

# The caller's voice (mu-law, as on the wire) and callflow's prompt.
espeak-ng -w "$T/in.wav" "One, two, three. Recording tests are running now. \
Four, five, six. Seven, eight, nine, ten. Eleven, twelve." &&
	espeak-ng -w "$T/clip.wav" "This call is being recorded." ||
	die "espeak-ng failed"
sox "$T/in.wav" -r 8000 -c 1 -e u-law "$T/caller_audio.wav" norm -3 &&
	sox "$T/caller_audio.wav" -e signed -b 16 "$T/in16.wav" &&
	sox "$T/clip.wav" -r 8000 -c 1 -b 16 "$T/storage/testprompts/clip.wav" \
		norm -3 || die "sox failed"

server_start "$T/config.lua"
note "three calls: Track BOTH, INCOMING and OUTGOING"
sipp_call both uac_rtp_stream.xml +15550210 &
p1=$!
sipp_call in uac_rtp_stream.xml +15550211 -p 5071 -mp 6100 &
p2=$!
sipp_call out uac_rtp_stream.xml +15550212 -p 5081 -mp 6200 &
p3=$!
wait $p1 || die "sipp call (BOTH) failed: $(tail -n 20 "$T/sipp-both.log")"
wait $p2 || die "sipp call (INCOMING) failed: $(tail -n 20 "$T/sipp-in.log")"
wait $p3 || die "sipp call (OUTGOING) failed: $(tail -n 20 "$T/sipp-out.log")"

check()
{
	local num=$1 track=$2
	shift 2
	note "Track $track"
	"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
		--number $num --out "$T/show-$track.json" \
		--expect ACTION_SUCCESSFUL:StartCallRecording --count ACTION_FAILED=0 \
		--action-ms Hangup=0:1e9 ||
		die "the call to $num did not go as rec_call.lua says"
	"$PY" "$HERE/py/rec_check.py" call "$T/show-$track.json" \
		--storage "$T/storage" --track $track "$@" ||
		soft "the $track recording is not what was said and played"
}
check +15550210 BOTH --in "$T/in16.wav" \
	--out "$T/storage/testprompts/clip.wav" --pause-ms 1000
check +15550211 INCOMING --in "$T/in16.wav"
check +15550212 OUTGOING --out "$T/storage/testprompts/clip.wav"
soft_done
server_stop
