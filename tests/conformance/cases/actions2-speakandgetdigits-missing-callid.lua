-- actions-2 §4.2: CallId is required.
handler = on {
  NEW_INBOUND_CALL = { sagd({ CallId = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.CallId"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "SpeakAndGetDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
