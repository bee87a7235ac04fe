#!/bin/bash
# run.sh - end-to-end tests of a callflow binary against real SIP peers
# (sipp, baresip, raw UDP). usage: tests/integration/run.sh BIN [TEST...]
#
# Each test (t_NAME.sh) runs in its own network namespace with a hard
# timeout and its own temp dir; this prints PASS/FAIL per test, the logs of
# a failed one, and ends with "integration: N passed, M failed".
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ALL="hello_sipp unknown_number broken_handlers concurrent_50 bad_sip
     baresip_call linphone_call bad_config crash_recovery robustness
     dtmf_rfc4733 dtmf_info dtmf_inband dtmf_send dtmf_timers dtmf_ivr
     rec_voicemail rec_call_recording rec_crash rec_errors
     rec_baresip_voicemail update_api conformance_sip simulate_cli"
LIMIT=${IT_TIMEOUT:-60}   # seconds per test

if [ $# -lt 1 ]; then
	echo "usage: $0 path/to/callflow [TEST...]" >&2
	exit 2
fi
BIN=$(readlink -f "$1")
shift
TESTS=${*:-$ALL}
ntests=$(echo $TESTS | wc -w)

fatal()
{
	echo "integration: $*"
	echo "integration: 0 passed, $ntests failed"
	exit 1
}

[ -x "$BIN" ] || fatal "$BIN is not an executable (build it first)"
[ "$(id -u)" = 0 ] || fatal "needs root (each test runs in unshare -n)"
for tool in sipp baresip linphonec tshark sox unshare ip timeout; do
	command -v $tool >/dev/null || fatal "'$tool' is not installed"
done
# The example prompts are generated (Makefile target `prompts`).
if [ ! -f "$ROOT/examples/storage/prompts/thanks.wav" ] ||
   [ ! -f "$ROOT/examples/storage/prompts/beep.wav" ]; then
	make -C "$ROOT" --no-print-directory BUILD="$(dirname "$BIN")" prompts >/dev/null ||
		fatal "make prompts failed"
fi

WORK=$(mktemp -d /tmp/callflow-it.XXXXXX)
pass=0
fail=0
for t in $TESTS; do
	script=$HERE/t_$t.sh
	d=$WORK/$t
	mkdir -p "$d"
	if [ ! -f "$script" ]; then
		echo "FAIL $t (no such test)"
		fail=$((fail + 1))
		continue
	fi
	t0=$(date +%s%N)
	# timeout signals the whole process group, so servers and peers the
	# test left behind die with it; the namespace goes with the last one.
	timeout -k 5 $LIMIT unshare -n bash -c \
		'ip link set lo up && exec bash "$0" "$@"' "$script" "$BIN" "$d" \
		>"$d/test.log" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	secs=$((ms / 1000)).$((ms % 1000 / 100))
	if [ $rc = 0 ]; then
		echo "PASS $t ($secs s)"
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	why="exit $rc"
	[ $rc = 124 ] || [ $rc = 137 ] && why="timed out after ${LIMIT} s"
	echo "FAIL $t ($why, $secs s)"
	echo "----- $t: test output"
	sed 's/^/  /' "$d/test.log"
	if [ -f "$d/server.log" ]; then
		echo "----- $t: server log (last 150 lines of $d/server.log)"
		tail -n 150 "$d/server.log" | sed 's/^/  /'
	fi
	for f in "$d"/sipp-*errors.log; do
		[ -s "$f" ] || continue
		echo "----- $t: $(basename "$f") (last 30 lines)"
		tail -n 30 "$f" | sed 's/^/  /'
	done
	echo "----- $t: end (files kept in $d)"
done

# KEEP=1 keeps the logs of passing tests too.
[ $fail = 0 ] && [ -z "${KEEP:-}" ] && rm -rf "$WORK"
[ -n "${KEEP:-}" ] && echo "integration: logs in $WORK"
echo "integration: $pass passed, $fail failed"
[ $fail = 0 ]
