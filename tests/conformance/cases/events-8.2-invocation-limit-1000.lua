-- events §8.2: at most 1,000 handler invocations per call; the event that
-- would be the 1,001st is not delivered and the call ends (480 before
-- answer). ReceiveDigits succeeds at once, so each reply asks for the next.
handler = on {
  NEW_INBOUND_CALL = { recv() },
  ACTION_SUCCESSFUL = { recv() },
}
--- scenario ---
local expect = { { event = "NEW_INBOUND_CALL", fields = { Sequence = 1 } } }
for i = 2, 1000 do
  expect[i] = { event = "ACTION_SUCCESSFUL", type = "ReceiveDigits", fields = { Sequence = i } }
end
return {
  expect = expect,
  expect_end = { sip_status = 480, hangup_by = "server", cause = "invocation-limit" },
}
