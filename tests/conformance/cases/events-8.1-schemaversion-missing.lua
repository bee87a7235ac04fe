-- events §8.1, §8.6: a response without SchemaVersion is
-- NullOrEmptyResponse ("must contain at least SchemaVersion").
handler = on {
  NEW_INBOUND_CALL = raw({ Actions = { hangup(486) } }),
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "NullOrEmptyResponse" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
