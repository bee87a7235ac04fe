#!/bin/sh
# Run every unit test binary; cmocka prints its summary on stderr, so fold
# it into stdout. Ends with a plain "N passed, N failed" line.
pass=0; fail=0
for t in "$@"; do
	if timeout 60 "$t" 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" = 0 ]
