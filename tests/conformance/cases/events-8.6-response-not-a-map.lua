-- events §8.6 (compat Q4): a response that is not a map with SchemaVersion
-- (here the number 42) is NullOrEmptyResponse.
handler = on {
  NEW_INBOUND_CALL = raw(42),
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
