-- events §8.6 ("the reply to NEW_INBOUND_CALL contained no action"): a
-- reply with SchemaVersion but no Actions at all is EmptyActionList too.
handler = on {
  NEW_INBOUND_CALL = R(nil),
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
