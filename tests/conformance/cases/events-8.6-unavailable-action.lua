-- compat (events Q13, Q14): CallAndBridge is not available yet; it is
-- refused as UnsupportedAction rather than failing at run time.
handler = on {
  NEW_INBOUND_CALL = { { Type = "CallAndBridge", Parameters = {
    CallerIdNumber = "+15550100",
    Endpoints = { { BridgeEndpointType = "PSTN", Uri = "+15550199" } } } } },
  INVALID_LAMBDA_RESPONSE = { hangup(486) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "INVALID_LAMBDA_RESPONSE", error = "UnsupportedAction" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
