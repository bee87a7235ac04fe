#!/bin/bash
# dtmf_timers: the digit timers, with two callers on one server.
# 1. Nobody presses a key: PlayAudioAndGetDigits (Min 1, Repeat 2, 1 s per
#    attempt) must fail with DigitCollectionFailed after two attempts of
#    beep + 1 s and one failure beep, i.e. about 3.2 s.
# 2. ReceiveDigits "^\d{2}#$" completes at once with "", and "11#" sent
#    as SIP INFO comes back later as DIGITS_RECEIVED "11#".
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

cp "$HERE/handlers/digits_timeout.lua" "$HERE/handlers/receive_digits.lua" "$T/"
write_config "$T/config.lua" <<EOF2
  PhoneNumbers = { { E164PhoneNumber = "+15550143" },
                   { E164PhoneNumber = "+15550144" } },
  SipMediaApplications = {
    { SipMediaApplicationId = "timeout", Endpoints = { { Script = "$T/digits_timeout.lua" } } },
    { SipMediaApplicationId = "receive", Endpoints = { { Script = "$T/receive_digits.lua" } } } },
  SipRules = {
    { SipRuleId = "timeout-rule", TriggerType = "ToPhoneNumber", TriggerValue = "+15550143",
      TargetApplications = { { SipMediaApplicationId = "timeout", Priority = 1 } } },
    { SipRuleId = "receive-rule", TriggerType = "ToPhoneNumber", TriggerValue = "+15550144",
      TargetApplications = { { SipMediaApplicationId = "receive", Priority = 1 } } } },
EOF2
server_start "$T/config.lua"

note "call +15550143 and press nothing; call +15550144 and press 1 1 #"
"$PY" "$HERE/py/info_scenario.py" '11#' --first-ms 1000 >"$T/info.xml" ||
	die "cannot write the INFO scenario"
sipp_call timeout uac_wait_bye.xml +15550143 -p 5071 -mp 6100 &
P1=$!
sipp_call receive "$T/info.xml" +15550144 -p 5072 -mp 6200 ||
	soft "sipp call to +15550144 failed (exit $?): $(tail -n 20 "$T/sipp-receive.log")"
wait $P1 ||
	soft "sipp call to +15550143 failed (exit $?): $(tail -n 20 "$T/sipp-timeout.log")"

note "no digits: DigitCollectionFailed after 2 attempts"
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550143 --out "$T/show-timeout.json" \
	--expect 'ACTION_FAILED:PlayAudioAndGetDigits:ErrorType=DigitCollectionFailed:ErrorMessage~2 attempts:ReceivedDigits=' \
	--count ACTION_SUCCESSFUL=0 --action-ms PlayAudioAndGetDigits=2900:4500 ||
	soft "PlayAudioAndGetDigits did not fail as it should without digits"

note "ReceiveDigits: ACTION_SUCCESSFUL \"\", then DIGITS_RECEIVED \"11#\""
"$PY" "$HERE/py/dtmf_check.py" timeline --bin "$BIN" --data-dir "$T/data" \
	--number +15550144 --out "$T/show-receive.json" \
	--expect ACTION_SUCCESSFUL:ReceiveDigits:ReceivedDigits= \
	--expect 'DIGITS_RECEIVED:ReceiveDigits:ReceivedDigits=11#' \
	--count DIGITS_RECEIVED=1 ||
	soft "ReceiveDigits did not report 11#"
soft_done
server_stop
