-- events §7.1 ("do nothing: the call times out after 30 s"), §8.6: an
-- empty list is an error for NEW_INBOUND_CALL; when the reply to that
-- does nothing either, the call times out 30 s later with 480.
handler = on {
  NEW_INBOUND_CALL = {},
  INVALID_LAMBDA_RESPONSE = {},
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "EmptyActionList", at = 0 },
    { event = "HANGUP", at = 30000 },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "unanswered-timeout" },
}
