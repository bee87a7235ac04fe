-- events §9 (compat Q3): more than 20 KB of keys and values is
-- TransactionAttributesInvalidSize.
handler = on {
  NEW_INBOUND_CALL = R({ hangup(486) }, { k = string.rep("x", 20480) }),
  INVALID_LAMBDA_RESPONSE = { hangup(480) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "TransactionAttributesInvalidSize" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 480 },
}
