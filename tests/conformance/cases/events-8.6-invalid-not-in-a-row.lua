-- compat (events Q4): only two unusable replies IN A ROW end the call; a
-- usable one in between starts the count again.
handler = on {
  [1] = NULL,                             -- NEW_INBOUND_CALL: refused
  [2] = { pause(100) },                   -- INVALID_LAMBDA_RESPONSE: fine
  [3] = NULL,                             -- ACTION_SUCCESSFUL: refused
  [4] = { hangup(486) },                  -- INVALID_LAMBDA_RESPONSE: fine
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "NullOrEmptyResponse" },
    { event = "ACTION_SUCCESSFUL", type = "Pause", at = 100 },
    { event = "INVALID_LAMBDA_RESPONSE", error = "NullOrEmptyResponse", at = 100 },
    { event = "HANGUP", at = 100, fields = { ["ActionData.Parameters.SipResponseCode"] = 486 } },
  },
  expect_end = { sip_status = 486 },
}
