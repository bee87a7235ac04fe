-- actions-1 §7 (compat Q15): SipResponseCode may be a string ("486").
handler = on {
  NEW_INBOUND_CALL = { hangup("486") },
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "HANGUP", fields = { ["ActionData.Parameters.SipResponseCode"] = 486 } },
  },
  expect_end = { sip_status = 486 },
}
