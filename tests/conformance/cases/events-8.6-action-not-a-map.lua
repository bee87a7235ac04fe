-- events §8.6 (compat Q4): an action that is not a map is InvalidActionList.
handler = on {
  NEW_INBOUND_CALL = raw({ SchemaVersion = "1.0", Actions = { "Hangup" } }),
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
