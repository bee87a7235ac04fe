-- events §7.1, §8.2 (compat Q10): an inbound call left unanswered with
-- nothing to do (no action, no invocation in flight) is ended with 480
-- after 30 s.
handler = on {
  NEW_INBOUND_CALL = { pause(100) },
  ACTION_SUCCESSFUL = {},
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 100 },
    { event = "HANGUP", at = 30100, fields = { ["ActionData.Parameters.SipResponseCode"] = 480 } },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "unanswered-timeout" },
}
