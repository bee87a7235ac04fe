-- events §7.1, §8.6: an empty list in reply to NEW_INBOUND_CALL is
-- EmptyActionList.
handler = on {
  NEW_INBOUND_CALL = {},
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "EmptyActionList" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
