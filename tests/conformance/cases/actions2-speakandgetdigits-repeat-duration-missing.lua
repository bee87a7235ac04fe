-- actions-2 §4.2: RepeatDurationInMilliseconds is required.
handler = on {
  NEW_INBOUND_CALL = { sagd({ RepeatDurationInMilliseconds = NONE }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", nil, "Actions[0].Parameters.RepeatDurationInMilliseconds"),
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
