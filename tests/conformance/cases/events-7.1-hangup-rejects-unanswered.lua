-- events §7.1, actions-1 §7 (compat Q15): Hangup in reply to
-- NEW_INBOUND_CALL rejects the call without answering it; SipResponseCode
-- 0 ("normal") is sent as 603 Decline.
handler = on {
  NEW_INBOUND_CALL = { hangup(0) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL", actions = { "Hangup" } },
    { event = "HANGUP", at = 0, fields = { ["ActionData.Parameters.SipResponseCode"] = 603 } },
  },
  expect_end = { sip_status = 603, hangup_by = "server", cause = "application-hangup" },
}
