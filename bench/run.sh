#!/bin/bash
# bench/run.sh - load ramp against a callflow binary; prints figures, never
# asserts. usage: bench/run.sh path/to/callflow
#
# In a private network namespace: callflow serves a line that speaks a short
# greeting, pauses 3 s and hangs up; sipp (echoing RTP back, so callflow's
# receive statistics see the round trip) places calls at rising concurrency.
# Per step: sipp successes, calls/s, tx loss/lateness on a 2 s tshark
# sample, CDR rx loss/late, CPU per call-second from /proc/PID/stat, RSS per
# call from VmRSS, handler time from the CDR invocations table.
# BENCH_LEVELS="25 50 100" overrides the steps.
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
export PYTHONDONTWRITEBYTECODE=1   # keep the source tree clean

if [ -z "${CF_BENCH_NS:-}" ]; then
	[ $# -ge 1 ] || { echo "usage: $0 path/to/callflow" >&2; exit 2; }
	BIN=$(readlink -f "$1")
	[ -x "$BIN" ] || { echo "bench: $1 is not an executable" >&2; exit 1; }
	[ "$(id -u)" = 0 ] || { echo "bench: needs root (unshare -n)" >&2; exit 1; }
	for tool in sipp tshark unshare; do
		command -v $tool >/dev/null || { echo "bench: '$tool' missing" >&2; exit 1; }
	done
	exec timeout -k 5 240 unshare -n env CF_BENCH_NS=1 bash -c \
		'ip link set lo up && exec bash "$0" "$@"' "$0" "$BIN"
fi

BIN=$1
LEVELS=${BENCH_LEVELS:-25 50 100 200 300 400}
T=$(mktemp -d /tmp/callflow-bench.XXXXXX)
SRV=""
SAMPLER=""
cleanup()
{
	[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
	[ -n "$SRV" ] && kill "$SRV" 2>/dev/null
}
trap cleanup EXIT

cat >"$T/bench.lua" <<'EOF'
-- The benchmark's line: a short greeting (cached after the first call),
-- three seconds of silence, hang up.
local function response(actions)
  return { SchemaVersion = "1.0", Actions = actions }
end

function handler(event)
  if event.InvocationEventType ~= "NEW_INBOUND_CALL" then
    return response({})
  end
  local id = event.CallDetails.Participants[1].CallId
  return response({
    { Type = "Speak", Parameters = { CallId = id, Text = "Welcome to the benchmark.",
        VoiceId = "Joanna", Engine = "neural", LanguageCode = "en-US" } },
    { Type = "Pause", Parameters = { CallId = id, DurationInMilliseconds = 3000 } },
    { Type = "Hangup", Parameters = { CallId = id, SipResponseCode = "0" } },
  })
end
EOF
cat >"$T/config.lua" <<EOF
return {
  sip = { listen = "127.0.0.1:5060" },
  rtp = { address = "127.0.0.1", port_min = 20000, port_max = 39999 },
  storage_root = "$ROOT/examples/storage",
  PhoneNumbers = { { E164PhoneNumber = "+15550100" } },
  SipMediaApplications = { { SipMediaApplicationId = "bench",
    Endpoints = { { Script = "$T/bench.lua" } } } },
  SipRules = { { SipRuleId = "bench", TriggerType = "ToPhoneNumber",
    TriggerValue = "+15550100",
    TargetApplications = { { SipMediaApplicationId = "bench", Priority = 1 } } } },
}
EOF

ulimit -n 65536 2>/dev/null
"$BIN" serve -c "$T/config.lua" --data-dir "$T/data" >"$T/server.log" 2>&1 &
SRV=$!
for i in $(seq 1 50); do
	"$PY" "$ROOT/tests/integration/py/siptool.py" options --timeout 0.2 \
		>/dev/null 2>&1 && break
	sleep 0.2
done
kill -0 $SRV 2>/dev/null || { echo "bench: callflow did not start"; cat "$T/server.log"; exit 1; }
DB=$T/data/cdr.sqlite

now_ms() { echo $(($(date +%s%N) / 1000000)); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SRV/stat" 2>/dev/null | sed 's/^$/0/'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SRV/status"; }

# sipp_run NAME RATE LIMIT CALLS: one load step, RTP echoed.
sipp_run()
{
	(cd "$T" && sipp 127.0.0.1:5060 -sf "$ROOT/tests/integration/scenarios/uac_wait_bye.xml" \
		-s +15550100 -i 127.0.0.1 -mi 127.0.0.1 -mp 6000 -rtp_echo -nostdin \
		-r "$2" -l "$3" -m "$4" -timeout 90s -timeout_error \
		-trace_stat -fd 1 -stf "$T/$1.csv" >"$T/$1.log" 2>&1)
}

# Warm up (TTS cache, handler state) and measure one call's length.
t0=$(now_ms)
sipp_run warm 1 1 1 || { echo "bench: the warm-up call failed"; tail -n 20 "$T/server.log"; exit 1; }
sleep 0.5
CALL_MS=$(sqlite3 "$DB" "SELECT MAX(end_ms - start_ms) FROM legs" 2>/dev/null)
[ -n "$CALL_MS" ] && [ "$CALL_MS" -gt 0 ] || CALL_MS=4500
BASE_RSS=$(rss_kb)
LATE_FLOOR=$(sqlite3 "$DB" "SELECT MAX(rtp_rx_late) FROM legs" 2>/dev/null)
echo "bench: one call lasts $CALL_MS ms; idle RSS ${BASE_RSS} KB; steps: $LEVELS"

: >"$T/steps.jsonl"
"$PY" "$HERE/analyze.py" sample $SRV "$DB" "$T/samples.txt" &
SAMPLER=$!
for n in $LEVELS; do
	# Rate so that n calls overlap; 3 call-lengths' worth of calls.
	rate=$(awk -v n=$n -v ms=$CALL_MS 'BEGIN { r = n * 1000 / ms; printf "%.1f", r < 1 ? 1 : r }')
	calls=$((n * 3))
	since=$(now_ms)
	c0=$(cpu_ticks)
	# A 2 s capture of what callflow sends, once the step is at full load.
	(sleep $(awk -v ms=$CALL_MS 'BEGIN { printf "%.1f", ms / 1000 + 1 }') &&
		exec tshark -i lo -F pcap -s 64 -f "udp and dst port 6000" \
			-a duration:2 -w "$T/step$n.pcap" -q) >"$T/tshark$n.log" 2>&1 &
	cap=$!
	sipp_run step$n "$rate" "$n" "$calls"
	wait $cap
	sleep 1   # let the CDR writer catch up
	until=$(now_ms)
	c1=$(cpu_ticks)
	"$PY" "$HERE/analyze.py" step --db "$DB" --samples "$T/samples.txt" \
		--stat "$T/step$n.csv" --pcap "$T/step$n.pcap" --level $n \
		--rate "$rate" --since-ms $since --until-ms $until \
		--cpu-ticks $((c1 - c0)) --wall-s $(((until - since) / 1000)) \
		--base-rss-kb "$BASE_RSS" >>"$T/steps.jsonl" ||
		{ echo "bench: analysis of step $n failed"; break; }
	failed=$(tail -n 1 "$T/steps.jsonl" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["sipp_failed"])')
	echo "bench: step $n done ($calls calls at $rate/s, $failed failed)"
	kill -0 $SRV 2>/dev/null || { echo "bench: callflow died"; break; }
	[ "$failed" = 0 ] || break
done
kill $SAMPLER 2>/dev/null
SAMPLER=""

echo
echo "callflow load ramp (2 cores shared with sipp and tshark; RTP echoed by sipp)"
"$PY" "$HERE/analyze.py" table "$T/steps.jsonl" --late-floor "${LATE_FLOOR:-0}"
kill -TERM $SRV
wait $SRV
echo "callflow exited with status $?; logs in $T"
SRV=""
