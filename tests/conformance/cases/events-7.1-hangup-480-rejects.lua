-- actions-1 §7 (compat Q15): a Hangup's 480 before answer is the
-- INVITE's final status, as given.
handler = on {
  NEW_INBOUND_CALL = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 480 } },
  },
  expect_end = { sip_status = 480 },
}
