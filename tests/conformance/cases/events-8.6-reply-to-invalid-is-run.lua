-- events §7 table, §7.9: the reply to INVALID_LAMBDA_RESPONSE is used like
-- any other.
handler = on {
  NEW_INBOUND_CALL = { { Type = "Dance" } },
  INVALID_LAMBDA_RESPONSE = { beeps(1) },
  ACTION_SUCCESSFUL = { hangup() },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "HANGUP", at = 400 },
  },
  expect_end = { sip_status = 200 },
}
