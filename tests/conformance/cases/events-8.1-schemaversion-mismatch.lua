-- events §8.1, §8.6: a SchemaVersion other than the event's "1.0" is
-- refused whole (SchemaVersionMismatch): none of its actions runs.
handler = on {
  NEW_INBOUND_CALL = raw({ SchemaVersion = "2.0", Actions = { hangup(486) } }),
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "SchemaVersionMismatch" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 480 } },
  },
  expect_end = { sip_status = 480 },
}
