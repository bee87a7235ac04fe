-- actions-1 §13 (a valid regular expression; compat Q12: PCRE2).
handler = on {
  NEW_INBOUND_CALL = { recv("([0-9", 500, 5000) },
  ACTION_FAILED = fails_with("InvalidActionParameter", "The InputDigitsRegex parameter is invalid", "Actions[0].Parameters.InputDigitsRegex"),
}
--- scenario ---
return {
  expect = {
    { event = "NEW_INBOUND_CALL" },
    { event = "ACTION_FAILED", type = "ReceiveDigits", error = "InvalidActionParameter" },
    { event = "HANGUP" },
  },
  expect_end = { sip_status = 486 },
}
