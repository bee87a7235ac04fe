-- actions-1 Appendix A: MaxNumberOfDigits must be from 0 to 128.
handler = on {
  NEW_INBOUND_CALL = { pagd({ MaxNumberOfDigits = 129 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The MaxNumberOfDigits parameter is invalid.", "Actions[0].Parameters.MaxNumberOfDigits"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "PlayAudioAndGetDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
