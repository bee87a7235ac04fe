#!/bin/bash
# run.sh - the conformance suite: every rule of events.md §6-§11 and every
# error row of the action tables, run through `callflow simulate` (virtual
# clock, no SIP, no RTP). usage: tests/conformance/run.sh BIN [CASE...]
#
# A case is one file, cases/NAME.lua, named after its spec section: the
# handler (the `on {...}` table of lib/prelude.lua, which is put in front of
# it), a line `--- scenario ---`, then the scenario (the simulated caller
# and the invocations expected, docs/simulate.md). A line
# `-- simulate: ARGS` adds options to `callflow simulate` (@LIB@ is
# tests/conformance/lib). The examples' own scenarios
# (examples/NAME.scenario.lua) run too, as example-NAME.
#
# Prints a FAIL line with the simulator's diff per failed case, and ends
# with "conformance: N passed, M failed" (exit 1 if any failed).
# JOBS=N sets the parallelism; KEEP=1 keeps the work directory; VERBOSE=1
# shows the simulator's log lines of a failed case too.
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [ $# -lt 1 ]; then
	echo "usage: $0 path/to/callflow [CASE...]" >&2
	exit 2
fi
BIN=$(readlink -f "$1")
shift
[ -x "$BIN" ] || { echo "conformance: $BIN is not an executable"; exit 1; }

PROMPTS=$ROOT/examples/storage/prompts
if [ ! -f "$PROMPTS/beep.wav" ] || [ ! -f "$PROMPTS/thanks.wav" ]; then
	make -C "$ROOT" --no-print-directory BUILD="$(dirname "$BIN")" prompts \
		>/dev/null || { echo "conformance: make prompts failed"; exit 1; }
fi

WORK=$(mktemp -d /tmp/callflow-conf.XXXXXX)
export BIN WORK HERE ROOT

# The storage every case sees (--storage):
#   prompts/  the example prompts (beep.wav is 400 ms)
#   bad/      notwav.wav (text), empty.wav (0 bytes)
#   rec/      writable, for recordings
#   media/    WAVs of other formats (sox), big.wav (sparse, over 50 MB)
#   ro        a file, not a directory: a bucket nothing can be written to
mkdir -p "$WORK/storage/bad" "$WORK/storage/rec" "$WORK/storage/media"
ln -s "$PROMPTS" "$WORK/storage/prompts"
echo "this is not a WAV file" >"$WORK/storage/bad/notwav.wav"
: >"$WORK/storage/bad/empty.wav"
echo "not a bucket" >"$WORK/storage/ro"
M=$WORK/storage/media
if ! { sox -n -r 16000 -c 2 -b 16 "$M/tone16k-stereo.wav" synth 0.5 sine 440 &&
	sox -n -r 8000 -c 1 -e mu-law "$M/tone-ulaw.wav" synth 0.3 sine 440 &&
	sox -n -r 44100 -c 1 -e floating-point -b 32 "$M/tone-float.wav" \
		synth 0.2 sine 440; }; then
	echo "conformance: sox failed"
	exit 1
fi
cp "$PROMPTS/beep.wav" "$M/big.wav" && truncate -s 52M "$M/big.wav"

# run_one NAME: sets up $WORK/NAME and runs it; leaves rc, out, err there.
run_one()
{
	local name=$1 d=$WORK/$1 script scen src args=""
	mkdir -p "$d"
	case $name in
	example-*)
		src=${name#example-}
		script=$ROOT/examples/$src.lua
		scen=$ROOT/examples/$src.scenario.lua
		# Recordings go to the work directory, not examples/storage.
		args="--storage $WORK/storage"
		;;
	*)
		src=$HERE/cases/$name.lua
		if [ ! -f "$src" ]; then
			echo "no such case: $src" >"$d/err"
			echo 2 >"$d/rc"
			return
		fi
		if ! grep -q '^--- scenario ---$' "$src"; then
			echo "$src: no '--- scenario ---' line" >"$d/err"
			echo 2 >"$d/rc"
			return
		fi
		script=$d/handler.lua
		scen=$d/scenario.lua
		{
			cat "$HERE/lib/prelude.lua"
			echo "-- ==== $name ===="
			sed '/^--- scenario ---$/,$d' "$src"
		} >"$script"
		sed '1,/^--- scenario ---$/d' "$src" >"$scen"
		args=$(sed -n 's/^-- simulate: //p' "$src" | sed "s|@LIB@|$HERE/lib|g")
		args="--storage $WORK/storage $args"
		;;
	esac
	# shellcheck disable=SC2086  # args are words on purpose
	(cd "$d" && timeout -k 2 30 "$BIN" simulate "$script" --scenario "$scen" \
		$args >"$d/out" 2>"$d/err")
	echo $? >"$d/rc"
}
export -f run_one

if [ $# -gt 0 ]; then
	CASES="$*"
else
	CASES=""
	for s in "$HERE"/cases/*.lua; do
		CASES="$CASES $(basename "$s" .lua)"
	done
	for s in "$ROOT"/examples/*.scenario.lua; do
		[ -f "$s" ] || continue
		s=$(basename "$s" .scenario.lua)
		CASES="$CASES example-$s"
	done
fi

t0=$(date +%s%N)
# shellcheck disable=SC2086,SC2016  # one name a line; $1 is bash -c's
printf '%s\n' $CASES | xargs -P "${JOBS:-$(nproc)}" -I{} bash -c 'run_one "$1"' _ {}

pass=0
fail=0
for name in $CASES; do
	d=$WORK/$name
	rc=$(cat "$d/rc" 2>/dev/null || echo "?")
	if [ "$rc" = 0 ]; then
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	case $rc in
	1) why="expectations not met" ;;
	2) why="usage or scenario error" ;;
	124|137) why="timed out after 30 s" ;;
	*) why="exit $rc" ;;
	esac
	echo "FAIL $name ($why)"
	# A failed check inside the handler says what was wrong with the event.
	grep -ho 'CONF-CHECK: [^"]*' "$d/out" "$d/err" 2>/dev/null | sort -u |
		head -n 5 | sed 's/^/  /'
	# The simulator's diff, without its log lines (VERBOSE=1 keeps them).
	if [ -n "${VERBOSE:-}" ]; then
		cat "$d/err"
	else
		grep -Ev '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' "$d/err" | head -n 40
	fi | sed 's/^/  /'
done
ms=$((($(date +%s%N) - t0) / 1000000))

[ $fail = 0 ] && [ -z "${KEEP:-}" ] && rm -rf "$WORK"
[ $fail != 0 ] || [ -n "${KEEP:-}" ] && echo "conformance: files in $WORK"
echo "conformance: $pass passed, $fail failed ($((ms / 1000)).$((ms % 1000 / 100)) s)"
[ $fail = 0 ]
