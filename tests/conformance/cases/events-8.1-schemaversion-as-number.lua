-- events §8.1: SchemaVersion is the string "1.0"; the number 1.0 does not
-- match (SchemaVersionMismatch).
handler = on {
  NEW_INBOUND_CALL = raw({ SchemaVersion = 1.0, Actions = { hangup(486) } }),
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "SchemaVersionMismatch" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
