#!/bin/bash
# linphone_call: Linphone's console client (linphonec) calls the hello line;
# callflow must route the call, its application must hang up, and the audio
# linphonec received must contain speech. usage: linphone_call.sh BIN
#
# Standalone: runs itself inside its own network namespace (only lo, so
# nothing leaves loopback) with a 60 s limit, exits 0 on success, 1 with
# the evidence printed on failure.
#
# Two liblinphone 5.1 traps this works around (see the lprc below):
# - With a fresh HOME, ~/.local/share/linphone does not exist, the main
#   database cannot be created and the core never reaches GlobalOn: no SIP
#   listening point is ever opened and every call fails with "No listening
#   point matching". Creating that directory is the fix.
# - Its network monitor sees only 127.0.0.1 and declares the network DOWN
#   5 s after start-up; auto_net_state_mon=0 keeps it out of the way.

LIMIT=60
NUMBER=+15550100
LP_SIP_PORT=5670
MIN_RMS=0.01          # silence is ~0; the greeting measures ~0.09
MIN_SECONDS=3

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

fail()
{
	echo "FAIL: $*" >&2
	exit 1
}

# --- outside the namespace: set up, re-run inside it, judge --------------

evidence()
{
	local W=$1
	echo "===== callflow log ($W/server.log)"
	cat "$W/server.log" 2>/dev/null
	echo "===== linphonec console ($W/lp.log)"
	cat "$W/lp.log" 2>/dev/null
	echo "===== linphonec debug log, key lines ($W/lp-debug.log)"
	grep -E 'error|reachability|listening point|database|CallSession .* moving' \
		"$W/lp-debug.log" 2>/dev/null | cut -c1-200 | tail -n 40
	echo "===== received audio ($W/out.wav)"
	if [ -s "$W/out.wav" ]; then
		sox "$W/out.wav" -n stat 2>&1 | grep -E 'Length|RMS'
	else
		echo "(none)"
	fi
	echo "===== kept in $W"
}

outer()
{
	local bin=$1 W ns rc t
	[ -n "$bin" ] || { echo "usage: $0 path/to/callflow" >&2; exit 1; }
	[ -x "$bin" ] || fail "no executable callflow binary at $bin"
	for t in linphonec sox unshare ip ss timeout; do
		command -v "$t" >/dev/null || fail "$t is not installed"
	done
	bin=$(readlink -f "$bin")
	W=$(mktemp -d /tmp/linphone_call.XXXXXX) || fail "mktemp failed"
	ns="unshare -n"
	[ "$(id -u)" = 0 ] || ns="unshare -rn"
	LP_IN_NS=1 LP_WORK=$W timeout -k 5 $LIMIT $ns \
		bash "${BASH_SOURCE[0]}" "$bin"
	rc=$?
	if [ $rc = 0 ]; then
		echo "PASS: linphonec called $NUMBER and heard the greeting"
		rm -rf "$W"
		exit 0
	fi
	[ $rc = 124 ] || [ $rc = 137 ] && echo "FAIL: timed out after $LIMIT s" >&2
	evidence "$W"
	exit 1
}

# --- inside the namespace ------------------------------------------------

SRV=""
LP=""
cleanup()
{
	exec 3>&-
	[ -n "$LP" ] && kill -9 "$LP" 2>/dev/null
	[ -n "$SRV" ] && kill -9 "$SRV" 2>/dev/null
}

# wait_for FILE REGEX SECONDS: poll until FILE has a line matching REGEX.
wait_for()
{
	local i
	for i in $(seq 1 $(($3 * 10))); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

server_start()
{
	local i
	# From the repo root, as a user would run the example.
	(cd "$ROOT" && exec "$BIN" serve -c examples/config.lua \
		--data-dir "$W/var") >"$W/server.log" 2>&1 &
	SRV=$!
	for i in $(seq 1 100); do
		kill -0 $SRV 2>/dev/null || fail "callflow exited during start-up"
		ss -Hlun 'sport = :5060' | grep -q 127.0.0.1 && return 0
		sleep 0.1
	done
	fail "callflow does not listen on 127.0.0.1:5060 UDP after 10 s"
}

write_lprc()
{
	# RTP ports stay clear of callflow's 20000-29999 in examples/config.lua.
	cat >"$W/lprc" <<EOF
[sip]
sip_port=$LP_SIP_PORT
sip_tcp_port=0
sip_tls_port=0
default_proxy=-1
auto_net_state_mon=0

[rtp]
audio_rtp_port=41000-41100

[video]
enabled=0
EOF
}

# linphonec reads its commands from a FIFO that fd 3 keeps open.
linphone_start()
{
	export HOME=$W/home
	mkdir -p "$HOME/.local/share/linphone"
	mkfifo "$W/ctl" || fail "mkfifo failed"
	linphonec -c "$W/lprc" -d 6 -l "$W/lp-debug.log" <"$W/ctl" \
		>"$W/lp.log" 2>&1 &
	LP=$!
	exec 3>"$W/ctl"
}

lp()
{
	printf '%s\n' "$*" >&3 || fail "linphonec no longer reads commands"
}

linphone_stop()
{
	local i
	lp quit
	exec 3>&-
	for i in $(seq 1 50); do
		kill -0 $LP 2>/dev/null || break
		sleep 0.1
	done
	kill -9 $LP 2>/dev/null && echo "linphonec did not quit; killed" >&2
	wait $LP 2>/dev/null
	LP=""
}

server_stop()
{
	local i
	kill -TERM $SRV 2>/dev/null
	for i in $(seq 1 50); do
		kill -0 $SRV 2>/dev/null || break
		sleep 0.1
	done
	kill -9 $SRV 2>/dev/null && echo "callflow did not stop on SIGTERM; killed" >&2
	wait $SRV 2>/dev/null
	SRV=""
}

# Prints "LENGTH RMS" of a WAV file.
wav_stat()
{
	sox "$1" -n stat 2>&1 | awk '
		/^Length \(seconds\)/ { len = $3 }
		/^RMS +amplitude/     { rms = $3 }
		END { print len, rms }'
}

inner()
{
	local st len rms
	BIN=$1
	W=$LP_WORK
	trap cleanup EXIT
	ip link set lo up || fail "cannot bring lo up in the namespace"

	server_start
	write_lprc
	sox -n -r 8000 -c 1 -b 16 "$W/in.wav" trim 0 30 || fail "sox failed"
	linphone_start
	lp soundcard use files
	lp play "$W/in.wav"
	lp record "$W/out.wav"
	wait_for "$W/lp.log" 'Using wav files' 10 ||
		fail "linphonec did not switch to wav files"
	lp call "sip:$NUMBER@127.0.0.1"
	# The application speaks for ~7 s, then hangs up.
	wait_for "$W/lp.log" "Call [0-9]+ with .* (ended|error)" 30 ||
		fail "the call did not end within 30 s"
	sleep 0.5   # let linphonec close the recording
	linphone_stop
	server_stop

	grep -qE "Call [0-9]+ with .* connected" "$W/lp.log" ||
		fail "linphonec never got the call connected"
	grep -qE "Media streams established" "$W/lp.log" ||
		fail "linphonec never established media"
	grep -qE "Call [0-9]+ with .* ended" "$W/lp.log" ||
		fail "the call did not end normally on linphonec's side"
	grep -E "routed" "$W/server.log" | grep -qF "$NUMBER" ||
		fail "callflow did not log the call to $NUMBER as routed"
	grep -qE "application-hangup" "$W/server.log" ||
		fail "callflow did not log a hang-up by the application"
	[ -s "$W/out.wav" ] || fail "linphonec recorded no audio"
	st=$(wav_stat "$W/out.wav")
	len=${st% *}
	rms=${st#* }
	awk -v l="$len" -v m=$MIN_SECONDS 'BEGIN { exit !(l + 0 >= m) }' ||
		fail "recorded audio is $len s long, want >= $MIN_SECONDS s"
	awk -v r="$rms" -v m=$MIN_RMS 'BEGIN { exit !(r + 0 >= m) }' ||
		fail "recorded audio RMS is $rms, want >= $MIN_RMS (silence?)"
	echo "linphonec heard $len s of audio, RMS $rms"
	exit 0
}

if [ "${LP_IN_NS:-}" = 1 ]; then
	inner "$@"
else
	outer "$@"
fi
