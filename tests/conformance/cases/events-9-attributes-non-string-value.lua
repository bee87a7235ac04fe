-- compat (events Q3): values must be strings: a number is
-- TransactionAttributesInvalidValue.
handler = on {
  NEW_INBOUND_CALL = R({ hangup(486) }, { count = 5 }),
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TransactionAttributesInvalidValue" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
