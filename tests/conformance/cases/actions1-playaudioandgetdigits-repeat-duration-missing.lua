-- actions-1 §12: RepeatDurationInMilliseconds is required.
handler = on {
  NEW_INBOUND_CALL = { pagd({ RepeatDurationInMilliseconds = NONE }) },
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
