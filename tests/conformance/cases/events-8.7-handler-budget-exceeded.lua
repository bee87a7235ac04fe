-- events §8.2, §8.7 (compat Q5): a handler that never returns is stopped by
-- its budget (instructions or wall time), retried once, then the call ends
-- with 480.
handler = on {
  NEW_INBOUND_CALL = function(ev)
    local n = 0
    while true do n = n + 1 end
  end,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
    { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "handler-error" },
}
