# lib.sh - shared helpers for the integration tests, sourced by each t_*.sh.
# A test runs inside its own network namespace (run.sh puts it there), so
# callflow always listens on 127.0.0.1:5060 and nothing leaves loopback.
# Every helper fails loudly: `die` prints why and exits 1.

set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
export PYTHONDONTWRITEBYTECODE=1   # keep the source tree clean
SIP_PORT=5060
SRV_PID=""
BG_PIDS=""

die()
{
	echo "ASSERT: $*" >&2
	exit 1
}

note()
{
	echo "--- $*"
}

# Kill what this test started (by pid) when it exits, whatever the reason.
cleanup()
{
	local p
	for p in $BG_PIDS $SRV_PID; do
		kill -9 "$p" 2>/dev/null
	done
}
trap cleanup EXIT

bg_track()
{
	BG_PIDS="$BG_PIDS $1"
}

# A config for the tests: SIP on 5060, RTP on 20000-20999, the given extra
# Lua table fields (PhoneNumbers, SipMediaApplications, SipRules...).
# usage: write_config FILE <<EOF ... EOF  (stdin: the fields)
write_config()
{
	{
		echo 'return {'
		echo '  sip = { listen = "127.0.0.1:5060" },'
		echo '  rtp = { address = "127.0.0.1", port_min = 20000, port_max = 20999 },'
		echo "  storage_root = \"$ROOT/examples/storage\","
		cat
		echo '}'
	} >"$1"
}

# One phone number routed to one script: prints the Lua fields for
# write_config. usage: route NUMBER SMA_ID SCRIPT_PATH
route_lua()
{
	local n=$1 id=$2 script=$3
	cat <<EOF
  PhoneNumbers = { { E164PhoneNumber = "$n" } },
  SipMediaApplications = { { SipMediaApplicationId = "$id",
    Endpoints = { { Script = "$script" } } } },
  SipRules = { { SipRuleId = "$id-rule", TriggerType = "ToPhoneNumber",
    TriggerValue = "$n",
    TargetApplications = { { SipMediaApplicationId = "$id", Priority = 1 } } } },
EOF
}

# Start callflow in the background; log in $T/server.log (appended, so a
# restart keeps the first run's log). usage: server_start CONFIG [ARGS...]
server_start()
{
	local cfg=$1
	shift
	echo "=== callflow serve -c $cfg $* (pid follows)" >>"$T/server.log"
	"$BIN" serve -c "$cfg" --sip 127.0.0.1:$SIP_PORT --data-dir "$T/data" \
		-v "$@" >>"$T/server.log" 2>&1 &
	SRV_PID=$!
	echo "=== pid $SRV_PID" >>"$T/server.log"
	server_wait_ready
}

# Ready = answers an OPTIONS with 200 (so SIP is up, not just bound).
server_wait_ready()
{
	local i
	for i in $(seq 1 50); do
		kill -0 "$SRV_PID" 2>/dev/null ||
			die "callflow exited during start-up"
		if "$PY" "$HERE/py/siptool.py" options --timeout 0.2 \
			>/dev/null 2>&1; then
			return 0
		fi
		sleep 0.2
	done
	die "callflow does not answer OPTIONS on 127.0.0.1:$SIP_PORT after 10 s"
}

# SIGTERM, then the server must exit 0 within 5 s.
server_stop()
{
	local i rc
	[ -n "$SRV_PID" ] || return 0
	kill -0 "$SRV_PID" 2>/dev/null || die "callflow died before the end of the test"
	kill -TERM "$SRV_PID"
	for i in $(seq 1 50); do
		kill -0 "$SRV_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$SRV_PID" 2>/dev/null; then
		kill -9 "$SRV_PID"
		die "callflow did not exit within 5 s of SIGTERM"
	fi
	wait "$SRV_PID"
	rc=$?
	SRV_PID=""
	[ "$rc" = 0 ] || die "callflow exited with status $rc after SIGTERM (want 0)"
	! grep -E 'AddressSanitizer|LeakSanitizer|ThreadSanitizer|runtime error:' \
		"$T/server.log" || die "sanitizer report in the server log"
	note "server stopped cleanly"
}

server_alive()
{
	kill -0 "$SRV_PID" 2>/dev/null || die "callflow is not running any more"
}

# sipp as a UAC against callflow. usage: sipp_call NAME SCENARIO NUMBER [ARGS]
# SCENARIO is a file in scenarios/ or an absolute path. Output in
# $T/sipp-NAME.log; returns sipp's exit status.
sipp_call()
{
	local name=$1 sf=$2 num=$3
	shift 3
	local m="-m 1"
	case $sf in /*) ;; *) sf=$HERE/scenarios/$sf ;; esac
	case " $* " in *" -m "*) m="" ;; esac
	(cd "$T" && sipp 127.0.0.1:$SIP_PORT -sf "$sf" \
		-s "$num" -i 127.0.0.1 -mi 127.0.0.1 -nostdin $m \
		-timeout 40s -timeout_error -trace_err \
		-error_file "$T/sipp-$name-errors.log" "$@" \
		>"$T/sipp-$name.log" 2>&1)
}

# `callflow cdr list --json` into FILE; the CDR writer is asynchronous, so
# callers poll with cdr_wait.
cdr_list()
{
	"$BIN" cdr list --data-dir "$T/data" --json --limit 1000 >"$1" 2>>"$T/cdr-cli.err"
}

# A copy of uac_expect_final.xml that wants final status CODE; prints its path.
scenario_final()
{
	sed "s/@CODE@/$1/g" "$HERE/scenarios/uac_expect_final.xml" >"$T/uac_expect_$1.xml"
	echo "$T/uac_expect_$1.xml"
}

# Poll the CDR until cdr_assert.py ARGS passes (up to 10 s), then run it
# once more for the record; returns its status. usage: cdr_check ARGS...
cdr_check()
{
	local i
	for i in $(seq 1 50); do
		cdr_list "$T/cdr.json" &&
			"$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" --quiet "$@" &&
			break
		sleep 0.2
	done
	cdr_list "$T/cdr.json" || die "callflow cdr list failed: $(cat "$T/cdr-cli.err")"
	"$PY" "$HERE/py/cdr_assert.py" "$T/cdr.json" "$@"
}

# cdr_check, and the test fails at once when it does not hold.
cdr_wait()
{
	cdr_check "$@" || die "CDR check failed (rows in $T/cdr.json)"
}

# A failure that should not hide the checks after it: noted now, fatal at
# soft_done.
SOFT_FAILS=""
soft()
{
	echo "ASSERT (continuing): $*" >&2
	SOFT_FAILS="$SOFT_FAILS
  - $*"
}

soft_done()
{
	[ -z "$SOFT_FAILS" ] || die "failed checks:$SOFT_FAILS"
}

# A headless baresip in DIR: SIP on 127.0.0.1:5470, no sound card, its
# microphone the file DIR/mic.wav (aufile hangs up at its end: pad it),
# what it hears dumped into DIR/rec (sndfile), ctrl_tcp on 127.0.0.1:4470
# (py/baresip_ctrl.py). usage: baresip_config DIR
baresip_config()
{
	local b=$1
	cat >"$b/config" <<EOF
poll_method		epoll
sip_listen		127.0.0.1:5470
net_interface		127.0.0.1
audio_player		alsa,null
audio_source		aufile,$b/mic.wav
audio_alert		alsa,null
rtp_ports		27000-27100
module_path		/usr/lib/baresip/modules
module			g711.so
module			alsa.so
module			aufile.so
module			sndfile.so
module_app		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:4470
snd_path		$b/rec
EOF
	echo "<sip:caller@127.0.0.1:5470>;regint=0" >"$b/accounts"
	: >"$b/contacts"
}
