-- actions-2 §4.2: InputDigitsRegex must be a valid regular expression.
handler = on {
  NEW_INBOUND_CALL = { sagd({ InputDigitsRegex = "[" }) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The InputDigitsRegex parameter is invalid", "Actions[0].Parameters.InputDigitsRegex"),
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
