-- actions-1 Appendix A: InputDigitsRegex must be a valid regex.
handler = on {
  NEW_INBOUND_CALL = { pagd({ InputDigitsRegex = "(" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The InputDigitsRegex parameter is invalid", "Actions[0].Parameters.InputDigitsRegex"),
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
