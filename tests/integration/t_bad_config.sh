#!/bin/bash
# bad_config: `callflow serve` refuses a configuration it cannot run, with
# exit status 2 and a message that names the culprit: the field path of an
# unknown application in a rule, the file and line of a Lua syntax error, an
# unknown setting.
BIN=$1 T=$2
. "$(dirname "$0")/lib.sh"

# expect_refusal NAME CONFIG TEXT...: exit 2, stderr mentions every TEXT.
expect_refusal()
{
	local name=$1 cfg=$2 rc t
	shift 2
	timeout 10 "$BIN" serve -c "$cfg" --data-dir "$T/data" \
		>"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	echo "$name: exit $rc, stderr: $(cat "$T/$name.err")"
	[ $rc = 2 ] || die "$name: exit status $rc, want 2"
	for t in "$@"; do
		grep -qF -- "$t" "$T/$name.err" || die "$name: stderr does not mention '$t'"
	done
}

route_lua +15550100 hello "$ROOT/examples/hello.lua" |
	sed 's/SipMediaApplicationId = "hello", Priority/SipMediaApplicationId = "nope", Priority/' |
	write_config "$T/unknown_sma.lua"
grep -q '"nope"' "$T/unknown_sma.lua" || die "test bug: config not rewritten"
expect_refusal unknown_sma "$T/unknown_sma.lua" \
	"SipRules[0].TargetApplications[0]" nope

printf 'return {\n  sip = { listen = "127.0.0.1:5060" },\n  rtp = { address = = 1 },\n}\n' \
	>"$T/syntax.lua"
expect_refusal syntax "$T/syntax.lua" "syntax.lua:3"

printf 'return {\n  sip = { listen = "127.0.0.1:5060" },\n  sipp = {},\n}\n' \
	>"$T/unknown_key.lua"
expect_refusal unknown_key "$T/unknown_key.lua" "sipp"

# And a good one still starts (the refusals left nothing behind).
cp "$ROOT"/examples/*.lua "$T/"
ln -s "$ROOT/examples/storage" "$T/storage"
server_start "$T/config.lua"
server_stop
