#!/bin/bash
# bench/simulate.sh - how fast the offline simulator runs the examples'
# scenarios; prints figures, never asserts. usage: bench/simulate.sh BIN
#
# Per example: real milliseconds per run (median of RUNS), the virtual
# length of the call, and the speed-up (virtual seconds per real second).
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 path/to/callflow" >&2; exit 2; }
BIN=$(readlink -f "$1")
RUNS=${RUNS:-9}
T=$(mktemp -d /tmp/callflow-simbench.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/storage"
ln -s "$ROOT/examples/storage/prompts" "$T/storage/prompts"

echo "callflow simulate: $RUNS runs per example scenario"
printf '%-12s %10s %12s %10s\n' example "call (s)" "real (ms)" speed-up
for sc in "$ROOT"/examples/*.scenario.lua; do
	name=$(basename "$sc" .scenario.lua)
	times=""
	virt=""
	for _ in $(seq "$RUNS"); do
		t0=$(date +%s%N)
		out=$("$BIN" simulate "$ROOT/examples/$name.lua" --scenario "$sc" \
			--storage "$T/storage" --json 2>/dev/null) ||
			{ echo "$name: simulate failed"; continue 2; }
		t1=$(date +%s%N)
		times="$times $(((t1 - t0) / 1000))"
		virt=$(echo "$out" | tail -n 1 | sed -n 's/^{"t_ms":\([0-9]*\),.*/\1/p')
	done
	med=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	awk -v n="$name" -v v="$virt" -v us="$med" 'BEGIN {
		printf "%-12s %10.1f %12.1f %9.0fx\n", n, v / 1000, us / 1000,
		       us ? (v * 1000) / us : 0 }'
done
