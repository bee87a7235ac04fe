-- events §8.6 (compat Q4): Actions that is not a list is InvalidActionList.
handler = on {
  NEW_INBOUND_CALL = raw({ SchemaVersion = "1.0", Actions = "PlayAudio" }),
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
