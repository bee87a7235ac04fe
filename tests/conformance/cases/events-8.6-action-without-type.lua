-- events §8.6 (compat Q4): an action without a Type is InvalidActionList.
handler = on {
  NEW_INBOUND_CALL = { { Parameters = { SipResponseCode = 486 } } },
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "InvalidActionList" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
