#!/bin/bash
# broken_handlers: handlers that do not compile, never return, return a
# number, or return a response without SchemaVersion. Each caller is refused
# cleanly with 480 (not left to time out), each CDR row names the script
# and says what was wrong with it (file:line, budget, the bad value, the
# missing field), and the server goes on answering a good call.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

H=$HERE/handlers
sma()
{
	echo "    { SipMediaApplicationId = \"$1\", Endpoints = { { Script = \"$2\" } } },"
}
rule()
{
	echo "    { SipRuleId = \"r$1\", TriggerType = \"ToPhoneNumber\", TriggerValue = \"$1\","
	echo "      TargetApplications = { { SipMediaApplicationId = \"$2\", Priority = 1 } } },"
}
write_config "$T/config.lua" <<EOF2
  handler = { workers = 2, instruction_budget = 2000000, time_budget_ms = 5000 },
  PhoneNumbers = {
    { E164PhoneNumber = "+15550100" }, { E164PhoneNumber = "+15550101" },
    { E164PhoneNumber = "+15550102" }, { E164PhoneNumber = "+15550103" },
    { E164PhoneNumber = "+15550104" },
  },
  SipMediaApplications = {
$(sma hello "$ROOT/examples/hello.lua")
$(sma syntax "$H/bad_syntax.lua")
$(sma spin "$H/spin.lua")
$(sma ret42 "$H/return42.lua")
$(sma noschema "$H/no_schema.lua")
  },
  SipRules = {
$(rule +15550100 hello)
$(rule +15550101 syntax)
$(rule +15550102 spin)
$(rule +15550103 ret42)
$(rule +15550104 noschema)
  },
EOF2
server_start "$T/config.lua"

sc480=$(scenario_final 480)
for n in 101 102 103 104; do
	note "call +15550$n: want 480"
	sipp_call "b$n" "$sc480" "+15550$n" ||
		die "+15550$n: no clean 480 (sipp exit $?): $(tail -n 30 "$T/sipp-b$n.log")"
	server_alive
done

note "CDR rows say why"
common="--count 1 --expect Direction=Inbound --expect Status=Failed --expect sip_status=480"
cdr_check --where DestinationPhoneNumber=15550101 $common \
	--expect hangup_cause=handler-error --contains reason=bad_syntax.lua:4 \
	--contains script=bad_syntax.lua --expect SipRuleId=r+15550101 ||
	soft "CDR of the syntax-error call"
cdr_check --where DestinationPhoneNumber=15550102 $common \
	--expect hangup_cause=handler-error --contains reason=spin.lua \
	--contains reason=budget --contains script=spin.lua ||
	soft "CDR of the runaway-handler call"
cdr_check --where DestinationPhoneNumber=15550103 $common \
	--one-of 'hangup_cause=handler-error|invalid-response' \
	--contains script=return42.lua --matches 'reason=number|table|object|42' ||
	soft "CDR of the 'return 42' call (the reason must say what was returned)"
cdr_check --where DestinationPhoneNumber=15550104 $common \
	--expect hangup_cause=invalid-response --contains reason=SchemaVersion \
	--contains script=no_schema.lua ||
	soft "CDR of the call whose response lacks SchemaVersion"

note "a good call still works"
sipp_call good uac_wait_bye.xml +15550100 ||
	die "the good call failed (sipp exit $?): $(tail -n 30 "$T/sipp-good.log")"
cdr_wait --where DestinationPhoneNumber=15550100 --count 1 \
	--expect Status=Completed --range BillableDurationSeconds=2:30
server_stop
soft_done
