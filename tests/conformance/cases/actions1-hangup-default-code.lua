-- actions-1 §7 (compat Q15): without SipResponseCode the code is 0
-- (normal), sent before answer as 603 Decline.
handler = on {
  NEW_INBOUND_CALL = { hangup(nil, { SipResponseCode = NONE }) },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 603 },
}
