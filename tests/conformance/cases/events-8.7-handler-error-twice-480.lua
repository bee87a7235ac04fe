-- events §8.7 (compat sip-cdr Q1, Q2): when the retry fails too the call
-- ends with 480 (before answer); no further invocation.
handler = on {
  NEW_INBOUND_CALL = function(ev) error("always fails") end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "handler-error" },
}
