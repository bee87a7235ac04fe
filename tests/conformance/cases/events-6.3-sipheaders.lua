-- events §6.3 (sip-cdr-limits a.1): the INVITE's X- headers, User-to-User
-- and Diversion appear in LEG-A's SipHeaders, on every event of the call.
-- (That other headers do not is checked through SIP in
-- tests/integration/t_conformance_sip.sh: the simulator refuses them.)
local UUI = "616d617a6f6e5f6368696d655f636f6e6e6563745f696e746567726174696f6e;encoding=hex"
local DIV = "sip:+11234567891@public.test.com;reason=unconditional"
handler = on {
  NEW_INBOUND_CALL = function(ev)
    local h = ev.CallDetails.Participants[1].SipHeaders
    check(type(h) == "table", "no SipHeaders")
    check(h["X-Account-Id"] == "abc", "X-Account-Id is %s", tostring(h["X-Account-Id"]))
    check(h["User-to-User"] == UUI, "User-to-User is %s", tostring(h["User-to-User"]))
    check(h["Diversion"] == DIV, "Diversion is %s", tostring(h["Diversion"]))
    return { beeps(1) }
  end,
  ACTION_SUCCESSFUL = function(ev)
    local h = ev.CallDetails.Participants[1].SipHeaders
    check(type(h) == "table" and h["X-Account-Id"] == "abc", "SipHeaders gone after the first event")
    return { hangup() }
  end,
}
--- scenario ---
return {
  headers = {
    ["X-Account-Id"] = "abc",
    ["User-to-User"] = "616d617a6f6e5f6368696d655f636f6e6e6563745f696e746567726174696f6e;encoding=hex",
    Diversion = "sip:+11234567891@public.test.com;reason=unconditional",
  },
  expect = {
    { event = "NEW_INBOUND_CALL", fields = {
      ["CallDetails.Participants.1.SipHeaders.X-Account-Id"] = "abc" } },
    { event = "ACTION_SUCCESSFUL", fields = {
      ["CallDetails.Participants.1.SipHeaders.Diversion"] =
        "sip:+11234567891@public.test.com;reason=unconditional" } },
    { event = "HANGUP" },
  },
}
