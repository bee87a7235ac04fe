-- actions-1 Appendix A: RepeatDurationInMilliseconds must be positive.
handler = on {
  NEW_INBOUND_CALL = { pagd({ RepeatDurationInMilliseconds = 0 }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The RepeatDurationInMilliseconds parameter is invalid.", "Actions[0].Parameters.RepeatDurationInMilliseconds"),
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
