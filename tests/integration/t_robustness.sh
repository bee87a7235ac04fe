#!/bin/bash
# robustness: handlers that misbehave in ways the interpreter cannot stop
# (stuck inside one C call, a result that explodes when converted) end only
# their own call, and a shutdown with calls still ringing leaves every CDR
# row finished and exits cleanly.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

write_config "$T/config.lua" <<EOF
  handler = { workers = 2, time_budget_ms = 500 },
  PhoneNumbers = { { E164PhoneNumber = "+15550401" }, { E164PhoneNumber = "+15550402" },
                   { E164PhoneNumber = "+15550403" }, { E164PhoneNumber = "+15550404" } },
  SipMediaApplications = {
    { SipMediaApplicationId = "stuck", Endpoints = { { Script = "$HERE/handlers/stuck_in_c.lua" } } },
    { SipMediaApplicationId = "explode", Endpoints = { { Script = "$HERE/handlers/explode.lua" } } },
    { SipMediaApplicationId = "ring", Endpoints = { { Script = "$HERE/handlers/unanswered_pause.lua" } } },
    { SipMediaApplicationId = "good", Endpoints = { { Script = "$HERE/handlers/pause_hangup.lua" } } },
  },
  SipRules = {
    { SipRuleId = "r1", TriggerType = "ToPhoneNumber", TriggerValue = "+15550401",
      TargetApplications = { { SipMediaApplicationId = "stuck", Priority = 1 } } },
    { SipRuleId = "r2", TriggerType = "ToPhoneNumber", TriggerValue = "+15550402",
      TargetApplications = { { SipMediaApplicationId = "explode", Priority = 1 } } },
    { SipRuleId = "r3", TriggerType = "ToPhoneNumber", TriggerValue = "+15550403",
      TargetApplications = { { SipMediaApplicationId = "ring", Priority = 1 } } },
    { SipRuleId = "r4", TriggerType = "ToPhoneNumber", TriggerValue = "+15550404",
      TargetApplications = { { SipMediaApplicationId = "good", Priority = 1 } } },
  },
EOF
server_start "$T/config.lua"

note "a handler stuck in string.find: the call ends with 480 after budget + grace"
sipp_call stuck "$(scenario_final 480)" +15550401 ||
	die "stuck handler: sipp did not get 480 (see sipp-stuck.log)"
cdr_wait --where DestinationPhoneNumber=15550401 --count 1 \
	--expect Status=Failed --expect hangup_cause=handler-error --matches 'reason=stuck'

note "a result that explodes when converted: refused, the call ends with 480"
sipp_call explode "$(scenario_final 480)" +15550402 ||
	die "exploding result: sipp did not get 480"
cdr_wait --where DestinationPhoneNumber=15550402 --count 1 \
	--expect Status=Failed --matches 'reason=more than 50000 values'

note "the server still serves good calls (the stuck worker was replaced)"
sipp_call good uac_wait_bye.xml +15550404 || die "good call after the bad ones failed"
server_alive

note "shutdown while a call rings unanswered"
(cd "$T" && exec sipp 127.0.0.1:$SIP_PORT -sf "$(scenario_final 480)" -s +15550403 \
	-i 127.0.0.1 -mi 127.0.0.1 -nostdin -m 1 -timeout 20s >"$T/sipp-ring.log" 2>&1) &
RING=$!
bg_track $RING
cdr_wait --where DestinationPhoneNumber=15550403 --count 1 --expect Status=InProgress
sleep 0.5
server_stop
wait $RING || die "ringing caller did not get 480 at shutdown (see sipp-ring.log)"
cdr_wait --where DestinationPhoneNumber=15550403 --count 1 \
	--expect Status=Failed --expect hangup_cause=server-shutdown
