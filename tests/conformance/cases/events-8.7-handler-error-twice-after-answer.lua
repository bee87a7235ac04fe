-- compat (sip-cdr Q1, Q2): after answer, a handler that fails twice ends
-- the call with a BYE; no HANGUP invocation follows (the handler is
-- considered broken).
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = function(ev) error("always fails") end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400, fields = { Sequence = 2 } },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400, fields = { Sequence = 2 } },
  },
  expect_end = { sip_status = 200, hangup_by = "server", cause = "handler-error" },
}
