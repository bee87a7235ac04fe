-- actions-1 §7: SipResponseCode 700 is InvalidActionParameter.
handler = on {
  NEW_INBOUND_CALL = { hangup(700) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.SipResponseCode"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "Hangup", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
