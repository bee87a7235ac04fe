-- compat (events Q4): after answer, a second unusable reply in a row ends
-- the call with a BYE.
handler = on {
  NEW_INBOUND_CALL = { beeps(1) },
  ACTION_SUCCESSFUL = NULL,
  INVALID_LAMBDA_RESPONSE = NULL,
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_SUCCESSFUL", type = "PlayAudio", at = 400 },
    { event = "INVALID_LAMBDA_RESPONSE", error = "NullOrEmptyResponse", at = 400 },
    { event = "HANGUP", at = 400 },
  },
  expect_end = { sip_status = 200, hangup_by = "server", cause = "invalid-response" },
}
