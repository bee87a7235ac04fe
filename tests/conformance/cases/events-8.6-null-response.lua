-- events §8.6: a null response (the handler returns nil) is
-- NullOrEmptyResponse, reported as INVALID_LAMBDA_RESPONSE (compat Q4).
handler = on {
  NEW_INBOUND_CALL = NULL,
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
