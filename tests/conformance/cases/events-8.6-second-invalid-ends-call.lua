-- events §8.6 (compat Q4): a second unusable reply in a row ends the call:
-- 480 before answer (CDR cause invalid-response).
handler = on {
  NEW_INBOUND_CALL = { { Type = "Dance" } },
  INVALID_LAMBDA_RESPONSE = raw({ SchemaVersion = "9" }),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction", at = 0 },
    { event = "HANGUP", at = 0, fields = { ["ActionData.Parameters.SipResponseCode"] = 480 } },
  },
  expect_end = { sip_status = 480, hangup_by = "server", cause = "invalid-response" },
}
