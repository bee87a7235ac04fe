-- events §8.6: an empty string is NullOrEmptyResponse.
handler = on {
  NEW_INBOUND_CALL = raw(""),
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "NullOrEmptyResponse" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
